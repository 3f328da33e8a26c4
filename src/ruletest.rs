//! `pressmine rules test`: run every rule's worked examples and counter-examples.
//!
//! Every rule in the rules folder must carry at least one example. What an
//! example means depends on the rule (`rules/README.md`, "Examples"):
//!
//! - a regex rule must match the example text, and with `expect` one of its
//!   matches must give that value ([`RegexHit::value`]); a `counter` text must not
//!   match at all;
//! - an inspectorate's example text, extracted as a whole article, must name
//!   that inspectorate (`expect`: its name or acronym); a theme's must raise that
//!   theme (`expect`: its polarity); their `counter` texts must not. A theme's
//!   texts are read as a report's findings: they follow a headline naming an
//!   inspection ([`THEME_CONTEXT`]), which the theme extractor's gate needs;
//! - a scale's example must hold a wording of that scale (`expect`: the value it
//!   means);
//! - the phrase lists (`references`, the polarity cues, clause breaks and
//!   neutral phrases) and the service gazetteers (`rules/gazetteers/`) must find
//!   one of their phrases in the text (`expect`: the phrase as written in the
//!   text); a gazetteer's `counter` texts must hold none of its names.
//!
//! - a linking example (`rules/linking.toml`, `[[example]]`) links its two
//!   records and must find them in one inspection (`same = true`) or in two.
//!
//! Failures are reported as `file:line rule-id: expected X, got Y`, at the
//! line of the example (or of the rule, when the example's text cannot be found
//! in the file).

use crate::extract;
use crate::ingest::{Article, Format};
use crate::matcher::{self, RegexHit};
use crate::normalize::normalize;
use crate::normalize::squash_spaces;
use crate::rules::compile::normalise_key;
use crate::rules::parse::{
    read_toml, Example, GazetteerFile, InspectoratesFile, ScalesFile, ThemesFile,
};
use crate::rules::{self, RuleErrors, RuleInfo, RuleSet, RuleSource};
use std::collections::HashMap;
use std::fmt;

/// One failed example (or a rule without any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// File, relative to the rules folder.
    pub file: String,
    /// 1-based line of the example (or of the rule).
    pub line: usize,
    /// Rule id.
    pub rule: String,
    /// `expected X, got Y`, or what is missing.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{} {}: {}",
            self.file, self.line, self.rule, self.message
        )
    }
}

/// What `rules test` found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Rules tested.
    pub rules: usize,
    /// Examples run.
    pub examples: usize,
    /// Counter-examples run.
    pub counters: usize,
    /// Every failure, in rule order.
    pub failures: Vec<Failure>,
}

impl Outcome {
    /// The lines printed by `rules test`: each failure, then a summary.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for f in &self.failures {
            s.push_str(&format!("{f}\n"));
        }
        let head = format!(
            "{} rules, {} examples, {} counter-examples",
            self.rules, self.examples, self.counters
        );
        if self.failures.is_empty() {
            s.push_str(&format!("{head}: all pass\n"));
        } else {
            s.push_str(&format!("{head}: {} failure(s)\n", self.failures.len()));
        }
        s
    }
}

/// The examples of one rule, as written.
#[derive(Default)]
struct Cases {
    examples: Vec<Example>,
    counter: Vec<String>,
}

/// How one rule's examples are run.
enum Kind<'a> {
    Regex(usize),
    Inspectorate(&'a str),
    Theme(&'a str),
    Scale(&'a str),
    Phrases(usize),
}

/// Load the rules (a folder, or the built-in ones) and run every example.
pub fn run(dir: &RuleSource) -> Result<Outcome, RuleErrors> {
    let set = rules::load_all(dir)?;
    let cases = gather(dir, &set).map_err(|e| RuleErrors(vec![e]))?;
    let texts: HashMap<String, String> = set
        .files
        .keys()
        .filter_map(|f| dir.read(f).ok().map(|t| (f.clone(), t)))
        .collect();
    let regex_index: HashMap<&str, usize> = set
        .regex_rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.info.id.as_str(), i))
        .collect();
    let mut out = Outcome::default();
    for (ri, info) in set.rules.iter().enumerate() {
        out.rules += 1;
        let kind = if let Some(&i) = regex_index.get(info.id.as_str()) {
            Kind::Regex(i)
        } else if let Some(s) = info.id.strip_prefix("scale.") {
            Kind::Scale(s)
        } else if let Some(t) = info.id.strip_prefix("theme.") {
            Kind::Theme(t)
        } else if set.inspectorates.iter().any(|i| i.info.id == info.id) {
            Kind::Inspectorate(info.id.as_str())
        } else {
            Kind::Phrases(ri)
        };
        let empty = Cases::default();
        let c = cases.get(info.id.as_str()).unwrap_or(&empty);
        let file_text = texts.get(&info.file).map(String::as_str).unwrap_or("");
        let fail = |out: &mut Outcome, needle: &str, message: String| {
            out.failures.push(Failure {
                file: info.file.clone(),
                line: example_line(file_text, info.line, needle),
                rule: info.id.clone(),
                message,
            });
        };
        // A scale with no values (a body that does not grade) has nothing an
        // example could find: its counter-examples say so instead.
        let ungraded =
            matches!(kind, Kind::Scale(id) if set.scale(id).is_some_and(|s| s.values.is_empty()));
        let tested_by_counters = ungraded && !c.counter.is_empty();
        if c.examples.is_empty() && !tested_by_counters {
            fail(
                &mut out,
                "",
                "no example: every rule needs at least one (`rules/README.md`, Examples)".into(),
            );
        }
        for ex in &c.examples {
            out.examples += 1;
            if let Err(m) = check_example(&set, &kind, ex) {
                fail(&mut out, &ex.text, m);
            }
        }
        for t in &c.counter {
            out.counters += 1;
            if let Err(m) = check_counter(&set, &kind, t) {
                fail(&mut out, t, m);
            }
        }
    }
    // Linking: each example links two records and checks whether they are
    // one inspection.
    let (n, fails) = crate::link::rules::check_examples(dir, &set.linking);
    out.rules += 1;
    out.examples += n;
    if n == 0 {
        out.failures.push(Failure {
            file: crate::link::rules::FILE.into(),
            line: 1,
            rule: "linking.example".into(),
            message: "no example: every rule needs at least one (`rules/README.md`, Examples)"
                .into(),
        });
    }
    for f in fails {
        out.failures.push(Failure {
            file: crate::link::rules::FILE.into(),
            line: f.line,
            rule: "linking.example".into(),
            message: f.message,
        });
    }
    out.failures
        .sort_by(|a, b| (a.file.as_str(), a.line).cmp(&(b.file.as_str(), b.line)));
    Ok(out)
}

/// The examples and counter-examples of every rule, by rule id.
fn gather<'s>(
    dir: &RuleSource,
    set: &'s RuleSet,
) -> Result<HashMap<&'s str, Cases>, crate::rules::RuleError> {
    let mut by_id: HashMap<&str, Cases> = HashMap::new();
    let id_of = |s: &str| -> &'s str {
        set.rules
            .iter()
            .find(|r: &&RuleInfo| r.id == s)
            .map(|r| r.id.as_str())
            .unwrap_or("")
    };
    for r in &set.regex_rules {
        by_id.insert(
            r.info.id.as_str(),
            Cases {
                examples: r.def.examples.clone(),
                counter: r.def.counter.clone(),
            },
        );
    }
    let (scales, _) = read_toml::<ScalesFile>(dir, "scales.toml")?;
    for s in scales.scale {
        by_id.insert(
            id_of(&format!("scale.{}", s.id)),
            Cases {
                examples: s.examples,
                counter: s.counter,
            },
        );
    }
    let (insp, _) = read_toml::<InspectoratesFile>(dir, "inspectorates.toml")?;
    for d in insp.inspectorate {
        by_id.insert(
            id_of(&d.id),
            Cases {
                examples: d.examples,
                counter: d.counter,
            },
        );
    }
    by_id.insert(
        id_of("inspectorate.reference"),
        Cases {
            examples: insp.reference_examples,
            counter: Vec::new(),
        },
    );
    by_id.insert(
        id_of("inspectorate.outcome_cue"),
        Cases {
            examples: insp.outcome_cue_examples,
            counter: Vec::new(),
        },
    );
    by_id.insert(
        id_of("inspectorate.no_outcome_cue"),
        Cases {
            examples: insp.no_outcome_cue_examples,
            counter: Vec::new(),
        },
    );
    by_id.insert(
        id_of("inspectorate.other_body"),
        Cases {
            examples: insp.other_body_examples,
            counter: Vec::new(),
        },
    );
    let (themes, _) = read_toml::<ThemesFile>(dir, "themes.toml")?;
    let p = themes.polarity;
    for (id, examples) in [
        ("polarity.strength", p.strength_examples),
        ("polarity.concern", p.concern_examples),
        ("polarity.clause_break", p.clause_break_examples),
        ("polarity.neutral", p.neutral_examples),
        ("polarity.negator", p.negator_examples),
        ("polarity.requirement", p.requirement_examples),
        ("polarity.past", p.past_examples),
        ("polarity.future", p.future_examples),
        ("polarity.not_topic", p.not_topic_examples),
        ("polarity.findings", p.findings_examples),
        ("polarity.background", p.background_examples),
        ("polarity.concessive", p.concessive_examples),
    ] {
        by_id.insert(
            id_of(id),
            Cases {
                examples,
                counter: Vec::new(),
            },
        );
    }
    for t in themes.theme {
        by_id.insert(
            id_of(&format!("theme.{}", t.id)),
            Cases {
                examples: t.examples,
                counter: t.counter,
            },
        );
    }
    // Gazetteers: their examples hold one of their names.
    for file in set.files.keys() {
        if !file.starts_with(&format!("{}/", crate::rules::compile::GAZETTEER_DIR)) {
            continue;
        }
        let (g, _) = read_toml::<GazetteerFile>(dir, file)?;
        for d in g.gazetteer {
            by_id.insert(
                id_of(&d.id),
                Cases {
                    examples: d.examples,
                    counter: d.counter,
                },
            );
        }
    }
    by_id.remove("");
    Ok(by_id)
}

/// Quoted for a message.
fn q(s: &str) -> String {
    format!("'{s}'")
}

/// An example text extracted as a whole article.
/// The headline a theme's example or counter-example is put under, so that
/// it is read as an inspection's findings (the theme extractor raises no
/// themes in an article that names no inspection).
pub const THEME_CONTEXT: &str = "Inspection findings\n\n";

/// Extract a theme example: `text` under [`THEME_CONTEXT`].
fn theme_record(set: &RuleSet, text: &str) -> crate::record::Record {
    extract_text(set, &format!("{THEME_CONTEXT}{text}"))
}

fn extract_text(set: &RuleSet, text: &str) -> crate::record::Record {
    let a = Article {
        path: "example.txt".into(),
        line: None,
        id: "example.txt".into(),
        sha256: String::new(),
        bytes: text.len() as u64,
        text: text.to_string(),
        encoding: None,
        format: Format::Text,
        warnings: Vec::new(),
    };
    extract::extract(&a, set)
}

/// The regex hits of rule `i` in `text` (normalised first), with their values.
fn regex_values(set: &RuleSet, i: usize, text: &str) -> Vec<String> {
    let norm = normalize(text);
    matcher::rule_hits(set, i, &norm.text)
        .iter()
        .map(|h: &RegexHit| h.value(set, &norm.text))
        .collect()
}

/// The phrases of rule `r` found in `text`, as written there.
fn phrase_values(set: &RuleSet, r: usize, text: &str) -> Vec<String> {
    let norm = normalize(text);
    let m = matcher::run(set, &norm.text);
    m.phrases
        .iter()
        .filter(|h| h.tag.rule == r)
        .map(|h| squash_spaces(&norm.text[h.span.start..h.span.end]))
        .collect()
}

/// The values (canonical) of scale `id`'s wordings found in `text`.
fn scale_values(set: &RuleSet, id: &str, text: &str) -> Vec<String> {
    let Some(scale) = set.scale(id) else {
        return Vec::new();
    };
    let norm = normalize(text);
    set.rating_words
        .find_iter(&norm.text)
        .filter_map(|m| scale.variants.get(&normalise_key(m.as_str())).cloned())
        .collect()
}

/// What a rule gives on `text`, as (values, how to describe none).
fn values(set: &RuleSet, kind: &Kind, text: &str) -> (Vec<String>, &'static str) {
    match kind {
        Kind::Regex(i) => (regex_values(set, *i, text), "no match"),
        Kind::Phrases(r) => (phrase_values(set, *r, text), "none of its phrases"),
        Kind::Scale(id) => (scale_values(set, id, text), "no wording of this scale"),
        Kind::Inspectorate(id) => {
            let rec = extract_text(set, text);
            let v = rec
                .inspectorate
                .filter(|i| i.rule == *id)
                .map(|i| vec![i.name])
                .unwrap_or_default();
            (v, "another inspectorate or none")
        }
        Kind::Theme(id) => {
            let rec = theme_record(set, text);
            let v = rec
                .themes
                .iter()
                .filter(|t| t.id == *id)
                .map(|t| t.polarity.clone())
                .collect();
            (v, "the theme not raised")
        }
    }
}

/// Ok when the example holds.
fn check_example(set: &RuleSet, kind: &Kind, ex: &Example) -> Result<(), String> {
    let (got, none) = values(set, kind, &ex.text);
    let want = ex.expect.as_deref().map(squash_spaces);
    let ok = match (&want, kind) {
        (None, _) => !got.is_empty(),
        (Some(w), Kind::Inspectorate(id)) => {
            let i = set.inspectorates.iter().find(|i| i.info.id == *id);
            !got.is_empty()
                && i.is_some_and(|i| i.name == *w || i.acronym.as_deref() == Some(w.as_str()))
        }
        (Some(w), _) => got.iter().any(|g| g == w),
    };
    if ok {
        return Ok(());
    }
    let want = match (want, kind) {
        (Some(w), _) => q(&w),
        (None, Kind::Theme(id)) => format!("theme {id}"),
        (None, Kind::Inspectorate(id)) => id.to_string(),
        (None, _) => "a match".into(),
    };
    let got = if got.is_empty() {
        match kind {
            Kind::Theme(_) => {
                let rec = theme_record(set, &ex.text);
                let raised: Vec<String> = rec
                    .themes
                    .iter()
                    .map(|t| format!("{} ({})", t.id, t.polarity))
                    .collect();
                if raised.is_empty() {
                    "no theme".to_string()
                } else {
                    format!("only {}", raised.join(", "))
                }
            }
            Kind::Inspectorate(_) => match extract_text(set, &ex.text).inspectorate {
                Some(i) => q(&i.name),
                None => "no inspectorate".to_string(),
            },
            _ => none.to_string(),
        }
    } else {
        got.iter().map(|g| q(g)).collect::<Vec<_>>().join(", ")
    };
    Err(format!(
        "expected {want}, got {got} (example: {})",
        q(&clip(&ex.text))
    ))
}

/// Ok when the counter-example gives nothing.
fn check_counter(set: &RuleSet, kind: &Kind, text: &str) -> Result<(), String> {
    let (got, _) = values(set, kind, text);
    if got.is_empty() {
        return Ok(());
    }
    let got = got.iter().map(|g| q(g)).collect::<Vec<_>>().join(", ");
    Err(format!(
        "expected no match, got {got} (counter-example: {})",
        q(&clip(text))
    ))
}

/// At most 80 characters, on one line.
fn clip(s: &str) -> String {
    let s = squash_spaces(s);
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s,
    }
}

/// The line of an example in its file: the first line at or after the rule's
/// that holds the start of the example's text as written; else the rule's line.
fn example_line(file: &str, rule_line: usize, text: &str) -> usize {
    let needle: String = text
        .chars()
        .take_while(|c| c.is_ascii() && !matches!(c, '\\' | '"' | '\'' | '\n' | '\r' | '\t'))
        .take(40)
        .collect();
    if needle.trim().len() < 3 {
        return rule_line;
    }
    file.lines()
        .enumerate()
        .skip(rule_line.saturating_sub(1))
        .find(|(_, l)| l.contains(&needle))
        .map(|(i, _)| i + 1)
        .unwrap_or(rule_line)
}

#[cfg(test)]
mod tests {
    use super::example_line;

    #[test]
    fn finds_the_example_line_after_the_rule() {
        let f = "[[a]]\nid = \"x\"\nexamples = [{ text = \"hello world\" }]\n[[a]]\nid = \"y\"\nexamples = [\n  { text = \"hello world\" },\n]\n";
        assert_eq!(example_line(f, 2, "hello world"), 3);
        assert_eq!(example_line(f, 5, "hello world"), 7);
        assert_eq!(example_line(f, 5, "\u{2022} x"), 5);
    }
}
