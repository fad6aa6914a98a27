//! The GitHub Action's script, `scripts/action.sh`, run with bash in a
//! temporary git repository, with the files a runner provides
//! (`GITHUB_STEP_SUMMARY`, `GITHUB_OUTPUT`) set to temporary files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A repository checked out on a runner, and the runner's files.
struct Runner {
    home: TempDir,
    repo: PathBuf,
    summary: PathBuf,
    outputs: PathBuf,
}

/// What one run of the script left.
struct Run {
    stdout: String,
    code: i32,
}

impl Run {
    fn annotations(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| l.starts_with("::"))
            .collect()
    }
}

impl Runner {
    /// A repository whose first commit holds these `fixtures/cli` files.
    fn new(fixtures: &[&str]) -> Self {
        let home = tempfile::tempdir().expect("a temporary directory");
        let repo = home.path().join("repo");
        fs::create_dir(&repo).expect("repo directory");
        let runner = Runner {
            summary: home.path().join("step-summary.md"),
            outputs: home.path().join("outputs"),
            repo,
            home,
        };
        runner.git(&["init", "--quiet", "--initial-branch=main"]);
        for name in fixtures {
            runner.copy_fixture(name, name);
        }
        runner.commit("A list");
        runner
    }

    fn copy_fixture(&self, fixture: &str, to: &str) {
        fs::copy(
            crate_root().join("fixtures/cli").join(fixture),
            self.repo.join(to),
        )
        .expect("fixture copied");
    }

    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .args(args)
            .current_dir(&self.repo)
            .env("HOME", self.home.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}: {output:?}");
        String::from_utf8(output.stdout)
            .expect("UTF-8")
            .trim()
            .to_owned()
    }

    fn commit(&self, message: &str) -> String {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--message", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// Runs the script with a clean environment plus `env`.
    fn run_with(&self, paperlint: &Path, env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new("bash");
        cmd.arg(crate_root().join("scripts/action.sh"))
            .current_dir(&self.repo)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").expect("PATH is set"))
            .env("HOME", self.home.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("PAPERLINT", paperlint)
            .env("GITHUB_STEP_SUMMARY", &self.summary)
            .env("GITHUB_OUTPUT", &self.outputs);
        for (key, value) in env {
            cmd.env(key, value);
        }
        let output = cmd.output().expect("bash runs");
        Run {
            stdout: String::from_utf8(output.stdout).expect("UTF-8"),
            code: output.status.code().expect("exited, not killed"),
        }
    }

    fn run(&self, env: &[(&str, &str)]) -> Run {
        self.run_with(Path::new(env!("CARGO_BIN_EXE_paperlint")), env)
    }

    fn summary(&self) -> String {
        fs::read_to_string(&self.summary).unwrap_or_default()
    }

    fn outputs(&self) -> String {
        fs::read_to_string(&self.outputs).unwrap_or_default()
    }
}

#[test]
fn findings_become_annotations_a_summary_and_step_outputs() {
    let runner = Runner::new(&["errors.md", "warnings.md", "clean.md"]);
    fs::write(&runner.summary, "# An earlier step\n").expect("seeded");
    let run = runner.run(&[
        ("INPUT_PATHS", "errors.md\nwarnings.md"),
        ("INPUT_FAIL_ON", "warning"),
        ("GITHUB_SERVER_URL", "https://github.com"),
        ("GITHUB_REPOSITORY", "example-org/list"),
        ("GITHUB_SHA", "0123abc"),
    ]);
    assert_eq!(run.code, 1);

    let annotations = run.annotations();
    assert_eq!(annotations.len(), 6, "{}", run.stdout);
    assert!(
        annotations[0].starts_with("::error file=errors.md,line=5,col=110,"),
        "{}",
        annotations[0]
    );
    assert!(
        annotations
            .iter()
            .any(|a| a.starts_with("::warning file=warnings.md,line=6,"))
    );

    let summary = runner.summary();
    assert!(
        summary.starts_with("# An earlier step\n## paperlint\n"),
        "{summary}"
    );
    assert!(
        summary.contains("| `year-mismatch` | error | 1 | 0 |"),
        "{summary}"
    );
    assert!(
        summary.contains(
            "[errors.md:5](https://github.com/example-org/list/blob/0123abc/errors.md#L5)"
        ),
        "{summary}"
    );
    assert_eq!(runner.outputs(), "errors=3\nwarnings=3\nnotices=0\n");
}

#[test]
fn fail_on_sets_the_least_severity_that_fails_the_step() {
    let runner = Runner::new(&["errors.md", "warnings.md", "clean.md"]);
    let cases = [
        ("warnings.md", "error", 0),
        ("warnings.md", "warning", 1),
        ("errors.md", "error", 1),
        ("errors.md", "never", 0),
        ("clean.md", "warning", 0),
    ];
    for (path, fail_on, expected) in cases {
        let run = runner.run(&[("INPUT_PATHS", path), ("INPUT_FAIL_ON", fail_on)]);
        assert_eq!(run.code, expected, "{path} with fail-on {fail_on}");
    }
}

#[test]
fn a_pull_request_lints_only_the_markdown_it_changes() {
    let runner = Runner::new(&["errors.md", "clean.md"]);
    runner.git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
    runner.git(&["checkout", "--quiet", "-b", "feature"]);
    runner.copy_fixture("warnings.md", "my list.md");
    fs::write(runner.repo.join("notes.txt"), "not Markdown\n").expect("written");
    runner.commit("Add a list");

    let run = runner.run(&[("GITHUB_BASE_REF", "main")]);
    let annotations = run.annotations();
    assert_eq!(annotations.len(), 2, "{}", run.stdout);
    assert!(
        annotations
            .iter()
            .all(|a| a.starts_with("::warning file=my list.md,")),
        "{annotations:#?}"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_pull_request_that_changes_no_markdown_passes() {
    let runner = Runner::new(&["errors.md"]);
    runner.git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
    fs::write(runner.repo.join("notes.txt"), "not Markdown\n").expect("written");
    runner.commit("Notes");

    let run = runner.run(&[("GITHUB_BASE_REF", "main")]);
    assert_eq!(run.code, 0);
    assert!(run.annotations().is_empty(), "{}", run.stdout);
    assert!(runner.summary().contains("changes no Markdown file"));
}

#[test]
fn outside_a_pull_request_the_whole_repository_is_linted() {
    let runner = Runner::new(&["errors.md", "warnings.md", "clean.md"]);
    let run = runner.run(&[]);
    let annotations = run.annotations();
    assert_eq!(annotations.len(), 6, "{}", run.stdout);
    assert!(annotations.iter().any(|a| a.contains("file=errors.md,")));
    assert!(annotations.iter().any(|a| a.contains("file=warnings.md,")));
}

#[test]
fn a_paperlint_failure_fails_the_step_whatever_fail_on_says() {
    let runner = Runner::new(&["clean.md"]);
    let run = runner.run(&[("INPUT_PATHS", "missing.md"), ("INPUT_FAIL_ON", "never")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("::error title=paperlint::paperlint could not lint")
    );
}

#[test]
fn an_unknown_fail_on_is_refused() {
    let runner = Runner::new(&["clean.md"]);
    let run = runner.run(&[("INPUT_FAIL_ON", "sometimes")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("fail-on must be error, warning or never")
    );
}

#[test]
fn extra_args_reach_paperlint() {
    let runner = Runner::new(&["errors.md"]);
    let run = runner.run(&[
        ("INPUT_PATHS", "errors.md"),
        ("INPUT_ARGS", "--ignore year-mismatch,secret-in-url"),
    ]);
    let annotations = run.annotations();
    assert_eq!(annotations.len(), 2, "{}", run.stdout);
    assert!(annotations.iter().all(|a| !a.contains("year-mismatch")));
}

/// A stand-in for paperlint that records its arguments and reports one
/// warning, for what the real binary of this branch cannot show.
fn recording_paperlint(dir: &Path) -> (PathBuf, PathBuf) {
    let log = dir.join("arguments");
    let script = dir.join("fake-paperlint");
    fs::write(
        &script,
        format!(
            "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '{}'\n\
             echo '::warning file=a.md,line=1::m'\nexit 1\n",
            log.display()
        ),
    )
    .expect("fake written");
    let status = Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .expect("chmod runs");
    assert!(status.success());
    (script, log)
}

#[test]
fn online_passes_the_online_flag_and_only_when_true() {
    let runner = Runner::new(&["clean.md"]);
    let (fake, log) = recording_paperlint(runner.home.path());
    for (online, expected) in [("true", true), ("false", false)] {
        let run = runner.run_with(&fake, &[("INPUT_ONLINE", online)]);
        assert_eq!(run.code, 1);
        let arguments = fs::read_to_string(&log).expect("arguments recorded");
        let arguments: Vec<&str> = arguments.lines().collect();
        assert_eq!(arguments.contains(&"--online"), expected, "{arguments:?}");
        assert_eq!(&arguments[..3], ["lint", "--format", "github"]);
        assert_eq!(arguments.last(), Some(&"."));
    }
    assert_eq!(
        runner.outputs(),
        "errors=0\nwarnings=1\nnotices=0\n".repeat(2)
    );
}

#[test]
fn every_action_input_reaches_the_script() {
    let action = fs::read_to_string(crate_root().join("action.yml")).expect("action.yml");
    let inputs_block = action
        .split("\ninputs:\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("an inputs block");
    let names: Vec<&str> = inputs_block
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.trim().strip_suffix(':'))
        .collect();
    assert_eq!(names, ["paths", "args", "online", "fail-on"]);

    let script = fs::read_to_string(crate_root().join("scripts/action.sh")).expect("script");
    for name in names {
        let variable = format!("INPUT_{}", name.to_uppercase().replace('-', "_"));
        let mapping = format!("{variable}: ${{{{ inputs.{name} }}}}");
        assert!(action.contains(&mapping), "action.yml lacks `{mapping}`");
        assert!(
            script.contains(&variable),
            "action.sh never reads {variable}"
        );
    }
}
