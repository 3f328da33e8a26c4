//! The P/R/F1 fields: services, area ratings, quotes, officials, dates and
//! themes, each list paired one to one with the gold list.

use super::{
    fields::F,
    matching::Pairing,
    normalise::{is_overall, loose_eq, loose_match, name_eq, norm_name, norm_text, opt_name},
    quotes::{
        gold_quotes, quote_text_pref, record_quotes, show_gold_quote, show_rec_quote, speaker_ok,
    },
    score::{add_counts, show, Tally},
    Gold, MissKind,
};
use crate::record::Record;

fn show_service(name: &str, acronym: Option<&str>, locality: Option<&str>) -> String {
    format!(
        "{} (acronym {}, locality {})",
        show(Some(name)),
        show(acronym),
        show(locality)
    )
}

/// The P/R/F1 fields (and their diagnostics); with no record, against empty lists.
pub(super) fn score_lists(t: &mut Tally, g: &Gold, rec: Option<&Record>) {
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

#[cfg(test)]
mod tests {
    use crate::eval::test_support::*;
    use crate::eval::{GoldAreaRating, GoldDate};

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
}
