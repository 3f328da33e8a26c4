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

use super::people::{clean_person_name, org_of_role, role_is_official, People, Person};
use super::Ctx;
use crate::record::{Quote, Speaker};
use crate::rules::{Family, PhraseKind, RegexRule};
use crate::span::NormSpan;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone)]
struct Cand {
    inner: NormSpan,
    open: usize,
    close: Option<usize>,
    cont: bool,
}

/// Who a quote belongs to.
#[derive(Debug, Clone, PartialEq)]
enum Who {
    Person(usize),
    Inspectorate,
    Spokesperson(Option<String>),
    /// An unnamed person described by a noun ('one prisoner', 'a mother').
    Unnamed(String),
    /// A body speaking for itself ('the council said').
    Org(String),
}

fn dir_of(ctx: &Ctx, i: usize) -> Dir {
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

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Double-quoted candidates across paragraphs, with continuation.
fn double_quotes(ctx: &Ctx) -> Vec<Cand> {
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
    let marks_of = |p: &crate::segment::Paragraph| -> Vec<usize> {
        text[p.span.start..p.span.end]
            .match_indices(['"', '\''])
            .map(|(i, _)| p.span.start + i)
            .filter(|&i| text.as_bytes()[i] == b'"' || doubled(i))
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
                    if d == Dir::Open
                        && text
                            .as_bytes()
                            .get(m.wrapping_sub(1))
                            .is_some_and(|b| b.is_ascii_whitespace())
                        && m > o + 1
                    {
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
fn single_quotes(ctx: &Ctx, doubles: &[Cand]) -> Vec<Cand> {
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

/// `[start, end)` ranges sorted and merged, for [`in_ranges`].
fn merged_ranges(ranges: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
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
fn in_ranges(ranges: &[(usize, usize)], i: usize) -> bool {
    let k = ranges.partition_point(|&(s, _)| s <= i);
    k > 0 && i < ranges[k - 1].1
}

fn trim_inner(ctx: &Ctx, s: NormSpan) -> NormSpan {
    let t = ctx.norm_str(s);
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    NormSpan::new(s.start + lead, (s.end - trail).max(s.start + lead))
}

/// The phrase hits that start inside `s` (hits are sorted by start), so that
/// resolving a speaker does not scan every phrase of the document.
fn phrases_in<'a>(ctx: &Ctx<'a>, s: NormSpan) -> &'a [crate::matcher::PhraseHit] {
    let all = &ctx.m.phrases;
    let lo = all.partition_point(|h| h.span.start < s.start);
    let hi = lo + all[lo..].partition_point(|h| h.span.start < s.end);
    &all[lo..hi]
}

/// Resolve the phrase naming a speaker. `prev` is the previous quote's speaker.
fn resolve(
    ctx: &Ctx,
    people: &mut People,
    who: NormSpan,
    at: usize,
    prev: Option<&Who>,
) -> Option<(Who, bool)> {
    let w = ctx.norm_str(who);
    let lower = w.to_lowercase();
    // e. A spokesperson ('a spokesperson for X Council', 'a council spokesperson'):
    // the body they speak for, named or referred to ('a spokesperson for the home').
    if let Some(k) = ctx.rules.list("spokesperson_words").iter().find(|k| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|t| t == k.as_str())
    }) {
        let org = org_named(ctx, w)
            .or_else(|| org_in(w, k))
            .or_else(|| org_referred(ctx, w, at));
        return Some((Who::Spokesperson(org), false));
    }
    // f. An unnamed person ('one prisoner told inspectors', 'a mother said').
    let unnamed = ctx.rules.list("unnamed_person_words");
    let words_l: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|t| !t.is_empty())
        .collect();
    let unnamed_hit = words_l
        .last()
        .filter(|w| unnamed.iter().any(|u| u == *w))
        .map(|w| w.to_string());
    // a. A name: someone already introduced, anywhere in the phrase; else a run
    // of capitalised words that reads as a new name (see `name_runs`).
    let mut tokens = tokenize(w);
    // Words between the speaker and the verb ('It also said', 'Mr Jones further').
    let trailing = ctx.rules.list("speaker_trailing_words");
    while tokens.len() > 1
        && tokens
            .last()
            .is_some_and(|t| trailing.iter().any(|x| x.eq_ignore_ascii_case(t.1)))
    {
        tokens.pop();
    }
    for &(st, len) in &candidate_order(ctx, &tokens) {
        let raw: Vec<&str> = tokens[st..st + len].iter().map(|t| t.1).collect();
        let raw = raw.join(" ");
        let Some((name, honorific)) = clean_person_name(ctx, &raw) else {
            continue;
        };
        if let Some((idx, full)) = people.lookup(&name) {
            let abs = who.start + tokens[st].0;
            people.list[idx].mentions.push(abs);
            return Some((
                Who::Person(idx),
                !full || honorific.is_some() && !name.contains(' '),
            ));
        }
    }
    let mut new_name: Option<(String, Option<String>, usize, usize)> = None;
    let mut role_around: Option<String> = None;
    if let Some((st, len)) = new_name_at(ctx, &tokens) {
        let raw: Vec<&str> = tokens[st..st + len].iter().map(|t| t.1).collect();
        let raw = raw.join(" ");
        if let Some((name, honorific)) = clean_person_name(ctx, &raw) {
            new_name = Some((name, honorific, who.start + tokens[st].0, raw.len()));
            role_around = role_in_phrase(
                ctx,
                w,
                tokens[st].0,
                tokens[st + len - 1].0 + tokens[st + len - 1].1.len(),
            );
        }
    }
    // A surname or first name alone ('Mr Russell', 'added Jane') of someone the
    // text named in full before.
    if new_name.is_none() {
        if let Some((st, len)) = candidate_order(ctx, &tokens)
            .into_iter()
            .find(|&(st, len)| {
                clean_person_name(
                    ctx,
                    &tokens[st..st + len]
                        .iter()
                        .map(|t| t.1)
                        .collect::<Vec<_>>()
                        .join(" "),
                )
                .is_some_and(|(n, _)| !n.contains(' '))
                    || len == 1 && tokens.len() == 1 && is_name_word(ctx, tokens[st].1)
            })
        {
            let raw: Vec<&str> = tokens[st..st + len].iter().map(|t| t.1).collect();
            let bare = clean_person_name(ctx, &raw.join(" "))
                .map(|(n, _)| n)
                .unwrap_or_else(|| raw.join(" "));
            if let Some(full) = full_name_before(ctx, &bare, at) {
                let honorific = clean_person_name(ctx, &raw.join(" ")).and_then(|(_, h)| h);
                if let Some((idx, _)) = people.lookup(&full) {
                    people.list[idx].mentions.push(who.start + tokens[st].0);
                    return Some((Who::Person(idx), true));
                }
                let abs = who.start + tokens[st].0;
                let len = raw.join(" ").len();
                let idx = people.add(Person {
                    name: full,
                    role: None,
                    org: None,
                    honours: None,
                    honorific,
                    span: NormSpan::new(abs, abs + len),
                    rule: "person.speaker".into(),
                    official: None,
                    role_priority: u32::MAX,
                    quoted: false,
                    mentions: vec![abs],
                });
                return Some((Who::Person(idx), true));
            }
        }
    }
    // An inspectorate named right before the verb beats a capitalised phrase
    // earlier on ('X nursery told to improve after Ofsted finds').
    let insp_last = phrases_in(ctx, who)
        .iter()
        .filter(|h| who.contains(h.span))
        .filter(|h| {
            matches!(
                h.tag.kind,
                PhraseKind::InspectorateRef | PhraseKind::InspectorateAlias { .. }
            )
        })
        .map(|h| h.span.end)
        .max();
    if let (Some(e), Some((_, _, abs, len))) = (insp_last, new_name.as_ref()) {
        if e > abs + len {
            return Some((Who::Inspectorate, false));
        }
    }
    if let Some(role) = unnamed_hit {
        return Some((Who::Unnamed(role), false));
    }
    if let Some((name, honorific, abs, len)) = new_name {
        // The rest of the phrase is the person's role when a `[[role]]` rule
        // knows it ('Chief Fire Officer Jane Bell', 'Jane Bell, union secretary').
        let official = role_around
            .as_deref()
            .and_then(|r| role_is_official(ctx, r));
        let role = role_around.filter(|_| official.is_some());
        let org = role.as_deref().and_then(|r| org_of_role(ctx, r));
        let idx = people.add(Person {
            name,
            role,
            org,
            honours: None,
            honorific,
            span: NormSpan::new(abs, abs + len),
            rule: "person.speaker".into(),
            official,
            role_priority: u32::MAX,
            quoted: false,
            mentions: vec![abs],
        });
        return Some((Who::Person(idx), false));
    }
    // b. A role held by someone already introduced; d. the inspectorate.
    let mut insp_ref = false;
    for h in phrases_in(ctx, who) {
        if !who.contains(h.span) {
            continue;
        }
        match h.tag.kind {
            PhraseKind::ChiefTitle { .. } => {
                if let Some(idx) = people.by_role(ctx.norm_str(h.span)) {
                    return Some((Who::Person(idx), false));
                }
                insp_ref = true;
            }
            PhraseKind::InspectorateRef | PhraseKind::InspectorateAlias { .. } => insp_ref = true,
            _ => {}
        }
    }
    for (_, r) in ctx.rules.family(Family::Role) {
        if r.def.kind.as_deref() == Some("not_official") {
            continue;
        }
        if let Some(m) = r.regex.find(w) {
            if let Some(idx) = people.by_role(m.as_str()) {
                return Some((Who::Person(idx), false));
            }
        }
    }
    // d. The inspectorate's report or its inspectors, last in the phrase ('an
    // inspection report', 'a report from the watchdog' is caught above).
    let report = ctx.rules.list("report_words");
    if insp_ref
        || tokens
            .last()
            .is_some_and(|t| report.iter().any(|r| r.eq_ignore_ascii_case(t.1)))
    {
        return Some((Who::Inspectorate, false));
    }
    // g. A body: named ('Anglesey council said'), or referred to ('the force
    // said', 'the school's governors') and named earlier in the text.
    if let Some(org) = org_named(ctx, w).or_else(|| org_referred(ctx, w, at)) {
        return Some((Who::Org(org), false));
    }
    // c. A pronoun as the last word.
    let last = tokens
        .last()
        .map(|t| t.1.to_lowercase())
        .unwrap_or_default();
    if ctx.rules.list("person_pronouns").contains(&last) {
        // The person last mentioned: one found before, or a name the text gives
        // in the sentences just before ('Parent Ann Bell has two children. She said:').
        let known = people.recent(at).map(|i| {
            (
                i,
                people.list[i]
                    .mentions
                    .iter()
                    .filter(|&&m| m < at)
                    .max()
                    .copied(),
            )
        });
        let scanned = last_name_before(ctx, at);
        if let Some((name, honorific, pos, len)) = scanned {
            if known.is_none_or(|(_, m)| m.is_none_or(|m| m < pos)) {
                if let Some((idx, _)) = people.lookup(&name) {
                    return Some((Who::Person(idx), true));
                }
                let idx = people.add(Person {
                    name,
                    role: None,
                    org: None,
                    honours: None,
                    honorific,
                    span: NormSpan::new(pos, pos + len),
                    rule: "person.speaker".into(),
                    official: None,
                    role_priority: u32::MAX,
                    quoted: false,
                    mentions: vec![pos],
                });
                return Some((Who::Person(idx), true));
            }
        }
        return known.map(|(i, _)| (Who::Person(i), true));
    }
    if ctx.rules.list("group_pronouns").contains(&last) {
        return match prev {
            Some(p @ (Who::Spokesperson(_) | Who::Org(_))) => Some((p.clone(), true)),
            _ => Some((Who::Inspectorate, true)),
        };
    }
    None
}

/// The words of a speaker phrase around a name (from byte `start` to `end`
/// of `w`) that may be the person's role: the phrase before the name, or
/// after it between commas, without leading link words; None when empty or long.
fn role_in_phrase(ctx: &Ctx, w: &str, start: usize, end: usize) -> Option<String> {
    let before = w[..start].trim();
    let after = w[end..].trim().trim_start_matches(',').trim();
    let mut cand = if before.len() >= 3 { before } else { after };
    let lead = ctx.rules.list("speaker_leading_words");
    loop {
        let first = cand.split_whitespace().next().unwrap_or("");
        if !first.is_empty() && lead.iter().any(|l| l.eq_ignore_ascii_case(first)) {
            cand = cand[first.len()..].trim_start();
        } else {
            break;
        }
    }
    let cand = cand.trim_matches(|c: char| c == ',' || c == ';' || c == ':' || c.is_whitespace());
    (cand.len() >= 2 && cand.len() <= 100 && !cand.contains('"')).then(|| cand.to_string())
}

/// True when `s` names the inspectorate: an alias or reference phrase, or a
/// word of `report_words` ('an inspection report').
fn names_inspectorate(ctx: &Ctx, s: NormSpan) -> bool {
    phrases_in(ctx, s).iter().any(|h| {
        s.contains(h.span)
            && matches!(
                h.tag.kind,
                PhraseKind::InspectorateRef
                    | PhraseKind::InspectorateAlias { .. }
                    | PhraseKind::ChiefTitle { .. }
            )
    }) || {
        let report = ctx.rules.list("report_words");
        words_of(ctx.norm_str(s))
            .iter()
            .any(|t| report.iter().any(|r| r.eq_ignore_ascii_case(t)))
    }
}

/// True for a capitalised word that may be part of a person's name: not all
/// capitals, not a stopword, not an honorific.
fn is_name_word(ctx: &Ctx, t: &str) -> bool {
    let t = t.trim_end_matches(['.', ':', ',', ';']);
    let bare = t.trim_end_matches("'s");
    bare.chars().next().is_some_and(char::is_uppercase)
        && bare
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !(bare.chars().all(char::is_uppercase) && bare.len() > 1)
        && !ctx
            .rules
            .list("name_stopwords")
            .iter()
            .any(|s| s.eq_ignore_ascii_case(bare))
        && !ctx
            .rules
            .list("honorifics")
            .iter()
            .any(|s| s.eq_ignore_ascii_case(bare))
}

/// A word of a phrase: its offset, its text, and whether a comma, semicolon,
/// bracket or quote mark comes right before it.
type Tok<'a> = (usize, &'a str, bool);

/// The words of a phrase with their offsets, split at spaces, commas,
/// semicolons, brackets and quote marks (see [`Tok`]): [`cap_runs`] does not
/// run a name across a break ('Children, Young People').
fn tokenize(w: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut brk = false;
    let mut start = None;
    for (i, c) in w.char_indices().chain(std::iter::once((w.len(), ' '))) {
        let sep = c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"');
        if sep {
            if let Some(s) = start.take() {
                out.push((s, &w[s..i], brk));
                brk = false;
            }
            if !c.is_whitespace() {
                brk = true;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// Runs of capitalised tokens, as `(start, end)` token indices.
fn cap_runs(tokens: &[Tok]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].1.starts_with(|c: char| c.is_uppercase()) {
            let s = i;
            i += 1;
            while i < tokens.len()
                && !tokens[i].2
                && tokens[i].1.starts_with(|c: char| c.is_uppercase())
            {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Every (start, length) of up to five tokens inside a run of capitalised
/// tokens, longest first within each run, runs in text order: the order in
/// which a phrase is searched for someone already found.
fn candidate_order(ctx: &Ctx, tokens: &[Tok]) -> Vec<(usize, usize)> {
    let _ = ctx;
    let mut out = Vec::new();
    for (s, e) in cap_runs(tokens) {
        for len in (1..=(e - s).min(5)).rev() {
            for st in s..=e - len {
                out.push((st, len));
            }
        }
    }
    out
}

/// Where a phrase names a new person: in the run of capitalised words that
/// opens the phrase ('Jane Bell, head of X'), else in the last run that holds
/// a name ('... general secretary Jane Bell'). Within a run the name is its
/// longest valid ending ('Cleveland PCC Jane Bell'), two words rather than
/// three when the run follows 'of', 'for', 'at' or 'in' (a place first).
fn new_name_at(ctx: &Ctx, tokens: &[Tok]) -> Option<(usize, usize)> {
    let valid = |st: usize, len: usize| {
        let raw: Vec<&str> = tokens[st..st + len].iter().map(|t| t.1).collect();
        clean_person_name(ctx, &raw.join(" ")).is_some_and(|(n, _)| n.contains(' '))
    };
    let in_run = |s: usize, e: usize| -> Option<(usize, usize)> {
        let after_prep =
            s > 0 && ["of", "for", "at", "in"].contains(&tokens[s - 1].1.to_lowercase().as_str());
        let max = (e - s).min(5);
        let mut found: Option<(usize, usize)> = None;
        for len in (2..=max).rev() {
            if valid(e - len, len) {
                found = Some((e - len, len));
                break;
            }
        }
        if let Some((st, len)) = found {
            if after_prep && len >= 3 && valid(st + 1, len - 1) {
                return Some((st + 1, len - 1));
            }
            return Some((st, len));
        }
        // A name followed by other capitalised words ('Jane Bell CBE Chief ...'),
        // but not by a word no name holds: then the run names a body or a
        // place ('Oxford Crown Court').
        let stop = ctx.rules.list("name_stopwords");
        for len in (2..=max).rev() {
            for st in s..=e - len {
                let body = tokens.get(st + len).is_some_and(|t| {
                    st + len < e && stop.iter().any(|w| w.eq_ignore_ascii_case(t.1))
                });
                if valid(st, len) && !body {
                    return Some((st, len));
                }
            }
        }
        None
    };
    let runs = cap_runs(tokens);
    // The opening run, unless a lower-case word follows it with no break and
    // the phrase ends with a name ('Cromarty Firth councillor Jane Bell').
    let last_at_end = runs
        .last()
        .filter(|r| r.1 == tokens.len() && r.0 > 0)
        .and_then(|&(s, e)| in_run(s, e));
    if let Some(&(s, e)) = runs.first().filter(|r| r.0 == 0) {
        let glued_to_lower = tokens
            .get(e)
            .is_some_and(|t| !t.2 && t.1.starts_with(|c: char| c.is_lowercase()));
        if !(glued_to_lower && last_at_end.is_some()) {
            if let Some(x) = in_run(s, e) {
                return Some(x);
            }
        }
    }
    runs.iter().rev().find_map(|&(s, e)| in_run(s, e))
}

/// A full name in the text before `at` that `bare` (a surname or a first name)
/// is part of: 'Justin Russell' for 'Russell'.
fn full_name_before(ctx: &Ctx, bare: &str, at: usize) -> Option<String> {
    let text = ctx.text();
    let hay = &text[..at.min(text.len())];
    let bytes = hay.as_bytes();
    for (i, _) in hay.match_indices(bare) {
        let end = i + bare.len();
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let after_ok = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if !before_ok || !after_ok {
            continue;
        }
        // The word before ('Justin Russell') or after ('Justin Russell' for 'Justin').
        let prev_word = hay[..i]
            .trim_end_matches(' ')
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .filter(|_| hay[..i].ends_with(' '));
        if let Some(pw) = prev_word.filter(|pw| is_name_word(ctx, pw)) {
            let cand = format!("{pw} {bare}");
            if let Some((n, None)) = clean_person_name(ctx, &cand) {
                return Some(n);
            }
        }
        let rest = &hay[end..];
        if let Some(nw) = rest
            .strip_prefix(' ')
            .and_then(|r| r.split(|c: char| c.is_whitespace()).next())
        {
            let nw = nw.trim_end_matches(|c: char| !c.is_alphanumeric());
            let nw = nw.strip_suffix("'s").unwrap_or(nw);
            if is_name_word(ctx, nw) {
                let cand = format!("{bare} {nw}");
                if let Some((n, None)) = clean_person_name(ctx, &cand) {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// For a pronoun at `at`: the first name in the last sentence before it
/// (within its paragraph and the one before) that names someone, as the
/// subject of a sentence usually comes first ('Parent Ann Bell has two
/// children, Tom and Amy.'): (name, honorific, position, length).
fn last_name_before(ctx: &Ctx, at: usize) -> Option<(String, Option<String>, usize, usize)> {
    let pi = ctx.doc.paragraph_at(at)?;
    let from = ctx.doc.paragraphs[pi.saturating_sub(1)].span.start;
    let text = ctx.text();
    let lo = ctx.doc.sentences.partition_point(|s| s.span.end <= from);
    let hi = ctx.doc.sentences.partition_point(|s| s.span.start < at);
    for si in (lo..hi).rev() {
        let span = ctx.doc.sentences[si].span;
        let (s0, s1) = (span.start.max(from), span.end.min(at));
        if s0 >= s1 {
            continue;
        }
        let hay = &text[s0..s1];
        let tokens = tokenize(hay);
        for (s, e) in cap_runs(&tokens) {
            let max = (e - s).min(4);
            for len in (2..=max).rev() {
                let st = e - len;
                let raw: Vec<&str> = tokens[st..e]
                    .iter()
                    .map(|t| t.1.strip_suffix("'s").unwrap_or(t.1))
                    .collect();
                let raw = raw.join(" ");
                if let Some((n, h)) = clean_person_name(ctx, &raw) {
                    if n.contains(' ') {
                        return Some((n, h, s0 + tokens[st].0, raw.len()));
                    }
                }
            }
        }
    }
    None
}

/// Tokens of a phrase with surrounding punctuation trimmed.
fn words_of(w: &str) -> Vec<&str> {
    w.split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '\''))
        .filter(|t| !t.is_empty())
        .collect()
}

/// A body named in a speaker phrase: an entry of `org_names`, or capitalised
/// words ending with a word of `org_heads` ('Anglesey council', 'Kent Police').
fn org_named(ctx: &Ctx, w: &str) -> Option<String> {
    let lower = w.to_lowercase();
    for n in ctx.rules.list("org_names") {
        if let Some(i) = lower.find(&n.to_lowercase()) {
            return Some(w[i..i + n.len()].to_string());
        }
    }
    let heads = ctx.rules.list("org_heads");
    let raw: Vec<&str> = w.split_whitespace().collect();
    for (i, t) in raw.iter().enumerate() {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let bare = t.strip_suffix("'s").unwrap_or(t);
        if i == 0 || !heads.iter().any(|h| h.eq_ignore_ascii_case(bare)) {
            continue;
        }
        let name = name_before_head(ctx, &raw[..i], bare);
        if name.is_some() {
            return name;
        }
    }
    None
}

/// Capitalised words (with 'of', 'and', '&' inside) ending right before a head
/// word, joined with it: 'Humberside' + 'Police'. `before` are whitespace
/// tokens; the name stops at punctuation ending a token and at another head
/// word. None without one.
fn name_before_head(ctx: &Ctx, before: &[&str], head: &str) -> Option<String> {
    let heads = ctx.rules.list("org_heads");
    let mut k = before.len();
    while k > 0 {
        let raw = before[k - 1];
        if k < before.len() && raw.ends_with(|c: char| ",.;:!?()\"".contains(c)) {
            break;
        }
        let t = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '\'');
        let t = if k == before.len() {
            t.strip_suffix("'s").unwrap_or(t)
        } else {
            t
        };
        let cap = t.starts_with(|c: char| c.is_uppercase());
        if k < before.len() && heads.iter().any(|h| h == t) {
            break;
        }
        if cap || ["of", "and", "&"].contains(&t) {
            k -= 1;
        } else {
            break;
        }
        if before.len() - k >= 6 {
            break;
        }
    }
    let words: Vec<&str> = before[k..]
        .iter()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '\''))
        .collect();
    let mut k = 0;
    while k < words.len() && !words[k].starts_with(|c: char| c.is_uppercase()) {
        k += 1;
    }
    if k == words.len() {
        return None;
    }
    while k < words.len() && ["A", "An"].contains(&words[k]) {
        k += 1;
    }
    let mut parts: Vec<&str> = words[k..].to_vec();
    if parts.is_empty() || parts.len() == 1 && parts[0] == "The" {
        return None;
    }
    let not_words = ctx.rules.list("org_not_words");
    if parts.iter().any(|p| not_words.iter().any(|n| n == p)) {
        return None;
    }
    parts.push(head);
    Some(parts.join(" "))
}

/// A body a speaker phrase refers to ('the force', 'the school's governors',
/// 'the health board'): per `org_references` ('force: Police Constabulary'),
/// the first name in the text before `at` that ends with one of the listed
/// heads (the body an article is about is usually named first).
fn org_referred(ctx: &Ctx, w: &str, at: usize) -> Option<String> {
    let lower = format!(" {} ", words_of(w).join(" ").to_lowercase());
    let text = ctx.text();
    let hay = &text[..at.min(text.len())];
    for entry in ctx.rules.list("org_references") {
        let Some((key, heads)) = entry.split_once(':') else {
            continue;
        };
        let key = key.trim().to_lowercase();
        if !lower.contains(&format!(" {key} ")) && !lower.contains(&format!(" {key}'s ")) {
            continue;
        }
        let mut best: Option<(usize, String)> = None;
        for head in heads.split_whitespace() {
            for (i, _) in hay.match_indices(head) {
                let b = hay.as_bytes();
                let e = i + head.len();
                if (i > 0 && b[i - 1].is_ascii_alphanumeric())
                    || (e < b.len() && b[e].is_ascii_alphanumeric())
                {
                    continue;
                }
                if best.as_ref().is_some_and(|(p, _)| *p < i) {
                    break;
                }
                let line_start = hay[..i].rfind('\n').map(|x| x + 1).unwrap_or(0);
                let before: Vec<&str> = hay[line_start..i].split_whitespace().collect();
                if let Some(name) = name_before_head(ctx, &before, head) {
                    best = Some((i, name));
                    break;
                }
            }
        }
        if let Some((_, name)) = best {
            return Some(name);
        }
    }
    None
}

/// The organisation around a spokesperson word: 'a Redbridge Council spokesperson'.
fn org_in(w: &str, word: &str) -> Option<String> {
    let lower = w.to_lowercase();
    let at = lower.find(word)?;
    let after = &w[at + word.len()..];
    let after = after
        .trim_start()
        .strip_prefix("for ")
        .map(|a| a.trim_start_matches("the ").to_string());
    let cand = match after {
        Some(a) => a,
        None => {
            let before = w[..at].trim_end();
            let caps: Vec<&str> = before
                .split_whitespace()
                .rev()
                .take_while(|t| {
                    t.starts_with(|c: char| c.is_uppercase()) && *t != "A" && *t != "The"
                        || ["of", "and", "for", "&"].contains(t)
                })
                .collect();
            let mut caps: Vec<&str> = caps.into_iter().rev().collect();
            while caps
                .first()
                .is_some_and(|t| !t.starts_with(|c: char| c.is_uppercase()))
            {
                caps.remove(0);
            }
            caps.join(" ")
        }
    };
    // Words before the name ('for the local authority body Cosla').
    let cand: String = cand
        .split_whitespace()
        .skip_while(|t| !t.starts_with(|c: char| c.is_uppercase()))
        .take_while(|t| {
            t.starts_with(|c: char| c.is_uppercase()) || ["of", "and", "for", "&"].contains(t)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let cand = cand
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!cand.is_empty()).then_some(cand)
}

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
    ctx.rules
        .family(Family::Speaker)
        .filter(move |(i, r)| {
            r.def.scope.as_deref() == Some(scope) && ctx.m.gate_within(ctx.rules, *i, s)
        })
        .filter_map(move |(_, r)| {
            let c = r.regex.captures(hay)?;
            let who = c.name("who")?;
            if r.def
                .max_who
                .is_some_and(|max| who.as_str().chars().nth(max).is_some())
            {
                return None;
            }
            let cue = c.name("cue").map(|m| {
                m.as_str()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            });
            Some((
                NormSpan::new(s.start + who.start(), s.start + who.end()),
                cue,
                r,
            ))
        })
}

/// Quotes with their speakers; marks quoted people.
pub fn extract(
    ctx: &Ctx,
    people: &mut People,
    insp: Option<usize>,
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
    for c in cands {
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
        let post_ok = post.is_some_and(|p| {
            let s = ctx.norm_str(p);
            (ends_open || s.trim_start().starts_with([',', '-']) || s.trim_end().ends_with('.'))
                && !s.trim_end().ends_with(':')
        });
        let pre_str = ctx.norm_str(pre).trim();
        let pre_empty = pre_str.is_empty();
        let prev_who = prev.as_ref().and_then(|p| p.who.clone());

        // An interruption: '"...," he said. "..."' continues the same quotation.
        if let Some(p) = prev
            .as_ref()
            .filter(|p| p.para == pi && p.closed_at.is_some())
        {
            let gap = NormSpan::new(p.closed_at.unwrap_or(c.open).min(mark), mark);
            let gap_str = ctx.norm_str(gap).trim();
            let only_attribution = !gap_str.is_empty()
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
            // way to the next.
            for (who, cue, rule) in matches_of(ctx, scope, s) {
                if let Some((w, anaphoric)) = resolve(ctx, people, who, c.open, prev_who.as_ref()) {
                    found = Some((
                        w,
                        cue,
                        rule.info.id.clone(),
                        if anaphoric { "anaphoric" } else { "explicit" },
                    ));
                    break;
                }
            }
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
        if found.is_none() && pre_empty && pi > 0 {
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
                if let Some(p) = prev.as_ref().filter(|p| {
                    p.para + 1 == pi
                        && p.closed_at.is_some_and(|cl| {
                            text[cl.min(prev_para.end)..prev_para.end]
                                .trim()
                                .trim_start_matches(['.', ',', '!', '?'])
                                .is_empty()
                        })
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
                if let Some((who, cue, rule)) = apply(ctx, "pre_reported", tail) {
                    if let Some((w @ Who::Person(_), _)) =
                        resolve(ctx, people, who, c.open, prev_who.as_ref())
                    {
                        found = Some((
                            w,
                            cue,
                            format!("{}.previous_paragraph", rule.info.id),
                            "anaphoric",
                        ));
                    }
                }
            }
        }
        // A partial quote after a sentence reporting what someone said or found
        // ('However, inspectors said ... . Some plans were "vague"').
        if found.is_none() && !pre_empty {
            if let Some(si) = sent.filter(|&i| i > 0 && ctx.doc.sentences[i - 1].paragraph == pi) {
                let prev_sent = ctx.doc.sentences[si - 1].span;
                if !ctx.norm_str(prev_sent).contains('"') {
                    if let Some((who, cue, rule)) = apply(ctx, "pre_reported", prev_sent) {
                        if let Some((w, _)) = resolve(ctx, people, who, c.open, prev_who.as_ref()) {
                            found = Some((
                                w,
                                cue,
                                format!("{}.previous_sentence", rule.info.id),
                                "anaphoric",
                            ));
                        }
                    }
                }
            }
        }
        // A quotation in the headline with no speaker is the inspectorate's finding.
        // A partial quote in a sentence whose subject is the inspectorate or
        // its report, with no verb of saying ('Inspectors from X "were
        // impressed"', 'a report from the watchdog described it as "..."').
        if found.is_none() && !pre_empty && insp.is_some() && names_inspectorate(ctx, pre) {
            found = Some((
                Who::Inspectorate,
                None,
                "quote.inspectorate_sentence".to_string(),
                "explicit",
            ));
        }
        if found.is_none() && pi == 0 && insp.is_some() {
            found = Some((
                Who::Inspectorate,
                None,
                "quote.headline".to_string(),
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
                .is_some();
        // A name in quote marks outside the headline ('The A Word') is no quotation.
        let is_title = pi != ctx.doc.head && is_title(ctx, qtext);
        // A paragraph continuing an open quotation (UK style: each paragraph
        // opens with a mark, only the last closes) is a later part of the same
        // quote, unless it names a speaker of its own.
        // So is a paragraph opening a quotation after one whose quotation
        // closed with only an attribution after it ('"...," she said. / "..."').
        let resumes = pre_empty
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
                            && apply(ctx, "post", gap).is_some()
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
            out[idx].continued.push(ctx.span(inner));
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
        if word_count(qtext) >= 3 && !is_rating && !is_title {
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
    out
}

/// True when a quotation reads as the name of a thing (a programme, a book):
/// at most six words, each capitalised but the `title_minor_words`, with no
/// sentence punctuation.
fn is_title(ctx: &Ctx, q: &str) -> bool {
    let minor = ctx.rules.list("title_minor_words");
    let words: Vec<&str> = q.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 6
        && !q.contains(['.', ',', '!', '?', ':', ';'])
        && words.iter().enumerate().all(|(i, w)| {
            w.starts_with(|c: char| c.is_uppercase()) || i > 0 && minor.iter().any(|m| m == w)
        })
}

fn speaker_of(ctx: &Ctx, people: &mut People, w: &Who, insp: Option<&str>) -> Option<Speaker> {
    let _ = ctx;
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
            name: Some(org.clone()),
            role: Some("spokesperson".into()),
            org: Some(org.clone()),
            kind: "organisation".into(),
        }),
        Who::Spokesperson(None) => Some(Speaker {
            name: None,
            role: Some("spokesperson".into()),
            org: None,
            kind: "person".into(),
        }),
        Who::Org(org) => Some(Speaker {
            name: Some(org.clone()),
            role: None,
            org: Some(org.clone()),
            kind: "organisation".into(),
        }),
    }
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
}
