//! `pressmine run --shard I/N`: N shards partition a folder, each article in
//! exactly one, and together they give the records of one run over the whole.

mod support;

use support::{p, pressmine, pressmine_ok, run_ok};

use std::path::Path;

/// `pressmine run corpus --no-report --out OUT [extra]`, required to succeed;
/// the lines of its records.
fn run(out: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["run", "corpus", "--no-report", "--out", p(out)];
    args.extend_from_slice(extra);
    pressmine_ok(&args);
    std::fs::read_to_string(out.join("records.jsonl"))
        .expect("records written")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn shards_partition_the_folder_and_add_up_to_one_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let whole = run(&dir.path().join("whole"), &[]);
    let mut union: Vec<String> = Vec::new();
    let mut sizes = Vec::new();
    for i in 1..=3 {
        let part = run(
            &dir.path().join(format!("s{i}")),
            &["--shard", &format!("{i}/3")],
        );
        sizes.push(part.len());
        union.extend(part);
    }
    assert!(
        sizes.iter().all(|&n| n > 0),
        "every shard gets some articles: {sizes:?}"
    );
    union.sort();
    let mut whole_sorted = whole.clone();
    whole_sorted.sort();
    assert_eq!(
        union, whole_sorted,
        "the shards together are the whole run, each article once"
    );
    // The same shard twice is the same part.
    let again = run(&dir.path().join("s1b"), &["--shard", "1/3"]);
    let first = run(&dir.path().join("s1c"), &["--shard", "1/3"]);
    assert_eq!(again, first);
}

#[test]
fn a_bad_shard_is_refused() {
    for bad in ["0/3", "4/3", "2", "a/b"] {
        let out = pressmine(&[
            "run",
            "corpus",
            "--out",
            "/nonexistent-never-written",
            "--shard",
            bad,
        ]);
        assert!(!out.status.success(), "--shard {bad} must be refused");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("shard"),
            "message names the shard"
        );
    }
}

#[test]
fn a_shard_refreshes_its_own_part() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("s2");
    let run_err = || {
        run_ok(
            Path::new("corpus"),
            &out,
            &["--no-report", "--shard", "2/3"],
        )
    };
    run_err();
    let records = std::fs::read(out.join("records.jsonl")).expect("records written");
    // The index has one line per file of the shard, in the records' order.
    let paths = |name: &str, field: fn(&serde_json::Value) -> &serde_json::Value| {
        std::fs::read_to_string(out.join(name))
            .expect("written")
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
                field(&v).as_str().expect("a path").to_string()
            })
            .collect::<Vec<_>>()
    };
    let indexed = paths("index.jsonl", |v| &v["path"]);
    assert!(!indexed.is_empty());
    assert_eq!(indexed, paths("records.jsonl", |v| &v["source"]["path"]));
    // Run again: every record is reused, none is extracted.
    let err = run_err();
    let n = indexed.len();
    assert!(
        err.contains(&format!(
            "0 added, 0 updated, 0 removed, {n} unchanged (0 article(s) extracted, {n} record(s) reused)"
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read(out.join("records.jsonl")).expect("records written"),
        records
    );
}
