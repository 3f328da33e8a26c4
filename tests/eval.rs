//! Extraction quality: run the binary over annotated articles, score the records
//! with `pressmine eval --json`, and hold every field to a floor.
//!
//! When a field falls below its floor the test prints a table of every failing
//! field; `pressmine eval --gold GOLD --records RECORDS --verbose` lists the misses.

mod support;

use serde_json::Value;
use support::{p, pressmine_ok as must, root};
use tempfile::TempDir;

/// Floors for the corpus run (`corpus/` against `tests/gold/corpus.jsonl`).
/// A non-diagnostic field missing from this table is held to `CORPUS_DEFAULT_FLOOR`.
const CORPUS_FLOORS: &[(&str, f64)] = &[
    ("title", 0.95),
    ("doc_type", 0.95),
    ("publisher", 0.95),
    ("byline", 0.95),
    ("published", 0.95),
    ("inspectorate", 0.95),
    ("overall_rating", 0.95),
    ("overall_rating_implied", 0.95),
    ("people_not_officials", 0.95),
    ("services", 0.95),
    ("area_ratings", 0.95),
    ("quotes", 0.95),
    ("officials", 0.95),
    ("dates", 0.95),
    // Themes with their polarity score about 0.81 on this corpus (theme ids
    // alone about 0.89), the target; the floor sits just under it, since an
    // honest new article can move the score by a few thousandths (an ILACS
    // judgement named only by its title, 'children who need help and
    // protection', raises a theme the lexicon does not read; a finding that
    // is praised and criticised in one article, which the gold calls mixed,
    // read as one side; 'safeguarding concerns were dealt with quickly' read
    // as a concern).
    ("themes", 0.80),
];
const CORPUS_DEFAULT_FLOOR: f64 = 0.95;

/// Floors for the two seed articles (`../shared/seeds`): everything exact but themes
/// and quotes. The seed gold (read-only, in `../shared`) lists the last paragraph of
/// a statement in `004_...` as a quote of its own, although the paragraph before it
/// opens a quote mark and never closes it: by SPEC's convention ("a quote continued
/// over paragraphs ... is one quote") the two are one quote, which is what
/// pressmine gives and what the real set's gold follows. That one gold quote is
/// missed (8 of 9 found, F1 0.94); every other seed quote must still be found.
const SEED_FLOORS: &[(&str, f64)] = &[("themes", 0.9), ("quotes", 0.94)];
const SEED_DEFAULT_FLOOR: f64 = 1.0;

/// One field of the eval report.
struct FieldScore {
    name: String,
    score: f64,
    counts: String,
}

/// Run over `input`, score against `gold`, return the non-diagnostic fields and the
/// gold files that found no record.
fn evaluate(input: &str, gold: &str) -> (Vec<FieldScore>, Vec<String>) {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    must(&["run", input, "--out", p(&out)]);
    let records = out.join("records.jsonl");
    let o = must(&["eval", "--gold", gold, "--records", p(&records), "--json"]);
    let report: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "eval --json printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&o.stdout)
        )
    });
    let fields = report["fields"].as_array().expect("report has fields[]");
    assert!(!fields.is_empty(), "the eval report scores no fields");
    let mut out = Vec::new();
    for f in fields {
        if f["diagnostic"].as_bool().unwrap_or(false) {
            continue;
        }
        let name = f["name"].as_str().expect("field name").to_string();
        let kind = f["kind"].as_str().expect("field kind");
        let (score, counts) = match kind {
            "f1" => (
                f["f1"].as_f64(),
                format!("tp {} fp {} fn {}", f["tp"], f["fp"], f["fn"]),
            ),
            "accuracy" => (
                f["accuracy"].as_f64(),
                format!("{}/{}", f["correct"], f["total"]),
            ),
            other => panic!("field {name}: unknown kind {other:?}"),
        };
        let score = score.unwrap_or_else(|| panic!("field {name} ({kind}) has no score: {f}"));
        out.push(FieldScore {
            name,
            score,
            counts,
        });
    }
    let unmatched = report["unmatched"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    (out, unmatched)
}

/// Fail with a table of every field below its floor.
fn hold_to_floors(
    what: &str,
    gold: &str,
    fields: &[FieldScore],
    unmatched: &[String],
    floors: &[(&str, f64)],
    default: f64,
) {
    for (name, _) in floors {
        assert!(
            fields.iter().any(|f| f.name == *name),
            "{what}: the floor table names '{name}', which the eval report does not score"
        );
    }
    let floor_of = |name: &str| {
        floors
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
            .unwrap_or(default)
    };
    let failing: Vec<(&FieldScore, f64)> = fields
        .iter()
        .map(|f| (f, floor_of(&f.name)))
        .filter(|(f, floor)| f.score + 1e-9 < *floor)
        .collect();
    if failing.is_empty() && unmatched.is_empty() {
        return;
    }
    let mut msg = format!("{what}: {} field(s) below their floor\n\n", failing.len());
    msg.push_str(&format!(
        "  {:<24} {:>7} {:>7}  {}\n",
        "field", "score", "floor", "counts"
    ));
    for (f, floor) in &failing {
        msg.push_str(&format!(
            "  {:<24} {:>7.3} {:>7.3}  {}\n",
            f.name, f.score, floor, f.counts
        ));
    }
    if !unmatched.is_empty() {
        msg.push_str(&format!(
            "\n  gold articles with no record: {}\n",
            unmatched.join(", ")
        ));
    }
    msg.push_str(&format!(
        "\n  misses: pressmine eval --gold {gold} --records <out>/records.jsonl --verbose\n"
    ));
    panic!("{msg}");
}

#[test]
fn seeds_score_exactly_except_themes() {
    let seeds = root().join("../shared/seeds");
    let gold = seeds.join("gold.jsonl");
    assert!(
        seeds.is_dir() && gold.is_file(),
        "the seed articles are missing: expected a folder {} holding gold.jsonl, beside the crate (../shared/seeds). \
         Put the shared folder next to this checkout; this test does not pass without it.",
        seeds.display()
    );
    let (fields, unmatched) = evaluate("../shared/seeds", "../shared/seeds/gold.jsonl");
    hold_to_floors(
        "seeds",
        "../shared/seeds/gold.jsonl",
        &fields,
        &unmatched,
        SEED_FLOORS,
        SEED_DEFAULT_FLOOR,
    );
}

#[test]
fn corpus_meets_the_field_floors() {
    let gold = root().join("tests/gold/corpus.jsonl");
    assert!(gold.is_file(), "missing {}", gold.display());
    let (fields, unmatched) = evaluate("corpus", "tests/gold/corpus.jsonl");
    hold_to_floors(
        "corpus",
        "tests/gold/corpus.jsonl",
        &fields,
        &unmatched,
        CORPUS_FLOORS,
        CORPUS_DEFAULT_FLOOR,
    );
}
