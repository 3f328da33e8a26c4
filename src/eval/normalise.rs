//! Normalisation of values before they are compared: text, names, quotes, and
//! the loose match of area names.

use super::fields::ratio;
use std::collections::BTreeSet;

/// Curly quotes, primes and guillemets to straight quotes, dashes and the minus sign
/// to `-`, an ellipsis to `...`, invisible characters dropped, runs of whitespace
/// (and control characters) to one space, trimmed, lowercased.
pub(super) fn norm_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let mapped: &str = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}'
            | '\u{203A}' | '`' | '\u{00B4}' => "'",
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => "\"",
            '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
            '\u{2026}' => "...",
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
            c if c.is_whitespace() || c.is_control() => {
                space = true;
                continue;
            }
            _ => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.extend(c.to_lowercase());
                continue;
            }
        };
        if mapped.is_empty() {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push_str(mapped);
    }
    out
}

/// A name compared "case and punctuation aside": [`norm_text`], '&' read as the
/// word 'and' ('HMP & YOI Hatfield' is 'HMP and YOI Hatfield'), then everything
/// but letters, digits and spaces removed, whitespace collapsed. `None` when
/// nothing is left.
pub(super) fn norm_name(s: &str) -> Option<String> {
    let text = norm_text(s).replace('&', " and ");
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else if c == ' ' {
            space = true;
        }
    }
    (!out.is_empty()).then_some(out)
}

pub(super) fn name_eq(a: &str, b: &str) -> bool {
    norm_name(a) == norm_name(b)
}

pub(super) fn opt_name(s: Option<&str>) -> Option<String> {
    s.and_then(norm_name)
}

/// Quote text for matching: [`norm_text`], then quote marks, punctuation and
/// anything else that is not a letter or digit trimmed from both ends.
pub(super) fn norm_quote(s: &str) -> String {
    norm_text(s)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Quotes shorter than this many words (scare quotes, single terms) are neither
/// required nor penalised (SPEC.md, "Scoring conventions").
pub(super) const MIN_QUOTE_WORDS: usize = 3;

const STOPWORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "its", "of", "on", "or", "the",
    "their", "to", "with",
];

/// The content words of a phrase: lowercased, apostrophes dropped, split on anything
/// not a letter or digit, stopwords dropped, a plural `-s`/`-ies` folded.
fn content_words(s: &str) -> BTreeSet<String> {
    let text = norm_text(s);
    let mut words = BTreeSet::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if !word.is_empty() && !STOPWORDS.contains(&word.as_str()) {
            words.insert(fold_plural(word));
        }
        word.clear();
    };
    for c in text.chars() {
        if c == '\'' {
            continue;
        }
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word);
        }
    }
    flush(&mut word);
    words
}

fn fold_plural(w: &str) -> String {
    if w.chars().count() > 4 {
        if let Some(stem) = w.strip_suffix("ies") {
            return format!("{stem}y");
        }
    }
    if w.chars().count() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// How well two phrases (areas, roles) match loosely, on their content words: `None`
/// when they do not (Jaccard below 0.5 and neither set containing the other), else
/// a preference (higher is closer). Phrases with no content words match only when
/// their normalised text is equal.
pub(super) fn loose_match(a: &str, b: &str) -> Option<u32> {
    let wa = content_words(a);
    let wb = content_words(b);
    if wa.is_empty() || wb.is_empty() {
        return (norm_text(a) == norm_text(b)).then_some(100);
    }
    let inter = wa.intersection(&wb).count();
    let union = wa.union(&wb).count();
    let jaccard = ratio(inter, union);
    // Preference: the Jaccard index in percent.
    let pref = (jaccard * 100.0).round() as u32;
    if jaccard >= 0.5 || wa.is_subset(&wb) || wb.is_subset(&wa) {
        Some(pref)
    } else {
        None
    }
}

pub(super) fn loose_eq(a: &str, b: &str) -> bool {
    loose_match(a, b).is_some()
}

/// Is this rating scope the overall one?
pub(super) fn is_overall(scope: &str) -> bool {
    scope.trim().eq_ignore_ascii_case("overall")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_match_follows_the_documented_rule() {
        // One set contains the other.
        assert!(loose_eq("Chief Inspector of Probation", "chief inspector"));
        // Stopwords and punctuation do not count.
        assert!(loose_eq("the quality of work", "quality, work"));
        // Jaccard exactly 0.5 ({cabinet, member} shared of four) is enough...
        assert!(loose_eq(
            "cabinet member for children",
            "cabinet member for housing"
        ));
        // ... below it is not (one shared word of five).
        assert!(!loose_eq(
            "cabinet member for children",
            "director of children's services"
        ));
        // Phrases of stopwords only compare as text.
        assert!(loose_eq("Of the", "of  the"));
        assert!(!loose_eq("the", "of"));
        assert_eq!(
            content_words("Children's services"),
            content_words("childrens service")
        );
    }

    #[test]
    fn names_compare_case_and_punctuation_aside_with_and_for_ampersand() {
        assert!(name_eq("HMP & YOI Hatfield", "HMP and YOI Hatfield"));
        assert!(name_eq("Dorset&Wiltshire", "dorset and wiltshire"));
        assert!(name_eq("St. Mary's", "St Marys"));
        assert!(!name_eq("HMP Hatfield", "HMP and YOI Hatfield"));
    }
}
