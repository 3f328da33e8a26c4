//! Ratings: `[[rating]]` rules find stated, changed, implied and label-line
//! ratings; `[[suppress]]` rules mark text whose ratings are not current
//! ('Previous rating: Good'). The overall rating is the best-priority, earliest
//! candidate; each area keeps its first rating. When the article's
//! inspectorate is known, only grades of its scale count.
//!
//! Rules with `kind = "area_list"` match only the grade and its 'for' ('Good'
//! for being); the areas are the text that follows, up to the next such match or
//! the end of the clause (or the first of the `area_list_stops`), so 'rated
//! Good for A and B, and Inadequate for C' gives three area ratings. A match
//! that reads a full stop ('good across all four categories. These include')
//! runs to the end of the sentence it ends in. An `area` group naming several areas ('safety and
//! preparation for release') is split on commas and 'and', except inside the
//! compound area names listed in `compound_areas`, and on semicolons. An area
//! list whose text is only a colon ('It is good at:') takes its areas from the
//! bullet lines that follow, one area each.

use super::service::find_all;
use super::Ctx;
use crate::record::{Rating, Service};
use crate::rules::{Family, RuleSet};
use crate::span::NormSpan;

/// Trim an area name: leading words from `area_prefixes`, anything up to a word
/// of `area_cut_after`, and punctuation at the ends.
fn clean_area(ctx: &Ctx, s: &str, prose: bool) -> String {
    let mut a = s.trim().to_string();
    // A key question as a clause ('how well led the home is'): without
    // its subject and verb (`area_clause_subjects`).
    let lower = a.to_ascii_lowercase();
    if lower.starts_with("how ") {
        let body = lower
            .strip_suffix(" is")
            .or_else(|| lower.strip_suffix(" was"))
            .unwrap_or(&lower);
        if let Some(subject) = ctx
            .rules
            .list("area_clause_subjects")
            .iter()
            .find(|x| body.ends_with(&format!(" {x}")))
        {
            a.truncate(body.len() - subject.len() - 1);
        }
    }
    let lower = a.to_lowercase();
    for w in ctx.rules.list("area_cut_after") {
        let pat = format!(" {} ", w.to_lowercase());
        if let Some(i) = lower.rfind(&pat) {
            if i + pat.len() <= a.len() && a.len() - (i + pat.len()) >= 3 {
                a = a[i + pat.len()..].to_string();
                break;
            }
        }
    }
    // A bracket the area opens and does not close ('anti-social behaviour
    // (ASB', a list cut at its end) is no part of it.
    if let Some(i) = a.rfind('(').filter(|&i| !a[i..].contains(')')) {
        a.truncate(i);
    }
    a = trim_area_ends(&a, false);
    loop {
        let lower = a.to_lowercase();
        let Some(p) = ctx
            .rules
            .list("area_prefixes")
            .iter()
            .find(|p| lower.starts_with(&format!("{} ", p.to_lowercase())))
        else {
            break;
        };
        // A lead-in before a clause stays ('how it protects vulnerable
        // people'): only one before an area's own words goes.
        let rest = a[p.len()..].trim_start();
        let first = rest.split_whitespace().next().unwrap_or("").to_lowercase();
        let rest_lower = rest.to_lowercase();
        let an_area = ctx
            .rules
            .list("area_prefix_dropped_before")
            .iter()
            .any(|w| rest_lower.starts_with(w.as_str()));
        if ctx.rules.list("area_prefix_kept_before").contains(&first) && !an_area {
            break;
        }
        a = rest.to_string();
    }
    // A possessive lead-in naming whose area it is ('the childminder's care
    // and support') is no part of it.
    {
        let mut it = a.splitn(3, ' ');
        if let (Some(det), Some(owner), Some(rest)) = (it.next(), it.next(), it.next()) {
            if det.eq_ignore_ascii_case("the")
                && (owner.ends_with("'s") || owner.ends_with("\u{2019}s"))
                && !rest.trim().is_empty()
            {
                a = rest.trim().to_string();
            }
        }
    }
    // The area ends before the agent that graded it ('prospects for
    // improvement by Estyn', 'care by inspectors').
    for cut in ctx.rules.list("area_cut_before") {
        if let Some(i) = a.find(cut.as_str()) {
            let rest = &a[i + cut.len()..];
            // A lone preposition (' by ') only before a name ('by Estyn',
            // 'by the Care Inspectorate').
            let named = |r: &str| r.starts_with(char::is_uppercase);
            if !cut.trim().contains(' ')
                && !named(rest)
                && !rest.strip_prefix("the ").is_some_and(named)
            {
                continue;
            }
            a.truncate(i);
        }
    }
    // The area ends where its verb starts ('leadership was also found'),
    // unless it is a clause of its own ('how well it was led').
    let clause = a.to_ascii_lowercase().starts_with("how ");
    for verb in [" was ", " were ", " is ", " are ", " has ", " had "] {
        if let Some(i) = a.find(verb).filter(|_| prose && !clause) {
            a.truncate(i);
        }
    }
    // Trailing links, quantifiers and verbs ('and', 'both', 'continues')
    // are no part of it (`area_trailing_words`).
    let mut words: Vec<&str> = a.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| ctx.rules.list_has("area_trailing_words", &w.to_lowercase()))
    {
        words.pop();
    }
    // An 'area' ending in a verb of grading ('with safety again assessed')
    // is the subject of a grade that follows, which another rule reads with
    // its own verb: none here (`area_end_verbs`).
    let end_verbs = ctx.rules.list("area_end_verbs");
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| end_verbs.iter().any(|v| v.eq_ignore_ascii_case(w)))
    {
        return String::new();
    }
    trim_area_ends(&words.join(" "), true)
}

/// `s` without punctuation at its ends, but for a bracket it closes
/// ('medical care (including older people's care)') and, with `question`, a
/// question mark.
fn trim_area_ends(s: &str, question: bool) -> String {
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut t = s.trim_end_matches(|c: char| !(c.is_alphanumeric() || question && c == '?'));
    if s[t.len()..].starts_with(')') && t.matches('(').count() > t.matches(')').count() {
        t = &s[..t.len() + 1];
    }
    t.to_string()
}

/// `s` in lower case without the `area_prefixes` phrases of several words and
/// the `area_names_with_grade_words`
/// ('how good is our leadership?' -> '                leadership?'), to look for grade words
/// in what is left.
/// Byte offsets are kept: each phrase becomes as many spaces.
fn without_prefixes(ctx: &Ctx, s: &str) -> String {
    let mut l = s.to_ascii_lowercase();
    let prefixes = ctx.rules.list("area_prefixes").iter();
    for p in prefixes.chain(ctx.rules.list("area_names_with_grade_words")) {
        if p.contains(' ') {
            let p = p.to_ascii_lowercase();
            l = l.replace(&p, &" ".repeat(p.len()));
        }
    }
    l
}

/// Drop everything up to the last of the `area_cut_after` words ('inspectors
/// judged that X' -> 'X'; 'A was good, while B' -> 'B').
fn cut_area(ctx: &Ctx, s: &str) -> String {
    // A relative clause inside the area ('Respect, which covers ..., was') is not part of it.
    let mut s = s.to_string();
    while let Some(i) = s.find(", which ") {
        match s[i + 2..].find(',') {
            Some(j) => s.replace_range(i..i + 2 + j, ""),
            None => s.truncate(i),
        }
    }
    // A lead-in phrase up to a comma ('At the city hospital, surgery ...',
    // 'However, A and B') is no area (`area_lead_ins`).
    let lower = s.to_lowercase();
    let lead = lower.trim_start();
    let skip = lower.len() - lead.len();
    if let Some(comma) = lead
        .find(',')
        .filter(|&c| lead[..c].split_whitespace().count() <= 6)
    {
        let leads = ctx.rules.list("area_lead_ins");
        // A lead-in holding a stop word ('In addition to its overall
        // rating,') is left for the stop words to discredit.
        let stop = ctx
            .rules
            .list("area_stop")
            .iter()
            .any(|w| has_stop(&lead[..comma], w));
        if !stop
            && leads.iter().any(|w| {
                let w = w.to_lowercase();
                lead.starts_with(&w) && lead[w.len()..].starts_with([' ', ','])
            })
        {
            s = s[skip + comma + 1..].to_string();
        }
    }
    // An area set off by a dash after a lead-in that counts it ('judged one
    // area - staffing - to be good'): the words after the dash.
    for dash in [" - ", " \u{2013} ", " \u{2014} "] {
        let t = s.trim_end();
        let t = t.strip_suffix(dash.trim_end()).unwrap_or(t);
        if let Some(i) = t.find(dash) {
            let counted = t[..i].split_whitespace().next_back().is_some_and(|w| {
                ctx.rules
                    .list_has("area_dash_lead_words", &w.to_lowercase())
            });
            if counted && t.len() - (i + dash.len()) >= 3 {
                s = t[i + dash.len()..].to_string();
                break;
            }
        }
    }
    let s = s.as_str();
    let lower = s.to_lowercase();
    let mut best: Option<usize> = None;
    for w in ctx.rules.list("area_cut_after") {
        let pat = format!(" {} ", w.to_lowercase());
        if let Some(i) = lower.rfind(&pat) {
            let end = i + pat.len();
            if s.len() - end >= 3 && best.is_none_or(|b| end > b) {
                best = Some(end);
            }
        }
    }
    match best {
        Some(b) => s[b..].to_string(),
        None => s.to_string(),
    }
}

/// The sentence around `pos`, joined with its neighbours where a question in
/// quote marks ends a sentence only for the segmenter ('for \'how good is our
/// leadership?\' and \'how good is our setting?\', were rated'): a sentence
/// ending in '?' and a closing mark, followed in its paragraph by one that
/// starts in lower case or with a comma, goes on.
fn clause_span(ctx: &Ctx, pos: usize) -> Option<NormSpan> {
    let sents = &ctx.doc.sentences;
    let i = ctx.doc.sentence_at(pos)?;
    let joined = |a: usize, b: usize| {
        let (x, y) = (sents[a].span, sents[b].span);
        let end = ctx.norm_str(x).trim_end();
        let gap = ctx.text().get(x.end..y.start).unwrap_or("x");
        let next = ctx.norm_str(y).trim_start();
        (end.ends_with("?'") || end.ends_with("?\""))
            && !gap.contains('\n')
            && gap.trim().is_empty()
            && (next.starts_with(|c: char| c.is_lowercase()) || next.starts_with(','))
    };
    let (mut a, mut b) = (i, i);
    while a > 0 && joined(a - 1, a) {
        a -= 1;
    }
    while b + 1 < sents.len() && joined(b, b + 1) {
        b += 1;
    }
    Some(NormSpan::new(sents[a].span.start, sents[b].span.end))
}

/// `t` without the verb of a change at its end ('maternity services have
/// risen' gives 'maternity services'): trailing words of `change_verbs`.
fn without_change_verbs<'a>(ctx: &Ctx, t: &'a str) -> &'a str {
    let verbs = ctx.rules.list("change_verbs");
    let mut t = t.trim_end();
    loop {
        t = t.trim_end_matches([',', ' ']);
        // The longest verb that ends `t` as a whole word: 'it is' before 'is'.
        let cut = verbs
            .iter()
            .filter_map(|v| {
                let i = t.len().checked_sub(v.len())?;
                let fits = t.is_char_boundary(i)
                    && (i == 0 || t[..i].ends_with(char::is_whitespace))
                    && t[i..].eq_ignore_ascii_case(v);
                fits.then_some(i)
            })
            .min();
        match cut {
            Some(i) => t = t[..i].trim_end(),
            None => return t,
        }
    }
}

/// The stretches of `t` in quote marks, in order. Single marks: an opening
/// mark at the start or after a space or a bracket, before a letter; a
/// closing mark after a letter, '?' or '.', before the end, a space or
/// punctuation (so that an apostrophe, 'children\'s', neither opens nor
/// closes one). Double marks pair in turn; a comma or full stop set inside
/// the closing mark ('"staffing," and') is no part of the name.
fn quoted_items(t: &str) -> Vec<String> {
    let mut items: Vec<(usize, String)> = single_quoted(t);
    let mut open: Option<usize> = None;
    for (i, _) in t.match_indices('"') {
        match open.take() {
            None => open = Some(i + 1),
            Some(o) => {
                let item = t[o..i].trim().trim_end_matches([',', '.', ';', ':']).trim();
                if item.starts_with(|c: char| c.is_alphabetic()) {
                    items.push((o, item.to_string()));
                }
            }
        }
    }
    items.sort_by_key(|(at, _)| *at);
    items.into_iter().map(|(_, item)| item).collect()
}

/// [`quoted_items`] for single quote marks, each with where it starts.
fn single_quoted(t: &str) -> Vec<(usize, String)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, &c) in b.iter().enumerate() {
        if c != b'\'' {
            continue;
        }
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = b.get(i + 1).copied();
        match open {
            None if before.is_none_or(|x| x == b' ' || x == b'(')
                && after.is_some_and(|x| x.is_ascii_alphabetic()) =>
            {
                open = Some(i + 1)
            }
            Some(o)
                if before.is_some_and(|x| x.is_ascii_alphanumeric() || x == b'?' || x == b'.')
                    && after.is_none_or(|x| !x.is_ascii_alphanumeric()) =>
            {
                out.push((o, t[o..i].to_string()));
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// True when `pos` lies inside a double-quoted stretch of its paragraph.
fn inside_quotes(ctx: &Ctx, pos: usize) -> bool {
    let Some(p) = ctx.doc.paragraph_at(pos) else {
        return false;
    };
    let start = ctx.doc.paragraphs[p].span.start;
    let before = ctx.norm_str(NormSpan::new(start, pos));
    // A paragraph that opens with a mark and never closes it before `pos`.
    before.matches('"').count() % 2 == 1
}

/// True when the quoted words before `pos` in its sentence report a grading
/// (a `quoted_grading_words` word: 'The inspectors rated the hospital good
/// for safe ...'): a speaker telling the inspection's grades, areas and all.
fn quoted_grading(ctx: &Ctx, pos: usize) -> bool {
    let Some(s) = ctx.sentence_span(pos) else {
        return false;
    };
    let lead = ctx.norm_str(NormSpan::new(s.start, pos.max(s.start)));
    let words = ctx.rules.list("quoted_grading_words");
    lead.split(|c: char| !c.is_alphanumeric())
        .any(|w| words.iter().any(|x| x == w))
}

/// How many paragraphs back [`quoted_finding`] looks for the start of a
/// quotation continued over paragraphs.
const MAX_CONTINUED_PARAGRAPHS: usize = 8;

/// True when the quotation around `pos` is introduced as the inspection's own
/// finding: the text before its opening mark (or, for a paragraph that opens
/// with the mark, the paragraph before) holds one of `quoted_finding_cues`
/// ('the watchdog says: "The service is good at ..."').
fn quoted_finding(ctx: &Ctx, pos: usize) -> bool {
    let Some(p) = ctx.doc.paragraph_at(pos) else {
        return false;
    };
    let start = ctx.doc.paragraphs[p].span.start;
    let before = ctx.norm_str(NormSpan::new(start, pos));
    let Some(open) = before.rfind('"') else {
        return false;
    };
    let mut lead = before[..open].to_string();
    if lead.trim().is_empty() && p > 0 {
        // A quotation continued over paragraphs (each opening with a mark and
        // leaving it open) is introduced before its first paragraph.
        let opens_unclosed = |q: usize| {
            let t = ctx.norm_str(ctx.doc.paragraphs[q].span);
            t.starts_with('"') && t.matches('"').count() % 2 == 1
        };
        let mut first = p;
        while first > 0 && p - first < MAX_CONTINUED_PARAGRAPHS && opens_unclosed(first - 1) {
            first -= 1;
        }
        if first > 0 {
            lead = ctx.norm_str(ctx.doc.paragraphs[first - 1].span).to_string();
        }
    }
    let lead = lead.to_lowercase();
    ctx.rules.list("quoted_finding_cues").iter().any(|c| {
        let c = c.to_lowercase();
        lead.match_indices(&c).any(|(i, _)| {
            let ok_before = lead[..i]
                .chars()
                .next_back()
                .is_none_or(|ch| !ch.is_alphanumeric());
            let ok_after = lead[i + c.len()..]
                .chars()
                .next()
                .is_none_or(|ch| !ch.is_alphanumeric());
            ok_before && ok_after
        })
    })
}

/// True when the lower-case area `l` holds the `area_stop` entry `w` from the
/// start of a word ('rating' stops 'its rating' and 'ratings', not
/// 'operating efficiently').
fn has_stop(l: &str, w: &str) -> bool {
    let w = w.to_lowercase();
    l.match_indices(&w).any(|(i, _)| {
        w.starts_with(|c: char| !c.is_alphanumeric())
            || l[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// `s` without a trailing word of `area_suffixes` and its opening 'the'
/// ('the safe and well-led key questions' lists 'safe' and 'well-led'; 'two
/// of four categories' is a count, not an area, and keeps its word for the
/// stop words). A trailing link word ('and', 'then') goes too.
fn strip_area_suffix<'a>(ctx: &Ctx, s: &'a str) -> &'a str {
    let punct = |c: char| !c.is_alphanumeric();
    let t = s.trim_end_matches(punct);
    // A list that goes on to the next grade ('the caring and well-led
    // categories, and good for ...', '... categories then outstanding in
    // ...') ends before its link word (`area_trailing_links`).
    let t = ctx
        .rules
        .list("area_trailing_links")
        .iter()
        .filter_map(|w| {
            let head = t.strip_suffix(w.as_str())?.strip_suffix(' ')?;
            Some(head.trim_end_matches(punct))
        })
        .min_by_key(|head| head.len())
        .unwrap_or(t);
    // ASCII case only, so that offsets in `lower` are offsets in `t`.
    let lower = t.to_ascii_lowercase();
    if !lower.trim_start().starts_with("the ") {
        return t;
    }
    let lead = lower.len() - lower.trim_start().len() + "the ".len();
    for suf in ctx.rules.list("area_suffixes") {
        if let Some(head) = lower.strip_suffix(&format!(" {}", suf.to_ascii_lowercase())) {
            // A count ('the other five areas') stays whole for the stop words.
            let exact = ctx.rules.list("area_stop_exact");
            if exact.iter().any(|e| e.eq_ignore_ascii_case(head.trim())) {
                return s;
            }
            // The article goes with the suffix: 'the [safe] domain'.
            if head.len() > lead && t.is_char_boundary(head.len()) && t.is_char_boundary(lead) {
                return &t[lead..head.len()];
            }
        }
    }
    s
}

/// Split 'a, b and c' into areas, keeping compound names whole.
fn split_areas(ctx: &Ctx, s: &str) -> Vec<String> {
    let s = strip_area_suffix(ctx, s);
    let compounds = ctx.rules.list("compound_areas");
    // 'A and B as well as C' lists three areas.
    let mut protected = s.replace(" as well as ", ", ");
    let mut lower = protected.to_lowercase();
    let mut saved: Vec<String> = Vec::new();
    for c in compounds {
        let cl = c.to_lowercase();
        while let Some(i) = lower.find(&cl) {
            let token = format!("\u{1}{}\u{1}", saved.len());
            saved.push(protected[i..i + c.len()].to_string());
            protected.replace_range(i..i + c.len(), &token);
            lower = protected.to_lowercase();
        }
    }
    let mut parts: Vec<String> = Vec::new();
    for piece in protected.split([',', ';']) {
        // 'culture and values and its understanding of risk': where the
        // items restate 'its', only 'and its' separates them.
        let lower = piece.to_ascii_lowercase();
        let items: Vec<&str> = match [" and its ", " and their "]
            .into_iter()
            .find(|sep| lower.contains(sep))
        {
            Some(sep) => split_at_lower(piece, &lower, sep),
            None => piece.split(" and ").collect(),
        };
        for p in items {
            let p = p.trim();
            let p = p.strip_prefix("and ").unwrap_or(p).trim();
            let p = p.strip_prefix("for ").unwrap_or(p).trim();
            if !p.is_empty() {
                parts.push(p.to_string());
            }
        }
    }
    parts
        .into_iter()
        .map(|p| {
            let mut out = p;
            for (i, c) in saved.iter().enumerate() {
                out = out.replace(&format!("\u{1}{i}\u{1}"), c);
            }
            out
        })
        .collect()
}

/// `s` split where its ASCII-lower-cased copy `lower` holds `sep`.
fn split_at_lower<'a>(s: &'a str, lower: &str, sep: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, _) in lower.match_indices(sep) {
        out.push(&s[from..i]);
        from = i + sep.len();
    }
    out.push(&s[from..]);
    out
}

/// Overall and area ratings. `services` is how many services the article
/// names: a round-up (two or more) grades each in its own paragraph, so the
/// same area graded in another paragraph is another service's and is kept.
/// `scale_named` is false when the article's inspectorate, and so its scale,
/// is only inferred (a nursery, a care home: one of several bodies may have
/// inspected it): its scale is then preferred but grades of another scale
/// are kept.
pub fn extract(ctx: &Ctx, scale: Option<&str>, scale_named: bool, services: usize) -> Vec<Rating> {
    let text = ctx.text();
    // (span, also changes): a `kind = "all"` suppress rule also silences the
    // 'from X to Y' rules (a scale's two ends are no change of grade).
    let suppressed: Vec<(NormSpan, bool)> = ctx
        .hits(Family::Suppress)
        .filter(|(h, r)| ctx.applies(h, r))
        .filter_map(|(h, r)| {
            let all = r.def.kind.as_deref() == Some("all");
            match r.def.scope.as_deref() {
                Some("match") => Some((h.span, all)),
                _ => ctx.sentence_span(h.span.start).map(|s| (s, all)),
            }
        })
        .collect();
    let overall_words = ctx.rules.list("overall_areas");
    let area_stop = ctx.rules.list("area_stop");
    let area_drop = ctx.rules.list("area_drop");
    let not_overall_after = ctx.rules.list("not_overall_after");
    let area_stop_leading = ctx.rules.list("area_stop_leading");
    let area_list_stop_leading = ctx.rules.list("area_list_stop_leading");
    // Value spans of the areas read by rules other than area lists, with
    // where the match reading them starts.
    let mut area_spans: Vec<(crate::span::Span, usize)> = Vec::new();
    // Grades whose areas an area list read after them ('judged adequate in
    // staffing and leadership'), and the grades (with the rule) whose areas were
    // read from the words before them.
    let mut listed_after: Vec<crate::span::Span> = Vec::new();
    let mut read_before: Vec<(crate::span::Span, String)> = Vec::new();
    // The article's scale, when its inspectorate is known.
    let scale_def = scale.and_then(|s| ctx.rules.scale(s));
    let has_overall = scale_def.is_none_or(|s| s.overall);
    // With the article's scale known, a grade only another scale has ('special
    // measures' in an Estyn article, 'outstanding' in a Care Inspectorate one)
    // is not this inspection's.
    let article_scale = scale_def.map(|s| s.reports_as.clone());
    let on_article_scale =
        |s: &str| !scale_named || article_scale.as_deref().is_none_or(|a| a == s);
    // Anchors of area lists, to bound each list.
    let anchors: Vec<usize> = ctx
        .hits(Family::Rating)
        .filter(|(_, r)| r.def.kind.as_deref() == Some("area_list"))
        .map(|(h, _)| h.span.start)
        .collect();
    let mut cands: Vec<(u32, usize, Rating, bool)> = Vec::new();
    // Areas of an inspectorate's framework named in a sentence (`kind =
    // "framework_area"`), graded together below when the sentence gives one
    // grade.
    let mut framework: Vec<FrameworkArea> = Vec::new();
    // Grades given to every area at once (`kind = "all_areas"`): value,
    // scale, where the value is written and the rule.
    let mut every_area: Vec<(String, String, NormSpan, String)> = Vec::new();
    // Areas graded with the verb left out (`kind = "gapped"`: ', court
    // disposals good'), kept until the grades they may follow are known:
    // (where the match starts, area, value, priority, rule id).
    let mut gapped: Vec<(usize, NormSpan, NormSpan, u32, String)> = Vec::new();
    // Where the value of each area grade read so far ends.
    let mut area_value_ends: Vec<usize> = Vec::new();
    for (hit, rule) in ctx.hits(Family::Rating) {
        if !ctx.applies(hit, rule) {
            continue;
        }
        let kind = rule.def.kind.as_deref();
        if kind == Some("gapped") {
            if let (Some(a), Some(v)) = (ctx.group(hit, "area"), ctx.group(hit, "value")) {
                if !suppressed.iter().any(|(s, _)| s.contains(v)) {
                    gapped.push((
                        hit.span.start,
                        a,
                        v,
                        rule.def.priority,
                        rule.info.id.clone(),
                    ));
                }
            }
            continue;
        }
        if kind == Some("framework_area") {
            let Some(s) = clause_span(ctx, hit.span.start) else {
                continue;
            };
            // One area (group `area`), or a list of them ('safe, effective
            // and well-led', group `list`): each item.
            let items = match (ctx.group(hit, "area"), ctx.group(hit, "list")) {
                (Some(a), _) => vec![a],
                (None, Some(l)) => list_items(text, l),
                (None, None) => Vec::new(),
            };
            for item in items {
                framework.push((
                    s,
                    hit.span.start,
                    item,
                    rule.def.priority,
                    rule.info.id.clone(),
                ));
            }
            continue;
        }
        let value_g = ctx.group(hit, "value").or_else(|| ctx.group(hit, "number"));
        let probe = value_g.unwrap_or(hit.span);
        if suppressed
            .iter()
            .any(|(s, all)| (kind != Some("change") || *all) && s.contains(probe))
        {
            continue;
        }
        if kind == Some("all_areas") {
            // One grade for every area ('good in all categories'): kept for
            // the framework areas the text lists with no grade of their own.
            if let Some((g, (value, scale_id))) = value_g.and_then(|g| {
                ctx.rules
                    .rating_value(ctx.norm_str(g), scale)
                    .filter(|(_, s)| on_article_scale(s))
                    .map(|v| (g, v))
            }) {
                every_area.push((value, scale_id, g, rule.info.id.clone()));
            }
            continue;
        }
        if kind == Some("heading") {
            // 'Good' on a line of its own, then bullet lines: each bullet an area.
            let Some((value, scale_id)) = ctx
                .group(hit, "value")
                .and_then(|g| ctx.rules.rating_value(ctx.norm_str(g), scale))
                .filter(|(_, s)| on_article_scale(s))
            else {
                continue;
            };
            let Some(p) = ctx.doc.paragraph_at(hit.span.start) else {
                continue;
            };
            for q in &ctx.doc.paragraphs[p + 1..] {
                let line = ctx.norm_str(q.span);
                let Some(item) = line.strip_prefix(['-', '*', '\u{2022}']) else {
                    break;
                };
                let a = clean_area(ctx, item, false);
                if !a.is_empty() {
                    cands.push((
                        rule.def.priority,
                        q.span.start,
                        Rating {
                            scope: a,
                            value: value.clone(),
                            scale: scale_id.clone(),
                            implied: false,
                            span: ctx.span(hit.span),
                            rule: rule.info.id.clone(),
                        },
                        false,
                    ));
                }
            }
            continue;
        }
        let value = if let Some(g) = ctx.group(hit, "value") {
            ctx.rules.rating_value(ctx.norm_str(g), scale)
        } else if let Some(g) = ctx.group(hit, "number") {
            ctx.norm_str(g)
                .trim()
                .parse()
                .ok()
                .and_then(|n| ctx.rules.rating_number(n, scale))
        } else {
            // `value = "best"` / `"worst"`: the article's scale's best or
            // worst grade ('top marks for' is Excellent on one scale,
            // Outstanding on another).
            rule.def.value.as_deref().and_then(|v| match v {
                "best" | "worst" => scale_def.and_then(|s| {
                    let end = if v == "best" {
                        s.values.first()
                    } else {
                        s.values.last()
                    };
                    Some((end?.clone(), s.reports_as.clone()))
                }),
                _ => ctx.rules.rating_value(v, scale),
            })
        };
        let Some((value, scale_id)) = value else {
            continue;
        };
        if !on_article_scale(&scale_id) {
            continue;
        }
        // The area text: a group; for an area list the text after the anchor;
        // for `area_before` the text from the sentence start to the match.
        // The areas are the items of a bulleted list, each one whole.
        let mut bulleted = false;
        // A change rule that names no area ('from X to Y').
        let change = kind == Some("change")
            && rule.def.scope.as_deref() == Some("auto")
            && ctx.group(hit, "area").is_none();
        let area_text: Option<String> = if kind == Some("area_before") || change {
            let start = clause_span(ctx, hit.span.start)
                .map(|s| s.start)
                .unwrap_or(hit.span.start);
            let mut t = &text[start.min(hit.span.start)..hit.span.start];
            // A change of grade is said of its subject: the words before the
            // change's verb ('maternity services have risen from ...'); with
            // none left, or a subject that is the service, it is the overall
            // grade's change.
            // A subject closed by a comma right before the change's verb ends a
            // clause set off by commas ('The college, unveiled as ..., has
            // slumped from ...'): the subject is no area.
            let mut set_off = false;
            if change {
                let raw = t;
                t = without_change_verbs(ctx, t);
                set_off = raw[t.len()..].trim_start().starts_with(',');
            }
            // 'A was rated good, B was rated outstanding': the areas of this
            // grade start after the sentence's last earlier grade.
            let masked = without_prefixes(ctx, t);
            // Only when a clause ends there (',', ';', 'and', 'while', 'but').
            if let Some(m) = ctx.rules.rating_words.find_iter(&masked).last() {
                let rest = t[m.end()..].trim_start_matches(['\'', '"', ' ']);
                let lower = rest.to_ascii_lowercase();
                if rest.starts_with([',', ';'])
                    || ["and ", "while ", "but ", "whereas "]
                        .iter()
                        .any(|w| lower.starts_with(w))
                {
                    t = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
                }
            }
            // The list starts after the last of `area_before_stops` ('the home
            // was visited in May, with care and staffing rated as good').
            let eq = |list: &str, w: &str| ctx.rules.list_has(list, w);
            // And after the last of `area_before_clause_stops`, unless a
            // quantifier says the grade covers a list that runs over them
            // ('standards; teaching; care were all judged').
            let quantified = ctx
                .norm_str(hit.span)
                .split_whitespace()
                .take(2)
                .any(|w| eq("area_before_quantifiers", w));
            let clause_stops = if quantified {
                &[][..]
            } else {
                ctx.rules.list("area_before_clause_stops")
            };
            for stop in ctx
                .rules
                .list("area_before_stops")
                .iter()
                .chain(clause_stops)
            {
                if let Some(i) = t.rfind(stop.as_str()) {
                    t = &t[i + stop.len()..];
                }
            }
            // 'The nursery was rated as good': said of a subject, not of a
            // list, unless a quantifier marks one ('were all rated as good').
            let last = t.split_whitespace().next_back().unwrap_or("");
            // A body's name in the subject, case and all ('Oldacre Council';
            // not a common noun, 'a school').
            // Only before a word that puts the subject in a place ('the A&E
            // at Fenwick Hospital' is an area of the hospital).
            let bodies = ctx.rules.list("area_subject_bodies");
            let links = ctx.rules.list("area_place_links");
            let names_body = t
                .split_whitespace()
                .take_while(|w| !links.iter().any(|l| l.eq_ignore_ascii_case(w)))
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .any(|w| bodies.iter().any(|b| b == w));
            if change {
                // The subject: 'The ratings for being effective, caring and responsive
                // dropped from ...': the areas after the last of
                // `change_subject_leads`; else the words after the clause's
                // last comma ('On a positive note, maternity services ...').
                let lower = t.to_ascii_lowercase();
                let lead_end = ctx
                    .rules
                    .list("change_subject_leads")
                    .iter()
                    .filter_map(|l| {
                        lower
                            .rfind(&format!("{} ", l.to_ascii_lowercase()))
                            .map(|i| i + l.len() + 1)
                    })
                    .max();
                let subject = match lead_end {
                    Some(end) => t[end..].trim(),
                    None if set_off => "",
                    None => t.rsplit([',', ';', ':']).next().unwrap_or(t).trim(),
                };
                // A body's own grade ('the trust's rating has dropped'), a
                // change the text calls overall ('... to inadequate overall'),
                // or a subject too long to name an area is the overall one.
                let possessive = subject.ends_with("'s") || subject.ends_with("\u{2019}s");
                let overall_after = value_g.is_some_and(|g| {
                    text[g.end..]
                        .trim_start_matches(['\'', '"', ' '])
                        .get(..7)
                        .is_some_and(|w| w.eq_ignore_ascii_case("overall"))
                });
                let words = subject.split_whitespace().count();
                // A subject with a name in it ('Croydon College has raised
                // its rating ...') is a body's, not an area's.
                // So is a subject of one word the text only ever writes
                // capitalised, mid-sentence too ('Brighton moves from ...'):
                // a place's name, where an area's word ('Safety') is written
                // in lower case elsewhere.
                let named = subject
                    .split_whitespace()
                    .skip(1)
                    .any(|w| w.starts_with(char::is_uppercase))
                    || (words == 1 && proper_noun(text, subject));
                (words > 0 && words <= 12 && !possessive && !overall_after && !named)
                    .then(|| subject.to_string())
            } else if (eq("area_before_not_after", last) || {
                // Also with the verbs before the grade set aside: 'they are
                // still graded as ...' is the subject's grade, whether the
                // pronoun is left last or went with a verb ('they are').
                let kept = without_change_verbs(ctx, t);
                let set_aside = t.get(kept.len()..).unwrap_or("");
                eq(
                    "area_before_not_after",
                    kept.split_whitespace().next_back().unwrap_or(""),
                ) || set_aside
                    .split_whitespace()
                    .any(|x| eq("area_before_not_after", x) && !eq("change_verbs", x))
            }) && !quantified
            {
                continue;
            } else if !quantified && names_body {
                // 'praised Oldacre Council after its children's services
                // were rated good': a body named in the subject (not in a
                // possessive) makes the grade the service's own, unless the
                // subject holds a stop word of areas ('In eight of nine
                // categories, Oldacre Council was deemed ...': no grade).
                let lower = t.to_lowercase();
                if ctx
                    .rules
                    .list("area_stop")
                    .iter()
                    .any(|w| has_stop(&lower, w))
                {
                    continue;
                }
                None
            } else {
                Some(t.to_string())
            }
        } else if kind == Some("area_list") {
            // A status ('special measures', `area_list_not_after`) is no
            // grade given to areas: what follows its 'for' or 'in' is a
            // reason or a date ('special measures for three failings').
            let status = value_g.is_some_and(|g| {
                ctx.rules
                    .list_has("area_list_not_after", ctx.norm_str(g).trim())
            });
            if status {
                continue;
            }
            // The clause the match starts in, or the one it ends in when the
            // rule reads a full stop: the areas are then named in the sentence
            // after the grade ('good across all four categories. These
            // include ...').
            let matched = ctx.norm_str(hit.span);
            let at = if matched.contains(". ") || matched.contains(".\n") {
                hit.span.end.saturating_sub(1).max(hit.span.start)
            } else {
                hit.span.start
            };
            let sent_end = clause_span(ctx, at).map(|s| s.end).unwrap_or(hit.span.end);
            let next = anchors
                .iter()
                .copied()
                .filter(|&a| a >= hit.span.end)
                .min()
                .unwrap_or(usize::MAX);
            let end = sent_end.min(next).max(hit.span.end);
            let mut t = text[hit.span.end..end].to_string();
            // A list in brackets ('good (for care; leadership; and the staff
            // team)') runs to the closing bracket, its semicolons separating
            // its items.
            if ctx.norm_str(hit.span).contains('(') {
                if let Some(close) = t.find(')') {
                    t.truncate(close);
                    t = t.replace("; ", ", ");
                }
            }
            // So does a list after a colon ('They were: A; B; and C.').
            if ctx.norm_str(hit.span).trim_end().ends_with(':') {
                t = t.replace("; ", ", ");
            }
            // The list ends at the first of `area_list_stops` (', while',
            // ', as'), except where one of `area_list_continues` starts
            // (', as well as').
            let continues = ctx.rules.list("area_list_continues");
            for stop in ctx.rules.list("area_list_stops") {
                let mut from = 0;
                while let Some(i) = t[from..].find(stop.as_str()).map(|i| i + from) {
                    if continues.iter().any(|c| t[i..].starts_with(c.as_str())) {
                        from = i + stop.len();
                        continue;
                    }
                    t.truncate(i);
                    break;
                }
            }
            // 'It is good at:' and a bulleted list: each bullet is an area.
            let colon = t.contains(':') || ctx.norm_str(hit.span).trim_end().ends_with(':');
            // Nothing before the colon but a short lead-in ('requires
            // improvement in how it:') also opens a bulleted list.
            let lead = t.trim().trim_end_matches(':');
            let lead_in = t.trim_end().ends_with(':') && lead.split_whitespace().count() <= 4;
            if (lead.is_empty() || lead_in) && colon {
                let bullets = ctx
                    .doc
                    .paragraph_at(hit.span.start)
                    .map(|p| {
                        ctx.doc.paragraphs[p + 1..]
                            .iter()
                            .map_while(|q| {
                                ctx.norm_str(q.span)
                                    .trim_start()
                                    .strip_prefix(['-', '*', '\u{2022}'])
                                    .map(|i| i.trim().trim_end_matches([';', '.']).to_string())
                            })
                            .map(|i| i.strip_prefix("and ").unwrap_or(&i).to_string())
                            .map(|i| i.strip_suffix("; and").unwrap_or(&i).to_string())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                if !bullets.is_empty() {
                    t = bullets.join("; ");
                    bulleted = true;
                }
            }
            Some(t)
        } else {
            let area = ctx.group(hit, "area");
            // 'In terms of caring, it was rated good, but it was rated
            // inadequate overall': a clause break between an area and a grade
            // after it (`area_grade_breaks`) makes the grade another clause's.
            // Nor is it the area's when a grade comes right before a match
            // that leads in to its area ('judged good in terms of leadership,
            // the home was judged inadequate overall'): that grade is the
            // area's.
            if let (Some(a), Some(v)) = (area, value_g) {
                if a.end <= v.start {
                    let gap = text[a.end..v.start].to_lowercase();
                    let lo = super::floor_char_boundary(text, hit.span.start.saturating_sub(40));
                    let before = text[lo..hit.span.start].trim_end_matches(['\'', '"', ' ']);
                    // Only for a match that leads in to its area with words
                    // ('in terms of ...'): a table's or a list's area opens
                    // its match, or follows a break (', while ...').
                    let graded_before = a.start > hit.span.start
                        && !text[hit.span.start..a.start].contains([',', '.', ';', ':', '\n'])
                        && ctx
                            .rules
                            .rating_words
                            .find_iter(before)
                            .last()
                            .is_some_and(|m| m.end() == before.len());
                    if graded_before
                        || ctx
                            .rules
                            .list("area_grade_breaks")
                            .iter()
                            .any(|b| gap.contains(b.as_str()))
                    {
                        continue;
                    }
                }
            }
            area.map(|g| ctx.norm_str(g).to_string())
        };
        let span = ctx.span(value_g.unwrap_or(hit.span));
        let label = kind == Some("label");
        // 'rated Good for caring', 'judged excellent in three of the five
        // areas': a grade qualified by what follows it is not the overall one.
        let qualified = value_g.is_some_and(|g| {
            let mut after =
                text[g.end..].trim_start_matches(['\'', '"', ' ', '\u{2019}', '\u{201D}']);
            // A grade's number in brackets ('"Very Good" (5) in all areas').
            if let Some(rest) = after.strip_prefix('(') {
                if let Some(close) = rest.find(')').filter(|&c| c <= 3) {
                    after = rest[close + 1..].trim_start();
                }
            }
            let starts = |after: &str, only_for: bool| {
                not_overall_after.iter().any(|q| {
                    (!only_for || q.starts_with("for "))
                        && after
                            .get(..q.len())
                            .is_some_and(|a| a.eq_ignore_ascii_case(q))
                        && after[q.len()..].starts_with(|c: char| !c.is_alphanumeric())
                })
            };
            // 'a requires improvement rating for being safe': the words of
            // the list that open with 'for' also after the grade's noun
            // (`grade_nouns`); 'the outstanding judgement in all areas' stays
            // the overall one.
            let noun = after
                .split_once(' ')
                .filter(|(w, _)| ctx.rules.list_has("grade_nouns", &w.to_ascii_lowercase()));
            starts(after, false) || noun.is_some_and(|(_, rest)| starts(rest.trim_start(), true))
        });
        // 'X, in Poplar, was rated inadequate for safety and leadership': the
        // words before a grade that its own areas follow are its subject,
        // not areas.
        if kind == Some("area_before") && qualified {
            continue;
        }
        let pushed_from = cands.len();
        let mut push = |scope: String| {
            cands.push((
                rule.def.priority,
                hit.span.start,
                Rating {
                    scope,
                    value: value.clone(),
                    scale: scale_id.clone(),
                    implied: rule.def.implied,
                    span,
                    rule: rule.info.id.clone(),
                },
                label,
            ))
        };
        match (rule.def.scope.as_deref(), area_text) {
            (Some("overall"), _) | (_, None) if qualified => continue,
            (Some("overall"), _) | (_, None) => push("overall".into()),
            (_, Some(t)) => {
                // Whether any grade was read here; a change of grade whose
                // subject gives none (the service, a subject that is no area,
                // a text that is no area list) is the overall grade's.
                let read_any = 'areas: {
                    // Areas are never read from inside a quotation, unless it
                    // quotes the inspection's findings or reports a grading.
                    if inside_quotes(ctx, hit.span.start)
                        && !quoted_finding(ctx, hit.span.start)
                        && !quoted_grading(ctx, hit.span.start)
                    {
                        break 'areas false;
                    }
                    let t = cut_area(ctx, &t);
                    // A grade word inside the area text means the pattern spanned two
                    // statements; an over-long area is a sentence, not an area name.
                    // An area's own lead-in words ('how good is our ...', from
                    // `area_prefixes`) are no grade.
                    if kind != Some("label")
                        && (ctx.rules.rating_words.is_match(&without_prefixes(ctx, &t))
                            || t.split_whitespace().count() > 30)
                    {
                        break 'areas false;
                    }
                    // Areas named in quote marks ('A, \'how good is our care, play
                    // and learning?\' and \'how good is our setting?\', were rated')
                    // are the quoted names, each whole.
                    let quoted = quoted_items(&t);
                    // One name in quote marks set after a lead-in and a
                    // comma ('The fourth area, \'experiences of care
                    // leavers\', was rated as good') is the area.
                    let appositive = match quoted.as_slice() {
                        [q] => t.find(q.as_str()).is_some_and(|at| {
                            let before = t[..at].trim_end_matches(['\'', '"', ' ']);
                            let after = &t[at + q.len()..];
                            before.ends_with(',')
                                && after
                                    .trim_matches(|c: char| matches!(c, '\'' | '"' | ',' | ' '))
                                    .is_empty()
                        }),
                        _ => false,
                    };
                    let by_quotes = quoted.len() >= 2 || appositive;
                    // A label line names one area, however many words its heading
                    // joins ('Leadership, management and governance: Inadequate').
                    let raw_areas = if by_quotes {
                        quoted
                    } else if kind == Some("label") {
                        vec![strip_area_suffix(ctx, &t).to_string()]
                    } else if bulleted {
                        t.split("; ").map(str::to_string).collect()
                    } else if t.contains([',', ';'])
                        || t.contains(" and ")
                        || t.contains(" as well as ")
                    {
                        split_areas(ctx, &t)
                    } else {
                        vec![strip_area_suffix(ctx, &t).to_string()]
                    };
                    // One piece that is not an area ('six of which') discredits the
                    // list; the whole service named in it ('and overall
                    // effectiveness', not a lone lead-in 'Overall,') does not.
                    let stopped = |a: &str| {
                        let l = a.to_lowercase();
                        !(l.contains(' ') && overall_words.iter().any(|w| l == w.to_lowercase()))
                            && area_stop.iter().any(|w| has_stop(&l, w))
                    };
                    if kind != Some("label")
                        && !by_quotes
                        && raw_areas.len() > 1
                        && raw_areas.iter().any(|r| stopped(&clean_area(ctx, r, true)))
                    {
                        break 'areas false;
                    }
                    let listed = raw_areas.len() > 1;
                    let core = ctx.rules.list("listed_core_services");
                    let mut read_any = false;
                    for raw in raw_areas {
                        let a = clean_area(ctx, &raw, kind != Some("label"));
                        let l = a.to_lowercase();
                        // 'surgery' is the whole service alone, an area in a list.
                        let core_area = listed && core.iter().any(|w| l == w.to_lowercase());
                        // A service called by a description ending in its kind
                        // in lower case ('the Oldacre Council home') is the whole
                        // service, unless it is one of many ('a school', 'every
                        // home'); with the kind in a place phrase, only when what
                        // comes before the place is the whole service
                        // ('children's services at the council', not 'purposeful
                        // activity at the jail').
                        let words: Vec<&str> = a.split_whitespace().collect();
                        let in_list = |list: &str, w: &str| {
                            let w = w.to_lowercase();
                            ctx.rules.list(list).contains(&w)
                        };
                        let described_service = !listed
                            && words.len() >= 2
                            && words.last().is_some_and(|w| {
                                ctx.rules.list("overall_area_heads").iter().any(|x| x == w)
                            })
                            && !in_list("indefinite_leads", words[0])
                            && match words.iter().rposition(|w| in_list("area_place_links", w)) {
                                Some(i) if i > 0 => {
                                    let before = words[..i].join(" ").to_lowercase();
                                    let bare = before.strip_prefix("the ").unwrap_or(&before);
                                    overall_words.iter().any(|w| {
                                        before == w.to_lowercase() || bare == w.to_lowercase()
                                    })
                                }
                                _ => true,
                            };
                        if l.is_empty()
                            || described_service
                            || (!core_area && overall_words.iter().any(|w| l == w.to_lowercase()))
                        {
                            if !qualified {
                                push("overall".into());
                                read_any = true;
                            }
                        } else if !area_stop.iter().any(|w| has_stop(&l, w))
                        && !area_drop.iter().any(|w| has_stop(&l, w))
                        && !l.split_whitespace().next().is_some_and(|w| {
                            if ctx.rules.list_has("area_clause_verbs", w) {
                                true
                            } else if kind == Some("area_list") {
                                // 'are caring' is an area still; 'is a
                                // result to be proud of' a clause.
                                l.split_whitespace().count() >= 4
                                    && area_list_stop_leading.iter().any(|x| x == w)
                            } else {
                                area_stop_leading.iter().any(|x| x == w)
                            }
                        })
                        && (kind == Some("label")
                            || !ctx.rules.rating_words.is_match(&without_prefixes(ctx, &a)))
                        && !a.starts_with(|c: char| c.is_ascii_digit())
                        // 'Fenmoor Surgery' is a service; 'Surgery' alone is
                        // an area opening its sentence.
                        && !(a.split_whitespace().count() >= 2
                            && a.split_whitespace().next_back().is_some_and(|w| {
                                ctx.rules.list("area_service_words").iter().any(|x| x == w)
                            }))
                        && a.split_whitespace().count() <= 14
                        // 'On the respect test, Kellmoor was found to be
                        // reasonably good': a name the text only ever writes
                        // capitalised, before its grade, is a body or a
                        // place, not an area.
                        && !(kind == Some("area_before")
                            && !a.contains(' ')
                            && proper_noun(text, &a))
                        {
                            push(a);
                            read_any = true;
                        }
                    }
                    read_any
                };
                if change && !read_any && !qualified {
                    push("overall".into());
                }
            }
        }
        // The value spans whose areas an area list read after the grade, and
        // those of areas read before one (the subjects dropped after the loop).
        let read_here = cands[pushed_from..].iter().any(|c| c.2.scope != "overall");
        if read_here {
            area_value_ends.extend(value_g.map(|g| g.end));
        }
        match kind {
            Some("area_list") if read_here => listed_after.push(span),
            Some("area_before") if read_here => read_before.push((span, rule.info.id.clone())),
            _ => {}
        }
        if kind != Some("area_list") {
            area_spans.extend(
                cands[pushed_from..]
                    .iter()
                    .filter(|c| c.2.scope != "overall")
                    .map(|c| (c.2.span, hit.span.start)),
            );
        }
    }
    gapped_areas(
        ctx,
        &mut gapped,
        &mut area_value_ends,
        scale,
        &on_article_scale,
        &mut cands,
    );
    // Rules' hits come rule by rule: by sentence, then in text order.
    framework.sort_by_key(|f| (f.0.start, f.2.start));
    framework_areas(
        ctx,
        &framework,
        &suppressed,
        &on_article_scale,
        scale,
        &every_area,
        &mut cands,
    );
    // 'The nursery was judged adequate in staffing and leadership': when the
    // areas of a grade follow it, the words before it are what was graded
    // (the service, or a part of it), not one more area.
    cands.retain(|c| {
        c.2.scope == "overall"
            || !listed_after.contains(&c.2.span)
            || !read_before
                .iter()
                .any(|(s, r)| *s == c.2.span && *r == c.2.rule)
    });
    cands.sort_by_key(|a| (a.0, a.1));
    // A grade another rule read as an area's ('while leadership was rated
    // good') is not also the overall one (an area list's grade may be: 'up
    // to good in all five areas, and overall'), unless the sentence names
    // the overall grade before those areas ('The overall rating for the
    // service, and the ratings for how safe and well-led it is, have dropped
    // from good to inadequate').
    let overall_named = ctx.rules.list("overall_named_before");
    let overall_before = |at: usize| {
        ctx.sentence_span(at).is_some_and(|s| {
            text.get(s.start.min(at)..at).is_some_and(|b| {
                let b = b.to_lowercase();
                overall_named.iter().any(|w| b.contains(&w.to_lowercase()))
            })
        })
    };
    cands.retain(|c| {
        c.2.scope != "overall"
            || c.3
            || !area_spans
                .iter()
                .any(|(v, at)| *v == c.2.span && !overall_before(*at))
    });
    let mut out: Vec<Rating> = Vec::new();
    let mut overall_label = false;
    let mut overall_at = 0;
    if has_overall {
        if let Some((_, at, r, label)) = cands.iter().find(|c| c.2.scope == "overall") {
            out.push(r.clone());
            overall_label = *label;
            overall_at = *at;
        }
    } else {
        // A scale without an overall grade: only an explicit 'Overall:' line, or
        // an implied grade the scale has, gives one.
        let on_scale = |v: &str| scale_def.is_some_and(|s| s.values.iter().any(|x| x == v));
        if let Some((_, _, r, _)) = cands
            .iter()
            .find(|c| c.2.scope == "overall" && (c.3 || (c.2.implied && on_scale(&c.2.value))))
        {
            out.push(r.clone());
        }
    }
    let roundup = services >= 2;
    let para = |p: usize| ctx.doc.paragraph_at(p);
    // Two areas are one when a single service is graded, or when a round-up
    // grades them in one paragraph.
    let together = |a: usize, b: usize| !roundup || para(a) == para(b);
    let mut areas: Vec<(usize, Rating)> = Vec::new();
    // The key of each area kept, folded once: 'well-led' and 'well led' are
    // one area.
    let mut folded: Vec<String> = Vec::new();
    for (_, pos, r, _) in cands {
        if r.scope == "overall" {
            continue;
        }
        let key = r.scope.to_lowercase().replace('-', " ");
        if !areas
            .iter()
            .zip(&folded)
            .any(|((p, _), k)| *k == key && together(*p, pos))
        {
            areas.push((pos, r));
            folded.push(key);
        }
    }
    areas.sort_by_key(|(p, _)| *p);
    // An area restated in fewer words with the same grade (a summary line
    // grading 'how well it guards residents against fires and other dangers',
    // then 'it is good at guarding residents') is the same area: of
    // two whose key words (two or more) are the same or one's within the
    // other's, the earlier and fuller stays.
    let keys: Vec<Vec<String>> = areas.iter().map(|(_, r)| area_key(ctx, &r.scope)).collect();
    let restated = |i: usize| {
        keys[i].len() >= 2
            && (0..areas.len()).any(|j| {
                j != i
                    && together(areas[j].0, areas[i].0)
                    && areas[j].1.value == areas[i].1.value
                    && keys[i].iter().all(|w| keys[j].contains(w))
                    && (keys[j].len() > keys[i].len() || j < i)
            })
    };
    let keep: Vec<bool> = (0..areas.len()).map(|i| !restated(i)).collect();
    // An area of fewer than three characters ('as'; 'A&E' is three) or one
    // of `area_stop_exact` (a number, 'all others') is a fragment, not an area.
    let exact = ctx.rules.list("area_stop_exact");
    let fragment = |a: &str| {
        a.trim_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .filter(|c| !c.is_whitespace())
            .count()
            < 3
            || exact.iter().any(|x| x.eq_ignore_ascii_case(a.trim()))
    };
    let before = out.len();
    out.extend(
        areas
            .into_iter()
            .zip(keep)
            .filter(|((_, r), k)| *k && !fragment(&r.scope))
            .map(|((_, r), _)| r),
    );
    // On a scale whose services are graded area by area (the Care
    // Inspectorate's quality themes), a headline grade beside the areas' grades
    // sums them up: only an 'Overall:' line, or a sentence calling the grade
    // the overall one ('an overall grading of weak'), stands beside them.
    let only_alone = scale_def.is_some_and(|s| s.overall_only_alone);
    if only_alone && out.len() > before && !overall_label {
        let stated = ctx.rules.list("overall_stated_words");
        let says_overall = ctx.sentence_span(overall_at).is_some_and(|s| {
            text.get(s.start..s.end).is_some_and(|t| {
                t.split(|c: char| !c.is_alphanumeric())
                    .any(|w| stated.iter().any(|x| x.eq_ignore_ascii_case(w)))
            })
        });
        if !says_overall {
            out.retain(|r| r.scope != "overall");
        }
    }
    out
}

/// A clause naming two or more areas of an inspectorate's framework and one
/// grade grades each of them ('rated outstanding in every area, which
/// includes the quality of education, behaviour and attitudes and personal
/// development'), unless another rule already read an area in it, the grade
/// is suppressed (a previous grade, a scale's key) or it is quoted words that
/// report no grading. A sentence's clauses end
/// at `framework_clause_breaks` ('..., while the boarding experience was
/// rated as good'). `found` holds, per area mention, its sentence, where the
/// match starts, the area, the rule's priority and id.
///
/// A sentence that names two or more areas and no grade at all ('The report
/// covers leadership and management and the quality of teaching') says what
/// the inspection graded: when the text gives one grade to every area
/// (`every_area`, 'outstanding in every category'), each of those areas has
/// it, credited to the rule that read that grade.
fn framework_areas(
    ctx: &Ctx,
    found: &[FrameworkArea],
    suppressed: &[(NormSpan, bool)],
    on_article_scale: &dyn Fn(&str) -> bool,
    scale: Option<&str>,
    every_area: &[(String, String, NormSpan, String)],
    cands: &mut Vec<(u32, usize, Rating, bool)>,
) {
    let text = ctx.text();
    // The grade first given to every area (a later one is most often the
    // last inspection's: 'up from good in all areas at the visit before'),
    // unless another rule has already given it to areas (read them from a
    // list after it: 'outstanding across all four categories. These include
    // ...').
    let every = every_area
        .iter()
        .min_by_key(|e| e.2.start)
        .filter(|(v, _, _, _)| {
            !cands
                .iter()
                .any(|c| c.2.scope != "overall" && c.2.value == *v)
        });
    let mut i = 0;
    while i < found.len() {
        let sentence = found[i].0;
        let mut j = i;
        while j < found.len() && found[j].0 == sentence {
            j += 1;
        }
        let group = &found[i..j];
        i = j;
        let body = &text[sentence.start..sentence.end];
        let lower = body.to_lowercase();
        if let Some((value, scale_id, value_at, rule)) = every {
            // Grades a suppress rule silences (a scale's two ends: 'on a
            // scale from unsatisfactory to excellent') grade nothing.
            let ungraded = !ctx.rules.rating_words.find_iter(body).any(|m| {
                let at = NormSpan::new(sentence.start + m.start(), sentence.start + m.end());
                !suppressed.iter().any(|(s, _)| s.contains(at))
                    && ctx
                        .rules
                        .rating_value(m.as_str(), scale)
                        .is_some_and(|(_, s)| on_article_scale(&s))
            }) && !area_read_in(cands, sentence);
            let areas = distinct_areas(ctx, group, sentence);
            // Not from a quotation: a speaker's 'safe and effective
            // learning environment' lists no areas.
            if ungraded && areas.len() >= 2 && !inside_quotes(ctx, group[0].2.start) {
                let grade = Grade {
                    value,
                    scale: scale_id,
                    at: *value_at,
                    rule,
                };
                for (_, at, area, priority, _) in areas {
                    push_framework_area(ctx, cands, *area, *at, *priority, &grade);
                }
                continue;
            }
        }
        let mut bounds: Vec<usize> = ctx
            .rules
            .list("framework_clause_breaks")
            .iter()
            .flat_map(|b| {
                lower
                    .match_indices(b.as_str())
                    .map(|(k, _)| sentence.start + k)
            })
            .collect();
        bounds.push(sentence.start);
        bounds.push(sentence.end);
        bounds.sort_unstable();
        bounds.dedup();
        for w in bounds.windows(2) {
            let clause = NormSpan::new(w[0], w[1]);
            let areas = distinct_areas(ctx, group, clause);
            if areas.is_empty() || area_read_in(cands, clause) {
                continue;
            }
            let Some((value, scale_id, value_at)) =
                one_grade(ctx, clause, suppressed, on_article_scale, scale)
            else {
                continue;
            };
            // As for other areas: none from inside a quotation, unless it
            // quotes the inspection's findings or reports a grading.
            if inside_quotes(ctx, value_at.start)
                && !quoted_finding(ctx, value_at.start)
                && !quoted_grading(ctx, value_at.start)
            {
                continue;
            }
            // One area alone takes the grade only when it is named before it
            // and in more than one word ('safety' or 'respect' alone is
            // everyday prose).
            if let [(_, _, area, _, _)] = areas.as_slice() {
                let before = text[clause.start..value_at.start]
                    .trim_end_matches([' ', '\'', '"'])
                    .rsplit(' ')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let next = text[area.end..clause.end]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if area.end > value_at.start
                    || !ctx.norm_str(*area).trim().contains(' ')
                    || inside_quotes(ctx, area.start)
                    || !ctx.rules.list_has("framework_single_grade_after", &before)
                    || ctx.rules.list_has("framework_single_not_before", &next)
                {
                    continue;
                }
            }
            for (_, at, area, priority, rule) in areas {
                let grade = Grade {
                    value: &value,
                    scale: &scale_id,
                    at: value_at,
                    rule,
                };
                push_framework_area(ctx, cands, *area, *at, *priority, &grade);
            }
        }
    }
}

/// A framework area mention: its sentence, where its match starts, the area,
/// the rule's priority and id.
type FrameworkArea = (NormSpan, usize, NormSpan, u32, String);

/// Areas graded with the verb left out after an area grade ('Delivery was
/// rated outstanding, court work good and casework requires improvement'):
/// a `gapped` match counts only where it starts right after the value of an
/// area grade read by another rule, or of a gapped area before it (closing
/// quote marks between them aside), so that a chain of them runs on from
/// one graded area. The area is cleaned like any other; one that is the
/// whole service, holds a stop word, opens with a clause's verb or runs over
/// eight words is none, and ends the chain.
fn gapped_areas(
    ctx: &Ctx,
    gapped: &mut [(usize, NormSpan, NormSpan, u32, String)],
    value_ends: &mut Vec<usize>,
    scale: Option<&str>,
    on_article_scale: &dyn Fn(&str) -> bool,
    cands: &mut Vec<(u32, usize, Rating, bool)>,
) {
    let text = ctx.text();
    gapped.sort_by_key(|g| g.0);
    let overall_words = ctx.rules.list("overall_areas");
    let area_stop = ctx.rules.list("area_stop");
    let area_drop = ctx.rules.list("area_drop");
    for (start, area, value, priority, rule) in gapped.iter() {
        // A value another rule read ('judged A to be excellent and B to be
        // good') is that rule's.
        let at = ctx.span(*value);
        if cands.iter().any(|c| c.2.span == at) {
            continue;
        }
        // A gapped grade ends its item: punctuation, or a word of
        // `gapped_value_then` ('and', 'overall'), follows it; 'good
        // progress' is a grade word used of something else.
        let after = text[value.end..].trim_start_matches(['\'', '"', '\u{2019}', '\u{201D}']);
        let ends_item = match after.chars().next() {
            None => true,
            Some(c) if c != ' ' => !c.is_alphanumeric(),
            Some(_) => after.split_whitespace().next().is_none_or(|w| {
                let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                w.is_empty() || ctx.rules.list_has("gapped_value_then", &w.to_lowercase())
            }),
        };
        if !ends_item {
            continue;
        }
        let follows = value_ends.iter().any(|&e| {
            e <= *start
                && text.get(e..*start).is_some_and(|gap| {
                    gap.chars()
                        .all(|c| matches!(c, '\'' | '"' | '\u{2019}' | '\u{201D}' | ' '))
                })
        });
        if !follows {
            continue;
        }
        let Some((v, scale_id)) = ctx
            .rules
            .rating_value(ctx.norm_str(*value), scale)
            .filter(|(_, s)| on_article_scale(s))
        else {
            continue;
        };
        // 'the caring and responsive categories remained': the areas, less
        // the verbs of `change_verbs` after them, split like a list.
        let raw = without_change_verbs(ctx, ctx.norm_str(*area));
        let mut areas = Vec::new();
        for item in split_areas(ctx, raw) {
            let a = clean_area(ctx, &item, true);
            let l = a.to_lowercase();
            let first = l.split_whitespace().next().unwrap_or("");
            if a.is_empty()
                || a.split_whitespace().count() > 8
                || overall_words.iter().any(|w| l == w.to_lowercase())
                || area_stop.iter().any(|w| has_stop(&l, w))
                || area_drop.iter().any(|w| has_stop(&l, w))
                || ctx.rules.list_has("area_clause_verbs", first)
                || ctx.rules.list_has("area_stop_leading", first)
                || ctx.rules.list_has("area_list_stop_leading", first)
                || ctx.rules.rating_words.is_match(&l)
            {
                areas.clear();
                break;
            }
            areas.push(a);
        }
        if areas.is_empty() {
            continue;
        }
        for a in areas {
            cands.push((
                *priority,
                *start,
                Rating {
                    scope: a,
                    value: v.clone(),
                    scale: scale_id.clone(),
                    implied: false,
                    span: at,
                    rule: rule.clone(),
                },
                false,
            ));
        }
        value_ends.push(value.end);
    }
}

/// The grade framework areas take: its value and scale, where it is written
/// and the rule credited with it.
struct Grade<'a> {
    value: &'a str,
    scale: &'a str,
    at: NormSpan,
    rule: &'a str,
}

/// The mentions of `group` inside `span`, one per area ('home safety visits
/// ... firefighter safety' names one).
fn distinct_areas<'a>(
    ctx: &Ctx,
    group: &'a [FrameworkArea],
    span: NormSpan,
) -> Vec<&'a FrameworkArea> {
    let mut areas: Vec<&FrameworkArea> = Vec::new();
    for g in group.iter().filter(|g| span.contains(g.2)) {
        let name = ctx.norm_str(g.2).to_lowercase();
        if !areas
            .iter()
            .any(|a| ctx.norm_str(a.2).to_lowercase() == name)
        {
            areas.push(g);
        }
    }
    areas
}

/// True when another rule read an area from a match starting in `span`.
fn area_read_in(cands: &[(u32, usize, Rating, bool)], span: NormSpan) -> bool {
    cands
        .iter()
        .any(|c| c.2.scope != "overall" && span.contains(NormSpan::new(c.1, c.1)))
}

/// Push the framework area `area` (its name as written, without a leading
/// 'the') with `grade` as a candidate.
fn push_framework_area(
    ctx: &Ctx,
    cands: &mut Vec<(u32, usize, Rating, bool)>,
    area: NormSpan,
    at: usize,
    priority: u32,
    grade: &Grade<'_>,
) {
    // The framework's own name of the area, as written.
    let raw = ctx.orig_str(area);
    let scope = raw
        .strip_prefix("the ")
        .or_else(|| raw.strip_prefix("The "))
        .unwrap_or(&raw)
        .trim()
        .to_string();
    if scope.is_empty() {
        return;
    }
    cands.push((
        priority,
        area.start.max(at),
        Rating {
            scope,
            value: grade.value.to_string(),
            scale: grade.scale.to_string(),
            implied: false,
            span: ctx.span(grade.at),
            rule: grade.rule.to_string(),
        },
        false,
    ));
}

/// The items of a list of areas in `span` ('safe, effective and well-led'),
/// split at commas and 'and'.
fn list_items(text: &str, span: NormSpan) -> Vec<NormSpan> {
    let body = &text[span.start..span.end];
    let mut out = Vec::new();
    let mut push = |a: usize, b: usize| {
        let piece = &body[a..b];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if b - trail > a + lead {
            out.push(NormSpan::new(span.start + a + lead, span.start + b - trail));
        }
    };
    let (mut from, mut i) = (0, 0);
    while i < body.len() {
        let rest = &body[i..];
        let sep = [", and ", ",", " and "]
            .iter()
            .find(|s| rest.starts_with(**s))
            .map_or(0, |s| s.len());
        if sep > 0 {
            push(from, i);
            i += sep;
            from = i;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    push(from, body.len());
    out
}

/// The one grade `span` gives (value, scale and where it is written): none
/// when it gives none, two different ones, or one a suppress rule silences.
fn one_grade(
    ctx: &Ctx,
    span: NormSpan,
    suppressed: &[(NormSpan, bool)],
    on_article_scale: &dyn Fn(&str) -> bool,
    scale: Option<&str>,
) -> Option<(String, String, NormSpan)> {
    let body = &ctx.text()[span.start..span.end];
    let mut values: Vec<(String, String)> = Vec::new();
    let mut first = None;
    for m in ctx.rules.rating_words.find_iter(body) {
        let at = NormSpan::new(span.start + m.start(), span.start + m.end());
        if suppressed.iter().any(|(s, _)| s.contains(at)) {
            return None;
        }
        // A grade said of something else ('good practice') grades none of
        // the clause's areas.
        let next = body[m.end()..]
            .trim_start_matches(['\'', '"', ' '])
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if ctx.rules.list_has("framework_grade_not_before", &next) {
            return None;
        }
        if let Some(v) = ctx
            .rules
            .rating_value(m.as_str(), scale)
            .filter(|(_, s)| on_article_scale(s))
        {
            if !values.contains(&v) {
                values.push(v);
            }
            first.get_or_insert(at);
        }
    }
    match (values.as_slice(), first) {
        ([(value, scale_id)], Some(at)) => Some((value.clone(), scale_id.clone(), at)),
        _ => None,
    }
}

/// True when `word` is capitalised wherever `text` has it and at least once
/// after another word of its sentence (not only where sentences start):
/// a name, not a common word.
fn proper_noun(text: &str, word: &str) -> bool {
    if !word.starts_with(char::is_uppercase) || !word.chars().all(char::is_alphabetic) {
        return false;
    }
    let mid = find_all(text, word).iter().any(|s| {
        let before = text[..s.start].trim_end_matches(' ');
        before.len() < s.start
            && before
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == ',')
    });
    mid && find_all(text, &word.to_lowercase()).is_empty()
}

/// The key words of an area, to tell a restatement: lower case, without the
/// `area_key_stopwords`, each cut to its first four letters ('looking after
/// its people' and 'looks after its people' agree).
fn area_key(ctx: &Ctx, area: &str) -> Vec<String> {
    let stop = ctx.rules.list("area_key_stopwords");
    area.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !stop.iter().any(|s| s == w))
        .map(|w| w.chars().take(4).collect())
        .collect()
}

/// Drop the area ratings whose area is an inspected service itself ('Oldacre
/// Police, graded good for two areas' read with the force as an area, or
/// 'the council's children's services'): that grade is
/// the service's own, not an area's. An area is the service when it is two or
/// more capitalised words of the service's name, or words of its name with its
/// acronym ('City of London YJS', 'NSFT'), or its locality alone, or is its
/// kind of two or more words, maybe after one possessive ('the council's
/// children's services'; 'leadership of children's services' is an area).
///
/// With no overall grade, the first area that is a service's whole name
/// ('Kellshire's children's services were upgraded to good') is its overall
/// grade, on a scale that has one (`rules`).
pub fn drop_service_areas(ratings: &mut Vec<Rating>, services: &[Service], rules: &RuleSet) {
    let has_overall = ratings.iter().any(|r| r.scope == "overall");
    if !has_overall {
        let whole = ratings.iter().position(|r| {
            rules.scale(&r.scale).is_none_or(|s| s.overall) && is_whole_service(r, services)
        });
        if let Some(i) = whole {
            let mut r = ratings.remove(i);
            r.scope = "overall".into();
            ratings.insert(0, r);
        }
    }
    ratings.retain(|r| r.scope == "overall" || !is_service_area(r, services));
}

/// True when an area rating's area is a service's whole name, possessives
/// aside ('Oldacre Council's children's services'), maybe with its place
/// ('Larch Academy in Kellford').
fn is_whole_service(r: &Rating, services: &[Service]) -> bool {
    let scope = without_article(&r.scope);
    let area = bare_name(&folded_name(scope));
    area.split_whitespace().count() >= 2
        && scope.starts_with(char::is_uppercase)
        && services.iter().any(|s| {
            let name = bare_name(&folded_name(&s.name));
            // Also placed ('Larch Academy in Kellford').
            area == name
                || area
                    .strip_prefix(name.as_str())
                    .is_some_and(|t| t.starts_with(" in "))
        })
}

/// True when an area rating's area is the service (or an establishment)
/// itself: see [`drop_service_areas`].
/// A name or an area as compared with a service's: lower case, curly
/// apostrophes straight.
fn folded_name(t: &str) -> String {
    t.trim().to_lowercase().replace('\u{2019}', "'")
}

/// An area's words without a leading 'the' ('The Oldacre Probation Delivery
/// Unit' is the unit).
fn without_article(scope: &str) -> &str {
    let scope = scope.trim_start();
    ["The ", "the "]
        .iter()
        .find_map(|t| scope.strip_prefix(t))
        .unwrap_or(scope)
}

/// A [`folded_name`] without its possessives ('oldacre council's children's
/// services' is 'oldacre council children services').
fn bare_name(t: &str) -> String {
    t.replace("'s ", " ")
}

fn is_service_area(r: &Rating, services: &[Service]) -> bool {
    let area = folded_name(&r.scope);
    let words = area.split_whitespace().count();
    let capitalised = r.scope.trim_start().starts_with(char::is_uppercase);
    // A name placed in a place ('Larch House in Oldacre'): capitalised
    // words, 'in', a capitalised place; an establishment, not an area.
    if let Some((name, place)) = r.scope.trim().split_once(" in ") {
        let caps = |t: &str| {
            t.split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase))
        };
        if !name.is_empty() && caps(name) && caps(place) && !place.is_empty() {
            return true;
        }
    }
    // Possessives aside ('Oldacre Council's children's services' is the
    // service 'Oldacre Council children's services').
    // Words of the name after 'the' too ('the Oldacre Probation Delivery Unit').
    let named = without_article(&r.scope);
    let named_area = bare_name(&folded_name(named));
    let named_caps = named.split_whitespace().count() >= 2 && named.starts_with(char::is_uppercase);
    services.iter().any(|s| {
        let name = folded_name(&s.name);
        let in_name = named_caps && bare_name(&name).contains(&named_area);
        // The first word of a name ('Holmewood' of 'Holmewood Care Home').
        let name_head = words == 1
            && capitalised
            && name
                .strip_prefix(area.as_str())
                .is_some_and(|t| t.starts_with(' '));
        let is_kind = s.kind.as_deref().is_some_and(|k| {
            let k = k.to_lowercase().replace('\u{2019}', "'");
            k.contains(' ')
                && (area == k
                    || area
                        .strip_suffix(&format!(" {k}"))
                        .is_some_and(|p| !p.contains(' ') && p.ends_with("'s")))
        });
        // The first of a name's places read as an area of its own ('Avon
        // and Somerset Constabulary is judged to be good' gives 'Avon').
        let first_place = capitalised
            && [" and ", " & "]
                .iter()
                .any(|j| name.starts_with(&format!("{area}{j}")));
        // Words of the name with its acronym ('City of London YJS' of
        // 'Tower Hamlets and City of London Youth Justice Service (YJS)'),
        // or the acronym alone ('NSFT was rated inadequate').
        let acronym = s.acronym.as_deref().map(str::to_lowercase);
        let name_words: Vec<&str> = name.split_whitespace().collect();
        let of_name = |w: &str| name_words.contains(&w) || acronym.as_deref() == Some(w);
        let named_parts = capitalised
            && acronym.as_deref().is_some_and(|a| {
                area == a || (words >= 2 && area.split_whitespace().any(|w| w == a))
            })
            && area.split_whitespace().all(of_name);
        // The service's place alone ('Humberside, which was rated
        // inadequate seven years ago').
        let its_place = capitalised
            && s.locality
                .as_deref()
                .is_some_and(|l| l.to_lowercase().replace('\u{2019}', "'") == area);
        in_name || name_head || is_kind || first_place || named_parts || its_place
    })
}

#[cfg(test)]
mod tests {
    use super::proper_noun;

    #[test]
    fn a_word_only_ever_capitalised_and_found_mid_sentence_is_a_name() {
        let t = "Fenwick moves up\n\nThe council at Fenwick has improved.";
        assert!(proper_noun(t, "Fenwick"));
        // Written in lower case elsewhere: a common word at a sentence start.
        let t = "Safety improves\n\nInspectors said safety had improved at Safety House.";
        assert!(!proper_noun(t, "Safety"));
        // Capitalised only where sentences start.
        let t = "Leadership improves\n\nLeadership was rated good.";
        assert!(!proper_noun(t, "Leadership"));
    }
}
