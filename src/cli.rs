//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::{Format, OutputArgs};

/// Lints the paper tables of Markdown awesome lists.
#[derive(Debug, Parser)]
#[command(name = "paperlint", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// More log output on stderr (repeat for more).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Only errors on stderr; no summary line.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,
}

#[derive(Debug, Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once per run; boxing buys nothing"
)]
pub enum Command {
    /// Lint Markdown files.
    Lint(LintArgs),
    /// List the rules.
    Rules,
    /// Print a rule's documentation.
    Rule {
        /// The rule's name, as `paperlint rules` lists it.
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or directories to lint; `-` reads standard input. Default: the
    /// current directory.
    pub paths: Vec<PathBuf>,
    /// How findings are printed.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    pub format: Format,
    /// Run only these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Skip these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    #[command(flatten)]
    pub net: crate::net::OnlineArgs,
    /// Use this configuration file for every file instead of looking for
    /// `paperlint.toml` or `.paperlint.toml` above each.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Apply safe fixes in place; with `-`, print the fixed text instead.
    #[arg(long, group = "fixing")]
    pub fix: bool,
    /// Print a unified diff of what the fixes would change; write nothing.
    #[arg(long, group = "fixing")]
    pub diff: bool,
    /// Apply unsafe fixes too (with `--fix` or `--diff`).
    #[arg(long, requires = "fixing")]
    pub unsafe_fixes: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}
