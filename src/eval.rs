//! Scoring records against gold annotations (SPEC.md's "Gold annotations" format and
//! "Scoring conventions").
//!
//! In: a `gold.jsonl` ([`load_gold`] -> [`Gold`]s) and a `records.jsonl`
//! ([`load_records`] -> [`Record`]s). Out: a [`Report`] ([`score`]) with one
//! [`FieldScore`] per field, in a fixed order, and the misses of every gold article.
//!
//! What always holds:
//!
//! - Gold is matched to records by gold `file` == record `source.path` (or
//!   `path:line` for a record from a JSON Lines input). A gold article without a
//!   record counts every gold value as missed and is listed in
//!   [`Report::unmatched`]. Records no gold line names are not scored.
//! - Accuracy fields count correct/total over gold articles; P/R/F1 fields sum tp, fp
//!   and fn over articles (micro-average). A field with nothing to count scores 1.0.
//! - Items are paired one-to-one with a maximum matching, so the order of a list
//!   never changes a score.
//! - Loading never stops at the first bad line: every bad line is reported as
//!   `file:line: message`. Scoring never fails and never panics on input.

pub mod splits;

use crate::record::{Quote, Record};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// Gold annotations
// ---------------------------------------------------------------------------

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
fn check_gold(g: &Gold) -> Vec<String> {
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

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

/// One bad line of a gold or records file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The file, as it was given.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, worded for the person who wrote the line.
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// How many bad lines an [`EvalError::Lines`] shows before summing up the rest.
const SHOWN_LINE_ERRORS: usize = 20;

fn show_line_errors(errors: &[LineError]) -> String {
    let mut out = String::new();
    for (i, e) in errors.iter().take(SHOWN_LINE_ERRORS).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(out, "{e}");
    }
    if errors.len() > SHOWN_LINE_ERRORS {
        let _ = write!(
            out,
            "\n... and {} more bad lines",
            errors.len() - SHOWN_LINE_ERRORS
        );
    }
    out
}

/// Why a gold or records file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file could not be read (or is not UTF-8).
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Some lines are bad; all of them are listed, one `file:line: message` a line.
    #[error("{}", show_line_errors(.0))]
    Lines(Vec<LineError>),
}

/// The message of a serde_json error without serde_json's "at line 1 column N"
/// suffix (the line is always 1 here: each line is parsed alone). The column is
/// kept for syntax errors, where it is what finds the fault.
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let bare = full.strip_suffix(&suffix).unwrap_or(&full);
    match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("{bare} (column {})", e.column())
        }
        _ => bare.to_string(),
    }
}

/// The items of a JSON Lines file that parsed (with their 1-based line numbers), and
/// the bad lines.
type Parsed<T> = (Vec<(usize, T)>, Vec<LineError>);

/// Parses a JSON Lines file, one `T` a non-blank line: the items that parsed, with
/// their line numbers, and every bad line. `check` adds problems of lines that parse
/// fine but are still wrong (their items are kept, so later checks can see them).
fn load_jsonl<T>(path: &Path, check: impl Fn(&T) -> Vec<String>) -> Result<Parsed<T>, EvalError>
where
    T: serde::de::DeserializeOwned,
{
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<T>(line) {
            Ok(item) => {
                for message in check(&item) {
                    errors.push(LineError {
                        path: path.to_path_buf(),
                        line: line_no,
                        message,
                    });
                }
                items.push((line_no, item));
            }
            Err(e) => errors.push(LineError {
                path: path.to_path_buf(),
                line: line_no,
                message: json_message(&e),
            }),
        }
    }
    Ok((items, errors))
}

/// Reads a `gold.jsonl`: one [`Gold`] a line; blank lines are skipped, a byte order
/// mark and CRLF line ends are accepted. Every bad line is reported, in line order
/// (unparsable JSON, a missing key, a value outside SPEC.md's closed vocabularies, a
/// `file` annotated twice), each as ``gold.jsonl:3: missing field `title` ``.
pub fn load_gold(path: impl AsRef<Path>) -> Result<Vec<Gold>, EvalError> {
    let path = path.as_ref();
    let (lines, mut errors) = load_jsonl(path, check_gold)?;
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    for (line, g) in &lines {
        if let Some(first) = first_line.get(g.file.as_str()) {
            errors.push(LineError {
                path: path.to_path_buf(),
                line: *line,
                message: format!("`{}` is annotated twice (first on line {first})", g.file),
            });
        } else {
            first_line.insert(g.file.as_str(), *line);
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(EvalError::Lines(errors));
    }
    Ok(lines.into_iter().map(|(_, g)| g).collect())
}

/// Reads a `records.jsonl`: one [`Record`] a line; blank lines are skipped. Every bad
/// line is reported as `records.jsonl:7: message`.
pub fn load_records(path: impl AsRef<Path>) -> Result<Vec<Record>, EvalError> {
    let (lines, errors) = load_jsonl(path.as_ref(), |_: &Record| Vec::new())?;
    if !errors.is_empty() {
        return Err(EvalError::Lines(errors));
    }
    Ok(lines.into_iter().map(|(_, r)| r).collect())
}

// ---------------------------------------------------------------------------
// Report types
// ---------------------------------------------------------------------------

/// How a field is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// Correct/total over gold articles (one value per article).
    Accuracy,
    /// Precision, recall and F1 over items, micro-averaged over articles.
    F1,
}

/// The score of one field over all gold articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldScore {
    /// Field name, e.g. `title` or `quotes`.
    pub name: String,
    /// Accuracy or P/R/F1.
    pub kind: FieldKind,
    /// Items found and in gold (F1 fields; 0 for accuracy fields).
    pub tp: usize,
    /// Items found but not in gold (F1 fields; 0 for accuracy fields).
    pub fp: usize,
    /// Items in gold but not found (F1 fields; 0 for accuracy fields).
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Correct values (accuracy fields; 0 for F1 fields).
    pub correct: usize,
    /// Values scored (accuracy fields; 0 for F1 fields).
    pub total: usize,
    /// tp / (tp + fp), 1.0 when nothing was found; `None` for accuracy fields.
    pub precision: Option<f64>,
    /// tp / (tp + fn), 1.0 when gold has nothing; `None` for accuracy fields.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall (0.0 when both are 0); `None` for
    /// accuracy fields.
    pub f1: Option<f64>,
    /// correct / total, 1.0 when total is 0; `None` for F1 fields.
    pub accuracy: Option<f64>,
    /// True for fields that explain another field's score rather than being a target
    /// (`quote_text`, `theme_ids`, `official_roles`).
    pub diagnostic: bool,
}

impl FieldScore {
    /// The headline number: accuracy for accuracy fields, F1 for F1 fields.
    pub fn score(&self) -> f64 {
        match self.kind {
            FieldKind::Accuracy => self.accuracy.unwrap_or(0.0),
            FieldKind::F1 => self.f1.unwrap_or(0.0),
        }
    }
}

/// What kind of miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MissKind {
    /// Gold has a value the record lacks.
    Missing,
    /// The record has a value gold lacks.
    Unexpected,
    /// Both have a value and they differ.
    Wrong,
}

/// One miss in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Miss {
    /// The field it counts against.
    pub field: String,
    /// Missing, unexpected or wrong.
    pub kind: MissKind,
    /// `missing: <gold value>`, `unexpected: <record value>` or
    /// `wrong: expected X, got Y`.
    pub message: String,
    /// The rule that produced the record's value, for unexpected and wrong values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// One gold article's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleReport {
    /// The gold `file`.
    pub file: String,
    /// False when no record has this path (every gold value then counts as missed,
    /// and `misses` is empty rather than listing them all).
    pub matched: bool,
    /// Every miss, in field order.
    pub misses: Vec<Miss>,
    /// `(field, rule)` of every record value judged correct (for per-rule
    /// precision in the report; not serialised).
    #[serde(skip)]
    pub credited: Vec<(String, String)>,
}

/// The scores of a records file against a gold file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Number of gold articles.
    pub gold_articles: usize,
    /// Number of gold articles that found their record.
    pub matched_records: usize,
    /// Gold files with no record.
    pub unmatched: Vec<String>,
    /// One score per field, in a fixed order: the accuracy fields, the P/R/F1
    /// fields, then the diagnostic fields.
    pub fields: Vec<FieldScore>,
    /// One entry per gold article, in gold order.
    pub articles: Vec<ArticleReport>,
    /// Things worth knowing about the matching itself (e.g. a path shared by several
    /// records).
    pub notes: Vec<String>,
}

// ---------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------

/// The scored fields; the discriminant is the index into [`FIELDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum F {
    Title,
    DocType,
    Publisher,
    Byline,
    Published,
    Inspectorate,
    OverallRating,
    OverallRatingImplied,
    PeopleNotOfficials,
    QuoteSpeaker,
    Services,
    AreaRatings,
    Quotes,
    Officials,
    Dates,
    Themes,
    QuoteText,
    ThemeIds,
    OfficialRoles,
}

const N_FIELDS: usize = 19;

/// Name, kind and diagnostic flag of each field, in report order (indexed by [`F`]).
const FIELDS: [(&str, FieldKind, bool); N_FIELDS] = [
    ("title", FieldKind::Accuracy, false),
    ("doc_type", FieldKind::Accuracy, false),
    ("publisher", FieldKind::Accuracy, false),
    ("byline", FieldKind::Accuracy, false),
    ("published", FieldKind::Accuracy, false),
    ("inspectorate", FieldKind::Accuracy, false),
    ("overall_rating", FieldKind::Accuracy, false),
    ("overall_rating_implied", FieldKind::Accuracy, false),
    ("people_not_officials", FieldKind::Accuracy, false),
    ("quote_speaker", FieldKind::Accuracy, false),
    ("services", FieldKind::F1, false),
    ("area_ratings", FieldKind::F1, false),
    ("quotes", FieldKind::F1, false),
    ("officials", FieldKind::F1, false),
    ("dates", FieldKind::F1, false),
    ("themes", FieldKind::F1, false),
    ("quote_text", FieldKind::F1, true),
    ("theme_ids", FieldKind::F1, true),
    ("official_roles", FieldKind::Accuracy, true),
];

impl F {
    fn name(self) -> &'static str {
        FIELDS[self as usize].0
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    correct: usize,
    total: usize,
}

/// A share, 1.0 when there is nothing to share.
fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

fn field_score(field: usize, c: Counts) -> FieldScore {
    let (name, kind, diagnostic) = FIELDS[field];
    let mut s = FieldScore {
        name: name.to_string(),
        kind,
        tp: 0,
        fp: 0,
        fn_: 0,
        correct: 0,
        total: 0,
        precision: None,
        recall: None,
        f1: None,
        accuracy: None,
        diagnostic,
    };
    match kind {
        FieldKind::Accuracy => {
            s.correct = c.correct;
            s.total = c.total;
            s.accuracy = Some(ratio(c.correct, c.total));
        }
        FieldKind::F1 => {
            s.tp = c.tp;
            s.fp = c.fp;
            s.fn_ = c.fn_;
            let p = ratio(c.tp, c.tp + c.fp);
            let r = ratio(c.tp, c.tp + c.fn_);
            s.precision = Some(p);
            s.recall = Some(r);
            s.f1 = Some(if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            });
        }
    }
    s
}

// ---------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------

/// Curly quotes, primes and guillemets to straight quotes, dashes and the minus sign
/// to `-`, an ellipsis to `...`, invisible characters dropped, runs of whitespace
/// (and control characters) to one space, trimmed, lowercased.
fn norm_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let mapped: &str = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}'
            | '\u{203A}' | '`' | '\u{00B4}' => "'",
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => "\"",
            '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
            '\u{2026}' => "...",
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
            c if c.is_whitespace() || c.is_control() => {
                space = true;
                continue;
            }
            _ => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.extend(c.to_lowercase());
                continue;
            }
        };
        if mapped.is_empty() {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push_str(mapped);
    }
    out
}

/// A name compared "case and punctuation aside": [`norm_text`], then everything but
/// letters, digits and spaces removed, whitespace collapsed. `None` when nothing is
/// left.
fn norm_name(s: &str) -> Option<String> {
    let text = norm_text(s);
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else if c == ' ' {
            space = true;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn name_eq(a: &str, b: &str) -> bool {
    norm_name(a) == norm_name(b)
}

fn opt_name(s: Option<&str>) -> Option<String> {
    s.and_then(norm_name)
}

/// Quote text for matching: [`norm_text`], then quote marks, punctuation and
/// anything else that is not a letter or digit trimmed from both ends.
fn norm_quote(s: &str) -> String {
    norm_text(s)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Quotes shorter than this many words (scare quotes, single terms) are neither
/// required nor penalised (SPEC.md, "Scoring conventions").
const MIN_QUOTE_WORDS: usize = 3;

const STOPWORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "its", "of", "on", "or", "the",
    "their", "to", "with",
];

/// The content words of a phrase: lowercased, apostrophes dropped, split on anything
/// not a letter or digit, stopwords dropped, a plural `-s`/`-ies` folded.
fn content_words(s: &str) -> BTreeSet<String> {
    let text = norm_text(s);
    let mut words = BTreeSet::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if !word.is_empty() && !STOPWORDS.contains(&word.as_str()) {
            words.insert(fold_plural(word));
        }
        word.clear();
    };
    for c in text.chars() {
        if c == '\'' {
            continue;
        }
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word);
        }
    }
    flush(&mut word);
    words
}

fn fold_plural(w: &str) -> String {
    if w.chars().count() > 4 {
        if let Some(stem) = w.strip_suffix("ies") {
            return format!("{stem}y");
        }
    }
    if w.chars().count() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// How well two phrases (areas, roles) match loosely, on their content words: `None`
/// when they do not (Jaccard below 0.5 and neither set containing the other), else
/// a preference (higher is closer). Phrases with no content words match only when
/// their normalised text is equal.
fn loose_match(a: &str, b: &str) -> Option<u32> {
    let wa = content_words(a);
    let wb = content_words(b);
    if wa.is_empty() || wb.is_empty() {
        return (norm_text(a) == norm_text(b)).then_some(100);
    }
    let inter = wa.intersection(&wb).count();
    let union = wa.union(&wb).count();
    let jaccard = ratio(inter, union);
    // Preference: the Jaccard index in percent.
    let pref = (jaccard * 100.0).round() as u32;
    if jaccard >= 0.5 || wa.is_subset(&wb) || wb.is_subset(&wa) {
        Some(pref)
    } else {
        None
    }
}

fn loose_eq(a: &str, b: &str) -> bool {
    loose_match(a, b).is_some()
}

/// Is this rating scope the overall one?
fn is_overall(scope: &str) -> bool {
    scope.trim().eq_ignore_ascii_case("overall")
}

// ---------------------------------------------------------------------------
// One-to-one matching
// ---------------------------------------------------------------------------

/// Pairs gold items with record items one-to-one, maximising the number of pairs
/// (Kuhn's augmenting paths). `pref(g, r)` is `None` when the two cannot pair, else
/// a preference: each gold item tries its candidates best first, which decides
/// between equally large matchings. Returns, per gold item, its record item.
fn pair_up(
    n_gold: usize,
    n_rec: usize,
    pref: impl Fn(usize, usize) -> Option<u32>,
) -> Vec<Option<usize>> {
    let candidates: Vec<Vec<usize>> = (0..n_gold)
        .map(|g| {
            let mut c: Vec<(u32, usize)> = (0..n_rec)
                .filter_map(|r| pref(g, r).map(|p| (p, r)))
                .collect();
            c.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            c.into_iter().map(|(_, r)| r).collect()
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; n_rec];
    for g in 0..n_gold {
        let mut seen = vec![false; n_rec];
        augment(g, &candidates, &mut owner, &mut seen);
    }
    let mut paired = vec![None; n_gold];
    for (r, g) in owner.iter().enumerate() {
        if let Some(g) = g {
            paired[*g] = Some(r);
        }
    }
    paired
}

fn augment(
    g: usize,
    candidates: &[Vec<usize>],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for &r in &candidates[g] {
        if seen[r] {
            continue;
        }
        seen[r] = true;
        let free = match owner[r] {
            None => true,
            Some(other) => augment(other, candidates, owner, seen),
        };
        if free {
            owner[r] = Some(g);
            return true;
        }
    }
    false
}

/// The outcome of pairing one list: counts, and which items went unpaired.
struct Pairing {
    paired: Vec<Option<usize>>,
    missing: Vec<usize>,
    unexpected: Vec<usize>,
}

impl Pairing {
    fn new(n_gold: usize, n_rec: usize, pref: impl Fn(usize, usize) -> Option<u32>) -> Self {
        let paired = pair_up(n_gold, n_rec, pref);
        let mut used = vec![false; n_rec];
        let mut missing = Vec::new();
        for (g, p) in paired.iter().enumerate() {
            match p {
                Some(r) => used[*r] = true,
                None => missing.push(g),
            }
        }
        let unexpected = (0..n_rec).filter(|r| !used[*r]).collect();
        Pairing {
            paired,
            missing,
            unexpected,
        }
    }

    fn tp(&self) -> usize {
        self.paired.iter().filter(|p| p.is_some()).count()
    }
}

// ---------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------

/// Quotes a value for a miss message; `null` for none.
fn show(v: Option<&str>) -> String {
    match v {
        Some(s) => format!("{s:?}"),
        None => "null".to_string(),
    }
}

/// At most `max` characters of `s`, with `...` when cut.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

/// One article's counts and misses.
struct Tally {
    counts: [Counts; N_FIELDS],
    misses: Vec<Miss>,
    /// `(field, rule)` of the record values judged correct.
    credited: Vec<(String, String)>,
    /// Whether the last [`Tally::judge`] was correct.
    last_correct: bool,
    /// False for an article with no record: its misses are not listed one by one.
    list_misses: bool,
}

impl Tally {
    fn new(list_misses: bool) -> Self {
        Tally {
            counts: [Counts::default(); N_FIELDS],
            misses: Vec::new(),
            credited: Vec::new(),
            last_correct: false,
            list_misses,
        }
    }

    fn miss(&mut self, f: F, kind: MissKind, detail: String) {
        if !self.list_misses {
            return;
        }
        let message = match kind {
            MissKind::Missing => format!("missing: {detail}"),
            MissKind::Unexpected => format!("unexpected: {detail}"),
            MissKind::Wrong => format!("wrong: {detail}"),
        };
        self.misses.push(Miss {
            field: f.name().to_string(),
            kind,
            message,
            rule: None,
        });
    }

    /// Names the rule behind field `f`'s value just judged: a credit when it was
    /// correct, else the rule of its unexpected or wrong miss.
    fn attribute(&mut self, f: F, rule: Option<&str>) {
        let Some(rule) = rule else { return };
        if self.last_correct {
            self.credited.push((f.name().to_string(), rule.to_string()));
            return;
        }
        for m in self.misses.iter_mut().rev() {
            if m.field == f.name() && m.rule.is_none() && m.kind != MissKind::Missing {
                m.rule = Some(rule.to_string());
            }
        }
    }

    fn judge(&mut self, f: F, correct: bool) {
        let c = &mut self.counts[f as usize];
        c.total += 1;
        if correct {
            c.correct += 1;
        }
        self.last_correct = correct;
    }

    /// Scores a nullable scalar: null == null is correct, `eq` compares two values.
    fn scalar(&mut self, f: F, gold: Option<&str>, got: Option<&str>, eq: fn(&str, &str) -> bool) {
        let correct = match (gold, got) {
            (None, None) => true,
            (Some(a), Some(b)) => eq(a, b),
            _ => false,
        };
        self.judge(f, correct);
        if !correct {
            self.scalar_miss(f, gold, got);
        }
    }

    fn scalar_miss(&mut self, f: F, gold: Option<&str>, got: Option<&str>) {
        match (gold, got) {
            (Some(a), None) => self.miss(f, MissKind::Missing, show(Some(a))),
            (None, Some(b)) => self.miss(f, MissKind::Unexpected, show(Some(b))),
            _ => self.miss(
                f,
                MissKind::Wrong,
                format!("expected {}, got {}", show(gold), show(got)),
            ),
        }
    }

    /// Adds one list's pairing to an F1 field and lists its misses.
    fn pairing(
        &mut self,
        f: F,
        p: &Pairing,
        show_gold: impl Fn(usize) -> String,
        show_rec: impl Fn(usize) -> String,
        rule_rec: impl Fn(usize) -> String,
    ) {
        let c = &mut self.counts[f as usize];
        c.tp += p.tp();
        c.fn_ += p.missing.len();
        c.fp += p.unexpected.len();
        for &g in &p.missing {
            self.miss(f, MissKind::Missing, show_gold(g));
        }
        for &r in &p.unexpected {
            self.miss(f, MissKind::Unexpected, show_rec(r));
            if let Some(m) = self.misses.last_mut().filter(|_| self.list_misses) {
                m.rule = Some(rule_rec(r));
            }
        }
        for r in p.paired.iter().flatten() {
            self.credited.push((f.name().to_string(), rule_rec(*r)));
        }
    }
}

/// A gold quote ready for matching.
struct GoldQ<'a> {
    text: String,
    speaker: Option<String>,
    /// `None` for an unattributed quote whose gold line gives no kind.
    kind: Option<&'a str>,
    raw: &'a GoldQuote,
}

/// Record quotes with the same normalised text, counted once.
struct RecQ<'a> {
    text: String,
    /// (normalised speaker name, speaker kind) of each quote in the group; kind is
    /// `None` for an unattributed quote.
    speakers: Vec<(Option<String>, Option<&'a str>)>,
    first: &'a Quote,
}

fn gold_quotes(g: &Gold) -> Vec<GoldQ<'_>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for q in &g.quotes {
        let text = norm_quote(&q.first_words);
        if word_count(&text) < MIN_QUOTE_WORDS {
            continue;
        }
        let speaker = opt_name(q.speaker.as_deref());
        if !seen.insert((text.clone(), speaker.clone(), q.kind.clone())) {
            continue;
        }
        out.push(GoldQ {
            text,
            speaker,
            kind: q.kind.as_deref(),
            raw: q,
        });
    }
    out
}

fn record_quotes(quotes: &[Quote]) -> Vec<RecQ<'_>> {
    let mut out: Vec<RecQ<'_>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for q in quotes {
        let text = norm_quote(&q.text);
        if word_count(&text) < MIN_QUOTE_WORDS {
            continue;
        }
        let speaker = match &q.speaker {
            Some(s) => (opt_name(s.name.as_deref()), Some(s.kind.as_str())),
            None => (None, None),
        };
        match index.get(&text) {
            Some(&i) => out[i].speakers.push(speaker),
            None => {
                index.insert(text.clone(), out.len());
                out.push(RecQ {
                    text,
                    speakers: vec![speaker],
                    first: q,
                });
            }
        }
    }
    out
}

/// 2 when the record text starts with the gold first words, 1 when it contains them.
fn quote_text_pref(g: &GoldQ<'_>, r: &RecQ<'_>) -> Option<u32> {
    if r.text.starts_with(&g.text) {
        Some(2)
    } else if r.text.contains(&g.text) {
        Some(1)
    } else {
        None
    }
}

/// Same speaker name (null matches null) and kind. An unattributed quote (in the
/// record, or in gold without a kind) has no kind, so only its (null) name is
/// compared.
fn speaker_ok(g: &GoldQ<'_>, speaker: &(Option<String>, Option<&str>)) -> bool {
    g.speaker == speaker.0
        && match (g.kind, speaker.1) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

fn show_gold_quote(q: &GoldQ<'_>) -> String {
    format!(
        "{} ({}, {})",
        show(Some(&q.raw.first_words)),
        show(q.raw.speaker.as_deref()),
        q.raw.kind.as_deref().unwrap_or("unattributed")
    )
}

fn show_rec_quote(q: &RecQ<'_>) -> String {
    let (name, kind) = match &q.first.speaker {
        Some(s) => (show(s.name.as_deref()), s.kind.as_str()),
        None => ("null".to_string(), "unattributed"),
    };
    format!("{} ({name}, {kind})", show(Some(&clip(&q.first.text, 60))))
}

fn show_service(name: &str, acronym: Option<&str>, locality: Option<&str>) -> String {
    format!(
        "{} (acronym {}, locality {})",
        show(Some(name)),
        show(acronym),
        show(locality)
    )
}

/// Scores one gold article against its record (`None`: no record, so every gold
/// value counts as missed).
fn score_article(g: &Gold, rec: Option<&Record>) -> Tally {
    let mut t = Tally::new(rec.is_some());
    match rec {
        Some(r) => score_scalars(&mut t, g, r),
        None => {
            for f in [
                F::Title,
                F::DocType,
                F::Publisher,
                F::Byline,
                F::Published,
                F::Inspectorate,
                F::OverallRating,
            ] {
                t.judge(f, false);
            }
            if g.overall_rating.is_some() {
                t.judge(F::OverallRatingImplied, false);
            }
            for _ in &g.people_not_officials {
                t.judge(F::PeopleNotOfficials, false);
            }
        }
    }
    score_lists(&mut t, g, rec);
    t
}

/// The accuracy fields of a matched article.
fn score_scalars(t: &mut Tally, g: &Gold, r: &Record) {
    let prov = |k: &str| r.provenance.get(k).map(|p| p.rule.as_str());
    t.scalar(F::Title, g.title.as_deref(), r.title.as_deref(), |a, b| {
        norm_text(a) == norm_text(b)
    });
    t.attribute(F::Title, prov("title"));
    t.scalar(F::DocType, Some(&g.doc_type), Some(&r.doc_type), |a, b| {
        a == b
    });
    t.attribute(F::DocType, prov("doc_type"));
    t.scalar(
        F::Publisher,
        g.publisher.as_deref(),
        r.publisher.as_deref(),
        name_eq,
    );
    t.attribute(F::Publisher, prov("publisher"));
    t.scalar(F::Byline, g.byline.as_deref(), r.byline.as_deref(), name_eq);
    t.attribute(F::Byline, prov("byline"));
    t.scalar(
        F::Published,
        g.published.as_deref(),
        r.published.as_deref(),
        |a, b| a == b,
    );
    t.attribute(F::Published, prov("published"));

    // The inspectorate: gold names it by name or acronym.
    let insp = r.inspectorate.as_ref();
    let correct = match (g.inspectorate.as_deref(), insp) {
        (None, None) => true,
        (Some(gi), Some(ri)) => {
            name_eq(gi, &ri.name) || ri.acronym.as_deref().is_some_and(|a| name_eq(gi, a))
        }
        _ => false,
    };
    t.judge(F::Inspectorate, correct);
    if !correct {
        t.scalar_miss(
            F::Inspectorate,
            g.inspectorate.as_deref(),
            insp.map(|i| i.name.as_str()),
        );
    }
    t.attribute(F::Inspectorate, insp.map(|i| i.rule.as_str()));

    // The overall rating: the record's first rating with scope `overall`.
    let overall = r.ratings.iter().find(|x| is_overall(&x.scope));
    t.scalar(
        F::OverallRating,
        g.overall_rating.as_deref(),
        overall.map(|x| x.value.as_str()),
        |a, b| norm_text(a) == norm_text(b),
    );
    t.attribute(F::OverallRating, overall.map(|x| x.rule.as_str()));
    if g.overall_rating.is_some() {
        match overall {
            Some(o) => {
                let correct = o.implied == g.overall_rating_implied;
                t.judge(F::OverallRatingImplied, correct);
                if !correct {
                    t.miss(
                        F::OverallRatingImplied,
                        MissKind::Wrong,
                        format!("expected {}, got {}", g.overall_rating_implied, o.implied),
                    );
                }
            }
            None => {
                t.judge(F::OverallRatingImplied, false);
                t.miss(
                    F::OverallRatingImplied,
                    MissKind::Missing,
                    format!("{} (no overall rating)", g.overall_rating_implied),
                );
            }
        }
    }

    // People who must not come out as officials (SPEC: reporters, photographers,
    // image credits and quoted non-officials may speak, but are not officials).
    let officials: HashSet<String> = r
        .officials
        .iter()
        .filter_map(|o| norm_name(&o.name))
        .collect();
    for person in &g.people_not_officials {
        let key = norm_name(person);
        let as_official = key.as_ref().is_some_and(|k| officials.contains(k));
        t.judge(F::PeopleNotOfficials, !as_official);
        if as_official {
            t.miss(
                F::PeopleNotOfficials,
                MissKind::Unexpected,
                format!("{} as an official", show(Some(person))),
            );
        }
    }
}

/// The P/R/F1 fields (and their diagnostics); with no record, against empty lists.
fn score_lists(t: &mut Tally, g: &Gold, rec: Option<&Record>) {
    let (services, ratings, quotes, officials, dates, themes) = match rec {
        Some(r) => (
            &r.services[..],
            &r.ratings[..],
            &r.quotes[..],
            &r.officials[..],
            &r.dates[..],
            &r.themes[..],
        ),
        None => (&[][..], &[][..], &[][..], &[][..], &[][..], &[][..]),
    };

    // Services: (name or acronym) and locality.
    let p = Pairing::new(g.services.len(), services.len(), |gi, ri| {
        let (gs, rs) = (&g.services[gi], &services[ri]);
        let name = name_eq(&gs.name, &rs.name);
        let acronym = match (
            opt_name(gs.acronym.as_deref()),
            opt_name(rs.acronym.as_deref()),
        ) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
        let locality = opt_name(gs.locality.as_deref()) == opt_name(rs.locality.as_deref());
        // Prefer a pair agreeing on the name over one agreeing on the acronym only.
        ((name || acronym) && locality).then_some(u32::from(name) + 1)
    });
    t.pairing(
        F::Services,
        &p,
        |i| {
            let s = &g.services[i];
            show_service(&s.name, s.acronym.as_deref(), s.locality.as_deref())
        },
        |i| {
            let s = &services[i];
            show_service(&s.name, s.acronym.as_deref(), s.locality.as_deref())
        },
        |i| services[i].rule.clone(),
    );

    // Area ratings: same value, loosely the same area.
    let areas: Vec<_> = ratings.iter().filter(|x| !is_overall(&x.scope)).collect();
    let p = Pairing::new(g.area_ratings.len(), areas.len(), |gi, ri| {
        let (ga, ra) = (&g.area_ratings[gi], areas[ri]);
        if norm_text(&ga.rating) != norm_text(&ra.value) {
            return None;
        }
        loose_match(&ga.area, &ra.scope)
    });
    t.pairing(
        F::AreaRatings,
        &p,
        |i| {
            let a = &g.area_ratings[i];
            format!("{}: {}", show(Some(&a.area)), a.rating)
        },
        |i| format!("{}: {}", show(Some(&areas[i].scope)), areas[i].value),
        |i| areas[i].rule.clone(),
    );

    // Quotes: text and speaker; quote_text: text only.
    let gq = gold_quotes(g);
    let rq = record_quotes(quotes);
    let p = Pairing::new(gq.len(), rq.len(), |gi, ri| {
        let (a, b) = (&gq[gi], &rq[ri]);
        let pref = quote_text_pref(a, b)?;
        b.speakers.iter().any(|s| speaker_ok(a, s)).then_some(pref)
    });
    t.pairing(
        F::Quotes,
        &p,
        |i| show_gold_quote(&gq[i]),
        |i| show_rec_quote(&rq[i]),
        |i| rq[i].first.rule.clone(),
    );
    let p = Pairing::new(gq.len(), rq.len(), |gi, ri| {
        quote_text_pref(&gq[gi], &rq[ri])
    });
    // Its misses would repeat those of `quotes`: counted, not listed.
    add_counts(t, F::QuoteText, &p);
    // quote_speaker: of the gold quotes whose text was found, the share whose
    // record quote names the right speaker (the misses are those of `quotes`).
    for (gi, ri) in p.paired.iter().enumerate() {
        if let Some(ri) = ri {
            let correct = rq[*ri].speakers.iter().any(|s| speaker_ok(&gq[gi], s));
            t.judge(F::QuoteSpeaker, correct);
        }
    }

    // Officials by normalised full name; official_roles over the pairs.
    let p = Pairing::new(g.officials.len(), officials.len(), |gi, ri| {
        let a = norm_name(&g.officials[gi].name);
        (a.is_some() && a == norm_name(&officials[ri].name)).then_some(1)
    });
    t.pairing(
        F::Officials,
        &p,
        |i| show(Some(&g.officials[i].name)),
        |i| show(Some(&officials[i].name)),
        |i| officials[i].rule.clone(),
    );
    for (gi, ri) in p.paired.iter().enumerate() {
        let (Some(ri), Some(gold_role)) = (ri, g.officials[gi].role.as_deref()) else {
            continue;
        };
        let got = officials[*ri].role.as_deref();
        let correct = got.is_some_and(|role| loose_eq(gold_role, role));
        t.judge(F::OfficialRoles, correct);
        if !correct {
            t.miss(
                F::OfficialRoles,
                MissKind::Wrong,
                format!(
                    "expected {}, got {} (for {})",
                    show(Some(gold_role)),
                    show(got),
                    g.officials[gi].name
                ),
            );
        }
    }

    // Dates by (kind, value); `other` dates are not scored, on either side.
    let gd: Vec<_> = g.dates.iter().filter(|d| d.kind != "other").collect();
    let rd: Vec<_> = dates.iter().filter(|d| d.kind != "other").collect();
    let p = Pairing::new(gd.len(), rd.len(), |gi, ri| {
        (gd[gi].kind == rd[ri].kind && gd[gi].value.trim() == rd[ri].value.trim()).then_some(1)
    });
    t.pairing(
        F::Dates,
        &p,
        |i| format!("{} {}", gd[i].kind, gd[i].value),
        |i| format!("{} {}", rd[i].kind, rd[i].value),
        |i| rd[i].rule.clone(),
    );

    // Themes by (id, polarity); theme_ids by id.
    let p = Pairing::new(g.themes.len(), themes.len(), |gi, ri| {
        let (a, b) = (&g.themes[gi], &themes[ri]);
        (a.theme == b.id && a.polarity == b.polarity).then_some(1)
    });
    t.pairing(
        F::Themes,
        &p,
        |i| format!("{} ({})", g.themes[i].theme, g.themes[i].polarity),
        |i| format!("{} ({})", themes[i].id, themes[i].polarity),
        |i| format!("theme.{}", themes[i].id),
    );
    let p = Pairing::new(g.themes.len(), themes.len(), |gi, ri| {
        (g.themes[gi].theme == themes[ri].id).then_some(1)
    });
    add_counts(t, F::ThemeIds, &p);
}

/// Adds a pairing's counts without listing its misses.
fn add_counts(t: &mut Tally, f: F, p: &Pairing) {
    let c = &mut t.counts[f as usize];
    c.tp += p.tp();
    c.fn_ += p.missing.len();
    c.fp += p.unexpected.len();
}

/// Scores records against gold. Each gold article is matched to the record whose
/// `source.path` equals its `file` (or, for a JSON Lines input, whose
/// `path:line` does); records that no gold line names are ignored.
pub fn score(gold: &[Gold], records: &[Record]) -> Report {
    let mut by_path: HashMap<&str, Vec<&Record>> = HashMap::new();
    let mut by_path_line: HashMap<String, &Record> = HashMap::new();
    for r in records {
        by_path.entry(r.source.path.as_str()).or_default().push(r);
        if let Some(line) = r.source.line {
            by_path_line.insert(format!("{}:{line}", r.source.path), r);
        }
    }

    let mut totals = [Counts::default(); N_FIELDS];
    let mut articles = Vec::with_capacity(gold.len());
    let mut unmatched = Vec::new();
    let mut notes = Vec::new();
    for g in gold {
        let rec = match by_path.get(g.file.as_str()) {
            Some(rs) => {
                if rs.len() > 1 {
                    notes.push(format!(
                        "{} records have source.path `{}`; scored the first (name one as `path:line` in gold)",
                        rs.len(),
                        g.file
                    ));
                }
                rs.first().copied()
            }
            None => by_path_line.get(g.file.as_str()).copied(),
        };
        if rec.is_none() {
            unmatched.push(g.file.clone());
        }
        let t = score_article(g, rec);
        for (total, c) in totals.iter_mut().zip(t.counts.iter()) {
            total.tp += c.tp;
            total.fp += c.fp;
            total.fn_ += c.fn_;
            total.correct += c.correct;
            total.total += c.total;
        }
        articles.push(ArticleReport {
            file: g.file.clone(),
            matched: rec.is_some(),
            misses: t.misses,
            credited: t.credited,
        });
    }

    Report {
        gold_articles: gold.len(),
        matched_records: gold.len() - unmatched.len(),
        unmatched,
        fields: totals
            .iter()
            .enumerate()
            .map(|(i, c)| field_score(i, *c))
            .collect(),
        articles,
        notes,
    }
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

impl Report {
    /// The score of the field called `name`, if there is one.
    pub fn field(&self, name: &str) -> Option<&FieldScore> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Width of the field-name column of a table: the longest name (with the `*`
    /// of a diagnostic field), at least 5.
    pub fn name_width(&self) -> usize {
        self.fields
            .iter()
            .map(|f| f.name.len() + usize::from(f.diagnostic))
            .max()
            .unwrap_or(5)
            .max(5)
    }

    /// A plain-text report: the article counts, an aligned table (field, P, R, F1,
    /// accuracy, counts; diagnostic fields marked `*`), the gold files with no record,
    /// and, when `verbose`, every miss grouped by article.
    pub fn render(&self, verbose: bool) -> String {
        fn num(v: Option<f64>) -> String {
            v.map_or_else(|| format!("{:>7}", ""), |x| format!("{x:>7.3}"))
        }
        let mut out = String::new();
        let _ = writeln!(
            out,
            "gold articles: {}, matched records: {}",
            self.gold_articles, self.matched_records
        );
        let width = self.name_width();
        let _ = writeln!(
            out,
            "\n{:<width$} {:>7}{:>7}{:>7}{:>7}  counts",
            "field", "P", "R", "F1", "acc"
        );
        for f in &self.fields {
            let name = if f.diagnostic {
                format!("{}*", f.name)
            } else {
                f.name.clone()
            };
            let counts = match f.kind {
                FieldKind::Accuracy => format!("{}/{}", f.correct, f.total),
                FieldKind::F1 => format!("tp {} fp {} fn {}", f.tp, f.fp, f.fn_),
            };
            let _ = writeln!(
                out,
                "{name:<width$} {}{}{}{}  {counts}",
                num(f.precision),
                num(f.recall),
                num(f.f1),
                num(f.accuracy)
            );
        }
        if self.fields.iter().any(|f| f.diagnostic) {
            let _ = writeln!(out, "* diagnostic");
        }
        if !self.unmatched.is_empty() {
            let _ = writeln!(out, "\nno record (every gold value counted as missed):");
            for file in &self.unmatched {
                let _ = writeln!(out, "  {file}");
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        if verbose {
            let with_misses: Vec<_> = self
                .articles
                .iter()
                .filter(|a| a.matched && !a.misses.is_empty())
                .collect();
            if !with_misses.is_empty() {
                let _ = writeln!(out, "\nmisses:");
            }
            for a in with_misses {
                let _ = writeln!(out, "{}", a.file);
                for m in &a.misses {
                    let _ = writeln!(out, "  {}: {}", m.field, m.message);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{
        DateValue, Evidence, InspectorateRef, Official, Quote, Rating, Service, Source, Speaker,
        Theme,
    };
    use crate::span::Span;
    use std::collections::BTreeMap;

    // --- builders ------------------------------------------------------------

    fn gold(file: &str) -> Gold {
        Gold {
            file: file.into(),
            title: None,
            doc_type: "news".into(),
            publisher: None,
            byline: None,
            published: None,
            inspectorate: None,
            services: vec![],
            overall_rating: None,
            overall_rating_implied: false,
            area_ratings: vec![],
            quotes: vec![],
            officials: vec![],
            people_not_officials: vec![],
            dates: vec![],
            themes: vec![],
        }
    }

    fn record(path: &str) -> Record {
        Record {
            schema_version: 1,
            id: path.into(),
            source: Source {
                path: path.into(),
                line: None,
                sha256: String::new(),
                bytes: 0,
                encoding: None,
            },
            title: None,
            doc_type: "news".into(),
            publisher: None,
            byline: None,
            published: None,
            inspectorate: None,
            services: vec![],
            ratings: vec![],
            quotes: vec![],
            officials: vec![],
            themes: vec![],
            dates: vec![],
            warnings: vec![],
            provenance: BTreeMap::new(),
        }
    }

    fn span() -> Span {
        Span::new(0, 0)
    }

    fn g_service(name: &str, acronym: Option<&str>, locality: Option<&str>) -> GoldService {
        GoldService {
            name: name.into(),
            acronym: acronym.map(Into::into),
            locality: locality.map(Into::into),
        }
    }

    fn r_service(name: &str, acronym: Option<&str>, locality: Option<&str>) -> Service {
        Service {
            name: name.into(),
            acronym: acronym.map(Into::into),
            locality: locality.map(Into::into),
            kind: None,
            spans: vec![span()],
            rule: "test".into(),
        }
    }

    fn rating(scope: &str, value: &str, implied: bool) -> Rating {
        Rating {
            scope: scope.into(),
            value: value.into(),
            scale: "four_point".into(),
            implied,
            span: span(),
            rule: "test".into(),
        }
    }

    fn g_quote(speaker: Option<&str>, kind: &str, first_words: &str) -> GoldQuote {
        GoldQuote {
            speaker: speaker.map(Into::into),
            kind: Some(kind.into()),
            role: None,
            org: None,
            first_words: first_words.into(),
        }
    }

    /// A record quote; `speaker` is (name, kind), `None` for unattributed.
    fn r_quote(text: &str, speaker: Option<(Option<&str>, &str)>) -> Quote {
        Quote {
            text: text.into(),
            span: span(),
            continued: Vec::new(),
            speaker: speaker.map(|(name, kind)| Speaker {
                name: name.map(Into::into),
                role: None,
                org: None,
                kind: kind.into(),
            }),
            cue: Some("said".into()),
            attribution: if speaker.is_some() {
                "explicit".into()
            } else {
                "none".into()
            },
            rule: "test".into(),
        }
    }

    fn g_official(name: &str, role: Option<&str>) -> GoldOfficial {
        GoldOfficial {
            name: name.into(),
            role: role.map(Into::into),
            org: None,
            honours: None,
        }
    }

    fn r_official(name: &str, role: Option<&str>) -> Official {
        Official {
            name: name.into(),
            role: role.map(Into::into),
            org: None,
            honours: None,
            quoted: false,
            span: span(),
            rule: "test".into(),
        }
    }

    fn r_date(kind: &str, value: &str) -> DateValue {
        DateValue {
            kind: kind.into(),
            value: value.into(),
            span: span(),
            rule: "test".into(),
        }
    }

    fn g_theme(theme: &str, polarity: &str) -> GoldTheme {
        GoldTheme {
            theme: theme.into(),
            polarity: polarity.into(),
        }
    }

    fn r_theme(id: &str, polarity: &str) -> Theme {
        Theme {
            id: id.into(),
            polarity: polarity.into(),
            evidence: vec![Evidence {
                span: span(),
                sentence: span(),
                polarity: polarity.into(),
                rule: "test".into(),
                cue_rule: None,
            }],
        }
    }

    fn one(g: Gold, r: Record) -> Report {
        score(&[g], &[r])
    }

    fn field<'a>(rep: &'a Report, name: &str) -> &'a FieldScore {
        match rep.field(name) {
            Some(f) => f,
            None => panic!("no field {name}"),
        }
    }

    /// (correct, total) of an accuracy field.
    fn acc(rep: &Report, name: &str) -> (usize, usize) {
        let f = field(rep, name);
        assert_eq!(f.kind, FieldKind::Accuracy, "{name}");
        (f.correct, f.total)
    }

    /// (tp, fp, fn) of an F1 field.
    fn prf(rep: &Report, name: &str) -> (usize, usize, usize) {
        let f = field(rep, name);
        assert_eq!(f.kind, FieldKind::F1, "{name}");
        (f.tp, f.fp, f.fn_)
    }

    fn messages(rep: &Report, name: &str) -> Vec<String> {
        rep.articles
            .iter()
            .flat_map(|a| a.misses.iter())
            .filter(|m| m.field == name)
            .map(|m| m.message.clone())
            .collect()
    }

    // --- the report's shape ----------------------------------------------------

    #[test]
    fn fields_come_in_the_documented_order_with_kinds_and_diagnostics() {
        let rep = score(&[], &[]);
        let names: Vec<&str> = rep.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "title",
                "doc_type",
                "publisher",
                "byline",
                "published",
                "inspectorate",
                "overall_rating",
                "overall_rating_implied",
                "people_not_officials",
                "quote_speaker",
                "services",
                "area_ratings",
                "quotes",
                "officials",
                "dates",
                "themes",
                "quote_text",
                "theme_ids",
                "official_roles",
            ]
        );
        let diagnostic: Vec<&str> = rep
            .fields
            .iter()
            .filter(|f| f.diagnostic)
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(diagnostic, ["quote_text", "theme_ids", "official_roles"]);
        assert_eq!(field(&rep, "official_roles").kind, FieldKind::Accuracy);
        assert_eq!(field(&rep, "quote_text").kind, FieldKind::F1);
        // Nothing to count scores 1.0 everywhere.
        assert!(rep.fields.iter().all(|f| f.score() == 1.0));
        assert!(rep.field("nope").is_none());
    }

    #[test]
    fn precision_recall_f1_and_accuracy_arithmetic() {
        let c = Counts {
            tp: 3,
            fp: 1,
            fn_: 3,
            ..Counts::default()
        };
        let s = field_score(F::Quotes as usize, c);
        assert_eq!(s.precision, Some(0.75));
        assert_eq!(s.recall, Some(0.5));
        assert_eq!(s.f1, Some(0.6));
        assert_eq!(s.accuracy, None);
        assert_eq!(s.score(), 0.6);
        // Nothing found although gold has items: P 1, R 0, F1 0.
        let s = field_score(
            F::Quotes as usize,
            Counts {
                fn_: 2,
                ..Counts::default()
            },
        );
        assert_eq!(
            (s.precision, s.recall, s.f1),
            (Some(1.0), Some(0.0), Some(0.0))
        );
        // Only false positives: P 0, R 1, F1 0.
        let s = field_score(
            F::Quotes as usize,
            Counts {
                fp: 2,
                ..Counts::default()
            },
        );
        assert_eq!(
            (s.precision, s.recall, s.f1),
            (Some(0.0), Some(1.0), Some(0.0))
        );
        let s = field_score(
            F::Title as usize,
            Counts {
                correct: 1,
                total: 4,
                ..Counts::default()
            },
        );
        assert_eq!(s.accuracy, Some(0.25));
        assert_eq!(s.f1, None);
        assert_eq!(s.score(), 0.25);
    }

    #[test]
    fn report_serialises_fn_under_its_json_name() {
        let mut g = gold("a.txt");
        g.themes = vec![g_theme("victims", "concern")];
        let rep = one(g, record("a.txt"));
        let json = serde_json::to_value(&rep).unwrap_or_default();
        let themes = &json["fields"][F::Themes as usize];
        assert_eq!(themes["name"], "themes");
        assert_eq!(themes["fn"], 1);
        assert_eq!(themes["kind"], "f1");
        assert_eq!(json["fields"][0]["kind"], "accuracy");
        assert_eq!(json["articles"][0]["misses"][0]["kind"], "missing");
    }

    // --- accuracy fields ---------------------------------------------------------

    #[test]
    fn title_ignores_quote_and_dash_style_whitespace_and_case() {
        let mut g = gold("a.txt");
        g.title =
            Some("Redbridge \u{2018}Requires improvement\u{2019} \u{2014} the  verdict".into());
        let mut r = record("a.txt");
        r.title = Some("redbridge 'requires IMPROVEMENT' -\u{a0}the verdict ".into());
        assert_eq!(acc(&one(g.clone(), r.clone()), "title"), (1, 1));

        r.title = Some("Redbridge 'Requires improvement' - the verdicts".into());
        let rep = one(g.clone(), r.clone());
        assert_eq!(acc(&rep, "title"), (0, 1));
        assert!(messages(&rep, "title")[0].starts_with("wrong: expected \"Redbridge"));

        r.title = None;
        let rep = one(g.clone(), r.clone());
        assert_eq!(acc(&rep, "title"), (0, 1));
        assert!(messages(&rep, "title")[0].starts_with("missing: "));

        g.title = None;
        assert_eq!(acc(&one(g, r), "title"), (1, 1));
    }

    #[test]
    fn doc_type_is_exact() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.doc_type = "press_release".into();
        r.doc_type = "press_release".into();
        assert_eq!(acc(&one(g.clone(), r.clone()), "doc_type"), (1, 1));
        r.doc_type = "Press_release".into();
        assert_eq!(acc(&one(g, r), "doc_type"), (0, 1));
    }

    #[test]
    fn publisher_and_byline_compare_case_and_punctuation_aside() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.publisher = Some("HM Inspectorate of Probation.".into());
        r.publisher = Some("hm inspectorate  of probation".into());
        g.byline = Some("Siobhan O\u{2019}Neill".into());
        r.byline = Some("SIOBHAN ONEILL".into());
        let rep = one(g.clone(), r.clone());
        assert_eq!(acc(&rep, "publisher"), (1, 1));
        assert_eq!(acc(&rep, "byline"), (1, 1));

        r.publisher = Some("HM Inspectorate of Prisons".into());
        r.byline = None;
        let rep = one(g.clone(), r.clone());
        assert_eq!(acc(&rep, "publisher"), (0, 1));
        assert_eq!(acc(&rep, "byline"), (0, 1));

        // null == null is correct; a value where gold has null is not.
        g.byline = None;
        assert_eq!(acc(&one(g.clone(), r.clone()), "byline"), (1, 1));
        r.byline = Some("Marco Marcelline".into());
        let rep = one(g, r);
        assert_eq!(acc(&rep, "byline"), (0, 1));
        assert_eq!(
            messages(&rep, "byline"),
            ["unexpected: \"Marco Marcelline\""]
        );
    }

    #[test]
    fn published_is_exact_and_null_matches_null() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        assert_eq!(acc(&one(g.clone(), r.clone()), "published"), (1, 1));
        g.published = Some("2024-05-10".into());
        r.published = Some("2024-05-10".into());
        assert_eq!(acc(&one(g.clone(), r.clone()), "published"), (1, 1));
        r.published = Some("2024-05".into());
        assert_eq!(acc(&one(g, r), "published"), (0, 1));
    }

    #[test]
    fn inspectorate_matches_by_name_or_acronym() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        r.inspectorate = Some(InspectorateRef {
            name: "HM Inspectorate of Probation".into(),
            acronym: Some("HMI Probation".into()),
            span: None,
            rule: "test".into(),
        });
        g.inspectorate = Some("hm inspectorate of probation".into());
        assert_eq!(acc(&one(g.clone(), r.clone()), "inspectorate"), (1, 1));
        g.inspectorate = Some("HMI Probation".into());
        assert_eq!(acc(&one(g.clone(), r.clone()), "inspectorate"), (1, 1));
        g.inspectorate = Some("Ofsted".into());
        assert_eq!(acc(&one(g.clone(), r.clone()), "inspectorate"), (0, 1));
        g.inspectorate = None;
        assert_eq!(acc(&one(g.clone(), r.clone()), "inspectorate"), (0, 1));
        r.inspectorate = None;
        assert_eq!(acc(&one(g, r), "inspectorate"), (1, 1));
    }

    #[test]
    fn overall_rating_is_the_first_rating_scoped_overall() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        r.ratings = vec![
            rating("resettlement policy and provision", "Good", false),
            rating("overall", "Requires improvement", false),
            rating("overall", "Good", false),
        ];
        g.overall_rating = Some("Requires improvement".into());
        assert_eq!(acc(&one(g.clone(), r.clone()), "overall_rating"), (1, 1));
        g.overall_rating = Some("Good".into());
        assert_eq!(acc(&one(g.clone(), r.clone()), "overall_rating"), (0, 1));
        // An area rating is not an overall one: null == null.
        g.overall_rating = None;
        r.ratings.retain(|x| x.scope != "overall");
        assert_eq!(acc(&one(g, r), "overall_rating"), (1, 1));
    }

    #[test]
    fn overall_rating_implied_counts_only_rated_articles() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        r.ratings = vec![rating("overall", "Requires improvement", false)];
        g.overall_rating_implied = true;
        // Gold has no overall rating: not counted at all.
        assert_eq!(
            acc(&one(g.clone(), r.clone()), "overall_rating_implied"),
            (0, 0)
        );
        g.overall_rating = Some("Requires improvement".into());
        assert_eq!(
            acc(&one(g.clone(), r.clone()), "overall_rating_implied"),
            (0, 1)
        );
        r.ratings[0].implied = true;
        assert_eq!(
            acc(&one(g.clone(), r.clone()), "overall_rating_implied"),
            (1, 1)
        );
        // No overall rating in the record: nothing to be implied, so wrong.
        r.ratings.clear();
        assert_eq!(acc(&one(g, r), "overall_rating_implied"), (0, 1));
    }

    #[test]
    fn people_not_officials_must_not_be_officials() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.people_not_officials = vec![
            "Marco Marcelline".into(),
            "Katarzyna Bialasiewicz".into(),
            "Jo Bloggs".into(),
        ];
        r.officials = vec![r_official("marco marcelline.", None)];
        // A quoted non-official (a parent, a charity director) may speak.
        r.quotes = vec![r_quote(
            "words words words",
            Some((Some("Katarzyna Bialasiewicz"), "person")),
        )];
        let rep = one(g.clone(), r);
        assert_eq!(acc(&rep, "people_not_officials"), (2, 3));
        assert_eq!(messages(&rep, "people_not_officials").len(), 1);
        // Total 0 overall reports 1.0.
        g.people_not_officials.clear();
        let rep = one(g, record("a.txt"));
        assert_eq!(acc(&rep, "people_not_officials"), (0, 0));
        assert_eq!(field(&rep, "people_not_officials").score(), 1.0);
    }

    // --- P/R/F1 fields ------------------------------------------------------------

    #[test]
    fn services_match_by_name_or_acronym_with_locality() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.services = vec![g_service(
            "Redbridge Youth Justice Service",
            Some("YJS"),
            Some("Redbridge"),
        )];
        r.services = vec![r_service(
            "Redbridge youth justice service.",
            None,
            Some("redbridge"),
        )];
        assert_eq!(prf(&one(g.clone(), r.clone()), "services"), (1, 0, 0));
        // Acronym alone is enough.
        r.services = vec![r_service("Redbridge YJS", Some("yjs"), Some("Redbridge"))];
        assert_eq!(prf(&one(g.clone(), r.clone()), "services"), (1, 0, 0));
        // ... but not with another locality.
        r.services[0].locality = Some("Havering".into());
        assert_eq!(prf(&one(g.clone(), r.clone()), "services"), (0, 1, 1));
        // Both localities null count as equal; one null does not.
        g.services[0].locality = None;
        r.services[0].locality = None;
        assert_eq!(prf(&one(g.clone(), r.clone()), "services"), (1, 0, 0));
        r.services[0].locality = Some("Redbridge".into());
        assert_eq!(prf(&one(g.clone(), r.clone()), "services"), (0, 1, 1));
        // One-to-one: two gold services cannot share one record service.
        r.services[0].locality = None;
        g.services.push(g.services[0].clone());
        assert_eq!(prf(&one(g, r), "services"), (1, 0, 1));
    }

    #[test]
    fn pairing_is_a_maximum_matching_not_first_come() {
        // Gold 1 could take record 1 (acronym) or record 2 (name); gold 2 only
        // record 1. Taking pairs first come would leave gold 2 unpaired.
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.services = vec![
            g_service("Alpha Service", Some("AS"), None),
            g_service("Beta Service", Some("AS"), None),
        ];
        r.services = vec![
            r_service("Other Service", Some("AS"), None),
            r_service("Alpha Service", None, None),
        ];
        assert_eq!(prf(&one(g, r), "services"), (2, 0, 0));
    }

    #[test]
    fn area_ratings_need_the_same_value_and_loosely_the_same_area() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.area_ratings = vec![GoldAreaRating {
            area: "Resettlement policy and provision".into(),
            rating: "Requires improvement".into(),
        }];
        // Containment: the record's area is a subset of the gold one.
        r.ratings = vec![
            rating("overall", "Requires improvement", false),
            rating("resettlement", "Requires improvement", false),
        ];
        assert_eq!(prf(&one(g.clone(), r.clone()), "area_ratings"), (1, 0, 0));
        // Jaccard >= 0.5 ({resettlement, policy, provision} vs {resettlement, policies}).
        r.ratings[1].scope = "the resettlement policies".into();
        assert_eq!(prf(&one(g.clone(), r.clone()), "area_ratings"), (1, 0, 0));
        // Jaccard below 0.5 and no containment.
        r.ratings[1].scope = "resettlement work with victims".into();
        assert_eq!(prf(&one(g.clone(), r.clone()), "area_ratings"), (0, 1, 1));
        // Same area, another value.
        r.ratings[1] = rating("resettlement policy and provision", "Good", false);
        assert_eq!(prf(&one(g.clone(), r.clone()), "area_ratings"), (0, 1, 1));
        // The overall rating is never an area rating.
        r.ratings.truncate(1);
        assert_eq!(prf(&one(g, r), "area_ratings"), (0, 0, 1));
    }

    #[test]
    fn loose_match_follows_the_documented_rule() {
        // One set contains the other.
        assert!(loose_eq("Chief Inspector of Probation", "chief inspector"));
        // Stopwords and punctuation do not count.
        assert!(loose_eq("the quality of work", "quality, work"));
        // Jaccard exactly 0.5 ({cabinet, member} shared of four) is enough...
        assert!(loose_eq(
            "cabinet member for children",
            "cabinet member for housing"
        ));
        // ... below it is not (one shared word of five).
        assert!(!loose_eq(
            "cabinet member for children",
            "director of children's services"
        ));
        // Phrases of stopwords only compare as text.
        assert!(loose_eq("Of the", "of  the"));
        assert!(!loose_eq("the", "of"));
        assert_eq!(
            content_words("Children's services"),
            content_words("childrens service")
        );
    }

    #[test]
    fn quotes_match_on_first_words_and_speaker() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.quotes = vec![g_quote(
            Some("Martin Jones"),
            "person",
            "\u{201C}Redbridge YJTPS has many of the",
        )];
        r.quotes = vec![r_quote(
            "Redbridge  YJTPS has many of the components needed.",
            Some((Some("martin jones"), "person")),
        )];
        let rep = one(g.clone(), r.clone());
        assert_eq!(prf(&rep, "quotes"), (1, 0, 0));
        assert_eq!(prf(&rep, "quote_text"), (1, 0, 0));

        // Contained rather than leading still matches.
        r.quotes[0].text = "Indeed, Redbridge YJTPS has many of the parts".into();
        assert_eq!(prf(&one(g.clone(), r.clone()), "quotes"), (1, 0, 0));

        // Another speaker: quotes misses, quote_text still matches.
        r.quotes[0].speaker = Some(Speaker {
            name: Some("Kizzy Gardiner".into()),
            role: None,
            org: None,
            kind: "person".into(),
        });
        let rep = one(g.clone(), r.clone());
        assert_eq!(prf(&rep, "quotes"), (0, 1, 1));
        assert_eq!(prf(&rep, "quote_text"), (1, 0, 0));

        // Same name, other kind.
        r.quotes[0].speaker = Some(Speaker {
            name: Some("Martin Jones".into()),
            role: None,
            org: None,
            kind: "organisation".into(),
        });
        assert_eq!(prf(&one(g.clone(), r.clone()), "quotes"), (0, 1, 1));

        // Different words.
        r.quotes = vec![r_quote(
            "Redbridge YJTPS has few of the components",
            Some((Some("Martin Jones"), "person")),
        )];
        assert_eq!(prf(&one(g, r), "quote_text"), (0, 1, 1));
    }

    #[test]
    fn quote_speakers_null_matches_null_and_organisations_by_name() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.quotes = vec![
            g_quote(None, "person", "we are reviewing the report"),
            g_quote(
                Some("HM Inspectorate of Probation"),
                "organisation",
                "inconsistent and insufficient",
            ),
        ];
        r.quotes = vec![
            r_quote("We are reviewing the report carefully.", None),
            r_quote(
                "inconsistent and insufficient",
                Some((Some("HM Inspectorate of Probation"), "organisation")),
            ),
        ];
        assert_eq!(prf(&one(g.clone(), r.clone()), "quotes"), (2, 0, 0));
        // A named speaker where gold has none is a miss.
        r.quotes[0].speaker = Some(Speaker {
            name: Some("Jo Bloggs".into()),
            role: None,
            org: None,
            kind: "person".into(),
        });
        assert_eq!(prf(&one(g, r), "quotes"), (1, 1, 1));
    }

    #[test]
    fn unattributed_gold_quotes_may_leave_out_their_kind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.jsonl");
        let line = |quotes: &str| {
            format!(
                r#"{{"file": "a.txt", "title": null, "doc_type": "news", "publisher": null, "byline": null, "published": null, "inspectorate": null, "services": [], "overall_rating": null, "overall_rating_implied": false, "area_ratings": [], "quotes": {quotes}, "officials": [], "people_not_officials": [], "themes": []}}"#
            )
        };
        std::fs::write(
            &path,
            line(r#"[{"speaker": null, "first_words": "we are reviewing the report"}, {"speaker": null, "kind": null, "first_words": "a second quote here"}]"#),
        )
        .unwrap();
        let gold = load_gold(&path).unwrap();
        assert_eq!(gold[0].quotes[0].kind, None);
        assert_eq!(gold[0].quotes[1].kind, None);
        let mut r = record("a.txt");
        r.quotes = vec![
            r_quote("We are reviewing the report carefully.", None),
            r_quote(
                "A second quote here, said by someone.",
                Some((Some("Jo Bloggs"), "person")),
            ),
        ];
        let rep = score(&gold, &[r]);
        assert_eq!(prf(&rep, "quotes"), (1, 1, 1));
        assert_eq!(prf(&rep, "quote_text"), (2, 0, 0));
        let qs = field(&rep, "quote_speaker");
        assert_eq!((qs.correct, qs.total), (1, 2));

        // A named speaker still needs a kind.
        std::fs::write(
            &path,
            line(r#"[{"speaker": "Jo Bloggs", "first_words": "we are reviewing the report"}]"#),
        )
        .unwrap();
        let err = load_gold(&path).unwrap_err().to_string();
        assert!(
            err.contains("gold.jsonl:1: quotes[0].kind is missing"),
            "{err}"
        );
    }

    #[test]
    fn quote_texts_compare_curly_and_straight_quotes_alike() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.quotes = vec![g_quote(
            Some("HM Inspectorate of Probation"),
            "organisation",
            "overreliance on \u{2018}bitesize\u{2019} training",
        )];
        r.quotes = vec![r_quote(
            "\u{201C}Overreliance on 'bitesize'   training\u{2026}\u{201D}",
            Some((Some("HM Inspectorate of Probation"), "organisation")),
        )];
        assert_eq!(prf(&one(g, r), "quotes"), (1, 0, 0));
    }

    #[test]
    fn short_quotes_are_neither_required_nor_penalised() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.quotes = vec![g_quote(
            None,
            "organisation",
            "\u{2018}bitesize\u{2019} training",
        )];
        r.quotes = vec![
            r_quote("Requires improvement", None),
            r_quote("\u{201C}Good.\u{201D}", None),
        ];
        let rep = one(g, r);
        assert_eq!(prf(&rep, "quotes"), (0, 0, 0));
        assert_eq!(prf(&rep, "quote_text"), (0, 0, 0));
    }

    #[test]
    fn a_quote_repeated_word_for_word_counts_once() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.quotes = vec![g_quote(
            Some("Martin Jones"),
            "person",
            "showing a genuine desire to listen",
        )];
        // The standfirst copy is unattributed; the body copy is attributed. The group
        // pairs through its attributed member and counts once.
        r.quotes = vec![
            r_quote("showing a genuine desire to listen", None),
            r_quote(
                "Showing a genuine  desire to listen.",
                Some((Some("Martin Jones"), "person")),
            ),
        ];
        assert_eq!(prf(&one(g.clone(), r.clone()), "quotes"), (1, 0, 0));
        // Gold annotating the same quote twice counts once too.
        g.quotes.push(g.quotes[0].clone());
        assert_eq!(prf(&one(g, r), "quotes"), (1, 0, 0));
    }

    #[test]
    fn quotes_pair_one_to_one() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.quotes = vec![
            g_quote(
                Some("Kizzy Gardiner"),
                "person",
                "We fully accept the findings",
            ),
            g_quote(
                Some("Kizzy Gardiner"),
                "person",
                "We fully accept the findings and",
            ),
        ];
        r.quotes = vec![r_quote(
            "We fully accept the findings and recommendations",
            Some((Some("Kizzy Gardiner"), "person")),
        )];
        assert_eq!(prf(&one(g, r), "quotes"), (1, 0, 1));
    }

    #[test]
    fn officials_compare_by_normalised_full_name_and_roles_loosely() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.officials = vec![
            g_official("Martin Jones", Some("Chief Inspector of Probation")),
            g_official(
                "Kizzy Gardiner",
                Some("cabinet member for children and young people"),
            ),
            g_official("Jo Bloggs", None),
        ];
        r.officials = vec![
            r_official("MARTIN  JONES.", Some("Chief Inspector")),
            r_official("Kizzy Gardiner", Some("cabinet member for housing")),
            r_official("Jo Bloggs", Some("director")),
            r_official("Martin", None),
        ];
        let rep = one(g, r);
        assert_eq!(prf(&rep, "officials"), (3, 1, 0));
        // Roles over paired officials whose gold role is not null: 1 of 2.
        assert_eq!(acc(&rep, "official_roles"), (1, 2));
        assert_eq!(messages(&rep, "official_roles").len(), 1);
        assert!(messages(&rep, "official_roles")[0].starts_with("wrong: expected"));
    }

    #[test]
    fn dates_compare_kind_and_value_and_ignore_other() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.dates = vec![
            GoldDate {
                kind: "published".into(),
                value: "2024-05-10".into(),
            },
            GoldDate {
                kind: "fieldwork".into(),
                value: "2024-02".into(),
            },
        ];
        r.dates = vec![
            r_date("published", "2024-05-10"),
            r_date("published", "2024-02"),
            r_date("other", "2023-01-01"),
        ];
        assert_eq!(prf(&one(g, r), "dates"), (1, 1, 1));
    }

    #[test]
    fn themes_need_id_and_polarity_theme_ids_only_the_id() {
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.themes = vec![
            g_theme("victims", "concern"),
            g_theme("staffing", "strength"),
            g_theme("partnerships", "strength"),
        ];
        r.themes = vec![
            r_theme("victims", "concern"),
            r_theme("staffing", "concern"),
            r_theme("policing", "mixed"),
        ];
        let rep = one(g, r);
        assert_eq!(prf(&rep, "themes"), (1, 2, 2));
        assert_eq!(prf(&rep, "theme_ids"), (2, 1, 1));
    }

    // --- matching gold to records ---------------------------------------------------

    #[test]
    fn gold_without_a_record_counts_every_value_as_missed_and_is_listed() {
        let mut g = gold("missing.txt");
        g.overall_rating = Some("Good".into());
        g.people_not_officials = vec!["Jo Bloggs".into()];
        g.services = vec![g_service("A Service", None, None)];
        g.quotes = vec![
            g_quote(None, "person", "one two three four"),
            g_quote(None, "person", "too short"),
        ];
        g.themes = vec![g_theme("victims", "concern")];
        g.officials = vec![g_official("Jo Smith", Some("director"))];
        let rep = score(&[g, gold("b.txt")], &[record("b.txt"), record("other.txt")]);
        assert_eq!(rep.gold_articles, 2);
        assert_eq!(rep.matched_records, 1);
        assert_eq!(rep.unmatched, ["missing.txt"]);
        // Null title, byline... still count as missed for the missing article.
        assert_eq!(acc(&rep, "title"), (1, 2));
        assert_eq!(acc(&rep, "byline"), (1, 2));
        assert_eq!(acc(&rep, "overall_rating_implied"), (0, 1));
        assert_eq!(acc(&rep, "people_not_officials"), (0, 1));
        assert_eq!(prf(&rep, "services"), (0, 0, 1));
        assert_eq!(prf(&rep, "quotes"), (0, 0, 1));
        assert_eq!(prf(&rep, "themes"), (0, 0, 1));
        assert_eq!(prf(&rep, "officials"), (0, 0, 1));
        assert!(!rep.articles[0].matched);
        assert!(rep.render(false).contains("missing.txt"));
    }

    #[test]
    fn a_json_lines_record_is_found_by_path_and_line() {
        let mut a = record("feed.jsonl");
        a.source.line = Some(1);
        let mut b = record("feed.jsonl");
        b.source.line = Some(2);
        b.title = Some("Second".into());
        let mut g = gold("feed.jsonl:2");
        g.title = Some("Second".into());
        let rep = score(&[g], &[a, b]);
        assert_eq!(rep.matched_records, 1);
        assert_eq!(acc(&rep, "title"), (1, 1));
        // The bare path is ambiguous: the first record is scored and a note says so.
        let rep = score(
            &[gold("feed.jsonl")],
            &[record("feed.jsonl"), record("feed.jsonl")],
        );
        assert_eq!(rep.matched_records, 1);
        assert_eq!(rep.notes.len(), 1);
    }

    // --- loading ---------------------------------------------------------------------

    const SEED_LINE: &str = r#"{"file": "000_60cd146d0c9dfd47.txt", "title": "Redbridge Youth Justice and Targeted Prevention Service ‘Requires improvement’", "doc_type": "press_release", "publisher": "HM Inspectorate of Probation", "byline": null, "published": "2024-05-10", "inspectorate": "HM Inspectorate of Probation", "services": [{"name": "Redbridge Youth Justice and Targeted Prevention Service", "acronym": "YJTPS", "locality": "Redbridge"}], "overall_rating": "Requires improvement", "overall_rating_implied": false, "area_ratings": [{"area": "resettlement policy and provision", "rating": "Requires improvement"}], "quotes": [{"speaker": "Martin Jones", "kind": "person", "role": "Chief Inspector of Probation", "org": "HM Inspectorate of Probation", "first_words": "Redbridge YJTPS has many of the"}, {"speaker": "Martin Jones", "kind": "person", "role": "Chief Inspector of Probation", "org": "HM Inspectorate of Probation", "first_words": "It is evident Redbridge YJTPS values"}], "officials": [{"name": "Martin Jones", "role": "Chief Inspector of Probation", "org": "HM Inspectorate of Probation", "honours": "CBE"}], "people_not_officials": [], "dates": [{"kind": "published", "value": "2024-05-10"}, {"kind": "fieldwork", "value": "2024-02"}], "themes": [{"theme": "partnerships", "polarity": "strength"}, {"theme": "education_employment", "polarity": "strength"}, {"theme": "training_development", "polarity": "strength"}, {"theme": "staffing", "polarity": "strength"}, {"theme": "leadership_governance", "polarity": "concern"}, {"theme": "desistance", "polarity": "strength"}, {"theme": "out_of_court_disposals", "polarity": "strength"}, {"theme": "risk_and_safety", "polarity": "concern"}, {"theme": "victims", "polarity": "concern"}, {"theme": "voice_of_service_users", "polarity": "strength"}, {"theme": "diversity_inclusion", "polarity": "strength"}, {"theme": "resettlement", "polarity": "concern"}]}"#;

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
        let path = dir.path().join(name);
        if let Err(e) = std::fs::write(&path, text) {
            panic!("writing {}: {e}", path.display());
        }
        path
    }

    fn tempdir() -> tempfile::TempDir {
        match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("tempdir: {e}"),
        }
    }

    #[test]
    fn load_gold_reads_the_seed_line_with_bom_crlf_and_blank_lines() {
        let dir = tempdir();
        let path = write(&dir, "gold.jsonl", &format!("\u{feff}{SEED_LINE}\r\n\r\n"));
        let gold = match load_gold(&path) {
            Ok(g) => g,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].file, "000_60cd146d0c9dfd47.txt");
        assert_eq!(gold[0].quotes.len(), 2);
        assert_eq!(gold[0].officials[0].honours.as_deref(), Some("CBE"));
        assert_eq!(gold[0].byline, None);
    }

    #[test]
    fn load_gold_names_file_and_line_of_every_bad_line() {
        let dir = tempdir();
        let no_title = SEED_LINE.replace(
            r#""title": "Redbridge Youth Justice and Targeted Prevention Service ‘Requires improvement’", "#,
            "",
        );
        let null_title = SEED_LINE.replace(
            r#""title": "Redbridge Youth Justice and Targeted Prevention Service ‘Requires improvement’""#,
            r#""title": null"#,
        );
        let null_title = null_title.replace("000_60cd146d0c9dfd47.txt", "other.txt");
        let bad_kind = SEED_LINE
            .replace("000_60cd146d0c9dfd47.txt", "third.txt")
            .replacen(r#""kind": "person""#, r#""kind": "persn""#, 1);
        let text = format!(
            "{SEED_LINE}\n{null_title}\n{no_title}\n{{\"file\": \n{SEED_LINE}\n{bad_kind}\n"
        );
        let path = write(&dir, "gold.jsonl", &text);
        let err = match load_gold(&path) {
            Ok(_) => panic!("bad gold loaded"),
            Err(e) => e,
        };
        let EvalError::Lines(lines) = &err else {
            panic!("expected line errors, got {err}");
        };
        let shown: Vec<String> = lines
            .iter()
            .map(|e| format!("{}: {}", e.line, e.message))
            .collect();
        assert_eq!(lines.len(), 4, "{shown:?}");
        assert_eq!(lines[0].line, 3);
        assert_eq!(lines[0].message, "missing field `title`");
        assert_eq!(
            lines[0].to_string(),
            format!("{}:3: missing field `title`", path.display())
        );
        assert_eq!(lines[1].line, 4);
        assert!(lines[1].message.contains("EOF"), "{}", lines[1].message);
        assert_eq!(lines[2].line, 5);
        assert!(lines[2]
            .message
            .contains("annotated twice (first on line 1)"));
        assert_eq!(lines[3].line, 6);
        assert!(lines[3]
            .message
            .starts_with("quotes[0].kind: expected one of"));
        assert!(err
            .to_string()
            .contains("gold.jsonl:3: missing field `title`"));
        // A missing file names itself.
        let missing = dir.path().join("none.jsonl");
        let err = load_gold(&missing)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with(&missing.display().to_string()), "{err}");
    }

    #[test]
    fn load_records_round_trips_and_names_bad_lines() {
        let dir = tempdir();
        let line = serde_json::to_string(&seed_record()).unwrap_or_default();
        let path = write(&dir, "records.jsonl", &format!("{line}\n\n{line}\n"));
        match load_records(&path) {
            Ok(rs) => assert_eq!(rs, [seed_record(), seed_record()]),
            Err(e) => panic!("{e}"),
        }
        let path = write(
            &dir,
            "records.jsonl",
            &format!("{line}\n{{\"id\": \"x\"}}\n"),
        );
        let err = load_records(&path)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("records.jsonl:2: missing field"), "{err}");
    }

    // --- the seed article --------------------------------------------------------------

    /// A record that gets line 1 of `seeds/gold.jsonl` exactly right.
    fn seed_record() -> Record {
        let jones = Speaker {
            name: Some("Martin Jones".into()),
            role: Some("Chief Inspector of Probation".into()),
            org: Some("HM Inspectorate of Probation".into()),
            kind: "person".into(),
        };
        let mut r = record("000_60cd146d0c9dfd47.txt");
        r.doc_type = "press_release".into();
        r.title = Some(
            "Redbridge Youth Justice and Targeted Prevention Service \u{2018}Requires improvement\u{2019}"
                .into(),
        );
        r.publisher = Some("HM Inspectorate of Probation".into());
        r.published = Some("2024-05-10".into());
        r.inspectorate = Some(InspectorateRef {
            name: "HM Inspectorate of Probation".into(),
            acronym: Some("HMI Probation".into()),
            span: Some(span()),
            rule: "test".into(),
        });
        r.services = vec![r_service(
            "Redbridge Youth Justice and Targeted Prevention Service",
            Some("YJTPS"),
            Some("Redbridge"),
        )];
        r.ratings = vec![
            rating("overall", "Requires improvement", false),
            rating(
                "resettlement policy and provision",
                "Requires improvement",
                false,
            ),
        ];
        r.quotes = vec![
            // The rating in scare quotes: too short to count either way.
            r_quote("Requires improvement", None),
            Quote {
                speaker: Some(jones.clone()),
                ..r_quote(
                    "Redbridge YJTPS has many of the components needed to deliver high-quality youth justice services, and staff and volunteers are highly motivated, passionate and dedicated to improving outcomes for children. However, the Service needs to focus on immediate improvement to ensure all current and new risks to and from children are identified and appropriately responded to.",
                    None,
                )
            },
            Quote {
                speaker: Some(jones),
                cue: Some("added".into()),
                ..r_quote(
                    "It is evident Redbridge YJTPS values the voices of children and families, there is strong strategic commitment to addressing disproportionality across the partnership and, in terms of casework, we saw some examples of high-quality, culturally sensitive approaches. However, the offer for victims also needs to be strengthened and mechanisms need to be developed to ensure victims\u{2019} views are heard and responded to strategically.",
                    None,
                )
            },
        ];
        r.officials = vec![Official {
            honours: Some("CBE".into()),
            quoted: true,
            org: Some("HM Inspectorate of Probation".into()),
            ..r_official("Martin Jones", Some("Chief Inspector of Probation"))
        }];
        r.dates = vec![
            r_date("published", "2024-05-10"),
            r_date("fieldwork", "2024-02"),
            r_date("other", "2024-05-10"),
        ];
        r.themes = [
            ("partnerships", "strength"),
            ("education_employment", "strength"),
            ("training_development", "strength"),
            ("staffing", "strength"),
            ("leadership_governance", "concern"),
            ("desistance", "strength"),
            ("out_of_court_disposals", "strength"),
            ("risk_and_safety", "concern"),
            ("victims", "concern"),
            ("voice_of_service_users", "strength"),
            ("diversity_inclusion", "strength"),
            ("resettlement", "concern"),
        ]
        .iter()
        .map(|(id, polarity)| r_theme(id, polarity))
        .collect();
        r
    }

    #[test]
    fn seed_article_scores_perfectly_and_a_dropped_quote_lowers_recall() {
        let gold: Gold = match serde_json::from_str(SEED_LINE) {
            Ok(g) => g,
            Err(e) => panic!("seed line: {e}"),
        };
        let mut rec = seed_record();
        let rep = score(std::slice::from_ref(&gold), std::slice::from_ref(&rec));
        for f in &rep.fields {
            assert_eq!(f.score(), 1.0, "{}: {f:?}", f.name);
        }
        assert_eq!(prf(&rep, "quotes"), (2, 0, 0));
        assert_eq!(prf(&rep, "themes"), (12, 0, 0));
        assert_eq!(prf(&rep, "dates"), (2, 0, 0));
        assert_eq!(acc(&rep, "official_roles"), (1, 1));
        assert!(
            rep.articles[0].misses.is_empty(),
            "{:?}",
            rep.articles[0].misses
        );

        rec.quotes.pop();
        let rep = score(&[gold], &[rec]);
        let quotes = field(&rep, "quotes");
        assert_eq!(quotes.recall, Some(0.5));
        assert_eq!(quotes.precision, Some(1.0));
        assert_eq!(
            messages(&rep, "quotes"),
            ["missing: \"It is evident Redbridge YJTPS values\" (\"Martin Jones\", person)"]
        );
    }

    #[test]
    fn render_shows_a_table_and_misses_only_when_verbose() {
        let mut g = gold("a.txt");
        g.title = Some("Expected".into());
        g.themes = vec![g_theme("victims", "concern")];
        let mut r = record("a.txt");
        r.title = Some("Got".into());
        r.themes = vec![r_theme("policing", "mixed")];
        let rep = one(g, r);
        let quiet = rep.render(false);
        let loud = rep.render(true);
        assert!(quiet.starts_with("gold articles: 1, matched records: 1"));
        assert!(quiet.contains("counts"));
        assert!(quiet.contains("quote_text*"));
        let title_line = quiet
            .lines()
            .find(|l| l.starts_with("title "))
            .unwrap_or("");
        assert!(
            title_line.contains("0.000") && title_line.ends_with("0/1"),
            "{title_line}"
        );
        let themes_line = quiet
            .lines()
            .find(|l| l.starts_with("themes "))
            .unwrap_or("");
        assert!(themes_line.ends_with("tp 0 fp 1 fn 1"), "{themes_line}");
        // Columns line up: every table row has its counts at the same offset.
        let header = quiet.lines().find(|l| l.starts_with("field")).unwrap_or("");
        let at = header.find("counts").unwrap_or(0);
        assert_eq!(title_line.find("0/1"), Some(at));
        assert!(!quiet.contains("wrong: expected"));
        assert!(loud.contains("title: wrong: expected \"Expected\", got \"Got\""));
        assert!(loud.contains("themes: missing: victims (concern)"));
        assert!(loud.contains("themes: unexpected: policing (mixed)"));
    }
}
