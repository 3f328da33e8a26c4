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
    /// Extract a record from every article under INPUT into OUT/records.jsonl.
    ///
    /// Incremental: only new and changed articles are extracted again (all of them
    /// when the rules or pressmine changed); records of removed articles are
    /// dropped. Also writes OUT/changes.jsonl and OUT/manifest.json.
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
    /// Rules folder.
    #[arg(long, default_value = "rules")]
    pub rules: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Skip (and report) articles larger than this many bytes.
    #[arg(long, default_value_t = crate::ingest::DEFAULT_MAX_ARTICLE_BYTES)]
    pub max_article_bytes: u64,
    /// Extract every article again instead of reusing unchanged records.
    #[arg(long)]
    pub full: bool,
}

/// `pressmine rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Validate the rule files without running.
    Check {
        /// Rules folder.
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
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
}
