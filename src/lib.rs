//! paperlint: a linter for the paper tables of Markdown awesome lists.
//!
//! The flow of a run: [`engine::discover`] the files, parse each into the
//! model, run the rules over it in parallel, and [`report::write`] what they
//! found.

pub mod cli;
pub mod config;
pub mod engine;
pub mod finding;
pub mod fix;
mod links;
mod markdown;
mod model;
pub mod net;
pub mod report;
pub mod rules;
pub mod source;
mod suppress;
mod years;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use miette::{Diagnostic, IntoDiagnostic, Result};
use thiserror::Error;

use cli::{Cli, Color, Command, LintArgs};
use engine::FileReport;
use finding::{Applicability, Severity};

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
    check_rule_names(&args.select, &args.ignore)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };

    let (inputs, input_errors) = engine::discover(&paths);
    let choice = config::RuleChoice {
        select: &args.select,
        ignore: &args.ignore,
    };
    let groups = config::group(args.config.as_deref(), inputs, &choice)?;
    let mut errors: Vec<miette::Report> = input_errors.into_iter().map(Into::into).collect();
    // The fixer reads and parses its files itself, pass after pass.
    let fixing = args.fix || args.diff;
    let started = Instant::now();
    let mut parsed = if fixing && !args.net.online {
        Vec::new()
    } else {
        parse_groups(&groups, &mut errors)
    };
    log::debug!("parsed in {:.2?}", started.elapsed());
    let net = if args.net.online {
        let config = net::NetConfig::from_args(&args.net, cli.quiet)?;
        let docs: Vec<&model::Document> = parsed.iter().flatten().map(|p| &p.doc).collect();
        Some(net::run(&docs, &config))
    } else {
        None
    };
    let style = report::Style {
        summary: !cli.quiet,
        color: use_color(cli.color, args.output.output_file.is_none()),
        width: 120,
    };
    let failing = if fixing {
        let mode = fix::Mode {
            level: if args.unsafe_fixes {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            },
            diff: args.diff,
            quiet: cli.quiet,
            format: args.format,
            output: &args.output,
        };
        drop(parsed);
        fix::run(&groups, mode, &style, net.as_ref(), &mut errors)?
    } else {
        let started = Instant::now();
        let reports = groups
            .iter()
            .zip(parsed.drain(..))
            .flat_map(|(group, files)| {
                let settings = &group.config.settings;
                engine::check_files(files, settings, &group.rules, net.as_ref())
            })
            .collect();
        log::debug!("checked in {:.2?}", started.elapsed());
        let started = Instant::now();
        let failing = print_reports(reports, args, &style)?;
        log::debug!("reported in {:.2?}", started.elapsed());
        failing
    };

    let failed_inputs = !errors.is_empty();
    for error in errors {
        eprintln!("{error:?}");
    }
    Ok(ExitCode::from(if failed_inputs {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        0
    }))
}

/// Reads and parses every group's files with the group's settings.
fn parse_groups(
    groups: &[config::Group],
    errors: &mut Vec<miette::Report>,
) -> Vec<Vec<engine::Parsed>> {
    groups
        .iter()
        .map(|group| {
            let (parsed, read_errors) = engine::parse_inputs(&group.inputs, &group.config.settings);
            errors.extend(read_errors.into_iter().map(Into::into));
            parsed
        })
        .collect()
}

/// Prints the findings. Fails on a warning or worse.
fn print_reports(
    mut reports: Vec<FileReport>,
    args: &LintArgs,
    style: &report::Style,
) -> Result<bool> {
    reports.sort_by(|a, b| a.source.name().cmp(b.source.name()));
    report::emit(&args.output, &reports, args.format, style)?;
    Ok(any_failing(&reports))
}

/// Whether a finding at warning or above remains.
pub(crate) fn any_failing(reports: &[FileReport]) -> bool {
    reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.severity >= Severity::Warning)
}

fn check_rule_names(select: &[String], ignore: &[String]) -> Result<()> {
    for name in select.iter().chain(ignore) {
        if rules::find(name).is_none() {
            return Err(UsageError::UnknownRule(name.clone()).into());
        }
    }
    Ok(())
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
