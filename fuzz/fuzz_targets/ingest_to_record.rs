//! Arbitrary bytes as a .txt, .html or .jsonl file (the first byte picks), through
//! ingest and extraction with the shipped rules; every span must index the
//! article text on character boundaries.
#![no_main]

#[path = "../../tests/support/fuzz_checks.rs"]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = fuzz_checks::crate_root(env!("CARGO_MANIFEST_DIR"));
    fuzz_checks::ingest_to_record(&root, data);
});
