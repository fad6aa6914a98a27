//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test crate uses a different part")]

use std::path::{Path, PathBuf};

use paperlint::config::Settings;
use paperlint::engine::{self, FileReport};
use paperlint::report::{self, Format, Style};
use paperlint::rules::{self, Rule};
use paperlint::source::Source;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared corpus of real lists, when it is beside the checkout.
pub fn corpus() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

pub fn rule(name: &str) -> &'static Rule {
    rules::find(name).unwrap_or_else(|| panic!("no rule `{name}`"))
}

/// Lints `text` with the given rules and default settings.
pub fn lint(name: &str, text: &str, rules: &[&Rule]) -> FileReport {
    lint_with(name, text, rules, &Settings::default())
}

pub fn lint_with(name: &str, text: &str, rules: &[&Rule], settings: &Settings) -> FileReport {
    let source = Source::new(name, text);
    let findings = engine::lint_source(&source, settings, rules);
    FileReport { source, findings }
}

/// The settings of the `paperlint.toml` beside a fixture, if any.
pub fn fixture_settings(dir: &Path) -> Settings {
    let path = dir.join("paperlint.toml");
    if path.is_file() {
        paperlint::config::load_settings(&path).expect("the fixture's configuration is valid")
    } else {
        Settings::default()
    }
}

/// Lints a fixture with the configuration beside it.
pub fn lint_file(path: &Path, shown_as: &str, rules: &[&Rule]) -> FileReport {
    let text = std::fs::read_to_string(path).expect("the fixture is readable");
    let settings = path.parent().map(fixture_settings).unwrap_or_default();
    lint_with(shown_as, &text, rules, &settings)
}

/// The report as the full format prints it, without colour, at a fixed width.
pub fn render(report: FileReport, format: Format) -> String {
    let mut out = Vec::new();
    let style = Style {
        summary: true,
        color: false,
        width: 100,
    };
    report::write(&mut out, &[report], format, &style).expect("writing to memory works");
    String::from_utf8(out).expect("reports are UTF-8")
}
