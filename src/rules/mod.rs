//! The rules: one file each, one line each in [`ALL`].

mod archived_repo;
mod arxiv_id_invalid;
mod arxiv_id_not_found;
mod arxiv_url_style;
mod badge_id_mismatch;
mod badge_label_case;
mod badge_repo_mismatch;
mod badge_without_link;
mod bare_url;
mod broken_link;
mod cell_count;
mod code_link_mismatch;
mod doi_url_style;
mod duplicate_arxiv_id;
mod empty_row;
mod link_in_wrong_column;
mod malformed_url;
mod paper_link_mismatch;
mod redirected_link;
mod secret_in_url;
mod shared;
mod undefined_reference;
pub(crate) mod unused_suppression;
mod year_mismatch;

use std::fmt;

use serde::Serialize;

use crate::config::Settings;
use crate::finding::{Finding, Severity};
use crate::model::Document;
use crate::source::{Source, Span};

/// What a rule reads.
pub(crate) struct Context<'a> {
    pub source: &'a Source,
    pub doc: &'a Document,
    pub settings: &'a Settings,
    /// What the network phase found; `None` offline.
    pub net: Option<&'a crate::net::Results>,
    /// Groupings several rules read, built once by the first that asks.
    pub(crate) groupings: shared::Groupings<'a>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        source: &'a Source,
        doc: &'a Document,
        settings: &'a Settings,
        net: Option<&'a crate::net::Results>,
    ) -> Self {
        Self {
            source,
            doc,
            settings,
            net,
            groupings: shared::Groupings::default(),
        }
    }

    /// Paper links used by two or more rows of one table.
    pub(crate) fn shared_papers(&self) -> &[shared::SharedPaper<'a>] {
        self.groupings
            .papers
            .get_or_init(|| shared::shared_papers(self.doc))
    }

    /// Rows by their squashed name, for finding a repository's row.
    pub(crate) fn rows_by_name(&self) -> &shared::RowsByName {
        self.groupings
            .names
            .get_or_init(|| shared::rows_by_name(self.doc))
    }
}

/// Whether and how a rule can repair what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    None,
    Safe,
    Unsafe,
    /// Safe for some findings, unsafe for others (the doc says which).
    Mixed,
}

impl fmt::Display for FixKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
            FixKind::Mixed => "safe/unsafe",
        })
    }
}

/// A check and what users need to know about it.
pub struct Rule {
    /// Kebab-case, as users write it in `--select` and suppressions.
    pub name: &'static str,
    pub severity: Severity,
    pub fix: FixKind,
    /// Needs `--online`.
    pub online: bool,
    /// The rule's documentation, `rules/<name>.md`.
    pub doc: &'static str,
    pub(crate) check: fn(&Context<'_>, &mut Vec<Finding>),
}

impl Rule {
    /// A finding of this rule at its default severity.
    pub(crate) fn finding(&self, span: Span, message: impl Into<String>) -> Finding {
        Finding::new(self.name, span, message).severity(self.severity)
    }

    /// The first paragraph of the doc's "What it does" section, on one line.
    pub fn summary(&self) -> String {
        let paragraph = self
            .doc
            .split("\n\n")
            .find(|p| !p.starts_with('#') && !p.trim().is_empty())
            .unwrap_or("");
        paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Every rule, in the order `paperlint rules` lists them.
pub static ALL: &[&Rule] = &[
    &archived_repo::RULE,
    &arxiv_id_invalid::RULE,
    &arxiv_id_not_found::RULE,
    &arxiv_url_style::RULE,
    &badge_id_mismatch::RULE,
    &badge_label_case::RULE,
    &badge_repo_mismatch::RULE,
    &badge_without_link::RULE,
    &bare_url::RULE,
    &broken_link::RULE,
    &cell_count::RULE,
    &code_link_mismatch::RULE,
    &doi_url_style::RULE,
    &duplicate_arxiv_id::RULE,
    &empty_row::RULE,
    &link_in_wrong_column::RULE,
    &malformed_url::RULE,
    &paper_link_mismatch::RULE,
    &redirected_link::RULE,
    &secret_in_url::RULE,
    &undefined_reference::RULE,
    &unused_suppression::RULE,
    &year_mismatch::RULE,
];

/// Looks a rule up by its public name.
pub fn find(name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.name == name)
}
