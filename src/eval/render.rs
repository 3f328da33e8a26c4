//! The report as text: the field table and, when verbose, the misses.

use super::{FieldKind, FieldScore, Report};
use std::fmt::Write as _;

impl Report {
    /// The score of the field called `name`, if there is one.
    pub fn field(&self, name: &str) -> Option<&FieldScore> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Width of the field-name column of a table: the longest name (with the `*`
    /// of a diagnostic field), at least 5.
    pub fn name_width(&self) -> usize {
        self.fields
            .iter()
            .map(|f| f.name.len() + usize::from(f.diagnostic))
            .max()
            .unwrap_or(5)
            .max(5)
    }

    /// A plain-text report: the article counts, an aligned table (field, P, R, F1,
    /// accuracy, counts; diagnostic fields marked `*`), the gold files with no record,
    /// and, when `verbose`, every miss grouped by article.
    pub fn render(&self, verbose: bool) -> String {
        fn num(v: Option<f64>) -> String {
            v.map_or_else(|| format!("{:>7}", ""), |x| format!("{x:>7.3}"))
        }
        let mut out = String::new();
        let _ = writeln!(
            out,
            "gold articles: {}, matched records: {}",
            self.gold_articles, self.matched_records
        );
        let width = self.name_width();
        let _ = writeln!(
            out,
            "\n{:<width$} {:>7}{:>7}{:>7}{:>7}  counts",
            "field", "P", "R", "F1", "acc"
        );
        for f in &self.fields {
            let name = if f.diagnostic {
                format!("{}*", f.name)
            } else {
                f.name.clone()
            };
            let counts = match f.kind {
                FieldKind::Accuracy => format!("{}/{}", f.correct, f.total),
                FieldKind::F1 => format!("tp {} fp {} fn {}", f.tp, f.fp, f.fn_),
            };
            let _ = writeln!(
                out,
                "{name:<width$} {}{}{}{}  {counts}",
                num(f.precision),
                num(f.recall),
                num(f.f1),
                num(f.accuracy)
            );
        }
        if self.fields.iter().any(|f| f.diagnostic) {
            let _ = writeln!(out, "* diagnostic");
        }
        if !self.unmatched.is_empty() {
            let _ = writeln!(out, "\nno record (every gold value counted as missed):");
            for file in &self.unmatched {
                let _ = writeln!(out, "  {file}");
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        if verbose {
            let with_misses: Vec<_> = self
                .articles
                .iter()
                .filter(|a| a.matched && !a.misses.is_empty())
                .collect();
            if !with_misses.is_empty() {
                let _ = writeln!(out, "\nmisses:");
            }
            for a in with_misses {
                let _ = writeln!(out, "{}", a.file);
                for m in &a.misses {
                    let _ = writeln!(out, "  {}: {}", m.field, m.message);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::test_support::*;

    #[test]
    fn render_shows_a_table_and_misses_only_when_verbose() {
        let mut g = gold("a.txt");
        g.title = Some("Expected".into());
        g.themes = vec![g_theme("victims", "concern")];
        let mut r = record("a.txt");
        r.title = Some("Got".into());
        r.themes = vec![r_theme("policing", "mixed")];
        let rep = one(g, r);
        let quiet = rep.render(false);
        let loud = rep.render(true);
        assert!(quiet.starts_with("gold articles: 1, matched records: 1"));
        assert!(quiet.contains("counts"));
        assert!(quiet.contains("quote_text*"));
        let title_line = quiet
            .lines()
            .find(|l| l.starts_with("title "))
            .unwrap_or("");
        assert!(
            title_line.contains("0.000") && title_line.ends_with("0/1"),
            "{title_line}"
        );
        let themes_line = quiet
            .lines()
            .find(|l| l.starts_with("themes "))
            .unwrap_or("");
        assert!(themes_line.ends_with("tp 0 fp 1 fn 1"), "{themes_line}");
        // Columns line up: every table row has its counts at the same offset.
        let header = quiet.lines().find(|l| l.starts_with("field")).unwrap_or("");
        let at = header.find("counts").unwrap_or(0);
        assert_eq!(title_line.find("0/1"), Some(at));
        assert!(!quiet.contains("wrong: expected"));
        assert!(loud.contains("title: wrong: expected \"Expected\", got \"Got\""));
        assert!(loud.contains("themes: missing: victims (concern)"));
        assert!(loud.contains("themes: unexpected: policing (mixed)"));
    }
}
