//! Stage 7: records and skipped inputs -> `records.jsonl` and `skipped.jsonl`.
//!
//! Records arrive in source-path order and are streamed to disk as they come, so
//! memory does not grow with the corpus. Each file is written to a temporary
//! file in the output folder and renamed into place when complete, so a run that
//! dies leaves the previous complete file readable. A file that is dropped
//! without being committed (an error part-way) removes its temporary file.

pub mod tables;

use crate::record::{Record, Skipped};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written under a temporary name in its destination folder;
/// [`AtomicFile::commit`] syncs it and renames it into place.
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    out: Option<BufWriter<File>>,
    hash: Sha256,
    bytes: u64,
}

impl AtomicFile {
    /// Start writing `dir/name` (as `dir/.name.tmp`, truncating a leftover one).
    pub fn create(dir: &Path, name: &str) -> std::io::Result<Self> {
        let tmp = dir.join(format!(".{name}.tmp"));
        let out = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        Ok(AtomicFile {
            tmp,
            dest: dir.join(name),
            out: Some(out),
            hash: Sha256::new(),
            bytes: 0,
        })
    }

    /// Flush, sync, rename into place and sync the folder. Returns the
    /// destination, its size and the SHA-256 (lowercase hex) of its bytes.
    pub fn commit(mut self) -> std::io::Result<(PathBuf, u64, String)> {
        let mut out = self.out.take().expect("an uncommitted file has a writer");
        out.flush()?;
        out.get_ref().sync_all()?;
        drop(out);
        std::fs::rename(&self.tmp, &self.dest)?;
        sync_dir(self.dest.parent().unwrap_or(Path::new(".")));
        let hash = format!("{:x}", std::mem::take(&mut self.hash).finalize());
        Ok((self.dest.clone(), self.bytes, hash))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let out = self.out.as_mut().expect("an uncommitted file has a writer");
        let n = out.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.out.as_mut() {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Make renames in `dir` durable (a no-op where folders cannot be synced).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// A JSON Lines file being written; [`JsonlWriter::commit`] renames it into place.
pub struct JsonlWriter {
    out: AtomicFile,
    /// Lines written.
    pub lines: usize,
}

impl JsonlWriter {
    /// Start writing `dir/name` (as `dir/.name.tmp`).
    pub fn create(dir: &Path, name: &str) -> std::io::Result<Self> {
        Ok(JsonlWriter {
            out: AtomicFile::create(dir, name)?,
            lines: 0,
        })
    }

    /// Append one value as a line.
    pub fn write<T: serde::Serialize>(&mut self, v: &T) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.out, v)?;
        self.out.write_all(b"\n")?;
        self.lines += 1;
        Ok(())
    }

    /// Append a line already serialised (without its newline), byte for byte.
    pub fn write_line(&mut self, line: &str) -> std::io::Result<()> {
        self.out.write_all(line.as_bytes())?;
        self.out.write_all(b"\n")?;
        self.lines += 1;
        Ok(())
    }

    /// Flush, sync and rename into place.
    pub fn commit(self) -> std::io::Result<PathBuf> {
        self.commit_hashed().map(|(p, _, _)| p)
    }

    /// Like [`JsonlWriter::commit`], also returning the file's size and SHA-256.
    pub fn commit_hashed(self) -> std::io::Result<(PathBuf, u64, String)> {
        self.out.commit()
    }
}

/// Serialise one record as its JSON line (without the newline).
pub fn record_line(r: &Record) -> String {
    serde_json::to_string(r).unwrap_or_default()
}

/// `skipped.jsonl`, written as the files' entries come (in path order), merged
/// with the entries found while discovering the files, so that the file is
/// sorted by (path, line) without holding every entry.
pub struct SkippedWriter {
    out: JsonlWriter,
    found: std::iter::Peekable<std::vec::IntoIter<Skipped>>,
    first: Vec<Skipped>,
    keep: usize,
}

impl SkippedWriter {
    /// Start writing `dir/skipped.jsonl`, with the entries of discovery `found`
    /// (in any order); the first `keep` entries written are kept for a summary.
    pub fn create(dir: &Path, mut found: Vec<Skipped>, keep: usize) -> std::io::Result<Self> {
        found.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        Ok(SkippedWriter {
            out: JsonlWriter::create(dir, "skipped.jsonl")?,
            found: found.into_iter().peekable(),
            first: Vec::new(),
            keep,
        })
    }

    fn put(&mut self, s: Skipped) -> std::io::Result<()> {
        self.out.write(&s)?;
        if self.first.len() < self.keep {
            self.first.push(s);
        }
        Ok(())
    }

    /// Write the entries of discovery that sort before or with `(path, line)`.
    fn found_up_to(&mut self, upto: Option<(&str, Option<u64>)>) -> std::io::Result<()> {
        while let Some(s) = self
            .found
            .next_if(|s| upto.is_none_or(|u| (s.path.as_str(), s.line) <= u))
        {
            self.put(s)?;
        }
        Ok(())
    }

    /// Add one input file's entries; files must come in path order.
    pub fn add(&mut self, mut entries: Vec<Skipped>) -> std::io::Result<()> {
        entries.sort_by_key(|s| s.line);
        for s in entries {
            self.found_up_to(Some((&s.path, s.line)))?;
            self.put(s)?;
        }
        Ok(())
    }

    /// Write the rest and rename into place.
    pub fn commit(mut self) -> std::io::Result<SkippedFile> {
        self.found_up_to(None)?;
        let count = self.out.lines;
        Ok(SkippedFile {
            file: self.out.commit_hashed()?,
            first: self.first,
            count,
        })
    }
}

/// What [`SkippedWriter::commit`] wrote.
pub struct SkippedFile {
    /// Its path, size and SHA-256.
    pub file: (PathBuf, u64, String),
    /// The first entries written (as many as asked for).
    pub first: Vec<Skipped>,
    /// How many entries were written in all.
    pub count: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(path: &str, line: Option<u64>, reason: &str) -> Skipped {
        Skipped {
            path: path.to_string(),
            line,
            reason: reason.to_string(),
        }
    }

    #[test]
    fn skipped_entries_are_written_sorted_by_path_and_line() {
        let dir = tempfile::TempDir::new().unwrap();
        let found = vec![
            skip("z/link", None, "walk"),
            skip("a/loop", None, "walk"),
            skip("b.jsonl", Some(2), "walk, same key as a file's"),
            skip("c", None, "walk"),
        ];
        let files = vec![
            vec![skip("a.txt", None, "empty file")],
            vec![
                skip("b.jsonl", Some(3), "bad line"),
                skip("b.jsonl", Some(2), "bad line"),
                skip("b.jsonl", None, "file"),
            ],
            vec![skip("d.pdf", None, "unsupported")],
        ];
        let mut all: Vec<Skipped> = found.clone();
        all.extend(files.iter().flatten().cloned());
        all.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));

        let mut w = SkippedWriter::create(dir.path(), found, 3).unwrap();
        for f in files {
            w.add(f).unwrap();
        }
        let done = w.commit().unwrap();
        let text = std::fs::read_to_string(dir.path().join("skipped.jsonl")).unwrap();
        let want: String = all
            .iter()
            .map(|s| format!("{}\n", serde_json::to_string(s).unwrap()))
            .collect();
        assert_eq!(text, want);
        assert_eq!(done.count, all.len());
        assert_eq!(done.first, all[..3]);
        assert_eq!(done.file.1, want.len() as u64);
    }
}
