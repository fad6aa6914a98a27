//! The CI-facing formats and output options, run through the binary on
//! `fixtures/cli`: snapshots pin each format, and every format is checked
//! against the JSON findings so that they cannot drift apart.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const FIXTURES: &str = "fixtures/cli";

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn paperlint() -> Command {
    let mut cmd = Command::cargo_bin("paperlint").expect("the binary is built");
    cmd.current_dir(crate_root()).env_remove("NO_COLOR");
    cmd
}

/// Runs `paperlint lint --color never <args>` and returns stdout and the
/// exit code.
fn lint(args: &[&str]) -> (String, i32) {
    let output = paperlint()
        .args(["lint", "--color", "never"])
        .args(args)
        .output()
        .expect("paperlint runs");
    let stdout = String::from_utf8(output.stdout).expect("output is UTF-8");
    (stdout, output.status.code().expect("exited, not killed"))
}

fn json_findings(path: &str) -> Vec<Value> {
    let (stdout, _) = lint(&["--format", "json", path]);
    serde_json::from_str::<Value>(&stdout)
        .expect("JSON output parses")
        .as_array()
        .expect("JSON output is an array")
        .clone()
}

/// The SARIF log with the tool version and the rule docs (which have
/// snapshots of their own elsewhere) replaced by placeholders.
fn redacted_sarif(stdout: &str) -> String {
    let mut log: Value = serde_json::from_str(stdout).expect("SARIF parses");
    let driver = &mut log["runs"][0]["tool"]["driver"];
    driver["version"] = "[version]".into();
    for rule in driver["rules"].as_array_mut().expect("rules is an array") {
        let doc = rule["help"]["markdown"]
            .as_str()
            .expect("help has markdown");
        assert!(doc.starts_with(&format!("# {}", rule["id"].as_str().expect("id"))));
        rule["help"] = "[rule doc]".into();
    }
    serde_json::to_string_pretty(&log).expect("a Value serialises")
}

#[test]
fn github_format_snapshot() {
    let (stdout, code) = lint(&["--format", "github", FIXTURES]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn sarif_format_snapshot() {
    let (stdout, code) = lint(&["--format", "sarif", FIXTURES]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(redacted_sarif(&stdout));
}

#[test]
fn junit_format_snapshot() {
    let (stdout, code) = lint(&["--format", "junit", FIXTURES]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn statistics_snapshot() {
    let (stdout, code) = lint(&["--statistics", FIXTURES]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn statistics_as_json_snapshot() {
    let (stdout, _) = lint(&["--statistics", "--format", "json", FIXTURES]);
    insta::assert_snapshot!(stdout);
}

#[test]
fn markdown_summary_snapshot() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let summary = dir.path().join("summary.md");
    let (_, code) = lint(&[
        "--format",
        "github",
        "--summary-file",
        summary.to_str().expect("a UTF-8 path"),
        "--link-base",
        "https://github.com/example-org/list/blob/0123abc",
        FIXTURES,
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(std::fs::read_to_string(&summary).expect("summary written"));
}

/// Every Markdown file of the shared corpus, when it sits beside the crate.
fn corpus_files() -> Vec<PathBuf> {
    let corpus = crate_root().join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

fn sarif_validator() -> jsonschema::Validator {
    let schema = std::fs::read_to_string(crate_root().join("tests/data/sarif-schema-2.1.0.json"))
        .expect("the vendored schema is readable");
    let schema: Value = serde_json::from_str(&schema).expect("the schema parses");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn sarif_output_is_valid_against_the_sarif_2_1_0_schema() {
    let validator = sarif_validator();
    let mut inputs = vec![PathBuf::from(FIXTURES)];
    inputs.extend(corpus_files());
    for input in inputs {
        let (stdout, _) = lint(&["--format", "sarif", input.to_str().expect("UTF-8 path")]);
        let log: Value = serde_json::from_str(&stdout).expect("SARIF parses");
        let errors = schema_errors(&validator, &log);
        assert!(errors.is_empty(), "{}: {errors:#?}", input.display());
    }
}

#[test]
fn the_schema_check_rejects_a_log_that_breaks_the_schema() {
    let validator = sarif_validator();
    let (stdout, _) = lint(&["--format", "sarif", FIXTURES]);
    let mut log: Value = serde_json::from_str(&stdout).expect("SARIF parses");
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    log["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri".into();
    let errors = schema_errors(&validator, &log);
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

/// `(rule, line, column)` of each JSON finding, in output order.
fn json_positions(findings: &[Value]) -> Vec<(String, u64, u64)> {
    findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().expect("rule").to_owned(),
                f["line"].as_u64().expect("line"),
                f["column"].as_u64().expect("column"),
            )
        })
        .collect()
}

#[test]
fn sarif_results_match_the_json_findings() {
    let findings = json_findings(FIXTURES);
    let (stdout, _) = lint(&["--format", "sarif", FIXTURES]);
    let log: Value = serde_json::from_str(&stdout).expect("SARIF parses");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");

    let positions: Vec<(String, u64, u64)> = results
        .iter()
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            (
                r["ruleId"].as_str().expect("ruleId").to_owned(),
                region["startLine"].as_u64().expect("startLine"),
                region["startColumn"].as_u64().expect("startColumn"),
            )
        })
        .collect();
    assert_eq!(positions, json_positions(&findings));

    for (result, finding) in results.iter().zip(&findings) {
        let index = usize::try_from(result["ruleIndex"].as_u64().expect("ruleIndex"))
            .expect("a small index");
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["message"]["text"], finding["message"]);
        let expected_level = match finding["severity"].as_str() {
            Some("info") => "note",
            other => other.expect("severity"),
        };
        assert_eq!(result["level"], expected_level);
        assert_eq!(
            result["relatedLocations"].as_array().map_or(0, Vec::len),
            finding["related"].as_array().expect("related").len()
        );
    }
}

#[test]
fn github_annotations_match_the_json_findings() {
    let findings = json_findings(FIXTURES);
    let (stdout, _) = lint(&["--format", "github", FIXTURES]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), findings.len());
    for (line, finding) in lines.iter().zip(&findings) {
        let expected = format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title=paperlint {}::",
            finding["severity"].as_str().expect("severity"),
            finding["path"].as_str().expect("path"),
            finding["line"],
            finding["column"],
            finding["end_line"],
            finding["end_column"],
            finding["rule"].as_str().expect("rule"),
        );
        assert!(
            line.starts_with(&expected),
            "{line}\nshould start with\n{expected}"
        );
    }
}

#[test]
fn junit_has_a_failing_case_per_finding_and_a_passing_case_per_clean_file() {
    let findings = json_findings(FIXTURES);
    let (stdout, _) = lint(&["--format", "junit", FIXTURES]);
    let doc = roxmltree::Document::parse(&stdout).expect("JUnit output is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");

    let failures: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .map(|n| n.attribute("message").expect("failure has a message"))
        .collect();
    let messages: Vec<&str> = findings
        .iter()
        .map(|f| f["message"].as_str().expect("message"))
        .collect();
    assert_eq!(failures, messages);

    let suites: Vec<(&str, usize)> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .map(|s| {
            let cases = s.children().filter(|n| n.has_tag_name("testcase")).count();
            (s.attribute("name").expect("suite name"), cases)
        })
        .collect();
    assert_eq!(
        suites,
        [
            ("fixtures/cli/clean.md", 1),
            ("fixtures/cli/errors.md", 4),
            ("fixtures/cli/warnings.md", 2)
        ]
    );
    assert_eq!(root.attribute("tests"), Some("7"));
    assert_eq!(root.attribute("failures"), Some("6"));
}

#[test]
fn junit_output_of_the_corpus_is_well_formed() {
    for file in corpus_files() {
        let (stdout, _) = lint(&["--format", "junit", file.to_str().expect("UTF-8 path")]);
        if let Err(error) = roxmltree::Document::parse(&stdout) {
            panic!("{}: {error}", file.display());
        }
    }
}

#[test]
fn output_file_replaces_the_file_and_leaves_stdout_empty() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let report = dir.path().join("report.sarif");
    std::fs::write(
        &report,
        "an older, longer report that must go away entirely\n",
    )
    .expect("seed file written");
    let (stdout, code) = lint(&[
        "--format",
        "sarif",
        "--output-file",
        report.to_str().expect("UTF-8 path"),
        FIXTURES,
    ]);
    assert_eq!(code, 1, "the exit code still reports the findings");
    assert_eq!(stdout, "");

    let (expected, _) = lint(&["--format", "sarif", FIXTURES]);
    assert_eq!(std::fs::read_to_string(&report).expect("report"), expected);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("listing")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["report.sarif"], "no temporary file is left behind");
}

#[test]
fn output_file_in_a_missing_directory_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let report = dir.path().join("missing/report.xml");
    let output = paperlint()
        .args(["lint", "--format", "junit", "-o"])
        .arg(&report)
        .arg(FIXTURES)
        .output()
        .expect("paperlint runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot write the report to"), "{stderr}");
    assert!(!report.exists());
}

#[test]
fn summary_file_is_appended_to() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "# An earlier step\n\n").expect("seed file written");
    let (_, code) = lint(&[
        "--summary-file",
        summary.to_str().expect("UTF-8 path"),
        "fixtures/cli/clean.md",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(&summary).expect("summary"),
        "# An earlier step\n\n## paperlint\n\nNo problems found in 1 file.\n"
    );
}

#[test]
fn statistics_cannot_be_combined_with_a_machine_format() {
    for format in ["sarif", "junit", "github"] {
        let output = paperlint()
            .args(["lint", "--statistics", "--format", format, FIXTURES])
            .output()
            .expect("paperlint runs");
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_clean_file_gives_no_annotations_and_exit_code_zero() {
    for format in ["github", "sarif", "junit"] {
        let (stdout, code) = lint(&["--format", format, "fixtures/cli/clean.md"]);
        assert_eq!(code, 0, "{format}");
        if format == "github" {
            assert_eq!(stdout, "");
        }
    }
}

#[test]
fn link_base_needs_a_summary_file() {
    let output = paperlint()
        .args(["lint", "--link-base", "https://example.org", FIXTURES])
        .output()
        .expect("paperlint runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(Path::new(FIXTURES).is_relative());
}
