//! `rules.json`: the per-rule data the report writes and its pages show.

use crate::diff;
use crate::span::Span;
use serde::Serialize;

/// An example of a rule's match, with context.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// Article id.
    pub article: String,
    /// Its page, relative to the report folder.
    pub page: String,
    /// Span of the match in the article's text.
    pub span: Span,
    /// Text before the match.
    pub before: String,
    /// The matched text.
    pub text: String,
    /// Text after the match.
    pub after: String,
    /// The value the match gives.
    pub value: String,
}

/// Another rule whose matches overlap this one's.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapOut {
    /// The other rule.
    pub rule: String,
    /// Overlapping matches.
    pub count: usize,
    /// Of which giving different values.
    pub disagreements: usize,
    /// Up to three: article page, text, this rule's value, the other's.
    pub examples: Vec<OverlapExample>,
}

/// One overlap, for a person to look at.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapExample {
    /// Article page.
    pub page: String,
    /// Article id.
    pub article: String,
    /// The overlapping text.
    pub text: String,
    /// This rule's value.
    pub value: String,
    /// The other rule's value.
    pub other_value: String,
}

/// Gold scores of one rule's values.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GoldOut {
    /// Values judged correct.
    pub correct: usize,
    /// Values unexpected or wrong (false positives).
    pub wrong: usize,
    /// correct / (correct + wrong).
    pub precision: Option<f64>,
    /// The false positives.
    pub false_positives: Vec<GoldMiss>,
}

/// A gold miss, located.
#[derive(Debug, Clone, Serialize)]
pub struct GoldMiss {
    /// Gold file (article path).
    pub article: String,
    /// Its page, when the article is in the report.
    pub page: Option<String>,
    /// Field.
    pub field: String,
    /// What eval says.
    pub message: String,
}

/// One rule in `rules.json`.
#[derive(Debug, Clone, Serialize)]
pub struct RuleOut {
    /// Rule id.
    pub id: String,
    /// Family (`rating`, `theme`, ...; `code` for values the code names).
    pub family: String,
    /// File, relative to the rules folder (none for `code`).
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// `file:line`.
    pub location: Option<String>,
    /// Matches in all articles.
    pub hits: usize,
    /// Articles with at least one match.
    pub articles: usize,
    /// Values in records naming this rule.
    pub values: usize,
    /// True when the rule matched nowhere.
    pub never_fired: bool,
    /// Up to ten examples, from different articles.
    pub examples: Vec<Example>,
    /// Rules whose matches overlap this one's.
    pub overlaps: Vec<OverlapOut>,
    /// With a gold file: this rule's correct and wrong values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold: Option<GoldOut>,
    /// With `--against`: values gained, lost and moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<diff::Counts>,
}

/// `rules.json`.
#[derive(Debug, Clone, Serialize)]
pub struct RulesJson {
    /// Rules folder.
    pub rules_folder: String,
    /// Fingerprint of the rule files.
    pub fingerprint: String,
    /// Articles in the report.
    pub articles: usize,
    /// Rules (from files).
    pub rules: usize,
    /// Rules that never fired.
    pub never_fired: usize,
    /// Every rule, sorted by hits (most first), then id.
    pub by_rule: Vec<RuleOut>,
    /// With a gold file: what no rule found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold: Option<GoldSummary>,
}

/// Gold values no rule found, and gold articles with no record.
#[derive(Debug, Clone, Serialize)]
pub struct GoldSummary {
    /// The gold file.
    pub file: String,
    /// Gold articles scored.
    pub articles: usize,
    /// Gold files with no record.
    pub unmatched: Vec<String>,
    /// Gold values missing from the records.
    pub missed: Vec<GoldMiss>,
}
