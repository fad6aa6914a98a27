//! Suppression comments: what each form silences, and unused ones.

use assert_cmd::Command;
use predicates::prelude::*;

/// Lints `text` from standard input with concise output.
fn lint(text: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("paperlint")
        .expect("the binary is built")
        .args(["lint", "--color", "never", "--format", "concise"])
        .args(extra)
        .arg("-")
        .write_stdin(text)
        .assert()
}

const DUPLICATES: &str = "\
| Model | Paper |
|---|---|
| Alpha | [paper](https://arxiv.org/abs/2305.00042) |
| Alpha (workshop) | [paper](https://arxiv.org/abs/2305.00042) |
";

#[test]
fn disable_next_line_above_a_table_silences_the_whole_table() {
    lint(DUPLICATES, &[])
        .code(1)
        .stdout(predicate::str::contains("duplicate-arxiv-id"));
    let text = format!("<!-- paperlint-disable-next-line duplicate-arxiv-id -->\n{DUPLICATES}");
    lint(&text, &[])
        .success()
        .stdout(predicate::str::contains("No problems found"));
}

#[test]
fn disable_next_line_skips_blank_lines_and_stops_after_one_line() {
    let text = "\
<!-- paperlint-disable-next-line year-mismatch -->

Some prose with 2022 in it.

| Model | Paper | Year |
|---|---|---|
| A | [p](https://arxiv.org/abs/2305.00042) | 2022 |
";
    lint(text, &[])
        .code(1)
        .stdout(predicate::str::contains("-:7:").and(predicate::str::contains("year-mismatch")))
        .stdout(predicate::str::contains("silences nothing"));
}

#[test]
fn disable_line_in_a_cell_silences_only_its_row() {
    let text = "\
| Model | Paper | Year |
|---|---|---|
| A | [p](https://arxiv.org/abs/2305.00042) | 2022 <!-- paperlint-disable-line year-mismatch --> |
| B | [p](https://arxiv.org/abs/2305.00043) | 2022 |
";
    lint(text, &[])
        .code(1)
        .stdout(predicate::str::contains("-:4:").and(predicate::str::contains("year-mismatch")))
        .stdout(predicate::str::contains("-:3:").not());
}

#[test]
fn disable_and_enable_bound_a_region() {
    let text = "\
<!-- paperlint-disable year-mismatch, empty-row -->
| Model | Paper | Year |
|---|---|---|
| A | [p](https://arxiv.org/abs/2305.00042) | 2022 |
|  |  |  |

<!-- paperlint-enable year-mismatch -->
| Model | Paper | Year |
|---|---|---|
| B | [p](https://arxiv.org/abs/2305.00043) | 2022 |
|  |  |  |
";
    lint(text, &[])
        .code(1)
        .stdout(predicate::str::contains("-:10:").and(predicate::str::contains("year-mismatch")))
        .stdout(predicate::str::contains("-:4:").not())
        .stdout(predicate::str::contains("empty-row").not());
}

#[test]
fn a_bare_disable_silences_every_rule_until_a_bare_enable() {
    let text = "\
<!-- paperlint-disable -->
| Model | Paper | Year |
|---|---|---|
| A | [p](https://arxiv.org//abs/2305.00042) | 2022 |
<!-- paperlint-enable -->

| Model | Paper |
|---|---|
|  |  |
";
    lint(text, &[])
        .code(1)
        .stdout(predicate::str::contains("-:9:2: warning[empty-row]"))
        .stdout(predicate::str::contains(
            "Found 0 errors, 1 warning and 0 info",
        ));
}

#[test]
fn disable_file_silences_a_rule_everywhere() {
    let text = format!("{DUPLICATES}\n<!-- paperlint-disable-file duplicate-arxiv-id -->\n");
    lint(&text, &[])
        .success()
        .stdout(predicate::str::contains("No problems found"));
}

#[test]
fn directives_in_code_blocks_are_only_text() {
    let text = format!(
        "```markdown\n<!-- paperlint-disable-file duplicate-arxiv-id -->\n```\n\n{DUPLICATES}"
    );
    lint(&text, &[])
        .code(1)
        .stdout(predicate::str::contains("duplicate-arxiv-id"))
        .stdout(predicate::str::contains("unused-suppression").not());
}

#[test]
fn an_unused_suppression_is_reported_as_info() {
    let text = "\
<!-- paperlint-disable-next-line duplicate-arxiv-id -->
| Model | Paper |
|---|---|
| Alpha | [paper](https://arxiv.org/abs/2305.00042) |
";
    lint(text, &[]).success().stdout(predicate::str::contains(
        "-:1:1: info[unused-suppression] suppression of `duplicate-arxiv-id` silences nothing",
    ));
}

#[test]
fn a_suppression_of_a_rule_that_did_not_run_is_not_judged() {
    let text = "<!-- paperlint-disable-file duplicate-arxiv-id -->\n<!-- paperlint-disable -->\n";
    lint(text, &["--select", "empty-row,unused-suppression"])
        .success()
        .stdout(predicate::str::contains("No problems found"));
    lint(text, &[])
        .success()
        .stdout(predicate::str::contains(
            "suppression of `duplicate-arxiv-id`",
        ))
        .stdout(predicate::str::contains("suppression of every rule"));
    lint(text, &["--ignore", "unused-suppression"])
        .success()
        .stdout(predicate::str::contains("No problems found"));
}

#[test]
fn an_unknown_rule_name_is_a_warning() {
    let text = format!("<!-- paperlint-disable-file duplicate-arxiv-ids -->\n{DUPLICATES}");
    lint(&text, &[])
        .code(1)
        .stdout(predicate::str::contains(
            "-:1:29: warning[unused-suppression] suppression names unknown rule `duplicate-arxiv-ids`",
        ))
        .stdout(predicate::str::contains("warning[duplicate-arxiv-id]"));
}

#[test]
fn unused_suppression_reports_can_themselves_be_silenced() {
    let text = "\
<!-- paperlint-disable-file unused-suppression -->
<!-- paperlint-disable-file duplicate-arxiv-id -->
";
    lint(text, &[])
        .success()
        .stdout(predicate::str::contains("No problems found"));
}

#[test]
fn suppressed_findings_are_not_fixed() {
    let text = "\
| Model | Paper | Year |
|---|---|---|
| A | [p](https://arxiv.org//abs/2305.00042) <!-- paperlint-disable-line malformed-url --> | 2023 |
| B | [p](https://arxiv.org/abs/2305.00043) | 2022 <!-- paperlint-disable-line year-mismatch --> |
| C | [p](https://arxiv.org//abs/2305.00044) | 2023 |
";
    let expected = text.replace("org//abs/2305.00044", "org/abs/2305.00044");
    lint(text, &["--fix", "--unsafe-fixes"])
        .success()
        .stdout(expected)
        .stderr(predicate::str::contains("Fixed 1 problem, 0 remaining."));
}

#[test]
fn suppressions_work_in_crlf_files_and_blockquotes() {
    let text = "\
> <!-- paperlint-disable-next-line duplicate-arxiv-id -->\r
> | Model | Paper |\r
> |---|---|\r
> | Alpha | [paper](https://arxiv.org/abs/2305.00042) |\r
> | Alpha (workshop) | [paper](https://arxiv.org/abs/2305.00042) |\r
";
    lint(text, &[])
        .success()
        .stdout(predicate::str::contains("No problems found"));
}

#[test]
fn a_bare_enable_ends_a_named_disable() {
    let text = "\
| Model | Paper | Year |
|---|---|---|
| M1 | [p](https://arxiv.org/abs/2305.00001) | 2022 |

<!-- paperlint-disable year-mismatch -->

| Model | Paper | Year |
|---|---|---|
| M2 | [p](https://arxiv.org/abs/2305.00002) | 2022 |

<!-- paperlint-enable -->

| Model | Paper | Year |
|---|---|---|
| M4 | [p](https://arxiv.org/abs/2305.00004) | 2022 |
";
    lint(text, &["--select", "year-mismatch"])
        .code(1)
        .stdout(predicate::str::contains("-:3:"))
        .stdout(predicate::str::contains("-:9:").not())
        .stdout(predicate::str::contains("-:15:"));
}
