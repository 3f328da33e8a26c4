//! Ratings: `[[rating]]` rules find stated, changed, implied and label-line
//! ratings; `[[suppress]]` rules mark text whose ratings are not current
//! ('Previous rating: Good'). The overall rating is the best-priority, earliest
//! candidate; each area keeps its first rating.

use super::Ctx;
use crate::record::Rating;
use crate::rules::Family;
use crate::span::NormSpan;

fn clean_area(ctx: &Ctx, s: &str) -> String {
    let mut a = s.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    loop {
        let lower = a.to_lowercase();
        let Some(p) = ctx
            .rules
            .list("area_prefixes")
            .iter()
            .find(|p| lower.starts_with(&format!("{} ", p.to_lowercase())))
        else {
            break;
        };
        a = a[p.len()..].trim_start().to_string();
    }
    a
}

/// Overall and area ratings.
pub fn extract(ctx: &Ctx, scale: Option<&str>) -> Vec<Rating> {
    let suppressed: Vec<NormSpan> = ctx
        .hits(Family::Suppress)
        .filter(|(h, r)| ctx.applies(h, r))
        .filter_map(|(h, r)| match r.def.scope.as_deref() {
            Some("match") => Some(h.span),
            _ => ctx.sentence_span(h.span.start),
        })
        .collect();
    let overall_words = ctx.rules.list("overall_areas");
    let mut cands: Vec<(u32, usize, Rating, bool)> = Vec::new();
    for (hit, rule) in ctx.hits(Family::Rating) {
        if !ctx.applies(hit, rule) {
            continue;
        }
        let change = rule.def.kind.as_deref() == Some("change");
        if !change && suppressed.iter().any(|s| s.contains(hit.span) || s.overlaps(hit.span)) {
            continue;
        }
        let value = if let Some(g) = ctx.group(hit, "value") {
            ctx.rules.rating_value(ctx.norm_str(g), scale)
        } else if let Some(g) = ctx.group(hit, "number") {
            ctx.norm_str(g).trim().parse().ok().and_then(|n| ctx.rules.rating_number(n, scale))
        } else {
            rule.def.value.as_deref().and_then(|v| ctx.rules.rating_value(v, scale))
        };
        let Some((value, scale_id)) = value else { continue };
        let area = ctx.group(hit, "area").map(|g| clean_area(ctx, &ctx.orig_str(g)));
        let is_overall = match (rule.def.scope.as_deref(), &area) {
            (Some("overall"), _) | (_, None) => true,
            (_, Some(a)) => {
                let l = a.to_lowercase();
                l.is_empty() || overall_words.iter().any(|w| l == w.to_lowercase())
            }
        };
        let in_title = ctx.doc.paragraph_at(hit.span.start) == Some(0);
        cands.push((
            rule.def.priority,
            hit.span.start,
            Rating {
                scope: if is_overall { "overall".into() } else { area.unwrap_or_default() },
                value,
                scale: scale_id,
                implied: rule.def.implied,
                span: ctx.span(ctx.group(hit, "value").unwrap_or(hit.span)),
                rule: rule.info.id.clone(),
            },
            in_title,
        ));
    }
    cands.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut out: Vec<Rating> = Vec::new();
    if let Some((_, _, r, _)) = cands.iter().find(|c| c.2.scope == "overall") {
        out.push(r.clone());
    }
    let mut areas: Vec<(usize, Rating)> = Vec::new();
    for (_, pos, r, _) in cands {
        if r.scope == "overall" {
            continue;
        }
        let key = r.scope.to_lowercase();
        if !areas.iter().any(|(_, a)| a.scope.to_lowercase() == key) {
            areas.push((pos, r));
        }
    }
    areas.sort_by_key(|(p, _)| *p);
    out.extend(areas.into_iter().map(|(_, r)| r));
    out
}
