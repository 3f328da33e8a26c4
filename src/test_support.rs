//! Helpers shared by the unit tests of several modules.

use std::path::{Path, PathBuf};

/// Every file under the folders `dirs` (relative to the crate root; a folder
/// that is not there, such as `../shared/news` on another machine, gives
/// none), sorted: the texts the tests run whole stages over.
pub(crate) fn files_under(dirs: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = dirs.iter().map(|d| root.join(d)).collect();
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}
