//! Themes: the terms of `themes.toml` raise a theme where they occur outside
//! boilerplate and outside quotations from anyone but the inspectorate (the
//! service's response, a campaigner): themes are the inspectorate's findings.
//! A quotation with no speaker is the inspectorate's when a `findings` phrase
//! ends at most `LEAD_IN` bytes before it ('with the report stating: "...'),
//! or when it goes straight on from one of theirs (the next paragraph of a
//! quoted report).
//!
//! **Terms.** Of two overlapping terms the longer wins ('out-of-court
//! disposals' over 'court disposals'); a term of the article's inspectorate
//! (`inspectorate_terms`: HM Inspectorate of Prisons' 'safety' test is about
//! violence) wins over any other term it overlaps. A term inside a grade
//! wording ('requires improvement') or a `not_topics` name ('Leader of the
//! Council') raises nothing.
//!
//! A speaker holding an `inspectorate_roles` post ('lead inspector') speaks
//! for the inspectorate when their body is not resolved, or is its acronym
//! or part of its name.
//!
//! **Background.** A sentence holding a `background` phrase (what
//! inspections look at, what an inspectorate is, a career, a job advert)
//! judges no service and raises no themes.
//!
//! **Cues.** A sentence is split into clauses at `clause_breaks`, ';' and ':'.
//! A `concessives` word that opens its clause ('Despite X, Y', 'said that,
//! although X, Y') ends it at the next comma, so that each side carries its
//! own polarity; a conceded side with no cue of its own says the opposite
//! of the other side's general cues when they agree.
//! Its cues are the general `strength` and `concern` phrases and the theme's
//! own; a cue inside a `neutral` phrase or inside someone else's quotation
//! does not count, a general cue inside a longer term ('serious' in 'risk of
//! serious harm') speaks only for that term, and a cue inside a longer cue of
//! the other polarity ('good' in 'not good enough') yields to it. Then, within
//! a clause:
//!
//! - a `negators` word at most two words before a cue turns it round ('not
//!   robust', 'without delay', 'would benefit from better signage') and is no
//!   cue of its own;
//! - after a `requirements` phrase ('needs to', 'must ensure'), a strength cue
//!   is what is lacking: a concern; a requirement word inside a term
//!   ('previous recommendations') is part of its topic and is none.
//!
//! **A mention's polarity**, in order:
//!
//! 1. a grade given to an area that names the term, stated in the term's
//!    paragraph ('Safe: Inadequate', 'rated Good for being caring') or on a
//!    label line that is the area as written (grades under a heading); the
//!    scale's `positive` values are strengths, its middle grade (PEEL's
//!    'Adequate') is neither and the mention raises nothing;
//! 2. nothing, when a `past` or `future` marker comes before the term in its
//!    clause ('two years ago', 'at the previous inspection', 'will return to
//!    check'): that is no finding of this inspection; the theme of change
//!    (`grade_change`) is exempt from `past` markers only;
//! 3. a `weak` term ('staff', 'information') raises nothing without a cue of
//!    its theme in the sentence;
//! 4. in an item of one sentence in a list of concerns, a concern,
//!    whatever the item's own cues ('Areas to improve:' then 'Good use of
//!    resources'). A lead-in sentence ending in ':' opens a list of the
//!    short paragraphs after it; its polarity is that of its general cues
//!    when they agree ('It is good at:'), else a concern when it states a
//!    `requirements` phrase ('The trust must:'), else that of the sentence
//!    before it in its paragraph. A question stating a requirement ('What
//!    does the school need to do to improve?') opens a list of concerns too;
//! 5. a cue of the theme that overlaps the term ('improved', 'declined',
//!    'not shared'), turned round by a negator before it;
//! 6. the nearest cue in the clause, the theme's own or a general one (on a
//!    tie the theme's, then a concern); else the theme's nearest cue in the
//!    sentence; else a general cue that contains the term or lies inside it
//!    ('compassionate', 'staff shortages'); else the sentence's general cues
//!    when they all agree;
//! 7. in any other item of a list, with none of these, the lead-in's polarity;
//! 8. with none of these the mention raises nothing: a list of what was
//!    inspected is not a finding.
//!
//! **The gate.** Themes are an inspection's findings: an article with no
//! `findings` phrase outside boilerplate ('inspectors', 'the regulator') and
//! no current rating raises none.
//!
//! **Grade changes.** In a sentence with a `past` marker, a grade after the
//! marker ('previously rated Good', 'Previous grade: 4 - Good'), else one
//! before it that is not a current grade ('rated Good at its last
//! inspection'), is compared with the grade now (stated before the marker in
//! the sentence, else the overall grade): better now is a strength of the
//! theme marked `grade_change`, worse a concern.
//!
//! **The article's polarity** for a theme, from its mentions (one per sentence
//! and polarity): `strength` when all are strengths, `concern` when there
//! are more concerns than strengths, or as many and no sentence says both,
//! else `mixed`: praise does not outweigh a concern of the same theme. A
//! theme `graded_by_parts` is `mixed` whenever it has both. The overall grade of
//! a regulator whose grade speaks to one theme (`overall_theme`) is the
//! theme's polarity when the text says nothing else about it.
//!
//! Every lookup is bounded (`CUE_WINDOW`, `NEGATION_REACH`, `MAX_AREAS`) or
//! binary, so the work stays linear in the text even for a sentence with no
//! end.

mod cue;
mod mention;
mod span_index;

use super::Ctx;
use crate::record::{Evidence, Quote, Rating, Theme};
use crate::rules::PhraseKind;
use crate::span::NormSpan;
use crate::span::Span;
use cue::{dist, grade_pol, grade_rank, Cue, Pol};
use mention::{aggregate, push, Mention};
use span_index::SpanIndex;

/// How far (bytes) from a term its cues are looked for. A sentence shorter
/// than this is searched whole, as written; a longer one (text with no
/// sentence ends) only this far either side of the term, so that the work per
/// term stays bounded and theme detection stays linear in the text.
const CUE_WINDOW: usize = 1500;

/// At most this many words between a negator and the cue it turns round
/// ('not yet as ambitious').
const NEGATION_GAP: usize = 2;

/// At most this many bytes between a negator and the cue it turns round.
const NEGATION_REACH: usize = 48;

/// At most this many bytes between a `findings` phrase and a quotation with
/// no speaker that it leads into (or between two parts of a quoted report).
const LEAD_IN: usize = 80;

/// A concessive clause ('despite X') ends at a comma at most this many
/// bytes after its opening word.
const CONCESSIVE_REACH: usize = 200;

/// At most this many graded areas are compared with each term.
const MAX_AREAS: usize = 64;

/// A paragraph at most this long (bytes) is a label line ('• Leadership and
/// force management'): an area named there takes the area's grade even when
/// the grade is written elsewhere (under a heading).
const LABEL_LINE: usize = 120;

/// A paragraph at most this long (bytes) right after a lead-in ending in ':'
/// (or after another item) is an item of its list.
const LIST_ITEM: usize = 240;

/// Themes with polarity and evidence, given the article's ratings, its quotes
/// and the inspectorate's name.
pub fn extract(
    ctx: &Ctx,
    ratings: &[Rating],
    quotes: &[Quote],
    insp_idx: Option<usize>,
) -> Vec<Theme> {
    let insp = insp_idx.map(|i| ctx.rules.inspectorates[i].name.as_str());
    let insp_acronym = insp_idx.and_then(|i| ctx.rules.inspectorates[i].acronym.as_deref());
    // Posts at an inspectorate ('lead inspector'): a speaker holding one whose
    // body is not resolved, or is the inspectorate's acronym or part of its
    // name, speaks for it; so does one whose body is written as such a post.
    let insp_roles: Vec<String> = ctx
        .rules
        .list("inspectorate_roles")
        .iter()
        .map(|r| r.to_lowercase())
        .collect();
    let inspector_role = |role: &str| {
        let role = role.to_lowercase().replace('\u{2019}', "'");
        insp_roles.iter().any(|r| {
            role.match_indices(r.as_str()).any(|(i, _)| {
                !role[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
        })
    };
    let text = ctx.text();
    // Themes are findings of an inspection: an article with no `findings`
    // phrase outside boilerplate ('inspectors', 'the regulator') and no
    // current rating reports none.
    let gated =
        ratings.is_empty()
            && !ctx.m.phrases.iter().any(|h| {
                h.tag.kind == PhraseKind::Finding && !ctx.doc.is_boilerplate(h.span.start)
            });
    if gated {
        return Vec::new();
    }
    // Quotations not from the inspectorate: their parts (first and continued
    // spans). A quotation with no speaker is the inspectorate's when a
    // `findings` phrase leads into it ('with the report stating: "..."') or
    // when it goes straight on from one of theirs (the next paragraph of a
    // quoted report).
    let finding_ends: Vec<usize> = ctx
        .m
        .phrases
        .iter()
        .filter(|h| h.tag.kind == PhraseKind::Finding && !ctx.doc.is_boilerplate(h.span.start))
        .map(|h| ctx.span(h.span).end)
        .collect();
    let mut order: Vec<&Quote> = quotes.iter().collect();
    order.sort_by_key(|q| (q.span.start, q.span.end));
    let mut others: Vec<Span> = Vec::new();
    let mut insp_end: Option<usize> = None;
    // The parts of the quotation read last: one inside them (people's words
    // a report quotes) belongs to the quotation around it.
    let mut outer: Vec<Span> = Vec::new();
    for q in order {
        if outer
            .iter()
            .any(|o| o.start <= q.span.start && q.span.end <= o.end)
        {
            continue;
        }
        outer = std::iter::once(q.span)
            .chain(q.continued.iter().copied())
            .collect();
        let sp = q.speaker.as_ref();
        let by_insp = insp.is_some()
            && sp.is_some_and(|s| {
                s.name.as_deref() == insp
                    || s.org.as_deref() == insp
                    || s.org.as_deref().is_none_or(|o| {
                        Some(o) == insp_acronym || insp.is_some_and(|n| n.contains(o))
                    }) && s.role.as_deref().is_some_and(inspector_role)
                    // The post written as the body ('Her Majesty's Inspector of
                    // Constabulary').
                    || s.org.as_deref().is_some_and(inspector_role)
            });
        let led_in = || {
            let lo = q.span.start.saturating_sub(LEAD_IN);
            let k = finding_ends.partition_point(|&e| e < lo);
            finding_ends.get(k).is_some_and(|&e| e <= q.span.start)
        };
        let goes_on = || {
            insp_end.is_some_and(|e| {
                ctx.orig.get(e..q.span.start).is_some_and(|gap| {
                    gap.len() <= LEAD_IN
                        && gap.chars().all(|c| {
                            c.is_whitespace()
                                || matches!(
                                    c,
                                    '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}'
                                )
                        })
                })
            })
        };
        let theirs = by_insp || (sp.is_none() && (led_in() || goes_on()));
        let end = q.continued.last().unwrap_or(&q.span).end;
        if theirs {
            insp_end = Some(end);
        } else {
            insp_end = None;
            others.push(q.span);
            others.extend(q.continued.iter().copied());
        }
    }
    let others = SpanIndex::new(others.iter().map(|q| (q.start, q.end)).collect());
    let mut themes: Vec<(usize, Vec<Mention>)> = Vec::new();
    let phrases = &ctx.m.phrases;
    let spans_of = |kind: PhraseKind| {
        SpanIndex::new(
            phrases
                .iter()
                .filter(|h| h.tag.kind == kind)
                .map(|h| (h.span.start, h.span.end))
                .collect(),
        )
    };
    let rating_spans = spans_of(PhraseKind::RatingWord);
    let neutral = spans_of(PhraseKind::Neutral);
    let not_topic = spans_of(PhraseKind::NotTopic);
    // Phrase hits are exact phrases, so a hit that contains another starts at
    // most this many bytes before it.
    let longest = ctx
        .rules
        .phrase_texts
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0);
    // Ratings by start, to find a paragraph's grades without a scan of them all.
    let mut by_start: Vec<&Rating> = ratings.iter().collect();
    by_start.sort_by_key(|r| (r.span.start, r.span.end));
    let current = SpanIndex::new(ratings.iter().map(|r| (r.span.start, r.span.end)).collect());
    let overall = ratings.iter().find(|r| r.scope == "overall");
    // Graded areas as written (normalised, lower case), for label lines.
    let mut areas: Vec<(String, &Rating)> = Vec::new();
    for r in ratings.iter().filter(|r| r.scope != "overall") {
        let key = crate::normalize::normalize(&r.scope)
            .text
            .trim()
            .to_ascii_lowercase();
        if areas.len() < MAX_AREAS && !key.is_empty() && !areas.iter().any(|a| a.0 == key) {
            areas.push((key, r));
        }
    }
    let grade_change = ctx.rules.themes.iter().position(|t| t.grade_change);
    let quoted_findings = ctx.rules.list("quoted_findings");
    let mut hi = 0;
    // The list a lead-in opened ('It is good at:'): the last paragraph of
    // the list so far, the lead-in's polarity and its first cue's rule.
    let mut lead: Option<(usize, Pol, usize)> = None;
    // The previous sentence's paragraph and polarity, for a lead-in with none.
    let mut prev: Option<(usize, (Pol, usize))> = None;
    for s in &ctx.doc.sentences {
        let para = &ctx.doc.paragraphs[s.paragraph];
        if para.boilerplate.is_some() {
            continue;
        }
        // A short paragraph right after a lead-in, or after an item of its
        // list, is an item: a term there with no cue of its own takes the
        // lead-in's polarity.
        lead = lead.and_then(|(p, pol, r)| {
            if s.paragraph == p {
                Some((p, pol, r))
            } else if s.paragraph == p + 1 && para.span.len() <= LIST_ITEM {
                Some((s.paragraph, pol, r))
            } else {
                None
            }
        });
        let item = lead.map(|(_, pol, r)| (pol, r));
        let one_sentence = para.end_sentence - para.first_sentence == 1;
        while hi < phrases.len() && phrases[hi].span.start < s.span.start {
            hi += 1;
        }
        let mut hj = hi;
        while hj < phrases.len() && phrases[hj].span.start < s.span.end {
            hj += 1;
        }
        let hits = &phrases[hi..hj];
        // A background sentence (what inspections look at, a career, a job
        // advert) judges no service: it raises no themes.
        if hits.iter().any(|h| {
            h.tag.kind == PhraseKind::Background && !neutral.contains(h.span.start, h.span.end)
        }) {
            continue;
        }
        // A sentence that reports the inspection with one of the
        // `quoted_findings` phrases ('inspectors highlighted', 'the report
        // found') gives its findings even inside someone else's quotation.
        let reports = hits.iter().any(|h| {
            h.tag.kind == PhraseKind::Finding && {
                let w = ctx.norm_str(h.span);
                quoted_findings.iter().any(|q| q.eq_ignore_ascii_case(w))
            }
        });
        let in_neutral = |sp: NormSpan| neutral.contains(sp.start, sp.end);
        // The hits that may contain `sp`: they start at most `longest` before it.
        let around = |sp: NormSpan| {
            let from = hits.partition_point(|o| o.span.start + longest < sp.start);
            let to = hits.partition_point(|o| o.span.start < sp.end);
            &hits[from..to]
        };
        let in_term = |sp: NormSpan| {
            around(sp)
                .iter()
                .any(|o| matches!(o.tag.kind, PhraseKind::Theme { .. }) && o.span.overlaps(sp))
        };
        // Clauses: split at clause breaks, ';' and ':'.
        let mut breaks: Vec<usize> = vec![s.span.start, s.span.end];
        // Where the concessives that end at a comma start.
        let mut conceded_at: Vec<usize> = Vec::new();
        // A break word inside a cue is none ('yet' in 'not yet').
        let in_cue = |sp: NormSpan| {
            around(sp).iter().any(|o| {
                matches!(
                    o.tag.kind,
                    PhraseKind::Strength | PhraseKind::Concern | PhraseKind::ThemeCue { .. }
                ) && o.span.contains(sp)
                    && o.span.len() > sp.len()
            })
        };
        breaks.extend(
            hits.iter()
                .filter(|h| {
                    h.tag.kind == PhraseKind::ClauseBreak && !in_neutral(h.span) && !in_cue(h.span)
                })
                .map(|h| h.span.start),
        );
        breaks.extend(
            text[s.span.start..s.span.end]
                .match_indices([';', ':'])
                .map(|(i, _)| s.span.start + i),
        );
        // A concessive that opens its clause ('Despite X, Y', 'said that,
        // although X, Y') ends it at the next comma: each side carries its
        // own polarity.
        for h in hits.iter().filter(|h| {
            h.tag.kind == PhraseKind::Concessive && !in_neutral(h.span) && !in_cue(h.span)
        }) {
            let before = text[s.span.start..h.span.start]
                .trim_end_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
            let last_word = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let opens = before.is_empty()
                || before.ends_with([',', ':', ';', '(', '-'])
                || ["that", "and", "but"]
                    .iter()
                    .any(|w| last_word.eq_ignore_ascii_case(w))
                || hits.iter().any(|b| {
                    b.tag.kind == PhraseKind::ClauseBreak
                        && b.span.end <= h.span.start
                        && text[b.span.end..h.span.start].trim().is_empty()
                });
            if !opens {
                continue;
            }
            let rest = &text.as_bytes()[h.span.end..s.span.end];
            if let Some(i) = rest[..rest.len().min(CONCESSIVE_REACH)]
                .iter()
                .position(|&b| b == b',')
            {
                breaks.push(h.span.end + i);
                conceded_at.push(h.span.start);
            }
        }
        breaks.sort_unstable();
        breaks.dedup();
        // Clause `k` is `[breaks[k], breaks[k + 1])`.
        let clause_of = |pos: usize| {
            breaks
                .partition_point(|&b| b <= pos)
                .saturating_sub(1)
                .min(breaks.len() - 2)
        };
        // Clauses set in the past or the future: no finding of this inspection.
        // Per clause, where its first past or future marker starts.
        let mut aside: Vec<Option<usize>> = vec![None; breaks.len() - 1];
        // Per clause, where its first future marker starts.
        let mut ahead: Vec<Option<usize>> = vec![None; breaks.len() - 1];
        let mut past: Vec<NormSpan> = Vec::new();
        for h in hits {
            if matches!(h.tag.kind, PhraseKind::Past | PhraseKind::Future)
                && !in_neutral(h.span)
                && !in_term(h.span)
            {
                let a = &mut aside[clause_of(h.span.start)];
                if a.is_none() {
                    *a = Some(h.span.start);
                }
                if h.tag.kind == PhraseKind::Past {
                    past.push(h.span);
                } else {
                    let f = &mut ahead[clause_of(h.span.start)];
                    if f.is_none() {
                        *f = Some(h.span.start);
                    }
                }
            }
        }
        // Words of a term are no cue of their own ('serious' in 'risk of
        // serious harm', 'not' in 'not in education').
        let in_longer_term = |sp: NormSpan| {
            around(sp).iter().any(|o| {
                matches!(o.tag.kind, PhraseKind::Theme { .. })
                    && o.span.contains(sp)
                    && o.span.len() > sp.len()
            })
        };
        let negators: Vec<NormSpan> = hits
            .iter()
            .filter(|h| {
                h.tag.kind == PhraseKind::Negator && !in_neutral(h.span) && !in_longer_term(h.span)
            })
            .map(|h| h.span)
            .collect();
        // General cues inside a longer term: only that term's own polarity.
        let mut inner: Vec<Cue> = Vec::new();
        let raw: Vec<Cue> = hits
            .iter()
            .filter(|h| !in_neutral(h.span))
            .filter(|h| {
                // Someone else's words are not the inspectorate's finding.
                let o = ctx.span(h.span);
                reports || !others.contains(o.start, o.end)
            })
            .filter_map(|h| {
                let (pol, theme) = match h.tag.kind {
                    PhraseKind::Strength => (Pol::Strength, None),
                    PhraseKind::Concern => (Pol::Concern, None),
                    PhraseKind::ThemeCue { theme, strength } => (
                        if strength {
                            Pol::Strength
                        } else {
                            Pol::Concern
                        },
                        Some(theme),
                    ),
                    _ => return None,
                };
                let cue = Cue {
                    span: h.span,
                    from: h.span.start,
                    pol,
                    rule: h.tag.rule,
                    theme,
                };
                if theme.is_none() && in_longer_term(h.span) {
                    inner.push(cue);
                    return None;
                }
                Some(cue)
            })
            .collect();
        // A cue inside a longer cue of the other polarity ('good' in 'not good
        // enough') yields to it. Cues are in start order; a container starts at
        // most `longest` before.
        let mut cues: Vec<Cue> = raw
            .iter()
            .filter(|c| {
                let from = raw.partition_point(|o| o.span.start + longest < c.span.start);
                let to = raw.partition_point(|o| o.span.start <= c.span.start);
                !raw[from..to].iter().any(|o| {
                    (o.theme == c.theme || o.theme.is_none())
                        && o.pol != c.pol
                        && o.span.contains(c.span)
                        && o.span.len() > c.span.len()
                })
            })
            .copied()
            .collect();
        // A negator just before a cue, in its clause, turns it round ('not
        // robust', 'without delay'); the negator is then no cue of its own.
        let mut used: Vec<NormSpan> = Vec::new();
        for c in cues.iter_mut() {
            let k = negators.partition_point(|n| n.start < c.span.start);
            if negators[k..]
                .iter()
                .take_while(|n| n.start == c.span.start)
                .any(|n| *n == c.span)
            {
                continue;
            }
            let neg = negators[..k].iter().rev().take(4).find(|n| {
                n.end <= c.span.start
                    && c.span.start - n.end <= NEGATION_REACH
                    && clause_of(n.start) == clause_of(c.span.start)
                    && text.get(n.end..c.span.start).is_some_and(|gap| {
                        !gap.contains([',', '.', ';', ':'])
                            && gap.split_whitespace().count() <= NEGATION_GAP
                    })
            });
            if let Some(n) = neg {
                c.pol = c.pol.flip();
                c.from = n.start;
                used.push(*n);
            }
        }
        used.sort_unstable();
        cues.retain(|c| used.binary_search(&c.span).is_err());
        // After a requirement ('needs to', 'must ensure'), a strength cue in
        // the same clause is what is lacking. A requirement word inside a
        // term is part of its topic ('previous recommendations had been met').
        let mut required: Vec<Option<usize>> = vec![None; breaks.len() - 1];
        let mut first_requirement = None;
        for h in hits {
            if h.tag.kind == PhraseKind::Requirement && !in_neutral(h.span) && !in_term(h.span) {
                first_requirement = first_requirement.or(Some(h.tag.rule));
                let k = clause_of(h.span.start);
                if required[k].is_none() {
                    required[k] = Some(h.span.end);
                }
            }
        }
        for c in cues.iter_mut() {
            if c.pol == Pol::Strength && required[clause_of(c.from)].is_some_and(|r| r <= c.from) {
                c.pol = Pol::Concern;
            }
        }
        cues.sort_by_key(|c| (c.from, c.span.end));
        let general = |c: &&Cue| c.theme.is_none();
        let first_of = |p: Pol| {
            cues.iter()
                .filter(general)
                .find(|c| c.pol == p)
                .map(|c| c.rule)
                .unwrap_or(0)
        };
        let (first_strength, first_concern) = (first_of(Pol::Strength), first_of(Pol::Concern));
        let sentence_pol = {
            let st = cues.iter().filter(general).any(|c| c.pol == Pol::Strength);
            let co = cues.iter().filter(general).any(|c| c.pol == Pol::Concern);
            match (st, co) {
                (true, false) => Some(Pol::Strength),
                (false, true) => Some(Pol::Concern),
                _ => None,
            }
        };
        let sent_orig = ctx.span(s.span);
        let para_orig = ctx.span(para.span);
        let label_line = para.span.len() <= LABEL_LINE;
        // The cues whose extent starts in `[a, b)`.
        let cues_in = |a: usize, b: usize| {
            let from = cues.partition_point(|c| c.from < a);
            let to = cues.partition_point(|c| c.from < b).max(from);
            &cues[from..to]
        };
        // A conceded clause ('despite X') with no cue of its own says the
        // opposite of the clause it gives way to, when that one's general
        // cues agree ('despite the new rota, waiting lists were too long').
        let mut conceded: Vec<Option<(Pol, usize)>> = vec![None; breaks.len() - 1];
        for &at in &conceded_at {
            let k = clause_of(at);
            if k + 2 >= breaks.len() {
                continue;
            }
            let main = cues_in(breaks[k + 1], breaks[k + 2]);
            let mut general = main.iter().filter(|c| c.theme.is_none());
            if let Some(first) = general.next() {
                if general.all(|c| c.pol == first.pol) {
                    conceded[k] = Some((first.pol.flip(), first.rule));
                }
            }
        }
        for h in hits {
            let PhraseKind::Theme { theme, weak, insp } = h.tag.kind else {
                continue;
            };
            if insp.is_some() && insp != insp_idx {
                continue;
            }
            // A grade is not a topic ('improvement' in 'requires improvement'),
            // nor is a name ('Leader of the Council').
            if rating_spans.contains(h.span.start, h.span.end)
                || not_topic.contains(h.span.start, h.span.end)
            {
                continue;
            }
            // The longer term wins ('out-of-court disposals' over 'court
            // disposals', 'not in education' over 'in education').
            // A term of the article's inspectorate wins over any other term
            // it overlaps.
            let applies = |i: Option<usize>| i.is_some() && i == insp_idx;
            let shadowed = around(h.span).iter().any(|o| match o.tag.kind {
                PhraseKind::Theme { insp: i, .. } => {
                    let longer = o.span.contains(h.span) && o.span.len() > h.span.len();
                    if applies(insp) {
                        applies(i) && longer
                    } else {
                        (applies(i) && o.span.overlaps(h.span)) || (longer && i.is_none())
                    }
                }
                _ => false,
            });
            if shadowed {
                continue;
            }
            let orig = ctx.span(h.span);
            if !reports && others.contains(orig.start, orig.end) {
                continue;
            }
            let term = ctx.norm_str(h.span).to_ascii_lowercase();
            // 1. A grade on an area naming the term: stated in the term's
            // paragraph, or on a label line that is the area as written.
            let window = (
                orig.start.saturating_sub(4 * CUE_WINDOW),
                orig.end + 4 * CUE_WINDOW,
            );
            let from = by_start.partition_point(|r| r.span.start < window.0.max(para_orig.start));
            let to = by_start.partition_point(|r| r.span.start < window.1.min(para_orig.end));
            let in_para = by_start[from..to.max(from)]
                .iter()
                .take(MAX_AREAS)
                .find(|r| {
                    r.scope != "overall"
                        && r.span.end <= para_orig.end
                        && r.scope
                            .to_lowercase()
                            .replace('\u{2019}', "'")
                            .contains(&term)
                })
                .copied();
            let on_label = || {
                if !label_line {
                    return None;
                }
                areas.iter().find_map(|(key, r)| {
                    key.match_indices(&term).find_map(|(i, _)| {
                        let st = h.span.start.checked_sub(i)?;
                        let written = text.get(st..st + key.len())?;
                        written.eq_ignore_ascii_case(key).then_some(*r)
                    })
                })
            };
            let by_grade = in_para
                .or_else(on_label)
                .filter(|_| !weak)
                .map(|r| (grade_pol(ctx, r), r.rule.clone()));
            // A middle grade names the area but says nothing of it.
            if matches!(by_grade, Some((None, _))) {
                continue;
            }
            let by_grade = by_grade.and_then(|(p, r)| Some((p?, r)));
            let clause = clause_of(h.span.start);
            let near = cues_in(
                h.span.start.saturating_sub(CUE_WINDOW),
                h.span.end + CUE_WINDOW,
            );
            // 5. A term that is itself a cue of its theme ('improved', 'declined').
            let own = near
                .iter()
                .find(|c| c.theme == Some(theme) && c.span.overlaps(h.span))
                .map(|c| (c.pol, ctx.rules.rule_id(c.rule).to_string()));
            // A clause set in the past or the future states no finding, but
            // for the theme of change in the past ('has improved since two
            // years ago'; not 'will check for improvements').
            let before = |m: Option<usize>| m.is_some_and(|a| a < h.span.start);
            if by_grade.is_none()
                && (before(ahead[clause]) || (Some(theme) != grade_change && before(aside[clause])))
            {
                continue;
            }
            // 4. An item of one sentence in a list of concerns is one,
            // whatever its own words hold: under 'areas to improve include:'
            // an item 'Good use of resources' names an area to improve.
            let listed = item
                .filter(|(p, _)| *p == Pol::Concern && one_sentence)
                .map(|(p, r)| (p, ctx.rules.rule_id(r).to_string()));
            let weak_ok = by_grade.is_some() || own.is_some();
            let fixed = by_grade.or(listed).or(own);
            // The theme's own cues in the sentence, nearest first; a weak term
            // needs one.
            let by_theme = near
                .iter()
                .filter(|c| c.theme == Some(theme) && !c.span.overlaps(h.span))
                .min_by_key(|c| dist(c.extent(), h.span));
            if !weak_ok && weak && by_theme.is_none() {
                continue;
            }
            // 6. The nearest cue in the clause, the theme's own or a general
            // one (on a tie the theme's, then a concern); else the theme's
            // nearest cue in the sentence; else the sentence's general cues
            // when they agree.
            let by_cue = || {
                let lo = breaks[clause].max(h.span.start.saturating_sub(CUE_WINDOW));
                let hi_b = breaks[clause + 1].min(h.span.end + CUE_WINDOW);
                let in_clause = cues_in(lo, hi_b)
                    .iter()
                    .filter(|c| {
                        (c.theme.is_none() || c.theme == Some(theme)) && !c.span.overlaps(h.span)
                    })
                    .min_by_key(|c| {
                        (
                            dist(c.extent(), h.span),
                            c.theme.is_none(),
                            c.pol == Pol::Strength,
                        )
                    });
                if let (None, Some((p, r))) = (in_clause, conceded[clause]) {
                    return Some((p, ctx.rules.rule_id(r).to_string()));
                }
                in_clause
                    .or(by_theme)
                    // A term that is or holds a general cue ('compassionate',
                    // 'staff shortages').
                    .or_else(|| {
                        near.iter()
                            .find(|c| c.theme.is_none() && c.extent().contains(h.span))
                            .or_else(|| {
                                let k = inner.partition_point(|c| c.span.start < h.span.start);
                                inner[k..]
                                    .iter()
                                    .take_while(|c| c.span.start < h.span.end)
                                    .find(|c| h.span.contains(c.span))
                            })
                    })
                    .map(|c| (c.pol, ctx.rules.rule_id(c.rule).to_string()))
                    .or_else(|| {
                        sentence_pol.map(|p| {
                            let r = match p {
                                Pol::Strength => first_strength,
                                Pol::Concern => first_concern,
                            };
                            (p, ctx.rules.rule_id(r).to_string())
                        })
                    })
                    .or_else(|| item.map(|(p, r)| (p, ctx.rules.rule_id(r).to_string())))
            };
            let Some((pol, cue_rule)) = fixed.or_else(by_cue) else {
                continue;
            };
            let ev = Evidence {
                span: orig,
                sentence: sent_orig,
                polarity: pol.name().into(),
                rule: ctx.rules.rule_id(h.tag.rule).to_string(),
                cue_rule: Some(cue_rule),
            };
            push(&mut themes, theme, Mention { ev, pol });
        }
        // A sentence ending in ':' opens a list: its polarity is that of its
        // general cues when they agree, a concern when it states a
        // requirement ('the trust must:'), else that of the sentence before
        // it in its paragraph ('... needs to improve. In particular:'). A
        // question stating a requirement ('What does it need to do to
        // improve?') opens a list of concerns too.
        let ends = text[s.span.start..s.span.end].trim_end();
        let own_pol = match (sentence_pol, first_requirement) {
            (Some(Pol::Strength), _) => Some((Pol::Strength, first_strength)),
            (Some(Pol::Concern), _) => Some((Pol::Concern, first_concern)),
            (None, Some(r)) => Some((Pol::Concern, r)),
            (None, None) => None,
        };
        if ends.ends_with(':') || (first_requirement.is_some() && ends.ends_with('?')) {
            let lead_pol = own_pol.or(prev.filter(|(p, _)| *p == s.paragraph).map(|(_, pol)| pol));
            if let Some((p, r)) = lead_pol {
                lead = Some((s.paragraph, p, r));
            }
        }
        prev = own_pol.map(|p| (s.paragraph, p));
        // A grade said to have been different at an earlier inspection: the
        // first grade after the past marker ('previously rated Good'), else the
        // last one before it that is not a grade now ('rated Good at its last
        // inspection').
        if let (Some(t), Some(p)) = (grade_change, past.first()) {
            let mut words: Vec<NormSpan> = Vec::new();
            for w in hits.iter().filter(|w| w.tag.kind == PhraseKind::RatingWord) {
                if !words.last().is_some_and(|l| l.contains(w.span)) {
                    words.push(w.span);
                }
            }
            let is_current = |w: &NormSpan| {
                let o = ctx.span(*w);
                current.overlaps(o.start, o.end)
            };
            let earlier = words.iter().find(|w| w.start >= p.end).or_else(|| {
                words
                    .iter()
                    .rev()
                    .find(|w| w.end <= p.start && !is_current(w))
            });
            // The grade now: the nearest stated before the marker in this
            // sentence, else the overall one.
            let p_orig = ctx.span(*p);
            let from = by_start.partition_point(|r| r.span.start < sent_orig.start);
            let to = by_start.partition_point(|r| r.span.start < p_orig.start);
            let now = by_start[from..to.max(from)].last().copied().or(overall);
            if let (Some(w), Some(now)) = (earlier, now) {
                let scale = ctx
                    .rules
                    .rating_value(ctx.norm_str(*w), Some(&now.scale))
                    .filter(|(_, sc)| *sc == now.scale);
                let was = scale.and_then(|(v, _)| grade_rank(ctx, &now.scale, &v));
                let is = grade_rank(ctx, &now.scale, &now.value);
                if let (Some(was), Some(is)) = (was, is) {
                    if was != is {
                        let pol = if is < was {
                            Pol::Strength
                        } else {
                            Pol::Concern
                        };
                        let ev = Evidence {
                            span: ctx.span(*w),
                            sentence: sent_orig,
                            polarity: pol.name().into(),
                            rule: ctx.rules.themes[t].info.id.clone(),
                            cue_rule: Some("polarity.past".into()),
                        };
                        push(&mut themes, t, Mention { ev, pol });
                    }
                }
            }
        }
    }
    // The overall grade of a regulator whose grade speaks to one theme, when
    // the text says nothing else about that theme.
    let overall_theme = insp_idx
        .and_then(|i| ctx.rules.inspectorates[i].overall_theme.as_deref())
        .and_then(|id| ctx.rules.themes.iter().position(|t| t.id == id));
    if let (Some(t), Some(r)) = (overall_theme, overall) {
        if let (false, Some(pol)) = (themes.iter().any(|(x, _)| *x == t), grade_pol(ctx, r)) {
            let ev = Evidence {
                span: r.span,
                sentence: r.span,
                polarity: pol.name().into(),
                rule: ctx.rules.themes[t].info.id.clone(),
                cue_rule: Some(r.rule.clone()),
            };
            themes.push((t, vec![Mention { ev, pol }]));
        }
    }
    themes
        .into_iter()
        .map(|(t, mentions)| {
            let s = mentions.iter().filter(|m| m.pol == Pol::Strength).count();
            let c = mentions.len() - s;
            // One sentence that both praises and criticises the theme.
            let both = mentions.iter().any(|m| {
                m.pol == Pol::Strength
                    && mentions
                        .iter()
                        .any(|o| o.pol == Pol::Concern && o.ev.sentence == m.ev.sentence)
            });
            let polarity = aggregate(s, c, both, ctx.rules.themes[t].graded_by_parts);
            Theme {
                id: ctx.rules.themes[t].id.clone(),
                polarity: polarity.into(),
                evidence: mentions.into_iter().map(|m| m.ev).collect(),
            }
        })
        .collect()
}
