//! Bodies in a speaker phrase: named ('Anglesey council'), referred to ('the
//! force') and resolved to the name the text gave earlier, or around a
//! spokesperson word.

use crate::extract::Ctx;

/// Tokens of a phrase with surrounding punctuation trimmed.
pub(super) fn words_of(w: &str) -> Vec<&str> {
    w.split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '\''))
        .filter(|t| !t.is_empty())
        .collect()
}

/// A body named in a speaker phrase: an entry of `org_names`, or capitalised
/// words ending with a word of `org_heads` ('Anglesey council', 'Kent Police').
pub(super) fn org_named(ctx: &Ctx, w: &str) -> Option<String> {
    let lower = w.to_lowercase();
    for n in ctx.rules.list("org_names") {
        if let Some(i) = lower.find(&n.to_lowercase()) {
            return Some(w[i..i + n.len()].to_string());
        }
    }
    let heads = ctx.rules.list("org_heads");
    let raw: Vec<&str> = w.split_whitespace().collect();
    for (i, t) in raw.iter().enumerate() {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let bare = t.strip_suffix("'s").unwrap_or(t);
        if i == 0 || !heads.iter().any(|h| h.eq_ignore_ascii_case(bare)) {
            continue;
        }
        // A head followed by another ('Heatherlea Care Group'): the name
        // runs on to the last of them.
        let next_is_head = raw.get(i + 1).is_some_and(|n| {
            let n = n.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            let n = n.strip_suffix("'s").unwrap_or(n);
            heads.iter().any(|h| h == n)
        });
        if t == bare && !raw[i].ends_with(|c: char| !c.is_alphanumeric()) && next_is_head {
            continue;
        }
        let name = name_before_head(ctx, &raw[..i], bare);
        if name.is_some() {
            return name;
        }
    }
    None
}

/// Capitalised words (with 'of', 'and', '&' inside) ending right before a head
/// word, joined with it: 'Humberside' + 'Police'. `before` are whitespace
/// tokens; the name stops at punctuation ending a token and at another head
/// word. None without one.
pub(super) fn name_before_head(ctx: &Ctx, before: &[&str], head: &str) -> Option<String> {
    let heads = ctx.rules.list("org_heads");
    let mut k = before.len();
    while k > 0 {
        let raw = before[k - 1];
        if k < before.len() && raw.ends_with(|c: char| ",.;:!?()\"".contains(c)) {
            break;
        }
        let t = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '\'');
        let t = if k == before.len() {
            t.strip_suffix("'s").unwrap_or(t)
        } else {
            t
        };
        let cap = t.starts_with(|c: char| c.is_uppercase());
        // Another head ends the name, unless heads run together ('Heatherlea
        // Healthcare Group' before 'Limited').
        let is_head = |w: &str| heads.iter().any(|h| h == w);
        if k < before.len() && is_head(t) {
            let after = before[k].trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            if !is_head(after) {
                break;
            }
        }
        if cap || ["of", "and", "&"].contains(&t) {
            k -= 1;
        } else {
            break;
        }
        if before.len() - k >= 6 {
            break;
        }
    }
    let words: Vec<&str> = before[k..]
        .iter()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '\''))
        .collect();
    let mut k = 0;
    while k < words.len() && !words[k].starts_with(|c: char| c.is_uppercase()) {
        k += 1;
    }
    if k == words.len() {
        return None;
    }
    // 'A', 'An' or a quantifier opens no body's name ('Both Fenwick
    // Council and ...'): `org_leading_stopwords`.
    let leading = ctx.rules.list("org_leading_stopwords");
    while k < words.len() && leading.iter().any(|w| w == words[k]) {
        k += 1;
    }
    let mut parts: Vec<&str> = words[k..].to_vec();
    if parts.is_empty() || parts.len() == 1 && parts[0] == "The" {
        return None;
    }
    let not_words = ctx.rules.list("org_not_words");
    if parts.iter().any(|p| not_words.iter().any(|n| n == p)) {
        return None;
    }
    parts.push(head);
    Some(parts.join(" "))
}

/// The names ending in `head` in `hay`, with where the head stands, in text
/// order: each word-bounded occurrence, unless `skip` (given where the head
/// ends) passes over it, read back along its line by [`name_before_head`];
/// the walk ends at the first occurrence for which `stop` (given where it
/// starts) holds.
fn names_ending_in<'h>(
    ctx: &'h Ctx,
    hay: &'h str,
    head: &'h str,
    stop: impl Fn(usize) -> bool + 'h,
    skip: impl Fn(usize) -> bool + 'h,
) -> impl Iterator<Item = (usize, String)> + 'h {
    let b = hay.as_bytes();
    let counts = ctx.rules.list("org_count_words");
    hay.match_indices(head)
        .map(|(i, _)| i)
        .filter(move |&i| {
            let e = i + head.len();
            let glued_before = i > 0 && b[i - 1].is_ascii_alphanumeric();
            let glued_after = e < b.len() && b[e].is_ascii_alphanumeric();
            !glued_before && !glued_after
        })
        .take_while(move |&i| !stop(i))
        .filter(move |&i| !skip(i + head.len()))
        .filter_map(move |i| {
            let line_start = hay[..i].rfind('\n').map_or(0, |x| x + 1);
            let before: Vec<&str> = hay[line_start..i].split_whitespace().collect();
            let name = name_before_head(ctx, &before, head)?;
            // A count before a body named as a modifier ('Three Fenwick
            // Council-run homes') counts the homes: `org_count_words`.
            let modifier = hay[i + head.len()..].starts_with('-');
            let name = match name.split_once(' ') {
                Some((first, rest)) if modifier && counts.iter().any(|c| c == first) => {
                    rest.to_string()
                }
                _ => name,
            };
            Some((i, name))
        })
}

/// A body a speaker phrase refers to ('the force', 'the school's governors',
/// 'the health board'): per `org_references` ('force: Police Constabulary'),
/// the first name in the text before `at` that ends with one of the listed
/// heads (the body an article is about is usually named first).
///
/// The phrases of `org_subject_references` ('service: Service') refer to a
/// body only as the whole subject ('The service said it had ...'): elsewhere
/// in a speaker phrase ('Inspectors said the service ...') they are what was
/// inspected, not who speaks.
pub(super) fn org_referred(ctx: &Ctx, w: &str, at: usize) -> Option<String> {
    let words = words_of(w).join(" ").to_lowercase();
    let lower = format!(" {words} ");
    let text = ctx.text();
    let hay = &text[..at.min(text.len())];
    let anywhere = ctx.rules.list("org_references").iter().map(|e| (e, false));
    let subject = ctx
        .rules
        .list("org_subject_references")
        .iter()
        .map(|e| (e, true));
    for (entry, whole) in anywhere.chain(subject) {
        let Some((key, heads)) = entry.split_once(':') else {
            continue;
        };
        let key = key.trim().to_lowercase();
        let refers = if whole {
            words == format!("the {key}")
        } else {
            lower.contains(&format!(" {key} ")) || lower.contains(&format!(" {key}'s "))
        };
        if !refers {
            continue;
        }
        let mut best: Option<(usize, String)> = None;
        for head in heads.split_whitespace() {
            // A head written with a closing '+' opens the name ('HMP+':
            // 'HMP Fenmoor').
            if let Some(head) = head.strip_suffix('+') {
                if let Some(first) = name_opening_with(hay, head) {
                    if best.as_ref().is_none_or(|(p, _)| first.0 < *p) {
                        best = Some(first);
                    }
                }
                continue;
            }
            // The head's first name in the text, if it comes before the best
            // so far.
            let first = names_ending_in(
                ctx,
                hay,
                head,
                |i| best.as_ref().is_some_and(|(p, _)| *p < i),
                |_| false,
            )
            .next();
            if first.is_some() {
                best = first;
            }
        }
        if let Some((_, name)) = best {
            return Some(name);
        }
    }
    None
}

/// The first name in `hay` that opens with the word `head` ('HMP Fenmoor'
/// for 'HMP'): the head and the capitalised words after it (at most four,
/// joined by '&' or 'and'), with its place in `hay`.
fn name_opening_with(hay: &str, head: &str) -> Option<(usize, String)> {
    let b = hay.as_bytes();
    hay.match_indices(head).find_map(|(i, _)| {
        if i > 0 && b[i - 1].is_ascii_alphanumeric() {
            return None;
        }
        let rest = hay[i + head.len()..].strip_prefix(' ')?;
        let mut words: Vec<&str> = Vec::new();
        for raw in rest.split(' ').take(4) {
            let w = raw.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '&');
            let joined = matches!(w, "&" | "and") && !words.is_empty();
            if !(joined || w.starts_with(|c: char| c.is_uppercase())) {
                break;
            }
            words.push(w);
            // Punctuation after a word ends the name ('HMP Fenmoor, which').
            if w.len() != raw.len() {
                break;
            }
        }
        while words.last().is_some_and(|w| matches!(*w, "&" | "and")) {
            words.pop();
        }
        (!words.is_empty()).then(|| (i, format!("{head} {}", words.join(" "))))
    })
}

/// How far back (bytes) [`org_before`] reads.
const ORG_BEFORE_BYTES: usize = 1500;

/// The body named last before `at`, in its paragraph or the one before it:
/// whom a spokesperson speaks for when the phrase names no body ('Oldacre
/// Council said ... / "...," a spokesman said.'). Names end in a head of
/// `org_references` ('Oldacre Council', 'Larch Surgery'), or an
/// inspectorate's name (its canonical name).
pub(super) fn org_before(ctx: &Ctx, at: usize) -> Option<String> {
    let text = ctx.text();
    let at = at.min(text.len());
    let p = ctx.doc.paragraph_at(at)?;
    let from = ctx.doc.paragraphs[p.saturating_sub(1)].span.start.min(at);
    // At most `ORG_BEFORE_BYTES` back: long paragraphs stay cheap.
    let from =
        crate::extract::ceil_char_boundary(text, from.max(at.saturating_sub(ORG_BEFORE_BYTES)));
    let hay = &text[from..at];
    let mut heads: Vec<&str> = ctx
        .rules
        .list("org_references")
        .iter()
        .filter_map(|e| e.split_once(':'))
        .flat_map(|(_, h)| h.split_whitespace())
        .collect();
    heads.sort_unstable();
    heads.dedup();
    let mut best: Option<(usize, String)> = None;
    for head in heads {
        let floor = best.as_ref().map_or(0, |(q, _)| *q);
        // A head inside a longer name ('Council of Britain', 'Chief Police
        // Officers', 'Research Council Professor Ann Bell') ends none.
        let inside_longer = |e: usize| {
            let rest = &hay[e..];
            rest.starts_with(" of ")
                || rest
                    .strip_prefix(' ')
                    .is_some_and(|r| r.starts_with(char::is_uppercase))
        };
        let last = names_ending_in(
            ctx,
            hay,
            head,
            |_| false,
            |e| e - head.len() < floor || inside_longer(e),
        )
        .last();
        if last.is_some() {
            best = last;
        }
    }
    // An inspectorate named after that body, outside quotation marks ('...
    // the Care Inspectorate has moved quickly ... A spokesman added'): the
    // inspectorate.
    let floor = best.as_ref().map_or(0, |(q, _)| from + *q);
    let quoted = |i: usize| {
        let line = text[..i].rfind('\n').map_or(0, |x| x + 1);
        text[line..i].matches('"').count() % 2 == 1
    };
    let inspectorate = super::resolve::phrases_in(ctx, crate::span::NormSpan::new(from, at))
        .iter()
        .filter(|h| h.span.start >= floor && h.span.end <= at && !quoted(h.span.start))
        .filter_map(|h| match h.tag.kind {
            crate::rules::PhraseKind::InspectorateAlias {
                insp,
                ambiguous: false,
            } => Some(ctx.rules.inspectorates[insp].name.clone()),
            _ => None,
        })
        .next_back();
    inspectorate.or(best.map(|(_, n)| n))
}

/// The organisation around a spokesperson word: 'a Redbridge Council spokesperson'.
pub(super) fn org_in(w: &str, word: &str) -> Option<String> {
    let lower = w.to_lowercase();
    let at = lower.find(word)?;
    let after = &w[at + word.len()..];
    let after = after
        .trim_start()
        .strip_prefix("for ")
        .map(|a| a.trim_start_matches("the ").to_string());
    let cand = match after {
        Some(a) => a,
        None => {
            let before = w[..at].trim_end();
            let caps: Vec<&str> = before
                .split_whitespace()
                .rev()
                .take_while(|t| {
                    t.starts_with(|c: char| c.is_uppercase())
                        && ![
                            "A", "An", "The", "One", "Another", "This", "That", "Our", "Its",
                            "Their",
                        ]
                        .contains(t)
                        || ["of", "and", "for", "&"].contains(t)
                })
                .collect();
            let mut caps: Vec<&str> = caps.into_iter().rev().collect();
            while caps
                .first()
                .is_some_and(|t| !t.starts_with(|c: char| c.is_uppercase()))
            {
                caps.remove(0);
            }
            caps.join(" ")
        }
    };
    // Words before the name ('for the local authority body Cosla').
    let cand: String = cand
        .split_whitespace()
        .skip_while(|t| !t.starts_with(|c: char| c.is_uppercase()))
        .take_while(|t| {
            t.starts_with(|c: char| c.is_uppercase()) || ["of", "and", "for", "&"].contains(t)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let cand = cand
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!cand.is_empty()).then_some(cand)
}

/// The name a text spells out for `acronym` ('Care Inspectorate' for 'CI'
/// from 'The Care Inspectorate (CI) said'): the capitalised words right
/// before '(ACRONYM)' whose initials, joining words ('and', 'of', 'for',
/// 'the', '&') aside, are the acronym's letters. `None` for anything that is
/// not two to eight capitals, or that the text does not spell out.
pub(super) fn acronym_defined(text: &str, acronym: &str) -> Option<String> {
    if !(2..=8).contains(&acronym.len()) || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let joiners = ["and", "of", "for", "the", "&"];
    let needle = format!("({acronym})");
    for (i, _) in text.match_indices(&needle) {
        let before: Vec<&str> = text[..i].split_whitespace().rev().take(16).collect();
        let mut initials = String::new();
        let mut words = 0;
        for (k, w) in before.iter().enumerate() {
            if joiners.contains(w) {
                continue;
            }
            let Some(c) = w.chars().next().filter(|c| c.is_uppercase()) else {
                break;
            };
            initials.insert(0, c);
            if initials == acronym {
                words = k + 1;
                break;
            }
            if !acronym.ends_with(initials.as_str()) {
                break;
            }
        }
        if words > 0 {
            let name: Vec<&str> = before[..words].iter().rev().copied().collect();
            return Some(name.join(" "));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{acronym_defined, org_in};

    #[test]
    fn a_determiner_before_a_spokesperson_word_is_no_body() {
        assert_eq!(org_in("One source", "source"), None);
        assert_eq!(org_in("Another spokesperson", "spokesperson"), None);
        assert_eq!(
            org_in("a Redbridge Council spokesperson", "spokesperson").as_deref(),
            Some("Redbridge Council")
        );
    }

    #[test]
    fn an_acronym_is_named_as_the_text_spells_it_out() {
        let t =
            "work with Fenshire and Oldacre Health and Social Care Partnership (FOHSCP) to help";
        assert_eq!(
            acronym_defined(t, "FOHSCP").as_deref(),
            Some("Fenshire and Oldacre Health and Social Care Partnership")
        );
        assert_eq!(
            acronym_defined("The Care Inspectorate (CI) visited.", "CI").as_deref(),
            Some("Care Inspectorate")
        );
        assert_eq!(acronym_defined("a report (CI) on care", "CI"), None);
        assert_eq!(acronym_defined("Oldacre Council", "OC"), None);
    }
}
