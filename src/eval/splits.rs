//! Scoring by split: a development set's sources table names the split (`dev`,
//! `check`, ...) of each gold file, and the scores are given for the whole set and
//! for each split side by side.
//!
//! In: a sources table (tab-separated, a header row naming at least `file` and
//! `split`; `tests/real/sources.tsv` is one) and the gold articles and records that
//! [`super::score`] takes. Out: one [`super::Report`] per split, `all` first.

use super::{score, table::Table, EvalError, FieldKind, Gold, Report};
use crate::record::Record;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The split of each file named in a sources table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Splits {
    /// The table it was read from.
    pub path: PathBuf,
    /// File (as gold's `file` names it) to split name.
    pub by_file: BTreeMap<String, String>,
}

/// The name under which gold files the table does not list are scored.
pub const UNLISTED: &str = "unlisted";

impl Splits {
    /// Reads a sources table. Every bad row is reported as `sources.tsv:7: message`:
    /// a row with fewer columns than the header, an empty split, a file listed twice.
    pub fn load(path: impl AsRef<Path>) -> Result<Splits, EvalError> {
        let table = Table::load(path.as_ref())?;
        let (Some(file_col), Some(split_col)) = (table.column("file"), table.column("split"))
        else {
            return Err(EvalError::Lines(vec![table.error(
                1,
                format!(
                    "the header must name a `file` and a `split` column, got `{}`",
                    table.columns.join("`, `")
                ),
            )]));
        };
        let mut by_file = BTreeMap::new();
        let mut errors = Vec::new();
        for (line, cells) in &table.rows {
            let (Some(file), Some(split)) = (cells.get(file_col), cells.get(split_col)) else {
                errors.push(table.error(
                    *line,
                    format!(
                        "{} columns, the header has {}",
                        cells.len(),
                        table.columns.len()
                    ),
                ));
                continue;
            };
            let (file, split) = (file.trim(), split.trim());
            if split.is_empty() {
                errors.push(table.error(*line, format!("`{file}` has no split")));
            } else if by_file
                .insert(file.to_string(), split.to_string())
                .is_some()
            {
                errors.push(table.error(*line, format!("`{file}` is listed twice")));
            }
        }
        if !errors.is_empty() {
            return Err(EvalError::Lines(errors));
        }
        Ok(Splits {
            path: table.path,
            by_file,
        })
    }

    /// The gold articles of one split.
    pub fn only(&self, gold: &[Gold], split: &str) -> Vec<Gold> {
        gold.iter()
            .filter(|g| self.by_file.get(&g.file).is_some_and(|s| s == split))
            .cloned()
            .collect()
    }

    /// The `sources.tsv` beside a gold file, when there is one with a `split`
    /// column (so `pressmine eval --gold tests/real/gold.jsonl` scores by split
    /// without being told).
    pub fn beside(gold: &Path) -> Option<PathBuf> {
        let candidate = gold.parent()?.join("sources.tsv");
        Table::has_column(&candidate, "split").then_some(candidate)
    }
}

/// The scores of one split.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SplitReport {
    /// `all`, or the split's name.
    pub split: String,
    /// The scores over the gold articles of that split.
    pub report: Report,
}

/// Scores the whole set (`all`) and each split on its own, in the order `all`,
/// then the splits by name (`check` before `dev`), gold files the table does not
/// list last, as [`UNLISTED`].
pub fn score_splits(gold: &[Gold], records: &[Record], splits: &Splits) -> Vec<SplitReport> {
    let mut groups: BTreeMap<&str, Vec<Gold>> = BTreeMap::new();
    let mut unlisted = Vec::new();
    for g in gold {
        match splits.by_file.get(&g.file) {
            Some(split) => groups.entry(split.as_str()).or_default().push(g.clone()),
            None => unlisted.push(g.clone()),
        }
    }
    let mut out = vec![SplitReport {
        split: "all".into(),
        report: score(gold, records),
    }];
    for (split, gold) in groups {
        out.push(SplitReport {
            split: split.to_string(),
            report: score(&gold, records),
        });
    }
    if !unlisted.is_empty() {
        out.push(SplitReport {
            split: UNLISTED.into(),
            report: score(&unlisted, records),
        });
    }
    out
}

/// One table: a row per field, a column per split with the field's score (for
/// an F1 field, `F1 P/R`; for an accuracy field, the accuracy; `-` when there is
/// nothing to score); `(n)` under each split is its number of gold articles.
pub fn render_splits(reports: &[SplitReport]) -> String {
    let mut out = String::new();
    let Some(first) = reports.first() else {
        return out;
    };
    let width = first.report.name_width();
    let _ = write!(out, "{:<width$}", "field");
    for r in reports {
        let _ = write!(out, " {:>16}", r.split);
    }
    out.push('\n');
    let _ = write!(out, "{:<width$}", "");
    for r in reports {
        let _ = write!(out, " {:>16}", format!("({})", r.report.gold_articles));
    }
    out.push('\n');
    for (i, f) in first.report.fields.iter().enumerate() {
        let name = if f.diagnostic {
            format!("{}*", f.name)
        } else {
            f.name.clone()
        };
        let _ = write!(out, "{name:<width$}");
        for r in reports {
            let field = &r.report.fields[i];
            let cell = match field.kind {
                FieldKind::Accuracy if field.total == 0 => "-".to_string(),
                FieldKind::F1 if field.tp + field.fp + field.fn_ == 0 => "-".to_string(),
                FieldKind::Accuracy => format!("{:.3}", field.score()),
                FieldKind::F1 => format!(
                    "{:.3} {:.2}/{:.2}",
                    field.score(),
                    field.precision.unwrap_or(0.0),
                    field.recall.unwrap_or(0.0)
                ),
            };
            let _ = write!(out, " {cell:>16}");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "F1 fields: F1 P/R; accuracy fields: accuracy; - nothing to score; * diagnostic"
    );
    if !first.report.unmatched.is_empty() {
        let _ = writeln!(
            out,
            "{} gold file(s) with no record (every gold value counted as missed): {}",
            first.report.unmatched.len(),
            first.report.unmatched.join(", ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sources.tsv");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn gold(file: &str) -> Gold {
        let line = format!(
            r#"{{"file": "{file}", "title": "T", "doc_type": "news", "publisher": null, "byline": null, "published": null, "inspectorate": null, "services": [], "overall_rating": null, "overall_rating_implied": false, "area_ratings": [], "quotes": [], "officials": [], "people_not_officials": [], "themes": []}}"#
        );
        serde_json::from_str(&line).unwrap()
    }

    #[test]
    fn each_split_is_scored_apart_all_first() {
        let (_d, path) = table("file\turl\tsplit\na.txt\thttp://a\tdev\nb.txt\thttp://b\tcheck\n");
        let splits = Splits::load(&path).unwrap();
        let gold = [gold("a.txt"), gold("b.txt"), gold("c.txt")];
        let reports = score_splits(&gold, &[], &splits);
        let names: Vec<&str> = reports.iter().map(|r| r.split.as_str()).collect();
        assert_eq!(names, ["all", "check", "dev", UNLISTED]);
        let counts: Vec<usize> = reports.iter().map(|r| r.report.gold_articles).collect();
        assert_eq!(counts, [3, 1, 1, 1]);
        let text = render_splits(&reports);
        assert!(text.lines().next().unwrap().ends_with(UNLISTED), "{text}");
        assert!(text.contains("3 gold file(s) with no record"), "{text}");
    }

    #[test]
    fn bad_rows_are_named_by_line() {
        let (_d, path) = table("file\tsplit\na.txt\tdev\na.txt\tcheck\nb.txt\t\nc.txt\n");
        let err = Splits::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("sources.tsv:3: `a.txt` is listed twice"),
            "{err}"
        );
        assert!(err.contains("sources.tsv:4: `b.txt` has no split"), "{err}");
        assert!(
            err.contains("sources.tsv:5: 1 columns, the header has 2"),
            "{err}"
        );
        let (_d, path) = table("file\turl\n");
        let err = Splits::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("must name a `file` and a `split` column"),
            "{err}"
        );
    }

    #[test]
    fn a_sources_table_beside_the_gold_is_found_only_with_a_split_column() {
        let (d, _) = table("file\tsplit\n");
        assert!(Splits::beside(&d.path().join("gold.jsonl")).is_some());
        let (d, _) = table("file\turl\n");
        assert!(Splits::beside(&d.path().join("gold.jsonl")).is_none());
    }
}
