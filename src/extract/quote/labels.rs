//! Names, not quotations: an area of the inspection written in quote marks
//! ('rated "good" for "quality of staffing"', 'the "helped and protected"
//! judgement') is the name of what was graded. A quotation whose words are
//! those of an area the article grades, its `area_prefixes` aside
//! ('quality of'), is no quotation.

use crate::record::{Quote, Rating};
use crate::rules::RuleSet;

/// `t` lower-cased, its quote marks and end punctuation trimmed, curly
/// apostrophes made straight.
fn fold(t: &str) -> String {
    t.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('\u{2019}', "'")
}

/// Drops the quotations that name an area `ratings` grade.
pub fn drop_area_names(rules: &RuleSet, quotes: &mut Vec<Quote>, ratings: &[Rating]) {
    let areas: Vec<String> = ratings
        .iter()
        .filter(|r| r.scope != "overall")
        .map(|r| fold(&r.scope))
        .filter(|a| !a.is_empty())
        .collect();
    if areas.is_empty() {
        return;
    }
    let prefixes = rules.list("area_prefixes");
    quotes.retain(|q| {
        let mut t = fold(&q.text);
        loop {
            if areas.contains(&t) {
                return false;
            }
            let Some(rest) = prefixes.iter().find_map(|p| {
                t.strip_prefix(&format!("{} ", p.to_lowercase()))
                    .map(str::to_string)
            }) else {
                return true;
            };
            t = rest;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn quote(text: &str) -> Quote {
        Quote {
            text: text.into(),
            span: Span { start: 0, end: 0 },
            continued: Vec::new(),
            speaker: None,
            cue: None,
            attribution: "none".into(),
            rule: "test".into(),
        }
    }

    fn area(scope: &str) -> Rating {
        Rating {
            scope: scope.into(),
            value: "Good".into(),
            scale: "four_point".into(),
            implied: false,
            span: Span { start: 0, end: 0 },
            rule: "test".into(),
        }
    }

    #[test]
    fn a_quoted_area_name_is_dropped_and_a_finding_stays() {
        let rules = crate::rules::load(&crate::rules::RuleSource::BuiltIn).expect("rules");
        let mut qs = vec![
            quote("Quality of staffing"),
            quote("helped and protected,"),
            quote("staff are kind and know the children well"),
        ];
        let ratings = vec![area("staffing"), area("helped and protected")];
        drop_area_names(&rules, &mut qs, &ratings);
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].text, "staff are kind and know the children well");
    }
}
