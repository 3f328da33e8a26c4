//! `pressmine diff OLD NEW`: what changed between two `records.jsonl`, by field,
//! by rule and per article, counts first. This is how a rule author sees the
//! effect of an edit: run before, run after, diff.
//!
//! Records are paired by source (path and line). Each record is flattened into
//! values, one per list item or scalar field, each with the rule that produced
//! it ([`values`]). Within an article, values are compared as text per field: a
//! value only in NEW is *gained*, only in OLD *lost*; a value in both that came
//! from a different rule has *moved* between rules. Spans are not compared.

use crate::record::Record;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One value of a record: its field, its text, and the rule that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Value {
    /// Field name as in the record (`ratings`, `published`, ...).
    pub field: String,
    /// The value as text (`overall: Good`, `published 2024-03-14`, ...).
    pub value: String,
    /// Rule id (empty when the record names none, e.g. warnings).
    pub rule: String,
}

/// A value kept, but produced by another rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// Field name.
    pub field: String,
    /// The value.
    pub value: String,
    /// Rule in OLD.
    pub from: String,
    /// Rule in NEW.
    pub to: String,
}

/// Counts of changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Values only in NEW.
    pub gained: usize,
    /// Values only in OLD.
    pub lost: usize,
    /// Values in both, from another rule.
    pub moved: usize,
}

impl Counts {
    fn is_zero(&self) -> bool {
        self.gained == 0 && self.lost == 0 && self.moved == 0
    }
}

/// What changed in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleDiff {
    /// Record id.
    pub id: String,
    /// Source path.
    pub path: String,
    /// Source line (JSON Lines input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Values only in NEW.
    pub gained: Vec<Value>,
    /// Values only in OLD.
    pub lost: Vec<Value>,
    /// Values whose rule changed.
    pub moved: Vec<Moved>,
}

/// The whole comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DiffReport {
    /// Records in OLD.
    pub old_records: usize,
    /// Records in NEW.
    pub new_records: usize,
    /// Articles in both.
    pub both: usize,
    /// Articles that changed.
    pub changed: usize,
    /// Ids of records only in OLD.
    pub only_old: Vec<String>,
    /// Ids of records only in NEW.
    pub only_new: Vec<String>,
    /// All changes.
    pub totals: Counts,
    /// Changes per field, in record field order.
    pub by_field: Vec<(String, Counts)>,
    /// Changes per rule: values the rule gained or lost; `moved` counts values
    /// that moved to or from it.
    pub by_rule: BTreeMap<String, Counts>,
    /// Changed articles, in record order.
    pub articles: Vec<ArticleDiff>,
}

/// Fields in record order.
pub const FIELDS: &[&str] = crate::record::EXTRACTED_KEYS;

fn clip(s: &str, max: usize) -> String {
    let s = crate::normalize::squash_spaces(s);
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s,
    }
}

/// Every value of a record with its rule.
pub fn values(r: &Record) -> Vec<Value> {
    let mut out = Vec::new();
    let mut push = |field: &str, value: String, rule: &str| {
        out.push(Value {
            field: field.to_string(),
            value,
            rule: rule.to_string(),
        })
    };
    let prov = |k: &str| r.provenance.get(k).map(|p| p.rule.as_str()).unwrap_or("");
    if let Some(t) = &r.title {
        push("title", clip(t, 120), prov("title"));
    }
    push("doc_type", r.doc_type.clone(), prov("doc_type"));
    if let Some(p) = &r.publisher {
        push("publisher", p.clone(), prov("publisher"));
    }
    if let Some(b) = &r.byline {
        push("byline", b.clone(), prov("byline"));
    }
    if let Some(p) = &r.published {
        push("published", p.clone(), prov("published"));
    }
    if let Some(i) = &r.inspectorate {
        push("inspectorate", i.name.clone(), &i.rule);
    }
    for s in &r.services {
        let mut v = s.name.clone();
        let extra: Vec<String> = [
            s.acronym.as_ref().map(|a| format!("acronym {a}")),
            s.locality.as_ref().map(|l| format!("locality {l}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !extra.is_empty() {
            v.push_str(&format!(" ({})", extra.join(", ")));
        }
        push("services", v, &s.rule);
    }
    for x in &r.ratings {
        let implied = if x.implied { " (implied)" } else { "" };
        push(
            "ratings",
            format!("{}: {}{implied}", x.scope, x.value),
            &x.rule,
        );
    }
    for q in &r.quotes {
        let who = q.speaker_label();
        push(
            "quotes",
            format!("\"{}\" - {who}", clip(&q.text, 80)),
            &q.rule,
        );
    }
    for o in &r.officials {
        let v = match &o.role {
            Some(role) => format!("{}, {role}", o.name),
            None => o.name.clone(),
        };
        push("officials", v, &o.rule);
    }
    for t in &r.themes {
        push(
            "themes",
            format!("{} ({})", t.id, t.polarity),
            &format!("theme.{}", t.id),
        );
    }
    for d in &r.dates {
        push("dates", format!("{} {}", d.kind, d.value), &d.rule);
    }
    for w in &r.warnings {
        push("warnings", w.clone(), "");
    }
    out
}

type Key = (String, Option<u64>);

fn key(r: &Record) -> Key {
    (r.source.path.clone(), r.source.line)
}

/// The differences in one article's values.
fn diff_values(old: &[Value], new: &[Value]) -> (Vec<Value>, Vec<Value>, Vec<Moved>) {
    let mut pool: BTreeMap<(&str, &str), Vec<&Value>> = BTreeMap::new();
    for v in old {
        pool.entry((v.field.as_str(), v.value.as_str()))
            .or_default()
            .push(v);
    }
    let mut gained = Vec::new();
    let mut moved = Vec::new();
    // First pair values with the same rule, then any left.
    let mut unpaired: Vec<&Value> = Vec::new();
    for v in new {
        let slot = pool.get_mut(&(v.field.as_str(), v.value.as_str()));
        match slot.and_then(|s| s.iter().position(|o| o.rule == v.rule).map(|i| s.remove(i))) {
            Some(_) => {}
            None => unpaired.push(v),
        }
    }
    for v in unpaired {
        let slot = pool.get_mut(&(v.field.as_str(), v.value.as_str()));
        match slot.and_then(|s| (!s.is_empty()).then(|| s.remove(0))) {
            Some(o) => moved.push(Moved {
                field: v.field.clone(),
                value: v.value.clone(),
                from: o.rule.clone(),
                to: v.rule.clone(),
            }),
            None => gained.push(v.clone()),
        }
    }
    let mut lost: Vec<Value> = Vec::new();
    for v in old {
        // What is left in the pool, in OLD's order.
        if let Some(s) = pool.get_mut(&(v.field.as_str(), v.value.as_str())) {
            if let Some(i) = s.iter().position(|o| std::ptr::eq(*o, v)) {
                s.remove(i);
                lost.push(v.clone());
            }
        }
    }
    (gained, lost, moved)
}

/// Compare two sets of records.
pub fn diff(old: &[Record], new: &[Record]) -> DiffReport {
    let old_by: HashMap<Key, &Record> = old.iter().map(|r| (key(r), r)).collect();
    let new_keys: std::collections::HashSet<Key> = new.iter().map(key).collect();
    let mut rep = DiffReport {
        old_records: old.len(),
        new_records: new.len(),
        ..DiffReport::default()
    };
    let mut by_field: BTreeMap<usize, Counts> = BTreeMap::new();
    let field_ix = |f: &str| FIELDS.iter().position(|x| *x == f).unwrap_or(FIELDS.len());
    for n in new {
        let Some(o) = old_by.get(&key(n)) else {
            rep.only_new.push(n.id.clone());
            continue;
        };
        rep.both += 1;
        let (gained, lost, moved) = diff_values(&values(o), &values(n));
        if gained.is_empty() && lost.is_empty() && moved.is_empty() {
            continue;
        }
        rep.changed += 1;
        for v in &gained {
            by_field.entry(field_ix(&v.field)).or_default().gained += 1;
            rep.by_rule.entry(v.rule.clone()).or_default().gained += 1;
        }
        for v in &lost {
            by_field.entry(field_ix(&v.field)).or_default().lost += 1;
            rep.by_rule.entry(v.rule.clone()).or_default().lost += 1;
        }
        for m in &moved {
            by_field.entry(field_ix(&m.field)).or_default().moved += 1;
            rep.by_rule.entry(m.from.clone()).or_default().moved += 1;
            rep.by_rule.entry(m.to.clone()).or_default().moved += 1;
        }
        rep.totals.gained += gained.len();
        rep.totals.lost += lost.len();
        rep.totals.moved += moved.len();
        rep.articles.push(ArticleDiff {
            id: n.id.clone(),
            path: n.source.path.clone(),
            line: n.source.line,
            gained,
            lost,
            moved,
        });
    }
    rep.only_old = old
        .iter()
        .filter(|r| !new_keys.contains(&key(r)))
        .map(|r| r.id.clone())
        .collect();
    rep.by_field = by_field
        .into_iter()
        .filter(|(_, c)| !c.is_zero())
        .map(|(i, c)| (FIELDS.get(i).unwrap_or(&"other").to_string(), c))
        .collect();
    rep
}

fn rule_name(r: &str) -> &str {
    if r.is_empty() {
        "(no rule)"
    } else {
        r
    }
}

impl DiffReport {
    /// The text `pressmine diff` prints: counts, by field, by rule, per article.
    pub fn render(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "{} of {} article(s) changed ({} record(s) in OLD, {} in NEW; {} only in OLD, {} only in NEW)\n",
            self.changed,
            self.both,
            self.old_records,
            self.new_records,
            self.only_old.len(),
            self.only_new.len()
        ));
        s.push_str(&format!(
            "values: +{} gained, -{} lost, ~{} moved to another rule\n",
            self.totals.gained, self.totals.lost, self.totals.moved
        ));
        if self.changed > 0 {
            let w = self
                .by_rule
                .keys()
                .map(|k| rule_name(k).len())
                .chain(self.by_field.iter().map(|(f, _)| f.len()))
                .max()
                .unwrap_or(10)
                .max(10);
            s.push_str(&format!(
                "\nby field{:w$}      +      -      ~\n",
                "",
                w = w - 6
            ));
            for (f, c) in &self.by_field {
                s.push_str(&format!(
                    "  {f:w$} {:>6} {:>6} {:>6}\n",
                    c.gained, c.lost, c.moved
                ));
            }
            s.push_str(&format!(
                "\nby rule{:w$}      +      -      ~\n",
                "",
                w = w - 5
            ));
            let mut rules: Vec<(&String, &Counts)> = self.by_rule.iter().collect();
            rules.sort_by(|a, b| {
                let ta = a.1.gained + a.1.lost + a.1.moved;
                let tb = b.1.gained + b.1.lost + b.1.moved;
                tb.cmp(&ta).then(a.0.cmp(b.0))
            });
            for (r, c) in rules {
                s.push_str(&format!(
                    "  {:w$} {:>6} {:>6} {:>6}\n",
                    rule_name(r),
                    c.gained,
                    c.lost,
                    c.moved
                ));
            }
            s.push_str("\nper article\n");
            for a in &self.articles {
                match a.line {
                    Some(l) => s.push_str(&format!("  {}:{l}\n", a.path)),
                    None => s.push_str(&format!("  {}\n", a.path)),
                }
                for (sign, values) in [("+", &a.gained), ("-", &a.lost)] {
                    for v in values {
                        s.push_str(&format!(
                            "    {sign} {:12} {}  [{}]\n",
                            v.field,
                            v.value,
                            rule_name(&v.rule)
                        ));
                    }
                }
                for m in &a.moved {
                    s.push_str(&format!(
                        "    ~ {:12} {}  [{} -> {}]\n",
                        m.field,
                        m.value,
                        rule_name(&m.from),
                        rule_name(&m.to)
                    ));
                }
            }
        }
        for id in &self.only_old {
            s.push_str(&format!("only in OLD: {id}\n"));
        }
        for id in &self.only_new {
            s.push_str(&format!("only in NEW: {id}\n"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(field: &str, value: &str, rule: &str) -> Value {
        Value {
            field: field.into(),
            value: value.into(),
            rule: rule.into(),
        }
    }

    #[test]
    fn gained_lost_and_moved() {
        let old = vec![
            v("dates", "other 2024-05-03", "date.other"),
            v("ratings", "overall: Good", "a"),
            v("ratings", "overall: Good", "b"),
        ];
        let new = vec![
            v("dates", "other 2023-06", "date.other"),
            v("ratings", "overall: Good", "b"),
            v("ratings", "overall: Good", "c"),
        ];
        let (g, l, m) = diff_values(&old, &new);
        assert_eq!(g, vec![v("dates", "other 2023-06", "date.other")]);
        assert_eq!(l, vec![v("dates", "other 2024-05-03", "date.other")]);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].from.as_str(), m[0].to.as_str()), ("a", "c"));
    }
}
