//! List each document-scanning rule's gate: `cargo run --example gates`.
use pressmine::rules;
fn main() {
    let set = rules::load(std::path::Path::new("rules")).expect("valid rules");
    for &i in &set.scan {
        let r = &set.regex_rules[i];
        println!("{:40} {:?}", r.info.id, rules::gate::gate(r.regex.as_str()));
    }
}
