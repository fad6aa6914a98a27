//! The results of earlier runs, on disk: one JSON file keyed by target,
//! each result with the time it was found. A file that cannot be read as
//! ours is ignored with a warning; a new one is written beside it and
//! renamed over it, so a killed run never leaves half a file.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::outcome::{Checked, Target};

const FORMAT: &str = "paperlint-online-cache";
const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Cache {
    format: String,
    version: u32,
    entries: BTreeMap<String, Stored>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    /// Seconds since the epoch when the result was found.
    at: u64,
    #[serde(flatten)]
    checked: Checked,
}

pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// The cache at `path`; empty when there is none or it is not ours.
    pub(crate) fn load(path: &Path) -> Self {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Self::empty(),
            Err(e) => {
                log::warn!("ignoring the cache `{}`: {e}", path.display());
                return Self::empty();
            }
        };
        match serde_json::from_str::<Cache>(&text) {
            Ok(cache) if cache.format == FORMAT && cache.version == VERSION => cache,
            Ok(_) => {
                log::warn!(
                    "ignoring the cache `{}`: not a paperlint cache of version {VERSION}",
                    path.display()
                );
                Self::empty()
            }
            Err(e) => {
                log::warn!("ignoring the cache `{}`: {e}", path.display());
                Self::empty()
            }
        }
    }

    pub(crate) fn empty() -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            entries: BTreeMap::new(),
        }
    }

    /// A result still young enough to trust instead of asking again.
    pub(crate) fn fresh(&self, target: &Target, max_age: Duration, now: u64) -> Option<&Checked> {
        let stored = self.entries.get(&target.key())?;
        let young = now.saturating_sub(stored.at) <= max_age.as_secs();
        (young && stored.checked.outcome.is_lasting()).then_some(&stored.checked)
    }

    /// Runs in a row on which the target was broken before this one.
    pub(crate) fn failed_runs(&self, target: &Target) -> u32 {
        self.entries
            .get(&target.key())
            .map_or(0, |s| s.checked.failed_runs)
    }

    pub(crate) fn store(&mut self, target: &Target, checked: Checked, at: u64) {
        self.entries.insert(target.key(), Stored { at, checked });
    }

    /// Drops results older than `max_age` that no run refreshed, so the
    /// file does not grow forever, and keeps failure counts of any age.
    pub(crate) fn prune(&mut self, max_age: Duration, now: u64) {
        self.entries.retain(|key, stored| {
            Target::from_key(key).is_some()
                && (stored.checked.failed_runs > 0
                    || now.saturating_sub(stored.at) <= max_age.as_secs())
        });
    }

    /// Writes the cache atomically: a temporary file beside it, renamed.
    pub(crate) fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".tmp{}", std::process::id()));
        let tmp = std::path::PathBuf::from(tmp);
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::Outcome;

    #[test]
    fn good_results_are_served_until_they_age_and_failures_never() {
        let mut cache = Cache::empty();
        let ok = Target::Url("https://a.example/".to_owned());
        let bad = Target::Url("https://b.example/".to_owned());
        cache.store(&ok, Checked::new(Outcome::Ok), 1000);
        let mut broken = Checked::new(Outcome::Broken {
            status: Some(404),
            reason: "`404`".to_owned(),
        });
        broken.failed_runs = 1;
        cache.store(&bad, broken, 1000);
        let day = Duration::from_secs(86_400);
        assert!(cache.fresh(&ok, day, 2000).is_some());
        assert!(cache.fresh(&ok, day, 1000 + 86_401).is_none());
        assert!(cache.fresh(&bad, day, 2000).is_none());
        assert_eq!(cache.failed_runs(&bad), 1);
    }

    #[test]
    fn corrupt_and_foreign_files_load_empty_and_saves_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/online.json");
        assert!(Cache::load(&path).entries.is_empty());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "{ not json").unwrap();
        assert!(Cache::load(&path).entries.is_empty());
        std::fs::write(&path, r#"{"format":"other","version":1,"entries":{}}"#).unwrap();
        assert!(Cache::load(&path).entries.is_empty());

        let mut cache = Cache::empty();
        let target = Target::GitHub("a/b".to_owned());
        cache.store(&target, Checked::new(Outcome::Ok), now());
        cache.save(&path).unwrap();
        let again = Cache::load(&path);
        assert!(
            again
                .fresh(&target, Duration::from_secs(60), now())
                .is_some()
        );
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["online.json"]);
    }
}
