//! Each rule's documentation: its fixed sections exist, and its examples
//! run: the "Example" block triggers the rule, the "Use instead" block
//! does not.

mod common;

use common::{fixture_settings, lint_with, root};
use paperlint::finding::Finding;
use paperlint::rules::ALL;

const SECTIONS: &[&str] = &[
    "## What it does",
    "## Why it matters",
    "## Example",
    "## Use instead",
    "## Fix",
    "## Options",
    "## Known problems",
];

/// The first fenced `markdown` block after `heading`.
fn block<'a>(doc: &'a str, heading: &str) -> &'a str {
    let section = &doc[doc
        .find(heading)
        .unwrap_or_else(|| panic!("no `{heading}`"))..];
    let open = section
        .find("```markdown\n")
        .expect("the section has a markdown block")
        + 12;
    let close = section[open..].find("\n```").expect("the block is closed");
    &section[open..=open + close]
}

#[test]
fn every_doc_has_the_fixed_sections_in_order() {
    for rule in ALL {
        assert!(
            rule.doc.starts_with(&format!("# {}\n", rule.name)),
            "{}",
            rule.name
        );
        let positions: Vec<usize> = SECTIONS
            .iter()
            .map(|s| {
                rule.doc
                    .find(s)
                    .unwrap_or_else(|| panic!("{}: no `{s}`", rule.name))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{}: sections out of order",
            rule.name
        );
        assert!(!rule.summary().is_empty());
    }
}

#[test]
fn doc_examples_trigger_their_rule_and_alternatives_do_not() {
    // Every offline rule runs, as users run them, so that a rule about
    // other rules (`unused-suppression`) sees them at work.
    let offline: Vec<_> = ALL.iter().copied().filter(|r| !r.online).collect();
    for rule in &offline {
        // A rule off by default (a style choice) is shown with the
        // configuration its fixtures use.
        let settings = fixture_settings(&root().join("fixtures").join(rule.name));
        let own = |text: &str| -> Vec<Finding> {
            let report = lint_with("example.md", text, &offline, &settings);
            report
                .findings
                .into_iter()
                .filter(|f| f.rule == rule.name)
                .collect()
        };
        let bad = own(block(rule.doc, "## Example"));
        assert!(!bad.is_empty(), "{}: its example finds nothing", rule.name);
        let good = own(block(rule.doc, "## Use instead"));
        assert!(good.is_empty(), "{}: {good:#?}", rule.name);
    }
}
