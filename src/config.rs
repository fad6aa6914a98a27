//! Settings that shape a run: which rules, at what severity, with which
//! options. They come from the nearest `paperlint.toml` (or
//! `.paperlint.toml`) above each linted file, or from `--config`.

mod discover;
mod file;

use std::collections::HashMap;

use serde::Deserialize;

use crate::finding::Severity;
use crate::markdown::RoleOverrides;

pub(crate) use discover::{Group, RuleChoice, group};
pub use file::{ConfigError, InvalidConfig};

/// Which arXiv page links should open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArxivUrlStyle {
    /// `https://arxiv.org/abs/<id>`, the landing page.
    Abs,
    /// `https://arxiv.org/pdf/<id>`, the PDF.
    Pdf,
}

/// Everything rules and the engine read from configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Years a row may stand after its preprint with no venue to explain it.
    pub year_tolerance: u16,
    /// Column roles by header text, over the inferred ones.
    pub(crate) roles: RoleOverrides,
    /// Severity per rule, over the rule's default.
    pub severities: HashMap<String, Severity>,
    /// The arXiv page links must open; `None` accepts both.
    pub arxiv_url_style: Option<ArxivUrlStyle>,
    /// Whether arXiv links may pin a version (`v2`).
    pub allow_version: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            year_tolerance: 2,
            roles: RoleOverrides::default(),
            severities: HashMap::new(),
            arxiv_url_style: None,
            allow_version: true,
        }
    }
}

/// The settings a configuration file gives, for embedding and tests.
pub fn load_settings(path: &std::path::Path) -> Result<Settings, ConfigError> {
    file::Config::load(path).map(|config| config.settings)
}
