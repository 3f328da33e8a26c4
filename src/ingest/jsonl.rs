//! A JSON Lines file -> one article per line holding a JSON object with a
//! string `text` (a bad line is skipped with its number).

use super::decode::{self, utf16_bom, Decoded, Markup};
use super::load::{sha256_hex, skipped_file};
use super::{Article, Format, SourceFile};
use crate::record::Skipped;
use std::collections::HashMap;

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

/// A `.jsonl` file: one article per non-blank line with a string `text`.
///
/// A UTF-16 file (with byte order mark) is decoded whole first; then a line's
/// `sha256`/`bytes` describe the UTF-8 encoding of the decoded line. Otherwise they
/// describe the line's bytes in the file, without its `\n` or `\r\n` (and without
/// the UTF-8 byte order mark on line 1).
pub(super) fn load_jsonl(file: &SourceFile, bytes: &[u8]) -> (Vec<Article>, Vec<Skipped>) {
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
