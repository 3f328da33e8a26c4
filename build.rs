//! Build script: fingerprints the code that makes records, so that a build
//! with other code re-extracts everything on the next refresh while an
//! unchanged build reuses what it wrote (see `refresh::version`).
//!
//! The fingerprint covers every file under `src/`, `Cargo.toml`, `Cargo.lock`
//! and the compiler's version, and is exposed as `PRESSMINE_BUILD`.
//!
//! It also writes `builtin_rules.rs` into `OUT_DIR`: every file under `rules/`
//! as `(relative path, include_str!(...))`, the rules built into the binary
//! (`rules::RuleSource::BuiltIn`).

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let mut list = Vec::new();
    files(&root.join("src"), &mut list);
    list.push(root.join("Cargo.toml"));
    list.push(root.join("Cargo.lock"));
    list.sort();
    let mut h = Sha256::new();
    for p in &list {
        let rel = p.strip_prefix(&root).unwrap_or(p);
        h.update(rel.to_string_lossy().as_bytes());
        h.update([0]);
        h.update(std::fs::read(p).unwrap_or_default());
        h.update([0]);
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    if let Ok(o) = std::process::Command::new(rustc).arg("-vV").output() {
        h.update(&o.stdout);
    }
    // Profile and target change the code too.
    for k in ["PROFILE", "TARGET", "OPT_LEVEL"] {
        h.update(std::env::var(k).unwrap_or_default().as_bytes());
        h.update([0]);
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=PRESSMINE_BUILD={}", &hex[..12]);
    builtin_rules(&root);
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
}

/// Writes `OUT_DIR/builtin_rules.rs`: `BUILTIN_RULES`, every file under
/// `rules/` (sorted, `/`-separated relative paths) with its text.
fn builtin_rules(root: &Path) {
    let dir = root.join("rules");
    let mut list = Vec::new();
    files(&dir, &mut list);
    list.sort();
    let mut out = String::from(
        "/// Every file of the shipped `rules/` folder: relative path and text.\n\
         pub static BUILTIN_RULES: &[(&str, &str)] = &[\n",
    );
    for p in &list {
        let rel = p.strip_prefix(&dir).unwrap_or(p);
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            rel.join("/"),
            p.to_string_lossy()
        ));
        println!("cargo:rerun-if-changed={}", p.display());
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("builtin_rules.rs"), out).expect("write builtin_rules.rs");
}
