//! The `pressmine` binary: argument parsing and wiring only.

use anyhow::Result;
use clap::Parser;
use pressmine::cli::{Cli, Command, RulesAction};
use pressmine::{pipeline, rules};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("pressmine: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Run(a) | Command::Refresh(a) => {
            let rules = rules::load(&a.rules)?;
            let cfg = pipeline::RunConfig {
                input: a.input,
                out: a.out.clone(),
                threads: a.threads,
                max_article_bytes: a.max_article_bytes,
                progress: true,
                full: a.full,
            };
            let sum = pipeline::run(&cfg, &rules)?;
            eprint!("{}", sum.render());
            eprintln!("wrote {}", a.out.join("records.jsonl").display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { action: RulesAction::Check { rules } } => {
            let set = rules::load(&rules)?;
            println!(
                "{}: {} rules in {} files, all valid",
                rules.display(),
                set.rules.len(),
                set.files.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(a) => {
            let gold = pressmine::eval::load_gold(&a.gold)?;
            let records = pressmine::eval::load_records(&a.records)?;
            let report = pressmine::eval::score(&gold, &records);
            if a.json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", report.render(a.verbose));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
