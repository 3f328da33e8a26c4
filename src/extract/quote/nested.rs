//! Quotations inside a quotation: the words of unnamed people that a report
//! or a speaker quotes in turn ("Relatives told inspectors: 'They are always
//! kind'", "one resident called the food 'as good as at home'"). Each is one
//! more quotation, spoken by an unnamed person, where the quoted sentence
//! names such people (`nested_speaker_words`) and introduces the words with
//! a verb of saying, a colon or a comma (`nested_lead_ends` and `cues`).
//! Names of things set in single marks inside a quotation (a motto, a
//! programme) are no quotation: no people speak them.

use super::marks::word_count;
use super::Ctx;
use crate::record::{Quote, Speaker};
use crate::span::Span;

/// The quotations nested in `quotes`, in the order of the quotations and
/// their parts (the caller sorts all quotations together).
pub(super) fn nested(ctx: &Ctx, quotes: &[Quote]) -> Vec<Quote> {
    let mut out = Vec::new();
    for q in quotes {
        for part in std::iter::once(q.span).chain(q.continued.iter().copied()) {
            let Some(t) = ctx.orig.get(part.start..part.end) else {
                continue;
            };
            for (open, close) in single_pairs(t) {
                let inner = &t[open..close];
                let before = t[..open].trim_end_matches(['\'', '\u{2018}']);
                // The whole quotation in single marks is no quotation inside one.
                let whole = before.trim().is_empty();
                if whole
                    || word_count(inner) < 3
                    || !introduced_by_people(ctx, sentence_lead(before))
                {
                    continue;
                }
                out.push(Quote {
                    text: inner.to_string(),
                    span: Span::new(part.start + open, part.start + close),
                    continued: Vec::new(),
                    speaker: Some(Speaker {
                        name: None,
                        role: None,
                        org: None,
                        kind: "person".into(),
                    }),
                    cue: None,
                    attribution: "none".into(),
                    rule: "quote.nested".into(),
                });
            }
        }
    }
    out
}

/// The (start, end) of the text of each passage in single quote marks in
/// `t`: an opening mark (a curly one, or a straight one after a space, a
/// colon, a comma or a bracket) before a word, and the next closing mark
/// not followed by a letter (an apostrophe, 'children's', closes nothing).
fn single_pairs(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let letter_after = next.is_some_and(char::is_alphanumeric);
        match (open, c) {
            (None, '\u{2018}') if letter_after => open = Some(i + c.len_utf8()),
            (None, '\'')
                if letter_after
                    && prev.is_none_or(|p| p.is_whitespace() || matches!(p, ':' | ',' | '(')) =>
            {
                open = Some(i + 1)
            }
            (Some(o), '\u{2019}' | '\'')
                if !letter_after && prev.is_some_and(|p| !p.is_whitespace()) =>
            {
                out.push((o, i));
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The text of `before` from the start of its last sentence.
fn sentence_lead(before: &str) -> &str {
    let cut = [". ", "! ", "? "]
        .iter()
        .filter_map(|e| before.rfind(e).map(|i| i + e.len()))
        .max()
        .unwrap_or(0);
    &before[cut..]
}

/// True when `lead`, the quoted sentence up to a passage's opening mark,
/// names people of `nested_speaker_words` (before any inspectorate or word
/// of `report_words`) and ends with a colon, a comma or a word of
/// `nested_lead_ends` or `cues` ('told inspectors:', 'described the team
/// as', 'and' between two passages).
fn introduced_by_people(ctx: &Ctx, lead: &str) -> bool {
    let words: Vec<&str> = lead
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let people = words
        .iter()
        .position(|w| ctx.rules.list_has("nested_speaker_words", w));
    // An inspectorate or its report named before the people ('The report's
    // summary singled out pupils:') speaks the words itself.
    let body = words.iter().position(|w| {
        ctx.rules.list_has("report_words", w)
            || ctx.rules.inspectorates.iter().any(|i| {
                i.acronym.as_deref() == Some(*w) || i.name == *w || i.aliases.iter().any(|a| a == w)
            })
    });
    let people = people.is_some_and(|p| body.is_none_or(|b| p < b));
    let trimmed = lead.trim_end();
    let introduced = trimmed.ends_with([':', ','])
        || words.last().is_some_and(|w| {
            ctx.rules.list_has("nested_lead_ends", w) || ctx.rules.list_has("cues", w)
        });
    people && introduced
}

#[cfg(test)]
mod tests {
    use super::{sentence_lead, single_pairs};

    #[test]
    fn single_pairs_skip_apostrophes_and_find_each_passage() {
        let t = "Staff said: \u{2018}the children\u{2019}s garden is lovely\u{2019} and 'we love it here'.";
        let got: Vec<&str> = single_pairs(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            got,
            ["the children\u{2019}s garden is lovely", "we love it here"]
        );
    }

    #[test]
    fn the_lead_is_the_last_sentence() {
        assert_eq!(
            sentence_lead("It was good. One parent said, "),
            "One parent said, "
        );
        assert_eq!(sentence_lead("Parents told us: "), "Parents told us: ");
    }
}
