//! An HTML page -> its article text: the title line, a blank line, the body,
//! by `rs-trafilatura`, with a simple tag stripper as the fallback.

use super::decode::{self, Decoded, Markup};
use super::load::{skipped_file, whole_file_article};
use super::{Article, Format, SourceFile};
use crate::record::Skipped;

/// An `.html` / `.htm` file: its article text, title line first.
pub(super) fn load_html(file: &SourceFile, bytes: &[u8]) -> (Vec<Article>, Vec<Skipped>) {
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
