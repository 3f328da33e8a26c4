//! Person names in a speaker phrase and in the text before a quote: words,
//! runs of capitalised words, where a new name is, and a full name for a
//! surname or a pronoun.

use crate::extract::people::clean_person_name;
use crate::extract::Ctx;

/// True for a capitalised word that may be part of a person's name: not all
/// capitals, not a stopword, not an honorific, not a lone letter without a
/// full stop ('category B prison'; 'J. Bell' keeps its initial).
pub(super) fn is_name_word(ctx: &Ctx, t: &str) -> bool {
    let initial = t.ends_with('.');
    let t = t.trim_end_matches(['.', ':', ',', ';']);
    let bare = t.trim_end_matches("'s");
    (bare.chars().count() > 1 || initial)
        && bare.chars().next().is_some_and(char::is_uppercase)
        && bare
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !(bare.chars().all(char::is_uppercase) && bare.len() > 1)
        && !ctx
            .rules
            .list("name_stopwords")
            .iter()
            .any(|s| s.eq_ignore_ascii_case(bare))
        && !ctx
            .rules
            .list("honorifics")
            .iter()
            .any(|s| s.eq_ignore_ascii_case(bare))
}

/// A word of a phrase: its offset, its text, and whether a comma, semicolon,
/// bracket or quote mark comes right before it.
pub(super) type Tok<'a> = (usize, &'a str, bool);

/// The words of a phrase with their offsets, split at spaces, commas,
/// semicolons, brackets and quote marks (see [`Tok`]): [`cap_runs`] does not
/// run a name across a break ('Children, Young People').
pub(super) fn tokenize(w: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut brk = false;
    let mut start = None;
    for (i, c) in w.char_indices().chain(std::iter::once((w.len(), ' '))) {
        let sep = c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"');
        if sep {
            if let Some(s) = start.take() {
                out.push((s, &w[s..i], brk));
                brk = false;
            }
            if !c.is_whitespace() {
                brk = true;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// Runs of capitalised tokens, as `(start, end)` token indices. A name
/// particle (`name_particles`: 'de', 'van') between two capitalised tokens
/// stays in the run ('Rachel de Souza').
pub(super) fn cap_runs(ctx: &Ctx, tokens: &[Tok]) -> Vec<(usize, usize)> {
    let particles = ctx.rules.list("name_particles");
    let cap = |t: &Tok| t.1.starts_with(|c: char| c.is_uppercase());
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if cap(&tokens[i]) {
            let s = i;
            i += 1;
            loop {
                if i < tokens.len() && !tokens[i].2 && cap(&tokens[i]) {
                    i += 1;
                    continue;
                }
                // Up to two particles, then a capitalised token.
                let n = (i..tokens.len().min(i + 2))
                    .take_while(|&j| !tokens[j].2 && particles.iter().any(|p| p == tokens[j].1))
                    .count();
                if n > 0 && tokens.get(i + n).is_some_and(|t| !t.2 && cap(t)) {
                    i += n + 1;
                    continue;
                }
                break;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Every (start, length) of up to five tokens inside a run of capitalised
/// tokens, longest first within each run, runs in text order: the order in
/// which a phrase is searched for someone already found.
pub(super) fn candidate_order(ctx: &Ctx, tokens: &[Tok]) -> Vec<(usize, usize)> {
    let _ = ctx;
    let mut out = Vec::new();
    for (s, e) in cap_runs(ctx, tokens) {
        for len in (1..=(e - s).min(5)).rev() {
            for st in s..=e - len {
                out.push((st, len));
            }
        }
    }
    out
}

/// Where a phrase names a new person: in the run of capitalised words that
/// opens the phrase ('Jane Bell, head of X'), else in the last run that holds
/// a name ('... general secretary Jane Bell'). Within a run the name is its
/// longest valid ending ('Cleveland PCC Jane Bell'), two words rather than
/// three when the run follows 'of', 'for', 'at' or 'in' (a place first).
pub(super) fn new_name_at(ctx: &Ctx, tokens: &[Tok]) -> Option<(usize, usize)> {
    let valid = |st: usize, len: usize| {
        let raw: Vec<&str> = tokens[st..st + len].iter().map(|t| t.1).collect();
        clean_person_name(ctx, &raw.join(" ")).is_some_and(|(n, _)| n.contains(' '))
    };
    let in_run = |s: usize, e: usize| -> Option<(usize, usize)> {
        let after_prep =
            s > 0 && ["of", "for", "at", "in"].contains(&tokens[s - 1].1.to_lowercase().as_str());
        let max = (e - s).min(5);
        let mut found: Option<(usize, usize)> = None;
        for len in (2..=max).rev() {
            if valid(e - len, len) {
                found = Some((e - len, len));
                break;
            }
        }
        if let Some((st, len)) = found {
            if after_prep && len >= 3 && valid(st + 1, len - 1) {
                return Some((st + 1, len - 1));
            }
            return Some((st, len));
        }
        // A name followed by other capitalised words ('Jane Bell CBE Chief ...'),
        // but not by a word no name holds: then the run names a body or a
        // place ('Oxford Crown Court').
        let stop = ctx.rules.list("name_stopwords");
        for len in (2..=max).rev() {
            for st in s..=e - len {
                let body = tokens.get(st + len).is_some_and(|t| {
                    st + len < e && stop.iter().any(|w| w.eq_ignore_ascii_case(t.1))
                });
                if valid(st, len) && !body {
                    return Some((st, len));
                }
            }
        }
        None
    };
    let runs = cap_runs(ctx, tokens);
    // The opening run, unless a lower-case word follows it with no break and
    // the phrase ends with a name ('Cromarty Firth councillor Jane Bell').
    let last_at_end = runs
        .last()
        .filter(|r| r.1 == tokens.len() && r.0 > 0)
        .and_then(|&(s, e)| in_run(s, e));
    if let Some(&(s, e)) = runs.first().filter(|r| r.0 == 0) {
        let glued_to_lower = tokens
            .get(e)
            .is_some_and(|t| !t.2 && t.1.starts_with(|c: char| c.is_lowercase()));
        if !(glued_to_lower && last_at_end.is_some()) {
            if let Some(x) = in_run(s, e) {
                return Some(x);
            }
        }
    }
    runs.iter().rev().find_map(|&(s, e)| in_run(s, e))
}

/// A full name in the text before `at` that `bare` (a surname or a first name)
/// is part of: 'Justin Russell' for 'Russell'.
pub(in crate::extract) fn full_name_before(ctx: &Ctx, bare: &str, at: usize) -> Option<String> {
    let text = ctx.text();
    full_name_in(ctx, bare, &text[..at.min(text.len())], 0, true)
}

/// A full name the text gives only after `at` for a surname met first alone
/// (a caption or standfirst quoting 'Russell' above the paragraph that names
/// 'Justin Russell'): the first such name. First names are not looked up
/// ahead.
pub(in crate::extract) fn full_name_after(ctx: &Ctx, bare: &str, at: usize) -> Option<String> {
    let text = ctx.text();
    full_name_in(ctx, bare, text, at.min(text.len()), false)
}

/// The first full name `bare` is part of among its whole-word places in `hay`
/// at or after `from`; a first name is completed only `with_first` names.
fn full_name_in(ctx: &Ctx, bare: &str, hay: &str, from: usize, with_first: bool) -> Option<String> {
    let bytes = hay.as_bytes();
    let starts = hay.get(from..)?.match_indices(bare).map(|(i, _)| i + from);
    for i in starts {
        let end = i + bare.len();
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let after_ok = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if !before_ok || !after_ok {
            continue;
        }
        // The word before ('Justin Russell') or after ('Justin Russell' for 'Justin').
        let prev_word = hay[..i]
            .trim_end_matches(' ')
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .filter(|_| hay[..i].ends_with(' '));
        if let Some(pw) = prev_word.filter(|pw| is_name_word(ctx, pw)) {
            let cand = format!("{pw} {bare}");
            if let Some((n, None)) = clean_person_name(ctx, &cand) {
                return Some(n);
            }
        }
        if !with_first {
            continue;
        }
        let rest = &hay[end..];
        if let Some(nw) = rest
            .strip_prefix(' ')
            .and_then(|r| r.split(|c: char| c.is_whitespace()).next())
        {
            let nw = nw.trim_end_matches(|c: char| !c.is_alphanumeric());
            let nw = nw.strip_suffix("'s").unwrap_or(nw);
            if is_name_word(ctx, nw) {
                let cand = format!("{bare} {nw}");
                if let Some((n, None)) = clean_person_name(ctx, &cand) {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// For a pronoun at `at`: the first name in the last sentence before it
/// (within its paragraph and the one before) that names someone, as the
/// subject of a sentence usually comes first ('Parent Ann Bell has two
/// children, Tom and Amy.'): (name, honorific, position, length).
pub(super) fn last_name_before(
    ctx: &Ctx,
    at: usize,
    keep: impl Fn(&str, Option<&str>) -> bool,
) -> Option<(String, Option<String>, usize, usize)> {
    let pi = ctx.doc.paragraph_at(at)?;
    let from = ctx.doc.paragraphs[pi.saturating_sub(1)].span.start;
    let text = ctx.text();
    let lo = ctx.doc.sentences.partition_point(|s| s.span.end <= from);
    let hi = ctx.doc.sentences.partition_point(|s| s.span.start < at);
    for si in (lo..hi).rev() {
        let span = ctx.doc.sentences[si].span;
        let (s0, s1) = (span.start.max(from), span.end.min(at));
        if s0 >= s1 {
            continue;
        }
        let hay = &text[s0..s1];
        let tokens = tokenize(hay);
        // A sentence whose subject is a pronoun itself ('He has worked on
        // Star Films.') speaks of the same person: look further back.
        if tokens.first().is_some_and(|t| {
            ctx.rules
                .list("person_pronouns")
                .iter()
                .any(|p| p.eq_ignore_ascii_case(t.1))
        }) {
            continue;
        }
        let para_start = ctx
            .doc
            .paragraph_at(s0)
            .map_or(s0, |p| ctx.doc.paragraphs[p].span.start);
        // A run right after an opening quote mark ('"Jo Hale is our best
        // player," he said') is the speaker's words, not the speaker.
        let quoted = |off: usize| {
            let before = text[para_start.min(s0 + off)..s0 + off].trim_end();
            before.strip_suffix('"').is_some_and(|b| {
                b.is_empty() || b.ends_with(|c: char| c.is_whitespace() || c == '(')
            })
        };
        let heads = ctx.rules.list("org_heads");
        let runs = cap_runs(ctx, &tokens);
        // A possessor ('Ms Bell's deputy, Jo Hale, said') only when the
        // sentence names no one else ('Jo Hale's son attends the school.').
        for (s, e, second_pass) in runs
            .iter()
            .map(|&(s, e)| (s, e, false))
            .chain(runs.iter().map(|&(s, e)| (s, e, true)))
        {
            let second = second_pass;
            // Not a name: a run after 'the', 'of', 'a' or a possessive ('the
            // Heineken Cup', 'Director of Public Prosecutions', 'Jo Bell's
            // New Show'); a run stops after a possessive ('Jo Bell's').
            if s > 0 && !tokens[s].2 {
                let p = tokens[s - 1].1;
                if ["the", "of", "a", "an"].contains(&p) || p.ends_with("'s") {
                    continue;
                }
            }
            let e = (s..e)
                .find(|&i| tokens[i].1.ends_with("'s"))
                .map_or(e, |i| i + 1);
            // Nor a name inside quote marks.
            if tokens[e - 1].1.ends_with("'s") != second || quoted(tokens[s].0) {
                continue;
            }
            let max = (e - s).min(4);
            for len in (2..=max).rev() {
                let st = e - len;
                let raw: Vec<&str> = tokens[st..e]
                    .iter()
                    .map(|t| {
                        let w = t.1.trim_end_matches(['.', ':', '!', '?']);
                        w.strip_suffix("'s").unwrap_or(w)
                    })
                    .collect();
                let raw = raw.join(" ");
                // A lone letter without a full stop opens no name in running
                // text ('category B Victorian prison', 'A Forest councillor').
                if tokens[st].1.chars().count() == 1 {
                    continue;
                }
                if let Some((n, h)) = clean_person_name(ctx, &raw) {
                    // A body's name is no one's ('Westbury Sports College').
                    let body = n
                        .rsplit(' ')
                        .next()
                        .is_some_and(|l| heads.iter().any(|h| h.eq_ignore_ascii_case(l)));
                    if n.contains(' ') && !body && keep(&n, h.as_deref()) {
                        return Some((n, h, s0 + tokens[st].0, raw.len()));
                    }
                    // 'Mr Blair' for the Tony Blair named before.
                    if h.is_some() && !n.contains(' ') {
                        // Else the surname as written, when the text gives no more.
                        let full = full_name_before(ctx, &n, s0 + tokens[st].0);
                        if let Some(full) = full.or(Some(n)).filter(|f| keep(f, h.as_deref())) {
                            return Some((full, h, s0 + tokens[st].0, raw.len()));
                        }
                    }
                }
            }
        }
    }
    None
}
