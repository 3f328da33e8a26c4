//! What the integration tests share: locating and running the `pressmine`
//! binary (from the crate root, or another folder), reading what it wrote
//! (JSON, JSON Lines), copies of the shipped rules and corpus articles to
//! edit in temporary folders, and common assertions.
//!
//! Each test file takes it with `mod support;`; not every test uses every
//! helper, hence `allow(dead_code)`.

#![allow(dead_code)]

pub mod fuzz_checks;

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// The binary
// ---------------------------------------------------------------------------

/// What a run writes into its output folder, sorted: every file and the two
/// folders (`report/`, `tables/`).
pub const OUTPUT_NAMES: [&str; 8] = [
    "changes.jsonl",
    "index.jsonl",
    "inspections.jsonl",
    "manifest.json",
    "records.jsonl",
    "report",
    "skipped.jsonl",
    "tables",
];

/// The crate root: the folder holding `rules/` and `corpus/`.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The built `pressmine` binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pressmine")
}

/// `pressmine ARGS` to run from the crate root (not started yet).
pub fn cmd(args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args).current_dir(root());
    c
}

/// Run `pressmine ARGS` from the crate root, whatever its exit status.
pub fn pressmine(args: &[&str]) -> Output {
    cmd(args)
        .output()
        .expect("cannot start the pressmine binary")
}

/// Run `pressmine ARGS` from `cwd`, whatever its exit status.
pub fn pressmine_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("cannot start the pressmine binary")
}

/// Run `pressmine ARGS` from the crate root and require success.
pub fn pressmine_ok(args: &[&str]) -> Output {
    assert_success(pressmine(args), args)
}

/// `o`, once it is known to have exited 0 (else a panic showing `args` and stderr).
pub fn assert_success(o: Output, args: &[&str]) -> Output {
    assert!(
        o.status.success(),
        "pressmine {args:?} failed ({}):\n{}",
        o.status,
        stderr(&o)
    );
    o
}

/// `pressmine run INPUT --out OUT [extra...]`, required to succeed; its stderr.
pub fn run_ok(input: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["run", p(input), "--out", p(out)];
    args.extend_from_slice(extra);
    stderr(&pressmine_ok(&args))
}

/// A `--full` run of `input` into a fresh folder: what every refresh must equal.
/// The folder (keep it alive) and the output folder in it.
pub fn full_run(input: &Path, extra: &[&str]) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    let mut args = vec!["--full"];
    args.extend_from_slice(extra);
    run_ok(input, &out, &args);
    (dir, out)
}

/// A path as an argument.
pub fn p(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// What the command wrote to stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What the command wrote to stdout.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

// ---------------------------------------------------------------------------
// Reading output
// ---------------------------------------------------------------------------

/// Every line of a JSON Lines file, parsed.
pub fn read_jsonl(path: &Path) -> Vec<Value> {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}:{}: not JSON: {e}", path.display(), i + 1))
        })
        .collect()
}

/// A JSON file, parsed.
pub fn read_json(path: &Path) -> Value {
    serde_json::from_slice(
        &fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())),
    )
    .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// The records of an output folder.
pub fn records(out: &Path) -> Vec<Value> {
    read_jsonl(&out.join("records.jsonl"))
}

/// The one record of a full run over one article, `text`, written for a test.
pub fn record_of(text: &str) -> Value {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", text.as_bytes());
    let (_keep, out) = full_run(dir.path(), &["--no-report", "--no-tables"]);
    let mut recs = records(&out);
    assert_eq!(recs.len(), 1, "one article, one record");
    recs.remove(0)
}

/// The (`name`, `field`) of every item of the record's array `list`
/// (`services`, `officials`), `field` empty where the item has none.
pub fn names_with(rec: &Value, list: &str, field: &str) -> Vec<(String, String)> {
    rec[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["name"].as_str().unwrap().to_string(),
                x[field].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Both files exist and hold the same bytes.
pub fn assert_same_file(a: &Path, b: &Path, what: &str) {
    let (x, y) = (fs::read(a).unwrap(), fs::read(b).unwrap());
    if x != y {
        let at = x
            .iter()
            .zip(&y)
            .position(|(m, n)| m != n)
            .unwrap_or(x.len().min(y.len()));
        panic!(
            "{what}: {} and {} differ (sizes {} and {}, first difference at byte {at})",
            a.display(),
            b.display(),
            x.len(),
            y.len()
        );
    }
}

// ---------------------------------------------------------------------------
// Input and rules to edit
// ---------------------------------------------------------------------------

/// Write `bytes` to `dir/rel`, creating its folders.
pub fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// One JSON Lines input line: `{"id", "text"}` (no `id` when `None`).
pub fn jsonl_line(id: Option<&str>, text: &str) -> String {
    let mut obj = serde_json::Map::new();
    if let Some(id) = id {
        obj.insert("id".into(), Value::String(id.into()));
    }
    obj.insert("text".into(), Value::String(text.into()));
    Value::Object(obj).to_string()
}

/// The bytes of `corpus/REL`.
pub fn corpus_file(rel: &str) -> Vec<u8> {
    fs::read(root().join("corpus").join(rel)).unwrap_or_else(|e| panic!("corpus/{rel}: {e}"))
}

/// Every file under `dir`, recursively (in no particular order).
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

/// Copy the files directly in `from` (not its folders) into `to`.
pub fn copy_files(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Copy `from` into `to`, folders included.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A copy of the rule files of the shipped rules folder, in `dir/rules`,
/// without its `gazetteers/` folder (so without service gazetteers).
pub fn rules_copy(dir: &Path) -> PathBuf {
    let dest = dir.join("rules");
    copy_files(&root().join("rules"), &dest);
    dest
}

/// A copy of the whole shipped rules folder, its `gazetteers/` folder
/// included, in `dir/rules`.
pub fn rules_tree_copy(dir: &Path) -> PathBuf {
    let dest = dir.join("rules");
    copy_tree(&root().join("rules"), &dest);
    dest
}

/// Replace the first `old` in `path` with `new` (`old` must be there); the
/// 1-based line where it starts.
pub fn edit(path: &Path, old: &str, new: &str) -> usize {
    let text = fs::read_to_string(path).unwrap();
    let at = text.find(old).unwrap_or_else(|| {
        panic!(
            "{} no longer contains {old:?}: update this test",
            path.display()
        )
    });
    fs::write(path, text.replacen(old, new, 1)).unwrap();
    text[..at].matches('\n').count() + 1
}

/// Replace `old` in `path` with `new`; `old` must occur exactly once.
pub fn edit_once(path: &Path, old: &str, new: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(old).count(),
        1,
        "{old:?} should occur once in {}",
        path.display()
    );
    fs::write(path, text.replace(old, new)).unwrap();
}
