//! Inspected services: `[[service]]` rules find names ('Redbridge Youth Justice
//! and Targeted Prevention Service (YJTPS)'); mentions of one service are merged,
//! its acronym read from the text, and later references ('the YJS', 'the
//! Service', a one-letter typo of the acronym) added to its spans.
//!
//! Names of the fixed, enumerable bodies (police forces, fire and rescue
//! services, prisons, ...) come from the gazetteers in `rules/gazetteers/`,
//! found by the matcher's phrase pass: such a mention takes its kind and
//! locality from the gazetteer and its name as the text writes it, and wins
//! over a regex mention of the same span, and over a longer regex mention of
//! the same kind that contains it with a prefix or a second name ('Scandal-hit
//! Cleveland Police', 'Cleveland Police and Staffordshire Police' read by one
//! greedy pattern); a longer match that only adds a descriptor after the name
//! ('Cleveland Police custody suites') keeps it.
//!
//! A locality whose last word is one of `locality_street_words` ('Church
//! Street') is a street, not a place: the mention keeps no locality from it.
//!
//! [`reports_inspection`] decides whether an article reports an inspection at
//! all; an article that does not has no services and no ratings.

use super::Ctx;
use crate::record::Service;
use crate::rules::{Family, PhraseKind};
use crate::span::NormSpan;

struct Mention {
    name: String,
    locality: Option<String>,
    kind: Option<String>,
    acronym: Option<String>,
    /// The acronym the rule gives its kind of service (`acronym` in
    /// `services.toml`), used when the text gives none.
    kind_acronym: Option<String>,
    kind_text: String,
    span: NormSpan,
    rule: String,
    para: usize,
    /// Found by a gazetteer, not a regex rule.
    gazetteer: bool,
    /// The gazetteer entry's own locality (its site or area), whatever place
    /// the text gives it: two names of one entry are one service.
    site: Option<String>,
    /// Named by its area alone in a round-up sentence's subject ([`area_roundup`]).
    roundup: bool,
    /// The locality is a place the text gives it (after the name, in its
    /// sentence, 'the Oldacre prison'), not only the site its name holds.
    placed: bool,
    /// Named after the council the article names ([`compose_with_council`]),
    /// not as the text writes it: any name the text writes wins over it.
    composed: bool,
}

/// Strip stop words ('The', 'In') from both ends of a locality, and
/// `locality_trailing_stopwords` ('City', 'County') from its end only.
fn clean_locality(ctx: &Ctx, s: &str) -> Option<String> {
    let stop = ctx.rules.list("locality_stopwords");
    let trailing = ctx.rules.list("locality_trailing_stopwords");
    let mut words: Vec<&str> = s.split_whitespace().collect();
    // A caption's first word glued on by a scraper ('DartfordImage').
    if let Some(last) = words.last_mut() {
        if let Some(cut) = stop.iter().find_map(|x| {
            let head = last.strip_suffix(x.as_str())?;
            (x.len() >= 4 && head.ends_with(|c: char| c.is_lowercase())).then_some(head)
        }) {
            *last = cut;
        }
    }
    // An adjective made of a place ('London-based', 'UK-wide') describes the
    // provider's reach, not where it is.
    let adjectives = ctx.rules.list("locality_adjective_suffixes");
    if words.iter().any(|w| {
        adjectives
            .iter()
            .any(|x| w.len() > x.len() && w.to_lowercase().ends_with(x.as_str()))
    }) {
        return None;
    }
    let streets = ctx.rules.list("locality_street_words");
    if words
        .last()
        .is_some_and(|w| streets.iter().any(|x| x.eq_ignore_ascii_case(w)))
    {
        return None;
    }
    while let Some(w) = words.first() {
        if stop.iter().any(|x| x.eq_ignore_ascii_case(w)) {
            words.remove(0);
        } else {
            break;
        }
    }
    let before_trailing = words.clone();
    while let Some(w) = words.last() {
        if stop
            .iter()
            .chain(trailing)
            .any(|x| x.eq_ignore_ascii_case(w))
        {
            words.pop();
        } else {
            break;
        }
    }
    // A compass word left alone ('South' of 'South Wales') is no place: the
    // region stays whole.
    let compass = ctx.rules.list("locality_compass_words");
    if !words.is_empty()
        && words.len() < before_trailing.len()
        && words
            .iter()
            .all(|w| compass.iter().any(|c| c.eq_ignore_ascii_case(w)))
    {
        words = before_trailing;
    }
    // A place joined to the next service's name ('in Westshire and Larch
    // House Hospital'): the place ends before the 'and' when a word after it,
    // stopwords dropped, is the head of a name (`joined_name_heads`).
    let heads = ctx.rules.list("joined_name_heads");
    if let Some(j) = words.iter().position(|w| *w == "and" || *w == "&") {
        if words[j + 1..].iter().any(|w| heads.iter().any(|h| h == w)) {
            words.truncate(j);
        }
    }
    let out = words.join(" ");
    let out = out
        .trim_end_matches("'s")
        .trim_end_matches("\u{2019}s")
        .trim_end_matches('\'')
        .trim_end_matches('\u{2019}');
    (!out.is_empty()).then(|| out.to_string())
}

/// The service of an article that rates one but never names it: the first
/// entry of `unnamed_service_names` ('our Trust', 'the school') the text
/// uses (case-insensitive, outside boilerplate), named as written.
pub fn unnamed(ctx: &Ctx) -> Option<Service> {
    let text = ctx.text();
    let lower = text.to_lowercase();
    for cand in ctx.rules.list("unnamed_service_names") {
        let c = cand.to_lowercase();
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|l| l.find(&c)).map(|i| i + from) {
            from = i + c.len();
            let end = i + c.len();
            let bounded = !text[..i].ends_with(|ch: char| ch.is_alphanumeric())
                && !text[end..].starts_with(|ch: char| ch.is_alphanumeric());
            // Byte offsets agree only when lowercasing kept the lengths.
            if lower.len() != text.len() || !bounded || ctx.doc.is_boilerplate(i) {
                continue;
            }
            let span = NormSpan::new(i, end);
            return Some(Service {
                name: ctx.orig_str(span),
                acronym: None,
                locality: None,
                kind: None,
                spans: vec![ctx.span(span)],
                rule: "service.unnamed".to_string(),
            });
        }
    }
    None
}

/// The place in ', in Oldacre' or ' near East Fenshire' right after `end`:
/// one or two capitalised words (a town, or the county when the text gives
/// only that), not three ('in West Fen Valley Park' is no place of ours).
/// An island is a place of its own: ' on the Isle of Fenn' gives 'Isle of Fenn'.
/// A compass word in lower case before the place is part of it (' in west
/// Oldacre'): `compass` is the `locality_compass_words` list.
fn place_after(text: &str, end: usize, compass: &[String]) -> Option<String> {
    let rest = text.get(end..)?;
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    for lead in [
        " on the ",
        " on ",
        " in the ",
        " in ",
        " near the ",
        " near ",
    ] {
        if let Some(isle) = rest
            .strip_prefix(lead)
            .and_then(|r| r.strip_prefix("Isle of "))
        {
            let e = isle
                .find(|c: char| !c.is_alphanumeric() && c != '-')
                .unwrap_or(isle.len());
            if isle[..e].starts_with(|c: char| c.is_ascii_uppercase()) {
                return Some(format!("Isle of {}", &isle[..e]));
            }
        }
    }
    let rest = rest
        .strip_prefix(" in ")
        .or_else(|| rest.strip_prefix(" near "))?;
    let lower = compass
        .iter()
        .filter(|c| c.starts_with(|ch: char| ch.is_lowercase()))
        .find_map(|c| {
            rest.strip_prefix(c.as_str())
                .and_then(|r| r.strip_prefix(' '))
                .filter(|r| r.starts_with(|ch: char| ch.is_ascii_uppercase()))
                .map(|r| rest.len() - r.len())
        })
        .unwrap_or(0);
    let (head, rest) = rest.split_at(lower);
    let word = |r: &str| {
        let e = r
            .find(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .unwrap_or(r.len());
        (r[..e].starts_with(|c: char| c.is_ascii_uppercase())).then_some(e)
    };
    let mut at = word(rest)?;
    let mut words = 1;
    while let Some(e) = rest[at..].strip_prefix(' ').and_then(word) {
        at += 1 + e;
        words += 1;
    }
    (words <= 2).then(|| format!("{head}{}", &rest[..at]))
}

/// The town in ', Arbroath,' (or ', near Arbroath,') right after `end`: one or
/// two capitalised words closed by a comma, a full stop, a semicolon, a
/// bracket, the line's end or a word in lower case ('Penley in March').
fn place_after_comma(text: &str, end: usize) -> Option<String> {
    let rest = text.get(end..)?.strip_prefix(", ")?;
    // ', near Cromer,' places it as ', Cromer,' does.
    let rest = rest.strip_prefix("near ").unwrap_or(rest);
    let stop = rest
        .find(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != ' ')
        .unwrap_or(rest.len());
    let (mut place, mut after) = rest.split_at(stop);
    // Capitalised words end the place at the first word in lower case.
    // A joining word between two capitalised ones stays ('Vale of Fenmoor',
    // 'Kell upon Tyne').
    const JOINS: [&str; 3] = ["of", "upon", "under"];
    let cap = |w: &str| w.starts_with(|c: char| c.is_ascii_uppercase());
    let split: Vec<&str> = place.split(' ').collect();
    let mut at = 0;
    for (i, w) in split.iter().enumerate() {
        let joined = i > 0
            && JOINS.contains(w)
            && cap(split[i - 1])
            && split.get(i + 1).is_some_and(|n| cap(n));
        if !cap(w) && !joined {
            break;
        }
        at += w.len() + 1;
    }
    let mut lower_next = false;
    // Not 'and' or 'or': the place is an item of a list ('X Nursery, Oldacre
    // ELCC and ...').
    let next = place.get(at..).unwrap_or("");
    if at > 0
        && at < place.len()
        && next.starts_with(|c: char| c.is_lowercase())
        && !next.starts_with("and ")
        && !next.starts_with("or ")
    {
        lower_next = true;
        (place, after) = (&rest[..at - 1], &rest[at - 1..]);
    }
    let words: Vec<&str> = place.split(' ').filter(|w| !JOINS.contains(w)).collect();
    let closed = after.is_empty() || after.starts_with([',', '.', ';', ')', '\n']) || lower_next;
    (closed
        && !place.is_empty()
        && words[0] != "The"
        && words.len() <= 2
        && words.iter().all(|w| cap(w))
        && !(lower_next
            && words
                .iter()
                .any(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()))))
    .then(|| place.to_string())
}

/// The length of a word glued to the front of a name's first word ('Ofsted'
/// of 'OfstedSingleton', 'ARCHANT' of 'ARCHANTCounty'): an inspectorate's
/// name or acronym, or four or more capitals, run into a capitalised word.
fn glued_lead(ctx: &Ctx, name: &str) -> Option<usize> {
    let first = name.split(' ').next()?;
    let chars: Vec<(usize, char)> = first.char_indices().collect();
    for w in chars.windows(2) {
        let ((_, a), (b, c)) = (w[0], w[1]);
        if !c.is_uppercase() || b == 0 {
            continue;
        }
        let head = &first[..b];
        let tail = &first[b..];
        let word_after = tail.chars().nth(1).is_some_and(|x| x.is_lowercase());
        let inspectorate = ctx.rules.inspectorates.iter().any(|i| {
            i.name.eq_ignore_ascii_case(head)
                || i.acronym.as_deref().is_some_and(|x| x == head)
                || i.aliases.iter().any(|x| x == head)
        });
        let capitals = head.len() >= 4 && head.chars().all(|x| x.is_ascii_uppercase());
        if word_after && (inspectorate && a.is_alphabetic() || capitals) {
            return Some(b);
        }
    }
    None
}

/// A provider of a kind named after its place (`locality_from_name_kinds`:
/// 'Harleston Medical Practice'), with no other place given: the words before
/// the kind, one or two capitalised words.
fn place_in_name(ctx: &Ctx, m: &Mention) -> Option<String> {
    if !is_establishment(ctx, m.kind.as_deref()) || m.gazetteer {
        return None;
    }
    let kinds = ctx.rules.list("locality_from_name_kinds");
    if !kinds.iter().any(|k| k.eq_ignore_ascii_case(&m.kind_text)) {
        return None;
    }
    let head = m.name.strip_suffix(m.kind_text.as_str())?.trim_end();
    // A hospital group opening the name ('Nuffield Health') is no place.
    let head = ctx
        .rules
        .list("hospital_groups")
        .iter()
        .find_map(|g| head.strip_prefix(g.as_str())?.strip_prefix(' '))
        .unwrap_or(head);
    // One or two capitalised words, or two joined by 'and' ('Stamford and Rutland').
    let words: Vec<&str> = head.split_whitespace().collect();
    let caps: Vec<&str> = match words.as_slice() {
        [a, "and", b] => vec![a, b],
        _ => words.clone(),
    };
    // A site named after a person ('Queen Elizabeth Hospital') is no place.
    let persons = ctx.rules.list("name_person_words");
    if caps.first().is_some_and(|w| persons.iter().any(|p| p == w)) {
        return None;
    }
    if caps.is_empty()
        || caps.len() > 2
        || !caps.iter().all(|w| {
            w.starts_with(|c: char| c.is_ascii_uppercase()) && !w.contains(['\'', '\u{2019}'])
        })
    {
        return None;
    }
    // A word that only honours the site ('Royal Shrewsbury Hospital',
    // `site_honorifics`) or a person's name after the place ('Blackpool
    // Victoria Hospital') is no part of the place; 'Royal Victoria' leaves none.
    let honours = ctx.rules.list("site_honorifics");
    let bare: Vec<&str> = head
        .split_whitespace()
        .filter(|w| *w != "The" && !honours.iter().chain(persons).any(|h| h == w))
        .collect();
    if bare.is_empty() {
        return None;
    }
    // A name holding a word that is no place ('Good Hope Hospital') gives no
    // place, rather than what is left of it ('Hope').
    let place = clean_locality(ctx, &bare.join(" "))?;
    (place.split_whitespace().count() == bare.len()).then_some(place)
}

/// A place's possessive opening a hospital's name, with more of the name
/// before its kind: the place (with a compass word written just before it,
/// 'east London') and where the rest of the name starts.
fn place_possessive(ctx: &Ctx, name: NormSpan, kind: NormSpan) -> Option<(String, usize)> {
    let compass_before = |at: usize| -> Option<String> {
        let before = ctx.text()[..at].strip_suffix(' ')?;
        ctx.rules
            .list("locality_compass_words")
            .iter()
            .find(|c| {
                before.ends_with(c.as_str())
                    && before[..before.len() - c.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|ch| !ch.is_alphanumeric())
            })
            .map(|c| ctx.orig_str(NormSpan::new(before.len() - c.len(), before.len())))
    };
    // 'east London's Whipps Cross University Hospital': the place's
    // possessive just before the name, after a compass word.
    let text = ctx.text();
    if let Some(head) = text[..name.start].strip_suffix("'s ") {
        let start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[start..];
        if word.starts_with(|c: char| c.is_ascii_uppercase()) {
            if let Some(c) = compass_before(start) {
                let place = ctx.orig_str(NormSpan::new(start, head.len()));
                return Some((format!("{c} {place}"), name.start));
            }
        }
    }
    let t = ctx.norm_str(NormSpan::new(name.start, kind.start));
    let (first, rest) = t.split_once(' ')?;
    let word = first.strip_suffix("'s")?;
    if rest.trim().is_empty()
        || ctx
            .rules
            .list("hospital_name_possessives")
            .iter()
            .any(|w| w.eq_ignore_ascii_case(first))
    {
        return None;
    }
    let place = ctx.orig_str(NormSpan::new(name.start, name.start + word.len()));
    let place = match compass_before(name.start) {
        Some(c) => format!("{c} {place}"),
        None => place,
    };
    Some((place, name.start + first.len() + 1))
}

/// True for the kinds of named establishment (`establishment_kinds`: a
/// provider, a hospital), whose locality is the town they are in.
fn is_establishment(ctx: &Ctx, kind: Option<&str>) -> bool {
    kind.is_some_and(|k| ctx.rules.list("establishment_kinds").iter().any(|x| x == k))
}

/// The length of a trailing ' in <locality>' of a gazetteer name ('services
/// for children and young people in Oldacre'): the place is the service's
/// locality, not part of its name. 0 when the name does not end so, or when
/// what comes before is one of `place_tail_kept` ('children's services in
/// Oldacre' is named in full).
fn place_tail(ctx: &Ctx, name: &str, locality: Option<&str>) -> usize {
    let Some(l) = locality else {
        return 0;
    };
    let Some(i) = name.rfind(" in ") else {
        return 0;
    };
    if ctx
        .rules
        .list("place_tail_kept")
        .iter()
        .any(|k| k.eq_ignore_ascii_case(&name[..i]))
    {
        return 0;
    }
    let fold = |s: &str| s.to_ascii_lowercase().replace(" & ", " and ");
    if i > 0 && fold(&name[i + 4..]) == fold(l) {
        name.len() - i
    } else {
        0
    }
}

/// The words of `name` that spell `locality` ('&' and 'and' alike, any case,
/// a possessive after its last word dropped), as `name` writes them: 'Dorset
/// & Wiltshire' in 'Dorset & Wiltshire Fire and Rescue Service' for the
/// locality 'Dorset and Wiltshire'. `None` when the name does not hold it.
fn as_written(name: &str, locality: &str) -> Option<String> {
    let fold = |w: &str| {
        let w = w.trim_matches(|c: char| c == ',');
        if w == "&" {
            "and".to_string()
        } else {
            w.to_lowercase()
        }
    };
    let want: Vec<String> = locality.split_whitespace().map(fold).collect();
    // (start, end) of each word of the name.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut at = None;
    for (i, c) in name
        .char_indices()
        .chain(std::iter::once((name.len(), ' ')))
    {
        match (c.is_whitespace(), at) {
            (false, None) => at = Some(i),
            (true, Some(s)) => {
                words.push((s, i));
                at = None;
            }
            _ => {}
        }
    }
    if want.is_empty() || words.len() < want.len() {
        return None;
    }
    for s in 0..=words.len() - want.len() {
        let mut end = 0;
        let ok = want.iter().enumerate().all(|(k, w)| {
            let (a, b) = words[s + k];
            let got = fold(&name[a..b]);
            end = b;
            if got == *w {
                return true;
            }
            // The last word may carry a possessive ('Oldacre's children's services').
            let last = k + 1 == want.len();
            ["'s", "\u{2019}s"].iter().any(|p| {
                last && got.strip_suffix(p) == Some(w.as_str()) && {
                    end = b - p.len();
                    true
                }
            })
        });
        if ok {
            return Some(name[words[s].0..end].trim_end_matches(',').to_string());
        }
    }
    None
}

/// A place folded for comparison: lower case, commas gone, '&' read as 'and'.
fn fold_place(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let w = w.trim_matches(',');
            if w == "&" {
                "and".to_string()
            } else {
                w.to_lowercase()
            }
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `one` is one of the areas a joint locality names ('Tower
/// Hamlets' or 'London' of 'Tower Hamlets and City of London', 'Rutland' of
/// 'Leicester, Leicestershire and Rutland'): a service serving several areas,
/// mentioned by one of them ('a London youth justice service').
fn area_of_joint(joint: &str, one: &str) -> bool {
    let one = fold_place(one);
    let parts: Vec<String> = joint
        .split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .map(fold_place)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 2
        && parts
            .iter()
            .any(|p| *p == one || p.strip_prefix("city of ") == Some(one.as_str()))
}

/// True when the text right before `start` is one of `subject_cues` ('an
/// inspection of '), whole words, any case.
fn after_subject_cue(ctx: &Ctx, start: usize) -> bool {
    after_cue(ctx, start, "subject_cues")
}

/// True when the text right before `start` is one of the phrases of the list
/// `list`, whole words, any case.
fn after_cue(ctx: &Ctx, start: usize, list: &str) -> bool {
    let before = ctx.text()[..start].trim_end();
    ctx.rules.list(list).iter().any(|c| {
        before.len() >= c.len()
            && before.is_char_boundary(before.len() - c.len())
            && before[before.len() - c.len()..].eq_ignore_ascii_case(c)
            && !before[..before.len() - c.len()].ends_with(|ch: char| ch.is_alphanumeric())
    })
}

/// True when `place` is the area of a council (a locality of a gazetteer of
/// one of the `council_area_kinds`), not a town or a district within one.
fn council_area(ctx: &Ctx, place: &str) -> bool {
    let kinds = ctx.rules.list("council_area_kinds");
    let p = fold_place(place);
    ctx.rules.gazetteer.iter().any(|e| {
        kinds.contains(&e.kind) && e.locality.as_deref().is_some_and(|l| fold_place(l) == p)
    })
}

/// True when the sentence holding `pos` has one of `graded_sentence_cues`
/// ('rated', 'needs to make improvements'), whole words, any case.
fn in_graded_sentence(ctx: &Ctx, pos: usize) -> bool {
    let Some(i) = ctx.doc.sentence_at(pos) else {
        return false;
    };
    let sentence = ctx.norm_str(ctx.doc.sentences[i].span).to_lowercase();
    ctx.rules
        .list("graded_sentence_cues")
        .iter()
        .any(|c| !find_all(&sentence, &c.to_lowercase()).is_empty())
}

/// An establishment named after a place ('Fenmoor Nursery') that the text
/// puts in that place apart from the name ('nurseries in Ashby, Fenmoor and
/// Kell', 'the main site in Fenmoor'): the place. The name alone does not
/// place it.
fn name_place_in_text(ctx: &Ctx, m: &Mention) -> Option<String> {
    name_place_in_text_at(ctx, m).map(|(p, _)| p)
}

/// [`name_place_in_text`] with where the text gives the place.
fn name_place_in_text_at(ctx: &Ctx, m: &Mention) -> Option<(String, usize)> {
    let head = m.name.strip_suffix(m.kind_text.as_str())?.trim_end();
    let words: Vec<&str> = head.split_whitespace().collect();
    let text = ctx.text();
    let capital = |w: &str| w.starts_with(|c: char| c.is_ascii_uppercase());
    for n in [2usize, 1] {
        if words.len() < n || !words[..n].iter().all(|w| capital(w)) {
            continue;
        }
        let place = words[..n].join(" ");
        for s in find_all(text, &place) {
            // Not the start of a name ('Fenmoor Nursery', 'Fenmoor Road'),
            // nor the name itself.
            if text[s.start..].starts_with(m.name.as_str()) {
                continue;
            }
            if text[s.end..].starts_with(' ')
                && text[s.end + 1..].starts_with(|c: char| c.is_ascii_uppercase())
            {
                continue;
            }
            // Back over the items of a list before it ('in Ashby, Kell and ').
            let mut before = text[..s.start].trim_end_matches(' ');
            loop {
                let b = before
                    .strip_suffix(',')
                    .or_else(|| before.strip_suffix(" and"))
                    .map(|b| b.trim_end_matches(' '));
                let Some(b) = b else { break };
                let Some(i) = b.rfind(' ') else { break };
                if !capital(&b[i + 1..]) {
                    break;
                }
                before = b[..i].trim_end_matches(' ');
            }
            let prep = before.rsplit(' ').next().unwrap_or("");
            if ["in", "near"].contains(&prep) {
                return clean_locality(ctx, &place).map(|p| (p, s.start));
            }
        }
    }
    None
}

/// True when the sentence at `at` speaks of an earlier inspection
/// (`past_inspection_cues`: 'at the last inspection'), any case.
fn in_past_sentence(ctx: &Ctx, at: usize) -> bool {
    let Some(sent) = ctx.sentence_span(at) else {
        return false;
    };
    let s = ctx.text()[sent.start..sent.end].to_lowercase();
    ctx.rules
        .list("past_inspection_cues")
        .iter()
        .any(|c| s.contains(&c.to_lowercase()))
}

/// True when `place` is a county, a region or another area wider than a
/// town (`wider_areas`): a town given too is the establishment's locality.
fn wider_area(ctx: &Ctx, place: &str) -> bool {
    let p = fold_place(place);
    ctx.rules
        .list("wider_areas")
        .iter()
        .any(|a| fold_place(a) == p)
}

/// True when the text right after `end` is one of the phrases of the list
/// `list` ('Oldacre Police was rated'), whole words, any case.
fn before_cue(ctx: &Ctx, end: usize, list: &str) -> bool {
    let after = ctx.text()[end..].trim_start();
    ctx.rules.list(list).iter().any(|c| {
        after
            .get(..c.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(c))
            && !after[c.len()..].starts_with(|ch: char| ch.is_alphanumeric())
    })
}

/// Which end of a longer name a shorter one is read from ([`part_of`]).
#[derive(Clone, Copy)]
enum End {
    /// 'Tinsley House' of 'Tinsley House immigration removal centre'.
    Start,
    /// 'Cheshire House' of 'Leonard Cheshire House'.
    Finish,
}

/// True when `short`, of two words or more, is `long` cut at a word boundary
/// and read from `end`: within one article, one establishment named in full
/// and short. Read from the start, a leading 'The' is no part of either
/// ('The Fenwick Ambulance Service' is short for 'Fenwick Ambulance Service
/// NHS Trust'); read from the end, it is ('The Culverhay Surgery' is the
/// longer name of 'Culverhay Surgery'). Curly and straight apostrophes are one.
fn part_of(short: &str, long: &str, end: End) -> bool {
    let bare = |s: &str| {
        let s = match (end, s.get(..4)) {
            (End::Start, Some(h)) if h.eq_ignore_ascii_case("the ") => &s[4..],
            _ => s,
        };
        s.replace('\u{2019}', "'")
    };
    let (short, long) = (bare(short), bare(long));
    if short.split_whitespace().count() < 2 || long.len() <= short.len() + 1 {
        return false;
    }
    let cut = match end {
        End::Start => short.len(),
        End::Finish => long.len() - short.len(),
    };
    if !long.is_char_boundary(cut) {
        return false;
    }
    match end {
        End::Start => long[..cut].eq_ignore_ascii_case(&short) && long[cut..].starts_with(' '),
        End::Finish => long[cut..].eq_ignore_ascii_case(&short) && long[..cut].ends_with(' '),
    }
}

/// True when `short` is `long` with its middle words left out: two words,
/// the first and the last of `long` ('Larch School' for 'The Larch
/// Community Primary School'), a leading 'The' aside. Within one article a
/// headline or a later line shortens an establishment's name so.
fn shortened(short: &str, long: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        let s = s.replace('\u{2019}', "'");
        let mut w: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
        if w.first().is_some_and(|f| f == "the") {
            w.remove(0);
        }
        w
    };
    let (s, l) = (words(short), words(long));
    s.len() == 2 && l.len() >= 3 && s[0] == l[0] && s[1] == l[l.len() - 1]
}

/// `possessive_body_words`: a locality ending in one of them ('Oldacre
/// Council') is a body, whose possessive the name keeps.
fn lead_body_words<'a>(ctx: &'a Ctx) -> impl Iterator<Item = &'a String> {
    ctx.rules.list("possessive_body_words").iter()
}

/// Initials of the capitalised words: 'Youth Justice Service' -> 'YJS'.
fn initials(s: &str) -> String {
    s.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Same length, and either one letter different or the same letters reordered.
fn near_acronym(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a.len() < 3 || a == b {
        return false;
    }
    let diff = a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count();
    let mut x: Vec<u8> = a.bytes().collect();
    let mut y: Vec<u8> = b.bytes().collect();
    x.sort_unstable();
    y.sort_unstable();
    diff == 1 || x == y
}

/// The `kind` of the `[[service]]` rules that name no service but mark an
/// article as reporting an inspection ('inspected', 'inspectors').
pub const INSPECTION_CUE: &str = "inspection_cue";

/// The kind of the `[[service]]` rules that find a council's name
/// ('Oldacre Borough Council'): a body, named for the services it runs.
const COUNCIL: &str = "council";

/// A council the article names.
struct Council {
    /// Where the name starts.
    at: usize,
    /// The name as written, from its place on ('Oldacre Borough Council').
    name: String,
    /// The place the name gives.
    locality: String,
}

/// A council's name without words the match took in before its place
/// ('The Oldacre Council', 'Yesterday Oldacre Council'); a borough named
/// 'Royal Borough of ...' keeps its title.
fn council_name(raw: &str, locality: &str) -> String {
    match raw.find(locality) {
        Some(i) if i > 0 && !raw[..i].trim_end().ends_with(" of") => raw[i..].to_string(),
        _ => raw.to_string(),
    }
}

/// A service a rule of `council_owned_rules` names by its kind alone ('its
/// children's services', 'our adult social care') is the council's: named
/// '<council> <kind as written>' ('Oldacre Council children's services') and
/// placed where the council is. The council is the one named in the
/// mention's sentence (the nearest), or the one the whole article names
/// (every council it names has one place). A mention of a rule of
/// `council_required_rules` that finds no council is dropped.
fn compose_with_council(ctx: &Ctx, mentions: &mut Vec<Mention>, councils: &[Council]) {
    let owned = ctx.rules.list("council_owned_rules");
    let required = ctx.rules.list("council_required_rules");
    let one_place = councils.first().filter(|c| {
        let p = fold_place(&c.locality);
        councils.iter().all(|o| fold_place(&o.locality) == p)
    });
    mentions.retain_mut(|m| {
        if !owned.contains(&m.rule) {
            return true;
        }
        let sentence = ctx.sentence_span(m.span.start);
        let in_sentence = councils
            .iter()
            .filter(|c| sentence.is_some_and(|s| s.start <= c.at && c.at < s.end))
            .min_by_key(|c| c.at.abs_diff(m.span.start));
        match in_sentence.or(one_place) {
            Some(c) => {
                m.name = format!("{} {}", c.name, m.kind_text);
                m.locality = Some(c.locality.clone());
                m.placed = true;
                m.composed = true;
                true
            }
            None => !required.contains(&m.rule),
        }
    });
}

/// True when the article reports an inspection: it has an inspectorate, or a
/// `[[service]]` rule of kind [`INSPECTION_CUE`] matches outside boilerplate.
/// Articles that do not (general news naming a police force or an academy in
/// passing) get no services and no ratings.
pub fn reports_inspection(ctx: &Ctx, has_inspectorate: bool) -> bool {
    has_inspectorate
        || ctx
            .hits(Family::Service)
            .any(|(h, r)| r.def.kind.as_deref() == Some(INSPECTION_CUE) && ctx.applies(h, r))
}

/// The acronym in brackets right after a name ('... Service (YJS)').
fn acronym_after(text: &str, end: usize) -> Option<String> {
    text.get(end..)
        .unwrap_or("")
        .strip_prefix(" (")
        .and_then(|r| r.split_once(')'))
        .map(|(a, _)| a)
        .filter(|a| {
            a.len() >= 2
                && a.len() <= 8
                && a.chars().all(|c| c.is_ascii_alphabetic())
                && a.chars().filter(|c| c.is_uppercase()).count() >= 2
        })
        .map(str::to_string)
}

/// The inspected services.
///
/// Rules with `scope = "fallback"` (a name only placed by the verb that
/// grades it) count only with `fallback`: for an article that rates a service
/// no other rule names.
pub fn extract(ctx: &Ctx, fallback: bool) -> Vec<Service> {
    let text = ctx.text();
    let mut mentions: Vec<Mention> = Vec::new();
    // Gazetteer names first, so that they win over a regex mention of the same span.
    for p in &ctx.m.phrases {
        let PhraseKind::Service { entry } = p.tag.kind else {
            continue;
        };
        if ctx.doc.is_boilerplate(p.span.start) {
            continue;
        }
        let Some(para) = ctx.doc.paragraph_at(p.span.start) else {
            continue;
        };
        let e = &ctx.rules.gazetteer[entry];
        // An entry whose name opens with 'The' matched as the article 'the'
        // ('rated the Oldacre Hospital NHS Trust'): the name starts after it.
        let start = if ctx.norm_str(p.span).starts_with("the ") {
            p.span.start + 4
        } else {
            p.span.start
        };
        let name = ctx.orig_str(NormSpan::new(
            start,
            p.span.end - place_tail(ctx, ctx.norm_str(p.span), e.locality.as_deref()),
        ));
        // The locality as the name writes it ('Telford & Wrekin', not the
        // entry's 'Telford and Wrekin'). A name that holds no place
        // ('Metropolitan Police') has the entry's area only where the text
        // names it.
        let locality = e.locality.as_deref().and_then(|l| {
            as_written(&name, l).or_else(|| (!find_all(text, l).is_empty()).then(|| l.to_string()))
        });
        mentions.push(Mention {
            kind_text: name.clone(),
            name,
            locality,
            kind: Some(e.kind.clone()),
            acronym: acronym_after(text, p.span.end),
            kind_acronym: None,
            span: NormSpan::new(start, p.span.end),
            rule: ctx.rules.rule_id(p.tag.rule).to_string(),
            para,
            gazetteer: true,
            site: e.locality.clone(),
            roundup: false,
            placed: false,
            composed: false,
        });
    }
    // Localities hinted at without a service name ('Fenwick Moor nursery'),
    // headline hints first.
    let mut hints: Vec<(bool, usize, String)> = Vec::new();
    // The town of a prison or a centre ('the young offender institution near
    // Wigan'): `kind = "locality_after"` rules, for the `locality_after_kinds`.
    let mut after_hints: Vec<(bool, usize, String)> = Vec::new();
    // The place the text gives an establishment it calls by its kind ('the
    // school in Rumney'): `kind = "locality_within"` rules, in text order.
    let mut within_hints: Vec<String> = Vec::new();
    // Councils the article names: `kind = "council"` rules.
    let mut councils: Vec<Council> = Vec::new();
    let lead_stop = ctx.rules.list("name_leading_stopwords");
    for (hit, rule) in ctx.hits(Family::Service) {
        if !ctx.applies(hit, rule)
            || rule.def.kind.as_deref() == Some(INSPECTION_CUE)
            || (!fallback && rule.def.scope.as_deref() == Some("fallback"))
        {
            continue;
        }
        let Some(para) = ctx.doc.paragraph_at(hit.span.start) else {
            continue;
        };
        // Whether the rule's kind is one of a list's.
        let kind_in = |list: &str| {
            rule.def
                .kind
                .as_deref()
                .is_some_and(|k| ctx.rules.list(list).iter().any(|x| x == k))
        };
        // A region's locality is written as the text gives it ('Wales', 'the
        // north-east of England'): the stop words that keep a nation or a
        // compass word from placing a provider do not apply.
        let as_written = kind_in("region_kinds");
        // A body named after a city's area keeps the word that makes it the
        // city's ('Derby City Youth Justice Service' serves Derby City):
        // `city_area_kinds` keep a trailing `city_area_words` word.
        let keeps_city = kind_in("city_area_kinds");
        let mut locality = ctx.group(hit, "locality").and_then(|g| {
            let raw = ctx.orig_str(g);
            if as_written {
                Some(raw.trim().to_string()).filter(|l| !l.is_empty())
            } else {
                clean_locality(ctx, &raw).map(|l| {
                    let last = raw.split_whitespace().last().unwrap_or("");
                    let kept = ctx.rules.list("city_area_words").iter().any(|w| w == last);
                    if keeps_city && kept && !l.ends_with(last) {
                        format!("{l} {last}")
                    } else {
                        l
                    }
                })
            }
        });
        if rule.def.kind.as_deref() == Some("locality") {
            if let Some(l) = locality {
                hints.push((para != 0, hit.span.start, l));
            }
            continue;
        }
        if rule.def.kind.as_deref() == Some("locality_after") {
            if let Some(l) = locality {
                after_hints.push((para != 0, hit.span.start, l));
            }
            continue;
        }
        if rule.def.kind.as_deref() == Some("locality_within") {
            if let Some(l) = locality {
                // Also a hint for a provider named with no place at all.
                hints.push((para != 0, hit.span.start, l.clone()));
                within_hints.push(l);
            }
            continue;
        }
        if rule.def.kind.as_deref() == Some(COUNCIL) {
            if let Some(l) = locality {
                let raw = ctx.orig_str(ctx.group(hit, "name").unwrap_or(hit.span));
                councils.push(Council {
                    at: hit.span.start,
                    name: council_name(&raw, &l),
                    locality: l,
                });
            }
            continue;
        }
        let kind_g = ctx.group(hit, "kind").unwrap_or(hit.span);
        let kind_text = ctx.orig_str(kind_g);
        let mut name_g = ctx.group(hit, "name").unwrap_or(hit.span);
        // Drop a leading preposition caught by a capital ('At Heartwood Home Care').
        loop {
            let t = ctx.norm_str(name_g);
            let Some((first, rest)) = t.split_once(' ') else {
                break;
            };
            if rest.is_empty() || !lead_stop.iter().any(|w| w == first) {
                break;
            }
            name_g = NormSpan::new(name_g.start + first.len() + 1, name_g.end);
        }
        // A caption's word run into the name with no space ('by
        // OfstedSingleton Primary School', 'Picture: ARCHANTCounty Upper
        // School'): an inspectorate's name, or a word in capitals, glued to
        // the name's first word is no part of it.
        if let Some(cut) = glued_lead(ctx, ctx.norm_str(name_g)) {
            name_g = NormSpan::new(name_g.start + cut, name_g.end);
        }
        // A name only a grading verb places is two words or more, an
        // acronym ('BFRS') or placed ('Kellmoor, in Oldacre'), is no
        // possessive ('Oldacre Borough's'), holds no grade ('rated Requires Improvement')
        // and no word of `fallback_name_stopwords` ('Overall', 'This').
        if rule.def.scope.as_deref() == Some("fallback") {
            let t = ctx.norm_str(name_g);
            let words: Vec<&str> = t.split_whitespace().collect();
            let acronym = words.len() == 1
                && t.len() >= 3
                && t.chars().all(|c| c.is_ascii_uppercase() || c == '&');
            let placed = ctx.group(hit, "locality").is_some();
            if (words.len() < 2 && !acronym && !placed)
                || t.ends_with("'s")
                || t.ends_with('\u{2019}')
                || t.ends_with("\u{2019}s")
                || ctx.rules.rating_words.is_match(t)
                || words
                    .iter()
                    .any(|w| ctx.rules.list_has("fallback_name_stopwords", w))
            {
                continue;
            }
        }
        // A public body's 'The' is the article, not its name ('The Oldacre
        // Youth Justice Service'): `article_dropped_kinds`.
        let article_dropped = ctx
            .rules
            .list("article_dropped_kinds")
            .iter()
            .any(|k| rule.def.kind.as_deref() == Some(k.as_str()));
        if article_dropped {
            let t = ctx.norm_str(name_g);
            if (t.starts_with("The ") || t.starts_with("the ")) && t.len() > 4 {
                name_g = NormSpan::new(name_g.start + 4, name_g.end);
            }
        }
        // Two establishments joined by 'and' ('the QMC and Fenwick City
        // Hospital', 'Larch Medical Centre and Fenwick Hospital'): when what
        // comes before 'and' is an acronym or ends in a kind word
        // (`joined_name_heads`), it is a name of its own and the match names
        // only what follows ('HMP and YOI Oldacre', acronyms on both sides,
        // is one name). So it is when an establishment's place comes before
        // 'and' ('Larch House in Oldacre and Fenwick Hospital').
        let heads = ctx.rules.list("joined_name_heads");
        if let Some(at) = ctx.norm_str(name_g).find(" and ") {
            let t = ctx.norm_str(name_g);
            let before = &t[..at];
            let last = before.rsplit(' ').next().unwrap_or(before);
            let caps = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
            // 'HMP and YOI Oldacre' is one name: acronyms on both sides.
            let next = t[at + " and ".len()..].split(' ').next().unwrap_or("");
            let acronym = caps(last) && !caps(next);
            // 'The Redwoods Centre in Shrewsbury and St George's Hospital':
            // a place after an establishment named just before, then the
            // next name.
            let placed_before = ctx.text()[..name_g.start]
                .strip_suffix(" in ")
                .and_then(|b| b.rsplit(' ').next())
                .is_some_and(|w| heads.iter().any(|h| h == w));
            if acronym || placed_before || heads.iter().any(|h| h == last) {
                name_g = NormSpan::new(name_g.start + at + " and ".len(), name_g.end);
            }
        }
        // A caption's credit glued on after the name ('HMP Bristol Credit:
        // ITV News'): `name_caption_words` end no name.
        let caption = ctx.rules.list("name_caption_words");
        loop {
            let t = ctx.norm_str(name_g);
            let Some((rest, last)) = t.rsplit_once(' ') else {
                break;
            };
            if !caption.iter().any(|w| w == last) {
                break;
            }
            name_g = NormSpan::new(name_g.start, name_g.start + rest.len());
        }
        // A provider's name followed at once by words of `name_not_before`
        // ('Larch Academy Trust', 'Kell College Group') is part of another
        // body's name, the one that runs it or a group of them; before 'of
        // Children' it runs into a report header's type of care service
        // ('Larch Nursery Day Care of Children'): no provider there.
        if rule.def.kind.as_deref() == Some("provider") {
            let after = ctx.text()[name_g.end..].strip_prefix(' ').unwrap_or("");
            let followed = ctx.rules.list("name_not_before").iter().any(|w| {
                after
                    .strip_prefix(w.as_str())
                    .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
            });
            if followed {
                continue;
            }
        }
        // A place's possessive before a hospital's name ('Stevenage's Lister
        // Hospital', 'east London's Whipps Cross Hospital') places it and is
        // no part of the name, unless the word opens the name itself
        // (`hospital_name_possessives`: 'King's College Hospital').
        // Before another establishment's name, only a council's area does
        // ('Moray's Lhanbryde Primary Nursery'; 'Noah's Ark Nursery' is a name).
        let hospital = rule.def.kind.as_deref() == Some("hospital");
        if hospital || is_establishment(ctx, rule.def.kind.as_deref()) {
            if let Some((place, rest_at)) = place_possessive(ctx, name_g, kind_g)
                .filter(|(place, _)| hospital || council_area(ctx, place))
            {
                name_g = NormSpan::new(rest_at, name_g.end);
                if locality.is_none() {
                    locality = clean_locality(ctx, &place);
                }
            }
        }
        // A provider whose name is its kind after stop words only ('the
        // District Hospice', 'the Royal College of ...') is not named.
        if rule.def.kind.as_deref() == Some("provider")
            && kind_g.end == name_g.end
            && kind_g.start >= name_g.start
        {
            let before = ctx.norm_str(NormSpan::new(name_g.start, kind_g.start));
            let stops = [
                ctx.rules.list("locality_stopwords"),
                ctx.rules.list("locality_trailing_stopwords"),
            ];
            if before
                .split_whitespace()
                .all(|w| stops.iter().any(|l| l.iter().any(|x| x == w)))
            {
                continue;
            }
        }
        // A place and a generic word before the kind ('Oldacre GP Surgery')
        // describe a provider, not name it: the place is a locality hint.
        if rule.def.kind.as_deref() == Some("provider") && kind_g.start > name_g.start {
            let before = ctx.norm_str(NormSpan::new(name_g.start, kind_g.start));
            let generic = ctx.rules.list("generic_kind_words");
            if let Some((head, last)) = before.trim_end().rsplit_once(' ') {
                if generic.iter().any(|g| g == last) {
                    if let Some(l) = clean_locality(ctx, head) {
                        hints.push((para != 0, hit.span.start, l));
                    }
                    continue;
                }
            }
        }
        // A locality group that is only stop words ('The Police') names no
        // service, unless the rule names providers.
        if ctx.group(hit, "locality").is_some()
            && locality.is_none()
            && rule.def.kind.as_deref() != Some("provider")
        {
            continue;
        }
        // '<locality>'s <kind>' reads as '<locality> <kind>', but a body's own
        // possessive stays ('Oldacre Council's children's services').
        let body_possessive = |lg: NormSpan| {
            ctx.norm_str(lg)
                .split_whitespace()
                .last()
                .is_some_and(|w| lead_body_words(ctx).any(|x| x.eq_ignore_ascii_case(w)))
        };
        let name = match ctx.group(hit, "locality") {
            Some(lg)
                if lg.start >= name_g.start
                    && lg.end < name_g.end
                    && text.get(lg.end..lg.end + 3) == Some("'s ")
                    && !body_possessive(lg) =>
            {
                format!(
                    "{} {}",
                    ctx.orig_str(NormSpan::new(name_g.start, lg.end)),
                    ctx.orig_str(NormSpan::new(lg.end + 3, name_g.end))
                )
            }
            _ => ctx.orig_str(name_g),
        };
        let acronym = acronym_after(text, name_g.end);
        mentions.push(Mention {
            name,
            locality,
            kind: rule.def.kind.clone(),
            acronym,
            kind_acronym: rule.def.acronym.clone(),
            kind_text,
            span: name_g,
            rule: rule.info.id.clone(),
            para,
            gazetteer: false,
            site: None,
            roundup: false,
            placed: ctx
                .group(hit, "locality")
                .is_some_and(|lg| !name_g.contains(lg)),
            composed: false,
        });
    }
    compose_with_council(ctx, &mut mentions, &councils);
    // A gazetteer name inside a longer regex mention of the same kind wins:
    // the regex read a prefix or a second name into its match.
    let gaz: Vec<(NormSpan, Option<String>)> = mentions
        .iter()
        .filter(|m| m.gazetteer)
        .map(|m| (m.span, m.kind.clone()))
        .collect();
    // A longer match that only adds a descriptor after the name ('Oldacre
    // Police custody suites') stays.
    let joins = |s: &NormSpan| {
        let rest = &text[s.end..];
        rest.starts_with(" and ") || rest.starts_with(" & ")
    };
    mentions.retain(|m| {
        m.gazetteer
            || !gaz.iter().any(|(s, k)| {
                *k == m.kind
                    && m.span.contains(*s)
                    && m.span.len() > s.len()
                    && (m.span.start < s.start || joins(s))
            })
    });
    // Stable: at equal spans a gazetteer mention stays first and is kept.
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    // A place written right after the name ('HMP Ravensholt in Oldacre') is the
    // locality of the kinds listed in `locality_after_kinds`.
    let after_kinds = ctx.rules.list("locality_after_kinds");
    let compass = ctx.rules.list("locality_compass_words");
    let is_after_kind = |m: &Mention| {
        m.kind
            .as_ref()
            .is_some_and(|k| after_kinds.iter().any(|x| x == k))
    };
    // A place written apart from the name ('a Calderbrook prison') is the
    // town of the article's one prison; of several, only of the one named in
    // its sentence.
    let mut sites: Vec<String> = mentions
        .iter()
        .filter(|m| is_after_kind(m))
        .map(|m| {
            fold_place(
                m.site
                    .as_deref()
                    .or(m.locality.as_deref())
                    .unwrap_or(&m.name),
            )
        })
        .collect();
    sites.sort();
    sites.dedup();
    let one_site = sites.len() <= 1;
    // Of several, a place given in a sentence that names none of them ('the
    // women's prison in Westshire') is the one named last before it.
    let site_starts: Vec<usize> = mentions
        .iter()
        .filter(|m| is_after_kind(m))
        .map(|m| m.span.start)
        .collect();
    let owner_of = |at: usize| {
        let alone = ctx
            .sentence_span(at)
            .is_some_and(|s| !site_starts.iter().any(|&p| s.start <= p && p < s.end));
        alone
            .then(|| site_starts.iter().filter(|&&p| p < at).max().copied())
            .flatten()
    };
    for m in mentions.iter_mut() {
        if !is_after_kind(m) {
            continue;
        }
        let sent = ctx.sentence_span(m.span.start);
        let in_sentence = |at: usize| sent.is_some_and(|s| s.start <= at && at < s.end);
        if let Some(l) =
            place_after(text, m.span.end, compass).and_then(|p| clean_locality(ctx, &p))
        {
            m.locality = Some(l);
            m.placed = true;
        } else if let Some(h) = after_hints.iter().filter(|h| in_sentence(h.1)).min() {
            m.locality = Some(h.2.clone());
            m.placed = true;
        } else if m.site.as_deref().is_some_and(|site| {
            // 'the Oldacre prison': the site written before the kind word in
            // lower case, after an article, places it ('Oldacre Prison' and
            // 'inspectors at Oldacre prison' are only its name).
            m.name.len() > site.len() + 1
                && ["the ", "The ", "a ", "A "]
                    .iter()
                    .any(|a| text[..m.span.start].ends_with(a))
                && m.name.is_char_boundary(site.len())
                && m.name[..site.len()].eq_ignore_ascii_case(site)
                && m.name[site.len() + 1..].starts_with(|c: char| c.is_lowercase())
        }) {
            m.locality = m.site.clone();
            m.placed = true;
        } else if let Some(h) = after_hints
            .iter()
            .filter(|h| one_site || owner_of(h.1) == Some(m.span.start))
            .min()
        {
            m.locality = Some(h.2.clone());
            m.placed = true;
        }
    }
    // A provider named with its town after a comma ('Wonderland Nursery,
    // Arbroath, Angus'): the town is its locality.
    for m in mentions.iter_mut() {
        if m.locality.is_some() || !is_establishment(ctx, m.kind.as_deref()) {
            continue;
        }
        let Some(p) = place_after_comma(text, m.span.end) else {
            continue;
        };
        // 'at Larch Nursery, Jane Moor, said': a person set beside the name.
        let next = text[m.span.end + 2 + p.len()..]
            .strip_prefix(", ")
            .and_then(|r| r.split(|c: char| !c.is_alphabetic()).next())
            .unwrap_or("");
        if ctx
            .rules
            .list("appositive_person_cues")
            .iter()
            .any(|c| c == next)
        {
            continue;
        }
        if let Some(l) = clean_locality(ctx, &p) {
            m.locality = Some(l);
            m.placed = true;
        }
    }
    // Establishments named together and placed together ('Larch Primary and
    // Kell School, which are both in Oldacre'): `shared_place_cues`, then the
    // place as after a name (' in Oldacre').
    for m in mentions.iter_mut() {
        if m.locality.is_some() || !is_establishment(ctx, m.kind.as_deref()) {
            continue;
        }
        let mut at = m.span.end;
        // Over the other name ('and Kell School').
        if let Some(r) = text[at..].strip_prefix(" and ") {
            let mut off = text.len() - r.len();
            for w in r.split(' ') {
                if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
                    break;
                }
                if let Some(stem) = w.strip_suffix(',') {
                    off += stem.len();
                    at = off;
                    break;
                }
                off += w.len() + 1;
            }
        }
        let rest = &text[at..];
        let Some(cue) = ctx
            .rules
            .list("shared_place_cues")
            .iter()
            .find(|c| rest.starts_with(c.as_str()))
        else {
            continue;
        };
        if let Some(l) =
            place_after(text, at + cue.len(), compass).and_then(|p| clean_locality(ctx, &p))
        {
            m.locality = Some(l);
            m.placed = true;
        }
    }
    // A body named as one of a list of members ('a partnership comprising
    // the council, the police and the health board') is not the inspected one.
    let member_cues = ctx.rules.list("member_list_cues");
    mentions.retain(|m| {
        let Some(sent) = ctx.sentence_span(m.span.start) else {
            return true;
        };
        let before = text[sent.start.min(m.span.start)..m.span.start].to_ascii_lowercase();
        !member_cues
            .iter()
            .any(|c| before.contains(&format!("{} ", c.to_ascii_lowercase())))
    });
    // A place where a provider is based ('based at Oldacre Primary School')
    // is its address, not an inspected service.
    mentions.retain(|m| !after_cue(ctx, m.span.start, "premises_cues"));
    // A body named as a comparator or as someone's past employer ('a similar
    // inspection of Oldacre Police', 'formerly chief constable of Fenwick
    // Police') is no inspected service there.
    // So is the rest of a list after such a cue ('as chief constable at
    // Oldacre Police and Fenwick Police').
    let mut background: Vec<NormSpan> = Vec::new();
    for m in &mentions {
        let listed = background.iter().any(|b| {
            b.end <= m.span.start
                && [" and ", ", ", " & "]
                    .iter()
                    .any(|sep| text[b.end..m.span.start] == **sep)
        });
        if listed || after_cue(ctx, m.span.start, "background_cues") {
            background.push(m.span);
        }
    }
    mentions.retain(|m| !background.contains(&m.span));
    // A service named after a cue of an earlier report in its sentence ('...
    // follows last week's report on HMP Fenwick') is a comparator.
    let earlier = ctx.rules.list("earlier_report_cues");
    mentions.retain(|m| {
        let Some(sent) = ctx.sentence_span(m.span.start) else {
            return true;
        };
        let before = text[sent.start.min(m.span.start)..m.span.start].to_lowercase();
        !earlier.iter().any(|c| before.contains(&c.to_lowercase()))
    });
    // A trust named as the body running a hospital ('part of Fenwick NHS
    // Trust', 'run by ...') is no inspected service there.
    let parents = ctx.rules.list("hospital_parent_kinds");
    mentions.retain(|m| {
        !m.kind
            .as_deref()
            .is_some_and(|k| parents.iter().any(|p| p == k))
            || !after_cue(ctx, m.span.start, "parent_cues")
    });
    // A hospital named as one its trust runs is no inspected service there.
    mentions.retain(|m| {
        m.kind.as_deref() != Some("hospital")
            || !after_cue(ctx, m.span.start, "hospital_background_cues")
    });
    // Drop mentions inside a longer one.
    let mut kept: Vec<Mention> = Vec::new();
    for m in mentions {
        if kept.iter().any(|k| {
            k.span.contains(m.span) || (k.span.overlaps(m.span) && k.span.len() >= m.span.len())
        }) {
            continue;
        }
        kept.retain(|k| !m.span.contains(k.span));
        kept.push(m);
    }

    kept.extend(area_roundup(ctx, &kept));

    // Group mentions of one service: the same name, or the same locality and kind.
    let mut groups: Vec<Vec<Mention>> = Vec::new();
    for m in kept {
        // Localities compare as words: case, commas and '&' for 'and' aside.
        let key = |x: &Mention| (x.locality.as_ref().map(|l| fold_place(l)), x.kind.clone());
        let same = |g: &Vec<Mention>| {
            g.iter().any(|x| {
                x.name.eq_ignore_ascii_case(&m.name)
                    || core_name(ctx, &x.name) == core_name(ctx, &m.name)
                    || part_of(&x.name, &m.name, End::Start)
                    || part_of(&m.name, &x.name, End::Start)
                    || shortened(&x.name, &m.name)
                    || shortened(&m.name, &x.name)
                    || (x.kind == m.kind
                        && (part_of(&x.name, &m.name, End::Finish)
                            || part_of(&m.name, &x.name, End::Finish)))
                    || (x.site.is_some() && x.site == m.site && x.kind == m.kind)
                    || (x.locality.is_some()
                        && key(x) == key(&m)
                        && !is_establishment(ctx, x.kind.as_deref()))
                    || (x.kind.is_some()
                        && x.kind == m.kind
                        && !is_establishment(ctx, x.kind.as_deref())
                        && match (x.locality.as_deref(), m.locality.as_deref()) {
                            (Some(a), Some(b)) => area_of_joint(a, b) || area_of_joint(b, a),
                            _ => false,
                        })
            })
        };
        match groups.iter_mut().find(|g| same(g)) {
            Some(g) => g.push(m),
            None => groups.push(vec![m]),
        }
    }
    // A group named only by its kind ('the council's children's services')
    // is the service of that kind the article names, when it names one.
    // Its name is its kind, maybe after one of `kind_only_determiners` ('our'),
    // or its kind after the council's name ([`compose_with_council`]).
    let determiners = ctx.rules.list("kind_only_determiners");
    let kind_only = |g: &Vec<Mention>| {
        g.iter().all(|m| {
            let n = m.name.to_lowercase();
            let k = m.kind_text.to_lowercase();
            m.composed
                || !m.gazetteer
                    && m.locality.is_none()
                    && (n == k
                        || determiners
                            .iter()
                            .any(|d| n == format!("{} {k}", d.to_lowercase())))
        })
    };
    let named_kinds: Vec<Option<String>> = groups
        .iter()
        .filter(|g| !kind_only(g))
        .map(|g| g[0].kind.clone())
        .collect();
    groups.retain(|g| !kind_only(g) || !named_kinds.contains(&g[0].kind));
    hints.sort();
    let lead = ctx
        .rules
        .list("lead_paragraphs")
        .first()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3usize);
    let headline = ctx
        .doc
        .title
        .as_ref()
        .map(|t| ctx.norm_str(t.span).to_lowercase())
        .unwrap_or_default();
    let in_headline = |at: usize| {
        ctx.doc
            .title
            .as_ref()
            .is_some_and(|t| t.span.start <= at && at < t.span.end)
    };
    let mut out = Vec::new();
    let mut cut_off: Vec<bool> = Vec::new();
    // The one service an article names is its subject, wherever it stands.
    let sole = groups.len() == 1;
    // A sentence that names two establishments or more and grades them
    // ('Larch Primary and Kell School were both judged excellent') is a
    // round-up: each one it names is reported.
    let mut est_sentences: Vec<(usize, usize)> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        for m in g
            .iter()
            .filter(|m| is_establishment(ctx, m.kind.as_deref()))
        {
            if let Some(sent) = ctx.sentence_span(m.span.start) {
                est_sentences.push((sent.start, i));
            }
        }
    }
    est_sentences.sort_unstable();
    est_sentences.dedup();
    let roundup_sentence = |start: usize| {
        est_sentences.iter().filter(|(s, _)| *s == start).count() >= 2
            && ctx
                .sentence_span(start)
                .is_some_and(|sent| ctx.rules.rating_words.is_match(&text[sent.start..sent.end]))
    };
    let mut prominent_groups: Vec<(bool, Vec<Mention>)> = Vec::new();
    for g in groups {
        // Prominent: named in the headline or the first `lead` body paragraphs, or named twice.
        let body_rank = |p: usize| {
            ctx.doc.paragraphs[..p.min(ctx.doc.paragraphs.len())]
                .iter()
                .filter(|q| q.boilerplate.is_none())
                .count()
        };
        // A name introduced with its acronym in brackets is the article's subject too.
        // So is one written as what was inspected ('an inspection of X').
        let prominent = sole
            || g.iter().any(|m| body_rank(m.para) < lead)
            || g.len() >= 2
            || g.iter().any(|m| m.acronym.is_some())
            || g.iter().any(|m| after_subject_cue(ctx, m.span.start))
            || g.iter().any(|m| m.roundup)
            // And one the text grades ('Oldacre Police was rated good'), or
            // one named in a sentence that grades ('Oldacre Fire and Rescue
            // Service needs to make improvements': a round-up's item).
            || g.iter().any(|m| before_cue(ctx, m.span.end, "graded_after_cues"))
            || g.iter().any(|m| in_graded_sentence(ctx, m.span.start))
            // And a provider named with its place ('Kestrel Lodge in Oldacre').
            // (not in a sentence on an earlier inspection: 'at the last
            // inspection Kestrel Lodge, in Oldacre, was ...').
            || g.iter().any(|m| {
                !m.gazetteer
                    && m.locality.is_some()
                    && is_establishment(ctx, m.kind.as_deref())
                    && !in_past_sentence(ctx, m.span.start)
            })
            // And an establishment named after a place the lead puts it in
            // ('Nurseries in Ashby and Kell rated very good ... Kell Nursery').
            || g.iter().any(|m| {
                is_establishment(ctx, m.kind.as_deref())
                    && name_place_in_text_at(ctx, m)
                        .and_then(|(_, at)| ctx.doc.paragraph_at(at))
                        .is_some_and(|p| body_rank(p) < lead)
            })
            || g.iter().any(|m| {
                is_establishment(ctx, m.kind.as_deref())
                    && ctx
                        .sentence_span(m.span.start)
                        .is_some_and(|sent| roundup_sentence(sent.start))
            })
            // And a body whose kind the headline names ('Youth justice service
            // neglected children', the body named once further down).
            || g.iter().any(|m| {
                m.kind.as_deref().is_some_and(|k| {
                    k != "provider" && k.contains(' ') && headline.contains(&k.to_lowercase())
                })
            });
        prominent_groups.push((prominent, g));
    }
    // A hospital named in an article whose trust is its subject is inspected
    // with the trust ('maternity wards at Fenwick City Hospital').
    let parents = ctx.rules.list("hospital_parent_kinds");
    let trust_subject = prominent_groups.iter().any(|(p, g)| {
        *p && g[0]
            .kind
            .as_ref()
            .is_some_and(|k| parents.iter().any(|x| x == k))
    });
    for (prominent, g) in prominent_groups {
        let hospital = g[0].kind.as_deref() == Some("hospital");
        // (one the text reports findings about: `hospital_finding_cues` or a
        // grade in a sentence naming it, not one only listed or described).
        let reported = |m: &Mention| reports_findings_at(ctx, m.span.start);
        let included = if hospital && trust_subject {
            g.iter().any(reported)
        } else {
            prominent
        };
        if !included {
            continue;
        }
        let best = g
            .iter()
            .max_by_key(|m| {
                // The fullest name (most capitalised words, an acronym one
                // word: 'Oldacre Probation Delivery Unit' over 'Oldacre PDU');
                // between equals, the one with more capitals, then one in the
                // body (a headline shortens: 'Oldacre Council Children's
                // Services' for 'Oldacre Council's Children's Services'), then
                // the one of more words ('Oldacre police' over the area
                // 'Oldacre' alone), then the first. A name the text writes
                // wins over one put together.
                (
                    !m.composed,
                    m.name
                        .split_whitespace()
                        .filter(|w| w.starts_with(char::is_uppercase))
                        .count(),
                    m.name.chars().filter(|c| c.is_uppercase()).count(),
                    !in_headline(m.span.start),
                    m.name.split_whitespace().count(),
                    std::cmp::Reverse(m.span.start),
                )
            })
            .map(|m| (m.name.clone(), m.locality.clone()))
            .unwrap_or_default();
        let (best, best_locality) = best;
        let best = without_opening_the(text, best);
        let given = g.iter().find_map(|m| m.acronym.clone());
        let derived = g
            .iter()
            .map(|m| initials(&m.kind_text))
            .find(|a| a.len() >= 2 && contains_word(text, a));
        // A name that ends in its kind's acronym ('Oldacre PDU') gives it.
        let trailing = g.iter().find_map(|m| {
            let w = m.name.split_whitespace().last()?;
            (m.name.contains(' ')
                && (2..=6).contains(&w.len())
                && w.chars().all(|c| c.is_ascii_uppercase()))
            .then(|| w.to_string())
        });
        let kind_acronym = g.iter().find_map(|m| m.kind_acronym.clone());
        let acronym = given.or(derived).or(trailing).or(kind_acronym);
        let mut spans: Vec<NormSpan> = g.iter().map(|m| m.span).collect();
        if let Some(a) = &acronym {
            spans.extend(word_spans(text, |w| w == a || near_acronym(w, a)));
        }
        for r in ctx.rules.list("service_references") {
            spans.extend(find_all(text, r));
        }
        spans.sort();
        spans.dedup();
        let first = &g[0];
        // The locality as the fullest name writes it, else the first one given.
        // Of an establishment or a prison placed twice, a town over the
        // county or wider area it is in ('HMP Ravensholt in Westshire ... the
        // Ravensholt prison' is in Ravensholt).
        let placed_kind = is_establishment(ctx, first.kind.as_deref()) || is_after_kind(first);
        let placed: Vec<&String> = g
            .iter()
            .filter(|m| m.placed && placed_kind)
            .filter_map(|m| m.locality.as_ref())
            .collect();
        let town = placed
            .iter()
            .find(|l| !wider_area(ctx, l))
            .or(placed.first())
            .map(|l| l.to_string());
        // A hint that is the head of the service's own name ('Fenwick Court
        // care home' for Fenwick Court Care Home) may be its name, not its
        // place: any other hint comes first, then a town over a wider area,
        // then the first (headline hints lead the list).
        let name_head = |h: &str| {
            g.iter().any(|m| {
                m.name.len() > h.len()
                    && m.name.is_char_boundary(h.len())
                    && m.name[..h.len()].eq_ignore_ascii_case(h)
                    && m.name[h.len()..].starts_with(' ')
            })
        };
        let hint = hints
            .iter()
            .min_by_key(|h| (name_head(&h.2), wider_area(ctx, &h.2)))
            .map(|h| h.2.clone());
        // The fullest name's own place, when the text gives it and it is a town.
        let best_placed = best_locality
            .as_ref()
            .is_some_and(|b| placed.contains(&b) && !wider_area(ctx, b));
        let locality = if best_placed {
            best_locality.clone()
        } else {
            town
        };
        let locality = locality
            .or(best_locality)
            .or_else(|| g.iter().find_map(|m| m.locality.clone()))
            .or_else(|| {
                g.iter()
                    .filter(|m| is_establishment(ctx, m.kind.as_deref()))
                    .find_map(|m| name_place_in_text(ctx, m))
            })
            .or(hint)
            .or_else(|| g.iter().find_map(|m| place_in_name(ctx, m)));
        // An establishment placed in a council's area ('X School, Oldacre')
        // that the text also places in a place within one ('the school in
        // Fenwick Moor') is in the more specific place.
        let locality = match locality {
            Some(l) if is_establishment(ctx, first.kind.as_deref()) && council_area(ctx, &l) => {
                within_hints
                    .iter()
                    .find(|h| !council_area(ctx, h))
                    .cloned()
                    .or(Some(l))
            }
            l => l,
        };
        // Named only where the text stops mid-word: an excerpt cut short.
        cut_off
            .push(!spans.is_empty() && spans.iter().all(|s| ctx.text()[s.end..].trim().is_empty()));
        out.push(Service {
            name: best,
            acronym,
            locality,
            kind: first.kind.clone(),
            spans: spans
                .into_iter()
                .filter(|s| !ctx.doc.is_boilerplate(s.start))
                .map(|s| ctx.span(s))
                .collect(),
            rule: first.rule.clone(),
        });
    }
    // A name the text's end cut short ('Priory Hospital Blandf') that begins
    // another service's name is that service.
    let names: Vec<String> = out.iter().map(|s| s.name.clone()).collect();
    let mut i = 0;
    out.retain(|s| {
        let cut = cut_off[i];
        i += 1;
        !(cut
            && names
                .iter()
                .any(|n| n.len() > s.name.len() && n.starts_with(s.name.as_str())))
    });
    core_service(ctx, out)
}

/// A name the text writes with 'The' only where a sentence or a heading
/// starts ('The Priory Avenue Surgery has been rated ...'), never mid-sentence
/// ('at The Cooper School'): the article is no part of it.
fn without_opening_the(text: &str, name: String) -> String {
    let Some(rest) = name.strip_prefix("The ") else {
        return name;
    };
    if !rest.starts_with(|c: char| c.is_uppercase()) {
        return name;
    }
    let mid_sentence = find_all(text, &name).iter().any(|s| {
        text[..s.start]
            .trim_end_matches(' ')
            .chars()
            .next_back()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == ',')
    });
    if mid_sentence {
        name
    } else {
        rest.to_string()
    }
}

/// True when the sentence at `at` holds a grade or one of
/// `hospital_finding_cues`: the text reports findings there, not only a name.
fn reports_findings_at(ctx: &Ctx, at: usize) -> bool {
    ctx.sentence_span(at).is_some_and(|sent| {
        let t = &ctx.text()[sent.start..sent.end];
        let lower = t.to_lowercase();
        ctx.rules.rating_words.is_match(t)
            || ctx
                .rules
                .list("hospital_finding_cues")
                .iter()
                .any(|c| lower.contains(&c.to_lowercase()))
    })
}

/// A core service the inspection covered at a hospital or a trust
/// ('maternity services at Fenwick City Hospital', 'Fenwick NHS Trust's
/// maternity services'): a `core_services` phrase, in a sentence holding a
/// grade or one of `hospital_finding_cues`, names the inspected service after
/// its site: '<site> maternity services', or the possessive as the text
/// writes it. The site is the hospital or trust the phrase names (after 'at',
/// or before its possessive), else the article's first hospital, else its
/// first trust (`hospital_parent_kinds`); the other hospitals and trusts are
/// no services of their own there. The article must be about the core
/// service (see `lead` below) and name one hospital at most.
fn core_service(ctx: &Ctx, out: Vec<Service>) -> Vec<Service> {
    let text = ctx.text();
    let parents = ctx.rules.list("hospital_parent_kinds");
    let is_site = |s: &Service| {
        s.kind
            .as_deref()
            .is_some_and(|k| k == "hospital" || parents.iter().any(|p| p == k))
    };
    let hospitals = out
        .iter()
        .filter(|s| s.kind.as_deref() == Some("hospital"))
        .count();
    if !out.iter().any(is_site) || hospitals > 1 {
        return out;
    }
    let lower = text.to_lowercase();
    // Byte offsets agree only when lowercasing kept the lengths.
    if lower.len() != text.len() {
        return out;
    }
    // The article is about the core service when its head word
    // ('maternity') is in the headline or the paragraph after it. A headline
    // that grades something before that word ('Oldacre Trust still requires
    // improvement as maternity care falls') reports the core service as a
    // finding of a wider inspection; so does an article naming several
    // hospitals.
    let lead = |core: &str| {
        let head = core.split_whitespace().next().unwrap_or(core);
        let first = ctx.doc.head;
        let graded_first = ctx.doc.paragraphs.get(first).is_some_and(|p| {
            let t = &lower[p.span.start..p.span.end];
            t.find(head).is_some_and(|i| {
                ctx.rules
                    .rating_words
                    .is_match(&text[p.span.start..p.span.start + i])
            })
        });
        !graded_first
            && ctx.doc.paragraphs[first..]
                .iter()
                .take(2)
                .any(|p| lower[p.span.start..p.span.end].contains(head))
    };
    let mut found: Option<(usize, &str)> = None;
    for core in ctx.rules.list("core_services").iter().filter(|c| lead(c)) {
        for hit in find_all(&lower, core) {
            if reports_findings_at(ctx, hit.start)
                && !ctx.doc.is_boilerplate(hit.start)
                && found.is_none_or(|(at, _)| hit.start < at)
            {
                found = Some((hit.start, core.as_str()));
            }
        }
    }
    let Some((at, core)) = found else {
        return out;
    };
    let end = at + core.len();
    let after = text[end..]
        .strip_prefix(" at the ")
        .or_else(|| text[end..].strip_prefix(" at "));
    let possessive = |name: &str| {
        ["'s ", "\u{2019}s "].iter().find_map(|p| {
            let head = text[..at].strip_suffix(p)?;
            head.ends_with(name).then(|| head.len() - name.len())
        })
    };
    let named_after = out
        .iter()
        .position(|s| is_site(s) && after.is_some_and(|a| a.starts_with(s.name.as_str())));
    let named_before = out
        .iter()
        .enumerate()
        .find_map(|(i, s)| (is_site(s)).then(|| possessive(&s.name).map(|p| (i, p)))?);
    let first_of = |hospital: bool| {
        out.iter()
            .position(|s| is_site(s) && (s.kind.as_deref() == Some("hospital")) == hospital)
    };
    let Some(site) = named_after
        .or(named_before.map(|(i, _)| i))
        .or_else(|| first_of(true))
        .or_else(|| first_of(false))
    else {
        return out;
    };
    let name = match named_before.filter(|(i, _)| *i == site && named_after.is_none()) {
        Some((_, from)) => text[from..end].to_string(),
        None => format!("{} {}", out[site].name, core.to_lowercase()),
    };
    out.into_iter()
        .enumerate()
        .filter(|(i, s)| *i == site || !is_site(s))
        .map(|(i, mut s)| {
            if i == site {
                s.name = name.clone();
            }
            s
        })
        .collect()
}

/// A round-up of bodies of one of the `area_named_kinds` (police forces, fire
/// and rescue services) names them by their area alone once it has named one
/// in full: a sentence that opens with a list of their areas ('Oldacre and
/// Fenwick received good gradings', 'Both Oldacre and Fenwick ...') and holds
/// a grade word names each of them. The kind is the one of the article's
/// gazetteer mentions of those kinds (the most named, when it names two); a
/// place followed by a capitalised word ('Oldacre PCC said') or not opening
/// the sentence ('joins Fenwick as ...') names none. A list of two or more
/// that ends the sentence after one of `roundup_list_openers` ('The worst
/// were Oldacre, Fenwick and Marlowe.') names each too, when the sentence or
/// the one before holds a grade word. An article that names no such body in
/// full takes the kind its `roundup_kind_cues` ('forces', 'fire services')
/// name most, at least twice.
fn area_roundup(ctx: &Ctx, kept: &[Mention]) -> Vec<Mention> {
    let kinds = ctx.rules.list("area_named_kinds");
    let mut counts: Vec<(&str, usize, &str)> = Vec::new();
    for m in kept.iter().filter(|m| m.gazetteer) {
        let Some(k) = m.kind.as_deref() else { continue };
        if !kinds.iter().any(|x| x == k) {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == k) {
            Some(c) => c.1 += 1,
            None => counts.push((k, 1, &m.rule)),
        }
    }
    // The most named kind; the first named between equals.
    let picked = counts
        .iter()
        .rev()
        .max_by_key(|c| c.1)
        .map(|&(k, _, r)| (k.to_string(), r.to_string()))
        .or_else(|| roundup_kind_by_cues(ctx));
    let Some((kind, rule)) = picked else {
        return Vec::new();
    };
    let (kind, rule) = (kind.as_str(), rule.as_str());
    let mut places: Vec<&str> = ctx
        .rules
        .gazetteer
        .iter()
        .filter(|e| e.kind == kind)
        .filter_map(|e| e.locality.as_deref())
        .collect();
    places.sort_unstable();
    places.dedup();
    let text = ctx.text();
    // The longest place that `at` starts with, as whole words ('&' for 'and').
    let place_at = |at: usize| -> Option<usize> {
        let rest = &text[at..];
        places
            .iter()
            .filter_map(|p| {
                let len = written_len(rest, p)?;
                let next = rest[len..].chars().next();
                (!next.is_some_and(|c| c.is_alphanumeric() || c == '-')).then_some(len)
            })
            .max()
    };
    // The places listed from `at` ('A, B and C'), and where the list ends.
    let list_at = |mut at: usize, end: usize| -> (Vec<NormSpan>, usize) {
        let mut found: Vec<NormSpan> = Vec::new();
        while let Some(len) = place_at(at) {
            found.push(NormSpan::new(at, at + len));
            at += len;
            let rest = &text[at..end];
            let sep = [", ", " and ", " & ", ", and "]
                .iter()
                .find(|s| rest.starts_with(**s) && place_at(at + s.len()).is_some());
            match sep {
                Some(s) => at += s.len(),
                None => break,
            }
        }
        (found, at)
    };
    let openers = ctx.rules.list("roundup_list_openers");
    let graded = |i: usize| {
        let s = ctx.doc.sentences[i].span;
        ctx.rules.rating_words.is_match(&text[s.start..s.end])
    };
    let mut out = Vec::new();
    // Whether the sentence before holds a grade word, each sentence's read once.
    let mut graded_before = false;
    for (i, sent) in ctx.doc.sentences.iter().enumerate() {
        let (start, end) = (sent.span.start, sent.span.end);
        let graded_here = graded(i);
        let graded_prev = std::mem::replace(&mut graded_before, graded_here);
        if ctx.doc.is_boilerplate(start) {
            continue;
        }
        let mut found: Vec<NormSpan> = Vec::new();
        if graded_here {
            let mut at = start;
            if text[at..end].starts_with("Both ") {
                at += 5;
            }
            let (list, at) = list_at(at, end);
            // The list is the sentence's subject: a verb in lower case follows.
            let rest = &text[at..end];
            let verb =
                rest.starts_with(' ') && rest[1..].starts_with(|c: char| c.is_ascii_lowercase());
            if verb {
                found = list;
            }
        }
        // A list that closes the sentence after an opener ('... were A, B and C.').
        if found.is_empty() && (graded_here || graded_prev) {
            let sentence = &text[start..end];
            for o in openers {
                let Some(k) = sentence.rfind(o.as_str()) else {
                    continue;
                };
                let (list, at) = list_at(start + k + o.len(), end);
                let rest = text[at..end].trim_end();
                if list.len() >= 2 && (rest.is_empty() || rest == ".") {
                    found = list;
                    break;
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        let Some(para) = ctx.doc.paragraph_at(start) else {
            continue;
        };
        for span in found {
            let name = ctx.orig_str(span);
            out.push(Mention {
                kind_text: name.clone(),
                locality: Some(name.clone()),
                name,
                kind: Some(kind.to_string()),
                acronym: None,
                kind_acronym: None,
                span,
                rule: rule.to_string(),
                para,
                gazetteer: true,
                site: None,
                roundup: true,
                placed: false,
                composed: false,
            });
        }
    }
    out
}

/// The kind of [`area_roundup`] for an article that names no body of the
/// `area_named_kinds` in full: the one whose `roundup_kind_cues` ('police
/// force: forces') occur most, as whole words and at least twice, with the
/// id of its gazetteer's rule.
fn roundup_kind_by_cues(ctx: &Ctx) -> Option<(String, String)> {
    let lower = ctx.text().to_lowercase();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for item in ctx.rules.list("roundup_kind_cues") {
        let Some((kind, cue)) = item.split_once(':') else {
            continue;
        };
        let cue = cue.trim().to_lowercase();
        let n = lower
            .match_indices(&cue)
            .filter(|&(i, m)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + m.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .count();
        match counts.iter_mut().find(|c| c.0 == kind.trim()) {
            Some(c) => c.1 += n,
            None => counts.push((kind.trim(), n)),
        }
    }
    // The most cued kind; the first listed between equals.
    let &(kind, n) = counts.iter().rev().max_by_key(|c| c.1)?;
    if n < 2 {
        return None;
    }
    let rule = ctx
        .rules
        .phrase_tags
        .iter()
        .flatten()
        .find_map(|t| match t.kind {
            PhraseKind::Service { entry } if ctx.rules.gazetteer[entry].kind == kind => {
                Some(ctx.rules.rules[t.rule].id.clone())
            }
            _ => None,
        })?;
    Some((kind.to_string(), rule))
}

/// The length of the start of `text` that spells `place`, any case, '&' and
/// 'and' alike.
fn written_len(text: &str, place: &str) -> Option<usize> {
    let (t, p) = (text.as_bytes(), place.as_bytes());
    let (mut i, mut j) = (0, 0);
    while j < p.len() {
        if p[j..].starts_with(b"and ") && t.get(i..i + 2) == Some(b"& ") {
            i += 2;
            j += 4;
            continue;
        }
        if !t.get(i).is_some_and(|c| c.eq_ignore_ascii_case(&p[j])) {
            return None;
        }
        i += 1;
        j += 1;
    }
    Some(i)
}

/// A name without the words of `name_optional_words` ('Ysgol Gymraeg Bro
/// Eirwg' and 'Ysgol Bro Eirwg' are one school) and the word endings of
/// `name_optional_suffixes` ('Council-run'), lowercased.
fn core_name(ctx: &Ctx, name: &str) -> String {
    let optional = ctx.rules.list("name_optional_words");
    let suffixes = ctx.rules.list("name_optional_suffixes");
    name.split_whitespace()
        .filter(|w| !optional.iter().any(|o| o.eq_ignore_ascii_case(w)))
        .map(|w| {
            let w = w.to_lowercase().replace('\u{2019}', "'");
            match suffixes
                .iter()
                .find_map(|x| w.strip_suffix(x.to_lowercase().as_str()))
            {
                Some(stem) if !stem.is_empty() => stem.to_string(),
                _ => w,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn contains_word(text: &str, w: &str) -> bool {
    !word_spans(text, |x| x == w).is_empty()
}

/// Spans of the alphanumeric words for which `f` holds.
fn word_spans(text: &str, f: impl Fn(&str) -> bool) -> Vec<NormSpan> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            if f(&text[s..i]) {
                out.push(NormSpan::new(s, i));
            }
        }
    }
    out
}

/// Every place `needle` occurs in `text` as whole words.
pub(crate) fn find_all(text: &str, needle: &str) -> Vec<NormSpan> {
    text.match_indices(needle)
        .map(|(i, m)| NormSpan::new(i, i + m.len()))
        .filter(|s| crate::matcher::at_word_bounds(text, *s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{
        area_of_joint, as_written, part_of, place_after_comma, shortened, without_opening_the,
        written_len, End,
    };

    #[test]
    fn a_first_and_last_word_name_is_short_for_the_full_one() {
        assert!(shortened(
            "Kell School",
            "The Kell Community Science School"
        ));
        assert!(shortened("Larch School", "Larch Primary School"));
        // Not another school of the same first word, nor a longer short form.
        assert!(!shortened("Larch Academy", "Larch Primary School"));
        assert!(!shortened(
            "Larch Primary School",
            "Larch Community Primary School"
        ));
        assert!(!shortened("Larch School", "Larch School"));
    }

    #[test]
    fn an_opening_the_only_at_a_sentence_start_is_no_part_of_the_name() {
        let t = "Surgery rated\n\nThe Larch Surgery has been rated good. Patients at the Larch Surgery praised it.";
        assert_eq!(
            without_opening_the(t, "The Larch Surgery".into()),
            "Larch Surgery"
        );
        let t = "School rated\n\nThe Cooper School was inspected. Pupils at The Cooper School behave well.";
        assert_eq!(
            without_opening_the(t, "The Cooper School".into()),
            "The Cooper School"
        );
        // A common noun after it is left to the other checks.
        assert_eq!(
            without_opening_the("The school was rated good.", "The school".into()),
            "The school"
        );
    }

    #[test]
    fn a_name_with_the_in_front_is_short_for_the_full_one() {
        let short_form = |a: &str, b: &str| part_of(a, b, End::Start);
        assert!(short_form(
            "The Fenwick Ambulance Service",
            "Fenwick Ambulance Service NHS Trust"
        ));
        assert!(short_form(
            "Fenwick Ambulance Service",
            "The Fenwick Ambulance Service NHS Trust"
        ));
        assert!(!short_form("The Fenwick", "Fenwick Ambulance Service"));
        assert!(!short_form(
            "The Fenwick Ambulance Service",
            "Fenwick Ambulance Services"
        ));
    }

    #[test]
    fn a_name_is_read_short_from_its_end_apostrophes_folded() {
        assert!(part_of(
            "Cheshire House",
            "Leonard Cheshire House",
            End::Finish
        ));
        assert!(part_of(
            "St Aldric\u{2019}s Hospital",
            "Fenwick St Aldric's Hospital",
            End::Finish
        ));
        assert!(!part_of(
            "Cheshire House",
            "Leonard Cheshire Houses",
            End::Finish
        ));
        assert!(!part_of("House", "Leonard Cheshire House", End::Finish));
        assert!(!part_of(
            "Cheshire House",
            "Leonard Cheshire House",
            End::Start
        ));
    }

    #[test]
    fn one_area_of_a_joint_locality_is_found_in_it() {
        assert!(area_of_joint("Tower Hamlets and City of London", "London"));
        assert!(area_of_joint(
            "Tower Hamlets and City of London",
            "tower hamlets"
        ));
        assert!(area_of_joint(
            "Leicester, Leicestershire & Rutland",
            "Rutland"
        ));
        assert!(!area_of_joint("Tower Hamlets and City of London", "City"));
        assert!(!area_of_joint("North Yorkshire", "Yorkshire"));
        assert!(!area_of_joint("Derby City", "Derby"));
    }

    #[test]
    fn as_written_spells_the_locality_as_the_name_does() {
        let n = "Dorset & Wiltshire Fire and Rescue Service";
        assert_eq!(
            as_written(n, "Dorset and Wiltshire").as_deref(),
            Some("Dorset & Wiltshire")
        );
        let n = "OLDACRE and Fenwick Police";
        assert_eq!(
            as_written(n, "Oldacre and Fenwick").as_deref(),
            Some("OLDACRE and Fenwick")
        );
        let n = "Oldacre's children's services";
        assert_eq!(as_written(n, "Oldacre").as_deref(), Some("Oldacre"));
        assert_eq!(as_written("Fenwick Police", "Oldacre"), None);
    }

    #[test]
    fn place_after_comma_reads_the_town() {
        let t = "Larch Nursery, Oldacre, was rated";
        assert_eq!(place_after_comma(t, 13).as_deref(), Some("Oldacre"));
        let t = "Larch Nursery, Vale of Fenmoor\n";
        assert_eq!(place_after_comma(t, 13).as_deref(), Some("Vale of Fenmoor"));
        let t = "Larch Nursery, Oldacre of course";
        assert_eq!(place_after_comma(t, 13).as_deref(), Some("Oldacre"));
        // Closed by a word in lower case.
        let t = "Larch Nursery, Oldacre in March";
        assert_eq!(place_after_comma(t, 13).as_deref(), Some("Oldacre"));
        // Not an item of a list, nor an acronym.
        let t = "Larch Nursery, Fenwick ELCC and Birch Nursery";
        assert_eq!(place_after_comma(t, 13), None);
        let t = "Larch Nursery, Fenwick and Birch Nursery";
        assert_eq!(place_after_comma(t, 13), None);
        // 'near' the town places it there too.
        let t = "Larch Nursery, near Oldacre, was rated";
        assert_eq!(place_after_comma(t, 13).as_deref(), Some("Oldacre"));
    }

    #[test]
    fn written_len_spells_a_place_any_case_with_ampersands() {
        assert_eq!(
            written_len("Oldacre and Fenwick received", "Oldacre"),
            Some(7)
        );
        assert_eq!(
            written_len("OLDACRE & Fenwick were", "Oldacre and Fenwick"),
            Some(17)
        );
        assert_eq!(
            written_len("Oldacre and Fenwick", "Oldacre and Fenwick"),
            Some(19)
        );
        assert_eq!(written_len("Olden", "Oldacre"), None);
    }
}
