//! Rules as written -> [`RuleSet`]: macros expanded, regexes compiled once,
//! gazetteers folded into one Aho-Corasick automaton, ids checked for uniqueness.
//!
//! [`compile`] reads the rule files in a fixed order (rule indices follow it):
//! - `ruleset`: the compiled types ([`RuleSet`], [`Family`], [`PhraseKind`], ...);
//! - `builder`: every rule with its file and line, every phrase, every problem;
//! - `scales`, `inspectorates`, `themes`, `gazetteers`: one rule file each;
//! - `placeholders`: `{macro}` and `{list:name}` expansion, built-in macros;
//! - `regexes`: the regex rule files, checked, expanded and compiled;
//! - `literals`: phrases and gate literals folded into one automaton.

mod builder;
mod gazetteers;
mod inspectorates;
mod literals;
mod placeholders;
mod regexes;
mod ruleset;
mod scales;
mod themes;

pub use ruleset::{
    normalise_key, Family, GazetteerEntry, Inspectorate, PhraseKind, PhraseTag, RegexRule,
    RuleInfo, RuleSet, Scale, ThemeInfo,
};

use super::parse::RuleError;
use super::{RuleErrors, RuleSource};
use builder::Builder;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The TOML rule files, in load order.
pub const REGEX_FILES: &[&str] = &[
    "ratings.toml",
    "services.toml",
    "officials.toml",
    "speech.toml",
    "meta.toml",
    "dates.toml",
    "boilerplate.toml",
];

/// Gazetteers: plain lists, one entry a line.
pub const LIST_FILES: &[(&str, &str)] = &[("name_stopwords.txt", "name_stopwords")];

/// The folder (inside the rules folder) of service gazetteers: every `*.toml`
/// file in it, in name order, holds `[[gazetteer]]` tables.
pub const GAZETTEER_DIR: &str = "gazetteers";

/// Largest compiled regex accepted (bytes of compiled program).
pub const REGEX_SIZE_LIMIT: usize = 8 * 1024 * 1024;

/// Room for each regex's lazily built DFA states (per thread). The regex
/// crate's default (2 MiB) is too small for the larger speaker and area
/// patterns: their states were thrown away and built again, article after
/// article. Memory is taken only as states are built.
pub const REGEX_DFA_CACHE: usize = 16 * 1024 * 1024;

/// Compile the rules folder. With `all`, every regex is compiled now; else
/// each on first use ([`RegexRule::regex`]) once its syntax is checked.
pub fn compile(dir: &RuleSource, all: bool) -> Result<RuleSet, RuleErrors> {
    let mut b = Builder::default();
    let mut files = BTreeMap::new();
    if let Some(folder) = dir.folder().filter(|f| !f.is_dir()) {
        return Err(RuleErrors(vec![RuleError {
            file: folder.display().to_string(),
            line: 1,
            message: "rules folder not found (leave out --rules to use the built-in rules)".into(),
        }]));
    }

    let scales = scales::load(dir, &mut b, &mut files);
    let (inspectorates, outcome_cues) = inspectorates::load(dir, &mut b, &mut files, &scales);
    let themes = themes::load(dir, &mut b, &mut files, &inspectorates);

    // Service gazetteers.
    let mut gazetteer = Vec::new();
    gazetteers::load_gazetteers(dir, &mut b, &mut files, &mut gazetteer);

    // Plain gazetteers.
    let mut lists = gazetteers::load_lists(dir, &mut b, &mut files);

    // Regex rule files: first gather macros and lists from all, then compile.
    let (parsed, mut macros) = regexes::read_files(dir, &mut b, &mut files, &mut lists);
    let rating_words = placeholders::builtin_macros(&mut macros, &scales, &inspectorates);
    let pending = regexes::expand_all(parsed, &macros, &lists, &mut b);

    // Gate literals first (on every core), so the literal automaton, which
    // needs them, is built while the regexes compile.
    // The phrases are folded into one list meanwhile (a hash map over every
    // phrase, which ran alone on one core after the gates).
    let (gates, (phrase_texts, phrase_tags)) =
        rayon::join(|| literals::gates(&pending), || literals::phrases(&mut b));

    // Compiling the regexes was most of the start-up time, and most gated
    // rules never run on a given set of articles: a rule is compiled on first
    // use. Compiled now (on every core, with the literal automaton built
    // alongside): with `all`, every rule; else those whose pattern does not
    // parse (for the engine's own error) and those whose compiled size could
    // come near the limit (for the error, at load); then errors are reported
    // and rules kept in file order.
    let now: Vec<bool> = gates
        .bounds
        .iter()
        .map(|n| all || n.is_none_or(|n| n > REGEX_SIZE_LIMIT / 8 * 7))
        .collect();
    let (compiled, literals) = rayon::join(
        || regexes::compile_some(&pending, &now),
        || literals::literal_automaton(phrase_texts.iter().chain(&gates.texts)),
    );
    let regex_rules = regexes::collect(pending, compiled, &mut b);

    inspectorates::check_overall_themes(&inspectorates, &themes, &mut b);

    let literals = match literals {
        Ok(ac) => ac,
        Err(e) => {
            b.err(
                "rules",
                1,
                format!("cannot build the phrase and gate automaton: {e}"),
            );
            return Err(RuleErrors(b.errors));
        }
    };
    // Linking rules: they shape inspections.jsonl, which every run writes
    // afresh from the records, so they are not part of the records' fingerprint.
    let linking = crate::link::rules::load(dir).unwrap_or_else(|e| {
        b.errors.push(e);
        crate::link::LinkRules::default()
    });
    if !b.errors.is_empty() {
        b.errors
            .sort_by(|a, c| (a.file.as_str(), a.line).cmp(&(c.file.as_str(), c.line)));
        return Err(RuleErrors(b.errors));
    }

    let mut fp = Sha256::new();
    fp.update(env!("CARGO_PKG_VERSION").as_bytes());
    for (f, h) in &files {
        fp.update(f.as_bytes());
        fp.update(h.as_bytes());
    }
    let fingerprint = fp.finalize().iter().map(|b| format!("{b:02x}")).collect();

    Ok(RuleSet {
        rules: b.rules,
        scales,
        inspectorates,
        themes,
        regex_rules,
        scan: gates.scan,
        literals,
        gate_rules: gates.rules,
        gated: gates.gated,
        located: gates.located,
        alphabets: gates.alphabets,
        phrase_tags,
        phrase_texts,
        lists,
        gazetteer,
        rating_words,
        outcome_cues,
        fingerprint,
        files,
        source: dir.describe(),
        linking,
    })
}
