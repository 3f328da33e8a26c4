//! List each regex rule's gate (the literals one of which must occur in any
//! match): `cargo run --example gates`.
use pressmine::rules;
fn main() {
    let set = rules::load(&rules::RuleSource::Folder("rules".into())).expect("valid rules");
    for (i, r) in set.regex_rules.iter().enumerate() {
        let scans = set.scan.contains(&i);
        let g = rules::gate::gate(&r.pattern);
        println!(
            "{:40} {:5} {} literal(s) {:?}",
            r.info.id,
            if scans { "scan" } else { "local" },
            g.as_ref().map_or(0, Vec::len),
            g.map(|g| g.into_iter().take(8).collect::<Vec<_>>())
        );
    }
}
