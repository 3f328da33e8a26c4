//! `scales.toml`: the rating scales, each value and wording of each, every
//! wording also a phrase of the automaton ([`PhraseKind::RatingWord`]).

use super::builder::{hash_hex, Builder};
use super::ruleset::{normalise_key, PhraseKind, Scale};
use crate::rules::parse::{read_toml, ScalesFile};
use crate::rules::RuleSource;
use std::collections::{BTreeMap, HashMap};

/// Read and check the scales.
pub(super) fn load(
    dir: &RuleSource,
    b: &mut Builder,
    files: &mut BTreeMap<String, String>,
) -> Vec<Scale> {
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
                    overall_only_alone: s.overall_only_alone,
                    positive: s.positive,
                });
            }
        }
        Err(e) => b.errors.push(e),
    }
    scales
}
