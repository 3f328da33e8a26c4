//! `pressmine stream`: articles as JSON Lines on standard input, records as
//! JSON Lines on standard output, in input order. This is the contract of
//! Hadoop Streaming and Spark's `RDD.pipe`, so pressmine can run as the mapper
//! of a cluster job. Lines are read in batches, extracted in parallel and
//! written in order, so memory stays bounded by the batch size. A line that
//! gives no record is reported on standard error as a `skipped` JSON line and
//! the stream goes on.

use crate::extract;
use crate::ingest;
use crate::record::Skipped;
use crate::rules::RuleSet;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{BufRead, Write};

/// Lines extracted together; output order never depends on it.
pub const BATCH_LINES: usize = 1024;

/// What a stream did.
#[derive(Debug, Default, Clone, Copy)]
pub struct StreamSummary {
    /// Records written.
    pub records: usize,
    /// Lines skipped.
    pub skipped: usize,
}

/// Read articles from `input`, write records to `output` and skipped lines to
/// `errors`. `name` is the source path given to every record.
pub fn run(
    rules: &RuleSet,
    name: &str,
    threads: usize,
    input: impl BufRead,
    mut output: impl Write,
    mut errors: impl Write,
) -> Result<StreamSummary> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    let mut sum = StreamSummary::default();
    let mut batch: Vec<Result<ingest::Article, Skipped>> = Vec::with_capacity(BATCH_LINES);
    let flush = |batch: &mut Vec<Result<ingest::Article, Skipped>>,
                 output: &mut dyn Write,
                 errors: &mut dyn Write,
                 sum: &mut StreamSummary|
     -> Result<()> {
        let lines: Vec<Result<String, Skipped>> = pool.install(|| {
            batch
                .par_iter()
                .with_max_len(crate::pipeline::MAX_FILES_PER_TASK)
                .map(|a| match a {
                    Ok(article) => Ok(serde_json::to_string(&extract::extract(article, rules))
                        .unwrap_or_default()),
                    Err(s) => Err(s.clone()),
                })
                .collect()
        });
        for l in lines {
            match l {
                Ok(json) => {
                    output.write_all(json.as_bytes())?;
                    output.write_all(b"\n")?;
                    sum.records += 1;
                }
                Err(s) => {
                    serde_json::to_writer(&mut *errors, &serde_json::json!({ "skipped": s }))?;
                    errors.write_all(b"\n")?;
                    sum.skipped += 1;
                }
            }
        }
        batch.clear();
        Ok(())
    };
    for (i, line) in input.split(b'\n').enumerate() {
        let raw = line.context("cannot read standard input")?;
        let raw = raw.strip_suffix(b"\r").unwrap_or(&raw).to_vec();
        let n = i as u64 + 1;
        let mut warnings = Vec::new();
        let text = match String::from_utf8(raw.clone()) {
            Ok(t) => t,
            Err(_) => {
                warnings.push(format!("invalid UTF-8 on line {n}: bytes replaced"));
                String::from_utf8_lossy(&raw).into_owned()
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        batch.push(ingest::json_line_article(
            name,
            n,
            &raw,
            &text,
            warnings,
            &mut seen_ids,
        ));
        if batch.len() >= BATCH_LINES {
            flush(&mut batch, &mut output, &mut errors, &mut sum)?;
        }
    }
    flush(&mut batch, &mut output, &mut errors, &mut sum)?;
    output.flush()?;
    Ok(sum)
}
