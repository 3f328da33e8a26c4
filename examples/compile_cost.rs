//! Time compiling every regex rule: `cargo run --release --example compile_cost`.
use pressmine::rules;
use std::time::Instant;
fn main() {
    let set = rules::load(&rules::RuleSource::Folder("rules".into())).expect("valid rules");
    let mut rows = Vec::new();
    let mut total = 0.0;
    for r in &set.regex_rules {
        let t0 = Instant::now();
        let re = regex::bytes::RegexBuilder::new(&r.pattern)
            .unicode(false)
            .size_limit(rules::compile::REGEX_SIZE_LIMIT)
            .dfa_size_limit(rules::compile::REGEX_DFA_CACHE)
            .build()
            .expect("valid");
        let dt = t0.elapsed().as_secs_f64();
        drop(re);
        total += dt;
        rows.push((dt, r.info.id.clone(), r.pattern.len()));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("total {total:.3}s for {} rules", rows.len());
    let mut acc = 0.0;
    for (dt, id, len) in rows.iter().take(40) {
        acc += dt;
        println!(
            "{:7.2}ms {:5.1}% cum {len:6} {id}",
            dt * 1e3,
            acc / total * 100.0
        );
    }
}
