//! `paperlint lint --fix`, `--unsafe-fixes` and `--diff` on real files.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const TABLE: &str = "\
| Model | Paper | Code | Year |
|---|---|---|---|
| Alpha | [p](https://arxiv.org//abs/2305.01234) | [c](https://github.com//example-org/alpha) | 2022 |
|  |  |  |  |
";

fn paperlint() -> Command {
    let mut cmd = Command::cargo_bin("paperlint").expect("the binary is built");
    cmd.args(["lint", "--color", "never", "--format", "concise"]);
    cmd
}

fn file(dir: &TempDir, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, contents).expect("the temp dir is writable");
    path
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).expect("the file is readable")
}

#[test]
fn fix_repairs_safe_problems_in_place_and_reports_what_remains() {
    let dir = TempDir::new().unwrap();
    let path = file(&dir, "list.md", TABLE.as_bytes());
    paperlint()
        .arg("--fix")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Fixed 3 problems, 1 remaining."))
        .stdout(predicate::str::contains("year-mismatch"))
        .stdout(predicate::str::contains("malformed-url").not());
    let expected = TABLE
        .replace("arxiv.org//abs", "arxiv.org/abs")
        .replace("github.com//", "github.com/")
        .replace("|  |  |  |  |\n", "");
    assert_eq!(read(&path), expected);
}

#[test]
fn unsafe_fixes_are_applied_only_when_asked_for() {
    let dir = TempDir::new().unwrap();
    let path = file(&dir, "list.md", TABLE.as_bytes());
    paperlint().arg("--fix").arg(&path).assert().code(1);
    assert!(read(&path).contains("| 2022 |"));

    paperlint()
        .args(["--fix", "--unsafe-fixes"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("Fixed 1 problem, 0 remaining."));
    assert!(read(&path).contains("| 2023 |"));
}

#[test]
fn diff_prints_what_would_change_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let path = file(&dir, "list.md", TABLE.as_bytes());
    let name = path.display().to_string();
    paperlint()
        .arg("--diff")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "--- {name}\n+++ {name}\n"
        )))
        .stdout(predicate::str::contains(
            "-| Alpha | [p](https://arxiv.org//abs/2305.01234)",
        ))
        .stdout(predicate::str::contains(
            "+| Alpha | [p](https://arxiv.org/abs/2305.01234)",
        ))
        .stdout(predicate::str::contains("-|  |  |  |  |"))
        .stdout(predicate::str::contains("2022 |\n+").not())
        .stderr(predicate::str::contains("Would fix 3 problems."));
    assert_eq!(read(&path), TABLE);
}

#[test]
fn diff_with_unsafe_fixes_shows_the_unsafe_edits() {
    let dir = TempDir::new().unwrap();
    let path = file(&dir, "list.md", TABLE.as_bytes());
    paperlint()
        .args(["--diff", "--unsafe-fixes"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("| 2023 |"));
    assert_eq!(read(&path), TABLE);
}

#[test]
fn diff_succeeds_when_nothing_would_change() {
    let dir = TempDir::new().unwrap();
    let clean = "| Model | Paper |\n|---|---|\n| A | [p](https://arxiv.org/abs/2301.01234) |\n";
    let path = file(&dir, "clean.md", clean.as_bytes());
    paperlint()
        .arg("--diff")
        .arg(&path)
        .assert()
        .success()
        .stdout("");
}

#[test]
fn unsafe_fixes_alone_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    let path = file(&dir, "list.md", TABLE.as_bytes());
    paperlint()
        .arg("--unsafe-fixes")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--fix"));
    assert_eq!(read(&path), TABLE);
}

#[test]
fn bom_and_crlf_survive_byte_for_byte_outside_the_edits() {
    let dir = TempDir::new().unwrap();
    let original = format!("\u{feff}{}", TABLE.replace('\n', "\r\n"));
    let path = file(&dir, "crlf.md", original.as_bytes());
    paperlint().arg("--fix").arg(&path).assert().code(1);
    let expected = original
        .replace("arxiv.org//abs", "arxiv.org/abs")
        .replace("github.com//", "github.com/")
        .replace("|  |  |  |  |\r\n", "");
    assert_eq!(fs::read(&path).unwrap(), expected.as_bytes());
}

#[test]
fn container_prefixes_and_padding_are_kept() {
    let dir = TempDir::new().unwrap();
    let original = "\
- Vision papers:
  | Model | Paper       |
  |-------|-------------|
  | A     | [p](https://arxiv.org//abs/2301.01234) |
  |       |             |
  | A2    | [p](https://arxiv.org/abs/2301.01235) |

> Model | Paper
> --- | ---
> B | [p](https://arxiv.org/abs/2301.05678.pdf)
> |  |
> C | [p](https://arxiv.org/abs/2301.05679)
";
    let path = file(&dir, "nested.md", original.as_bytes());
    paperlint().arg("--fix").arg(&path).assert().success();
    let expected = original
        .replace("arxiv.org//abs", "arxiv.org/abs")
        .replace("05678.pdf", "05678")
        .replace("  |       |             |\n", "")
        .replace("> |  |\n", "");
    assert_eq!(read(&path), expected);
}

#[test]
fn escaped_pipes_stay_as_written() {
    let dir = TempDir::new().unwrap();
    let original = "\
| Model | Keywords | Paper |
|---|---|---|
| A | RL \\| LLM | [p](https://arxiv.org//abs/2301.01234) |
| B | `a \\| b` | [p](https://arxiv.org/abs/2301.05678) |
";
    let path = file(&dir, "pipes.md", original.as_bytes());
    paperlint().arg("--fix").arg(&path).assert().success();
    assert_eq!(
        read(&path),
        original.replace("arxiv.org//abs", "arxiv.org/abs")
    );
}

#[test]
fn a_second_run_finds_nothing_left_to_fix() {
    let dir = TempDir::new().unwrap();
    let path = file(&dir, "list.md", TABLE.as_bytes());
    paperlint()
        .args(["--fix", "--unsafe-fixes"])
        .arg(&path)
        .assert()
        .success();
    let once = read(&path);
    paperlint()
        .args(["--diff", "--unsafe-fixes"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    paperlint()
        .args(["--fix", "--unsafe-fixes"])
        .arg(&path)
        .assert()
        .stdout(predicate::str::contains("Fixed").not());
    assert_eq!(read(&path), once);
}

#[test]
fn fixing_leaves_no_temporary_files_behind() {
    let dir = TempDir::new().unwrap();
    let path = file(&dir, "list.md", TABLE.as_bytes());
    paperlint().arg("--fix").arg(&path).assert().code(1);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["list.md"]);
}

#[cfg(unix)]
#[test]
fn fixing_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;

    let dir = TempDir::new().unwrap();
    let path = file(&dir, "list.md", TABLE.as_bytes());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    paperlint().arg("--fix").arg(&path).assert().code(1);
    let mode = fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_ne!(read(&path), TABLE);
}

#[cfg(unix)]
#[test]
fn fixing_through_a_symlink_rewrites_the_target_and_keeps_the_link() {
    let dir = TempDir::new().unwrap();
    let target = file(&dir, "real.md", TABLE.as_bytes());
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    paperlint().arg("--fix").arg(&link).assert().code(1);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(read(&target).contains("https://github.com/example-org/alpha"));
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let expected = TABLE
        .replace("arxiv.org//abs", "arxiv.org/abs")
        .replace("github.com//", "github.com/")
        .replace("|  |  |  |  |\n", "");
    paperlint()
        .args(["--fix", "-"])
        .write_stdin(TABLE)
        .assert()
        .code(1)
        .stdout(expected)
        .stderr(predicate::str::contains("year-mismatch"))
        .stderr(predicate::str::contains("Fixed 3 problems, 1 remaining."));
}

#[test]
fn json_output_stays_one_document_when_fixing() {
    let dir = TempDir::new().unwrap();
    let path = file(&dir, "list.md", TABLE.as_bytes());
    let output = Command::cargo_bin("paperlint")
        .unwrap()
        .args(["lint", "--fix", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    let rules: Vec<&str> = json
        .as_array()
        .expect("an array of findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(rules, ["year-mismatch"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("Fixed 3 problems"));
}

#[test]
fn arxiv_style_fix_rewrites_only_the_url_and_keeps_container_prefixes() {
    let dir = TempDir::new().unwrap();
    file(
        &dir,
        "paperlint.toml",
        b"arxiv_url_style = \"abs\"\nallow_version = false\n",
    );
    let original = "\
| Model | Keywords | Paper |
|---|---|---|
| A | RL \\| LLM | [![arXiv](https://img.shields.io/badge/arXiv-2301.01234-b31b1b)](https://arxiv.org/pdf/2301.01234v2) |

- Vision papers:
  | Model | Paper |
  |---|---|
  | A | [p](https://arxiv.org/pdf/2301.01234) |

> Model | Paper
> --- | ---
> B | [p](http://arxiv.org/abs/2301.05678v2)
";
    let path = file(&dir, "c21.md", original.as_bytes());
    paperlint().arg("--fix").arg(&path).assert().success();
    let expected = "\
| Model | Keywords | Paper |
|---|---|---|
| A | RL \\| LLM | [![arXiv](https://img.shields.io/badge/arXiv-2301.01234-b31b1b)](https://arxiv.org/abs/2301.01234) |

- Vision papers:
  | Model | Paper |
  |---|---|
  | A | [p](https://arxiv.org/abs/2301.01234) |

> Model | Paper
> --- | ---
> B | [p](https://arxiv.org/abs/2301.05678)
";
    assert_eq!(read(&path), expected);
}

#[test]
fn pdf_style_links_drop_the_pdf_suffix() {
    let dir = TempDir::new().unwrap();
    file(&dir, "paperlint.toml", b"arxiv_url_style = \"pdf\"\n");
    let original =
        "| Model | Paper |\n|---|---|\n| A | [p](https://arxiv.org/abs/2402.01234v3) |\n";
    let path = file(&dir, "pdf.md", original.as_bytes());
    paperlint().arg("--fix").arg(&path).assert().success();
    assert_eq!(
        read(&path),
        original.replace("abs/2402.01234v3", "pdf/2402.01234v3")
    );
}

/// A real list, read from the shared corpus beside the crate (never
/// copied into the repository); skipped when the corpus is absent.
#[test]
fn fixing_a_real_list_leaves_no_safe_fix_and_is_stable() {
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/00-language-models.md");
    let Ok(original) = fs::read(&corpus) else {
        eprintln!("skipped: {} is absent", corpus.display());
        return;
    };
    let dir = TempDir::new().unwrap();
    let path = file(&dir, "list.md", &original);
    paperlint()
        .arg("--fix")
        .arg(&path)
        .assert()
        .code(predicate::ne(2));
    let once = fs::read(&path).unwrap();
    assert_ne!(once, original, "the corpus list has safe fixes to make");

    let output = Command::cargo_bin("paperlint")
        .unwrap()
        .args(["lint", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let safe: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["fix"]["applicability"] == "safe")
        .collect();
    assert!(safe.is_empty(), "safe fixes remain: {safe:#?}");

    paperlint()
        .arg("--diff")
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read(&path).unwrap(), once);
}
