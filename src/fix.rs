//! Applying the fixes that findings carry: in memory, in place on disk, or
//! as a unified diff.
//!
//! A fix is a set of byte edits. Each pass takes the fixes of the chosen
//! applicability, keeps those that do not overlap one already taken, applies
//! them from the end of the text backwards (so earlier offsets stay valid),
//! then parses and lints again, until no fix applies.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use miette::{Diagnostic, IntoDiagnostic};
use rayon::prelude::*;
use thiserror::Error;

use crate::config::{Group, Settings};
use crate::engine::{self, FileReport, Input, InputError};
use crate::finding::{Applicability, Finding, Fix};
use crate::net::Results;
use crate::report::{self, Format, OutputArgs, Style};
use crate::rules::Rule;
use crate::source::{Source, Span};

/// Passes before the fixer gives up. Every rule's fix removes its own
/// cause, so a file needs one pass per layer of nested problems; reaching
/// this means two fixes undo each other.
pub const MAX_PASSES: usize = 10;

/// A fixed file that could not be written back.
#[derive(Debug, Error, Diagnostic)]
#[error("cannot write the fixed `{path}`")]
#[diagnostic(code(paperlint::write))]
pub struct WriteError {
    path: String,
    #[source]
    source: io::Error,
}

/// One file after fixing.
#[derive(Debug)]
pub struct FileFix {
    pub input: Input,
    /// What remains, found in the fixed text.
    pub report: FileReport,
    /// The contents as read, byte order mark included.
    pub before: String,
    /// The fixed contents, byte order mark included.
    pub after: String,
    /// Fixes applied over all passes.
    pub fixed: usize,
}

impl FileFix {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }

    /// A unified diff from the contents as read to the fixed ones.
    pub fn diff(&self) -> String {
        let name = self.report.source.name();
        similar::TextDiff::from_lines(&self.before, &self.after)
            .unified_diff()
            .context_radius(3)
            .header(name, name)
            .to_string()
    }

    /// Replaces the file on disk with the fixed contents.
    pub fn write(&self) -> Result<(), WriteError> {
        let Input::File(path) = &self.input else {
            return Ok(());
        };
        write_atomically(path, &self.after).map_err(|source| WriteError {
            path: path.display().to_string(),
            source,
        })
    }
}

/// What `--fix` and `--diff` were asked to do.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mode<'a> {
    /// The least safe fixes to apply.
    pub level: Applicability,
    /// Print a diff instead of writing.
    pub diff: bool,
    pub quiet: bool,
    pub format: Format,
    /// Where the remaining findings go.
    pub output: &'a OutputArgs,
}

/// Fixes every group's files, then writes them back (or prints the diff)
/// and reports what remains. Returns whether the run fails: with `--diff`
/// when a file would change, else when a warning or worse remains.
pub(crate) fn run(
    groups: &[Group],
    mode: Mode,
    style: &Style,
    net: Option<&Results>,
    errors: &mut Vec<miette::Report>,
) -> miette::Result<bool> {
    let mut fixes = Vec::new();
    for group in groups {
        let check = Check {
            settings: &group.config.settings,
            rules: &group.rules,
            net,
        };
        let (fixed, read_errors) = fix_inputs(&group.inputs, &check, mode.level);
        fixes.extend(fixed);
        errors.extend(read_errors.into_iter().map(Into::into));
    }
    fixes.sort_by(|a, b| a.report.source.name().cmp(b.report.source.name()));
    if mode.diff {
        show_diffs(mode, &fixes)
    } else {
        write_fixes(mode, style, fixes, errors)
    }
}

/// `--diff`: the diffs on stdout, nothing written.
fn show_diffs(mode: Mode, fixes: &[FileFix]) -> miette::Result<bool> {
    let mut out = io::stdout().lock();
    for file in fixes.iter().filter(|f| f.changed()) {
        out.write_all(file.diff().as_bytes()).into_diagnostic()?;
    }
    out.flush().into_diagnostic()?;
    let count: usize = fixes.iter().map(|f| f.fixed).sum();
    if !mode.quiet && count > 0 {
        eprintln!("Would fix {count} {}.", plural(count, "problem"));
    }
    Ok(fixes.iter().any(FileFix::changed))
}

/// `--fix`: files rewritten in place, standard input printed fixed, then
/// the findings that remain and a tally.
fn write_fixes(
    mode: Mode,
    style: &Style,
    fixes: Vec<FileFix>,
    errors: &mut Vec<miette::Report>,
) -> miette::Result<bool> {
    let mut stdin_fixed = false;
    for file in fixes.iter().filter(|f| f.changed()) {
        if file.input == Input::Stdin {
            let mut out = io::stdout().lock();
            out.write_all(file.after.as_bytes()).into_diagnostic()?;
            out.flush().into_diagnostic()?;
            stdin_fixed = true;
        } else if let Err(error) = file.write() {
            errors.push(error.into());
        }
    }
    let fixed: usize = fixes.iter().map(|f| f.fixed).sum();
    let reports: Vec<FileReport> = fixes.into_iter().map(|f| f.report).collect();
    let remaining: usize = reports.iter().map(|r| r.findings.len()).sum();

    // With standard input the fixed text owns stdout, and JSON must stay
    // one document: the report or the tally then goes to stderr.
    if stdin_fixed {
        report::write(&mut io::stderr(), &reports, mode.format, style).into_diagnostic()?;
    } else {
        report::emit(mode.output, &reports, mode.format, style)?;
    }
    if !mode.quiet && fixed > 0 {
        let tally = format!(
            "Fixed {fixed} {}, {remaining} remaining.",
            plural(fixed, "problem")
        );
        let to_stdout = !stdin_fixed
            && mode.format != Format::Json
            && mode.output.output_file.is_none()
            && !mode.output.statistics;
        if to_stdout {
            println!("{tally}");
        } else {
            eprintln!("{tally}");
        }
    }
    Ok(crate::any_failing(&reports))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// Reads, fixes and re-lints every input in parallel. Nothing is written.
/// What a fixing pass checks with: the settings, the rules and, online,
/// the network results (keyed by target, so they hold across edits).
#[derive(Clone, Copy)]
pub(crate) struct Check<'a> {
    pub settings: &'a Settings,
    pub rules: &'a [&'a Rule],
    pub net: Option<&'a Results>,
}

impl Check<'_> {
    fn lint(&self, source: &Source) -> Vec<Finding> {
        let parsed = engine::parse(source.clone(), self.settings);
        engine::check_with(&parsed, self.settings, self.rules, self.net)
    }
}

pub(crate) fn fix_inputs(
    inputs: &[Input],
    check: &Check<'_>,
    level: Applicability,
) -> (Vec<FileFix>, Vec<InputError>) {
    let results: Vec<Result<FileFix, InputError>> = inputs
        .par_iter()
        .map(|input| {
            let source = engine::read(input)?;
            Ok(fix_file(input.clone(), &source, check, level))
        })
        .collect();
    let mut fixes = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(fix) => fixes.push(fix),
            Err(error) => errors.push(error),
        }
    }
    fixes.sort_by(|a, b| a.report.source.name().cmp(b.report.source.name()));
    (fixes, errors)
}

fn fix_file(input: Input, source: &Source, check: &Check<'_>, level: Applicability) -> FileFix {
    let (fixed_source, findings, fixed) = fix_with(source, check, level);
    FileFix {
        input,
        before: source.contents(),
        after: fixed_source.contents(),
        report: FileReport {
            source: fixed_source,
            findings,
        },
        fixed,
    }
}

/// Fixes one source until no fix of `level` or below applies. Returns the
/// fixed source, the findings that remain in it and how many fixes were
/// applied.
pub fn fix_source(
    source: &Source,
    settings: &Settings,
    rules: &[&Rule],
    level: Applicability,
) -> (Source, Vec<Finding>, usize) {
    let check = Check {
        settings,
        rules,
        net: None,
    };
    fix_with(source, &check, level)
}

fn fix_with(
    source: &Source,
    check: &Check<'_>,
    level: Applicability,
) -> (Source, Vec<Finding>, usize) {
    let mut current = source.clone();
    let mut applied = 0;
    let mut last_rules = Vec::new();
    for _ in 0..MAX_PASSES {
        let findings = check.lint(&current);
        let chosen = applicable(current.text(), &findings, level);
        if chosen.is_empty() {
            return (current, findings, applied);
        }
        applied += chosen.len();
        last_rules = chosen.iter().map(|(rule, _)| *rule).collect();
        let fixes: Vec<&Fix> = chosen.iter().map(|(_, fix)| *fix).collect();
        let text = apply(current.text(), &fixes);
        current = Source::new(source.name(), &source.contents_with(&text));
    }

    last_rules.sort_unstable();
    last_rules.dedup();
    log::warn!(
        "`{}`: fixes still apply after {MAX_PASSES} passes ({}); this is a bug in those rules",
        source.name(),
        last_rules.join(", ")
    );
    let findings = check.lint(&current);
    (current, findings, applied)
}

/// The fixes to apply in one pass, in finding order: each of `level` or
/// below, with edits that fit the text, change it, and overlap no edit of a
/// fix taken before.
pub(crate) fn applicable<'a>(
    text: &str,
    findings: &'a [Finding],
    level: Applicability,
) -> Vec<(&'static str, &'a Fix)> {
    let mut taken = Taken::default();
    let mut chosen = Vec::new();
    for finding in findings {
        let Some(fix) = &finding.fix else { continue };
        if fix.applicability > level || !fits(text, fix) || !changes(text, fix) {
            continue;
        }
        if fix.edits.iter().any(|e| taken.clashes(e.span)) {
            continue;
        }
        for edit in &fix.edits {
            taken.0.insert(edit.span.start, edit.span.end);
        }
        chosen.push((finding.rule, fix));
    }
    chosen
}

/// The spans of the edits taken so far, by start. They never overlap, so
/// only the nearest on either side of a new span can clash with it.
#[derive(Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    fn clashes(&self, span: Span) -> bool {
        let before = self.0.range(..=span.start).next_back();
        let after = self.0.range(span.start..).next();
        before
            .into_iter()
            .chain(after)
            .any(|(&start, &end)| overlaps(span, Span::new(start, end)))
    }
}

/// Every edit lies inside the text on character boundaries, and the fix's
/// own edits do not overlap each other. A rule that breaks this has a bug;
/// its fix is skipped rather than let it corrupt the file.
fn fits(text: &str, fix: &Fix) -> bool {
    let in_text = fix.edits.iter().all(|e| {
        e.span.start <= e.span.end
            && e.span.end <= text.len()
            && text.is_char_boundary(e.span.start)
            && text.is_char_boundary(e.span.end)
    });
    let disjoint = fix
        .edits
        .iter()
        .enumerate()
        .all(|(i, a)| fix.edits[i + 1..].iter().all(|b| !overlaps(a.span, b.span)));
    in_text && disjoint && !fix.edits.is_empty()
}

/// A fix that would leave the text as it is would be "applied" forever.
fn changes(text: &str, fix: &Fix) -> bool {
    fix.edits
        .iter()
        .any(|e| text[e.span.start..e.span.end] != e.replacement)
}

/// Two edits overlap when they share a byte, or when both start at the same
/// offset: two insertions there (or an insertion before a replacement) have
/// no defined order.
fn overlaps(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

/// Applies non-overlapping fixes in one pass over the text.
pub(crate) fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut edits: Vec<_> = fixes.iter().flat_map(|f| &f.edits).collect();
    edits.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for edit in edits {
        out.push_str(&text[copied..edit.span.start]);
        out.push_str(&edit.replacement);
        copied = edit.span.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Writes `contents` to a temporary file beside the target and renames it
/// over the target, so that an interrupted run leaves either the old file
/// or the new one, never half of each. The target's permissions are kept;
/// a symbolic link is followed so that the link itself survives.
fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let dir = target
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let permissions = fs::metadata(&target)?.permissions();

    let mut temp = tempfile::NamedTempFile::new_in(&dir)?;
    temp.write_all(contents.as_bytes())?;
    temp.as_file().sync_all()?;
    fs::set_permissions(temp.path(), permissions)?;
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Edit, Severity};
    use crate::rules::{Context, FixKind};

    /// A broken rule whose fix undoes itself: `a` becomes `b` becomes `a`.
    static FLIP: Rule = Rule {
        name: "flip",
        severity: Severity::Warning,
        fix: FixKind::Safe,
        online: false,
        doc: "",
        check: flip,
    };

    fn flip(ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let other = if ctx.source.text().starts_with('a') {
            "b"
        } else {
            "a"
        };
        let span = Span::new(0, 1);
        out.push(Finding::new("flip", span, "m").fix(Fix::safe("Flip", Fix::replace(span, other))));
    }

    #[test]
    fn fixes_that_undo_each_other_stop_at_the_pass_limit() {
        let source = Source::new("t.md", "a table");
        let settings = Settings::default();
        let (fixed, findings, applied) =
            fix_source(&source, &settings, &[&FLIP], Applicability::Safe);
        assert_eq!(applied, MAX_PASSES);
        assert_eq!(fixed.text(), "a table");
        assert_eq!(findings.len(), 1);
    }

    #[test]
    fn overlapping_fixes_of_one_url_resolve_over_passes() {
        // `doi-url-style` and `malformed-url` both rewrite the whole URL;
        // the first pass takes the former, the second repairs the `//`
        // that it kept as written.
        let text = "| Model | Paper |\n|---|---|\n| A | [p](http://dx.doi.org//10.1000/xyz) |\n";
        let source = Source::new("t.md", text);
        let settings = Settings::default();
        let (fixed, findings, applied) =
            fix_source(&source, &settings, crate::rules::ALL, Applicability::Safe);
        assert_eq!(
            fixed.text(),
            text.replace("http://dx.doi.org//", "https://doi.org/")
        );
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(applied, 2);
    }

    fn edit(start: usize, end: usize, replacement: &str) -> Edit {
        Edit {
            span: Span::new(start, end),
            replacement: replacement.to_owned(),
        }
    }

    fn finding(rule: &'static str, fix: Fix) -> Finding {
        Finding::new(rule, fix.edits[0].span, "m").fix(fix)
    }

    #[test]
    fn edits_apply_from_the_end_and_keep_other_bytes() {
        let a = Fix::safe("a", vec![edit(0, 1, "xy")]);
        let b = Fix::safe("b", vec![edit(4, 6, ""), edit(2, 2, "+")]);
        assert_eq!(apply("abcdefg", &[&a, &b]), "xyb+cdg");
    }

    #[test]
    fn a_fix_overlapping_an_earlier_one_waits_for_the_next_pass() {
        let findings = [
            finding("one", Fix::safe("1", vec![edit(2, 5, "X")])),
            finding("two", Fix::safe("2", vec![edit(4, 6, "Y")])),
            finding("three", Fix::safe("3", vec![edit(6, 7, "Z")])),
        ];
        let chosen = applicable("abcdefgh", &findings, Applicability::Safe);
        let rules: Vec<&str> = chosen.iter().map(|(r, _)| *r).collect();
        assert_eq!(rules, ["one", "three"]);
    }

    #[test]
    fn unsafe_fixes_need_the_unsafe_level() {
        let findings = [finding("u", Fix::unsafe_("u", vec![edit(0, 1, "z")]))];
        assert!(applicable("abc", &findings, Applicability::Safe).is_empty());
        assert_eq!(applicable("abc", &findings, Applicability::Unsafe).len(), 1);
    }

    #[test]
    fn broken_and_idle_fixes_are_skipped() {
        let findings = [
            finding("past-end", Fix::safe("p", vec![edit(2, 9, "")])),
            finding("mid-char", Fix::safe("m", vec![edit(1, 2, "")])),
            finding("no-op", Fix::safe("n", vec![edit(0, 2, "é")])),
        ];
        assert!(applicable("éa", &findings, Applicability::Safe).is_empty());
    }

    #[test]
    fn insertions_at_one_offset_overlap() {
        assert!(overlaps(Span::new(3, 3), Span::new(3, 3)));
        assert!(overlaps(Span::new(3, 3), Span::new(3, 5)));
        assert!(!overlaps(Span::new(1, 3), Span::new(3, 5)));
    }

    proptest::proptest! {
        /// The nearest-neighbour clash test agrees with comparing every
        /// span taken before.
        #[test]
        fn taken_spans_clash_as_every_pair_would(
            spans in proptest::collection::vec((0usize..60, 0usize..6), 1..40)
        ) {
            let mut taken = Taken::default();
            let mut every: Vec<Span> = Vec::new();
            for (start, len) in spans {
                let span = Span::new(start, start + len);
                let expected = every.iter().any(|&t| overlaps(span, t));
                proptest::prop_assert_eq!(taken.clashes(span), expected, "{:?}", span);
                if !expected {
                    taken.0.insert(span.start, span.end);
                    every.push(span);
                }
            }
        }
    }
}
