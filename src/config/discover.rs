//! Finding the configuration that applies to each file: `--config` for
//! all, else the nearest file walking up from the linted file's folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::file::{Config, ConfigError};
use crate::engine::Input;

/// The names looked for in each folder, in order of preference.
const NAMES: &[&str] = &["paperlint.toml", ".paperlint.toml"];

/// Finds and caches configurations.
#[derive(Debug)]
pub(crate) struct Resolver {
    explicit: Option<Arc<Config>>,
    /// The configuration found for each folder visited.
    folders: HashMap<PathBuf, Arc<Config>>,
    /// Each file read once, however many folders share it.
    files: HashMap<PathBuf, Arc<Config>>,
    default: Arc<Config>,
}

impl Resolver {
    /// A resolver; with `explicit` (from `--config`), every file uses that
    /// configuration and no search is made.
    pub(crate) fn new(explicit: Option<&Path>) -> Result<Resolver, ConfigError> {
        let explicit = explicit.map(Config::load).transpose()?.map(Arc::new);
        Ok(Resolver {
            explicit,
            folders: HashMap::new(),
            files: HashMap::new(),
            default: Arc::new(Config::default()),
        })
    }

    /// The configuration for one input; standard input is looked up from
    /// the current folder.
    pub(crate) fn for_input(&mut self, input: &Input) -> Result<Arc<Config>, ConfigError> {
        if let Some(config) = &self.explicit {
            return Ok(Arc::clone(config));
        }
        let start = match input {
            Input::File(path) => absolute(path)
                .parent()
                .map_or_else(PathBuf::new, Path::to_path_buf),
            Input::Stdin => absolute(Path::new(".")),
        };
        self.for_folder(&start)
    }

    fn for_folder(&mut self, start: &Path) -> Result<Arc<Config>, ConfigError> {
        let mut visited = Vec::new();
        let mut found = None;
        for folder in start.ancestors() {
            if let Some(config) = self.folders.get(folder) {
                found = Some(Arc::clone(config));
                break;
            }
            visited.push(folder.to_path_buf());
            if let Some(path) = NAMES.iter().map(|n| folder.join(n)).find(|p| p.is_file()) {
                found = Some(self.load(path)?);
                break;
            }
        }
        let config = found.unwrap_or_else(|| Arc::clone(&self.default));
        for folder in visited {
            self.folders.insert(folder, Arc::clone(&config));
        }
        Ok(config)
    }

    fn load(&mut self, path: PathBuf) -> Result<Arc<Config>, ConfigError> {
        if let Some(config) = self.files.get(&path) {
            return Ok(Arc::clone(config));
        }
        log::debug!("using the configuration `{}`", path.display());
        let config = Arc::new(Config::load(&path)?);
        self.files.insert(path, Arc::clone(&config));
        Ok(config)
    }
}

/// The path made absolute without resolving links, so that exclude
/// patterns match the path as the user sees it.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
