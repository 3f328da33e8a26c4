//! Who a speaker phrase names: a spokesperson, an unnamed person, someone
//! already found or a new name, a role, the inspectorate, a body, a pronoun.

use super::names::{
    candidate_order, cap_runs, full_name_after, full_name_before, is_name_word, last_name_before,
    new_name_at, tokenize,
};
use super::org::{org_before, org_in, org_named, org_referred, words_of};
use crate::extract::people::{clean_person_name, org_of_role, role_is_official, People, Person};
use crate::extract::Ctx;
use crate::rules::{Family, PhraseKind};
use crate::span::NormSpan;

/// Who a quote belongs to.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Who {
    Person(usize),
    Inspectorate,
    Spokesperson(Option<String>),
    /// An unnamed person described by a noun ('one prisoner', 'a mother').
    Unnamed(String),
    /// A body speaking for itself ('the council said').
    Org(String),
}

/// The phrase hits that start inside `s` (hits are sorted by start), so that
/// resolving a speaker does not scan every phrase of the document.
pub(super) fn phrases_in<'a>(ctx: &Ctx<'a>, s: NormSpan) -> &'a [crate::matcher::PhraseHit] {
    let all = &ctx.m.phrases;
    let lo = all.partition_point(|h| h.span.start < s.start);
    let hi = lo + all[lo..].partition_point(|h| h.span.start < s.end);
    &all[lo..hi]
}

/// How far back (bytes) the text is read for an honorific that tells whether
/// 'he' or 'she' can be someone.
const GENDER_WINDOW: usize = 4000;

/// Resolve the phrase naming a speaker. `prev` is the previous quote's speaker.
pub(super) fn resolve(
    ctx: &Ctx,
    people: &mut People,
    who: NormSpan,
    at: usize,
    prev: Option<&Who>,
) -> Option<(Who, bool)> {
    let w = ctx.norm_str(who);
    // A relative clause closing the phrase after a name ('Jo Hale from the
    // inspectorate who led the inspection said'): the speaker is the one
    // named before 'who' (a phrase opening with two capitalised words).
    if who.end <= at {
        let named_first = |head: &str| {
            let mut ws = head.split_whitespace();
            ws.next().is_some_and(|a| a.starts_with(char::is_uppercase))
                && ws.next().is_some_and(|b| b.starts_with(char::is_uppercase))
        };
        if let Some(i) = w.find(" who ").filter(|&i| named_first(&w[..i])) {
            return resolve(
                ctx,
                people,
                NormSpan::new(who.start, who.start + i),
                at,
                prev,
            );
        }
    }
    // The subject of the phrase's last clause says the words: a pronoun after
    // a comma ('After inspectors met Jo Hale, they found'), or, before a
    // quote, the subject of a clause closing the phrase, after its
    // `speaker_clause_openers` word ('The head praised staff after a recent
    // report found'). After a quote the word opens no clause ('said Jo Hale
    // after the meeting').
    let subject =
        pronoun_after_comma(ctx, w).or_else(|| clause_subject(ctx, w).filter(|_| who.end <= at));
    if let Some(off) = subject {
        return resolve(
            ctx,
            people,
            NormSpan::new(who.start + off, who.end),
            at,
            prev,
        );
    }
    // A phrase opening with 'they' and going on with its verbs ('They also
    // commended the home's garden and noted'): the pronoun says the words,
    // not a body named in what it did. ('It' opens too many phrases whose
    // speaker comes later: 'It was clear, Jo Hale said'.)
    if who.end <= at {
        let lead = w.trim_start();
        let first = lead.split_whitespace().next().unwrap_or("");
        // Only when it goes on with a verb of saying or finding of its own
        // ('praised'), not to another subject ('They have until May and a
        // spokesman said').
        let verb_of_its_own = || {
            let words: Vec<&str> = lead
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .skip(1)
                .collect();
            words
                .iter()
                .any(|w| ctx.rules.list_has("cues", w) || ctx.rules.list_has("report_cues", w))
        };
        if lead.len() > first.len() && first.eq_ignore_ascii_case("they") && verb_of_its_own() {
            let start = who.start + (w.len() - lead.len());
            return resolve(
                ctx,
                people,
                NormSpan::new(start, start + first.len()),
                at,
                prev,
            );
        }
    }
    let lower = w.to_lowercase();
    // e. A spokesperson ('a spokesperson for X Council', 'a council spokesperson'):
    // the body they speak for, named or referred to ('a spokesperson for the home').
    // A spokesperson named ('Jo Hale, a spokeswoman for the trust') is that person.
    let spokesperson = ctx.rules.list("spokesperson_words").iter().find(|k| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|t| t == k.as_str())
    });
    let named = spokesperson.is_some() && {
        let toks = tokenize(w);
        let leading = ctx.rules.list("speaker_leading_words");
        let cap = |t: &(usize, &str, bool)| t.1.starts_with(|c: char| c.is_uppercase());
        // The name is a whole run of capitalised words, not part of a body's
        // name ('a spokesperson for Rushby Cross Medical Centre').
        new_name_at(ctx, &toks).is_some_and(|(st, len)| {
            toks[st..st + len].iter().all(|t| {
                t.1.chars().nth(1).is_some_and(char::is_lowercase)
                    && !leading.iter().any(|l| l.eq_ignore_ascii_case(t.1))
            }) && (st == 0
                || toks[st].2
                || !cap(&toks[st - 1]) && !ctx.rules.list_has("affiliation_words", toks[st - 1].1))
                && toks
                    .get(st + len)
                    .is_none_or(|t| t.2 || !cap(t) || t.1.chars().all(|c| c.is_ascii_uppercase()))
                && !toks[st + len - 1].1.ends_with("'s")
        })
    };
    if let Some(k) = spokesperson.filter(|_| !named) {
        // A spokesperson for an inspectorate it refers to ('a spokesman for
        // the inspectorate', 'a spokeswoman for the watchdog'): the
        // inspectorate speaking.
        let for_inspectorate = phrases_in(ctx, who).iter().any(|h| {
            h.tag.kind == PhraseKind::InspectorateRef && who.contains(h.span) && {
                let before = ctx
                    .norm_str(NormSpan::new(who.start, h.span.start))
                    .to_lowercase();
                ctx.rules
                    .list("affiliation_words")
                    .iter()
                    .any(|p| before.ends_with(&format!("{k} {p} ")))
            }
        });
        if for_inspectorate {
            return Some((Who::Inspectorate, false));
        }
        // An inspectorate the phrase names ('a spokesman from the CQC'): its
        // canonical name (not for a name two inspectorates share, 'HMIP').
        let inspectorate = phrases_in(ctx, who)
            .iter()
            .filter(|h| who.contains(h.span))
            .find_map(|h| match h.tag.kind {
                PhraseKind::InspectorateAlias {
                    insp,
                    ambiguous: false,
                } => Some(ctx.rules.inspectorates[insp].name.clone()),
                _ => None,
            });
        let org = inspectorate
            .or_else(|| org_named(ctx, w))
            .or_else(|| org_in(w, k))
            .or_else(|| org_referred(ctx, w, at))
            // 'A spokesman said' (not 'the spokesman', met before).
            .or_else(|| {
                ["a ", "an "]
                    .iter()
                    .any(|d| lower.trim_start().starts_with(d))
                    .then(|| org_before(ctx, at))
                    .flatten()
            })
            // 'The spokesman added': the spokesperson met before, for the
            // body named then ('a spokesman for HMP Fenmoor said ...').
            .or_else(|| {
                if !lower.trim_start().starts_with("the ") {
                    return None;
                }
                let female = k.as_str() == "spokeswoman";
                match spokesperson_before(ctx, people, who.start, 0, female, prev) {
                    Some(Who::Spokesperson(o)) => o,
                    _ => None,
                }
            });
        return Some((Who::Spokesperson(org), false));
    }
    // A passive after the quotation ('"..." It was found to be one of the
    // most violent prisons'): a new sentence, and nobody speaking.
    if who.start > at && passive_after(ctx, who) {
        return None;
    }
    // d''. The passive ('The leadership was also praised: "..."', 'the unit
    // was told it needed to "..."'): the one who praised or told is not the
    // subject but the inspection.
    if is_passive(ctx, who) {
        return Some((Who::Inspectorate, false));
    }
    // d'. A phrase headed by a report word, whatever it names after ('a review
    // of the service, run by X Ltd, found'): the inspectorate.
    if report_heads(ctx, &lower) {
        return Some((Who::Inspectorate, false));
    }
    // The people who run a body, unnamed ('Bosses at the trust', 'managers of
    // Larch Lodge'): the body speaking, named or referred to, whatever its
    // words go on to name ('... said sorry for the failings in the report').
    if who.end <= at {
        if let Some(body) = body_of_its_people(ctx, w) {
            let org = org_named(ctx, body).or_else(|| org_referred(ctx, body, at));
            if let Some(org) = org {
                return Some((Who::Org(org), true));
            }
        }
    }
    // f. An unnamed person ('one prisoner told inspectors', 'a mother said').
    // Its last word, written in lower case (or alone, opening a sentence): a
    // capitalised word ends a body's name ('the National Union of Students').
    let words: Vec<&str> = w
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|t| !t.is_empty())
        .collect();
    let unnamed_hit = words
        .last()
        .filter(|t| words.len() == 1 || !t.starts_with(char::is_uppercase))
        .filter(|t| ctx.rules.list_has("unnamed_person_words", t))
        .map(|t| t.to_lowercase());
    // a. A name: someone already introduced, anywhere in the phrase; else a run
    // of capitalised words that reads as a new name (see `name_runs`).
    let mut tokens = tokenize(w);
    // Sentence adverbs that open the phrase ('Today Jane Bell, chief nurse,
    // said', 'Meanwhile Jane Bell said') are no part of a name.
    let openers = ctx.rules.list("speaker_opening_words");
    while tokens.len() > 1 && openers.iter().any(|x| x.eq_ignore_ascii_case(tokens[0].1)) {
        tokens.remove(0);
    }
    // Words between the speaker and the verb ('It also said', 'Mr Jones further').
    let trailing = ctx.rules.list("speaker_trailing_words");
    while tokens.len() > 1
        && tokens
            .last()
            .is_some_and(|t| trailing.iter().any(|x| x.eq_ignore_ascii_case(t.1)))
    {
        tokens.pop();
    }
    // Two people named together as the inspectorate's ('Ofsted inspectors
    // Ann Bell and Jo Hale observed:') speak as the inspection: neither one
    // is the speaker.
    if let Some(i) = tokens.iter().position(|t| t.1 == "and") {
        let runs = cap_runs(ctx, &tokens);
        let named = |s: usize, e: usize| e - s >= 2 && is_name_word(ctx, tokens[e - 1].1);
        let before = runs.iter().find(|&&(s, e)| e == i && named(s, e));
        let after = runs.iter().any(|&(s, e)| s == i + 1 && named(s, e));
        let insp = after
            && before.is_some_and(|&(s, _)| {
                phrases_in(ctx, who).iter().any(|h| {
                    who.contains(h.span)
                        && h.span.end <= who.start + tokens[s].0
                        && h.span.end + 40 >= who.start + tokens[s].0
                        && matches!(
                            h.tag.kind,
                            PhraseKind::InspectorateRef | PhraseKind::InspectorateAlias { .. }
                        )
                })
            });
        if insp {
            return Some((Who::Inspectorate, false));
        }
    }
    // A name set off by a comma right before the verb is the subject, not
    // someone named in the clause before it ('In a letter to Mr Gauke ...,
    // Mr Clarke said'): its candidates are tried first.
    let mut order = candidate_order(ctx, &tokens);
    let last_break = tokens.iter().rposition(|t| t.2).unwrap_or(0);
    if last_break > 0
        && tokens[last_break..]
            .iter()
            .all(|t| t.1.starts_with(char::is_uppercase))
    {
        order.sort_by_key(|&(st, _)| st < last_break);
    }
    for &(st, len) in &order {
        let raw: Vec<&str> = tokens[st..st + len].iter().map(|t| t.1).collect();
        let raw = raw.join(" ");
        let Some((name, honorific)) = clean_person_name(ctx, &raw) else {
            continue;
        };
        if let Some((idx, full)) = people.lookup(&name) {
            let abs = who.start + tokens[st].0;
            people.list[idx].mentions.push(abs);
            // Someone met before without a post, given one here ('Interim
            // chief executive Jane Bell said'). Words beside the name that no
            // `[[role]]` rule reads as a post are none ('Jo Hale, who was
            // elected in May, said').
            if people.list[idx].role.is_none() || people.list[idx].official.is_none() {
                let end = tokens[st + len - 1].0 + tokens[st + len - 1].1.len();
                if let Some(role) = role_in_phrase(ctx, w, tokens[st].0, end) {
                    if let Some(official) = role_is_official(ctx, &role) {
                        let org = org_of_role(ctx, &role);
                        let p = &mut people.list[idx];
                        p.official = Some(official);
                        p.org = p.org.take().or(org);
                        p.role = Some(role);
                    }
                }
            }
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
                    || len == 1
                        && st + 1 == tokens.len()
                        && (st == 0
                            || tokens[st].2
                            || !tokens[st - 1].1.starts_with(|c: char| c.is_uppercase()))
                        && is_name_word(ctx, tokens[st].1)
            })
        {
            let raw: Vec<&str> = tokens[st..st + len].iter().map(|t| t.1).collect();
            let bare = clean_person_name(ctx, &raw.join(" "))
                .map(|(n, _)| n)
                .unwrap_or_else(|| raw.join(" "));
            // Named in full only further on: someone the text names in
            // full elsewhere as a person ('said chief inspector Justin
            // Russell'), not any capitalised pair that ends with the word.
            let ahead = || {
                full_name_after(ctx, &bare, at)
                    .filter(|f| people.lookup(f).is_some_and(|(_, exact)| exact))
            };
            if let Some(full) = full_name_before(ctx, &bare, at).or_else(ahead) {
                let honorific = clean_person_name(ctx, &raw.join(" ")).and_then(|(_, h)| h);
                if let Some((idx, _)) = people.lookup(&full) {
                    people.list[idx].mentions.push(who.start + tokens[st].0);
                    return Some((Who::Person(idx), true));
                }
                let abs = who.start + tokens[st].0;
                let len = raw.join(" ").len();
                let idx = people.add(speaker_person(full, honorific, abs, len));
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
        .map(|h| (h.span.start, h.span.end))
        .max_by_key(|&(_, e)| e);
    if let (Some((s, e)), Some((_, _, abs, len))) = (insp_last, new_name.as_ref()) {
        // Not the body a person is from ('Jo Hale from the inspectorate').
        let between = ctx
            .norm_str(NormSpan::new((abs + len).min(s), s))
            .to_lowercase();
        let affiliation = between
            .split(|c: char| !c.is_alphanumeric())
            .any(|t| ctx.rules.list_has("affiliation_words", t));
        if e > abs + len && !affiliation {
            return Some((Who::Inspectorate, false));
        }
    }
    // A post named with 'the' closing the phrase ('..., the chief nurse'):
    // the person last mentioned before with that post.
    if new_name.is_none() {
        if let Some(i) = post_reference(people, w, at) {
            return Some((Who::Person(i), true));
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
    let report = ctx.rules.list("report_words");
    let singular = ctx.rules.list("singular_inspector_refs");
    for h in phrases_in(ctx, who) {
        if !who.contains(h.span) {
            continue;
        }
        match h.tag.kind {
            PhraseKind::ChiefTitle { .. } => {
                if let Some(idx) = people.by_role(ctx.norm_str(h.span)) {
                    return Some((Who::Person(idx), false));
                }
                // The chief inspector the text names, with no post beside the
                // name ('the chief inspector of prisons said ... / Jo Hale
                // said'): when it names one head of an inspectorate, it is them.
                if let Some(idx) = sole_inspectorate_head(ctx, people) {
                    return Some((Who::Person(idx), false));
                }
                insp_ref = true;
            }
            PhraseKind::InspectorateRef | PhraseKind::InspectorateAlias { .. } => {
                // 'The inspector' (`singular_inspector_refs`) is the one
                // inspector the text names, when it names one.
                // Not in a phrase about the report ('In his report the
                // inspector pointed to ...'): the report's words are the body's.
                let phrase = ctx.norm_str(h.span).to_lowercase();
                let about_report = tokens
                    .iter()
                    .any(|t| report.iter().any(|r| r.eq_ignore_ascii_case(t.1)));
                if !about_report && singular.iter().any(|s| s.eq_ignore_ascii_case(&phrase)) {
                    if let Some(idx) = sole_inspector(ctx, people) {
                        return Some((Who::Person(idx), true));
                    }
                }
                insp_ref = true
            }
            _ => {}
        }
    }
    // A group ('inspectors') is no one person who holds its post
    // (`collective_roles`): 'Ofsted inspectors, Ann Bell and Jo Hale' do not
    // make 'inspectors observed' Ann Bell's.
    let collective = ctx.rules.list("collective_roles");
    for (_, r) in ctx.rules.family(Family::Role) {
        if r.def.kind.as_deref() == Some("not_official") {
            continue;
        }
        if let Some(m) = r.find(w) {
            if collective
                .iter()
                .any(|c| c.eq_ignore_ascii_case(m.as_str().trim()))
            {
                continue;
            }
            if let Some(idx) = people.by_role(m.as_str()) {
                return Some((Who::Person(idx), false));
            }
        }
    }
    // d. The inspectorate's report or its inspectors, last in the phrase ('an
    // inspection report', 'a report from the watchdog' is caught above).
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
    // A body by its initials alone ('the QCA said', 'The WTO added'), when
    // no `[[role]]` rule reads them as a post ('the PCC').
    if let Some(acr) = acronym_only(ctx, &tokens) {
        return Some((Who::Org(acr), false));
    }
    // A title for a name, as its noun ('the professor said' of Professor
    // Jo Hale named before): the person last mentioned with that title.
    if let Some(idx) = title_noun(ctx, people, &tokens, at) {
        return Some((Who::Person(idx), true));
    }
    // c. A pronoun as the last word.
    let last = tokens
        .last()
        .map(|t| t.1.to_lowercase())
        .unwrap_or_default();
    if ctx.rules.list("person_pronouns").contains(&last) {
        // Only names before the pronoun count: 'He told the Daily Post: "..."'
        // is not the paper's.
        let at = at.min(who.start + tokens.last().map_or(0, |t| t.0));
        // The person last mentioned: one found before, or a name the text gives
        // in the sentences just before ('Parent Ann Bell has two children. She said:').
        // 'she' is not a man named just before ('Mr Bell said: "..." / "...,"
        // she added'): the honorific of the name, or one the text gives with
        // the surname not long before, tells.
        let female = last == "she";
        let text = ctx.text();
        let lo = crate::extract::floor_char_boundary(text, at.saturating_sub(GENDER_WINDOW));
        let window = text.get(lo..at.min(text.len())).unwrap_or("");
        let is_female = |name: &str, honorific: Option<&str>| -> Option<bool> {
            let h = honorific.map(|h| h.trim_end_matches('.').to_lowercase());
            match h.as_deref() {
                Some("mrs" | "ms" | "miss" | "dame" | "lady" | "baroness") => return Some(true),
                Some("mr" | "sir" | "lord") => return Some(false),
                _ => {}
            }
            let surname = name.rsplit(' ').next().filter(|s| s.len() > 1)?;
            let said = |h: &str| {
                window.match_indices(h).any(|(i, _)| {
                    window[i + h.len()..].starts_with(surname)
                        && (i == 0 || !window.as_bytes()[i - 1].is_ascii_alphanumeric())
                })
            };
            match (said("Mrs ") || said("Ms ") || said("Miss "), said("Mr ")) {
                (true, false) => Some(true),
                (false, true) => Some(false),
                _ => None,
            }
        };
        let fits = |i: usize| {
            let p = &people.list[i];
            is_female(&p.name, p.honorific.as_deref()) != Some(!female)
        };
        let recent = people.recent(at).and_then(|i| {
            if fits(i) {
                return Some(i);
            }
            // The one mentioned last before them who fits.
            people.recent_where(at, |j| j != i && fits(j))
        });
        let known = recent.map(|i| {
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
        let scanned = last_name_before(ctx, at, |name, h| is_female(name, h) != Some(!female));
        // A spokesperson spoken of after the last person named ('A council
        // spokeswoman said the plan was ready. "...," she added.').
        let last_named = scanned
            .as_ref()
            .map(|s| s.2)
            .max(known.and_then(|(_, m)| m))
            .unwrap_or(0);
        if let Some(sp) = spokesperson_before(ctx, people, at, last_named, female, prev) {
            return Some((sp, true));
        }
        if let Some((name, honorific, pos, len)) = scanned {
            if known.is_none_or(|(_, m)| m.is_none_or(|m| m < pos)) {
                if let Some((idx, _)) = people.lookup(&name) {
                    return Some((Who::Person(idx), true));
                }
                let idx = people.add(speaker_person(name, honorific, pos, len));
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

/// The person a phrase closing with 'the POST' refers to ('In reply, the
/// chief nurse'): the one mentioned last before `at` whose role is POST or
/// ends with it. 'the' opens the phrase or follows a comma; POST is one to
/// four words in lower case, and not a plural.
fn post_reference(people: &People, w: &str, at: usize) -> Option<usize> {
    let phrase = w.trim_end_matches(|c: char| !c.is_alphanumeric());
    let i = phrase
        .rfind("the ")
        .or_else(|| phrase.strip_prefix("The ").map(|_| 0))?;
    let before = phrase[..i].trim_end();
    if !(before.is_empty() || before.ends_with(',')) {
        return None;
    }
    // Written in lower case, as a post is in running text (not 'the ISM').
    let post = phrase[i + "the ".len()..].trim();
    let words = post.split_whitespace().count();
    // A plural ('the councillors') is several people, none of them alone.
    let plural = post.ends_with('s') && !post.ends_with("ss");
    if plural
        || !(1..=4).contains(&words)
        || !post
            .chars()
            .all(|c| c.is_lowercase() || c == ' ' || c == '-')
    {
        return None;
    }
    people.recent_where(at, |j| {
        people.list[j].role.as_deref().is_some_and(|r| {
            let r = r.to_lowercase();
            r == post || r.ends_with(&format!(" {post}"))
        })
    })
}

/// The person a phrase ending 'the NOUN' refers to, where NOUN is a title
/// of `title_nouns` ('the professor'): the one mentioned last before `at`
/// with one of its honorifics. 'the' must open the phrase, follow a break or
/// a `speaker_leading_words` word ('In reply, the professor').
fn title_noun(
    ctx: &Ctx,
    people: &People,
    tokens: &[super::names::Tok],
    at: usize,
) -> Option<usize> {
    let n = tokens.len();
    if n < 2 || !tokens[n - 2].1.eq_ignore_ascii_case("the") {
        return None;
    }
    let leading = ctx.rules.list("speaker_leading_words");
    if !(n == 2
        || tokens[n - 2].2
        || leading
            .iter()
            .any(|l| l.eq_ignore_ascii_case(tokens[n - 3].1)))
    {
        return None;
    }
    let noun = tokens[n - 1].1.to_lowercase();
    let titles = ctx.rules.list("title_nouns").iter().find_map(|e| {
        let (k, v) = e.split_once(':')?;
        (k.trim() == noun).then_some(v)
    })?;
    people.recent_where(at, |i| {
        people.list[i].honorific.as_deref().is_some_and(|h| {
            titles
                .split_whitespace()
                .any(|t| t.eq_ignore_ascii_case(h.trim_end_matches('.')))
        })
    })
}

/// At most this many words make the subject of a clause that ends a speaker
/// phrase ('after a recent Ofsted report'); a longer run is a clause of its
/// own before the subject ('before he left for Africa on Tuesday the
/// chancellor').
const CLAUSE_SUBJECT_WORDS: usize = 5;

/// The offset in `w` of the subject of a subordinate clause that ends it: the
/// words after the last `speaker_clause_openers` word ('after', 'when'), when
/// they are two to `CLAUSE_SUBJECT_WORDS` words with no comma. None when the
/// phrase opens with that word ('After the visit the inspectors found').
fn clause_subject(ctx: &Ctx, w: &str) -> Option<usize> {
    let openers = ctx.rules.list("speaker_clause_openers");
    let mut best = None;
    let mut pos = 0;
    for word in w.split(' ') {
        // A whole word: 'after,' or 'after-hours' opens no clause.
        if pos > 0 && openers.iter().any(|o| o == word) {
            best = Some(pos + word.len() + 1);
        }
        pos += word.len() + 1;
    }
    let start = best?;
    let rest = w.get(start..)?;
    let n = rest.split_whitespace().count();
    ((2..=CLAUSE_SUBJECT_WORDS).contains(&n) && !rest.contains(',')).then_some(start)
}

/// The offset in `w` of its last word when that word is a pronoun (perhaps
/// followed by `speaker_trailing_words`) set off by a comma from what comes before.
fn pronoun_after_comma(ctx: &Ctx, w: &str) -> Option<usize> {
    let trailing = ctx.rules.list("speaker_trailing_words");
    let mut rest = w.trim_end();
    loop {
        let (head, last) = rest.rsplit_once(char::is_whitespace)?;
        if trailing.iter().any(|t| t.eq_ignore_ascii_case(last)) {
            rest = head.trim_end();
            continue;
        }
        let is_pronoun = ctx
            .rules
            .list("person_pronouns")
            .iter()
            .chain(ctx.rules.list("group_pronouns"))
            .any(|p| p.eq_ignore_ascii_case(last));
        return (is_pronoun && head.trim_end().ends_with(',')).then(|| head.len() + 1);
    }
}

/// The words of a speaker phrase around a name (from byte `start` to `end`
/// of `w`) that may be the person's role: the phrase before the name, or
/// after it between commas, without leading link words; None when empty or long.
pub(super) fn role_in_phrase(ctx: &Ctx, w: &str, start: usize, end: usize) -> Option<String> {
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
    // An honorific alone ('Mr', 'Dr') is no post.
    if ctx
        .rules
        .list("honorifics")
        .iter()
        .any(|h| h.eq_ignore_ascii_case(cand.trim_end_matches('.')))
    {
        return None;
    }
    (cand.len() >= 2 && cand.len() <= 100 && !cand.contains('"')).then(|| cand.to_string())
}

/// True when the speaker phrase ends with a `passive_auxiliaries` word (and
/// perhaps 'also'), the verb after it is one of the `report_cues` or 'told',
/// and what follows the verb is ':', a quote mark, 'as', 'that', 'it', 'to'
/// or one of `passive_inspection_agents` ('by inspectors').
fn is_passive(ctx: &Ctx, who: NormSpan) -> bool {
    let mut words = ctx.norm_str(who).split_whitespace().rev();
    let mut last = words.next().unwrap_or("");
    if last.eq_ignore_ascii_case("also") {
        last = words.next().unwrap_or("");
    }
    let text = ctx.text();
    let after = text.get(who.end..).unwrap_or("").trim_start();
    let verb = after
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let cues = ctx.rules.list("report_cues");
    if verb.is_empty() || !(verb == "told" || cues.iter().any(|c| c == verb)) {
        return false;
    }
    let rest = after[verb.len()..].trim_start();
    // A participle with no auxiliary, 'as' right after it ('with pupils
    // described as "..."'): the describing is the inspection's.
    if !is_auxiliary(ctx, last) {
        return verb.ends_with("ed") && rest.starts_with("as ");
    }
    // 'was criticised by inspectors for ...': the agent is the inspection.
    let by_inspection = ctx.rules.list("passive_inspection_agents").iter().any(|a| {
        rest.get(..a.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(a))
            && !rest[a.len()..].starts_with(|c: char| c.is_alphanumeric())
    });
    by_inspection
        || rest.starts_with([':', '"', '\''])
        || [
            "as ",
            "that ",
            "it ",
            "to ",
            "for its ",
            "for their ",
            "for the ",
        ]
        .iter()
        .any(|p| rest.starts_with(p))
}

/// True when a `passive_auxiliaries` word ends the speaker phrase or follows
/// it, and the word after that is a past participle ('It was found', 'She
/// was told'; `irregular_participles` or a word in '-ed').
fn passive_after(ctx: &Ctx, who: NormSpan) -> bool {
    let is_aux = |w: &str| is_auxiliary(ctx, w);
    let last = ctx
        .norm_str(who)
        .split_whitespace()
        .next_back()
        .unwrap_or("");
    let mut after = ctx
        .text()
        .get(who.end..)
        .unwrap_or("")
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty());
    let verb = if is_aux(last) {
        after.next()
    } else {
        after
            .next()
            .filter(|w| is_aux(w))
            .and_then(|_| after.next())
    };
    verb.is_some_and(|v| {
        v.ends_with("ed")
            || ctx
                .rules
                .list("irregular_participles")
                .iter()
                .any(|p| p == v)
    })
}

/// True when `word` is one of the `passive_auxiliaries` ('was', 'been').
fn is_auxiliary(ctx: &Ctx, word: &str) -> bool {
    ctx.rules
        .list("passive_auxiliaries")
        .iter()
        .any(|a| a.eq_ignore_ascii_case(word))
}

/// True when the (lower-case) speaker phrase opens with a `report_words` word,
/// after `speaker_leading_words` and a few modifiers, and goes on with 'of',
/// 'into', 'on', 'by', 'for', 'about' or a comma: the report is the subject
/// ('A review of the service, run by X, found'; 'The report for Ysgol Bro
/// Fenwick found'), not a word of someone's role.
fn report_heads(ctx: &Ctx, lower: &str) -> bool {
    const MODIFIERS: [&str; 7] = [
        "latest",
        "new",
        "full",
        "joint",
        "inspection",
        "recent",
        "its",
    ];
    let leading = ctx.rules.list("speaker_leading_words");
    let report = ctx.rules.list("report_words");
    let mut rest = lower.trim_start();
    loop {
        let word = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if word.is_empty() {
            return false;
        }
        let after = &rest[word.len()..];
        if report.iter().any(|r| r == word)
            && (after.starts_with(',')
                || [" of ", " into ", " on ", " by ", " for ", " about "]
                    .iter()
                    .any(|p| after.starts_with(p)))
        {
            return true;
        }
        // 'In the report, Jane Bell said': the report is no subject after 'in'.
        if word == "in" || !(leading.iter().any(|l| l == word) || MODIFIERS.contains(&word)) {
            return false;
        }
        rest = after.trim_start_matches([' ', ',']);
    }
}

/// True when `s` names the inspectorate: an alias or reference phrase, or a
/// word of `report_words` ('an inspection report').
pub(super) fn names_inspectorate(ctx: &Ctx, s: NormSpan) -> bool {
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

/// The inspector named last in `s` ('Lead inspector Jo Bell was impressed
/// with ...'): a head of an inspectorate, or a post with 'inspector' in it.
pub(super) fn inspector_in(ctx: &Ctx, people: &People, s: NormSpan) -> Option<usize> {
    people
        .list
        .iter()
        .enumerate()
        .filter(|(_, p)| is_inspector(ctx, p))
        .filter_map(|(i, p)| {
            p.mentions
                .iter()
                .filter(|&&m| s.start <= m && m < s.end)
                .max()
                .map(|&m| (m, i))
        })
        .max()
        .map(|(_, i)| i)
}

/// The one person the text names as a head of an inspectorate, if it names
/// exactly one: found by `person.inspectorate_head`, or named as one of the
/// `inspectorate_heads` by another rule ('Peter Clarke told the minister').
fn sole_inspectorate_head(ctx: &Ctx, people: &People) -> Option<usize> {
    sole_person(people, |p| is_inspectorate_head(ctx, p))
}

/// The one person the text names as an inspector (a head of an inspectorate,
/// or a post with 'inspector' in it), when there is exactly one.
fn sole_inspector(ctx: &Ctx, people: &People) -> Option<usize> {
    sole_person(people, |p| is_inspector(ctx, p))
}

/// True for an inspector: a head of an inspectorate, or a post with
/// 'inspector' in it.
fn is_inspector(ctx: &Ctx, p: &Person) -> bool {
    is_inspectorate_head(ctx, p)
        || p.role
            .as_deref()
            .is_some_and(|r| r.to_lowercase().contains("inspector"))
}

/// True for a head of an inspectorate: `person.inspectorate_head`, or a name
/// of the `inspectorate_heads` list.
fn is_inspectorate_head(ctx: &Ctx, p: &Person) -> bool {
    p.rule == "person.inspectorate_head"
        || ctx
            .rules
            .list("inspectorate_heads")
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&p.name))
}

/// The index of the one person `pick` accepts, when it accepts exactly one.
fn sole_person(people: &People, pick: impl Fn(&Person) -> bool) -> Option<usize> {
    let mut found = people.list.iter().enumerate().filter(|(_, p)| pick(p));
    let (first, _) = found.next()?;
    found.next().is_none().then_some(first)
}

/// A person the speaker resolution names, with no post: `len` bytes at `at`.
fn speaker_person(name: String, honorific: Option<String>, at: usize, len: usize) -> Person {
    Person {
        name,
        role: None,
        org: None,
        honours: None,
        honorific,
        span: NormSpan::new(at, at + len),
        rule: "person.speaker".into(),
        official: None,
        role_priority: u32::MAX,
        quoted: false,
        mentions: vec![at],
    }
}

/// The initials of a body, when they are the whole speaker phrase but for
/// `speaker_leading_words` and `speaker_trailing_words` ('the QCA', 'The
/// WTO also'): two to six capital letters, perhaps with a possessive, that no
/// `[[role]]` rule reads as a post.
fn acronym_only(ctx: &Ctx, tokens: &[super::names::Tok]) -> Option<String> {
    let leading = ctx.rules.list("speaker_leading_words");
    let rest: Vec<&str> = tokens
        .iter()
        .map(|t| t.1)
        .skip_while(|t| leading.iter().any(|l| l.eq_ignore_ascii_case(t)))
        .collect();
    let [only] = rest.as_slice() else {
        return None;
    };
    let bare = only
        .trim_end_matches(['.', ':', ','])
        .trim_end_matches("'s");
    if !(2..=6).contains(&bare.len()) || !bare.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let is_role = ctx
        .rules
        .family(Family::Role)
        .any(|(_, r)| r.find(bare).is_some_and(|m| m.as_str() == bare));
    (!is_role).then(|| bare.to_string())
}

/// How far back (bytes) a pronoun looks for a spokesperson.
const SPOKESPERSON_WINDOW: usize = 600;

/// For a pronoun at `at`: a spokesperson the text speaks of after `after`
/// (the last person named) in the sentences just before, of the pronoun's
/// gender where the word gives one ('spokesman' is no 'she').
fn spokesperson_before(
    ctx: &Ctx,
    people: &mut People,
    at: usize,
    after: usize,
    female: bool,
    prev: Option<&Who>,
) -> Option<Who> {
    let words = ctx.rules.list("spokesperson_words");
    let from = at.saturating_sub(SPOKESPERSON_WINDOW).max(after);
    let lo = ctx.doc.sentences.partition_point(|s| s.span.end <= from);
    let hi = ctx.doc.sentences.partition_point(|s| s.span.start < at);
    for si in (lo..hi).rev() {
        // The whole sentence, so that a spokesperson named in it ('Jo
        // Hale, a spokeswoman for X, said') is that person; the word itself
        // after the last person named.
        let span = ctx.doc.sentences[si].span;
        let span = NormSpan::new(span.start, span.end.min(at));
        if span.start >= span.end {
            continue;
        }
        let lower = ctx.norm_str(span).to_lowercase();
        let mut off = 0;
        let word = lower.split(|c: char| !c.is_alphanumeric()).find(|t| {
            let hit = span.start + off > from && words.iter().any(|w| w == t);
            off += t.len() + 1;
            hit
        });
        let Some(word) = word else { continue };
        if word == "spokesman" && female || word == "spokeswoman" && !female {
            return None;
        }
        for scope in ["pre_colon", "pre_reported"] {
            for (who, _, _) in super::matches_of(ctx, scope, span) {
                // Not a phrase ending with a pronoun itself, which would ask again.
                let ends_pronoun = ctx
                    .norm_str(who)
                    .rsplit(' ')
                    .next()
                    .is_some_and(|t| ctx.rules.list_has("person_pronouns", t));
                if ends_pronoun {
                    continue;
                }
                if let Some((w @ Who::Spokesperson(_), _)) = resolve(ctx, people, who, at, prev) {
                    return Some(w);
                }
            }
        }
        return None;
    }
    None
}

/// The words naming the body after a phrase's opening `body_people_words`
/// word and 'at', 'of', 'from' or 'for' ('Bosses at the trust have ...'),
/// at most `BODY_WORDS` words; `None` when the phrase opens otherwise.
fn body_of_its_people<'w>(ctx: &Ctx, w: &'w str) -> Option<&'w str> {
    let strip = |t: &'w str, p: &str| {
        t.get(..p.len())
            .filter(|h| h.eq_ignore_ascii_case(p))
            .map(|_| &t[p.len()..])
    };
    let t = w.trim_start();
    let t = strip(t, "the ").unwrap_or(t);
    let (head, rest) = t.split_once(' ')?;
    if !ctx.rules.list_has("body_people_words", head) {
        return None;
    }
    let rest = ["at ", "of ", "from ", "for "]
        .iter()
        .find_map(|p| strip(rest, p))?;
    let end = rest
        .match_indices(' ')
        .nth(BODY_WORDS - 1)
        .map_or(rest.len(), |(i, _)| i);
    Some(&rest[..end])
}

/// At most this many words name the body after 'bosses at'.
const BODY_WORDS: usize = 5;
