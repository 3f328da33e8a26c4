//! Per article (worker side): every rule's matches in an article ([`Hit`]) and
//! the pairs of rules whose matches overlap.

use super::RuleIndex;
use crate::extract::{self, Analysis};
use crate::record::Record;
use crate::rules::compile::normalise_key;
use crate::rules::{Family, PhraseKind, RuleSet};
use crate::span::Span;
use std::collections::{BTreeMap, HashSet};

/// One rule match in an article, in original coordinates.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    /// Where, in the article's text.
    pub span: Span,
    /// The value it gives, as shown.
    pub value: String,
    /// The value compared between overlapping hits.
    key: String,
    /// Overlap group: hits of different groups never overlap (0: none).
    group: u8,
}

/// Two rules whose matches overlap in one article.
#[derive(Debug, Clone)]
pub(super) struct PairHit {
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) count: usize,
    pub(super) disagree: usize,
    /// The first disagreement (or overlap): span, value of `a`, value of `b`.
    pub(super) example: (Span, String, String, bool),
}

/// Lower case, whitespace collapsed; ratings on their canonical value, dates read.
fn compare_key(rules: &RuleSet, family: Option<Family>, value: &str, kind: Option<&str>) -> String {
    let k = normalise_key(value);
    match family {
        Some(Family::Rating) => rules
            .scales
            .iter()
            .find_map(|s| s.variants.get(&k).cloned())
            .map(|v| v.to_lowercase())
            .unwrap_or(k),
        Some(Family::Date) => extract::parse_date(value).unwrap_or(k),
        Some(Family::DocType) => kind.unwrap_or("").to_string(),
        Some(Family::Boilerplate | Family::Suppress) => "boilerplate".into(),
        _ => k,
    }
}

/// Every hit behind one article's record.
pub(super) fn hits_of(ix: &RuleIndex, rules: &RuleSet, a: &Analysis, record: &Record) -> Vec<Hit> {
    let text = &a.norm.text;
    let mut hits = Vec::new();
    for h in &a.matches.regex {
        let rr = &rules.regex_rules[h.rule];
        let rule = ix.regex_to_rule[h.rule];
        match rr.family {
            // Applied to the text around quotes, not to the whole article: below.
            Family::Speaker => continue,
            // Applied to roles: below.
            Family::Role => continue,
            _ => {}
        }
        let value = h.value(rules, text);
        let key = compare_key(rules, Some(rr.family), &value, rr.def.kind.as_deref());
        hits.push(Hit {
            rule,
            span: a.norm.to_orig(h.span),
            value,
            key,
            group: 1 + rr.family as u8,
        });
        // Role rules, first match in file order, on the role of a person match.
        if rr.family == Family::Person {
            if let Some(g) = h.group(rules, "role") {
                let role = &text[g.start..g.end];
                if let Some((_, r)) = rules.family(Family::Role).find(|(_, r)| r.is_match(role)) {
                    let kind = r.def.kind.clone().unwrap_or_else(|| "official".into());
                    hits.push(Hit {
                        rule: ix.ids.get(&r.info.id).copied().unwrap_or(0),
                        span: a.norm.to_orig(g),
                        value: kind.clone(),
                        key: kind,
                        group: 0,
                    });
                }
            }
        }
    }
    // Phrases: one hit per rule and span.
    let mut seen: HashSet<(usize, usize, usize)> = HashSet::new();
    for p in &a.matches.phrases {
        if !seen.insert((p.tag.rule, p.span.start, p.span.end)) {
            continue;
        }
        let (value, group) = match p.tag.kind {
            PhraseKind::Theme { theme, .. } => (rules.themes[theme].id.clone(), 40),
            PhraseKind::Strength => ("strength".to_string(), 41),
            PhraseKind::Concern => ("concern".to_string(), 41),
            PhraseKind::ThemeCue { strength, .. } => (
                if strength { "strength" } else { "concern" }.to_string(),
                41,
            ),
            PhraseKind::ClauseBreak => ("clause break".to_string(), 0),
            PhraseKind::Neutral => ("neutral".to_string(), 0),
            PhraseKind::Negator => ("negator".to_string(), 0),
            PhraseKind::Requirement => ("requirement".to_string(), 0),
            PhraseKind::Past => ("past".to_string(), 0),
            PhraseKind::Future => ("future".to_string(), 0),
            PhraseKind::NotTopic => ("not a topic".to_string(), 0),
            PhraseKind::Finding => ("inspection context".to_string(), 0),
            PhraseKind::Background => ("background".to_string(), 0),
            PhraseKind::Concessive => ("concessive".to_string(), 0),
            PhraseKind::InspectorateAlias { insp, .. } | PhraseKind::ChiefTitle { insp } => {
                (rules.inspectorates[insp].name.clone(), 42)
            }
            // Hints are shared by design ('school'): not compared.
            PhraseKind::Hint { insp } => (rules.inspectorates[insp].name.clone(), 0),
            PhraseKind::InspectorateRef => ("the inspectorate".to_string(), 0),
            PhraseKind::OutcomeCue => ("inspection outcome".to_string(), 0),
            PhraseKind::NoOutcomeCue => ("no inspection outcome".to_string(), 0),
            PhraseKind::OtherBody => ("another body".to_string(), 0),
            // Inference phrases are shared by design ('care home'): not compared.
            PhraseKind::Infer { insp } => (rules.inspectorates[insp].name.clone(), 0),
            // Grade wordings are counted with their scale below.
            PhraseKind::RatingWord => continue,
            PhraseKind::Service { entry } => (rules.gazetteer[entry].kind.clone(), 0),
        };
        hits.push(Hit {
            rule: p.tag.rule,
            span: a.norm.to_orig(p.span),
            key: value.clone(),
            value,
            group,
        });
    }
    // Scales: their wordings.
    for m in rules.rating_words.find_iter(text) {
        let k = normalise_key(m.as_str());
        for s in &rules.scales {
            if let (Some(v), Some(&rule)) =
                (s.variants.get(&k), ix.ids.get(&format!("scale.{}", s.id)))
            {
                hits.push(Hit {
                    rule,
                    span: a
                        .norm
                        .to_orig(crate::span::NormSpan::new(m.start(), m.end())),
                    value: v.clone(),
                    key: v.clone(),
                    group: 0,
                });
            }
        }
    }
    // Speakers: the quotes each attributed.
    for q in &record.quotes {
        if let Some(&rule) = ix.ids.get(&q.rule) {
            let who = q
                .speaker
                .as_ref()
                .and_then(|s| s.name.clone())
                .unwrap_or_else(|| "(unnamed)".into());
            hits.push(Hit {
                rule,
                span: q.span,
                key: who.clone(),
                value: who,
                group: 0,
            });
        }
    }
    hits.sort_by_key(|h| (h.span.start, h.rule));
    hits
}

/// Overlapping hits of different rules in the same group.
pub(super) fn pairs_of(hits: &[Hit]) -> Vec<PairHit> {
    let mut by_group: BTreeMap<u8, Vec<&Hit>> = BTreeMap::new();
    for h in hits.iter().filter(|h| h.group != 0) {
        by_group.entry(h.group).or_default().push(h);
    }
    let mut pairs: BTreeMap<(usize, usize), PairHit> = BTreeMap::new();
    for hs in by_group.values() {
        for (i, x) in hs.iter().enumerate() {
            for y in hs[i + 1..].iter().take(64) {
                if y.span.start >= x.span.end {
                    break;
                }
                if x.rule == y.rule || y.span.end <= x.span.start {
                    continue;
                }
                let (p, q) = if x.rule < y.rule { (x, y) } else { (y, x) };
                let disagree = p.key != q.key;
                let e = pairs.entry((p.rule, q.rule)).or_insert_with(|| PairHit {
                    a: p.rule,
                    b: q.rule,
                    count: 0,
                    disagree: 0,
                    example: (
                        Span::new(x.span.start.min(y.span.start), x.span.end.max(y.span.end)),
                        p.value.clone(),
                        q.value.clone(),
                        disagree,
                    ),
                });
                e.count += 1;
                if disagree {
                    if e.disagree == 0 && !e.example.3 {
                        e.example = (
                            Span::new(x.span.start.min(y.span.start), x.span.end.max(y.span.end)),
                            p.value.clone(),
                            q.value.clone(),
                            true,
                        );
                    }
                    e.disagree += 1;
                }
            }
        }
    }
    pairs.into_values().collect()
}
