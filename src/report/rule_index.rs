//! Rules: ids and families, looked up by index ([`RuleIndex`]).

use crate::rules::{Family, RuleSet};
use std::collections::HashMap;

/// Lookups over a [`RuleSet`], built once per report and shared by the workers.
pub struct RuleIndex {
    pub(super) ids: HashMap<String, usize>,
    /// Regex rule index -> rule index.
    pub(super) regex_to_rule: Vec<usize>,
    /// Family name per rule.
    pub(super) families: Vec<&'static str>,
}

fn family_name(f: Family) -> &'static str {
    match f {
        Family::Rating => "rating",
        Family::Suppress => "suppress",
        Family::Service => "service",
        Family::Person => "person",
        Family::Role => "role",
        Family::Speaker => "speaker",
        Family::Byline => "byline",
        Family::Credit => "credit",
        Family::Publisher => "publisher",
        Family::DocType => "doc_type",
        Family::Date => "date",
        Family::Boilerplate => "boilerplate",
        Family::Title => "title",
    }
}

impl RuleIndex {
    /// Index the rules.
    pub fn new(rules: &RuleSet) -> Self {
        let ids: HashMap<String, usize> = rules
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let regex_to_rule = rules
            .regex_rules
            .iter()
            .map(|r| ids.get(&r.info.id).copied().unwrap_or(0))
            .collect();
        let mut families = vec![""; rules.rules.len()];
        for (i, r) in rules.rules.iter().enumerate() {
            families[i] = if r.id.starts_with("scale.") {
                "scale"
            } else if r.id.starts_with("theme.") {
                "theme"
            } else if r.id.starts_with("polarity.") {
                "polarity"
            } else if r.file == "inspectorates.toml" {
                "inspectorate"
            } else {
                "other"
            };
        }
        for r in &rules.regex_rules {
            if let Some(&i) = ids.get(&r.info.id) {
                families[i] = family_name(r.family);
            }
        }
        RuleIndex {
            ids,
            regex_to_rule,
            families,
        }
    }
}
