//! People: `[[person]]` rules introduce people with their roles ('Martin Jones,
//! the Chief Inspector of Probation'); `[[role]]` rules say whose roles make them
//! officials. Quotes add the speakers they name. Reporters and credits never
//! become officials.

use super::meta::Meta;
use super::Ctx;
use crate::record::Official;
use crate::rules::Family;
use crate::span::NormSpan;

/// A person found in the article.
#[derive(Debug, Clone)]
pub struct Person {
    /// Full name, without honorific.
    pub name: String,
    /// Role as written.
    pub role: Option<String>,
    /// Organisation.
    pub org: Option<String>,
    /// Honours ('CBE').
    pub honours: Option<String>,
    /// Honorific used with the name ('Cllr').
    pub honorific: Option<String>,
    /// First mention.
    pub span: NormSpan,
    /// Rule that introduced the person.
    pub rule: String,
    /// Official per the role rules; None when no role says.
    pub official: Option<bool>,
    /// Priority of the rule that gave the role (lower wins).
    pub role_priority: u32,
    /// Quoted in the article.
    pub quoted: bool,
    /// Normalised offsets where the person is mentioned.
    pub mentions: Vec<usize>,
}

/// Everyone found, and names that must never be officials.
#[derive(Debug, Default)]
pub struct People {
    /// People in order of first mention.
    pub list: Vec<Person>,
    /// Lower-cased names of reporters and credits.
    pub not_officials: Vec<String>,
    /// People a `kind = "named_official"` rule names: officials, held back
    /// until the quotes are attributed (see [`People::add_named`]).
    named: Vec<Person>,
    /// Who is who by name key, so that adding and looking up a person does not
    /// scan everyone found so far (quadratic on long texts naming many people).
    index: NameIndex,
}

/// Indices into [`People::list`] (ascending) by name key, by the key's first
/// word and by its last word. Kept in step with the names by [`People::add`].
#[derive(Debug, Default)]
struct NameIndex {
    by_key: std::collections::HashMap<String, Vec<usize>>,
    by_first: std::collections::HashMap<String, Vec<usize>>,
    by_last: std::collections::HashMap<String, Vec<usize>>,
}

fn first_word(k: &str) -> &str {
    k.split(' ').next().unwrap_or("")
}

fn last_word(k: &str) -> &str {
    k.rsplit(' ').next().unwrap_or("")
}

fn insert_sorted(v: &mut Vec<usize>, i: usize) {
    if let Err(at) = v.binary_search(&i) {
        v.insert(at, i);
    }
}

fn remove_from(map: &mut std::collections::HashMap<String, Vec<usize>>, k: &str, i: usize) {
    if let Some(v) = map.get_mut(k) {
        v.retain(|&x| x != i);
    }
}

impl NameIndex {
    fn insert(&mut self, k: &str, i: usize) {
        insert_sorted(self.by_key.entry(k.to_string()).or_default(), i);
        insert_sorted(
            self.by_first.entry(first_word(k).to_string()).or_default(),
            i,
        );
        insert_sorted(self.by_last.entry(last_word(k).to_string()).or_default(), i);
    }
    fn remove(&mut self, k: &str, i: usize) {
        remove_from(&mut self.by_key, k, i);
        remove_from(&mut self.by_first, first_word(k), i);
        remove_from(&mut self.by_last, last_word(k), i);
    }
    fn get<'a>(map: &'a std::collections::HashMap<String, Vec<usize>>, k: &str) -> &'a [usize] {
        map.get(k).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The key a person is indexed under: the name's [`key`], less an honorific
/// written before a bare surname ('Mr Hunter' is keyed 'hunter'), so that a
/// full name met later ('Andy Hunter') or before absorbs them.
fn person_key(p: &Person) -> String {
    let k = key(&p.name);
    if let Some(h) = &p.honorific {
        let hk = key(h);
        if let Some(rest) = k.strip_prefix(&hk).and_then(|r| r.strip_prefix(' ')) {
            if !rest.is_empty() && !rest.contains(' ') {
                return rest.to_string();
            }
        }
    }
    k
}

fn key(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    crate::normalize::squash_spaces(&kept).to_lowercase()
}

/// Split an honorific off a name and check every word looks like a name word.
pub fn clean_person_name(ctx: &Ctx, raw: &str) -> Option<(String, Option<String>)> {
    let honorifics = ctx.rules.list("honorifics");
    let honours = ctx.rules.list("honours");
    let stop = ctx.rules.list("name_stopwords");
    let month_words = ctx.rules.list("name_month_words");
    let mut words: Vec<&str> = raw
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == ',' || c == ';' || c == ':'))
        .filter(|w| !w.is_empty())
        .collect();
    // A body's possessive before the name is no part of it ('the union's
    // Jo Hale', 'Unison's Jo Hale'); nor is a possessive ending on the name
    // ('Jo Hale's response'), nor a post written after it (`name_posts`:
    // 'Jo Hale MP').
    while words.len() > 2 && is_possessive(words[0]) {
        words.remove(0);
    }
    if let Some(k) = (1..words.len()).find(|&k| is_possessive(words[k])) {
        words.truncate(k + 1);
    }
    if let Some(last) = words.last_mut() {
        *last = last
            .strip_suffix("'s")
            .or_else(|| last.strip_suffix("\u{2019}s"))
            .unwrap_or(last);
    }
    let posts = ctx.rules.list("name_posts");
    while words.len() > 2 && words.last().is_some_and(|w| posts.iter().any(|p| p == w)) {
        words.pop();
    }
    // Honorifics may stack ('Professor Sir Mike Richards'): the first one is
    // kept, the others dropped from the name.
    let mut honorific = None;
    while let Some(first) = words.first() {
        let f = first.trim_end_matches('.');
        if !honorifics.iter().any(|h| h.eq_ignore_ascii_case(f)) || words.len() < 2 {
            break;
        }
        honorific.get_or_insert_with(|| f.to_string());
        words.remove(0);
    }
    while words.last().is_some_and(|w| honours.iter().any(|h| h == w)) {
        words.pop();
    }
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    if honorific.is_none() && words.len() < 2 {
        return None;
    }
    // A particle ('de', 'van') stands inside a name, never at either end;
    // after an honorific it may open the surname ('Dame de Souza').
    let particles = ctx.rules.list("name_particles");
    for (i, w) in words.iter().enumerate() {
        if (i > 0 || honorific.is_some()) && i + 1 < words.len() && particles.iter().any(|p| p == w)
        {
            continue;
        }
        let first = w.chars().next()?;
        if !first.is_uppercase() || w.chars().all(|c| c.is_uppercase()) && w.len() > 1 {
            return None;
        }
        let bare = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
        // A month that is also a name ('Anthony May', 'April King') is one in
        // a two-word name whose other word is a name word
        // (`name_month_words`).
        let month_name = words.len() == 2
            && month_words.iter().any(|m| m == bare)
            && !stop
                .iter()
                .any(|s| s.eq_ignore_ascii_case(words[1 - i].trim_end_matches("'s")));
        if !month_name && stop.iter().any(|s| s.eq_ignore_ascii_case(bare)) {
            return None;
        }
        // Two lines run together with no space between ('Laura
        // CraneCouncillor Laura'): a capital after a small letter opening an
        // honorific ends one name and starts the next.
        if glued_honorific(w, honorifics) {
            return None;
        }
    }
    Some((words.join(" "), honorific))
}

/// True for a word in which a small letter runs straight into an honorific
/// ('CraneCouncillor'), never for a surname with an inner capital ('McLeod').
fn glued_honorific(w: &str, honorifics: &[String]) -> bool {
    w.char_indices().zip(w.chars().skip(1)).any(|((i, a), b)| {
        a.is_lowercase()
            && b.is_uppercase()
            && honorifics
                .iter()
                .any(|h| h.len() > 2 && w[i + a.len_utf8()..].starts_with(h.as_str()))
    })
}

/// True for a word ending in a possessive 's.
fn is_possessive(w: &str) -> bool {
    w.len() > 2 && (w.ends_with("'s") || w.ends_with("\u{2019}s"))
}

fn clean_role(s: &str) -> Option<String> {
    let mut r = s
        .trim()
        .trim_matches(|c: char| c == ',' || c == ';' || c == ':' || c == '.')
        .trim();
    for p in [
        "the ", "The ", "a ", "A ", "an ", "its ", "our ", "Our ", "who is ",
    ] {
        if let Some(x) = r.strip_prefix(p) {
            r = x;
        }
    }
    (!r.is_empty()).then(|| r.to_string())
}

impl People {
    /// Add the people held back by `named_official` rules, once the quotes
    /// are attributed: someone named in passing ('the protocol, signed by
    /// David Lidington') acts for their office, but is no likelier than
    /// anyone else to say the words quoted next.
    pub fn add_named(&mut self) {
        for p in std::mem::take(&mut self.named) {
            if !self.excluded(&p.name) {
                self.add(p);
            }
        }
    }

    /// Add a person or merge into the one with the same name (a bare surname
    /// merges into the full name that ends with it).
    pub fn add(&mut self, p: Person) -> usize {
        let k = person_key(&p);
        // A bare surname is the same person as a full name ending with it.
        let bare_same = NameIndex::get(&self.index.by_last, &k)
            .iter()
            .copied()
            .find(|&i| key(&self.list[i].name).contains(' '));
        let same = NameIndex::get(&self.index.by_key, &k).first().copied();
        let same = if k.contains(' ') {
            same
        } else {
            match (same, bare_same) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        };
        if !k.contains(' ') {
            // A full name met later absorbs an earlier bare surname.
        } else if let Some(i) = NameIndex::get(&self.index.by_key, last_word(&k))
            .first()
            .copied()
            .filter(|_| !last_word(&k).is_empty())
        {
            let old = self.list[i].clone();
            self.index.remove(&person_key(&old), i);
            self.index.insert(&k, i);
            let x = &mut self.list[i];
            x.name = p.name.clone();
            if p.role.is_some() {
                x.role = p.role.clone();
                x.official = p.official;
            } else if x.official.is_none() {
                x.official = p.official;
            }
            x.org = p.org.clone().or(old.org);
            x.honours = p.honours.clone().or(old.honours);
            x.mentions.extend(p.mentions.iter().copied());
            return i;
        }
        if let Some(i) = same {
            let x = &mut self.list[i];
            if p.role.is_some() && (x.role.is_none() || p.role_priority < x.role_priority) {
                x.role = p.role;
                x.official = p.official;
                x.role_priority = p.role_priority;
            }
            // Someone a `kind = "official"` rule names with no post ('an
            // inspection led by Jane Bell') met before as a speaker.
            if x.official.is_none() {
                x.official = p.official;
            }
            if x.org.is_none() {
                x.org = p.org;
            }
            if x.honours.is_none() {
                x.honours = p.honours;
            }
            x.mentions.extend(p.mentions);
            return i;
        }
        self.index.insert(&k, self.list.len());
        self.list.push(p);
        self.list.len() - 1
    }

    /// The person a name refers to: full name, else surname or first name.
    pub fn lookup(&self, name: &str) -> Option<(usize, bool)> {
        let k = key(name);
        if let Some(&i) = NameIndex::get(&self.index.by_key, &k).first() {
            return Some((i, true));
        }
        if k.contains(' ') {
            // A surname with a particle ('de Souza', from 'Dame de Souza'):
            // the latest full name ending with it.
            if !name.trim_start().starts_with(char::is_lowercase) {
                return None;
            }
            let tail = format!(" {k}");
            return NameIndex::get(&self.index.by_last, last_word(&k))
                .iter()
                .rev()
                .copied()
                .find(|&i| key(&self.list[i].name).ends_with(&tail))
                .map(|i| (i, false));
        }
        let last = NameIndex::get(&self.index.by_last, &k).last().copied();
        let first = NameIndex::get(&self.index.by_first, &k).last().copied();
        last.max(first).map(|i| (i, false))
    }

    /// The person holding a role ('the Chief Inspector of Probation').
    pub fn by_role(&self, role: &str) -> Option<usize> {
        let r = key(role);
        self.list.iter().position(|x| {
            x.role.as_ref().is_some_and(|xr| {
                let k = key(xr);
                // 'the Minister' is the Minister for Education named
                // before: a post's head word, its body after it.
                k == r || k.ends_with(&r) || r.ends_with(&k) || k.starts_with(&format!("{r} "))
            })
        })
    }

    /// Most recent person mentioned before `pos`.
    pub fn recent(&self, pos: usize) -> Option<usize> {
        self.recent_where(pos, |_| true)
    }

    /// Most recent person mentioned before `pos` among those `keep` accepts.
    pub fn recent_where(&self, pos: usize, keep: impl Fn(usize) -> bool) -> Option<usize> {
        self.list
            .iter()
            .enumerate()
            .filter(|&(i, _)| keep(i))
            .filter_map(|(i, p)| {
                p.mentions
                    .iter()
                    .filter(|&&m| m < pos)
                    .max()
                    .map(|&m| (m, i))
            })
            .max()
            .map(|(_, i)| i)
    }

    /// True when the name belongs to a reporter or credit.
    pub fn excluded(&self, name: &str) -> bool {
        let k = key(name);
        self.not_officials.contains(&k)
    }
}

/// Whether a role makes its holder an official, per the `[[role]]` rules.
///
/// A `not_official` rule reads only the post itself, before 'of', 'for' or
/// 'at' and the body it names: the chair of a patients' group is an
/// official, a patient is not.
pub fn role_is_official(ctx: &Ctx, role: &str) -> Option<bool> {
    let head = role_head(role);
    ctx.rules
        .family(Family::Role)
        .find(|(_, r)| {
            if r.def.kind.as_deref() == Some("not_official") {
                r.is_match(head)
            } else {
                r.is_match(role)
            }
        })
        .map(|(_, r)| r.def.kind.as_deref() != Some("not_official"))
}

/// A role up to the first ' of ', ' for ' or ' at ' (any case) after its
/// first word: the post without the body it names.
fn role_head(role: &str) -> &str {
    let lower = role.to_ascii_lowercase();
    let first = lower.find(' ').unwrap_or(lower.len());
    [" of ", " for ", " at "]
        .iter()
        .filter_map(|sep| lower[first..].find(sep).map(|i| first + i))
        .min()
        .map_or(role, |i| &role[..i])
}

/// The organisation a role names: a chief inspector's inspectorate, or 'of X'.
pub fn org_of_role(ctx: &Ctx, role: &str) -> Option<String> {
    // The longest chief title inside the role names the inspectorate.
    let lower = role.to_lowercase();
    let best = ctx
        .rules
        .inspectorates
        .iter()
        .flat_map(|i| i.chief_titles.iter().map(move |t| (t, i)))
        .filter(|(t, _)| lower.contains(&t.to_lowercase()))
        .max_by_key(|(t, _)| t.len());
    if let Some((_, insp)) = best {
        return Some(insp.name.clone());
    }
    for sep in [" of ", " at ", " for "] {
        if let Some(i) = role.rfind(sep) {
            let rest = role[i + sep.len()..].trim();
            let rest = rest.strip_prefix("the ").unwrap_or(rest);
            if rest.starts_with(|c: char| c.is_uppercase()) {
                return Some(rest.to_string());
            }
        }
    }
    None
}

/// At most this many bare surnames per document are looked up in full.
const MAX_NAME_EXPANSIONS: usize = 64;

/// People introduced by the `[[person]]` rules.
pub fn find(ctx: &Ctx, meta: &Meta, insp: Option<usize>) -> People {
    let insp_roles = ctx.rules.list("inspectorate_roles");
    let official_honorifics = ctx.rules.list("official_honorifics");
    let stop = ctx.rules.list("name_stopwords");
    let mut people = People {
        list: Vec::new(),
        not_officials: meta.not_officials.iter().map(|n| key(n)).collect(),
        named: Vec::new(),
        index: NameIndex::default(),
    };
    let mut expansions = 0usize;
    for (hit, rule) in ctx.hits(Family::Person) {
        if !ctx.applies(hit, rule) {
            continue;
        }
        let Some(mut ng) = ctx.group(hit, "name") else {
            continue;
        };
        // A capitalised word no name begins with, caught at the front of a
        // name that follows it ('Today Jane Bell, chief nurse, said'), is
        // passed over.
        while let Some((first, rest)) = ctx.norm_str(ng).split_once(' ') {
            if rest.split_whitespace().count() < 2 || !stop.iter().any(|w| w == first) {
                break;
            }
            ng = NormSpan::new(ng.start + first.len() + 1, ng.end);
        }
        // A rule's `value` is a title the list it reads gives each name
        // ('Councillors Abbot, Fenn and Hale': each a councillor).
        let raw = match rule.def.value.as_deref() {
            Some(title) => format!("{title} {}", ctx.orig_str(ng)),
            None => ctx.orig_str(ng),
        };
        let Some((name, honorific)) = clean_person_name(ctx, &raw) else {
            continue;
        };
        // 'Ms Bell said' of someone the text named in full before ('Ann Bell').
        // Each look-up scans the text before, so a document gets a bounded
        // number of them.
        // A surname with a particle ('Dame de Souza') is a surname too.
        let bare = !name.contains(' ') || name.starts_with(char::is_lowercase);
        let name = if !bare || expansions >= MAX_NAME_EXPANSIONS {
            name
        } else {
            expansions += 1;
            // Someone the text names only by title and surname ('Lord Nash',
            // 'Mrs Sloan') keeps the title: it is the name they go by. A
            // councillor's title is their post, not their name ('Councillor
            // Muldowney' is Muldowney, a councillor).
            super::quote::names::full_name_before(ctx, &name, ng.start).unwrap_or_else(|| {
                match honorific.as_deref() {
                    Some(h)
                        if !official_honorifics
                            .iter()
                            .any(|c| c.eq_ignore_ascii_case(h)) =>
                    {
                        format!("{h} {name}")
                    }
                    _ => name,
                }
            })
        };
        if people.excluded(&name) {
            continue;
        }
        let role = ctx
            .group(hit, "role")
            .and_then(|g| clean_role(&ctx.orig_str(g)));
        let honours = ctx.group(hit, "honours").map(|g| ctx.orig_str(g));
        // A rule of `kind = "official"` names someone acting for a body
        // ('an inspection led by Jane Bell') when no role says otherwise.
        let official = role
            .as_deref()
            .and_then(|r| role_is_official(ctx, r))
            .or_else(|| {
                matches!(
                    rule.def.kind.as_deref(),
                    Some("official" | "named_official")
                )
                .then_some(true)
            });
        let org = ctx
            .group(hit, "org")
            .map(|g| ctx.orig_str(g))
            .or_else(|| role.as_deref().and_then(|r| org_of_role(ctx, r)))
            // An inspector's post with no body named ('Inspector Jane Bell')
            // in an article about an inspectorate is a post there.
            .or_else(|| {
                let r = role.as_deref()?;
                let i = insp?;
                insp_roles
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(r))
                    .then(|| ctx.rules.inspectorates[i].name.clone())
            });
        let person = Person {
            name,
            role,
            org,
            honours,
            honorific,
            span: ng,
            rule: rule.info.id.clone(),
            official,
            role_priority: rule.def.priority,
            quoted: false,
            mentions: vec![ng.start],
        };
        if rule.def.kind.as_deref() == Some("named_official") {
            people.named.push(person);
        } else {
            people.add(person);
        }
    }
    add_mentions(ctx, &mut people);
    people
}

/// Record every later mention (full name, surname, first name) for pronoun resolution.
///
/// One pass over the text for every name and surname at once (a scan per
/// person was quadratic on long texts naming many people).
pub fn add_mentions(ctx: &Ctx, people: &mut People) {
    let text = ctx.text();
    // Each distinct needle once, with the people it belongs to.
    let mut needles: Vec<String> = Vec::new();
    let mut owners: Vec<Vec<usize>> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (pi, p) in people.list.iter().enumerate() {
        let last = p.name.rsplit(' ').next().unwrap_or("");
        for needle in [p.name.as_str(), last] {
            if needle.is_empty() {
                continue;
            }
            let n = *index.entry(needle.to_string()).or_insert_with(|| {
                needles.push(needle.to_string());
                owners.push(Vec::new());
                needles.len() - 1
            });
            if owners[n].last() != Some(&pi) {
                owners[n].push(pi);
            }
        }
    }
    if !needles.is_empty() {
        // A handful of names, searched once: an NFA, which is built at a
        // fraction of the cost of the DFA the default would pick.
        let ac = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .build(&needles);
        if let Ok(ac) = ac {
            let honorifics = ctx.rules.list("honorifics");
            let stop = ctx.rules.list("name_stopwords");
            // A surname right after another first name belongs to someone
            // or something else ('Ysgol David Hughes' is no mention of Ann
            // Hughes); not after an honorific, a title or initials ('Mrs
            // Hughes', 'Inspector Hughes', 'HMI Hughes').
            let other_first = |at: usize| {
                let before = text[..at].trim_end_matches(' ');
                if before.len() + 1 != at {
                    return false;
                }
                let word = before
                    .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
                    .next()
                    .unwrap_or("");
                let bare = word.trim_end_matches('.');
                bare.starts_with(|c: char| c.is_uppercase())
                    && bare.chars().skip(1).all(char::is_lowercase)
                    && bare.len() > 1
                    && !honorifics.iter().any(|h| h.eq_ignore_ascii_case(bare))
                    && !stop.iter().any(|h| h.eq_ignore_ascii_case(bare))
            };
            for m in ac.find_overlapping_iter(text) {
                let surname = !needles[m.pattern().as_usize()].contains(' ');
                if surname && other_first(m.start()) {
                    continue;
                }
                if crate::matcher::at_word_bounds(text, NormSpan::new(m.start(), m.end())) {
                    for &pi in &owners[m.pattern().as_usize()] {
                        people.list[pi].mentions.push(m.start());
                    }
                }
            }
        }
    }
    for p in &mut people.list {
        p.mentions.sort_unstable();
        p.mentions.dedup();
    }
}

/// The officials: people whose role (or councillor honorific) makes them one.
pub fn officials(ctx: &Ctx, people: &People) -> Vec<Official> {
    let councillor = ctx.rules.list("official_honorifics");
    people
        .list
        .iter()
        .filter(|p| !people.excluded(&p.name))
        .filter(|p| match p.official {
            Some(o) => o,
            None => p
                .honorific
                .as_ref()
                .is_some_and(|h| councillor.iter().any(|c| c.eq_ignore_ascii_case(h))),
        })
        .map(|p| Official {
            name: p.name.clone(),
            // A councillor's honorific is their post; 'Mr' or 'Dr' is none.
            role: p.role.clone().or_else(|| {
                p.honorific
                    .as_ref()
                    .filter(|h| councillor.iter().any(|c| c.eq_ignore_ascii_case(h)))
                    .map(|h| match h.to_lowercase().as_str() {
                        "cllr" | "coun" => "councillor".to_string(),
                        other => other.to_string(),
                    })
            }),
            org: p.org.clone(),
            honours: p.honours.clone(),
            quoted: p.quoted,
            span: ctx.span(p.span),
            rule: p.rule.clone(),
        })
        .collect()
}
