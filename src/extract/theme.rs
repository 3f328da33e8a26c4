//! Themes: the terms of `themes.toml` raise a theme where they occur outside
//! boilerplate; the polarity cues of the same clause (or, failing that, the
//! sentence) say whether it is raised as a strength or a concern. A mention with
//! no cue raises nothing: a neutral list of what was inspected is not a finding.

use super::Ctx;
use crate::record::{Evidence, Theme};
use crate::rules::PhraseKind;
use crate::span::NormSpan;

#[derive(Clone, Copy, PartialEq)]
enum Pol {
    Strength,
    Concern,
}

fn pol_name(p: Pol) -> &'static str {
    match p {
        Pol::Strength => "strength",
        Pol::Concern => "concern",
    }
}

/// Themes with polarity and evidence.
pub fn extract(ctx: &Ctx) -> Vec<Theme> {
    let text = ctx.text();
    let mut themes: Vec<(usize, Vec<Evidence>)> = Vec::new();
    let phrases = &ctx.m.phrases;
    let rating_spans: Vec<NormSpan> = ctx
        .rules
        .rating_words
        .find_iter(text)
        .map(|m| NormSpan::new(m.start(), m.end()))
        .collect();
    let mut hi = 0;
    for s in &ctx.doc.sentences {
        if ctx.doc.paragraphs[s.paragraph].boilerplate.is_some() {
            continue;
        }
        while hi < phrases.len() && phrases[hi].span.start < s.span.start {
            hi += 1;
        }
        let mut hj = hi;
        while hj < phrases.len() && phrases[hj].span.start < s.span.end {
            hj += 1;
        }
        let hits = &phrases[hi..hj];
        let mut breaks: Vec<usize> = vec![s.span.start, s.span.end];
        breaks.extend(hits.iter().filter(|h| h.tag.kind == PhraseKind::ClauseBreak).map(|h| h.span.start));
        breaks.extend(text[s.span.start..s.span.end].match_indices(';').map(|(i, _)| s.span.start + i));
        breaks.sort_unstable();
        let cues: Vec<(NormSpan, Pol, usize)> = hits
            .iter()
            .filter_map(|h| match h.tag.kind {
                PhraseKind::Strength => Some((h.span, Pol::Strength, h.tag.rule)),
                PhraseKind::Concern => Some((h.span, Pol::Concern, h.tag.rule)),
                _ => None,
            })
            .collect();
        // A cue that lies inside a longer cue of the other polarity ('not good') yields to it.
        let cues: Vec<(NormSpan, Pol, usize)> = cues
            .iter()
            .filter(|(sp, p, _)| !cues.iter().any(|(o, q, _)| q != p && o.contains(*sp) && o.len() > sp.len()))
            .copied()
            .collect();
        let sentence_pol = {
            let st = cues.iter().any(|c| c.1 == Pol::Strength);
            let co = cues.iter().any(|c| c.1 == Pol::Concern);
            match (st, co) {
                (true, false) => Some(Pol::Strength),
                (false, true) => Some(Pol::Concern),
                _ => None,
            }
        };
        for h in hits {
            let PhraseKind::Theme { theme } = h.tag.kind else { continue };
            // A grade is not a topic: 'improvement' in 'requires improvement'.
            if rating_spans.iter().any(|r| r.overlaps(h.span)) {
                continue;
            }
            // Part of a cue phrase, not a topic ('strong partnership working' is fine, 'safe' in 'not safe' too).
            let lo = breaks.iter().rev().find(|&&b| b <= h.span.start).copied().unwrap_or(s.span.start);
            let hi_b = breaks.iter().find(|&&b| b > h.span.start).copied().unwrap_or(s.span.end);
            // The cue nearest the term in its clause decides; a cue that is the
            // term itself ('vacancies') does not count.
            let in_clause: Vec<&(NormSpan, Pol, usize)> = cues
                .iter()
                .filter(|c| c.0.start >= lo && c.0.start < hi_b && !c.0.overlaps(h.span))
                .collect();
            let dist = |c: &&(NormSpan, Pol, usize)| {
                if c.0.end <= h.span.start {
                    h.span.start - c.0.end
                } else {
                    c.0.start.saturating_sub(h.span.end)
                }
            };
            let pick = if let Some(c) = in_clause.iter().min_by_key(|c| (dist(c), c.1 == Pol::Strength)) {
                Some((c.1, c.2))
            } else {
                sentence_pol.map(|p| (p, cues.iter().find(|c| c.1 == p).map(|c| c.2).unwrap_or(0)))
            };
            let Some((pol, cue_rule)) = pick else { continue };
            let ev = Evidence {
                span: ctx.span(h.span),
                sentence: ctx.span(s.span),
                polarity: pol_name(pol).into(),
                rule: ctx.rules.rule_id(h.tag.rule).to_string(),
                cue_rule: Some(ctx.rules.rule_id(cue_rule).to_string()),
            };
            match themes.iter_mut().find(|(t, _)| *t == theme) {
                Some((_, evs)) => {
                    if !evs.iter().any(|e| e.sentence == ev.sentence) {
                        evs.push(ev)
                    }
                }
                None => themes.push((theme, vec![ev])),
            }
        }
        hi = hi.min(hj);
    }
    themes
        .into_iter()
        .map(|(t, evidence)| {
            let s = evidence.iter().filter(|e| e.polarity == "strength").count();
            let c = evidence.len() - s;
            let polarity = if c == 0 {
                "strength"
            } else if s == 0 || c >= 2 * s {
                "concern"
            } else if s >= 2 * c {
                "strength"
            } else {
                "mixed"
            };
            Theme {
                id: ctx.rules.themes[t].id.clone(),
                polarity: polarity.into(),
                evidence,
            }
        })
        .collect()
}
