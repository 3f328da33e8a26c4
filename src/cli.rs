//! Command-line arguments (clap derive): the commands and their options.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// pressmine: inspection press releases and news reports in, explainable JSON records out.
#[derive(Debug, Parser)]
#[command(name = "pressmine", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract a record from every article under INPUT into OUT/records.jsonl (and
    /// the rule match report into OUT/report/).
    ///
    /// Incremental: only new and changed articles are extracted again (all of them
    /// when the rules or pressmine changed); records of removed articles are
    /// dropped. Also writes OUT/changes.jsonl, OUT/index.jsonl and
    /// OUT/manifest.json.
    Run(RunArgs),
    /// Alias of `run` (incremental): refresh OUT after articles or rules changed.
    Refresh(RunArgs),
    /// Work with the rule files.
    Rules {
        /// What to do with them.
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Score records against gold annotations: precision, recall and F1 per field.
    Eval(EvalArgs),
    /// Read articles as JSON Lines ({"id", "text"}) on stdin, write records as JSON
    /// Lines on stdout in input order (for Hadoop Streaming or Spark's RDD.pipe).
    Stream(StreamArgs),
    /// Write the rule match report (OUT/report/) for an existing output.
    Report(ReportArgs),
    /// Compare two records.jsonl: values gained and lost, by field, by rule and per article.
    Diff(DiffArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `pressmine man > pressmine.1`.
    Man,
}

/// `pressmine run` and `pressmine refresh`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Folder of articles (or one file).
    #[arg(default_value = "corpus")]
    pub input: PathBuf,
    /// Output folder.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Rules folder (default: the rules built into pressmine).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Skip (and report) articles larger than this many bytes.
    #[arg(long, default_value_t = crate::ingest::DEFAULT_MAX_ARTICLE_BYTES)]
    pub max_article_bytes: u64,
    /// Do not write the rule match report (OUT/report/): faster on large runs.
    #[arg(long)]
    pub no_report: bool,
    /// Do not write the CSV tables (OUT/tables/).
    #[arg(long)]
    pub no_tables: bool,
    /// Extract every article again instead of reusing unchanged records.
    #[arg(long)]
    pub full: bool,
    /// Process only part I of N of the input (a stable split by path), so N
    /// workers can share a folder; give each its own --out.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<crate::pipeline::Shard>,
}

/// `pressmine rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Validate the rule files without running.
    Check {
        /// Rules folder (default: the rules built into pressmine).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Run every rule's examples and counter-examples; list each failure as
    /// FILE:LINE RULE: expected X, got Y (exit status 1 when any fails).
    Test {
        /// Rules folder (default: the rules built into pressmine).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Write the rules built into pressmine to a folder, for editing; use them
    /// with --rules DIR.
    Export {
        /// The folder to write (created if missing; existing files are never
        /// overwritten).
        dir: PathBuf,
    },
}

/// `pressmine eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold annotations (JSON Lines, SPEC.md format).
    #[arg(long)]
    pub gold: PathBuf,
    /// Records to score.
    #[arg(long, default_value = "output/records.jsonl")]
    pub records: PathBuf,
    /// List every miss.
    #[arg(long)]
    pub verbose: bool,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Score each split apart: a table with `file` and `split` columns (by
    /// default the `sources.tsv` beside the gold file, when it has a `split`
    /// column).
    #[arg(long, value_name = "SOURCES_TSV")]
    pub splits: Option<PathBuf>,
    /// Score the whole set only, even with a `sources.tsv` beside the gold file.
    #[arg(long, conflicts_with = "splits")]
    pub no_splits: bool,
    /// Score only the gold files of this split (with `--verbose`, list only
    /// their misses): tune rules on `dev` without reading `check`.
    #[arg(long, value_name = "NAME", conflicts_with = "no_splits")]
    pub split: Option<String>,
}

/// `pressmine stream`.
#[derive(Debug, Args)]
pub struct StreamArgs {
    /// Rules folder (default: the rules built into pressmine).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Source path written into every record.
    #[arg(long, default_value = "stdin")]
    pub name: String,
    /// Worker threads (default: all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

/// `pressmine report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The folder (or file) the records were made from.
    #[arg(default_value = "corpus")]
    pub input: PathBuf,
    /// Output folder holding records.jsonl; the report goes to OUT/report/.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Rules folder (rule locations and matches come from it; default: the
    /// rules built into pressmine).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Gold annotations: add per-rule precision, false positives and missed values.
    #[arg(long)]
    pub gold: Option<PathBuf>,
    /// Earlier records.jsonl: add what changed since (diff.html, diff.json).
    #[arg(long)]
    pub against: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Articles per list page.
    #[arg(long, default_value_t = crate::report::PAGE_SIZE)]
    pub page_size: usize,
}

/// `pressmine diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier records.jsonl.
    pub old: PathBuf,
    /// The later records.jsonl.
    pub new: PathBuf,
    /// Print the comparison as JSON.
    #[arg(long)]
    pub json: bool,
}
