//! Scoring records against gold annotations (SPEC.md's "Gold annotations" format and
//! "Scoring conventions").
//!
//! In: a `gold.jsonl` ([`load_gold`] -> [`Gold`]s) and a `records.jsonl`
//! ([`load_records`] -> [`Record`](crate::record::Record)s). Out: a [`Report`] ([`score`]) with one
//! [`FieldScore`] per field, in a fixed order, and the misses of every gold article.
//!
//! What always holds:
//!
//! - Gold is matched to records by gold `file` == record `source.path` (or
//!   `path:line` for a record from a JSON Lines input). A gold article without a
//!   record counts every gold value as missed and is listed in
//!   [`Report::unmatched`]. Records no gold line names are not scored.
//! - Accuracy fields count correct/total over gold articles; P/R/F1 fields sum tp, fp
//!   and fn over articles (micro-average). A field with nothing to count scores 1.0.
//! - Items are paired one-to-one with a maximum matching, so the order of a list
//!   never changes a score.
//! - Loading never stops at the first bad line: every bad line is reported as
//!   `file:line: message`. Scoring never fails and never panics on input.

pub mod splits;

mod fields;
mod gold;
pub mod linking;
mod lists;
mod load;
mod matching;
mod normalise;
mod quotes;
mod render;
mod scalars;
mod score;
mod table;
#[cfg(test)]
mod test_support;

pub use fields::{ArticleReport, FieldKind, FieldScore, Miss, MissKind, Report};
pub use gold::{Gold, GoldAreaRating, GoldDate, GoldOfficial, GoldQuote, GoldService, GoldTheme};
pub use load::{load_gold, load_records, EvalError, LineError};
pub use score::score;
