//! Direct quotations and who said them.
//!
//! Quote marks are paired per paragraph from the original marks' direction
//! (curly open/close, straight by context). A paragraph left open continues
//! into the next one when that opens with a mark, or closes without opening
//! (the UK multi-paragraph convention and its common breakages); boilerplate
//! lines inside a run ('Advertising') are stepped over. Single quotes count as
//! quotes only around three or more words, so rating words and scare quotes
//! are never quotes. Speakers come from the `[[speaker]]` rules applied to the
//! text before (`scope = "pre_colon"`, `"pre_reported"`) or after (`"post"`) a
//! quote, resolved against the people found, pronouns, spokespersons and
//! references to the inspectorate.

mod labels;
mod marks;
pub(in crate::extract) mod names;
mod nested;
mod org;
mod repeats;
mod resolve;
mod services;

use super::people::People;
use super::service::find_all;
use super::Ctx;
use crate::normalize::squash_spaces;
use crate::record::{Quote, Speaker};
use crate::rules::{Family, RegexRule};
use crate::span::NormSpan;
pub use labels::drop_area_names;
use marks::{double_quotes, single_quotes, trim_inner, word_count};
pub use repeats::drop_repeats;
use resolve::{inspector_in, names_inspectorate, resolve, Who};
pub use services::spoken_by_services;

/// The line after a pull quote names its speaker only when it is at most
/// this many bytes long ('Jane Bell, chief executive').
const PULL_QUOTE_CAPTION: usize = 80;

/// A partial quote takes the inspectorate from the paragraph before only
/// when its sentence, and the one before, are at most this many bytes.
const CROSS_PARAGRAPH_SENTENCE: usize = 600;

/// The first `[[speaker]]` rule of `scope` that matches `s`: the speaker
/// phrase, the cue and the rule.
fn apply<'r>(
    ctx: &'r Ctx,
    scope: &'r str,
    s: NormSpan,
) -> Option<(NormSpan, Option<String>, &'r RegexRule)> {
    matches_of(ctx, scope, s).next()
}

/// Every `[[speaker]]` rule of `scope` that matches `s`, in file order.
fn matches_of<'r>(
    ctx: &'r Ctx,
    scope: &'r str,
    s: NormSpan,
) -> impl Iterator<Item = (NormSpan, Option<String>, &'r RegexRule)> + 'r {
    let hay = ctx.norm_str(s);
    let not_to = ctx.rules.list("cues_not_before_to");
    ctx.rules
        .family(Family::Speaker)
        .filter(move |(i, r)| {
            r.def.scope.as_deref() == Some(scope) && ctx.m.gate_within(ctx.rules, *i, s)
        })
        .filter_map(move |(_, r)| {
            // Before a quote, a cue of `cues_not_before_to` followed by 'to'
            // ('prisoners continued to spend "..."') is no verb of saying:
            // search again before it.
            let mut end = hay.len();
            let c = loop {
                let c = r.captures(&hay[..end])?;
                let Some(cue) = c.name("cue") else { break c };
                let after = &hay[cue.end()..];
                let infinitive = scope == "pre_reported"
                    && after.starts_with(" to ")
                    && not_to.iter().any(|t| t.eq_ignore_ascii_case(cue.as_str()));
                if !infinitive || cue.start() == 0 {
                    break c;
                }
                end = cue.start();
            };
            let who = c.name("who")?;
            if r.def
                .max_who
                .is_some_and(|max| who.as_str().chars().nth(max).is_some())
            {
                return None;
            }
            let cue = c
                .name("cue")
                .map(|m| squash_spaces(m.as_str()).to_lowercase());
            Some((
                NormSpan::new(s.start + who.start(), s.start + who.end()),
                cue,
                r,
            ))
        })
}

/// True when `gap`, the text after a closed quotation to its paragraph's
/// end, is only its attribution ('," the report added.', ', said Jo Hale,
/// the director.'): a `post` rule names the speaker within the gap's first
/// three words, and the speaker's words do not open with a word of
/// `clause_leads`. A clause of the reporter's own (', although the home's
/// records still need work, the regulator said.') makes the quotation a
/// phrase of that sentence, which the next paragraph's quotation does not
/// go on from.
fn only_attribution_after(ctx: &Ctx, gap: NormSpan) -> bool {
    apply(ctx, "post", gap).is_some_and(|(who, _, _)| {
        let lead = ctx.norm_str(NormSpan::new(gap.start, who.start.max(gap.start)));
        let first = ctx.norm_str(who).split_whitespace().next().unwrap_or("");
        lead.split_whitespace().count() <= 3 && !ctx.rules.list_has("clause_leads", first)
    })
}

/// Quotes with their speakers; marks quoted people. `findings`: the article
/// reports an inspection's outcome, so a quotation no one says is its finding.
pub fn extract(
    ctx: &Ctx,
    people: &mut People,
    insp: Option<usize>,
    findings: bool,
    warnings: &mut Vec<String>,
) -> Vec<Quote> {
    let text = ctx.text();
    let mut cands = double_quotes(ctx);
    let singles = single_quotes(ctx, &cands);
    cands.extend(singles);
    cands.sort_by_key(|c| c.open);
    let mut out: Vec<Quote> = Vec::new();
    // The previous candidate: its speaker, cue, attribution, paragraph, sentence, whether it closed, and its output index.
    struct Prev {
        who: Option<Who>,
        cue: Option<String>,
        attribution: String,
        para: usize,
        sentence: Option<usize>,
        closed_at: Option<usize>,
        emitted: Option<usize>,
    }
    let mut prev: Option<Prev> = None;
    let insp_name = insp.map(|i| ctx.rules.inspectorates[i].name.clone());
    let short_openings = short_openings(ctx, &cands);
    for (ci, c) in cands.into_iter().enumerate() {
        let inner = trim_inner(ctx, c.inner);
        let qtext = ctx.norm_str(inner);
        let Some(pi) = ctx.doc.paragraph_at(c.open) else {
            continue;
        };
        let para = ctx.doc.paragraphs[pi].span;
        let sent = ctx
            .doc
            .sentence_at(c.open.saturating_sub(1).max(para.start));
        // Context before: from the sentence start (or the previous close in this paragraph) to the mark.
        let sent_start = sent
            .map(|i| ctx.doc.sentences[i].span.start)
            .unwrap_or(para.start)
            .max(para.start);
        let prev_close = prev
            .as_ref()
            .filter(|p| p.para == pi)
            .and_then(|p| p.closed_at);
        let pre_start = match prev_close {
            Some(end) if end > sent_start => end,
            _ => sent_start,
        };
        let mark = if c.cont && c.open == para.start {
            c.open
        } else {
            c.open.saturating_sub(1)
        };
        let pre = NormSpan::new(pre_start.min(mark), mark);
        let post = c.close.map(|cl| {
            let rest = &text[cl + 1..para.end];
            let stop = rest
                .find(['"', '.', '!', '?', ':'])
                .map(|i| i + 1)
                .unwrap_or(rest.len());
            NormSpan::new(cl + 1, cl + 1 + stop)
        });
        let ends_open = qtext.ends_with([',', '?', '!', '-']);
        // The words after the quotation name its speaker when they go on
        // with its sentence ('", he said.'), even when they then open the
        // next quotation ('", he said, adding: "...'); a new sentence ending
        // in a colon ('". The council said: "...') is the next one's.
        let post_ok = post.is_some_and(|p| {
            let s = ctx.norm_str(p);
            let goes_on = ends_open || s.trim_start().starts_with([',', '-']);
            goes_on || s.trim_end().ends_with('.') && !s.trim_end().ends_with(':')
        });
        let pre_str = ctx.norm_str(pre).trim();
        let pre_empty = pre_str.is_empty();
        // The quotation opens its paragraph: only then may the paragraph
        // before name its speaker or be the quotation it goes on with.
        let at_para_start = ctx
            .norm_str(NormSpan::new(para.start, mark.max(para.start)))
            .trim()
            .is_empty();
        let prev_who = prev.as_ref().and_then(|p| p.who.clone());

        // An interruption: '"...," he said. "..."' continues the same quotation.
        if let Some(p) = prev
            .as_ref()
            .filter(|p| p.para == pi && p.closed_at.is_some())
        {
            let gap = NormSpan::new(p.closed_at.unwrap_or(c.open).min(mark), mark);
            let gap_str = ctx.norm_str(gap).trim();
            // The quotation before must have been kept, and must end as speech
            // cut short does ('"...," he said.', '"...", she said.'): after
            // '"impressive". Mr Bell said: "..."' a new quotation starts.
            let ended_open = p.closed_at.is_some_and(|cl| {
                cl >= 2 && matches!(text.as_bytes()[cl - 2], b',' | b'?' | b'!' | b'-')
            }) || gap_str.starts_with([',', '-']);
            let only_attribution = p.emitted.is_some()
                && ended_open
                && !gap_str.is_empty()
                && gap_str.len() < 120
                && (apply(ctx, "pre_colon", gap).is_some() || apply(ctx, "post", gap).is_some())
                && gap_str.ends_with(['.', ',', ':']);
            if only_attribution {
                if let Some(idx) = p.emitted {
                    out[idx].continued.push(ctx.span(inner));
                }
                if let Some(pp) = prev.as_mut() {
                    pp.closed_at = c.close.map(|cl| cl + 1);
                }
                continue;
            }
        }

        let mut found: Option<(Who, Option<String>, String, &'static str)> = None;
        let order: [&str; 3] = if pre_empty {
            ["post", "pre_colon", "pre_reported"]
        } else {
            ["pre_colon", "post", "pre_reported"]
        };
        for scope in order {
            let s = match scope {
                "post" => post.filter(|_| post_ok),
                _ => Some(pre),
            };
            let Some(s) = s else { continue };
            // The first rule whose speaker phrase names someone: a rule that
            // matches a phrase naming no one ('", had been found, ...') gives
            // way to the next. Before a reported quote whose verb is joined to
            // an earlier one by 'and', a person named as the subject of the
            // first verb of saying wins over the inspectorate met nearer the
            // quote ('Jo Hale said the force had improved since the
            // inspectors' visit and vowed to "..."').
            let mut inspectorate = None;
            for (who, cue, rule) in matches_of(ctx, scope, s) {
                if let Some((w, anaphoric)) = resolve(ctx, people, who, c.open, prev_who.as_ref()) {
                    // The article's reporter or a credit ('..., reports Jo
                    // Hale' closing a standfirst) wrote the words down: the
                    // next scope may name who said them.
                    if let Who::Person(i) = w {
                        if people.excluded(&people.list[i].name) {
                            continue;
                        }
                    }
                    let wait = scope == "pre_reported"
                        && matches!(w, Who::Inspectorate)
                        && ctx.norm_str(who).trim_end().ends_with(" and");
                    let hit = Some((
                        w,
                        cue,
                        rule.info.id.clone(),
                        if anaphoric { "anaphoric" } else { "explicit" },
                    ));
                    if wait {
                        inspectorate = inspectorate.or(hit);
                        continue;
                    }
                    if inspectorate.is_some() && !matches!(hit, Some((Who::Person(_), ..))) {
                        break;
                    }
                    found = hit;
                    break;
                }
            }
            found = found.or(inspectorate);
            if found.is_some() {
                break;
            }
        }
        // A second quote in the same sentence shares the first one's speaker.
        if found.is_none() && !pre_empty {
            if let Some(p) = prev
                .as_ref()
                .filter(|p| p.sentence == sent && p.who.is_some())
            {
                found = p.who.clone().map(|w| {
                    (
                        w,
                        p.cue.clone(),
                        "quote.same_sentence".to_string(),
                        "anaphoric",
                    )
                });
            }
        }
        // A pull quote: a quotation that is its whole paragraph, with the
        // speaker's name (and post) alone on the short line after it.
        // It goes before a guess from the paragraph before, but not after
        // 'X said:' or inside a quotation going on over paragraphs.
        let opened_before = pi > 0
            && (ctx
                .norm_str(ctx.doc.paragraphs[pi - 1].span)
                .trim_end()
                .ends_with(':')
                || prev
                    .as_ref()
                    .is_some_and(|p| p.para + 1 == pi && p.closed_at.is_none()));
        if found.is_none()
            && pre_empty
            && !c.cont
            && !opened_before
            && pi + 1 < ctx.doc.paragraphs.len()
        {
            let after = c
                .close
                .map(|cl| text[(cl + 1).min(para.end)..para.end].trim());
            let caption = ctx.doc.paragraphs[pi + 1].span;
            let line = ctx.norm_str(caption).trim();
            if after.is_some_and(|a| a.trim_matches(['.', ',']).is_empty())
                && !line.is_empty()
                && line.len() <= PULL_QUOTE_CAPTION
                && !line.contains(['"', '.', '!', '?', ';'])
                // 'Jo Hale: Chief Inspector' labels; 'Jo Hale said:' opens the next.
                && !line.ends_with(':')
                && ctx.doc.paragraphs[pi + 1].boilerplate.is_none()
            {
                if let Some((w @ Who::Person(_), _)) =
                    resolve(ctx, people, caption, c.open, prev_who.as_ref())
                {
                    found = Some((w, None, "quote.pull_quote_caption".to_string(), "explicit"));
                }
            }
        }
        if found.is_none() && pre_empty && at_para_start && pi > 0 {
            // 'X said:' ending the paragraph before; an open quote continuing;
            // or a named person's reported speech just before.
            let prev_para = ctx.doc.paragraphs[pi - 1].span;
            let tail_start = ctx
                .sentence_span(prev_para.end.saturating_sub(1))
                .map(|s| s.start)
                .unwrap_or(prev_para.start);
            let tail = NormSpan::new(tail_start, prev_para.end);
            if ctx.norm_str(prev_para).trim_end().ends_with(':') {
                if let Some((who, cue, rule)) = apply(ctx, "pre_colon", tail) {
                    if let Some((w, anaphoric)) =
                        resolve(ctx, people, who, c.open, prev_who.as_ref())
                    {
                        found = Some((
                            w,
                            cue,
                            rule.info.id.clone(),
                            if anaphoric { "anaphoric" } else { "explicit" },
                        ));
                    }
                }
            }
            let continues = c.cont
                || prev
                    .as_ref()
                    .is_some_and(|p| p.para + 1 == pi && p.closed_at.is_none());
            if found.is_none() && continues {
                if let Some(p) = prev.as_ref() {
                    found = p.who.clone().map(|w| {
                        (
                            w,
                            p.cue.clone(),
                            "quote.continuation".to_string(),
                            "explicit",
                        )
                    });
                }
            }
            // A quotation opening a paragraph right after one that ended with
            // a closed quotation, with no speaker of its own, goes on with the
            // same speaker ('Ann Bell said: "...". / "..."').
            if found.is_none() && !continues {
                // So does one after a paragraph whose last sentence quotes
                // someone ('It added that "urgent action" was needed. / "..."').
                let prev_end = prev_para.start + ctx.norm_str(prev_para).trim_end().len();
                let last_sentence = ctx.doc.sentence_at(prev_end.saturating_sub(1));
                if let Some(p) = prev.as_ref().filter(|p| {
                    p.para + 1 == pi
                        && (p.closed_at.is_some_and(|cl| {
                            text[cl.min(prev_para.end)..prev_para.end]
                                .trim()
                                .trim_start_matches(['.', ',', '!', '?'])
                                .is_empty()
                        }) || p.who.is_some()
                            && last_sentence.is_some()
                            && (p.sentence == last_sentence
                                || p.closed_at.and_then(|cl| ctx.doc.sentence_at(cl - 1))
                                    == last_sentence))
                }) {
                    found = p.who.clone().map(|w| {
                        (
                            w,
                            p.cue.clone(),
                            "quote.next_paragraph".to_string(),
                            "anaphoric",
                        )
                    });
                }
            }
            if found.is_none() && !text[prev_para.start..prev_para.end].contains('"') {
                // The first rule whose speaker phrase names a person: 'He
                // said if the growth continued ...' is not 'He said if the
                // growth' continuing.
                // Or the inspection's words ('the inspectors said that ...'),
                // in an article whose inspectorate is known.
                // A person named as a subject wins over the inspectorate met
                // in another rule's phrase ('Hale said staff deserved
                // credit and urged Ofsted to ...').
                let mut inspectorate = None;
                for (who, cue, rule) in matches_of(ctx, "pre_reported", tail) {
                    let r = resolve(ctx, people, who, c.open, prev_who.as_ref())
                        .filter(|(w, _)| insp.is_some() || !matches!(w, Who::Inspectorate));
                    let Some((w @ (Who::Person(_) | Who::Inspectorate), _)) = r else {
                        continue;
                    };
                    let person = matches!(w, Who::Person(_));
                    let hit = Some((
                        w,
                        cue,
                        format!("{}.previous_paragraph", rule.info.id),
                        "anaphoric",
                    ));
                    if person {
                        found = hit;
                        break;
                    }
                    inspectorate = inspectorate.or(hit);
                }
                found = found.or(inspectorate);
            }
            // A quotation that is a whole paragraph with no attribution,
            // after a paragraph whose last sentence opens with a person's
            // name ('Mr Hale dismissed the idea. / "..."'): theirs.
            let bare = c.close.is_some_and(|cl| {
                let after = text[(cl + 1).min(para.end)..para.end].trim();
                after.is_empty()
                    || !after.starts_with([',', '-']) && post_ok && {
                        let p = post.unwrap_or(NormSpan::new(cl + 1, cl + 1));
                        matches_of(ctx, "post", p).next().is_none()
                    }
            });
            if found.is_none() && bare {
                // Someone the text named before, or named with an honorific:
                // not capitalised words opening a sentence ('Veterans Jo Hale').
                let known = |sp: &NormSpan| {
                    super::people::clean_person_name(ctx, ctx.norm_str(*sp))
                        .is_some_and(|(n, h)| h.is_some() || people.lookup(&n).is_some())
                };
                if let Some(subject) = opening_name(ctx, tail).filter(known) {
                    if let Some((w @ Who::Person(_), _)) =
                        resolve(ctx, people, subject, c.open, prev_who.as_ref())
                    {
                        found = Some((w, None, "quote.previous_subject".to_string(), "anaphoric"));
                    }
                }
            }
        }
        // A partial quote after a sentence reporting what someone said or found
        // ('However, inspectors said ... . Some plans were "vague"').
        if found.is_none() && (!pre_empty || !at_para_start) {
            if let Some(si) = sent.filter(|&i| i > 0 && ctx.doc.sentences[i - 1].paragraph == pi) {
                let prev_sent = ctx.doc.sentences[si - 1].span;
                if !ctx.norm_str(prev_sent).contains('"') {
                    for (who, cue, rule) in matches_of(ctx, "pre_reported", prev_sent) {
                        if let Some((w, _)) = resolve(ctx, people, who, c.open, prev_who.as_ref()) {
                            found = Some((
                                w,
                                cue,
                                format!("{}.previous_sentence", rule.info.id),
                                "anaphoric",
                            ));
                            break;
                        }
                    }
                }
            }
        }
        // A quotation opening a sentence inside a paragraph, with no speaker
        // of its own, goes on with the one quoted before it in the paragraph
        // ('Ann Bell said staff were "tired". "We need more of them."').
        if found.is_none() && pre_empty && !at_para_start {
            if let Some(p) = prev.as_ref().filter(|p| p.para == pi && p.who.is_some()) {
                found = p.who.clone().map(|w| {
                    (
                        w,
                        p.cue.clone(),
                        "quote.previous_quote".to_string(),
                        "anaphoric",
                    )
                });
            }
        }
        // The same across a paragraph break, for the inspectorate only
        // ('..., inspectors said. / This led to "..."'), when the sentence
        // names no one (no capitalised word after its first). Both sentences
        // are short ones, so that a long run of marks stays linear.
        if found.is_none() && !pre_empty && pi > 0 && pre_str.len() <= CROSS_PARAGRAPH_SENTENCE {
            let names_someone = pre_str
                .split_whitespace()
                .skip(1)
                .any(|w| w.starts_with(|c: char| c.is_uppercase()));
            // Nor when the sentence has a speaker of its own, named or not
            // ('The partnership said it has "..."'): one of `cues` after
            // its first word.
            let own_cue = {
                let cues = ctx.rules.list("cues");
                pre_str
                    .split(|c: char| !c.is_alphanumeric())
                    .skip(1)
                    .any(|w| cues.iter().any(|c| c == w))
            };
            if let Some(si) = sent.filter(|&i| {
                !names_someone
                    && i > 0
                    && ctx.doc.sentences[i - 1].paragraph + 1 == pi
                    && ctx.doc.sentences[i - 1].span.len() <= CROSS_PARAGRAPH_SENTENCE
            }) {
                let prev_sent = ctx.doc.sentences[si - 1].span;
                if let Some((who, cue, rule)) = apply(ctx, "pre_reported", prev_sent) {
                    if let Some((w @ Who::Inspectorate, _)) =
                        resolve(ctx, people, who, c.open, prev_who.as_ref()).filter(|_| !own_cue)
                    {
                        found = Some((
                            w,
                            cue,
                            format!("{}.previous_paragraph_finding", rule.info.id),
                            "anaphoric",
                        ));
                    }
                }
            }
        }
        // A list of quotations under one introduction ('In their report
        // inspectors say that:' / '- "..."' / '- "..."'): an item opening
        // with a quotation and naming no one goes on with the item before it,
        // on the line before.
        if found.is_none() {
            const ITEM_MARKS: [char; 4] = ['-', '*', '\u{2022}', '\u{2013}'];
            let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
            let is_item = |open: usize| {
                let l = text[line_start(open)..open]
                    .trim_end_matches(['\'', '"'])
                    .trim();
                let mut cs = l.chars();
                cs.next().is_some_and(|m| ITEM_MARKS.contains(&m)) && cs.next().is_none()
            };
            if let Some(p) = prev.as_ref().filter(|p| p.who.is_some() && is_item(c.open)) {
                let this_line = line_start(c.open);
                let prev_line = this_line
                    .checked_sub(1)
                    .map(line_start)
                    .filter(|&pl| pl < this_line);
                let prev_open = prev_line.and_then(|pl| {
                    text[pl..this_line]
                        .find(|ch: char| !ch.is_whitespace() && !ITEM_MARKS.contains(&ch))
                        .map(|o| pl + o + 1)
                });
                let prev_in_line = p
                    .closed_at
                    .is_some_and(|cl| prev_line.is_some_and(|pl| pl <= cl && cl <= this_line));
                if prev_in_line && prev_open.is_some_and(is_item) {
                    found = p
                        .who
                        .clone()
                        .map(|w| (w, p.cue.clone(), "quote.list_item".to_string(), "anaphoric"));
                }
            }
        }
        // A quotation in the headline with no speaker is the inspectorate's finding.
        // A partial quote in a sentence whose subject is the inspectorate or
        // its report, with no verb of saying ('Inspectors from X "were
        // impressed"', 'a report from the watchdog described it as "..."'),
        // unless the sentence names the inspector ('Lead inspector Jo Bell
        // was impressed with its "..."'): theirs.
        // Nor words someone told the inspectors ('one child told inspectors
        // that "..."'): theirs, left to the rules below.
        let told = || {
            let lower = pre_str.to_lowercase();
            ctx.rules
                .list("told_inspectorate")
                .iter()
                .any(|t| lower.contains(t.as_str()))
        };
        if found.is_none()
            && !pre_empty
            && insp.is_some()
            && names_inspectorate(ctx, pre)
            && !told()
        {
            found = Some(match inspector_in(ctx, people, pre) {
                Some(i) => (
                    Who::Person(i),
                    None,
                    "quote.inspector_sentence".to_string(),
                    "explicit",
                ),
                None => (
                    Who::Inspectorate,
                    None,
                    "quote.inspectorate_sentence".to_string(),
                    "explicit",
                ),
            });
        }
        // The headline is the first paragraph, or the first after page
        // furniture ('Posted: ...', a menu) when the article has one.
        let in_headline = pi == 0 || ctx.doc.title.is_some() && pi == ctx.doc.head;
        // Not when the headline says someone else speaks ('"..." - daughter
        // of a prisoner speaks out'): whoever that is, not the inspectorate.
        // (`headline_own_voice_cues`).
        let other_speaks = post.is_some_and(|p| {
            let after = ctx.norm_str(p).to_lowercase();
            ctx.rules
                .list("headline_own_voice_cues")
                .iter()
                .any(|c| after.contains(c.as_str()))
        });
        if found.is_none() && in_headline && insp.is_some() && !other_speaks {
            found = Some((
                Who::Inspectorate,
                None,
                "quote.headline".to_string(),
                "none",
            ));
        }
        // A quotation in the body with no speaker, in an article whose
        // inspectorate is known, in a sentence with no verb of saying before
        // it (a parent's 'One said: "..."' stays no one's), is the
        // inspection's finding: 'services operated at "near crisis levels"'.
        // Not a sub-heading: a paper's quoted cross-head is its own.
        // Nor a paragraph-long quotation after a paragraph ending with a verb
        // of saying ('A former prisoner told the Courier ... / "..."').
        let said_before_para = || {
            pre_empty
                && at_para_start
                && pi > 0
                && ctx
                    .doc
                    .sentence_at(ctx.doc.paragraphs[pi - 1].span.end.saturating_sub(1))
                    .is_some_and(|i| says_before(ctx, ctx.norm_str(ctx.doc.sentences[i].span)))
        };
        // Words in the first person singular (`first_person_words`: 'I came
        // back ...') are a person's, never the inspection's.
        let first_person = || {
            let words = ctx.rules.list("first_person_words");
            qtext
                .split(|ch: char| !ch.is_alphanumeric() && ch != '\'' && ch != '\u{2019}')
                .any(|w| words.contains(&w.replace('\u{2019}', "'")))
        };
        if found.is_none()
            && findings
            && !c.cont
            && insp.is_some()
            && !in_headline
            && !ctx.headline_like(pi)
            && !says_before(ctx, pre_str)
            && !said_before_para()
            && !first_person()
        {
            found = Some((
                Who::Inspectorate,
                None,
                "quote.inspection_finding".to_string(),
                "none",
            ));
        }
        let closed_at = c.close.map(|cl| cl + 1);
        let (who, cue, rule, attribution) = match found {
            Some((w, cue, rule, attr)) => (Some(w), cue, rule, attr.to_string()),
            None => (
                None,
                None,
                "quote.unattributed".to_string(),
                "none".to_string(),
            ),
        };
        let mut p = Prev {
            who: who.clone(),
            cue: cue.clone(),
            attribution: attribution.clone(),
            para: pi,
            sentence: sent,
            closed_at,
            emitted: None,
        };
        let _ = &p.attribution;
        // A grade in quote marks ('Good', '5: very good') is no quotation.
        let is_rating = ctx.rules.rating_value(qtext, None).is_some()
            || ctx
                .rules
                .rating_value(
                    qtext.trim_start_matches(|c: char| {
                        c.is_ascii_digit() || c == ':' || c == '-' || c == ' '
                    }),
                    None,
                )
                .is_some()
            || grades_joined(ctx, qtext);
        // A name in quote marks outside the headline ('The A Word') is no quotation.
        let is_title = pi != ctx.doc.head && is_title(ctx, qtext)
            || is_designation(ctx, qtext)
            || is_named_thing(ctx, pre_str, qtext);
        // A paragraph continuing an open quotation (UK style: each paragraph
        // opens with a mark, only the last closes) is a later part of the same
        // quote, unless it names a speaker of its own.
        // So is a paragraph opening a quotation after one whose quotation
        // closed with only an attribution after it ('"...," she said. / "..."').
        let resumes = pre_empty
            && at_para_start
            && pi > 0
            && prev.as_ref().is_some_and(|p| {
                let prev_para = ctx.doc.paragraphs[pi - 1].span;
                p.para + 1 == pi
                    && p.closed_at.is_some_and(|cl| {
                        let gap = NormSpan::new(cl.min(prev_para.end), prev_para.end);
                        let g = ctx.norm_str(gap).trim();
                        !g.is_empty()
                            && g.len() < 120
                            && g.ends_with('.')
                            && !g.contains('"')
                            && only_attribution_after(ctx, gap)
                    })
            });
        let merge_into = prev
            .as_ref()
            .filter(|p| (c.cont || resumes) && p.para < pi && !inner.is_empty())
            .filter(|p| {
                rule == "quote.continuation" || who.is_none() || p.who.is_none() || p.who == who
            })
            .and_then(|p| p.emitted);
        if let Some(idx) = merge_into {
            // A line break inside a sentence (a page's text wrapped at its
            // line ends) does not cut the quotation: the parts join.
            let sp = ctx.span(inner);
            let q = &mut out[idx];
            let last = q.continued.last().copied().unwrap_or(q.span);
            let wrapped = ctx
                .orig
                .get(last.end..sp.start)
                .is_some_and(|g| g.trim().is_empty() && g.matches('\n').count() == 1)
                && ctx.orig.get(last.start..last.end).is_some_and(|t| {
                    !t.trim_end()
                        .ends_with(['.', '!', '?', ':', ';', '"', '\u{201D}'])
                });
            if !wrapped {
                q.continued.push(sp);
            } else if let Some(l) = q.continued.last_mut() {
                l.end = sp.end;
            } else {
                q.span.end = sp.end;
                q.text = squash_spaces(ctx.orig.get(q.span.start..q.span.end).unwrap_or(""));
            }
            if out[idx].speaker.is_none() && who.is_some() {
                out[idx].speaker = who
                    .as_ref()
                    .and_then(|w| speaker_of(ctx, people, w, insp_name.as_deref()));
                out[idx].cue = cue;
                out[idx].attribution = attribution;
                out[idx].rule = rule;
            }
            if let Some(pp) = prev.as_mut() {
                pp.para = pi;
                pp.sentence = sent;
                pp.closed_at = closed_at;
                if pp.who.is_none() {
                    pp.who = who;
                }
            }
            continue;
        }
        if (word_count(qtext) >= 3 || short_openings[ci]) && !is_rating && !is_title {
            if c.close.is_none()
                && !c.cont
                && ctx
                    .doc
                    .paragraphs
                    .get(pi + 1)
                    .is_none_or(|n| !ctx.norm_str(n.span).starts_with(['"', '\'']))
            {
                warnings.push(format!(
                    "quote at byte {} never closes",
                    ctx.span(inner).start
                ));
            }
            let speaker = who
                .as_ref()
                .and_then(|w| speaker_of(ctx, people, w, insp_name.as_deref()));
            p.emitted = Some(out.len());
            out.push(Quote {
                text: ctx.orig_str(inner),
                span: ctx.span(inner),
                continued: Vec::new(),
                speaker,
                cue,
                attribution,
                rule,
            });
        }
        prev = Some(p);
    }
    headline_speakers(ctx, &mut out, insp_name.as_deref());
    // The words of unnamed people quoted inside a quotation.
    let inner = nested::nested(ctx, &out);
    if !inner.is_empty() {
        out.extend(inner);
        out.sort_by_key(|q| q.span.start);
    }
    out
}

/// Per candidate: true when it is the short opening of a quotation that an
/// attribution cuts off ('"In particular," Mr Hale said, "the ..."'): it ends
/// in a comma and the next candidate in its paragraph follows after words
/// naming a speaker that end in a comma. Kept however short, it starts the
/// quotation its second part goes on with.
fn short_openings(ctx: &Ctx, cands: &[marks::Cand]) -> Vec<bool> {
    cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (Some(cl), Some(next)) = (c.close, cands.get(i + 1)) else {
                return false;
            };
            let para = ctx.doc.paragraph_at(c.open);
            if para.is_none() || ctx.doc.paragraph_at(next.open) != para || next.open <= cl + 2 {
                return false;
            }
            let gap = NormSpan::new(cl + 1, next.open - 1);
            let g = ctx.norm_str(gap).trim();
            ctx.norm_str(trim_inner(ctx, c.inner))
                .trim_end()
                .ends_with(',')
                && !g.is_empty()
                && g.len() < 80
                && g.ends_with(',')
                && apply(ctx, "post", gap).is_some()
        })
        .collect()
}

/// True when `pre` (a sentence up to a quotation) ends in a colon or holds
/// one of the speech `cues` as whole words: someone's words are coming.
fn says_before(ctx: &Ctx, pre: &str) -> bool {
    if pre.ends_with(':') {
        return true;
    }
    let lower = pre.to_lowercase();
    ctx.rules
        .list("cues")
        .iter()
        .any(|c| !find_all(&lower, &c.to_lowercase()).is_empty())
}

/// A quotation in the headline given to no one or to the inspectorate, whose
/// words a person says again in the body ('"Litany of problems" at force' /
/// 'Jo Hale said: "There is a litany of problems ..."'), is that person's.
fn headline_speakers(ctx: &Ctx, out: &mut [Quote], insp: Option<&str>) {
    let Some(title) = ctx.doc.title.as_ref().map(|t| ctx.span(t.span)) else {
        return;
    };
    let words = repeats::comparable_words;
    let heads: Vec<(usize, String)> = out
        .iter()
        .enumerate()
        .filter(|(_, q)| title.start <= q.span.start && q.span.end <= title.end)
        .filter(|(_, q)| {
            q.speaker
                .as_ref()
                .is_none_or(|s| s.kind == "organisation" && s.name.as_deref() == insp)
        })
        .map(|(i, q)| (i, words(&q.text)))
        .filter(|(_, w)| w.split(' ').count() >= 2)
        .take(HEADLINE_QUOTES)
        .collect();
    if heads.is_empty() {
        return;
    }
    // The body's quotations spoken by a named person, in text order.
    let body: Vec<(String, Speaker)> = out
        .iter()
        .filter(|b| b.span.start >= title.end)
        .filter_map(|b| {
            let sp = b.speaker.as_ref()?;
            (sp.kind == "person" && sp.name.is_some())
                .then(|| (format!(" {} ", words(&b.text)), sp.clone()))
        })
        .collect();
    // A headline giving its quotation to an inspector ('"..." says
    // inspector'; `headline_inspector_words`) means the one inspector the
    // body quotes by name, when it quotes one.
    let headline = words(ctx.orig.get(title.start..title.end).unwrap_or(""));
    let names_inspector = ctx
        .rules
        .list("headline_inspector_words")
        .iter()
        .any(|w| format!(" {headline} ").contains(&format!(" {} ", words(w))));
    let known_heads = ctx.rules.list("inspectorate_heads");
    let inspectors: Vec<&Speaker> = body
        .iter()
        .map(|(_, sp)| sp)
        .filter(|sp| {
            sp.role
                .as_deref()
                .is_some_and(|r| r.to_lowercase().contains("inspector"))
                || insp.is_some() && sp.org.as_deref() == insp
                || sp
                    .name
                    .as_deref()
                    .is_some_and(|n| known_heads.iter().any(|h| h == n))
        })
        .collect();
    let mut names: Vec<&str> = inspectors
        .iter()
        .filter_map(|sp| sp.name.as_deref())
        .collect();
    names.sort_unstable();
    names.dedup();
    let inspector = (names_inspector && names.len() == 1).then(|| inspectors[0].clone());
    // A headline naming the speaker by post ('"It's a joke": Headteacher
    // slams inspection') means the one person the body quotes with that post.
    let padded = format!(" {headline} ");
    let mut by_post: Vec<&Speaker> = body
        .iter()
        .map(|(_, sp)| sp)
        .filter(|sp| {
            sp.role
                .as_deref()
                .map(&words)
                .is_some_and(|r| !r.is_empty() && padded.contains(&format!(" {r} ")))
        })
        .collect();
    by_post.sort_by(|a, b| a.name.cmp(&b.name));
    by_post.dedup_by(|a, b| a.name == b.name);
    let post_holder = (by_post.len() == 1).then(|| by_post[0].clone());
    for (i, head) in heads {
        let needle = format!(" {head} ");
        if let Some((_, sp)) = body.iter().find(|(t, _)| t.contains(&needle)) {
            out[i].speaker = Some(sp.clone());
        } else if let Some(sp) = inspector.as_ref().or(post_holder.as_ref()) {
            out[i].speaker = Some(sp.clone());
        }
    }
}

/// At most this many quotations of a headline are looked for in the body.
const HEADLINE_QUOTES: usize = 4;

/// The run of capitalised words that opens a sentence (after an honorific
/// or not), when it is followed by a lower-case word: the sentence's subject
/// if it is a person ('Mr Hale dismissed ...', 'Jo Hale was ...').
fn opening_name(ctx: &Ctx, s: NormSpan) -> Option<NormSpan> {
    let t = ctx.norm_str(s);
    let lead = t.len() - t.trim_start().len();
    let mut pos = lead;
    let mut end = lead;
    let mut words = 0;
    for w in t[lead..].split(' ') {
        if words < 4
            && w.starts_with(|c: char| c.is_uppercase())
            && !w.ends_with([',', '.', ':', ';'])
        {
            words += 1;
            end = pos + w.len();
            pos += w.len() + 1;
            continue;
        }
        // 'Jo Hale, head of X, said ...' has a post, which the speaker rules read.
        return (words >= 2 && w.starts_with(|c: char| c.is_lowercase()))
            .then(|| NormSpan::new(s.start + lead, s.start + end));
    }
    None
}

/// True when a quotation is two or three grades joined by 'and', 'or', 'to'
/// or a comma ('good and adequate'): labels, no one's words.
fn grades_joined(ctx: &Ctx, q: &str) -> bool {
    let q = q.trim().trim_end_matches(['.', ',', '!']);
    if q.len() > 80 {
        return false;
    }
    let parts: Vec<&str> = q
        .split([','])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" or "))
        .flat_map(|p| p.split(" to "))
        .map(str::trim)
        .collect();
    parts.len() >= 2
        && parts.len() <= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && ctx.rules.rating_value(p, None).is_some())
}

/// True when a quotation reads as the name of a thing (a programme, a book):
/// at most fourteen words, each capitalised but the `title_minor_words`, with no
/// sentence punctuation.
fn is_title(ctx: &Ctx, q: &str) -> bool {
    let minor = ctx.rules.list("title_minor_words");
    // A dash between two parts of a title ('State of X - The Annual Y') is no word.
    let words: Vec<&str> = q
        .split_whitespace()
        .filter(|w| !matches!(*w, "-" | "\u{2013}" | "\u{2014}"))
        .collect();
    !words.is_empty()
        && words.len() <= 14
        && !q.contains(['.', ',', '!', '?', ':', ';'])
        && words.iter().enumerate().all(|(i, w)| {
            w.starts_with(|c: char| c.is_uppercase()) || i > 0 && minor.iter().any(|m| m == w)
        })
}

/// True when a quotation is, word for word, one of the `designations` (a
/// status, a framework's question or area, a label: 'cause for concern'):
/// the name of a thing, case, outer punctuation and a leading 'the' aside.
fn is_designation(ctx: &Ctx, q: &str) -> bool {
    if q.len() > 160 {
        return false;
    }
    let bare = squash_spaces(q.trim_matches(|c: char| !c.is_alphanumeric()));
    // A leading 'the' aside ('the experiences and progress of care leavers').
    let bare = match bare.get(..4) {
        Some(h) if h.eq_ignore_ascii_case("the ") => bare[4..].to_string(),
        _ => bare,
    };
    ctx.rules
        .list("designations")
        .iter()
        .any(|d| d.eq_ignore_ascii_case(&bare))
}

/// How many bytes before a quotation are read for a `name_lead_ins` phrase.
const NAME_LEAD_IN_BYTES: usize = 40;

/// True when a short quotation with no sentence in it comes right after words
/// that name a thing (`name_lead_ins`: 'known as', 'so-called', 'dubbed'): a
/// term or a name in quote marks, no one's words.
fn is_named_thing(ctx: &Ctx, pre: &str, q: &str) -> bool {
    if word_count(q) > 8
        || q.trim_end_matches(['.', '!', '?'])
            .contains(['.', '!', '?'])
    {
        return false;
    }
    // Only the words just before the mark: a sentence may run for megabytes.
    let pre = pre.trim_end();
    let from =
        crate::extract::ceil_char_boundary(pre, pre.len().saturating_sub(NAME_LEAD_IN_BYTES));
    let pre = pre[from..].to_lowercase();
    ctx.rules.list("name_lead_ins").iter().any(|l| {
        pre.strip_suffix(l.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.ends_with([' ', '(', ',']))
    })
}

fn speaker_of(ctx: &Ctx, people: &mut People, w: &Who, insp: Option<&str>) -> Option<Speaker> {
    // A body that is an inspectorate speaks under its canonical name
    // ('HMICFRS said' is HM Inspectorate of Constabulary and Fire & Rescue
    // Services, as the record's inspectorate is).
    // A name two inspectorates share ('HMIP') is the article's own.
    let inspectorate = |o: &str| {
        ctx.rules.inspectorates.iter().find(|i| {
            i.name.eq_ignore_ascii_case(o)
                || i.acronym
                    .as_deref()
                    .is_some_and(|a| a.eq_ignore_ascii_case(o))
                || i.aliases.iter().any(|a| a.eq_ignore_ascii_case(o))
                || (insp.is_some_and(|n| n == i.name)
                    && i.ambiguous_aliases
                        .iter()
                        .any(|a| a.eq_ignore_ascii_case(o)))
        })
    };
    let body = |org: &String| -> String {
        let o = org.trim();
        if let Some(i) = inspectorate(o) {
            return i.name.clone();
        }
        // A body named by an acronym the text spells out ('Dumfries and
        // Galloway Health and Social Care Partnership (DGHSCP)') is named in full.
        match org::acronym_defined(ctx.text(), o) {
            Some(full) => inspectorate(&full).map_or(full, |i| i.name.clone()),
            None => org.clone(),
        }
    };
    match w {
        Who::Person(i) => {
            let p = people.list.get_mut(*i)?;
            p.quoted = true;
            Some(Speaker {
                name: Some(p.name.clone()),
                role: p.role.clone(),
                org: p.org.clone(),
                kind: "person".into(),
            })
        }
        Who::Inspectorate => insp.map(|n| Speaker {
            name: Some(n.to_string()),
            role: None,
            org: Some(n.to_string()),
            kind: "organisation".into(),
        }),
        Who::Unnamed(role) => Some(Speaker {
            name: None,
            role: Some(role.clone()),
            org: None,
            kind: "person".into(),
        }),
        // 'A spokesperson for X' speaks as X (SPEC.md).
        Who::Spokesperson(Some(org)) => Some(Speaker {
            name: Some(body(org)),
            role: Some("spokesperson".into()),
            org: Some(body(org)),
            kind: "organisation".into(),
        }),
        Who::Spokesperson(None) => Some(Speaker {
            name: None,
            role: Some("spokesperson".into()),
            org: None,
            kind: "person".into(),
        }),
        Who::Org(org) => Some(Speaker {
            name: Some(body(org)),
            role: None,
            org: Some(body(org)),
            kind: "organisation".into(),
        }),
    }
}
