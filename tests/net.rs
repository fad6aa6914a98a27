//! The network phase against wiremock servers on 127.0.0.1. No test
//! contacts any other host: every link in these tables is on loopback or
//! remapped there, and both APIs are pointed at a mock.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// What one run printed.
struct Run {
    findings: Vec<Value>,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn rules(&self) -> Vec<(String, String)> {
        self.findings
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["severity"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    fn with_rule(&self, rule: &str) -> Vec<&Value> {
        self.findings.iter().filter(|f| f["rule"] == rule).collect()
    }
}

/// Runs `paperlint lint --online` on `markdown`, both APIs on `api`, with
/// short timeouts so that no test waits long.
async fn lint(markdown: &str, api: &str, extra: &[&str], env: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("list.md");
    std::fs::write(&file, markdown).unwrap();
    let mut args: Vec<String> = ["lint", "--online", "--format", "json"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let defaults = [
        ("--arxiv-api", api),
        ("--github-api", api),
        ("--timeout", "2"),
        ("--retries", "1"),
        ("--max-retry-wait", "3"),
        ("--arxiv-interval", "0"),
        ("--deadline", "30"),
    ];
    for (flag, value) in defaults {
        if !extra.contains(&flag) {
            args.extend([flag.to_owned(), value.to_owned()]);
        }
    }
    if !extra.contains(&"--cache") {
        args.push("--no-cache".to_owned());
    }
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args.push(file.display().to_string());
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    tokio::task::spawn_blocking(move || run_binary(&args, &env, dir.path()))
        .await
        .unwrap()
}

fn run_binary(args: &[String], env: &[(String, String)], cwd: &Path) -> Run {
    let started = Instant::now();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_paperlint"));
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("GITHUB_TOKEN")
        .env_remove("GH_TOKEN")
        .env("CI", "true");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output().unwrap();
    let elapsed = started.elapsed();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let findings: Vec<Value> = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\nstderr: {stderr}"));
    Run {
        findings,
        stderr,
        elapsed,
    }
}

/// `--remap` sending `https://example.test/...` to the mock.
fn remap_to(server: &MockServer) -> String {
    format!(r"^https?://example\.test/(.*) {}/$1", server.uri())
}

fn feed(entries: &[(&str, &str, &str)]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>q</title>"#,
    );
    for (id, title, published) in entries {
        let _ = write!(
            xml,
            "<entry><id>http://arxiv.org/abs/{id}v1</id><published>{published}T00:00:00Z</published><title>{title}</title></entry>"
        );
    }
    xml.push_str("</feed>");
    xml
}

async fn requests_to(server: &MockServer, p: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == p)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn arxiv_titles_dates_and_unknown_ids_come_from_one_batched_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/query"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/atom+xml")
                .set_body_string(feed(&[
                    ("2301.01234", "Sparse Widgets for Everyone", "2023-01-04"),
                    ("2302.05678", "A Study of Unrelated Things", "2023-02-10"),
                ])),
        )
        .mount(&server)
        .await;
    let md = "\
| Model | Title | Paper | Year |
|---|---|---|---|
| Alpha | Sparse widgets for everyone! | [p](https://arxiv.org/abs/2301.01234v2) | 2023 |
| Beta | Dense Gadgets Revisited | [p](https://arxiv.org/abs/2302.05678) | 2023 |
| Gamma | Missing Papers | [p](https://arxiv.org/abs/2303.99999) | 2023 |
| Delta | Sparse Widgets for Everyone | [p](https://arxiv.org/pdf/2301.01234.pdf) | 2022 |
";
    let run = lint(md, &server.uri(), &[], &[]).await;

    let mismatch = run.with_rule("paper-link-mismatch");
    assert_eq!(mismatch.len(), 1, "{:?}", run.findings);
    assert_eq!(mismatch[0]["line"], 4);
    assert!(
        mismatch[0]["message"]
            .as_str()
            .unwrap()
            .contains("A Study of Unrelated Things")
    );
    let missing = run.with_rule("arxiv-id-not-found");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["line"], 5);
    // Offline, a January id lets 2022 pass; arXiv's date says 2023.
    let years = run.with_rule("year-mismatch");
    assert_eq!(years.len(), 1, "{:?}", run.findings);
    assert_eq!(years[0]["line"], 6);

    let asked = requests_to(&server, "/api/query").await;
    assert_eq!(asked.len(), 1);
    let ids = asked[0]
        .url
        .query_pairs()
        .find(|(k, _)| k == "id_list")
        .unwrap()
        .1
        .into_owned();
    let mut ids: Vec<&str> = ids.split(',').collect();
    ids.sort_unstable();
    assert_eq!(ids, ["2301.01234", "2302.05678", "2303.99999"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn arxiv_batches_follow_the_batch_size_and_an_empty_feed_finds_nothing() {
    let server = MockServer::start().await;
    Mock::given(path("/api/query"))
        .respond_with(ResponseTemplate::new(200).set_body_string(feed(&[])))
        .mount(&server)
        .await;
    let md = "\
| Model | Paper |
|---|---|
| A | [p](https://arxiv.org/abs/2301.00001) |
| B | [p](https://arxiv.org/abs/2301.00002) |
| C | [p](https://arxiv.org/abs/2301.00003) |
";
    let run = lint(md, &server.uri(), &["--arxiv-batch", "2"], &[]).await;
    assert_eq!(run.with_rule("arxiv-id-not-found").len(), 3);
    assert_eq!(requests_to(&server, "/api/query").await.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn renamed_missing_and_archived_repositories() {
    let server = MockServer::start().await;
    Mock::given(path("/repos/old-org/seq-kit"))
        .respond_with(
            ResponseTemplate::new(301)
                .insert_header("location", format!("{}/repositories/123", server.uri())),
        )
        .mount(&server)
        .await;
    Mock::given(path("/repositories/123"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"full_name":"new-org/seq-kit","archived":false}"#),
        )
        .mount(&server)
        .await;
    Mock::given(path("/repos/new-org/seq-kit"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"full_name":"new-org/seq-kit","archived":false}"#),
        )
        .mount(&server)
        .await;
    Mock::given(path("/repos/example-org/gone-repo"))
        .respond_with(ResponseTemplate::new(404).set_body_string(r#"{"message":"Not Found"}"#))
        .mount(&server)
        .await;
    Mock::given(path("/repos/example-org/old-repo"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"full_name":"example-org/old-repo","archived":true}"#),
        )
        .mount(&server)
        .await;
    let md = "\
| Model | Code |
|---|---|
| Seq | [![stars](https://img.shields.io/github/stars/old-org/seq-kit)](https://github.com/old-org/seq-kit) |
| Seq2 | [![stars](https://img.shields.io/github/stars/old-org/seq-kit)](https://github.com/new-org/seq-kit) |
| Gone | [code](https://github.com/example-org/gone-repo) |
| Old | [code](https://github.com/example-org/old-repo) |
| Seq3 | [code](https://github.com/Old-Org/seq-kit/tree/main/examples) |
";
    let run = lint(md, &server.uri(), &[], &[]).await;
    let moved = run.with_rule("redirected-link");
    assert_eq!(moved.len(), 3, "{:?}", run.findings);
    for finding in &moved {
        assert!(
            finding["message"]
                .as_str()
                .unwrap()
                .contains("`new-org/seq-kit`")
        );
        assert_eq!(finding["fix"]["applicability"], "safe");
    }
    assert!(
        run.with_rule("badge-repo-mismatch").is_empty(),
        "{:?}",
        run.findings
    );
    let broken = run.with_rule("broken-link");
    assert_eq!(broken.len(), 1);
    assert_eq!(
        (broken[0]["line"].as_u64(), broken[0]["severity"].as_str()),
        (Some(5), Some("error"))
    );
    let archived = run.with_rule("archived-repo");
    assert_eq!(archived.len(), 1);
    assert_eq!(archived[0]["severity"], "info");
    // One request per distinct repository, however many rows name it.
    assert_eq!(
        requests_to(&server, "/repos/old-org/seq-kit").await.len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_token_reaches_the_api_host_only_even_through_a_redirect() {
    let api = MockServer::start().await;
    let other = MockServer::start().await;
    let page = MockServer::start().await;
    Mock::given(path("/repos/o/r"))
        .respond_with(
            ResponseTemplate::new(301)
                .insert_header("location", format!("{}/repositories/1", other.uri())),
        )
        .mount(&api)
        .await;
    Mock::given(path("/repositories/1"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"full_name":"o/r"}"#))
        .mount(&other)
        .await;
    Mock::given(path("/paper"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&page)
        .await;
    let md = "\
| Model | Paper | Code |
|---|---|---|
| A | [p](https://example.test/paper) | [c](https://github.com/o/r) |
";
    let remap = remap_to(&page);
    // The other host is on loopback but named by nobody: allow it, so the
    // redirect is followed and its request can be inspected.
    let run = lint(
        md,
        &api.uri(),
        &["--remap", &remap, "--allow-private"],
        &[("GITHUB_TOKEN", "test-token")],
    )
    .await;
    assert!(
        run.with_rule("broken-link").is_empty(),
        "{:?}",
        run.findings
    );
    let to_api = requests_to(&api, "/repos/o/r").await;
    assert_eq!(to_api.len(), 1);
    assert_eq!(
        to_api[0].headers.get("authorization").unwrap(),
        "Bearer test-token"
    );
    let to_other = requests_to(&other, "/repositories/1").await;
    assert_eq!(to_other.len(), 1);
    assert!(to_other[0].headers.get("authorization").is_none());
    let to_page = page.received_requests().await.unwrap();
    assert!(!to_page.is_empty());
    assert!(
        to_page
            .iter()
            .all(|r| r.headers.get("authorization").is_none())
    );
    assert!(to_page.iter().all(|r| {
        r.headers
            .get("user-agent")
            .is_some_and(|ua| ua.to_str().unwrap().starts_with("paperlint/"))
    }));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_spent_rate_limit_is_reported_once_as_unchecked_not_broken() {
    let server = MockServer::start().await;
    let reset = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("x-ratelimit-limit", "60")
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", reset.to_string().as_str())
                .set_body_string(r#"{"message":"API rate limit exceeded"}"#),
        )
        .mount(&server)
        .await;
    let md = "\
| Model | Code |
|---|---|
| A | [c](https://github.com/example-org/repo-1) |
| B | [c](https://github.com/example-org/repo-2) |
| C | [c](https://github.com/example-org/repo-3) |
";
    let run = lint(md, &server.uri(), &["--max-per-host", "1"], &[]).await;
    assert!(run.findings.is_empty(), "{:?}", run.findings);
    assert_eq!(
        run.stderr.matches("were not checked").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("3 GitHub repositories"));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_lifts_the_limit_that_stops_anonymous_runs() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer test-token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"full_name":"a/b"}"#))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "99999999999"),
        )
        .mount(&server)
        .await;
    let md = "| Model | Code |\n|---|---|\n| A | [c](https://github.com/a/b) |\n";
    let anonymous = lint(md, &server.uri(), &[], &[]).await;
    assert!(anonymous.stderr.contains("were not checked"));
    let with_token = lint(md, &server.uri(), &[], &[("GH_TOKEN", "test-token")]).await;
    assert!(
        !with_token.stderr.contains("were not checked"),
        "{}",
        with_token.stderr
    );
    assert!(with_token.findings.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn statuses_are_classified_errors_and_warnings() {
    let server = MockServer::start().await;
    for (p, status) in [
        ("/ok", 200),
        ("/gone", 404),
        ("/deleted", 410),
        ("/gated", 401),
        ("/denied", 403),
        ("/in/someone", 999),
        ("/down", 503),
    ] {
        Mock::given(path(p))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
    }
    let md = "\
| Model | Paper |
|---|---|
| A | [p](https://example.test/ok) |
| B | [p](https://example.test/gone) |
| C | [p](https://example.test/deleted) |
| D | [p](https://example.test/gated) |
| E | [p](https://example.test/denied) |
| F | [p](https://example.test/in/someone) |
| G | [p](https://example.test/down) |
";
    let run = lint(md, &server.uri(), &["--remap", &remap_to(&server)], &[]).await;
    let by_line: Vec<(u64, &str)> = run
        .with_rule("broken-link")
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        by_line,
        [
            (4, "error"),
            (5, "error"),
            (6, "warning"),
            (7, "warning"),
            (8, "warning"),
            (9, "warning"),
        ]
    );
    // 503 is retried: HEAD, then GET and one retry.
    assert_eq!(requests_to(&server, "/down").await.len(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn head_refused_falls_back_to_get() {
    let server = MockServer::start().await;
    for (p, head) in [("/head405", 405), ("/head404", 404), ("/head500", 500)] {
        Mock::given(method("HEAD"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(head).insert_header("allow", "GET"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
    }
    let md = "\
| Model | Paper | PDF | Link |
|---|---|---|---|
| A | [p](https://example.test/head405) | [q](https://example.test/head404) | [r](https://example.test/head500) |
";
    let run = lint(md, &server.uri(), &["--remap", &remap_to(&server)], &[]).await;
    assert!(run.findings.is_empty(), "{:?}", run.findings);
    for p in ["/head405", "/head404", "/head500"] {
        let methods: Vec<String> = requests_to(&server, p)
            .await
            .iter()
            .map(|r| r.method.to_string())
            .collect();
        assert_eq!(methods, ["HEAD", "GET"], "{p}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn redirects_are_followed_classified_and_fixed() {
    let server = MockServer::start().await;
    let redirect =
        |status: u16, to: &str| ResponseTemplate::new(status).insert_header("location", to);
    Mock::given(path("/r301to404"))
        .respond_with(redirect(301, "/gone"))
        .mount(&server)
        .await;
    Mock::given(path("/gone"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    for i in 0..6 {
        Mock::given(path(format!("/doi/hop{i}")))
            .respond_with(redirect(302, &format!("/doi/hop{}", i + 1)))
            .mount(&server)
            .await;
    }
    Mock::given(path("/doi/hop6"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(path("/loop-a"))
        .respond_with(redirect(302, "/loop-b"))
        .mount(&server)
        .await;
    Mock::given(path("/loop-b"))
        .respond_with(redirect(302, "loop-a"))
        .mount(&server)
        .await;
    Mock::given(path("/old-page"))
        .respond_with(redirect(301, "/new-page"))
        .mount(&server)
        .await;
    Mock::given(path("/new-page"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    for i in 0..12 {
        Mock::given(path(format!("/far/{i}")))
            .respond_with(redirect(308, &format!("/far/{}", i + 1)))
            .mount(&server)
            .await;
    }
    let md = "\
| Model | Paper |
|---|---|
| A | [p](https://example.test/r301to404) |
| B | [p](https://example.test/doi/hop0) |
| C | [p](https://example.test/loop-a) |
| D | [p](https://example.test/old-page#results) |
| E | [p](https://example.test/far/0) |
";
    let run = lint(md, &server.uri(), &["--remap", &remap_to(&server)], &[]).await;
    let broken: Vec<(u64, &str)> = run
        .with_rule("broken-link")
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        broken,
        [(3, "error"), (5, "warning"), (7, "warning")],
        "{:?}",
        run.findings
    );
    assert!(
        run.with_rule("broken-link")[0]["message"]
            .as_str()
            .unwrap()
            .contains("/gone")
    );
    assert!(
        run.with_rule("broken-link")[1]["message"]
            .as_str()
            .unwrap()
            .contains("loop")
    );
    let moved = run.with_rule("redirected-link");
    assert_eq!(moved.len(), 1, "{:?}", run.findings);
    assert_eq!(moved[0]["line"], 6);
    // The fix keeps the fragment and names the host as written, not the mock.
    assert_eq!(
        moved[0]["fix"]["title"],
        "Link `https://example.test/new-page#results` directly"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn doi_links_are_never_fixed_to_the_publisher() {
    let server = MockServer::start().await;
    Mock::given(path("/10.1000/xyz123"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", "/publisher/article"))
        .mount(&server)
        .await;
    Mock::given(path("/publisher/article"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let md = "| Model | Paper |\n|---|---|\n| A | [doi](https://doi.org/10.1000/xyz123) |\n";
    let remap = format!(r"^https://doi\.org/(.*) {}/$1", server.uri());
    let run = lint(md, &server.uri(), &["--remap", &remap], &[]).await;
    assert!(run.findings.is_empty(), "{:?}", run.findings);
    assert_eq!(requests_to(&server, "/publisher/article").await.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn retry_after_is_honoured_in_both_forms_and_capped() {
    let server = MockServer::start().await;
    Mock::given(path("/rl-seconds"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    Mock::given(path("/rl-date"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", soon.as_str()))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(path("/rl-forever"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "86400"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let md = "\
| Model | Paper | PDF | Link |
|---|---|---|---|
| A | [p](https://example.test/rl-seconds) | [q](https://example.test/rl-date) | [r](https://example.test/rl-forever) |
";
    let run = lint(md, &server.uri(), &["--remap", &remap_to(&server)], &[]).await;
    let findings = run.with_rule("broken-link");
    assert_eq!(findings.len(), 1, "{:?}", run.findings);
    assert_eq!(findings[0]["severity"], "warning");
    assert!(findings[0]["message"].as_str().unwrap().contains("86400"));
    // Waited as asked (1 s, and the date about 1-2 s ahead), not 86400 s.
    assert!(
        run.elapsed >= Duration::from_millis(900),
        "{:?}",
        run.elapsed
    );
    assert!(run.elapsed < Duration::from_secs(15), "{:?}", run.elapsed);
    assert_eq!(requests_to(&server, "/rl-forever").await.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_host_times_out_as_a_warning_within_the_deadline() {
    let server = MockServer::start().await;
    Mock::given(path("/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let md = "| Model | Paper |\n|---|---|\n| A | [p](https://example.test/slow) |\n";
    let run = lint(
        md,
        &server.uri(),
        &[
            "--remap",
            &remap_to(&server),
            "--timeout",
            "0.5",
            "--retries",
            "0",
        ],
        &[],
    )
    .await;
    let findings = run.with_rule("broken-link");
    assert_eq!(findings.len(), 1, "{:?}", run.findings);
    assert_eq!(findings[0]["severity"], "warning");
    assert!(findings[0]["message"].as_str().unwrap().contains("in time"));
    assert!(run.elapsed < Duration::from_secs(4), "{:?}", run.elapsed);

    let deadline = lint(
        md,
        &server.uri(),
        &[
            "--remap",
            &remap_to(&server),
            "--timeout",
            "10",
            "--deadline",
            "1",
        ],
        &[],
    )
    .await;
    assert!(deadline.stderr.contains("deadline"), "{}", deadline.stderr);
    assert!(
        deadline.elapsed < Duration::from_secs(4),
        "{:?}",
        deadline.elapsed
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tls_failure_is_broken() {
    // An https URL to a plain-HTTP mock: the handshake fails.
    let server = MockServer::start().await;
    let remap = format!(
        r"^https://example\.test/(.*) https://127.0.0.1:{}/$1",
        server.address().port()
    );
    let md = "| Model | Paper |\n|---|---|\n| A | [p](https://example.test/paper.pdf) |\n";
    let run = lint(md, &server.uri(), &["--remap", &remap], &[]).await;
    let findings = run.with_rule("broken-link");
    assert_eq!(findings.len(), 1, "{:?}", run.findings);
    assert_eq!(findings[0]["severity"], "error");
    assert!(
        findings[0]["message"].as_str().unwrap().contains("TLS"),
        "{:?}",
        findings[0]
    );
}

/// A server that announces a 10 GB body and sends a trickle of it, never
/// finishing: a checker that reads bodies would time out on it.
fn endless_body_server() -> (u16, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        listener.set_nonblocking(false).unwrap();
        for stream in listener.incoming().take(2) {
            let mut stream = stream.unwrap();
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]).starts_with("HEAD");
            if head {
                let _ = stream
                    .write_all(b"HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                continue;
            }
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 10000000000\r\n\r\n");
            let _ = stream.write_all(&vec![b'x'; 65536]);
            std::thread::sleep(Duration::from_secs(4));
        }
    });
    (port, handle)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_huge_body_is_not_downloaded() {
    let (port, server) = endless_body_server();
    let api = MockServer::start().await;
    let remap = format!(r"^https://example\.test/(.*) http://127.0.0.1:{port}/$1");
    let md = "| Model | Paper |\n|---|---|\n| A | [p](https://example.test/huge.pdf) |\n";
    let run = lint(md, &api.uri(), &["--remap", &remap, "--timeout", "3"], &[]).await;
    // Reading the body would run into the 3 s timeout, a finding.
    assert!(run.findings.is_empty(), "{:?}", run.findings);
    server.join().unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn private_targets_are_refused_before_connecting() {
    let server = MockServer::start().await;
    let unnamed = MockServer::start().await;
    Mock::given(path("/secret"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&unnamed)
        .await;
    Mock::given(path("/to-loopback"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/secret", unnamed.uri())),
        )
        .mount(&server)
        .await;
    Mock::given(path("/to-metadata"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", "http://169.254.169.254/latest/meta-data/"),
        )
        .mount(&server)
        .await;
    let md = format!(
        "\
| Model | Paper | PDF | Link |
|---|---|---|---|
| A | [p](https://example.test/to-loopback) | [q](https://example.test/to-metadata) | [r]({}/secret) |
",
        unnamed.uri()
    );
    let run = lint(&md, &server.uri(), &["--remap", &remap_to(&server)], &[]).await;
    let refused: Vec<&Value> = run
        .with_rule("broken-link")
        .into_iter()
        .filter(|f| f["message"].as_str().unwrap().contains("refused"))
        .collect();
    assert_eq!(refused.len(), 3, "{:?}", run.findings);
    assert!(refused.iter().all(|f| f["severity"] == "warning"));
    assert!(
        refused[1]["message"]
            .as_str()
            .unwrap()
            .contains("169.254.169.254")
    );
    // Refused before connecting: the unnamed server saw nothing.
    assert!(unnamed.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn allow_private_lets_loopback_through() {
    let unnamed = MockServer::start().await;
    Mock::given(path("/secret"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&unnamed)
        .await;
    let md = format!(
        "| Model | Paper |\n|---|---|\n| A | [p]({}/secret) |\n",
        unnamed.uri()
    );
    let run = lint(&md, &unnamed.uri(), &["--allow-private"], &[]).await;
    assert!(run.findings.is_empty(), "{:?}", run.findings);
    assert!(!unnamed.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_warm_cache_sends_no_request_and_counts_failures_across_runs() {
    let server = MockServer::start().await;
    Mock::given(path("/ok"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(path("/flaky"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    Mock::given(path("/api/query"))
        .respond_with(ResponseTemplate::new(200).set_body_string(feed(&[(
            "2301.01234",
            "Sparse Widgets for Everyone",
            "2023-01-04",
        )])))
        .mount(&server)
        .await;
    Mock::given(path("/repos/a/b"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"full_name":"a/b"}"#))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache/online.json");
    let cache = cache.to_str().unwrap();
    let remap = remap_to(&server);
    let good = "\
| Model | Title | Paper | Code |
|---|---|---|---|
| A | Sparse Widgets for Everyone | [p](https://arxiv.org/abs/2301.01234) | [c](https://github.com/a/b) [d](https://example.test/ok) |
";
    let args = ["--remap", remap.as_str(), "--cache", cache];
    let first = lint(good, &server.uri(), &args, &[]).await;
    assert!(first.findings.is_empty(), "{:?}", first.findings);
    let sent = server.received_requests().await.unwrap().len();
    assert!(sent >= 3);
    let second = lint(good, &server.uri(), &args, &[]).await;
    assert!(second.findings.is_empty());
    assert_eq!(server.received_requests().await.unwrap().len(), sent);

    let flaky = "| Model | Paper |\n|---|---|\n| A | [p](https://example.test/flaky) |\n";
    let args = [
        "--remap",
        remap.as_str(),
        "--cache",
        cache,
        "--fail-after",
        "2",
    ];
    let once = lint(flaky, &server.uri(), &args, &[]).await;
    assert_eq!(
        once.rules(),
        [("broken-link".to_owned(), "warning".to_owned())]
    );
    let twice = lint(flaky, &server.uri(), &args, &[]).await;
    assert_eq!(
        twice.rules(),
        [("broken-link".to_owned(), "error".to_owned())]
    );

    std::fs::write(cache, "\u{0}garbage").unwrap();
    let corrupt = lint(
        good,
        &server.uri(),
        &["--remap", remap.as_str(), "--cache", cache],
        &[],
    )
    .await;
    assert!(corrupt.findings.is_empty());
    assert!(
        corrupt.stderr.contains("ignoring the cache"),
        "{}",
        corrupt.stderr
    );
    let written: Value = serde_json::from_str(&std::fs::read_to_string(cache).unwrap()).unwrap();
    assert_eq!(written["format"], "paperlint-online-cache");
}

/// The online rules' fixtures against one mock that answers for every
/// host: each `bad.md` triggers its rule, each `good.md` finds nothing.
#[tokio::test]
async fn online_fixtures_trigger_their_rule_and_good_ones_do_not() {
    let server = MockServer::start().await;
    let repo = |name: &str, archived: bool| {
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"full_name": name, "archived": archived}))
    };
    let routes = [
        (
            "/repos/example-org/deleted-repo",
            ResponseTemplate::new(404),
        ),
        ("/repos/example-org/alpha", repo("example-org/alpha", false)),
        (
            "/repos/example-org/archived-alpha",
            repo("example-org/archived-alpha", true),
        ),
        (
            "/repos/facebookresearch/fairseq",
            repo("facebookresearch/fairseq", false),
        ),
        (
            "/repos/pytorch/fairseq",
            ResponseTemplate::new(301).insert_header(
                "location",
                format!("{}/repositories/7", server.uri()).as_str(),
            ),
        ),
        ("/repositories/7", repo("facebookresearch/fairseq", false)),
    ];
    for (at, answer) in routes {
        Mock::given(method("GET"))
            .and(path(at))
            .respond_with(answer)
            .mount(&server)
            .await;
    }
    let arxiv = feed(&[("2301.01234", "A Real Paper", "2023-01-05")]);
    Mock::given(path("/api/query"))
        .respond_with(ResponseTemplate::new(200).set_body_string(arxiv))
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200))
        .with_priority(10)
        .mount(&server)
        .await;

    let remap = format!(r"^https?://(.*) {}/$1", server.uri());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for rule in [
        "broken-link",
        "redirected-link",
        "arxiv-id-not-found",
        "archived-repo",
    ] {
        for (file, expected) in [("bad.md", true), ("good.md", false)] {
            let text =
                std::fs::read_to_string(root.join("fixtures").join(rule).join(file)).unwrap();
            let run = lint(&text, &server.uri(), &["--remap", &remap], &[]).await;
            let found = !run.with_rule(rule).is_empty();
            assert_eq!(
                found,
                expected,
                "{rule}/{file}: {:?}\n{}",
                run.rules(),
                run.stderr
            );
        }
    }
}
