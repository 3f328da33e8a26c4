//! The state [`super::compile`] builds up while it reads the rule files: every
//! rule with the file and line it is written at (ids checked for uniqueness),
//! every gazetteer phrase with its meaning, and every problem found.

use super::ruleset::{PhraseKind, PhraseTag, RuleInfo};
use crate::rules::parse::{line_of_str, RuleError};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Rules, phrases and problems gathered so far.
#[derive(Default)]
pub(super) struct Builder {
    seen: HashMap<(String, String), usize>,
    pub(super) errors: Vec<RuleError>,
    pub(super) rules: Vec<RuleInfo>,
    ids: HashMap<String, (String, usize)>,
    pub(super) phrases: Vec<(String, PhraseTag)>,
}

impl Builder {
    pub(super) fn err(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.errors.push(RuleError {
            file: file.into(),
            line,
            message: message.into(),
        });
    }

    /// Register a rule. `needle` is how its definition reads in the file (for
    /// the line); a repeated needle in one file finds its next occurrence.
    pub(super) fn add_rule(&mut self, id: &str, file: &str, text: &str, needle: &str) -> usize {
        let seen = self
            .seen
            .entry((file.to_string(), needle.to_string()))
            .or_insert(0);
        let line = nth_line_of(text, needle, *seen)
            .or_else(|| key_line(text, needle))
            .unwrap_or_else(|| line_of_str(text, id));
        *seen += 1;
        if id.trim().is_empty() {
            self.err(file, line, "rule id is empty");
        } else if let Some((f, l)) = self.ids.get(id) {
            let msg = format!("duplicate rule id '{id}' (first defined at {f}:{l})");
            self.err(file, line, msg);
        } else {
            self.ids.insert(id.to_string(), (file.to_string(), line));
        }
        self.rules.push(RuleInfo {
            id: id.to_string(),
            file: file.to_string(),
            line,
        });
        self.rules.len() - 1
    }

    pub(super) fn phrase(&mut self, text: &str, kind: PhraseKind, rule: usize) {
        let t = text.trim();
        if t.is_empty() {
            return;
        }
        // Acronyms and all-capital words match only as written.
        let case_sensitive = t
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
            && t.len() <= 8;
        self.phrases.push((
            t.replace('\u{2019}', "'"),
            PhraseTag {
                kind,
                rule,
                case_sensitive,
            },
        ));
    }
}

/// Line of the `n`-th (0-based) `id = "needle"` definition in `text`.
fn nth_line_of(text: &str, needle: &str, n: usize) -> Option<usize> {
    let mut at = 0;
    let mut count = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let t = line.trim_start();
        let is_def = t.starts_with("id") && {
            let rest = t[2..].trim_start();
            rest.starts_with('=') && {
                let v = rest[1..].trim();
                v.trim_matches(|c| c == '"' || c == '\'') == needle
            }
        };
        if is_def {
            if count == n {
                return Some(i + 1);
            }
            count += 1;
        }
        at += line.len();
    }
    let _ = at;
    None
}

/// The line defining key `key` (`key = ...`), for rules that are a list, not a table.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// Lowercase hex SHA-256 of a rule file's bytes.
pub(super) fn hash_hex(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
