//! The checks that skip a file before it is decoded: hidden, too large to
//! read (the limit of [`super::load_with_limit`]), binary.

use super::decode::{utf16_bom, utf16_without_bom};
use super::discover::io_reason;
use std::fs;
use std::io::Read;
use std::path::Path;

/// How many leading bytes are inspected to tell binary files from text.
const SNIFF_BYTES: usize = 8 * 1024;

/// Why a file is hidden, if it is: it or one of its folders starts with `.`.
pub(super) fn hidden_reason(rel: &str) -> Option<String> {
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

/// The file's bytes, or a reason: read errors and files over `max_bytes`.
pub(super) fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
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
pub(super) fn binary_reason(bytes: &[u8]) -> Option<String> {
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
