//! Quote marks paired into candidate quotations: double marks per paragraph
//! with their direction (curly open/close, straight by context), a paragraph
//! left open continuing into the next one, and single marks around three or
//! more words.

use crate::extract::Ctx;
use crate::span::NormSpan;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Dir {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub(super) inner: NormSpan,
    pub(super) open: usize,
    pub(super) close: Option<usize>,
    pub(super) cont: bool,
}

pub(super) fn dir_of(ctx: &Ctx, i: usize) -> Dir {
    let text = ctx.text().as_bytes();
    match ctx.norm.orig_char(ctx.orig, i) {
        Some('\u{201C}') | Some('\u{201E}') | Some('\u{2018}') => Dir::Open,
        Some('\u{201D}') => Dir::Close,
        _ => {
            let prev = if i == 0 { b' ' } else { text[i - 1] };
            let next = text.get(i + 1).copied().unwrap_or(b' ');
            if prev.is_ascii_whitespace() || b"([-".contains(&prev) {
                Dir::Open
            } else if next.is_ascii_whitespace() || next.is_ascii_punctuation() {
                Dir::Close
            } else {
                Dir::Either
            }
        }
    }
}

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Double-quoted candidates across paragraphs, with continuation.
pub(super) fn double_quotes(ctx: &Ctx) -> Vec<Cand> {
    let text = ctx.text();
    let mut out = Vec::new();
    let mut carry = false;
    let paras = &ctx.doc.paragraphs;
    // The marks of a paragraph: every '"', and the second of two apostrophes
    // closing a quotation typed with them ('"very poor'', inspectors said').
    let doubled = |i: usize| {
        let b = text.as_bytes();
        i >= 2 && b[i] == b'\'' && b[i - 1] == b'\'' && !b[i - 2].is_ascii_whitespace()
    };
    // A guillemet set between spaces separates the steps of a breadcrumb
    // ('Home » News » 2018'): no quote mark.
    let separator = |i: usize| {
        let b = text.as_bytes();
        let o = ctx.span(NormSpan::new(i, i + 1));
        i > 0
            && b[i - 1] == b' '
            && b.get(i + 1) == Some(&b' ')
            && matches!(ctx.orig.get(o.start..o.end), Some("\u{bb}" | "\u{ab}"))
    };
    let marks_of = |p: &crate::segment::Paragraph| -> Vec<usize> {
        text[p.span.start..p.span.end]
            .match_indices(['"', '\''])
            .map(|(i, _)| p.span.start + i)
            .filter(|&i| text.as_bytes()[i] == b'"' && !separator(i) || doubled(i))
            .collect()
    };
    for (pi, p) in paras.iter().enumerate() {
        if p.boilerplate.is_some() {
            // Inserted lines do not end a quote run; real boilerplate sections do.
            if ctx.norm_str(p.span).split_whitespace().count() > 3 {
                carry = false;
            }
            continue;
        }
        let marks = marks_of(p);
        let mut open: Option<(usize, bool)> = None;
        if carry {
            let starts_with_mark = marks.first() == Some(&p.span.start);
            let first_closes = marks
                .first()
                .is_some_and(|&m| dir_of(ctx, m) == Dir::Close && m != p.span.start);
            if !starts_with_mark && first_closes {
                open = Some((p.span.start, true));
            } else if marks.is_empty() {
                // A middle paragraph that lost its opening mark: the run goes on
                // when the next paragraph opens with a mark or closes one.
                let next = paras[pi + 1..].iter().find(|q| q.boilerplate.is_none());
                let resumes = next.is_some_and(|q| {
                    let qm = marks_of(q);
                    qm.first() == Some(&q.span.start)
                        || qm.first().is_some_and(|&m| dir_of(ctx, m) == Dir::Close)
                });
                if resumes {
                    out.push(Cand {
                        inner: p.span,
                        open: p.span.start,
                        close: None,
                        cont: true,
                    });
                    continue;
                }
            }
        }
        let cont_by_mark = carry;
        carry = false;
        for &m in &marks {
            let d = dir_of(ctx, m);
            // Where a closing mark's quotation ends: before both apostrophes
            // of a doubled one.
            let end = if doubled(m) { m - 1 } else { m };
            match open {
                None if doubled(m) => {}
                None => {
                    let stranded = d == Dir::Close
                        && (m + 1 >= p.span.end
                            || text
                                .as_bytes()
                                .get(m + 1)
                                .is_some_and(|b| b.is_ascii_whitespace()));
                    if !stranded {
                        open = Some((m + 1, cont_by_mark && m == p.span.start));
                    }
                }
                Some((o, cont)) => {
                    let b = text.as_bytes();
                    let reopens = d == Dir::Open
                        && b.get(m.wrapping_sub(1))
                            .is_some_and(|b| b.is_ascii_whitespace())
                        && m > o + 1;
                    // A quotation of several sentences typed with a mark
                    // opening each one and none closing them ('... prison. "The
                    // rate ...'): the mark after a sentence's end goes on with
                    // the same quotation.
                    if reopens && m >= 2 && matches!(b[m - 2], b'.' | b'!' | b'?') {
                        continue;
                    }
                    if reopens {
                        // A new opening while one is open: the first never closed.
                        out.push(Cand {
                            inner: NormSpan::new(o, m),
                            open: o,
                            close: None,
                            cont,
                        });
                        open = Some((m + 1, false));
                    } else {
                        out.push(Cand {
                            inner: NormSpan::new(o, end.max(o)),
                            open: o,
                            close: Some(m),
                            cont,
                        });
                        open = None;
                    }
                }
            }
        }
        if let Some((o, cont)) = open {
            if o < p.span.end {
                out.push(Cand {
                    inner: NormSpan::new(o, p.span.end),
                    open: o,
                    close: None,
                    cont,
                });
                carry = pi > 0;
            }
        }
    }
    out
}

/// Single-quoted candidates of three or more words outside double quotes.
///
/// A curly opening mark inside a quotation opens a quotation within it, whose
/// close does not end the outer one. A quotation opened at a paragraph's start
/// with a curly mark, or after a colon or comma ('said: \u{2018}...'), that
/// never closes runs to the paragraph's end, and the next paragraph opening with
/// a single mark continues it (the UK multi-paragraph convention).
pub(super) fn single_quotes(ctx: &Ctx, doubles: &[Cand]) -> Vec<Cand> {
    let text = ctx.text();
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let inside = merged_ranges(doubles.iter().map(|d| (d.inner.start, d.inner.end)));
    let mut carry = false;
    for p in ctx.doc.paragraphs.iter() {
        if p.boilerplate.is_some() {
            continue;
        }
        let para_cont = carry && bytes.get(p.span.start) == Some(&b'\'');
        carry = false;
        // Where the open quotation's text starts, whether it continues the
        // paragraph before, and whether it may run on to the paragraph's end.
        let mut open: Option<(usize, bool, bool)> = None;
        let mut depth = 0usize;
        for (off, _) in text[p.span.start..p.span.end].match_indices('\'') {
            let i = p.span.start + off;
            if in_ranges(&inside, i) {
                continue;
            }
            let prev = if i == 0 { b' ' } else { bytes[i - 1] };
            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
            let orig = ctx.norm.orig_char(ctx.orig, i);
            let apostrophe = prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric();
            if apostrophe {
                continue;
            }
            let opens = (orig == Some('\u{2018}')
                || prev.is_ascii_whitespace()
                || prev == b'('
                || i == p.span.start)
                && !next.is_ascii_whitespace();
            match open {
                None if opens => {
                    let lead = text[p.span.start..i].trim_end();
                    let run_on = i == p.span.start || lead.ends_with([':', ',']);
                    open = Some((i + 1, para_cont && i == p.span.start, run_on));
                }
                Some(_) if opens && orig == Some('\u{2018}') => depth += 1,
                Some((o, cont, _))
                    if (!opens || orig == Some('\u{2019}')) && !prev.is_ascii_whitespace() =>
                {
                    if depth > 0 {
                        depth -= 1;
                        continue;
                    }
                    if plural_possessive(text, i, p.span.end) {
                        continue;
                    }
                    let inner = NormSpan::new(o, i);
                    if word_count(ctx.norm_str(inner)) >= 3 {
                        out.push(Cand {
                            inner,
                            open: o,
                            close: Some(i),
                            cont,
                        });
                    }
                    open = None;
                }
                _ => {}
            }
        }
        // A quotation left open at the paragraph's end.
        if let Some((o, cont, run_on)) = open {
            let curly_para = o == p.span.start + 1
                && ctx.norm.orig_char(ctx.orig, p.span.start) == Some('\u{2018}');
            let inner = NormSpan::new(o, p.span.end);
            if (curly_para || run_on || cont) && word_count(ctx.norm_str(inner)) >= 3 {
                out.push(Cand {
                    inner,
                    open: o,
                    close: None,
                    cont,
                });
                carry = true;
            }
        }
    }
    out
}

/// True when the mark at `i` reads as a plural's apostrophe inside a
/// quotation ('... on pupils' progress and ...'): it follows an 's', a
/// lower-case word follows it, and a closing mark comes later in the same
/// sentence, before `end`.
fn plural_possessive(text: &str, i: usize, end: usize) -> bool {
    let b = text.as_bytes();
    if i == 0 || b[i - 1] != b's' || b.get(i + 1) != Some(&b' ') {
        return false;
    }
    if !b.get(i + 2).is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let rest = &text[i + 1..end];
    let rb = rest.as_bytes();
    for (j, _) in rest.match_indices('\'') {
        let before = rb[j - 1];
        let after = rb.get(j + 1).copied().unwrap_or(b' ');
        if before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric() {
            continue;
        }
        // A mark opening another quotation first: this one closed its own
        // ('given 'useful tasks' to do, and 'too little time'').
        if before.is_ascii_whitespace() || before == b'(' {
            return false;
        }
        // The sentence must go on to that mark: no stop before its last word.
        let stop = rest[..j - 1].contains(". ") || rest[..j - 1].contains(['!', '?', '"']);
        return !stop;
    }
    false
}

/// `[start, end)` ranges sorted and merged, for [`in_ranges`].
pub(super) fn merged_ranges(ranges: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = ranges.filter(|(s, e)| s < e).collect();
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// True when `i` is in one of the merged `ranges` (a binary search, so pairing
/// stays linear on text with hundreds of thousands of quote marks).
pub(super) fn in_ranges(ranges: &[(usize, usize)], i: usize) -> bool {
    let k = ranges.partition_point(|&(s, _)| s <= i);
    k > 0 && i < ranges[k - 1].1
}

pub(super) fn trim_inner(ctx: &Ctx, s: NormSpan) -> NormSpan {
    let t = ctx.norm_str(s);
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    NormSpan::new(s.start + lead, (s.end - trail).max(s.start + lead))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_ranges_agrees_with_a_linear_scan() {
        // Regression: single-quote pairing scanned every double-quoted span for
        // every apostrophe, quadratic on text like `"a" 'b c d' ` repeated (1 MB: 86 s).
        let ranges = [(10, 20), (15, 25), (30, 31), (40, 40), (50, 60)];
        let merged = merged_ranges(ranges.iter().copied());
        assert_eq!(merged, [(10, 25), (30, 31), (50, 60)]);
        for i in 0..70 {
            let linear = ranges.iter().any(|&(s, e)| s <= i && i < e);
            assert_eq!(in_ranges(&merged, i), linear, "offset {i}");
        }
        assert!(!in_ranges(&[], 3));
    }

    #[test]
    fn a_plurals_apostrophe_inside_a_single_quoted_quotation() {
        let t = "found it 'put the residents' needs first' in all it did.";
        let i = t.find("residents'").unwrap() + "residents".len();
        assert!(plural_possessive(t, i, t.len()));
        // A closing mark, with another quotation opening after it.
        let t = "given 'useful tasks' to do, and 'too little time' to do them.";
        let i = t.find("tasks'").unwrap() + "tasks".len();
        assert!(!plural_possessive(t, i, t.len()));
        // No closing mark later in the sentence.
        let t = "it met the 'needs of its residents' and more. Then it ended.";
        let i = t.find("residents'").unwrap() + "residents".len();
        assert!(!plural_possessive(t, i, t.len()));
    }
}
