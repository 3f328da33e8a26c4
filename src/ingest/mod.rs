//! Stage 1: a folder of inputs -> articles, plus the inputs that were skipped and why.
//!
//! **In:** a path to an input folder (or a single file).
//!
//! **Out:** [`discover`] walks the folder recursively (with `walkdir`, entries of each
//! folder sorted by file name, symbolic links followed) and returns every regular
//! file as a [`SourceFile`], plus a [`Skipped`] entry for every walk error
//! (unreadable folder, symbolic link loop, broken link, ...). [`load`] then turns one
//! file into zero or more [`Article`]s and [`Skipped`] entries:
//!
//! | extension (any case) | result |
//! |---|---|
//! | `.txt`, `.md` | one [`Format::Text`] article: the decoded file |
//! | `.html`, `.htm` | one [`Format::Html`] article: the page's article text (title line, blank line, body) |
//! | `.jsonl` | one [`Format::JsonLine`] article per non-blank line holding a JSON object with a string `text` |
//! | anything else, hidden files | skipped with a reason |
//!
//! Files that look binary (a NUL byte in the first 8 KiB without a UTF-16 byte order
//! mark, or more than 30% control bytes), that are empty or whitespace-only, that
//! cannot be read, or that are larger than the limit ([`DEFAULT_MAX_ARTICLE_BYTES`],
//! see [`load_with_limit`]) are skipped with a reason. A bad JSON line is skipped
//! with its line number; the file's other lines still give articles.
//!
//! **Always holds:**
//! - every file [`discover`] returns ends up in articles or skipped entries of [`load`]
//!   (or both, for JSON Lines), so every input is accounted for;
//! - nothing here panics on any input bytes, and no input problem fails the run:
//!   problems become [`Skipped`] entries (with a reason worded for a person) or
//!   article warnings;
//! - for a valid UTF-8 `.txt`/`.md` file without a byte order mark, the article text
//!   equals the file's bytes exactly (CRLF, non-breaking spaces and control
//!   characters are kept; the normalisation stage deals with them). Otherwise the
//!   text is the file decoded to UTF-8 by [`decode`]: a byte order mark wins, then
//!   UTF-16 recognised by its NUL bytes, an HTML page's declared charset, UTF-8
//!   with stray Windows-1252 bytes, and legacy encodings found by a detector; each
//!   adds a warning naming the encoding, and [`Article::encoding`] names it. A JSON
//!   Lines file is UTF-8 (JSON requires it): its invalid bytes become U+FFFD, with
//!   a warning;
//! - `sha256` and `bytes` describe the file's bytes as read (for JSON Lines, the
//!   line's bytes without its line terminator);
//! - ids are stable: the relative path, or `{path}#{id}` / `{path}#L{line}` for a
//!   JSON line (a repeated `id` within one file falls back to `#L{line}`, with a
//!   warning, so ids stay unique);
//! - the walk order depends only on the file names (each folder's entries in byte
//!   order of their names, a folder's contents where the folder sorts), so it is the
//!   same on every run. It is not plain string order of `rel` (`a/x.txt` comes before
//!   `a.txt`); the emit stage sorts records by path.
//!
//! Files: `discover.rs` (the walk), `load.rs` (one file: checks, then the
//! format), `screen.rs` (hidden, too large, binary), `html.rs` and `jsonl.rs`
//! (the formats that need more than decoding), `decode.rs` (bytes to text).
//!
//! [`Skipped`]: crate::record::Skipped

pub mod decode;
mod discover;
mod html;
mod jsonl;
mod load;
mod screen;

pub use discover::discover;
pub use jsonl::json_line_article;
pub use load::{load, load_hashed, load_with_limit, sha256_hex};

use std::path::PathBuf;

/// Files larger than this many bytes are skipped by [`load`] (64 MiB).
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

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
    /// The encoding the file was decoded from when it was not UTF-8
    /// (`windows-1252`, `utf-16le`, ...).
    pub encoding: Option<String>,
    /// How it was read.
    pub format: Format,
    /// What decoding noticed (lossy bytes, a byte order mark, ...).
    pub warnings: Vec<String>,
}
