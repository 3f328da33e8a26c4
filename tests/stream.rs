//! `pressmine stream`: JSON Lines in on stdin, records out on stdout, in input
//! order, equal to what `pressmine run` writes for the same lines in a file.

mod support;

use support::{cmd, root, run_ok};

use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;

/// JSON lines built from the corpus articles, repeated to pass one batch.
fn lines() -> String {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in std::fs::read_dir(root().join("corpus")).expect("corpus/ exists") {
        let dir = dir.expect("readable corpus entry").path();
        for f in std::fs::read_dir(&dir).expect("readable corpus folder") {
            files.push(f.expect("readable file entry").path());
        }
    }
    files.sort();
    let mut out = String::new();
    // Past one batch (1,024 lines) so batch boundaries are crossed.
    for i in 0..1100 {
        let f = &files[i % files.len()];
        let text = std::fs::read_to_string(f).expect("UTF-8 article");
        out.push_str(&serde_json::json!({ "id": format!("a{i}"), "text": text }).to_string());
        out.push('\n');
        if i == 500 {
            out.push_str("{ not json\n");
        }
    }
    out
}

fn stream(input: &str, threads: &str) -> (Vec<u8>, String) {
    let mut child = cmd(&["stream", "--name", "articles.jsonl", "--threads", threads])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pressmine starts");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let data = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(data.as_bytes()));
    let out = child.wait_with_output().expect("pressmine finishes");
    writer
        .join()
        .expect("writer thread")
        .expect("stdin written");
    assert!(
        out.status.success(),
        "stream failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn stream_equals_run_on_the_same_lines_and_keeps_order() {
    let input = lines();
    let (one, err) = stream(&input, "1");
    let (two, _) = stream(&input, "2");
    assert_eq!(
        one, two,
        "stream output must not depend on the thread count"
    );
    // The bad line is reported on stderr, and the stream goes on.
    assert!(
        err.contains("\"skipped\"") && err.contains("line 502"),
        "stderr: {err}"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let input_dir = dir.path().join("in");
    std::fs::create_dir(&input_dir).expect("input dir");
    std::fs::write(input_dir.join("articles.jsonl"), &input).expect("write articles");
    let out_dir = dir.path().join("out");
    run_ok(&input_dir, &out_dir, &[]);
    let ran = std::fs::read(out_dir.join("records.jsonl")).expect("records written");
    assert_eq!(one, ran, "stream and run must give byte-identical records");
    let ids: Vec<String> = String::from_utf8_lossy(&one)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("a JSON record")["id"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), 1100);
    assert_eq!(ids[0], "articles.jsonl#a0");
    assert_eq!(ids[1099], "articles.jsonl#a1099");
}
