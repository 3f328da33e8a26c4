//! Decisions: per input file and article, whether the previous record is
//! reused or the article is extracted again ([`Context`]).

use super::{
    diff, version, ArticleEntry, Change, FileEntry, FileOutcome, Group, Manifest, PrevIndex,
    PrevLine, Previous, SkipEntry, INDEX, MANIFEST_SCHEMA, RACY_SECS,
};
use crate::ingest::{sha256_hex, Article, SourceFile};
use crate::record::Skipped;
use crate::rules::RuleSet;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Everything a worker needs to decide about reuse; shared read-only. A file's
/// previous entry ([`PrevFile`], from [`PrevIndex`]) comes with the file.
pub struct Context {
    prev: Option<Manifest>,
    pub(super) version: String,
    rules_fingerprint: String,
    rules_source: String,
    rule_files: BTreeMap<String, String>,
    rule_file_of: HashMap<String, String>,
    max_article_bytes: u64,
    input: String,
    pub(super) full: bool,
    racy_before: SystemTime,
    /// Why the previous manifest was not used, if it was not.
    pub note: Option<String>,
}

/// How an input file stands against its previous entry.
#[derive(Debug, Clone)]
pub struct FileState {
    /// Size now (0 when it cannot be read).
    pub bytes: u64,
    /// SHA-256 of its bytes, when read (or known unchanged).
    pub sha256: Option<String>,
    mtime_ns: Option<i64>,
    ctime_ns: Option<i64>,
    /// True when the content is the one the previous entry describes.
    same: bool,
}

impl Context {
    /// Decisions for a run of `version` with `rules` over `input`, against what
    /// `out` holds. `full` turns every reuse off (changes are still reported).
    /// The previous manifest is used only when `out/index.jsonl` is the one it
    /// describes.
    pub fn new(
        out: &Path,
        input: &Path,
        rules: &RuleSet,
        max_article_bytes: u64,
        full: bool,
    ) -> Context {
        let (prev, note) = match Manifest::read(out) {
            Ok(Some(m)) => match m.check_index(out) {
                Ok(()) => (Some(m), None),
                Err(msg) => (None, Some(msg)),
            },
            Ok(None) => (None, None),
            Err(msg) => (None, Some(msg)),
        };
        let rule_file_of = rules
            .rules
            .iter()
            .map(|r| (r.id.clone(), r.file.clone()))
            .collect();
        Context {
            prev,
            version: version().to_string(),
            rules_fingerprint: rules.fingerprint.clone(),
            rules_source: rules.source.clone(),
            rule_files: rules.files.clone(),
            rule_file_of,
            max_article_bytes,
            input: input_root(input),
            full,
            racy_before: SystemTime::now() - Duration::from_secs(RACY_SECS),
            note,
        }
    }

    /// A manifest for this run, without outputs yet.
    pub fn manifest(&self) -> Manifest {
        Manifest {
            schema_version: MANIFEST_SCHEMA,
            pressmine_version: self.version.clone(),
            rules_fingerprint: self.rules_fingerprint.clone(),
            rules_source: self.rules_source.clone(),
            rule_files: self.rule_files.clone(),
            input: self.input.clone(),
            max_article_bytes: self.max_article_bytes,
            outputs: BTreeMap::new(),
        }
    }

    /// The previous manifest, if there is a usable one.
    pub fn previous(&self) -> Option<&Manifest> {
        self.prev.as_ref()
    }

    /// The previous `out/index.jsonl`, streamed; empty when the previous
    /// manifest is not used.
    pub fn prev_index(&self, out: &Path) -> io::Result<PrevIndex> {
        match self.prev {
            Some(_) => PrevIndex::open(&out.join(INDEX)),
            None => Ok(PrevIndex::empty()),
        }
    }

    /// Rule files added, changed or removed since the previous run, with how.
    pub fn rule_file_changes(&self) -> Vec<(String, &'static str)> {
        let Some(m) = &self.prev else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, h) in &self.rule_files {
            match m.rule_files.get(name) {
                None => out.push((name.clone(), "added")),
                Some(old) if old != h => out.push((name.clone(), "changed")),
                _ => {}
            }
        }
        for name in m.rule_files.keys() {
            if !self.rule_files.contains_key(name) {
                out.push((name.clone(), "removed"));
            }
        }
        out.sort();
        out
    }

    /// Stat (and, when needed, hash) one input file, against its previous entry.
    pub fn inspect(&self, f: &SourceFile, prev: &Previous) -> FileState {
        let Ok(meta) = fs::metadata(&f.path) else {
            return FileState {
                bytes: 0,
                sha256: None,
                mtime_ns: None,
                ctime_ns: None,
                same: false,
            };
        };
        let bytes = meta.len();
        let (mtime, ctime) = times(&meta);
        let trusted = mtime.is_some_and(|t| t < self.racy_before)
            && ctime.is_none_or(|t| t < self.racy_before);
        let mut st = FileState {
            bytes,
            sha256: None,
            mtime_ns: if trusted { mtime.and_then(ns) } else { None },
            ctime_ns: if trusted { ctime.and_then(ns) } else { None },
            same: false,
        };
        let readable = bytes <= self.max_article_bytes;
        let prev = prev
            .entry
            .as_ref()
            .filter(|p| self.reuse_allowed() && p.entry.path == f.rel);
        if let (Some(p), Some(m)) = (prev, &self.prev) {
            let e = &p.entry;
            // A file over either limit was (or would now be) skipped for its size.
            let limits = readable && e.bytes <= m.max_article_bytes;
            if limits && e.bytes == bytes {
                let stamped = e.mtime_ns.is_some()
                    && (e.mtime_ns, e.ctime_ns) == (mtime.and_then(ns), ctime.and_then(ns))
                    && m.input == self.input;
                if stamped {
                    st.sha256 = e.sha256.clone();
                    st.same = true;
                    return st;
                }
                if e.sha256.is_some() {
                    st.sha256 = hash_file(&f.path, self.max_article_bytes);
                    st.same = st.sha256.is_some() && st.sha256 == e.sha256;
                    return st;
                }
            }
        }
        st
    }

    fn reuse_allowed(&self) -> bool {
        !self.full && self.prev.is_some()
    }

    /// The whole previous outcome of a file whose content is unchanged, when every
    /// record of it can be reused.
    pub fn reuse_file(
        &self,
        f: &SourceFile,
        st: &FileState,
        prev: &Previous,
    ) -> Option<FileOutcome> {
        let (p, m) = (
            prev.entry.as_ref().filter(|_| st.same)?,
            self.prev.as_ref()?,
        );
        let group = &prev.group;
        if m.pressmine_version != self.version || p.entry.path != f.rel {
            return None;
        }
        let mut out = FileOutcome::new(self.file_entry(f, st, p.entry.skipped.clone()));
        out.skipped = skipped_of(&f.rel, &p.entry.skipped);
        for a in &p.entry.articles {
            let line = self.verified_line(a, group)?;
            out.lines.push(line.text.clone());
            out.warnings += line.warnings;
            out.reused += 1;
            out.file.articles.push(a.clone());
            out.changes
                .push(Change::new("unchanged", &a.id, &f.rel, a.line));
        }
        Some(self.finish(out, group))
    }

    /// The previous line of an index article, when it is current and intact.
    fn verified_line<'g>(&self, a: &ArticleEntry, group: &'g Group) -> Option<&'g PrevLine> {
        if a.rules_fingerprint != self.rules_fingerprint || a.pressmine_version != self.version {
            return None;
        }
        let line = group.get(&a.id)?;
        (sha256_hex(line.text.as_bytes()) == a.record_sha256).then_some(line)
    }

    /// Start the outcome of a file that was read again: `sha256` is the hash of
    /// the bytes its articles came from ([`crate::ingest::load_hashed`]).
    pub fn start(
        &self,
        f: &SourceFile,
        st: &FileState,
        sha256: Option<String>,
        skipped: Vec<Skipped>,
    ) -> FileOutcome {
        let entries = skipped
            .iter()
            .map(|s| SkipEntry {
                line: s.line,
                reason: s.reason.clone(),
            })
            .collect();
        let mut out = FileOutcome::new(self.file_entry(f, st, entries));
        out.file.sha256 = sha256;
        out.skipped = skipped;
        out
    }

    fn file_entry(&self, f: &SourceFile, st: &FileState, skipped: Vec<SkipEntry>) -> FileEntry {
        FileEntry {
            path: f.rel.clone(),
            bytes: st.bytes,
            sha256: st.sha256.clone(),
            mtime_ns: st.mtime_ns,
            ctime_ns: st.ctime_ns,
            skipped,
            articles: Vec::new(),
        }
    }

    /// The previous line of an article of the file `prev` describes, when it can
    /// be reused as it is.
    pub fn reusable<'p>(
        &self,
        a: &Article,
        input: &str,
        prev: &'p Previous,
    ) -> Option<&'p PrevLine> {
        if !self.reuse_allowed() {
            return None;
        }
        let e = prev_article(prev, a)?;
        if e.input_sha256 != input {
            return None;
        }
        self.verified_line(e, &prev.group)
    }

    /// Add one article's record line (`reused` or freshly extracted) to a file's
    /// outcome, with its change against the previous line of the same id.
    pub fn push(
        &self,
        out: &mut FileOutcome,
        a: &Article,
        input: String,
        line: String,
        reused: bool,
        prev: &Previous,
    ) {
        let entry = ArticleEntry {
            id: a.id.clone(),
            line: a.line,
            sha256: a.sha256.clone(),
            bytes: a.bytes,
            input_sha256: input,
            record_sha256: sha256_hex(line.as_bytes()),
            rules_fingerprint: self.rules_fingerprint.clone(),
            pressmine_version: self.version.clone(),
        };
        let mut change = Change::new("added", &a.id, &a.path, a.line);
        if let Some(old) = prev.group.get(&a.id) {
            if old.text == line {
                change.change = "unchanged".into();
            } else {
                change.change = "updated".into();
                let old: Value = serde_json::from_str(&old.text).unwrap_or(Value::Null);
                let new: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
                let (fields, rules) = diff(&old, &new);
                change.fields = fields;
                // Same input as recorded: the rules or the program made the change.
                let prev_input = prev_article(prev, a).map(|e| &e.input_sha256);
                if prev_input == Some(&entry.input_sha256) {
                    out.by_rules.push(
                        rules
                            .iter()
                            .filter_map(|r| self.rule_file_of.get(r).cloned())
                            .collect(),
                    );
                }
            }
        }
        if reused {
            out.reused += 1;
        } else {
            out.extracted += 1;
        }
        out.lines.push(line);
        out.file.articles.push(entry);
        out.changes.push(change);
    }

    /// Close a file's outcome: previous records of the file whose id it no longer
    /// has are removed.
    pub fn finish(&self, mut out: FileOutcome, group: &Group) -> FileOutcome {
        let ids: HashSet<&str> = out.file.articles.iter().map(|a| a.id.as_str()).collect();
        for l in &group.lines {
            if !ids.contains(l.id.as_str()) {
                out.changes.push(Change::removed(l));
            }
        }
        out
    }
}

/// An article's entry in its file's previous index entry.
fn prev_article<'p>(prev: &'p Previous, a: &Article) -> Option<&'p ArticleEntry> {
    prev.entry
        .as_ref()
        .filter(|p| p.entry.path == a.path)?
        .article(&a.id)
}

fn skipped_of(path: &str, entries: &[SkipEntry]) -> Vec<Skipped> {
    entries
        .iter()
        .map(|s| Skipped {
            path: path.to_string(),
            line: s.line,
            reason: s.reason.clone(),
        })
        .collect()
}

/// The input folder as an absolute path (as given when it cannot be resolved).
fn input_root(input: &Path) -> String {
    fs::canonicalize(input)
        .unwrap_or_else(|_| input.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Modification and status-change times.
fn times(meta: &fs::Metadata) -> (Option<SystemTime>, Option<SystemTime>) {
    let mtime = meta.modified().ok();
    #[cfg(unix)]
    let ctime = {
        use std::os::unix::fs::MetadataExt;
        u64::try_from(meta.ctime())
            .ok()
            .map(|s| UNIX_EPOCH + Duration::new(s, meta.ctime_nsec().clamp(0, 999_999_999) as u32))
    };
    #[cfg(not(unix))]
    let ctime = None;
    (mtime, ctime)
}

fn ns(t: SystemTime) -> Option<i64> {
    t.duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_nanos()).ok())
}

/// SHA-256 of a file's bytes, reading at most `max` bytes (`None` past that, or
/// when it cannot be read).
fn hash_file(path: &Path, max: u64) -> Option<String> {
    let f = File::open(path).ok()?;
    let mut h = Sha256::new();
    let n = io::copy(
        &mut BufReader::with_capacity(1 << 16, f.take(max.saturating_add(1))),
        &mut h,
    )
    .ok()?;
    (n <= max).then(|| format!("{:x}", h.finalize()))
}
