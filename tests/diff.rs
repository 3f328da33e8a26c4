//! `pressmine diff` (and `pressmine report --against`) on a rule edit that
//! adds one value and removes another.
//!
//! The edit: `date.other` reads month-and-year dates ('June 2023') instead of
//! full dates ('03/05/2024'). On the article below the record loses the other
//! date 2024-05-03 and gains 2023-06, both from `date.other`.

mod support;

use support::{edit_once, p, pressmine_ok, rules_copy};

use serde_json::Value;
use std::fs;
use std::path::PathBuf;
use tempfile::TempDir;

const ARTICLE: &str = "Kestrel Lodge praised by inspectors\n\nThe report, dated 03/05/2024, praised staff at Kestrel Lodge, a care home in Oldacre. A new manager started in June 2023.\n";
const UNCHANGED: &str = "Marlowe Vale Youth Justice Service rated 'Good'\n\nHM Inspectorate of Probation has rated Marlowe Vale Youth Justice Service 'Good'.\n";

struct Fixture {
    _dir: TempDir,
    input: PathBuf,
    edited_rules: PathBuf,
    old: PathBuf,
    new: PathBuf,
}

/// Runs before and after the edit.
fn fixture() -> Fixture {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("input");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("kestrel.txt"), ARTICLE).unwrap();
    fs::write(input.join("marlowe.txt"), UNCHANGED).unwrap();
    let rules = rules_copy(dir.path());
    // date.other's pattern, once: if it changed, update this test.
    edit_once(
        &rules.join("dates.toml"),
        "pattern = '''(?P<date>{date})'''",
        "pattern = '''(?P<date>{month_year})'''",
    );
    let old = dir.path().join("old");
    let new = dir.path().join("new");
    pressmine_ok(&["run", p(&input), "--out", p(&old), "--no-report"]);
    pressmine_ok(&[
        "run",
        p(&input),
        "--out",
        p(&new),
        "--rules",
        p(&rules),
        "--no-report",
    ]);
    Fixture {
        _dir: dir,
        input,
        edited_rules: rules,
        old,
        new,
    }
}

#[test]
fn diff_shows_the_value_gained_and_the_value_lost_counts_first() {
    let f = fixture();
    let o = pressmine_ok(&[
        "diff",
        p(&f.old.join("records.jsonl")),
        p(&f.new.join("records.jsonl")),
    ]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "1 of 2 article(s) changed (2 record(s) in OLD, 2 in NEW; 0 only in OLD, 0 only in NEW)",
        "{out}"
    );
    assert_eq!(
        lines[1], "values: +1 gained, -1 lost, ~0 moved to another rule",
        "{out}"
    );
    let squeeze = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    let squeezed: Vec<String> = lines.iter().map(|l| squeeze(l)).collect();
    let at = |s: &str| {
        squeezed
            .iter()
            .position(|l| l == s)
            .unwrap_or_else(|| panic!("no line {s:?} in:\n{out}"))
    };
    // Counts first: by field, then by rule, then per article.
    let by_field = at("by field + - ~");
    let dates = at("dates 1 1 0");
    let by_rule = at("by rule + - ~");
    let rule = at("date.other 1 1 0");
    let article = at("kestrel.txt");
    let gained = at("+ dates other 2023-06 [date.other]");
    let lost = at("- dates other 2024-05-03 [date.other]");
    assert!(
        by_field < dates
            && dates < by_rule
            && by_rule < rule
            && rule < article
            && article < gained
            && gained < lost,
        "{out}"
    );
    assert!(
        !out.contains("marlowe.txt"),
        "an unchanged article is not listed:\n{out}"
    );
}

#[test]
fn diff_json_groups_by_field_and_rule() {
    let f = fixture();
    let o = pressmine_ok(&[
        "diff",
        p(&f.old.join("records.jsonl")),
        p(&f.new.join("records.jsonl")),
        "--json",
    ]);
    let d: Value = serde_json::from_slice(&o.stdout).expect("diff --json prints JSON");
    assert_eq!(
        d["totals"],
        serde_json::json!({"gained": 1, "lost": 1, "moved": 0})
    );
    assert_eq!(
        d["by_field"],
        serde_json::json!([["dates", {"gained": 1, "lost": 1, "moved": 0}]])
    );
    assert_eq!(
        d["by_rule"]["date.other"],
        serde_json::json!({"gained": 1, "lost": 1, "moved": 0})
    );
    let a = &d["articles"][0];
    assert_eq!(a["path"], "kestrel.txt");
    assert_eq!(
        a["gained"],
        serde_json::json!([{"field": "dates", "value": "other 2023-06", "rule": "date.other"}])
    );
    assert_eq!(
        a["lost"],
        serde_json::json!([{"field": "dates", "value": "other 2024-05-03", "rule": "date.other"}])
    );
}

#[test]
fn identical_records_show_no_change() {
    let f = fixture();
    let r = p(&f.old.join("records.jsonl")).to_string();
    let o = pressmine_ok(&["diff", &r, &r]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.starts_with("0 of 2 article(s) changed"), "{out}");
    assert!(
        out.contains("values: +0 gained, -0 lost, ~0 moved"),
        "{out}"
    );
}

#[test]
fn report_against_old_records_writes_the_diff() {
    let f = fixture();
    let o = pressmine_ok(&[
        "report",
        p(&f.input),
        "--out",
        p(&f.new),
        "--rules",
        p(&f.edited_rules),
        "--against",
        p(&f.old.join("records.jsonl")),
    ]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(err.contains("report: 2 article(s)"), "{err}");
    let report = f.new.join("report");
    let d: Value =
        serde_json::from_str(&fs::read_to_string(report.join("diff.json")).unwrap()).unwrap();
    assert_eq!(d["totals"]["gained"], 1);
    assert_eq!(d["totals"]["lost"], 1);
    let html = fs::read_to_string(report.join("diff.html")).unwrap();
    assert!(
        html.contains("other 2023-06") && html.contains("other 2024-05-03"),
        "diff.html lists the values"
    );
    let index = fs::read_to_string(report.join("index.html")).unwrap();
    assert!(
        index.contains("href=\"diff.html\""),
        "index.html links the diff"
    );
    let rules: Value =
        serde_json::from_str(&fs::read_to_string(report.join("rules.json")).unwrap()).unwrap();
    let other = rules["by_rule"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "date.other")
        .unwrap();
    assert_eq!(
        other["diff"],
        serde_json::json!({"gained": 1, "lost": 1, "moved": 0})
    );
}
