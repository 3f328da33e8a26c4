//! Gold annotations: one line of `gold.jsonl` ([`Gold`]) and the checks of its
//! values against SPEC.md's vocabularies.

use serde::{Deserialize, Deserializer, Serialize};

/// One annotated article: a line of `gold.jsonl` (SPEC.md, "Gold annotations").
///
/// Every key of SPEC.md's example line is required (a nullable one may be `null`, but
/// it must be there, so that a misspelt key is an error rather than a silent null);
/// `dates`, not in that example, defaults to empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gold {
    /// Path of the article, as the record's `source.path` gives it.
    pub file: String,
    /// The headline.
    #[serde(deserialize_with = "nullable")]
    pub title: Option<String>,
    /// `press_release`, `news`, `council_statement` or `other`.
    pub doc_type: String,
    /// Who published the article.
    #[serde(deserialize_with = "nullable")]
    pub publisher: Option<String>,
    /// The named author of a news article.
    #[serde(deserialize_with = "nullable")]
    pub byline: Option<String>,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    #[serde(deserialize_with = "nullable")]
    pub published: Option<String>,
    /// The inspectorate, by canonical name or acronym.
    #[serde(deserialize_with = "nullable")]
    pub inspectorate: Option<String>,
    /// The inspected services.
    pub services: Vec<GoldService>,
    /// The overall rating, as a canonical scale word.
    #[serde(deserialize_with = "nullable")]
    pub overall_rating: Option<String>,
    /// True when the overall rating is only implied.
    pub overall_rating_implied: bool,
    /// Ratings of single areas.
    pub area_ratings: Vec<GoldAreaRating>,
    /// Direct quotations, by their first words.
    pub quotes: Vec<GoldQuote>,
    /// People speaking or acting for a body.
    pub officials: Vec<GoldOfficial>,
    /// People named in the text who must not come out as officials or speakers
    /// (reporters, photographers, image credits).
    pub people_not_officials: Vec<String>,
    /// Dates stated in the text.
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    /// Themes with their polarity.
    pub themes: Vec<GoldTheme>,
}

/// An inspected service in a gold line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldService {
    /// Full name.
    pub name: String,
    /// Acronym, if the text gives one.
    #[serde(default)]
    pub acronym: Option<String>,
    /// Place the service covers.
    #[serde(default)]
    pub locality: Option<String>,
}

/// A rating of one area in a gold line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldAreaRating {
    /// The area, as written.
    pub area: String,
    /// Canonical scale word.
    pub rating: String,
}

/// A quotation in a gold line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldQuote {
    /// Full name of the person, or the body's name; null when unattributed.
    #[serde(deserialize_with = "nullable")]
    pub speaker: Option<String>,
    /// `person` or `organisation`; may be null or left out when `speaker` is null
    /// (an unattributed quote).
    #[serde(default)]
    pub kind: Option<String>,
    /// Role of the speaker (not scored).
    #[serde(default)]
    pub role: Option<String>,
    /// Organisation of the speaker (not scored).
    #[serde(default)]
    pub org: Option<String>,
    /// The first words of the quote (about six).
    pub first_words: String,
}

/// An official in a gold line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldOfficial {
    /// Full name.
    pub name: String,
    /// Role as the text gives it.
    #[serde(default)]
    pub role: Option<String>,
    /// Organisation.
    #[serde(default)]
    pub org: Option<String>,
    /// Honours, e.g. `CBE` (not scored).
    #[serde(default)]
    pub honours: Option<String>,
}

/// A date in a gold line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldDate {
    /// `published`, `fieldwork` or `other`.
    pub kind: String,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub value: String,
}

/// A theme in a gold line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldTheme {
    /// Taxonomy id.
    pub theme: String,
    /// `strength`, `concern` or `mixed`.
    pub polarity: String,
}

/// Deserialises an `Option` whose key must be present (it may be `null`). Serde
/// treats a missing key of a field with `deserialize_with` as an error, unlike a
/// plain `Option` field, which it would silently default to `None`.
fn nullable<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

const DOC_TYPES: &[&str] = &["press_release", "news", "council_statement", "other"];
const SPEAKER_KINDS: &[&str] = &["person", "organisation"];
const POLARITIES: &[&str] = &["strength", "concern", "mixed"];
const DATE_KINDS: &[&str] = &["published", "fieldwork", "other"];

/// The closed vocabularies SPEC.md pins, checked so that a typo in gold is an error
/// rather than a silent miss.
pub(super) fn check_gold(g: &Gold) -> Vec<String> {
    fn one_of(out: &mut Vec<String>, what: String, value: &str, allowed: &[&str]) {
        if !allowed.contains(&value) {
            let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
            out.push(format!(
                "{what}: expected one of {}, got `{value}`",
                list.join(", ")
            ));
        }
    }
    let mut out = Vec::new();
    if g.file.trim().is_empty() {
        out.push("`file` is empty".to_string());
    }
    one_of(&mut out, "doc_type".into(), &g.doc_type, DOC_TYPES);
    for (i, q) in g.quotes.iter().enumerate() {
        match (&q.speaker, &q.kind) {
            (_, Some(kind)) => one_of(&mut out, format!("quotes[{i}].kind"), kind, SPEAKER_KINDS),
            (Some(_), None) => out.push(format!(
                "quotes[{i}].kind is missing: a quote with a speaker needs `person` or `organisation`"
            )),
            (None, None) => {}
        }
        if q.first_words.trim().is_empty() {
            out.push(format!("quotes[{i}].first_words is empty"));
        }
    }
    for (i, t) in g.themes.iter().enumerate() {
        one_of(
            &mut out,
            format!("themes[{i}].polarity"),
            &t.polarity,
            POLARITIES,
        );
    }
    for (i, d) in g.dates.iter().enumerate() {
        one_of(&mut out, format!("dates[{i}].kind"), &d.kind, DATE_KINDS);
    }
    out
}
