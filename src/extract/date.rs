//! Dates: `[[date]]` rules find a date in a context (`kind` = published,
//! fieldwork, other); this module reads the date itself into `YYYY-MM-DD` or
//! `YYYY-MM`.

use super::Ctx;
use crate::record::DateValue;
use crate::rules::Family;

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

/// Read a date written in any of the usual ways; `None` without a year.
pub fn parse_date(s: &str) -> Option<String> {
    let t = s.trim();
    // ISO and numeric forms.
    let nums: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|x| !x.is_empty())
        .collect();
    let has_alpha = t.chars().any(|c| c.is_alphabetic());
    if !has_alpha && nums.len() >= 3 {
        let (a, b, c) = (nums[0], nums[1], nums[2]);
        if a.len() == 4 {
            return fmt(a.parse().ok()?, b.parse().ok()?, Some(c.parse().ok()?));
        }
        if c.len() == 4 {
            return fmt(c.parse().ok()?, b.parse().ok()?, Some(a.parse().ok()?));
        }
        return None;
    }
    let mut day = None;
    let mut month = None;
    let mut year = None;
    for w in t.split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '-' || c == '/') {
        if w.is_empty() {
            continue;
        }
        let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() {
            let rest = &w[digits.len()..];
            if digits.len() == 4 && rest.is_empty() {
                year = digits.parse::<i32>().ok();
            } else if digits.len() <= 2
                && (rest.is_empty() || ["st", "nd", "rd", "th"].contains(&rest))
                && day.is_none()
                && year.is_none()
            {
                day = digits.parse::<u32>().ok();
            }
        } else if let Some(m) = month_of(w) {
            month.get_or_insert(m);
        }
    }
    fmt(year?, month?, day)
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

/// Every dated statement the rules find, best published and fieldwork first.
pub fn extract(ctx: &Ctx) -> Vec<DateValue> {
    let mut found: Vec<(u32, usize, DateValue)> = Vec::new();
    for (hit, rule) in ctx.hits(Family::Date) {
        if !ctx.applies(hit, rule) {
            continue;
        }
        let kind = rule.def.kind.clone().unwrap_or_else(|| "other".into());
        let value = if let Some(g) = ctx.group(hit, "date") {
            parse_date(ctx.norm_str(g)).map(|v| (v, g))
        } else {
            let parts: Vec<_> = ["day", "month", "year"]
                .iter()
                .filter_map(|n| ctx.group(hit, n))
                .collect();
            let s: Vec<&str> = parts.iter().map(|g| ctx.norm_str(*g)).collect();
            let span = parts
                .iter()
                .fold(None::<crate::span::NormSpan>, |acc, g| match acc {
                    None => Some(*g),
                    Some(a) => Some(crate::span::NormSpan::new(
                        a.start.min(g.start),
                        a.end.max(g.end),
                    )),
                });
            span.and_then(|sp| parse_date(&s.join(" ")).map(|v| (v, sp)))
        };
        let Some((value, g)) = value else { continue };
        found.push((
            rule.def.priority,
            g.start,
            DateValue {
                kind,
                value,
                span: ctx.span(g),
                rule: rule.info.id.clone(),
            },
        ));
    }
    found.sort_by_key(|a| (a.0, a.1));
    let mut out: Vec<DateValue> = Vec::new();
    for (_, _, d) in found {
        let dup = out.iter().any(|o| {
            o.kind == d.kind && (d.kind != "other" || o.value == d.value)
                || (o.value == d.value && o.span == d.span)
                // The last day of a span another rule read ('14 and 15
                // January 2025') is part of that date.
                || (d.kind == "other" && o.span.start <= d.span.start && d.span.end <= o.span.end)
        });
        if !dup {
            out.push(d);
        }
    }
    out
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
