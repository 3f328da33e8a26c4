//! The highlighted text of an article page: each record value as a `<mark>`,
//! nested where spans nest and split where they cross.

use super::esc;
use crate::record::Record;
use crate::span::Span;
use std::collections::HashMap;
use std::fmt::Write as _;

/// A highlight: one extracted value's span.
pub(super) struct Mark {
    start: usize,
    pub(super) end: usize,
    pub(super) field: &'static str,
    rule: String,
    label: String,
    id: usize,
}

/// The fields highlighted, in legend order.
pub(super) const FIELDS: &[(&str, &str)] = &[
    ("service", "Service"),
    ("rating", "Rating"),
    ("quote", "Quote"),
    ("speaker", "Speaker"),
    ("official", "Official"),
    ("theme", "Theme"),
    ("date", "Date"),
    ("meta", "Other fields"),
];

pub(super) fn valid(text: &str, s: Span) -> bool {
    s.start < s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

/// The highlights of a record, and for each record item the id of its first mark.
pub(super) struct Marks {
    pub(super) marks: Vec<Mark>,
    pub(super) bad: usize,
}

impl Marks {
    fn add(
        &mut self,
        text: &str,
        span: Span,
        field: &'static str,
        rule: &str,
        label: String,
    ) -> Option<usize> {
        if !valid(text, span) {
            self.bad += 1;
            return None;
        }
        let id = self.marks.len();
        self.marks.push(Mark {
            start: span.start,
            end: span.end,
            field,
            rule: rule.to_string(),
            label,
            id,
        });
        Some(id)
    }
}

/// A row of the record panel: field, value, rule, the mark to jump to.
pub(super) struct Item {
    pub(super) field: &'static str,
    pub(super) value: String,
    pub(super) rule: String,
    pub(super) mark: Option<usize>,
}

pub(super) fn marks_of(text: &str, r: &Record) -> (Marks, Vec<Item>) {
    let mut m = Marks {
        marks: Vec::new(),
        bad: 0,
    };
    let mut items = Vec::new();
    if let Some(i) = &r.inspectorate {
        let label = format!("inspectorate: {}", i.name);
        let mark = i
            .span
            .and_then(|s| m.add(text, s, "meta", &i.rule, label.clone()));
        items.push(Item {
            field: "meta",
            value: label,
            rule: i.rule.clone(),
            mark,
        });
    }
    for (k, p) in &r.provenance {
        let value = match k.as_str() {
            "title" => r.title.clone(),
            "doc_type" => Some(r.doc_type.clone()),
            "publisher" => r.publisher.clone(),
            "byline" => r.byline.clone(),
            "published" => r.published.clone(),
            _ => None,
        };
        let label = format!("{k}: {}", value.unwrap_or_default());
        // The title covers the whole headline: listed, not highlighted.
        let mark = match (k.as_str(), p.span) {
            ("title", _) | (_, None) => None,
            (_, Some(s)) => m.add(text, s, "meta", &p.rule, label.clone()),
        };
        items.push(Item {
            field: "meta",
            value: label,
            rule: p.rule.clone(),
            mark,
        });
    }
    for s in &r.services {
        let mut label = s.name.clone();
        if let Some(a) = &s.acronym {
            label.push_str(&format!(" ({a})"));
        }
        let mut first = None;
        for sp in &s.spans {
            let id = m.add(text, *sp, "service", &s.rule, label.clone());
            first = first.or(id);
        }
        items.push(Item {
            field: "service",
            value: label,
            rule: s.rule.clone(),
            mark: first,
        });
    }
    for x in &r.ratings {
        let implied = if x.implied { ", implied" } else { "" };
        let label = format!("{}: {} ({}{implied})", x.scope, x.value, x.scale);
        let mark = m.add(text, x.span, "rating", &x.rule, label.clone());
        items.push(Item {
            field: "rating",
            value: label,
            rule: x.rule.clone(),
            mark,
        });
    }
    let mut speakers: Vec<(String, String, usize)> = Vec::new();
    let mut speaker_ix: HashMap<String, usize> = HashMap::new();
    for q in &r.quotes {
        let who = match &q.speaker {
            Some(s) => s
                .name
                .clone()
                .unwrap_or_else(|| format!("unnamed {}", s.kind)),
            None => "unattributed".to_string(),
        };
        let label = format!("quote by {who} ({})", q.attribution);
        let mut first = m.add(text, q.span, "quote", &q.rule, label.clone());
        for c in &q.continued {
            let id = m.add(text, *c, "quote", &q.rule, label.clone());
            first = first.or(id);
        }
        let short: String = q.text.chars().take(90).collect();
        let more = if q.text.chars().count() > 90 {
            "..."
        } else {
            ""
        };
        items.push(Item {
            field: "quote",
            value: format!("\u{201c}{short}{more}\u{201d} \u{2014} {who}"),
            rule: q.rule.clone(),
            mark: first,
        });
        if let Some(name) = q.speaker.as_ref().and_then(|s| s.name.clone()) {
            match speaker_ix.get(&name) {
                Some(&i) => speakers[i].2 += 1,
                None => {
                    speaker_ix.insert(name.clone(), speakers.len());
                    speakers.push((name, q.rule.clone(), 1));
                }
            }
        }
    }
    // A speaker is highlighted wherever the text names them in full: one pass
    // over the text for all the names, each name's occurrences not overlapping
    // one another (as `str::match_indices` gives them).
    let mut places: Vec<Vec<usize>> = vec![Vec::new(); speakers.len()];
    let names: Vec<&str> = speakers.iter().map(|s| s.0.as_str()).collect();
    if let Ok(ac) = aho_corasick::AhoCorasick::new(&names) {
        for hit in ac.find_overlapping_iter(text) {
            let k = hit.pattern().as_usize();
            let at = &mut places[k];
            if !names[k].is_empty()
                && at
                    .last()
                    .is_none_or(|&prev| hit.start() >= prev + names[k].len())
            {
                at.push(hit.start());
            }
        }
    }
    for ((name, rule, n), at) in speakers.iter().zip(places) {
        let label = format!("speaker of {n} quote(s): {name}");
        let mut first = None;
        for at in at {
            let id = m.add(
                text,
                Span::new(at, at + name.len()),
                "speaker",
                rule,
                label.clone(),
            );
            first = first.or(id);
        }
        items.push(Item {
            field: "speaker",
            value: label,
            rule: rule.clone(),
            mark: first,
        });
    }
    for o in &r.officials {
        let mut label = o.name.clone();
        for part in [&o.role, &o.org].into_iter().flatten() {
            label.push_str(&format!(", {part}"));
        }
        if o.quoted {
            label.push_str(" (quoted)");
        }
        let mark = m.add(text, o.span, "official", &o.rule, label.clone());
        items.push(Item {
            field: "official",
            value: label,
            rule: o.rule.clone(),
            mark,
        });
    }
    for t in &r.themes {
        let mut first = None;
        for e in &t.evidence {
            let cue = e
                .cue_rule
                .as_deref()
                .map(|c| format!(", cue {c}"))
                .unwrap_or_default();
            let label = format!("{}: {} mention{cue}", t.id, e.polarity);
            let id = m.add(text, e.span, "theme", &e.rule, label);
            first = first.or(id);
        }
        items.push(Item {
            field: "theme",
            value: format!("{} ({}, {} mention(s))", t.id, t.polarity, t.evidence.len()),
            rule: format!("theme.{}", t.id),
            mark: first,
        });
    }
    for d in &r.dates {
        let label = format!("{} {}", d.kind, d.value);
        let mark = m.add(text, d.span, "date", &d.rule, label.clone());
        items.push(Item {
            field: "date",
            value: label,
            rule: d.rule.clone(),
            mark,
        });
    }
    (m, items)
}

fn open_mark(out: &mut String, m: &Mark, first: bool) {
    let title = format!("{} \u{b7} {} \u{b7} {}", m.field, m.rule, m.label);
    let id = if first {
        format!(" id=\"m-{}\"", m.id)
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "<mark{id} class=\"f-{}\" data-m=\"{}\" data-f=\"{}\" data-rule=\"{}\" data-v=\"{}\" title=\"{}\">",
        m.field,
        m.id,
        m.field,
        esc(&m.rule),
        esc(&m.label),
        esc(&title)
    );
}

/// The text as HTML with every mark, nested where spans nest and split where
/// they cross.
pub(super) fn render_text(text: &str, marks: &[Mark]) -> String {
    let mut order: Vec<&Mark> = marks.iter().filter(|m| m.end <= text.len()).collect();
    order.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), a.id).cmp(&(b.start, std::cmp::Reverse(b.end), b.id))
    });
    let mut bounds: Vec<usize> = order.iter().flat_map(|m| [m.start, m.end]).collect();
    bounds.push(text.len());
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    let mut stack: Vec<&Mark> = Vec::new();
    let mut next = 0;
    let mut pos = 0;
    for b in bounds {
        out.push_str(&esc(&text[pos..b]));
        pos = b;
        // Close the marks ending here, reopening the ones above them that go on.
        if let Some(k) = stack.iter().position(|m| m.end <= b) {
            let above: Vec<&Mark> = stack.drain(k..).collect();
            for _ in &above {
                out.push_str("</mark>");
            }
            for m in above.into_iter().filter(|m| m.end > b) {
                open_mark(&mut out, m, false);
                stack.push(m);
            }
        }
        while next < order.len() && order[next].start == b {
            let m = order[next];
            open_mark(&mut out, m, true);
            stack.push(m);
            next += 1;
        }
    }
    for _ in &stack {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, id: usize) -> Mark {
        Mark {
            start,
            end,
            field: "quote",
            rule: "r".into(),
            label: "l".into(),
            id,
        }
    }

    #[test]
    fn a_continued_quote_is_one_value_with_every_part_marked() {
        // A quote over two paragraphs: one row in the record panel, and a mark
        // on each part, both pointing at the same value.
        let text = "Jo Bell said: \"First part of it.\n\"Second part of it.\"";
        let first = text.find("First").unwrap();
        let second = text.find("Second").unwrap();
        let rec: Record = serde_json::from_value(serde_json::json!({
            "schema_version": 1, "id": "a", "source": {"path": "a", "sha256": "", "bytes": 0},
            "title": null, "doc_type": "news", "publisher": null, "byline": null,
            "published": null, "inspectorate": null, "services": [], "ratings": [],
            "quotes": [{"text": "First part of it.", "span": [first, first + 17],
                        "continued": [[second, second + 18]], "speaker": null, "cue": null,
                        "attribution": "none", "rule": "quote.unattributed"}],
            "officials": [], "themes": [], "dates": [], "warnings": [], "provenance": {}
        }))
        .unwrap();
        let (m, items) = marks_of(text, &rec);
        let quote_items: Vec<&Item> = items.iter().filter(|i| i.field == "quote").collect();
        assert_eq!(quote_items.len(), 1);
        let quote_marks: Vec<&Mark> = m.marks.iter().filter(|k| k.field == "quote").collect();
        assert_eq!(quote_marks.len(), 2);
        assert_eq!(
            (quote_marks[0].start, quote_marks[1].start),
            (first, second)
        );
        assert_eq!(quote_marks[0].label, quote_marks[1].label);
        assert_eq!(quote_items[0].mark, Some(quote_marks[0].id));
        let html = render_text(text, &m.marks);
        assert_eq!(html.matches("<mark").count(), 2);
    }

    #[test]
    fn nested_and_crossing_marks_stay_well_formed() {
        let text = "abcdefghij";
        let html = render_text(text, &[mark(0, 6, 0), mark(2, 4, 1), mark(5, 9, 2)]);
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
        let plain: String = {
            let mut out = String::new();
            let mut inside = false;
            for c in html.chars() {
                match c {
                    '<' => inside = true,
                    '>' => inside = false,
                    c if !inside => out.push(c),
                    _ => {}
                }
            }
            out
        };
        assert_eq!(plain, text);
        // Mark 2 crosses the end of mark 0: split in two pieces, one id.
        assert_eq!(html.matches("data-m=\"2\"").count(), 2);
        assert_eq!(html.matches("id=\"m-2\"").count(), 1);
    }

    #[test]
    fn text_is_escaped_in_marks_and_outside() {
        let text = "<img src=x onerror=alert(1)> said <b>";
        let html = render_text(text, &[mark(0, 5, 0)]);
        assert!(!html.contains("<img") && !html.contains("<b>"), "{html}");
    }
}
