//! Configuration files: discovery, keys, and errors that point into them.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// Two rows: a wrong year (an error by default) and an empty row.
const TABLE: &str = "\
| Model | Pub. Venue | Paper | Year |
|---|---|---|---|
| Alpha | ICLR 2026 | [p](https://arxiv.org/abs/2305.01234) | 2022 |
|  |  |  |  |
";

fn paperlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("paperlint").expect("the binary is built");
    cmd.current_dir(dir)
        .args(["lint", "--color", "never", "--format", "concise"]);
    cmd
}

/// Standard error with miette's wrapping undone: margins and line breaks
/// become single spaces.
fn flat_stderr(cmd: &mut Command) -> String {
    let output = cmd.output().expect("paperlint runs");
    assert_eq!(output.status.code(), Some(2), "a configuration error");
    let text = String::from_utf8_lossy(&output.stderr).replace(['│', '×'], " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write(dir: &Path, name: &str, contents: &str) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, contents).unwrap();
    path
}

#[test]
fn the_nearest_configuration_above_each_file_wins() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "paperlint.toml", "ignore = [\"empty-row\"]\n");
    write(
        root,
        "sub/deeper/.paperlint.toml",
        "ignore = [\"year-mismatch\"]\n",
    );
    write(root, "top.md", TABLE);
    write(root, "sub/middle.md", TABLE);
    write(root, "sub/deeper/low.md", TABLE);
    paperlint(root)
        .arg(".")
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("top.md:3:").and(predicate::str::contains("year-mismatch")),
        )
        .stdout(predicate::str::contains("middle.md:3:"))
        .stdout(predicate::str::contains("top.md:4:").not())
        .stdout(predicate::str::contains("middle.md:4:").not())
        .stdout(predicate::str::contains("low.md:3:").not())
        .stdout(predicate::str::contains("low.md:4:2: warning[empty-row]"));
}

#[test]
fn an_explicit_configuration_replaces_discovery() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "paperlint.toml", "ignore = [\"empty-row\"]\n");
    write(root, "other.toml", "select = [\"empty-row\"]\n");
    write(root, "list.md", TABLE);
    paperlint(root)
        .args(["--config", "other.toml", "list.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("empty-row"))
        .stdout(predicate::str::contains("year-mismatch").not());
}

#[test]
fn an_unknown_key_is_an_error_that_names_the_key_and_the_file() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(
        root,
        "paperlint.toml",
        "year_tolerance = 1\nyear_tolerence = 3\n",
    );
    write(root, "list.md", TABLE);
    let stderr = flat_stderr(paperlint(root).arg("list.md"));
    assert!(
        stderr.contains("unknown field `year_tolerence`"),
        "{stderr}"
    );
    assert!(stderr.contains("paperlint.toml:2:1"), "{stderr}");
    assert!(stderr.contains("2 year_tolerence = 3"), "{stderr}");
}

#[test]
fn a_bad_value_is_an_error_pointing_at_it() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(
        root,
        "paperlint.toml",
        "[severity]\nyear-mismatch = \"fatal\"\n",
    );
    write(root, "list.md", TABLE);
    let stderr = flat_stderr(paperlint(root).arg("list.md"));
    assert!(stderr.contains("unknown variant `fatal`"), "{stderr}");
    assert!(stderr.contains("paperlint.toml:2:17"), "{stderr}");
}

#[test]
fn an_unknown_rule_in_the_configuration_is_an_error() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(
        root,
        "paperlint.toml",
        "[severity]\nyear-mistake = \"info\"\n",
    );
    write(root, "list.md", TABLE);
    let stderr = flat_stderr(paperlint(root).arg("list.md"));
    assert!(stderr.contains("unknown rule `year-mistake`"), "{stderr}");
    assert!(stderr.contains("paperlint.toml:2:1"), "{stderr}");

    write(root, "paperlint.toml", "ignore = [\"empty-rows\"]\n");
    let stderr = flat_stderr(paperlint(root).arg("list.md"));
    assert!(stderr.contains("unknown rule `empty-rows`"), "{stderr}");
    assert!(stderr.contains("paperlint.toml:1:11"), "{stderr}");
}

#[test]
fn a_missing_explicit_configuration_is_an_error() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "list.md", TABLE);
    paperlint(dir.path())
        .args(["--config", "nowhere.toml", "list.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere.toml"));
}

#[test]
fn severity_overrides_change_the_exit_code() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(
        root,
        "paperlint.toml",
        "[severity]\nyear-mismatch = \"info\"\nempty-row = \"info\"\n",
    );
    write(root, "list.md", TABLE);
    paperlint(root)
        .arg("list.md")
        .assert()
        .success()
        .stdout(predicate::str::contains("info[year-mismatch]"))
        .stdout(predicate::str::contains("info[empty-row]"));
}

#[test]
fn select_and_ignore_combine_with_the_command_line() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "paperlint.toml", "select = [\"empty-row\"]\n");
    write(root, "list.md", TABLE);
    paperlint(root)
        .arg("list.md")
        .assert()
        .stdout(predicate::str::contains("empty-row"))
        .stdout(predicate::str::contains("year-mismatch").not());
    // `--select` replaces the file's choice; `--ignore` adds to it.
    paperlint(root)
        .args(["--select", "year-mismatch", "list.md"])
        .assert()
        .stdout(predicate::str::contains("year-mismatch"))
        .stdout(predicate::str::contains("empty-row").not());
    paperlint(root)
        .args(["--ignore", "empty-row", "list.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No problems found"));
}

#[test]
fn column_roles_from_the_configuration_override_the_header_guess() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "list.md", TABLE);
    // By default `Pub. Venue` is the venue column and only the preprint
    // contradicts 2022; mapped to the year role, its `2026` is the row's
    // year, three years after the preprint.
    paperlint(root)
        .args(["--select", "year-mismatch", "list.md"])
        .assert()
        .stdout(predicate::str::contains("before the preprint"));
    write(
        root,
        "paperlint.toml",
        "year_tolerance = 0\n[columns]\n\"Pub. Venue\" = \"year\"\n",
    );
    paperlint(root)
        .args(["--select", "year-mismatch", "list.md"])
        .assert()
        .stdout(predicate::str::contains("`2026`"));
}

#[test]
fn exclude_patterns_skip_files_relative_to_the_configuration() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(
        root,
        "paperlint.toml",
        "exclude = [\"drafts\", \"notes/*.md\", \"CHANGELOG.md\"]\n",
    );
    write(root, "drafts/a.md", TABLE);
    write(root, "notes/b.md", TABLE);
    write(root, "notes/keep/c.md", TABLE);
    write(root, "sub/CHANGELOG.md", TABLE);
    write(root, "list.md", TABLE);
    paperlint(root)
        .arg(".")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("list.md"))
        .stdout(predicate::str::contains("c.md"))
        .stdout(predicate::str::contains("a.md").not())
        .stdout(predicate::str::contains("b.md").not())
        .stdout(predicate::str::contains("CHANGELOG").not());
    paperlint(root)
        .arg("drafts/a.md")
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
}

#[test]
fn a_bad_exclude_pattern_is_an_error() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "paperlint.toml", "exclude = [\"drafts/[a\"]\n");
    write(root, "list.md", TABLE);
    let stderr = flat_stderr(paperlint(root).arg("list.md"));
    assert!(stderr.contains("bad exclude pattern"), "{stderr}");
}
