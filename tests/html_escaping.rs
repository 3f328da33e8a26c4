//! Output safety: markup and attribute-breaking quotes in article text, in file
//! names and in rule ids reach the HTML report only as escaped text.

mod support;

use support::{edit, p, rules_copy, run_ok};

use std::path::{Path, PathBuf};

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("report folder readable") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

#[test]
fn markup_in_text_file_names_and_rule_ids_is_escaped_in_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("input dir");
    let payload = "<script>document.title='pwned'</script>";
    let attr = "\" onmouseover=\"alert(1)\" x=\"";
    // Markup in the text, and in the file name.
    let name = format!("{payload}{attr}.txt").replace('/', "_");
    let text = format!(
        "Inspectors rate service <img src=x onerror=alert(1)>\n\n\
         Marlowe Vale Youth Justice Service was rated 'Good' overall. {payload} {attr}\n\n\
         Chief Inspector of Probation, Jane Doe, said: \"The service is {payload} improving fast.\"\n"
    );
    std::fs::write(input.join(&name), text).expect("write article");
    // Markup and quotes in a rule id.
    let rules = rules_copy(dir.path());
    let evil_id = "rating.overall_rating_of<script>alert(1)</script>\\\"q'";
    edit(
        &rules.join("ratings.toml"),
        "id = \"rating.overall_rating_of\"",
        &format!("id = \"{evil_id}\""),
    );
    let out = dir.path().join("out");
    run_ok(&input, &out, &["--rules", p(&rules)]);
    let mut pages = Vec::new();
    html_files(&out.join("report"), &mut pages);
    assert!(pages.len() >= 3, "index, list and article pages: {pages:?}");
    let mut saw_escaped = false;
    for p in &pages {
        let html = std::fs::read_to_string(p).expect("UTF-8 page");
        for raw in [
            payload,
            "<img src=x",
            "onmouseover=\"alert",
            "<script>alert(1)</script>",
        ] {
            assert!(
                !html.contains(raw),
                "{} contains unescaped {raw:?}",
                p.display()
            );
        }
        saw_escaped |= html.contains("&lt;script&gt;");
    }
    assert!(saw_escaped, "the markup should appear, escaped, as text");
    // Nothing was written outside --out.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("temp dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 3, "only in/, rules/ and out/: {names:?}");
}
