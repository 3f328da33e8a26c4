//! The `pressmine` binary: argument parsing and wiring only.

use anyhow::Result;
use clap::{CommandFactory, Parser};
use pressmine::cli::{Cli, Command, RulesAction};
use pressmine::eval::splits::{self, Splits};
use pressmine::rules::RuleSource;
use pressmine::{pipeline, rules};
use std::process::ExitCode;

/// jemalloc: a tenth less time than the system allocator on a two-thread run
/// for about 10 MiB more at the peak (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Writes to standard output, passing a write error (a closed pipe) up.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($t)*)?
    }};
}

/// [`out!`] with a line break.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($t)*)?
    }};
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        // A reader that stopped reading ('pressmine eval --json | head') is
        // no error of ours.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pressmine: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Limits the work done before the run's own worker pool starts (compiling the
/// rules) to the `--threads` asked for; 0 means every core.
fn use_threads(n: usize) {
    // Only fails when a pool was already set up, and then that one is used.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Run(a) | Command::Refresh(a) => {
            use_threads(a.threads);
            let rules = rules::load(&RuleSource::from_arg(a.rules.as_deref()))?;
            let cfg = pipeline::RunConfig {
                input: a.input,
                out: a.out.clone(),
                threads: a.threads,
                max_article_bytes: a.max_article_bytes,
                progress: true,
                report: !a.no_report,
                tables: !a.no_tables,
                full: a.full,
                shard: a.shard,
            };
            let sum = pipeline::run(&cfg, &rules)?;
            // Freeing the rules' automata just before the process exits
            // costs time and gives nothing back.
            std::mem::forget(rules);
            eprint!("{}", sum.render());
            eprintln!("wrote {}", a.out.join("records.jsonl").display());
            if let Some(r) = &sum.report {
                eprintln!("wrote {}", r.dir.join("index.html").display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules {
            action: RulesAction::Check { rules },
        } => {
            let set = rules::load_all(&RuleSource::from_arg(rules.as_deref()))?;
            outln!(
                "{}: {} rules in {} files, all valid",
                set.source,
                set.rules.len(),
                set.files.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules {
            action: RulesAction::Test { rules },
        } => {
            let outcome = pressmine::ruletest::run(&RuleSource::from_arg(rules.as_deref()))?;
            out!("{}", outcome.render());
            Ok(if outcome.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Rules {
            action: RulesAction::Export { dir },
        } => {
            let written = rules::source::export(&dir).map_err(|e| {
                anyhow::anyhow!("cannot export the built-in rules to {}: {e}", dir.display())
            })?;
            outln!(
                "wrote {} built-in rule file(s) to {}; use them with --rules {}",
                written.len(),
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "pressmine", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stream(a) => {
            use_threads(a.threads);
            let rules = rules::load(&RuleSource::from_arg(a.rules.as_deref()))?;
            let stdin = std::io::stdin().lock();
            let stdout = std::io::BufWriter::new(std::io::stdout().lock());
            let sum = pressmine::stream::run(
                &rules,
                &a.name,
                a.threads,
                stdin,
                stdout,
                std::io::stderr(),
            )?;
            eprintln!(
                "{} record(s) written, {} line(s) skipped",
                sum.records, sum.skipped
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Report(a) => {
            use_threads(a.threads);
            let rules = rules::load(&RuleSource::from_arg(a.rules.as_deref()))?;
            let cfg = pipeline::ReportConfig {
                input: a.input,
                out: a.out,
                threads: a.threads,
                max_article_bytes: pressmine::ingest::DEFAULT_MAX_ARTICLE_BYTES,
                gold: a.gold,
                against: a.against,
                page_size: a.page_size,
            };
            let done = pipeline::report(&cfg, &rules)?;
            for id in done.without_input.iter().take(20) {
                eprintln!("  no input for record {id}: not in the report");
            }
            eprint!("{}", done.report.render());
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff(a) => {
            let old = pressmine::eval::load_records(&a.old)?;
            let new = pressmine::eval::load_records(&a.new)?;
            let d = pressmine::diff::diff(&old, &new);
            if a.json {
                outln!("{}", serde_json::to_string_pretty(&d)?);
            } else {
                out!("{}", d.render());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(a) => {
            let link_scores = if a.json {
                pressmine::eval::linking::link_scores(
                    &a.gold,
                    &a.records,
                    a.splits.as_deref(),
                    a.split.as_deref(),
                )?
                .map(|(_, s)| s)
                .unwrap_or_default()
            } else {
                Vec::new()
            };
            let link_of = |name: &str| link_scores.iter().find(|s| s.split == name).cloned();
            let linking = if a.json {
                None
            } else {
                pressmine::eval::linking::link_report(
                    &a.gold,
                    &a.records,
                    a.splits.as_deref(),
                    a.split.as_deref(),
                    a.verbose,
                )?
            };
            let gold = pressmine::eval::load_gold(&a.gold)?;
            let records = pressmine::eval::load_records(&a.records)?;
            let splits_path = match (&a.splits, a.no_splits) {
                (Some(p), _) => Some(p.clone()),
                (None, false) => Splits::beside(&a.gold),
                (None, true) => None,
            };
            if let (Some(name), None) = (&a.split, &splits_path) {
                anyhow::bail!(
                    "--split {name}: no sources table names the splits (pass --splits SOURCES_TSV)"
                );
            }
            if let Some(path) = splits_path {
                let splits = Splits::load(&path)?;
                if let Some(name) = &a.split {
                    let gold = splits.only(&gold, name);
                    if gold.is_empty() {
                        anyhow::bail!("no gold file is in split `{name}` of {}", path.display());
                    }
                    let mut report = pressmine::eval::score(&gold, &records);
                    if a.json {
                        report.linking = link_of(name);
                        outln!("{}", serde_json::to_string_pretty(&report)?);
                    } else {
                        outln!("split {name} of {}", path.display());
                        out!("{}", report.render(a.verbose));
                        out!("{}", linking.unwrap_or_default());
                    }
                    return Ok(ExitCode::SUCCESS);
                }
                let mut reports = splits::score_splits(&gold, &records, &splits);
                if a.json {
                    for r in &mut reports {
                        r.report.linking = link_of(&r.split);
                    }
                    outln!("{}", serde_json::to_string_pretty(&reports)?);
                } else {
                    outln!("splits from {}", path.display());
                    out!("{}", splits::render_splits(&reports));
                    if a.verbose {
                        out!("{}", reports[0].report.render(true));
                    }
                    out!("{}", linking.unwrap_or_default());
                }
                return Ok(ExitCode::SUCCESS);
            }
            let mut report = pressmine::eval::score(&gold, &records);
            if a.json {
                report.linking = link_of("all");
                outln!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                out!("{}", report.render(a.verbose));
                out!("{}", linking.unwrap_or_default());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
