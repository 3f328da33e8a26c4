//! Arbitrary text as one rule file (the first byte picks which) in a copy of the
//! shipped rules folder: loading returns Ok or located errors, never panics.
#![no_main]

#[path = "../../tests/support/fuzz_checks.rs"]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = fuzz_checks::crate_root(env!("CARGO_MANIFEST_DIR"));
    fuzz_checks::rules_parse(&root, data);
});
