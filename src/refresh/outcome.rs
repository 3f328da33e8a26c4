//! What one input file contributes to the output ([`FileOutcome`]) and the
//! counts for the summary of a refresh ([`Tally`]).

use super::{Change, Context, FileEntry};
use crate::record::Skipped;
use std::collections::{BTreeMap, BTreeSet};

/// What one input file contributes to the output.
#[derive(Debug)]
pub struct FileOutcome {
    /// Record lines, in order.
    pub lines: Vec<String>,
    /// Lines of `changes.jsonl`, in order.
    pub changes: Vec<Change>,
    /// Skipped entries.
    pub skipped: Vec<Skipped>,
    /// Its `index.jsonl` line (its articles' entries included).
    pub file: FileEntry,
    /// Articles extracted.
    pub extracted: usize,
    /// Records reused.
    pub reused: usize,
    /// Bytes of the articles extracted.
    pub bytes: u64,
    /// Warnings on its records.
    pub warnings: usize,
    /// Per record updated with an unchanged input: the rule files of the rules
    /// behind its changed values.
    pub by_rules: Vec<BTreeSet<String>>,
}

impl FileOutcome {
    pub(super) fn new(file: FileEntry) -> FileOutcome {
        FileOutcome {
            lines: Vec::new(),
            changes: Vec::new(),
            skipped: Vec::new(),
            file,
            extracted: 0,
            reused: 0,
            bytes: 0,
            warnings: 0,
            by_rules: Vec::new(),
        }
    }
}

/// Counts for the summary of a refresh.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// Records of new articles.
    pub added: usize,
    /// Records whose values changed.
    pub updated: usize,
    /// Records of articles that are gone.
    pub removed: usize,
    /// Records unchanged.
    pub unchanged: usize,
    /// Articles extracted.
    pub extracted: usize,
    /// Records reused from the previous run.
    pub reused: usize,
    /// `--full`.
    pub full: bool,
    /// Rule files added, changed or removed since the previous run.
    pub rule_files: Vec<(String, &'static str)>,
    /// Previous and current version, when the version changed.
    pub version_change: Option<(String, String)>,
    /// Changed rule file -> records whose values it changed.
    pub touched: BTreeMap<String, usize>,
    /// Records whose values changed although their input did not (the rules or
    /// the program changed).
    pub by_rules_or_program: usize,
    /// Of those, the records that no single changed rule file accounts for.
    pub unattributed: usize,
    /// Why the previous manifest was not used.
    pub note: Option<String>,
}

impl Tally {
    /// True when any record was added, updated or removed.
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }

    /// A tally for a run under `cx`.
    pub fn new(cx: &Context) -> Tally {
        let version_change = cx
            .previous()
            .filter(|m| m.pressmine_version != cx.version)
            .map(|m| (m.pressmine_version.clone(), cx.version.clone()));
        let rule_files = cx.rule_file_changes();
        let touched = rule_files.iter().map(|(f, _)| (f.clone(), 0)).collect();
        Tally {
            full: cx.full,
            rule_files,
            version_change,
            touched,
            note: cx.note.clone(),
            ..Tally::default()
        }
    }

    /// Count one change line.
    pub fn count(&mut self, c: &Change) {
        match c.change.as_str() {
            "added" => self.added += 1,
            "updated" => self.updated += 1,
            "removed" => self.removed += 1,
            _ => self.unchanged += 1,
        }
    }

    /// Count a file's outcome (its change lines included).
    pub fn add(&mut self, o: &FileOutcome) {
        for c in &o.changes {
            self.count(c);
        }
        self.extracted += o.extracted;
        self.reused += o.reused;
        for files in &o.by_rules {
            self.by_rules_or_program += 1;
            let mut hit = false;
            for (f, n) in self.touched.iter_mut() {
                if files.contains(f) {
                    *n += 1;
                    hit = true;
                }
            }
            if !hit {
                // One rule file changed and nothing else: it made the change.
                let alone = self.touched.len() == 1 && self.version_change.is_none();
                match self.touched.values_mut().next() {
                    Some(n) if alone => *n += 1,
                    _ => self.unattributed += 1,
                }
            }
        }
    }

    /// The summary lines.
    pub fn render(&self) -> String {
        let mut s = format!(
            "{} added, {} updated, {} removed, {} unchanged ({} article(s) extracted, {} record(s) reused)\n",
            self.added, self.updated, self.removed, self.unchanged, self.extracted, self.reused
        );
        if let Some(note) = &self.note {
            s.push_str(&format!("  previous manifest not used: {note}\n"));
        }
        if self.full {
            s.push_str("  --full: every article extracted again\n");
        }
        if let Some((old, new)) = &self.version_change {
            s.push_str(&format!(
                "  pressmine version changed ({old} -> {new}): every article extracted again, {} record(s) changed\n",
                self.by_rules_or_program
            ));
        }
        if !self.rule_files.is_empty() {
            s.push_str(
                "  rule files changed since the last run (every article extracted again):\n",
            );
            for (f, how) in &self.rule_files {
                let n = self.touched.get(f).copied().unwrap_or(0);
                s.push_str(&format!("    {f} ({how}): {n} record(s) changed\n"));
            }
        }
        if self.unattributed > 0 && !self.rule_files.is_empty() {
            s.push_str(&format!(
                "  {} record(s) changed by the rule or program changes together, not by one rule file\n",
                self.unattributed
            ));
        }
        s
    }
}
