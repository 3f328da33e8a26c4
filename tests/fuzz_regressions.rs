//! Replays the saved fuzz inputs in `tests/fuzz_regressions/TARGET/` through the
//! code path of each fuzz target (`tests/support/fuzz_checks.rs`).

mod support;

use support::{fuzz_checks, root};

use std::path::{Path, PathBuf};
use std::time::Instant;

/// Every saved input of `target` (README files aside), sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/fuzz_regressions").join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn replay(target: &str, run: impl Fn(&Path, &[u8])) {
    let root = root();
    for path in inputs(target) {
        let data = std::fs::read(&path).unwrap();
        let t = Instant::now();
        run(&root, &data);
        eprintln!(
            "{target}: {} ({} bytes) ok in {:.2} s",
            path.display(),
            data.len(),
            t.elapsed().as_secs_f64()
        );
    }
}

#[test]
fn ingest_to_record_regressions() {
    replay("ingest_to_record", fuzz_checks::ingest_to_record);
}

#[test]
fn rules_parse_regressions() {
    replay("rules_parse", fuzz_checks::rules_parse);
}

#[test]
fn html_reduce_regressions() {
    replay("html_reduce", |_, d| fuzz_checks::html_reduce(d));
}
