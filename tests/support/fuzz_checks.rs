//! The code paths the fuzz targets in `fuzz/` drive, shared with the regression
//! test that replays their saved inputs (`tests/fuzz_regressions.rs`), so a saved
//! input goes through exactly what the fuzzer ran. Each function panics when an
//! invariant breaks; none may panic for any input.

#![allow(dead_code)]

use pressmine::extract;
use pressmine::ingest::{self, Article, SourceFile};
use pressmine::record::Record;
use pressmine::rules::{self, RuleSet};
use pressmine::span::Span;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Per-article limit used by the targets: big enough for any fuzz input.
pub const FUZZ_MAX_BYTES: u64 = 1 << 20;

/// The crate root (the folder holding `rules/`), from the fuzz crate or the main one.
pub fn crate_root(manifest_dir: &str) -> PathBuf {
    let dir = PathBuf::from(manifest_dir);
    if dir.join("rules").is_dir() {
        dir
    } else {
        dir.join("..")
    }
}

/// The shipped rules, loaded once per process.
pub fn shipped_rules(root: &Path) -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(
        || match rules::load(&rules::RuleSource::Folder(root.join("rules"))) {
            Ok(r) => r,
            Err(e) => panic!("the shipped rules do not load: {e}"),
        },
    )
}

/// One scratch folder per process (the targets run one input at a time).
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::TempDir::new().expect("a temporary folder"))
        .path()
}

/// Write `bytes` as `name` in the scratch folder and load it like the pipeline does.
pub fn load_bytes(name: &str, bytes: &[u8]) -> (Vec<Article>, Vec<pressmine::record::Skipped>) {
    let path = scratch().join(name);
    std::fs::write(&path, bytes).expect("write the scratch file");
    let file = SourceFile {
        path,
        rel: name.to_string(),
    };
    let out = ingest::load_with_limit(&file, FUZZ_MAX_BYTES);
    assert!(
        !out.0.is_empty() || !out.1.is_empty(),
        "{name}: neither an article nor a skip reason"
    );
    for s in &out.1 {
        assert!(
            !s.reason.trim().is_empty(),
            "{name}: skipped without a reason"
        );
    }
    out
}

/// Panics unless `span` is in bounds and on character boundaries of `text`.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} out of bounds (text is {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} not on character boundaries"
    );
}

/// Every span of a record, checked against the article text.
pub fn check_record(text: &str, r: &Record) {
    for (k, p) in &r.provenance {
        if let Some(s) = p.span {
            check_span(text, s, &format!("provenance.{k}"));
        }
    }
    if let Some(i) = &r.inspectorate {
        if let Some(s) = i.span {
            check_span(text, s, "inspectorate");
        }
    }
    for s in &r.services {
        for &sp in &s.spans {
            check_span(text, sp, "service");
        }
    }
    for x in &r.ratings {
        check_span(text, x.span, "rating");
    }
    for q in &r.quotes {
        check_span(text, q.span, "quote");
        for &c in &q.continued {
            check_span(text, c, "quote.continued");
        }
    }
    for o in &r.officials {
        check_span(text, o.span, "official");
    }
    for t in &r.themes {
        for e in &t.evidence {
            check_span(text, e.span, "theme evidence");
            check_span(text, e.sentence, "theme sentence");
        }
    }
    for d in &r.dates {
        check_span(text, d.span, "date");
    }
}

/// The extension an `ingest_to_record` input is written with: its first byte picks it.
pub fn pick_ext(data: &[u8]) -> (&'static str, &[u8]) {
    match data.split_first() {
        Some((b, rest)) => (["txt", "html", "jsonl"][(*b % 3) as usize], rest),
        None => ("txt", data),
    }
}

/// Fuzz target `ingest_to_record`: bytes -> file -> articles -> records.
pub fn ingest_to_record(root: &Path, data: &[u8]) {
    let rules = shipped_rules(root);
    let (ext, body) = pick_ext(data);
    let (articles, _) = load_bytes(&format!("input.{ext}"), body);
    for a in &articles {
        let r = extract::extract(a, rules);
        check_record(&a.text, &r);
    }
}

/// Fuzz target `html_reduce`: bytes as an `.html` file through ingest.
pub fn html_reduce(data: &[u8]) {
    let (articles, _) = load_bytes("page.html", data);
    for a in &articles {
        assert!(!a.text.trim().is_empty(), "an HTML article with no text");
    }
}

/// The rule files a `rules_parse` input may replace: its first byte picks one.
pub const RULE_FILES: &[&str] = &[
    "boilerplate.toml",
    "dates.toml",
    "inspectorates.toml",
    "meta.toml",
    "name_stopwords.txt",
    "officials.toml",
    "ratings.toml",
    "scales.toml",
    "services.toml",
    "speech.toml",
    "themes.toml",
];

/// The scratch rules folder and each shipped file's name and bytes.
type RulesScratch = (tempfile::TempDir, Vec<(String, Vec<u8>)>);

/// A copy of the shipped rules folder, made once per process, with the shipped
/// files' bytes kept to restore them. (Reads and writes only: `fs::copy` can
/// fail with EINTR under libFuzzer's timer signal, `fs::write` retries.)
fn rules_scratch(root: &Path) -> &'static RulesScratch {
    static DIR: OnceLock<RulesScratch> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::TempDir::new().expect("a temporary folder");
        let mut files = Vec::new();
        for e in std::fs::read_dir(root.join("rules")).expect("the shipped rules folder") {
            let e = e.expect("a rules folder entry");
            if e.file_type().is_ok_and(|t| t.is_file()) {
                let bytes = std::fs::read(e.path()).expect("read a rule file");
                std::fs::write(d.path().join(e.file_name()), &bytes).expect("copy a rule file");
                files.push((e.file_name().to_string_lossy().into_owned(), bytes));
            }
        }
        (d, files)
    })
}

/// Fuzz target `rules_parse`: arbitrary text as one rule file of a copy of the
/// shipped rules; `rules::load` must return (Ok or Err), never panic.
pub fn rules_parse(root: &Path, data: &[u8]) {
    let (tmp, originals) = rules_scratch(root);
    let dir = tmp.path();
    let (which, body) = match data.split_first() {
        Some((b, rest)) => (RULE_FILES[*b as usize % RULE_FILES.len()], rest),
        None => (RULE_FILES[0], data),
    };
    let original = originals
        .iter()
        .find(|(n, _)| n == which)
        .map(|(_, b)| b.as_slice())
        .expect("a shipped rule file");
    std::fs::write(dir.join(which), body).expect("write the rule file");
    let result = rules::load(&rules::RuleSource::Folder(dir.to_path_buf()));
    std::fs::write(dir.join(which), original).expect("restore the rule file");
    if let Err(errors) = result {
        assert!(!errors.0.is_empty(), "Err with no rule errors");
        for e in &errors.0 {
            assert!(e.line >= 1, "{e}: line 0");
            assert!(!e.message.trim().is_empty(), "{}: empty message", e.file);
        }
    }
}
