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
            if !f.no_outcome_cues.is_empty() {
                let r = b.add_rule(
                    "inspectorate.no_outcome_cue",
                    "inspectorates.toml",
                    &text,
                    "no_outcome_cues",
                );
                for a in &f.no_outcome_cues {
                    b.phrase(a, PhraseKind::NoOutcomeCue, r);
                }
            }
        }
        Err(e) => b.errors.push(e),
    }
    (inspectorates, outcome_cues)
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
