//! A file's bytes -> UTF-8 text, and what decoding did to get there.
//!
//! Valid UTF-8 is the fast path and is taken as it is. Other input is decoded,
//! not patched with U+FFFD:
//!
//! 1. a byte order mark wins: UTF-8 (stripped), UTF-16LE or UTF-16BE;
//! 2. UTF-16 without a byte order mark is recognised by its NUL bytes, all on
//!    odd offsets (little-endian) or all on even ones (big-endian), and decoded
//!    (ASCII text in UTF-16 is valid UTF-8 too, so this comes first; text
//!    without a NUL in its first 4 KiB is not looked at further);
//! 3. valid UTF-8 is taken as it is (an HTML page's declared charset is not
//!    applied to bytes that are valid UTF-8: such a declaration is stale);
//! 4. an HTML page's declared charset (`<meta charset>`, or the `charset=` of an
//!    `http-equiv="Content-Type"` meta tag, in the first 1,024 bytes) is used
//!    when it names an encoding of the WHATWG Encoding Standard (`iso-8859-1`
//!    is Windows-1252 there, as in browsers);
//! 5. text that is mostly UTF-8 (it holds valid multi-byte sequences) with some
//!    stray bytes, as when texts are pasted together, keeps its UTF-8 and takes
//!    each stray byte as Windows-1252;
//! 6. anything else is given to `chardetng`, the detector Firefox uses, and
//!    decoded with `encoding_rs` in the encoding it guesses.
//!
//! Every path but plain UTF-8 adds a warning that names the encoding and how it
//! was chosen, and [`Decoded::encoding`] names the encoding for the record's
//! `source.encoding` (`None` for UTF-8, with or without a byte order mark, so
//! records of UTF-8 input are unchanged).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// A file's text and what decoding noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text all spans index.
    pub text: String,
    /// The encoding the bytes were decoded from, lowercase (`windows-1252`,
    /// `utf-16le`, ...); `None` when they were UTF-8.
    pub encoding: Option<String>,
    /// What decoding noticed, worded for a person.
    pub warnings: Vec<String>,
}

/// Whether the bytes are an HTML page, whose declared charset counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// Plain text: no declaration is looked for.
    Text,
    /// HTML: a `<meta>` charset declaration is honoured.
    Html,
}

/// Which UTF-16 byte order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf16 {
    /// Little-endian.
    Le,
    /// Big-endian.
    Be,
}

impl Utf16 {
    fn encoding(self) -> &'static Encoding {
        match self {
            Utf16::Le => UTF_16LE,
            Utf16::Be => UTF_16BE,
        }
    }
}

/// Which UTF-16 byte order mark the bytes start with, if any.
pub fn utf16_bom(bytes: &[u8]) -> Option<Utf16> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(Utf16::Le),
        [0xFE, 0xFF, ..] => Some(Utf16::Be),
        _ => None,
    }
}

/// How many leading bytes are looked at to recognise UTF-16 without a byte
/// order mark.
const UTF16_SNIFF: usize = 4096;

/// The byte order of UTF-16 text without a byte order mark, recognised by its NUL
/// bytes: text in a Latin script has a NUL in the high byte of nearly every code
/// unit. At least a third of the code units must have one, on one side only (at
/// most one NUL on the other side per 50 units), over at least 8 units.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<Utf16> {
    let head = &bytes[..bytes.len().min(UTF16_SNIFF)];
    if !head.contains(&0) {
        return None;
    }
    let units = head.len() / 2;
    if units < 8 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let (high, low, order) = if odd >= even {
        (odd, even, Utf16::Le)
    } else {
        (even, odd, Utf16::Be)
    };
    (3 * high >= units && 50 * low <= units).then_some(order)
}

/// Decodes a whole file (see the module documentation for the order of the
/// choices).
pub fn decode(bytes: &[u8], markup: Markup) -> Decoded {
    if let Some(order) = utf16_bom(bytes) {
        let mut warnings = Vec::new();
        let text = decode_utf16(&bytes[2..], order, &mut warnings);
        let name = order_name(order);
        warnings.insert(0, format!("decoded from {name}"));
        return Decoded {
            text,
            encoding: Some(lower_name(order.encoding())),
            warnings,
        };
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let mut warnings = vec!["stripped UTF-8 byte order mark".to_string()];
        let text = decode_utf8_or_mixed(rest, 3, &mut warnings);
        return Decoded {
            text,
            encoding: None,
            warnings,
        };
    }
    if let Some(order) = utf16_without_bom(bytes) {
        let mut warnings = Vec::new();
        let text = decode_utf16(bytes, order, &mut warnings);
        warnings.insert(
            0,
            format!(
                "decoded from {} (no byte order mark; recognised by its NUL bytes)",
                order_name(order)
            ),
        );
        return Decoded {
            text,
            encoding: Some(lower_name(order.encoding())),
            warnings,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_string(),
            encoding: None,
            warnings: Vec::new(),
        };
    }
    if markup == Markup::Html {
        if let Some((encoding, label)) = declared_charset(bytes) {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            let mut warnings = vec![format!(
                "decoded from {} (the page declares charset \"{label}\")",
                encoding.name()
            )];
            if had_errors {
                warnings.push(format!(
                    "some bytes are not valid {}: replaced with U+FFFD",
                    encoding.name()
                ));
            }
            return Decoded {
                text: text.into_owned(),
                encoding: Some(lower_name(encoding)),
                warnings,
            };
        }
    }
    if has_utf8_multibyte(bytes) {
        let mut warnings = Vec::new();
        let text = decode_utf8_or_mixed(bytes, 0, &mut warnings);
        return Decoded {
            text,
            encoding: None,
            warnings,
        };
    }
    detect(bytes)
}

/// "UTF-16LE" or "UTF-16BE".
fn order_name(order: Utf16) -> &'static str {
    order.encoding().name()
}

/// An encoding's name in lower case, as `source.encoding` gives it.
fn lower_name(encoding: &'static Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}

/// Whether the bytes hold at least one valid multi-byte UTF-8 sequence: the sign
/// of UTF-8 text with stray bytes rather than of a legacy single-byte encoding
/// (where such sequences are rare: 'Ã©' and the like).
fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    bytes
        .utf8_chunks()
        .any(|chunk| chunk.valid().bytes().any(|b| b >= 0x80))
}

/// UTF-8 bytes to a string. Every invalid byte is taken as Windows-1252 (whose
/// 256 values all decode: the five it leaves undefined are mapped to the C1
/// controls, as the WHATWG standard does), with a warning that counts them and
/// gives the first one's offset (`base` + index).
pub fn decode_utf8_or_mixed(bytes: &[u8], base: usize, warnings: &mut Vec<String>) -> String {
    let Some((out, stray, first)) = decode_invalid_with(bytes, base, |bad, out| {
        out.push_str(&WINDOWS_1252.decode_without_bom_handling(bad).0);
    }) else {
        return String::from_utf8_lossy(bytes).into_owned();
    };
    warnings.push(format!(
        "mostly UTF-8: {stray} stray byte(s) decoded as windows-1252, the first at byte {first}"
    ));
    out
}

/// UTF-8 bytes to a string, each invalid sequence becoming U+FFFD, with a warning
/// naming how many bytes were replaced and the first one's offset (`base` + index),
/// followed by `where_` (e.g. " of the line"). For JSON Lines, which must be UTF-8.
pub fn decode_utf8_lossy(
    bytes: &[u8],
    base: usize,
    where_: &str,
    warnings: &mut Vec<String>,
) -> String {
    let Some((out, replaced, first)) =
        decode_invalid_with(bytes, base, |_, out| out.push('\u{FFFD}'))
    else {
        return String::from_utf8_lossy(bytes).into_owned();
    };
    warnings.push(format!(
        "invalid UTF-8: {replaced} byte(s) replaced, first at byte {first}{where_}"
    ));
    out
}

/// The valid UTF-8 of `bytes` as it is, each run of invalid bytes handed to
/// `invalid` to write in its place: the text, how many bytes were invalid and
/// the offset (`base` + index) of the first. `None` when all of it is valid
/// UTF-8 (the text is then the bytes as they are).
fn decode_invalid_with(
    bytes: &[u8],
    base: usize,
    mut invalid: impl FnMut(&[u8], &mut String),
) -> Option<(String, usize, usize)> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut count = 0usize;
    let mut first = None;
    let mut pos = 0usize;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        pos += chunk.valid().len();
        let bad = chunk.invalid();
        if !bad.is_empty() {
            first.get_or_insert(base + pos);
            invalid(bad, &mut out);
            count += bad.len();
            pos += bad.len();
        }
    }
    Some((out, count, first.unwrap_or(base)))
}

/// UTF-16 code units to a string; unpaired surrogates and a trailing odd byte
/// become U+FFFD with a warning.
fn decode_utf16(bytes: &[u8], order: Utf16, warnings: &mut Vec<String>) -> String {
    let units = bytes.chunks_exact(2).map(|pair| match order {
        Utf16::Le => u16::from_le_bytes([pair[0], pair[1]]),
        Utf16::Be => u16::from_be_bytes([pair[0], pair[1]]),
    });
    let mut replaced = 0usize;
    let mut out: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                replaced += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    if bytes.len() % 2 == 1 {
        out.push('\u{FFFD}');
        replaced += 1;
    }
    if replaced > 0 {
        warnings.push(format!("invalid UTF-16: {replaced} code unit(s) replaced"));
    }
    out
}

/// How many leading bytes of an HTML page are searched for a charset
/// declaration (the WHATWG prescan looks at 1,024).
const PRESCAN_BYTES: usize = 1024;

/// The encoding an HTML page declares in a `<meta>` tag within its first 1,024
/// bytes, with the label as written; `None` when there is none, when the label is
/// not one the Encoding Standard knows, or when it names UTF-8 or UTF-16 (which
/// these bytes, not being valid UTF-8 and having no byte order mark, are not).
pub fn declared_charset(bytes: &[u8]) -> Option<(&'static Encoding, String)> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let tag_start = from + at + 5;
        let tag_end = find(&lower[tag_start..], b">").map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let end = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b <= b' ')
                    .unwrap_or(rest.len());
                let label = &rest[..end];
                if let Some(encoding) = Encoding::for_label(label) {
                    if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE {
                        return None;
                    }
                    return Some((encoding, String::from_utf8_lossy(label).into_owned()));
                }
            }
        }
        from = tag_end.min(lower.len());
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

/// Legacy-encoded bytes, decoded in the encoding `chardetng` guesses, with a
/// warning that names it and how plausible the result is. The detector is told
/// the text comes from a `.uk` site (the genre's home), which weighs Western
/// encodings over Central European ones for short texts.
fn detect(bytes: &[u8]) -> Decoded {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(Some(b"uk"), Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let (plausible, non_ascii) = plausibility(&text);
    let confidence = if plausible * 10 >= non_ascii * 9 {
        "high"
    } else {
        "low"
    };
    let mut warnings = vec![format!(
        "not UTF-8: decoded from {} by the encoding detector ({confidence} confidence: \
         {plausible} of {non_ascii} non-ASCII characters are letters or common punctuation)",
        encoding.name(),
    )];
    if had_errors {
        warnings.push(format!(
            "some bytes are not valid {}: replaced with U+FFFD",
            encoding.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: Some(lower_name(encoding)),
        warnings,
    }
}

/// Of the non-ASCII characters of a decoded text, how many are letters or the
/// punctuation legacy-encoded English text holds (typographic quotes and dashes,
/// the pound and euro signs, ...): (plausible, all).
fn plausibility(text: &str) -> (usize, usize) {
    let mut plausible = 0;
    let mut all = 0;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        all += 1;
        if c.is_alphabetic()
            || matches!(
                c,
                '\u{2018}'
                    ..='\u{201F}'
                        | '\u{2013}'
                        | '\u{2014}'
                        | '\u{2026}'
                        | '\u{2022}'
                        | '\u{A0}'
                        | '\u{A3}'
                        | '\u{20AC}'
                        | '\u{A9}'
                        | '\u{AE}'
                        | '\u{B0}'
                        | '\u{BD}'
                        | '\u{BC}'
                        | '\u{BE}'
                        | '\u{B7}'
            )
        {
            plausible += 1;
        }
    }
    (plausible, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_taken_as_it_is() {
        let d = decode("Rated ‘Good’ – £5".as_bytes(), Markup::Text);
        assert_eq!(d.text, "Rated ‘Good’ – £5");
        assert_eq!(d.encoding, None);
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn windows_1252_is_detected_and_decoded() {
        let bytes = b"Leeds Youth Justice Service rated \x91Good\x92\n\nJane Smith said: \x93We are delighted with the outcome of this inspection.\x94 It cost \xA35.";
        let d = decode(bytes, Markup::Text);
        assert!(d.text.contains("rated \u{2018}Good\u{2019}"), "{}", d.text);
        assert!(d.text.contains("\u{201C}We are delighted"), "{}", d.text);
        assert!(d.text.contains("\u{A3}5"), "{}", d.text);
        assert_eq!(d.encoding.as_deref(), Some("windows-1252"));
        assert!(
            d.warnings[0].starts_with(
                "not UTF-8: decoded from windows-1252 by the encoding detector (high confidence: 5 of 5"
            ),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn stray_bytes_in_utf8_are_taken_as_windows_1252() {
        let mut bytes = "Ofsted rated it ‘Good’.\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"It said \x93well led\x94 and cost \xA35.");
        let d = decode(&bytes, Markup::Text);
        assert!(
            d.text.starts_with(
                "Ofsted rated it ‘Good’.\nIt said \u{201C}well led\u{201D} and cost \u{A3}5."
            ),
            "{}",
            d.text
        );
        assert_eq!(d.encoding, None);
        let first = "Ofsted rated it ‘Good’.\nIt said ".len();
        assert_eq!(
            d.warnings,
            [format!(
                "mostly UTF-8: 3 stray byte(s) decoded as windows-1252, the first at byte {first}"
            )]
        );
    }

    #[test]
    fn html_declared_charsets_are_honoured() {
        for (meta, label) in [
            ("<meta charset=\"windows-1252\">", "windows-1252"),
            (
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">",
                "iso-8859-1",
            ),
            ("<META CHARSET=latin1>", "latin1"),
        ] {
            let page = [
                format!("<html><head>{meta}<title>T</title></head><body><p>").as_bytes(),
                b"caf\xE9 \x93quoted\x94",
                b"</p></body></html>",
            ]
            .concat();
            let d = decode(&page, Markup::Html);
            assert!(d.text.contains("café “quoted”"), "{meta}: {}", d.text);
            assert_eq!(d.encoding.as_deref(), Some("windows-1252"), "{meta}");
            assert_eq!(
                d.warnings,
                [format!(
                    "decoded from windows-1252 (the page declares charset \"{label}\")"
                )],
                "{meta}"
            );
        }
        // The declaration is not looked for in plain text.
        let d = decode(
            b"<meta charset=\"iso-8859-7\"> caf\xE9 is here",
            Markup::Text,
        );
        assert_ne!(d.encoding.as_deref(), Some("iso-8859-7"));
    }

    #[test]
    fn a_declared_utf8_or_unknown_charset_falls_through_to_detection() {
        assert!(declared_charset(b"<meta charset=\"utf-8\">").is_none());
        assert!(declared_charset(b"<meta charset=\"klingon\">").is_none());
        assert!(declared_charset(b"<p>charset=windows-1252</p>").is_none());
        let far = [
            vec![b' '; 1100],
            b"<meta charset=\"windows-1252\">".to_vec(),
        ]
        .concat();
        assert!(
            declared_charset(&far).is_none(),
            "only the first 1,024 bytes count"
        );
    }

    #[test]
    fn utf16_with_and_without_byte_order_mark() {
        let text = "Ofsted rated the school ‘Good’ in May.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le.clone(), "utf-16le"), (be.clone(), "utf-16be")] {
            let d = decode(&bytes, Markup::Text);
            assert_eq!(d.text, text, "{name}");
            assert_eq!(d.encoding.as_deref(), Some(name));
            assert!(
                d.warnings[0].contains("no byte order mark"),
                "{:?}",
                d.warnings
            );
        }
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        let d = decode(&with_bom, Markup::Text);
        assert_eq!(d.text, text);
        assert_eq!(d.warnings, ["decoded from UTF-16LE"]);
        // Binary data with scattered NULs is not UTF-16.
        assert_eq!(
            utf16_without_bom(&[0u8, 7, 0, 0, 9, 0, 3, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]),
            None
        );
        assert_eq!(utf16_without_bom(b"plain ascii text, long enough"), None);
    }
}
