//! Each rule's documentation: its fixed sections exist, and its examples
//! run: the "Example" block triggers the rule, the "Use instead" block
//! does not.

mod common;

use common::lint;
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
    for rule in ALL.iter().filter(|r| !r.online) {
        let bad = lint("example.md", block(rule.doc, "## Example"), &[rule]);
        assert!(
            !bad.findings.is_empty(),
            "{}: its example finds nothing",
            rule.name
        );
        let good = lint("instead.md", block(rule.doc, "## Use instead"), &[rule]);
        assert!(
            good.findings.is_empty(),
            "{}: {:#?}",
            rule.name,
            good.findings
        );
    }
}
