//! A suppression comment that silences nothing.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};
use crate::source::Span;

pub(crate) static RULE: Rule = Rule {
    name: "unused-suppression",
    severity: Severity::Info,
    fix: FixKind::None,
    online: false,
    doc: include_str!("../../rules/unused-suppression.md"),
    check,
};

/// Nothing to do here: whether a suppression was used is known only once
/// every other rule has run, so the suppression pass reports these
/// findings through [`unused`] and [`unknown_rule`].
fn check(_: &Context<'_>, _: &mut Vec<Finding>) {}

/// A suppression of `rule` (or of every rule) that silenced nothing.
pub(crate) fn unused(directive: Span, rule: Option<&str>) -> Finding {
    let what = rule.map_or_else(|| "every rule".to_owned(), |r| format!("`{r}`"));
    RULE.finding(directive, format!("suppression of {what} silences nothing"))
        .label("this comment")
        .help("Remove the comment, or the rule name from it")
}

/// A rule name in a suppression that names no rule.
pub(crate) fn unknown_rule(span: Span, name: &str) -> Finding {
    RULE.finding(span, format!("suppression names unknown rule `{name}`"))
        .severity(Severity::Warning)
        .label("this name")
        .help("`paperlint rules` lists the rules")
}
