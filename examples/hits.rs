//! Print every regex rule hit for one file: `cargo run --example hits -- FILE`.
use pressmine::{matcher, normalize, rules};
fn main() {
    let path = std::env::args().nth(1).expect("usage: hits FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let set = rules::load(&rules::RuleSource::Folder("rules".into())).expect("valid rules");
    let norm = normalize::normalize(&text);
    let m = matcher::run(&set, &norm.text);
    for h in &m.regex {
        let r = &set.regex_rules[h.rule];
        println!(
            "{:40} {:?}",
            r.info.id,
            &norm.text[h.span.start..h.span.end]
        );
    }
}
