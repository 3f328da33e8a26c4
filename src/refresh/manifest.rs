//! `manifest.json` and the entries of `index.jsonl`: what the output folder
//! holds and what produced it, and the hash of an article's input.

use super::{INDEX, MANIFEST, MANIFEST_SCHEMA};
use crate::ingest::Article;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufReader};
use std::path::Path;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sha256_hex;
    use crate::refresh::version;
    use std::fs;

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
}
