//! Gazetteers: the service gazetteers of `rules/gazetteers/*.toml` (every
//! spelling of every name a phrase of the automaton) and the plain lists of
//! [`LIST_FILES`].

use super::builder::{hash_hex, Builder};
use super::ruleset::{GazetteerEntry, PhraseKind};
use super::{GAZETTEER_DIR, LIST_FILES};
use crate::rules::parse::{self, line_of_str, read_list, read_toml, GazetteerFile};
use crate::rules::RuleSource;
use std::collections::{BTreeMap, HashMap};

/// The names one gazetteer entry stands for: each form filled with the
/// entry (or the entry itself without forms), each with every ' and ' and
/// ' & ' spelt either way (up to 16 spellings), since both occur ('Dorset & Wiltshire Fire and Rescue
/// Service'). Returns (name, locality) pairs, or a message for the author.
fn gazetteer_names(
    forms: &[String],
    entry: &str,
    entry_is_locality: bool,
) -> Result<Vec<(String, Option<String>)>, String> {
    let (stem, locality) = match entry.split_once('|') {
        Some((n, l)) => (n.trim(), Some(l.trim().to_string())),
        None => (entry.trim(), None),
    };
    if stem.is_empty() || locality.as_deref() == Some("") {
        return Err(format!(
            "gazetteer entry '{entry}' has an empty name or locality"
        ));
    }
    let names: Vec<String> = if forms.is_empty() {
        vec![stem.to_string()]
    } else {
        forms.iter().map(|f| f.replace("{}", stem)).collect()
    };
    let locality = match (forms.is_empty(), locality) {
        (_, Some(l)) => Some(l),
        (false, None) if entry_is_locality => Some(stem.to_string()),
        (false, None) => None,
        (true, None) => None,
    };
    // Every spelling: each ' and ' or ' & ' either way.
    let mut all: Vec<String> = Vec::new();
    for n in &names {
        let mut spellings = vec![String::new()];
        for (i, part) in n.split(" and ").flat_map(|p| p.split(" & ")).enumerate() {
            if i == 0 {
                spellings.iter_mut().for_each(|s| s.push_str(part));
                continue;
            }
            if spellings.len() >= 16 {
                spellings.iter_mut().for_each(|s| {
                    s.push_str(" and ");
                    s.push_str(part)
                });
                continue;
            }
            spellings = spellings
                .into_iter()
                .flat_map(|s| [format!("{s} and {part}"), format!("{s} & {part}")])
                .collect();
        }
        all.extend(spellings);
    }
    let mut names = all;
    names.sort();
    names.dedup();
    Ok(names.into_iter().map(|n| (n, locality.clone())).collect())
}

/// Read every `rules/gazetteers/*.toml` file (a rules folder without the
/// folder has no gazetteers): one rule per `[[gazetteer]]`, one phrase per name.
pub(super) fn load_gazetteers(
    dir: &RuleSource,
    b: &mut Builder,
    files: &mut BTreeMap<String, String>,
    out: &mut Vec<GazetteerEntry>,
) {
    let names = dir.list(GAZETTEER_DIR);
    for n in names.into_iter().filter(|n| n.ends_with(".toml")) {
        let file = format!("{GAZETTEER_DIR}/{n}");
        let (f, text) = match read_toml::<GazetteerFile>(dir, &file) {
            Ok(x) => x,
            Err(e) => {
                b.errors.push(e);
                continue;
            }
        };
        files.insert(file.clone(), hash_hex(text.as_bytes()));
        for g in f.gazetteer {
            let r = b.add_rule(&g.id, &file, &text, &g.id);
            let line = b.rules[r].line;
            if let Some(bad) = g.forms.iter().find(|f| !f.contains("{}")) {
                b.err(
                    &file,
                    line,
                    format!("form '{bad}' has no {{}} for the entry"),
                );
            }
            if g.kind.trim().is_empty() {
                b.err(&file, line, "gazetteer kind is empty");
            }
            for e in &g.entries {
                match gazetteer_names(&g.forms, e, g.entry_is_locality) {
                    Ok(list) => {
                        for (name, locality) in list {
                            b.phrase(&name, PhraseKind::Service { entry: out.len() }, r);
                            out.push(GazetteerEntry {
                                name,
                                locality,
                                kind: g.kind.clone(),
                            });
                        }
                    }
                    Err(m) => {
                        let l = line_of_str(&text, e.trim()).max(line);
                        b.err(&file, l, m);
                    }
                }
            }
        }
    }
}

/// Read the plain gazetteers ([`LIST_FILES`]): one list each, one entry a line.
pub(super) fn load_lists(
    dir: &RuleSource,
    b: &mut Builder,
    files: &mut BTreeMap<String, String>,
) -> HashMap<String, Vec<String>> {
    let mut lists: HashMap<String, Vec<String>> = HashMap::new();
    for (file, name) in LIST_FILES {
        match read_list(dir, file) {
            Ok(entries) => {
                if let Ok(text) = parse::read_text(dir, file) {
                    files.insert(file.to_string(), hash_hex(text.as_bytes()));
                }
                lists.insert(
                    name.to_string(),
                    entries.into_iter().map(|(e, _)| e).collect(),
                );
            }
            Err(e) => b.errors.push(e),
        }
    }
    lists
}
