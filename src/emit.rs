//! Stage 7: records and skipped inputs -> `records.jsonl` and `skipped.jsonl`.
//!
//! Records arrive in source-path order and are streamed to disk as they come, so
//! memory does not grow with the corpus. Each file is written to a temporary
//! file in the output folder and renamed into place when complete, so a run that
//! dies leaves the previous complete file readable.

use crate::record::{Record, Skipped};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A JSON Lines file being written; [`JsonlWriter::commit`] renames it into place.
pub struct JsonlWriter {
    tmp: PathBuf,
    dest: PathBuf,
    out: BufWriter<File>,
    /// Lines written.
    pub lines: usize,
}

impl JsonlWriter {
    /// Start writing `dir/name` (as `dir/.name.tmp`).
    pub fn create(dir: &Path, name: &str) -> std::io::Result<Self> {
        let tmp = dir.join(format!(".{name}.tmp"));
        let out = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        Ok(JsonlWriter {
            tmp,
            dest: dir.join(name),
            out,
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

    /// Flush, sync and rename into place.
    pub fn commit(mut self) -> std::io::Result<PathBuf> {
        self.out.flush()?;
        self.out.get_ref().sync_all()?;
        std::fs::rename(&self.tmp, &self.dest)?;
        Ok(self.dest)
    }
}

/// Serialise one record as its JSON line (without the newline).
pub fn record_line(r: &Record) -> String {
    serde_json::to_string(r).unwrap_or_default()
}

/// Write a whole file of skipped entries.
pub fn write_skipped(dir: &Path, skipped: &[Skipped]) -> std::io::Result<()> {
    let mut w = JsonlWriter::create(dir, "skipped.jsonl")?;
    for s in skipped {
        w.write(s)?;
    }
    w.commit().map(|_| ())
}
