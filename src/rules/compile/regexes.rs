//! The regex rule files ([`REGEX_FILES`]): their macros and lists gathered,
//! each rule's closed-set keys checked, its pattern expanded and compiled (on
//! every core, under [`super::REGEX_SIZE_LIMIT`]) at load or on first use,
//! and compile errors worded for the rule author.

use super::builder::{hash_hex, Builder};
use super::placeholders::expand;
use super::ruleset::{build_regex, compile_error_message, Family, RegexRule, RuleInfo};
use super::REGEX_FILES;
use crate::rules::parse::{line_of_str, read_toml, RegexFile, RegexRuleDef};
use crate::rules::RuleSource;
use rayon::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};

/// A regex rule read and expanded, not yet compiled: its family, where it is
/// written, its definition, its expanded pattern and its file.
pub(super) type Pending = (Family, RuleInfo, RegexRuleDef, String, &'static str);

/// A regex rule file as read: its name, its tables and its text.
type ParsedFile = (&'static str, RegexFile, String);

/// Read every regex rule file, gathering the macros and lists of all of them
/// (the lists into `lists`) before any pattern is expanded.
pub(super) fn read_files(
    dir: &RuleSource,
    b: &mut Builder,
    files: &mut BTreeMap<String, String>,
    lists: &mut HashMap<String, Vec<String>>,
) -> (Vec<ParsedFile>, BTreeMap<String, String>) {
    let mut parsed: Vec<ParsedFile> = Vec::new();
    let mut macros = BTreeMap::new();
    for file in REGEX_FILES {
        match read_toml::<RegexFile>(dir, file) {
            Ok((f, text)) => {
                files.insert(file.to_string(), hash_hex(text.as_bytes()));
                for (k, v) in &f.macros {
                    if macros.insert(k.clone(), v.clone()).is_some() {
                        let line = line_of_str(&text, k);
                        b.err(file, line, format!("macro '{k}' is defined twice"));
                    }
                }
                for (k, v) in &f.lists {
                    if v.is_empty() {
                        let line = line_of_str(&text, k);
                        b.err(file, line, format!("list '{k}' is empty"));
                    }
                    if lists.insert(k.clone(), v.clone()).is_some() {
                        let line = line_of_str(&text, k);
                        b.err(file, line, format!("list '{k}' is defined twice"));
                    }
                }
                parsed.push((file, f, text));
            }
            Err(e) => b.errors.push(e),
        }
    }
    (parsed, macros)
}

/// Every rule of every regex rule file, in file order, checked and with its
/// placeholders expanded (a rule whose expansion fails is reported and left out).
pub(super) fn expand_all(
    parsed: Vec<ParsedFile>,
    macros: &BTreeMap<String, String>,
    lists: &HashMap<String, Vec<String>>,
    b: &mut Builder,
) -> Vec<Pending> {
    let mut pending = Vec::new();
    for (file, f, text) in parsed {
        let families = [
            (Family::Rating, f.rating),
            (Family::Suppress, f.suppress),
            (Family::Service, f.service),
            (Family::Person, f.person),
            (Family::Role, f.role),
            (Family::Speaker, f.speaker),
            (Family::Byline, f.byline),
            (Family::Credit, f.credit),
            (Family::Publisher, f.publisher),
            (Family::DocType, f.doc_type),
            (Family::Date, f.date),
            (Family::Boilerplate, f.boilerplate),
            (Family::Title, f.title),
        ];
        for (family, defs) in families {
            for def in defs {
                let r = b.add_rule(&def.id, file, &text, &def.id);
                let info = b.rules[r].clone();
                if let Some(msg) = check_values(family, &def) {
                    b.err(file, info.line, format!("rule '{}': {msg}", def.id));
                }
                let expanded = match expand(&def.pattern, macros, lists) {
                    Ok(p) => p,
                    Err(m) => {
                        b.err(file, info.line, format!("rule '{}': {m}", def.id));
                        continue;
                    }
                };
                let expanded = ascii_word_boundaries(&expanded);
                pending.push((family, info, def, expanded, file));
            }
        }
    }
    pending
}

/// Keys whose values are a closed set: a misspelling is an error, not a silent default.
fn check_values(family: Family, def: &RegexRuleDef) -> Option<String> {
    let one_of = |key: &str, v: &Option<String>, allowed: &[&str]| -> Option<String> {
        let v = v.as_deref()?;
        (!allowed.contains(&v))
            .then(|| format!("{key} = \"{v}\" is not one of {}", allowed.join(", ")))
    };
    if let Some(m) = one_of(
        "applies",
        &def.applies,
        &["body", "title", "headline", "head", "all"],
    ) {
        return Some(m);
    }
    if def.max_who.is_some() && family != Family::Speaker {
        return Some("max_who is for speaker rules only".into());
    }
    match family {
        Family::Rating => one_of("scope", &def.scope, &["overall", "auto"]).or_else(|| {
            one_of(
                "kind",
                &def.kind,
                &[
                    "change",
                    "label",
                    "area_list",
                    "area_before",
                    "heading",
                    "framework_area",
                ],
            )
        }),
        Family::Suppress => one_of("scope", &def.scope, &["sentence", "match"]),
        Family::Speaker => match def.scope.as_deref() {
            None => Some(
                "a speaker rule needs scope = \"pre_colon\", \"pre_reported\" or \"post\"".into(),
            ),
            s => one_of(
                "scope",
                &s.map(str::to_string),
                &["pre_colon", "pre_reported", "post"],
            ),
        },
        Family::Role => one_of("kind", &def.kind, &["official", "not_official"]),
        Family::Person => one_of("kind", &def.kind, &["official", "named_official"]),
        Family::Boilerplate => one_of("kind", &def.kind, &["paragraph", "rest", "prefix"]),
        Family::Title => match def.kind.as_deref() {
            None => Some(
                "a title rule needs kind = \"skip\", \"strip\", \"lede\" or \"dateline\"".into(),
            ),
            s => one_of(
                "kind",
                &s.map(str::to_string),
                &["skip", "strip", "lede", "dateline"],
            ),
        },
        Family::Date => one_of("kind", &def.kind, &["published", "fieldwork", "other"]),
        Family::DocType => {
            one_of("scope", &def.scope, &["unquoted"]).or_else(|| match def.kind.as_deref() {
                None => Some("a doc_type rule needs kind = the document type it signals".into()),
                s => one_of(
                    "kind",
                    &s.map(str::to_string),
                    &["press_release", "news", "council_statement", "other"],
                ),
            })
        }
        _ => None,
    }
}

/// `\b` as an ASCII word boundary: Unicode boundaries keep the regex engine's
/// fast DFA from running on text with non-ASCII bytes (curly marks, '£'),
/// and English rule text needs only ASCII ones.
fn ascii_word_boundaries(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Compile the patterns `now` marks, on every core; the others are left
/// for their first use (None).
pub(super) fn compile_some(
    pending: &[Pending],
    now: &[bool],
) -> Vec<Option<Result<Regex, regex::Error>>> {
    pending
        .par_iter()
        .zip(now)
        .map(|((_, _, _, expanded, _), &now)| now.then(|| build_regex(expanded)))
        .collect()
}

/// The rules in file order, each compiled or left for its first use; each
/// pattern that did not compile is reported at its rule.
pub(super) fn collect(
    pending: Vec<Pending>,
    compiled: Vec<Option<Result<Regex, regex::Error>>>,
    b: &mut Builder,
) -> Vec<RegexRule> {
    let mut regex_rules = Vec::new();
    for ((family, info, def, expanded, file), built) in pending.into_iter().zip(compiled) {
        match built.transpose() {
            Ok(regex) => regex_rules.push(RegexRule::new(family, info, def, expanded, regex)),
            Err(e) => {
                let msg = compile_error_message(&def.id, e);
                b.err(file, info.line, msg)
            }
        }
    }
    regex_rules
}
