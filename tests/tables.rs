//! `OUT/tables/`: the CSV tables, read back with a real CSV reader (Python's
//! `csv` module), row counts checked against `records.jsonl`, a hostile article
//! round-tripped, and a refresh compared with a full run.

mod support;

use support::{p, pressmine_ok, records, root};

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// Every table read by Python's csv module: file name -> rows (header first).
fn read_tables(out: &Path) -> Value {
    let script = r#"
import csv, json, os, sys
d = sys.argv[1]
res = {}
for name in sorted(os.listdir(d)):
    with open(os.path.join(d, name), newline="", encoding="utf-8") as f:
        res[name] = list(csv.reader(f, strict=True))
print(json.dumps(res))
"#;
    let o = Command::new("python3")
        .args(["-c", script])
        .arg(out.join("tables"))
        .output()
        .expect("python3 reads the CSV tables");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// An article written to break naive CSV: commas and quote marks in the
/// headline, and a quote that starts like a spreadsheet formula.
const HOSTILE: &str = "Harnley Nursery, in Eastbridge, rated \"Good\" by Ofsted\n\n\
Ofsted has rated Harnley Nursery, in Eastbridge, 'Good'.\n\n\
The manager, Ana Lopez, said: \u{201C}=SUM(A1) is not what we teach, we are proud, \
'really' proud, of the team.\u{201D}\n";

#[test]
fn every_table_loads_and_its_rows_match_the_records() {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(input.join("corpus")).unwrap();
    for e in fs::read_dir(root().join("corpus/probation")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, input.join("corpus").join(p.file_name().unwrap())).unwrap();
    }
    fs::write(input.join("hostile.txt"), HOSTILE).unwrap();
    let out = tmp.path().join("out");
    pressmine_ok(&["run", p(&input), "--out", p(&out), "--no-report"]);
    let recs = records(&out);
    let tables = read_tables(&out);

    let count = |field: &str| -> usize {
        recs.iter()
            .map(|r| r[field].as_array().map_or(0, Vec::len))
            .sum()
    };
    let rows = |name: &str| tables[name].as_array().unwrap().len() - 1;
    assert_eq!(rows("articles.csv"), recs.len());
    assert_eq!(rows("services.csv"), count("services"));
    assert_eq!(rows("ratings.csv"), count("ratings"));
    assert_eq!(rows("quotes.csv"), count("quotes"));
    assert_eq!(rows("officials.csv"), count("officials"));
    assert_eq!(rows("themes.csv"), count("themes"));
    assert!(count("quotes") > 0 && count("ratings") > 0);

    // The hostile article: its title made harmless, its quote intact.
    let rec = recs
        .iter()
        .find(|r| r["source"]["path"] == "hostile.txt")
        .unwrap();
    let articles = tables["articles.csv"].as_array().unwrap();
    let header: Vec<&str> = articles[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let row = articles
        .iter()
        .find(|r| r[col("path")] == "hostile.txt")
        .unwrap();
    let title = rec["title"].as_str().unwrap();
    assert!(title.contains('"') && title.contains(','), "{title}");
    assert_eq!(row[col("title")], title);
    let quotes = tables["quotes.csv"].as_array().unwrap();
    let got: Vec<&str> = quotes
        .iter()
        .filter(|q| q[0] == "hostile.txt")
        .map(|q| q[1].as_str().unwrap())
        .collect();
    let want: Vec<String> = rec["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(want.len(), 1, "{want:?}");
    assert!(
        want[0].starts_with("=SUM(A1)") && want[0].contains(','),
        "{want:?}"
    );
    // The formula-like cell is made text: a leading ' and the rest as it was.
    assert_eq!(got, [format!("'{}", want[0])]);

    // The manifest lists every table with its size and hash.
    let manifest: Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    for name in tables.as_object().unwrap().keys() {
        let entry = &manifest["outputs"][format!("tables/{name}")];
        let bytes = fs::read(out.join("tables").join(name)).unwrap();
        assert_eq!(entry["bytes"], bytes.len() as u64, "{name}");
    }
}

#[test]
fn a_refresh_leaves_the_tables_byte_identical_to_a_full_run() {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("corpus/ofsted"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for p in &files {
        fs::copy(p, input.join(p.file_name().unwrap())).unwrap();
    }
    let out = tmp.path().join("out");
    pressmine_ok(&["run", p(&input), "--out", p(&out), "--no-report"]);
    // Change one article, delete another, add a third.
    let first = input.join(files[0].file_name().unwrap());
    let text = fs::read_to_string(&first).unwrap();
    fs::write(&first, text.replace("Good", "Outstanding")).unwrap();
    fs::remove_file(input.join(files[1].file_name().unwrap())).unwrap();
    fs::write(input.join("zz-new.txt"), HOSTILE).unwrap();
    pressmine_ok(&["run", p(&input), "--out", p(&out), "--no-report"]);
    let full = tmp.path().join("full");
    pressmine_ok(&["run", p(&input), "--out", p(&full), "--no-report", "--full"]);
    for name in [
        "articles.csv",
        "services.csv",
        "ratings.csv",
        "quotes.csv",
        "officials.csv",
        "themes.csv",
    ] {
        let a = fs::read(out.join("tables").join(name)).unwrap();
        let b = fs::read(full.join("tables").join(name)).unwrap();
        assert!(a == b, "{name} differs after a refresh");
    }

    // --no-tables writes none, and removes those of an earlier run.
    pressmine_ok(&[
        "run",
        p(&input),
        "--out",
        p(&out),
        "--no-report",
        "--no-tables",
    ]);
    assert!(!out.join("tables/articles.csv").exists());
    let manifest = fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(!manifest.contains("tables/"), "{manifest}");
}
