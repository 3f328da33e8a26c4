//! Which records report one inspection: records bucketed by service key, each
//! bucket cut into inspections by the time window.
//!
//! 1. Every service of a record with an inspectorate gets a [`Key`]; a service
//!    named only by an acronym takes the key of a service another record of
//!    the same inspectorate spells out with that acronym.
//! 2. A record with an inspectorate and no service identity is linked by its
//!    headline when the headline names exactly one key of its inspectorate
//!    (one automaton per inspectorate, so this stays linear).
//!    A record naming no inspectorate but giving a rating (or, when the rules
//!    say so, naming a service at all) joins a service that exactly one
//!    inspectorate's records name (when the rules allow it).
//! 3. In each bucket, dated records are sorted and cut wherever a record comes
//!    more than `window.days` after the first of its inspection. An undated
//!    record joins the bucket's one inspection when there is exactly one;
//!    otherwise the undated records form one inspection of their own.
//!
//! 4. A record with an inspectorate and still no key, but a date and a kind
//!    class (from its services or its headline), joins the one inspection of
//!    its inspectorate and class that starts within `window.keyless_days`;
//!    with no kind class either (when the rules allow it), the one inspection
//!    of its inspectorate of any class.
//!
//! A record with an inspectorate that none of this links is an inspection on
//! its own (keyless). Cost: one hash-map entry per service, one sort per bucket.

use super::key::{self, fold, Key};
use super::rules::LinkRules;
use super::LinkRecord;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One inspection's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The bucket (none for a record linked to nothing).
    pub key: Option<Key>,
    /// First day (days since 1970-01-01) of the inspection's dated records.
    pub first_day: Option<i64>,
    /// Member records: index into the records, and how it was linked
    /// (`service` or `title`).
    pub members: Vec<(usize, &'static str)>,
    /// Per member: how many inspections its record takes part in.
    pub reports: Vec<usize>,
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` or `YYYY-MM` (the 15th) date.
pub fn day(s: &str) -> Option<i64> {
    let mut it = s.trim().split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = match it.next() {
        Some(d) => d.parse().ok()?,
        None => 15,
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

/// A record's place in time: its publication date, else its latest fieldwork
/// date plus the lag.
pub fn record_day(r: &LinkRecord, rules: &LinkRules) -> Option<i64> {
    if let Some(d) = r.published.as_deref().and_then(day) {
        return Some(d);
    }
    r.fieldwork
        .iter()
        .filter_map(|f| day(f))
        .max()
        .map(|d| d + rules.fieldwork_lag_days)
}

/// The years a record's headline names ('Lancashire 2018/19', 'review 2015'),
/// for a record with no publication date: the first day of the earliest and
/// the last day of the latest year, when the rules use headline years.
pub fn title_period(r: &LinkRecord, rules: &LinkRules) -> Option<(i64, i64)> {
    let re = rules.title_years.as_ref()?;
    if r.published.is_some() {
        return None;
    }
    let mut years: Vec<i64> = Vec::new();
    for c in re.captures_iter(r.title.as_deref()?) {
        let Some(y) = c.name("from").and_then(|m| m.as_str().parse::<i64>().ok()) else {
            continue;
        };
        years.push(y);
        // A span's end: '2018/19' (two digits, in the same century) or '2018/2019'.
        let end = c.name("to").and_then(|m| {
            let e = m.as_str().parse::<i64>().ok()?;
            Some(if m.as_str().len() == 2 {
                y - y % 100 + e
            } else {
                e
            })
        });
        if let Some(e) = end.filter(|e| (y..=y + 2).contains(e)) {
            years.push(e);
        }
    }
    let (lo, hi) = (*years.iter().min()?, *years.iter().max()?);
    Some((day(&format!("{lo}-01-01"))?, day(&format!("{hi}-12-31"))?))
}

/// Group records into inspections (in key order, then time order; keyless
/// records last, in record order).
pub fn groups(records: &[LinkRecord], rules: &LinkRules) -> Vec<Group> {
    // Acronyms spelled out: (inspectorate, acronym) -> key, when unambiguous.
    let mut acronyms: HashMap<(&str, String), Option<Key>> = HashMap::new();
    for r in records {
        for s in &r.services {
            let (Some(a), false) = (s.acronym.as_deref(), key::is_acronym(&s.name)) else {
                continue;
            };
            let Some(k) = key::service_key(r, s, rules) else {
                continue;
            };
            let slot = acronyms
                .entry((r.inspectorate.as_deref().unwrap_or(""), a.to_uppercase()))
                .or_insert_with(|| Some(k.clone()));
            if slot.as_ref() != Some(&k) {
                *slot = None;
            }
        }
    }
    // Keys of every record.
    let mut keys: Vec<Vec<(Key, &'static str)>> = vec![Vec::new(); records.len()];
    for (i, r) in records.iter().enumerate() {
        let Some(insp) = r.inspectorate.as_deref() else {
            continue;
        };
        for s in &r.services {
            let k = if key::is_acronym(&s.name) {
                acronyms
                    .get(&(insp, s.name.trim().to_string()))
                    .cloned()
                    .flatten()
                    .or_else(|| key::service_key(r, s, rules))
            } else {
                key::service_key(r, s, rules)
            };
            if let Some(k) = k {
                if !keys[i].iter().any(|(x, _)| *x == k) {
                    keys[i].push((k, "service"));
                }
            }
        }
    }
    fold_typos(&mut keys, rules);
    fold_prefixes(&mut keys, rules);
    // A record that names no inspectorate but gives a rating for a service
    // that exactly one inspectorate's records name (its inspectorate went
    // unrecognised): linked to that service.
    if rules.rated_without_inspectorate || rules.named_without_inspectorate {
        let mut by_ident: HashMap<(String, String), Option<Key>> = HashMap::new();
        for ks in &keys {
            for (k, _) in ks {
                let slot = by_ident
                    .entry((k.class.clone(), k.identity.clone()))
                    .or_insert_with(|| Some(k.clone()));
                if slot
                    .as_ref()
                    .is_some_and(|x| x.inspectorate != k.inspectorate)
                {
                    *slot = None;
                }
            }
        }
        for (i, r) in records.iter().enumerate() {
            let rated = !r.ratings.is_empty();
            if r.inspectorate.is_some()
                || !(rated && rules.rated_without_inspectorate || rules.named_without_inspectorate)
            {
                continue;
            }
            for s in &r.services {
                let found = key::class_identity(s, None, rules)
                    .and_then(|ci| by_ident.get(&ci).cloned().flatten());
                if let Some(k) = found {
                    if !keys[i].iter().any(|(x, _)| *x == k) {
                        keys[i].push((k, "service"));
                    }
                }
            }
        }
    }
    // Headlines of records without a key, per inspectorate.
    let mut by_insp: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        if let (Some(insp), true, Some(_)) =
            (r.inspectorate.as_deref(), keys[i].is_empty(), &r.title)
        {
            by_insp.entry(insp).or_default().push(i);
        }
    }
    if !by_insp.is_empty() {
        // Identities of each inspectorate's keys.
        let mut idents: BTreeMap<String, BTreeMap<String, Option<Key>>> = BTreeMap::new();
        for ks in &keys {
            for (k, _) in ks {
                if !by_insp.contains_key(k.inspectorate.as_str()) {
                    continue;
                }
                let slot = idents
                    .entry(k.inspectorate.clone())
                    .or_default()
                    .entry(format!(" {} ", k.identity))
                    .or_insert_with(|| Some(k.clone()));
                if slot.as_ref() != Some(k) {
                    *slot = None;
                }
            }
        }
        for (insp, members) in &by_insp {
            let Some(m) = idents.get(*insp) else { continue };
            let pats: Vec<&String> = m.keys().collect();
            let Ok(ac) = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&pats)
            else {
                continue;
            };
            for &i in members {
                let Some(t) = &records[i].title else { continue };
                let hay = format!(" {} ", fold(t));
                let mut found: Vec<&Option<Key>> = ac
                    .find_overlapping_iter_or_leftmost(&hay)
                    .into_iter()
                    .map(|p| &m[pats[p].as_str()])
                    .collect();
                found.dedup();
                if let [Some(k)] = found.as_slice() {
                    keys[i].push((k.clone(), "title"));
                }
            }
        }
    }
    // Buckets.
    let mut buckets: BTreeMap<&Key, Vec<(usize, &'static str)>> = BTreeMap::new();
    for (i, ks) in keys.iter().enumerate() {
        for (k, how) in ks {
            buckets.entry(k).or_default().push((i, how));
        }
    }
    let reports = |i: usize| keys[i].len().max(1);
    let mut out = Vec::new();
    for (k, members) in buckets {
        let mut dated: Vec<(i64, usize, &'static str)> = Vec::new();
        let mut visits: Vec<(i64, usize, &'static str)> = Vec::new();
        let mut undated = Vec::new();
        let mut in_years = Vec::new();
        for (i, how) in members {
            let r = &records[i];
            if let Some(d) = r.published.as_deref().and_then(day) {
                dated.push((d, i, how));
            } else if let Some(d) = record_day(r, rules) {
                visits.push((d - rules.fieldwork_lag_days, i, how));
            } else if let Some(p) = title_period(r, rules) {
                in_years.push((p, i, how));
            } else {
                undated.push((i, how));
            }
        }
        let by_day = |a: &(i64, usize, &str), b: &(i64, usize, &str)| {
            (a.0, &records[a.1].id).cmp(&(b.0, &records[b.1].id))
        };
        dated.sort_by(by_day);
        visits.sort_by(by_day);
        let cut = |dated: Vec<(i64, usize, &'static str)>| {
            let mut parts: Vec<Group> = Vec::new();
            for (d, i, how) in dated {
                match parts.last_mut() {
                    Some(g) if g.first_day.is_some_and(|f| d - f <= rules.window_days) => {
                        g.members.push((i, how));
                    }
                    _ => parts.push(Group {
                        key: Some(k.clone()),
                        first_day: Some(d),
                        members: vec![(i, how)],
                        reports: Vec::new(),
                    }),
                }
            }
            parts
        };
        let mut parts = cut(dated);
        // A record stating only when inspectors visited joins the first
        // inspection published within `fieldwork_max_days` after the visit;
        // the others are placed `fieldwork_lag_days` after it.
        let mut left = Vec::new();
        for (visit, i, how) in visits {
            let after = parts.iter_mut().find(|g| {
                g.first_day
                    .is_some_and(|f| f >= visit && f - visit <= rules.fieldwork_max_days)
            });
            match after {
                Some(g) => g.members.push((i, how)),
                None => left.push((visit + rules.fieldwork_lag_days, i, how)),
            }
        }
        parts.extend(cut(left));
        parts.sort_by_key(|g| g.first_day);
        // A record placed only by its headline's years joins the one
        // inspection starting in them (or `window.days` after); with none, or
        // several, it is one of the undated records.
        for ((from, to), i, how) in in_years {
            let mut fits = parts.iter_mut().filter(|g| {
                g.first_day
                    .is_some_and(|f| f >= from && f <= to + rules.window_days)
            });
            match (fits.next(), fits.next()) {
                (Some(g), None) => g.members.push((i, how)),
                _ => undated.push((i, how)),
            }
        }
        // An undated round-up (a record naming several services of this
        // kind class) says nothing of which inspection of this service it
        // reports: it stays with the undated records when they join the one
        // dated inspection. A trust named with its hospitals, or children's
        // services with their safeguarding board, is no round-up of trusts.
        let several = |i: usize| keys[i].iter().filter(|(x, _)| x.class == k.class).count() > 1;
        let roundups: Vec<(usize, &'static str)> =
            if parts.len() == 1 && rules.undated_join && rules.undated_roundups_apart {
                let (r, rest): (Vec<_>, Vec<_>) =
                    undated.into_iter().partition(|&(i, _)| several(i));
                undated = rest;
                r
            } else {
                Vec::new()
            };
        if !roundups.is_empty() {
            out.push(Group {
                key: Some(k.clone()),
                first_day: None,
                members: roundups,
                reports: Vec::new(),
            });
        }
        // With several dated inspections, an undated record giving an
        // overall grade joins the one whose records give that grade and no
        // other (a service rated inadequate, then good: the paper saying
        // inadequate reports the first).
        if parts.len() > 1 && rules.undated_join && rules.undated_by_grade {
            let overall = |i: usize| {
                records[i]
                    .ratings
                    .iter()
                    .find(|r| r.scope == "overall")
                    .map(|r| r.value.as_str())
            };
            let gives = |g: &Group, v: &str| {
                let mut grades = g.members.iter().filter_map(|&(m, _)| overall(m)).peekable();
                grades.peek().is_some() && grades.all(|x| x == v)
            };
            let mut joins = Vec::new();
            undated.retain(|&(i, how)| {
                let Some(v) = overall(i).filter(|_| !several(i)) else {
                    return true;
                };
                let mut fits = parts.iter().enumerate().filter(|(_, g)| gives(g, v));
                match (fits.next(), fits.next()) {
                    (Some((at, _)), None) => {
                        joins.push((at, i, how));
                        false
                    }
                    _ => true,
                }
            });
            for (at, i, how) in joins {
                parts[at].members.push((i, how));
            }
        }
        if !undated.is_empty() {
            if parts.len() == 1 && rules.undated_join {
                parts[0].members.extend(undated);
            } else {
                parts.push(Group {
                    key: Some(k.clone()),
                    first_day: None,
                    members: undated,
                    reports: Vec::new(),
                });
            }
        }
        out.extend(parts);
    }
    // A record with an inspectorate but nothing to key on, whose services or
    // headline give a kind class and which is dated: joined to the one
    // inspection of its inspectorate and class that starts within
    // `window.keyless_days` of it.
    let mut dated_in: Vec<bool> = vec![false; records.len()];
    if rules.keyless_days > 0 {
        // Keyed by (inspectorate, class), and by (inspectorate, "") for any
        // class.
        let mut by_class: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (n, g) in out.iter().enumerate() {
            if let (Some(k), Some(_)) = (&g.key, g.first_day) {
                if !k.class.is_empty() {
                    by_class
                        .entry((k.inspectorate.as_str(), k.class.as_str()))
                        .or_default()
                        .push(n);
                }
                if rules.keyless_any_kind {
                    by_class
                        .entry((k.inspectorate.as_str(), ""))
                        .or_default()
                        .push(n);
                }
            }
        }
        // Each class's inspections by first day, so a record's neighbours are
        // a range (the stage stays linear-logarithmic).
        for cands in by_class.values_mut() {
            cands.sort_by_key(|&n| (out[n].first_day, n));
        }
        let mut joins: Vec<(usize, usize)> = Vec::new();
        for (i, r) in records.iter().enumerate() {
            let (Some(insp), true) = (r.inspectorate.as_deref(), keys[i].is_empty()) else {
                continue;
            };
            // Its day, give or take `keyless_days`; or the years its
            // headline names (then only with a kind class).
            let (from, to, class) = match (record_day(r, rules), title_period(r, rules)) {
                (Some(d), _) => {
                    let class = match key::record_class(r, rules) {
                        Some(c) => c,
                        None if rules.keyless_any_kind => String::new(),
                        None => continue,
                    };
                    (d - rules.keyless_days, d + rules.keyless_days, class)
                }
                (None, Some((from, to))) => match key::record_class(r, rules) {
                    Some(c) => (from, to + rules.window_days, c),
                    None => continue,
                },
                (None, None) => continue,
            };
            let lead = rules
                .joint
                .get(&(insp.to_string(), class.clone()))
                .map_or(insp, String::as_str);
            let Some(cands) = by_class.get(&(lead, class.as_str())) else {
                continue;
            };
            let day_of = |n: usize| out[n].first_day.unwrap_or(i64::MIN);
            let (from, to) = (
                cands.partition_point(|&n| day_of(n) < from),
                cands.partition_point(|&n| day_of(n) <= to),
            );
            if let [n] = &cands[from..to] {
                joins.push((*n, i));
            }
        }
        for (n, i) in joins {
            out[n].members.push((i, "date"));
            dated_in[i] = true;
        }
    }
    // Records with an inspectorate linked to nothing.
    for (i, r) in records.iter().enumerate() {
        if r.inspectorate.is_some() && keys[i].is_empty() && !dated_in[i] {
            out.push(Group {
                key: None,
                first_day: None,
                members: vec![(i, "none")],
                reports: Vec::new(),
            });
        }
    }
    join_shared(&mut out, records, rules);
    for g in &mut out {
        g.members
            .sort_by(|a, b| records[a.0].id.cmp(&records[b.0].id));
        g.reports = g.members.iter().map(|(i, _)| reports(*i)).collect();
    }
    out
}

/// Misspelt names: within one inspectorate and kind class (not a class keyed
/// by locality, whose places are told apart by one letter too often), two
/// identities of at least `typo_min_chars` characters, one of which is the
/// other with one letter left out (not a word's first), are one service when
/// neither has another such partner; the one more records give (else the
/// longer) stands for both.
fn fold_typos(keys: &mut [Vec<(Key, &'static str)>], rules: &LinkRules) {
    if rules.typo_min_chars == 0 {
        return;
    }
    let mut count: BTreeMap<Key, usize> = BTreeMap::new();
    for ks in keys.iter() {
        for (k, _) in ks {
            *count.entry(k.clone()).or_default() += 1;
        }
    }
    let long = |k: &Key| {
        !rules.locality_first.contains(&k.class)
            && k.identity.chars().count() >= rules.typo_min_chars
    };
    let whole: HashMap<(&str, &str, &str), &Key> = count
        .keys()
        .filter(|k| long(k))
        .map(|k| {
            (
                (
                    k.inspectorate.as_str(),
                    k.class.as_str(),
                    k.identity.as_str(),
                ),
                k,
            )
        })
        .collect();
    let mut partners: BTreeMap<&Key, Vec<&Key>> = BTreeMap::new();
    for k in count.keys() {
        let id = k.identity.as_str();
        let mut prev = ' ';
        for (at, c) in id.char_indices() {
            let word_start = prev == ' ';
            prev = c;
            if word_start || c == ' ' {
                continue;
            }
            let shorter = format!("{}{}", &id[..at], &id[at + c.len_utf8()..]);
            if let Some(&k1) =
                whole.get(&(k.inspectorate.as_str(), k.class.as_str(), shorter.as_str()))
            {
                if !long(k) {
                    continue;
                }
                partners.entry(k1).or_default().push(k);
                partners.entry(k).or_default().push(k1);
            }
        }
    }
    let mut map: HashMap<Key, Key> = HashMap::new();
    for (k, ps) in &partners {
        let mut ps = ps.clone();
        ps.sort();
        ps.dedup();
        let [p] = ps.as_slice() else { continue };
        if partners
            .get(p)
            .is_none_or(|back| back.iter().any(|b| b != k))
        {
            continue;
        }
        let rank = |x: &Key| (count[x], x.identity.chars().count());
        if rank(p) > rank(k) {
            map.insert((*k).clone(), (*p).clone());
        }
    }
    rename_keys(keys, &map);
}

/// Give every record the keys `map` sends its keys to, each once.
fn rename_keys(keys: &mut [Vec<(Key, &'static str)>], map: &HashMap<Key, Key>) {
    if map.is_empty() {
        return;
    }
    for ks in keys.iter_mut() {
        for (k, _) in ks.iter_mut() {
            if let Some(to) = map.get(k) {
                *k = to.clone();
            }
        }
        let mut seen: Vec<Key> = Vec::new();
        ks.retain(|(k, _)| {
            if seen.contains(k) {
                false
            } else {
                seen.push(k.clone());
                true
            }
        });
    }
}

/// Short and long forms of one name: within one inspectorate and kind class
/// (not a class keyed by locality), identities whose words open one another
/// ('honywood' and 'honywood community science', 'dalawoodie', 'dalawoodie
/// house' and 'dalawoodie house nursing home') are one service when they
/// form one chain, each opening the next, and nothing else in the class
/// opens with the shortest ('saint' before both 'saint mary' and 'saint john'
/// is no chain). The shortest must have `prefix_min_chars` characters; the
/// longest stands for all of them.
fn fold_prefixes(keys: &mut [Vec<(Key, &'static str)>], rules: &LinkRules) {
    if rules.prefix_min_chars == 0 {
        return;
    }
    // Every identity, by inspectorate and class, in order (a prefix sorts
    // before what it opens).
    let mut by_class: BTreeMap<(&str, &str), Vec<&Key>> = BTreeMap::new();
    for ks in keys.iter() {
        for (k, _) in ks {
            if !rules.locality_first.contains(&k.class) {
                by_class
                    .entry((k.inspectorate.as_str(), k.class.as_str()))
                    .or_default()
                    .push(k);
            }
        }
    }
    let opens =
        |a: &str, b: &str| b.len() > a.len() && b.starts_with(a) && b[a.len()..].starts_with(' ');
    let mut map: HashMap<Key, Key> = HashMap::new();
    for ids in by_class.values_mut() {
        ids.sort();
        ids.dedup();
        let mut i = 0;
        while i < ids.len() {
            // The run of identities opening with ids[i].
            let mut j = i + 1;
            while j < ids.len() && opens(&ids[i].identity, &ids[j].identity) {
                j += 1;
            }
            let run = &ids[i..j];
            let chain = run
                .windows(2)
                .all(|w| opens(&w[0].identity, &w[1].identity));
            if run.len() > 1 && chain && ids[i].identity.chars().count() >= rules.prefix_min_chars {
                let longest = run[run.len() - 1];
                for k in &run[..run.len() - 1] {
                    map.insert((*k).clone(), longest.clone());
                }
            }
            i = j;
        }
    }
    rename_keys(keys, &map);
}

/// A stable hash of a tagged word sequence (FNV-1a).
fn token(tag: u8, words: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(tag);
    for w in words {
        for b in w.bytes() {
            eat(b);
        }
        eat(b' ');
    }
    h
}

/// Words of a run of quote words that are not common words: a stock phrase
/// ('we know there is more to do') has too few to tie two stories.
fn content_words(run: &[&str], rules: &LinkRules) -> usize {
    run.iter()
        .filter(|w| !rules.shared_common_words.contains(**w))
        .count()
}

/// Pairs of records (of one inspectorate) that share a run of
/// `shared_quote_words` words of their quotes or, with `shared_people`, an
/// official who is not an inspector (a full name), when no more than
/// `shared_max_records` records give it: a local paper repeating the words
/// of a release, a statement and a paper quoting one council leader.
fn shared_pairs(records: &[LinkRecord], rules: &LinkRules) -> Vec<(usize, usize)> {
    let n = rules.shared_quote_words;
    let mut by_token: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if r.inspectorate.is_none() {
            continue;
        }
        let mut toks: Vec<u64> = Vec::new();
        if n > 0 {
            for q in &r.quotes {
                let f = fold(&q.text);
                let w: Vec<&str> = f.split(' ').filter(|x| !x.is_empty()).collect();
                toks.extend(
                    w.windows(n)
                        .filter(|win| content_words(win, rules) >= rules.shared_min_content_words)
                        .map(|win| token(0, win)),
                );
            }
        }
        if rules.shared_people {
            for p in &r.people {
                let f = fold(p);
                let w: Vec<&str> = f.split(' ').filter(|x| !x.is_empty()).collect();
                if w.len() >= 2 {
                    toks.push(token(1, &w));
                }
            }
        }
        toks.sort_unstable();
        toks.dedup();
        for t in toks {
            by_token.entry(t).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    for list in by_token.values() {
        if list.len() < 2 || list.len() > rules.shared_max_records {
            continue;
        }
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                pairs.push((a, b));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Records that share words or people ([`shared_pairs`]) with a record of
/// another inspection of their inspectorate: a record linked to nothing
/// joins that inspection (of its kind class, when it names one, and in its
/// time window when both are dated), and an undated record of a service
/// joins the dated inspection of the same service it shares them with. A
/// round-up, and a record sharing with several inspections, stays where it is.
fn join_shared(out: &mut Vec<Group>, records: &[LinkRecord], rules: &LinkRules) {
    if rules.shared_max_records < 2 || (rules.shared_quote_words == 0 && !rules.shared_people) {
        return;
    }
    let pairs = shared_pairs(records, rules);
    if pairs.is_empty() {
        return;
    }
    let mut of: Vec<Vec<usize>> = vec![Vec::new(); records.len()];
    for (n, g) in out.iter().enumerate() {
        for (i, _) in &g.members {
            of[*i].push(n);
        }
    }
    // Can record `i`, linked to nothing, join group `g`?
    let fits = |i: usize, g: usize| -> bool {
        let Some(k) = &out[g].key else { return true };
        if key::record_class(&records[i], rules).is_some_and(|c| c != k.class) {
            return false;
        }
        match (record_day(&records[i], rules), out[g].first_day) {
            (Some(d), Some(f)) => (d - f).abs() <= rules.window_days,
            _ => true,
        }
    };
    let mut targets: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (a, b) in pairs {
        if records[a].inspectorate != records[b].inspectorate {
            continue;
        }
        let ([ga], [gb]) = (of[a].as_slice(), of[b].as_slice()) else {
            continue;
        };
        let (ga, gb) = (*ga, *gb);
        if ga == gb {
            continue;
        }
        let mover = match (&out[ga].key, &out[gb].key) {
            (None, _) if fits(a, gb) => Some((a, gb)),
            (Some(_), None) if fits(b, ga) => Some((b, ga)),
            (Some(x), Some(y)) if x == y => match (out[ga].first_day, out[gb].first_day) {
                (None, Some(_)) => Some((a, gb)),
                (Some(_), None) => Some((b, ga)),
                _ => None,
            },
            _ => None,
        };
        if let Some((i, g)) = mover {
            targets.entry(i).or_default().insert(g);
        }
    }
    for (i, ts) in targets {
        let ts: Vec<usize> = ts.into_iter().collect();
        let ([t], [from]) = (ts.as_slice(), of[i].as_slice()) else {
            continue;
        };
        let (t, from) = (*t, *from);
        let how = match out[from].key {
            None => "shared",
            Some(_) => out[from]
                .members
                .iter()
                .find(|(m, _)| *m == i)
                .map_or("service", |(_, h)| *h),
        };
        out[from].members.retain(|(m, _)| *m != i);
        out[t].members.push((i, how));
    }
    out.retain(|g| !g.members.is_empty());
}

/// Leftmost-longest matching without overlaps (what the automaton supports).
trait FindAll {
    fn find_overlapping_iter_or_leftmost(&self, hay: &str) -> Vec<usize>;
}

impl FindAll for AhoCorasick {
    fn find_overlapping_iter_or_leftmost(&self, hay: &str) -> Vec<usize> {
        // Patterns are padded with spaces, so a match ends on the space the
        // next one would start with: search again from the space.
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(m) = self.find(aho_corasick::Input::new(hay).range(at..)) {
            out.push(m.pattern().as_usize());
            at = m.end().saturating_sub(1).max(m.start() + 1);
        }
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{day, groups, title_period};
    use crate::link::{LinkRecord, LinkRules, LinkService};

    fn rec(id: &str, title: Option<&str>, published: Option<&str>) -> LinkRecord {
        LinkRecord {
            id: id.into(),
            path: format!("{id}.txt"),
            title: title.map(str::to_string),
            published: published.map(str::to_string),
            inspectorate: Some("Inspectorate".into()),
            services: vec![LinkService {
                name: "Aldbury Police".into(),
                kind: Some("police force".into()),
                ..LinkService::default()
            }],
            ..LinkRecord::default()
        }
    }

    /// The pattern of `rules/linking.toml`.
    const YEARS: &str =
        r"(?-u:\b)(?P<from>199[0-9]|20[0-9]{2})(?:[/\x{2013}-](?P<to>[0-9]{4}|[0-9]{2}))?(?-u:\b)";

    fn rules() -> LinkRules {
        LinkRules {
            window_days: 75,
            title_years: regex::Regex::new(YEARS).ok(),
            undated_join: true,
            min_identity_chars: 3,
            ..LinkRules::default()
        }
    }

    #[test]
    fn headline_years() {
        let r = rules();
        let p = |t: &str| title_period(&rec("a", Some(t), None), &r);
        assert_eq!(
            p("Aldbury 2018/19"),
            Some((day("2018-01-01").unwrap(), day("2019-12-31").unwrap()))
        );
        assert_eq!(p("Aldbury 2021\u{2013}22").map(|x| x.1), day("2022-12-31"));
        assert_eq!(p("Review 2015"), day("2015-01-01").zip(day("2015-12-31")));
        assert_eq!(p("Room 12345 and 2015a"), None);
        assert_eq!(p("No year"), None);
        let dated = rec("a", Some("Aldbury 2018/19"), Some("2020-01-01"));
        assert_eq!(title_period(&dated, &r), None);
    }

    #[test]
    fn headline_years_pick_one_of_several_inspections() {
        let recs = vec![
            rec("a", None, Some("2017-11-10")),
            rec("b", None, Some("2019-05-02")),
            rec("c", Some("Aldbury 2018/19"), None),
        ];
        let g = groups(&recs, &rules());
        let with_c: Vec<Vec<usize>> = g
            .iter()
            .filter(|g| g.members.iter().any(|m| m.0 == 2))
            .map(|g| g.members.iter().map(|m| m.0).collect())
            .collect();
        assert_eq!(with_c, vec![vec![1, 2]]);
    }

    #[test]
    fn an_undated_record_joins_the_dated_inspection_it_quotes() {
        let quoted = |id: &str, published: Option<&str>, q: &str| LinkRecord {
            quotes: vec![crate::link::SourceQuote {
                speaker: None,
                text: q.into(),
            }],
            ..rec(id, None, published)
        };
        let recs = vec![
            rec("a", None, Some("2017-11-10")),
            quoted(
                "b",
                Some("2019-05-02"),
                "The force has made real progress this year.",
            ),
            quoted(
                "c",
                None,
                "inspectors said the force has made real progress this year",
            ),
            rec("d", None, None),
        ];
        let g = groups(&recs, &rules_shared());
        let with = |i: usize| -> Vec<usize> {
            g.iter()
                .find(|g| g.members.iter().any(|m| m.0 == i))
                .map(|g| g.members.iter().map(|m| m.0).collect())
                .unwrap_or_default()
        };
        assert_eq!(with(2), vec![1, 2]);
        assert_eq!(with(3), vec![3]);
    }

    #[test]
    fn a_stock_phrase_ties_no_two_stories() {
        let shipped = crate::link::rules::load(&crate::rules::RuleSource::BuiltIn).unwrap();
        let quoted = |id: &str, named: bool, q: &str| LinkRecord {
            quotes: vec![crate::link::SourceQuote {
                speaker: None,
                text: q.into(),
            }],
            services: if named {
                rec(id, None, None).services
            } else {
                Vec::new()
            },
            ..rec(id, None, named.then_some("2024-03-04"))
        };
        let together = |recs: &[LinkRecord]| {
            groups(recs, &shipped)
                .iter()
                .any(|g| g.members.iter().any(|m| m.0 == 0) && g.members.iter().any(|m| m.0 == 1))
        };
        let stock = [
            quoted(
                "a",
                true,
                "We know there is more to do for the people of the town.",
            ),
            quoted("b", false, "we know there is more to do, and we will do it"),
        ];
        assert!(!together(&stock));
        let repeated = [
            quoted(
                "a",
                true,
                "Officers now answer emergency calls far more quickly.",
            ),
            quoted(
                "b",
                false,
                "the chief constable said officers now answer emergency calls far more quickly",
            ),
        ];
        assert!(together(&repeated));
    }

    #[test]
    fn a_name_less_one_letter_is_the_same_prison() {
        let prison = |id: &str, name: &str, published: &str| LinkRecord {
            services: vec![LinkService {
                name: name.into(),
                kind: Some("prison".into()),
                ..LinkService::default()
            }],
            ..rec(id, None, Some(published))
        };
        let recs = vec![
            prison("a", "Thornbury Hall", "2024-11-25"),
            prison("b", "Thornbry Hall", "2024-11-26"),
            prison("c", "Thornbury Hall", "2024-11-27"),
            prison("d", "Ranmoor Hall", "2024-11-25"),
            prison("e", "Anmoor Hall", "2024-11-25"),
        ];
        let mut r = rules_shared();
        r.typo_min_chars = 8;
        let g = groups(&recs, &r);
        let sizes: Vec<usize> = g.iter().map(|g| g.members.len()).collect();
        assert_eq!(sizes.iter().max(), Some(&3), "{g:?}");
        assert_eq!(g.len(), 3, "{g:?}");
    }

    fn rules_shared() -> LinkRules {
        LinkRules {
            shared_quote_words: 6,
            shared_max_records: 6,
            shared_people: true,
            ..rules()
        }
    }

    #[test]
    fn days() {
        assert_eq!(day("1970-01-01"), Some(0));
        assert_eq!(
            day("2024-03-01").zip(day("2024-02-28")).map(|(a, b)| a - b),
            Some(2)
        );
        assert_eq!(day("2024-05"), day("2024-05-15"));
        assert_eq!(day("2024"), None);
    }
}
