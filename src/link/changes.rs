//! Which inspections a run changed: the previous `inspections.jsonl` against
//! the one just linked, as lines of `changes.jsonl` after the records' lines.
//!
//! A line names the inspection (`inspection`, its id) and the change
//! (`added`, `updated` or `removed`); an update lists each top-level field that
//! changed with its old and new value. Unchanged inspections are not listed.
//! The lines have no `id` or `path`: those are the records' lines.

use super::Inspection;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

/// One line of `changes.jsonl` about an inspection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InspectionChange {
    /// `added`, `updated` or `removed`.
    pub change: String,
    /// The inspection's id.
    pub inspection: String,
    /// For `updated`: each field that changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// A top-level field of an inspection that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field (`overall`, `sources`, `conflicts`, ...).
    pub field: String,
    /// Its value before.
    pub old: Value,
    /// Its value now.
    pub new: Value,
}

/// How many inspections were added, updated and removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// New inspections.
    pub added: usize,
    /// Inspections whose line changed.
    pub updated: usize,
    /// Inspections gone.
    pub removed: usize,
}

/// The previous `inspections.jsonl` by id (empty when there is none; lines
/// that do not parse are passed over).
pub fn read_previous(path: &Path) -> BTreeMap<String, Value> {
    let Ok(f) = std::fs::File::open(path) else {
        return BTreeMap::new();
    };
    std::io::BufReader::new(f)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<Value>(&l).ok())
        .filter_map(|v| Some((v.get("id")?.as_str()?.to_string(), v)))
        .collect()
}

/// The changes from `prev` to `now`, in id order.
pub fn changes(prev: &BTreeMap<String, Value>, now: &[Inspection]) -> Vec<InspectionChange> {
    let mut out: BTreeMap<&str, InspectionChange> = BTreeMap::new();
    for i in now {
        let new = serde_json::to_value(i).unwrap_or(Value::Null);
        match prev.get(&i.id) {
            None => {
                out.insert(
                    &i.id,
                    InspectionChange {
                        change: "added".into(),
                        inspection: i.id.clone(),
                        fields: Vec::new(),
                    },
                );
            }
            Some(old) if *old != new => {
                let (Value::Object(o), Value::Object(n)) = (old, &new) else {
                    continue;
                };
                let mut keys: Vec<&String> = o.keys().chain(n.keys()).collect();
                keys.sort();
                keys.dedup();
                let fields = keys
                    .into_iter()
                    .filter(|k| o.get(*k) != n.get(*k))
                    .map(|k| FieldChange {
                        field: k.clone(),
                        old: o.get(k).cloned().unwrap_or(Value::Null),
                        new: n.get(k).cloned().unwrap_or(Value::Null),
                    })
                    .collect();
                out.insert(
                    &i.id,
                    InspectionChange {
                        change: "updated".into(),
                        inspection: i.id.clone(),
                        fields,
                    },
                );
            }
            Some(_) => {}
        }
    }
    let now_ids: std::collections::HashSet<&str> = now.iter().map(|i| i.id.as_str()).collect();
    for id in prev.keys() {
        if !now_ids.contains(id.as_str()) {
            out.insert(
                id,
                InspectionChange {
                    change: "removed".into(),
                    inspection: id.clone(),
                    fields: Vec::new(),
                },
            );
        }
    }
    out.into_values().collect()
}

impl Counts {
    /// Count the changes.
    pub fn of(changes: &[InspectionChange]) -> Counts {
        let mut c = Counts::default();
        for x in changes {
            match x.change.as_str() {
                "added" => c.added += 1,
                "updated" => c.updated += 1,
                _ => c.removed += 1,
            }
        }
        c
    }
}
