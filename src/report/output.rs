//! Where a report goes: standard output or a file replaced whole, the
//! findings or their counts per rule, and a Markdown summary beside them.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use miette::Diagnostic;
use thiserror::Error;

use crate::engine::FileReport;

use super::{Format, Style, statistics, summary};

/// The command line's say over where and what is reported.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OutputArgs {
    /// Print how many findings each rule made instead of the findings (as
    /// text, or JSON with `--format json`).
    #[arg(long)]
    pub statistics: bool,
    /// Write the report to this file instead of standard output. The file
    /// is replaced whole: a reader never sees half a report.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Also append a Markdown summary of the run (counts per rule, the first
    /// findings) to this file, such as `$GITHUB_STEP_SUMMARY`.
    #[arg(long, value_name = "PATH")]
    pub summary_file: Option<PathBuf>,
    /// Link each finding in the summary to `URL/<path>#L<line>`, such as
    /// `https://github.com/OWNER/REPO/blob/SHA`.
    #[arg(long, value_name = "URL", requires = "summary_file")]
    pub link_base: Option<String>,
}

/// A report that could not be written.
#[derive(Debug, Error, Diagnostic)]
pub enum OutputError {
    #[error("cannot write the report to `{path}`")]
    #[diagnostic(code(paperlint::output))]
    File {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("cannot write the report to standard output")]
    #[diagnostic(code(paperlint::output))]
    Stdout(#[source] io::Error),
    #[error("cannot render the report")]
    #[diagnostic(code(paperlint::output))]
    Render(#[source] io::Error),
    #[error("`--statistics` prints text or JSON, not `--format {0}`")]
    #[diagnostic(
        code(paperlint::usage),
        help("Drop `--format` for text, or use `--format json`")
    )]
    StatisticsFormat(String),
}

/// Renders the report as asked and sends it where asked.
pub fn emit(
    args: &OutputArgs,
    reports: &[FileReport],
    format: Format,
    style: &Style,
) -> Result<(), OutputError> {
    let mut rendered = Vec::new();
    render(args.statistics, reports, format, style, &mut rendered)?;

    if let Some(path) = &args.output_file {
        replace_file(path, &rendered).map_err(|source| file_error(path, source))?;
    } else {
        let mut stdout = io::stdout().lock();
        match stdout.write_all(&rendered).and_then(|()| stdout.flush()) {
            // `paperlint lint | head`: the reader has what it wanted.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            written => written.map_err(OutputError::Stdout)?,
        }
    }

    if let Some(path) = &args.summary_file {
        let markdown = summary::render(reports, args.link_base.as_deref());
        append(path, markdown.as_bytes()).map_err(|source| file_error(path, source))?;
    }
    Ok(())
}

fn render(
    statistics: bool,
    reports: &[FileReport],
    format: Format,
    style: &Style,
    out: &mut dyn Write,
) -> Result<(), OutputError> {
    let written = match (statistics, format) {
        (false, _) => super::write(out, reports, format, style),
        (true, Format::Full | Format::Concise) => statistics::write_text(out, reports),
        (true, Format::Json) => statistics::write_json(out, reports),
        (true, Format::Github | Format::Sarif | Format::Junit) => {
            let name = format
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_owned());
            return Err(OutputError::StatisticsFormat(name));
        }
    };
    written.map_err(OutputError::Render)
}

fn file_error(path: &Path, source: io::Error) -> OutputError {
    OutputError::File {
        path: path.display().to_string(),
        source,
    }
}

/// Writes a temporary file beside `path`, then renames it over `path`, so
/// the old report stays whole until the new one is.
fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let temporary = dir.join(format!(
        ".{}.paperlint-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        // The rename is what failed, or nothing was made: either way the
        // temporary file is ours to remove, and a failure to do so is moot.
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// Appends, as GitHub's summary file expects: other steps write there too.
fn append(path: &Path, bytes: &[u8]) -> io::Result<()> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(bytes)
}
