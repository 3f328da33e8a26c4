//! pressmine used as an installed tool: the rules are built into the binary, so
//! it runs from any folder; `rules export` gives an editable copy; switching
//! between the built-in rules and a folder refreshes correctly; completions and
//! a manual page come from the argument definitions.

mod support;

use support::{assert_success, p, root};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

/// The binary copied out of the checkout, as `cargo install` would place it.
fn installed(dir: &Path) -> PathBuf {
    let bin = dir.join("bin/pressmine");
    fs::create_dir_all(bin.parent().unwrap()).unwrap();
    fs::copy(env!("CARGO_BIN_EXE_pressmine"), &bin).unwrap();
    bin
}

/// Run `bin ARGS` from `cwd` and require success. A binary copied a moment
/// ago can be 'busy' for a while when another test thread forked while the
/// copy was still open for writing (its child holds that descriptor until it
/// execs): that start is retried, any other error is not.
fn run_in(bin: &Path, cwd: &Path, args: &[&str]) -> Output {
    let mut tries = 0;
    let out = loop {
        match Command::new(bin).args(args).current_dir(cwd).output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            r => break r.unwrap(),
        }
    };
    assert_success(out, args)
}

#[test]
fn the_installed_binary_runs_from_an_empty_folder_with_its_built_in_rules() {
    let seeds = root().join("../shared/seeds");
    let input = if seeds.is_dir() {
        seeds
    } else {
        root().join("corpus")
    };
    let tmp = TempDir::new().unwrap();
    let bin = installed(tmp.path());
    let empty = tmp.path().join("anywhere");
    fs::create_dir_all(&empty).unwrap();

    run_in(
        &bin,
        &empty,
        &["run", p(&input), "--out", "out", "--no-report"],
    );
    let checkout_out = tmp.path().join("checkout-out");
    run_in(
        Path::new(env!("CARGO_BIN_EXE_pressmine")),
        &root(),
        &[
            "run",
            p(&input),
            "--out",
            p(&checkout_out),
            "--no-report",
            "--rules",
            "rules",
        ],
    );
    let a = fs::read(empty.join("out/records.jsonl")).unwrap();
    let b = fs::read(checkout_out.join("records.jsonl")).unwrap();
    assert!(!a.is_empty());
    assert!(
        a == b,
        "built-in rules and the rules folder give other records"
    );
    let manifest = fs::read_to_string(empty.join("out/manifest.json")).unwrap();
    assert!(
        manifest.contains("\"rules_source\": \"built-in\""),
        "{manifest}"
    );

    // The rules check and test run on the built-in rules, and on an export.
    let o = run_in(&bin, &empty, &["rules", "check"]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("built-in: "));
    run_in(&bin, &empty, &["rules", "export", "my-rules"]);
    assert!(empty.join("my-rules/ratings.toml").is_file());
    let o = run_in(&bin, &empty, &["rules", "check", "--rules", "my-rules"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("all valid"));
    run_in(&bin, &empty, &["rules", "test", "--rules", "my-rules"]);
    // An export never overwrites.
    let again = Command::new(&bin)
        .args(["rules", "export", "my-rules"])
        .current_dir(&empty)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn switching_between_built_in_rules_and_a_folder_refreshes_correctly() {
    let tmp = TempDir::new().unwrap();
    let bin = installed(tmp.path());
    let work = tmp.path().join("work");
    fs::create_dir_all(work.join("in")).unwrap();
    for f in ["probation", "ofsted"] {
        let dir = root().join("corpus").join(f);
        let first = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .min()
            .unwrap();
        fs::copy(&first, work.join("in").join(first.file_name().unwrap())).unwrap();
    }
    // A run over `in` into `out` with the given rules (None: built-in); its summary.
    let run = |rules: Option<&str>| {
        let mut args = vec!["run", "in", "--out", "out", "--no-report"];
        args.extend(rules.map(|r| ["--rules", r]).into_iter().flatten());
        String::from_utf8_lossy(&run_in(&bin, &work, &args).stderr).into_owned()
    };

    run(None);
    // An exported copy, unchanged: the same rules, nothing to extract again.
    run_in(&bin, &work, &["rules", "export", "rules-copy"]);
    let summary = run(Some("rules-copy"));
    assert!(
        summary.contains("(0 article(s) extracted, 2 record(s) reused)"),
        "{summary}"
    );
    let manifest = fs::read_to_string(work.join("out/manifest.json")).unwrap();
    assert!(manifest.contains("rules-copy"), "{manifest}");

    // An edited folder: every article is extracted again.
    let speech = work.join("rules-copy/speech.toml");
    let text = fs::read_to_string(&speech).unwrap();
    fs::write(&speech, format!("{text}\n# an edit\n")).unwrap();
    let summary = run(Some("rules-copy"));
    assert!(
        summary.contains("(2 article(s) extracted, 0 record(s) reused)"),
        "{summary}"
    );

    // And back to the built-in rules: extracted again.
    let summary = run(None);
    assert!(
        summary.contains("(2 article(s) extracted, 0 record(s) reused)"),
        "{summary}"
    );
    let manifest = fs::read_to_string(work.join("out/manifest.json")).unwrap();
    assert!(
        manifest.contains("\"rules_source\": \"built-in\""),
        "{manifest}"
    );
}

#[test]
fn completions_and_a_manual_page_come_from_the_arguments() {
    let tmp = TempDir::new().unwrap();
    let bin = installed(tmp.path());
    for shell in ["bash", "zsh", "fish"] {
        let o = run_in(&bin, tmp.path(), &["completions", shell]);
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains("pressmine"), "{shell}");
        assert!(
            text.contains("refresh") && text.contains("export"),
            "{shell}"
        );
    }
    let o = run_in(&bin, tmp.path(), &["man"]);
    let page = String::from_utf8_lossy(&o.stdout);
    assert!(page.contains(".TH pressmine 1"), "{page}");
    assert!(page.contains("completions"), "{page}");
}
