//! Mentions of a theme, one per sentence and polarity, and the article's
//! polarity for the theme from them.

use super::cue::Pol;
use crate::record::Evidence;

/// One mention of a theme.
pub(super) struct Mention {
    pub(super) ev: Evidence,
    pub(super) pol: Pol,
}

/// Add a mention: one per sentence and polarity.
pub(super) fn push(themes: &mut Vec<(usize, Vec<Mention>)>, theme: usize, m: Mention) {
    match themes.iter_mut().find(|(t, _)| *t == theme) {
        Some((_, ms)) => {
            // Sentences come in order: a repeat is among the last two.
            let dup = ms
                .iter()
                .rev()
                .take(2)
                .any(|o| o.ev.sentence == m.ev.sentence && o.pol == m.pol);
            if !dup {
                ms.push(m)
            }
        }
        None => themes.push((theme, vec![m])),
    }
}

/// The article's polarity for a theme from its mentions' counts (`both`: one
/// sentence says both): concerns stated more often than praise, or as often
/// in separate sentences, outweigh it (reports lead with what must change).
/// A theme graded by parts (`by_parts`) is `mixed` whenever it has both.
pub(super) fn aggregate(s: usize, c: usize, both: bool, by_parts: bool) -> &'static str {
    if c == 0 {
        "strength"
    } else if s == 0 || (!by_parts && (c > s || (c == s && !both))) {
        "concern"
    } else {
        "mixed"
    }
}
