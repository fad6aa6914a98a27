//! The network phase from start to end: targets, cache, checks, results.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokio::task::JoinSet;
use url::Url;

use super::arxiv;
use super::cache::{self, Cache};
use super::collect;
use super::config::NetConfig;
use super::github::{self, Budget};
use super::guard::Guard;
use super::http::Http;
use super::outcome::{Checked, Outcome, Target};
use crate::model::{Document, Link};

/// What the network phase found, for the rules to read.
#[derive(Debug, Default)]
pub(crate) struct Results {
    checked: HashMap<Target, Checked>,
    /// Runs a target must fail in a row before it is reported broken.
    pub fail_after: u32,
}

impl Results {
    pub(crate) fn get(&self, target: &Target) -> Option<&Checked> {
        self.checked.get(target)
    }

    /// The result of the target a link names.
    pub(crate) fn of_link(&self, link: &Link) -> Option<(Target, &Checked)> {
        let target = collect::target_of(link)?;
        let checked = self.checked.get(&target)?;
        Some((target, checked))
    }

    #[cfg(test)]
    pub(crate) fn from_map(checked: HashMap<Target, Checked>) -> Self {
        Self {
            checked,
            fail_after: 1,
        }
    }
}

/// Checks every target of `docs` that the cache does not answer.
pub(crate) fn run(docs: &[&Document], config: &NetConfig) -> Results {
    let started = Instant::now();
    let targets = collect::targets(docs.iter().copied());
    let mut cache = config
        .cache
        .as_deref()
        .map_or_else(Cache::empty, Cache::load);
    let now = cache::now();

    let mut checked = HashMap::new();
    let mut todo = Vec::new();
    for target in targets {
        match cache.fresh(&target, config.cache_age, now) {
            Some(known) => {
                checked.insert(target, known.clone());
            }
            None => todo.push(target),
        }
    }
    let from_cache = checked.len();
    log::debug!(
        "{} targets from the cache, {} to check",
        from_cache,
        todo.len()
    );

    let (mut fresh, requests) = if todo.is_empty() {
        (HashMap::new(), 0)
    } else {
        check_all(&todo, config)
    };
    let deadline = format!("the deadline of {:?} was reached", config.deadline);
    for target in todo {
        let mut result = fresh
            .remove(&target)
            .unwrap_or_else(|| Checked::unchecked(deadline.clone()));
        result.failed_runs = match result.outcome {
            Outcome::Broken { .. } => cache.failed_runs(&target) + 1,
            ref o if o.is_lasting() => 0,
            _ => cache.failed_runs(&target),
        };
        cache.store(&target, result.clone(), now);
        checked.insert(target, result);
    }
    report_spent_budget(&checked);

    if let Some(path) = &config.cache {
        cache.prune(config.cache_age, now);
        if let Err(e) = cache.save(path) {
            log::warn!("cannot write the cache `{}`: {e}", path.display());
        }
    }
    // The benchmark script reads this line.
    log::info!(
        "online: {} targets, {from_cache} from the cache, {requests} requests in {:.1?}",
        checked.len(),
        started.elapsed()
    );
    Results {
        checked,
        fail_after: config.fail_after,
    }
}

/// Said once for the run, not once per repository.
fn report_spent_budget(checked: &HashMap<Target, Checked>) {
    let spent = checked
        .values()
        .filter(|c| matches!(&c.outcome, Outcome::Unchecked { why } if why == github::SPENT))
        .count();
    if spent > 0 {
        log::warn!(
            "{spent} GitHub repositories were not checked: {}; set GITHUB_TOKEN or GH_TOKEN",
            github::SPENT
        );
    }
}

/// The hosts and origins the user named, which may be private.
fn guard(config: &NetConfig) -> Guard {
    let mut guard = Guard {
        allow_all: config.allow_private,
        ..Guard::default()
    };
    let named = [config.arxiv_api.as_str(), config.github_api.as_str()]
        .into_iter()
        .chain(config.remaps.iter().filter_map(|r| r.origin()));
    for origin in named {
        if let Ok(url) = Url::parse(origin) {
            guard.origins.insert(url.origin().ascii_serialization());
            if let Some(host) = url.host_str() {
                guard.hosts.insert(host.to_ascii_lowercase());
            }
        }
    }
    guard
}

/// Runs the checks on a runtime of their own, away from the rayon workers,
/// and stops at the deadline with what is done.
fn check_all(todo: &[Target], config: &NetConfig) -> (HashMap<Target, Checked>, usize) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return (all_unchecked(todo, &format!("no async runtime: {e}")), 0),
    };
    let http = match Http::new(config.clone(), guard(config)) {
        Ok(http) => Arc::new(http),
        Err(e) => return (all_unchecked(todo, &format!("no HTTP client: {e}")), 0),
    };
    let done: Arc<Mutex<HashMap<Target, Checked>>> = Arc::default();
    let bar = progress_bar(todo.len(), config.progress);
    runtime.block_on(async {
        let work = spawn_checks(todo, &http, &done, &bar);
        if tokio::time::timeout(config.deadline, work).await.is_err() {
            log::warn!(
                "online checks stopped at the deadline of {:?}",
                config.deadline
            );
        }
    });
    bar.finish_and_clear();
    let results = std::mem::take(&mut *done.lock().expect("no panic while holding the lock"));
    (results, http.sent())
}

async fn spawn_checks(
    todo: &[Target],
    http: &Arc<Http>,
    done: &Arc<Mutex<HashMap<Target, Checked>>>,
    bar: &ProgressBar,
) {
    let record = |done: &Arc<Mutex<HashMap<Target, Checked>>>, target, result| {
        done.lock()
            .expect("no panic while holding the lock")
            .insert(target, result);
    };
    let mut tasks = JoinSet::new();
    let ids: Vec<String> = todo
        .iter()
        .filter_map(|t| match t {
            Target::Arxiv(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    if !ids.is_empty() {
        let (http, done, bar) = (Arc::clone(http), Arc::clone(done), bar.clone());
        tasks.spawn(async move {
            let found = arxiv::check_ids(&http, &ids, |n| bar.inc(n as u64)).await;
            for (id, result) in found {
                record(&done, Target::Arxiv(id), result);
            }
        });
    }
    let budget = Arc::new(Budget::default());
    for target in todo.iter().filter(|t| !matches!(t, Target::Arxiv(_))) {
        let (http, done, bar) = (Arc::clone(http), Arc::clone(done), bar.clone());
        let (target, budget) = (target.clone(), Arc::clone(&budget));
        tasks.spawn(async move {
            let result = match &target {
                Target::GitHub(key) => github::check_repo(&http, &budget, key).await,
                Target::Url(url) => http.check_url(url).await,
                Target::Arxiv(_) => unreachable!("arXiv ids are checked in batches"),
            };
            record(&done, target, result);
            bar.inc(1);
        });
    }
    while tasks.join_next().await.is_some() {}
}

fn all_unchecked(todo: &[Target], why: &str) -> HashMap<Target, Checked> {
    log::warn!("online checks skipped: {why}");
    todo.iter()
        .map(|t| (t.clone(), Checked::unchecked(why)))
        .collect()
}

/// A bar on stderr while a person watches; hidden otherwise.
fn progress_bar(len: usize, shown: bool) -> ProgressBar {
    if !shown {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("checking links {bar:30} {pos}/{len} {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}
