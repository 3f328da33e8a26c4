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

mod changes;
mod decide;
mod lock;
mod manifest;
mod outcome;
mod previous;

pub use changes::{diff, Change, FieldChange};
pub use decide::{Context, FileState};
pub use lock::Lock;
pub use manifest::{input_hash, ArticleEntry, FileEntry, Manifest, OutputEntry, SkipEntry};
pub use outcome::{FileOutcome, Tally};
pub use previous::{Group, PrevFile, PrevIndex, PrevLine, PrevRecords, Previous};

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

/// The pressmine version that produces records: the crate version plus, as build
/// metadata, a fingerprint of the code it was built from (every source file,
/// `Cargo.lock` and the compiler version, taken by `build.rs`), so that a
/// build with changed code re-extracts everything (`0.1.0+3fa9c2d1e0b4`).
pub fn version() -> &'static str {
    concat!(env!("CARGO_PKG_VERSION"), "+", env!("PRESSMINE_BUILD"))
}
