//! The linking knowledge, `rules/linking.toml`: the time window, the words
//! dropped from service names, spelling variants and kind classes, parsed
//! (`deny_unknown_fields`) and folded once into a [`LinkRules`].
//!
//! Its worked examples (`[[example]]`: two records and whether they report one
//! inspection) are run by `pressmine rules test` ([`check_examples`]).

use super::key::fold;
use super::{link, LinkRecord, LinkService};
use crate::rules::parse::{line_of_str, read_toml, RuleError};
use crate::rules::RuleSource;
use regex::Regex;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The rule file's name under the rules folder.
pub const FILE: &str = "linking.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkingFile {
    window: WindowDef,
    names: NamesDef,
    #[serde(default)]
    kind: Vec<KindDef>,
    #[serde(default)]
    joint: Vec<JointDef>,
    #[serde(default)]
    shared: Option<SharedDef>,
    #[serde(default)]
    example: Vec<ExampleDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SharedDef {
    quote_words: usize,
    max_records: usize,
    #[serde(default)]
    people: bool,
    #[serde(default)]
    common_words: Vec<String>,
    #[serde(default)]
    min_content_words: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct JointDef {
    #[allow(dead_code)]
    note: String,
    inspectorates: Vec<String>,
    classes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowDef {
    days: i64,
    fieldwork_lag_days: i64,
    undated: String,
    #[serde(default)]
    keyless_days: i64,
    #[serde(default)]
    fieldwork_max_days: i64,
    #[serde(default)]
    keyless_any_kind: bool,
    #[serde(default)]
    title_years: String,
    #[serde(default)]
    undated_roundups_apart: bool,
    #[serde(default)]
    undated_by_grade: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct NamesDef {
    #[serde(default)]
    variants: Vec<(String, String)>,
    #[serde(default)]
    drop: Vec<String>,
    min_identity_chars: usize,
    #[serde(default)]
    rated_without_inspectorate: bool,
    #[serde(default)]
    named_without_inspectorate: bool,
    #[serde(default)]
    generic: Vec<String>,
    #[serde(default)]
    typo_min_chars: usize,
    #[serde(default)]
    prefix_min_chars: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindDef {
    class: String,
    kinds: Vec<String>,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    identity: Option<String>,
    #[serde(default)]
    inspectorate: Option<String>,
}

/// One worked example: two records (with any others beside them) and whether
/// they are one inspection.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    /// What the example shows.
    pub note: String,
    /// The first record.
    pub a: ExampleRecord,
    /// The second record.
    pub b: ExampleRecord,
    /// Other records linked with them (another inspection of the same
    /// service), not asked about.
    #[serde(default)]
    pub others: Vec<ExampleRecord>,
    /// True when they must be linked.
    pub same: bool,
}

/// A record of an example: only what linking reads.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleRecord {
    /// Inspectorate name (empty: none named).
    pub inspectorate: String,
    /// Service name (empty: the record names no service).
    #[serde(default)]
    pub name: String,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Service acronym.
    #[serde(default)]
    pub acronym: Option<String>,
    /// Another service of the same kind the record names (a round-up).
    #[serde(default)]
    pub also: Option<String>,
    /// Service kind.
    #[serde(default)]
    pub kind: Option<String>,
    /// Service locality.
    #[serde(default)]
    pub locality: Option<String>,
    /// Publication date.
    #[serde(default)]
    pub published: Option<String>,
    /// Fieldwork date.
    #[serde(default)]
    pub fieldwork: Option<String>,
    /// Overall rating.
    #[serde(default)]
    pub overall: Option<String>,
    /// A quote the record gives.
    #[serde(default)]
    pub quote: Option<String>,
    /// An official (not an inspector) the record names.
    #[serde(default)]
    pub official: Option<String>,
}

/// The compiled linking rules.
#[derive(Debug, Clone, Default)]
pub struct LinkRules {
    /// Reports of one inspection come out within this many days.
    pub window_days: i64,
    /// A fieldwork date is placed this many days later.
    pub fieldwork_lag_days: i64,
    /// A dated record with no service identity but a kind class joins the
    /// one inspection of its inspectorate and class starting within this
    /// many days (0: never).
    pub keyless_days: i64,
    /// A record stating only a fieldwork date joins the first inspection of
    /// its service published within this many days after it (0: placed by
    /// `fieldwork_lag_days` only).
    pub fieldwork_max_days: i64,
    /// A dated keyless record with no kind class joins the one inspection of
    /// its inspectorate (of any class) starting within `keyless_days`.
    pub keyless_any_kind: bool,
    /// A record with no publication date whose headline names a year or a
    /// span of years ('2018/19') is placed in those years: of several
    /// inspections of its service it joins the one that starts in them, and
    /// with no service identity but a kind class, the one inspection of its
    /// inspectorate and class that starts in them. The pattern finds a year
    /// (group `from`) and the optional end of a span (group `to`, two or four
    /// digits); `None` turns headline years off.
    pub title_years: Option<Regex>,
    /// An undated record naming several services (a round-up) does not join
    /// the one dated inspection of a service with `undated = "join"`.
    pub undated_roundups_apart: bool,
    /// Of several dated inspections of a service, an undated record giving
    /// an overall grade joins the one whose records give that grade and no
    /// other, when only one does.
    pub undated_by_grade: bool,
    /// An undated record joins its bucket's one dated inspection (`join`);
    /// else (`apart`) the undated records of a bucket are one inspection.
    pub undated_join: bool,
    /// Folded word sequence -> its replacement (folded).
    pub variants: Vec<(Vec<String>, Vec<String>)>,
    /// Folded word sequences to drop, longest first (kind words included).
    pub drop: Vec<Vec<String>>,
    /// Shortest identity kept.
    pub min_identity_chars: usize,
    /// A rated record naming no inspectorate may join a service that one
    /// inspectorate's records name.
    pub rated_without_inspectorate: bool,
    /// A record naming no inspectorate but a service (so it reports an
    /// inspection) may join a service that one inspectorate's records name,
    /// rated or not.
    pub named_without_inspectorate: bool,
    /// Folded words that alone say nothing of which service it is ('children',
    /// 'hospital'): an identity made only of them is none.
    pub generic: HashSet<String>,
    /// Classes whose services are told apart by their locality first (one
    /// such service per council or force area).
    pub locality_first: HashSet<String>,
    /// (inspectorate, class) -> the inspectorate whose key a joint
    /// inspection's records share.
    pub joint: HashMap<(String, String), String>,
    /// Record kind (as written in records) -> class.
    pub kind_class: HashMap<String, String>,
    /// Kinds whose class depends on the inspectorate (`kind.inspectorate`):
    /// (inspectorate, kind) -> class, before `kind_class`.
    pub inspectorate_kind_class: HashMap<(String, String), String>,
    /// Folded kind words with their class, longest first: a record without a
    /// kind gets the class of the first one its name holds.
    pub kind_words: Vec<(Vec<String>, String)>,
    /// Two records sharing a run of this many words of a quote report one
    /// story (0: quotes link nothing).
    pub shared_quote_words: usize,
    /// A quote run or a person named by more records than this is no
    /// evidence (a chief inspector's stock phrase, a minister).
    pub shared_max_records: usize,
    /// Two records naming one official who is not an inspector report one
    /// story.
    pub shared_people: bool,
    /// Folded words that say nothing of which story a quote comes from
    /// ('we', 'there', 'more'): a shared run needs `shared_min_content_words`
    /// words outside them.
    pub shared_common_words: HashSet<String>,
    /// How many words of a shared run must be outside `shared_common_words`
    /// (0: any run counts).
    pub shared_min_content_words: usize,
    /// Two identities of one inspectorate and kind class, at least this many
    /// characters long, that differ by one letter left out are one service
    /// (a misspelt name; 0: off). Not for classes keyed by locality.
    pub typo_min_chars: usize,
    /// An identity whose words open others of one inspectorate and kind
    /// class, all of them one chain ('honywood', 'honywood community
    /// science'), at least this many characters long: one service (0: off).
    /// Not for classes keyed by locality.
    pub prefix_min_chars: usize,
    /// The worked examples.
    pub examples: Vec<ExampleDef>,
}

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Compile `window.title_years` (empty: off); it must have a group `from`.
fn title_years(pattern: &str) -> Result<Option<Regex>, String> {
    if pattern.is_empty() {
        return Ok(None);
    }
    let re = Regex::new(pattern).map_err(|e| format!("window.title_years: {e}"))?;
    if !re.capture_names().flatten().any(|n| n == "from") {
        return Err("window.title_years needs a group named `from` (the year)".into());
    }
    Ok(Some(re))
}

/// Read and fold `rules/linking.toml` from a rule source.
pub fn load(source: &RuleSource) -> Result<LinkRules, RuleError> {
    let (f, text) = read_toml::<LinkingFile>(source, FILE)?;
    let err = |needle: &str, message: String| RuleError {
        file: FILE.to_string(),
        line: line_of_str(&text, needle),
        message,
    };
    if f.window.days <= 0
        || f.window.fieldwork_lag_days < 0
        || f.window.keyless_days < 0
        || f.window.fieldwork_max_days < 0
    {
        return Err(err(
            "days",
            "window.days must be above 0, the other day counts not below 0".into(),
        ));
    }
    let undated_join = match f.window.undated.as_str() {
        "join" => true,
        "apart" => false,
        other => {
            return Err(err(
                "undated",
                format!("window.undated is `join` or `apart`, not `{other}`"),
            ))
        }
    };
    let mut r = LinkRules {
        undated_join,
        window_days: f.window.days,
        fieldwork_lag_days: f.window.fieldwork_lag_days,
        keyless_days: f.window.keyless_days,
        fieldwork_max_days: f.window.fieldwork_max_days,
        keyless_any_kind: f.window.keyless_any_kind,
        title_years: title_years(&f.window.title_years).map_err(|m| err("title_years", m))?,
        undated_roundups_apart: f.window.undated_roundups_apart,
        undated_by_grade: f.window.undated_by_grade,
        min_identity_chars: f.names.min_identity_chars,
        rated_without_inspectorate: f.names.rated_without_inspectorate,
        named_without_inspectorate: f.names.named_without_inspectorate,
        generic: f.names.generic.iter().flat_map(|g| words(g)).collect(),
        typo_min_chars: f.names.typo_min_chars,
        prefix_min_chars: f.names.prefix_min_chars,
        shared_quote_words: f.shared.as_ref().map_or(0, |x| x.quote_words),
        shared_max_records: f.shared.as_ref().map_or(0, |x| x.max_records),
        shared_people: f.shared.as_ref().is_some_and(|x| x.people),
        shared_common_words: f
            .shared
            .iter()
            .flat_map(|x| x.common_words.iter().flat_map(|w| words(w)))
            .collect(),
        shared_min_content_words: f.shared.as_ref().map_or(0, |x| x.min_content_words),
        examples: f.example,
        ..LinkRules::default()
    };
    for (from, to) in &f.names.variants {
        let w = words(from);
        if w.is_empty() {
            return Err(err(from, format!("variant '{from}' has no words")));
        }
        r.variants.push((w, words(to)));
    }
    let mut drop: Vec<Vec<String>> = f.names.drop.iter().map(|d| words(d)).collect();
    for k in &f.kind {
        match k.identity.as_deref() {
            None | Some("name") => {}
            Some("locality") => {
                r.locality_first.insert(k.class.clone());
            }
            Some(other) => {
                return Err(err(
                    other,
                    format!("kind.identity is `name` or `locality`, not `{other}`"),
                ))
            }
        }
        for kind in &k.kinds {
            if let Some(insp) = &k.inspectorate {
                let at = (insp.clone(), kind.clone());
                if r.inspectorate_kind_class
                    .insert(at, k.class.clone())
                    .is_some()
                {
                    return Err(err(
                        kind,
                        format!("kind '{kind}' of {insp} is in two classes"),
                    ));
                }
                continue;
            }
            if r.kind_class.insert(kind.clone(), k.class.clone()).is_some() {
                return Err(err(kind, format!("kind '{kind}' is in two classes")));
            }
        }
        for w in &k.words {
            let ws = words(w);
            if ws.is_empty() {
                return Err(err(w, format!("kind word '{w}' has no words")));
            }
            drop.push(ws.clone());
            r.kind_words.push((ws, k.class.clone()));
        }
    }
    let classes: HashSet<&str> = f.kind.iter().map(|k| k.class.as_str()).collect();
    for j in &f.joint {
        if j.inspectorates.len() < 2 {
            return Err(err(
                &j.note,
                "a joint inspection names at least two inspectorates".into(),
            ));
        }
        for c in &j.classes {
            if !classes.contains(c.as_str()) {
                return Err(err(c, format!("joint class '{c}' is no kind class")));
            }
            for i in &j.inspectorates {
                let lead = j.inspectorates[0].clone();
                if r.joint.insert((i.clone(), c.clone()), lead).is_some() {
                    return Err(err(
                        i,
                        format!("'{i}' is in two joint inspections of class '{c}'"),
                    ));
                }
            }
        }
    }
    drop.retain(|d| !d.is_empty());
    drop.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    drop.dedup();
    r.drop = drop;
    r.kind_words
        .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
    Ok(r)
}

impl ExampleRecord {
    fn record(&self, id: &str) -> LinkRecord {
        LinkRecord {
            id: id.to_string(),
            path: format!("{id}.txt"),
            inspectorate: Some(self.inspectorate.clone()).filter(|i| !i.is_empty()),
            ratings: self
                .overall
                .iter()
                .map(|v| super::SourceRating {
                    scope: "overall".into(),
                    value: v.clone(),
                    implied: false,
                })
                .collect(),
            published: self.published.clone(),
            fieldwork: self.fieldwork.iter().cloned().collect(),
            quotes: self
                .quote
                .iter()
                .map(|q| super::SourceQuote {
                    speaker: None,
                    text: q.clone(),
                })
                .collect(),
            people: self.official.iter().cloned().collect(),
            title: self.title.clone(),
            services: if self.name.is_empty() && self.kind.is_none() {
                Vec::new()
            } else {
                let mut v = vec![LinkService {
                    name: self.name.clone(),
                    acronym: self.acronym.clone(),
                    locality: self.locality.clone(),
                    kind: self.kind.clone(),
                }];
                v.extend(self.also.iter().map(|n| LinkService {
                    name: n.clone(),
                    kind: self.kind.clone(),
                    ..LinkService::default()
                }));
                v
            },
            ..LinkRecord::default()
        }
    }
}

/// One failed example: its line in the file and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// 1-based line of the example's note.
    pub line: usize,
    /// What was expected and what happened.
    pub message: String,
}

/// Run every worked example; returns how many ran and the failures.
pub fn check_examples(source: &RuleSource, rules: &LinkRules) -> (usize, Vec<ExampleFailure>) {
    let text = source.read(FILE).unwrap_or_default();
    let mut failures = Vec::new();
    for ex in &rules.examples {
        let mut recs = vec![ex.a.record("a"), ex.b.record("b")];
        recs.extend(
            ex.others
                .iter()
                .enumerate()
                .map(|(n, o)| o.record(&format!("other{}", n + 1))),
        );
        let ins = link(&recs, rules);
        let together = ins.iter().any(|i| {
            i.sources
                .iter()
                .filter(|s| s.record == "a" || s.record == "b")
                .count()
                == 2
        });
        if together != ex.same {
            let keys: Vec<String> = recs
                .iter()
                .map(|r| {
                    r.services
                        .first()
                        .and_then(|s| super::key::service_key(r, s, rules))
                        .map(|k| format!("{} / {}", k.class, k.identity))
                        .unwrap_or_else(|| "no identity".into())
                })
                .collect();
            failures.push(ExampleFailure {
                line: line_of_str(&text, &ex.note),
                message: format!(
                    "expected {}, got {} (keys: '{}' and '{}'; example: {})",
                    if ex.same {
                        "one inspection"
                    } else {
                        "two inspections"
                    },
                    if together { "one" } else { "two" },
                    keys[0],
                    keys[1],
                    ex.note
                ),
            });
        }
    }
    (rules.examples.len(), failures)
}

#[cfg(test)]
mod tests {
    use super::title_years;

    #[test]
    fn headline_year_pattern_is_checked() {
        assert!(title_years("").unwrap().is_none());
        assert!(title_years(r"(?P<from>20[0-9]{2})").unwrap().is_some());
        let no_group = title_years(r"20[0-9]{2}").unwrap_err();
        assert!(no_group.contains("`from`"), "{no_group}");
        let broken = title_years(r"(?P<from>20[0-9]{2}").unwrap_err();
        assert!(broken.starts_with("window.title_years:"), "{broken}");
    }
}
