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

pub mod decode;

use crate::record::Skipped;
use decode::{utf16_bom, utf16_without_bom, Decoded, Markup};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Files larger than this many bytes are skipped by [`load`] (64 MiB).
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// How many leading bytes are inspected to tell binary files from text.
const SNIFF_BYTES: usize = 8 * 1024;

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

// ---------------------------------------------------------------------------
// discover
// ---------------------------------------------------------------------------

/// Every candidate input under `root`, in sorted order, and entries skipped while walking.
///
/// The walk is recursive; the entries of each folder are visited in file-name order,
/// so the result is the same on every run. Symbolic links are followed; a link that
/// loops back to one of its ancestors is reported (not followed) as a [`Skipped`]
/// entry, as is every other walk error (unreadable folder, broken link, ...).
/// Non-regular files (fifos, sockets, devices) are reported as skipped too.
///
/// Every regular file is returned, including hidden files and files with
/// unsupported extensions: [`load`] skips those with a reason, so every input is
/// accounted for. `rel` is the path relative to `root`, `/`-separated; a file name
/// that is not valid UTF-8 is shown lossily in `rel` but still read through `path`.
///
/// If `root` is a file, the result is just that file (with its file name as `rel`).
///
/// # Errors
///
/// An [`io::Error`] naming `root` when it does not exist, cannot be read, or is
/// neither a folder nor a file.
pub fn discover(root: &Path) -> io::Result<(Vec<SourceFile>, Vec<Skipped>)> {
    let meta = fs::metadata(root).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("input '{}': {}", root.display(), io_reason(&e)),
        )
    })?;
    if meta.is_file() {
        let rel = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| root.to_string_lossy().into_owned());
        return Ok((
            vec![SourceFile {
                path: root.to_path_buf(),
                rel,
            }],
            Vec::new(),
        ));
    }
    if !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "input '{}' is neither a folder nor a regular file",
                root.display()
            ),
        ));
    }
    // An unreadable root fails the run rather than yielding an empty result.
    fs::read_dir(root).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!(
                "cannot read input folder '{}': {}",
                root.display(),
                io_reason(&e)
            ),
        )
    })?;

    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by(|a, b| a.file_name().cmp(b.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.depth() == 0 {
                    continue;
                }
                let ft = entry.file_type();
                if ft.is_dir() {
                    continue;
                }
                let rel = rel_path(root, entry.path());
                if ft.is_file() {
                    files.push(SourceFile {
                        path: entry.path().to_path_buf(),
                        rel,
                    });
                } else {
                    skipped.push(Skipped {
                        path: rel,
                        line: None,
                        reason: format!("not a regular file ({})", special_kind(&ft)),
                    });
                }
            }
            Err(err) => skipped.push(walk_error(root, &err)),
        }
    }
    Ok((files, skipped))
}

/// `path` relative to `root`, `/`-separated, lossy for non-UTF-8 names.
fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        path.to_string_lossy().into_owned()
    } else {
        parts.join("/")
    }
}

/// Words for a file type that is neither a file nor a folder.
fn special_kind(ft: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "named pipe";
        }
        if ft.is_socket() {
            return "socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "device";
        }
    }
    if ft.is_symlink() {
        return "symbolic link";
    }
    "special file"
}

/// A walk error as a [`Skipped`] entry whose reason says what went wrong where.
fn walk_error(root: &Path, err: &walkdir::Error) -> Skipped {
    let rel = match err.path() {
        Some(p) => rel_path(root, p),
        None => root.to_string_lossy().into_owned(),
    };
    let reason = if let Some(ancestor) = err.loop_ancestor() {
        let target = if ancestor == root {
            "the input folder".to_string()
        } else {
            format!("'{}'", rel_path(root, ancestor))
        };
        format!("symbolic link loop: '{rel}' points back to {target}; not followed")
    } else {
        let detail = match err.io_error() {
            Some(e) => io_reason(e),
            None => err.to_string(),
        };
        match err.path().map(fs::symlink_metadata) {
            Some(Ok(m)) if m.is_dir() => format!("cannot read directory '{rel}': {detail}"),
            Some(Ok(m)) if m.file_type().is_symlink() => {
                format!("broken symbolic link '{rel}': {detail}")
            }
            _ => format!("cannot read '{rel}': {detail}"),
        }
    };
    Skipped {
        path: rel,
        line: None,
        reason,
    }
}

/// An io error worded for a person: "permission denied", "not found", ...
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "not found".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            let mut chars = s.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => format!("{:?}", e.kind()),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// load
// ---------------------------------------------------------------------------

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
        Kind::Html => load_html(file, &bytes),
        Kind::JsonLines => load_jsonl(file, &bytes),
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

/// Why a file is hidden, if it is: it or one of its folders starts with `.`.
fn hidden_reason(rel: &str) -> Option<String> {
    let parts: Vec<&str> = rel.split('/').collect();
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.iter().enumerate() {
        if part.starts_with('.') && *part != "." && *part != ".." {
            return Some(if i == last {
                "hidden file (name starts with '.')".to_string()
            } else {
                format!("inside hidden folder '{part}'")
            });
        }
    }
    None
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

/// The file's bytes, or a reason: read errors and files over `max_bytes`.
fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let too_large = |n: String| {
        format!("file too large: {n} bytes (limit {max_bytes}; raise it with --max-article-bytes)")
    };
    let f = fs::File::open(path).map_err(|e| format!("cannot read file: {}", io_reason(&e)))?;
    let len = f
        .metadata()
        .map_err(|e| format!("cannot read file: {}", io_reason(&e)))?
        .len();
    if len > max_bytes {
        return Err(too_large(len.to_string()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // The file may have grown since its size was taken: never read past the limit.
    f.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read file: {}", io_reason(&e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(format!("more than {max_bytes}")));
    }
    Ok(bytes)
}

/// Why the bytes look binary, if they do.
///
/// A NUL byte in the first 8 KiB (unless the file starts with a UTF-16 byte order
/// mark), or more than 30% control bytes (other than tab, line feed, vertical tab,
/// form feed, carriage return and escape) in the first 8 KiB.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    if utf16_bom(bytes).is_some() || utf16_without_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Some(format!("binary file (NUL byte at offset {pos})"));
    }
    if head.is_empty() {
        return None;
    }
    let controls = head
        .iter()
        .filter(|&&b| {
            (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1b)) || b == 0x7f
        })
        .count();
    if controls * 10 > head.len() * 3 {
        let pct = controls * 100 / head.len();
        return Some(format!(
            "binary file ({pct}% control bytes in the first {} bytes)",
            head.len()
        ));
    }
    None
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// A skipped entry for the whole file.
fn skipped_file(file: &SourceFile, reason: &str) -> (Vec<Article>, Vec<Skipped>) {
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
fn whole_file_article(
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

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

/// An `.html` / `.htm` file: its article text, title line first.
fn load_html(file: &SourceFile, bytes: &[u8]) -> (Vec<Article>, Vec<Skipped>) {
    let Decoded {
        text: html,
        encoding,
        mut warnings,
    } = decode::decode(bytes, Markup::Html);
    if html.trim().is_empty() {
        return skipped_file(file, "empty file");
    }
    let text = match html_article_text(&html) {
        Ok((text, extra)) => {
            warnings.extend(extra);
            text
        }
        Err(why) => {
            warnings.push(format!(
                "HTML article extraction {why}; fell back to plain tag stripping"
            ));
            strip_tags(&html)
        }
    };
    if text.trim().is_empty() {
        return skipped_file(file, "no text in HTML page");
    }
    let decoded = Decoded {
        text,
        encoding,
        warnings,
    };
    whole_file_article(file, bytes, decoded, Format::Html)
}

/// The page's article text by `rs-trafilatura`: the title line, a blank line, then the
/// content (unless the content already starts with the title), and warnings. `Err`
/// says why it gave nothing usable (for the fallback warning).
fn html_article_text(html: &str) -> Result<(String, Vec<String>), String> {
    // The extractor is third-party code run on arbitrary input: contain any panic.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rs_trafilatura::extract(html)
    }));
    let extracted = match result {
        Ok(Ok(extracted)) => extracted,
        Ok(Err(e)) => return Err(format!("failed ({e})")),
        Err(_) => return Err("failed (the extractor panicked)".to_string()),
    };
    let title = extracted
        .metadata
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    // On pages without article structure the extractor can return the same text
    // several times over (seen with rs-trafilatura 0.2): keep one copy.
    let content = extracted.content_text.trim();
    let (content, copies) = collapse_repeats(content);
    if content.trim().is_empty() || Some(content.trim()) == title {
        return Err("found no article text".to_string());
    }
    let text = match title {
        Some(title) if !content.starts_with(title) => format!("{title}\n\n{content}"),
        _ => content.to_string(),
    };
    let mut warnings = Vec::new();
    if copies > 1 {
        warnings.push(format!(
            "HTML article extractor repeated the text {copies} times; kept one copy"
        ));
    }
    Ok((text, warnings))
}

/// `s` as one copy and the number of copies, when `s` is the same text repeated
/// whole two or more times; otherwise `s` and 1.
fn collapse_repeats(s: &str) -> (&str, usize) {
    let Some(first) = s.chars().next() else {
        return (s, 1);
    };
    // The smallest period of `s` is where `s` first reappears in `s + s` after 0.
    let doubled = format!("{s}{s}");
    let skip = first.len_utf8();
    match doubled[skip..].find(s) {
        Some(p) => {
            let period = skip + p;
            if period < s.len() && s.len() % period == 0 {
                (&s[..period], s.len() / period)
            } else {
                (s, 1)
            }
        }
        None => (s, 1),
    }
}

/// Elements whose content is never text.
const SKIP_ELEMENTS: &[&str] = &["script", "style", "noscript", "template", "svg", "head"];

/// Elements that start a new line of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// A simple tag stripper for when article extraction gives nothing: drops comments,
/// scripts, styles and the head (keeping its `<title>` as the first line), turns
/// block elements into line breaks, decodes common entities, and tidies whitespace.
fn strip_tags(html: &str) -> String {
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let mut raw = String::with_capacity(html.len() / 2);
    if let Some(title) = element_text(html, &lower, "title") {
        raw.push_str(&title);
        raw.push('\n');
    }
    let mut i = 0usize;
    while i < html.len() {
        let Some(off) = html[i..].find('<') else {
            raw.push_str(&html[i..]);
            break;
        };
        raw.push_str(&html[i..i + off]);
        let start = i + off;
        if lower[start..].starts_with("<!--") {
            i = lower[start + 4..]
                .find("-->")
                .map_or(html.len(), |p| start + 4 + p + 3);
            continue;
        }
        let Some(close) = html[start..].find('>') else {
            // A lone '<' with no tag after it is text.
            raw.push('<');
            i = start + 1;
            continue;
        };
        let end = start + close + 1;
        let name = tag_name(&lower[start + 1..end - 1]);
        let is_end_tag = lower[start + 1..].starts_with('/');
        i = end;
        if !is_end_tag && SKIP_ELEMENTS.contains(&name) {
            let closing = format!("</{name}");
            i = lower[end..]
                .find(&closing)
                .and_then(|p| {
                    let after = end + p;
                    lower[after..].find('>').map(|q| after + q + 1)
                })
                .unwrap_or(html.len());
            raw.push('\n');
            continue;
        }
        if BLOCK_ELEMENTS.contains(&name) {
            raw.push('\n');
        }
    }
    tidy_whitespace(&decode_entities(&raw))
}

/// The text of the first `<name>` element, entity-decoded and trimmed.
fn element_text(html: &str, lower: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let mut from = 0usize;
    while let Some(p) = lower[from..].find(&open) {
        let at = from + p;
        let after = at + open.len();
        let boundary = lower[after..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c.is_ascii_whitespace());
        if boundary {
            let body_start = after + lower[after..].find('>')? + 1;
            let body_end = body_start + lower[body_start..].find(&format!("</{name}"))?;
            let text = tidy_whitespace(&decode_entities(&html[body_start..body_end]));
            return (!text.is_empty()).then_some(text);
        }
        from = after;
    }
    None
}

/// The element name at the start of a tag's inside (`/p class=x` -> `p`).
fn tag_name(inside: &str) -> &str {
    let s = inside.trim_start_matches('/');
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Decodes the common named entities and numeric character references.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        // ';' is ASCII, so its index is a char boundary.
        let semi = rest.bytes().take(12).position(|b| b == b';');
        let decoded = semi.and_then(|q| entity_char(&rest[1..q]).map(|c| (c, q)));
        match decoded {
            Some((c, q)) => {
                out.push(c);
                rest = &rest[q + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity name (without `&` and `;`) stands for.
fn entity_char(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "hellip" => '\u{2026}',
        "pound" => '\u{a3}',
        "euro" => '\u{20ac}',
        "copy" => '\u{a9}',
        _ => return None,
    })
}

/// Collapses runs of spaces and tabs in each line, trims lines, and keeps at most one
/// blank line between paragraphs.
fn tidy_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0usize;
    for line in s.lines() {
        let words: Vec<&str> = line
            .split([' ', '\t', '\r'])
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(&words.join(" "));
        blank_run = 0;
    }
    out
}

// ---------------------------------------------------------------------------
// JSON Lines
// ---------------------------------------------------------------------------

/// A `.jsonl` file: one article per non-blank line with a string `text`.
///
/// A UTF-16 file (with byte order mark) is decoded whole first; then a line's
/// `sha256`/`bytes` describe the UTF-8 encoding of the decoded line. Otherwise they
/// describe the line's bytes in the file, without its `\n` or `\r\n` (and without
/// the UTF-8 byte order mark on line 1).
/// One JSON Lines record (`{"id", "text", ...}`) as an article of `rel`, or the
/// reason it gives none. `raw` is the line's bytes (hashed), `text` its decoded
/// form; `seen_ids` keeps ids unique within one input.
pub fn json_line_article(
    rel: &str,
    n: u64,
    raw: &[u8],
    text: &str,
    mut warnings: Vec<String>,
    seen_ids: &mut HashMap<String, u64>,
) -> Result<Article, Skipped> {
    let skip = |reason: String| Skipped {
        path: rel.to_string(),
        line: Some(n),
        reason: format!("line {n}: {reason}"),
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| skip(format!("invalid JSON: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| skip("not a JSON object".to_string()))?;
    let body = obj
        .get("text")
        .and_then(|t| t.as_str())
        .ok_or_else(|| skip("no \"text\" string field".to_string()))?;
    if body.trim().is_empty() {
        return Err(skip("empty \"text\" field".to_string()));
    }
    let given_id = match obj.get("id") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(serde_json::Value::Number(num)) => Some(num.to_string()),
        _ => None,
    };
    let id = match given_id {
        Some(given) => match seen_ids.get(&given) {
            Some(first) => {
                warnings.push(format!(
                    "duplicate id '{given}' (first on line {first}); identified by line number instead"
                ));
                format!("{rel}#L{n}")
            }
            None => {
                seen_ids.insert(given.clone(), n);
                format!("{rel}#{given}")
            }
        },
        None => format!("{rel}#L{n}"),
    };
    Ok(Article {
        path: rel.to_string(),
        line: Some(n),
        id,
        sha256: sha256_hex(raw),
        bytes: raw.len() as u64,
        text: body.to_string(),
        encoding: None,
        format: Format::JsonLine,
        warnings,
    })
}

fn load_jsonl(file: &SourceFile, bytes: &[u8]) -> (Vec<Article>, Vec<Skipped>) {
    let mut articles = Vec::new();
    let mut skipped = Vec::new();
    // (line number, raw bytes, decoded text, warnings)
    let mut lines: Vec<(u64, Vec<u8>, String, Vec<String>)> = Vec::new();
    if utf16_bom(bytes).is_some() {
        let Decoded { text, warnings, .. } = decode::decode(bytes, Markup::Text);
        for (i, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            lines.push((
                i as u64 + 1,
                line.as_bytes().to_vec(),
                line.to_string(),
                warnings.clone(),
            ));
        }
    } else {
        let (body, mut offset, bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            Some(rest) => (rest, 3usize, true),
            None => (bytes, 0usize, false),
        };
        for (i, raw) in body.split(|&b| b == b'\n').enumerate() {
            let line_start = offset;
            offset += raw.len() + 1;
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let mut warnings = Vec::new();
            if bom && i == 0 {
                warnings.push("stripped UTF-8 byte order mark".to_string());
            }
            let text = decode::decode_utf8_lossy(raw, line_start, " of the file", &mut warnings);
            lines.push((i as u64 + 1, raw.to_vec(), text, warnings));
        }
    }

    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    for (n, raw, text, warnings) in lines {
        if text.trim().is_empty() {
            continue;
        }
        match json_line_article(&file.rel, n, &raw, &text, warnings, &mut seen_ids) {
            Ok(a) => articles.push(a),
            Err(s) => skipped.push(s),
        }
    }
    if articles.is_empty() && skipped.is_empty() {
        return skipped_file(file, "empty file");
    }
    (articles, skipped)
}
