//! Scoring the links: gold groups (which articles report the same inspection)
//! against `inspections.jsonl`, by pairwise precision and recall over the
//! pairs of articles placed in one inspection.
//!
//! In: a groups table (tab-separated, a header naming a `file` and an
//! `inspection` column, optionally a `split` column; `tests/real/sources.tsv`
//! and `tests/gold/corpus.sources.tsv` are two) and the inspections. An empty
//! `inspection` cell means the article reports no inspection that another
//! article reports. Only files the table lists are scored.

use super::{
    fields::{f1, ratio},
    table::Table,
    EvalError,
};
use crate::link::{self, Inspection};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Gold groups read from a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    /// The table.
    pub path: PathBuf,
    /// File -> (inspection slug, possibly empty; split, possibly empty).
    pub by_file: BTreeMap<String, (String, String)>,
}

impl Groups {
    /// Read a groups table; `Ok(None)` when it has no `inspection` column.
    pub fn load(path: &Path) -> Result<Option<Groups>, EvalError> {
        let table = Table::load(path)?;
        let (Some(fc), Some(ic)) = (table.column("file"), table.column("inspection")) else {
            return Ok(None);
        };
        let sc = table.column("split");
        let mut by_file = BTreeMap::new();
        let mut errors = Vec::new();
        for (line, cells) in &table.rows {
            let Some(file) = cells.get(fc).map(|s| s.trim()) else {
                errors.push(table.error(*line, "no `file` cell".into()));
                continue;
            };
            let insp = cells.get(ic).map_or("", |s| s.trim());
            let split = sc.and_then(|c| cells.get(c)).map_or("", |s| s.trim());
            if by_file
                .insert(file.to_string(), (insp.to_string(), split.to_string()))
                .is_some()
            {
                errors.push(table.error(*line, format!("`{file}` is listed twice")));
            }
        }
        if !errors.is_empty() {
            return Err(EvalError::Lines(errors));
        }
        Ok(Some(Groups {
            path: table.path,
            by_file,
        }))
    }

    /// The split names, sorted.
    pub fn splits(&self) -> Vec<String> {
        let s: BTreeSet<&str> = self
            .by_file
            .values()
            .map(|(_, s)| s.as_str())
            .filter(|s| !s.is_empty())
            .collect();
        s.into_iter().map(str::to_string).collect()
    }
}

/// Pairwise scores of the links.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkScore {
    /// `all` or the split.
    pub split: String,
    /// Pairs both placed together and together in gold.
    pub true_pairs: usize,
    /// Pairs placed together.
    pub predicted_pairs: usize,
    /// Pairs together in gold.
    pub gold_pairs: usize,
    /// Precision (1 when nothing is predicted).
    pub precision: f64,
    /// Recall (1 when gold has no pairs).
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Pairs placed together that gold keeps apart.
    pub wrong: Vec<(String, String)>,
    /// Gold pairs not placed together.
    pub missed: Vec<(String, String)>,
    /// Of the wrong pairs, those joining articles of two splits (gold groups
    /// never cross splits); only `all` counts them, a split's score leaves
    /// them out.
    #[serde(default)]
    pub across_splits: Vec<(String, String)>,
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// Score the inspections against the gold groups, over the files of `split`
/// (every listed file when `None`).
pub fn score(groups: &Groups, inspections: &[Inspection], split: Option<&str>) -> LinkScore {
    let keep = |f: &str| {
        groups
            .by_file
            .get(f)
            .is_some_and(|(_, s)| split.is_none_or(|w| w == s))
    };
    let mut gold: BTreeSet<(String, String)> = BTreeSet::new();
    let mut by_slug: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (f, (slug, _)) in &groups.by_file {
        if !slug.is_empty() && keep(f) {
            by_slug.entry(slug).or_default().push(f);
        }
    }
    for fs in by_slug.values() {
        for (i, a) in fs.iter().enumerate() {
            for b in &fs[i + 1..] {
                gold.insert(pair(a, b));
            }
        }
    }
    let mut pred: BTreeSet<(String, String)> = BTreeSet::new();
    for ins in inspections {
        let mut fs: Vec<&str> = ins
            .sources
            .iter()
            .map(|s| s.path.as_str())
            .filter(|p| keep(p))
            .collect();
        fs.sort_unstable();
        fs.dedup();
        for (i, a) in fs.iter().enumerate() {
            for b in &fs[i + 1..] {
                pred.insert(pair(a, b));
            }
        }
    }
    let split_of = |f: &str| groups.by_file.get(f).map_or("", |(_, s)| s.as_str());
    let across_splits: Vec<(String, String)> = pred
        .iter()
        .filter(|(a, b)| split_of(a) != split_of(b))
        .cloned()
        .collect();
    let tp = pred.intersection(&gold).count();
    let precision = ratio(tp, pred.len());
    let recall = ratio(tp, gold.len());
    let f1 = f1(precision, recall);
    LinkScore {
        split: split.unwrap_or("all").to_string(),
        true_pairs: tp,
        predicted_pairs: pred.len(),
        gold_pairs: gold.len(),
        precision,
        recall,
        f1,
        wrong: pred.difference(&gold).cloned().collect(),
        missed: gold.difference(&pred).cloned().collect(),
        across_splits,
    }
}

impl LinkScore {
    /// One line of the eval table, and with `verbose` the wrong and missed pairs.
    pub fn render(&self, verbose: bool) -> String {
        let mut s = format!(
            "linking {:<8} pairwise P {:.3} R {:.3} F1 {:.3} ({} of {} predicted pairs right, {} gold pairs)\n",
            self.split,
            self.precision,
            self.recall,
            self.f1,
            self.true_pairs,
            self.predicted_pairs,
            self.gold_pairs
        );
        if !self.across_splits.is_empty() {
            s.push_str(&format!(
                "  of the wrong pairs, {} join articles of two splits (counted in no split's line)\n",
                self.across_splits.len()
            ));
        }
        if verbose {
            for (a, b) in &self.wrong {
                s.push_str(&format!("  linked, apart in gold: {a} + {b}\n"));
            }
            for (a, b) in &self.missed {
                s.push_str(&format!("  not linked, together in gold: {a} + {b}\n"));
            }
        }
        s
    }
}

/// The groups table for a gold file: `X.sources.tsv` beside `X.jsonl`, else a
/// `sources.tsv` in its folder; only a table with an `inspection` column counts.
pub fn groups_beside(gold: &Path) -> Option<Groups> {
    let stem = gold.file_stem()?.to_string_lossy().to_string();
    let dir = gold.parent()?;
    [
        dir.join(format!("{stem}.sources.tsv")),
        dir.join("sources.tsv"),
    ]
    .into_iter()
    .filter(|p| p.is_file())
    .find_map(|p| Groups::load(&p).ok().flatten())
}

/// The link scores of `pressmine eval`, when there are gold groups (the
/// `splits` table if given, else the table beside the gold file) and an
/// `inspections.jsonl` beside the records; `None` otherwise. With `split`,
/// that split only; else every listed file (`all`), then each split. Returns
/// the groups table's path with the scores.
pub fn link_scores(
    gold: &Path,
    records: &Path,
    splits: Option<&Path>,
    split: Option<&str>,
) -> Result<Option<(PathBuf, Vec<LinkScore>)>, EvalError> {
    let groups = match splits {
        Some(p) => Groups::load(p)?,
        None => groups_beside(gold),
    };
    let Some(groups) = groups else {
        return Ok(None);
    };
    let path = records
        .parent()
        .unwrap_or(Path::new("."))
        .join(link::INSPECTIONS);
    if !path.is_file() {
        return Ok(None);
    }
    let ins = link::read_inspections(&path).map_err(|source| EvalError::Io {
        path: path.clone(),
        source,
    })?;
    let scores = match split {
        Some(name) => vec![score(&groups, &ins, Some(name))],
        None => std::iter::once(score(&groups, &ins, None))
            .chain(
                groups
                    .splits()
                    .iter()
                    .map(|sp| score(&groups, &ins, Some(sp))),
            )
            .collect(),
    };
    Ok(Some((groups.path, scores)))
}

/// The linking lines of `pressmine eval` ([`link_scores`] as text); with
/// `verbose`, the first line's wrong and missed pairs.
pub fn link_report(
    gold: &Path,
    records: &Path,
    splits: Option<&Path>,
    split: Option<&str>,
    verbose: bool,
) -> Result<Option<String>, EvalError> {
    let Some((path, scores)) = link_scores(gold, records, splits, split)? else {
        return Ok(None);
    };
    let mut out = format!("linking: groups from {}\n", path.display());
    for (n, sc) in scores.iter().enumerate() {
        out.push_str(&sc.render(verbose && n == 0));
    }
    Ok(Some(out))
}
