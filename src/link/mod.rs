//! Stage 10, link: finished records -> `inspections.jsonl`, one line per
//! inspection the articles report, with every source that reports it, the
//! values the sources agree on and the fields where they disagree.
//!
//! In: the records (`records.jsonl`, read back after it is committed, so a
//! refresh and a `--full` run link the same records) and the linking rules
//! (`rules/linking.toml`, [`rules`]). Out: [`Inspection`]s sorted by id.
//!
//! - [`key`]: a service's identity (inspectorate, kind class, folded name);
//! - [`group`]: records bucketed by key, split by time window, round-ups in
//!   each of their buckets: linear in the records (hash buckets, a sort per
//!   bucket);
//! - [`merge`]: one bucket part -> an [`Inspection`] (agreed values, conflicts);
//! - [`changes`]: which inspections a run added, updated and removed, for
//!   `changes.jsonl`;
//!
//! Scoring the links against gold groups is `eval::linking`.
//!
//! The stage reads no text and changes no record; it runs on every `run`, so
//! `inspections.jsonl` always speaks for the `records.jsonl` beside it.

pub mod changes;
pub mod group;
pub mod html;
pub mod key;
pub mod merge;
pub mod rules;

pub use rules::LinkRules;

use crate::emit::JsonlWriter;
use crate::record::Record;
use serde::{Deserialize, Serialize};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// The output file's name in the output folder.
pub const INSPECTIONS: &str = "inspections.jsonl";

/// What linking reads of one record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkRecord {
    /// Record id.
    pub id: String,
    /// Source path.
    pub path: String,
    /// Headline.
    pub title: Option<String>,
    /// Doc type.
    pub doc_type: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Fieldwork dates.
    pub fieldwork: Vec<String>,
    /// Canonical inspectorate name.
    pub inspectorate: Option<String>,
    /// Services.
    pub services: Vec<LinkService>,
    /// Ratings as the record gives them.
    pub ratings: Vec<SourceRating>,
    /// Quotes as the record gives them.
    pub quotes: Vec<SourceQuote>,
    /// Names of the officials who speak or act for a body other than an
    /// inspectorate (a council leader, a head teacher), as the record gives
    /// them: two reports naming one such person are likely one story.
    pub people: Vec<String>,
}

/// True when an official speaks for an inspectorate (their role or body says
/// so): such people are named in reports of many inspections.
pub fn is_inspectorate_person(
    role: Option<&str>,
    org: Option<&str>,
    inspectorate: Option<&str>,
) -> bool {
    let role = role.unwrap_or("").to_lowercase();
    let org = org.unwrap_or("").to_lowercase();
    let insp = inspectorate.unwrap_or("").to_lowercase();
    role.contains("inspector")
        || org.contains("inspector")
        || org.contains("ofsted")
        || org.contains("estyn")
        || org.contains("care quality commission")
        || org == "cqc"
        || (!insp.is_empty() && org == insp)
}

/// A service as linking reads it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkService {
    /// Name at its fullest.
    pub name: String,
    /// Acronym.
    #[serde(default)]
    pub acronym: Option<String>,
    /// Locality.
    #[serde(default)]
    pub locality: Option<String>,
    /// Kind.
    #[serde(default)]
    pub kind: Option<String>,
}

/// A rating as one source gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRating {
    /// `overall` or the area as written.
    pub scope: String,
    /// Canonical scale word.
    pub value: String,
    /// Only implied.
    pub implied: bool,
}

/// A quote as one source gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceQuote {
    /// Who said it (a person's or a body's name), when known.
    pub speaker: Option<String>,
    /// The words.
    pub text: String,
}

impl LinkRecord {
    /// What linking needs of a record.
    pub fn from_record(r: &Record) -> LinkRecord {
        LinkRecord {
            id: r.id.clone(),
            path: r.source.path.clone(),
            title: r.title.clone(),
            doc_type: r.doc_type.clone(),
            publisher: r.publisher.clone(),
            published: r.published.clone(),
            fieldwork: r
                .dates
                .iter()
                .filter(|d| d.kind == "fieldwork")
                .map(|d| d.value.clone())
                .collect(),
            inspectorate: r.inspectorate.as_ref().map(|i| i.name.clone()),
            services: r
                .services
                .iter()
                .map(|s| LinkService {
                    name: s.name.clone(),
                    acronym: s.acronym.clone(),
                    locality: s.locality.clone(),
                    kind: s.kind.clone(),
                })
                .collect(),
            ratings: r
                .ratings
                .iter()
                .map(|x| SourceRating {
                    scope: x.scope.clone(),
                    value: x.value.clone(),
                    implied: x.implied,
                })
                .collect(),
            quotes: r
                .quotes
                .iter()
                .map(|q| SourceQuote {
                    speaker: q.speaker.as_ref().and_then(|s| s.name.clone()),
                    text: q.text.clone(),
                })
                .collect(),
            people: r
                .officials
                .iter()
                .filter(|o| {
                    !is_inspectorate_person(
                        o.role.as_deref(),
                        o.org.as_deref(),
                        r.inspectorate.as_ref().map(|i| i.name.as_str()),
                    )
                })
                .map(|o| o.name.clone())
                .collect(),
        }
    }
}

/// One line of `inspections.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    /// Stable id: inspectorate, kind class, identity and first date, as a path
    /// of slugs (`ofsted/childrens-services/dudley/2016-04-06`).
    pub id: String,
    /// Canonical inspectorate name.
    pub inspectorate: String,
    /// The inspected service (null when no source names it).
    pub service: Option<InspectedService>,
    /// The overall rating most sources give (null when none gives one).
    pub overall: Option<String>,
    /// Area ratings, each as most sources give it.
    pub areas: Vec<AreaRating>,
    /// The earliest publication date of a source.
    pub published: Option<String>,
    /// Fieldwork dates the sources state.
    pub fieldwork: Vec<String>,
    /// Every source reporting the inspection, in date order.
    pub sources: Vec<SourceEntry>,
    /// Fields on which the sources disagree.
    pub conflicts: Vec<Conflict>,
}

/// The inspected service of an inspection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectedService {
    /// The fullest name a source gives.
    pub name: String,
    /// The kind (as records give it).
    pub kind: Option<String>,
    /// The locality most sources give.
    pub locality: Option<String>,
}

/// An agreed area rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaRating {
    /// The area as the first source writes it.
    pub area: String,
    /// The rating.
    pub value: String,
}

/// One source of an inspection, with what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceEntry {
    /// Record id.
    pub record: String,
    /// Source path (the record's `source.path`).
    pub path: String,
    /// Headline.
    pub title: Option<String>,
    /// Doc type.
    pub doc_type: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// How many inspections the article reports, when more than one (a
    /// round-up): its ratings then do not count towards agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports: Option<usize>,
    /// How it was linked: `service` (it names the service), `title` (its
    /// headline names it), `date` (it names no service linking can key
    /// on, but the kind and its date match one inspection) or `shared` (it
    /// names no such service, but shares quoted words or a named official
    /// with a source of this inspection).
    pub linked_by: String,
    /// Its ratings.
    pub ratings: Vec<SourceRating>,
    /// Its quotes.
    pub quotes: Vec<SourceQuote>,
}

/// A field on which the sources disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// `overall`, or `areas.<area>`.
    pub field: String,
    /// Each value given, with the sources behind it, most-given first.
    pub values: Vec<ConflictValue>,
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictValue {
    /// The value.
    pub value: String,
    /// Record ids of the sources giving it.
    pub sources: Vec<String>,
}

/// Link records into inspections, sorted by id.
pub fn link(records: &[LinkRecord], rules: &LinkRules) -> Vec<Inspection> {
    let groups = group::groups(records, rules);
    let mut out: Vec<Inspection> = groups
        .iter()
        .map(|g| merge::inspection(g, records, rules))
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    // Ids are unique by construction; a collision (two slugs folding alike)
    // gets a counter rather than two equal ids.
    for i in 1..out.len() {
        if out[i].id == out[i - 1].id {
            let mut n = 2;
            let base = out[i].id.clone();
            while out.iter().any(|x| x.id == format!("{base}-{n}")) {
                n += 1;
            }
            out[i].id = format!("{base}-{n}");
        }
    }
    out
}

/// The part of a record line linking reads.
#[derive(Deserialize)]
struct RawRecord {
    id: String,
    source: RawSource,
    title: Option<String>,
    doc_type: String,
    publisher: Option<String>,
    published: Option<String>,
    inspectorate: Option<RawName>,
    #[serde(default)]
    services: Vec<LinkService>,
    #[serde(default)]
    ratings: Vec<SourceRating>,
    #[serde(default)]
    quotes: Vec<RawQuote>,
    #[serde(default)]
    dates: Vec<RawDate>,
    #[serde(default)]
    officials: Vec<RawOfficial>,
}

#[derive(Deserialize)]
struct RawOfficial {
    name: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    org: Option<String>,
}

#[derive(Deserialize)]
struct RawSource {
    path: String,
}

#[derive(Deserialize)]
struct RawName {
    name: Option<String>,
}

#[derive(Deserialize)]
struct RawQuote {
    text: String,
    speaker: Option<RawName>,
}

#[derive(Deserialize)]
struct RawDate {
    kind: String,
    value: String,
}

/// Parse one line of `records.jsonl` into what linking reads.
pub fn parse_line(line: &str) -> serde_json::Result<LinkRecord> {
    let r: RawRecord = serde_json::from_str(line)?;
    let inspectorate = r.inspectorate.and_then(|i| i.name);
    let people = r
        .officials
        .into_iter()
        .filter(|o| {
            !is_inspectorate_person(o.role.as_deref(), o.org.as_deref(), inspectorate.as_deref())
        })
        .map(|o| o.name)
        .collect();
    Ok(LinkRecord {
        id: r.id,
        path: r.source.path,
        title: r.title,
        doc_type: r.doc_type,
        publisher: r.publisher,
        published: r.published,
        fieldwork: r
            .dates
            .into_iter()
            .filter(|d| d.kind == "fieldwork")
            .map(|d| d.value)
            .collect(),
        inspectorate,
        services: r.services,
        ratings: r.ratings,
        quotes: r
            .quotes
            .into_iter()
            .map(|q| SourceQuote {
                speaker: q.speaker.and_then(|s| s.name),
                text: q.text,
            })
            .collect(),
        people,
    })
}

/// Read a `records.jsonl` (unparsable lines are passed over).
///
/// Only records that can take part in an inspection are kept: one naming
/// neither an inspectorate nor a service is linked by no step of
/// [`group::groups`], and a large run is mostly such records (news that
/// reports no inspection), which would otherwise all be held at once.
pub fn read_records(path: &Path) -> std::io::Result<Vec<LinkRecord>> {
    let f = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut out = Vec::new();
    for line in f.lines() {
        let line = line?;
        if let Ok(r) = parse_line(&line) {
            if can_link(&r) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

/// True when a record names an inspectorate or a service: no other record
/// can take part in an inspection.
pub fn can_link(r: &LinkRecord) -> bool {
    r.inspectorate.is_some() || !r.services.is_empty()
}

/// Read an `inspections.jsonl`.
pub fn read_inspections(path: &Path) -> std::io::Result<Vec<Inspection>> {
    let f = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut out = Vec::new();
    for line in f.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let i: Inspection = serde_json::from_str(&line)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        out.push(i);
    }
    Ok(out)
}

/// Link the records of `records` and write `dir/inspections.jsonl`; returns
/// its path, size and SHA-256, and the inspections written.
pub fn write(
    records: &Path,
    dir: &Path,
    rules: &LinkRules,
) -> std::io::Result<((PathBuf, u64, String), Vec<Inspection>)> {
    let recs = read_records(records)?;
    let ins = link(&recs, rules);
    let mut w = JsonlWriter::create(dir, INSPECTIONS)?;
    for i in &ins {
        w.write(i)?;
    }
    Ok((w.commit_hashed()?, ins))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn record(id: &str, inspectorate: Option<&str>, service: Option<&str>) -> LinkRecord {
        LinkRecord {
            id: id.into(),
            path: format!("{id}.txt"),
            title: Some("Fenshire Police told to improve how it answers calls".into()),
            published: Some("2024-06-11".into()),
            inspectorate: inspectorate.map(str::to_string),
            services: service
                .map(|n| LinkService {
                    name: n.into(),
                    kind: Some("police force".into()),
                    locality: Some("Fenshire".into()),
                    ..LinkService::default()
                })
                .into_iter()
                .collect(),
            quotes: vec![SourceQuote {
                speaker: Some("Ada Pell".into()),
                text: "We accept every finding of the report and have begun the work it asks of us"
                    .into(),
            }],
            people: vec!["Ada Pell".into()],
            ..LinkRecord::default()
        }
    }

    #[test]
    fn a_record_naming_no_inspectorate_and_no_service_changes_no_inspection() {
        let rules = rules::load(&RuleSource::BuiltIn).expect("shipped linking rules");
        let hmi = Some("HM Inspectorate of Constabulary and Fire & Rescue Services");
        let linked = vec![
            record("a", hmi, Some("Fenshire Police")),
            record("b", hmi, None),
        ];
        // Same headline, date, quote and official as both: still nothing.
        let stray = record("c", None, None);
        assert!(can_link(&linked[0]) && can_link(&linked[1]) && !can_link(&stray));
        let mut all = linked.clone();
        all.push(stray);
        let with = link(&all, &rules);
        assert_eq!(with, link(&linked, &rules));
        assert!(with
            .iter()
            .all(|i| !i.sources.iter().any(|s| s.record == "c")));
        // The two that can link are one inspection.
        assert_eq!(with.len(), 1);
    }
}
