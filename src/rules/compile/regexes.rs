//! The regex rule files ([`REGEX_FILES`]): their macros and lists gathered,
//! each rule's closed-set keys checked, its pattern expanded and compiled (on
//! every core, under [`super::REGEX_SIZE_LIMIT`]) at load or on first use,
//! and compile errors worded for the rule author.

use super::builder::{hash_hex, Builder};
use super::placeholders::expand;
use super::ruleset::{build_regex, compile_error_message, Family, RegexRule, RuleInfo};
use super::REGEX_FILES;
use crate::rules::parse::{line_of_str, read_toml, RegexFile, RegexRuleDef};
use crate::rules::RuleSource;
use rayon::prelude::*;
use regex::bytes::Regex;
use std::collections::{BTreeMap, HashMap};

/// A regex rule read and expanded, not yet compiled: its family, where it is
/// written, its definition, its expanded pattern and its file.
pub(super) type Pending = (Family, RuleInfo, RegexRuleDef, String, &'static str);

/// A regex rule file as read: its name, its tables and its text.
type ParsedFile = (&'static str, RegexFile, String);

/// Read every regex rule file, gathering the macros and lists of all of them
/// (the lists into `lists`) before any pattern is expanded.
pub(super) fn read_files(
    dir: &RuleSource,
    b: &mut Builder,
    files: &mut BTreeMap<String, String>,
    lists: &mut HashMap<String, Vec<String>>,
) -> (Vec<ParsedFile>, BTreeMap<String, String>) {
    let mut parsed: Vec<ParsedFile> = Vec::new();
    let mut macros = BTreeMap::new();
    for file in REGEX_FILES {
        match read_toml::<RegexFile>(dir, file) {
            Ok((f, text)) => {
                files.insert(file.to_string(), hash_hex(text.as_bytes()));
                for (k, v) in &f.macros {
                    if macros.insert(k.clone(), v.clone()).is_some() {
                        let line = line_of_str(&text, k);
                        b.err(file, line, format!("macro '{k}' is defined twice"));
                    }
                }
                for (k, v) in &f.lists {
                    if v.is_empty() {
                        let line = line_of_str(&text, k);
                        b.err(file, line, format!("list '{k}' is empty"));
                    }
                    if lists.insert(k.clone(), v.clone()).is_some() {
                        let line = line_of_str(&text, k);
                        b.err(file, line, format!("list '{k}' is defined twice"));
                    }
                }
                parsed.push((file, f, text));
            }
            Err(e) => b.errors.push(e),
        }
    }
    (parsed, macros)
}

/// Every rule of every regex rule file, in file order, checked and with its
/// placeholders expanded (a rule whose expansion fails is reported and left out).
pub(super) fn expand_all(
    parsed: Vec<ParsedFile>,
    macros: &BTreeMap<String, String>,
    lists: &HashMap<String, Vec<String>>,
    b: &mut Builder,
) -> Vec<Pending> {
    let mut pending = Vec::new();
    for (file, f, text) in parsed {
        let families = [
            (Family::Rating, f.rating),
            (Family::Suppress, f.suppress),
            (Family::Service, f.service),
            (Family::Person, f.person),
            (Family::Role, f.role),
            (Family::Speaker, f.speaker),
            (Family::Byline, f.byline),
            (Family::Credit, f.credit),
            (Family::Publisher, f.publisher),
            (Family::DocType, f.doc_type),
            (Family::Date, f.date),
            (Family::Boilerplate, f.boilerplate),
            (Family::Title, f.title),
        ];
        for (family, defs) in families {
            for def in defs {
                let r = b.add_rule(&def.id, file, &text, &def.id);
                let info = b.rules[r].clone();
                if let Some(msg) = check_values(family, &def) {
                    b.err(file, info.line, format!("rule '{}': {msg}", def.id));
                }
                let expanded =
                    match expand(&def.pattern, macros, lists).and_then(|p| byte_pattern(&p)) {
                        Ok(p) => p,
                        Err(m) => {
                            b.err(file, info.line, format!("rule '{}': {m}", def.id));
                            continue;
                        }
                    };
                pending.push((family, info, def, expanded, file));
            }
        }
    }
    pending
}

/// Keys whose values are a closed set: a misspelling is an error, not a silent default.
fn check_values(family: Family, def: &RegexRuleDef) -> Option<String> {
    let one_of = |key: &str, v: &Option<String>, allowed: &[&str]| -> Option<String> {
        let v = v.as_deref()?;
        (!allowed.contains(&v))
            .then(|| format!("{key} = \"{v}\" is not one of {}", allowed.join(", ")))
    };
    if let Some(m) = one_of(
        "applies",
        &def.applies,
        &["body", "title", "headline", "head", "all"],
    ) {
        return Some(m);
    }
    if def.max_who.is_some() && family != Family::Speaker {
        return Some("max_who is for speaker rules only".into());
    }
    match family {
        Family::Rating => one_of("scope", &def.scope, &["overall", "auto"]).or_else(|| {
            one_of(
                "kind",
                &def.kind,
                &[
                    "change",
                    "label",
                    "area_list",
                    "area_before",
                    "heading",
                    "framework_area",
                    "all_areas",
                    "gapped",
                ],
            )
        }),
        Family::Suppress => one_of("scope", &def.scope, &["sentence", "match"]),
        Family::Speaker => match def.scope.as_deref() {
            None => Some(
                "a speaker rule needs scope = \"pre_colon\", \"pre_reported\" or \"post\"".into(),
            ),
            s => one_of(
                "scope",
                &s.map(str::to_string),
                &["pre_colon", "pre_reported", "post"],
            ),
        },
        Family::Role => one_of("kind", &def.kind, &["official", "not_official"]),
        Family::Person => one_of("kind", &def.kind, &["official", "named_official"]),
        Family::Boilerplate => one_of("kind", &def.kind, &["paragraph", "rest", "block", "prefix"]),
        Family::Title => match def.kind.as_deref() {
            None => Some(
                "a title rule needs kind = \"skip\", \"strip\", \"lede\" or \"dateline\"".into(),
            ),
            s => one_of(
                "kind",
                &s.map(str::to_string),
                &["skip", "strip", "lede", "dateline"],
            ),
        },
        Family::Service => one_of("scope", &def.scope, &["fallback"]),
        Family::Date => one_of("kind", &def.kind, &["published", "fieldwork", "other"]),
        Family::DocType => {
            one_of("scope", &def.scope, &["unquoted"]).or_else(|| match def.kind.as_deref() {
                None => Some("a doc_type rule needs kind = the document type it signals".into()),
                s => one_of(
                    "kind",
                    &s.map(str::to_string),
                    &["press_release", "news", "council_statement", "other"],
                ),
            })
        }
        _ => None,
    }
}

/// A pattern as the rules are compiled: an ASCII byte pattern, run over the
/// match text ([`crate::normalize::match_text`]), where letters outside ASCII
/// read as ASCII letters. Unicode patterns build about two and a half times
/// slower, and their word boundaries keep the fast DFA off text with
/// non-ASCII bytes.
/// A character outside ASCII in the pattern (written or as `\x{...}`,
/// `\u{...}`) becomes what the match text holds: a letter its ASCII letters;
/// a character normalisation never keeps (curly quote marks, dashes) a byte
/// no text holds; any other (a bullet, '£') its own bytes, outside a class
/// only. `\xHH` is the byte HH. Unicode classes (`\p{...}`) are refused.
fn byte_pattern(p: &str) -> Result<String, String> {
    use crate::normalize::{never_kept, push_match_char};
    let mut out = String::with_capacity(p.len() + 16);
    let chars: Vec<char> = p.chars().collect();
    let mut depth = 0usize;
    // Just after '[' or '[^': a ']' here is a literal.
    let mut class_start = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut literal = None;
        if c == '\\' {
            let Some(&n) = chars.get(i + 1) else {
                out.push(c);
                break;
            };
            match n {
                'p' | 'P' => {
                    return Err(format!(
                        "'\\{n}' (a Unicode class): rules read letters outside ASCII as ASCII \
                         letters; write [A-Z], [a-z], [A-Za-z] or [0-9] instead"
                    ))
                }
                // `\xHH`: byte HH of the match text, as written.
                'x' if chars.get(i + 2) != Some(&'{') => {
                    out.push('\\');
                    out.push(n);
                    i += 2;
                }
                'x' | 'u' | 'U' => {
                    let (code, len) = escaped_char(&chars[i + 2..], n)
                        .ok_or_else(|| format!("a malformed escape '\\{n}'"))?;
                    if code.is_ascii() {
                        out.extend(&chars[i..i + 2 + len]);
                    } else {
                        literal = Some(code);
                    }
                    i += 2 + len;
                }
                n if !n.is_ascii() => {
                    literal = Some(n);
                    i += 2;
                }
                n => {
                    out.push('\\');
                    out.push(n);
                    i += 2;
                }
            }
            class_start = false;
        } else if !c.is_ascii() {
            literal = Some(c);
            i += 1;
            class_start = false;
        } else {
            match c {
                '[' => {
                    depth += 1;
                    out.push(c);
                    i += 1;
                    class_start = true;
                    continue;
                }
                '^' if class_start => {
                    out.push(c);
                    i += 1;
                    continue;
                }
                ']' if depth > 0 && !class_start => depth -= 1,
                _ => {}
            }
            class_start = false;
            out.push(c);
            i += 1;
        }
        if let Some(l) = literal {
            if never_kept(l) {
                // Normalised text never holds it, nor a NUL byte.
                out.push_str("\\x00");
            } else if depth > 0 {
                return Err(format!(
                    "'{l}' inside a character class: write a character outside ASCII as an \
                     alternative of its own, '(?:[...]|{l})'"
                ));
            } else if l.is_alphabetic() {
                let mut folded = String::new();
                push_match_char(l, &mut folded);
                out.push_str(&folded);
            } else {
                out.push(l);
            }
        }
    }
    Ok(out)
}

/// The character of an escape `\x{...}`, `\u` or `\U` (`kind`) whose text
/// follows in `rest`: `{hex}`, or 4 or 8 hex digits (`\xHH` without braces
/// is a byte and never comes here). Also how many characters of `rest` it
/// took.
fn escaped_char(rest: &[char], kind: char) -> Option<(char, usize)> {
    let (digits, len): (String, usize) = if rest.first() == Some(&'{') {
        let close = rest.iter().position(|&c| c == '}')?;
        (rest[1..close].iter().collect(), close + 1)
    } else {
        let n = if kind == 'u' { 4 } else { 8 };
        (rest.get(..n)?.iter().collect(), n)
    };
    let code = u32::from_str_radix(digits.trim(), 16).ok()?;
    Some((char::from_u32(code)?, len))
}

/// Compile the patterns `now` marks, on every core; the others are left
/// for their first use (None).
pub(super) fn compile_some(
    pending: &[Pending],
    now: &[bool],
) -> Vec<Option<Result<Regex, regex::Error>>> {
    pending
        .par_iter()
        .zip(now)
        .map(|((_, _, _, expanded, _), &now)| now.then(|| build_regex(expanded)))
        .collect()
}

/// The rules in file order, each compiled or left for its first use; each
/// pattern that did not compile is reported at its rule.
pub(super) fn collect(
    pending: Vec<Pending>,
    compiled: Vec<Option<Result<Regex, regex::Error>>>,
    b: &mut Builder,
) -> Vec<RegexRule> {
    let mut regex_rules = Vec::new();
    for ((family, info, def, expanded, file), built) in pending.into_iter().zip(compiled) {
        match built.transpose() {
            Ok(regex) => regex_rules.push(RegexRule::new(family, info, def, expanded, regex)),
            Err(e) => {
                let msg = compile_error_message(&def.id, e);
                b.err(file, info.line, msg)
            }
        }
    }
    regex_rules
}

#[cfg(test)]
mod tests {
    use super::{build_regex, byte_pattern};
    use crate::normalize::match_text;

    /// Whether `pattern`, made a byte pattern, matches `text` as the matcher
    /// searches it.
    fn matches(pattern: &str, text: &str) -> bool {
        let p = byte_pattern(pattern).expect("a pattern the rules accept");
        build_regex(&p)
            .expect("it compiles")
            .is_match(match_text(text).as_bytes())
    }

    #[test]
    fn letters_outside_ascii_match_as_the_match_text_writes_them() {
        assert!(matches(r"\bTh\u{e9}r\u{e8}se\b", "Ms Thérèse Hale"));
        assert!(matches("Thérèse", "Ms Thérèse Hale"));
        assert!(!matches("Thérèse", "Ms Therese Hale"));
        // A word of ASCII letters and others is one word to '\w' and '\b'.
        assert!(matches(r"\bSi\w+\b Hale", "Siân Hale"));
        assert!(matches(r"^[A-Z][a-z]+ [A-Z]", "Siân Hale"));
    }

    #[test]
    fn characters_normalisation_never_keeps_match_nothing() {
        // The curly apostrophe is folded to a straight one before matching.
        assert!(matches(r"['\u{2019}]s\b", "the home's staff"));
        assert!(!matches(r"\u{2019}s\b", "the home's staff"));
        assert!(!matches(r"\u{2019}s\b", "the home\u{2019}s staff"));
    }

    #[test]
    fn symbols_outside_ascii_match_outside_a_class_only() {
        assert!(matches(r"^(?:[-*]|\u{2022})\s*Safe", "\u{2022} Safe: Good"));
        assert!(matches(r"^(?:[-*]|•)\s*Safe", "- Safe: Good"));
        let err = byte_pattern(r"^[-*\u{2022}]\s*Safe").unwrap_err();
        assert!(
            err.contains("inside a character class") && err.contains("(?:[...]|"),
            "{err}"
        );
        // `\xHH` is a byte of the match text: the first of a bullet's three.
        assert!(matches(r"^\xE2", "\u{2022} Safe"));
        assert!(!matches(r"^[^\xE2]", "\u{2022} Safe"));
    }

    #[test]
    fn unicode_classes_are_refused_with_the_ascii_ones_to_write() {
        let err = byte_pattern(r"^\p{Lu}\w+").unwrap_err();
        assert!(err.contains("[A-Z]"), "{err}");
        assert!(byte_pattern(r"^[A-Z]\w+").is_ok());
    }
}
