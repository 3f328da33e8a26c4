//! Wiring: the only module with threads and progress. Files are discovered and
//! sorted by relative path, then processed in chunks on a rayon pool; each
//! chunk's records are written in order before the next chunk starts, so output
//! is byte-identical at any thread count and memory stays flat.

use crate::emit::{self, JsonlWriter};
use crate::extract;
use crate::ingest::{self, SourceFile};
use crate::record::{Record, Skipped};
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
    let (articles, skipped) = ingest::load_with_limit(file, max);
    let bytes = articles.iter().map(|a| a.bytes).sum();
    let records = articles
        .iter()
        .map(|a| extract::extract(a, rules))
        .collect();
    (records, skipped, bytes)
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
    let mut sum = Summary {
        files: files.len(),
        ..Summary::default()
    };
    for chunk in files.chunks(512) {
        let done: Vec<_> = pool.install(|| {
            chunk
                .par_iter()
                .map(|f| process_file(f, rules, cfg.max_article_bytes))
                .collect()
        });
        for (records, skips, bytes) in done {
            sum.articles += records.len();
            sum.bytes += bytes;
            for r in &records {
                sum.warnings += r.warnings.len();
                w.write(r).context("cannot write records.jsonl")?;
            }
            sum.records += records.len();
            skipped.extend(skips);
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    w.commit().context("cannot finish records.jsonl")?;
    skipped.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    emit::write_skipped(&cfg.out, &skipped).context("cannot write skipped.jsonl")?;
    sum.skipped = skipped;
    sum.seconds = start.elapsed().as_secs_f64();
    Ok(sum)
}
