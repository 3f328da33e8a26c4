//! The accuracy fields of a matched article: title, document type, publisher,
//! byline, date, inspectorate, overall rating, people who are not officials.

use super::{
    fields::F,
    normalise::{is_overall, name_eq, norm_name, norm_text},
    score::{show, Tally},
    Gold, MissKind,
};
use crate::record::Record;
use std::collections::HashSet;

/// The accuracy fields of a matched article.
pub(super) fn score_scalars(t: &mut Tally, g: &Gold, r: &Record) {
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

#[cfg(test)]
mod tests {
    use crate::eval::test_support::*;
    use crate::record::InspectorateRef;

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
}
