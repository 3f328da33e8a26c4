//! Stage 2: an article's decoded text -> [`NormalizedText`], the text the rules
//! run over, with an alignment back to the original bytes.
//!
//! Normalisation folds what varies between outlets but means the same: curly and
//! straight quotes, apostrophes, dashes, non-breaking and other odd spaces, CRLF
//! line ends, zero-width characters and stray control characters. Every edit goes
//! through one function that records a breakpoint, so that any [`NormSpan`] maps
//! back to the exact original bytes ([`NormalizedText::to_orig`]). Unedited runs
//! map one to one, so the alignment stays small (a pair per edit).

use crate::span::{NormSpan, Span};
use std::borrow::Cow;

/// Normalised text plus its alignment to the original.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    /// The normalised text.
    pub text: String,
    /// Sorted `(normalised offset, original offset)` pairs; between two pairs the
    /// text is either copied unchanged or is one replacement.
    breaks: Vec<(usize, usize)>,
    /// Length of the original text.
    orig_len: usize,
}

/// What one original character becomes.
fn fold(c: char, next: Option<char>) -> Option<&'static str> {
    Some(match c {
        '\r' if next == Some('\n') => "",
        '\r' | '\u{2028}' | '\u{2029}' => "\n",
        '\t'
        | '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | '\u{0085}' => " ",
        // A small tilde is what is left of a curly quote's bytes read in the
        // wrong encoding ('rated '˜good''): no character of English text.
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        | '\u{02DC}' => "",
        // A grave accent stands for a quote mark or an apostrophe in some
        // scraped pages ('`like this`', 'the home`s staff').
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => "-",
        '\u{2026}' => "...",
        c if c.is_control() && c != '\n' => " ",
        _ => return None,
    })
}

/// Normalise `orig`, keeping the alignment.
pub fn normalize(orig: &str) -> NormalizedText {
    let mut text = String::with_capacity(orig.len());
    let mut breaks = vec![(0usize, 0usize)];
    let mut chars = orig.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if let Some(rep) = fold(c, next) {
            if rep.len() == c.len_utf8() && rep.starts_with(c) {
                text.push(c);
                continue;
            }
            // One edit: a breakpoint where it starts and one where it ends.
            if breaks.last() != Some(&(text.len(), i)) {
                breaks.push((text.len(), i));
            }
            text.push_str(rep);
            breaks.push((text.len(), i + c.len_utf8()));
        } else {
            text.push(c);
        }
    }
    NormalizedText {
        text,
        breaks,
        orig_len: orig.len(),
    }
}

impl NormalizedText {
    /// The original offset of normalised offset `n`.
    pub fn orig_offset(&self, n: usize) -> usize {
        let idx = self.breaks.partition_point(|&(norm, _)| norm <= n);
        let (norm0, orig0) = self.breaks[idx.saturating_sub(1)];
        let mapped = orig0 + (n - norm0);
        // Inside a replacement the next breakpoint bounds the original run.
        match self.breaks.get(idx) {
            Some(&(_, orig1)) => mapped.min(orig1),
            None => mapped.min(self.orig_len),
        }
    }

    /// The original offset of normalised offset `n` read as the end of a span:
    /// where an edit deleted text at `n`, the end stays before the deletion.
    pub fn orig_end_offset(&self, n: usize) -> usize {
        let idx = self.breaks.partition_point(|&(norm, _)| norm < n);
        match self.breaks.get(idx) {
            Some(&(norm, orig)) if norm == n => orig,
            _ => self.orig_offset(n),
        }
    }

    /// Map a normalised span to the original bytes it came from.
    pub fn to_orig(&self, s: NormSpan) -> Span {
        let start = self.orig_offset(s.start);
        let end = if s.end <= s.start {
            start
        } else {
            self.orig_end_offset(s.end)
        };
        Span::new(start, end.max(start))
    }

    /// The normalised text of a span ("" when out of range).
    pub fn slice(&self, s: NormSpan) -> &str {
        self.text.get(s.start..s.end).unwrap_or("")
    }

    /// The original character that normalised offset `n` came from.
    pub fn orig_char(&self, orig: &str, n: usize) -> Option<char> {
        orig.get(self.orig_offset(n)..)?.chars().next()
    }
}

/// True when normalisation never leaves `c` in its output: a character
/// outside ASCII that [`normalize`] folds or drops (curly quote marks,
/// dashes, odd spaces). A rule pattern that names one can never match it.
pub fn never_kept(c: char) -> bool {
    !c.is_ascii() && fold(c, None).is_some()
}

/// Append what `c` reads as in [`match_text`]: a letter outside ASCII as
/// many ASCII letters as its UTF-8 form has bytes ('X' then 'x's when it is
/// upper-case, 'x's otherwise); any other character as itself.
pub fn push_match_char(c: char, out: &mut String) {
    if !c.is_ascii() && c.is_alphabetic() {
        out.push(if c.is_uppercase() { 'X' } else { 'x' });
        out.extend(std::iter::repeat_n('x', c.len_utf8() - 1));
    } else {
        out.push(c);
    }
}

/// The text regex rules and gate literals are matched against: `text` with
/// every letter outside ASCII written as ASCII letters of the same byte
/// length ([`push_match_char`]), so that offsets are those of `text` and
/// rules written in ASCII ('[A-Z][a-z]+', `\w`, `\b`) read 'Siân' as one
/// word. The rules are compiled as ASCII byte patterns, which build about
/// two and a half times faster than Unicode ones.
pub fn match_text(text: &str) -> Cow<'_, str> {
    // Symbols outside ASCII ('£', a bullet) are kept: only letters are copied.
    if text.is_ascii() || !text.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_match_char(c, &mut out);
    }
    Cow::Owned(out)
}

/// `start..end` widened to the nearest character boundaries of `text`: a
/// byte pattern can start or end a match inside a character outside ASCII
/// (a bullet), and spans cut text only at character boundaries.
pub fn snap(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut s = start.min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = end.min(text.len()).max(s);
    while !text.is_char_boundary(e) {
        e += 1;
    }
    (s, e)
}

/// `s` with each run of whitespace made one space and none at either end: how
/// names, cues and quotation texts are compared and shown, whatever line
/// breaks and spacing the article put in them.
pub fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_marks_and_keeps_alignment() {
        let orig = "Mr Jones said: \u{201C}It\u{2019}s good\u{201D} \u{2013} ok\r\nnext\u{00A0}line\u{2026}";
        let n = normalize(orig);
        assert_eq!(n.text, "Mr Jones said: \"It's good\" - ok\nnext line...");
        for (word, expect) in [
            ("It's good", "It\u{2019}s good"),
            ("next line", "next\u{00A0}line"),
            ("ok", "ok"),
            ("...", "\u{2026}"),
        ] {
            let s = n.text.find(word).unwrap();
            let span = n.to_orig(NormSpan::new(s, s + word.len()));
            assert_eq!(&orig[span.start..span.end], expect, "span of {word:?}");
        }
        // The quote marks map to the curly originals.
        let q = n.text.find('"').unwrap();
        assert_eq!(n.orig_char(orig, q), Some('\u{201C}'));
    }

    #[test]
    fn a_grave_accent_is_a_quote_mark() {
        let n = normalize("she wrote `it was kind` and left");
        assert_eq!(n.text, "she wrote 'it was kind' and left");
    }

    #[test]
    fn a_small_tilde_left_by_a_misread_quote_mark_goes() {
        let orig = "was rated '\u{02DC}good' by Ofsted";
        let n = normalize(orig);
        assert_eq!(n.text, "was rated 'good' by Ofsted");
        let s = n.text.find("good").unwrap();
        let span = n.to_orig(NormSpan::new(s, s + 4));
        assert_eq!(&orig[span.start..span.end], "good");
    }

    #[test]
    fn every_char_boundary_maps_to_a_char_boundary() {
        let orig = "\u{FEFF}a\u{200B}b \u{2018}c\u{2019} \r\r\n\u{0007}d";
        let n = normalize(orig);
        for i in 0..=n.text.len() {
            if n.text.is_char_boundary(i) {
                assert!(orig.is_char_boundary(n.orig_offset(i)), "offset {i}");
            }
        }
    }

    #[test]
    fn runs_of_whitespace_become_one_space() {
        assert_eq!(squash_spaces("  a \n\t b\u{A0}c  "), "a b c");
        assert_eq!(squash_spaces(""), "");
        assert_eq!(squash_spaces(" \n "), "");
    }
}
