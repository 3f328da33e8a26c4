//! `pressmine rules test`: the shipped rules' examples all pass, and a broken
//! example is reported at its file and line.

mod support;

use support::{edit_once, pressmine, rules_tree_copy, stdout};

use std::fs;
use std::path::Path;
use std::process::Output;
use tempfile::TempDir;

/// The 1-based line of the first line of `file` containing `needle`.
fn line_with(file: &Path, needle: &str) -> usize {
    fs::read_to_string(file)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in {}", file.display()))
        + 1
}

fn test_rules(dir: &Path) -> (Output, String) {
    let o = pressmine(&["rules", "test", "--rules", dir.to_str().unwrap()]);
    let out = stdout(&o);
    (o, out)
}

#[test]
fn shipped_rules_pass() {
    let o = pressmine(&["rules", "test"]);
    let out = stdout(&o);
    assert!(
        o.status.success(),
        "pressmine rules test failed on the shipped rules:\n{out}"
    );
    assert!(out.contains("all pass"), "no summary line:\n{out}");
    // Every rule has an example: as many examples as rules at least.
    let summary = out.lines().last().unwrap();
    let n: Vec<usize> = summary
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(
        n.len() >= 2 && n[1] >= n[0],
        "fewer examples than rules: {summary}"
    );
}

#[test]
fn a_wrong_example_is_reported_at_its_file_and_line() {
    let dir = TempDir::new().unwrap();
    let rules = rules_tree_copy(dir.path());
    let file = rules.join("ratings.toml");
    edit_once(
        &file,
        r#"{ text = "has been upgraded to 'Good'", expect = "Good" }"#,
        r#"{ text = "has been upgraded to 'Good'", expect = "Outstanding" }"#,
    );
    let line = line_with(&file, "has been upgraded to 'Good'");
    let (o, out) = test_rules(&rules);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a failing example must exit 1:\n{out}"
    );
    let want =
        format!("ratings.toml:{line} rating.upgraded_to: expected 'Outstanding', got 'Good'");
    assert!(
        out.contains(&want),
        "expected a line starting {want:?}; got:\n{out}"
    );
    assert!(
        out.contains("1 failure(s)"),
        "exactly one failure expected:\n{out}"
    );
}

#[test]
fn a_matching_counter_example_and_a_wrong_theme_polarity_fail() {
    let dir = TempDir::new().unwrap();
    let rules = rules_tree_copy(dir.path());
    let services = rules.join("services.toml");
    edit_once(
        &services,
        r#"counter = ["the Police Federation"]"#,
        r#"counter = ["Eastshire Police said"]"#,
    );
    let themes = rules.join("themes.toml");
    edit_once(
        &themes,
        r#"{ text = "Work with victims was insufficient.", expect = "concern" }"#,
        r#"{ text = "Work with victims was insufficient.", expect = "strength" }"#,
    );
    let (o, out) = test_rules(&rules);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let l1 = line_with(&services, "Eastshire Police said");
    let l2 = line_with(&themes, "Work with victims was insufficient.");
    let want1 = format!(
        "services.toml:{l1} service.police_force: expected no match, got 'Eastshire Police'"
    );
    let want2 = format!("themes.toml:{l2} theme.victims: expected 'strength', got 'concern'");
    assert!(out.contains(&want1), "missing {want1:?} in:\n{out}");
    assert!(out.contains(&want2), "missing {want2:?} in:\n{out}");
}

#[test]
fn a_rule_without_examples_fails() {
    let dir = TempDir::new().unwrap();
    let rules = rules_tree_copy(dir.path());
    let file = rules.join("dates.toml");
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str("\n[[date]]\nid = \"date.fixture_without_example\"\npattern = '''\\bon (?P<date>\\d{4}-\\d{2}-\\d{2})'''\n");
    fs::write(&file, text).unwrap();
    let line = line_with(&file, "date.fixture_without_example");
    let (o, out) = test_rules(&rules);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let want = format!("dates.toml:{line} date.fixture_without_example: no example");
    assert!(out.contains(&want), "missing {want:?} in:\n{out}");
}

#[test]
fn a_scale_with_no_values_needs_a_counter_example_that_finds_no_grade() {
    let dir = TempDir::new().unwrap();
    let rules = rules_tree_copy(dir.path());
    let file = rules.join("scales.toml");
    let counter = r#"counter = ["The ward was rated good at its last visit, and the unit was found to be poor."]"#;
    // Without its counter-example the ungraded scale has nothing to test.
    edit_once(&file, counter, "");
    let line = line_with(&file, r#"id = "ungraded""#);
    let (o, out) = test_rules(&rules);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let want = format!("scales.toml:{line} scale.ungraded: no example");
    assert!(out.contains(&want), "missing {want:?} in:\n{out}");
    // A counter-example holding another scale's wording passes ...
    edit_once(
        &file,
        "positive = []\n\n",
        &format!("positive = []\n{counter}\n\n"),
    );
    let (o, out) = test_rules(&rules);
    assert!(o.status.success(), "{out}");
    // ... but a scale given a value is held to its examples again.
    edit_once(
        &file,
        "values = []\npositive = []",
        r#"values = ["Poor"]
positive = []"#,
    );
    let (o, out) = test_rules(&rules);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("scale.ungraded"), "{out}");
}

#[test]
fn broken_rules_are_reported_as_by_rules_check() {
    let dir = TempDir::new().unwrap();
    let rules = rules_tree_copy(dir.path());
    edit_once(
        &rules.join("speech.toml"),
        "id = \"speaker.post_who_cue\"\nscope",
        "id = \"speaker.post_who_cue\"\nscoop",
    );
    let o = pressmine(&["rules", "test", "--rules", rules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("speech.toml:") && err.contains("scoop"),
        "{err}"
    );
}
