//! `inspectorates.toml`: the inspectorates, their aliases, chief-inspector
//! titles and hints (phrases of the automaton), the references to 'the
//! Inspectorate' and the outcome cues.

use super::builder::{hash_hex, Builder};
use super::ruleset::{Inspectorate, PhraseKind, Scale, ThemeInfo};
use crate::rules::parse::{read_toml, InspectoratesFile};
use crate::rules::RuleSource;
use std::collections::BTreeMap;

/// Read and check the inspectorates (each names a scale of `scales`); also
/// whether the file lists outcome cues.
pub(super) fn load(
    dir: &RuleSource,
    b: &mut Builder,
    files: &mut BTreeMap<String, String>,
    scales: &[Scale],
) -> (Vec<Inspectorate>, bool) {
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
                for a in &d.infer {
                    b.phrase(a, PhraseKind::Infer { insp: n }, r);
                }
                inspectorates.push(Inspectorate {
                    info: b.rules[r].clone(),
                    name: d.name,
                    acronym: d.acronym,
                    aliases: d.aliases,
                    ambiguous_aliases: d.ambiguous_aliases,
                    scale: d.scale,
                    chief_titles: d.chief_titles,
                    overall_theme: d.overall_theme,
                });
            }
            phrase_rule(
                b,
                &text,
                "inspectorate.reference",
                "references",
                &f.references,
                PhraseKind::InspectorateRef,
            );
            outcome_cues = !f.outcome_cues.is_empty();
            phrase_rule(
                b,
                &text,
                "inspectorate.outcome_cue",
                "outcome_cues",
                &f.outcome_cues,
                PhraseKind::OutcomeCue,
            );
            if !f.other_bodies.is_empty() {
                phrase_rule(
                    b,
                    &text,
                    "inspectorate.other_body",
                    "other_bodies",
                    &f.other_bodies,
                    PhraseKind::OtherBody,
                );
            }
            if !f.no_outcome_cues.is_empty() {
                phrase_rule(
                    b,
                    &text,
                    "inspectorate.no_outcome_cue",
                    "no_outcome_cues",
                    &f.no_outcome_cues,
                    PhraseKind::NoOutcomeCue,
                );
            }
        }
        Err(e) => b.errors.push(e),
    }
    (inspectorates, outcome_cues)
}

/// Add the file-level rule `id` (found in the file by its `key`) and register
/// each of its phrases with `kind`.
fn phrase_rule(
    b: &mut Builder,
    text: &str,
    id: &str,
    key: &str,
    phrases: &[String],
    kind: PhraseKind,
) {
    let r = b.add_rule(id, "inspectorates.toml", text, key);
    for a in phrases {
        b.phrase(a, kind, r);
    }
}

/// Each inspectorate's `overall_theme` must be a theme of `themes.toml`.
pub(super) fn check_overall_themes(
    inspectorates: &[Inspectorate],
    themes: &[ThemeInfo],
    b: &mut Builder,
) {
    for insp in inspectorates {
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
}
