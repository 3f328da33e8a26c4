//! `gold.html` (scores against a gold file) and `diff.html` (what changed
//! against an earlier records file).

use super::{builder::page_of, esc, html::page, GoldSummary, RuleOut, RulesJson};
use crate::diff::{self, DiffReport};
use std::collections::HashMap;
use std::fmt::Write as _;

pub(super) fn gold_html(j: &RulesJson, g: &GoldSummary) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<h1>Against gold</h1><p class=\"meta\"><code>{}</code> \u{b7} {} gold article(s)</p>",
        esc(&g.file),
        g.articles
    );
    if !g.unmatched.is_empty() {
        let _ = write!(
            s,
            "<p class=\"warn\">{} gold article(s) have no record: {}</p>",
            g.unmatched.len(),
            esc(&g.unmatched.join(", "))
        );
    }
    s.push_str("<h2>False positives, by rule</h2><table class=\"rules\"><thead><tr><th>Rule</th><th class=\"num\">Correct</th><th class=\"num\">Wrong</th><th class=\"num\">Precision</th><th>False positives</th></tr></thead><tbody>");
    let mut rules: Vec<&RuleOut> = j
        .by_rule
        .iter()
        .filter(|r| r.gold.as_ref().is_some_and(|g| g.correct + g.wrong > 0))
        .collect();
    let wrong = |r: &RuleOut| r.gold.as_ref().map_or(0, |g| g.wrong);
    rules.sort_by(|a, b| wrong(b).cmp(&wrong(a)).then(a.id.cmp(&b.id)));
    for r in rules {
        let Some(g) = r.gold.as_ref() else { continue };
        let _ = write!(
            s,
            "<tr><td><a href=\"index.html#rule-{}\"><code>{}</code></a></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td><ul class=\"ov\">",
            esc(&r.id),
            esc(&r.id),
            g.correct,
            g.wrong,
            g.precision.map(|p| format!("{:.0}%", p * 100.0)).unwrap_or_default()
        );
        for m in &g.false_positives {
            let a = match &m.page {
                Some(p) => format!("<a href=\"{}\">{}</a>", esc(p), esc(&m.article)),
                None => esc(&m.article),
            };
            let _ = write!(s, "<li>{a}: {} {}</li>", esc(&m.field), esc(&m.message));
        }
        s.push_str("</ul></td></tr>");
    }
    s.push_str("</tbody></table>");
    let _ = write!(s, "<h2>Gold values no rule found ({})</h2><table class=\"articles\"><thead><tr><th>Article</th><th>Field</th><th>Gold value</th></tr></thead><tbody>", g.missed.len());
    for m in &g.missed {
        let a = match &m.page {
            Some(p) => format!("<a href=\"{}\">{}</a>", esc(p), esc(&m.article)),
            None => esc(&m.article),
        };
        let _ = write!(
            s,
            "<tr><td>{a}</td><td>{}</td><td>{}</td></tr>",
            esc(&m.field),
            esc(&m.message)
        );
    }
    s.push_str("</tbody></table>");
    page("Against gold", "", "<a href=\"index.html\">Rules</a><a href=\"articles-1.html\">Articles</a><a href=\"gold.html\">Gold</a>", &s)
}

pub(super) fn diff_html(old: &str, d: &DiffReport, pages: &HashMap<String, usize>) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<h1>What changed</h1><p class=\"meta\">against <code>{}</code> \u{b7} {} of {} article(s) changed \u{b7} {} only in the old records, {} only in the new</p>",
        esc(old),
        d.changed,
        d.both,
        d.only_old.len(),
        d.only_new.len()
    );
    let _ = write!(
        s,
        "<div class=\"cards\"><span class=\"card ok\"><b>+{}</b><span>gained</span></span><span class=\"card bad\"><b>\u{2212}{}</b><span>lost</span></span><span class=\"card\"><b>~{}</b><span>moved to another rule</span></span></div>",
        d.totals.gained, d.totals.lost, d.totals.moved
    );
    let table = |s: &mut String, title: &str, rows: Vec<(String, diff::Counts, bool)>| {
        let _ = write!(s, "<h2>{}</h2><table class=\"rules narrow\"><thead><tr><th></th><th class=\"num\">+</th><th class=\"num\">\u{2212}</th><th class=\"num\">~</th></tr></thead><tbody>", esc(title));
        for (k, c, link) in rows {
            let name = if link {
                format!(
                    "<a href=\"index.html#rule-{}\"><code>{}</code></a>",
                    esc(&k),
                    esc(&k)
                )
            } else {
                esc(&k)
            };
            let _ = write!(s, "<tr><td>{name}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>", c.gained, c.lost, c.moved);
        }
        s.push_str("</tbody></table>");
    };
    table(
        &mut s,
        "By field",
        d.by_field
            .iter()
            .map(|(f, c)| (f.clone(), *c, false))
            .collect(),
    );
    let mut rules: Vec<(String, diff::Counts, bool)> = d
        .by_rule
        .iter()
        .map(|(r, c)| (r.clone(), *c, !r.is_empty()))
        .collect();
    rules.sort_by(|a, b| {
        (b.1.gained + b.1.lost + b.1.moved)
            .cmp(&(a.1.gained + a.1.lost + a.1.moved))
            .then(a.0.cmp(&b.0))
    });
    table(&mut s, "By rule", rules);
    s.push_str("<h2>Per article</h2>");
    for a in &d.articles {
        let name = match pages.get(&a.path) {
            Some(&i) => format!("<a href=\"{}\">{}</a>", page_of(i), esc(&a.id)),
            None => esc(&a.id),
        };
        let _ = write!(s, "<h3>{name}</h3><ul class=\"changes\">");
        for v in &a.gained {
            let _ = write!(
                s,
                "<li class=\"plus\">+ {} <b>{}</b> <code>{}</code></li>",
                esc(&v.field),
                esc(&v.value),
                esc(&v.rule)
            );
        }
        for v in &a.lost {
            let _ = write!(
                s,
                "<li class=\"minus\">\u{2212} {} <b>{}</b> <code>{}</code></li>",
                esc(&v.field),
                esc(&v.value),
                esc(&v.rule)
            );
        }
        for m in &a.moved {
            let _ = write!(
                s,
                "<li class=\"moved\">~ {} <b>{}</b> <code>{}</code> \u{2192} <code>{}</code></li>",
                esc(&m.field),
                esc(&m.value),
                esc(&m.from),
                esc(&m.to)
            );
        }
        s.push_str("</ul>");
    }
    page("What changed", "", "<a href=\"index.html\">Rules</a><a href=\"articles-1.html\">Articles</a><a href=\"diff.html\">Diff</a>", &s)
}
