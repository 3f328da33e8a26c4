//! The report's types ([`Report`], [`FieldScore`], [`Miss`]) and the fixed list
//! of scored fields, with the arithmetic of accuracy and P/R/F1.

use serde::{Deserialize, Serialize};

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
    /// Pairwise scores of the links (`inspections.jsonl` beside the records
    /// against the gold groups), when both are there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linking: Option<super::linking::LinkScore>,
}

/// The scored fields; the discriminant is the index into [`FIELDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum F {
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

pub(super) const N_FIELDS: usize = 19;

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
    pub(super) fn name(self) -> &'static str {
        FIELDS[self as usize].0
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Counts {
    pub(super) tp: usize,
    pub(super) fp: usize,
    pub(super) fn_: usize,
    pub(super) correct: usize,
    pub(super) total: usize,
}

/// A share, 1.0 when there is nothing to share.
pub(super) fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// The harmonic mean of a precision and a recall, 0.0 when both are 0.
pub(super) fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

pub(super) fn field_score(field: usize, c: Counts) -> FieldScore {
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
            s.f1 = Some(f1(p, r));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::score;
    use crate::eval::test_support::*;

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
}
