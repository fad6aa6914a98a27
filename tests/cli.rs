//! The command line as users run it.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn paperlint() -> Command {
    let mut cmd = Command::cargo_bin("paperlint").expect("the binary is built");
    cmd.env_remove("NO_COLOR").current_dir(common::root());
    cmd
}

fn json(args: &[&str]) -> Vec<Value> {
    let out = paperlint()
        .args(["lint", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    serde_json::from_slice::<Value>(&out.stdout)
        .expect("stdout is JSON")
        .as_array()
        .expect("a top-level array")
        .clone()
}

#[test]
fn findings_exit_one_and_a_clean_file_exits_zero() {
    paperlint()
        .args(["lint", "fixtures/year-mismatch/bad.md"])
        .assert()
        .code(1);
    paperlint()
        .args([
            "lint",
            "fixtures/year-mismatch/good.md",
            "--select",
            "year-mismatch",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found"));
}

#[test]
fn json_keeps_its_keys_and_sorts_by_position() {
    let found = json(&[
        "fixtures/duplicate-arxiv-id/bad.md",
        "--select",
        "duplicate-arxiv-id",
    ]);
    assert!(!found.is_empty());
    let keys = [
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "related",
    ];
    for finding in &found {
        for key in keys {
            assert!(finding.get(key).is_some(), "missing `{key}` in {finding}");
        }
        assert_eq!(finding["related"][0]["path"], finding["path"]);
    }
    let lines: Vec<u64> = found
        .iter()
        .map(|f| f["line"].as_u64().expect("a number"))
        .collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(found[0]["line"], 4);
    assert_eq!(found[0]["related"][0]["line"], 3);
}

#[test]
fn columns_count_characters_after_wide_text() {
    let found = json(&["fixtures/year-mismatch/bad.md", "--select", "year-mismatch"]);
    let cjk = found
        .iter()
        .find(|f| f["line"] == 9)
        .expect("the CJK row is reported");
    // `| 甲 | [p](https://arxiv.org/abs/2301.01234) 多模态🚀检索\tAgent | | ` is 61 characters.
    assert_eq!(cjk["column"], 62);
    assert_eq!(cjk["end_column"], 66);
}

#[test]
fn a_missing_file_is_an_error_that_names_it_and_others_are_still_linted() {
    paperlint()
        .args([
            "lint",
            "--format",
            "concise",
            "no/such/file.md",
            "fixtures/empty-row/bad.md",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.md"))
        .stdout(predicate::str::contains("empty-row"));
}

#[test]
fn invalid_utf8_is_an_error_that_names_the_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("latin1.md");
    std::fs::write(&path, b"| Model | Paper |\n|---|---|\n| Caf\xe9 | x |\n").expect("written");
    paperlint()
        .arg("lint")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("latin1.md").and(predicate::str::contains("UTF-8")));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let table = "| Model | Paper | Year |\n|---|---|---|\n| A | [p](https://arxiv.org/abs/2507.01234) | 2024 |\n";
    paperlint()
        .args(["lint", "--format", "concise", "-"])
        .write_stdin(table)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("-:3:").and(predicate::str::contains("year-mismatch")));
}

#[test]
fn directories_are_walked_for_markdown_honouring_gitignore() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bad = "| Model | Paper |\n|---|---|\n| A | [p](https://arxiv.org/abs/0704.1) |\n";
    std::fs::create_dir_all(dir.path().join("docs/skip")).expect("folders");
    std::fs::write(dir.path().join("docs/list.markdown"), bad).expect("written");
    std::fs::write(dir.path().join("docs/skip/list.md"), bad).expect("written");
    std::fs::write(dir.path().join("notes.txt"), bad).expect("written");
    std::fs::write(dir.path().join(".gitignore"), "docs/skip/\n").expect("written");
    // No `.git`: a list copied out of its repository still skips what its
    // `.gitignore` names.
    let out = paperlint()
        .current_dir(dir.path())
        .args(["lint", "--format", "concise"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("list.markdown:3:"), "{stdout}");
    assert!(!stdout.contains("skip"), "{stdout}");
    assert!(!stdout.contains("notes.txt"), "{stdout}");
}

#[test]
fn select_and_ignore_choose_rules_and_unknown_names_are_refused() {
    let found = json(&["fixtures/malformed-url/bad.md", "--ignore", "malformed-url"]);
    assert!(found.iter().all(|f| f["rule"] != "malformed-url"));
    paperlint()
        .args([
            "lint",
            "--select",
            "no-such-rule",
            "fixtures/empty-row/bad.md",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-rule"));
}

#[test]
fn colour_follows_no_color_and_the_flag() {
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = paperlint();
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd
            .args(["lint", "fixtures/badge-id-mismatch/bad.md"])
            .args(args)
            .output();
        out.expect("runs").stdout
    };
    let plain = run(&["--color", "never"], false);
    assert!(!plain.contains(&0x1b));
    assert_eq!(plain, run(&[], true));
    assert!(run(&["--color", "always"], false).contains(&0x1b));
}

#[test]
fn long_rows_are_cut_to_a_window_around_the_label() {
    let badges = "[![Paper](https://img.shields.io/badge/Paper-ydd7e6?style=for-the-badge)](https://example.org/p) ".repeat(10);
    let table = format!(
        "| Model | Paper | Year |\n|---|---|---|\n| A | {badges}[p](https://arxiv.org/abs/2507.01234) | 2024 |\n"
    );
    assert!(table.lines().nth(2).expect("a row").len() > 900);
    let out = paperlint()
        .args(["lint", "--color", "never", "-"])
        .write_stdin(table)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("2024 |"), "{stdout}");
    assert!(stdout.contains(":3:"), "{stdout}");
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest < 200, "a line of {widest} columns:\n{stdout}");
}

#[test]
fn rules_are_listed_and_documented() {
    paperlint().arg("rules").assert().success().stdout(
        predicate::str::contains("badge-repo-mismatch").and(predicate::str::contains("offline")),
    );
    paperlint()
        .args(["rule", "year-mismatch"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# year-mismatch"));
    paperlint().args(["rule", "nope"]).assert().code(2);
}

#[test]
fn quiet_drops_the_summary_line_but_not_the_findings() {
    let out = paperlint()
        .args([
            "-q",
            "lint",
            "--format",
            "concise",
            "fixtures/empty-row/bad.md",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("empty-row"), "{stdout}");
    assert!(!stdout.contains("Found"), "{stdout}");
    assert_eq!(out.status.code(), Some(1));
}
