//! Quotes ready for matching: gold quotes by their first words and speaker,
//! record quotes with repeats counted once.

use super::{
    normalise::{norm_quote, opt_name, word_count, MIN_QUOTE_WORDS},
    score::{clip, show},
    Gold, GoldQuote,
};
use crate::record::Quote;
use std::collections::{HashMap, HashSet};

/// A gold quote ready for matching.
pub(super) struct GoldQ<'a> {
    text: String,
    speaker: Option<String>,
    /// `None` for an unattributed quote whose gold line gives no kind.
    kind: Option<&'a str>,
    raw: &'a GoldQuote,
}

/// Record quotes with the same normalised text, counted once.
pub(super) struct RecQ<'a> {
    pub(super) text: String,
    /// (normalised speaker name, speaker kind) of each quote in the group; kind is
    /// `None` for an unattributed quote.
    pub(super) speakers: Vec<(Option<String>, Option<&'a str>)>,
    pub(super) first: &'a Quote,
}

pub(super) fn gold_quotes(g: &Gold) -> Vec<GoldQ<'_>> {
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

pub(super) fn record_quotes(quotes: &[Quote]) -> Vec<RecQ<'_>> {
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
pub(super) fn quote_text_pref(g: &GoldQ<'_>, r: &RecQ<'_>) -> Option<u32> {
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
pub(super) fn speaker_ok(g: &GoldQ<'_>, speaker: &(Option<String>, Option<&str>)) -> bool {
    g.speaker == speaker.0
        && match (g.kind, speaker.1) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

pub(super) fn show_gold_quote(q: &GoldQ<'_>) -> String {
    format!(
        "{} ({}, {})",
        show(Some(&q.raw.first_words)),
        show(q.raw.speaker.as_deref()),
        q.raw.kind.as_deref().unwrap_or("unattributed")
    )
}

pub(super) fn show_rec_quote(q: &RecQ<'_>) -> String {
    let (name, kind) = match &q.first.speaker {
        Some(s) => (show(s.name.as_deref()), s.kind.as_str()),
        None => ("null".to_string(), "unattributed"),
    };
    format!("{} ({name}, {kind})", show(Some(&clip(&q.first.text, 60))))
}

#[cfg(test)]
mod tests {
    use crate::eval::test_support::*;
    use crate::eval::{load_gold, score};
    use crate::record::Speaker;

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
}
