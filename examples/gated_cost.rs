//! Time every scanning regex rule as the matcher runs it (only on the texts
//! where its gate occurs): `cargo run --release --example gated_cost -- DIR`
//! (`ROWS=N` lists the N costliest, 30 by default).
use pressmine::{matcher, normalize, rules};
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).expect("usage: gated_cost DIR");
    let set = rules::load(&rules::RuleSource::Folder("rules".into())).expect("valid rules");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&dir).expect("readable dir") {
        let p = e.expect("entry").path();
        if let Ok(t) = std::fs::read_to_string(&p) {
            texts.push(normalize::match_text(&normalize::normalize(&t).text).into_owned());
        }
    }
    let n = set.regex_rules.len();
    // The first pass builds each rule's lazy DFA states; the second finds them built.
    let mut cold = vec![0.0; n];
    let (mut secs, mut runs, mut bytes, mut hits) = (
        vec![0.0; n],
        vec![0usize; n],
        vec![0usize; n],
        vec![0usize; n],
    );
    for pass in 0..2 {
        for t in &texts {
            let mut open = vec![false; n];
            let n_phrases = set.phrase_texts.len();
            for m in set.literals.find_overlapping_iter(&t.to_ascii_lowercase()) {
                let Some(g) = m.pattern().as_usize().checked_sub(n_phrases) else {
                    continue;
                };
                for &r in &set.gate_rules[g] {
                    open[r] = true;
                }
            }
            for &i in &set.scan {
                if set.gated[i] && !open[i] {
                    continue;
                }
                let t0 = Instant::now();
                let h = matcher::rule_hits(&set, i, t);
                let dt = t0.elapsed().as_secs_f64();
                secs[i] += dt;
                if pass == 0 {
                    cold[i] += dt;
                }
                runs[i] += 1;
                bytes[i] += t.len();
                hits[i] += h.len();
            }
        }
    }
    let mut rows: Vec<usize> = (0..n).filter(|&i| runs[i] > 0).collect();
    rows.sort_by(|&a, &b| secs[b].total_cmp(&secs[a]));
    let total: f64 = secs.iter().sum();
    println!("total {total:.3}s (two passes)");
    let n_rows: usize = std::env::var("ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    for &i in rows.iter().take(n_rows) {
        println!(
            "{:8.4}s (cold {:7.4}s, warm {:7.4}s) {:6} runs {:6.1} MB/s {:6} hits {} gated={}",
            secs[i],
            cold[i],
            secs[i] - cold[i],
            runs[i],
            bytes[i] as f64 / secs[i] / 1e6,
            hits[i],
            set.regex_rules[i].info.id,
            set.gated[i]
        );
    }
}
