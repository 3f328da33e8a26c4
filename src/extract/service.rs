//! Inspected services: `[[service]]` rules find names ('Redbridge Youth Justice
//! and Targeted Prevention Service (YJTPS)'); mentions of one service are merged,
//! its acronym read from the text, and later references ('the YJS', 'the
//! Service', a one-letter typo of the acronym) added to its spans.
//!
//! Names of the fixed, enumerable bodies (police forces, fire and rescue
//! services, prisons, ...) come from the gazetteers in `rules/gazetteers/`,
//! found by the matcher's phrase pass: such a mention takes its kind and
//! locality from the gazetteer and its name as the text writes it, and wins
//! over a regex mention of the same span.
//!
//! [`reports_inspection`] decides whether an article reports an inspection at
//! all; an article that does not has no services and no ratings.

use super::Ctx;
use crate::record::Service;
use crate::rules::{Family, PhraseKind};
use crate::span::NormSpan;

struct Mention {
    name: String,
    locality: Option<String>,
    kind: Option<String>,
    acronym: Option<String>,
    kind_text: String,
    span: NormSpan,
    rule: String,
    para: usize,
}

/// Strip stop words ('The', 'In') from both ends of a locality, and
/// `locality_trailing_stopwords` ('City', 'County') from its end only.
fn clean_locality(ctx: &Ctx, s: &str) -> Option<String> {
    let stop = ctx.rules.list("locality_stopwords");
    let trailing = ctx.rules.list("locality_trailing_stopwords");
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while let Some(w) = words.first() {
        if stop.iter().any(|x| x.eq_ignore_ascii_case(w)) {
            words.remove(0);
        } else {
            break;
        }
    }
    while let Some(w) = words.last() {
        if stop
            .iter()
            .chain(trailing)
            .any(|x| x.eq_ignore_ascii_case(w))
        {
            words.pop();
        } else {
            break;
        }
    }
    let out = words.join(" ");
    let out = out
        .trim_end_matches("'s")
        .trim_end_matches("\u{2019}s")
        .trim_end_matches('\'')
        .trim_end_matches('\u{2019}');
    (!out.is_empty()).then(|| out.to_string())
}

/// Initials of the capitalised words: 'Youth Justice Service' -> 'YJS'.
fn initials(s: &str) -> String {
    s.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Same length, and either one letter different or the same letters reordered.
fn near_acronym(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a.len() < 3 || a == b {
        return false;
    }
    let diff = a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count();
    let mut x: Vec<u8> = a.bytes().collect();
    let mut y: Vec<u8> = b.bytes().collect();
    x.sort_unstable();
    y.sort_unstable();
    diff == 1 || x == y
}

/// The `kind` of the `[[service]]` rules that name no service but mark an
/// article as reporting an inspection ('inspected', 'inspectors').
pub const INSPECTION_CUE: &str = "inspection_cue";

/// True when the article reports an inspection: it has an inspectorate, or a
/// `[[service]]` rule of kind [`INSPECTION_CUE`] matches outside boilerplate.
/// Articles that do not (general news naming a police force or an academy in
/// passing) get no services and no ratings.
pub fn reports_inspection(ctx: &Ctx, has_inspectorate: bool) -> bool {
    has_inspectorate
        || ctx
            .hits(Family::Service)
            .any(|(h, r)| r.def.kind.as_deref() == Some(INSPECTION_CUE) && ctx.applies(h, r))
}

/// The acronym in brackets right after a name ('... Service (YJS)').
fn acronym_after(text: &str, end: usize) -> Option<String> {
    text.get(end..)
        .unwrap_or("")
        .strip_prefix(" (")
        .and_then(|r| r.split_once(')'))
        .map(|(a, _)| a)
        .filter(|a| {
            a.len() >= 2
                && a.len() <= 8
                && a.chars().all(|c| c.is_ascii_alphabetic())
                && a.chars().filter(|c| c.is_uppercase()).count() >= 2
        })
        .map(str::to_string)
}

/// The inspected services.
pub fn extract(ctx: &Ctx) -> Vec<Service> {
    let text = ctx.text();
    let mut mentions: Vec<Mention> = Vec::new();
    // Gazetteer names first, so that they win over a regex mention of the same span.
    for p in &ctx.m.phrases {
        let PhraseKind::Service { entry } = p.tag.kind else {
            continue;
        };
        if ctx.doc.is_boilerplate(p.span.start) {
            continue;
        }
        let Some(para) = ctx.doc.paragraph_at(p.span.start) else {
            continue;
        };
        let e = &ctx.rules.gazetteer[entry];
        let name = ctx.orig_str(p.span);
        mentions.push(Mention {
            kind_text: name.clone(),
            name,
            locality: e.locality.clone(),
            kind: Some(e.kind.clone()),
            acronym: acronym_after(text, p.span.end),
            span: p.span,
            rule: ctx.rules.rule_id(p.tag.rule).to_string(),
            para,
        });
    }
    // Localities hinted at without a service name ('Fenwick Moor nursery'),
    // headline hints first.
    let mut hints: Vec<(bool, usize, String)> = Vec::new();
    let lead_stop = ctx.rules.list("name_leading_stopwords");
    for (hit, rule) in ctx.hits(Family::Service) {
        if !ctx.applies(hit, rule) || rule.def.kind.as_deref() == Some(INSPECTION_CUE) {
            continue;
        }
        let Some(para) = ctx.doc.paragraph_at(hit.span.start) else {
            continue;
        };
        let locality = ctx
            .group(hit, "locality")
            .and_then(|g| clean_locality(ctx, &ctx.orig_str(g)));
        if rule.def.kind.as_deref() == Some("locality") {
            if let Some(l) = locality {
                hints.push((para != 0, hit.span.start, l));
            }
            continue;
        }
        let kind_g = ctx.group(hit, "kind").unwrap_or(hit.span);
        let kind_text = ctx.orig_str(kind_g);
        let mut name_g = ctx.group(hit, "name").unwrap_or(hit.span);
        // Drop a leading preposition caught by a capital ('At Heartwood Home Care').
        loop {
            let t = ctx.norm_str(name_g);
            let Some((first, rest)) = t.split_once(' ') else {
                break;
            };
            if rest.is_empty() || !lead_stop.iter().any(|w| w == first) {
                break;
            }
            name_g = NormSpan::new(name_g.start + first.len() + 1, name_g.end);
        }
        // '<locality>'s <kind>' reads as '<locality> <kind>'.
        let name = match ctx.group(hit, "locality") {
            Some(lg)
                if lg.start >= name_g.start
                    && lg.end < name_g.end
                    && text.get(lg.end..lg.end + 3) == Some("'s ") =>
            {
                format!(
                    "{} {}",
                    ctx.orig_str(NormSpan::new(name_g.start, lg.end)),
                    ctx.orig_str(NormSpan::new(lg.end + 3, name_g.end))
                )
            }
            _ => ctx.orig_str(name_g),
        };
        let acronym = acronym_after(text, name_g.end);
        mentions.push(Mention {
            name,
            locality,
            kind: rule.def.kind.clone(),
            acronym,
            kind_text,
            span: name_g,
            rule: rule.info.id.clone(),
            para,
        });
    }
    // Stable: at equal spans a gazetteer mention stays first and is kept.
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    // Drop mentions inside a longer one.
    let mut kept: Vec<Mention> = Vec::new();
    for m in mentions {
        if kept.iter().any(|k| {
            k.span.contains(m.span) || (k.span.overlaps(m.span) && k.span.len() >= m.span.len())
        }) {
            continue;
        }
        kept.retain(|k| !m.span.contains(k.span));
        kept.push(m);
    }

    // Group mentions of one service: the same name, or the same locality and kind.
    let mut groups: Vec<Vec<Mention>> = Vec::new();
    for m in kept {
        let key = |x: &Mention| {
            (
                x.locality.as_ref().map(|l| l.to_lowercase()),
                x.kind.clone(),
            )
        };
        let same = |g: &Vec<Mention>| {
            g.iter().any(|x| {
                x.name.eq_ignore_ascii_case(&m.name)
                    || (x.locality.is_some()
                        && key(x) == key(&m)
                        && x.kind.as_deref() != Some("provider"))
            })
        };
        match groups.iter_mut().find(|g| same(g)) {
            Some(g) => g.push(m),
            None => groups.push(vec![m]),
        }
    }
    hints.sort();
    let lead = ctx
        .rules
        .list("lead_paragraphs")
        .first()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3usize);
    let mut out = Vec::new();
    for g in groups {
        // Prominent: named in the headline or the first `lead` body paragraphs, or named twice.
        let body_rank = |p: usize| {
            ctx.doc.paragraphs[..p.min(ctx.doc.paragraphs.len())]
                .iter()
                .filter(|q| q.boilerplate.is_none())
                .count()
        };
        let prominent = g.iter().any(|m| body_rank(m.para) < lead) || g.len() >= 2;
        if !prominent {
            continue;
        }
        let best = g
            .iter()
            .max_by_key(|m| {
                (
                    m.name.chars().filter(|c| c.is_uppercase()).count(),
                    m.name.len(),
                    std::cmp::Reverse(m.span.start),
                )
            })
            .map(|m| m.name.clone())
            .unwrap_or_default();
        let given = g.iter().find_map(|m| m.acronym.clone());
        let derived = g
            .iter()
            .map(|m| initials(&m.kind_text))
            .find(|a| a.len() >= 2 && contains_word(text, a));
        let acronym = given.or(derived);
        let mut spans: Vec<NormSpan> = g.iter().map(|m| m.span).collect();
        if let Some(a) = &acronym {
            spans.extend(word_spans(text, |w| w == a || near_acronym(w, a)));
        }
        for r in ctx.rules.list("service_references") {
            spans.extend(find_all(text, r));
        }
        spans.sort();
        spans.dedup();
        let first = &g[0];
        let locality = g
            .iter()
            .find_map(|m| m.locality.clone())
            .or_else(|| hints.first().map(|h| h.2.clone()));
        out.push(Service {
            name: best,
            acronym,
            locality,
            kind: first.kind.clone(),
            spans: spans
                .into_iter()
                .filter(|s| !ctx.doc.is_boilerplate(s.start))
                .map(|s| ctx.span(s))
                .collect(),
            rule: first.rule.clone(),
        });
    }
    out
}

fn contains_word(text: &str, w: &str) -> bool {
    !word_spans(text, |x| x == w).is_empty()
}

/// Spans of the alphanumeric words for which `f` holds.
fn word_spans(text: &str, f: impl Fn(&str) -> bool) -> Vec<NormSpan> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            if f(&text[s..i]) {
                out.push(NormSpan::new(s, i));
            }
        }
    }
    out
}

fn find_all(text: &str, needle: &str) -> Vec<NormSpan> {
    text.match_indices(needle)
        .map(|(i, m)| NormSpan::new(i, i + m.len()))
        .filter(|s| crate::matcher::at_word_bounds(text, *s))
        .collect()
}
