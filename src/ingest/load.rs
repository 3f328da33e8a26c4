//! One file -> articles: the checks made before decoding ([`super::screen`]),
//! then the format chosen by extension. Text files are read here; HTML pages
//! and JSON Lines files by their own modules.

use super::decode::{self, Decoded, Markup};
use super::screen::{binary_reason, hidden_reason, read_limited};
use super::{html, jsonl};
use super::{Article, Format, SourceFile, DEFAULT_MAX_ARTICLE_BYTES};
use crate::record::Skipped;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Read one file into articles; problems become [`Skipped`] entries or warnings.
///
/// Same as [`load_with_limit`] with [`DEFAULT_MAX_ARTICLE_BYTES`].
pub fn load(file: &SourceFile) -> (Vec<Article>, Vec<Skipped>) {
    load_with_limit(file, DEFAULT_MAX_ARTICLE_BYTES)
}

/// Read one file into articles, skipping files larger than `max_bytes` without
/// reading them whole; problems become [`Skipped`] entries or warnings.
///
/// Hidden files (a path component starting with `.`) and unsupported extensions are
/// skipped before the file is opened. The format is chosen by the extension, case
/// insensitively (see the module documentation). Never panics.
pub fn load_with_limit(file: &SourceFile, max_bytes: u64) -> (Vec<Article>, Vec<Skipped>) {
    let (articles, skipped, _) = load_hashed(file, max_bytes);
    (articles, skipped)
}

/// Like [`load_with_limit`], also returning the SHA-256 (lowercase hex) of the
/// file's bytes as read, when the file was read whole (`None` for files skipped
/// before or while reading).
pub fn load_hashed(
    file: &SourceFile,
    max_bytes: u64,
) -> (Vec<Article>, Vec<Skipped>, Option<String>) {
    let skip = |reason: String| {
        let (articles, skipped) = skipped_file(file, &reason);
        (articles, skipped, None)
    };
    if let Some(reason) = hidden_reason(&file.rel) {
        return skip(reason);
    }
    let kind = match file_kind(&file.path) {
        Ok(kind) => kind,
        Err(reason) => return skip(reason),
    };
    let bytes = match read_limited(&file.path, max_bytes) {
        Ok(bytes) => bytes,
        Err(reason) => return skip(reason),
    };
    let hash = Some(sha256_hex(&bytes));
    if let Some(reason) = binary_reason(&bytes) {
        let (articles, skipped) = skipped_file(file, &reason);
        return (articles, skipped, hash);
    }
    let (articles, skipped) = match kind {
        Kind::Text => load_text(file, &bytes),
        Kind::Html => html::load_html(file, &bytes),
        Kind::JsonLines => jsonl::load_jsonl(file, &bytes),
    };
    (articles, skipped, hash)
}

/// The supported input kinds, by extension.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Text,
    Html,
    JsonLines,
}

/// The kind of a file from its extension, or why it is not supported.
fn file_kind(path: &Path) -> Result<Kind, String> {
    let Some(ext) = path.extension() else {
        return Err("no file extension".to_string());
    };
    let ext = ext.to_string_lossy();
    match ext.to_ascii_lowercase().as_str() {
        "txt" | "md" => Ok(Kind::Text),
        "html" | "htm" => Ok(Kind::Html),
        "jsonl" => Ok(Kind::JsonLines),
        _ => Err(format!("unsupported file type '.{ext}'")),
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// A skipped entry for the whole file.
pub(super) fn skipped_file(file: &SourceFile, reason: &str) -> (Vec<Article>, Vec<Skipped>) {
    (
        Vec::new(),
        vec![Skipped {
            path: file.rel.clone(),
            line: None,
            reason: reason.to_string(),
        }],
    )
}

/// A `.txt` / `.md` file: the decoded bytes, as they are.
fn load_text(file: &SourceFile, bytes: &[u8]) -> (Vec<Article>, Vec<Skipped>) {
    let decoded = decode::decode(bytes, Markup::Text);
    if decoded.text.trim().is_empty() {
        return skipped_file(file, "empty file");
    }
    whole_file_article(file, bytes, decoded, Format::Text)
}

/// The one article a whole file gives: id and path from the file, hash and size
/// of its bytes.
pub(super) fn whole_file_article(
    file: &SourceFile,
    bytes: &[u8],
    decoded: Decoded,
    format: Format,
) -> (Vec<Article>, Vec<Skipped>) {
    let article = Article {
        path: file.rel.clone(),
        line: None,
        id: file.rel.clone(),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        text: decoded.text,
        encoding: decoded.encoding,
        format,
        warnings: decoded.warnings,
    };
    (vec![article], Vec::new())
}
