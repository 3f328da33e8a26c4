//! Incremental runs end to end: the real binary over folders that change between
//! runs. Checks records, `manifest.json`, `index.jsonl` and `changes.jsonl` after adding,
//! changing and deleting articles; that an unchanged re-run extracts nothing;
//! that a rule edit reports exactly the values it changed; that a run killed
//! part-way leaves the previous dataset and the next run completes it; and that
//! two runs on one output folder do not both proceed.

mod support;

use support::{
    assert_same_file, cmd, corpus_file, edit, full_run, jsonl_line, p, read_json, read_jsonl, root,
    rules_copy, run_ok, sha256, stderr, walk, write,
};

use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// `changes.jsonl` as id -> change line (the records' lines; the lines about
/// inspections are `tests/link.rs`'s).
fn changes(out: &Path) -> BTreeMap<String, Value> {
    read_jsonl(&out.join("changes.jsonl"))
        .into_iter()
        .filter(|c| c.get("inspection").is_none())
        .map(|c| (c["id"].as_str().unwrap().to_string(), c))
        .collect()
}

/// id -> change kind.
fn kinds(out: &Path) -> BTreeMap<String, String> {
    changes(out)
        .into_iter()
        .map(|(id, c)| (id, c["change"].as_str().unwrap().to_string()))
        .collect()
}

/// The summary's "N added, N updated, N removed, N unchanged (N article(s)
/// extracted, N record(s) reused)" line, as numbers.
fn counts(err: &str) -> [usize; 6] {
    let line = err
        .lines()
        .find(|l| l.contains(" added, ") && l.contains(" unchanged"))
        .unwrap_or_else(|| panic!("no change summary in:\n{err}"));
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(nums.len(), 6, "summary line: {line}");
    [nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]]
}

/// The manifest and the index describe `records.jsonl` exactly: one index line
/// per input file, in path order, each with its articles; one article entry per
/// record line, in order, with the line's hash, the record's source, and this
/// run's rules and version; the manifest holds the hashes of every output file,
/// the index included. Returns the manifest and the index lines.
fn assert_manifest_describes(out: &Path) -> (Value, Vec<Value>) {
    let m = read_json(&out.join("manifest.json"));
    assert_eq!(m["schema_version"], 2, "manifest schema");
    for key in ["files", "articles"] {
        assert!(m.get(key).is_none(), "the manifest holds no {key}");
    }
    let index = read_jsonl(&out.join("index.jsonl"));
    let paths = file_paths(&index);
    assert!(
        paths.windows(2).all(|w| w[0] < w[1]),
        "index lines in path order, one per file: {paths:?}"
    );
    let text = fs::read_to_string(out.join("records.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let arts: Vec<(&Value, &Value)> = index
        .iter()
        .flat_map(|f| {
            f["articles"]
                .as_array()
                .expect("index articles")
                .iter()
                .map(move |a| (&f["path"], a))
        })
        .collect();
    assert_eq!(arts.len(), lines.len(), "one index article per record");
    let fp = m["rules_fingerprint"].as_str().unwrap();
    let version = m["pressmine_version"].as_str().unwrap();
    assert!(
        version.starts_with(env!("CARGO_PKG_VERSION")),
        "version {version}"
    );
    for ((path, a), line) in arts.iter().zip(&lines) {
        let r: Value = serde_json::from_str(line).unwrap();
        assert_eq!(a["id"], r["id"]);
        assert_eq!(*path, &r["source"]["path"], "{}", a["id"]);
        assert_eq!(a.get("line"), r["source"].get("line"), "{}", a["id"]);
        assert_eq!(a["sha256"], r["source"]["sha256"], "{}", a["id"]);
        assert_eq!(a["bytes"], r["source"]["bytes"], "{}", a["id"]);
        assert_eq!(
            a["record_sha256"].as_str().unwrap(),
            sha256(line.as_bytes()),
            "{}",
            a["id"]
        );
        assert_eq!(a["rules_fingerprint"].as_str().unwrap(), fp, "{}", a["id"]);
        assert_eq!(
            a["pressmine_version"].as_str().unwrap(),
            version,
            "{}",
            a["id"]
        );
    }
    for name in [
        "records.jsonl",
        "inspections.jsonl",
        "changes.jsonl",
        "skipped.jsonl",
        "index.jsonl",
    ] {
        let bytes = fs::read(out.join(name)).unwrap();
        assert_eq!(
            m["outputs"][name]["sha256"].as_str().unwrap(),
            sha256(&bytes),
            "outputs.{name}"
        );
        assert_eq!(m["outputs"][name]["bytes"], bytes.len(), "outputs.{name}");
    }
    (m, index)
}

/// The paths of the index lines, in order.
fn file_paths(index: &[Value]) -> Vec<String> {
    index
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// `n` articles under `dir`, copies of the corpus articles each with its own
/// closing line, in folders of 100.
fn generated_corpus(dir: &Path, n: usize) {
    let mut sources: Vec<PathBuf> = walk(&root().join("corpus"));
    sources.sort();
    let texts: Vec<Vec<u8>> = sources.iter().map(|s| fs::read(s).unwrap()).collect();
    for i in 0..n {
        let mut t = texts[i % texts.len()].clone();
        t.extend_from_slice(format!("\nReference PM-{i:05}.\n").as_bytes());
        write(dir, &format!("batch-{:02}/article-{i:05}.txt", i / 100), &t);
    }
}

/// Files in `out` whose name marks them temporary.
fn leftovers(out: &Path) -> Vec<String> {
    fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.starts_with(".lock"))
        .collect()
}

/// `records.jsonl` of `out` holds the bytes of `full`'s.
fn assert_same_records(out: &Path, full: &Path, what: &str) {
    assert_same_file(
        &out.join("records.jsonl"),
        &full.join("records.jsonl"),
        what,
    );
}

/// One more incremental run of `input` into `out`, checked: its summary
/// counts are `expected`, and its records and manifest are what a full run
/// (`full`) gives. Its stderr.
fn rerun_equals(input: &Path, out: &Path, full: &Path, expected: [usize; 6], what: &str) -> String {
    let err = run_ok(input, out, &[]);
    assert_eq!(counts(&err), expected, "{err}");
    assert_same_records(out, full, what);
    assert_manifest_describes(out);
    err
}

/// A refresh checked against a full run: `pressmine run INPUT --out OUT
/// [extra]` (incremental, required to succeed), then a `--full` run of the
/// same input into a fresh folder, whose `records.jsonl`, `inspections.jsonl`
/// and each file of `also` the refreshed `out` must equal byte for byte. The refresh's stderr,
/// and the full run's folder (keep it alive) with its output folder.
fn refresh_equals_full_run(
    input: &Path,
    out: &Path,
    extra: &[&str],
    also: &[&str],
) -> (String, TempDir, PathBuf) {
    let err = run_ok(input, out, extra);
    let (dir, full) = full_run(input, extra);
    for name in ["records.jsonl", "inspections.jsonl"].iter().chain(also) {
        assert_same_file(
            &out.join(name),
            &full.join(name),
            &format!("{name} after a refresh"),
        );
    }
    (err, dir, full)
}

const A_PROBATION: &str = "probation/2024-03-hmip-marlowe-vale-youth-justice-service.txt";
const A_NEWS: &str = "probation/2024-07-eastbridge-chronicle-youth-justice-good.txt";
const A_SCHOOL: &str = "ofsted/2024-06-pellworth-primary-outstanding.txt";
const A_CQC: &str = "cqc/2024-02-cqc-kestrel-lodge-care-home-inadequate.txt";
const A_PRISON: &str = "prisons/2024-07-hmip-hmp-ravensholt.txt";
const FEED_TEXT: &str = "Northmere probation service told it must improve\n\nNorthmere Probation Delivery Unit (PDU) has been rated 'Requires improvement' by HM Inspectorate of Probation.\n\nChief Inspector of Probation, Martin Jones CBE, said: \"Staff in Northmere are committed, but too many cases lacked a proper assessment of the risk of harm.\"\n";

// ---------------------------------------------------------------------------
// Adding, changing and deleting articles
// ---------------------------------------------------------------------------

#[test]
fn added_changed_and_deleted_articles_update_records_manifest_and_changes() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    write(&input, "a/probation.txt", &corpus_file(A_PROBATION));
    write(&input, "a/news.txt", &corpus_file(A_NEWS));
    write(&input, "b/school.txt", &corpus_file(A_SCHOOL));
    write(&input, "b/cqc.txt", &corpus_file(A_CQC));
    let feed = |second: &str| {
        format!(
            "{}\n{}\n{}\n",
            jsonl_line(Some("one"), FEED_TEXT),
            jsonl_line(Some("two"), second),
            jsonl_line(Some("three"), &FEED_TEXT.replace("Northmere", "Southmere"))
        )
    };
    write(
        &input,
        "feed.jsonl",
        feed(&FEED_TEXT.replace("Northmere", "Eastmere")).as_bytes(),
    );
    write(&input, "notes.pdf", b"%PDF-1.7\n");

    // First run: everything is new.
    let err = run_ok(&input, &out, &[]);
    assert_eq!(counts(&err), [7, 0, 0, 0, 7, 0], "first run:\n{err}");
    assert!(
        kinds(&out).values().all(|k| k == "added"),
        "{:?}",
        kinds(&out)
    );
    let (_, ix1) = assert_manifest_describes(&out);
    assert_eq!(
        file_paths(&ix1),
        [
            "a/news.txt",
            "a/probation.txt",
            "b/cqc.txt",
            "b/school.txt",
            "feed.jsonl",
            "notes.pdf"
        ]
    );
    let first = read_jsonl(&out.join("records.jsonl"));
    let old_of = |id: &str| first.iter().find(|r| r["id"] == id).unwrap().clone();

    // Change one article, one line of the feed; delete one; add one.
    let mut changed = corpus_file(A_NEWS);
    changed.extend_from_slice(b"\nThe service will be inspected again in 2027.\n");
    write(&input, "a/news.txt", &changed);
    write(
        &input,
        "feed.jsonl",
        feed(&FEED_TEXT.replace("Northmere", "Westmere")).as_bytes(),
    );
    fs::remove_file(input.join("b/cqc.txt")).unwrap();
    write(&input, "b/prison.txt", &corpus_file(A_PRISON));

    // Records: exactly what a full run writes, byte for byte; skipped too.
    let (err, _full_dir, _) = refresh_equals_full_run(&input, &out, &[], &["skipped.jsonl"]);
    // added: b/prison.txt; updated: a/news.txt, feed.jsonl#two; removed: b/cqc.txt;
    // unchanged: a/probation.txt, b/school.txt, feed.jsonl#one, feed.jsonl#three.
    // Extracted: the added and the two updated articles only.
    assert_eq!(counts(&err), [1, 2, 1, 4, 3, 4], "second run:\n{err}");
    let want: BTreeMap<String, String> = [
        ("a/news.txt", "updated"),
        ("a/probation.txt", "unchanged"),
        ("b/cqc.txt", "removed"),
        ("b/prison.txt", "added"),
        ("b/school.txt", "unchanged"),
        ("feed.jsonl#one", "unchanged"),
        ("feed.jsonl#three", "unchanged"),
        ("feed.jsonl#two", "updated"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(kinds(&out), want);

    // The index follows: the deleted file is gone, the new one is there.
    let (_, ix2) = assert_manifest_describes(&out);
    assert_eq!(
        file_paths(&ix2),
        [
            "a/news.txt",
            "a/probation.txt",
            "b/prison.txt",
            "b/school.txt",
            "feed.jsonl",
            "notes.pdf"
        ]
    );
    let news_file = ix2.iter().find(|f| f["path"] == "a/news.txt").unwrap();
    assert_eq!(news_file["sha256"].as_str().unwrap(), sha256(&changed));
    let news = &news_file["articles"][0];
    assert_eq!(news["id"], "a/news.txt");
    assert_eq!(news["sha256"].as_str().unwrap(), sha256(&changed));
    assert_eq!(news["bytes"], changed.len() as u64);

    // An updated record lists the values that changed, with old and new values.
    let records = read_jsonl(&out.join("records.jsonl"));
    let new_of = |id: &str| records.iter().find(|r| r["id"] == id).unwrap().clone();
    let all = changes(&out);
    let fields = |id: &str| -> BTreeMap<String, (Value, Value)> {
        all[id]["fields"]
            .as_array()
            .unwrap_or_else(|| panic!("{id}: no fields in {}", all[id]))
            .iter()
            .map(|f| {
                (
                    f["field"].as_str().unwrap().to_string(),
                    (f["old"].clone(), f["new"].clone()),
                )
            })
            .collect()
    };
    let news_fields = fields("a/news.txt");
    assert_eq!(
        news_fields["source.sha256"],
        (
            Value::from(sha256(&corpus_file(A_NEWS))),
            Value::from(sha256(&changed))
        )
    );
    assert_eq!(
        news_fields["source.bytes"],
        (
            Value::from(corpus_file(A_NEWS).len()),
            Value::from(changed.len())
        )
    );
    assert_changes_are_exact(
        &old_of("a/news.txt"),
        &new_of("a/news.txt"),
        &all["a/news.txt"],
    );
    let feed_fields = fields("feed.jsonl#two");
    assert!(feed_fields.contains_key("source.sha256"), "{feed_fields:?}");
    assert!(
        feed_fields
            .keys()
            .any(|f| f.starts_with("title") || f.starts_with("services")),
        "the place name changed in the title and services: {feed_fields:?}"
    );
    assert_changes_are_exact(
        &old_of("feed.jsonl#two"),
        &new_of("feed.jsonl#two"),
        &all["feed.jsonl#two"],
    );
    for (id, c) in &all {
        if c["change"] != "updated" {
            assert!(
                c.get("fields").is_none(),
                "{id}: only updated records list fields: {c}"
            );
        }
    }
    let removed = &all["b/cqc.txt"];
    assert_eq!(removed["path"], "b/cqc.txt");
    assert!(
        !records.iter().any(|r| r["source"]["path"] == "b/cqc.txt"),
        "the deleted article's record is dropped"
    );
}

/// Set a value at a `changes.jsonl` field path (`a.b[2].c`); `null` removes a key.
fn set_path(v: &mut Value, path: &str, new: Value) {
    let mut steps: Vec<(String, Option<usize>)> = Vec::new();
    for part in path.split('.') {
        let mut it = part.split('[');
        let key = it.next().unwrap().to_string();
        steps.push((key, None));
        for idx in it {
            steps.push((
                String::new(),
                Some(idx.trim_end_matches(']').parse().unwrap()),
            ));
        }
    }
    let mut cur = v;
    let last = steps.len() - 1;
    for (i, (key, idx)) in steps.into_iter().enumerate() {
        if let Some(n) = idx {
            cur = &mut cur.as_array_mut().unwrap()[n];
            if i == last {
                *cur = new;
                return;
            }
        } else if i == last {
            let obj = cur.as_object_mut().unwrap();
            if new.is_null() && !obj.contains_key(&key) {
                return;
            }
            obj.insert(key, new);
            return;
        } else {
            cur = cur.get_mut(&key).unwrap();
        }
    }
}

fn get_path<'v>(v: &'v Value, path: &str) -> &'v Value {
    let mut cur = v;
    for part in path.split('.') {
        let mut it = part.split('[');
        cur = &cur[it.next().unwrap()];
        for idx in it {
            cur = &cur[idx.trim_end_matches(']').parse::<usize>().unwrap()];
        }
    }
    cur
}

/// Every listed change holds the record's old and new value at its path, and
/// applying them all to the old record gives the new one: the change list is
/// exact and complete.
fn assert_changes_are_exact(old: &Value, new: &Value, change: &Value) {
    let id = change["id"].as_str().unwrap();
    assert_eq!(change["change"], "updated", "{id}");
    let mut rebuilt = old.clone();
    for f in change["fields"].as_array().unwrap() {
        let path = f["field"].as_str().unwrap();
        assert_eq!(get_path(old, path), &f["old"], "{id}: old value of {path}");
        assert_eq!(get_path(new, path), &f["new"], "{id}: new value of {path}");
        assert_ne!(f["old"], f["new"], "{id}: {path} listed but unchanged");
        set_path(&mut rebuilt, path, f["new"].clone());
    }
    // Keys that are absent when empty (`continued`, `cue_rule`) compare as absent.
    let strip = |v: &Value| -> Value {
        let mut s = serde_json::to_string(v).unwrap();
        s = s
            .replace(",\"continued\":null", "")
            .replace(",\"cue_rule\":null", "");
        serde_json::from_str(&s).unwrap()
    };
    assert_eq!(
        strip(&rebuilt),
        strip(new),
        "{id}: the listed changes do not turn the old record into the new one"
    );
}

// ---------------------------------------------------------------------------
// Nothing changed
// ---------------------------------------------------------------------------

#[test]
fn unchanged_rerun_extracts_nothing() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    for (i, a) in [A_PROBATION, A_NEWS, A_SCHOOL, A_CQC].iter().enumerate() {
        write(&input, &format!("x/{i}.txt"), &corpus_file(a));
    }
    write(
        &input,
        "feed.jsonl",
        format!("{}\n", jsonl_line(Some("one"), FEED_TEXT)).as_bytes(),
    );
    write(&input, "empty.txt", b"");
    // Let the files age past the window in which a write may leave the times as
    // they were, so that the first run records them and the second trusts them.
    std::thread::sleep(Duration::from_millis(2300));

    let err = run_ok(&input, &out, &["--threads", "2"]);
    assert_eq!(counts(&err), [5, 0, 0, 0, 5, 0], "{err}");
    let records = fs::read(out.join("records.jsonl")).unwrap();
    let skipped = fs::read(out.join("skipped.jsonl")).unwrap();
    let ix1 = read_jsonl(&out.join("index.jsonl"));
    assert_eq!(ix1.len(), 6, "one index line per input file");
    for f in &ix1 {
        assert!(
            f["mtime_ns"].is_i64(),
            "times of an old file are recorded: {f}"
        );
    }

    for threads in ["1", "2"] {
        let err = run_ok(&input, &out, &["--threads", threads]);
        assert_eq!(
            counts(&err),
            [0, 0, 0, 5, 0, 5],
            "an unchanged re-run re-extracts nothing:\n{err}"
        );
        assert_eq!(
            fs::read(out.join("records.jsonl")).unwrap(),
            records,
            "records.jsonl changed"
        );
        assert_eq!(
            fs::read(out.join("skipped.jsonl")).unwrap(),
            skipped,
            "skipped.jsonl changed"
        );
        assert!(
            kinds(&out).values().all(|k| k == "unchanged"),
            "{:?}",
            kinds(&out)
        );
        let (_, ix) = assert_manifest_describes(&out);
        assert_eq!(ix, ix1, "the index of an unchanged re-run");
        assert!(!err.contains("rule files changed"), "{err}");
    }

    // Same size, modification time put back: the status-change time still gives
    // the edit away.
    let path = input.join("x/2.txt");
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let mut text = fs::read(&path).unwrap();
    let at = text
        .windows(4)
        .position(|w| w == b"Good" || w == b"good")
        .expect("a 'good' to flip");
    text[at..at + 4].copy_from_slice(b"Poor");
    fs::write(&path, &text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let (err, _d, _) = refresh_equals_full_run(&input, &out, &[], &[]);
    assert_eq!(counts(&err), [0, 1, 0, 4, 1, 4], "{err}");
    assert_eq!(kinds(&out)["x/2.txt"], "updated");
}

// ---------------------------------------------------------------------------
// Rule edits and program versions
// ---------------------------------------------------------------------------

#[test]
fn rule_edit_reextracts_and_reports_exactly_the_changed_values() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    let rules = rules_copy(dir.path());
    write(&input, "probation-1.txt", &corpus_file(A_PROBATION));
    write(&input, "probation-2.txt", &corpus_file(A_NEWS));
    write(&input, "school.txt", &corpus_file(A_SCHOOL));
    write(&input, "prison.txt", &corpus_file(A_PRISON));
    let r = ["--rules", p(&rules)];
    run_ok(&input, &out, &r);
    let before = read_jsonl(&out.join("records.jsonl"));
    let probation: Vec<String> = before
        .iter()
        .filter(|r| r["inspectorate"]["acronym"] == "HMI Probation")
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        probation,
        ["probation-1.txt", "probation-2.txt"],
        "records naming HMI Probation"
    );

    // One phrase of one rule file, and a comment in another (which changes its
    // hash but no value).
    edit(
        &rules.join("inspectorates.toml"),
        "acronym = \"HMI Probation\"",
        "acronym = \"HM Insp. Probation\"",
    );
    let scales = rules.join("scales.toml");
    let text = fs::read_to_string(&scales).unwrap();
    fs::write(&scales, format!("# edited\n{text}")).unwrap();

    let (err, _d, _) = refresh_equals_full_run(&input, &out, &r, &[]);
    assert_eq!(
        counts(&err),
        [0, 2, 0, 2, 4, 0],
        "every article is extracted again:\n{err}"
    );
    assert!(err.contains("rule files changed"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("inspectorates.toml") && l.contains("2 record(s) changed")),
        "the summary names inspectorates.toml and the records it changed:\n{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("scales.toml") && l.contains("0 record(s) changed")),
        "the summary names scales.toml, which changed no record:\n{err}"
    );
    let after = read_jsonl(&out.join("records.jsonl"));
    let all = changes(&out);
    for id in ["school.txt", "prison.txt"] {
        assert_eq!(all[id]["change"], "unchanged", "{id}");
    }
    for id in &probation {
        let c = &all[id.as_str()];
        assert_eq!(
            c["fields"],
            serde_json::json!([{"field": "inspectorate.acronym", "old": "HMI Probation", "new": "HM Insp. Probation"}]),
            "{id}"
        );
        let find = |rs: &[Value]| rs.iter().find(|r| r["id"] == *id).unwrap().clone();
        assert_changes_are_exact(&find(&before), &find(&after), c);
    }
    assert_manifest_describes(&out);

    // Once more, unchanged: nothing is extracted and the summary names no rule file.
    let err = run_ok(&input, &out, &r);
    assert_eq!(counts(&err), [0, 0, 0, 4, 0, 4], "{err}");
    assert!(!err.contains("rule files changed"), "{err}");
}

#[test]
fn another_pressmine_version_reextracts_everything() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    write(&input, "a.txt", &corpus_file(A_PROBATION));
    write(&input, "b.txt", &corpus_file(A_SCHOOL));
    run_ok(&input, &out, &[]);
    let records = fs::read(out.join("records.jsonl")).unwrap();
    // As written by an older pressmine: its version in the manifest and in every
    // index entry, and the index's hash in the manifest.
    let path = out.join("manifest.json");
    let mut m = read_json(&path);
    let current = m["pressmine_version"].as_str().unwrap().to_string();
    let old = "0.0.1+0123456789ab";
    let index = fs::read_to_string(out.join("index.jsonl")).unwrap();
    assert_eq!(index.matches(&current).count(), 2, "{index}");
    let index = index.replace(&current, old);
    fs::write(out.join("index.jsonl"), &index).unwrap();
    m["pressmine_version"] = Value::from(old);
    m["outputs"]["index.jsonl"] =
        serde_json::json!({"bytes": index.len(), "sha256": sha256(index.as_bytes())});
    fs::write(&path, serde_json::to_string_pretty(&m).unwrap()).unwrap();
    let err = run_ok(&input, &out, &[]);
    assert!(!err.contains("previous manifest not used"), "{err}");
    assert_eq!(counts(&err), [0, 0, 0, 2, 2, 0], "{err}");
    assert!(err.contains("pressmine version changed"), "{err}");
    assert_eq!(fs::read(out.join("records.jsonl")).unwrap(), records);
    assert_manifest_describes(&out);
    // `--full` extracts everything too, and says so.
    let err = run_ok(&input, &out, &["--full"]);
    assert_eq!(counts(&err), [0, 0, 0, 2, 2, 0], "{err}");
    assert!(err.contains("--full"), "{err}");
}

// ---------------------------------------------------------------------------
// Crash safety
// ---------------------------------------------------------------------------

/// Start `pressmine run INPUT --out OUT` and SIGKILL it as soon as `ready` says
/// so (polled every millisecond). Fails when the run ends first.
fn kill_when(input: &Path, out: &Path, what: &str, ready: impl Fn() -> bool) {
    let mut child: Child = cmd(&["run", p(input), "--out", p(out), "--threads", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("cannot start pressmine");
    let start = Instant::now();
    loop {
        if ready() {
            child.kill().unwrap();
            child.wait().unwrap();
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the run ended ({status}) before the kill point ({what})");
        }
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "kill point never reached: {what}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn tmp_size(out: &Path) -> Option<u64> {
    fs::metadata(out.join(".records.jsonl.tmp"))
        .ok()
        .map(|m| m.len())
}

#[test]
fn run_killed_mid_write_leaves_the_previous_dataset_and_the_next_run_completes() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    // Two chunks of work (chunks are 512 files), so a kill can land between them.
    generated_corpus(&input, 700);

    // The very first run, killed while records.jsonl is being written: no dataset.
    kill_when(&input, &out, "first run writing records", || {
        tmp_size(&out).is_some_and(|n| n > 0)
    });
    assert!(
        !out.join("records.jsonl").exists(),
        "a killed first run leaves no records.jsonl"
    );
    assert!(
        !out.join("manifest.json").exists(),
        "a killed first run leaves no manifest"
    );
    let err = run_ok(&input, &out, &[]);
    assert!(
        err.contains("taking over the lock"),
        "the dead run's lock is taken over with a warning:\n{err}"
    );
    assert_eq!(counts(&err), [700, 0, 0, 0, 700, 0], "{err}");
    assert!(
        leftovers(&out).is_empty(),
        "left over: {:?}",
        leftovers(&out)
    );
    let records = fs::read(out.join("records.jsonl")).unwrap();
    let manifest = fs::read(out.join("manifest.json")).unwrap();
    let index = fs::read(out.join("index.jsonl")).unwrap();
    let changes_file = fs::read(out.join("changes.jsonl")).unwrap();

    // Change every article, then kill refreshes at two points of their writing.
    for f in walk(&input) {
        let mut t = fs::read(&f).unwrap();
        t.extend_from_slice(b"Updated.\n");
        fs::write(&f, t).unwrap();
    }
    let points: [(&str, &dyn Fn() -> bool); 2] = [
        ("records.jsonl being written", &|| tmp_size(&out).is_some()),
        ("records.jsonl holding data", &|| {
            tmp_size(&out).is_some_and(|n| n > 0)
        }),
    ];
    for (what, ready) in points {
        kill_when(&input, &out, what, ready);
        assert_eq!(
            fs::read(out.join("records.jsonl")).unwrap(),
            records,
            "killed at {what}: records.jsonl"
        );
        assert_eq!(
            fs::read(out.join("manifest.json")).unwrap(),
            manifest,
            "killed at {what}: manifest.json"
        );
        assert_eq!(
            fs::read(out.join("index.jsonl")).unwrap(),
            index,
            "killed at {what}: index.jsonl"
        );
        assert_eq!(
            fs::read(out.join("changes.jsonl")).unwrap(),
            changes_file,
            "killed at {what}: changes.jsonl"
        );
        assert!(
            out.join(".lock").exists(),
            "the killed run's lock is left behind"
        );
    }

    let (err, _d, _) = refresh_equals_full_run(&input, &out, &[], &[]);
    assert!(err.contains("taking over the lock"), "{err}");
    assert_eq!(counts(&err), [0, 700, 0, 0, 700, 0], "{err}");
    assert!(
        leftovers(&out).is_empty(),
        "left over: {:?}",
        leftovers(&out)
    );
    assert_manifest_describes(&out);
}

#[test]
fn a_run_stopped_between_renames_is_finished_by_the_next() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    write(&input, "a.txt", &corpus_file(A_PROBATION));
    write(&input, "b.txt", &corpus_file(A_SCHOOL));
    write(&input, "c.txt", &corpus_file(A_CQC));
    run_ok(&input, &out, &[]);
    let old: BTreeMap<&str, Vec<u8>> = [
        "records.jsonl",
        "manifest.json",
        "changes.jsonl",
        "skipped.jsonl",
        "index.jsonl",
    ]
    .into_iter()
    .map(|n| (n, fs::read(out.join(n)).unwrap()))
    .collect();

    let mut changed = corpus_file(A_SCHOOL);
    changed.extend_from_slice(b"\nThe school was last inspected in 2019.\n");
    write(&input, "b.txt", &changed);
    fs::remove_file(input.join("c.txt")).unwrap();
    let (_, _d, full) = refresh_equals_full_run(&input, &out, &[], &[]);

    // Stopped after index.jsonl was renamed into place, before the manifest: the
    // new index is not the one the old manifest describes, so nothing is reused.
    fs::write(out.join("manifest.json"), &old["manifest.json"]).unwrap();
    let err = rerun_equals(&input, &out, &full, [0, 0, 0, 2, 2, 0], "records.jsonl");
    assert!(
        err.contains("previous manifest not used") && err.contains("index.jsonl"),
        "{err}"
    );

    // Stopped after records.jsonl was renamed into place, before the manifest:
    // new records, old manifest (and old changes, skipped and index files).
    for n in [
        "manifest.json",
        "changes.jsonl",
        "skipped.jsonl",
        "index.jsonl",
    ] {
        fs::write(out.join(n), &old[n]).unwrap();
    }
    // b.txt's record is already the new one: its index entry does not describe
    // the input, so it is extracted again, and matches.
    rerun_equals(&input, &out, &full, [0, 0, 0, 2, 1, 1], "records.jsonl");

    // Not something pressmine leaves, but handled the same way: an old
    // records.jsonl under an index that describes newer records.
    fs::write(out.join("records.jsonl"), &old["records.jsonl"]).unwrap();
    rerun_equals(&input, &out, &full, [0, 1, 1, 1, 1, 1], "records.jsonl");
}

// ---------------------------------------------------------------------------
// The lock
// ---------------------------------------------------------------------------

#[test]
fn two_runs_on_one_output_folder_one_proceeds_the_other_refuses() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    generated_corpus(&input, 300);
    let first = cmd(&["run", p(&input), "--out", p(&out)])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !out.join(".lock").exists() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the first run never took the lock"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let second = cmd(&["refresh", p(&input), "--out", p(&out)])
        .output()
        .unwrap();
    let first_pid = first.id();
    let first = first.wait_with_output().unwrap();
    assert!(
        first.status.success(),
        "the first run proceeds:\n{}",
        stderr(&first)
    );
    assert_eq!(
        second.status.code(),
        Some(2),
        "the second run refuses:\n{}",
        stderr(&second)
    );
    let msg = stderr(&second);
    assert!(
        msg.contains("in use by another pressmine run")
            && msg.contains(&format!("pid {first_pid}")),
        "the refusal names the running run:\n{msg}"
    );
    assert!(
        !out.join(".lock").exists(),
        "the lock is released at the end"
    );
    assert!(
        leftovers(&out).is_empty(),
        "left over: {:?}",
        leftovers(&out)
    );
    assert_eq!(counts(&stderr(&first))[0], 300);

    // A lock left by a process that is gone is taken over, with a warning.
    let mut dead = Command::new("true").spawn().unwrap();
    let dead_pid = dead.id();
    dead.wait().unwrap();
    fs::write(out.join(".lock"), format!("{dead_pid}\n")).unwrap();
    let err = run_ok(&input, &out, &[]);
    assert!(
        err.contains("warning: taking over the lock") && err.contains(&format!("pid {dead_pid}")),
        "{err}"
    );
    assert_eq!(counts(&err), [0, 0, 0, 300, 0, 300], "{err}");
    assert!(!out.join(".lock").exists());
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

#[test]
fn refresh_is_an_alias_of_run_and_says_so() {
    let help = cmd(&["--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("refresh"))
        .unwrap_or_else(|| panic!("no refresh command in:\n{text}"));
    assert!(line.contains("Alias of `run`"), "{line}");
    let help = cmd(&["refresh", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("Alias of `run`") && text.contains("--full"),
        "{text}"
    );
    let help = cmd(&["run", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("Incremental") && text.contains("--full"),
        "{text}"
    );

    // Same outputs either way.
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    write(&input, "a.txt", &corpus_file(A_NEWS));
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run_ok(&input, &a, &[]);
    let o = cmd(&["refresh", p(&input), "--out", p(&b)])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_same_file(
        &a.join("records.jsonl"),
        &b.join("records.jsonl"),
        "records.jsonl",
    );
}

#[test]
fn a_damaged_manifest_is_set_aside_with_a_note() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    write(&input, "a.txt", &corpus_file(A_PROBATION));
    write(&input, "b.txt", &corpus_file(A_SCHOOL));
    run_ok(&input, &out, &[]);
    let records = fs::read(out.join("records.jsonl")).unwrap();
    fs::write(
        out.join("manifest.json"),
        b"{\"schema_version\": 1, \"pressmine_vers",
    )
    .unwrap();
    let err = run_ok(&input, &out, &[]);
    assert!(err.contains("previous manifest not used"), "{err}");
    // Nothing is reused without a manifest, but the records are compared with
    // the previous ones all the same.
    assert_eq!(counts(&err), [0, 0, 0, 2, 2, 0], "{err}");
    assert_eq!(fs::read(out.join("records.jsonl")).unwrap(), records);
    assert_manifest_describes(&out);
}

#[test]
fn a_damaged_index_is_set_aside_with_a_note() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    write(&input, "a.txt", &corpus_file(A_PROBATION));
    write(&input, "b.txt", &corpus_file(A_SCHOOL));
    write(
        &input,
        "feed.jsonl",
        format!("{}\n", jsonl_line(Some("one"), FEED_TEXT)).as_bytes(),
    );
    run_ok(&input, &out, &[]);
    let (_d, full) = full_run(&input, &[]);

    // One byte of one record hash: the index still parses, but it is not the one
    // the manifest describes.
    let path = out.join("index.jsonl");
    let mut bytes = fs::read(&path).unwrap();
    let at = bytes
        .windows(17)
        .position(|w| w == b"\"record_sha256\":\"")
        .unwrap()
        + 17;
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    fs::write(&path, &bytes).unwrap();
    let err = rerun_equals(
        &input,
        &out,
        &full,
        [0, 0, 0, 3, 3, 0],
        "records.jsonl after a damaged index",
    );
    assert!(
        err.contains("previous manifest not used") && err.contains("index.jsonl"),
        "{err}"
    );
    let err = run_ok(&input, &out, &[]);
    assert_eq!(
        counts(&err),
        [0, 0, 0, 3, 0, 3],
        "the index is whole again: {err}"
    );

    // A missing index: the same.
    fs::remove_file(&path).unwrap();
    let err = rerun_equals(
        &input,
        &out,
        &full,
        [0, 0, 0, 3, 3, 0],
        "records.jsonl after a missing index",
    );
    assert!(
        err.contains("previous manifest not used") && err.contains("missing"),
        "{err}"
    );
}

#[test]
fn a_manifest_of_the_previous_schema_is_set_aside_with_a_note() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    write(&input, "a.txt", &corpus_file(A_PROBATION));
    write(&input, "b.txt", &corpus_file(A_SCHOOL));
    run_ok(&input, &out, &[]);
    let records = fs::read(out.join("records.jsonl")).unwrap();
    // Schema 1 held every file and article in the manifest, and had no index.
    let path = out.join("manifest.json");
    let mut m = read_json(&path);
    let index = read_jsonl(&out.join("index.jsonl"));
    m["schema_version"] = Value::from(1);
    m["outputs"].as_object_mut().unwrap().remove("index.jsonl");
    m["files"] = Value::from(index.clone());
    m["articles"] = index
        .iter()
        .flat_map(|f| f["articles"].as_array().unwrap().clone())
        .collect();
    fs::write(&path, serde_json::to_string_pretty(&m).unwrap()).unwrap();
    fs::remove_file(out.join("index.jsonl")).unwrap();
    let err = run_ok(&input, &out, &[]);
    assert!(
        err.contains("previous manifest not used") && err.contains("manifest schema 1"),
        "{err}"
    );
    assert_eq!(counts(&err), [0, 0, 0, 2, 2, 0], "{err}");
    assert_eq!(fs::read(out.join("records.jsonl")).unwrap(), records);
    assert_manifest_describes(&out);
    let err = run_ok(&input, &out, &[]);
    assert_eq!(counts(&err), [0, 0, 0, 2, 0, 2], "{err}");
}
