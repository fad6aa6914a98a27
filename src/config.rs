//! Settings that shape a run: which rules, at what severity, with which
//! options.

use std::collections::HashMap;

use crate::finding::Severity;
use crate::markdown::RoleOverrides;

/// Everything rules and the engine read from configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Years a row may stand after its preprint with no venue to explain it.
    pub year_tolerance: u16,
    /// Column roles by header text, over the inferred ones.
    pub(crate) roles: RoleOverrides,
    /// Severity per rule, over the rule's default.
    pub severities: HashMap<String, Severity>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            year_tolerance: 2,
            roles: RoleOverrides::default(),
            severities: HashMap::new(),
        }
    }
}
