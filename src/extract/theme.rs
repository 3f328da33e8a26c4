//! Themes: the terms of `themes.toml` raise a theme where they occur outside
//! boilerplate; the polarity of each mention comes, in order, from
//!
//! 1. a grade given to an area that names the term ('Safe: Inadequate',
//!    'rated Good for being caring'): the scale's `positive` values are strengths;
//! 2. the theme's own cues ('upgraded', 'declined' for progress_improvement);
//! 3. the general cue nearest the term in its clause, or failing that the
//!    sentence's cues when they all agree.
//!
//! Themes are the inspectorate's findings: text inside a quotation from anyone
//! else (the service's response, a campaigner) raises none. Of two overlapping
//! terms of different themes the longer wins ('out-of-court disposals' over
//! 'court disposals').
//!
//! Cues inside a `neutral` phrase ('how good is our') do not count, a cue that
//! is the term itself does not count, and a term inside a grade wording
//! ('requires improvement') raises nothing. A mention with no cue raises
//! nothing: a neutral list of what was inspected is not a finding.

use super::Ctx;
use crate::record::{Evidence, Quote, Rating, Theme};
use crate::rules::PhraseKind;
use crate::span::NormSpan;
use crate::span::Span;

/// How far (bytes) from a term its cues and grades are looked for. A sentence
/// shorter than this is searched whole, as written; a longer one (text with no
/// sentence ends) only this far either side of the term, so that the work per
/// term stays bounded and theme detection stays linear in the text.
const CUE_WINDOW: usize = 1500;

/// Spans sorted by start with the running maximum of their ends, for
/// containment and overlap questions in logarithmic time.
struct SpanIndex {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl SpanIndex {
    fn new(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for &(_, e) in &spans {
            m = m.max(e);
            max_end.push(m);
        }
        SpanIndex {
            starts: spans.into_iter().map(|(s, _)| s).collect(),
            max_end,
        }
    }
    /// True when some span `[a, b)` has `a <= start` and `b >= end` (contains it).
    fn contains(&self, start: usize, end: usize) -> bool {
        let k = self.starts.partition_point(|&a| a <= start);
        k > 0 && self.max_end[k - 1] >= end
    }
    /// True when some span has `a < end` and `b > start` (shares a byte with it).
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let k = self.starts.partition_point(|&a| a < end);
        k > 0 && self.max_end[k - 1] > start
    }
}

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

/// Themes with polarity and evidence, given the article's ratings, its quotes
/// and the inspectorate's name.
pub fn extract(
    ctx: &Ctx,
    ratings: &[Rating],
    quotes: &[Quote],
    insp_idx: Option<usize>,
) -> Vec<Theme> {
    let insp = insp_idx.map(|i| ctx.rules.inspectorates[i].name.as_str());
    let text = ctx.text();
    // Quotations not from the inspectorate: their parts (first and continued spans).
    let others: Vec<Span> = quotes
        .iter()
        .filter(|q| {
            let sp = q.speaker.as_ref();
            let by_insp = insp.is_some()
                && sp.is_some_and(|s| s.name.as_deref() == insp || s.org.as_deref() == insp);
            !by_insp
        })
        .flat_map(|q| std::iter::once(q.span).chain(q.continued.iter().copied()))
        .collect();
    let others = SpanIndex::new(others.iter().map(|q| (q.start, q.end)).collect());
    let mut themes: Vec<(usize, Vec<Evidence>)> = Vec::new();
    let phrases = &ctx.m.phrases;
    let rating_spans = SpanIndex::new(
        phrases
            .iter()
            .filter(|h| h.tag.kind == PhraseKind::RatingWord)
            .map(|h| (h.span.start, h.span.end))
            .collect(),
    );
    let neutral = SpanIndex::new(
        phrases
            .iter()
            .filter(|h| h.tag.kind == PhraseKind::Neutral)
            .map(|h| (h.span.start, h.span.end))
            .collect(),
    );
    // Phrase hits are exact phrases, so a hit that contains another starts at
    // most this many bytes before it.
    let longest = ctx
        .rules
        .phrase_texts
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0);
    // Ratings by start, to find a sentence's grades without a scan of them all.
    let mut by_start: Vec<&Rating> = ratings.iter().collect();
    by_start.sort_by_key(|r| (r.span.start, r.span.end));
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
        breaks.extend(
            hits.iter()
                .filter(|h| h.tag.kind == PhraseKind::ClauseBreak)
                .map(|h| h.span.start),
        );
        breaks.extend(
            text[s.span.start..s.span.end]
                .match_indices(';')
                .map(|(i, _)| s.span.start + i),
        );
        breaks.sort_unstable();
        let cues: Vec<(NormSpan, Pol, usize)> = hits
            .iter()
            .filter(|h| !neutral.contains(h.span.start, h.span.end))
            .filter_map(|h| match h.tag.kind {
                PhraseKind::Strength => Some((h.span, Pol::Strength, h.tag.rule)),
                PhraseKind::Concern => Some((h.span, Pol::Concern, h.tag.rule)),
                _ => None,
            })
            .collect();
        // A cue inside a longer cue of the other polarity ('not good') yields to it.
        // Cues are in start order; a container starts at most `longest` before.
        let cues: Vec<(NormSpan, Pol, usize)> = cues
            .iter()
            .filter(|(sp, p, _)| {
                let from = cues.partition_point(|c| c.0.start + longest < sp.start);
                let to = cues.partition_point(|c| c.0.start <= sp.start);
                !cues[from..to]
                    .iter()
                    .any(|(o, q, _)| q != p && o.contains(*sp) && o.len() > sp.len())
            })
            .copied()
            .collect();
        let first_of = |p: Pol| cues.iter().find(|c| c.1 == p).map(|c| c.2).unwrap_or(0);
        let (first_strength, first_concern) = (first_of(Pol::Strength), first_of(Pol::Concern));
        let sentence_pol = {
            let st = cues.iter().any(|c| c.1 == Pol::Strength);
            let co = cues.iter().any(|c| c.1 == Pol::Concern);
            match (st, co) {
                (true, false) => Some(Pol::Strength),
                (false, true) => Some(Pol::Concern),
                _ => None,
            }
        };
        // Grades stated in this sentence, with their areas.
        let sent_orig = ctx.span(s.span);
        let from = by_start.partition_point(|r| r.span.start < sent_orig.start);
        let to = by_start.partition_point(|r| r.span.start < sent_orig.end);
        let graded: Vec<&Rating> = by_start[from..to]
            .iter()
            .filter(|r| r.span.end <= sent_orig.end)
            .copied()
            .collect();
        for h in hits {
            let PhraseKind::Theme { theme } = h.tag.kind else {
                continue;
            };
            // A grade is not a topic: 'improvement' in 'requires improvement'.
            if rating_spans.overlaps(h.span.start, h.span.end) {
                continue;
            }
            // The hits near the term: a container starts at most `longest`
            // before it; cues count within `CUE_WINDOW` of it.
            let near = |reach: usize, after: usize| {
                let from = hits.partition_point(|o| o.span.start + reach < h.span.start);
                let to = hits.partition_point(|o| o.span.start < h.span.end + after);
                &hits[from..to]
            };
            let window = NormSpan::new(
                h.span.start.saturating_sub(CUE_WINDOW),
                h.span.end + CUE_WINDOW,
            );
            // The longer term of another theme wins.
            let shadowed = near(longest, 0).iter().any(|o| {
                matches!(o.tag.kind, PhraseKind::Theme { theme: t } if t != theme)
                    && o.span.contains(h.span)
                    && o.span.len() > h.span.len()
            });
            if shadowed {
                continue;
            }
            let orig = ctx.span(h.span);
            if others.contains(orig.start, orig.end) {
                continue;
            }
            let term = ctx.norm_str(h.span).to_lowercase();
            let dist = |c: &NormSpan| {
                if c.end <= h.span.start {
                    h.span.start - c.end
                } else {
                    c.start.saturating_sub(h.span.end)
                }
            };
            // 1. A grade on an area naming the term.
            // Original bytes per normalised byte vary (folded marks): be generous.
            let orig_window = (
                orig.start.saturating_sub(4 * CUE_WINDOW),
                orig.end + 4 * CUE_WINDOW,
            );
            let by_grade = graded
                .iter()
                .filter(|r| r.span.end > orig_window.0 && r.span.start < orig_window.1)
                .find(|r| {
                    r.scope != "overall"
                        && r.scope
                            .to_lowercase()
                            .replace('\u{2019}', "'")
                            .contains(&term)
                })
                .map(|r| {
                    let p = if ctx.rules.is_positive(&r.scale, &r.value) {
                        Pol::Strength
                    } else {
                        Pol::Concern
                    };
                    (p, r.rule.clone())
                });
            // 2. The theme's own cues.
            let by_theme = near(CUE_WINDOW, CUE_WINDOW)
                .iter()
                .filter_map(|c| match c.tag.kind {
                    PhraseKind::ThemeCue { theme: t, strength }
                        if t == theme && !c.span.overlaps(h.span) =>
                    {
                        Some((
                            c.span,
                            if strength {
                                Pol::Strength
                            } else {
                                Pol::Concern
                            },
                            c.tag.rule,
                        ))
                    }
                    _ => None,
                })
                .min_by_key(|c| dist(&c.0))
                .map(|c| (c.1, ctx.rules.rule_id(c.2).to_string()));
            // 3. The nearest general cue in the clause; else the sentence's.
            let k = breaks.partition_point(|&b| b <= h.span.start);
            let lo = k
                .checked_sub(1)
                .map(|i| breaks[i])
                .unwrap_or(s.span.start)
                .max(window.start);
            let hi_b = breaks.get(k).copied().unwrap_or(s.span.end).min(window.end);
            let c_from = cues.partition_point(|c| c.0.start < lo);
            let c_to = cues.partition_point(|c| c.0.start < hi_b);
            let by_cue = cues[c_from..c_to.max(c_from)]
                .iter()
                .filter(|c| !c.0.overlaps(h.span))
                .min_by_key(|c| (dist(&c.0), c.1 == Pol::Strength))
                .map(|c| (c.1, c.2))
                .or_else(|| {
                    sentence_pol.map(|p| {
                        let r = match p {
                            Pol::Strength => first_strength,
                            Pol::Concern => first_concern,
                        };
                        (p, r)
                    })
                })
                .map(|(p, r)| (p, ctx.rules.rule_id(r).to_string()));
            let Some((pol, cue_rule)) = by_grade.or(by_theme).or(by_cue) else {
                continue;
            };
            let ev = Evidence {
                span: ctx.span(h.span),
                sentence: sent_orig,
                polarity: pol_name(pol).into(),
                rule: ctx.rules.rule_id(h.tag.rule).to_string(),
                cue_rule: Some(cue_rule),
            };
            match themes.iter_mut().find(|(t, _)| *t == theme) {
                Some((_, evs)) => {
                    // Sentences come in order: a repeat can only be the last one.
                    if evs.last().is_none_or(|e| e.sentence != ev.sentence) {
                        evs.push(ev)
                    }
                }
                None => themes.push((theme, vec![ev])),
            }
        }
    }
    // The overall grade of a regulator whose grade speaks to one theme.
    let overall_theme = insp_idx
        .and_then(|i| ctx.rules.inspectorates[i].overall_theme.as_deref())
        .and_then(|id| ctx.rules.themes.iter().position(|t| t.id == id));
    if let (Some(t), Some(r)) = (overall_theme, ratings.iter().find(|r| r.scope == "overall")) {
        let pol = if ctx.rules.is_positive(&r.scale, &r.value) {
            Pol::Strength
        } else {
            Pol::Concern
        };
        let ev = Evidence {
            span: r.span,
            sentence: r.span,
            polarity: pol_name(pol).into(),
            rule: ctx.rules.themes[t].info.id.clone(),
            cue_rule: Some(r.rule.clone()),
        };
        match themes.iter_mut().find(|(x, _)| *x == t) {
            Some((_, evs)) => evs.insert(0, ev),
            None => themes.push((t, vec![ev])),
        }
    }
    themes
        .into_iter()
        .map(|(t, evidence)| {
            let s = evidence.iter().filter(|e| e.polarity == "strength").count();
            let c = evidence.len() - s;
            // Concerns weigh more: a finding that needs fixing outweighs praise
            // of the same thing; 'mixed' only when praise clearly dominates but
            // a concern was raised more than once.
            let polarity = if c == 0 {
                "strength"
            } else if c >= s {
                "concern"
            } else if s >= 2 * c && c <= 1 {
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
