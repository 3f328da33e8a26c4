//! The output contract: one [`Record`] per article, as `../shared/SPEC.md` pins it
//! down (schema version 1). Field order here is the order in `records.jsonl`.
//! Every extracted value carries the id of the rule that produced it and the
//! [`Span`] of the bytes it came from.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema version written into every record.
pub const SCHEMA_VERSION: u32 = 1;

/// The record's top-level keys in the order `records.jsonl` writes them (the
/// order of [`Record`]'s fields; a unit test holds the two equal).
pub const RECORD_KEYS: [&str; 17] = [
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

/// The extracted fields among [`RECORD_KEYS`]: all but the identity keys
/// before them and `provenance` after.
pub const EXTRACTED_KEYS: &[&str] = {
    let (_, rest) = RECORD_KEYS.split_at(3);
    rest.split_at(13).0
};

/// One article's extracted record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Stable id derived from the relative path (and line, for JSON Lines input).
    pub id: String,
    /// Where the article came from.
    pub source: Source,
    /// The headline.
    pub title: Option<String>,
    /// `press_release`, `news`, `council_statement` or `other`.
    pub doc_type: String,
    /// Who published the article.
    pub publisher: Option<String>,
    /// The named author of a news article.
    pub byline: Option<String>,
    /// `YYYY-MM-DD` or `YYYY-MM` when the text states the publication date.
    pub published: Option<String>,
    /// The inspectorate that inspected the service.
    pub inspectorate: Option<InspectorateRef>,
    /// The inspected services.
    pub services: Vec<Service>,
    /// Overall and per-area ratings.
    pub ratings: Vec<Rating>,
    /// Direct quotations with their speakers.
    pub quotes: Vec<Quote>,
    /// People speaking or acting for a body.
    pub officials: Vec<Official>,
    /// Themes raised as strengths or concerns.
    pub themes: Vec<Theme>,
    /// Dates stated in the text.
    pub dates: Vec<DateValue>,
    /// What the pipeline noticed about this input.
    pub warnings: Vec<String>,
    /// Rule id and span behind each scalar field (`title`, `doc_type`, `publisher`,
    /// `byline`, `published`).
    pub provenance: BTreeMap<String, Provenance>,
}

impl Record {
    /// A record with nothing extracted: the article is accounted for, its
    /// `warnings` say why it is empty.
    pub fn empty(id: String, source: Source, warnings: Vec<String>) -> Record {
        Record {
            schema_version: SCHEMA_VERSION,
            id,
            source,
            title: None,
            doc_type: "other".into(),
            publisher: None,
            byline: None,
            published: None,
            inspectorate: None,
            services: Vec::new(),
            ratings: Vec::new(),
            quotes: Vec::new(),
            officials: Vec::new(),
            themes: Vec::new(),
            dates: Vec::new(),
            warnings,
            provenance: BTreeMap::new(),
        }
    }
}

/// The input an article came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Path relative to the input folder, `/`-separated.
    pub path: String,
    /// For JSON Lines input: the 1-based line the article was on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// SHA-256 of the file's bytes (of the line's bytes for JSON Lines input).
    pub sha256: String,
    /// Size of the file (or line) in bytes.
    pub bytes: u64,
    /// The encoding the file was decoded from, when it was not UTF-8
    /// (`windows-1252`, `utf-16le`, ...); absent for UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

/// Which rule produced a scalar value, and from where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// Rule id.
    pub rule: String,
    /// Bytes the value came from; null for values derived from other fields.
    pub span: Option<Span>,
}

/// The inspectorate named by the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectorateRef {
    /// Canonical name, e.g. `HM Inspectorate of Probation`.
    pub name: String,
    /// Canonical acronym.
    pub acronym: Option<String>,
    /// First mention.
    pub span: Option<Span>,
    /// Rule id.
    pub rule: String,
}

/// An inspected service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    /// Name at its fullest, without a possessive.
    pub name: String,
    /// Acronym given by the text (or derived from the name).
    pub acronym: Option<String>,
    /// Place the service covers.
    pub locality: Option<String>,
    /// Kind of service, e.g. `youth justice service`.
    pub kind: Option<String>,
    /// Every mention, including later references ('the YJS', 'the Service').
    pub spans: Vec<Span>,
    /// Rule id of the defining mention.
    pub rule: String,
}

/// A rating, overall or for one area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    /// `overall`, or the area as written.
    pub scope: String,
    /// Canonical scale word.
    pub value: String,
    /// Scale id, e.g. `four_point`.
    pub scale: String,
    /// True when the rating is only implied.
    pub implied: bool,
    /// Where it was stated.
    pub span: Span,
    /// Rule id.
    pub rule: String,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Text without the quote marks.
    pub text: String,
    /// Span of `text`.
    pub span: Span,
    /// Later parts of the same quotation after an interruption ('"...," he
    /// said. "..."'), as spans of their text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub continued: Vec<Span>,
    /// Who said (or wrote) it; null when unattributed.
    pub speaker: Option<Speaker>,
    /// The speech verb, e.g. `said`.
    pub cue: Option<String>,
    /// `explicit`, `anaphoric` or `none`.
    pub attribution: String,
    /// Rule id.
    pub rule: String,
}

impl Quote {
    /// Who said it, for people to read: the speaker's name, `unnamed <kind>`
    /// or `unattributed`.
    pub fn speaker_label(&self) -> String {
        match &self.speaker {
            Some(s) => s
                .name
                .clone()
                .unwrap_or_else(|| format!("unnamed {}", s.kind)),
            None => "unattributed".to_string(),
        }
    }
}

/// The speaker of a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Full name of a person, the body's name, or null for an unnamed spokesperson.
    pub name: Option<String>,
    /// Role as the text gives it.
    pub role: Option<String>,
    /// Organisation.
    pub org: Option<String>,
    /// `person` or `organisation`.
    pub kind: String,
}

/// A person speaking or acting for a body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Official {
    /// Full name.
    pub name: String,
    /// Role as the text gives it.
    pub role: Option<String>,
    /// Organisation.
    pub org: Option<String>,
    /// Honours, e.g. `CBE`.
    pub honours: Option<String>,
    /// True when the person is quoted.
    pub quoted: bool,
    /// First mention.
    pub span: Span,
    /// Rule id.
    pub rule: String,
}

/// A theme from the taxonomy with its polarity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// Taxonomy id.
    pub id: String,
    /// `strength`, `concern` or `mixed`.
    pub polarity: String,
    /// Where the theme was raised.
    pub evidence: Vec<Evidence>,
}

/// One place a theme was raised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The matched term.
    pub span: Span,
    /// The sentence around it.
    pub sentence: Span,
    /// Polarity of this mention.
    pub polarity: String,
    /// Rule id of the theme term.
    pub rule: String,
    /// Rule id of the polarity cue, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_rule: Option<String>,
}

/// A date stated in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateValue {
    /// `published`, `fieldwork` or `other`.
    pub kind: String,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub value: String,
    /// Where it was stated.
    pub span: Span,
    /// Rule id.
    pub rule: String,
}

/// An input that produced no record, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    /// Path relative to the input folder.
    pub path: String,
    /// For JSON Lines input: the 1-based line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Why it was skipped, worded for a person.
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_keys_follow_the_struct() {
        let source = Source {
            path: "a.txt".into(),
            line: None,
            sha256: String::new(),
            bytes: 0,
            encoding: None,
        };
        let record = Record::empty("a".into(), source, Vec::new());
        let line = serde_json::to_string(&record).unwrap();
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        let object = value.as_object().unwrap();
        assert_eq!(object.len(), RECORD_KEYS.len());
        // serde_json keeps a map's keys in insertion order only with
        // `preserve_order`; read the order off the text instead.
        let mut at: Vec<(usize, &str)> = RECORD_KEYS
            .iter()
            .map(|k| (line.find(&format!("\"{k}\":")).expect(k), *k))
            .collect();
        at.sort();
        let order: Vec<&str> = at.into_iter().map(|(_, k)| k).collect();
        assert_eq!(order, RECORD_KEYS);
        assert_eq!(EXTRACTED_KEYS.first(), Some(&"title"));
        assert_eq!(EXTRACTED_KEYS.last(), Some(&"warnings"));
    }
}
