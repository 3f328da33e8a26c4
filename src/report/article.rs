//! An article page's body (legend, highlighted text, record panel) and
//! [`article_data`], everything the report needs of one article.

use super::{
    esc,
    hits::{hits_of, pairs_of, PairHit},
    marks::{marks_of, render_text, Item, FIELDS},
    Hit, RuleIndex, MAX_TEXT_BYTES,
};
use crate::extract::Analysis;
use crate::record::Record;
use crate::rules::RuleSet;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What the report needs of one article, computed on a worker thread.
pub struct ArticleData {
    pub(super) record: Record,
    pub(super) text: String,
    pub(super) hits: Vec<Hit>,
    pub(super) pairs: Vec<PairHit>,
    pub(super) body: String,
    pub(super) bad_spans: usize,
    pub(super) stale: bool,
}

/// The body of an article page: legend, highlighted text, record panel.
fn render_article(text: &str, r: &Record, hits: &[Hit], rules: &RuleSet) -> (String, usize) {
    let (mut marks, items) = marks_of(text, r);
    let shown = if text.len() > MAX_TEXT_BYTES {
        let mut end = MAX_TEXT_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    } else {
        text
    };
    marks.marks.retain(|m| m.end <= shown.len());
    let mut s = String::new();
    s.push_str("<div class=\"legend\" role=\"group\" aria-label=\"fields\">");
    for (f, name) in FIELDS {
        let n = marks.marks.iter().filter(|m| m.field == *f).count();
        let _ = write!(
            s,
            "<label class=\"chip f-{f}\"><input type=\"checkbox\" data-toggle=\"{f}\" checked> {} <span class=\"n\">{n}</span></label>",
            esc(name)
        );
    }
    s.push_str("</div>");
    if marks.bad > 0 {
        let _ = write!(
            s,
            "<p class=\"warn\">{} span(s) of the record do not fit this text (the input changed since the run?): not highlighted.</p>",
            marks.bad
        );
    }
    s.push_str("<div class=\"cols\"><section class=\"doc\" id=\"doc\">");
    s.push_str(&render_text(shown, &marks.marks));
    if shown.len() < text.len() {
        let _ = write!(
            s,
            "<p class=\"warn\">\u{2026} text cut at {} of {} bytes.</p>",
            shown.len(),
            text.len()
        );
    }
    s.push_str("</section><aside class=\"panel\"><div id=\"sel\" class=\"sel\" aria-live=\"polite\"><p class=\"hint\">Click a highlight to see the rule that produced it.</p></div>");
    // The record, by field.
    s.push_str("<h2>Record</h2>");
    for (f, name) in FIELDS {
        let mine: Vec<&Item> = items.iter().filter(|i| i.field == *f).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = write!(
            s,
            "<h3><span class=\"dot f-{f}\"></span>{}</h3><ul class=\"items\">",
            esc(name)
        );
        for i in mine {
            let value = match i.mark {
                Some(m) => format!("<a href=\"#m-{m}\">{}</a>", esc(&i.value)),
                None => esc(&i.value),
            };
            let _ = write!(
                s,
                "<li>{value} <a class=\"rule\" href=\"../index.html#rule-{}\">{}</a></li>",
                esc(&i.rule),
                esc(&i.rule)
            );
        }
        s.push_str("</ul>");
    }
    if !r.warnings.is_empty() {
        s.push_str("<h3>Warnings</h3><ul class=\"items\">");
        for w in &r.warnings {
            let _ = write!(s, "<li>{}</li>", esc(w));
        }
        s.push_str("</ul>");
    }
    // Rule hits in this article.
    let mut per: BTreeMap<usize, (usize, Vec<String>)> = BTreeMap::new();
    for h in hits {
        let e = per.entry(h.rule).or_default();
        e.0 += 1;
        if e.1.len() < 3 && !e.1.contains(&h.value) {
            e.1.push(h.value.clone());
        }
    }
    let _ = write!(
        s,
        "<details class=\"hits\"><summary>Rule hits in this article ({} rules, {} hits)</summary><table><tbody>",
        per.len(),
        hits.len()
    );
    let mut per: Vec<_> = per.into_iter().collect();
    per.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    for (rule, (n, vals)) in per {
        let id = rules.rule_id(rule);
        let _ = write!(
            s,
            "<tr><td><a class=\"rule\" href=\"../index.html#rule-{}\">{}</a></td><td class=\"num\">{n}</td><td class=\"vals\">{}</td></tr>",
            esc(id),
            esc(id),
            esc(&vals.join(" | "))
        );
    }
    s.push_str("</tbody></table></details>");
    let json = compact_spans(&serde_json::to_string_pretty(r).unwrap_or_default());
    let _ = write!(
        s,
        "<details class=\"json\"><summary>Record as JSON</summary><pre>{}</pre></details>",
        esc(&json)
    );
    s.push_str("</aside></div>");
    (s, marks.bad)
}

/// Pretty JSON with each `[start, end]` pair on one line.
fn compact_spans(json: &str) -> String {
    static PAIR: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = PAIR.get_or_init(|| {
        regex::Regex::new(r"\[\s*([0-9]+),\s*([0-9]+)\s*\]").expect("a valid regex")
    });
    re.replace_all(json, "[$1, $2]").into_owned()
}

/// Everything the report needs of one article. `text` is the text the record's
/// spans index; `a` the analysis of it.
pub fn article_data(
    ix: &RuleIndex,
    rules: &RuleSet,
    text: String,
    record: Record,
    a: &Analysis,
    stale: bool,
) -> ArticleData {
    let hits = hits_of(ix, rules, a, &record);
    let pairs = pairs_of(&hits);
    let (body, bad_spans) = render_article(&text, &record, &hits, rules);
    ArticleData {
        record,
        text,
        hits,
        pairs,
        body,
        bad_spans,
        stale,
    }
}
