//! The rule match report, `OUT/report/`: written by `pressmine run` (unless
//! `--no-report`) and by `pressmine report` on an existing output.
//!
//! - `rules.json`: per rule its `file:line`, hits, articles hit, values in
//!   records, up to ten examples with context, the rules its matches overlap or
//!   disagree with, and (with a gold file) its correct and wrong values.
//! - `index.html`: the rules sorted by hits, never-fired, overlapping and
//!   disagreeing rules flagged; `articles-N.html`: the articles,
//!   [`PAGE_SIZE`] a page; `a/NNNNNN.html`: one page per article, its text with
//!   every extracted value highlighted by field (rule id on hover and on click)
//!   and the record beside it; `gold.html` and `diff.html` with `--gold` and
//!   `--against`.
//!
//! Every page is self-contained: CSS and script are inline, nothing is
//! fetched, and the pages work from `file://`. Every string that reaches HTML
//! goes through [`esc`]; the script only ever sets `textContent`.
//!
//! Hits are real matches: [`article_data`] reads them from the article's
//! [`Analysis`] (the matches the record was extracted from, or, for
//! `pressmine report`, the same analysis run again). Speaker rules are applied
//! to the text around quotes, so their hits are the quotes they attributed;
//! role rules are applied, first match wins, to the role of every person match;
//! a scale's hits are its wordings in the text.
//!
//! The report is written into `OUT/.report.tmp/` and renamed to `OUT/report/`
//! when complete. It holds no time stamps: the same inputs give the same files.

use crate::diff::{self, DiffReport};
use crate::eval::{self, Gold, MissKind};
use crate::extract::{self, Analysis};
use crate::record::Record;
use crate::rules::compile::normalise_key;
use crate::rules::{Family, PhraseKind, RuleSet};
use crate::span::Span;
use anyhow::{Context, Result};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Articles per list page.
pub const PAGE_SIZE: usize = 500;
/// Examples kept per rule.
pub const MAX_EXAMPLES: usize = 10;
/// Examples kept per pair of overlapping rules.
const MAX_PAIR_EXAMPLES: usize = 3;
/// Bytes of an article's text shown on its page; the rest is cut.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;
/// Characters of context either side of an example.
const CONTEXT_CHARS: usize = 60;

/// Escape text for HTML: the only way any string reaches a page.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Rules: ids, families
// ---------------------------------------------------------------------------

/// Lookups over a [`RuleSet`], built once per report and shared by the workers.
pub struct RuleIndex {
    ids: HashMap<String, usize>,
    /// Regex rule index -> rule index.
    regex_to_rule: Vec<usize>,
    /// Family name per rule.
    families: Vec<&'static str>,
}

fn family_name(f: Family) -> &'static str {
    match f {
        Family::Rating => "rating",
        Family::Suppress => "suppress",
        Family::Service => "service",
        Family::Person => "person",
        Family::Role => "role",
        Family::Speaker => "speaker",
        Family::Byline => "byline",
        Family::Credit => "credit",
        Family::Publisher => "publisher",
        Family::DocType => "doc_type",
        Family::Date => "date",
        Family::Boilerplate => "boilerplate",
        Family::Title => "title",
    }
}

impl RuleIndex {
    /// Index the rules.
    pub fn new(rules: &RuleSet) -> Self {
        let ids: HashMap<String, usize> = rules
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let regex_to_rule = rules
            .regex_rules
            .iter()
            .map(|r| ids.get(&r.info.id).copied().unwrap_or(0))
            .collect();
        let mut families = vec![""; rules.rules.len()];
        for (i, r) in rules.rules.iter().enumerate() {
            families[i] = if r.id.starts_with("scale.") {
                "scale"
            } else if r.id.starts_with("theme.") {
                "theme"
            } else if r.id.starts_with("polarity.") {
                "polarity"
            } else if r.file == "inspectorates.toml" {
                "inspectorate"
            } else {
                "other"
            };
        }
        for r in &rules.regex_rules {
            if let Some(&i) = ids.get(&r.info.id) {
                families[i] = family_name(r.family);
            }
        }
        RuleIndex {
            ids,
            regex_to_rule,
            families,
        }
    }
}

// ---------------------------------------------------------------------------
// Per article (worker side)
// ---------------------------------------------------------------------------

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
struct PairHit {
    a: usize,
    b: usize,
    count: usize,
    disagree: usize,
    /// The first disagreement (or overlap): span, value of `a`, value of `b`.
    example: (Span, String, String, bool),
}

/// What the report needs of one article, computed on a worker thread.
pub struct ArticleData {
    record: Record,
    text: String,
    hits: Vec<Hit>,
    pairs: Vec<PairHit>,
    body: String,
    bad_spans: usize,
    stale: bool,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
fn hits_of(ix: &RuleIndex, rules: &RuleSet, a: &Analysis, record: &Record) -> Vec<Hit> {
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
                if let Some((_, r)) = rules
                    .family(Family::Role)
                    .find(|(_, r)| r.regex.is_match(role))
                {
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
            PhraseKind::InspectorateAlias { insp, .. } | PhraseKind::ChiefTitle { insp } => {
                (rules.inspectorates[insp].name.clone(), 42)
            }
            // Hints are shared by design ('school'): not compared.
            PhraseKind::Hint { insp } => (rules.inspectorates[insp].name.clone(), 0),
            PhraseKind::InspectorateRef => ("the inspectorate".to_string(), 0),
            PhraseKind::OutcomeCue => ("inspection outcome".to_string(), 0),
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
fn pairs_of(hits: &[Hit]) -> Vec<PairHit> {
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

/// A highlight: one extracted value's span.
struct Mark {
    start: usize,
    end: usize,
    field: &'static str,
    rule: String,
    label: String,
    id: usize,
}

/// The fields highlighted, in legend order.
const FIELDS: &[(&str, &str)] = &[
    ("service", "Service"),
    ("rating", "Rating"),
    ("quote", "Quote"),
    ("speaker", "Speaker"),
    ("official", "Official"),
    ("theme", "Theme"),
    ("date", "Date"),
    ("meta", "Other fields"),
];

fn valid(text: &str, s: Span) -> bool {
    s.start < s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

/// The highlights of a record, and for each record item the id of its first mark.
struct Marks {
    marks: Vec<Mark>,
    bad: usize,
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
struct Item {
    field: &'static str,
    value: String,
    rule: String,
    mark: Option<usize>,
}

fn marks_of(text: &str, r: &Record) -> (Marks, Vec<Item>) {
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
fn render_text(text: &str, marks: &[Mark]) -> String {
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

// ---------------------------------------------------------------------------
// The whole report (sink side)
// ---------------------------------------------------------------------------

/// An example of a rule's match, with context.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// Article id.
    pub article: String,
    /// Its page, relative to the report folder.
    pub page: String,
    /// Span of the match in the article's text.
    pub span: Span,
    /// Text before the match.
    pub before: String,
    /// The matched text.
    pub text: String,
    /// Text after the match.
    pub after: String,
    /// The value the match gives.
    pub value: String,
}

/// Another rule whose matches overlap this one's.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapOut {
    /// The other rule.
    pub rule: String,
    /// Overlapping matches.
    pub count: usize,
    /// Of which giving different values.
    pub disagreements: usize,
    /// Up to three: article page, text, this rule's value, the other's.
    pub examples: Vec<OverlapExample>,
}

/// One overlap, for a person to look at.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapExample {
    /// Article page.
    pub page: String,
    /// Article id.
    pub article: String,
    /// The overlapping text.
    pub text: String,
    /// This rule's value.
    pub value: String,
    /// The other rule's value.
    pub other_value: String,
}

/// Gold scores of one rule's values.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GoldOut {
    /// Values judged correct.
    pub correct: usize,
    /// Values unexpected or wrong (false positives).
    pub wrong: usize,
    /// correct / (correct + wrong).
    pub precision: Option<f64>,
    /// The false positives.
    pub false_positives: Vec<GoldMiss>,
}

/// A gold miss, located.
#[derive(Debug, Clone, Serialize)]
pub struct GoldMiss {
    /// Gold file (article path).
    pub article: String,
    /// Its page, when the article is in the report.
    pub page: Option<String>,
    /// Field.
    pub field: String,
    /// What eval says.
    pub message: String,
}

/// One rule in `rules.json`.
#[derive(Debug, Clone, Serialize)]
pub struct RuleOut {
    /// Rule id.
    pub id: String,
    /// Family (`rating`, `theme`, ...; `code` for values the code names).
    pub family: String,
    /// File, relative to the rules folder (none for `code`).
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// `file:line`.
    pub location: Option<String>,
    /// Matches in all articles.
    pub hits: usize,
    /// Articles with at least one match.
    pub articles: usize,
    /// Values in records naming this rule.
    pub values: usize,
    /// True when the rule matched nowhere.
    pub never_fired: bool,
    /// Up to ten examples, from different articles.
    pub examples: Vec<Example>,
    /// Rules whose matches overlap this one's.
    pub overlaps: Vec<OverlapOut>,
    /// With a gold file: this rule's correct and wrong values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold: Option<GoldOut>,
    /// With `--against`: values gained, lost and moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<diff::Counts>,
}

/// `rules.json`.
#[derive(Debug, Clone, Serialize)]
pub struct RulesJson {
    /// Rules folder.
    pub rules_folder: String,
    /// Fingerprint of the rule files.
    pub fingerprint: String,
    /// Articles in the report.
    pub articles: usize,
    /// Rules (from files).
    pub rules: usize,
    /// Rules that never fired.
    pub never_fired: usize,
    /// Every rule, sorted by hits (most first), then id.
    pub by_rule: Vec<RuleOut>,
    /// With a gold file: what no rule found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold: Option<GoldSummary>,
}

/// Gold values no rule found, and gold articles with no record.
#[derive(Debug, Clone, Serialize)]
pub struct GoldSummary {
    /// The gold file.
    pub file: String,
    /// Gold articles scored.
    pub articles: usize,
    /// Gold files with no record.
    pub unmatched: Vec<String>,
    /// Gold values missing from the records.
    pub missed: Vec<GoldMiss>,
}

/// Options of a report.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Articles per list page (0: [`PAGE_SIZE`]).
    pub page_size: usize,
    /// Gold annotations and their file.
    pub gold: Option<(PathBuf, Vec<Gold>)>,
    /// Earlier records to compare with, and their file.
    pub against: Option<(PathBuf, Vec<Record>)>,
}

#[derive(Debug, Clone, Default)]
struct RuleStat {
    hits: usize,
    articles: usize,
    values: usize,
    last: usize,
    examples: Vec<Example>,
}

#[derive(Debug, Clone, Default)]
struct PairStat {
    count: usize,
    disagree: usize,
    /// Page, article, text, value of a, value of b, whether they disagree.
    examples: Vec<(String, String, String, String, String, bool)>,
}

/// One row of the article list.
struct Row {
    id: String,
    path: String,
    line: Option<u64>,
    title: String,
    doc_type: String,
    inspectorate: String,
    counts: [usize; 6],
    warnings: usize,
    bad_spans: usize,
    stale: bool,
}

/// What a finished report says about itself.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The report folder.
    pub dir: PathBuf,
    /// Articles.
    pub articles: usize,
    /// Rules from files.
    pub rules: usize,
    /// Of which never fired.
    pub never_fired: usize,
    /// Pairs of rules whose matches disagree.
    pub disagreeing_pairs: usize,
    /// Articles whose input changed since the run.
    pub stale: usize,
}

impl Summary {
    /// One line for stderr.
    pub fn render(&self) -> String {
        let stale = if self.stale > 0 {
            format!(", {} article(s) changed since the run", self.stale)
        } else {
            String::new()
        };
        format!(
            "report: {} article(s), {} rules ({} never fired, {} pair(s) disagreeing){stale}\nwrote {}\n",
            self.articles,
            self.rules,
            self.never_fired,
            self.disagreeing_pairs,
            self.dir.join("index.html").display()
        )
    }
}

/// The report being written: feed it articles in order, then [`Builder::finish`].
pub struct Builder<'a> {
    rules: &'a RuleSet,
    opts: Options,
    dest: PathBuf,
    tmp: PathBuf,
    stats: Vec<RuleStat>,
    code: BTreeMap<String, RuleStat>,
    pairs: BTreeMap<(usize, usize), PairStat>,
    rows: Vec<Row>,
    pending: Option<(usize, String, String)>,
    kept: Vec<Record>,
    gold_paths: HashSet<String>,
    pages: HashMap<String, usize>,
    ids: HashMap<String, usize>,
}

fn page_of(idx: usize) -> String {
    format!("a/{idx:06}.html")
}

fn list_page(n: usize) -> String {
    format!("articles-{n}.html")
}

fn context(text: &str, s: Span) -> (String, String, String) {
    if !valid(text, s) {
        return (String::new(), String::new(), String::new());
    }
    let before: String = {
        let b = &text[..s.start];
        let start = b
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map(|(i, _)| i)
            .unwrap_or(0);
        b[start..].to_string()
    };
    let after: String = text[s.end..].chars().take(CONTEXT_CHARS).collect();
    let one = |x: &str| x.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut b = one(&before);
    if before.ends_with(char::is_whitespace) && !b.is_empty() {
        b.push(' ');
    }
    let mut a = one(&after);
    if after.starts_with(char::is_whitespace) && !a.is_empty() {
        a.insert(0, ' ');
    }
    (b, one(&text[s.start..s.end]), a)
}

impl<'a> Builder<'a> {
    /// Start a report for `out/report/`.
    pub fn new(out: &Path, rules: &'a RuleSet, opts: Options) -> Result<Self> {
        let dest = out.join("report");
        let tmp = out.join(".report.tmp");
        if tmp.exists() {
            fs::remove_dir_all(&tmp)
                .with_context(|| format!("cannot remove '{}'", tmp.display()))?;
        }
        fs::create_dir_all(tmp.join("a"))
            .with_context(|| format!("cannot create '{}'", tmp.display()))?;
        let gold_paths = opts
            .gold
            .as_ref()
            .map(|(_, g)| g.iter().map(|g| g.file.clone()).collect())
            .unwrap_or_default();
        Ok(Builder {
            rules,
            dest,
            tmp,
            stats: vec![RuleStat::default(); rules.rules.len()],
            code: BTreeMap::new(),
            pairs: BTreeMap::new(),
            rows: Vec::new(),
            pending: None,
            kept: Vec::new(),
            gold_paths,
            pages: HashMap::new(),
            ids: rules
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.clone(), i))
                .collect(),
            opts,
        })
    }

    fn page_size(&self) -> usize {
        if self.opts.page_size == 0 {
            PAGE_SIZE
        } else {
            self.opts.page_size
        }
    }

    /// Add the next article (in record order).
    pub fn add(&mut self, d: ArticleData) -> Result<()> {
        let idx = self.rows.len();
        let page = page_of(idx);
        let r = &d.record;
        for h in &d.hits {
            let st = &mut self.stats[h.rule];
            st.hits += 1;
            if st.last != idx + 1 {
                st.last = idx + 1;
                st.articles += 1;
                if st.examples.len() < MAX_EXAMPLES {
                    let (before, text, after) = context(&d.text, h.span);
                    st.examples.push(Example {
                        article: r.id.clone(),
                        page: page.clone(),
                        span: h.span,
                        before,
                        text,
                        after,
                        value: h.value.clone(),
                    });
                }
            }
        }
        for v in diff::values(r) {
            if v.rule.is_empty() {
                continue;
            }
            match self.ids.get(v.rule.as_str()) {
                Some(&i) => self.stats[i].values += 1,
                None => {
                    let st = self.code.entry(v.rule.clone()).or_default();
                    st.values += 1;
                    st.hits += 1;
                    if st.last != idx + 1 {
                        st.last = idx + 1;
                        st.articles += 1;
                    }
                }
            }
        }
        // Theme values count their evidence rules and cues too.
        for t in &r.themes {
            for e in &t.evidence {
                if let Some(&i) = e.cue_rule.as_deref().and_then(|c| self.ids.get(c)) {
                    self.stats[i].values += 1;
                }
            }
        }
        for p in &d.pairs {
            let e = self.pairs.entry((p.a, p.b)).or_default();
            e.count += p.count;
            e.disagree += p.disagree;
            // Keep up to three, disagreements first.
            let slot = if e.examples.len() < MAX_PAIR_EXAMPLES {
                Some(e.examples.len())
            } else if p.example.3 {
                e.examples.iter().position(|x| !x.5)
            } else {
                None
            };
            if let Some(i) = slot {
                let (_, text, _) = context(&d.text, p.example.0);
                let ex = (
                    page.clone(),
                    r.id.clone(),
                    text,
                    p.example.1.clone(),
                    p.example.2.clone(),
                    p.example.3,
                );
                if i == e.examples.len() {
                    e.examples.push(ex);
                } else {
                    e.examples[i] = ex;
                }
            }
        }
        let c = [
            r.services.len(),
            r.ratings.len(),
            r.quotes.len(),
            r.officials.len(),
            r.themes.len(),
            r.dates.len(),
        ];
        self.rows.push(Row {
            id: r.id.clone(),
            path: r.source.path.clone(),
            line: r.source.line,
            title: r.title.clone().unwrap_or_default(),
            doc_type: r.doc_type.clone(),
            inspectorate: r
                .inspectorate
                .as_ref()
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            counts: c,
            warnings: r.warnings.len(),
            bad_spans: d.bad_spans,
            stale: d.stale,
        });
        self.pages.entry(r.source.path.clone()).or_insert(idx);
        if let Some((i, title, body)) = self.pending.take() {
            self.write_article(i, &title, &body, true)?;
        }
        let title = r.title.clone().unwrap_or_else(|| r.id.clone());
        let keep = self.opts.against.is_some() || self.gold_paths.contains(&r.source.path);
        let ArticleData { record, body, .. } = d;
        if keep {
            self.kept.push(record);
        }
        self.pending = Some((idx, title, body));
        Ok(())
    }

    fn write_article(&self, idx: usize, title: &str, body: &str, has_next: bool) -> Result<()> {
        let row = &self.rows[idx];
        let mut nav = String::new();
        let list = idx / self.page_size() + 1;
        let _ = write!(
            nav,
            "<a href=\"../index.html\">Rules</a><a href=\"../{}\">Articles</a>",
            list_page(list)
        );
        if idx > 0 {
            let _ = write!(
                nav,
                "<a href=\"{:06}.html\" rel=\"prev\">\u{2039} previous</a>",
                idx - 1
            );
        }
        if has_next {
            let _ = write!(
                nav,
                "<a href=\"{:06}.html\" rel=\"next\">next \u{203a}</a>",
                idx + 1
            );
        }
        let mut h = String::new();
        let _ = write!(h, "<h1>{}</h1><p class=\"meta\">", esc(title));
        let loc = match row.line {
            Some(l) => format!("{}:{l}", row.path),
            None => row.path.clone(),
        };
        let _ = write!(h, "<code>{}</code>", esc(&loc));
        for part in [&row.doc_type, &row.inspectorate] {
            if !part.is_empty() {
                let _ = write!(h, " \u{b7} {}", esc(part));
            }
        }
        let _ = write!(h, " \u{b7} article {} of the run", idx + 1);
        h.push_str("</p>");
        if row.stale {
            h.push_str("<p class=\"warn\">The input file changed since this record was written: re-run <code>pressmine run</code>.</p>");
        }
        h.push_str(body);
        let html = page(title, "../", &nav, &h);
        fs::write(self.tmp.join(page_of(idx)), html).context("cannot write the report")?;
        Ok(())
    }

    /// Write the index, the list pages, `rules.json` (and the gold and diff
    /// pages), then move the report into place.
    pub fn finish(mut self) -> Result<Summary> {
        if let Some((i, title, body)) = self.pending.take() {
            self.write_article(i, &title, &body, false)?;
        }
        let n = self.rows.len();
        let page_size = self.page_size();
        let lists = n.div_ceil(page_size).max(1);

        // Gold.
        let mut gold_summary = None;
        let mut gold_by_rule: HashMap<String, GoldOut> = HashMap::new();
        if let Some((gpath, gold)) = &self.opts.gold {
            let rec: Vec<Record> = self
                .kept
                .iter()
                .filter(|r| self.gold_paths.contains(&r.source.path))
                .cloned()
                .collect();
            let rep = eval::score(gold, &rec);
            let mut missed = Vec::new();
            for a in &rep.articles {
                let page = self.pages.get(&a.file).map(|&i| page_of(i));
                for (_, rule) in &a.credited {
                    gold_by_rule.entry(rule.clone()).or_default().correct += 1;
                }
                for m in &a.misses {
                    let miss = GoldMiss {
                        article: a.file.clone(),
                        page: page.clone(),
                        field: m.field.clone(),
                        message: m.message.clone(),
                    };
                    match (&m.rule, m.kind) {
                        (Some(rule), _) => {
                            let g = gold_by_rule.entry(rule.clone()).or_default();
                            g.wrong += 1;
                            g.false_positives.push(miss);
                        }
                        (None, MissKind::Missing) => missed.push(miss),
                        (None, _) => {}
                    }
                }
            }
            for g in gold_by_rule.values_mut() {
                let t = g.correct + g.wrong;
                g.precision = (t > 0).then(|| g.correct as f64 / t as f64);
            }
            gold_summary = Some(GoldSummary {
                file: gpath.display().to_string(),
                articles: rep.gold_articles,
                unmatched: rep.unmatched.clone(),
                missed,
            });
        }

        // Diff.
        let diff_rep: Option<(String, DiffReport)> = self
            .opts
            .against
            .as_ref()
            .map(|(p, old)| (p.display().to_string(), diff::diff(old, &self.kept)));

        // Rules.
        let mut out: Vec<RuleOut> = Vec::new();
        let ix = RuleIndex::new(self.rules);
        let pair_list: Vec<((usize, usize), PairStat)> =
            std::mem::take(&mut self.pairs).into_iter().collect();
        for (i, info) in self.rules.rules.iter().enumerate() {
            let st = &self.stats[i];
            let overlaps = pair_list
                .iter()
                .filter(|((a, b), _)| *a == i || *b == i)
                .map(|((a, b), p)| {
                    let (other, mine_first) = if *a == i { (*b, true) } else { (*a, false) };
                    OverlapOut {
                        rule: self.rules.rule_id(other).to_string(),
                        count: p.count,
                        disagreements: p.disagree,
                        examples: p
                            .examples
                            .iter()
                            .map(|(page, article, text, va, vb, _)| OverlapExample {
                                page: page.clone(),
                                article: article.clone(),
                                text: text.clone(),
                                value: if mine_first { va.clone() } else { vb.clone() },
                                other_value: if mine_first { vb.clone() } else { va.clone() },
                            })
                            .collect(),
                    }
                })
                .collect();
            out.push(RuleOut {
                id: info.id.clone(),
                family: ix.families[i].to_string(),
                file: Some(info.file.clone()),
                line: Some(info.line),
                location: Some(format!("{}:{}", info.file, info.line)),
                hits: st.hits,
                articles: st.articles,
                values: st.values,
                never_fired: st.hits == 0,
                examples: st.examples.clone(),
                overlaps,
                gold: self
                    .opts
                    .gold
                    .as_ref()
                    .map(|_| gold_by_rule.remove(&info.id).unwrap_or_default()),
                diff: None,
            });
        }
        for (id, st) in &self.code {
            out.push(RuleOut {
                id: id.clone(),
                family: "code".into(),
                file: None,
                line: None,
                location: None,
                hits: st.hits,
                articles: st.articles,
                values: st.values,
                never_fired: false,
                examples: Vec::new(),
                overlaps: Vec::new(),
                gold: self
                    .opts
                    .gold
                    .as_ref()
                    .map(|_| gold_by_rule.remove(id).unwrap_or_default()),
                diff: None,
            });
        }
        if let Some((_, d)) = &diff_rep {
            for r in out.iter_mut() {
                r.diff = d.by_rule.get(&r.id).copied();
            }
            // Rules that only the old records name.
            for (id, c) in &d.by_rule {
                if !id.is_empty() && !out.iter().any(|r| &r.id == id) {
                    out.push(RuleOut {
                        id: id.clone(),
                        family: "gone".into(),
                        file: None,
                        line: None,
                        location: None,
                        hits: 0,
                        articles: 0,
                        values: 0,
                        never_fired: false,
                        examples: Vec::new(),
                        overlaps: Vec::new(),
                        gold: None,
                        diff: Some(*c),
                    });
                }
            }
        }
        out.sort_by(|a, b| b.hits.cmp(&a.hits).then(a.id.cmp(&b.id)));
        let never = out.iter().filter(|r| r.never_fired).count();
        let disagreeing = pair_list.iter().filter(|(_, p)| p.disagree > 0).count();
        let stale = self.rows.iter().filter(|r| r.stale).count();
        let json = RulesJson {
            rules_folder: self.rules.source.clone(),
            fingerprint: self.rules.fingerprint.clone(),
            articles: n,
            rules: self.rules.rules.len(),
            never_fired: never,
            by_rule: out,
            gold: gold_summary,
        };

        // Files.
        let w = |name: &str, body: String| -> Result<()> {
            fs::write(self.tmp.join(name), body)
                .with_context(|| format!("cannot write the report's {name}"))
        };
        w("rules.json", serde_json::to_string_pretty(&json)? + "\n")?;
        w(
            "index.html",
            self.index_html(&json, diff_rep.as_ref().map(|d| &d.1)),
        )?;
        for p in 1..=lists {
            w(&list_page(p), self.list_html(p, lists))?;
        }
        if let Some(g) = &json.gold {
            w("gold.html", gold_html(&json, g))?;
        }
        if let Some((old, d)) = &diff_rep {
            w("diff.json", serde_json::to_string_pretty(d)? + "\n")?;
            w("diff.html", diff_html(old, d, &self.pages))?;
        }
        if self.dest.exists() {
            fs::remove_dir_all(&self.dest)
                .with_context(|| format!("cannot replace '{}'", self.dest.display()))?;
        }
        fs::rename(&self.tmp, &self.dest)
            .with_context(|| format!("cannot move the report to '{}'", self.dest.display()))?;
        Ok(Summary {
            dir: self.dest.clone(),
            articles: n,
            rules: self.rules.rules.len(),
            never_fired: never,
            disagreeing_pairs: disagreeing,
            stale,
        })
    }

    fn nav(&self, gold: bool, diff: bool) -> String {
        let mut nav = String::from("<a href=\"index.html\">Rules</a>");
        let _ = write!(nav, "<a href=\"{}\">Articles</a>", list_page(1));
        if gold {
            nav.push_str("<a href=\"gold.html\">Gold</a>");
        }
        if diff {
            nav.push_str("<a href=\"diff.html\">Diff</a>");
        }
        nav
    }

    fn index_html(&self, j: &RulesJson, d: Option<&DiffReport>) -> String {
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
                    let v = if collapse(&e.value) != e.text {
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

    fn list_html(&self, p: usize, lists: usize) -> String {
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

fn gold_html(j: &RulesJson, g: &GoldSummary) -> String {
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

fn diff_html(old: &str, d: &DiffReport, pages: &HashMap<String, usize>) -> String {
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

// ---------------------------------------------------------------------------
// Page chrome
// ---------------------------------------------------------------------------

const CSS: &str = r#"
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f7f8fa;--card:#fff;--accent:#1d4ed8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.top{display:flex;align-items:center;gap:18px;padding:10px 24px;background:#102a43;color:#fff;position:sticky;top:0;z-index:5}
header.top .brand{font-weight:700;letter-spacing:.02em}
header.top nav{display:flex;gap:14px;flex-wrap:wrap}
header.top a{color:#d9e2ec;text-decoration:none}
header.top a:hover{color:#fff;text-decoration:underline}
main{padding:18px 24px 40px;max-width:1500px;margin:0 auto}
h1{font-size:22px;margin:6px 0 4px}
h2{font-size:17px;margin:22px 0 8px}
h3{font-size:14px;margin:14px 0 4px;color:#334e68;display:flex;align-items:center;gap:6px}
a{color:var(--accent)}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.meta{color:var(--muted);margin:0 0 12px}
.warn{background:#fff4e5;border:1px solid #f7c68b;padding:6px 10px;border-radius:6px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0 6px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 16px;min-width:130px;text-decoration:none;color:var(--ink);box-shadow:0 1px 2px rgba(0,0,0,.04)}
.card b{display:block;font-size:22px}
.card span{color:var(--muted);font-size:13px}
.card.ok b{color:#047857}.card.bad b{color:#b91c1c}.card.warnc b{color:#b45309}
.tools{display:flex;gap:16px;align-items:center;margin:6px 0 10px}
.tools input[type=search]{width:340px;padding:6px 10px;border:1px solid #cbd2d9;border-radius:6px;font:inherit}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:8px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f0f4f8;font-size:13px;color:#334e68;position:sticky;top:44px}
tbody tr:nth-child(even){background:#fbfcfd}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.narrow{width:auto;min-width:420px}
.rid{font-weight:600}
.fam{color:var(--muted);font-size:12px;margin-left:4px}
tr.never-fired{background:#fff5f5 !important}
.flag{display:inline-block;font-size:12px;padding:1px 8px;border-radius:10px;margin:0 4px 2px 0;white-space:nowrap}
.flag.never{background:#fde2e2;color:#9b1c1c;border:1px solid #f8b4b4}
.flag.disagree{background:#fef3c7;color:#92400e;border:1px solid #fcd34d}
.flag.overlap{background:#e0e7ff;color:#3730a3;border:1px solid #c7d2fe}
.flag.fp{background:#fce7f3;color:#9d174d;border:1px solid #f9a8d4}
details summary{cursor:pointer;color:var(--muted);font-size:13px}
ol.ex,ul.ov{margin:6px 0 6px 18px;padding:0;font-size:13px}
ol.ex li,ul.ov li{margin:3px 0}
.ctx{color:#334e68}
.ctx b{background:#fff3bf;color:#111;font-weight:600}
.val{color:#7b8794;font-size:12px}
.sub{margin:8px 0 0;font-size:12px;font-weight:600;color:#334e68}
.path{color:var(--muted);font-size:12px}
.pager{display:flex;gap:6px;flex-wrap:wrap;margin:10px 0}
.pager a,.pager span{padding:2px 9px;border:1px solid var(--line);border-radius:6px;background:#fff;text-decoration:none}
.pager .cur{background:#102a43;color:#fff}
.legend{display:flex;gap:8px;flex-wrap:wrap;margin:6px 0 12px}
.chip{display:inline-flex;align-items:center;gap:4px;padding:2px 10px;border-radius:14px;font-size:13px;cursor:pointer;border:1px solid rgba(0,0,0,.08)}
.chip .n{color:var(--muted);font-size:12px}
.cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(340px,440px);gap:22px;align-items:start}
.doc{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px 24px;white-space:pre-wrap;overflow-wrap:anywhere;font:15.5px/1.75 Georgia,"Iowan Old Style","Times New Roman",serif;box-shadow:0 1px 3px rgba(0,0,0,.05)}
.panel{position:sticky;top:58px;max-height:calc(100vh - 70px);overflow:auto;overflow-wrap:anywhere;background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px;font-size:14px}
.panel ul.items a:not(.rule){color:var(--ink);text-decoration:none;border-bottom:1px dotted #9aa5b1}
.panel ul.items a:not(.rule):hover{color:var(--accent);border-bottom-color:var(--accent)}
td.zero{color:#cbd2d9}
table.rules td:first-child{width:58%}
.panel h2{margin:10px 0 4px}
.sel{background:#f0f4f8;border-radius:8px;padding:8px 10px;margin-bottom:6px;min-height:40px}
.sel .hint{margin:0;color:var(--muted);font-size:13px}
.sel .row{margin:2px 0}
.sel .row code{font-weight:600}
ul.items{margin:0;padding-left:18px}
ul.items li{margin:2px 0}
a.rule{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#52606d;text-decoration:none;background:#f0f4f8;padding:0 5px;border-radius:4px;white-space:nowrap}
a.rule:hover{color:var(--accent)}
details.hits table{font-size:12px;margin-top:6px}
td.vals{color:#52606d}
details.json pre{white-space:pre-wrap;font-size:11.5px;background:#f8fafc;padding:8px;border-radius:6px;max-height:420px;overflow:auto}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:3px;vertical-align:baseline}
mark{background:none;color:inherit;border-radius:3px;cursor:pointer;padding:0 1px}
mark.f-quote,.chip.f-quote,.dot.f-quote{background:#fef9c3}
mark.f-quote{box-shadow:inset 0 -1px 0 #facc15}
mark.f-rating,.chip.f-rating,.dot.f-rating{background:#fdba74}
mark.f-rating{font-weight:700}
mark.f-service,.chip.f-service,.dot.f-service{background:#bfdbfe}
mark.f-speaker,.chip.f-speaker,.dot.f-speaker{background:#e9d5ff}
mark.f-official,.chip.f-official,.dot.f-official{background:#bbf7d0}
mark.f-theme{border-bottom:2px solid #0d9488;background:rgba(13,148,136,.08)}
.chip.f-theme,.dot.f-theme{background:#99f6e4}
mark.f-date,.chip.f-date,.dot.f-date{background:#e5e7eb}
mark.f-meta{border-bottom:2px dotted #64748b}
.chip.f-meta,.dot.f-meta{background:#f1f5f9}
mark.on{outline:2px solid #dc2626;outline-offset:1px}
body.hide-service mark.f-service,body.hide-rating mark.f-rating,body.hide-quote mark.f-quote,body.hide-speaker mark.f-speaker,body.hide-official mark.f-official,body.hide-theme mark.f-theme,body.hide-date mark.f-date,body.hide-meta mark.f-meta{background:none;border:0;box-shadow:none;font-weight:inherit}
ul.changes{list-style:none;padding-left:8px;margin:4px 0}
ul.changes li.plus{color:#047857}ul.changes li.minus{color:#b91c1c}ul.changes li.moved{color:#92400e}
@media (max-width:1000px){.cols{grid-template-columns:1fr}.panel{position:static;max-height:none}}
"#;

const JS: &str = r#"
(function(){
  var d=document;
  window.addEventListener('error',function(){d.documentElement.setAttribute('data-error','1');});
  var boxes=d.querySelectorAll('input[data-toggle]');
  for(var i=0;i<boxes.length;i++){(function(cb){cb.addEventListener('change',function(){
    d.body.classList.toggle('hide-'+cb.getAttribute('data-toggle'),!cb.checked);});})(boxes[i]);}
  var sel=d.getElementById('sel'), base=d.body.getAttribute('data-base')||'';
  function pick(m){
    if(!sel){return;}
    var on=d.querySelectorAll('mark.on');
    for(var i=0;i<on.length;i++){on[i].classList.remove('on');}
    var parts=d.querySelectorAll('mark[data-m="'+m.getAttribute('data-m')+'"]');
    for(var j=0;j<parts.length;j++){parts[j].classList.add('on');}
    while(sel.firstChild){sel.removeChild(sel.firstChild);}
    for(var e=m;e&&e.tagName==='MARK';e=e.parentElement){
      var row=d.createElement('div');row.className='row';
      var chip=d.createElement('span');chip.className='chip f-'+e.getAttribute('data-f');chip.textContent=e.getAttribute('data-f');
      var a=d.createElement('a');a.className='rule';a.setAttribute('href',base+'index.html#rule-'+encodeURIComponent(e.getAttribute('data-rule')));
      a.textContent=e.getAttribute('data-rule');
      var v=d.createElement('div');v.textContent=e.getAttribute('data-v');
      row.appendChild(chip);row.appendChild(d.createTextNode(' '));row.appendChild(a);row.appendChild(v);
      sel.appendChild(row);
    }
  }
  d.addEventListener('click',function(ev){
    var t=ev.target; if(t&&t.nodeType!==1){t=t.parentElement;}
    var m=t&&t.closest?t.closest('mark'):null; if(m){pick(m);}
  });
  function fromHash(){
    var h=location.hash;
    if(/^#m-[0-9]+$/.test(h)){var m=d.getElementById(h.slice(1));if(m){pick(m);if(m.scrollIntoView){m.scrollIntoView({block:'center'});}}}
    if(/^#only=/.test(h)&&f){f.value=decodeURIComponent(h.slice(6));filter();}
    if(/^#rule-/.test(h)){var r=d.getElementById(decodeURIComponent(h.slice(1)));if(r){var det=r.querySelector('details');if(det){det.open=true;}}}
  }
  var f=d.getElementById('filter'), fl=d.getElementById('flagged');
  function filter(){
    var q=(f.value||'').toLowerCase(), only=fl&&fl.checked, rows=d.querySelectorAll('#rules-table tbody tr');
    for(var i=0;i<rows.length;i++){var r=rows[i];
      var ok=(r.getAttribute('data-id')||'').toLowerCase().indexOf(q)>=0&&(!only||r.classList.contains('flagged'));
      r.style.display=ok?'':'none';}
  }
  if(f){f.addEventListener('input',filter); if(fl){fl.addEventListener('change',filter);}}
  window.addEventListener('hashchange',fromHash); fromHash();
  d.documentElement.setAttribute('data-ms',String(Math.round(window.performance?performance.now():0)));
  d.documentElement.setAttribute('data-ready','1');
})();
"#;

/// Base64 of the SHA-256 of `s`, for a Content-Security-Policy hash source.
fn sha256_b64(s: &str) -> String {
    use sha2::{Digest, Sha256};
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let h = Sha256::digest(s.as_bytes());
    let mut out = String::new();
    for c in h.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for k in 0..4 {
            if k <= c.len() {
                out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A whole page: head with inline CSS, navigation, body, inline script.
fn page(title: &str, base: &str, nav: &str, body: &str) -> String {
    let mut s = String::with_capacity(body.len() + CSS.len() + JS.len() + 600);
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    // Only this page's own style and script may run: nothing injected would.
    let _ = write!(
        s,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'\">",
        sha256_b64(CSS),
        sha256_b64(JS)
    );
    let _ = write!(
        s,
        "<title>{} \u{2014} pressmine report</title><style>{CSS}</style></head>",
        esc(title)
    );
    let _ = writeln!(
        s,
        "<body data-base=\"{}\"><header class=\"top\"><span class=\"brand\">pressmine report</span><nav>{nav}</nav></header><main>{body}</main><script>{JS}</script></body></html>",
        esc(base)
    );
    s
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
    fn csp_hashes_are_base64_sha256() {
        assert_eq!(
            sha256_b64(""),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
        assert_eq!(
            sha256_b64("abc"),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
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
    fn escapes_everything() {
        assert_eq!(
            esc("<script>a&b\"c'</script>"),
            "&lt;script&gt;a&amp;b&quot;c&#39;&lt;/script&gt;"
        );
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
