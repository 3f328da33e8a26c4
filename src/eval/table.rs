//! Sources tables: the tab-separated files beside a gold file that say, per
//! gold file, which split it is in (`split`) and which inspection it reports
//! (`inspection`), as `tests/real/sources.tsv` does. One reader serves the
//! split scores and the linking scores.

use super::load::{EvalError, LineError};
use std::path::{Path, PathBuf};

/// A tab-separated table with a header line; blank lines are passed over.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file.
    pub path: PathBuf,
    /// The header's column names, trimmed.
    pub columns: Vec<String>,
    /// Each row: its 1-based line number and its cells (untrimmed).
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// Reads a table; an unreadable file or one with no header is an error.
    pub fn load(path: &Path) -> Result<Table, EvalError> {
        let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let Some((_, header)) = lines.next() else {
            return Err(EvalError::Lines(vec![Table::error_at(
                path,
                1,
                "the table is empty".into(),
            )]));
        };
        Ok(Table {
            path: path.to_path_buf(),
            columns: header.split('\t').map(|c| c.trim().to_string()).collect(),
            rows: lines
                .map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()))
                .collect(),
        })
    }

    /// The index of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// Whether the file is a table whose header names the column.
    pub fn has_column(path: &Path, name: &str) -> bool {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|t| {
                t.lines()
                    .next()
                    .map(|h| h.split('\t').any(|c| c.trim() == name))
            })
            .unwrap_or(false)
    }

    /// An error at a line of this table.
    pub fn error(&self, line: usize, message: String) -> LineError {
        Table::error_at(&self.path, line, message)
    }

    fn error_at(path: &Path, line: usize, message: String) -> LineError {
        LineError {
            path: path.to_path_buf(),
            line,
            message,
        }
    }
}
