//! Reading `gold.jsonl` and `records.jsonl`: every bad line reported as
//! `file:line: message`, never only the first.

use super::{gold::check_gold, Gold};
use crate::record::Record;
use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// One bad line of a gold or records file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The file, as it was given.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, worded for the person who wrote the line.
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// How many bad lines an [`EvalError::Lines`] shows before summing up the rest.
const SHOWN_LINE_ERRORS: usize = 20;

fn show_line_errors(errors: &[LineError]) -> String {
    let mut out = String::new();
    for (i, e) in errors.iter().take(SHOWN_LINE_ERRORS).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(out, "{e}");
    }
    if errors.len() > SHOWN_LINE_ERRORS {
        let _ = write!(
            out,
            "\n... and {} more bad lines",
            errors.len() - SHOWN_LINE_ERRORS
        );
    }
    out
}

/// Why a gold or records file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file could not be read (or is not UTF-8).
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Some lines are bad; all of them are listed, one `file:line: message` a line.
    #[error("{}", show_line_errors(.0))]
    Lines(Vec<LineError>),
}

/// The message of a serde_json error without serde_json's "at line 1 column N"
/// suffix (the line is always 1 here: each line is parsed alone). The column is
/// kept for syntax errors, where it is what finds the fault.
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let bare = full.strip_suffix(&suffix).unwrap_or(&full);
    match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("{bare} (column {})", e.column())
        }
        _ => bare.to_string(),
    }
}

/// The items of a JSON Lines file that parsed (with their 1-based line numbers), and
/// the bad lines.
type Parsed<T> = (Vec<(usize, T)>, Vec<LineError>);

/// Parses a JSON Lines file, one `T` a non-blank line: the items that parsed, with
/// their line numbers, and every bad line. `check` adds problems of lines that parse
/// fine but are still wrong (their items are kept, so later checks can see them).
fn load_jsonl<T>(path: &Path, check: impl Fn(&T) -> Vec<String>) -> Result<Parsed<T>, EvalError>
where
    T: serde::de::DeserializeOwned,
{
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<T>(line) {
            Ok(item) => {
                for message in check(&item) {
                    errors.push(LineError {
                        path: path.to_path_buf(),
                        line: line_no,
                        message,
                    });
                }
                items.push((line_no, item));
            }
            Err(e) => errors.push(LineError {
                path: path.to_path_buf(),
                line: line_no,
                message: json_message(&e),
            }),
        }
    }
    Ok((items, errors))
}

/// Reads a `gold.jsonl`: one [`Gold`] a line; blank lines are skipped, a byte order
/// mark and CRLF line ends are accepted. Every bad line is reported, in line order
/// (unparsable JSON, a missing key, a value outside SPEC.md's closed vocabularies, a
/// `file` annotated twice), each as ``gold.jsonl:3: missing field `title` ``.
pub fn load_gold(path: impl AsRef<Path>) -> Result<Vec<Gold>, EvalError> {
    let path = path.as_ref();
    let (lines, mut errors) = load_jsonl(path, check_gold)?;
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    for (line, g) in &lines {
        if let Some(first) = first_line.get(g.file.as_str()) {
            errors.push(LineError {
                path: path.to_path_buf(),
                line: *line,
                message: format!("`{}` is annotated twice (first on line {first})", g.file),
            });
        } else {
            first_line.insert(g.file.as_str(), *line);
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(EvalError::Lines(errors));
    }
    Ok(lines.into_iter().map(|(_, g)| g).collect())
}

/// Reads a `records.jsonl`: one [`Record`] a line; blank lines are skipped. Every bad
/// line is reported as `records.jsonl:7: message`.
pub fn load_records(path: impl AsRef<Path>) -> Result<Vec<Record>, EvalError> {
    let (lines, errors) = load_jsonl(path.as_ref(), |_: &Record| Vec::new())?;
    if !errors.is_empty() {
        return Err(EvalError::Lines(errors));
    }
    Ok(lines.into_iter().map(|(_, r)| r).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::test_support::*;

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
        let path = dir.path().join(name);
        if let Err(e) = std::fs::write(&path, text) {
            panic!("writing {}: {e}", path.display());
        }
        path
    }

    fn tempdir() -> tempfile::TempDir {
        match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("tempdir: {e}"),
        }
    }

    #[test]
    fn load_gold_reads_the_seed_line_with_bom_crlf_and_blank_lines() {
        let dir = tempdir();
        let path = write(&dir, "gold.jsonl", &format!("\u{feff}{SEED_LINE}\r\n\r\n"));
        let gold = match load_gold(&path) {
            Ok(g) => g,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].file, "000_60cd146d0c9dfd47.txt");
        assert_eq!(gold[0].quotes.len(), 2);
        assert_eq!(gold[0].officials[0].honours.as_deref(), Some("CBE"));
        assert_eq!(gold[0].byline, None);
    }

    #[test]
    fn load_gold_names_file_and_line_of_every_bad_line() {
        let dir = tempdir();
        let no_title = SEED_LINE.replace(
            r#""title": "Redbridge Youth Justice and Targeted Prevention Service ‘Requires improvement’", "#,
            "",
        );
        let null_title = SEED_LINE.replace(
            r#""title": "Redbridge Youth Justice and Targeted Prevention Service ‘Requires improvement’""#,
            r#""title": null"#,
        );
        let null_title = null_title.replace("000_60cd146d0c9dfd47.txt", "other.txt");
        let bad_kind = SEED_LINE
            .replace("000_60cd146d0c9dfd47.txt", "third.txt")
            .replacen(r#""kind": "person""#, r#""kind": "persn""#, 1);
        let text = format!(
            "{SEED_LINE}\n{null_title}\n{no_title}\n{{\"file\": \n{SEED_LINE}\n{bad_kind}\n"
        );
        let path = write(&dir, "gold.jsonl", &text);
        let err = match load_gold(&path) {
            Ok(_) => panic!("bad gold loaded"),
            Err(e) => e,
        };
        let EvalError::Lines(lines) = &err else {
            panic!("expected line errors, got {err}");
        };
        let shown: Vec<String> = lines
            .iter()
            .map(|e| format!("{}: {}", e.line, e.message))
            .collect();
        assert_eq!(lines.len(), 4, "{shown:?}");
        assert_eq!(lines[0].line, 3);
        assert_eq!(lines[0].message, "missing field `title`");
        assert_eq!(
            lines[0].to_string(),
            format!("{}:3: missing field `title`", path.display())
        );
        assert_eq!(lines[1].line, 4);
        assert!(lines[1].message.contains("EOF"), "{}", lines[1].message);
        assert_eq!(lines[2].line, 5);
        assert!(lines[2]
            .message
            .contains("annotated twice (first on line 1)"));
        assert_eq!(lines[3].line, 6);
        assert!(lines[3]
            .message
            .starts_with("quotes[0].kind: expected one of"));
        assert!(err
            .to_string()
            .contains("gold.jsonl:3: missing field `title`"));
        // A missing file names itself.
        let missing = dir.path().join("none.jsonl");
        let err = load_gold(&missing)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with(&missing.display().to_string()), "{err}");
    }

    #[test]
    fn load_records_round_trips_and_names_bad_lines() {
        let dir = tempdir();
        let line = serde_json::to_string(&seed_record()).unwrap_or_default();
        let path = write(&dir, "records.jsonl", &format!("{line}\n\n{line}\n"));
        match load_records(&path) {
            Ok(rs) => assert_eq!(rs, [seed_record(), seed_record()]),
            Err(e) => panic!("{e}"),
        }
        let path = write(
            &dir,
            "records.jsonl",
            &format!("{line}\n{{\"id\": \"x\"}}\n"),
        );
        let err = load_records(&path)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("records.jsonl:2: missing field"), "{err}");
    }
}
