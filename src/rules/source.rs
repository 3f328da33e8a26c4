//! Where the rule files are read from: a folder (`--rules DIR`), or the rules
//! built into the binary (the shipped `rules/` folder as it was at build time),
//! so that an installed `pressmine` works from any folder.

use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A set of rule files to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleSource {
    /// The files of a folder, as they are now.
    Folder(PathBuf),
    /// The shipped `rules/` folder, compiled into the binary.
    BuiltIn,
}

impl RuleSource {
    /// `--rules DIR` when given, else the built-in rules.
    pub fn from_arg(dir: Option<&Path>) -> Self {
        match dir {
            Some(d) => RuleSource::Folder(d.to_path_buf()),
            None => RuleSource::BuiltIn,
        }
    }

    /// The text of one rule file (`name` relative to the folder, `/`-separated).
    pub fn read(&self, name: &str) -> std::io::Result<String> {
        match self {
            RuleSource::Folder(dir) => std::fs::read_to_string(dir.join(name)),
            RuleSource::BuiltIn => BUILTIN_RULES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| {
                    std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        format!("{name} is not among the built-in rules"),
                    )
                }),
        }
    }

    /// The names of the files directly inside the sub-folder `sub` (sorted;
    /// none when there is no such folder).
    pub fn list(&self, sub: &str) -> Vec<String> {
        let mut names: Vec<String> = match self {
            RuleSource::Folder(dir) => std::fs::read_dir(dir.join(sub))
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .filter(|e| e.path().is_file())
                        .filter_map(|e| e.file_name().into_string().ok())
                        .collect()
                })
                .unwrap_or_default(),
            RuleSource::BuiltIn => BUILTIN_RULES
                .iter()
                .filter_map(|(n, _)| n.strip_prefix(sub)?.strip_prefix('/'))
                .filter(|n| !n.contains('/'))
                .map(str::to_string)
                .collect(),
        };
        names.sort();
        names
    }

    /// What the manifest and the report name: `built-in` or the folder's path.
    pub fn describe(&self) -> String {
        match self {
            RuleSource::Folder(dir) => dir.display().to_string(),
            RuleSource::BuiltIn => "built-in".to_string(),
        }
    }

    /// The folder, for a folder source.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            RuleSource::Folder(dir) => Some(dir),
            RuleSource::BuiltIn => None,
        }
    }
}

/// The built-in rule files: relative path and text, in path order.
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_RULES
}

/// Writes the built-in rule files into `dir` (created if missing), keeping their
/// relative paths, for editing; returns the paths written. Refuses to overwrite
/// a file that is already there.
pub fn export(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    for (name, _) in BUILTIN_RULES {
        let path = dir.join(name);
        if path.exists() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!(
                    "{} already exists: export into an empty or new folder",
                    path.display()
                ),
            ));
        }
    }
    let mut written = Vec::new();
    for (name, text) in BUILTIN_RULES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_rules_are_the_shipped_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let folder = RuleSource::Folder(root.clone());
        assert!(builtin_files().iter().any(|(n, _)| *n == "ratings.toml"));
        for (name, text) in builtin_files() {
            assert_eq!(folder.read(name).unwrap(), *text, "{name}");
            assert_eq!(RuleSource::BuiltIn.read(name).unwrap(), *text);
        }
        assert_eq!(
            RuleSource::BuiltIn.list("gazetteers"),
            folder.list("gazetteers")
        );
        assert!(!RuleSource::BuiltIn.list("gazetteers").is_empty());
        let err = RuleSource::BuiltIn.read("nope.toml").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn export_writes_every_file_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let written = export(dir.path()).unwrap();
        assert_eq!(written.len(), builtin_files().len());
        let again = export(dir.path()).unwrap_err();
        assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
        assert!(again.to_string().contains("already exists"), "{again}");
    }
}
