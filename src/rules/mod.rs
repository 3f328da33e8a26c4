//! Stage 4: the rule files in `rules/` -> one compiled [`RuleSet`], loaded once per
//! run and shared read-only across threads.
//!
//! Rules are parsed as written ([`parse`], keeping each rule's file and line) and
//! then compiled ([`compile`]): every phrase of every gazetteer and every gate
//! literal into one Aho-Corasick automaton; every regex is checked, and
//! compiled on first use. All problems in the rule files are collected and reported
//! together as `file:line: message`; a run with a broken rule file writes nothing.
//! `rules/README.md` documents the rule language for rule authors.

pub mod compile;
pub mod gate;
pub mod parse;
pub mod source;

pub use compile::{
    Family, GazetteerEntry, Inspectorate, PhraseKind, PhraseTag, RegexRule, RuleInfo, RuleSet,
    Scale, ThemeInfo,
};
pub use parse::RuleError;
pub use source::RuleSource;

/// All problems found in a rules folder.
#[derive(Debug, thiserror::Error)]
#[error("{} problem(s) in the rule files:\n{}", .0.len(), .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
pub struct RuleErrors(pub Vec<RuleError>);

/// Load, validate and compile a set of rule files (a folder, or the built-in
/// rules). A regex rule is compiled on first use: every problem is still
/// reported here ([`compile::compile`]).
pub fn load(source: &RuleSource) -> Result<RuleSet, RuleErrors> {
    compile::compile(source, false)
}

/// [`load`], with every regex rule compiled at once (`rules check`, `rules test`).
pub fn load_all(source: &RuleSource) -> Result<RuleSet, RuleErrors> {
    compile::compile(source, true)
}
