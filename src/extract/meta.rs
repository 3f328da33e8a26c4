//! Title, byline, image credits, inspectorate, doc type and publisher.

use super::Ctx;
use crate::record::Provenance;
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
}

/// Trim a captured name: spaces, trailing punctuation, a leading 'By'.
pub fn clean_name(s: &str) -> String {
    s.trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_string()
}

/// Title, byline, credits and inspectorate.
pub fn extract(ctx: &Ctx, prov: &mut BTreeMap<String, Provenance>) -> Meta {
    let mut meta = Meta::default();
    if let Some(p) = ctx.doc.paragraphs.first() {
        meta.title = Some(ctx.orig_str(p.span));
        prov.insert(
            "title".into(),
            Provenance {
                rule: "meta.title.first_line".into(),
                span: Some(ctx.span(p.span)),
            },
        );
    }
    for (hit, rule) in ctx.hits(Family::Byline) {
        if !ctx.applies(hit, rule) {
            continue;
        }
        if let Some(g) = ctx.group(hit, "name") {
            let name = clean_name(&ctx.orig_str(g));
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
    let best = (0..n)
        .filter(|&i| first[i].is_some())
        .max_by_key(|&i| (score[i], std::cmp::Reverse(first[i].map(|s| s.start))));
    if let Some(i) = best {
        meta.inspectorate = Some(i);
        meta.inspectorate_span = first[i].map(|s| ctx.span(s));
    }
    meta
}

/// The document type: the heaviest `[[doc_type]]` cues win.
pub fn doc_type(
    ctx: &Ctx,
    meta: &Meta,
    insp: Option<usize>,
    prov: &mut BTreeMap<String, Provenance>,
) -> String {
    let mut scores: BTreeMap<String, (i32, String, Span)> = BTreeMap::new();
    for (hit, rule) in ctx.hits(Family::DocType) {
        if !ctx.applies(hit, rule) {
            continue;
        }
        let Some(kind) = rule.def.kind.clone() else {
            continue;
        };
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
            k.clone()
        }
        None => {
            let k = if insp.is_some() { "news" } else { "other" };
            prov.insert(
                "doc_type".into(),
                Provenance {
                    rule: "meta.doc_type.default".into(),
                    span: None,
                },
            );
            k.into()
        }
    }
}

/// The publisher: a stated one, else the inspectorate for its own release.
pub fn publisher(
    ctx: &Ctx,
    _meta: &Meta,
    doc_type: &str,
    insp: Option<usize>,
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
        let name = clean_name(&ctx.orig_str(g));
        let name = name.trim_start_matches("the ").to_string();
        if name.is_empty() {
            continue;
        }
        let key = (rule.def.priority, g.start);
        if best.as_ref().is_none_or(|b| key < (b.0, b.1)) {
            best = Some((key.0, key.1, name, rule.info.id.clone(), g));
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
    if doc_type == "press_release" {
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
