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
    let source = Source::new(name, text);
    let findings = engine::lint_source(&source, &Settings::default(), rules);
    FileReport { source, findings }
}

pub fn lint_file(path: &Path, shown_as: &str, rules: &[&Rule]) -> FileReport {
    let text = std::fs::read_to_string(path).expect("the fixture is readable");
    lint(shown_as, &text, rules)
}

/// The report as the full format prints it, without colour, at a fixed width.
pub fn render(report: FileReport, format: Format) -> String {
    let mut out = Vec::new();
    let style = Style {
        color: false,
        width: 100,
    };
    report::write(&mut out, &[report], format, &style).expect("writing to memory works");
    String::from_utf8(out).expect("reports are UTF-8")
}
