//! The `pressmine` binary end to end: real runs over real folders.
//!
//! Every test runs the built binary with the crate root as its working folder and
//! writes only into temporary folders.

mod support;

use support::{
    corpus_file, jsonl_line, p, pressmine, read_jsonl, root, rules_copy, run_ok, stderr, stdout,
    walk, write, OUTPUT_NAMES,
};

use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn path_of(r: &Value) -> &str {
    r["source"]["path"]
        .as_str()
        .expect("source.path is a string")
}

fn line_of(r: &Value) -> Option<u64> {
    r["source"].get("line").and_then(Value::as_u64)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[start, end]` as a pair of offsets.
fn span(v: &Value) -> (usize, usize) {
    let a = v
        .as_array()
        .unwrap_or_else(|| panic!("span is not an array: {v}"));
    assert_eq!(a.len(), 2, "span is not [start, end]: {v}");
    (
        a[0].as_u64().expect("span start") as usize,
        a[1].as_u64().expect("span end") as usize,
    )
}

/// The text a span covers, or a message saying why it does not cover any.
fn slice<'t>(text: &'t str, v: &Value) -> Result<&'t str, String> {
    let (s, e) = span(v);
    if s > e || e > text.len() {
        return Err(format!(
            "span [{s}, {e}] out of bounds (text is {} bytes)",
            text.len()
        ));
    }
    text.get(s..e)
        .ok_or_else(|| format!("span [{s}, {e}] is not on char boundaries"))
}

/// The non-blank text a span covers, or why it does not.
fn covered(text: &str, v: &Value) -> Result<String, String> {
    let s = slice(text, v)?;
    if s.trim().is_empty() {
        return Err(format!("span {v} covers only whitespace"));
    }
    Ok(s.to_string())
}

/// Check every span of a record against the text it indexes; returns the problems.
fn span_problems(r: &Value, text: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let mut check = |what: String, v: &Value| -> Option<String> {
        covered(text, v)
            .map_err(|m| bad.push(format!("{what}: {m}")))
            .ok()
    };
    let mut wrong = Vec::new();
    for (i, q) in r["quotes"].as_array().unwrap().iter().enumerate() {
        let want = collapse(q["text"].as_str().unwrap());
        if let Some(got) = check(format!("quotes[{i}]"), &q["span"]) {
            if collapse(&got) != want {
                wrong.push(format!(
                    "quotes[{i}]: span {} gives {:?}\n      but text is {:?}",
                    q["span"],
                    collapse(&got),
                    want
                ));
            }
        }
    }
    for (i, q) in r["quotes"].as_array().unwrap().iter().enumerate() {
        for (j, sp) in q
            .get("continued")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            check(format!("quotes[{i}].continued[{j}]"), sp);
        }
    }
    for (i, x) in r["ratings"].as_array().unwrap().iter().enumerate() {
        check(format!("ratings[{i}] ({})", x["value"]), &x["span"]);
    }
    for (i, d) in r["dates"].as_array().unwrap().iter().enumerate() {
        if let Some(got) = check(format!("dates[{i}] ({})", d["value"]), &d["span"]) {
            let year = &d["value"].as_str().unwrap()[..4];
            if !got.contains(year) {
                wrong.push(format!(
                    "dates[{i}]: span {} gives {got:?}, without the year {year}",
                    d["span"]
                ));
            }
        }
    }
    for (i, s) in r["services"].as_array().unwrap().iter().enumerate() {
        for (j, sp) in s["spans"].as_array().unwrap().iter().enumerate() {
            check(format!("services[{i}].spans[{j}] ({})", s["name"]), sp);
        }
    }
    for (i, o) in r["officials"].as_array().unwrap().iter().enumerate() {
        check(format!("officials[{i}] ({})", o["name"]), &o["span"]);
    }
    for (i, t) in r["themes"].as_array().unwrap().iter().enumerate() {
        for (j, e) in t["evidence"].as_array().unwrap().iter().enumerate() {
            check(format!("themes[{i}].evidence[{j}].span"), &e["span"]);
            check(
                format!("themes[{i}].evidence[{j}].sentence"),
                &e["sentence"],
            );
        }
    }
    if let Some(sp) = r["inspectorate"].get("span").filter(|s| !s.is_null()) {
        check("inspectorate".to_string(), sp);
    }
    for (field, prov) in r["provenance"].as_object().unwrap() {
        if let Some(sp) = prov.get("span").filter(|s| !s.is_null()) {
            check(format!("provenance.{field}"), sp);
        }
    }
    bad.extend(wrong);
    bad
}

/// The text of an article as the pipeline decodes it: the file's own text for a
/// valid UTF-8 file without a byte order mark, else what ingest makes of it.
fn article_text(input: &Path, r: &Value) -> String {
    let rel = path_of(r);
    let bytes = fs::read(input.join(rel)).unwrap();
    if line_of(r).is_none() && !bytes.starts_with(&[0xEF, 0xBB, 0xBF]) && rel.ends_with(".txt") {
        if let Ok(s) = String::from_utf8(bytes) {
            return s;
        }
    }
    let file = pressmine::ingest::SourceFile {
        path: input.join(rel),
        rel: rel.to_string(),
    };
    let (articles, _) = pressmine::ingest::load(&file);
    articles
        .into_iter()
        .find(|a| a.line == line_of(r))
        .unwrap_or_else(|| panic!("ingest gives no article for {rel} line {:?}", line_of(r)))
        .text
}

// ---------------------------------------------------------------------------
// (a) a run over good and bad inputs
// ---------------------------------------------------------------------------

const JSONL_ARTICLE: &str = "Northmere probation service told it must improve\n\nNorthmere Probation Delivery Unit (PDU) has been rated 'Requires improvement' by HM Inspectorate of Probation.\n\nChief Inspector of Probation, Martin Jones CBE, said: \"Staff in Northmere are committed, but too many cases lacked a proper assessment of the risk of harm.\"\n";

#[test]
fn run_over_good_and_bad_inputs_writes_records_and_skips() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");

    // Good articles. `news.txt` must sort before `news/beta.md` ('.' < '/'),
    // although the folder walk visits `news/` first.
    write(
        &input,
        "good/alpha.txt",
        &corpus_file("probation/2024-03-hmip-marlowe-vale-youth-justice-service.txt"),
    );
    write(
        &input,
        "news.txt",
        &corpus_file("probation/2024-07-eastbridge-chronicle-youth-justice-good.txt"),
    );
    write(
        &input,
        "news/beta.md",
        &corpus_file("ofsted/2024-06-pellworth-primary-outstanding.txt"),
    );
    // Latin-1 bytes in a text file: decoded as Windows-1252, kept, with a warning
    // naming the encoding, and `source.encoding`.
    let mut latin1 = b"Caf\xE9 owner praised as Ofsted rates nursery 'Good'\n\n".to_vec();
    latin1.extend_from_slice(b"The Caf\xE9 Nursery in Harnley has been rated Good by Ofsted.\n");
    write(&input, "latin1.txt", &latin1);
    // A JSON Lines file with two good lines around a bad one.
    let feed = format!(
        "{}\n{{\"id\": \"broken\", \"text\": \n{}\n",
        jsonl_line(None, JSONL_ARTICLE),
        jsonl_line(Some("third"), JSONL_ARTICLE)
    );
    write(&input, "feed.jsonl", feed.as_bytes());

    // Bad inputs.
    write(
        &input,
        "binary.txt",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00binary zip header",
    );
    write(&input, "empty.txt", b"");
    write(
        &input,
        "report.pdf",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
    );

    let err = run_ok(&input, &out, &["--threads", "2"]);

    // Records: one per good article, sorted by source.path (then line).
    let records = read_jsonl(&out.join("records.jsonl"));
    let got: Vec<(String, Option<u64>)> = records
        .iter()
        .map(|r| (path_of(r).to_string(), line_of(r)))
        .collect();
    let want: Vec<(String, Option<u64>)> = vec![
        ("feed.jsonl".into(), Some(1)),
        ("feed.jsonl".into(), Some(3)),
        ("good/alpha.txt".into(), None),
        ("latin1.txt".into(), None),
        ("news.txt".into(), None),
        ("news/beta.md".into(), None),
    ];
    assert_eq!(got, want, "records (path, line) in records.jsonl");
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], "feed.jsonl#L1");
    assert_eq!(ids[1], "feed.jsonl#third");
    for r in &records {
        assert_eq!(r["schema_version"], 1, "{}", path_of(r));
        assert_eq!(
            r["source"]["sha256"].as_str().map(str::len),
            Some(64),
            "{}",
            path_of(r)
        );
    }
    let latin = &records[3];
    assert!(
        latin["warnings"].as_array().unwrap().iter().any(|w| w
            .as_str()
            .unwrap()
            .starts_with("not UTF-8: decoded from windows-1252")),
        "latin1.txt should carry a warning naming its encoding: {}",
        latin["warnings"]
    );
    assert_eq!(latin["source"]["encoding"], "windows-1252");
    assert_eq!(
        latin["title"],
        "Caf\u{E9} owner praised as Ofsted rates nursery 'Good'"
    );

    // Skipped: every bad input, with a reason, sorted by path then line.
    let skipped = read_jsonl(&out.join("skipped.jsonl"));
    let got: Vec<(String, Option<u64>)> = skipped
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_string(),
                s.get("line").and_then(Value::as_u64),
            )
        })
        .collect();
    let want: Vec<(String, Option<u64>)> = vec![
        ("binary.txt".into(), None),
        ("empty.txt".into(), None),
        ("feed.jsonl".into(), Some(2)),
        ("report.pdf".into(), None),
    ];
    assert_eq!(got, want, "entries of skipped.jsonl:\n{skipped:#?}");
    let reason = |path: &str| -> String {
        skipped
            .iter()
            .find(|s| s["path"] == path)
            .and_then(|s| s["reason"].as_str())
            .unwrap_or("")
            .to_lowercase()
    };
    assert!(
        reason("binary.txt").contains("binary"),
        "binary.txt: {}",
        reason("binary.txt")
    );
    assert!(
        reason("empty.txt").contains("empty"),
        "empty.txt: {}",
        reason("empty.txt")
    );
    assert!(
        reason("report.pdf").contains(".pdf"),
        "report.pdf: {}",
        reason("report.pdf")
    );
    assert!(
        reason("feed.jsonl").contains("json"),
        "feed.jsonl: {}",
        reason("feed.jsonl")
    );
    for s in &skipped {
        assert!(
            !s["reason"].as_str().unwrap_or("").trim().is_empty(),
            "no reason: {s}"
        );
    }

    // The summary on stderr counts them and names every skipped input.
    assert!(
        err.contains("8 file(s)"),
        "summary should count 8 files:\n{err}"
    );
    assert!(
        err.contains("6 article(s) read"),
        "summary should count 6 articles:\n{err}"
    );
    assert!(
        err.contains("6 record(s) written"),
        "summary should count 6 records:\n{err}"
    );
    assert!(
        err.contains("4 skipped"),
        "summary should count 4 skipped:\n{err}"
    );
    for (path, line) in [
        ("binary.txt", None),
        ("empty.txt", None),
        ("feed.jsonl", Some(2)),
        ("report.pdf", None),
    ] {
        let at = match line {
            Some(l) => format!("skipped {path}:{l}: "),
            None => format!("skipped {path}: "),
        };
        assert!(err.contains(&at), "summary should list '{at}':\n{err}");
    }
    // Nothing but the output files, the report and the tables (the temporary files are
    // renamed into place, the lock is released).
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, OUTPUT_NAMES);
}

// ---------------------------------------------------------------------------
// (b) byte-identical output at any thread count
// ---------------------------------------------------------------------------

#[test]
fn output_is_byte_identical_with_one_and_two_threads() {
    let dir = TempDir::new().unwrap();
    let corpus = root().join("corpus");
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    run_ok(&corpus, &one, &["--threads", "1"]);
    run_ok(&corpus, &two, &["--threads", "2"]);
    for name in [
        "records.jsonl",
        "skipped.jsonl",
        "report/rules.json",
        "report/index.html",
    ] {
        let a = fs::read(one.join(name)).unwrap();
        let b = fs::read(two.join(name)).unwrap();
        if a != b {
            let at = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            panic!(
                "{name} differs between --threads 1 and --threads 2 (sizes {} and {}, first difference at byte {at})",
                a.len(),
                b.len()
            );
        }
    }
    let records = read_jsonl(&one.join("records.jsonl"));
    let n_files = walk(&corpus).len();
    assert_eq!(records.len(), n_files, "one record per corpus file");
    let paths: Vec<&str> = records.iter().map(path_of).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "records are sorted by source.path");
}

// ---------------------------------------------------------------------------
// (c) broken rule files: located errors, and nothing written
// ---------------------------------------------------------------------------

/// 1-based line of the first line of `text` equal (trimmed) to `line`.
fn line_no(text: &str, line: &str) -> usize {
    text.lines()
        .position(|l| l.trim() == line)
        .unwrap_or_else(|| panic!("no line {line:?} in the rule file"))
        + 1
}

/// The `FILE:LINE: message` lines of an error output that name `file`.
fn located(out: &str, file: &str) -> Vec<(usize, String)> {
    out.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix(file)?.strip_prefix(':')?;
            let (n, msg) = rest.split_once(':')?;
            Some((n.parse().ok()?, msg.trim().to_string()))
        })
        .collect()
}

/// `pressmine run` and `pressmine rules check` with a broken rules folder both fail
/// with `FILE:LINE: ...` for `file` at a line in `lines` whose message contains
/// every word of `words`; the run creates no output folder.
fn assert_rules_rejected(
    rules: &Path,
    file: &str,
    lines: std::ops::RangeInclusive<usize>,
    words: &[&str],
) {
    let work = TempDir::new().unwrap();
    let out = work.path().join("out");
    let corpus = root().join("corpus");
    let run = pressmine(&["run", p(&corpus), "--out", p(&out), "--rules", p(rules)]);
    let check = pressmine(&["rules", "check", "--rules", p(rules)]);
    for (what, o) in [("pressmine run", &run), ("pressmine rules check", &check)] {
        let text = format!("{}{}", stderr(o), stdout(o));
        assert!(
            !o.status.success(),
            "{what} should fail on the broken rules, but exited 0:\n{text}"
        );
        let hits = located(&text, file);
        assert!(
            hits.iter().any(|(n, msg)| lines.contains(n)
                && words.iter().all(|w| msg.to_lowercase().contains(&w.to_lowercase()))),
            "{what} should report {file}:LINE: with LINE in {lines:?} and a message with {words:?}; it said:\n{text}"
        );
    }
    assert!(
        !out.exists(),
        "a run with broken rules must not create the output folder {}",
        out.display()
    );
}

#[test]
fn shipped_rules_check_clean() {
    let o = pressmine(&["rules", "check", "--rules", "rules"]);
    assert!(
        o.status.success(),
        "rules check failed on the shipped rules:\n{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("all valid"), "stdout: {}", stdout(&o));
    // And with the built-in rules (no --rules).
    let o = pressmine(&["rules", "check"]);
    assert!(
        o.status.success(),
        "rules check (built-in rules) failed:\n{}",
        stderr(&o)
    );
}

#[test]
fn invalid_regex_is_reported_at_its_rule() {
    let dir = TempDir::new().unwrap();
    let rules = rules_copy(dir.path());
    let path = rules.join("ratings.toml");
    let text = fs::read_to_string(&path).unwrap();
    let id_line = line_no(&text, r#"id = "rating.implied_lowest""#);
    // The rule's table: from its `[[rating]]` header to its pattern line.
    let header = id_line - 1;
    let pattern_line = text
        .lines()
        .enumerate()
        .skip(id_line)
        .find(|(_, l)| l.starts_with("pattern"))
        .map(|(i, _)| i + 1)
        .unwrap();
    let old = r"(?:lowest|worst)\s+(?:possible";
    assert!(text.contains(old), "ratings.toml changed: update this test");
    let broken = text.replacen(old, r"(?:lowest|worst\s+(?:possible", 1);
    fs::write(&path, broken).unwrap();
    assert_rules_rejected(
        &rules,
        "ratings.toml",
        header..=pattern_line,
        &["rating.implied_lowest", "regex"],
    );
}

#[test]
fn duplicate_rule_id_is_reported_at_the_second_definition() {
    let dir = TempDir::new().unwrap();
    let rules = rules_copy(dir.path());
    let path = rules.join("ratings.toml");
    let text = fs::read_to_string(&path).unwrap();
    // A copied rule whose id was not changed, just before the `[[suppress]]` tables.
    let at = text
        .find("\n[[suppress]]")
        .expect("ratings.toml has [[suppress]] tables")
        + 1;
    let copy = "[[rating]]\nid = \"rating.rated_as\"\nscope = \"overall\"\npattern = '''(?i)\\bwas\\s+rated\\s+(?P<value>{rating})'''\n\n";
    let broken = format!("{}{}{}", &text[..at], copy, &text[at..]);
    let dup_line = text[..at].lines().count() + 2;
    assert_eq!(
        broken.lines().nth(dup_line - 1),
        Some("id = \"rating.rated_as\"")
    );
    fs::write(&path, broken).unwrap();
    assert_rules_rejected(
        &rules,
        "ratings.toml",
        dup_line - 1..=dup_line,
        &["duplicate", "rating.rated_as"],
    );
}

#[test]
fn unknown_key_is_reported_at_its_line() {
    let dir = TempDir::new().unwrap();
    let rules = rules_copy(dir.path());
    let path = rules.join("speech.toml");
    let text = fs::read_to_string(&path).unwrap();
    let id = r#"id = "speaker.post_who_cue""#;
    assert!(text.contains(id), "speech.toml changed: update this test");
    let broken = text.replacen(id, &format!("{id}\nscoop = \"post\""), 1);
    let line = line_no(&broken, "scoop = \"post\"");
    fs::write(&path, broken).unwrap();
    assert_rules_rejected(&rules, "speech.toml", line..=line, &["scoop"]);
}

#[test]
fn missing_rule_file_is_reported() {
    let dir = TempDir::new().unwrap();
    let rules = rules_copy(dir.path());
    fs::remove_file(rules.join("dates.toml")).unwrap();
    assert_rules_rejected(&rules, "dates.toml", 1..=1, &["cannot read"]);
}

#[test]
fn missing_rules_folder_fails_without_output() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    let nowhere = dir.path().join("no-rules-here");
    let o = pressmine(&["run", "corpus", "--out", p(&out), "--rules", p(&nowhere)]);
    assert!(
        !o.status.success(),
        "run should fail without a rules folder"
    );
    assert!(
        stderr(&o).contains("rules folder not found"),
        "stderr:\n{}",
        stderr(&o)
    );
    assert!(!out.exists(), "no output folder may be created");
}

// ---------------------------------------------------------------------------
// (d) every span points at the exact bytes
// ---------------------------------------------------------------------------

#[test]
fn every_span_of_a_corpus_run_points_at_the_exact_bytes() {
    let dir = TempDir::new().unwrap();
    let corpus = root().join("corpus");
    let out = dir.path().join("out");
    run_ok(&corpus, &out, &[]);
    let records = read_jsonl(&out.join("records.jsonl"));
    assert!(!records.is_empty());
    let mut problems = Vec::new();
    let mut quotes = 0;
    for r in &records {
        let text = article_text(&corpus, r);
        quotes += r["quotes"].as_array().unwrap().len();
        for m in span_problems(r, &text) {
            problems.push(format!("{}: {m}", path_of(r)));
        }
    }
    assert!(quotes > 0, "the corpus run found no quotes at all");
    assert!(
        problems.is_empty(),
        "{} span problem(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

// ---------------------------------------------------------------------------
// (e) HTML and JSON Lines articles go through to records
// ---------------------------------------------------------------------------

const HTML_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kingsholm youth justice service rated &lsquo;Good&rsquo; by inspectors</title>
</head>
<body>
<header><nav><a href="/">Home</a> | <a href="/news">News</a></nav></header>
<main>
<article>
<h1>Kingsholm youth justice service rated &lsquo;Good&rsquo; by inspectors</h1>
<p>Kingsholm Youth Justice Service has been rated &lsquo;Good&rsquo; overall following an inspection by HM Inspectorate of Probation.</p>
<p>Inspectors found that leaders had a clear vision for the service and that staff knew the children they worked with well. Work to keep children safe was effective, although some plans did not say enough about the needs of victims.</p>
<p>Chief Inspector of Probation, Martin Jones CBE, said: &ldquo;Kingsholm has built a caring and stable service. Staff are skilled and committed, and children told us they felt listened to.&rdquo;</p>
<p>The service was inspected in February 2024.</p>
</article>
</main>
<footer><p>Contact us</p></footer>
</body>
</html>
"#;

#[test]
fn html_and_jsonl_articles_go_through_to_records() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    write(&input, "page.html", HTML_PAGE.as_bytes());
    write(
        &input,
        "items.jsonl",
        format!("{}\n", jsonl_line(Some("n1"), JSONL_ARTICLE)).as_bytes(),
    );
    run_ok(&input, &out, &[]);

    let skipped = read_jsonl(&out.join("skipped.jsonl"));
    assert!(skipped.is_empty(), "nothing should be skipped: {skipped:?}");
    let records = read_jsonl(&out.join("records.jsonl"));
    let paths: Vec<&str> = records.iter().map(path_of).collect();
    assert_eq!(paths, ["items.jsonl", "page.html"]);

    let (json, html) = (&records[0], &records[1]);
    assert_eq!(json["id"], "items.jsonl#n1");
    assert_eq!(line_of(json), Some(1));
    assert_eq!(html["id"], "page.html");
    assert_eq!(line_of(html), None);

    for (r, quote_start, speaker) in [
        (json, "Staff in Northmere are committed", "Martin Jones"),
        (html, "Kingsholm has built a caring", "Martin Jones"),
    ] {
        let what = path_of(r);
        assert!(
            r["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{what}: no title"
        );
        assert_eq!(
            r["inspectorate"]["name"], "HM Inspectorate of Probation",
            "{what}: inspectorate"
        );
        let q = r["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["text"].as_str().unwrap().starts_with(quote_start))
            .unwrap_or_else(|| {
                panic!(
                    "{what}: no quote starting {quote_start:?} in {}",
                    r["quotes"]
                )
            });
        assert_eq!(
            q["speaker"]["name"], speaker,
            "{what}: speaker of {}",
            q["text"]
        );
        // Spans index the article text ingest made of the file (HTML reduced to its
        // article text; for JSON Lines the line's `text`).
        let text = article_text(&input, r);
        let problems = span_problems(r, &text);
        assert!(
            problems.is_empty(),
            "{what}: span problems:\n  {}",
            problems.join("\n  ")
        );
    }
    let title = html["title"].as_str().unwrap();
    assert!(
        title.contains("Kingsholm youth justice service rated"),
        "HTML title: {title:?}"
    );
    assert!(
        !title.contains('<') && !title.contains("&lsquo;"),
        "HTML title keeps markup: {title:?}"
    );
}

/// A reader that stops early ('pressmine stream < in.jsonl | head -1')
/// closes the pipe: pressmine stops quietly, with no error and no panic.
#[test]
fn a_closed_output_pipe_ends_the_command_quietly() {
    use std::io::{Read, Write};
    use std::process::Stdio;
    let article = String::from_utf8(corpus_file(
        "councils/2024-04-bramleigh-council-youth-justice-good.txt",
    ))
    .unwrap();
    // Far more records than a pipe holds.
    let input: String = (0..400)
        .map(|i| jsonl_line(Some(&format!("a{i}")), &article) + "\n")
        .collect();
    let mut child = support::cmd(&["stream", "--threads", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        // The write fails once pressmine has stopped reading: that is fine.
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here, long before every record is written.
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked") && !err.contains("error"), "{err}");
    assert!(out.status.success(), "{:?}: {err}", out.status);
}
