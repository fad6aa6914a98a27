//! One run: find the files, lint each in parallel, gather the results.

use std::io::Read;
use std::path::{Path, PathBuf};

use miette::Diagnostic;
use rayon::prelude::*;
use thiserror::Error;

use crate::config::Settings;
use crate::finding::Finding;
use crate::markdown;
use crate::model::Document;
use crate::net::Results;
use crate::rules::{Context, Rule};
use crate::source::Source;
use crate::suppress;

/// A file that could not be linted.
#[derive(Debug, Error, Diagnostic)]
pub enum InputError {
    #[error("cannot read `{path}`")]
    #[diagnostic(code(paperlint::io))]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("`{path}` is not valid UTF-8 (first bad byte at offset {offset})")]
    #[diagnostic(code(paperlint::encoding), help("Save the file as UTF-8"))]
    Encoding { path: String, offset: usize },
    #[error("`{path}` does not exist")]
    #[diagnostic(code(paperlint::not_found))]
    NotFound { path: String },
}

/// The findings of one file.
#[derive(Debug)]
pub struct FileReport {
    pub source: Source,
    pub findings: Vec<Finding>,
}

/// Where the text to lint comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "-".to_owned(),
        }
    }
}

/// Expands the command line's paths: a directory gives its Markdown files
/// (honouring `.gitignore`), a file is taken as named, `-` is standard input.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            inputs.extend(markdown_files(path).into_iter().map(Input::File));
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            errors.push(InputError::NotFound {
                path: path.display().to_string(),
            });
        }
    }
    (inputs, errors)
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    // `.gitignore` counts outside a git checkout too: a list copied out of
    // its repository still means to skip what it ignores.
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|p| is_markdown(p))
        .collect();
    files.sort();
    files
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Standard input, read once: the online phase and the fixer both read
/// their inputs, and a second read of a pipe would find it empty.
fn stdin() -> std::io::Result<Vec<u8>> {
    static STDIN: std::sync::OnceLock<Result<Vec<u8>, std::io::ErrorKind>> =
        std::sync::OnceLock::new();
    let read = STDIN.get_or_init(|| {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map(|_| bytes)
            .map_err(|e| e.kind())
    });
    read.clone().map_err(std::io::Error::from)
}

/// Reads one input as UTF-8.
pub fn read(input: &Input) -> Result<Source, InputError> {
    let name = input.name();
    let read = match input {
        Input::File(path) => std::fs::read(path),
        Input::Stdin => stdin(),
    };
    let bytes = read.map_err(|source| InputError::Read {
        path: name.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| InputError::Encoding {
        path: name.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    Ok(Source::new(name, &text))
}

/// A file read and parsed, ready for the rules.
#[derive(Debug)]
pub struct Parsed {
    pub source: Source,
    pub(crate) doc: Document,
}

/// Parses one source into the model.
pub fn parse(source: Source, settings: &Settings) -> Parsed {
    let doc = markdown::parse(&source, &settings.roles);
    log::debug!(
        "{}: {} tables, {} of papers, {} entries",
        source.name(),
        doc.tables.len(),
        doc.tables.iter().filter(|t| t.is_paper).count(),
        doc.entries.len()
    );
    Parsed { source, doc }
}

/// Runs the rules over one parsed file. Rules run in parallel; findings
/// silenced by suppression comments are dropped; the rest come back
/// sorted by position, then rule.
pub fn check(parsed: &Parsed, settings: &Settings, rules: &[&Rule]) -> Vec<Finding> {
    check_with(parsed, settings, rules, None)
}

/// [`check`] with the network phase's results, for the online rules.
pub(crate) fn check_with(
    parsed: &Parsed,
    settings: &Settings,
    rules: &[&Rule],
    net: Option<&Results>,
) -> Vec<Finding> {
    let ctx = Context::new(&parsed.source, &parsed.doc, settings, net);
    // Built side by side before the rules run: a rule that asks for a
    // grouping another is building would wait, holding its thread.
    if !parsed.doc.entries.is_empty() {
        rayon::join(|| ctx.shared_papers(), || ctx.rows_by_name());
    }
    let findings: Vec<Finding> = rules
        .par_iter()
        .flat_map_iter(|rule| {
            let started = std::time::Instant::now();
            let mut out = Vec::new();
            (rule.check)(&ctx, &mut out);
            log::trace!("{}: {} in {:.2?}", rule.name, out.len(), started.elapsed());
            out
        })
        .collect();
    let mut findings = suppress::apply(&parsed.source, &parsed.doc, findings, rules);
    for finding in &mut findings {
        if let Some(&severity) = settings.severities.get(finding.rule) {
            finding.severity = severity;
        }
    }
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    findings
}

/// Parses and checks one source.
pub fn lint_source(source: &Source, settings: &Settings, rules: &[&Rule]) -> Vec<Finding> {
    check(&parse(source.clone(), settings), settings, rules)
}

/// Reads and parses every input in parallel. A file that cannot be read is
/// an error of its own and never stops the others.
pub fn parse_inputs(inputs: &[Input], settings: &Settings) -> (Vec<Parsed>, Vec<InputError>) {
    let results: Vec<Result<Parsed, InputError>> = inputs
        .par_iter()
        .map(|input| Ok(parse(read(input)?, settings)))
        .collect();
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(file) => parsed.push(file),
            Err(error) => errors.push(error),
        }
    }
    parsed.sort_by(|a, b| a.source.name().cmp(b.source.name()));
    (parsed, errors)
}

/// Checks every parsed file, in parallel.
pub(crate) fn check_files(
    parsed: Vec<Parsed>,
    settings: &Settings,
    rules: &[&Rule],
    net: Option<&Results>,
) -> Vec<FileReport> {
    parsed
        .into_par_iter()
        .map(|file| {
            let findings = check_with(&file, settings, rules, net);
            let Parsed { source, doc } = file;
            // Freeing a long list's model takes a while: not on the way to
            // the report.
            rayon::spawn(move || drop(doc));
            FileReport { source, findings }
        })
        .collect()
}
