//! Stage 1: a folder of inputs -> articles, plus the inputs that were skipped and why.
//!
//! INTERFACE (kept stable for the rest of the pipeline):
//! - [`discover`] walks the input folder recursively in sorted order and returns
//!   every candidate file, plus skipped entries (unreadable directories, ...).
//! - [`load`] turns one file into zero or more [`Article`]s (a `.jsonl` file gives
//!   one per line) and [`Skipped`] entries; it never panics and never fails the run.

use crate::record::Skipped;
use std::path::{Path, PathBuf};

/// A file found under the input folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where to read it.
    pub path: PathBuf,
    /// Path relative to the input folder, `/`-separated.
    pub rel: String,
}

/// The format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt` or `.md`.
    Text,
    /// `.html` or `.htm`, reduced to its article text.
    Html,
    /// One line of a `.jsonl` file.
    JsonLine,
}

/// One article, decoded to UTF-8.
#[derive(Debug, Clone)]
pub struct Article {
    /// Relative path of the file, `/`-separated.
    pub path: String,
    /// For JSON Lines input: the 1-based line number.
    pub line: Option<u64>,
    /// Stable id derived from the path (and the line's `id` for JSON Lines).
    pub id: String,
    /// SHA-256 (lowercase hex) of the file's bytes (the line's bytes for JSON Lines).
    pub sha256: String,
    /// Size in bytes of the file (or line).
    pub bytes: u64,
    /// The decoded text that all spans index.
    pub text: String,
    /// How it was read.
    pub format: Format,
    /// What decoding noticed (lossy bytes, a byte order mark, ...).
    pub warnings: Vec<String>,
}

/// Every candidate input under `root`, in sorted order, and entries skipped while walking.
pub fn discover(root: &Path) -> std::io::Result<(Vec<SourceFile>, Vec<Skipped>)> {
    let _ = root;
    Ok((Vec::new(), Vec::new()))
}

/// Read one file into articles; problems become [`Skipped`] entries or warnings.
pub fn load(file: &SourceFile) -> (Vec<Article>, Vec<Skipped>) {
    let _ = file;
    (Vec::new(), Vec::new())
}
