//! Wiring: the only module with threads and progress. Files are discovered and
//! sorted by relative path, then processed in chunks on a rayon pool; each
//! chunk's records are written in order before the next chunk starts, so output
//! is byte-identical at any thread count and memory stays flat.

use crate::emit::{self, JsonlWriter};
use crate::extract;
use crate::ingest::{self, SourceFile};
use crate::record::{Record, Skipped};
use crate::report::{self, ArticleData, RuleIndex};
use crate::rules::RuleSet;
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// What a run needs.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Input folder (or file).
    pub input: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Worker threads (0: all cores).
    pub threads: usize,
    /// Articles larger than this are skipped with a reason.
    pub max_article_bytes: u64,
    /// Show a progress bar (only when stderr is a terminal).
    pub progress: bool,
    /// Also write the rule match report, `OUT/report/`.
    pub report: bool,
    /// The rules folder (named in the report).
    pub rules_dir: PathBuf,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files found.
    pub files: usize,
    /// Articles read (a JSON Lines file may hold many).
    pub articles: usize,
    /// Records written.
    pub records: usize,
    /// Inputs skipped, with reasons.
    pub skipped: Vec<Skipped>,
    /// Warnings on records.
    pub warnings: usize,
    /// Bytes of input read.
    pub bytes: u64,
    /// Wall seconds.
    pub seconds: f64,
    /// The report written, if any.
    pub report: Option<report::Summary>,
}

impl Summary {
    /// The closing lines printed after a run.
    pub fn render(&self) -> String {
        let mbps = if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        };
        let mut s = format!(
            "{} file(s), {} article(s) read, {} record(s) written, {} skipped, {} warning(s), {:.2} s, {:.1} MB/s\n",
            self.files,
            self.articles,
            self.records,
            self.skipped.len(),
            self.warnings,
            self.seconds,
            mbps
        );
        for k in self.skipped.iter().take(20) {
            match k.line {
                Some(l) => s.push_str(&format!("  skipped {}:{}: {}\n", k.path, l, k.reason)),
                None => s.push_str(&format!("  skipped {}: {}\n", k.path, k.reason)),
            }
        }
        if self.skipped.len() > 20 {
            s.push_str(&format!(
                "  ... and {} more in skipped.jsonl\n",
                self.skipped.len() - 20
            ));
        }
        s
    }
}

/// Records and skips of one file.
pub fn process_file(
    file: &SourceFile,
    rules: &RuleSet,
    max: u64,
) -> (Vec<Record>, Vec<Skipped>, u64) {
    let (records, _, skipped, bytes) = process(file, rules, max, None);
    (records, skipped, bytes)
}

/// Records, report data (with `report`), skips and bytes read of one file.
fn process(
    file: &SourceFile,
    rules: &RuleSet,
    max: u64,
    report: Option<&RuleIndex>,
) -> (Vec<Record>, Vec<ArticleData>, Vec<Skipped>, u64) {
    let (articles, skipped) = ingest::load_with_limit(file, max);
    let bytes = articles.iter().map(|a| a.bytes).sum();
    let mut records = Vec::with_capacity(articles.len());
    let mut data = Vec::new();
    for a in articles {
        let an = extract::analyse(&a.text, rules);
        let r = extract::extract_with(&a, rules, &an);
        if let Some(ix) = report {
            data.push(report::article_data(
                ix,
                rules,
                a.text,
                r.clone(),
                &an,
                false,
            ));
        }
        records.push(r);
    }
    (records, data, skipped, bytes)
}

/// Discover the inputs, sorted by relative path.
pub fn discover(input: &std::path::Path) -> Result<(Vec<SourceFile>, Vec<Skipped>)> {
    let (mut files, skipped) = ingest::discover(input)
        .with_context(|| format!("cannot read input '{}'", input.display()))?;
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok((files, skipped))
}

/// Run the pipeline over a folder, writing `records.jsonl` and `skipped.jsonl`.
pub fn run(cfg: &RunConfig, rules: &RuleSet) -> Result<Summary> {
    let start = Instant::now();
    let (files, mut skipped) = discover(&cfg.input)?;
    std::fs::create_dir_all(&cfg.out)
        .with_context(|| format!("cannot create output folder '{}'", cfg.out.display()))?;
    if !cfg.out.is_dir() {
        bail!("output '{}' is not a folder", cfg.out.display());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads)
        .build()
        .context("cannot start worker threads")?;
    let bar = if cfg.progress && std::io::stderr().is_terminal() {
        let b = ProgressBar::new(files.len() as u64);
        b.set_style(
            ProgressStyle::with_template(
                "{bar:40} {pos}/{len} articles {elapsed_precise} eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let mut w = JsonlWriter::create(&cfg.out, "records.jsonl")
        .with_context(|| format!("cannot write in '{}'", cfg.out.display()))?;
    let ix = cfg.report.then(|| RuleIndex::new(rules));
    let mut rep = match &ix {
        Some(_) => Some(report::Builder::new(
            &cfg.out,
            rules,
            report::Options {
                rules_dir: cfg.rules_dir.clone(),
                ..report::Options::default()
            },
        )?),
        None => None,
    };
    let mut sum = Summary {
        files: files.len(),
        ..Summary::default()
    };
    for chunk in files.chunks(512) {
        let done: Vec<_> = pool.install(|| {
            chunk
                .par_iter()
                .map(|f| process(f, rules, cfg.max_article_bytes, ix.as_ref()))
                .collect()
        });
        for (records, data, skips, bytes) in done {
            sum.articles += records.len();
            sum.bytes += bytes;
            for r in &records {
                sum.warnings += r.warnings.len();
                w.write(r).context("cannot write records.jsonl")?;
            }
            sum.records += records.len();
            if let Some(b) = rep.as_mut() {
                for d in data {
                    b.add(d)?;
                }
            }
            skipped.extend(skips);
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    w.commit().context("cannot finish records.jsonl")?;
    if let Some(b) = rep {
        sum.report = Some(b.finish()?);
    }
    skipped.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    emit::write_skipped(&cfg.out, &skipped).context("cannot write skipped.jsonl")?;
    sum.skipped = skipped;
    sum.seconds = start.elapsed().as_secs_f64();
    Ok(sum)
}

/// What `pressmine report` needs: an existing output folder and the inputs it
/// was made from.
#[derive(Debug, Clone)]
pub struct ReportConfig {
    /// The folder (or file) the records were made from.
    pub input: PathBuf,
    /// The output folder holding `records.jsonl`; the report goes to `OUT/report/`.
    pub out: PathBuf,
    /// The rules folder.
    pub rules_dir: PathBuf,
    /// Worker threads (0: all cores).
    pub threads: usize,
    /// Larger inputs are not read.
    pub max_article_bytes: u64,
    /// Gold annotations to score against.
    pub gold: Option<PathBuf>,
    /// Earlier records to compare with.
    pub against: Option<PathBuf>,
    /// Articles per list page (0: the default).
    pub page_size: usize,
}

/// What `pressmine report` did besides the report.
#[derive(Debug, Default)]
pub struct ReportRun {
    /// The report.
    pub report: report::Summary,
    /// Records whose input was not found (not in the report).
    pub without_input: Vec<String>,
}

/// Write the report of an existing output: its records, the texts they came
/// from (read again from `input`) and the current rules' matches on them.
pub fn report(cfg: &ReportConfig, rules: &RuleSet) -> Result<ReportRun> {
    let records_path = cfg.out.join("records.jsonl");
    if !records_path.is_file() {
        bail!("no '{}': run `pressmine run` first", records_path.display());
    }
    let records = crate::eval::load_records(&records_path)?;
    let gold = match &cfg.gold {
        Some(g) => Some((g.clone(), crate::eval::load_gold(g)?)),
        None => None,
    };
    let against = match &cfg.against {
        Some(p) => Some((p.clone(), crate::eval::load_records(p)?)),
        None => None,
    };
    let by_key: std::collections::HashMap<(&str, Option<u64>), usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.source.path.as_str(), r.source.line), i))
        .collect();
    let (files, _) = discover(&cfg.input)?;
    let files: Vec<SourceFile> = files
        .into_iter()
        .filter(|f| by_key.keys().any(|(p, _)| *p == f.rel))
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads)
        .build()
        .context("cannot start worker threads")?;
    let ix = RuleIndex::new(rules);
    let mut b = report::Builder::new(
        &cfg.out,
        rules,
        report::Options {
            rules_dir: cfg.rules_dir.clone(),
            page_size: cfg.page_size,
            gold,
            against,
        },
    )?;
    let mut found = vec![false; records.len()];
    for chunk in files.chunks(512) {
        let done: Vec<Vec<(usize, ArticleData)>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|f| {
                    let (articles, _) = ingest::load_with_limit(f, cfg.max_article_bytes);
                    articles
                        .into_iter()
                        .filter_map(|a| {
                            let &i = by_key.get(&(a.path.as_str(), a.line))?;
                            let r = &records[i];
                            let stale = r.source.sha256 != a.sha256;
                            let an = extract::analyse(&a.text, rules);
                            Some((
                                i,
                                report::article_data(&ix, rules, a.text, r.clone(), &an, stale),
                            ))
                        })
                        .collect()
                })
                .collect()
        });
        for (i, d) in done.into_iter().flatten() {
            found[i] = true;
            b.add(d)?;
        }
    }
    let without_input = records
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|(r, _)| r.id.clone())
        .collect();
    Ok(ReportRun {
        report: b.finish()?,
        without_input,
    })
}
