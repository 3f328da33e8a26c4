//! Wiring: the only module with threads and progress. Files are discovered and
//! sorted by relative path, then processed in chunks on a rayon pool; each
//! chunk's records are written in order before the next chunk starts, so output
//! is byte-identical at any thread count and memory stays flat.
//!
//! A run is incremental ([`crate::refresh`]): the previous `records.jsonl` is
//! read alongside the sorted input list, and each article's previous record line
//! is reused when its input, the rules and the program are unchanged. Every
//! output file is written under a temporary name and renamed into place in the
//! order records, changes, skipped, manifest, under the output folder's lock.

use crate::emit::{self, AtomicFile, JsonlWriter};
use crate::extract;
use crate::ingest::{self, SourceFile};
use crate::record::{Record, Skipped};
use crate::refresh::{self, Change, FileOutcome, Group, OutputEntry, PrevRecords, Tally};
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
    /// Extract every article again instead of reusing unchanged records.
    pub full: bool,
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
    /// What changed since the previous run.
    pub refresh: Tally,
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
            s.push_str(&format!("  ... and {} more in skipped.jsonl\n", self.skipped.len() - 20));
        }
        s.push_str(&self.refresh.render());
        s
    }
}

/// Records and skips of one file.
pub fn process_file(file: &SourceFile, rules: &RuleSet, max: u64) -> (Vec<Record>, Vec<Skipped>, u64) {
    let (articles, skipped) = ingest::load_with_limit(file, max);
    let bytes = articles.iter().map(|a| a.bytes).sum();
    let records = articles.iter().map(|a| extract::extract(a, rules)).collect();
    (records, skipped, bytes)
}

/// Discover the inputs, sorted by relative path.
pub fn discover(input: &std::path::Path) -> Result<(Vec<SourceFile>, Vec<Skipped>)> {
    let (mut files, skipped) = ingest::discover(input)
        .with_context(|| format!("cannot read input '{}'", input.display()))?;
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok((files, skipped))
}

/// One file's work: the file, the previous records that sort before it (their
/// articles are gone) and its own previous records.
struct Job<'a> {
    file: &'a SourceFile,
    gone: Vec<Change>,
    group: Group,
}

/// Reuse or extract the records of one file.
fn refresh_file(job: &Job, cx: &refresh::Context, rules: &RuleSet, max: u64) -> FileOutcome {
    let st = cx.inspect(job.file);
    if let Some(out) = cx.reuse_file(job.file, &st, &job.group) {
        return out;
    }
    let (articles, skips, sha256) = ingest::load_hashed(job.file, max);
    let mut out = cx.start(job.file, &st, sha256, skips);
    for a in &articles {
        let input = refresh::input_hash(a);
        match cx.reusable(a, &input, &job.group) {
            Some(prev) => {
                out.warnings += prev.warnings;
                let line = prev.text.clone();
                cx.push(&mut out, a, input, line, true, &job.group);
            }
            None => {
                let r = extract::extract(a, rules);
                out.warnings += r.warnings.len();
                out.bytes += a.bytes;
                cx.push(&mut out, a, input, emit::record_line(&r), false, &job.group);
            }
        }
    }
    cx.finish(out, &job.group)
}

/// Run the pipeline over a folder, writing `records.jsonl`, `changes.jsonl`,
/// `skipped.jsonl` and `manifest.json`. Holds the output folder's lock.
pub fn run(cfg: &RunConfig, rules: &RuleSet) -> Result<Summary> {
    let start = Instant::now();
    let (files, mut skipped) = discover(&cfg.input)?;
    std::fs::create_dir_all(&cfg.out)
        .with_context(|| format!("cannot create output folder '{}'", cfg.out.display()))?;
    if !cfg.out.is_dir() {
        bail!("output '{}' is not a folder", cfg.out.display());
    }
    let _lock = refresh::Lock::acquire(&cfg.out)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads)
        .build()
        .context("cannot start worker threads")?;
    let bar = if cfg.progress && std::io::stderr().is_terminal() {
        let b = ProgressBar::new(files.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} articles {elapsed_precise} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let cx = refresh::Context::new(&cfg.out, &cfg.input, rules, cfg.max_article_bytes, cfg.full);
    let prev_path = cfg.out.join("records.jsonl");
    let mut prev = PrevRecords::open(&prev_path)
        .with_context(|| format!("cannot read the previous {}", prev_path.display()))?;
    let cannot = |what: &str| format!("cannot write {what} in '{}'", cfg.out.display());
    let mut w =
        JsonlWriter::create(&cfg.out, "records.jsonl").with_context(|| cannot("records.jsonl"))?;
    let mut changes = JsonlWriter::create(&cfg.out, refresh::CHANGES)
        .with_context(|| cannot(refresh::CHANGES))?;
    let mut manifest = cx.manifest();
    let mut sum = Summary {
        files: files.len(),
        refresh: Tally::new(&cx),
        ..Summary::default()
    };
    fn read_prev<T>(r: std::io::Result<T>, path: &std::path::Path) -> Result<T> {
        r.with_context(|| format!("cannot read {}", path.display()))
    }
    for chunk in files.chunks(512) {
        let mut jobs = Vec::with_capacity(chunk.len());
        for file in chunk {
            let mut gone = Vec::new();
            while let Some(l) = read_prev(prev.next_before(Some(&file.rel)), &prev_path)? {
                gone.push(Change::removed(&l));
            }
            let group = read_prev(prev.take_path(&file.rel), &prev_path)?;
            jobs.push(Job { file, gone, group });
        }
        let done: Vec<FileOutcome> = pool.install(|| {
            jobs.par_iter()
                .map(|j| refresh_file(j, &cx, rules, cfg.max_article_bytes))
                .collect()
        });
        for (job, o) in jobs.iter().zip(done) {
            for c in &job.gone {
                sum.refresh.count(c);
                changes.write(c).with_context(|| cannot(refresh::CHANGES))?;
            }
            sum.refresh.add(&o);
            for c in &o.changes {
                changes.write(c).with_context(|| cannot(refresh::CHANGES))?;
            }
            for line in &o.lines {
                w.write_line(line)
                    .with_context(|| cannot("records.jsonl"))?;
            }
            sum.articles += o.lines.len();
            sum.records += o.lines.len();
            sum.bytes += o.bytes;
            sum.warnings += o.warnings;
            skipped.extend(o.skipped);
            manifest.files.push(o.file);
            manifest.articles.extend(o.articles);
            bar.inc(1);
        }
    }
    while let Some(l) = read_prev(prev.next_before(None), &prev_path)? {
        let c = Change::removed(&l);
        sum.refresh.count(&c);
        changes
            .write(&c)
            .with_context(|| cannot(refresh::CHANGES))?;
    }
    drop(prev);
    bar.finish_and_clear();
    let output = |(_, bytes, sha256): (PathBuf, u64, String)| OutputEntry { bytes, sha256 };
    let rec = w.commit_hashed().context("cannot finish records.jsonl")?;
    manifest.outputs.insert("records.jsonl".into(), output(rec));
    let ch = changes
        .commit_hashed()
        .with_context(|| cannot(refresh::CHANGES))?;
    manifest.outputs.insert(refresh::CHANGES.into(), output(ch));
    skipped.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    let sk = emit::write_skipped(&cfg.out, &skipped).context("cannot write skipped.jsonl")?;
    manifest.outputs.insert("skipped.jsonl".into(), output(sk));
    let mut mf = AtomicFile::create(&cfg.out, refresh::MANIFEST)
        .with_context(|| cannot(refresh::MANIFEST))?;
    serde_json::to_writer_pretty(&mut mf, &manifest).with_context(|| cannot(refresh::MANIFEST))?;
    std::io::Write::write_all(&mut mf, b"\n").with_context(|| cannot(refresh::MANIFEST))?;
    mf.commit().with_context(|| cannot(refresh::MANIFEST))?;
    sum.skipped = skipped;
    sum.seconds = start.elapsed().as_secs_f64();
    Ok(sum)
}
