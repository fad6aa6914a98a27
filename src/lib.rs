//! paperlint: a linter for the paper tables of Markdown awesome lists.
//!
//! The flow of a run: [`engine::discover`] the files, parse each into the
//! model, run the rules over it in parallel, and [`report::write`] what they
//! found.

pub mod cli;
pub mod config;
pub mod engine;
pub mod finding;
mod links;
mod markdown;
mod model;
pub mod report;
pub mod rules;
pub mod source;
mod years;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use miette::{Diagnostic, IntoDiagnostic, Result};
use thiserror::Error;

use cli::{Cli, Color, Command, LintArgs};
use config::Settings;
use finding::Severity;
use rules::Rule;

/// A mistake on the command line.
#[derive(Debug, Error, Diagnostic)]
pub enum UsageError {
    #[error("unknown rule `{0}`")]
    #[diagnostic(code(paperlint::usage), help("`paperlint rules` lists the rules"))]
    UnknownRule(String),
}

/// The exit status: 0 clean, 1 findings at warning or above, 2 input or
/// usage errors.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs the command line.
pub fn run(cli: &Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Lint(args) => lint(cli, args),
        Command::Rules => {
            print_rules().into_diagnostic()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rule { name } => {
            let rule = rules::find(name).ok_or_else(|| UsageError::UnknownRule(name.clone()))?;
            print!("{}", rule.doc);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn lint(cli: &Cli, args: &LintArgs) -> Result<ExitCode> {
    let chosen = chosen_rules(&args.select, &args.ignore)?;
    let settings = Settings::default();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };

    let (inputs, mut errors) = engine::discover(&paths);
    log::info!("linting {} files with {} rules", inputs.len(), chosen.len());
    let (reports, read_errors) = engine::lint_inputs(&inputs, &settings, &chosen);
    errors.extend(read_errors);

    let style = report::Style {
        color: use_color(cli.color, args.output.output_file.is_none()),
        width: 120,
    };
    report::emit(&args.output, &reports, args.format, &style)?;

    let failed_inputs = !errors.is_empty();
    for error in errors {
        eprintln!("{:?}", miette::Report::new(error));
    }
    let failing = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.severity >= Severity::Warning);
    Ok(ExitCode::from(if failed_inputs {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        0
    }))
}

/// The rules a run uses: `--select` (or all), less `--ignore`.
fn chosen_rules(select: &[String], ignore: &[String]) -> Result<Vec<&'static Rule>> {
    for name in select.iter().chain(ignore) {
        if rules::find(name).is_none() {
            return Err(UsageError::UnknownRule(name.clone()).into());
        }
    }
    Ok(rules::ALL
        .iter()
        .copied()
        .filter(|r| select.is_empty() || select.iter().any(|s| s == r.name))
        .filter(|r| !ignore.iter().any(|s| s == r.name))
        .collect())
}

fn use_color(choice: Color, to_stdout: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            to_stdout && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    }
}

fn print_rules() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<22} {:<8} {:<12} {:<8} summary",
        "rule", "severity", "fix", "mode"
    )?;
    for rule in rules::ALL {
        let mode = if rule.online { "online" } else { "offline" };
        writeln!(
            out,
            "{:<22} {:<8} {:<12} {:<8} {}",
            rule.name,
            rule.severity,
            rule.fix,
            mode,
            rule.summary()
        )?;
    }
    Ok(())
}
