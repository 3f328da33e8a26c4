//! The compiled rules: [`RuleSet`] and the types it is made of (rule families,
//! where a rule is written, scales, inspectorates, themes, phrase meanings,
//! gazetteer entries), with the look-ups the extractors use.

use crate::rules::gate::Alphabet;
use crate::rules::parse::RegexRuleDef;
use aho_corasick::AhoCorasick;
use regex::bytes::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

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

/// A regex rule, its pattern compiled on first use ([`RegexRule::regex`]).
#[derive(Debug)]
pub struct RegexRule {
    /// Its family.
    pub family: Family,
    /// Where it is written.
    pub info: RuleInfo,
    /// The definition (scope, kind, value, ...).
    pub def: RegexRuleDef,
    /// The pattern as compiled: placeholders expanded, made an ASCII byte
    /// pattern (letters outside ASCII as the match text writes them).
    pub pattern: String,
    /// The compiled pattern, once built.
    regex: OnceLock<Regex>,
    /// Set by the first thread that sets out to compile it ([`RegexRule::prepare`]).
    claimed: AtomicBool,
}

impl Clone for RegexRule {
    fn clone(&self) -> Self {
        RegexRule {
            family: self.family,
            info: self.info.clone(),
            def: self.def.clone(),
            pattern: self.pattern.clone(),
            regex: self.regex.clone(),
            claimed: AtomicBool::new(self.claimed.load(Ordering::Relaxed)),
        }
    }
}

impl RegexRule {
    /// A rule whose pattern is compiled on first use, or already compiled.
    pub(super) fn new(
        family: Family,
        info: RuleInfo,
        def: RegexRuleDef,
        pattern: String,
        regex: Option<Regex>,
    ) -> Self {
        let cell = OnceLock::new();
        if let Some(r) = regex {
            let _ = cell.set(r);
        }
        RegexRule {
            family,
            info,
            def,
            pattern,
            regex: cell,
            claimed: AtomicBool::new(false),
        }
    }

    /// Compile the pattern now, unless it is compiled or another thread has
    /// set out to compile it. Threads that prepare the same rules in the same
    /// order so share the work instead of waiting on one another.
    pub fn prepare(&self) {
        if self.regex.get().is_none() && !self.claimed.swap(true, Ordering::Relaxed) {
            self.regex();
        }
    }

    /// The compiled pattern. Most gated rules never run in a given run, so
    /// a rule is compiled the first time it is needed: the same regex
    /// whichever thread builds it. Loading has checked the pattern's syntax
    /// and, for every pattern that could come near [`super::REGEX_SIZE_LIMIT`],
    /// compiled it; a failure here is a bug in that check.
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            build_regex(&self.pattern).unwrap_or_else(|e| {
                panic!(
                    "{}:{}: {}",
                    self.info.file,
                    self.info.line,
                    compile_error_message(&self.def.id, e)
                )
            })
        })
    }

    /// Compile the pattern now, if not done yet.
    pub fn compile(&self) -> Result<(), regex::Error> {
        if self.regex.get().is_none() {
            let _ = self.regex.set(build_regex(&self.pattern)?);
        }
        Ok(())
    }
}

/// A match of a rule's pattern: where it lies in the text searched, widened
/// to that text's character boundaries ([`crate::normalize::snap`]).
#[derive(Debug, Clone, Copy)]
pub struct Piece<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Piece<'t> {
    fn new(text: &'t str, start: usize, end: usize) -> Self {
        let (start, end) = crate::normalize::snap(text, start, end);
        Piece { text, start, end }
    }

    /// Where it starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where it ends.
    pub fn end(&self) -> usize {
        self.end
    }

    /// Its text.
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The groups of one match of a rule's pattern ([`RegexRule::captures`]).
#[derive(Debug)]
pub struct Found<'r, 't> {
    rule: &'r RegexRule,
    text: &'t str,
    spans: Vec<Option<(usize, usize)>>,
}

impl<'t> Found<'_, 't> {
    /// Group `i` (0: the whole match), when it took part.
    pub fn get(&self, i: usize) -> Option<Piece<'t>> {
        let (s, e) = (*self.spans.get(i)?)?;
        Some(Piece::new(self.text, s, e))
    }

    /// The group named `name`, when it took part.
    pub fn name(&self, name: &str) -> Option<Piece<'t>> {
        self.get(self.rule.group_index(name)?)
    }
}

impl RegexRule {
    /// The index of the capture group named `name`.
    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.regex().capture_names().position(|n| n == Some(name))
    }

    /// True when the pattern matches somewhere in `text` (normalised).
    pub fn is_match(&self, text: &str) -> bool {
        self.regex()
            .is_match(crate::normalize::match_text(text).as_bytes())
    }

    /// The first match in `text` (normalised).
    pub fn find<'t>(&self, text: &'t str) -> Option<Piece<'t>> {
        let hay = crate::normalize::match_text(text);
        let m = self.regex().find(hay.as_bytes())?;
        Some(Piece::new(text, m.start(), m.end()))
    }

    /// The groups of the first match in `text` (normalised).
    pub fn captures<'t>(&self, text: &'t str) -> Option<Found<'_, 't>> {
        let hay = crate::normalize::match_text(text);
        let c = self.regex().captures(hay.as_bytes())?;
        Some(Found {
            rule: self,
            text,
            spans: c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect(),
        })
    }
}

/// Compile a rule's pattern (as [`RegexRule::pattern`]) as every rule is: an
/// ASCII byte pattern, searched over [`crate::normalize::match_text`].
pub(super) fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::bytes::RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(super::REGEX_SIZE_LIMIT)
        .dfa_size_limit(super::REGEX_DFA_CACHE)
        .build()
}

/// A compile error worded for the rule author.
pub(super) fn compile_error_message(id: &str, e: regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(n) => format!(
            "rule '{id}': regex too large once compiled (limit {n} bytes): simplify it or split it"
        ),
        other => format!(
            "rule '{id}': invalid regex: {}",
            other.to_string().lines().last().unwrap_or("")
        ),
    }
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
    /// Whether an overall grade is kept only when no area is graded.
    pub overall_only_alone: bool,
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
    /// Other names it goes by (`aliases` of `inspectorates.toml`, not the
    /// ambiguous ones).
    pub aliases: Vec<String>,
    /// Names it shares with another inspectorate ('HMIP'): its own only in an
    /// article about it.
    pub ambiguous_aliases: Vec<String>,
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
    /// Praise and concern both make it `mixed` (`graded_by_parts`).
    pub graded_by_parts: bool,
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
    /// A phrase for what only inspectorate `n` inspects or grades.
    Infer { insp: usize },
    /// A phrase showing the article reports no outcome ('application deadline').
    NoOutcomeCue,
    /// Another body whose name holds an inspectorate's ('Care Inspectorate
    /// Wales'): the inspectorate phrases inside it name no inspectorate.
    OtherBody,
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
    /// A phrase that makes its sentence background: it raises no themes.
    Background,
    /// A clause break opening a subordinate clause ('despite X, Y').
    Concessive,
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
    /// ([`crate::rules::gate`]), searched in one pass. Its patterns are
    /// `phrase_texts` then the gate literals: pattern `p` is phrase `p` when
    /// `p < phrase_texts.len()`, else gate `p - phrase_texts.len()`. The
    /// patterns are lower-cased (ASCII letters only): search a copy of the
    /// text lower-cased with `to_ascii_lowercase`.
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
    /// matches can hold ([`crate::rules::gate::alphabet`]), when that lets the matcher
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
    pub rating_words: regex::Regex,
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

    /// Whether the named list holds `word`, ASCII case aside.
    pub fn list_has(&self, name: &str, word: &str) -> bool {
        self.list(name).iter().any(|x| x.eq_ignore_ascii_case(word))
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

    /// A numeric grade on a scale with numbers: the article's scale when it
    /// has one (none when that scale grades in words only), else the first
    /// scale with numbers.
    pub fn rating_number(&self, n: usize, scale: Option<&str>) -> Option<(String, String)> {
        let pick = |s: &Scale| {
            s.numbers
                .get(n.checked_sub(1)?)
                .map(|v| (v.clone(), s.reports_as.clone()))
        };
        match scale.and_then(|id| self.scales.iter().find(|s| s.id == id)) {
            Some(s) => pick(s),
            None => self.scales.iter().find_map(pick),
        }
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
    crate::normalize::squash_spaces(s)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('\u{2019}', "'")
}
