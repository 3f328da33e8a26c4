//! `themes.toml`: the polarity lists (strength and concern cues, clause
//! breaks, negators, ...) and the themes of the taxonomy with their terms and
//! cues, all phrases of the automaton.

use super::builder::{hash_hex, Builder};
use super::ruleset::{Inspectorate, PhraseKind, ThemeInfo};
use crate::rules::parse::{read_toml, ThemesFile};
use crate::rules::RuleSource;
use std::collections::BTreeMap;

/// Read and check the polarity lists and the themes (a theme's
/// `inspectorate_terms` name inspectorates of `inspectorates`).
pub(super) fn load(
    dir: &RuleSource,
    b: &mut Builder,
    files: &mut BTreeMap<String, String>,
    inspectorates: &[Inspectorate],
) -> Vec<ThemeInfo> {
    let mut themes = Vec::new();
    match read_toml::<ThemesFile>(dir, "themes.toml") {
        Ok((f, text)) => {
            files.insert("themes.toml".into(), hash_hex(text.as_bytes()));
            // Each polarity list is one rule (its id, its key in the file).
            let p = &f.polarity;
            let lists: [(&str, &str, &[String], PhraseKind); 12] = [
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
                (
                    "background",
                    "background",
                    &p.background,
                    PhraseKind::Background,
                ),
                (
                    "concessive",
                    "concessives",
                    &p.concessives,
                    PhraseKind::Concessive,
                ),
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
                    graded_by_parts: t.graded_by_parts,
                });
            }
        }
        Err(e) => b.errors.push(e),
    }
    themes
}
