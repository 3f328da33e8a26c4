//! Placeholders in regex rules: `{macro}` (the `[macros]` of the regex rule
//! files, and the built-in `{rating}` and `{chief_title}`) and `{list:name}`,
//! expanded before a pattern is compiled, with a cap on how long the expanded
//! pattern may grow.

use super::ruleset::{Inspectorate, Scale};
use regex::Regex;
use std::collections::{BTreeMap, HashMap};

/// Longest pattern (bytes) that placeholder expansion may produce. A macro that
/// uses itself several times doubles the pattern at every round; without a cap
/// one rule line could take minutes and gigabytes before failing.
const MAX_EXPANDED_PATTERN: usize = 1 << 20;

/// Expand `{macro}` and `{list:name}` placeholders (macros may use earlier ones).
pub(super) fn expand(
    pattern: &str,
    macros: &BTreeMap<String, String>,
    lists: &HashMap<String, Vec<String>>,
) -> Result<String, String> {
    let mut out = pattern.to_string();
    for _ in 0..8 {
        let mut changed = false;
        let mut next = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(open) = rest.find('{') {
            next.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}');
            let name = close.map(|c| &after[..c]).unwrap_or("");
            let is_macro = !name.is_empty()
                && name.starts_with(|c: char| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == ':');
            if let (true, Some(c)) = (is_macro, close) {
                if let Some(list) = name.strip_prefix("list:") {
                    let items = lists
                        .get(list)
                        .ok_or_else(|| format!("unknown list '{{list:{list}}}'"))?;
                    let mut items: Vec<&String> = items.iter().collect();
                    items.sort_by_key(|s| std::cmp::Reverse(s.len()));
                    let alts: Vec<String> = items
                        .iter()
                        .map(|s| regex::escape(&s.replace('\u{2019}', "'")).replace("\\ ", " "))
                        .map(|s| s.replace(' ', r"\s+"))
                        .collect();
                    next.push_str(&format!("(?:{})", alts.join("|")));
                } else {
                    let m = macros
                        .get(name)
                        .ok_or_else(|| format!("unknown macro '{{{name}}}'"))?;
                    next.push_str(&format!("(?:{m})"));
                }
                changed = true;
                rest = &after[c + 1..];
                if next.len() > MAX_EXPANDED_PATTERN {
                    return Err(format!(
                        "pattern longer than {MAX_EXPANDED_PATTERN} bytes once macros and lists are expanded (does a macro use itself?)"
                    ));
                }
            } else {
                next.push('{');
                rest = after;
            }
        }
        next.push_str(rest);
        out = next;
        if !changed {
            return Ok(out);
        }
    }
    Err("macros nest too deeply (a macro may refer to itself)".into())
}

/// Add the built-in macros that the rule files do not define themselves, and
/// return the regex of every rating wording (as whole words, case-insensitive).
pub(super) fn builtin_macros(
    macros: &mut BTreeMap<String, String>,
    scales: &[Scale],
    inspectorates: &[Inspectorate],
) -> Regex {
    // `{rating}`: every wording of every scale, longest first.
    let mut wordings: Vec<String> = scales
        .iter()
        .flat_map(|s| s.variants.keys().cloned())
        .collect();
    wordings.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    wordings.dedup();
    let alts: Vec<String> = wordings
        .iter()
        .map(|w| regex::escape(w).replace("\\ ", " ").replace(' ', r"\s+"))
        .collect();
    macros
        .entry("rating".to_string())
        .or_insert_with(|| format!("(?i:{})", alts.join("|")));
    let rating_words = Regex::new(&format!(r"(?i)\b(?:{})\b", alts.join("|")))
        .unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("an empty-matching regex compiles"));

    // `{chief_title}`: every chief-inspector title, longest first.
    let mut titles: Vec<String> = inspectorates
        .iter()
        .flat_map(|i| i.chief_titles.iter().map(|t| t.replace('\u{2019}', "'")))
        .collect();
    titles.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    titles.dedup();
    let alts: Vec<String> = titles
        .iter()
        .map(|w| regex::escape(w).replace("\\ ", " ").replace(' ', r"\s+"))
        .collect();
    macros
        .entry("chief_title".to_string())
        .or_insert_with(|| format!("(?:{})", alts.join("|")));
    rating_words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_macros_and_lists_but_not_repetitions() {
        let mut m = BTreeMap::new();
        m.insert("word".to_string(), "[a-z]{2,4}".to_string());
        m.insert("two".to_string(), "{word} {word}".to_string());
        let mut l = HashMap::new();
        l.insert(
            "cues".to_string(),
            vec!["said".to_string(), "added that".to_string()],
        );
        let out = expand("x{two}{1,3}{list:cues}", &m, &l).unwrap();
        assert_eq!(
            out,
            r"x(?:(?:[a-z]{2,4}) (?:[a-z]{2,4})){1,3}(?:added\s+that|said)"
        );
        assert!(expand("{nope}", &m, &l)
            .unwrap_err()
            .contains("unknown macro"));
    }

    #[test]
    fn a_macro_that_uses_itself_fails_fast_instead_of_growing_without_bound() {
        // Regression: sixteen uses of itself grew the pattern 16x per round for
        // 8 rounds (over 60 s and 5 GB before this cap).
        let mut m = BTreeMap::new();
        m.insert("boom".to_string(), "{boom}".repeat(16));
        let t = std::time::Instant::now();
        let err = expand("{boom}", &m, &HashMap::new()).unwrap_err();
        assert!(err.contains("longer than"), "{err}");
        assert!(t.elapsed().as_secs() < 5);
        // One self-use still reports the nesting.
        m.insert("loop".to_string(), "x{loop}".to_string());
        let err = expand("{loop}", &m, &HashMap::new()).unwrap_err();
        assert!(err.contains("nest too deeply"), "{err}");
    }
}
