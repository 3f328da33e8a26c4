//! The whole report (sink side): [`Builder`] takes the articles in order,
//! aggregates per-rule counts and examples, writes each article page, and at
//! `finish` writes `rules.json` and the other pages.

use super::{
    esc,
    gold_diff::{diff_html, gold_html},
    html::page,
    marks::valid,
    ArticleData, Example, GoldMiss, GoldOut, GoldSummary, OverlapExample, OverlapOut, RuleIndex,
    RuleOut, RulesJson, CONTEXT_CHARS, MAX_EXAMPLES, MAX_PAIR_EXAMPLES, PAGE_SIZE,
};
use crate::diff::{self, DiffReport};
use crate::eval::{self, Gold, MissKind};
use crate::record::Record;
use crate::rules::RuleSet;
use crate::span::Span;
use anyhow::{Context, Result};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Options of a report.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Articles per list page (0: [`PAGE_SIZE`]).
    pub page_size: usize,
    /// Gold annotations and their file.
    pub gold: Option<(PathBuf, Vec<Gold>)>,
    /// Earlier records to compare with, and their file.
    pub against: Option<(PathBuf, Vec<Record>)>,
}

#[derive(Debug, Clone, Default)]
struct RuleStat {
    hits: usize,
    articles: usize,
    values: usize,
    last: usize,
    examples: Vec<Example>,
}

#[derive(Debug, Clone, Default)]
struct PairStat {
    count: usize,
    disagree: usize,
    /// Page, article, text, value of a, value of b, whether they disagree.
    examples: Vec<(String, String, String, String, String, bool)>,
}

/// One row of the article list.
pub(super) struct Row {
    pub(super) id: String,
    pub(super) path: String,
    pub(super) line: Option<u64>,
    pub(super) title: String,
    pub(super) doc_type: String,
    pub(super) inspectorate: String,
    pub(super) counts: [usize; 6],
    pub(super) warnings: usize,
    pub(super) bad_spans: usize,
    pub(super) stale: bool,
}

/// What a finished report says about itself.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The report folder.
    pub dir: PathBuf,
    /// Articles.
    pub articles: usize,
    /// Rules from files.
    pub rules: usize,
    /// Of which never fired.
    pub never_fired: usize,
    /// Pairs of rules whose matches disagree.
    pub disagreeing_pairs: usize,
    /// Articles whose input changed since the run.
    pub stale: usize,
}

impl Summary {
    /// One line for stderr.
    pub fn render(&self) -> String {
        let stale = if self.stale > 0 {
            format!(", {} article(s) changed since the run", self.stale)
        } else {
            String::new()
        };
        format!(
            "report: {} article(s), {} rules ({} never fired, {} pair(s) disagreeing){stale}\nwrote {}\n",
            self.articles,
            self.rules,
            self.never_fired,
            self.disagreeing_pairs,
            self.dir.join("index.html").display()
        )
    }
}

/// The report being written: feed it articles in order, then [`Builder::finish`].
pub struct Builder<'a> {
    rules: &'a RuleSet,
    pub(super) opts: Options,
    pub(super) dest: PathBuf,
    tmp: PathBuf,
    stats: Vec<RuleStat>,
    code: BTreeMap<String, RuleStat>,
    pairs: BTreeMap<(usize, usize), PairStat>,
    pub(super) rows: Vec<Row>,
    pending: Option<(usize, String, String)>,
    kept: Vec<Record>,
    gold_paths: HashSet<String>,
    pub(super) pages: HashMap<String, usize>,
    ids: HashMap<String, usize>,
}

pub(super) fn page_of(idx: usize) -> String {
    format!("a/{idx:06}.html")
}

pub(super) fn list_page(n: usize) -> String {
    format!("articles-{n}.html")
}

fn context(text: &str, s: Span) -> (String, String, String) {
    if !valid(text, s) {
        return (String::new(), String::new(), String::new());
    }
    let before: String = {
        let b = &text[..s.start];
        let start = b
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map(|(i, _)| i)
            .unwrap_or(0);
        b[start..].to_string()
    };
    let after: String = text[s.end..].chars().take(CONTEXT_CHARS).collect();
    let one = crate::normalize::squash_spaces;
    let mut b = one(&before);
    if before.ends_with(char::is_whitespace) && !b.is_empty() {
        b.push(' ');
    }
    let mut a = one(&after);
    if after.starts_with(char::is_whitespace) && !a.is_empty() {
        a.insert(0, ' ');
    }
    (b, one(&text[s.start..s.end]), a)
}

impl<'a> Builder<'a> {
    /// Start a report for `out/report/`.
    pub fn new(out: &Path, rules: &'a RuleSet, opts: Options) -> Result<Self> {
        let dest = out.join("report");
        let tmp = out.join(".report.tmp");
        if tmp.exists() {
            fs::remove_dir_all(&tmp)
                .with_context(|| format!("cannot remove '{}'", tmp.display()))?;
        }
        fs::create_dir_all(tmp.join("a"))
            .with_context(|| format!("cannot create '{}'", tmp.display()))?;
        let gold_paths = opts
            .gold
            .as_ref()
            .map(|(_, g)| g.iter().map(|g| g.file.clone()).collect())
            .unwrap_or_default();
        Ok(Builder {
            rules,
            dest,
            tmp,
            stats: vec![RuleStat::default(); rules.rules.len()],
            code: BTreeMap::new(),
            pairs: BTreeMap::new(),
            rows: Vec::new(),
            pending: None,
            kept: Vec::new(),
            gold_paths,
            pages: HashMap::new(),
            ids: rules
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.clone(), i))
                .collect(),
            opts,
        })
    }

    pub(super) fn page_size(&self) -> usize {
        if self.opts.page_size == 0 {
            PAGE_SIZE
        } else {
            self.opts.page_size
        }
    }

    /// Add the next article (in record order).
    pub fn add(&mut self, d: ArticleData) -> Result<()> {
        let idx = self.rows.len();
        let page = page_of(idx);
        let r = &d.record;
        for h in &d.hits {
            let st = &mut self.stats[h.rule];
            st.hits += 1;
            if st.last != idx + 1 {
                st.last = idx + 1;
                st.articles += 1;
                if st.examples.len() < MAX_EXAMPLES {
                    let (before, text, after) = context(&d.text, h.span);
                    st.examples.push(Example {
                        article: r.id.clone(),
                        page: page.clone(),
                        span: h.span,
                        before,
                        text,
                        after,
                        value: h.value.clone(),
                    });
                }
            }
        }
        for v in diff::values(r) {
            if v.rule.is_empty() {
                continue;
            }
            match self.ids.get(v.rule.as_str()) {
                Some(&i) => self.stats[i].values += 1,
                None => {
                    let st = self.code.entry(v.rule.clone()).or_default();
                    st.values += 1;
                    st.hits += 1;
                    if st.last != idx + 1 {
                        st.last = idx + 1;
                        st.articles += 1;
                    }
                }
            }
        }
        // Theme values count their evidence rules and cues too.
        for t in &r.themes {
            for e in &t.evidence {
                if let Some(&i) = e.cue_rule.as_deref().and_then(|c| self.ids.get(c)) {
                    self.stats[i].values += 1;
                }
            }
        }
        for p in &d.pairs {
            let e = self.pairs.entry((p.a, p.b)).or_default();
            e.count += p.count;
            e.disagree += p.disagree;
            // Keep up to three, disagreements first.
            let slot = if e.examples.len() < MAX_PAIR_EXAMPLES {
                Some(e.examples.len())
            } else if p.example.3 {
                e.examples.iter().position(|x| !x.5)
            } else {
                None
            };
            if let Some(i) = slot {
                let (_, text, _) = context(&d.text, p.example.0);
                let ex = (
                    page.clone(),
                    r.id.clone(),
                    text,
                    p.example.1.clone(),
                    p.example.2.clone(),
                    p.example.3,
                );
                if i == e.examples.len() {
                    e.examples.push(ex);
                } else {
                    e.examples[i] = ex;
                }
            }
        }
        let c = [
            r.services.len(),
            r.ratings.len(),
            r.quotes.len(),
            r.officials.len(),
            r.themes.len(),
            r.dates.len(),
        ];
        self.rows.push(Row {
            id: r.id.clone(),
            path: r.source.path.clone(),
            line: r.source.line,
            title: r.title.clone().unwrap_or_default(),
            doc_type: r.doc_type.clone(),
            inspectorate: r
                .inspectorate
                .as_ref()
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            counts: c,
            warnings: r.warnings.len(),
            bad_spans: d.bad_spans,
            stale: d.stale,
        });
        self.pages.entry(r.source.path.clone()).or_insert(idx);
        if let Some((i, title, body)) = self.pending.take() {
            self.write_article(i, &title, &body, true)?;
        }
        let title = r.title.clone().unwrap_or_else(|| r.id.clone());
        let keep = self.opts.against.is_some() || self.gold_paths.contains(&r.source.path);
        let ArticleData { record, body, .. } = d;
        if keep {
            self.kept.push(record);
        }
        self.pending = Some((idx, title, body));
        Ok(())
    }

    fn write_article(&self, idx: usize, title: &str, body: &str, has_next: bool) -> Result<()> {
        let row = &self.rows[idx];
        let mut nav = String::new();
        let list = idx / self.page_size() + 1;
        let _ = write!(
            nav,
            "<a href=\"../index.html\">Rules</a><a href=\"../{}\">Articles</a>",
            list_page(list)
        );
        if idx > 0 {
            let _ = write!(
                nav,
                "<a href=\"{:06}.html\" rel=\"prev\">\u{2039} previous</a>",
                idx - 1
            );
        }
        if has_next {
            let _ = write!(
                nav,
                "<a href=\"{:06}.html\" rel=\"next\">next \u{203a}</a>",
                idx + 1
            );
        }
        let mut h = String::new();
        let _ = write!(h, "<h1>{}</h1><p class=\"meta\">", esc(title));
        let loc = match row.line {
            Some(l) => format!("{}:{l}", row.path),
            None => row.path.clone(),
        };
        let _ = write!(h, "<code>{}</code>", esc(&loc));
        for part in [&row.doc_type, &row.inspectorate] {
            if !part.is_empty() {
                let _ = write!(h, " \u{b7} {}", esc(part));
            }
        }
        let _ = write!(h, " \u{b7} article {} of the run", idx + 1);
        h.push_str("</p>");
        if row.stale {
            h.push_str("<p class=\"warn\">The input file changed since this record was written: re-run <code>pressmine run</code>.</p>");
        }
        h.push_str(body);
        let html = page(title, "../", &nav, &h);
        fs::write(self.tmp.join(page_of(idx)), html).context("cannot write the report")?;
        Ok(())
    }

    /// Write the index, the list pages, `rules.json` (and the gold and diff
    /// pages), then move the report into place.
    pub fn finish(mut self) -> Result<Summary> {
        if let Some((i, title, body)) = self.pending.take() {
            self.write_article(i, &title, &body, false)?;
        }
        let n = self.rows.len();
        let page_size = self.page_size();
        let lists = n.div_ceil(page_size).max(1);

        // Gold.
        let mut gold_summary = None;
        let mut gold_by_rule: HashMap<String, GoldOut> = HashMap::new();
        if let Some((gpath, gold)) = &self.opts.gold {
            let rec: Vec<Record> = self
                .kept
                .iter()
                .filter(|r| self.gold_paths.contains(&r.source.path))
                .cloned()
                .collect();
            let rep = eval::score(gold, &rec);
            let mut missed = Vec::new();
            for a in &rep.articles {
                let page = self.pages.get(&a.file).map(|&i| page_of(i));
                for (_, rule) in &a.credited {
                    gold_by_rule.entry(rule.clone()).or_default().correct += 1;
                }
                for m in &a.misses {
                    let miss = GoldMiss {
                        article: a.file.clone(),
                        page: page.clone(),
                        field: m.field.clone(),
                        message: m.message.clone(),
                    };
                    match (&m.rule, m.kind) {
                        (Some(rule), _) => {
                            let g = gold_by_rule.entry(rule.clone()).or_default();
                            g.wrong += 1;
                            g.false_positives.push(miss);
                        }
                        (None, MissKind::Missing) => missed.push(miss),
                        (None, _) => {}
                    }
                }
            }
            for g in gold_by_rule.values_mut() {
                let t = g.correct + g.wrong;
                g.precision = (t > 0).then(|| g.correct as f64 / t as f64);
            }
            gold_summary = Some(GoldSummary {
                file: gpath.display().to_string(),
                articles: rep.gold_articles,
                unmatched: rep.unmatched.clone(),
                missed,
            });
        }

        // Diff.
        let diff_rep: Option<(String, DiffReport)> = self
            .opts
            .against
            .as_ref()
            .map(|(p, old)| (p.display().to_string(), diff::diff(old, &self.kept)));

        // Rules.
        let mut out: Vec<RuleOut> = Vec::new();
        let ix = RuleIndex::new(self.rules);
        let pair_list: Vec<((usize, usize), PairStat)> =
            std::mem::take(&mut self.pairs).into_iter().collect();
        for (i, info) in self.rules.rules.iter().enumerate() {
            let st = &self.stats[i];
            let overlaps = pair_list
                .iter()
                .filter(|((a, b), _)| *a == i || *b == i)
                .map(|((a, b), p)| {
                    let (other, mine_first) = if *a == i { (*b, true) } else { (*a, false) };
                    OverlapOut {
                        rule: self.rules.rule_id(other).to_string(),
                        count: p.count,
                        disagreements: p.disagree,
                        examples: p
                            .examples
                            .iter()
                            .map(|(page, article, text, va, vb, _)| OverlapExample {
                                page: page.clone(),
                                article: article.clone(),
                                text: text.clone(),
                                value: if mine_first { va.clone() } else { vb.clone() },
                                other_value: if mine_first { vb.clone() } else { va.clone() },
                            })
                            .collect(),
                    }
                })
                .collect();
            out.push(RuleOut {
                id: info.id.clone(),
                family: ix.families[i].to_string(),
                file: Some(info.file.clone()),
                line: Some(info.line),
                location: Some(format!("{}:{}", info.file, info.line)),
                hits: st.hits,
                articles: st.articles,
                values: st.values,
                never_fired: st.hits == 0,
                examples: st.examples.clone(),
                overlaps,
                gold: self
                    .opts
                    .gold
                    .as_ref()
                    .map(|_| gold_by_rule.remove(&info.id).unwrap_or_default()),
                diff: None,
            });
        }
        for (id, st) in &self.code {
            out.push(RuleOut {
                id: id.clone(),
                family: "code".into(),
                file: None,
                line: None,
                location: None,
                hits: st.hits,
                articles: st.articles,
                values: st.values,
                never_fired: false,
                examples: Vec::new(),
                overlaps: Vec::new(),
                gold: self
                    .opts
                    .gold
                    .as_ref()
                    .map(|_| gold_by_rule.remove(id).unwrap_or_default()),
                diff: None,
            });
        }
        if let Some((_, d)) = &diff_rep {
            for r in out.iter_mut() {
                r.diff = d.by_rule.get(&r.id).copied();
            }
            // Rules that only the old records name.
            for (id, c) in &d.by_rule {
                if !id.is_empty() && !out.iter().any(|r| &r.id == id) {
                    out.push(RuleOut {
                        id: id.clone(),
                        family: "gone".into(),
                        file: None,
                        line: None,
                        location: None,
                        hits: 0,
                        articles: 0,
                        values: 0,
                        never_fired: false,
                        examples: Vec::new(),
                        overlaps: Vec::new(),
                        gold: None,
                        diff: Some(*c),
                    });
                }
            }
        }
        out.sort_by(|a, b| b.hits.cmp(&a.hits).then(a.id.cmp(&b.id)));
        let never = out.iter().filter(|r| r.never_fired).count();
        let disagreeing = pair_list.iter().filter(|(_, p)| p.disagree > 0).count();
        let stale = self.rows.iter().filter(|r| r.stale).count();
        let json = RulesJson {
            rules_folder: self.rules.source.clone(),
            fingerprint: self.rules.fingerprint.clone(),
            articles: n,
            rules: self.rules.rules.len(),
            never_fired: never,
            by_rule: out,
            gold: gold_summary,
        };

        // Files.
        let w = |name: &str, body: String| -> Result<()> {
            fs::write(self.tmp.join(name), body)
                .with_context(|| format!("cannot write the report's {name}"))
        };
        w("rules.json", serde_json::to_string_pretty(&json)? + "\n")?;
        w(
            "index.html",
            self.index_html(&json, diff_rep.as_ref().map(|d| &d.1)),
        )?;
        for p in 1..=lists {
            w(&list_page(p), self.list_html(p, lists))?;
        }
        if let Some(g) = &json.gold {
            w("gold.html", gold_html(&json, g))?;
        }
        if let Some(p) = self.inspections_path() {
            let ins = crate::link::read_inspections(&p)
                .with_context(|| format!("cannot read '{}'", p.display()))?;
            w("inspections.html", self.inspections_html(&ins))?;
        }
        if let Some((old, d)) = &diff_rep {
            w("diff.json", serde_json::to_string_pretty(d)? + "\n")?;
            w("diff.html", diff_html(old, d, &self.pages))?;
        }
        if self.dest.exists() {
            fs::remove_dir_all(&self.dest)
                .with_context(|| format!("cannot replace '{}'", self.dest.display()))?;
        }
        fs::rename(&self.tmp, &self.dest)
            .with_context(|| format!("cannot move the report to '{}'", self.dest.display()))?;
        Ok(Summary {
            dir: self.dest.clone(),
            articles: n,
            rules: self.rules.rules.len(),
            never_fired: never,
            disagreeing_pairs: disagreeing,
            stale,
        })
    }
}
