//! Stage 3: normalised text -> paragraphs and sentences, and which paragraphs are
//! boilerplate (donation appeals, notes to editors, cookie banners, ...).
//!
//! A paragraph is a line, or several lines when they are one hard-wrapped
//! sentence run; sentences come from Unicode sentence boundaries
//! (unicode-segmentation) inside each paragraph. Boilerplate is decided by the
//! `[[boilerplate]]` rules: `kind = "paragraph"` marks the paragraph a rule
//! matches in, `kind = "rest"` marks it and everything after it.

use crate::matcher::Matches;
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

/// A segmented document.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
}

fn trim_span(text: &str, start: usize, end: usize) -> NormSpan {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    NormSpan::new(start + lead, (end - trail).max(start + lead))
}

/// Split `text` into paragraphs and sentences.
pub fn segment(text: &str) -> Document {
    let mut doc = Document::default();
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
    for (bs, be) in blocks {
        let span = trim_span(text, bs, be);
        if span.is_empty() {
            continue;
        }
        let p = doc.paragraphs.len();
        let first = doc.sentences.len();
        // A hard-wrapped paragraph's line breaks are spaces to the sentence rules
        // (same byte length, so offsets hold).
        let flat = text[span.start..span.end].replace('\n', " ");
        for (off, s) in flat.split_sentence_bound_indices() {
            let st = trim_span(text, span.start + off, span.start + off + s.len());
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

impl Document {
    /// Mark boilerplate paragraphs from the `[[boilerplate]]` matches.
    pub fn mark_boilerplate(&mut self, rules: &RuleSet, matches: &Matches) {
        let mut rest_from: Option<(usize, usize)> = None;
        for hit in &matches.regex {
            let rule = &rules.regex_rules[hit.rule];
            if rule.family != Family::Boilerplate {
                continue;
            }
            let Some(p) = self.paragraph_at(hit.span.start) else {
                continue;
            };
            if p == 0 {
                continue; // the headline is never boilerplate
            }
            match rule.def.kind.as_deref() {
                Some("rest") => {
                    if rest_from.is_none_or(|(q, _)| p < q) {
                        rest_from = Some((p, hit.rule));
                    }
                }
                _ => {
                    self.paragraphs[p].boilerplate.get_or_insert(hit.rule);
                }
            }
        }
        if let Some((from, rule)) = rest_from {
            for para in &mut self.paragraphs[from..] {
                para.boilerplate.get_or_insert(rule);
            }
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
