//! Quotations spoken by the article's inspected services: a speaker named as
//! part of a service's name, and an unattributed quotation whose sentence names
//! a service right before a verb of saying. Runs after the services and the
//! quotes are both known.

use crate::record::{Quote, Service, Speaker};
use crate::rules::RuleSet;

/// Give the article's quotations to its services where the text says they
/// spoke them (see the module comment). `text` is the article as written.
pub fn spoken_by_services(text: &str, rules: &RuleSet, quotes: &mut [Quote], services: &[Service]) {
    speakers_as_services(rules, quotes, services);
    services_speaking(text, rules, quotes, services);
}

/// A speaker named as part of an inspected service's name ('Falcon House
/// said' of Falcon House Care Home, 'Cookham Wood said' of HMYOI Cookham
/// Wood, 'a spokesperson for Falcon House said'), or as the whole of it with
/// 'The' before, is that service speaking: the body's full name, kind
/// `organisation`.
/// A speaker named as a body of its own (`speaker_body_words`: 'Oldacre
/// Council' of Oldacre Council children's services) stays that body.
fn speakers_as_services(rules: &RuleSet, quotes: &mut [Quote], services: &[Service]) {
    let bodies = rules.list("speaker_body_words");
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    for q in quotes.iter_mut() {
        let Some(sp) = q.speaker.as_mut() else {
            continue;
        };
        // Someone with a post speaks as themselves; a body's spokesperson
        // speaks for the body, whose name is looked up all the same.
        if sp.role.is_some() && sp.kind != "organisation" {
            continue;
        }
        let Some(name) = sp.name.as_deref() else {
            continue;
        };
        let mut n = words(name);
        // 'The Fenwick Medical Centre said' of Fenwick Medical Centre.
        if n.len() > 1 && n[0] == "the" {
            n.remove(0);
        }
        if n.is_empty()
            || n.last()
                .is_some_and(|w| bodies.iter().any(|b| b.eq_ignore_ascii_case(w)))
        {
            continue;
        }
        // The longest such name: 'Fenwick Lodge' said of both Fenwick Lodge
        // and Fenwick Lodge Care Home is the care home's full name.
        let of = services
            .iter()
            .map(|s| (s, words(&s.name)))
            .filter(|(_, w)| {
                *w == n || w.len() > n.len() && w.windows(n.len()).any(|win| win == n.as_slice())
            })
            .max_by_key(|(_, w)| w.len())
            .map(|(s, _)| s);
        if let Some(s) = of {
            sp.name = Some(s.name.clone());
            sp.org = Some(s.name.clone());
            sp.kind = "organisation".into();
        }
    }
}

/// How far before an unattributed quotation (bytes) a service speaking it is
/// looked for.
const SERVICE_SPEAKER_REACH: usize = 400;

/// An unattributed quotation whose sentence names one of the article's
/// services right before a verb of saying (`cues`; 'Oxfordshire's local
/// area partnership (LAP) said it has "..."'): the service's words. `text` is
/// the article as written.
fn services_speaking(text: &str, rules: &RuleSet, quotes: &mut [Quote], services: &[Service]) {
    if services.is_empty() {
        return;
    }
    let cues = rules.list("cues");
    let between = rules.list("speaker_trailing_words");
    for q in quotes.iter_mut().filter(|q| q.speaker.is_none()) {
        // The sentence before the quotation, on its line, within
        // `SERVICE_SPEAKER_REACH` bytes (so that the work per quotation is
        // bounded in a text with no sentence ends).
        let open = q.span.start.min(text.len());
        let reach =
            crate::extract::ceil_char_boundary(text, open.saturating_sub(SERVICE_SPEAKER_REACH));
        let Some(before) = text.get(reach..open) else {
            continue;
        };
        let from = reach + before.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
        let by = services.iter().find(|s| {
            s.spans.iter().any(|m| {
                m.start >= from
                    && m.end <= open
                    && text
                        .get(m.end..open)
                        .is_some_and(|after| said_right_after(after, cues, between))
            })
        });
        if let Some(s) = by {
            q.speaker = Some(Speaker {
                name: Some(s.name.clone()),
                role: None,
                org: Some(s.name.clone()),
                kind: "organisation".into(),
            });
            q.attribution = "explicit".into();
            q.rule = "quote.service_said".into();
        }
    }
}

/// True when `after` (the text after a name) opens with a verb of saying,
/// past an acronym in brackets and up to two of `between` ('(LAP) has also
/// said').
fn said_right_after(after: &str, cues: &[String], between: &[String]) -> bool {
    let mut rest = after.trim_start();
    if rest.starts_with('(') {
        match rest.find(')') {
            Some(i) if i <= 12 => rest = rest[i + 1..].trim_start(),
            _ => return false,
        }
    }
    let mut words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    for _ in 0..3 {
        match words.next() {
            Some(w) if cues.iter().any(|c| c == w) => return true,
            Some(w) if between.iter().any(|b| b == w) => {}
            _ => return false,
        }
    }
    false
}
