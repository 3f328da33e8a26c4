//! Service identity: which inspection bucket a record's service falls in.
//!
//! A key is the inspectorate, the service's kind class and its identity: the
//! name folded (lower case, possessives and punctuation gone, spelling variants
//! joined) with the words of `rules/linking.toml` dropped; the locality, folded
//! the same way, when nothing of the name is left. A name that is an acronym
//! alone ('NKFT') is resolved later, through another record that spells it out
//! ([`super::group`]).

use super::rules::LinkRules;
use super::{LinkRecord, LinkService};

/// Where one record's service goes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// Canonical inspectorate name.
    pub inspectorate: String,
    /// Kind class from the rules (empty when unknown).
    pub class: String,
    /// Folded name (or locality) with the dropped words gone.
    pub identity: String,
}

/// Lower case, curly apostrophes straight, possessive `'s` dropped, anything
/// but letters, digits and `&` a space, single spaces.
pub fn fold(s: &str) -> String {
    let lower = s.to_lowercase().replace(['\u{2019}', '\u{2018}', '`'], "'");
    let mut out = String::with_capacity(lower.len());
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // 's at a word's end is a possessive; any other apostrophe goes.
            if chars.peek() == Some(&'s') {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek().is_none_or(|n| !n.is_alphanumeric()) {
                    chars.next();
                }
            }
            continue;
        }
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '&' {
            out.push_str(" & ");
        } else {
            out.push(' ');
        }
    }
    crate::normalize::squash_spaces(&out)
}

/// Replace every occurrence of `from` (a word sequence) by `to` in `w`.
fn replace(w: &mut Vec<String>, from: &[String], to: &[String]) {
    let mut i = 0;
    while i + from.len() <= w.len() {
        if w[i..i + from.len()] == *from {
            w.splice(i..i + from.len(), to.iter().cloned());
            i += to.len().max(1);
        } else {
            i += 1;
        }
    }
}

/// The folded words of a name with variants joined.
fn varied(s: &str, rules: &LinkRules) -> Vec<String> {
    let mut w: Vec<String> = fold(s).split(' ').map(str::to_string).collect();
    w.retain(|x| !x.is_empty());
    for (from, to) in &rules.variants {
        replace(&mut w, from, to);
    }
    w
}

/// `s` folded, variants joined, dropped words gone; `None` when what is left
/// is shorter than the rules allow.
pub fn identity(s: &str, rules: &LinkRules) -> Option<String> {
    let mut w = varied(s, rules);
    for d in &rules.drop {
        replace(&mut w, d, &[]);
    }
    if w.iter().all(|x| rules.generic.contains(x)) {
        return None;
    }
    let id = w.join(" ");
    (id.chars().count() >= rules.min_identity_chars.max(1)).then_some(id)
}

/// The kind class of a service its inspectorate (when known) reported: from
/// its kind (the inspectorate's own class for it first), else from a kind
/// word in its name; empty when neither says.
pub fn class(s: &LinkService, inspectorate: Option<&str>, rules: &LinkRules) -> String {
    let own = |k: &String| {
        let i = inspectorate?;
        rules
            .inspectorate_kind_class
            .get(&(i.to_string(), k.clone()))
    };
    if let Some(c) = s.kind.as_ref().and_then(own) {
        return c.clone();
    }
    let w = varied(&s.name, rules);
    let from_name = || {
        rules
            .kind_words
            .iter()
            .find(|(kw, _)| w.windows(kw.len()).any(|x| x == kw.as_slice()))
            .map(|(_, class)| class.clone())
    };
    if let Some(c) = s.kind.as_ref().and_then(|k| rules.kind_class.get(k)) {
        // A catch-all class (one with no words of its own, 'provider') gives
        // way to a kind word of the name ('Brook House immigration removal
        // centre' is custody whatever kind its mention was given).
        let catch_all = !rules.kind_words.iter().any(|(_, class)| class == c);
        if catch_all {
            if let Some(named) = from_name() {
                return named;
            }
        }
        return c.clone();
    }
    if let Some(c) = from_name() {
        return c;
    }
    s.kind.clone().unwrap_or_default()
}

/// The kind class a record without a service identity speaks of: its
/// services' (when they agree), else a kind word of its headline.
pub fn record_class(r: &LinkRecord, rules: &LinkRules) -> Option<String> {
    let mut classes: Vec<String> = r
        .services
        .iter()
        .map(|s| class(s, r.inspectorate.as_deref(), rules))
        .filter(|c| !c.is_empty())
        .collect();
    classes.sort();
    classes.dedup();
    match classes.as_slice() {
        [c] => return Some(c.clone()),
        [] => {}
        _ => return None,
    }
    let w = varied(r.title.as_deref()?, rules);
    rules
        .kind_words
        .iter()
        .find(|(kw, _)| w.windows(kw.len()).any(|x| x == kw.as_slice()))
        .map(|(_, c)| c.clone())
}

/// True when a name is an acronym alone (two to eight capitals or digits).
pub fn is_acronym(name: &str) -> bool {
    let n = name.trim();
    (2..=8).contains(&n.len())
        && n.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && n.chars().any(|c| c.is_ascii_uppercase())
}

/// The key of one service of a record; `None` when the record names no
/// inspectorate or the service has no identity.
/// The inspectorate of a joint inspection's records is the one the rules
/// name first for that class.
pub fn service_key(r: &LinkRecord, s: &LinkService, rules: &LinkRules) -> Option<Key> {
    let inspectorate = r.inspectorate.as_deref()?;
    let (class, identity) = class_identity(s, Some(inspectorate), rules)?;
    let inspectorate = rules
        .joint
        .get(&(inspectorate.to_string(), class.clone()))
        .cloned()
        .unwrap_or_else(|| inspectorate.to_string());
    Some(Key {
        inspectorate,
        class,
        identity,
    })
}

/// A service's kind class and identity, as `inspectorate` (or, with none,
/// any inspectorate) reported it.
/// The identity is the folded name, else the locality; for a class the rules
/// tell apart by locality (`identity = "locality"`), the locality first.
pub fn class_identity(
    s: &LinkService,
    inspectorate: Option<&str>,
    rules: &LinkRules,
) -> Option<(String, String)> {
    let class = class(s, inspectorate, rules);
    let name = || identity(&s.name, rules);
    let place = || s.locality.as_deref().and_then(|l| identity(l, rules));
    let identity = if rules.locality_first.contains(&class) {
        place().or_else(name)
    } else {
        name().or_else(place)
    }?;
    Some((class, identity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_possessives_and_punctuation() {
        assert_eq!(
            fold("The Council’s Children's Services"),
            "the council children services"
        );
        assert_eq!(fold("Dorset & Wiltshire FRS"), "dorset & wiltshire frs");
        assert_eq!(fold("St. Mary's"), "st mary");
        assert_eq!(fold("O'Neill House"), "oneill house");
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("NSFT"));
        assert!(!is_acronym("Avon"));
        assert!(!is_acronym("A"));
    }
}
