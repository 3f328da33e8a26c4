//! Wiring: the only module with threads and progress. Files are discovered and
//! sorted by relative path, then processed in chunks on a rayon pool; each
//! chunk's records are written in order before the next chunk starts, so output
//! is byte-identical at any thread count and memory stays flat.
//!
//! A run is incremental ([`crate::refresh`]): the previous `records.jsonl` and
//! `index.jsonl` are read alongside the sorted input list, and each article's
//! previous record line is reused when its input, the rules and the program are
//! unchanged. Every output file is written under a temporary name and renamed
//! into place in the order records, inspections, changes, skipped, index,
//! manifest, under the output folder's lock. `inspections.jsonl` is linked
//! ([`crate::link`]) from the committed `records.jsonl` on every run.

use crate::emit::{self, AtomicFile, JsonlWriter};
use crate::extract;
use crate::ingest::{self, SourceFile};
use crate::link;
use crate::record::Skipped;
use crate::refresh::{self, Change, FileOutcome, OutputEntry, PrevRecords, Previous, Tally};
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
    /// Also write the CSV tables, `OUT/tables/`.
    pub tables: bool,
    /// Extract every article again instead of reusing unchanged records.
    pub full: bool,
    /// Process only shard `i` of `n` (1-based): a stable part of the input, so
    /// that `n` workers, each with its own output folder, can split one folder.
    pub shard: Option<Shard>,
}

/// One of `n` stable parts of an input folder (`--shard I/N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, 1-based.
    pub index: u64,
    /// How many parts.
    pub count: u64,
}

impl Shard {
    /// True when the file with this relative path belongs to this shard. The
    /// part is chosen by a hash of the path, so it is the same on every machine
    /// and does not depend on which other files exist.
    pub fn contains(&self, rel: &str) -> bool {
        let h = ingest::sha256_hex(rel.as_bytes());
        let n = u64::from_str_radix(h.get(..16).unwrap_or("0"), 16).unwrap_or(0);
        n % self.count == self.index - 1
    }
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("'{s}' is not I/N (for example 2/8)"))?;
        let index: u64 = i
            .trim()
            .parse()
            .map_err(|_| format!("'{i}' is not a whole number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("'{n}' is not a whole number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {index}/{count}: I must be from 1 to N"));
        }
        Ok(Shard { index, count })
    }
}

/// Skipped inputs listed in the summary (the others are in `skipped.jsonl`).
pub const SUMMARY_SKIPPED: usize = 20;

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files found.
    pub files: usize,
    /// Articles read (a JSON Lines file may hold many).
    pub articles: usize,
    /// Records written.
    pub records: usize,
    /// Inputs skipped: the first [`SUMMARY_SKIPPED`], in `skipped.jsonl` order.
    pub skipped: Vec<Skipped>,
    /// How many inputs were skipped (lines of `skipped.jsonl`).
    pub skipped_count: usize,
    /// Warnings on records.
    pub warnings: usize,
    /// Bytes of input read.
    pub bytes: u64,
    /// Wall seconds.
    pub seconds: f64,
    /// The report written, if any.
    pub report: Option<report::Summary>,
    /// What changed since the previous run.
    pub refresh: Tally,
    /// Inspections written to `inspections.jsonl`.
    pub inspections: usize,
    /// Inspections added, updated and removed since the previous run.
    pub inspection_changes: link::changes::Counts,
    /// Wall seconds of the link stage.
    pub link_seconds: f64,
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
            self.skipped_count,
            self.warnings,
            self.seconds,
            mbps
        );
        for k in self.skipped.iter().take(SUMMARY_SKIPPED) {
            match k.line {
                Some(l) => s.push_str(&format!("  skipped {}:{}: {}\n", k.path, l, k.reason)),
                None => s.push_str(&format!("  skipped {}: {}\n", k.path, k.reason)),
            }
        }
        if self.skipped_count > SUMMARY_SKIPPED {
            s.push_str(&format!(
                "  ... and {} more in skipped.jsonl\n",
                self.skipped_count - SUMMARY_SKIPPED
            ));
        }
        s.push_str(&self.refresh.render());
        let c = self.inspection_changes;
        s.push_str(&format!(
            "{} inspection(s) linked ({} added, {} updated, {} removed) in {:.3} s\n",
            self.inspections, c.added, c.updated, c.removed, self.link_seconds
        ));
        s
    }
}

/// Discover the inputs, sorted by relative path.
pub fn discover(input: &std::path::Path) -> Result<(Vec<SourceFile>, Vec<Skipped>)> {
    let (mut files, skipped) = ingest::discover(input)
        .with_context(|| format!("cannot read input '{}'", input.display()))?;
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok((files, skipped))
}

/// One file's work: the file, the previous records that sort before it (their
/// articles are gone), and its own previous records and index entry.
struct Job<'a> {
    file: &'a SourceFile,
    gone: Vec<Change>,
    prev: Previous,
}

/// Articles extracted together: their texts are matched rule by rule
/// ([`extract::extract_many`]); enough to keep each rule's automaton in the
/// processor's caches across them, few enough that their analyses stay small.
const ARTICLES_PER_BATCH: usize = 48;

/// Reuse or extract the records of a few files, in order.
fn refresh_files(
    jobs: &[Job],
    cx: &refresh::Context,
    rules: &RuleSet,
    max: u64,
) -> Vec<FileOutcome> {
    // What each file holds once read: its outcome so far, and per article the
    // previous line it reuses or none (to extract).
    enum Read<'j> {
        Done(FileOutcome),
        Open(
            FileOutcome,
            Vec<(
                crate::ingest::Article,
                String,
                Option<&'j refresh::PrevLine>,
            )>,
        ),
    }
    let mut read: Vec<Read> = Vec::with_capacity(jobs.len());
    for job in jobs {
        let prev = &job.prev;
        let st = cx.inspect(job.file, prev);
        if let Some(out) = cx.reuse_file(job.file, &st, prev) {
            read.push(Read::Done(out));
            continue;
        }
        let (articles, skips, sha256) = ingest::load_hashed(job.file, max);
        let out = cx.start(job.file, &st, sha256, skips);
        let arts = articles
            .into_iter()
            .map(|a| {
                let input = refresh::input_hash(&a);
                let old = cx.reusable(&a, &input, prev);
                (a, input, old)
            })
            .collect();
        read.push(Read::Open(out, arts));
    }
    // Extract every article that is not reused, a batch at a time.
    let todo: Vec<&crate::ingest::Article> = read
        .iter()
        .flat_map(|r| match r {
            Read::Done(_) => &[][..],
            Read::Open(_, arts) => &arts[..],
        })
        .filter(|(_, _, old)| old.is_none())
        .map(|(a, _, _)| a)
        .collect();
    let mut records = todo
        .chunks(ARTICLES_PER_BATCH)
        .flat_map(|batch| extract::extract_many(batch, rules))
        .collect::<Vec<_>>()
        .into_iter();
    read.into_iter()
        .zip(jobs)
        .map(|(r, job)| match r {
            Read::Done(out) => out,
            Read::Open(mut out, arts) => {
                for (a, input, old) in arts {
                    match old {
                        Some(old) => {
                            out.warnings += old.warnings;
                            cx.push(&mut out, &a, input, old.text.clone(), true, &job.prev);
                        }
                        None => {
                            let r = records.next().expect("one record per extracted article");
                            out.warnings += r.warnings.len();
                            out.bytes += a.bytes;
                            cx.push(&mut out, &a, input, emit::record_line(&r), false, &job.prev);
                        }
                    }
                }
                cx.finish(out, &job.prev.group)
            }
        })
        .collect()
}

/// Run the pipeline over a folder, writing `records.jsonl`, `changes.jsonl`,
/// `skipped.jsonl`, `index.jsonl` and `manifest.json`. Holds the output folder's
/// lock.
/// The message of a failed write of `what` in the output folder `dir`.
fn cannot_write(dir: &std::path::Path, what: &str) -> String {
    format!("cannot write {what} in '{}'", dir.display())
}

/// Where a run's per-file results go, in input order.
struct Outputs<'a> {
    dir: &'a std::path::Path,
    records: &'a mut JsonlWriter,
    changes: &'a mut JsonlWriter,
    index: &'a mut JsonlWriter,
    skips: &'a mut emit::SkippedWriter,
    sum: &'a mut Summary,
    bar: &'a ProgressBar,
}

impl Outputs<'_> {
    /// Write one chunk's outcomes: changes, records, skips and index entries.
    fn write(&mut self, jobs: &[Job], done: Vec<FileOutcome>) -> Result<()> {
        let dir = self.dir;
        let cannot = |what: &str| cannot_write(dir, what);
        for (job, o) in jobs.iter().zip(done) {
            for c in &job.gone {
                self.sum.refresh.count(c);
                self.changes
                    .write(c)
                    .with_context(|| cannot(refresh::CHANGES))?;
            }
            self.sum.refresh.add(&o);
            for c in &o.changes {
                self.changes
                    .write(c)
                    .with_context(|| cannot(refresh::CHANGES))?;
            }
            for line in &o.lines {
                self.records
                    .write_line(line)
                    .with_context(|| cannot("records.jsonl"))?;
            }
            self.sum.articles += o.lines.len();
            self.sum.records += o.lines.len();
            self.sum.bytes += o.bytes;
            self.sum.warnings += o.warnings;
            self.skips
                .add(o.skipped)
                .with_context(|| cannot("skipped.jsonl"))?;
            self.index
                .write(&o.file)
                .with_context(|| cannot(refresh::INDEX))?;
            self.bar.inc(1);
        }
        Ok(())
    }
}

/// The batches a chunk of `n` jobs is cut into for `threads` workers: up to
/// [`ARTICLES_PER_BATCH`] jobs, shrinking towards the end of the chunk to
/// [`MAX_FILES_PER_TASK`] (a share of what is left), so that the workers,
/// taking batches in order, finish the chunk close together.
fn batches(n: usize, threads: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < n {
        let left = n - at;
        let size = (left / (2 * threads.max(1)))
            .clamp(MAX_FILES_PER_TASK, ARTICLES_PER_BATCH)
            .min(left);
        out.push(at..at + size);
        at += size;
    }
    out
}

/// `work` applied to `jobs` batch by batch ([`batches`]) on the current pool,
/// each worker taking the next batch in order until none is left; the results
/// in input order. Unlike halving the slice among the workers, this leaves
/// the small batches for the end, so no worker waits long on the other's last
/// large one before the chunk is written.
fn in_turn<J: Sync, T: Send + Sync>(jobs: &[J], work: impl Fn(&[J]) -> Vec<T> + Sync) -> Vec<T> {
    let threads = rayon::current_num_threads();
    let cut = batches(jobs.len(), threads);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::OnceLock<Vec<T>>> =
        cut.iter().map(|_| std::sync::OnceLock::new()).collect();
    let worker = || loop {
        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let Some(r) = cut.get(i) else { break };
        let _ = slots[i].set(work(&jobs[r.clone()]));
    };
    rayon::scope(|s| {
        for _ in 0..threads {
            s.spawn(|_| worker());
        }
    });
    slots
        .into_iter()
        .flat_map(|s| s.into_inner().unwrap_or_default())
        .collect()
}

/// Most files (or streamed articles) one worker task takes from a chunk.
/// Without a cap rayon cuts a chunk into a few large pieces, and at the chunk's
/// end one thread waits for the other's last piece; small pieces keep both busy
/// to the end (4% less wall time with two threads at 100 MB; one file a task
/// was 3% slower).
pub const MAX_FILES_PER_TASK: usize = 4;

pub fn run(cfg: &RunConfig, rules: &RuleSet) -> Result<Summary> {
    let start = Instant::now();
    let (mut files, mut skipped) = discover(&cfg.input)?;
    if let Some(shard) = cfg.shard {
        files.retain(|f| shard.contains(&f.rel));
        skipped.retain(|k| shard.contains(&k.path));
    }
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
            ProgressStyle::with_template(
                "{bar:40} {pos}/{len} articles {elapsed_precise} eta {eta}",
            )
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
    let index_path = cfg.out.join(refresh::INDEX);
    let mut prev_index = cx
        .prev_index(&cfg.out)
        .with_context(|| format!("cannot read the previous {}", index_path.display()))?;
    let cannot = |what: &str| cannot_write(&cfg.out, what);
    let mut w =
        JsonlWriter::create(&cfg.out, "records.jsonl").with_context(|| cannot("records.jsonl"))?;
    let mut changes = JsonlWriter::create(&cfg.out, refresh::CHANGES)
        .with_context(|| cannot(refresh::CHANGES))?;
    let mut index =
        JsonlWriter::create(&cfg.out, refresh::INDEX).with_context(|| cannot(refresh::INDEX))?;
    let mut skips = emit::SkippedWriter::create(&cfg.out, skipped, SUMMARY_SKIPPED)
        .with_context(|| cannot("skipped.jsonl"))?;
    let mut manifest = cx.manifest();
    let mut sum = Summary {
        files: files.len(),
        refresh: Tally::new(&cx),
        ..Summary::default()
    };
    fn read_prev<T>(r: std::io::Result<T>, path: &std::path::Path) -> Result<T> {
        r.with_context(|| format!("cannot read {}", path.display()))
    }
    // Each chunk is written while the next one is extracted: the write is one
    // more task on the pool, so no thread waits for it.
    let mut out = Outputs {
        dir: &cfg.out,
        records: &mut w,
        changes: &mut changes,
        index: &mut index,
        skips: &mut skips,
        sum: &mut sum,
        bar: &bar,
    };
    let mut extracted: Option<(Vec<Job>, Vec<FileOutcome>)> = None;
    for chunk in files.chunks(512).map(Some).chain([None]) {
        let mut jobs = Vec::with_capacity(chunk.map_or(0, <[_]>::len));
        for file in chunk.unwrap_or_default() {
            let mut gone = Vec::new();
            while let Some(l) = read_prev(prev.next_before(Some(&file.rel)), &prev_path)? {
                gone.push(Change::removed(&l));
            }
            let group = read_prev(prev.take_path(&file.rel), &prev_path)?;
            let entry = read_prev(prev_index.take_path(&file.rel), &index_path)?;
            jobs.push(Job {
                file,
                gone,
                prev: Previous { group, entry },
            });
        }
        let last = extracted.take();
        let (done, written) = pool.install(|| {
            rayon::join(
                || -> Vec<FileOutcome> {
                    in_turn(&jobs, |js| {
                        refresh_files(js, &cx, rules, cfg.max_article_bytes)
                    })
                },
                || last.map_or(Ok(()), |(jobs, done)| out.write(&jobs, done)),
            )
        });
        written?;
        if chunk.is_some() {
            extracted = Some((jobs, done));
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
    drop(prev_index);
    bar.finish_and_clear();
    let output = |(_, bytes, sha256): (PathBuf, u64, String)| OutputEntry { bytes, sha256 };
    let rec = w.commit_hashed().context("cannot finish records.jsonl")?;
    let records_path = rec.0.clone();
    manifest.outputs.insert("records.jsonl".into(), output(rec));
    // The tables and the inspections are both made from the committed
    // records and written to files of their own: one is written while the
    // other is linked (each reads records.jsonl back; the tables' file syncs
    // overlap the linking).
    let tabulate = || -> Result<()> {
        if cfg.tables {
            let written = emit::tables::write(&records_path, &cfg.out)
                .with_context(|| cannot(emit::tables::TABLES))?;
            for (name, bytes, sha256) in written {
                manifest.outputs.insert(name, OutputEntry { bytes, sha256 });
            }
        } else {
            // Tables of an earlier run would no longer match the records.
            for name in emit::tables::names() {
                let _ = std::fs::remove_file(cfg.out.join(name));
            }
        }
        Ok(())
    };
    // Link the committed records into inspections: read back, so a
    // refresh and a --full run link the same lines. The inspections that
    // changed go to changes.jsonl after the records.
    let linked = || {
        let linking = Instant::now();
        let before = link::changes::read_previous(&cfg.out.join(link::INSPECTIONS));
        link::write(&records_path, &cfg.out, &rules.linking)
            .with_context(|| cannot(link::INSPECTIONS))
            .map(|written| (before, written, linking))
    };
    let (tables, linked) = pool.join(tabulate, linked);
    tables?;
    let (before, (ins, inspections), linking) = linked?;
    manifest
        .outputs
        .insert(link::INSPECTIONS.into(), output(ins));
    let changed = link::changes::changes(&before, &inspections);
    for c in &changed {
        changes.write(c).with_context(|| cannot(refresh::CHANGES))?;
    }
    sum.inspections = inspections.len();
    sum.inspection_changes = link::changes::Counts::of(&changed);
    sum.link_seconds = linking.elapsed().as_secs_f64();
    let ch = changes
        .commit_hashed()
        .with_context(|| cannot(refresh::CHANGES))?;
    manifest.outputs.insert(refresh::CHANGES.into(), output(ch));
    let sk = skips.commit().with_context(|| cannot("skipped.jsonl"))?;
    manifest
        .outputs
        .insert("skipped.jsonl".into(), output(sk.file));
    let ix = index
        .commit_hashed()
        .with_context(|| cannot(refresh::INDEX))?;
    manifest.outputs.insert(refresh::INDEX.into(), output(ix));
    let mut mf = AtomicFile::create(&cfg.out, refresh::MANIFEST)
        .with_context(|| cannot(refresh::MANIFEST))?;
    serde_json::to_writer_pretty(&mut mf, &manifest).with_context(|| cannot(refresh::MANIFEST))?;
    std::io::Write::write_all(&mut mf, b"\n").with_context(|| cannot(refresh::MANIFEST))?;
    mf.commit().with_context(|| cannot(refresh::MANIFEST))?;
    // The report speaks for every record: rebuilt when anything changed or it is
    // missing, so a refresh with nothing to do stays cheap.
    if cfg.report
        && (sum.refresh.changed()
            || sum.inspection_changes != link::changes::Counts::default()
            || !cfg.out.join("report").join("index.html").is_file())
    {
        let done = report(
            &ReportConfig {
                input: cfg.input.clone(),
                out: cfg.out.clone(),
                threads: cfg.threads,
                max_article_bytes: cfg.max_article_bytes,
                gold: None,
                against: None,
                page_size: 0,
            },
            rules,
        )?;
        sum.report = Some(done.report);
    }
    sum.skipped = sk.first;
    sum.skipped_count = sk.count;
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
    let paths: std::collections::HashSet<&str> = by_key.keys().map(|(p, _)| *p).collect();
    let (files, _) = discover(&cfg.input)?;
    let files: Vec<SourceFile> = files
        .into_iter()
        .filter(|f| paths.contains(f.rel.as_str()))
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
