//! The configuration file: `paperlint.toml` or `.paperlint.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use super::{ArxivUrlStyle, Settings};
use crate::finding::Severity;
use crate::model::Role;
use crate::rules;

/// A configuration file that cannot be used.
#[derive(Debug, Error, Diagnostic)]
pub enum ConfigError {
    #[error("cannot read the configuration `{path}`")]
    #[diagnostic(code(paperlint::config))]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidConfig>),
}

/// A key or value the configuration cannot take. The file's name shows in
/// the snippet's header.
#[derive(Debug, Error, Diagnostic)]
#[error("invalid configuration: {message}")]
#[diagnostic(code(paperlint::config), help("{help}"))]
pub struct InvalidConfig {
    message: String,
    help: String,
    #[source_code]
    src: NamedSource<String>,
    #[label("here")]
    span: Option<SourceSpan>,
}

/// The file as written. Unknown keys are errors: a misspelt option that
/// silently does nothing is worse than a failed run.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    year_tolerance: Option<u16>,
    arxiv_url_style: Option<ArxivUrlStyle>,
    allow_version: Option<bool>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Severity>,
    #[serde(default)]
    columns: BTreeMap<String, Role>,
}

/// A configuration ready to use: the settings, the rule choice and the
/// files it excludes.
#[derive(Debug)]
pub(crate) struct Config {
    pub settings: Settings,
    /// Rules to run; `None` runs all.
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    /// Exclude patterns match paths relative to this folder.
    base: PathBuf,
    exclude: GlobSet,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            settings: Settings::default(),
            select: None,
            ignore: Vec::new(),
            base: PathBuf::new(),
            exclude: GlobSet::empty(),
        }
    }
}

impl Config {
    /// Reads and checks the configuration at `path`.
    pub(crate) fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Config::parse(path, &text)
    }

    pub(crate) fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let invalid = |message: String, help: &str, span: Option<std::ops::Range<usize>>| {
            ConfigError::Invalid(Box::new(InvalidConfig {
                message,
                help: help.to_owned(),
                src: NamedSource::new(path.display().to_string(), text.to_owned()),
                span: span.map(|r| (r.start, r.len()).into()),
            }))
        };
        let file: FileConfig = toml::from_str(text).map_err(|e| {
            invalid(
                e.message().trim_end_matches('\n').to_owned(),
                "The README's configuration section lists the keys and their values",
                e.span(),
            )
        })?;

        for name in file.select.iter().flatten().chain(&file.ignore) {
            known_rule(name).map_err(|m| invalid(m, RULES_HELP, Some(name.span())))?;
        }
        for name in file.severity.keys() {
            known_rule(name).map_err(|m| invalid(m, RULES_HELP, Some(name.span())))?;
        }
        let exclude = globs(&file.exclude)
            .map_err(|(m, span)| invalid(m, "Write a glob such as `drafts/**`", Some(span)))?;
        Ok(Config {
            settings: settings(&file),
            select: file
                .select
                .map(|names| names.into_iter().map(Spanned::into_inner).collect()),
            ignore: file.ignore.into_iter().map(Spanned::into_inner).collect(),
            base: path.parent().map_or_else(PathBuf::new, Path::to_path_buf),
            exclude,
        })
    }

    /// Whether `path` (absolute) matches an `exclude` pattern, itself or
    /// through one of its folders.
    pub(crate) fn excludes(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let Ok(relative) = path.strip_prefix(&self.base) else {
            return false;
        };
        relative
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| self.exclude.is_match(p))
    }
}

const RULES_HELP: &str = "`paperlint rules` lists the rules";

fn known_rule(name: &Spanned<String>) -> Result<(), String> {
    match rules::find(name.get_ref()) {
        Some(_) => Ok(()),
        None => Err(format!("unknown rule `{}`", name.get_ref())),
    }
}

fn settings(file: &FileConfig) -> Settings {
    let mut settings = Settings::default();
    if let Some(tolerance) = file.year_tolerance {
        settings.year_tolerance = tolerance;
    }
    settings.arxiv_url_style = file.arxiv_url_style;
    if let Some(allow) = file.allow_version {
        settings.allow_version = allow;
    }
    settings.severities = file
        .severity
        .iter()
        .map(|(rule, &severity)| (rule.get_ref().clone(), severity))
        .collect();
    settings.roles.0 = file
        .columns
        .iter()
        .map(|(header, &role)| (header.trim().to_lowercase(), role))
        .collect();
    settings
}

/// The exclude patterns, relative to the configuration's folder. A
/// pattern without `/` matches at any depth, as in `.gitignore`.
fn globs(patterns: &[Spanned<String>]) -> Result<GlobSet, (String, std::ops::Range<usize>)> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let raw = pattern.get_ref().trim_end_matches('/');
        let anchored = if raw.contains('/') {
            raw.trim_start_matches('/').to_owned()
        } else {
            format!("**/{raw}")
        };
        let glob = globset::GlobBuilder::new(&anchored)
            .literal_separator(true)
            .build()
            .map_err(|e| (format!("bad exclude pattern: {}", e.kind()), pattern.span()))?;
        builder.add(glob);
    }
    builder.build().map_err(|e| {
        let span = patterns.first().map_or(0..0, Spanned::span);
        (format!("bad exclude pattern: {e}"), span)
    })
}
