//! The Inspections page of the report (`report/inspections.html`): one row per
//! inspection (those with conflicts first, then those with several sources) with its service, the agreed ratings, every source (linked to
//! its article's page in the report) and the conflicts, highlighted: the row,
//! the disagreeing values, and each source's value where it differs from the
//! agreed one. Only the body is made here; the report wraps it in its page
//! (CSS, whose `table.insp` rules are in the report's style sheet, script and
//! Content-Security-Policy) with [`crate::report::esc`] as
//! the only way a string reaches HTML.

use super::Inspection;
use crate::report::esc;
use std::fmt::Write as _;

/// The body of the Inspections page. `page_of` gives the href of a source's
/// article page from its source path (none: the source is not linked).
pub fn body(inspections: &[Inspection], page_of: &dyn Fn(&str) -> Option<String>) -> String {
    let conflicted = inspections
        .iter()
        .filter(|i| !i.conflicts.is_empty())
        .count();
    let multi = inspections.iter().filter(|i| i.sources.len() > 1).count();
    let mut s = String::new();
    s.push_str("<h1>Inspections</h1>");
    let _ = write!(
        s,
        "<p class=\"meta\">{} inspection(s) from <code>inspections.jsonl</code> \u{b7} {} reported by more than one source \u{b7} {} with sources that disagree (highlighted)</p>",
        inspections.len(),
        multi,
        conflicted
    );
    // Those with conflicts first, then those with several sources, then the
    // rest, each in id order.
    let mut rows: Vec<&Inspection> = inspections.iter().collect();
    rows.sort_by_key(|i| (i.conflicts.is_empty(), i.sources.len() < 2));
    s.push_str("<table class=\"rules insp\"><thead><tr><th>Inspection</th><th>Dates</th><th>Overall</th><th>Sources</th><th>Conflicts</th></tr></thead><tbody>");
    for i in rows {
        let _ = write!(
            s,
            "<tr id=\"{}\" data-inspection=\"{}\" data-sources=\"{}\"{}>",
            esc(&format!("i-{}", i.id)),
            esc(&i.id),
            i.sources.len(),
            if i.conflicts.is_empty() {
                ""
            } else {
                " class=\"conflict\""
            }
        );
        // Inspection.
        s.push_str("<td>");
        match &i.service {
            Some(svc) => {
                let _ = write!(s, "<b>{}</b>", esc(&svc.name));
                let mut bits = Vec::new();
                if let Some(k) = &svc.kind {
                    bits.push(esc(k));
                }
                if let Some(l) = &svc.locality {
                    bits.push(esc(l));
                }
                if !bits.is_empty() {
                    let _ = write!(
                        s,
                        "<br><span class=\"src-type\">{}</span>",
                        bits.join(" \u{b7} ")
                    );
                }
            }
            None => s.push_str("<b>(service not named)</b>"),
        }
        let _ = write!(
            s,
            "<br>{}<br><code>{}</code></td>",
            esc(&i.inspectorate),
            esc(&i.id)
        );
        // Dates.
        let _ = write!(
            s,
            "<td>{}",
            i.published
                .as_deref()
                .map(esc)
                .unwrap_or_else(|| "\u{2014}".into())
        );
        if !i.fieldwork.is_empty() {
            let _ = write!(
                s,
                "<br><span class=\"src-type\">fieldwork {}</span>",
                esc(&i.fieldwork.join(", "))
            );
        }
        s.push_str("</td>");
        // Overall and areas.
        let overall_conflict = i.conflicts.iter().any(|c| c.field == "overall");
        let _ = write!(
            s,
            "<td>{}",
            match &i.overall {
                Some(o) if overall_conflict =>
                    format!("<span class=\"disagree\">{}</span>", esc(o)),
                Some(o) => esc(o),
                None => "\u{2014}".into(),
            }
        );
        if !i.areas.is_empty() {
            s.push_str("<ul>");
            for a in &i.areas {
                let _ = write!(s, "<li>{}: {}</li>", esc(&a.area), esc(&a.value));
            }
            s.push_str("</ul>");
        }
        s.push_str("</td>");
        // Sources.
        s.push_str("<td><ul>");
        for src in &i.sources {
            let label = src.title.clone().unwrap_or_else(|| src.path.clone());
            let link = match page_of(&src.path) {
                Some(href) => format!("<a href=\"{}\">{}</a>", esc(&href), esc(&label)),
                None => esc(&label),
            };
            let own = src
                .ratings
                .iter()
                .find(|r| r.scope == "overall")
                .map(|r| {
                    let differs = i.overall.as_deref().is_some_and(|o| o != r.value);
                    if differs {
                        format!(
                            " \u{2014} <span class=\"disagree\">{}</span>",
                            esc(&r.value)
                        )
                    } else {
                        format!(" \u{2014} {}", esc(&r.value))
                    }
                })
                .unwrap_or_default();
            let mut meta = vec![esc(&src.doc_type)];
            if let Some(p) = &src.publisher {
                meta.push(esc(p));
            }
            if let Some(d) = &src.published {
                meta.push(esc(d));
            }
            if let Some(n) = src.reports {
                meta.push(format!("reports {n} inspections"));
            }
            let _ = write!(
                s,
                "<li data-record=\"{}\">{link}{own}<br><span class=\"src-type\">{}</span></li>",
                esc(&src.record),
                meta.join(" \u{b7} ")
            );
        }
        s.push_str("</ul></td>");
        // Conflicts.
        s.push_str("<td>");
        if i.conflicts.is_empty() {
            s.push('\u{2014}');
        } else {
            s.push_str("<ul class=\"conflicts\">");
            for c in &i.conflicts {
                let vals: Vec<String> = c
                    .values
                    .iter()
                    .map(|v| {
                        format!(
                            "<span class=\"disagree\">{}</span> ({})",
                            esc(&v.value),
                            v.sources.len()
                        )
                    })
                    .collect();
                let _ = write!(
                    s,
                    "<li data-field=\"{}\"><b>{}</b>: {}</li>",
                    esc(&c.field),
                    esc(&c.field),
                    vals.join(" vs ")
                );
            }
            s.push_str("</ul>");
        }
        s.push_str("</td></tr>");
    }
    s.push_str("</tbody></table>");
    s
}
