//! Printing findings: full miette reports, one line each, JSON, or the
//! formats CI services read (GitHub annotations, SARIF, JUnit XML).

mod concise;
mod full;
mod github;
mod json;
mod junit;
mod output;
mod paths;
mod sarif;
mod statistics;
mod summary;

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::engine::FileReport;
use crate::finding::{Finding, Severity};
use crate::source::Source;

pub use full::Style;
pub use output::{OutputArgs, OutputError, emit};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette reports with the source line and a label under the cell.
    Full,
    /// One line per finding: `path:line:column: severity[rule] message`.
    Concise,
    /// A JSON array of findings, for scripts.
    Json,
    /// GitHub Actions workflow commands, shown as annotations on the files.
    Github,
    /// A SARIF 2.1.0 log, for code-scanning services.
    Sarif,
    /// JUnit XML: a test suite per file, a failing test case per finding.
    Junit,
}

/// Writes the findings of every file in `format`.
pub fn write(
    out: &mut dyn Write,
    reports: &[FileReport],
    format: Format,
    style: &Style,
) -> io::Result<()> {
    match format {
        Format::Full => {
            full::write(out, reports, style)?;
            closing(out, reports, style)
        }
        Format::Concise => {
            concise::write(out, reports)?;
            closing(out, reports, style)
        }
        Format::Json => json::write(out, reports),
        Format::Github => github::write(out, reports),
        Format::Sarif => sarif::write(out, reports),
        Format::Junit => junit::write(out, reports),
    }
}

/// The line of counts after a text report: not with `-q`, and not when
/// nothing was linted (every input unreadable: the errors say it all).
fn closing(out: &mut dyn Write, reports: &[FileReport], style: &Style) -> io::Result<()> {
    if style.summary && !reports.is_empty() {
        summary(out, reports)
    } else {
        Ok(())
    }
}

fn summary(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let count = |s: Severity| {
        reports
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.severity == s)
            .count()
    };
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let files = reports.len();
    let files = if files == 1 {
        "1 file".to_owned()
    } else {
        format!("{files} files")
    };
    if errors + warnings + infos == 0 {
        return writeln!(out, "No problems found in {files}.");
    }
    writeln!(
        out,
        "Found {errors} {}, {warnings} {} and {infos} info in {files}.",
        plural(errors, "error"),
        plural(warnings, "warning"),
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// The message, then the help and the related rows on lines of their own,
/// for formats that carry one block of text per finding.
fn message_with_details(source: &Source, finding: &Finding) -> String {
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    for related in &finding.related {
        let at = source.position(related.span.start);
        let _ = write!(text, "\nline {}: {}", at.line, related.message);
    }
    text
}
