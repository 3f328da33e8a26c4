//! Rule files as written: TOML tables deserialised with serde, plain `.txt`
//! gazetteers, and every rule's file and line kept for messages and reports.

use super::RuleSource;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A problem in a rule file, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// File, relative to the rules folder.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong, for the rule author.
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// A worked example a rule carries: text it must match, with the value expected.
/// `pressmine rules test` runs them (`rules/README.md` gives the meaning per family).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Text the rule must match.
    pub text: String,
    /// The value the match must give (the main capture, or the whole match).
    #[serde(default)]
    pub expect: Option<String>,
}

/// Fields every regex rule shares.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegexRuleDef {
    /// Unique rule id.
    pub id: String,
    /// The regex (with `{macro}` placeholders).
    pub pattern: String,
    /// Family-specific: scope (ratings), kind (services, dates, doc types), ...
    #[serde(default)]
    pub scope: Option<String>,
    /// Family-specific kind or value.
    #[serde(default)]
    pub kind: Option<String>,
    /// A fixed value the rule gives when the pattern has no `value` group.
    #[serde(default)]
    pub value: Option<String>,
    /// Services: the acronym the service goes by when the text gives none
    /// in brackets after its name ('SEND' for an area's special educational
    /// needs and disabilities services).
    #[serde(default)]
    pub acronym: Option<String>,
    /// True when the value is only implied.
    #[serde(default)]
    pub implied: bool,
    /// Lower runs first / wins over higher.
    #[serde(default = "default_priority")]
    pub priority: u32,
    /// Where the rule applies: `body` (default), `title`, `all` (boilerplate included).
    #[serde(default)]
    pub applies: Option<String>,
    /// Weight (doc type cues).
    #[serde(default = "default_weight")]
    pub weight: i32,
    /// Speaker rules: the longest `who` group, in characters, that names a
    /// speaker; a longer one is no match of the rule.
    #[serde(default)]
    pub max_who: Option<usize>,
    /// Texts the rule must match.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Texts the rule must not match.
    #[serde(default)]
    pub counter: Vec<String>,
}

fn default_priority() -> u32 {
    5
}
fn default_weight() -> i32 {
    1
}

/// `inspectorates.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectoratesFile {
    /// The inspectorates.
    pub inspectorate: Vec<InspectorateDef>,
    /// Phrases that refer to the article's inspectorate ('the Inspectorate', 'inspectors').
    #[serde(default)]
    pub references: Vec<String>,
    /// Worked examples of `references` (rule `inspectorate.reference`).
    #[serde(default)]
    pub reference_examples: Vec<Example>,
    /// Phrases that show an article reports an inspection's outcome ('rated',
    /// 'inspectors found'). When the list is not empty, an article with none
    /// of them outside boilerplate and no rating names no inspectorate.
    #[serde(default)]
    pub outcome_cues: Vec<String>,
    /// Worked examples of `outcome_cues` (rule `inspectorate.outcome_cue`).
    #[serde(default)]
    pub outcome_cue_examples: Vec<Example>,
    /// Phrases that show an article reports no outcome (a job advert, a
    /// consultation): with one of them and no rating, it names no inspectorate,
    /// whatever outcome cues it holds.
    #[serde(default)]
    pub no_outcome_cues: Vec<String>,
    /// Worked examples of `no_outcome_cues` (rule `inspectorate.no_outcome_cue`).
    #[serde(default)]
    pub no_outcome_cue_examples: Vec<Example>,
    /// Names of other bodies that hold an inspectorate's name or title ('Care
    /// Inspectorate Wales', 'HM Inspectorate of Prisons for Scotland'): the
    /// inspectorate phrases inside one name no inspectorate.
    #[serde(default)]
    pub other_bodies: Vec<String>,
    /// Worked examples of `other_bodies` (rule `inspectorate.other_body`).
    #[serde(default)]
    pub other_body_examples: Vec<Example>,
}

/// One inspectorate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectorateDef {
    /// Rule id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Canonical acronym.
    #[serde(default)]
    pub acronym: Option<String>,
    /// Rating scale id.
    pub scale: String,
    /// Names that identify it.
    pub aliases: Vec<String>,
    /// Names shared with another inspectorate.
    #[serde(default)]
    pub ambiguous_aliases: Vec<String>,
    /// Titles of its chief inspector(s).
    #[serde(default)]
    pub chief_titles: Vec<String>,
    /// Words that tip an ambiguous alias its way.
    #[serde(default)]
    pub hints: Vec<String>,
    /// Phrases for what only this inspectorate inspects or grades (a kind of
    /// service, a scale's own words, its site's furniture): an article that
    /// names no inspectorate but reports an inspection is given the one these
    /// point to (`meta.toml` lists `inspectorate_infer_min` and `_margin`).
    #[serde(default)]
    pub infer: Vec<String>,
    /// The theme its overall grade speaks to ('quality_of_care' for a care
    /// regulator): the grade raises it, as a strength or a concern.
    #[serde(default)]
    pub overall_theme: Option<String>,
    /// Worked examples: texts whose record names this inspectorate.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Texts whose record must not name this inspectorate.
    #[serde(default)]
    pub counter: Vec<String>,
}

/// `scales.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalesFile {
    /// The scales.
    pub scale: Vec<ScaleDef>,
}

/// One rating scale.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleDef {
    /// Scale id (`four_point`, ...).
    pub id: String,
    /// Canonical values, best first.
    pub values: Vec<String>,
    /// Other wordings -> canonical value.
    #[serde(default)]
    pub variants: BTreeMap<String, String>,
    /// Numeric grades, lowest number first (1 -> numbers[0]).
    #[serde(default)]
    pub numbers: Vec<String>,
    /// Record values under this scale id instead (a house scale mapped onto a SPEC scale).
    #[serde(default)]
    pub reports_as: Option<String>,
    /// Values that count as strengths when a theme is graded (the others are concerns).
    #[serde(default)]
    pub positive: Vec<String>,
    /// False when the scale has no overall grade (only area grades).
    #[serde(default = "default_true")]
    pub overall: bool,
    /// True when the scale's overall grade stands only alone: with area grades
    /// read, a headline grade sums them up and is no overall grade of its own.
    #[serde(default)]
    pub overall_only_alone: bool,
    /// Worked examples: texts holding a wording of this scale, with the value it means.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Counter-examples: texts where no wording of this scale is found (a
    /// scale with no values, a body that does not grade, has only these).
    #[serde(default)]
    pub counter: Vec<String>,
}

fn default_true() -> bool {
    true
}

/// A file of regex rules: `ratings.toml`, `services.toml`, `meta.toml`, ...
/// Each family is an array of tables (`[[rating]]`, `[[service]]`, ...).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RegexFile {
    /// Reusable regex fragments, `{name}` in patterns.
    #[serde(default)]
    pub macros: BTreeMap<String, String>,
    /// Plain lists, `{list:name}` in patterns and read by extractors.
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    /// Rating statements.
    #[serde(default)]
    pub rating: Vec<RegexRuleDef>,
    /// Text whose ratings are not current ('Previous rating').
    #[serde(default)]
    pub suppress: Vec<RegexRuleDef>,
    /// Inspected services.
    #[serde(default)]
    pub service: Vec<RegexRuleDef>,
    /// People introduced with a role.
    #[serde(default)]
    pub person: Vec<RegexRuleDef>,
    /// Roles, and whether their holders are officials.
    #[serde(default)]
    pub role: Vec<RegexRuleDef>,
    /// Quote attribution patterns.
    #[serde(default)]
    pub speaker: Vec<RegexRuleDef>,
    /// Bylines.
    #[serde(default)]
    pub byline: Vec<RegexRuleDef>,
    /// Image and photo credits.
    #[serde(default)]
    pub credit: Vec<RegexRuleDef>,
    /// Publisher statements.
    #[serde(default)]
    pub publisher: Vec<RegexRuleDef>,
    /// Document type cues.
    #[serde(default)]
    pub doc_type: Vec<RegexRuleDef>,
    /// Dates.
    #[serde(default)]
    pub date: Vec<RegexRuleDef>,
    /// Boilerplate markers.
    #[serde(default)]
    pub boilerplate: Vec<RegexRuleDef>,
    /// Headline finding: page furniture above the headline (`kind = "skip"`),
    /// text to cut from it (`"strip"`), and ledes that mean there is none
    /// (`"lede"`). Applied to the first paragraphs one by one, not scanned.
    #[serde(default)]
    pub title: Vec<RegexRuleDef>,
}

/// A gazetteer file under `rules/gazetteers/`: fixed, enumerable bodies
/// (police forces, fire and rescue services, prisons, ...) matched as phrases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GazetteerFile {
    /// The gazetteers of the file.
    pub gazetteer: Vec<GazetteerDef>,
}

/// One gazetteer: a kind of service and its names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GazetteerDef {
    /// Rule id (`gazetteer.police_force`).
    pub id: String,
    /// The canonical kind written to the record (`police force`).
    pub kind: String,
    /// Name forms with `{}` for the entry ('{} Police', 'HMP {}'). Without
    /// forms every entry is a whole name.
    #[serde(default)]
    pub forms: Vec<String>,
    /// `NAME` or `NAME | LOCALITY`. With forms, NAME fills `{}` and is also the
    /// locality unless one is given; without, NAME is the whole name and the
    /// locality is only the one given.
    pub entries: Vec<String>,
    /// With forms: false when the entry is a name, not a place, so that it is
    /// no locality ('Tinsley House' immigration removal centre).
    #[serde(default = "default_true")]
    pub entry_is_locality: bool,
    /// Worked examples: texts holding one of the names (`expect`: as written).
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Texts that must hold none of the names.
    #[serde(default)]
    pub counter: Vec<String>,
}

/// `themes.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemesFile {
    /// Polarity cues.
    pub polarity: PolarityDef,
    /// The themes.
    pub theme: Vec<ThemeDef>,
}

/// Polarity cue lists.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolarityDef {
    /// Words and phrases that mark a strength.
    pub strength: Vec<String>,
    /// Words and phrases that mark a concern.
    pub concern: Vec<String>,
    /// Words that split a sentence into clauses.
    #[serde(default)]
    pub clause_breaks: Vec<String>,
    /// Phrases that look like cues but are not ('how good is our'): cues inside them do not count.
    #[serde(default)]
    pub neutral: Vec<String>,
    /// Words that turn the cue right after them round ('not', 'without').
    #[serde(default)]
    pub negators: Vec<String>,
    /// Phrases that say what must be done ('needs to', 'must'): a strength cue
    /// after one in its clause is what is lacking.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// Phrases that put a clause in the past ('two years ago', 'at the previous inspection').
    #[serde(default)]
    pub past: Vec<String>,
    /// Phrases that put a clause in the future ('will').
    #[serde(default)]
    pub future: Vec<String>,
    /// Names and titles whose words are no topic ('Leader of the Council'):
    /// theme terms inside them raise nothing.
    #[serde(default)]
    pub not_topics: Vec<String>,
    /// Phrases that show an article is about an inspection ('inspectors',
    /// 'the regulator'): an article with none outside boilerplate, and no
    /// current rating, reports no findings and raises no themes. Empty: every
    /// article may raise themes.
    #[serde(default)]
    pub findings: Vec<String>,
    /// Phrases that mark a sentence as background, not a judgement of the
    /// inspected service (what inspections look at, what the inspectorate
    /// is, a career, a job advert): such a sentence raises no themes.
    #[serde(default)]
    pub background: Vec<String>,
    /// Clause breaks that open a subordinate clause ('despite', 'although'):
    /// one that opens its sentence (or follows a comma, 'that' or another
    /// break) ends its clause at the next comma, so that each side of
    /// 'despite X, Y' carries its own polarity.
    #[serde(default)]
    pub concessives: Vec<String>,
    /// Worked examples of `strength` (rule `polarity.strength`).
    #[serde(default)]
    pub strength_examples: Vec<Example>,
    /// Worked examples of `concern` (rule `polarity.concern`).
    #[serde(default)]
    pub concern_examples: Vec<Example>,
    /// Worked examples of `clause_breaks` (rule `polarity.clause_break`).
    #[serde(default)]
    pub clause_break_examples: Vec<Example>,
    /// Worked examples of `neutral` (rule `polarity.neutral`).
    #[serde(default)]
    pub neutral_examples: Vec<Example>,
    /// Worked examples of `negators` (rule `polarity.negator`).
    #[serde(default)]
    pub negator_examples: Vec<Example>,
    /// Worked examples of `requirements` (rule `polarity.requirement`).
    #[serde(default)]
    pub requirement_examples: Vec<Example>,
    /// Worked examples of `past` (rule `polarity.past`).
    #[serde(default)]
    pub past_examples: Vec<Example>,
    /// Worked examples of `future` (rule `polarity.future`).
    #[serde(default)]
    pub future_examples: Vec<Example>,
    /// Worked examples of `not_topics` (rule `polarity.not_topic`).
    #[serde(default)]
    pub not_topic_examples: Vec<Example>,
    /// Worked examples of `findings` (rule `polarity.findings`).
    #[serde(default)]
    pub findings_examples: Vec<Example>,
    /// Worked examples of `background` (rule `polarity.background`).
    #[serde(default)]
    pub background_examples: Vec<Example>,
    /// Worked examples of `concessives` (rule `polarity.concessive`).
    #[serde(default)]
    pub concessive_examples: Vec<Example>,
}

/// One theme of the taxonomy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeDef {
    /// Taxonomy id.
    pub id: String,
    /// Terms that raise it.
    pub terms: Vec<String>,
    /// Terms that raise it only with one of its own cues (`strength`, `concern`).
    #[serde(default)]
    pub weak: Vec<String>,
    /// Terms that raise it only in articles of one inspectorate (by the
    /// inspectorate's id), where they win over the same words as a term of
    /// another theme (HM Inspectorate of Prisons' 'safety' test is about
    /// violence and self-harm).
    #[serde(default)]
    pub inspectorate_terms: BTreeMap<String, Vec<String>>,
    /// A change of grade since an earlier inspection ('previously rated Good')
    /// raises this theme: a strength when the grade went up, a concern when it
    /// went down.
    #[serde(default)]
    pub grade_change: bool,
    /// The theme is graded part by part (PEEL's policing questions, CQC's
    /// care of each service): praise and concern in one article are both
    /// its findings, so any of each makes it `mixed`.
    #[serde(default)]
    pub graded_by_parts: bool,
    /// Cues that mark a strength for this theme only, ahead of the general ones.
    #[serde(default)]
    pub strength: Vec<String>,
    /// Cues that mark a concern for this theme only, ahead of the general ones.
    #[serde(default)]
    pub concern: Vec<String>,
    /// Worked examples: texts that raise this theme, with the polarity expected.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Texts that must not raise this theme.
    #[serde(default)]
    pub counter: Vec<String>,
}

/// Line number (1-based) of byte offset `at` in `text`.
pub fn line_of(text: &str, at: usize) -> usize {
    text.get(..at.min(text.len()))
        .map(|s| s.bytes().filter(|&b| b == b'\n').count() + 1)
        .unwrap_or(1)
}

/// Line of the first occurrence of `needle` (a rule id, usually) in `text`.
pub fn line_of_str(text: &str, needle: &str) -> usize {
    let quoted = format!("\"{needle}\"");
    let quoted2 = format!("'{needle}'");
    text.find(&quoted)
        .or_else(|| text.find(&quoted2))
        .or_else(|| text.find(needle))
        .map(|at| line_of(text, at))
        .unwrap_or(1)
}

/// Read and deserialise one TOML rule file.
pub fn read_toml<T: for<'de> Deserialize<'de>>(
    dir: &RuleSource,
    name: &str,
) -> Result<(T, String), RuleError> {
    let text = read_text(dir, name)?;
    match toml::from_str::<T>(&text) {
        Ok(v) => Ok((v, text)),
        Err(e) => {
            let line = e.span().map(|s| line_of(&text, s.start)).unwrap_or(1);
            Err(RuleError {
                file: name.to_string(),
                line,
                message: toml_message(&e, &text),
            })
        }
    }
}

/// A TOML error worded for the rule author. The parser gives some errors (a
/// control character in a comment, for one) with an empty message: those name
/// the character found instead.
fn toml_message(e: &toml::de::Error, text: &str) -> String {
    let m = e.message().trim();
    if !m.is_empty() {
        return m.to_string();
    }
    let found = e
        .span()
        .and_then(|s| text.get(s.start..))
        .and_then(|rest| rest.chars().next());
    match found {
        Some(c) => format!("invalid TOML: unexpected character {c:?}"),
        None => "invalid TOML".to_string(),
    }
}

/// Read a rule file as text.
pub fn read_text(dir: &RuleSource, name: &str) -> Result<String, RuleError> {
    dir.read(name).map_err(|e| RuleError {
        file: name.to_string(),
        line: 1,
        message: format!("cannot read rule file: {e}"),
    })
}

/// Read a plain gazetteer: one entry a line, `#` comments, blank lines ignored.
/// Returns each entry with its line.
pub fn read_list(dir: &RuleSource, name: &str) -> Result<Vec<(String, usize)>, RuleError> {
    let text = read_text(dir, name)?;
    let entries: Vec<(String, usize)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let l = l.split(" #").next().unwrap_or("").trim();
            (!l.is_empty() && !l.starts_with('#')).then(|| (l.to_string(), i + 1))
        })
        .collect();
    if entries.is_empty() {
        return Err(RuleError {
            file: name.to_string(),
            line: 1,
            message: "gazetteer is empty: add one entry a line".into(),
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toml_error_always_has_a_message() {
        // Found by the rules_parse fuzz target: NUL bytes in a comment gave
        // "boilerplate.toml:5: " with nothing after it.
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(
            dir.path().join("x.toml"),
            "# a comment\n# with \0\0 in it\n[macros]\n",
        )
        .unwrap();
        let source = RuleSource::Folder(dir.path().to_path_buf());
        let err = read_toml::<RegexFile>(&source, "x.toml").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(!err.message.trim().is_empty(), "{err}");
        assert!(err.message.contains("\\0"), "{err}");
    }
}
