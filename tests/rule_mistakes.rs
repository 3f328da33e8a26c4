//! Rule-file mistakes not covered by `tests/cli.rs` (which covers an invalid
//! regex, a duplicate id, an unknown key and a missing file): a regex over the
//! size limit, values of the wrong type, an empty gazetteer, unknown `kind` and
//! `scope` values. Each gives one `FILE:LINE: message` naming the problem, from
//! both `pressmine run` and `pressmine rules check`, and the run writes nothing.

mod support;

use support::{edit, p, pressmine_in, root, rules_copy};

use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// Both commands fail with exactly one located message for `file`, at `line`,
/// containing every word of `words`; the run creates no output folder and
/// writes nothing in its working folder.
fn assert_one_error(rules: &Path, file: &str, line: usize, words: &[&str]) {
    let work = TempDir::new().unwrap();
    let cwd = work.path().join("cwd");
    fs::create_dir_all(&cwd).unwrap();
    let out = work.path().join("out");
    let corpus = root().join("corpus");
    let run = pressmine_in(
        &cwd,
        &["run", p(&corpus), "--out", p(&out), "--rules", p(rules)],
    );
    let check = pressmine_in(&cwd, &["rules", "check", "--rules", p(rules)]);
    for (what, o) in [("run", &run), ("rules check", &check)] {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stderr),
            String::from_utf8_lossy(&o.stdout)
        );
        assert_eq!(o.status.code(), Some(2), "{what} should exit 2:\n{text}");
        let located: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| {
                l.split(':')
                    .nth(1)
                    .is_some_and(|n| n.parse::<usize>().is_ok())
                    && l.contains(".toml:")
                    || l.contains(".txt:")
            })
            .collect();
        assert_eq!(
            located.len(),
            1,
            "{what}: one located message expected, got:\n{text}"
        );
        let msg = located[0];
        let prefix = format!("{file}:{line}: ");
        assert!(
            msg.starts_with(&prefix),
            "{what}: expected {prefix}..., got {msg}"
        );
        for w in words {
            assert!(
                msg.to_lowercase().contains(&w.to_lowercase()),
                "{what}: {msg:?} should mention {w:?}"
            );
        }
    }
    assert!(
        !out.exists(),
        "a run with broken rules created {}",
        out.display()
    );
    assert_eq!(
        fs::read_dir(&cwd).unwrap().count(),
        0,
        "a run with broken rules wrote into its working folder"
    );
}

/// Rule `id` of `file`, its pattern edited from `old` to `new`, fails to
/// load with one message at the rule's `id` line holding `words`.
fn assert_pattern_error(file: &str, id: &str, old: &str, new: &str, words: &[&str]) {
    let dir = TempDir::new().unwrap();
    let rules = rules_copy(dir.path());
    let id_text = format!("id = \"{id}\"");
    let id_line = edit(&rules.join(file), &id_text, &id_text);
    edit(&rules.join(file), old, new);
    let mut all = vec![id];
    all.extend_from_slice(words);
    assert_one_error(&rules, file, id_line, &all);
}

#[test]
fn regex_over_the_size_limit() {
    // A word class repeated 160,000 times compiles to more than the 8 MiB
    // limit.
    assert_pattern_error(
        "boilerplate.toml",
        "boilerplate.ends",
        "pattern = '''(?m)^\\s*-*\\s*(?:ENDS|Ends)",
        "pattern = '''(?:\\w{4000}){40}(?m)^\\s*-*\\s*(?:ENDS|Ends)",
        &["too large"],
    );
}

#[test]
fn symbol_outside_ascii_in_a_character_class() {
    // Rules are ASCII byte patterns: a bullet matches only outside a class,
    // and the error says how to write it.
    assert_pattern_error(
        "ratings.toml",
        "rating.value_for_area",
        "(?m)^\\s*(?:[-*]|\\u{2022})\\s*['\"]?(?P<value>{rating})['\"]?\\s+(?:for|in)",
        "(?m)^\\s*[-*\\u{2022}]\\s*['\"]?(?P<value>{rating})['\"]?\\s+(?:for|in)",
        &["inside a character class", "(?:[...]|"],
    );
}

#[test]
fn unicode_class_in_a_pattern() {
    assert_pattern_error(
        "boilerplate.toml",
        "boilerplate.ends",
        "pattern = '''(?m)^\\s*-*\\s*(?:ENDS|Ends)",
        "pattern = '''\\p{Lu}(?m)^\\s*-*\\s*(?:ENDS|Ends)",
        &["Unicode class", "[A-Z]"],
    );
}

#[test]
fn value_of_the_wrong_type() {
    let dir = TempDir::new().unwrap();
    let rules = rules_copy(dir.path());
    let line = edit(
        &rules.join("ratings.toml"),
        "priority = 3",
        "priority = \"high\"",
    );
    assert_one_error(&rules, "ratings.toml", line, &["invalid type", "string"]);
}

#[test]
fn list_of_the_wrong_type() {
    let dir = TempDir::new().unwrap();
    let rules = rules_copy(dir.path());
    let line = edit(
        &rules.join("ratings.toml"),
        "area_prefixes = [",
        "area_prefixes = 7\nunused_ = [",
    );
    // The list's line; the message names what was expected.
    assert_one_error(&rules, "ratings.toml", line, &["invalid type", "sequence"]);
}

#[test]
fn empty_gazetteer() {
    let dir = TempDir::new().unwrap();
    let rules = rules_copy(dir.path());
    fs::write(rules.join("name_stopwords.txt"), "# emptied\n\n").unwrap();
    assert_one_error(&rules, "name_stopwords.txt", 1, &["empty"]);
}

#[test]
fn unknown_kind_value() {
    let dir = TempDir::new().unwrap();
    let rules = rules_copy(dir.path());
    let id_line = edit(
        &rules.join("boilerplate.toml"),
        "id = \"boilerplate.ends\"\nkind = \"rest\"",
        "id = \"boilerplate.ends\"\nkind = \"paragrpah\"",
    );
    assert_one_error(
        &rules,
        "boilerplate.toml",
        id_line,
        &["boilerplate.ends", "kind", "paragrpah", "rest"],
    );
}

#[test]
fn unknown_scope_value() {
    let dir = TempDir::new().unwrap();
    let rules = rules_copy(dir.path());
    let id_line = edit(
        &rules.join("ratings.toml"),
        "id = \"rating.title_quoted\"\nscope = \"overall\"",
        "id = \"rating.title_quoted\"\nscope = \"overal\"",
    );
    assert_one_error(
        &rules,
        "ratings.toml",
        id_line,
        &["rating.title_quoted", "scope", "overal", "auto"],
    );
}
