//! The lines of `changes.jsonl` and the field-by-field difference of two records.

use super::PrevLine;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

/// One line of `changes.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// `added`, `updated`, `removed` or `unchanged`.
    pub change: String,
    /// Record id.
    pub id: String,
    /// Source path.
    pub path: String,
    /// For JSON Lines input: the 1-based line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// For `updated`: every value that changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// A value of a record that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Where: a top-level field, then `.key` and `[index]` steps
    /// (`ratings[0].value`, `source.sha256`).
    pub field: String,
    /// The value before (null when absent).
    pub old: Value,
    /// The value now (null when absent).
    pub new: Value,
}

impl Change {
    pub(super) fn new(change: &str, id: &str, path: &str, line: Option<u64>) -> Change {
        Change {
            change: change.to_string(),
            id: id.to_string(),
            path: path.to_string(),
            line,
            fields: Vec::new(),
        }
    }

    /// A previous record whose article is gone.
    pub fn removed(p: &PrevLine) -> Change {
        Change::new("removed", &p.id, &p.path, p.line)
    }
}

/// Record fields in the order `records.jsonl` writes them.
const FIELD_ORDER: [&str; 17] = [
    "schema_version",
    "id",
    "source",
    "title",
    "doc_type",
    "publisher",
    "byline",
    "published",
    "inspectorate",
    "services",
    "ratings",
    "quotes",
    "officials",
    "themes",
    "dates",
    "warnings",
    "provenance",
];

/// The values that differ between two records (as JSON), and the ids of the rules
/// behind them (old and new). Objects are compared key by key; lists of objects of
/// the same length item by item; anything else (scalars, spans, lists of strings,
/// lists whose length changed) as a whole.
pub fn diff(old: &Value, new: &Value) -> (Vec<FieldChange>, BTreeSet<String>) {
    let mut out = Vec::new();
    let mut rules = BTreeSet::new();
    diff_at("", old, new, &mut Vec::new(), &mut out, &mut rules);
    (out, rules)
}

/// [`diff`] below `path` (`""` for the record itself); `enclosing` holds the rule
/// ids of the objects around it.
fn diff_at(
    path: &str,
    old: &Value,
    new: &Value,
    enclosing: &mut Vec<String>,
    out: &mut Vec<FieldChange>,
    rules: &mut BTreeSet<String>,
) {
    if old == new {
        return;
    }
    let null = Value::Null;
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let top = path.is_empty();
            let mark = enclosing.len();
            for side in [a, b] {
                for key in ["rule", "cue_rule"] {
                    if let Some(r) = side.get(key).and_then(Value::as_str) {
                        enclosing.push(r.to_string());
                    }
                }
            }
            let mut keys: Vec<&String> = a
                .keys()
                .chain(b.keys().filter(|k| !a.contains_key(*k)))
                .collect();
            // The record's own fields in the order records.jsonl writes them.
            let order = |k: &str| FIELD_ORDER.iter().position(|f| *f == k).filter(|_| top);
            keys.sort_by_key(|k| (order(k).unwrap_or(FIELD_ORDER.len()), k.as_str()));
            for k in keys {
                let (x, y) = (a.get(k).unwrap_or(&null), b.get(k).unwrap_or(&null));
                if top && x != y {
                    // A scalar field's rule is in `provenance`.
                    for side in [old, new] {
                        if let Some(r) = side["provenance"][k.as_str()]["rule"].as_str() {
                            rules.insert(r.to_string());
                        }
                    }
                }
                let at = if top {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                diff_at(&at, x, y, enclosing, out, rules);
            }
            enclosing.truncate(mark);
        }
        (Value::Array(a), Value::Array(b))
            if a.len() == b.len() && a.iter().chain(b).all(Value::is_object) =>
        {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff_at(&format!("{path}[{i}]"), x, y, enclosing, out, rules);
            }
        }
        _ => {
            rules.extend(enclosing.iter().cloned());
            collect_rules(old, rules);
            collect_rules(new, rules);
            out.push(FieldChange {
                field: path.to_string(),
                old: old.clone(),
                new: new.clone(),
            });
        }
    }
}

/// Every `rule` and `cue_rule` id inside a value.
fn collect_rules(v: &Value, rules: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("rule" | "cue_rule", Value::String(r)) => {
                        rules.insert(r.clone());
                    }
                    _ => collect_rules(x, rules),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_rules(x, rules)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_reports_leaf_values_and_their_rules() {
        let old = json!({"id": "a", "title": "T", "ratings": [
            {"scope": "overall", "value": "Good", "span": [1, 5], "rule": "rating.x"}],
            "provenance": {"title": {"rule": "meta.title", "span": [0, 1]}}});
        let new = json!({"id": "a", "title": "U", "ratings": [
            {"scope": "overall", "value": "Outstanding", "span": [1, 12], "rule": "rating.x"}],
            "provenance": {"title": {"rule": "meta.title", "span": [0, 1]}}});
        let (fields, rules) = diff(&old, &new);
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["title", "ratings[0].span", "ratings[0].value"]);
        assert_eq!(fields[2].old, json!("Good"));
        assert_eq!(fields[2].new, json!("Outstanding"));
        assert_eq!(
            rules.into_iter().collect::<Vec<_>>(),
            ["meta.title", "rating.x"]
        );
    }

    #[test]
    fn lists_of_different_length_change_as_a_whole() {
        let old = json!({"dates": [{"value": "2024", "rule": "d.a"}]});
        let new = json!({"dates": []});
        let (fields, rules) = diff(&old, &new);
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].field, "dates");
        assert!(rules.contains("d.a"));
    }

    #[test]
    fn identical_records_have_no_changes() {
        let v = json!({"id": "a", "services": [{"name": "x", "spans": [[1, 2]]}]});
        assert!(diff(&v, &v).0.is_empty());
    }
}
