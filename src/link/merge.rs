//! One group of records -> one [`Inspection`]: the service as the sources name
//! it, the ratings most of them give, and every field where they disagree.
//!
//! Only sources that report this inspection alone vote (a round-up's ratings
//! may be another service's), unless no such source gives a rating. Each voting
//! source counts once; a tie goes to the value an inspectorate's release
//! (`press_release`) gives, then to the earliest source's.

use super::group::Group;
use super::key::fold;
use super::rules::LinkRules;
use super::{
    AreaRating, Conflict, ConflictValue, InspectedService, Inspection, LinkRecord, SourceEntry,
};
use std::collections::BTreeMap;

/// Lower-case letters and digits, runs of anything else one `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A date as `YYYY-MM-DD` from days since 1970-01-01.
fn date_of(days: i64) -> String {
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The values given and the sources behind each, most-given first, then the
/// one a release gives, then the earliest source's, then by value.
fn tally(votes: &[(String, usize)], sources: &[SourceEntry]) -> Vec<ConflictValue> {
    let mut by: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (v, s) in votes {
        let e = by.entry(v.as_str()).or_default();
        if !e.contains(s) {
            e.push(*s);
        }
    }
    let mut vals: Vec<(&str, Vec<usize>)> = by.into_iter().collect();
    let release = |ss: &[usize]| ss.iter().any(|&s| sources[s].doc_type == "press_release");
    vals.sort_by(|a, b| {
        b.1.len()
            .cmp(&a.1.len())
            .then_with(|| release(&b.1).cmp(&release(&a.1)))
            .then_with(|| a.1.iter().min().cmp(&b.1.iter().min()))
            .then_with(|| a.0.cmp(b.0))
    });
    vals.into_iter()
        .map(|(v, ss)| ConflictValue {
            value: v.to_string(),
            sources: ss.iter().map(|&s| sources[s].record.clone()).collect(),
        })
        .collect()
}

/// The inspection a group of records reports.
pub fn inspection(g: &Group, records: &[LinkRecord], rules: &LinkRules) -> Inspection {
    let recs: Vec<(&LinkRecord, &str, usize)> = g
        .members
        .iter()
        .zip(&g.reports)
        .map(|((i, how), n)| (&records[*i], *how, *n))
        .collect();
    let mut sources: Vec<SourceEntry> = recs
        .iter()
        .map(|(r, how, n)| SourceEntry {
            record: r.id.clone(),
            path: r.path.clone(),
            title: r.title.clone(),
            doc_type: r.doc_type.clone(),
            publisher: r.publisher.clone(),
            published: r.published.clone(),
            reports: (*n > 1).then_some(*n),
            linked_by: how.to_string(),
            ratings: r.ratings.clone(),
            quotes: r.quotes.clone(),
        })
        .collect();
    // Date order (undated last), then record id.
    sources.sort_by(|a, b| {
        (a.published.is_none(), &a.published, &a.record).cmp(&(
            b.published.is_none(),
            &b.published,
            &b.record,
        ))
    });
    let first = &recs[0].0;
    // The first source (in date order) naming an inspectorate names it (a
    // source may name none and be linked by its service); else the key's.
    let inspectorate = recs
        .iter()
        .filter_map(|(r, _, _)| {
            r.inspectorate
                .as_ref()
                .map(|i| ((r.published.is_none(), &r.published, &r.id), i))
        })
        .min_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, i)| i.clone())
        .or_else(|| g.key.as_ref().map(|k| k.inspectorate.clone()))
        .unwrap_or_default();

    // The service: the fullest name among the services of this key.
    let mut names: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
    for (r, _, _) in &recs {
        for s in &r.services {
            let same = match &g.key {
                Some(k) => {
                    super::key::service_key(r, s, rules).is_some_and(|x| x == *k)
                        || (super::key::is_acronym(&s.name) && r.services.len() == 1)
                }
                None => true,
            };
            if same {
                names.push((&s.name, s.kind.as_deref(), s.locality.as_deref()));
            }
        }
    }
    let service = if names.is_empty() {
        None
    } else {
        let name = names
            .iter()
            .map(|n| n.0)
            .max_by(|a, b| a.len().cmp(&b.len()).then_with(|| b.cmp(a)))
            .unwrap_or_default();
        let most = |vals: Vec<&str>| -> Option<String> {
            let mut c: BTreeMap<&str, usize> = BTreeMap::new();
            for v in vals {
                *c.entry(v).or_default() += 1;
            }
            c.into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(v, _)| v.to_string())
        };
        Some(InspectedService {
            name: name.to_string(),
            kind: most(names.iter().filter_map(|n| n.1).collect()),
            locality: most(names.iter().filter_map(|n| n.2).collect()),
        })
    };

    // Votes: sources reporting this inspection alone, else all.
    let alone: Vec<usize> = (0..sources.len())
        .filter(|&s| sources[s].reports.is_none())
        .collect();
    let voters: Vec<usize> = if alone.iter().any(|&s| !sources[s].ratings.is_empty()) {
        alone
    } else {
        (0..sources.len()).collect()
    };
    let mut overall_votes = Vec::new();
    let mut area_votes: BTreeMap<String, (String, Vec<(String, usize)>)> = BTreeMap::new();
    for &s in &voters {
        let mut seen_overall = false;
        for r in &sources[s].ratings {
            if r.scope == "overall" {
                if !seen_overall {
                    overall_votes.push((r.value.clone(), s));
                    seen_overall = true;
                }
            } else {
                let e = area_votes
                    .entry(fold(&r.scope))
                    .or_insert_with(|| (r.scope.clone(), Vec::new()));
                if !e.1.iter().any(|(_, x)| *x == s) {
                    e.1.push((r.value.clone(), s));
                }
            }
        }
    }
    let mut conflicts = Vec::new();
    let overall_t = tally(&overall_votes, &sources);
    let overall = overall_t.first().map(|v| v.value.clone());
    if overall_t.len() > 1 {
        conflicts.push(Conflict {
            field: "overall".into(),
            values: overall_t,
        });
    }
    let mut areas = Vec::new();
    for (_, (area, votes)) in area_votes {
        let t = tally(&votes, &sources);
        if let Some(v) = t.first() {
            areas.push(AreaRating {
                area: area.clone(),
                value: v.value.clone(),
            });
        }
        if t.len() > 1 {
            conflicts.push(Conflict {
                field: format!("areas.{area}"),
                values: t,
            });
        }
    }
    let published = sources.iter().filter_map(|s| s.published.clone()).min();
    let mut fieldwork: Vec<String> = recs
        .iter()
        .flat_map(|(r, _, _)| r.fieldwork.iter().cloned())
        .collect();
    fieldwork.sort();
    fieldwork.dedup();

    let when = g.first_day.map(date_of).unwrap_or_else(|| "undated".into());
    let id = match &g.key {
        Some(k) => format!(
            "{}/{}/{}/{}",
            slug(&k.inspectorate),
            if k.class.is_empty() {
                "service".to_string()
            } else {
                slug(&k.class)
            },
            slug(&k.identity),
            when
        ),
        None => format!("{}/record/{}", slug(&inspectorate), slug(&first.id)),
    };
    Inspection {
        id,
        inspectorate,
        service,
        overall,
        areas,
        published,
        fieldwork,
        sources,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_dates() {
        assert_eq!(
            slug("HM Inspectorate of Probation"),
            "hm-inspectorate-of-probation"
        );
        assert_eq!(slug("children's services"), "children-s-services");
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(
            super::super::group::day("2024-02-29")
                .map(date_of)
                .as_deref(),
            Some("2024-02-29")
        );
    }
}
