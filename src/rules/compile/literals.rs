//! The one Aho-Corasick automaton searched per document: every gazetteer
//! phrase (folded, one pattern per phrase however many meanings it has) and
//! every gate literal of the regex rules ([`crate::rules::gate`]), with which
//! rules each gate opens.

use super::builder::Builder;
use super::regexes::Pending;
use super::ruleset::{Family, PhraseTag};
use crate::rules::gate::{self, Alphabet};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use std::collections::HashMap;

/// The automaton of phrases and gate literals, every overlapping match, of
/// the patterns as the match text writes them ([`crate::normalize::match_text`])
/// with ASCII letters lower-cased: it is searched in a copy of the match
/// text lower-cased the same way, which finds what an ASCII
/// case-insensitive automaton finds in the text (building one of those cost
/// a third more, most of it keeping track of the states queued twice, one
/// per case). A contiguous NFA: a DFA searches faster on its own but, at
/// some 7 MB against 0.3 MB, it does not stay in cache beside the rest of
/// the pipeline and measured 2% slower end to end.
pub(super) fn literal_automaton<'a>(
    patterns: impl Iterator<Item = &'a String>,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns.map(|p| crate::normalize::match_text(p).to_ascii_lowercase()))
}

/// The gates of the regex rules (see the fields of the same names in
/// [`super::RuleSet`]).
pub(super) struct Gates {
    /// Indices of the rules that scan whole documents.
    pub(super) scan: Vec<usize>,
    /// Per rule: true when it has a gate.
    pub(super) gated: Vec<bool>,
    /// Per rule: true for a speaker rule with a gate.
    pub(super) located: Vec<bool>,
    /// The gate literals, in order of first use.
    pub(super) texts: Vec<String>,
    /// Gate index -> the rules it opens.
    pub(super) rules: Vec<Vec<usize>>,
    /// Per rule: the bytes its matches can hold, when that narrows the search.
    pub(super) alphabets: Vec<Option<Alphabet>>,
    /// Per rule: an upper bound on its compiled size ([`gate::nfa_bound`]),
    /// None when its pattern does not parse.
    pub(super) bounds: Vec<Option<usize>>,
}

/// The gates of the pending rules. Indices are positions in `pending`.
pub(super) fn gates(pending: &[Pending]) -> Gates {
    type Parsed = (Option<Vec<String>>, Option<Alphabet>, Option<usize>);
    let parsed: Vec<Parsed> = pending
        .par_iter()
        .map(|(_, _, _, expanded, _)| match gate::parse(expanded) {
            Some(hir) => (
                gate::gate_of(&hir),
                gate::alphabet_of(&hir),
                Some(gate::nfa_bound(&hir)),
            ),
            None => (None, None, None),
        })
        .collect();
    let mut gates_of = Vec::with_capacity(parsed.len());
    let mut alphabets_of = Vec::with_capacity(parsed.len());
    let mut bounds = Vec::with_capacity(parsed.len());
    for (g, a, n) in parsed {
        gates_of.push(g);
        alphabets_of.push(a);
        bounds.push(n);
    }

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
    Gates {
        scan,
        gated,
        located,
        texts: gate_texts,
        rules: gate_rules,
        alphabets,
        bounds,
    }
}

/// Every phrase of `b`, once (compared lower-cased); a phrase may carry
/// several meanings. Returns the phrases and, per phrase, its meanings.
pub(super) fn phrases(b: &mut Builder) -> (Vec<String>, Vec<Vec<PhraseTag>>) {
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
    (phrase_texts, phrase_tags)
}
