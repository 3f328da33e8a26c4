//! Title, byline, image credits, inspectorate, doc type and publisher.
//!
//! The inspectorate is decided by a vote of its names, chief titles and hints;
//! a joint inspection takes the one named first. The record keeps it
//! only when the article reports an inspection's outcome (a rating, or an
//! `outcome_cues` phrase): an inspectorate named in passing is none.

use super::Ctx;
use crate::record::{Provenance, Quote};
use crate::rules::{Family, PhraseKind};
use crate::span::{NormSpan, Span};
use std::collections::BTreeMap;

/// What the meta pass found, used by later extractors.
#[derive(Debug, Default)]
pub struct Meta {
    /// The headline.
    pub title: Option<String>,
    /// The byline name and where it was.
    pub byline: Option<(String, NormSpan)>,
    /// Names of reporters, photographers and image credits: never officials.
    pub not_officials: Vec<String>,
    /// Index of the inspectorate.
    pub inspectorate: Option<usize>,
    /// Its first mention.
    pub inspectorate_span: Option<Span>,
    /// The inspectorate is not named but inferred from what the article
    /// speaks of (`infer` phrases): it counts only when the article reports
    /// an inspection.
    pub inferred: bool,
    /// With no inspectorate named, the one the hints point to when the text
    /// speaks of inspectors or a report: whose words those are.
    pub inspectorate_hint: Option<usize>,
}

/// Trim a captured name: spaces, trailing punctuation, a leading 'By'.
pub fn clean_name(s: &str) -> String {
    s.trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_string()
}

/// A publisher's name without the possessive of the place that opens it
/// when one of `publisher_possessive_heads` follows ('Wrexford's Police and
/// Crime Commissioner' is 'Wrexford Police and Crime Commissioner').
fn possessive_dropped(ctx: &Ctx, name: String) -> String {
    let Some((place, rest)) = name.split_once(' ') else {
        return name;
    };
    let Some(place) = place
        .strip_suffix("'s")
        .or_else(|| place.strip_suffix("\u{2019}s"))
    else {
        return name;
    };
    let heads = ctx.rules.list("publisher_possessive_heads");
    if heads
        .iter()
        .any(|h| rest.split(' ').next() == Some(h.as_str()))
    {
        format!("{place} {rest}")
    } else {
        name
    }
}

/// Title, byline, credits and inspectorate.
pub fn extract(ctx: &Ctx, prov: &mut BTreeMap<String, Provenance>) -> Meta {
    let mut meta = Meta::default();
    if let Some(t) = ctx.doc.title {
        meta.title = Some(ctx.orig_str(t.span));
        let rule = match t.rule {
            Some(i) => ctx.rules.regex_rules[i].info.id.clone(),
            None => "meta.title.headline".into(),
        };
        prov.insert(
            "title".into(),
            Provenance {
                rule,
                span: Some(ctx.span(t.span)),
            },
        );
    }
    for (hit, rule) in ctx.hits(Family::Byline) {
        if !ctx.applies(hit, rule) {
            continue;
        }
        if let Some(g) = ctx.group(hit, "name") {
            let name = clean_name(&ctx.orig_str(g));
            // A paper's or a page's name is no reporter's ('Daily Record',
            // 'Wales Online').
            if holds_word_of(ctx, &name, &["masthead_words", "byline_stopwords"]) {
                continue;
            }
            if meta.byline.is_none() {
                prov.insert(
                    "byline".into(),
                    Provenance {
                        rule: rule.info.id.clone(),
                        span: Some(ctx.span(g)),
                    },
                );
                meta.byline = Some((name.clone(), g));
            }
            meta.not_officials.push(name);
        }
    }
    for (hit, _) in ctx.hits(Family::Credit) {
        if let Some(g) = ctx.group(hit, "name") {
            meta.not_officials.push(clean_name(&ctx.orig_str(g)));
        }
    }

    // Inspectorate: unambiguous names and chief titles weigh most; an ambiguous
    // acronym (HMIP) counts for each owner, and hints break the tie.
    let n = ctx.rules.inspectorates.len();
    let mut score = vec![0i64; n];
    let mut first: Vec<Option<NormSpan>> = vec![None; n];
    for h in &ctx.m.phrases {
        let (i, w) = match h.tag.kind {
            PhraseKind::InspectorateAlias { insp, ambiguous } => {
                (insp, if ambiguous { 2 } else { 4 })
            }
            PhraseKind::ChiefTitle { insp } => (insp, 4),
            PhraseKind::Hint { insp } => (insp, 1),
            _ => continue,
        };
        let w = if ctx.doc.is_boilerplate(h.span.start) {
            1
        } else {
            w
        };
        score[i] += w;
        if !matches!(h.tag.kind, PhraseKind::Hint { .. }) && first[i].is_none() {
            first[i] = Some(h.span);
        }
    }
    let mut best = (0..n)
        .filter(|&i| first[i].is_some())
        .max_by_key(|&i| (score[i], std::cmp::Reverse(first[i].map(|s| s.start))));
    // A joint inspection leads with the inspectorate named first.
    if let (Some(b), Some((lead, other))) = (best, joint_pair(ctx)) {
        if b == lead || b == other {
            best = Some(lead);
        }
    }
    // No name at all, but the article speaks of inspectors or the inspectorate
    // ('Inspectors said ...'): the hints decide, when one inspectorate leads by
    // at least two of them. That one is only whose words 'inspectors' and 'the
    // report' are (quotes, themes): the record names no inspectorate, unless
    // the `infer` phrases give one (below).
    if let Some(i) = best {
        meta.inspectorate = Some(i);
        meta.inspectorate_span = first[i].map(|s| ctx.span(s));
    } else if ctx.m.phrases.iter().any(|h| {
        matches!(h.tag.kind, PhraseKind::InspectorateRef) && !ctx.doc.is_boilerplate(h.span.start)
    }) {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(score[i]));
        if let [a, b, ..] = order[..] {
            if score[a] >= score[b] + 2 {
                meta.inspectorate_hint = Some(a);
            }
        }
    }
    if best.is_none() {
        meta.inspectorate = infer(ctx);
        meta.inferred = meta.inspectorate.is_some();
    }
    meta
}

/// With no inspectorate named: the one whose `infer` phrases (what only it
/// inspects or grades) occur outside boilerplate at least
/// `inspectorate_infer_min` times and `inspectorate_infer_margin` times more
/// than any other's (both lists in `meta.toml`; without them, none).
fn infer(ctx: &Ctx) -> Option<usize> {
    let num = |name: &str| {
        ctx.rules
            .list(name)
            .first()
            .and_then(|v| v.parse::<i64>().ok())
    };
    let (min, margin) = (
        num("inspectorate_infer_min")?,
        num("inspectorate_infer_margin")?,
    );
    let mut score = vec![0i64; ctx.rules.inspectorates.len()];
    for h in &ctx.m.phrases {
        if let PhraseKind::Infer { insp } = h.tag.kind {
            if !ctx.doc.is_boilerplate(h.span.start) {
                score[insp] += 1;
            }
        }
    }
    let mut order: Vec<usize> = (0..score.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(score[i]), i));
    let a = *order.first()?;
    let b = order.get(1).map_or(0, |&b| score[b]);
    (score[a] >= min && score[a] >= b + margin).then_some(a)
}

/// Two inspectorates named side by side as one team: consecutive unambiguous
/// names outside boilerplate with only a `joint_inspection_links` word between
/// them, bracketed acronyms aside, and at most three capitalised words of the
/// second's name after it ('HM Inspectorate of Prisons (HMIP) and Her
/// Majesty's Inspectorate of Constabulary'). The first such pair, as (first named,
/// second named).
fn joint_pair(ctx: &Ctx) -> Option<(usize, usize)> {
    let links = ctx.rules.list("joint_inspection_links");
    if links.is_empty() {
        return None;
    }
    let text = ctx.text();
    let mut prev: Option<(usize, NormSpan)> = None;
    for h in &ctx.m.phrases {
        let PhraseKind::InspectorateAlias {
            insp,
            ambiguous: false,
        } = h.tag.kind
        else {
            continue;
        };
        if ctx.doc.is_boilerplate(h.span.start) {
            continue;
        }
        if let Some((p, ps)) = prev {
            if p != insp && h.span.start >= ps.end {
                let gap = &text[ps.end..h.span.start];
                let mut bare = String::new();
                let mut depth = 0usize;
                for c in gap.chars() {
                    match c {
                        '(' => depth += 1,
                        ')' => depth = depth.saturating_sub(1),
                        _ if depth == 0 => bare.push(c),
                        _ => {}
                    }
                }
                let words: Vec<&str> = bare.split_whitespace().collect();
                let joined = links.iter().any(|l| {
                    let n = l.split_whitespace().count();
                    words.len() >= n
                        && words.len() <= n + 3
                        && words[..n].join(" ").eq_ignore_ascii_case(l)
                        && words[n..]
                            .iter()
                            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
                });
                if joined {
                    return Some((p, insp));
                }
            }
        }
        if prev.is_none_or(|(_, ps)| h.span.end >= ps.end) {
            prev = Some((insp, h.span));
        }
    }
    None
}

/// True when the article shows an inspection's outcome: an `outcome_cues`
/// phrase outside boilerplate (always true when the rules list none).
/// A `no_outcome_cues` phrase anywhere (a job advert, a consultation) makes
/// it false.
pub fn reports_outcome(ctx: &Ctx) -> bool {
    if ctx
        .m
        .phrases
        .iter()
        .any(|h| matches!(h.tag.kind, PhraseKind::NoOutcomeCue))
    {
        return false;
    }
    !ctx.rules.outcome_cues
        || ctx.m.phrases.iter().any(|h| {
            matches!(h.tag.kind, PhraseKind::OutcomeCue) && !ctx.doc.is_boilerplate(h.span.start)
        })
}

/// True when `s` lies inside one of the quotations (or their continuations).
fn quoted(quotes: &[Quote], s: Span) -> bool {
    quotes.iter().any(|q| {
        std::iter::once(&q.span)
            .chain(&q.continued)
            .any(|c| c.start <= s.start && s.end <= c.end)
    })
}

/// True when the paragraph holding `pos` opens with a quote mark: speech, even
/// where the quotation's close is lost and no quote was paired.
fn in_speech_paragraph(ctx: &Ctx, pos: usize) -> bool {
    ctx.doc.paragraph_at(pos).is_some_and(|p| {
        ctx.norm_str(ctx.doc.paragraphs[p].span)
            .starts_with(['"', '\''])
    })
}

/// True when `pos` follows a colon and an opening quote mark in its paragraph
/// (`said: 'We found ...`) with no closing mark between: speech, even where
/// the quotation was not paired. A quote mark followed by a letter is an
/// apostrophe and closes nothing.
fn after_colon_quote(ctx: &Ctx, pos: usize) -> bool {
    let Some(p) = ctx.doc.paragraph_at(pos) else {
        return false;
    };
    let start = ctx.doc.paragraphs[p].span.start;
    let Some(before) = ctx.text().get(start..pos) else {
        return false;
    };
    let b = before.as_bytes();
    let is_q = |c: u8| c == b'"' || c == b'\'';
    // The last ': "' opener before `pos`.
    let mut open = None;
    for (i, &c) in b.iter().enumerate() {
        if c == b':' {
            let mut j = i + 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && is_q(b[j]) {
                open = Some(j + 1);
            }
        }
    }
    let Some(o) = open else {
        return false;
    };
    !(o..b.len()).any(|i| is_q(b[i]) && b.get(i + 1).is_none_or(|n| !n.is_ascii_alphanumeric()))
}

/// The document type: the heaviest `[[doc_type]]` cues win. A cue with
/// `scope = "unquoted"` counts only outside the quotations, paragraphs that
/// open with a quote mark and text after `said: '` (first-person words are the publisher's only when
/// nobody is quoted saying them). With no cue, the first entry of the
/// `doc_type_default_no_quotes` list when the article quotes nobody, reports
/// no speech (no `doc_type_report_verbs` word) and gives no rating, else
/// the first of the `doc_type_default` list, else `news` when an
/// inspectorate is named and `other` when none is. Also returns the ids of
/// the cues that counted for the type chosen.
pub fn doc_type(
    ctx: &Ctx,
    meta: &Meta,
    insp: Option<usize>,
    quotes: &[Quote],
    rated: bool,
    prov: &mut BTreeMap<String, Provenance>,
) -> (String, Vec<String>) {
    let mut scores: BTreeMap<String, (i32, String, Span)> = BTreeMap::new();
    let mut cues: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (hit, rule) in ctx.hits(Family::DocType) {
        if !ctx.applies(hit, rule) {
            continue;
        }
        if rule.def.scope.as_deref() == Some("unquoted")
            && (quoted(quotes, ctx.span(hit.span))
                || in_speech_paragraph(ctx, hit.span.start)
                || after_colon_quote(ctx, hit.span.start))
        {
            continue;
        }
        let Some(kind) = rule.def.kind.clone() else {
            continue;
        };
        cues.entry(kind.clone())
            .or_default()
            .push(rule.info.id.clone());
        let e = scores
            .entry(kind)
            .or_insert((0, rule.info.id.clone(), ctx.span(hit.span)));
        e.0 += rule.def.weight;
    }
    if let Some((_, span)) = &meta.byline {
        let e = scores.entry("news".into()).or_insert((
            0,
            "meta.doc_type.byline".into(),
            ctx.span(*span),
        ));
        e.0 += 3;
    }
    let best = scores
        .iter()
        .filter(|(_, v)| v.0 > 0)
        .max_by_key(|(k, v)| (v.0, k.as_str() == "news"));
    match best {
        Some((k, (_, rule, span))) => {
            prov.insert(
                "doc_type".into(),
                Provenance {
                    rule: rule.clone(),
                    span: Some(*span),
                },
            );
            (k.clone(), cues.remove(k).unwrap_or_default())
        }
        None => {
            // A report quotes someone, reports what someone said or gives a
            // grade; a page that does none of these is a listing, a
            // reference page or a blog.
            let unquoted = ctx
                .rules
                .list("doc_type_default_no_quotes")
                .first()
                .filter(|_| quotes.is_empty() && !rated && !reports_speech(ctx));
            let (k, rule) = match (unquoted, ctx.rules.list("doc_type_default").first()) {
                (Some(k), _) => (k.as_str(), "meta.doc_type.no_quotes"),
                (None, Some(k)) => (k.as_str(), "meta.doc_type.default"),
                (None, None) if insp.is_some() => ("news", "meta.doc_type.default"),
                (None, None) => ("other", "meta.doc_type.default"),
            };
            prov.insert(
                "doc_type".into(),
                Provenance {
                    rule: rule.into(),
                    span: None,
                },
            );
            (k.into(), Vec::new())
        }
    }
}

/// True when a word of the `doc_type_report_verbs` list ('said', 'told')
/// occurs in the text: somebody's words are reported.
fn reports_speech(ctx: &Ctx) -> bool {
    let verbs = ctx.rules.list("doc_type_report_verbs");
    ctx.text()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| verbs.iter().any(|v| v == w))
}

/// A name a scraper wrote twice over, run together ('UK TimesUK Times': a
/// logo's text and its alt text): the name once.
fn undoubled(name: &str) -> &str {
    let half = name.len() / 2;
    if name.len() % 2 == 0
        && half > 0
        && name.is_char_boundary(half)
        && name[..half] == name[half..]
    {
        &name[..half]
    } else {
        name
    }
}

/// True when `name` holds a word of one of the rules' `lists` (a page's
/// section or control in a publisher, 'Latest News'; a paper's or a
/// place's name in a byline, 'Wales Online').
fn holds_word_of(ctx: &Ctx, name: &str, lists: &[&str]) -> bool {
    name.split_whitespace().any(|w| {
        lists
            .iter()
            .any(|l| ctx.rules.list(l).iter().any(|x| x == w))
    })
}

/// True when `name` is one of `cited_outlets`, case and a leading 'The' aside.
fn cited_outlet(ctx: &Ctx, name: &str) -> bool {
    let bare = |s: &str| {
        let s = s.trim();
        let s = s
            .strip_prefix("The ")
            .or_else(|| s.strip_prefix("the "))
            .unwrap_or(s);
        s.to_lowercase()
    };
    let name = bare(name);
    ctx.rules
        .list("cited_outlets")
        .iter()
        .any(|o| bare(o) == name)
}

/// The publisher: a stated one (a `[[publisher]]` rule, or the site name cut
/// off the headline, at priority 3), else the inspected body for its own
/// statement, else the inspectorate for its own release. `cues` are the ids of
/// the doc-type cues that chose `doc_type`.
pub fn publisher(
    ctx: &Ctx,
    _meta: &Meta,
    doc_type: &str,
    cues: &[String],
    insp: Option<usize>,
    services: &[crate::record::Service],
    prov: &mut BTreeMap<String, Provenance>,
) -> Option<String> {
    let mut best: Option<(u32, usize, String, String, NormSpan)> = None;
    for (hit, rule) in ctx.hits(Family::Publisher) {
        if !ctx.applies(hit, rule) {
            continue;
        }
        if rule.def.kind.as_deref().is_some_and(|k| k != doc_type) {
            continue;
        }
        let Some(g) = ctx.group(hit, "publisher") else {
            continue;
        };
        // A rule with a fixed `value` names the publisher as readers know it
        // ('The BBC is not responsible ...' is BBC News).
        let name = match &rule.def.value {
            Some(v) => v.clone(),
            None => possessive_dropped(ctx, clean_name(&ctx.orig_str(g))),
        };
        let name = undoubled(name.trim_start_matches("the ")).to_string();
        if name.is_empty() || holds_word_of(ctx, &name, &["publisher_stopwords"]) {
            continue;
        }
        // A rule that reads an outlet someone speaks to ('told the Eastbridge
        // Post') passes over the national and wire outlets stories cite.
        let citing = ctx
            .rules
            .list("citing_publisher_rules")
            .contains(&rule.info.id);
        if citing && cited_outlet(ctx, &name) {
            continue;
        }
        let key = (rule.def.priority, g.start);
        if best.as_ref().is_none_or(|b| key < (b.0, b.1)) {
            best = Some((key.0, key.1, name, rule.info.id.clone(), g));
        }
    }
    // The site name cut off the headline ranks with a paper's name.
    if let Some(g) = ctx.doc.site {
        let key = (3, g.start);
        let name = clean_name(&ctx.orig_str(g));
        if !name.is_empty() && best.as_ref().is_none_or(|b| key < (b.0, b.1)) {
            best = Some((key.0, key.1, name, "meta.publisher.title_site".into(), g));
        }
    }
    if let Some((_, _, name, rule, g)) = best {
        prov.insert(
            "publisher".into(),
            Provenance {
                rule,
                span: Some(ctx.span(g)),
            },
        );
        return Some(name);
    }
    // An inspected body's own statement is its own news: a body that is its
    // service (`statement_self_kinds`: a police force, a fire and rescue
    // service) publishes it, and so does the council a service's name opens
    // with ('Eastshire Council's children's services').
    if doc_type == "council_statement" {
        let kinds = ctx.rules.list("statement_self_kinds");
        let body = services.iter().find_map(|s| {
            if s.kind
                .as_deref()
                .is_some_and(|k| kinds.iter().any(|x| x == k))
            {
                return Some(s.name.clone());
            }
            let end = s.name.find(" Council")? + " Council".len();
            let head = &s.name[..end];
            (head.starts_with(|c: char| c.is_uppercase()) && !head.starts_with("The "))
                .then(|| head.to_string())
        });
        // Else a body that runs itself (`statement_body_kinds`, in that
        // order: an NHS trust, a provider, a school), when it is the only
        // service of its kind the text names and the text speaks in its own
        // voice (a `statement_own_voice` cue: 'our patients', 'Dear
        // Parents', 'the Trust'): a practice's or a school's own statement.
        // A council's page about one of its schools speaks of the school.
        let own = ctx.rules.list("statement_own_voice");
        let own_voice = cues.iter().any(|c| own.iter().any(|o| o == c));
        let body = body.or_else(|| {
            if !own_voice {
                return None;
            }
            ctx.rules.list("statement_body_kinds").iter().find_map(|k| {
                let mut of_kind = services.iter().filter(|s| s.kind.as_deref() == Some(k));
                match (of_kind.next(), of_kind.next()) {
                    (Some(s), None) => Some(s.name.clone()),
                    _ => None,
                }
            })
        });
        if let Some(name) = body {
            prov.insert(
                "publisher".into(),
                Provenance {
                    rule: "meta.publisher.inspected_body".into(),
                    span: None,
                },
            );
            return Some(name);
        }
    }
    // A release known only by the wording of the report it announces
    // (`press_release_unsigned_cues`), with no sign of the site it is on,
    // may be anyone's copy of it: no publisher.
    let unsigned = ctx.rules.list("press_release_unsigned_cues");
    let unsigned_only = !cues.is_empty() && cues.iter().all(|c| unsigned.contains(c));
    if doc_type == "press_release" && !unsigned_only {
        if let Some(i) = insp {
            let d = &ctx.rules.inspectorates[i];
            prov.insert(
                "publisher".into(),
                Provenance {
                    rule: d.info.id.clone(),
                    span: None,
                },
            );
            return Some(d.name.clone());
        }
    }
    None
}
