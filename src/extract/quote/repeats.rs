//! Repeated quotations: a quotation written again word for word (a caption
//! or a standfirst repeating the body, a phrase of a report quoted twice) is
//! one quotation, kept at its first place. Runs after speakers are resolved,
//! so that the first place takes the most specific speaker any of its
//! places found. A headline's quotation cut from a longer one in the body
//! takes that one's speaker, a person by name.

use crate::record::Quote;
use std::collections::HashMap;

/// The words of `t`, lowercased and joined by single spaces: text compared
/// punctuation, quote marks and spacing aside.
pub(super) fn comparable_words(t: &str) -> String {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a quotation, all its parts, as [`comparable_words`].
fn key(text: &str, q: &Quote) -> String {
    std::iter::once(q.span)
        .chain(q.continued.iter().copied())
        .map(|sp| comparable_words(text.get(sp.start..sp.end).unwrap_or("")))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How specific a quotation's speaker is: a person by name over a body over
/// no one.
fn rank(q: &Quote) -> u8 {
    match &q.speaker {
        Some(s) if s.kind == "person" && s.name.is_some() => 2,
        Some(_) => 1,
        None => 0,
    }
}

/// Drops every quotation whose words repeat an earlier one's; the earlier
/// one takes the repeat's speaker when that is more specific (a person named
/// where the first place gave a body, a body where it gave no one). `text` is the article as
/// written (the quotations' spans point into it).
pub fn drop_repeats(text: &str, quotes: &mut Vec<Quote>) {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut keep = vec![true; quotes.len()];
    for i in 0..quotes.len() {
        let k = key(text, &quotes[i]);
        if k.is_empty() {
            continue;
        }
        match first.get(&k) {
            Some(&j) => {
                keep[i] = false;
                if rank(&quotes[i]) > rank(&quotes[j]) {
                    let later = quotes[i].clone();
                    let q = &mut quotes[j];
                    q.speaker = later.speaker;
                    q.cue = later.cue;
                    q.attribution = later.attribution;
                    q.rule = later.rule;
                }
            }
            None => {
                first.insert(k, i);
            }
        }
    }
    // A headline's quotation taken from a longer one in the body ('"Much to
    // commend" for ...' and, below, '"There is much to commend ...," the
    // chief inspector said') is that one's speaker's, when a person by name.
    let keys: Vec<String> = quotes.iter().map(|q| key(text, q)).collect();
    for i in 0..quotes.len() {
        if !keep[i] || quotes[i].rule != HEADLINE_RULE || keys[i].split(' ').count() < 2 {
            continue;
        }
        let within = |k: &str| format!(" {k} ").contains(&format!(" {} ", keys[i]));
        let source = (0..quotes.len()).find(|&j| {
            j != i
                && keep[j]
                && quotes[j].span.start > quotes[i].span.start
                && rank(&quotes[j]) == 2
                && within(&keys[j])
        });
        if let Some(j) = source {
            let later = quotes[j].clone();
            let q = &mut quotes[i];
            q.speaker = later.speaker;
            q.cue = later.cue;
            q.attribution = later.attribution;
            q.rule = format!("{HEADLINE_RULE}.from_body");
        }
    }
    let mut flags = keep.into_iter();
    quotes.retain(|_| flags.next().unwrap_or(true));
}

/// The rule of a quotation in the headline given to the inspectorate.
const HEADLINE_RULE: &str = "quote.headline";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Speaker;
    use crate::span::Span;

    fn quote(text: &str, at: &str, speaker: Option<(&str, &str)>) -> Quote {
        let start = text.find(at).expect("quotation in text");
        Quote {
            text: at.into(),
            span: Span {
                start,
                end: start + at.len(),
            },
            continued: Vec::new(),
            speaker: speaker.map(|(name, kind)| Speaker {
                name: Some(name.into()),
                role: None,
                org: None,
                kind: kind.into(),
            }),
            cue: None,
            attribution: "none".into(),
            rule: "test".into(),
        }
    }

    #[test]
    fn a_repeat_is_dropped_and_lends_its_named_speaker_to_the_first_place() {
        let text = "'Lost its grip' - prison report\n\nThe prison had 'lost its grip', \
                    Jo Hale said.\n\nIt was 'slow to act', she added.";
        let first = text.find("Lost").unwrap();
        let second = text.find("lost").unwrap();
        let mut qs = vec![
            quote(
                text,
                "Lost its grip",
                Some(("Fenwick Inspectorate", "organisation")),
            ),
            quote(text, "lost its grip", Some(("Jo Hale", "person"))),
            quote(text, "slow to act", Some(("Jo Hale", "person"))),
        ];
        drop_repeats(text, &mut qs);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].span.start, first);
        assert_ne!(qs[0].span.start, second);
        let sp = qs[0].speaker.as_ref().unwrap();
        assert_eq!(sp.name.as_deref(), Some("Jo Hale"));
        assert_eq!(qs[1].text, "slow to act");
    }

    /// A headline's quotation and the longer one in the body it was cut
    /// from, said by `body_speaker`, after [`drop_repeats`].
    fn headline_and_body(body_speaker: (&str, &str)) -> Vec<Quote> {
        let text = "'Much to be proud of' - youth service report\n\n\"There is much to be \
                    proud of in Fenwick,\" Jo Hale said.";
        let mut qs = vec![
            quote(
                text,
                "Much to be proud of",
                Some(("Fenwick Inspectorate", "organisation")),
            ),
            quote(
                text,
                "There is much to be proud of in Fenwick,",
                Some(body_speaker),
            ),
        ];
        qs[0].rule = HEADLINE_RULE.into();
        drop_repeats(text, &mut qs);
        qs
    }

    #[test]
    fn a_headline_quotation_cut_from_a_longer_one_takes_its_named_speaker() {
        let qs = headline_and_body(("Jo Hale", "person"));
        assert_eq!(qs.len(), 2);
        let sp = qs[0].speaker.as_ref().unwrap();
        assert_eq!(sp.name.as_deref(), Some("Jo Hale"));
        assert_eq!(qs[0].rule, "quote.headline.from_body");
        // Not from a quotation by a body.
        let qs = headline_and_body(("Fenwick Council", "organisation"));
        assert_eq!(qs[0].rule, HEADLINE_RULE);
    }

    #[test]
    fn a_first_place_keeps_its_person_over_a_body_and_different_words_stay() {
        let text = "\"We are proud,\" Jo Hale said. The council said: \"We are proud.\" \
                    It said it was \"proud of staff\".";
        let mut qs = vec![
            quote(text, "We are proud,", Some(("Jo Hale", "person"))),
            quote(
                text,
                "We are proud.",
                Some(("Fenwick Council", "organisation")),
            ),
            quote(
                text,
                "proud of staff",
                Some(("Fenwick Council", "organisation")),
            ),
        ];
        drop_repeats(text, &mut qs);
        assert_eq!(qs.len(), 2);
        assert_eq!(
            qs[0].speaker.as_ref().unwrap().name.as_deref(),
            Some("Jo Hale")
        );
        assert_eq!(qs[1].text, "proud of staff");
    }
}
