//! Arbitrary bytes as an .html file through ingest (article extraction with the
//! tag-stripping fallback): an article with text, or a skip reason, never a panic.
#![no_main]

#[path = "../../tests/support/fuzz_checks.rs"]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzz_checks::html_reduce(data);
});
