//! Stage 7: records and skipped inputs -> `records.jsonl` and `skipped.jsonl`.
//!
//! Records arrive in source-path order and are streamed to disk as they come, so
//! memory does not grow with the corpus. Each file is written to a temporary
//! file in the output folder and renamed into place when complete, so a run that
//! dies leaves the previous complete file readable. A file that is dropped
//! without being committed (an error part-way) removes its temporary file.

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

/// Write a whole file of skipped entries; returns its path, size and SHA-256.
pub fn write_skipped(dir: &Path, skipped: &[Skipped]) -> std::io::Result<(PathBuf, u64, String)> {
    let mut w = JsonlWriter::create(dir, "skipped.jsonl")?;
    for s in skipped {
        w.write(s)?;
    }
    w.commit_hashed()
}
