//! Scoring: gold articles matched to records, one [`Tally`] of counts and
//! misses per article, summed into a [`Report`].

use super::{
    fields::{field_score, Counts, F, N_FIELDS},
    lists::score_lists,
    matching::Pairing,
    scalars::score_scalars,
    ArticleReport, Gold, Miss, MissKind, Report,
};
use crate::record::Record;
use std::collections::HashMap;

/// Quotes a value for a miss message; `null` for none.
pub(super) fn show(v: Option<&str>) -> String {
    match v {
        Some(s) => format!("{s:?}"),
        None => "null".to_string(),
    }
}

/// At most `max` characters of `s`, with `...` when cut.
pub(super) fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

/// One article's counts and misses.
pub(super) struct Tally {
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
    pub(super) fn new(list_misses: bool) -> Self {
        Tally {
            counts: [Counts::default(); N_FIELDS],
            misses: Vec::new(),
            credited: Vec::new(),
            last_correct: false,
            list_misses,
        }
    }

    pub(super) fn miss(&mut self, f: F, kind: MissKind, detail: String) {
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
    pub(super) fn attribute(&mut self, f: F, rule: Option<&str>) {
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

    pub(super) fn judge(&mut self, f: F, correct: bool) {
        let c = &mut self.counts[f as usize];
        c.total += 1;
        if correct {
            c.correct += 1;
        }
        self.last_correct = correct;
    }

    /// Scores a nullable scalar: null == null is correct, `eq` compares two values.
    pub(super) fn scalar(
        &mut self,
        f: F,
        gold: Option<&str>,
        got: Option<&str>,
        eq: fn(&str, &str) -> bool,
    ) {
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

    pub(super) fn scalar_miss(&mut self, f: F, gold: Option<&str>, got: Option<&str>) {
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
    pub(super) fn pairing(
        &mut self,
        f: F,
        p: &Pairing,
        show_gold: impl Fn(usize) -> String,
        show_rec: impl Fn(usize) -> String,
        rule_rec: impl Fn(usize) -> String,
    ) {
        add_counts(self, f, p);
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

/// Adds a pairing's counts without listing its misses.
pub(super) fn add_counts(t: &mut Tally, f: F, p: &Pairing) {
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
        linking: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::test_support::*;

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
}
