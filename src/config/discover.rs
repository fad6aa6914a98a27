//! Finding the configuration that applies to each file: `--config` for
//! all, else the nearest file walking up from the linted file's folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::file::{Config, ConfigError};
use crate::engine::Input;
use crate::rules::{self, Rule};

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

/// Files that share a configuration, and the rules it runs.
#[derive(Debug)]
pub(crate) struct Group {
    pub config: Arc<Config>,
    pub rules: Vec<&'static Rule>,
    pub inputs: Vec<Input>,
}

/// The rule choice given on the command line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleChoice<'a> {
    pub select: &'a [String],
    pub ignore: &'a [String],
}

/// Sorts the inputs by the configuration that applies to each, dropping
/// those it excludes.
pub(crate) fn group(
    explicit: Option<&Path>,
    inputs: Vec<Input>,
    choice: &RuleChoice<'_>,
) -> Result<Vec<Group>, ConfigError> {
    let mut resolver = Resolver::new(explicit)?;
    let mut groups: Vec<Group> = Vec::new();
    for input in inputs {
        let config = resolver.for_input(&input)?;
        if let Input::File(path) = &input
            && config.excludes(&absolute(path))
        {
            log::info!("`{}` is excluded by the configuration", path.display());
            continue;
        }
        match groups.iter_mut().find(|g| Arc::ptr_eq(&g.config, &config)) {
            Some(group) => group.inputs.push(input),
            None => groups.push(Group {
                rules: chosen_rules(choice, &config),
                config,
                inputs: vec![input],
            }),
        }
    }
    let files: usize = groups.iter().map(|g| g.inputs.len()).sum();
    log::info!("linting {files} files");
    Ok(groups)
}

/// The rules a file gets: `--select`, else the configuration's `select`,
/// else all; less the configuration's `ignore` and `--ignore`.
fn chosen_rules(choice: &RuleChoice<'_>, config: &Config) -> Vec<&'static Rule> {
    let select = if choice.select.is_empty() {
        config.select.as_deref().unwrap_or_default()
    } else {
        choice.select
    };
    let ignored = |name: &str| config.ignore.iter().chain(choice.ignore).any(|s| s == name);
    rules::ALL
        .iter()
        .copied()
        .filter(|r| select.is_empty() || select.iter().any(|s| s == r.name))
        .filter(|r| !ignored(r.name))
        .collect()
}
