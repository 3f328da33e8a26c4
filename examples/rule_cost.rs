//! Time every regex rule over a folder of texts: `cargo run --release --example rule_cost -- DIR`.
use pressmine::{normalize, rules};
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).expect("usage: rule_cost DIR");
    let set = rules::load(&rules::RuleSource::Folder("rules".into())).expect("valid rules");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&dir).expect("readable dir") {
        let p = e.expect("entry").path();
        if let Ok(t) = std::fs::read_to_string(&p) {
            texts.push(normalize::match_text(&normalize::normalize(&t).text).into_owned());
        }
    }
    let mut costs: Vec<(f64, String, usize)> = Vec::new();
    for r in &set.regex_rules {
        let t0 = Instant::now();
        let mut n = 0;
        for t in &texts {
            n += r.regex().captures_iter(t.as_bytes()).count();
        }
        costs.push((t0.elapsed().as_secs_f64(), r.info.id.clone(), n));
    }
    let t0 = Instant::now();
    let mut m = 0;
    for t in &texts {
        m += set
            .literals
            .find_overlapping_iter(&t.to_ascii_lowercase())
            .count();
    }
    println!(
        "phrases and gates: {:.3}s ({m})",
        t0.elapsed().as_secs_f64()
    );
    costs.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    for (s, id, n) in costs.iter().take(25) {
        println!("{s:8.3}s {n:6} {id}");
    }
}
