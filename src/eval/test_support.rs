//! Builders of gold lines and records, and readers of a report, shared by the
//! unit tests of the scoring modules.

use super::*;
use crate::record::{
    DateValue, Evidence, InspectorateRef, Official, Quote, Rating, Record, Service, Source,
    Speaker, Theme,
};
use crate::span::Span;

pub(super) fn gold(file: &str) -> Gold {
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

pub(super) fn record(path: &str) -> Record {
    let source = Source {
        path: path.into(),
        line: None,
        sha256: String::new(),
        bytes: 0,
        encoding: None,
    };
    Record {
        doc_type: "news".into(),
        ..Record::empty(path.into(), source, vec![])
    }
}

pub(super) fn span() -> Span {
    Span::new(0, 0)
}

pub(super) fn g_service(name: &str, acronym: Option<&str>, locality: Option<&str>) -> GoldService {
    GoldService {
        name: name.into(),
        acronym: acronym.map(Into::into),
        locality: locality.map(Into::into),
    }
}

pub(super) fn r_service(name: &str, acronym: Option<&str>, locality: Option<&str>) -> Service {
    Service {
        name: name.into(),
        acronym: acronym.map(Into::into),
        locality: locality.map(Into::into),
        kind: None,
        spans: vec![span()],
        rule: "test".into(),
    }
}

pub(super) fn rating(scope: &str, value: &str, implied: bool) -> Rating {
    Rating {
        scope: scope.into(),
        value: value.into(),
        scale: "four_point".into(),
        implied,
        span: span(),
        rule: "test".into(),
    }
}

pub(super) fn g_quote(speaker: Option<&str>, kind: &str, first_words: &str) -> GoldQuote {
    GoldQuote {
        speaker: speaker.map(Into::into),
        kind: Some(kind.into()),
        role: None,
        org: None,
        first_words: first_words.into(),
    }
}

/// A record quote; `speaker` is (name, kind), `None` for unattributed.
pub(super) fn r_quote(text: &str, speaker: Option<(Option<&str>, &str)>) -> Quote {
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

pub(super) fn g_official(name: &str, role: Option<&str>) -> GoldOfficial {
    GoldOfficial {
        name: name.into(),
        role: role.map(Into::into),
        org: None,
        honours: None,
    }
}

pub(super) fn r_official(name: &str, role: Option<&str>) -> Official {
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

pub(super) fn r_date(kind: &str, value: &str) -> DateValue {
    DateValue {
        kind: kind.into(),
        value: value.into(),
        span: span(),
        rule: "test".into(),
    }
}

pub(super) fn g_theme(theme: &str, polarity: &str) -> GoldTheme {
    GoldTheme {
        theme: theme.into(),
        polarity: polarity.into(),
    }
}

pub(super) fn r_theme(id: &str, polarity: &str) -> Theme {
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

pub(super) fn one(g: Gold, r: Record) -> Report {
    score(&[g], &[r])
}

pub(super) fn field<'a>(rep: &'a Report, name: &str) -> &'a FieldScore {
    match rep.field(name) {
        Some(f) => f,
        None => panic!("no field {name}"),
    }
}

/// (correct, total) of an accuracy field.
pub(super) fn acc(rep: &Report, name: &str) -> (usize, usize) {
    let f = field(rep, name);
    assert_eq!(f.kind, FieldKind::Accuracy, "{name}");
    (f.correct, f.total)
}

/// (tp, fp, fn) of an F1 field.
pub(super) fn prf(rep: &Report, name: &str) -> (usize, usize, usize) {
    let f = field(rep, name);
    assert_eq!(f.kind, FieldKind::F1, "{name}");
    (f.tp, f.fp, f.fn_)
}

pub(super) fn messages(rep: &Report, name: &str) -> Vec<String> {
    rep.articles
        .iter()
        .flat_map(|a| a.misses.iter())
        .filter(|m| m.field == name)
        .map(|m| m.message.clone())
        .collect()
}

pub(super) const SEED_LINE: &str = r#"{"file": "000_60cd146d0c9dfd47.txt", "title": "Redbridge Youth Justice and Targeted Prevention Service ‘Requires improvement’", "doc_type": "press_release", "publisher": "HM Inspectorate of Probation", "byline": null, "published": "2024-05-10", "inspectorate": "HM Inspectorate of Probation", "services": [{"name": "Redbridge Youth Justice and Targeted Prevention Service", "acronym": "YJTPS", "locality": "Redbridge"}], "overall_rating": "Requires improvement", "overall_rating_implied": false, "area_ratings": [{"area": "resettlement policy and provision", "rating": "Requires improvement"}], "quotes": [{"speaker": "Martin Jones", "kind": "person", "role": "Chief Inspector of Probation", "org": "HM Inspectorate of Probation", "first_words": "Redbridge YJTPS has many of the"}, {"speaker": "Martin Jones", "kind": "person", "role": "Chief Inspector of Probation", "org": "HM Inspectorate of Probation", "first_words": "It is evident Redbridge YJTPS values"}], "officials": [{"name": "Martin Jones", "role": "Chief Inspector of Probation", "org": "HM Inspectorate of Probation", "honours": "CBE"}], "people_not_officials": [], "dates": [{"kind": "published", "value": "2024-05-10"}, {"kind": "fieldwork", "value": "2024-02"}], "themes": [{"theme": "partnerships", "polarity": "strength"}, {"theme": "education_employment", "polarity": "strength"}, {"theme": "training_development", "polarity": "strength"}, {"theme": "staffing", "polarity": "strength"}, {"theme": "leadership_governance", "polarity": "concern"}, {"theme": "desistance", "polarity": "strength"}, {"theme": "out_of_court_disposals", "polarity": "strength"}, {"theme": "risk_and_safety", "polarity": "concern"}, {"theme": "victims", "polarity": "concern"}, {"theme": "voice_of_service_users", "polarity": "strength"}, {"theme": "diversity_inclusion", "polarity": "strength"}, {"theme": "resettlement", "polarity": "concern"}]}"#;

/// A record that gets line 1 of `seeds/gold.jsonl` exactly right.
pub(super) fn seed_record() -> Record {
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
