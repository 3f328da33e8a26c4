//! Polarity: strength or concern, the cues that carry it in a sentence, and
//! the polarity and rank of a grade.

use crate::extract::Ctx;
use crate::record::Rating;
use crate::span::NormSpan;

#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Pol {
    Strength,
    Concern,
}

impl Pol {
    pub(super) fn flip(self) -> Pol {
        match self {
            Pol::Strength => Pol::Concern,
            Pol::Concern => Pol::Strength,
        }
    }
    pub(super) fn name(self) -> &'static str {
        match self {
            Pol::Strength => "strength",
            Pol::Concern => "concern",
        }
    }
}

/// A polarity cue in a sentence.
#[derive(Clone, Copy, Debug)]
pub(super) struct Cue {
    /// The cue phrase.
    pub(super) span: NormSpan,
    /// Where it starts, its negator included ('not' in 'not robust').
    pub(super) from: usize,
    pub(super) pol: Pol,
    pub(super) rule: usize,
    /// `Some(t)` for a cue of theme `t` only.
    pub(super) theme: Option<usize>,
}

impl Cue {
    pub(super) fn extent(&self) -> NormSpan {
        NormSpan::new(self.from, self.span.end)
    }
}

/// Byte distance between two spans (0 when they touch or overlap).
pub(super) fn dist(a: NormSpan, b: NormSpan) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Polarity of a grade; none for the middle grade of a scale with an odd
/// number of grades (PEEL's 'Adequate'), which neither praises nor criticises.
pub(super) fn grade_pol(ctx: &Ctx, r: &Rating) -> Option<Pol> {
    let middle = ctx
        .rules
        .scales
        .iter()
        .find(|s| s.id == r.scale || s.reports_as == r.scale)
        .is_some_and(|s| s.values.len() % 2 == 1 && s.values[s.values.len() / 2] == r.value);
    if middle {
        None
    } else if ctx.rules.is_positive(&r.scale, &r.value) {
        Some(Pol::Strength)
    } else {
        Some(Pol::Concern)
    }
}

/// Position of `value` on scale `scale` (a record's scale id), best first.
pub(super) fn grade_rank(ctx: &Ctx, scale: &str, value: &str) -> Option<usize> {
    ctx.rules
        .scales
        .iter()
        .filter(|s| s.id == scale || s.reports_as == scale)
        .find_map(|s| s.values.iter().position(|v| v == value))
}
