//! The link stage end to end: the real binary over the corpus writes
//! `inspections.jsonl`, linking the articles that report one inspection (a
//! release, a paper and a council statement), keeping the same service a year
//! later and another service of the same place apart, recording where the
//! sources disagree; the file is the same at any thread count and after a
//! refresh; `eval` scores the links against the corpus groups; and a broken
//! `linking.toml` stops a run with its file and line.

mod support;

use serde_json::Value;
use std::fs;
use std::path::Path;
use support::{copy_tree as copy_dir, p, pressmine, pressmine_ok, read_jsonl, root};
use tempfile::TempDir;

fn run(input: &str, out: &Path, extra: &[&str]) {
    let mut args = vec!["run", input, "--out", p(out), "--no-report", "--no-tables"];
    args.extend_from_slice(extra);
    pressmine_ok(&args);
}

fn inspections(out: &Path) -> Vec<Value> {
    read_jsonl(&out.join("inspections.jsonl"))
}

fn sources(i: &Value) -> Vec<&str> {
    i["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["record"].as_str().expect("record id"))
        .collect()
}

/// The inspection whose sources include `record`, and only one.
fn of<'a>(all: &'a [Value], record: &str) -> &'a Value {
    let found: Vec<&Value> = all
        .iter()
        .filter(|i| sources(i).contains(&record))
        .collect();
    assert_eq!(found.len(), 1, "{record} is in {} inspections", found.len());
    found[0]
}

#[test]
fn corpus_inspections_link_sources_and_record_conflicts() {
    let tmp = TempDir::new().expect("temp dir");
    let out = tmp.path().join("out");
    run("corpus", &out, &["--full"]);
    let all = inspections(&out);

    // Sorted by id, ids unique.
    let ids: Vec<&str> = all.iter().map(|i| i["id"].as_str().expect("id")).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "inspections are sorted by a unique id");

    // One inspection, three sides: the release, the paper, the council.
    let release = "linked/2024-10-ofsted-wrenfield-childrens-services.txt";
    let paper = "linked/2024-10-wrenfield-courier-childrens-services.txt";
    let council = "linked/2024-10-wrenfield-council-statement-childrens-services.txt";
    let i = of(&all, release);
    let mut got = sources(i);
    got.sort();
    let mut want = vec![release, paper, council];
    want.sort();
    assert_eq!(got, want);
    assert_eq!(i["inspectorate"], "Ofsted");
    assert_eq!(i["service"]["kind"], "children's services");
    assert_eq!(i["service"]["locality"], "Wrenfield");
    assert_eq!(i["published"], "2024-10-08", "the earliest source date");
    assert_eq!(i["fieldwork"][0], "2024-09-09");
    assert_eq!(
        i["overall"], "Requires improvement",
        "what most sources say"
    );
    // The council calls it good: a conflict naming who says what.
    let conflicts = i["conflicts"].as_array().expect("conflicts");
    let overall = conflicts
        .iter()
        .find(|c| c["field"] == "overall")
        .expect("a conflict on the overall rating");
    let values = overall["values"].as_array().expect("values");
    assert_eq!(values[0]["value"], "Requires improvement");
    assert_eq!(values[1]["value"], "Good");
    assert_eq!(values[1]["sources"][0], council);
    // Each source keeps its own ratings and quotes.
    let s = i["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .find(|s| s["record"] == council)
        .expect("the council's entry");
    assert_eq!(s["doc_type"], "council_statement");
    assert!(s["ratings"]
        .as_array()
        .expect("ratings")
        .iter()
        .any(|r| r["scope"] == "overall" && r["value"] == "Good"));
    assert!(!s["quotes"].as_array().expect("quotes").is_empty());

    // The same service a year later is another inspection.
    let later = of(
        &all,
        "linked/2025-11-ofsted-wrenfield-childrens-services-good.txt",
    );
    assert_ne!(later["id"], i["id"]);
    assert_eq!(sources(later).len(), 1);
    // Another service of the same place: its own inspection, with its paper.
    let yjs = of(
        &all,
        "linked/2025-02-hmip-wrenfield-youth-justice-service.txt",
    );
    assert_eq!(sources(yjs).len(), 2);
    assert!(sources(yjs).contains(&"linked/2025-02-wrenfield-courier-youth-justice.txt"));
    assert!(yjs["conflicts"].as_array().expect("conflicts").is_empty());

    // A joint inspection: one article names HM Inspectorate of Prisons first,
    // the other HMICFRS; one inspection, named as its first source names it.
    let custody = of(&all, "linked/2025-05-hmip-cressley-police-custody.txt");
    assert_eq!(
        sources(custody),
        vec![
            "linked/2025-05-hmip-cressley-police-custody.txt",
            "linked/2025-05-cressley-chronicle-police-custody.txt"
        ]
    );
    assert_eq!(custody["inspectorate"], "HM Inspectorate of Prisons");
    // A council statement naming only 'our children's services' joins the
    // release of the same day by its kind and date.
    let harwick = of(&all, "linked/2025-06-ofsted-harwick-childrens-services.txt");
    let statement = harwick["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .find(|s| s["record"] == "linked/2025-06-harwick-council-statement-ofsted.txt")
        .expect("the statement is a source");
    assert_eq!(statement["linked_by"], "date");
    // An unrated article naming no inspectorate joins the one inspectorate
    // naming its service.
    let fire = of(&all, "linked/2025-07-hmicfrs-dunholme-fire-rescue.txt");
    assert!(sources(fire).contains(&"linked/2025-07-dunholme-echo-fire-inspection.txt"));
    assert_eq!(
        fire["inspectorate"],
        "HM Inspectorate of Constabulary and Fire & Rescue Services"
    );

    // A trust's page stating only the visit joins the report published eight
    // months later.
    let trust = of(&all, "linked/2025-11-cqc-ashcombe-vale-trust.txt");
    assert!(sources(trust).contains(&"linked/2025-03-ashcombe-trust-quality-update.txt"));

    // A council's release and a paper's report of one nursery visit, neither
    // dated: one inspection by the service's name and the inspectorate.
    let nursery = of(&all, "linked/2026-06-kelvale-council-glenbrae-nursery.txt");
    assert_eq!(
        sources(nursery),
        vec![
            "linked/2026-06-kelvale-council-glenbrae-nursery.txt",
            "linked/2026-06-kelvale-herald-glenbrae-nursery.txt"
        ]
    );

    // eval scores the links against the corpus groups, and gives the scores
    // with --json too.
    let o = pressmine(&[
        "eval",
        "--gold",
        "tests/gold/corpus.jsonl",
        "--records",
        p(&out.join("records.jsonl")),
        "--json",
    ]);
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["linking"]["split"], "all");
    assert_eq!(v["linking"]["f1"], 1.0);
    assert_eq!(v["linking"]["gold_pairs"], 9);
    let o = pressmine(&[
        "eval",
        "--gold",
        "tests/gold/corpus.jsonl",
        "--records",
        p(&out.join("records.jsonl")),
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert!(
        text.contains("linking all      pairwise P 1.000 R 1.000 F1 1.000"),
        "{text}"
    );
}

#[test]
fn inspections_are_the_same_at_any_thread_count_and_after_a_refresh() {
    let tmp = TempDir::new().expect("temp dir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    run("corpus", &a, &["--full", "--threads", "1"]);
    run("corpus", &b, &["--full", "--threads", "2"]);
    let one = fs::read(a.join("inspections.jsonl")).expect("a");
    assert_eq!(one, fs::read(b.join("inspections.jsonl")).expect("b"));
    // A refresh with nothing to do, then one after an article is removed and
    // put back, writes what a full run writes.
    run("corpus", &a, &[]);
    assert_eq!(one, fs::read(a.join("inspections.jsonl")).expect("a again"));
    let input = tmp.path().join("in");
    copy_dir(&root().join("corpus"), &input);
    let c = tmp.path().join("c");
    run(p(&input), &c, &[]);
    let council = input.join("linked/2024-10-wrenfield-council-statement-childrens-services.txt");
    let kept = fs::read(&council).expect("council statement");
    fs::remove_file(&council).expect("remove");
    run(p(&input), &c, &[]);
    // changes.jsonl says which inspection changed, after the records' lines.
    let lines: Vec<Value> = fs::read_to_string(c.join("changes.jsonl"))
        .expect("changes.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let about: Vec<&Value> = lines
        .iter()
        .filter(|l| l.get("inspection").is_some())
        .collect();
    assert_eq!(about.len(), 1, "{about:?}");
    assert_eq!(about[0]["change"], "updated");
    assert_eq!(
        about[0]["inspection"],
        "ofsted/children-s-services/wrenfield/2024-10-08"
    );
    let fields: Vec<&str> = about[0]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().expect("field"))
        .collect();
    assert!(
        fields.contains(&"sources") && fields.contains(&"conflicts"),
        "{fields:?}"
    );
    let first_inspection_line = lines
        .iter()
        .position(|l| l.get("inspection").is_some())
        .expect("a line");
    assert!(lines[first_inspection_line..]
        .iter()
        .all(|l| l.get("inspection").is_some()));
    let without = inspections(&c);
    let i = of(
        &without,
        "linked/2024-10-ofsted-wrenfield-childrens-services.txt",
    );
    assert_eq!(sources(i).len(), 2);
    assert!(i["conflicts"].as_array().expect("conflicts").is_empty());
    fs::write(&council, kept).expect("put back");
    run(p(&input), &c, &[]);
    assert_eq!(one, fs::read(c.join("inspections.jsonl")).expect("c"));
    // Nothing changed: no line about an inspection.
    run(p(&input), &c, &[]);
    let again = fs::read_to_string(c.join("changes.jsonl")).expect("changes.jsonl");
    assert!(!again.contains("\"inspection\""), "{again}");
    // The manifest lists the file.
    let m: Value = serde_json::from_str(&fs::read_to_string(c.join("manifest.json")).expect("m"))
        .expect("manifest JSON");
    assert!(m["outputs"]["inspections.jsonl"]["sha256"].is_string());
}

#[test]
fn a_broken_linking_file_stops_the_run_with_its_line() {
    let tmp = TempDir::new().expect("temp dir");
    let rules = tmp.path().join("rules");
    copy_dir(&root().join("rules"), &rules);
    let f = rules.join("linking.toml");
    let text = fs::read_to_string(&f).expect("linking.toml");
    fs::write(&f, text.replacen("days = 75", "days = 75\nweeks = 2", 1)).expect("write");
    let out = tmp.path().join("out");
    let o = pressmine(&["run", "corpus", "--out", p(&out), "--rules", p(&rules)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("linking.toml:"), "{err}");
    assert!(err.contains("weeks"), "{err}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn rules_test_runs_the_linking_examples() {
    let o = pressmine(&["rules", "test"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    // A wrong expectation is reported at its line.
    let tmp = TempDir::new().expect("temp dir");
    let rules = tmp.path().join("rules");
    copy_dir(&root().join("rules"), &rules);
    let f = rules.join("linking.toml");
    let text = fs::read_to_string(&f).expect("linking.toml");
    let broken = text.replacen(
        "b = { inspectorate = \"HM Inspectorate of Probation\", name = \"Aldbury Youth Justice Service\", kind = \"youth justice service\", published = \"2023-06-01\" }\nsame = false",
        "b = { inspectorate = \"HM Inspectorate of Probation\", name = \"Aldbury Youth Justice Service\", kind = \"youth justice service\", published = \"2023-06-01\" }\nsame = true",
        1,
    );
    assert_ne!(broken, text, "the example to break is there");
    fs::write(&f, broken).expect("write");
    let o = pressmine(&["rules", "test", "--rules", p(&rules)]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("linking.toml:") && out.contains("a year later"),
        "{out}"
    );
}
