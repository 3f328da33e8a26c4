//! Stage 5: (compiled rules, normalised text) -> every rule match in the document.
//!
//! One Aho-Corasick pass finds every gazetteer phrase (overlapping, whole words
//! only, acronyms case-sensitive); a second finds the gate literals of the regex
//! rules ([`crate::rules::gate`]): only the scanning rules whose gate occurs are
//! run over the document, and where the speaker rules' gates occur is kept so
//! that the quote extractor searches only around quotations that have one.
//! Every search runs over the match text ([`crate::normalize::match_text`]),
//! where letters outside ASCII are written as ASCII ones, so that the rules
//! are ASCII byte patterns.
//! Spans are in normalised coordinates; the extractors map them back to the
//! original bytes. [`run_many_staged`] leaves some rules to a second stage,
//! run only on the texts whose first-stage matches call for them.

use crate::normalize::{match_text, snap};
use crate::rules::gate::Alphabet;
use crate::rules::{Family, PhraseKind, PhraseTag, RuleSet};
use crate::span::NormSpan;

/// A gazetteer phrase found in the text.
#[derive(Debug, Clone, Copy)]
pub struct PhraseHit {
    /// What it means.
    pub tag: PhraseTag,
    /// Where.
    pub span: NormSpan,
}

/// A regex rule match.
#[derive(Debug, Clone)]
pub struct RegexHit {
    /// Index into [`RuleSet::regex_rules`].
    pub rule: usize,
    /// The whole match.
    pub span: NormSpan,
    /// Capture groups by index (None when a group did not take part).
    pub groups: Vec<Option<NormSpan>>,
}

impl RegexHit {
    /// The span of a named group.
    pub fn group(&self, rules: &RuleSet, name: &str) -> Option<NormSpan> {
        let idx = rules.regex_rules.get(self.rule)?.group_index(name)?;
        self.groups.get(idx).copied().flatten()
    }

    /// The value the hit gives, as `rules test` compares it with an example's
    /// `expect`: the text of the family's main group (`value` or `number`, else
    /// the rule's fixed `value`, for ratings; `name` for services, people, bylines and credits; `who` for
    /// speakers; `publisher`; `date`, or `day month year`, then ` - ` and the
    /// range's end when the rule reads one), else the whole
    /// match; whitespace collapsed. `text` is the text the hit was found in.
    pub fn value(&self, rules: &RuleSet, text: &str) -> String {
        let get = |n: &str| self.group(rules, n).and_then(|s| text.get(s.start..s.end));
        let family = rules.regex_rules.get(self.rule).map(|r| r.family);
        let v: Option<String> = match family {
            Some(Family::Rating) => get("value")
                .or_else(|| get("number"))
                .map(str::to_string)
                .or_else(|| rules.regex_rules[self.rule].def.value.clone()),
            Some(Family::Service | Family::Person | Family::Byline | Family::Credit) => {
                get("name").map(str::to_string)
            }
            Some(Family::Speaker) => get("who").map(str::to_string),
            Some(Family::Publisher) => get("publisher").map(str::to_string),
            Some(Family::Title) => get("title").map(str::to_string),
            Some(Family::Date) => {
                let side = |whole: &str, names: [&str; 3]| {
                    get(whole).map(str::to_string).or_else(|| {
                        let parts: Vec<&str> = names.iter().filter_map(|n| get(n)).collect();
                        (!parts.is_empty()).then(|| parts.join(" "))
                    })
                };
                let start = side("date", ["day", "month", "year"]);
                match side("end", ["end_day", "end_month", "end_year"]) {
                    Some(end) => start.map(|s| format!("{s} - {end}")),
                    None => start,
                }
            }
            _ => None,
        };
        let v = v.unwrap_or_else(|| {
            text.get(self.span.start..self.span.end)
                .unwrap_or("")
                .to_string()
        });
        crate::normalize::squash_spaces(&v)
    }
}

/// Every match in one document.
#[derive(Debug, Default)]
pub struct Matches {
    /// Phrase hits in text order.
    pub phrases: Vec<PhraseHit>,
    /// Regex hits, grouped by rule in rule order, each rule's in text order.
    pub regex: Vec<RegexHit>,
    /// Where the gate literals of located rules ([`RuleSet::located`]) occur:
    /// `(rule, span)` sorted by rule, then start.
    pub gate_hits: Vec<(usize, NormSpan)>,
}

impl Matches {
    /// False when located rule `rule` cannot match inside `span`: none of its
    /// gate literals lies wholly inside it. True for rules without a gate.
    pub fn gate_within(&self, rules: &RuleSet, rule: usize, span: NormSpan) -> bool {
        if !rules.located.get(rule).copied().unwrap_or(false) {
            return true;
        }
        let from = self
            .gate_hits
            .partition_point(|&(r, s)| (r, s.start) < (rule, span.start));
        self.gate_hits[from..]
            .iter()
            .take_while(|&&(r, s)| r == rule && s.start < span.end)
            .any(|&(_, s)| s.end <= span.end)
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// True when `span` starts and ends at word boundaries of `text`.
pub fn at_word_bounds(text: &str, span: NormSpan) -> bool {
    let bytes = text.as_bytes();
    let before = span.start == 0 || !is_word_byte(bytes[span.start - 1]);
    let after = span.end >= bytes.len() || !is_word_byte(bytes[span.end]);
    let first_word = bytes.get(span.start).is_some_and(|&b| is_word_byte(b));
    let last_word = span.end > 0 && bytes.get(span.end - 1).is_some_and(|&b| is_word_byte(b));
    (before || !first_word) && (after || !last_word)
}

/// What the literal pass finds in one text: the phrase hits, the rules it
/// opens, where located rules' gates lie and the runs to search.
struct LiteralPass {
    phrases: Vec<PhraseHit>,
    open: Vec<bool>,
    gate_hits: Vec<(usize, NormSpan)>,
    /// Per rule with an alphabet: the runs to search, sorted by rule.
    runs: Vec<(usize, NormSpan)>,
}

/// One pass of the literal automaton over `hay`, the match text of `text`:
/// gazetteer phrases and gate literals.
fn literal_pass(rules: &RuleSet, text: &str, hay: &str) -> LiteralPass {
    let mut phrases = Vec::new();
    // Only rules whose gate literal occurs (or that have none) can match.
    let mut open = vec![false; rules.regex_rules.len()];
    let mut gate_hits = Vec::new();
    // Per rule with an alphabet: the runs to search, and where the last ends.
    let mut runs: Vec<(usize, NormSpan)> = Vec::new();
    let mut run_end = vec![0; rules.regex_rules.len()];
    let n_phrases = rules.phrase_texts.len();
    // The automaton's patterns are lower-cased (ASCII), and so is this copy:
    // the same bytes at the same places otherwise.
    let folded = hay.to_ascii_lowercase();
    for m in rules.literals.find_overlapping_iter(&folded) {
        let span = NormSpan::new(m.start(), m.end());
        let pat = m.pattern().as_usize();
        if pat >= n_phrases {
            for &r in &rules.gate_rules[pat - n_phrases] {
                open[r] = true;
                if rules.located[r] {
                    gate_hits.push((r, span));
                } else if let Some(alphabet) = &rules.alphabets[r] {
                    // A hit inside the last run found for the rule adds nothing
                    // (hits come in order of their ends; one that starts
                    // before that run's end either lies in it or holds a byte
                    // no match can hold).
                    if span.start >= run_end[r] {
                        let run = run_around(alphabet, hay, span);
                        run_end[r] = run.end;
                        runs.push((r, run));
                    }
                }
            }
            continue;
        }
        if !at_word_bounds(text, span) {
            continue;
        }
        let exact = text.get(span.start..span.end) == Some(rules.phrase_texts[pat].as_str());
        for tag in &rules.phrase_tags[pat] {
            if !tag.case_sensitive || exact {
                phrases.push(PhraseHit { tag: *tag, span });
            }
        }
    }
    phrases.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    // An inspectorate's name or title inside another body's ('Care
    // Inspectorate Wales') names no inspectorate.
    let others: Vec<NormSpan> = phrases
        .iter()
        .filter(|h| h.tag.kind == PhraseKind::OtherBody)
        .map(|h| h.span)
        .collect();
    if !others.is_empty() {
        phrases.retain(|h| {
            !matches!(
                h.tag.kind,
                PhraseKind::InspectorateAlias { .. }
                    | PhraseKind::ChiefTitle { .. }
                    | PhraseKind::InspectorateRef
            ) || !others
                .iter()
                .any(|o| o.start <= h.span.start && h.span.end <= o.end)
        });
    }
    gate_hits.sort_unstable_by_key(|&(r, s)| (r, s.start, s.end));
    // Each rule's runs are already in text order.
    runs.sort_by_key(|&(r, _)| r);
    LiteralPass {
        phrases,
        open,
        gate_hits,
        runs,
    }
}

/// The matches of scanning rule `i` in `text` (its match text `hay`), where
/// the literal pass allows.
fn scan_rule(
    rules: &RuleSet,
    i: usize,
    (text, hay): (&str, &str),
    pass: &LiteralPass,
    out: &mut Vec<RegexHit>,
) {
    if rules.gated[i] && !pass.open[i] {
        return;
    }
    match &rules.alphabets[i] {
        Some(_) => {
            let runs = &pass.runs;
            let from = runs.partition_point(|&(r, _)| r < i);
            let to = runs.partition_point(|&(r, _)| r <= i);
            for &(_, run) in &runs[from..to] {
                // One character of context either side, for look-arounds.
                let (lo, hi) = (run.start, run.end);
                let from = hay[..lo]
                    .chars()
                    .next_back()
                    .map_or(lo, |c| lo - c.len_utf8());
                let to = hay[hi..].chars().next().map_or(hi, |c| hi + c.len_utf8());
                push_rule_hits(rules, i, text, &hay[from..to], from, out);
            }
        }
        None => push_rule_hits(rules, i, text, hay, 0, out),
    }
}

/// Run every rule over `text` (normalised).
pub fn run(rules: &RuleSet, text: &str) -> Matches {
    run_many(rules, &[text]).pop().unwrap_or_default()
}

/// Run every rule over several texts: the same matches as [`run`] on each,
/// found rule by rule across the texts rather than text by text, so that each
/// rule's lazy DFA stays in the processor's caches while it is used (with
/// some 250 rules, switching rule at every text evicted them and cost more
/// than the search itself).
pub fn run_many(rules: &RuleSet, texts: &[&str]) -> Vec<Matches> {
    run_many_staged(rules, texts, &[], |_| true)
}

/// [`run_many`] in two stages. First every scanning rule not marked in
/// `later` (indexed like [`RuleSet::regex_rules`]; missing entries are
/// false); then the `later` rules, only over the texts whose first-stage
/// matches `needed` accepts. A text that needs them gets exactly the matches
/// of [`run_many`]; one that does not gets none of the `later` rules' hits.
/// The extractors use this to skip the rules only an inspection's articles
/// read (ratings, service names) on articles that report none.
pub fn run_many_staged(
    rules: &RuleSet,
    texts: &[&str],
    later: &[bool],
    needed: impl Fn(&Matches) -> bool,
) -> Vec<Matches> {
    let is_later = |i: usize| later.get(i).copied().unwrap_or(false);
    let hays: Vec<std::borrow::Cow<str>> = texts.iter().map(|t| match_text(t)).collect();
    let texts: Vec<(&str, &str)> = texts.iter().zip(&hays).map(|(t, h)| (*t, &**h)).collect();
    let mut passes: Vec<LiteralPass> = texts
        .iter()
        .map(|&(t, h)| literal_pass(rules, t, h))
        .collect();
    let mut regex: Vec<Vec<RegexHit>> = vec![Vec::new(); texts.len()];
    let all: Vec<usize> = (0..texts.len()).collect();
    scan_texts(rules, &texts, &passes, &all, |i| !is_later(i), &mut regex);
    let mut out: Vec<Matches> = passes
        .iter_mut()
        .zip(regex)
        .map(|(p, regex)| Matches {
            phrases: std::mem::take(&mut p.phrases),
            regex,
            gate_hits: std::mem::take(&mut p.gate_hits),
        })
        .collect();
    if later.iter().any(|&l| l) {
        let need: Vec<usize> = (0..texts.len()).filter(|&t| needed(&out[t])).collect();
        let mut extra: Vec<Vec<RegexHit>> = vec![Vec::new(); texts.len()];
        scan_texts(rules, &texts, &passes, &need, is_later, &mut extra);
        for (m, extra) in out.iter_mut().zip(extra) {
            if !extra.is_empty() {
                m.regex.extend(extra);
                // Back to rule order (the scanning rules are in ascending
                // order, each rule's hits in text order): a stable sort.
                m.regex.sort_by_key(|h| h.rule);
            }
        }
    }
    out
}

/// Search the scanning rules that `pick` accepts over the texts numbered in
/// `which`, rule by rule, appending each text's hits to `out[text]`.
fn scan_texts(
    rules: &RuleSet,
    texts: &[(&str, &str)],
    passes: &[LiteralPass],
    which: &[usize],
    pick: impl Fn(usize) -> bool,
    out: &mut [Vec<RegexHit>],
) {
    if which.is_empty() {
        return;
    }
    // The rules to search are compiled on first use: compile those not yet
    // compiled first, so that the threads starting on their first batches
    // each take a share rather than wait on the one compiling a rule.
    for &i in rules.scan.iter().filter(|&&i| pick(i)) {
        if !rules.gated[i] || which.iter().any(|&t| passes[t].open[i]) {
            rules.regex_rules[i].prepare();
        }
    }
    for &i in rules.scan.iter().filter(|&&i| pick(i)) {
        for &t in which {
            scan_rule(rules, i, texts[t], &passes[t], &mut out[t]);
        }
    }
}

/// Every match of one regex rule (index into [`RuleSet::regex_rules`]) in `text`.
pub fn rule_hits(rules: &RuleSet, rule: usize, text: &str) -> Vec<RegexHit> {
    rule_hits_in(rules, rule, text, 0..text.len())
}

/// Every match of one regex rule in `text[range]` (spans in `text`): how rules
/// applied to a context rather than the document (title rules on one
/// paragraph) are run. `^` and `$` without `(?m)` anchor at the range's ends.
pub fn rule_hits_in(
    rules: &RuleSet,
    rule: usize,
    text: &str,
    range: std::ops::Range<usize>,
) -> Vec<RegexHit> {
    let mut out = Vec::new();
    let hay = match_text(&text[range.clone()]);
    push_rule_hits(rules, rule, text, &hay, range.start, &mut out);
    out
}

/// The run of `alphabet`'s bytes around a gate literal's `hit`: a rule with
/// that alphabet is searched only in such runs. A match holds only alphabet
/// bytes and one of the rule's gate literals, so it lies in the run around
/// that literal; searched with one character of context on either side (for
/// look-arounds), the runs give exactly the matches of the whole text.
fn run_around(alphabet: &Alphabet, text: &str, hit: NormSpan) -> NormSpan {
    let bytes = text.as_bytes();
    let mut lo = hit.start;
    while lo > 0 && alphabet.holds(bytes[lo - 1]) {
        lo -= 1;
    }
    let mut hi = hit.end;
    while hi < bytes.len() && alphabet.holds(bytes[hi]) {
        hi += 1;
    }
    NormSpan::new(lo, hi)
}

/// The matches of rule `i` in `hay`, the match text of `text[base..]` (or
/// of a stretch of it), with spans in `text`, widened to its character
/// boundaries.
fn push_rule_hits(
    rules: &RuleSet,
    i: usize,
    text: &str,
    hay: &str,
    base: usize,
    out: &mut Vec<RegexHit>,
) {
    let re = rules.regex_rules[i].regex();
    let at = |s: usize, e: usize| {
        let (s, e) = snap(text, base + s, base + e);
        NormSpan::new(s, e)
    };
    for caps in re.captures_iter(hay.as_bytes()) {
        let Some(whole) = caps.get(0) else { continue };
        if whole.start() == whole.end() {
            continue;
        }
        // Patterns anchored with `^\s*` may start on the line before: trim.
        let m = whole.as_bytes();
        let lead = m.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let trail = m[lead..]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        let span = at(
            whole.start() + lead,
            (whole.end() - trail).max(whole.start() + lead),
        );
        out.push(RegexHit {
            rule: i,
            span,
            groups: caps
                .iter()
                .map(|g| g.map(|g| at(g.start(), g.end())))
                .collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Family;

    fn shipped() -> RuleSet {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        crate::rules::load(&crate::rules::RuleSource::Folder(dir)).expect("the shipped rules load")
    }

    #[test]
    fn a_staged_run_gives_the_later_rules_hits_only_to_the_texts_that_need_them() {
        let rules = shipped();
        let later: Vec<bool> = rules
            .regex_rules
            .iter()
            .map(|r| r.family == Family::Rating)
            .collect();
        let texts = [
            "Oldacre Youth Justice Service was rated Good by inspectors.",
            "The Fenwick Academy was rated Requires improvement, said Ofsted.",
            "Oldacre Council was rated Inadequate by inspectors in May 2024.",
        ];
        let whole = run_many(&rules, &texts);
        // The second text alone needs the later rules (asked in text order).
        let asked = std::cell::Cell::new(0);
        let staged = run_many_staged(&rules, &texts, &later, |_| {
            asked.set(asked.get() + 1);
            asked.get() == 2
        });
        assert_eq!(asked.get(), 3, "each text is asked once");
        let shown = |hits: &[RegexHit], keep: &dyn Fn(usize) -> bool| {
            format!(
                "{:?}",
                hits.iter().filter(|h| keep(h.rule)).collect::<Vec<_>>()
            )
        };
        assert!(
            whole[1].regex.iter().any(|h| later[h.rule]),
            "a rating rule fires"
        );
        assert!(
            whole[2].regex.iter().any(|h| later[h.rule]),
            "a rating rule fires"
        );
        assert_eq!(
            shown(&staged[1].regex, &|_| true),
            shown(&whole[1].regex, &|_| true)
        );
        assert_eq!(
            shown(&staged[2].regex, &|_| true),
            shown(&whole[2].regex, &|r| !later[r])
        );
    }

    #[test]
    fn searching_runs_around_gate_literals_finds_what_the_whole_text_does() {
        let rules = shipped();
        assert!(
            rules.alphabets.iter().filter(|a| a.is_some()).count() > 20,
            "most scanning rules search runs"
        );
        // The project corpus (in folders) and, where present, real news.
        let files = crate::test_support::files_under(&["corpus", "../shared/news"]);
        let mut texts: Vec<String> = Vec::new();
        for p in &files {
            if let Ok(t) = std::fs::read_to_string(p) {
                texts.push(crate::normalize::normalize(&t).text);
            }
        }
        assert!(texts.len() > 40, "the project corpus is read");
        // Every rule's own examples, with a character glued on either side
        // (a digit, a letter, a non-ASCII letter, a quote, a line end): a
        // run's edge, where a look-around must see the character outside it.
        for r in &rules.regex_rules {
            for e in r.def.examples.iter().map(|e| &e.text).chain(&r.def.counter) {
                for c in ["", "9", "x", "\u{e9}", "\"", "\n"] {
                    texts.push(format!("{c}{e}"));
                    texts.push(format!("{e}{c}"));
                    texts.push(format!("{c}{e}{c} {e}"));
                }
            }
        }
        for text in &texts {
            let whole: Vec<RegexHit> = rules
                .scan
                .iter()
                .flat_map(|&i| rule_hits(&rules, i, text))
                .collect();
            let m = run(&rules, text);
            let key = |h: &RegexHit| (h.rule, h.span, h.groups.clone());
            assert_eq!(
                m.regex.iter().map(key).collect::<Vec<_>>(),
                whole.iter().map(key).collect::<Vec<_>>(),
                "in {:?}",
                text.chars().take(80).collect::<String>()
            );
        }
    }

    #[test]
    fn speaker_rules_are_searched_only_where_a_cue_occurs() {
        let rules = shipped();
        let text = "The inspector said the unit was \"much improved\". Then \"a\" and \"b\".";
        let m = run(&rules, text);
        let (i, _) = rules
            .family(Family::Speaker)
            .find(|(i, r)| rules.located[*i] && r.info.id == "speaker.pre_colon")
            .expect("a located speaker rule");
        let said = text.find("said").expect("said");
        // Around the cue: searched. A stretch holding only quote marks: not.
        assert!(m.gate_within(&rules, i, NormSpan::new(0, said + 4)));
        assert!(!m.gate_within(&rules, i, NormSpan::new(0, said + 3)));
        let tail = text.find("Then").expect("Then");
        assert!(!m.gate_within(&rules, i, NormSpan::new(tail, text.len())));
        // A rule that is not located is never ruled out.
        let scan = rules.scan[0];
        assert!(m.gate_within(&rules, scan, NormSpan::new(tail, tail)));
    }
}
