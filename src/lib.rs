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
pub mod report;
pub mod rules;
pub mod source;
mod suppress;
mod years;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use miette::{Diagnostic, IntoDiagnostic, Result};
use thiserror::Error;

use cli::{Cli, Color, Command, LintArgs};
use config::Config;
use engine::{FileReport, Input};
use finding::{Applicability, Severity};
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
    check_rule_names(&args.select, &args.ignore)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };

    let (inputs, input_errors) = engine::discover(&paths);
    let groups = group_by_config(args, inputs)?;
    let mut errors: Vec<miette::Report> = input_errors.into_iter().map(Into::into).collect();
    let style = report::Style {
        color: use_color(cli.color),
        width: 120,
    };
    let failing = if args.fix || args.diff {
        let level = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let mut fixes = Vec::new();
        for group in &groups {
            let (fixed, read_errors) =
                fix::fix_inputs(&group.inputs, &group.config.settings, &group.rules, level);
            fixes.extend(fixed);
            errors.extend(read_errors.into_iter().map(Into::into));
        }
        fixes.sort_by(|a, b| a.report.source.name().cmp(b.report.source.name()));
        if args.diff {
            show_diffs(cli, &fixes)?
        } else {
            write_fixes(cli, args, &style, fixes, &mut errors)?
        }
    } else {
        let mut reports = Vec::new();
        for group in &groups {
            let (found, read_errors) =
                engine::lint_inputs(&group.inputs, &group.config.settings, &group.rules);
            reports.extend(found);
            errors.extend(read_errors.into_iter().map(Into::into));
        }
        reports.sort_by(|a, b| a.source.name().cmp(b.source.name()));
        let mut out = std::io::stdout().lock();
        report::write(&mut out, &reports, args.format, &style).into_diagnostic()?;
        out.flush().into_diagnostic()?;
        any_failing(&reports)
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

/// Files that share a configuration, and the rules it runs.
struct Group {
    config: Arc<Config>,
    rules: Vec<&'static Rule>,
    inputs: Vec<Input>,
}

/// Sorts the inputs by the configuration that applies to each, dropping
/// those it excludes.
fn group_by_config(args: &LintArgs, inputs: Vec<Input>) -> Result<Vec<Group>> {
    let mut resolver = config::Resolver::new(args.config.as_deref())?;
    let mut groups: Vec<Group> = Vec::new();
    for input in inputs {
        let config = resolver.for_input(&input)?;
        if let Input::File(path) = &input
            && config.excludes(&config::absolute(path))
        {
            log::debug!("`{}` is excluded by the configuration", path.display());
            continue;
        }
        match groups.iter_mut().find(|g| Arc::ptr_eq(&g.config, &config)) {
            Some(group) => group.inputs.push(input),
            None => groups.push(Group {
                rules: chosen_rules(args, &config),
                config,
                inputs: vec![input],
            }),
        }
    }
    let files: usize = groups.iter().map(|g| g.inputs.len()).sum();
    log::info!("linting {files} files");
    Ok(groups)
}

fn any_failing(reports: &[FileReport]) -> bool {
    reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.severity >= Severity::Warning)
}

/// `--diff`: the diffs on stdout, nothing written. Fails when a file would
/// change.
fn show_diffs(cli: &Cli, fixes: &[fix::FileFix]) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    for file in fixes.iter().filter(|f| f.changed()) {
        out.write_all(file.diff().as_bytes()).into_diagnostic()?;
    }
    out.flush().into_diagnostic()?;
    let count: usize = fixes.iter().map(|f| f.fixed).sum();
    if !cli.quiet && count > 0 {
        eprintln!("Would fix {count} {}.", plural(count, "problem"));
    }
    Ok(fixes.iter().any(fix::FileFix::changed))
}

/// `--fix`: files rewritten in place, standard input printed fixed, then
/// the findings that remain. Fails on what remains.
fn write_fixes(
    cli: &Cli,
    args: &LintArgs,
    style: &report::Style,
    fixes: Vec<fix::FileFix>,
    errors: &mut Vec<miette::Report>,
) -> Result<bool> {
    let mut stdin_fixed = false;
    for file in fixes.iter().filter(|f| f.changed()) {
        if file.input == Input::Stdin {
            let mut out = std::io::stdout().lock();
            out.write_all(file.after.as_bytes()).into_diagnostic()?;
            out.flush().into_diagnostic()?;
            stdin_fixed = true;
        } else if let Err(error) = file.write() {
            errors.push(error.into());
        }
    }
    let fixed: usize = fixes.iter().map(|f| f.fixed).sum();
    let reports: Vec<FileReport> = fixes.into_iter().map(|f| f.report).collect();
    let remaining: usize = reports.iter().map(|r| r.findings.len()).sum();

    // With standard input the fixed text owns stdout; JSON must stay one
    // document. The report or the tally then goes to stderr.
    let mut report_out: Box<dyn Write> = if stdin_fixed {
        Box::new(std::io::stderr())
    } else {
        Box::new(std::io::stdout())
    };
    report::write(&mut report_out, &reports, args.format, style).into_diagnostic()?;
    if !cli.quiet && fixed > 0 {
        let tally = format!(
            "Fixed {fixed} {}, {remaining} remaining.",
            plural(fixed, "problem")
        );
        if stdin_fixed || args.format == report::Format::Json {
            eprintln!("{tally}");
        } else {
            writeln!(report_out, "{tally}").into_diagnostic()?;
        }
    }
    report_out.flush().into_diagnostic()?;
    Ok(any_failing(&reports))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

fn check_rule_names(select: &[String], ignore: &[String]) -> Result<()> {
    for name in select.iter().chain(ignore) {
        if rules::find(name).is_none() {
            return Err(UsageError::UnknownRule(name.clone()).into());
        }
    }
    Ok(())
}

/// The rules a run uses: `--select`, else the configuration's `select`,
/// else all; less the configuration's `ignore` and `--ignore`.
fn chosen_rules(args: &LintArgs, config: &Config) -> Vec<&'static Rule> {
    let select = if args.select.is_empty() {
        config.select.as_deref().unwrap_or_default()
    } else {
        &args.select
    };
    let ignored = |name: &str| config.ignore.iter().chain(&args.ignore).any(|s| s == name);
    rules::ALL
        .iter()
        .copied()
        .filter(|r| select.is_empty() || select.iter().any(|s| s == r.name))
        .filter(|r| !ignored(r.name))
        .collect()
}

fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
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
