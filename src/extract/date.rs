//! Dates: `[[date]]` rules find a date in a context (`kind` = published,
//! fieldwork, other); this module reads the date itself into `YYYY-MM-DD` or
//! `YYYY-MM`.

use super::Ctx;
use crate::matcher::RegexHit;
use crate::record::DateValue;
use crate::rules::Family;
use crate::span::NormSpan;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_of(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .zip(full.iter())
        .position(|(a, f)| f.starts_with(&w) && w.starts_with(a) || w == "sept" && *a == "sep")
        .map(|i| i as u32 + 1)
}

/// A date's parts as read from text; any may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

/// Read the parts of a date written in any of the usual ways.
fn parts_of(s: &str) -> Parts {
    let t = s.trim();
    let nums: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|x| !x.is_empty())
        .collect();
    let has_alpha = t.chars().any(|c| c.is_alphabetic());
    if !has_alpha && nums.len() >= 3 {
        let (a, b, c) = (nums[0], nums[1], nums[2]);
        let (y, m, d) = if a.len() == 4 {
            (a, b, c)
        } else if c.len() == 4 {
            (c, b, a)
        } else {
            return Parts::default();
        };
        return Parts {
            year: y.parse().ok(),
            month: m.parse().ok(),
            day: d.parse().ok(),
        };
    }
    let mut p = Parts::default();
    for w in t.split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '-' || c == '/') {
        if w.is_empty() {
            continue;
        }
        let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() {
            let rest = &w[digits.len()..];
            if digits.len() == 4 && rest.is_empty() {
                p.year = digits.parse::<i32>().ok();
            } else if digits.len() <= 2
                && (rest.is_empty() || ["st", "nd", "rd", "th"].contains(&rest))
                && p.day.is_none()
                && p.year.is_none()
            {
                p.day = digits.parse::<u32>().ok();
            }
        } else if let Some(m) = month_of(w) {
            p.month.get_or_insert(m);
        }
    }
    p
}

/// Read a date written in any of the usual ways; `None` without a year.
pub fn parse_date(s: &str) -> Option<String> {
    let p = parts_of(s);
    fmt(p.year?, p.month?, p.day)
}

fn fmt(y: i32, m: u32, d: Option<u32>) -> Option<String> {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    match d {
        Some(d) if (1..=31).contains(&d) => Some(format!("{y:04}-{m:02}-{d:02}")),
        Some(_) => None,
        None => Some(format!("{y:04}-{m:02}")),
    }
}

/// One side of a hit (the date, or the end of a range): its parts, read from
/// the whole-date group `whole` or from the part groups `names`, and the span
/// they were read from.
fn side(ctx: &Ctx, hit: &RegexHit, whole: &str, names: [&str; 3]) -> Option<(Parts, NormSpan)> {
    if let Some(g) = ctx.group(hit, whole) {
        return Some((parts_of(ctx.norm_str(g)), g));
    }
    let groups: Vec<NormSpan> = names.iter().filter_map(|n| ctx.group(hit, n)).collect();
    let span = groups
        .iter()
        .copied()
        .reduce(|a, g| NormSpan::new(a.start.min(g.start), a.end.max(g.end)))?;
    let text: Vec<&str> = groups.iter().map(|g| ctx.norm_str(*g)).collect();
    Some((parts_of(&text.join(" ")), span))
}

/// A date a rule found, with what orders it.
struct Found {
    priority: u32,
    pos: usize,
    /// Which hit it came from: a range gives two dates from one hit.
    hit: usize,
    kind: String,
    value: String,
    span: NormSpan,
    rule: String,
}

/// Every dated statement the rules find, best published and fieldwork first.
///
/// A rule may read a range: groups `end` (or `end_day`, `end_month`,
/// `end_year`) hold its last day, and each side takes the month and year it
/// lacks from the other ('5 and 16 February 2024', 'from March 1 to 4 2022').
/// A date with no year gives nothing. For published and fieldwork only the
/// best hit's dates are kept.
pub fn extract(ctx: &Ctx) -> Vec<DateValue> {
    let mut found: Vec<Found> = Vec::new();
    for (n, (hit, rule)) in ctx.hits(Family::Date).enumerate() {
        if !ctx.applies(hit, rule) {
            continue;
        }
        let kind = rule.def.kind.clone().unwrap_or_else(|| "other".into());
        let Some((mut start, mut sspan)) = side(ctx, hit, "date", ["day", "month", "year"]) else {
            continue;
        };
        let mut sides = Vec::with_capacity(2);
        if let Some((mut end, mut espan)) =
            side(ctx, hit, "end", ["end_day", "end_month", "end_year"])
        {
            // A side that borrows a part points at both sides' text.
            let both = NormSpan::new(sspan.start.min(espan.start), sspan.end.max(espan.end));
            if start.month.is_none() || start.year.is_none() {
                sspan = both;
            }
            if end.month.is_none() || end.year.is_none() {
                espan = both;
            }
            start.month = start.month.or(end.month);
            start.year = start.year.or(end.year);
            end.month = end.month.or(start.month);
            end.year = end.year.or(start.year);
            sides.push((start, sspan));
            sides.push((end, espan));
        } else {
            sides.push((start, sspan));
        }
        for (parts, span) in sides {
            let Some(value) = fmt_parts(parts) else {
                continue;
            };
            found.push(Found {
                priority: rule.def.priority,
                pos: sspan.start,
                hit: n,
                kind: kind.clone(),
                value,
                span,
                rule: rule.info.id.clone(),
            });
        }
    }
    // Stable: a range's start stays before its end.
    found.sort_by_key(|f| (f.priority, f.pos));
    let mut out: Vec<(usize, DateValue)> = Vec::new();
    for f in found {
        let d = DateValue {
            kind: f.kind,
            value: f.value,
            span: ctx.span(f.span),
            rule: f.rule,
        };
        let dup = out.iter().any(|(h, o)| {
            o.kind == d.kind && (d.kind != "other" && *h != f.hit || o.value == d.value)
                || (o.value == d.value && o.span == d.span)
                // The last day of a span another rule read ('14 and 15
                // January 2025') is part of that date.
                || (d.kind == "other" && o.span.start <= d.span.start && d.span.end <= o.span.end)
        });
        if !dup {
            out.push((f.hit, d));
        }
    }
    out.into_iter().map(|(_, d)| d).collect()
}

fn fmt_parts(p: Parts) -> Option<String> {
    fmt(p.year?, p.month?, p.day)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn reads_the_usual_forms() {
        assert_eq!(parse_date("10 May 2024").as_deref(), Some("2024-05-10"));
        assert_eq!(
            parse_date("Friday, 19 February 2016").as_deref(),
            Some("2016-02-19")
        );
        assert_eq!(parse_date("February 2024").as_deref(), Some("2024-02"));
        assert_eq!(parse_date("16/05/2018").as_deref(), Some("2018-05-16"));
        assert_eq!(parse_date("2022-12-16").as_deref(), Some("2022-12-16"));
        assert_eq!(parse_date("24th May").as_deref(), None);
        assert_eq!(parse_date("Sept 3rd 2023").as_deref(), Some("2023-09-03"));
    }
}
