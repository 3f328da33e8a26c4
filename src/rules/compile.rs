//! Rules as written -> [`RuleSet`]: macros expanded, regexes compiled once,
//! gazetteers folded into one Aho-Corasick automaton, ids checked for uniqueness.

use super::gate::Alphabet;
use super::parse::{
    self, line_of_str, read_list, read_toml, GazetteerFile, InspectoratesFile, RegexFile,
    RegexRuleDef, RuleError, ScalesFile, ThemesFile,
};
use super::{RuleErrors, RuleSource};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use regex::{Regex, RegexBuilder};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// The TOML rule files, in load order.
pub const REGEX_FILES: &[&str] = &[
    "ratings.toml",
    "services.toml",
    "officials.toml",
    "speech.toml",
    "meta.toml",
    "dates.toml",
    "boilerplate.toml",
];

/// Gazetteers: plain lists, one entry a line.
pub const LIST_FILES: &[(&str, &str)] = &[("name_stopwords.txt", "name_stopwords")];

/// The folder (inside the rules folder) of service gazetteers: every `*.toml`
/// file in it, in name order, holds `[[gazetteer]]` tables.
pub const GAZETTEER_DIR: &str = "gazetteers";

/// Largest compiled regex accepted (bytes of compiled program).
pub const REGEX_SIZE_LIMIT: usize = 8 * 1024 * 1024;

/// The automaton of phrases and gate literals: ASCII case-insensitive,
/// every overlapping match. A contiguous NFA: a DFA searches faster on its
/// own but, at some 7 MB against 0.3 MB, it does not stay in cache beside the
/// rest of the pipeline and measured 2% slower end to end.
fn literal_automaton<'a>(
    patterns: impl Iterator<Item = &'a String>,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
}

/// Which family a regex rule belongs to (its table name in the rule file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// `[[rating]]`
    Rating,
    /// `[[suppress]]`
    Suppress,
    /// `[[service]]`
    Service,
    /// `[[person]]`
    Person,
    /// `[[role]]`
    Role,
    /// `[[speaker]]`
    Speaker,
    /// `[[byline]]`
    Byline,
    /// `[[credit]]`
    Credit,
    /// `[[publisher]]`
    Publisher,
    /// `[[doc_type]]`
    DocType,
    /// `[[date]]`
    Date,
    /// `[[boilerplate]]`
    Boilerplate,
    /// `[[title]]`: applied to the first paragraphs one at a time
    /// ([`crate::segment::Document::mark_boilerplate`]), not to the document.
    Title,
}

/// Where a rule is written, for reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// Rule id.
    pub id: String,
    /// File, relative to the rules folder.
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

/// A compiled regex rule.
#[derive(Debug, Clone)]
pub struct RegexRule {
    /// Its family.
    pub family: Family,
    /// Where it is written.
    pub info: RuleInfo,
    /// The definition (scope, kind, value, ...).
    pub def: RegexRuleDef,
    /// The compiled pattern.
    pub regex: Regex,
}

/// A compiled rating scale.
#[derive(Debug, Clone)]
pub struct Scale {
    /// Scale id.
    pub id: String,
    /// Canonical values, best first.
    pub values: Vec<String>,
    /// Lower-cased wording -> canonical value.
    pub variants: HashMap<String, String>,
    /// Numeric grades (1 -> numbers[0]).
    pub numbers: Vec<String>,
    /// Scale id written to records.
    pub reports_as: String,
    /// Whether the scale has an overall grade.
    pub overall: bool,
    /// Values that count as strengths.
    pub positive: Vec<String>,
}

/// A compiled inspectorate.
#[derive(Debug, Clone)]
pub struct Inspectorate {
    /// Where it is written.
    pub info: RuleInfo,
    /// Canonical name.
    pub name: String,
    /// Canonical acronym.
    pub acronym: Option<String>,
    /// Scale id.
    pub scale: String,
    /// Chief inspector titles.
    pub chief_titles: Vec<String>,
    /// Theme its overall grade raises.
    pub overall_theme: Option<String>,
}

/// A theme of the taxonomy.
#[derive(Debug, Clone)]
pub struct ThemeInfo {
    /// Where it is written.
    pub info: RuleInfo,
    /// Taxonomy id.
    pub id: String,
    /// A change of grade since an earlier inspection raises this theme.
    pub grade_change: bool,
}

/// What a gazetteer phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    /// Names inspectorate `n` (`ambiguous` when another shares it).
    InspectorateAlias { insp: usize, ambiguous: bool },
    /// A chief-inspector title of inspectorate `n`.
    ChiefTitle { insp: usize },
    /// A word tipping ambiguity towards inspectorate `n`.
    Hint { insp: usize },
    /// 'the Inspectorate', 'inspectors', ...
    InspectorateRef,
    /// A phrase showing the article reports an inspection's outcome ('rated').
    OutcomeCue,
    /// A term of theme `n`; a `weak` one raises it only with the theme's own
    /// cues; one with `insp` only in articles of inspectorate `insp`.
    Theme {
        theme: usize,
        weak: bool,
        insp: Option<usize>,
    },
    /// A strength cue.
    Strength,
    /// A concern cue.
    Concern,
    /// A clause break.
    ClauseBreak,
    /// A phrase whose cue words are not cues.
    Neutral,
    /// A word that turns the next cue round ('not').
    Negator,
    /// A phrase that says what must be done: strength cues after it in its
    /// clause are what is lacking.
    Requirement,
    /// A phrase that puts its clause in the past.
    Past,
    /// A phrase that puts its clause in the future.
    Future,
    /// A name or title whose theme terms are no topic.
    NotTopic,
    /// A phrase showing the article is about an inspection: without one (or
    /// a rating) an article raises no themes.
    Finding,
    /// A cue for theme `n` only.
    ThemeCue { theme: usize, strength: bool },
    /// A grade wording of some scale ('requires improvement').
    RatingWord,
    /// The name of a service in a gazetteer: [`RuleSet::gazetteer`] entry `entry`.
    Service { entry: usize },
}

/// One name of a gazetteer (`rules/gazetteers/`): a fixed body such as a
/// police force or a prison, with its kind and locality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// The name as the gazetteer spells it ('Cleveland Police').
    pub name: String,
    /// The place it serves, when the gazetteer gives one.
    pub locality: Option<String>,
    /// The canonical kind (`police force`).
    pub kind: String,
}

/// One meaning of one gazetteer phrase.
#[derive(Debug, Clone, Copy)]
pub struct PhraseTag {
    /// Meaning.
    pub kind: PhraseKind,
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    /// Match only with this exact case (acronyms).
    pub case_sensitive: bool,
}

/// The compiled rules, shared read-only by every worker.
#[derive(Debug)]
pub struct RuleSet {
    /// Every rule, indexed by [`PhraseTag::rule`] and the regex rules' order.
    pub rules: Vec<RuleInfo>,
    /// Scales by id.
    pub scales: Vec<Scale>,
    /// Inspectorates.
    pub inspectorates: Vec<Inspectorate>,
    /// Themes.
    pub themes: Vec<ThemeInfo>,
    /// Regex rules, all families.
    pub regex_rules: Vec<RegexRule>,
    /// Indices into `regex_rules` of the rules that scan whole documents
    /// (role, speaker and title rules are applied to small contexts instead).
    pub scan: Vec<usize>,
    /// One automaton of every gazetteer phrase and every gate literal
    /// ([`super::gate`]), searched in one pass. Its patterns are
    /// `phrase_texts` then the gate literals: pattern `p` is phrase `p` when
    /// `p < phrase_texts.len()`, else gate `p - phrase_texts.len()`.
    pub literals: AhoCorasick,
    /// Gate index -> the rules (indices into `regex_rules`) it opens.
    pub gate_rules: Vec<Vec<usize>>,
    /// Per rule in `regex_rules`: true when it has a gate (else it always runs).
    pub gated: Vec<bool>,
    /// Per rule in `regex_rules`: true for a speaker rule with a gate. Such
    /// rules are applied to the text around each quotation rather than to the
    /// document, so the matcher keeps where their gate literals occur
    /// ([`crate::matcher::Matches::gate_within`]) and a stretch of text without
    /// one is not searched.
    pub located: Vec<bool>,
    /// Per rule in `regex_rules`: for a gated scanning rule, the bytes its
    /// matches can hold ([`super::gate::alphabet`]), when that lets the matcher
    /// search only the runs of them around the rule's gate literals.
    pub alphabets: Vec<Option<Alphabet>>,
    /// Phrase index -> meanings.
    pub phrase_tags: Vec<Vec<PhraseTag>>,
    /// The patterns, for case checks.
    pub phrase_texts: Vec<String>,
    /// Named plain lists (`lists` tables and `.txt` gazetteers).
    pub lists: HashMap<String, Vec<String>>,
    /// Service names of the gazetteers, indexed by [`PhraseKind::Service`].
    pub gazetteer: Vec<GazetteerEntry>,
    /// Any rating wording of any scale, as whole words, case-insensitive.
    pub rating_words: Regex,
    /// True when `inspectorates.toml` lists `outcome_cues`: an article must
    /// then show an inspection outcome to name an inspectorate.
    pub outcome_cues: bool,
    /// Hash of every rule file's bytes.
    pub fingerprint: String,
    /// Rule files and their hashes.
    pub files: BTreeMap<String, String>,
    /// Where they were read from: `built-in`, or the folder's path.
    pub source: String,
    /// The linking rules (`linking.toml`), for `inspections.jsonl`.
    pub linking: crate::link::LinkRules,
}

impl RuleSet {
    /// The regex rules of one family, in file order.
    pub fn family(&self, f: Family) -> impl Iterator<Item = (usize, &RegexRule)> {
        self.regex_rules
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.family == f)
    }

    /// A named list (empty when absent).
    pub fn list(&self, name: &str) -> &[String] {
        self.lists.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The canonical value of a rating wording on any scale, preferring `scale`.
    pub fn rating_value(&self, words: &str, scale: Option<&str>) -> Option<(String, String)> {
        let key = normalise_key(words);
        let mut found = None;
        for s in &self.scales {
            if let Some(v) = s.variants.get(&key) {
                if Some(s.id.as_str()) == scale {
                    return Some((v.clone(), s.reports_as.clone()));
                }
                found.get_or_insert((v.clone(), s.reports_as.clone()));
            }
        }
        // A canonical word from another scale: keep it on the preferred scale when
        // that scale has the same word.
        if let (Some((v, _)), Some(pref)) = (&found, scale) {
            if let Some(s) = self.scales.iter().find(|s| s.id == pref) {
                if s.values.iter().any(|x| x == v) {
                    return Some((v.clone(), s.reports_as.clone()));
                }
            }
        }
        found
    }

    /// A numeric grade on a scale with numbers.
    pub fn rating_number(&self, n: usize, scale: Option<&str>) -> Option<(String, String)> {
        let pick = |s: &Scale| {
            s.numbers
                .get(n.checked_sub(1)?)
                .map(|v| (v.clone(), s.reports_as.clone()))
        };
        scale
            .and_then(|id| self.scales.iter().find(|s| s.id == id))
            .and_then(pick)
            .or_else(|| self.scales.iter().find_map(pick))
    }

    /// True when `value` on scale `scale` (a record's scale id) is a strength.
    pub fn is_positive(&self, scale: &str, value: &str) -> bool {
        self.scales
            .iter()
            .filter(|s| s.id == scale || s.reports_as == scale)
            .any(|s| s.positive.iter().any(|v| v == value))
    }

    /// The scale with this id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// Id of rule `i`.
    pub fn rule_id(&self, i: usize) -> &str {
        self.rules.get(i).map(|r| r.id.as_str()).unwrap_or("")
    }
}

/// Lower-case, fold quotes and collapse spaces: the key rating wordings are looked up by.
pub fn normalise_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('\u{2019}', "'")
}

struct Builder {
    seen: HashMap<(String, String), usize>,
    errors: Vec<RuleError>,
    rules: Vec<RuleInfo>,
    ids: HashMap<String, (String, usize)>,
    phrases: Vec<(String, PhraseTag)>,
}

impl Builder {
    fn err(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.errors.push(RuleError {
            file: file.into(),
            line,
            message: message.into(),
        });
    }

    /// Register a rule. `needle` is how its definition reads in the file (for
    /// the line); a repeated needle in one file finds its next occurrence.
    fn add_rule(&mut self, id: &str, file: &str, text: &str, needle: &str) -> usize {
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

    fn phrase(&mut self, text: &str, kind: PhraseKind, rule: usize) {
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

fn hash_hex(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Keys whose values are a closed set: a misspelling is an error, not a silent default.
fn check_values(family: Family, def: &RegexRuleDef) -> Option<String> {
    let one_of = |key: &str, v: &Option<String>, allowed: &[&str]| -> Option<String> {
        let v = v.as_deref()?;
        (!allowed.contains(&v))
            .then(|| format!("{key} = \"{v}\" is not one of {}", allowed.join(", ")))
    };
    if let Some(m) = one_of("applies", &def.applies, &["body", "title", "head", "all"]) {
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
                &["change", "label", "area_list", "area_before", "heading"],
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
        Family::Boilerplate => one_of("kind", &def.kind, &["paragraph", "rest"]),
        Family::Title => match def.kind.as_deref() {
            None => Some("a title rule needs kind = \"skip\", \"strip\" or \"lede\"".into()),
            s => one_of("kind", &s.map(str::to_string), &["skip", "strip", "lede"]),
        },
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

/// `\b` as an ASCII word boundary: Unicode boundaries keep the regex engine's
/// fast DFA from running on text with non-ASCII bytes (curly marks, '£'),
/// and English rule text needs only ASCII ones.
fn ascii_word_boundaries(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Longest pattern (bytes) that placeholder expansion may produce. A macro that
/// uses itself several times doubles the pattern at every round; without a cap
/// one rule line could take minutes and gigabytes before failing.
const MAX_EXPANDED_PATTERN: usize = 1 << 20;

/// Expand `{macro}` and `{list:name}` placeholders (macros may use earlier ones).
fn expand(
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

/// The names one gazetteer entry stands for: each form filled with the
/// entry (or the entry itself without forms), each with every ' and ' and
/// ' & ' spelt either way (up to 16 spellings), since both occur ('Dorset & Wiltshire Fire and Rescue
/// Service'). Returns (name, locality) pairs, or a message for the author.
fn gazetteer_names(
    forms: &[String],
    entry: &str,
    entry_is_locality: bool,
) -> Result<Vec<(String, Option<String>)>, String> {
    let (stem, locality) = match entry.split_once('|') {
        Some((n, l)) => (n.trim(), Some(l.trim().to_string())),
        None => (entry.trim(), None),
    };
    if stem.is_empty() || locality.as_deref() == Some("") {
        return Err(format!(
            "gazetteer entry '{entry}' has an empty name or locality"
        ));
    }
    let names: Vec<String> = if forms.is_empty() {
        vec![stem.to_string()]
    } else {
        forms.iter().map(|f| f.replace("{}", stem)).collect()
    };
    let locality = match (forms.is_empty(), locality) {
        (_, Some(l)) => Some(l),
        (false, None) if entry_is_locality => Some(stem.to_string()),
        (false, None) => None,
        (true, None) => None,
    };
    // Every spelling: each ' and ' or ' & ' either way.
    let mut all: Vec<String> = Vec::new();
    for n in &names {
        let mut spellings = vec![String::new()];
        for (i, part) in n.split(" and ").flat_map(|p| p.split(" & ")).enumerate() {
            if i == 0 {
                spellings.iter_mut().for_each(|s| s.push_str(part));
                continue;
            }
            if spellings.len() >= 16 {
                spellings.iter_mut().for_each(|s| {
                    s.push_str(" and ");
                    s.push_str(part)
                });
                continue;
            }
            spellings = spellings
                .into_iter()
                .flat_map(|s| [format!("{s} and {part}"), format!("{s} & {part}")])
                .collect();
        }
        all.extend(spellings);
    }
    let mut names = all;
    names.sort();
    names.dedup();
    Ok(names.into_iter().map(|n| (n, locality.clone())).collect())
}

/// Read every `rules/gazetteers/*.toml` file (a rules folder without the
/// folder has no gazetteers): one rule per `[[gazetteer]]`, one phrase per name.
fn load_gazetteers(
    dir: &RuleSource,
    b: &mut Builder,
    files: &mut BTreeMap<String, String>,
    out: &mut Vec<GazetteerEntry>,
) {
    let names = dir.list(GAZETTEER_DIR);
    for n in names.into_iter().filter(|n| n.ends_with(".toml")) {
        let file = format!("{GAZETTEER_DIR}/{n}");
        let (f, text) = match read_toml::<GazetteerFile>(dir, &file) {
            Ok(x) => x,
            Err(e) => {
                b.errors.push(e);
                continue;
            }
        };
        files.insert(file.clone(), hash_hex(text.as_bytes()));
        for g in f.gazetteer {
            let r = b.add_rule(&g.id, &file, &text, &g.id);
            let line = b.rules[r].line;
            if let Some(bad) = g.forms.iter().find(|f| !f.contains("{}")) {
                b.err(
                    &file,
                    line,
                    format!("form '{bad}' has no {{}} for the entry"),
                );
            }
            if g.kind.trim().is_empty() {
                b.err(&file, line, "gazetteer kind is empty");
            }
            for e in &g.entries {
                match gazetteer_names(&g.forms, e, g.entry_is_locality) {
                    Ok(list) => {
                        for (name, locality) in list {
                            b.phrase(&name, PhraseKind::Service { entry: out.len() }, r);
                            out.push(GazetteerEntry {
                                name,
                                locality,
                                kind: g.kind.clone(),
                            });
                        }
                    }
                    Err(m) => {
                        let l = line_of_str(&text, e.trim()).max(line);
                        b.err(&file, l, m);
                    }
                }
            }
        }
    }
}

/// Compile the rules folder.
pub fn compile(dir: &RuleSource) -> Result<RuleSet, RuleErrors> {
    let mut b = Builder {
        seen: HashMap::new(),
        errors: Vec::new(),
        rules: Vec::new(),
        ids: HashMap::new(),
        phrases: Vec::new(),
    };
    let mut files = BTreeMap::new();
    if let Some(folder) = dir.folder().filter(|f| !f.is_dir()) {
        return Err(RuleErrors(vec![RuleError {
            file: folder.display().to_string(),
            line: 1,
            message: "rules folder not found (leave out --rules to use the built-in rules)".into(),
        }]));
    }

    // Scales.
    let mut scales = Vec::new();
    match read_toml::<ScalesFile>(dir, "scales.toml") {
        Ok((f, text)) => {
            files.insert("scales.toml".into(), hash_hex(text.as_bytes()));
            for s in f.scale {
                let r = b.add_rule(&format!("scale.{}", s.id), "scales.toml", &text, &s.id);
                let line = b.rules[r].line;
                let mut variants = HashMap::new();
                for v in &s.values {
                    variants.insert(normalise_key(v), v.clone());
                }
                for (k, v) in &s.variants {
                    if !s.values.contains(v) {
                        let msg = format!(
                            "variant '{k}' maps to '{v}', which is not a value of scale '{}'",
                            s.id
                        );
                        b.err("scales.toml", line, msg);
                    }
                    variants.insert(normalise_key(k), v.clone());
                }
                for v in &s.numbers {
                    if !s.values.contains(v) {
                        let msg = format!("number grade '{v}' is not a value of scale '{}'", s.id);
                        b.err("scales.toml", line, msg);
                    }
                }
                // Grade wordings, found in the same pass as every other phrase.
                for w in variants.keys() {
                    b.phrase(w, PhraseKind::RatingWord, r);
                }
                scales.push(Scale {
                    reports_as: s.reports_as.unwrap_or_else(|| s.id.clone()),
                    id: s.id,
                    values: s.values,
                    variants,
                    numbers: s.numbers,
                    overall: s.overall,
                    positive: s.positive,
                });
            }
        }
        Err(e) => b.errors.push(e),
    }

    // Inspectorates.
    let mut inspectorates = Vec::new();
    let mut outcome_cues = false;
    match read_toml::<InspectoratesFile>(dir, "inspectorates.toml") {
        Ok((f, text)) => {
            files.insert("inspectorates.toml".into(), hash_hex(text.as_bytes()));
            for (n, d) in f.inspectorate.into_iter().enumerate() {
                let r = b.add_rule(&d.id, "inspectorates.toml", &text, &d.id);
                if !scales.iter().any(|s| s.id == d.scale) {
                    let line = b.rules[r].line;
                    b.err(
                        "inspectorates.toml",
                        line,
                        format!(
                            "unknown scale '{}' (scales.toml defines the scales)",
                            d.scale
                        ),
                    );
                }
                for a in &d.aliases {
                    b.phrase(
                        a,
                        PhraseKind::InspectorateAlias {
                            insp: n,
                            ambiguous: false,
                        },
                        r,
                    );
                }
                for a in &d.ambiguous_aliases {
                    b.phrase(
                        a,
                        PhraseKind::InspectorateAlias {
                            insp: n,
                            ambiguous: true,
                        },
                        r,
                    );
                }
                for a in &d.chief_titles {
                    b.phrase(a, PhraseKind::ChiefTitle { insp: n }, r);
                }
                for a in &d.hints {
                    b.phrase(a, PhraseKind::Hint { insp: n }, r);
                }
                inspectorates.push(Inspectorate {
                    info: b.rules[r].clone(),
                    name: d.name,
                    acronym: d.acronym,
                    scale: d.scale,
                    chief_titles: d.chief_titles,
                    overall_theme: d.overall_theme,
                });
            }
            let r = b.add_rule(
                "inspectorate.reference",
                "inspectorates.toml",
                &text,
                "references",
            );
            for a in &f.references {
                b.phrase(a, PhraseKind::InspectorateRef, r);
            }
            let r = b.add_rule(
                "inspectorate.outcome_cue",
                "inspectorates.toml",
                &text,
                "outcome_cues",
            );
            outcome_cues = !f.outcome_cues.is_empty();
            for a in &f.outcome_cues {
                b.phrase(a, PhraseKind::OutcomeCue, r);
            }
        }
        Err(e) => b.errors.push(e),
    }

    // Themes and polarity.
    let mut themes = Vec::new();
    match read_toml::<ThemesFile>(dir, "themes.toml") {
        Ok((f, text)) => {
            files.insert("themes.toml".into(), hash_hex(text.as_bytes()));
            // Each polarity list is one rule (its id, its key in the file).
            let p = &f.polarity;
            let lists: [(&str, &str, &[String], PhraseKind); 10] = [
                ("strength", "strength", &p.strength, PhraseKind::Strength),
                ("concern", "concern", &p.concern, PhraseKind::Concern),
                (
                    "clause_break",
                    "clause_breaks",
                    &p.clause_breaks,
                    PhraseKind::ClauseBreak,
                ),
                ("neutral", "neutral", &p.neutral, PhraseKind::Neutral),
                ("negator", "negators", &p.negators, PhraseKind::Negator),
                (
                    "requirement",
                    "requirements",
                    &p.requirements,
                    PhraseKind::Requirement,
                ),
                ("past", "past", &p.past, PhraseKind::Past),
                ("future", "future", &p.future, PhraseKind::Future),
                (
                    "not_topic",
                    "not_topics",
                    &p.not_topics,
                    PhraseKind::NotTopic,
                ),
                ("findings", "findings", &p.findings, PhraseKind::Finding),
            ];
            for (id, key, list, kind) in lists {
                let r = b.add_rule(&format!("polarity.{id}"), "themes.toml", &text, key);
                for c in list {
                    b.phrase(c, kind, r);
                }
            }
            for (n, t) in f.theme.into_iter().enumerate() {
                let r = b.add_rule(&format!("theme.{}", t.id), "themes.toml", &text, &t.id);
                if t.terms.is_empty() {
                    let line = b.rules[r].line;
                    b.err(
                        "themes.toml",
                        line,
                        format!("theme '{}' has no terms", t.id),
                    );
                }
                let kind = |weak, insp| PhraseKind::Theme {
                    theme: n,
                    weak,
                    insp,
                };
                for term in &t.terms {
                    b.phrase(term, kind(false, None), r);
                }
                for term in &t.weak {
                    b.phrase(term, kind(true, None), r);
                }
                for (id, terms) in &t.inspectorate_terms {
                    match inspectorates
                        .iter()
                        .position(|i: &Inspectorate| &i.info.id == id)
                    {
                        Some(i) => {
                            for term in terms {
                                b.phrase(term, kind(false, Some(i)), r);
                            }
                        }
                        None => {
                            let line = b.rules[r].line;
                            b.err(
                                "themes.toml",
                                line,
                                format!("theme '{}': unknown inspectorate '{id}'", t.id),
                            );
                        }
                    }
                }
                for c in &t.strength {
                    b.phrase(
                        c,
                        PhraseKind::ThemeCue {
                            theme: n,
                            strength: true,
                        },
                        r,
                    );
                }
                for c in &t.concern {
                    b.phrase(
                        c,
                        PhraseKind::ThemeCue {
                            theme: n,
                            strength: false,
                        },
                        r,
                    );
                }
                themes.push(ThemeInfo {
                    info: b.rules[r].clone(),
                    id: t.id,
                    grade_change: t.grade_change,
                });
            }
        }
        Err(e) => b.errors.push(e),
    }

    // Service gazetteers.
    let mut gazetteer = Vec::new();
    load_gazetteers(dir, &mut b, &mut files, &mut gazetteer);

    // Plain gazetteers.
    let mut lists: HashMap<String, Vec<String>> = HashMap::new();
    for (file, name) in LIST_FILES {
        match read_list(dir, file) {
            Ok(entries) => {
                if let Ok(text) = parse::read_text(dir, file) {
                    files.insert(file.to_string(), hash_hex(text.as_bytes()));
                }
                lists.insert(
                    name.to_string(),
                    entries.into_iter().map(|(e, _)| e).collect(),
                );
            }
            Err(e) => b.errors.push(e),
        }
    }

    // Regex rule files: first gather macros and lists from all, then compile.
    let mut parsed: Vec<(&str, RegexFile, String)> = Vec::new();
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

    let mut regex_rules = Vec::new();
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
                let expanded = match expand(&def.pattern, &macros, &lists) {
                    Ok(p) => p,
                    Err(m) => {
                        b.err(file, info.line, format!("rule '{}': {m}", def.id));
                        continue;
                    }
                };
                let expanded = ascii_word_boundaries(&expanded);
                pending.push((family, info, def, expanded, file));
            }
        }
    }
    // Gate literals first (on every core), so the literal automaton, which
    // needs them, is built while the regexes compile.
    let (gates_of, alphabets_of): (Vec<Option<Vec<String>>>, Vec<Option<Alphabet>>) = pending
        .par_iter()
        .map(
            |(_, _, _, expanded, _)| match super::gate::parse(expanded) {
                Some(hir) => (super::gate::gate_of(&hir), super::gate::alphabet_of(&hir)),
                None => (None, None),
            },
        )
        .unzip();

    // Rules that scan whole documents; role, speaker and title rules are
    // applied to small contexts. Indices are positions in `pending`, which are those of
    // `regex_rules` when every regex compiles (else loading fails below).
    let scan: Vec<usize> = pending
        .iter()
        .enumerate()
        .filter(|(_, p)| !matches!(p.0, Family::Role | Family::Speaker | Family::Title))
        .map(|(i, _)| i)
        .collect();

    // Gates: the literals that open each scanning rule, and those of the
    // speaker rules, located.
    let mut gated = vec![false; pending.len()];
    let mut located = vec![false; pending.len()];
    let mut gate_index: HashMap<String, usize> = HashMap::new();
    let mut gate_texts: Vec<String> = Vec::new();
    let mut gate_rules: Vec<Vec<usize>> = Vec::new();
    let speakers = pending
        .iter()
        .enumerate()
        .filter(|(_, p)| p.0 == Family::Speaker)
        .map(|(i, _)| i);
    let mut alphabets = vec![None; pending.len()];
    for i in scan.iter().copied().chain(speakers) {
        let Some(lits) = &gates_of[i] else {
            continue;
        };
        gated[i] = true;
        located[i] = pending[i].0 == Family::Speaker;
        if !located[i] {
            alphabets[i] = alphabets_of[i];
        }
        for l in lits {
            let k = *gate_index.entry(l.clone()).or_insert_with(|| {
                gate_texts.push(l.clone());
                gate_rules.push(Vec::new());
                gate_texts.len() - 1
            });
            gate_rules[k].push(i);
        }
    }

    // Every phrase, once; a phrase may carry several meanings.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut phrase_texts: Vec<String> = Vec::new();
    let mut phrase_tags: Vec<Vec<PhraseTag>> = Vec::new();
    for (text, tag) in std::mem::take(&mut b.phrases) {
        let key = text.to_lowercase();
        let i = *index.entry(key).or_insert_with(|| {
            phrase_texts.push(text.clone());
            phrase_tags.push(Vec::new());
            phrase_texts.len() - 1
        });
        phrase_tags[i].push(tag);
    }

    // Compiling the regexes is most of the start-up time: do it on every core,
    // with the literal automaton built alongside; then report errors and keep
    // rules in file order.
    let (compiled, literals): (Vec<Result<Regex, regex::Error>>, _) = rayon::join(
        || {
            pending
                .par_iter()
                .map(|(_, _, _, expanded, _)| {
                    RegexBuilder::new(expanded)
                        .size_limit(REGEX_SIZE_LIMIT)
                        .build()
                })
                .collect()
        },
        || literal_automaton(phrase_texts.iter().chain(&gate_texts)),
    );
    for ((family, info, def, _, file), built) in pending.into_iter().zip(compiled) {
        match built {
            Ok(regex) => regex_rules.push(RegexRule {
                family,
                info,
                def,
                regex,
            }),
            Err(e) => {
                let msg = match e {
                    regex::Error::CompiledTooBig(n) => format!(
                        "rule '{}': regex too large once compiled (limit {n} bytes): simplify it or split it",
                        def.id
                    ),
                    other => format!(
                        "rule '{}': invalid regex: {}",
                        def.id,
                        other.to_string().lines().last().unwrap_or("")
                    ),
                };
                b.err(file, info.line, msg)
            }
        }
    }

    for insp in &inspectorates {
        if let Some(t) = &insp.overall_theme {
            if !themes.iter().any(|x| &x.id == t) {
                let line = insp.info.line;
                b.err(
                    "inspectorates.toml",
                    line,
                    format!("overall_theme '{t}' is not a theme in themes.toml"),
                );
            }
        }
    }

    let literals = match literals {
        Ok(ac) => ac,
        Err(e) => {
            b.err(
                "rules",
                1,
                format!("cannot build the phrase and gate automaton: {e}"),
            );
            return Err(RuleErrors(b.errors));
        }
    };
    // Linking rules: they shape inspections.jsonl, which every run writes
    // afresh from the records, so they are not part of the records' fingerprint.
    let linking = crate::link::rules::load(dir).unwrap_or_else(|e| {
        b.errors.push(e);
        crate::link::LinkRules::default()
    });
    if !b.errors.is_empty() {
        b.errors
            .sort_by(|a, c| (a.file.as_str(), a.line).cmp(&(c.file.as_str(), c.line)));
        return Err(RuleErrors(b.errors));
    }

    let mut fp = Sha256::new();
    fp.update(env!("CARGO_PKG_VERSION").as_bytes());
    for (f, h) in &files {
        fp.update(f.as_bytes());
        fp.update(h.as_bytes());
    }
    let fingerprint = fp.finalize().iter().map(|b| format!("{b:02x}")).collect();

    Ok(RuleSet {
        rules: b.rules,
        scales,
        inspectorates,
        themes,
        regex_rules,
        scan,
        literals,
        gate_rules,
        gated,
        located,
        alphabets,
        phrase_tags,
        phrase_texts,
        lists,
        gazetteer,
        rating_words,
        outcome_cues,
        fingerprint,
        files,
        source: dir.describe(),
        linking,
    })
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
