//! The network phase: what the linted tables link to, checked against the
//! world.
//!
//! It runs between parsing and the rules: collect the targets of every
//! parsed file, de-duplicate them, serve what the cache still knows, check
//! the rest (arXiv ids and GitHub repositories through their APIs, other
//! URLs with HEAD and GET) and hand the rules a [`Results`] to read. Nothing
//! here fails a run: a dead link is an [`Outcome`], not an error.

mod arxiv;
mod cache;
mod collect;
mod config;
mod github;
mod guard;
mod http;
mod outcome;
mod remap;
mod run;

pub use config::{ConfigError, NetConfig, OnlineArgs};
#[cfg(test)]
pub(crate) use outcome::Repo;
pub(crate) use outcome::{Checked, Outcome, Paper, Target};
pub(crate) use run::{Results, run};
