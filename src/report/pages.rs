//! `index.html` (the rule table) and `articles-N.html` (the list pages), and
//! the navigation they share.

use super::{
    builder::{list_page, page_of},
    esc,
    html::page,
    Builder, RulesJson,
};
use crate::diff::DiffReport;
use std::fmt::Write as _;

impl<'a> Builder<'a> {
    fn nav(&self, gold: bool, diff: bool) -> String {
        let mut nav = String::from("<a href=\"index.html\">Rules</a>");
        let _ = write!(nav, "<a href=\"{}\">Articles</a>", list_page(1));
        if gold {
            nav.push_str("<a href=\"gold.html\">Gold</a>");
        }
        if diff {
            nav.push_str("<a href=\"diff.html\">Diff</a>");
        }
        if self.has_inspections() {
            nav.push_str("<a href=\"inspections.html\">Inspections</a>");
        }
        nav
    }

    /// The output folder's `inspections.jsonl`, when there is one.
    pub(super) fn inspections_path(&self) -> Option<std::path::PathBuf> {
        let p = self.dest.parent()?.join(crate::link::INSPECTIONS);
        p.is_file().then_some(p)
    }

    fn has_inspections(&self) -> bool {
        self.inspections_path().is_some()
    }

    /// `inspections.html`: one row per inspection of `inspections.jsonl`, each
    /// source linked to its article's page ([`crate::link::html`]).
    pub(super) fn inspections_html(&self, ins: &[crate::link::Inspection]) -> String {
        let page_of_path = |p: &str| self.pages.get(p).map(|&i| page_of(i));
        page(
            "Inspections",
            "",
            &self.nav(self.opts.gold.is_some(), self.opts.against.is_some()),
            &crate::link::html::body(ins, &page_of_path),
        )
    }

    pub(super) fn index_html(&self, j: &RulesJson, d: Option<&DiffReport>) -> String {
        let fired = j.rules - j.never_fired;
        let mut s = String::new();
        s.push_str("<h1>Rule matches</h1>");
        let _ = write!(
            s,
            "<p class=\"meta\">Rules folder <code>{}</code> \u{b7} fingerprint <code>{}</code></p>",
            esc(&j.rules_folder),
            esc(j.fingerprint.get(..12).unwrap_or(""))
        );
        let disagree = j
            .by_rule
            .iter()
            .filter(|r| r.overlaps.iter().any(|o| o.disagreements > 0))
            .count();
        let overlap = j.by_rule.iter().filter(|r| !r.overlaps.is_empty()).count();
        s.push_str("<div class=\"cards\">");
        let card = |s: &mut String, n: String, label: &str, class: &str, href: &str| {
            let _ = write!(
                s,
                "<a class=\"card {class}\" href=\"{href}\"><b>{}</b><span>{}</span></a>",
                esc(&n),
                esc(label)
            );
        };
        card(
            &mut s,
            j.articles.to_string(),
            "articles",
            "",
            &list_page(1),
        );
        card(&mut s, j.rules.to_string(), "rules", "", "#rules");
        card(&mut s, fired.to_string(), "fired", "ok", "#rules");
        card(
            &mut s,
            j.never_fired.to_string(),
            "never fired",
            if j.never_fired > 0 { "bad" } else { "" },
            "#only=never-fired",
        );
        card(
            &mut s,
            overlap.to_string(),
            "overlap another rule",
            "",
            "#only=overlaps",
        );
        card(
            &mut s,
            disagree.to_string(),
            "disagree with another",
            if disagree > 0 { "warnc" } else { "" },
            "#only=disagrees",
        );
        if let Some(g) = &j.gold {
            card(
                &mut s,
                g.missed.len().to_string(),
                "gold values no rule found",
                "warnc",
                "gold.html",
            );
        }
        if let Some(d) = d {
            card(
                &mut s,
                format!("+{} \u{2212}{}", d.totals.gained, d.totals.lost),
                &format!("values changed in {} article(s)", d.changed),
                "",
                "diff.html",
            );
        }
        s.push_str("</div>");
        s.push_str("<h2 id=\"rules\">Rules, most hits first</h2>");
        s.push_str("<div class=\"tools\"><input id=\"filter\" type=\"search\" placeholder=\"Filter rules by id, family or file\" aria-label=\"filter rules\"><label><input type=\"checkbox\" id=\"flagged\"> only flagged</label></div>");
        let gold = j.gold.is_some();
        let diff_col = d.is_some();
        s.push_str("<table class=\"rules\" id=\"rules-table\"><thead><tr><th>Rule</th><th>Where</th><th class=\"num\">Hits</th><th class=\"num\">Articles</th><th class=\"num\">Values</th>");
        if gold {
            s.push_str("<th class=\"num\">Precision</th>");
        }
        if diff_col {
            s.push_str("<th class=\"num\">Diff</th>");
        }
        s.push_str("<th>Flags</th></tr></thead><tbody>");
        for r in &j.by_rule {
            let mut flags = String::new();
            let mut classes = vec!["rule"];
            if r.never_fired {
                flags.push_str("<span class=\"flag never\" title=\"no match in any article\">never fired</span>");
                classes.push("never-fired");
            }
            let dis: usize = r.overlaps.iter().filter(|o| o.disagreements > 0).count();
            let ov = r.overlaps.len();
            if dis > 0 {
                let names: Vec<&str> = r
                    .overlaps
                    .iter()
                    .filter(|o| o.disagreements > 0)
                    .map(|o| o.rule.as_str())
                    .collect();
                let _ = write!(
                    flags,
                    "<span class=\"flag disagree\" title=\"{}\">disagrees with {dis}</span>",
                    esc(&format!(
                        "different values on the same text: {}",
                        names.join(", ")
                    ))
                );
                classes.push("disagrees");
            }
            if ov > dis {
                let names: Vec<&str> = r
                    .overlaps
                    .iter()
                    .filter(|o| o.disagreements == 0)
                    .map(|o| o.rule.as_str())
                    .collect();
                let _ = write!(
                    flags,
                    "<span class=\"flag overlap\" title=\"{}\">overlaps {}</span>",
                    esc(&format!(
                        "matches the same text with the same value: {}",
                        names.join(", ")
                    )),
                    ov - dis
                );
            }
            if ov > 0 {
                classes.push("overlaps");
            }
            if let Some(g) = &r.gold {
                if g.wrong > 0 {
                    let _ = write!(
                        flags,
                        "<span class=\"flag fp\">{} false positive(s)</span>",
                        g.wrong
                    );
                    classes.push("fp");
                }
            }
            if r.family == "gone" {
                flags.push_str("<span class=\"flag overlap\">only in the old records</span>");
            }
            let flagged = if flags.is_empty() { "" } else { " flagged" };
            let where_ = r.location.clone().unwrap_or_else(|| "(code)".into());
            let _ = write!(
                s,
                "<tr id=\"rule-{}\" class=\"{}{flagged}\" data-id=\"{}\"><td><code class=\"rid\">{}</code> <span class=\"fam\">{}</span>",
                esc(&r.id),
                classes.join(" "),
                esc(&format!("{} {} {} {}", r.id, r.family, where_, classes.join(" "))),
                esc(&r.id),
                esc(&r.family)
            );
            if !r.examples.is_empty()
                || !r.overlaps.is_empty()
                || r.gold
                    .as_ref()
                    .is_some_and(|g| !g.false_positives.is_empty())
            {
                let _ = write!(
                    s,
                    "<details><summary>{} example(s)</summary><ol class=\"ex\">",
                    r.examples.len()
                );
                for e in &r.examples {
                    let v = if crate::normalize::squash_spaces(&e.value) != e.text {
                        format!(" <span class=\"val\">\u{2192} {}</span>", esc(&e.value))
                    } else {
                        String::new()
                    };
                    let _ = write!(
                        s,
                        "<li><a href=\"{}\">{}</a>: <span class=\"ctx\">\u{2026}{}<b>{}</b>{}\u{2026}</span>{v}</li>",
                        esc(&e.page),
                        esc(&e.article),
                        esc(&e.before),
                        esc(&e.text),
                        esc(&e.after)
                    );
                }
                s.push_str("</ol>");
                if !r.overlaps.is_empty() {
                    s.push_str("<p class=\"sub\">Overlaps</p><ul class=\"ov\">");
                    for o in &r.overlaps {
                        let _ = write!(
                            s,
                            "<li><a href=\"#rule-{}\"><code>{}</code></a> {} time(s), {} with another value",
                            esc(&o.rule),
                            esc(&o.rule),
                            o.count,
                            o.disagreements
                        );
                        for e in &o.examples {
                            let _ = write!(
                                s,
                                "<br><a href=\"{}\">{}</a>: <span class=\"ctx\">{}</span> <span class=\"val\">{} / {}</span>",
                                esc(&e.page),
                                esc(&e.article),
                                esc(&e.text),
                                esc(&e.value),
                                esc(&e.other_value)
                            );
                        }
                        s.push_str("</li>");
                    }
                    s.push_str("</ul>");
                }
                if let Some(g) = r.gold.as_ref().filter(|g| !g.false_positives.is_empty()) {
                    s.push_str(
                        "<p class=\"sub\">False positives against gold</p><ul class=\"ov\">",
                    );
                    for m in &g.false_positives {
                        let article = match &m.page {
                            Some(p) => format!("<a href=\"{}\">{}</a>", esc(p), esc(&m.article)),
                            None => esc(&m.article),
                        };
                        let _ = write!(
                            s,
                            "<li>{article}: {} {}</li>",
                            esc(&m.field),
                            esc(&m.message)
                        );
                    }
                    s.push_str("</ul>");
                }
                s.push_str("</details>");
            }
            let _ = write!(
                s,
                "</td><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                esc(&where_),
                r.hits,
                r.articles,
                r.values
            );
            if gold {
                let p = r
                    .gold
                    .as_ref()
                    .and_then(|g| {
                        g.precision.map(|p| {
                            format!("{:.0}% ({}/{})", p * 100.0, g.correct, g.correct + g.wrong)
                        })
                    })
                    .unwrap_or_default();
                let _ = write!(s, "<td class=\"num\">{}</td>", esc(&p));
            }
            if diff_col {
                let c = r
                    .diff
                    .map(|c| format!("+{} \u{2212}{} ~{}", c.gained, c.lost, c.moved))
                    .unwrap_or_default();
                let _ = write!(s, "<td class=\"num\">{}</td>", esc(&c));
            }
            let _ = write!(s, "<td class=\"flags\">{flags}</td></tr>");
        }
        s.push_str("</tbody></table>");
        page(
            "Rule matches",
            "",
            &self.nav(j.gold.is_some(), d.is_some()),
            &s,
        )
    }

    pub(super) fn list_html(&self, p: usize, lists: usize) -> String {
        let size = self.page_size();
        let from = (p - 1) * size;
        let to = (from + size).min(self.rows.len());
        let mut pager = String::from("<nav class=\"pager\">");
        for q in 1..=lists {
            if q == p {
                let _ = write!(pager, "<span class=\"cur\">{q}</span>");
            } else {
                let _ = write!(pager, "<a href=\"{}\">{q}</a>", list_page(q));
            }
        }
        pager.push_str("</nav>");
        let mut s = String::new();
        let _ = write!(
            s,
            "<h1>Articles {}\u{2013}{} of {}</h1>{pager}",
            if to > from { from + 1 } else { 0 },
            to,
            self.rows.len()
        );
        s.push_str("<table class=\"articles\"><thead><tr><th class=\"num\">#</th><th>Article</th><th>Type</th><th>Inspectorate</th>");
        for (f, name) in [
            ("service", "S"),
            ("rating", "R"),
            ("quote", "Q"),
            ("official", "O"),
            ("theme", "T"),
            ("date", "D"),
        ] {
            let _ = write!(
                s,
                "<th class=\"num\" title=\"{f}s\"><span class=\"dot f-{f}\"></span>{name}</th>"
            );
        }
        s.push_str("<th>Notes</th></tr></thead><tbody>");
        for (i, r) in self.rows[from..to].iter().enumerate() {
            let idx = from + i;
            let title = if r.title.is_empty() { &r.id } else { &r.title };
            let loc = match r.line {
                Some(l) => format!("{}:{l}", r.path),
                None => r.path.clone(),
            };
            let _ = write!(
                s,
                "<tr><td class=\"num\">{}</td><td><a href=\"{}\">{}</a><br><code class=\"path\">{}</code></td><td>{}</td><td>{}</td>",
                idx + 1,
                page_of(idx),
                esc(title),
                esc(&loc),
                esc(&r.doc_type),
                esc(&r.inspectorate)
            );
            for c in r.counts {
                let zero = if c == 0 { " zero" } else { "" };
                let _ = write!(s, "<td class=\"num{zero}\">{c}</td>");
            }
            let mut notes = Vec::new();
            if r.warnings > 0 {
                notes.push(format!("{} warning(s)", r.warnings));
            }
            if r.bad_spans > 0 {
                notes.push(format!("{} span(s) off", r.bad_spans));
            }
            if r.stale {
                notes.push("input changed".to_string());
            }
            let _ = write!(s, "<td>{}</td></tr>", esc(&notes.join(", ")));
        }
        s.push_str("</tbody></table>");
        s.push_str(&pager);
        page(
            &format!("Articles, page {p}"),
            "",
            &self.nav(self.opts.gold.is_some(), self.opts.against.is_some()),
            &s,
        )
    }
}
