//! Refresh: what the previous run left in the output folder, and what changed
//! since. `pressmine run` is incremental: this module decides, per input file and
//! per article, whether the previous record can be reused byte for byte or the
//! article has to be extracted again, and describes the difference.
//!
//! **In:** the output folder of a previous run (`manifest.json`, the header;
//! `index.jsonl`, one [`FileEntry`] per input file, checked against the size and
//! SHA-256 the manifest records for it, then streamed in path order by
//! [`PrevIndex`]; `records.jsonl`, streamed in path order by [`PrevRecords`]),
//! the current rule set and pressmine version, and the input files.
//!
//! **Out:** per file a [`FileOutcome`]: its record lines (reused or new), its
//! `changes.jsonl` lines ([`Change`]), its skipped entries and its
//! `index.jsonl` line; a [`Tally`] for the summary; the [`Lock`] that keeps a
//! second run out of the folder. Nothing here holds more than one chunk of
//! files' previous entries and records at a time.
//!
//! **Always holds:**
//! - a record line is reused only when the article's input (path, line, id, bytes
//!   and their hash, decoding warnings) is the one the index describes, the
//!   index entry names the current rules fingerprint and pressmine version, and
//!   the previous line's SHA-256 is the one the index recorded. So a reused line
//!   is exactly the line a full run would write, whatever state an interrupted run
//!   left behind; an index that is not the one the manifest describes is not
//!   used at all;
//! - a file's content is taken as unchanged without reading it only when its size,
//!   modification and status-change times are those recorded, were recorded at
//!   least [`RACY_SECS`] seconds after the file was last written, and the input
//!   folder is the same; otherwise the file is hashed;
//! - only the holder of `OUT/.lock` writes in `OUT`.

use crate::ingest::{sha256_hex, Article, SourceFile};
use crate::record::Skipped;
use crate::rules::RuleSet;
use anyhow::{bail, Context as _, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = "manifest.json";
/// The change report's file name in the output folder.
pub const CHANGES: &str = "changes.jsonl";
/// The index's file name in the output folder: one [`FileEntry`] per line.
pub const INDEX: &str = "index.jsonl";
/// The lock file's name in the output folder.
pub const LOCK: &str = ".lock";
/// The manifest format written by this version.
pub const MANIFEST_SCHEMA: u32 = 2;
/// A file written less than this many seconds before it was looked at may change
/// again without its times changing: its times are not recorded, so the next run
/// hashes it.
pub const RACY_SECS: u64 = 2;

// ---------------------------------------------------------------------------
// Version
// ---------------------------------------------------------------------------

/// The pressmine version that produces records: the crate version plus, as build
/// metadata, a fingerprint of the code it was built from (every source file,
/// `Cargo.lock` and the compiler version, taken by `build.rs`), so that a
/// build with changed code re-extracts everything (`0.1.0+3fa9c2d1e0b4`).
pub fn version() -> &'static str {
    concat!(env!("CARGO_PKG_VERSION"), "+", env!("PRESSMINE_BUILD"))
}

// ---------------------------------------------------------------------------
// Manifest
// ---------------------------------------------------------------------------

/// `manifest.json`: what the output folder holds and what produced it. The
/// per-file and per-record entries are in `index.jsonl` ([`FileEntry`]), which
/// `outputs` describes like the other output files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_SCHEMA`].
    pub schema_version: u32,
    /// [`version`] of the run that wrote it.
    pub pressmine_version: String,
    /// Fingerprint of the rule files (and crate version) of that run.
    pub rules_fingerprint: String,
    /// Where the rules were read from: `built-in` (the rules compiled into the
    /// binary) or the rules folder's path. The fingerprint, not this, decides
    /// what a refresh extracts again.
    #[serde(default)]
    pub rules_source: String,
    /// Rule file name -> SHA-256 of its bytes.
    pub rule_files: BTreeMap<String, String>,
    /// The input folder, as an absolute path.
    pub input: String,
    /// `--max-article-bytes` of that run.
    pub max_article_bytes: u64,
    /// The output files the manifest describes (`records.jsonl`,
    /// `changes.jsonl`, `skipped.jsonl`, `index.jsonl`): name -> size and SHA-256.
    pub outputs: BTreeMap<String, OutputEntry>,
}

/// Size and hash of one output file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputEntry {
    /// Bytes.
    pub bytes: u64,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
}

/// One line of `index.jsonl`: an input file as last seen, and the records its
/// articles gave. Lines are in path order (the order files are processed in and
/// `records.jsonl` is written in), one per input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the input folder, `/`-separated.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the bytes (absent when the file was not read: hidden, of an
    /// unsupported type, too large or unreadable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Modification time, nanoseconds since 1970 (absent when not to be trusted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtime_ns: Option<i64>,
    /// Status-change time, nanoseconds since 1970 (Unix only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ctime_ns: Option<i64>,
    /// Why the file (or some of its lines) gave no record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkipEntry>,
    /// Its articles' records, in `records.jsonl` order.
    #[serde(default)]
    pub articles: Vec<ArticleEntry>,
}

/// A skipped entry of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkipEntry {
    /// For JSON Lines input: the 1-based line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The reason.
    pub reason: String,
}

/// One article of a file and the record it gave (its path is the file's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleEntry {
    /// Record id (unique within the file).
    pub id: String,
    /// For JSON Lines input: the 1-based line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// SHA-256 of the article's bytes (`source.sha256`).
    pub sha256: String,
    /// Size of the article's bytes.
    pub bytes: u64,
    /// SHA-256 of everything extraction reads besides the rules: see [`input_hash`].
    pub input_sha256: String,
    /// SHA-256 of the record's line in `records.jsonl` (without the newline).
    pub record_sha256: String,
    /// Fingerprint of the rules that produced the record.
    pub rules_fingerprint: String,
    /// [`version`] that produced the record.
    pub pressmine_version: String,
}

impl Manifest {
    /// Read `dir/manifest.json`: `Ok(None)` when there is none, an error message
    /// when it cannot be used. It is read as a stream, so that the large manifest
    /// of an older schema (which held every file and record) is passed over
    /// without being held.
    pub fn read(dir: &Path) -> std::result::Result<Option<Manifest>, String> {
        let path = dir.join(MANIFEST);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let m: Manifest = serde_json::from_reader(BufReader::with_capacity(1 << 16, file))
            .map_err(|e| format!("{} is not a pressmine manifest: {e}", path.display()))?;
        if m.schema_version != MANIFEST_SCHEMA {
            return Err(format!(
                "{} has manifest schema {} (this pressmine writes {MANIFEST_SCHEMA})",
                path.display(),
                m.schema_version
            ));
        }
        Ok(Some(m))
    }

    /// Check that `dir/index.jsonl` is the one this manifest describes (its size
    /// and SHA-256), reading it once; an error message when it is not.
    pub fn check_index(&self, dir: &Path) -> std::result::Result<(), String> {
        let path = dir.join(INDEX);
        let Some(want) = self.outputs.get(INDEX) else {
            return Err(format!("the manifest describes no {INDEX}"));
        };
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(format!("{} is missing", path.display()))
            }
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let mut h = Sha256::new();
        let bytes = io::copy(&mut BufReader::with_capacity(1 << 20, file), &mut h)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if bytes != want.bytes || format!("{:x}", h.finalize()) != want.sha256 {
            return Err(format!(
                "{} is not the one the manifest describes (its size or SHA-256 differs)",
                path.display()
            ));
        }
        Ok(())
    }
}

/// SHA-256 of everything [`crate::extract::extract`] reads from an article besides
/// the rules: path, line, id, the hash and size of its bytes (which determine its
/// text) and the decoding warnings (which can depend on other lines of the file).
pub fn input_hash(a: &Article) -> String {
    let mut h = Sha256::new();
    for part in [
        a.path.as_str(),
        &a.line.map(|l| l.to_string()).unwrap_or_default(),
        &a.id,
        &a.sha256,
        &a.bytes.to_string(),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    for w in &a.warnings {
        h.update(w.as_bytes());
        h.update([0]);
    }
    format!("{:x}", h.finalize())
}

// ---------------------------------------------------------------------------
// Lock
// ---------------------------------------------------------------------------

/// `OUT/.lock`, holding the owner's pid; removed when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    content: String,
}

impl Lock {
    /// Take the lock of the output folder `dir`, or fail with a message naming
    /// the run that holds it. A lock whose process is gone is taken over with a
    /// warning on stderr.
    pub fn acquire(dir: &Path) -> Result<Lock> {
        let path = dir.join(LOCK);
        let me = std::process::id();
        let content = format!("{me}\n");
        for _ in 0..8 {
            match create_with(&path, dir, &content) {
                Ok(()) => return Ok(Lock { path, content }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("cannot create the lock file {}", path.display()))
                }
            }
            let held = match fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("cannot read the lock file {}", path.display()))
                }
            };
            let pid = held.trim().parse::<u32>().ok();
            if let Some(pid) = pid.filter(|&p| p != me && alive(p)) {
                bail!(
                    "output folder '{}' is in use by another pressmine run (pid {pid}); \
                     wait for it to finish (its lock file is {})",
                    dir.display(),
                    path.display()
                );
            }
            // Stale: move it aside, and make sure what was moved is what was read
            // (another run may have taken it over in between).
            let aside = dir.join(format!("{LOCK}.stale.{me}"));
            match fs::rename(&path, &aside) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!("cannot take over the lock file {}", path.display())
                    })
                }
            }
            let moved = fs::read_to_string(&aside).unwrap_or_default();
            if moved != held {
                // Someone else's fresh lock: put it back unless another one appeared.
                if fs::hard_link(&aside, &path).is_err() {
                    let _ = fs::rename(&aside, &path);
                }
                let _ = fs::remove_file(&aside);
                continue;
            }
            let _ = fs::remove_file(&aside);
            match pid {
                Some(pid) => eprintln!(
                    "pressmine: warning: taking over the lock {} left by pid {pid}, which is no longer running",
                    path.display()
                ),
                None => eprintln!(
                    "pressmine: warning: taking over the lock {}, which names no process ({:?})",
                    path.display(),
                    held.trim()
                ),
            }
        }
        bail!(
            "cannot take the lock {}: other runs keep taking it",
            path.display()
        )
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if fs::read_to_string(&self.path).is_ok_and(|t| t == self.content) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Create `path` holding `content`, atomically: fails with `AlreadyExists` when it
/// exists, and is never seen half-written (a hard link of a complete file).
fn create_with(path: &Path, dir: &Path, content: &str) -> io::Result<()> {
    let tmp = dir.join(format!("{LOCK}.new.{}", std::process::id()));
    fs::write(&tmp, content)?;
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links: create-new, then write.
        Err(_) => {
            use std::io::Write;
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            f.write_all(content.as_bytes())?;
            f.sync_all()
        }
    }
}

/// True when process `pid` is running (or when that cannot be told).
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

// ---------------------------------------------------------------------------
// The previous records, streamed in path order
// ---------------------------------------------------------------------------

/// One line of the previous `records.jsonl`.
#[derive(Debug, Clone)]
pub struct PrevLine {
    /// Record id.
    pub id: String,
    /// `source.path`.
    pub path: String,
    /// `source.line`.
    pub line: Option<u64>,
    /// How many warnings the record has.
    pub warnings: usize,
    /// The line, without its newline.
    pub text: String,
}

/// The previous lines of one source path, by id.
#[derive(Debug, Default)]
pub struct Group {
    /// The lines, in file order.
    pub lines: Vec<PrevLine>,
    by_id: HashMap<String, usize>,
}

impl Group {
    /// The line of a record id.
    pub fn get(&self, id: &str) -> Option<&PrevLine> {
        self.by_id.get(id).map(|&i| &self.lines[i])
    }
}

#[derive(Deserialize)]
struct Head {
    id: String,
    source: HeadSource,
    #[serde(default)]
    warnings: Vec<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct HeadSource {
    path: String,
    #[serde(default)]
    line: Option<u64>,
}

/// A previous output file for reading line by line; `None` when there is none.
fn open_previous(path: &Path) -> io::Result<Option<BufReader<File>>> {
    match File::open(path) {
        Ok(f) => Ok(Some(BufReader::with_capacity(1 << 20, f))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The next line of `reader` (without its newline) that `parse` accepts; lines
/// it rejects (a damaged file) are passed over. At the end the reader is closed.
fn next_parsed<T>(
    reader: &mut Option<BufReader<File>>,
    mut parse: impl FnMut(&[u8]) -> Option<T>,
) -> io::Result<Option<T>> {
    let Some(r) = reader.as_mut() else {
        return Ok(None);
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if r.read_until(b'\n', &mut buf)? == 0 {
            *reader = None;
            return Ok(None);
        }
        if let Some(v) = parse(buf.strip_suffix(b"\n").unwrap_or(&buf)) {
            return Ok(Some(v));
        }
    }
}

/// The previous `records.jsonl`, read one line at a time alongside the sorted
/// input list (both are in path order), so that memory stays flat.
pub struct PrevRecords {
    reader: Option<BufReader<File>>,
    peeked: Option<PrevLine>,
}

impl PrevRecords {
    /// Open `path`; a missing file reads as empty.
    pub fn open(path: &Path) -> io::Result<PrevRecords> {
        Ok(PrevRecords {
            reader: open_previous(path)?,
            peeked: None,
        })
    }

    /// The next line that is a record; lines that are not (a damaged file) are
    /// passed over: nothing can be reused from them.
    fn read(&mut self) -> io::Result<Option<PrevLine>> {
        next_parsed(&mut self.reader, |line| {
            let text = std::str::from_utf8(line).ok()?;
            let h = serde_json::from_str::<Head>(text).ok()?;
            Some(PrevLine {
                id: h.id,
                path: h.source.path,
                line: h.source.line,
                warnings: h.warnings.len(),
                text: text.to_string(),
            })
        })
    }

    fn peek(&mut self) -> io::Result<Option<&PrevLine>> {
        if self.peeked.is_none() {
            self.peeked = self.read()?;
        }
        Ok(self.peeked.as_ref())
    }

    /// The next line if its path sorts before `path` (or if `path` is `None`).
    pub fn next_before(&mut self, path: Option<&str>) -> io::Result<Option<PrevLine>> {
        match self.peek()? {
            Some(l) if path.is_none_or(|p| l.path.as_str() < p) => Ok(self.peeked.take()),
            _ => Ok(None),
        }
    }

    /// The lines of `path` (which must not sort before the lines already taken).
    pub fn take_path(&mut self, path: &str) -> io::Result<Group> {
        let mut g = Group::default();
        while self.peek()?.is_some_and(|l| l.path == path) {
            if let Some(l) = self.peeked.take() {
                g.by_id.entry(l.id.clone()).or_insert(g.lines.len());
                g.lines.push(l);
            }
        }
        Ok(g)
    }
}

// ---------------------------------------------------------------------------
// The previous index, streamed in path order
// ---------------------------------------------------------------------------

/// One file's entry in the previous `index.jsonl`, with its articles by id.
#[derive(Debug)]
pub struct PrevFile {
    /// The entry.
    pub entry: FileEntry,
    by_id: HashMap<String, usize>,
}

impl PrevFile {
    /// Index a file's entry by article id (the first of a repeated id counts).
    pub fn new(entry: FileEntry) -> PrevFile {
        let mut by_id = HashMap::with_capacity(entry.articles.len());
        for (i, a) in entry.articles.iter().enumerate() {
            by_id.entry(a.id.clone()).or_insert(i);
        }
        PrevFile { entry, by_id }
    }

    /// The entry of an article of this file.
    pub fn article(&self, id: &str) -> Option<&ArticleEntry> {
        self.by_id.get(id).map(|&i| &self.entry.articles[i])
    }
}

/// What the previous run left for one input file: its record lines and its
/// index entry.
#[derive(Debug, Default)]
pub struct Previous {
    /// Its lines in the previous `records.jsonl`.
    pub group: Group,
    /// Its line in the previous `index.jsonl`, if it had one.
    pub entry: Option<PrevFile>,
}

/// The previous `index.jsonl`, read one line at a time alongside the sorted input
/// list (both are in path order), so that memory stays flat.
pub struct PrevIndex {
    reader: Option<BufReader<File>>,
    peeked: Option<FileEntry>,
}

impl PrevIndex {
    /// An index with no entries.
    pub fn empty() -> PrevIndex {
        PrevIndex {
            reader: None,
            peeked: None,
        }
    }

    /// Open `path`; a missing file reads as empty.
    pub fn open(path: &Path) -> io::Result<PrevIndex> {
        Ok(PrevIndex {
            reader: open_previous(path)?,
            peeked: None,
        })
    }

    /// The next line that is a file entry; lines that are not (a damaged file)
    /// are passed over: their files are extracted again.
    fn read(&mut self) -> io::Result<Option<FileEntry>> {
        next_parsed(&mut self.reader, |line| serde_json::from_slice(line).ok())
    }

    /// The entry of `path`, if there is one; entries of paths that sort before it
    /// (files that are gone) are passed over. Paths must be asked for in order.
    pub fn take_path(&mut self, path: &str) -> io::Result<Option<PrevFile>> {
        loop {
            if self.peeked.is_none() {
                self.peeked = self.read()?;
            }
            match &self.peeked {
                Some(e) if e.path.as_str() < path => self.peeked = None,
                Some(e) if e.path == path => return Ok(self.peeked.take().map(PrevFile::new)),
                _ => return Ok(None),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Changes
// ---------------------------------------------------------------------------

/// One line of `changes.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// `added`, `updated`, `removed` or `unchanged`.
    pub change: String,
    /// Record id.
    pub id: String,
    /// Source path.
    pub path: String,
    /// For JSON Lines input: the 1-based line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// For `updated`: every value that changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// A value of a record that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Where: a top-level field, then `.key` and `[index]` steps
    /// (`ratings[0].value`, `source.sha256`).
    pub field: String,
    /// The value before (null when absent).
    pub old: Value,
    /// The value now (null when absent).
    pub new: Value,
}

impl Change {
    fn new(change: &str, id: &str, path: &str, line: Option<u64>) -> Change {
        Change {
            change: change.to_string(),
            id: id.to_string(),
            path: path.to_string(),
            line,
            fields: Vec::new(),
        }
    }

    /// A previous record whose article is gone.
    pub fn removed(p: &PrevLine) -> Change {
        Change::new("removed", &p.id, &p.path, p.line)
    }
}

/// Record fields in the order `records.jsonl` writes them.
const FIELD_ORDER: [&str; 17] = [
    "schema_version",
    "id",
    "source",
    "title",
    "doc_type",
    "publisher",
    "byline",
    "published",
    "inspectorate",
    "services",
    "ratings",
    "quotes",
    "officials",
    "themes",
    "dates",
    "warnings",
    "provenance",
];

/// The values that differ between two records (as JSON), and the ids of the rules
/// behind them (old and new). Objects are compared key by key; lists of objects of
/// the same length item by item; anything else (scalars, spans, lists of strings,
/// lists whose length changed) as a whole.
pub fn diff(old: &Value, new: &Value) -> (Vec<FieldChange>, BTreeSet<String>) {
    let mut out = Vec::new();
    let mut rules = BTreeSet::new();
    diff_at("", old, new, &mut Vec::new(), &mut out, &mut rules);
    (out, rules)
}

/// [`diff`] below `path` (`""` for the record itself); `enclosing` holds the rule
/// ids of the objects around it.
fn diff_at(
    path: &str,
    old: &Value,
    new: &Value,
    enclosing: &mut Vec<String>,
    out: &mut Vec<FieldChange>,
    rules: &mut BTreeSet<String>,
) {
    if old == new {
        return;
    }
    let null = Value::Null;
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let top = path.is_empty();
            let mark = enclosing.len();
            for side in [a, b] {
                for key in ["rule", "cue_rule"] {
                    if let Some(r) = side.get(key).and_then(Value::as_str) {
                        enclosing.push(r.to_string());
                    }
                }
            }
            let mut keys: Vec<&String> = a
                .keys()
                .chain(b.keys().filter(|k| !a.contains_key(*k)))
                .collect();
            // The record's own fields in the order records.jsonl writes them.
            let order = |k: &str| FIELD_ORDER.iter().position(|f| *f == k).filter(|_| top);
            keys.sort_by_key(|k| (order(k).unwrap_or(FIELD_ORDER.len()), k.as_str()));
            for k in keys {
                let (x, y) = (a.get(k).unwrap_or(&null), b.get(k).unwrap_or(&null));
                if top && x != y {
                    // A scalar field's rule is in `provenance`.
                    for side in [old, new] {
                        if let Some(r) = side["provenance"][k.as_str()]["rule"].as_str() {
                            rules.insert(r.to_string());
                        }
                    }
                }
                let at = if top {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                diff_at(&at, x, y, enclosing, out, rules);
            }
            enclosing.truncate(mark);
        }
        (Value::Array(a), Value::Array(b))
            if a.len() == b.len() && a.iter().chain(b).all(Value::is_object) =>
        {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff_at(&format!("{path}[{i}]"), x, y, enclosing, out, rules);
            }
        }
        _ => {
            rules.extend(enclosing.iter().cloned());
            collect_rules(old, rules);
            collect_rules(new, rules);
            out.push(FieldChange {
                field: path.to_string(),
                old: old.clone(),
                new: new.clone(),
            });
        }
    }
}

/// Every `rule` and `cue_rule` id inside a value.
fn collect_rules(v: &Value, rules: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("rule" | "cue_rule", Value::String(r)) => {
                        rules.insert(r.clone());
                    }
                    _ => collect_rules(x, rules),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_rules(x, rules)),
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------

/// Everything a worker needs to decide about reuse; shared read-only. A file's
/// previous entry ([`PrevFile`], from [`PrevIndex`]) comes with the file.
pub struct Context {
    prev: Option<Manifest>,
    version: String,
    rules_fingerprint: String,
    rules_source: String,
    rule_files: BTreeMap<String, String>,
    rule_file_of: HashMap<String, String>,
    max_article_bytes: u64,
    input: String,
    full: bool,
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

// ---------------------------------------------------------------------------
// Outcomes and the tally
// ---------------------------------------------------------------------------

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
    fn new(file: FileEntry) -> FileOutcome {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_reports_leaf_values_and_their_rules() {
        let old = json!({"id": "a", "title": "T", "ratings": [
            {"scope": "overall", "value": "Good", "span": [1, 5], "rule": "rating.x"}],
            "provenance": {"title": {"rule": "meta.title", "span": [0, 1]}}});
        let new = json!({"id": "a", "title": "U", "ratings": [
            {"scope": "overall", "value": "Outstanding", "span": [1, 12], "rule": "rating.x"}],
            "provenance": {"title": {"rule": "meta.title", "span": [0, 1]}}});
        let (fields, rules) = diff(&old, &new);
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["title", "ratings[0].span", "ratings[0].value"]);
        assert_eq!(fields[2].old, json!("Good"));
        assert_eq!(fields[2].new, json!("Outstanding"));
        assert_eq!(
            rules.into_iter().collect::<Vec<_>>(),
            ["meta.title", "rating.x"]
        );
    }

    #[test]
    fn lists_of_different_length_change_as_a_whole() {
        let old = json!({"dates": [{"value": "2024", "rule": "d.a"}]});
        let new = json!({"dates": []});
        let (fields, rules) = diff(&old, &new);
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].field, "dates");
        assert!(rules.contains("d.a"));
    }

    #[test]
    fn previous_records_come_by_path_and_damaged_lines_are_passed_over() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("records.jsonl");
        let rec = |id: &str, p: &str| json!({"id": id, "source": {"path": p}, "warnings": ["w"]});
        let mut bytes = format!("{}\n{}\n", rec("a", "a.txt"), rec("b#1", "b.jsonl")).into_bytes();
        bytes.extend_from_slice(b"\xff\xfe not a record\n{\"id\": \n");
        bytes.extend_from_slice(
            format!("{}\n{}", rec("b#2", "b.jsonl"), rec("c", "c.txt")).as_bytes(),
        );
        fs::write(&path, bytes).unwrap();
        let mut prev = PrevRecords::open(&path).unwrap();
        let gone = prev.next_before(Some("b.jsonl")).unwrap().unwrap();
        assert_eq!((gone.id.as_str(), gone.warnings), ("a", 1));
        assert!(prev.next_before(Some("b.jsonl")).unwrap().is_none());
        let group = prev.take_path("b.jsonl").unwrap();
        let ids: Vec<&str> = group.lines.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["b#1", "b#2"]);
        assert_eq!(
            group.get("b#2").unwrap().text,
            rec("b#2", "b.jsonl").to_string()
        );
        assert!(prev.take_path("b.txt").unwrap().lines.is_empty());
        assert_eq!(prev.next_before(None).unwrap().unwrap().id, "c");
        assert!(prev.next_before(None).unwrap().is_none());
        assert!(PrevRecords::open(&dir.path().join("none"))
            .unwrap()
            .next_before(None)
            .unwrap()
            .is_none());
    }

    #[test]
    fn previous_index_entries_come_by_path_and_damaged_lines_are_passed_over() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join(INDEX);
        let article = |id: &str| ArticleEntry {
            id: id.to_string(),
            line: None,
            sha256: "s".into(),
            bytes: 1,
            input_sha256: "i".into(),
            record_sha256: "r".into(),
            rules_fingerprint: "f".into(),
            pressmine_version: "v".into(),
        };
        let entry = |p: &str, ids: &[&str]| FileEntry {
            path: p.to_string(),
            bytes: 1,
            sha256: None,
            mtime_ns: None,
            ctime_ns: None,
            skipped: Vec::new(),
            articles: ids.iter().map(|id| article(id)).collect(),
        };
        let line = |e: &FileEntry| serde_json::to_string(e).unwrap();
        let mut bytes = format!("{}\n", line(&entry("a.txt", &["a.txt"]))).into_bytes();
        bytes.extend_from_slice(b"\xff\xfe not an entry\n{\"path\": \n");
        let b = entry("b.jsonl", &["b.jsonl#1", "b.jsonl#2"]);
        let damaged = line(&entry("b.txt", &["b.txt"])).replace("\"bytes\":1", "\"bytes\":\"1\"");
        let d = entry("d.txt", &["d.txt"]);
        bytes.extend_from_slice(format!("{}\n{damaged}\n{}", line(&b), line(&d)).as_bytes());
        fs::write(&path, bytes).unwrap();
        let mut ix = PrevIndex::open(&path).unwrap();
        // a.txt is gone: passed over.
        let got = ix.take_path("b.jsonl").unwrap().unwrap();
        assert_eq!(got.entry, b);
        assert_eq!(got.article("b.jsonl#2"), Some(&b.articles[1]));
        assert!(got.article("b.jsonl#3").is_none());
        // A damaged line gives no entry; neither does a path that had none.
        assert!(ix.take_path("b.txt").unwrap().is_none());
        assert!(ix.take_path("c.txt").unwrap().is_none());
        assert_eq!(ix.take_path("d.txt").unwrap().unwrap().entry, d);
        assert!(ix.take_path("e.txt").unwrap().is_none());
        assert!(PrevIndex::open(&dir.path().join("none"))
            .unwrap()
            .take_path("a.txt")
            .unwrap()
            .is_none());
    }

    #[test]
    fn an_index_is_used_only_when_the_manifest_describes_it() {
        let dir = tempfile::TempDir::new().unwrap();
        let text = b"{\"path\":\"a.txt\",\"bytes\":1,\"articles\":[]}\n";
        fs::write(dir.path().join(INDEX), text).unwrap();
        let mut m = Manifest {
            schema_version: MANIFEST_SCHEMA,
            pressmine_version: version().to_string(),
            rules_fingerprint: "f".into(),
            rules_source: "built-in".into(),
            rule_files: BTreeMap::new(),
            input: "/in".into(),
            max_article_bytes: 1,
            outputs: BTreeMap::new(),
        };
        assert!(m
            .check_index(dir.path())
            .unwrap_err()
            .contains("describes no"));
        m.outputs.insert(
            INDEX.into(),
            OutputEntry {
                bytes: text.len() as u64,
                sha256: sha256_hex(text),
            },
        );
        assert_eq!(m.check_index(dir.path()), Ok(()));
        let mut edited = text.to_vec();
        edited[10] = b'b';
        fs::write(dir.path().join(INDEX), &edited).unwrap();
        assert!(m.check_index(dir.path()).unwrap_err().contains("SHA-256"));
        fs::remove_file(dir.path().join(INDEX)).unwrap();
        assert!(m.check_index(dir.path()).unwrap_err().contains("missing"));
    }

    #[test]
    fn identical_records_have_no_changes() {
        let v = json!({"id": "a", "services": [{"name": "x", "spans": [[1, 2]]}]});
        assert!(diff(&v, &v).0.is_empty());
    }
}
