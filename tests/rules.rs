//! Every rule against its fixtures: `bad.md` must trigger it and is
//! snapshotted, `good.md` must not.

mod common;

use std::fs;

use common::{lint_file, render, root, rule};
use paperlint::engine::FileReport;
use paperlint::report::Format;
use paperlint::rules::ALL;

fn fixture_rules() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join("fixtures"))
        .expect("fixtures/ exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("bad.md").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_rule_has_fixtures_and_every_fixture_a_rule() {
    let fixtures = fixture_rules();
    for rule in ALL {
        assert!(
            fixtures.iter().any(|f| f == rule.name),
            "fixtures/{}/ is missing",
            rule.name
        );
        assert!(
            root()
                .join("fixtures")
                .join(rule.name)
                .join("good.md")
                .is_file()
        );
    }
    for name in &fixtures {
        assert!(
            ALL.iter().any(|r| r.name == name),
            "fixtures/{name}/ names no rule"
        );
    }
}

/// Offline rules' fixtures; the online ones run against a mock in
/// `tests/net.rs`.
fn offline_fixture_rules() -> Vec<String> {
    fixture_rules()
        .into_iter()
        .filter(|name| !rule(name).online)
        .collect()
}

#[test]
fn bad_fixtures_trigger_their_rule() {
    for name in offline_fixture_rules() {
        let report = bad_fixture(&name);
        assert!(!report.findings.is_empty(), "{name}/bad.md finds nothing");
        insta::assert_snapshot!(name.clone(), render(report, Format::Full));
    }
}

/// A rule's findings on its `bad.md`, all offline rules running as users
/// run them (a suppression is unused only if its rule ran).
fn bad_fixture(name: &str) -> FileReport {
    let shown = format!("fixtures/{name}/bad.md");
    let offline: Vec<_> = ALL.iter().copied().filter(|r| !r.online).collect();
    let mut report = lint_file(&root().join(&shown), &shown, &offline);
    report.findings.retain(|f| f.rule == name);
    report
}

#[test]
fn good_fixtures_are_clean_for_every_rule() {
    for name in fixture_rules() {
        let shown = format!("fixtures/{name}/good.md");
        let rules: Vec<_> = ALL.iter().copied().filter(|r| !r.online).collect();
        let report = lint_file(&root().join(&shown), &shown, &rules);
        let own: Vec<_> = report.findings.iter().filter(|f| f.rule == name).collect();
        assert!(own.is_empty(), "{shown}: {own:#?}");
    }
}

#[test]
fn bad_fixtures_as_json() {
    for name in offline_fixture_rules() {
        insta::assert_snapshot!(
            format!("{name}.json"),
            render(bad_fixture(&name), Format::Json)
        );
    }
}
