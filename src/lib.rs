//! pressmine: inspection press releases and news reports in, one explainable JSON
//! record per article out.
//!
//! The pipeline, in stage order (see `ARCHITECTURE.md`):
//!
//! 1. [`ingest`]: a folder -> [`ingest::Article`]s (sorted, stable ids) and skipped inputs.
//! 2. [`normalize`]: an article's text -> [`normalize::NormalizedText`] with an
//!    alignment back to the original bytes.
//! 3. [`segment`]: paragraphs, sentences and boilerplate regions.
//! 4. [`rules`]: rule files -> a compiled [`rules::RuleSet`], loaded once.
//! 5. [`matcher`]: (rule set, document) -> rule matches.
//! 6. [`extract`]: matches -> a [`record::Record`].
//! 7. [`emit`]: records -> `records.jsonl` and `skipped.jsonl`, in path order.
//! 8. [`link`]: records -> `inspections.jsonl`, one line per inspection with
//!    its sources and their disagreements.
//! 9. [`refresh`]: the previous run's manifest, index and records -> which
//!    records to reuse, `changes.jsonl`, `index.jsonl`, `manifest.json`, and the
//!    output folder's lock.
//!
//! [`stream`] runs the same stages over JSON Lines on standard input (the
//! Hadoop Streaming / Spark `pipe` contract).
//!
//! [`pipeline`] wires the stages and is the only place with threads and progress;
//! [`eval`] scores records against gold annotations; [`ruletest`] runs the rules'
//! worked examples; [`report`] writes the rule match report; [`diff`] compares
//! two sets of records.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cli;
pub mod diff;
pub mod emit;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod link;
pub mod matcher;
pub mod normalize;
pub mod pipeline;
pub mod record;
pub mod refresh;
pub mod report;
pub mod rules;
pub mod ruletest;
pub mod segment;
pub mod span;
pub mod stream;
#[cfg(test)]
mod test_support;
