//! Literal gates: for each regex rule, a small set of literal strings one of
//! which must occur in any text the rule matches (case aside). The matcher finds
//! every gate literal of every rule in one Aho-Corasick pass and runs only the
//! rules whose gate occurred, so a document pays for the rules it can match
//! rather than for all of them.
//!
//! The set is derived from the parsed pattern: a literal, a concatenation's
//! most selective part, or an alternation whose every branch has a set. A rule
//! whose pattern yields no literal of at least [`MIN_GATE_LEN`] bytes has no
//! gate and always runs.
//!
//! A gated rule may also have an [`Alphabet`]: the bytes its matches can hold.
//! A match then lies within one run of those bytes that holds a gate literal,
//! and the matcher searches only such runs instead of the whole text.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Shortest literal worth gating on: shorter ones occur almost everywhere.
pub const MIN_GATE_LEN: usize = 3;
/// Most alternatives a gate may have.
const MAX_ALTS: usize = 512;

/// What a node guarantees: `exact` when it matches exactly one of these strings
/// (lower-cased), and `required` when one of these must occur inside its match.
#[derive(Debug, Clone, Default)]
struct Lits {
    exact: Option<Vec<String>>,
    required: Option<Vec<String>>,
}

fn quality(set: &[String]) -> usize {
    // The shortest alternative bounds how selective the set is.
    set.iter().map(|s| s.len()).min().unwrap_or(0)
}

fn better(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if quality(&y) > quality(&x) { y } else { x }),
        (x, y) => x.or(y),
    }
}

/// One lower-cased character a class stands for, if it is a single letter in
/// its case variants ('[Rr]' from `(?i)r`).
fn class_char(c: &Class) -> Option<char> {
    let mut chars: Vec<char> = Vec::new();
    match c {
        Class::Unicode(u) => {
            for r in u.ranges() {
                let n = (r.end() as u32).saturating_sub(r.start() as u32);
                if n > 3 {
                    return None;
                }
                for x in r.start()..=r.end() {
                    chars.push(x);
                }
            }
        }
        Class::Bytes(b) => {
            for r in b.ranges() {
                if r.end().saturating_sub(r.start()) > 3 {
                    return None;
                }
                for x in r.start()..=r.end() {
                    chars.push(x as char);
                }
            }
        }
    }
    let fold = |c: char| match c {
        '\u{212A}' => 'k',
        '\u{17F}' => 's',
        c => c.to_lowercase().next().unwrap_or(c),
    };
    let first = fold(*chars.first()?);
    chars.iter().all(|&c| fold(c) == first).then_some(first)
}

fn lits(h: &Hir) -> Lits {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Lits {
            exact: Some(vec![String::new()]),
            required: None,
        },
        HirKind::Literal(l) => {
            let s = String::from_utf8_lossy(&l.0).to_lowercase();
            Lits {
                exact: Some(vec![s.clone()]),
                required: Some(vec![s]),
            }
        }
        HirKind::Class(c) => match class_char(c) {
            Some(ch) => {
                let s = ch.to_string();
                Lits {
                    exact: Some(vec![s.clone()]),
                    required: Some(vec![s]),
                }
            }
            None => Lits::default(),
        },
        HirKind::Capture(c) => lits(&c.sub),
        HirKind::Repetition(r) => {
            // An optional part guarantees nothing: its inside is not looked at.
            if r.min == 0 {
                return Lits::default();
            }
            let inner = lits(&r.sub);
            Lits {
                exact: if r.min == 1 && r.max == Some(1) {
                    inner.exact
                } else {
                    None
                },
                required: inner.required,
            }
        }
        HirKind::Alternation(alts) => {
            // Each side holds while every branch has it; the union must
            // stay under MAX_ALTS once deduplicated.
            let mut exact = Some(Vec::new());
            let mut required = Some(Vec::new());
            let add = |acc: &mut Option<Vec<String>>, part: Option<Vec<String>>| {
                if let Some(out) = acc {
                    match part {
                        Some(p) => out.extend(p),
                        None => *acc = None,
                    }
                }
            };
            for alt in alts {
                let p = lits(alt);
                add(&mut exact, p.exact);
                add(&mut required, p.required);
                if exact.is_none() && required.is_none() {
                    return Lits::default();
                }
            }
            let finish = |v: Option<Vec<String>>| {
                v.and_then(|mut out| {
                    out.sort_unstable();
                    out.dedup();
                    (out.len() <= MAX_ALTS).then_some(out)
                })
            };
            Lits {
                exact: finish(exact),
                required: finish(required),
            }
        }
        HirKind::Concat(items) => {
            let mut required: Option<Vec<String>> = None;
            // Runs of exact parts concatenate into longer required strings.
            let mut run: Option<Vec<String>> = None;
            let mut all_exact = true;
            for item in items {
                let p = lits(item);
                required = better(required, p.required);
                match p.exact {
                    Some(e) => {
                        run = Some(match run.take() {
                            None => e,
                            Some(prev) if prev.len() * e.len() > MAX_ALTS => {
                                required = better(required, Some(prev));
                                e
                            }
                            Some(mut prev) if e.len() == 1 => {
                                for a in &mut prev {
                                    a.push_str(&e[0]);
                                }
                                prev
                            }
                            Some(prev) => {
                                let mut next = Vec::with_capacity(prev.len() * e.len());
                                for a in &prev {
                                    for b in &e {
                                        next.push(format!("{a}{b}"));
                                    }
                                }
                                next
                            }
                        });
                    }
                    None => {
                        all_exact = false;
                        if let Some(r) = run.take() {
                            required = better(required, Some(r));
                        }
                    }
                }
            }
            if let Some(r) = run.clone() {
                required = better(required, Some(r));
            }
            Lits {
                exact: if all_exact { run } else { None },
                required,
            }
        }
    }
}

/// A rule's pattern parsed as the regex engine parses it (an ASCII byte
/// pattern), or `None` when it does not parse.
pub fn parse(pattern: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()
}

/// The gate of a pattern, or `None` when it has no selective literal.
pub fn gate(pattern: &str) -> Option<Vec<String>> {
    gate_of(&parse(pattern)?)
}

/// The gate of a parsed pattern ([`gate`]).
pub fn gate_of(hir: &Hir) -> Option<Vec<String>> {
    let set = lits(hir).required?;
    (quality(&set) >= MIN_GATE_LEN).then_some(set)
}

/// The bytes a pattern's matches can hold: ASCII bytes one by one, every
/// non-ASCII byte together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Alphabet {
    ascii: u128,
    non_ascii: bool,
}

impl Alphabet {
    /// True when a match can hold byte `b`.
    pub fn holds(&self, b: u8) -> bool {
        if b < 128 {
            self.ascii >> b & 1 == 1
        } else {
            self.non_ascii
        }
    }

    fn add(&mut self, from: u32, to: u32) {
        for b in from..=to.min(127) {
            self.ascii |= 1 << b;
        }
        if to >= 128 {
            self.non_ascii = true;
        }
    }

    /// Add what `h` can match. Assertions add nothing: the start or end of
    /// the text (`\A`, `\z`, `^` and `$` without `(?m)`) holds at the ends
    /// of the part searched, but a run is searched with one character
    /// outside it on either side, which no match can hold, so no match can
    /// reach those ends unless they are the text's own.
    fn collect(&mut self, h: &Hir) -> bool {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => true,
            HirKind::Literal(l) => {
                for &b in l.0.iter() {
                    self.add(u32::from(b), u32::from(b));
                }
                true
            }
            HirKind::Class(Class::Unicode(c)) => {
                for r in c.ranges() {
                    self.add(u32::from(r.start()), u32::from(r.end()));
                }
                true
            }
            HirKind::Class(Class::Bytes(c)) => {
                for r in c.ranges() {
                    self.add(u32::from(r.start()), u32::from(r.end()));
                }
                true
            }
            HirKind::Repetition(r) => self.collect(&r.sub),
            HirKind::Capture(c) => self.collect(&c.sub),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().all(|x| self.collect(x)),
        }
    }
}

/// The alphabet of a pattern, when searching only the runs of it that hold a
/// gate literal finds exactly the matches a search of the whole text finds:
/// the pattern cannot match the empty string and leaves some byte out.
/// Look-arounds see one character either side, and the matcher keeps one
/// character of context; the start and end of the text (`\A`, `\z`, `^` and
/// `$` without `(?m)`) are fine too, as that character of context lies
/// outside the run and no match can hold it, so that no match reaches the
/// ends of the part searched unless the run reaches the text's.
pub fn alphabet(pattern: &str) -> Option<Alphabet> {
    alphabet_of(&parse(pattern)?)
}

/// The alphabet of a parsed pattern ([`alphabet`]).
pub fn alphabet_of(hir: &Hir) -> Option<Alphabet> {
    if hir.properties().minimum_len().unwrap_or(0) == 0 {
        return None;
    }
    let mut a = Alphabet::default();
    let full = Alphabet {
        ascii: u128::MAX,
        non_ascii: true,
    };
    (a.collect(hir) && a != full).then_some(a)
}

/// An upper bound, in bytes, on the memory of the Thompson NFA the regex
/// engine builds from `hir` (forward or reverse), which its size limit is
/// checked against: every state counted at 48 bytes (the engine's take 32,
/// and a transition 8 or an alternate 4 more), a class at one state per byte
/// range of each of its UTF-8 sequences (an ASCII class: one state with a
/// transition per range, and its end), a repetition at as many copies as the
/// engine makes, each with its union state. Loading compiles at once every
/// pattern whose bound comes near the limit, so that compiling the others on
/// first use cannot fail.
pub fn nfa_bound(hir: &Hir) -> usize {
    const STATE: usize = 48;
    let ascii_class = |ranges: usize| 2 * STATE + 8 * ranges;
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => STATE,
        HirKind::Literal(l) => STATE.saturating_mul(l.0.len() + 1),
        HirKind::Class(Class::Bytes(c)) => ascii_class(c.ranges().len()),
        HirKind::Class(Class::Unicode(c)) if c.is_ascii() => ascii_class(c.ranges().len()),
        HirKind::Class(Class::Unicode(c)) => {
            let mut n = 2 * STATE;
            for r in c.ranges() {
                if r.start() == r.end() {
                    // One character: one sequence of its UTF-8 length.
                    n = n.saturating_add(STATE * r.end().len_utf8() + 8);
                    continue;
                }
                for seq in regex_syntax::utf8::Utf8Sequences::new(r.start(), r.end()) {
                    n = n.saturating_add(STATE * seq.as_slice().len() + 8);
                }
            }
            n
        }
        HirKind::Capture(c) => nfa_bound(&c.sub).saturating_add(3 * STATE),
        HirKind::Repetition(r) => {
            // `{n,m}` is compiled as m copies, `{n,}` as n + 1 (at least one),
            // each with a union state.
            let copies = match r.max {
                Some(m) => m.max(1),
                None => r.min.saturating_add(1),
            } as usize;
            (nfa_bound(&r.sub).saturating_add(STATE))
                .saturating_mul(copies)
                .saturating_add(2 * STATE)
        }
        HirKind::Concat(v) => v.iter().fold(STATE, |n, x| n.saturating_add(nfa_bound(x))),
        HirKind::Alternation(v) => v.iter().fold(2 * STATE, |n, x| {
            n.saturating_add(nfa_bound(x)).saturating_add(8)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::{alphabet, gate};

    #[test]
    fn alphabets_are_the_bytes_a_match_can_hold() {
        let a = alphabet(r"(?i)\brated\s+(?:good|poor)").expect("an alphabet");
        for b in "Rated Good\n".bytes() {
            assert!(a.holds(b), "{}", b as char);
        }
        for b in ".,\"0(".bytes() {
            assert!(!a.holds(b), "{}", b as char);
        }
        // `\s` is ASCII whitespace (normalisation leaves no other); a negated
        // class holds every byte outside ASCII.
        assert!(!a.holds(0xC2));
        assert!(alphabet(r"[^.]+rated").expect("an alphabet").holds(0xC2));
        assert!(!alphabet(r"[a-z]+").expect("an alphabet").holds(0xC2));
        // The start or end of the text is fine; an empty match, or every
        // byte: none.
        assert!(alphabet(r"^rated").is_some());
        assert!(alphabet(r"rated(?:\.|$)").is_some());
        assert!(alphabet(r"(?m)^rated$").is_some());
        assert!(alphabet(r"(?:rated)?").is_none());
        assert!(alphabet(r"rated(?s:.)").is_none());
    }

    #[test]
    fn nfa_bounds_grow_with_the_pattern() {
        let b = |p: &str| super::nfa_bound(&super::parse(p).expect("parses"));
        assert!(b(r"rated") < b(r"(?i)rated"));
        assert!(b(r"\w") < b(r"\w{1,6}"));
        // The pattern of tests/rule_mistakes.rs, over the limit once compiled.
        assert!(b(r"(?:\w{4000}){40}") > crate::rules::compile::REGEX_SIZE_LIMIT);
    }

    #[test]
    fn gates_are_required_literals() {
        assert_eq!(
            gate(r"(?i)\bfieldwork\b[^.]{0,60}in").unwrap(),
            vec!["fieldwork"]
        );
        let g = gate(r"(?i)\b(?:rated|judged)\s+as").unwrap();
        assert_eq!(g, vec!["judged", "rated"]);
        // A branch without a literal leaves the alternation ungated.
        assert!(gate(r"(?:rated|[a-z]+)\s").is_none());
        // Too short to be selective.
        assert!(gate(r"\bis\b").is_none());
        // A long word list, like the verbs of saying, still gates its rule.
        let verbs: Vec<String> = (0..300).map(|i| format!("verb{i:03}")).collect();
        let g = gate(&format!(r"(?i)\b(?:{})\b", verbs.join("|"))).expect("a gate");
        assert_eq!(g.len(), 300);
        // The most selective part of a concatenation wins.
        assert_eq!(
            gate(r"said\s+[A-Z]\w+\s+spokesperson").unwrap(),
            vec!["spokesperson"]
        );
    }
}
