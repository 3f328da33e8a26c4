//! One-to-one matching of gold items to record items (a maximum matching, so
//! the order of a list never changes a score).

/// Pairs gold items with record items one-to-one, maximising the number of pairs
/// (Kuhn's augmenting paths). `pref(g, r)` is `None` when the two cannot pair, else
/// a preference: each gold item tries its candidates best first, which decides
/// between equally large matchings. Returns, per gold item, its record item.
fn pair_up(
    n_gold: usize,
    n_rec: usize,
    pref: impl Fn(usize, usize) -> Option<u32>,
) -> Vec<Option<usize>> {
    let candidates: Vec<Vec<usize>> = (0..n_gold)
        .map(|g| {
            let mut c: Vec<(u32, usize)> = (0..n_rec)
                .filter_map(|r| pref(g, r).map(|p| (p, r)))
                .collect();
            c.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            c.into_iter().map(|(_, r)| r).collect()
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; n_rec];
    for g in 0..n_gold {
        let mut seen = vec![false; n_rec];
        augment(g, &candidates, &mut owner, &mut seen);
    }
    let mut paired = vec![None; n_gold];
    for (r, g) in owner.iter().enumerate() {
        if let Some(g) = g {
            paired[*g] = Some(r);
        }
    }
    paired
}

fn augment(
    g: usize,
    candidates: &[Vec<usize>],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for &r in &candidates[g] {
        if seen[r] {
            continue;
        }
        seen[r] = true;
        let free = match owner[r] {
            None => true,
            Some(other) => augment(other, candidates, owner, seen),
        };
        if free {
            owner[r] = Some(g);
            return true;
        }
    }
    false
}

/// The outcome of pairing one list: counts, and which items went unpaired.
pub(super) struct Pairing {
    pub(super) paired: Vec<Option<usize>>,
    pub(super) missing: Vec<usize>,
    pub(super) unexpected: Vec<usize>,
}

impl Pairing {
    pub(super) fn new(
        n_gold: usize,
        n_rec: usize,
        pref: impl Fn(usize, usize) -> Option<u32>,
    ) -> Self {
        let paired = pair_up(n_gold, n_rec, pref);
        let mut used = vec![false; n_rec];
        let mut missing = Vec::new();
        for (g, p) in paired.iter().enumerate() {
            match p {
                Some(r) => used[*r] = true,
                None => missing.push(g),
            }
        }
        let unexpected = (0..n_rec).filter(|r| !used[*r]).collect();
        Pairing {
            paired,
            missing,
            unexpected,
        }
    }

    pub(super) fn tp(&self) -> usize {
        self.paired.iter().filter(|p| p.is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::test_support::*;

    #[test]
    fn pairing_is_a_maximum_matching_not_first_come() {
        // Gold 1 could take record 1 (acronym) or record 2 (name); gold 2 only
        // record 1. Taking pairs first come would leave gold 2 unpaired.
        let mut g = gold("a.txt");
        let mut r = record("a.txt");
        g.services = vec![
            g_service("Alpha Service", Some("AS"), None),
            g_service("Beta Service", Some("AS"), None),
        ];
        r.services = vec![
            r_service("Other Service", Some("AS"), None),
            r_service("Alpha Service", None, None),
        ];
        assert_eq!(prf(&one(g, r), "services"), (2, 0, 0));
    }
}
