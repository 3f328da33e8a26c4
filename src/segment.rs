//! Stage 3: normalised text -> paragraphs and sentences, and which paragraphs are
//! boilerplate (donation appeals, notes to editors, cookie banners, ...).
//!
//! A paragraph is a line, or several lines when they are one hard-wrapped
//! sentence run; sentences come from Unicode sentence boundaries (UAX #29)
//! inside each paragraph: unicode-segmentation's for text with non-ASCII
//! characters, and for all-ASCII paragraphs a direct implementation of the same
//! rules that is several times faster (tested equal to unicode-segmentation on
//! 200,000 random texts). Boilerplate is decided by the
//! `[[boilerplate]]` rules: `kind = "paragraph"` marks the paragraph a rule
//! matches in, `kind = "rest"` marks it and everything after it, `kind =
//! "block"` marks it and the short paragraphs after it. The headline
//! is found among the first paragraphs with the `[[title]]` rules, past page
//! furniture ([`Document::mark_boilerplate`]).

use crate::matcher::{self, Matches};
use crate::rules::{Family, RuleSet};
use crate::span::NormSpan;
use unicode_segmentation::UnicodeSegmentation;

/// A paragraph.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Its text, trimmed.
    pub span: NormSpan,
    /// First sentence index.
    pub first_sentence: usize,
    /// One past its last sentence index.
    pub end_sentence: usize,
    /// Rule id that marked it boilerplate.
    pub boilerplate: Option<usize>,
}

/// A sentence.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Its text, trimmed.
    pub span: NormSpan,
    /// Paragraph index.
    pub paragraph: usize,
}

/// Words a paragraph needs to be a paragraph of the story, before which a
/// `kind = "rest"` boilerplate marker does not end the article.
const REST_BODY_WORDS: usize = 30;

/// A segmented document.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// The first paragraph of content: the headline, or the lede of an
    /// article without one (page furniture above it passed over). What
    /// `applies = "title"` means; `applies = "head"` means the paragraphs up
    /// to six after it. Set by [`Document::mark_boilerplate`]; 0 before.
    pub head: usize,
    /// The headline, when the article has one.
    pub title: Option<Title>,
    /// A site's name cut off the headline ('Headline - Site'), a sign of the
    /// publisher.
    pub site: Option<NormSpan>,
}

fn trim_span(text: &str, start: usize, end: usize) -> NormSpan {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    NormSpan::new(start + lead, (end - trail).max(start + lead))
}

/// Split `text` into paragraphs and sentences.
pub fn segment(text: &str) -> Document {
    // Lines, joined when a line is hard-wrapped mid-sentence.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end();
        if content.trim().is_empty() {
            continue;
        }
        let joined = blocks.last().is_some_and(|&(bs, be)| {
            let prev = text[bs..be].trim_end();
            let gap_is_single_newline =
                text[be..start].bytes().filter(|&b| b == b'\n').count() <= 1;
            gap_is_single_newline
                && prev.len() >= 60
                && !prev.ends_with(['.', '!', '?', ':', '"', '\''])
                && content.trim_start().starts_with(|c: char| c.is_lowercase())
        });
        if joined {
            if let Some(last) = blocks.last_mut() {
                last.1 = start + content.len();
            }
        } else {
            blocks.push((start, start + content.len()));
        }
    }
    build(text, &blocks)
}

/// The document of `text` whose paragraphs are `blocks` (`[start, end)`,
/// trimmed here), with their sentences.
fn build(text: &str, blocks: &[(usize, usize)]) -> Document {
    let mut doc = Document::default();
    for &(bs, be) in blocks {
        let span = trim_span(text, bs, be);
        if span.is_empty() {
            continue;
        }
        let p = doc.paragraphs.len();
        let first = doc.sentences.len();
        // A hard-wrapped paragraph's line breaks are spaces to the sentence rules
        // (same byte length, so offsets hold).
        let flat = text[span.start..span.end].replace('\n', " ");
        let mut pieces = Vec::new();
        sentence_bounds(&flat, &mut pieces);
        for (off, end) in pieces {
            let st = trim_span(text, span.start + off, span.start + end);
            if !st.is_empty() {
                doc.sentences.push(Sentence {
                    span: st,
                    paragraph: p,
                });
            }
        }
        doc.paragraphs.push(Paragraph {
            span,
            first_sentence: first,
            end_sentence: doc.sentences.len(),
            boilerplate: None,
        });
    }
    doc
}

/// The Unicode sentences of `s` as `[start, end)` offsets, appended to `out`.
/// Text that is all ASCII (most news prose) takes a direct implementation of
/// the UAX #29 rules for the ASCII sentence classes; other text goes through
/// unicode-segmentation. Both give the same bounds (see the tests).
fn sentence_bounds(s: &str, out: &mut Vec<(usize, usize)>) {
    if !s.is_ascii() {
        out.extend(
            s.split_sentence_bound_indices()
                .map(|(off, piece)| (off, off + piece.len())),
        );
        return;
    }
    let b = s.as_bytes();
    let mut start = 0;
    // What the text before position i ends with: a terminator, then closing
    // marks, then spaces (the context of rules SB6 to SB11).
    let mut ctx: Option<Term> = None;
    for i in 0..b.len() {
        let next = sb(b[i]);
        if i > 0 && ascii_break(b, i, sb(b[i - 1]), next, ctx) {
            out.push((start, i));
            start = i;
        }
        ctx = match next {
            Sb::ATerm | Sb::STerm => Some(Term {
                aterm: next == Sb::ATerm,
                bare: true,
                spaces: false,
                after_letter: i > 0 && matches!(sb(b[i - 1]), Sb::Upper | Sb::Lower),
            }),
            Sb::Close => ctx.filter(|t| !t.spaces).map(|t| Term { bare: false, ..t }),
            Sb::Sp => ctx.map(|t| Term {
                bare: false,
                spaces: true,
                ..t
            }),
            _ => None,
        };
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
}

/// A sentence terminator and what followed it so far.
#[derive(Clone, Copy)]
struct Term {
    /// `.` rather than `!` or `?`.
    aterm: bool,
    /// Nothing has followed it.
    bare: bool,
    /// Spaces have followed it (after any closing marks).
    spaces: bool,
    /// A letter came right before it.
    after_letter: bool,
}

/// UAX #29 sentence-break classes of the ASCII characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sb {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    SContinue,
    Close,
    Other,
}

fn sb(c: u8) -> Sb {
    match c {
        b'\r' => Sb::Cr,
        b'\n' => Sb::Lf,
        b'\t' | 0x0b | 0x0c | b' ' => Sb::Sp,
        b'a'..=b'z' => Sb::Lower,
        b'A'..=b'Z' => Sb::Upper,
        b'0'..=b'9' => Sb::Numeric,
        b'.' => Sb::ATerm,
        b'!' | b'?' => Sb::STerm,
        b',' | b'-' | b':' | b';' => Sb::SContinue,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Sb::Close,
        _ => Sb::Other,
    }
}

/// True when UAX #29 (rules SB3 to SB11) puts a sentence boundary before byte
/// `i` of ASCII text `b`, between classes `prev` and `next`, given the
/// terminator context `ctx` of the text before it.
fn ascii_break(b: &[u8], i: usize, prev: Sb, next: Sb, ctx: Option<Term>) -> bool {
    let para_sep = |c: Sb| matches!(c, Sb::Cr | Sb::Lf);
    // SB3, SB4.
    if prev == Sb::Cr && next == Sb::Lf {
        return false;
    }
    if para_sep(prev) {
        return true;
    }
    let Some(t) = ctx else {
        return false; // SB998
    };
    // SB6: ATerm × Numeric; SB7: (Upper | Lower) ATerm × Upper.
    if t.aterm && t.bare && (next == Sb::Numeric || (next == Sb::Upper && t.after_letter)) {
        return false;
    }
    // SB8a: SATerm Close* Sp* × (SContinue | SATerm); SB9: SATerm Close* ×
    // (Close | Sp | ParaSep); SB10: SATerm Close* Sp* × (Sp | ParaSep).
    if matches!(next, Sb::SContinue | Sb::ATerm | Sb::STerm | Sb::Sp)
        || para_sep(next)
        || (!t.spaces && next == Sb::Close)
    {
        return false;
    }
    // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
    // Reached at most once per terminator, and the look ahead stops at the next
    // terminator, so the whole text is looked at a bounded number of times.
    if t.aterm {
        let ahead = b[i..].iter().map(|&c| sb(c)).find(|c| {
            matches!(
                c,
                Sb::Upper | Sb::Lower | Sb::Cr | Sb::Lf | Sb::ATerm | Sb::STerm
            )
        });
        if ahead == Some(Sb::Lower) {
            return false;
        }
    }
    // SB11.
    true
}

/// The headline as [`Document::mark_boilerplate`] found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Title {
    /// The headline's text, furniture cut off.
    pub span: NormSpan,
    /// The `[[title]]` rule (index into [`RuleSet::regex_rules`]) that cut it
    /// out of its paragraph, if one did.
    pub rule: Option<usize>,
}

/// A number from a one-entry list of the rules (`title_paragraphs = ["12"]`).
fn setting(rules: &RuleSet, name: &str, default: usize) -> usize {
    rules
        .list(name)
        .first()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(default)
}

impl Document {
    /// Mark boilerplate paragraphs from the `[[boilerplate]]` matches, and find
    /// the headline with the `[[title]]` rules.
    ///
    /// 0. A `kind = "prefix"` boilerplate match opening a paragraph is split
    ///    off as a paragraph of its own (a crawler's date glued to the first
    ///    line).
    /// 1. `kind = "paragraph"` boilerplate marks its paragraph, wherever it is.
    /// 2. The headline is looked for in the first `title_paragraphs` paragraphs
    ///    (a list of the rules; 12 when absent), in order. A boilerplate
    ///    paragraph is passed over. Otherwise the `strip` title rules cut their
    ///    match off the paragraph's start or end (a crawler's date prefix), or,
    ///    with a `title` group, keep only that group (the last crumb of a
    ///    breadcrumb); a paragraph whose text a `skip` rule matches is page
    ///    furniture ('Skip to content', a section name, a dateline) and passed
    ///    over. The first paragraph left is the head of the content
    ///    ([`Document::head`]). It is the headline unless a `lede` rule matches
    ///    it or it holds more than `title_max_sentences` sentences (1 when
    ///    absent): then the article opens with its first sentence and has no
    ///    headline. A headline that a paragraph among the next three repeats
    ///    without a trailing ' - Site name' or ' | Site name' is cut to that
    ///    (and the site name kept, [`Document::site`]).
    /// 3. `kind = "rest"` boilerplate marks its paragraph and every later one,
    ///    when it comes after the head and after a paragraph of the story:
    ///    furniture above the headline, or between it and the story, does not
    ///    end the article.
    /// 4. `kind = "block"` boilerplate marks its paragraph (before the
    ///    headline is looked for, so that it is passed over) and, once the
    ///    head is known, the paragraphs after it up to the head or the first
    ///    that reads as the story again: a sentence of `block_resume_words`
    ///    words or more (12 when absent), ending with a full stop, a question
    ///    or exclamation mark, a colon or a closing quote mark.
    ///
    /// The head paragraph is never boilerplate.
    pub fn mark_boilerplate(&mut self, rules: &RuleSet, matches: &Matches, text: &str) {
        self.split_prefixes(rules, matches, text);
        let mut rests: Vec<(usize, usize)> = Vec::new();
        let mut blocks: Vec<(usize, usize)> = Vec::new();
        for hit in &matches.regex {
            let rule = &rules.regex_rules[hit.rule];
            if rule.family != Family::Boilerplate {
                continue;
            }
            let Some(p) = self.paragraph_at(hit.span.start) else {
                continue;
            };
            match rule.def.kind.as_deref() {
                Some("rest") => rests.push((p, hit.rule)),
                // Its own paragraph at once, so that the headline is looked
                // for past it; the short ones after it once the head is known.
                Some("block") => {
                    self.paragraphs[p].boilerplate.get_or_insert(hit.rule);
                    blocks.push((p, hit.rule));
                }
                // A paragraph opening with a double quote mark is someone's
                // words ('"Thank you for your support ..."'), not page furniture.
                _ if text[self.paragraphs[p].span.start..]
                    .trim_start()
                    .starts_with('"') => {}
                _ => {
                    self.paragraphs[p].boilerplate.get_or_insert(hit.rule);
                }
            }
        }
        self.find_title(rules, text);
        let head = self.head;
        if let Some(p) = self.paragraphs.get_mut(head) {
            p.boilerplate = None;
        }
        // Nor does furniture between the headline and the first paragraph
        // of the story ('More from this author' under a byline): the article
        // ends only after some paragraph of `REST_BODY_WORDS` words or more.
        let paragraphs = &self.paragraphs;
        let body_before = |p: usize| {
            paragraphs[head + 1..p].iter().any(|q| {
                text.get(q.span.start..q.span.end)
                    .is_some_and(|t| t.split_whitespace().count() >= REST_BODY_WORDS)
            })
        };
        let rest_from = rests
            .into_iter()
            .filter(|&(p, _)| p > head && body_before(p))
            .min_by_key(|&(p, _)| p);
        if let Some((from, rule)) = rest_from {
            for para in &mut self.paragraphs[from..] {
                para.boilerplate.get_or_insert(rule);
            }
        }
        // A widget set into the story ('Most Read' and the headlines under
        // it): its paragraph and the short ones after it, up to the first
        // paragraph of the story again, a sentence of `block_resume_words`
        // words or more, or up to the head.
        let resume = setting(rules, "block_resume_words", 12);
        for (from, rule) in blocks {
            for q in from + 1..self.paragraphs.len() {
                let t = text
                    .get(self.paragraphs[q].span.start..self.paragraphs[q].span.end)
                    .unwrap_or("")
                    .trim_end();
                let story = t.split_whitespace().count() >= resume
                    && t.ends_with(['.', '!', '?', ':', '"', '\u{201D}']);
                // Above the head, the widget ends where the content starts.
                if story || q == head {
                    break;
                }
                self.paragraphs[q].boilerplate.get_or_insert(rule);
            }
        }
    }

    /// A `kind = "prefix"` boilerplate match at the very start of a
    /// paragraph that goes on after it (a crawler's 'date 2016-10-11' glued
    /// to the first line) becomes a paragraph of its own, so that the rest
    /// starts its own sentence and can be the headline.
    fn split_prefixes(&mut self, rules: &RuleSet, matches: &Matches, text: &str) {
        let mut cuts: Vec<usize> = Vec::new();
        for hit in &matches.regex {
            let rule = &rules.regex_rules[hit.rule];
            if rule.family != Family::Boilerplate || rule.def.kind.as_deref() != Some("prefix") {
                continue;
            }
            let Some(p) = self.paragraph_at(hit.span.start) else {
                continue;
            };
            let span = self.paragraphs[p].span;
            if hit.span.start == span.start && hit.span.end < span.end {
                cuts.push(hit.span.end);
            }
        }
        if cuts.is_empty() {
            return;
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut blocks = Vec::with_capacity(self.paragraphs.len() + cuts.len());
        for para in &self.paragraphs {
            let mut start = para.span.start;
            for &c in cuts
                .iter()
                .filter(|&&c| c > para.span.start && c < para.span.end)
            {
                blocks.push((start, c));
                start = c;
            }
            blocks.push((start, para.span.end));
        }
        *self = build(text, &blocks);
    }

    /// Step 2 of [`Document::mark_boilerplate`]: set `head` and `title`.
    fn find_title(&mut self, rules: &RuleSet, text: &str) {
        self.head = 0;
        self.title = None;
        self.site = None;
        let window = setting(rules, "title_paragraphs", 12).min(self.paragraphs.len());
        let max_sentences = setting(rules, "title_max_sentences", 1);
        let of_kind = |k: &'static str| {
            rules
                .family(Family::Title)
                .filter(move |(_, r)| r.def.kind.as_deref() == Some(k))
                .map(|(i, _)| i)
        };
        for p in 0..window {
            let para = &self.paragraphs[p];
            if para.boilerplate.is_some() {
                continue;
            }
            let mut span = para.span;
            let mut cut_by = None;
            let mut site = None;
            for i in of_kind("strip") {
                let hits = matcher::rule_hits_in(rules, i, text, span.start..span.end);
                let Some(h) = hits.first() else { continue };
                // A strip rule's `site` group is the site's name cut off the
                // headline ('... - The Eastbridge Post'): the publisher.
                if let Some(g) = h.group(rules, "site") {
                    site = Some(g);
                }
                let cut = if let Some(g) = h.group(rules, "title") {
                    g
                } else if h.span.start <= span.start {
                    NormSpan::new(h.span.end, span.end)
                } else if h.span.end >= span.end {
                    NormSpan::new(span.start, h.span.start)
                } else {
                    continue;
                };
                span = trim_span(text, cut.start, cut.end.max(cut.start));
                cut_by = Some(i);
            }
            if span.is_empty() {
                continue;
            }
            let is =
                |k| of_kind(k).any(|i| rules.regex_rules[i].is_match(&text[span.start..span.end]));
            // A skip rule with a `name` group (a person's name on its own
            // line) skips only when no word of the group is a `name_stopwords`
            // word ('Ofsted Report' is a headline).
            let stop = rules.list("name_stopwords");
            let skip = of_kind("skip").any(|i| {
                let t = &text[span.start..span.end];
                match rules.regex_rules[i].captures(t) {
                    None => false,
                    Some(c) => c.name("name").is_none_or(|g| {
                        !g.as_str()
                            .split(|ch: char| !ch.is_alphanumeric())
                            .any(|w| stop.iter().any(|s| s == w))
                    }),
                }
            });
            if skip {
                continue;
            }
            self.head = p;
            let sentences = self.sentences[para.first_sentence..para.end_sentence]
                .iter()
                .filter(|s| s.span.end > span.start && s.span.start < span.end)
                .count();
            // A sentence with its full stop is the lede, unless a dateline
            // or a byline stands under it (`dateline` rules, on the next
            // paragraph): then it is the headline, written as a sentence.
            let dateline_under = self.paragraphs.get(p + 1).is_some_and(|q| {
                of_kind("dateline")
                    .any(|i| rules.regex_rules[i].is_match(&text[q.span.start..q.span.end]))
            });
            if sentences > max_sentences || is("lede") && !dateline_under {
                return;
            }
            // 'Headline - Site' above a 'Headline' line: the site is no part of it.
            let t = &text[span.start..span.end];
            let later = &self.paragraphs[p + 1..(p + 4).min(self.paragraphs.len())];
            for q in later {
                let lt = &text[q.span.start..q.span.end];
                if lt.len() < t.len()
                    && t.starts_with(lt)
                    && [" - ", " | "]
                        .iter()
                        .any(|sep| t[lt.len()..].starts_with(sep))
                {
                    self.site = Some(trim_span(text, span.start + lt.len() + 3, span.end));
                    span = NormSpan::new(span.start, span.start + lt.len());
                    break;
                }
            }
            if self.site.is_none() {
                self.site = site;
            }
            self.title = Some(Title { span, rule: cut_by });
            return;
        }
    }

    /// Index of the paragraph containing normalised offset `pos`.
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= pos);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= pos).then_some(i)
    }

    /// Index of the sentence containing normalised offset `pos`.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }

    /// True when `pos` is in a boilerplate paragraph (or between paragraphs).
    pub fn is_boilerplate(&self, pos: usize) -> bool {
        self.paragraph_at(pos)
            .is_none_or(|p| self.paragraphs[p].boilerplate.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_sentences() {
        let t = "Headline here\n\nFirst sentence. Second one!\nA list line\n\nLast.";
        let d = segment(t);
        let paras: Vec<&str> = d
            .paragraphs
            .iter()
            .map(|p| &t[p.span.start..p.span.end])
            .collect();
        assert_eq!(
            paras,
            [
                "Headline here",
                "First sentence. Second one!",
                "A list line",
                "Last."
            ]
        );
        let sents: Vec<&str> = d
            .sentences
            .iter()
            .map(|s| &t[s.span.start..s.span.end])
            .collect();
        assert_eq!(
            sents,
            [
                "Headline here",
                "First sentence.",
                "Second one!",
                "A list line",
                "Last."
            ]
        );
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let t = "The inspectors found that the work to keep children safe was not\nconsistent across the service.\n";
        let d = segment(t);
        assert_eq!(d.paragraphs.len(), 1);
        assert_eq!(d.sentences.len(), 1);
    }
}

#[cfg(test)]
mod sentence_tests {
    use super::sentence_bounds;
    use unicode_segmentation::UnicodeSegmentation;

    fn reference(s: &str) -> Vec<(usize, usize)> {
        s.split_sentence_bound_indices()
            .map(|(o, p)| (o, o + p.len()))
            .collect()
    }

    fn ours(s: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        sentence_bounds(s, &mut v);
        v
    }

    #[test]
    fn ascii_bounds_equal_unicode_segmentation_on_prose() {
        for s in [
            "",
            "One.",
            "Mr. Smith said so. Then he left.",
            "It was rated 'Good'. Staff (all 12) agreed! Did they? Yes.",
            "The U.S. economy grew 3.5% in Q1.  \"It is fine,\" she said. etc. and so on",
            "End.) Next (start.) \"Quote.\" 'x.' y",
            "a.\r\nb. c.\rd\n\ne",
            "Wait... what?! No.-- fine; ok: yes. 1. 2. A. b.",
        ] {
            assert_eq!(ours(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn ascii_bounds_equal_unicode_segmentation_on_random_text() {
        // Every ASCII sentence class, in random mixes.
        let alphabet = b"aZ9.!?,-:;\"'()[]{} \t\r\n#x.. Ab";
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200_000 {
            let len = (next() % 24) as usize;
            let s: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                .collect();
            assert_eq!(ours(&s), reference(&s), "{s:?}");
        }
    }
}
