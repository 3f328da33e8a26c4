//! The rule match report, `OUT/report/`: written by `pressmine run` (unless
//! `--no-report`) and by `pressmine report` on an existing output.
//!
//! - `rules.json`: per rule its `file:line`, hits, articles hit, values in
//!   records, up to ten examples with context, the rules its matches overlap or
//!   disagree with, and (with a gold file) its correct and wrong values.
//! - `index.html`: the rules sorted by hits, never-fired, overlapping and
//!   disagreeing rules flagged; `articles-N.html`: the articles,
//!   [`PAGE_SIZE`] a page; `a/NNNNNN.html`: one page per article, its text with
//!   every extracted value highlighted by field (rule id on hover and on click)
//!   and the record beside it; `gold.html` and `diff.html` with `--gold` and
//!   `--against`.
//!
//! Every page is self-contained: CSS and script are inline, nothing is
//! fetched, and the pages work from `file://`. Every string that reaches HTML
//! goes through [`esc`]; the script only ever sets `textContent`.
//!
//! Hits are real matches: [`article_data`] reads them from the article's
//! [`Analysis`](crate::extract::Analysis) (the matches the record was extracted from, or, for
//! `pressmine report`, the same analysis run again). Speaker rules are applied
//! to the text around quotes, so their hits are the quotes they attributed;
//! role rules are applied, first match wins, to the role of every person match;
//! a scale's hits are its wordings in the text.
//!
//! The report is written into `OUT/.report.tmp/` and renamed to `OUT/report/`
//! when complete. It holds no time stamps: the same inputs give the same files.

mod article;
mod builder;
mod gold_diff;
mod hits;
mod html;
mod marks;
mod pages;
mod rule_index;
mod rules_json;

pub use article::{article_data, ArticleData};
pub use builder::{Builder, Options, Summary};
pub use hits::Hit;
pub use html::esc;
pub use rule_index::RuleIndex;
pub use rules_json::{
    Example, GoldMiss, GoldOut, GoldSummary, OverlapExample, OverlapOut, RuleOut, RulesJson,
};

/// Articles per list page.
pub const PAGE_SIZE: usize = 500;
/// Examples kept per rule.
pub const MAX_EXAMPLES: usize = 10;
/// Examples kept per pair of overlapping rules.
const MAX_PAIR_EXAMPLES: usize = 3;
/// Bytes of an article's text shown on its page; the rest is cut.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;
/// Characters of context either side of an example.
const CONTEXT_CHARS: usize = 60;
