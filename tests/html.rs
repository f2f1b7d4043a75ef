//! `--format html`: the report of `fixtures/html-report` (whose files carry `<script>` in link text
//! and in front matter) checked as text (one self-contained file, file content escaped, nothing
//! fetched) and, where Debian's `chromium` is installed, in headless Chromium: a screenshot, the
//! DOM after the page's script ran, and Chromium's own log of every network request.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin_cmd;
use regex::Regex;
use serde_json::Value;
use tempfile::TempDir;

const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";
const DATA_OPEN: &str = r#"<script type="application/json" id="loclint-data">"#;

/// The fixture's report, written by the binary into a fresh folder.
struct Report {
    dir: TempDir,
    path: PathBuf,
    html: String,
}

fn report() -> Report {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let output = cargo_bin_cmd!("loclint")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "fixtures/html-report",
            "--format",
            "html",
            "--output",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "the fixture has errors; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stdout.is_empty(),
        "with --output the report goes to the file"
    );
    let html = std::fs::read_to_string(&path).unwrap();
    Report { dir, path, html }
}

/// The JSON data block and the page around it.
fn split(html: &str) -> (&str, &str, &str) {
    let start = html.find(DATA_OPEN).expect("a JSON data block") + DATA_OPEN.len();
    let end = start
        + html[start..]
            .find("</script>")
            .expect("the data block ends");
    (&html[..start], &html[start..end], &html[end..])
}

/// Elements whose `src`, `href`, `action` or similar attribute loads something from a host.
fn remote_references(markup: &str) -> Vec<String> {
    let tag = Regex::new(r"<[a-zA-Z][^<>]*>").unwrap();
    let remote = Regex::new(
        r#"(?i)\s(src|href|srcset|action|formaction|poster|data|background|xlink:href)\s*=\s*["']?\s*(https?:|wss?:|ftp:|//)"#,
    )
    .unwrap();
    tag.find_iter(markup)
        .map(|m| m.as_str())
        .filter(|t| remote.is_match(t))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_report_is_one_self_contained_file() {
    let report = report();
    let html = &report.html;
    assert!(html.starts_with("<!doctype html>"), "{}", &html[..80]);
    assert!(
        html.contains(&format!(
            r#"<meta http-equiv="Content-Security-Policy" content="{CSP}">"#
        )),
        "the page forbids every load but inline styles, inline scripts and data: images"
    );
    let (before, data, after) = split(html);
    let external_script = Regex::new(r"<script[^>]*\ssrc").unwrap();
    for markup in [before, after] {
        assert_eq!(remote_references(markup), Vec::<String>::new());
        for external in [
            "<link", "@import", "url(http", "<iframe", "<object", "<embed",
        ] {
            assert!(!markup.contains(external), "the page has `{external}`");
        }
        assert!(!external_script.is_match(markup), "an external script");
    }
    assert_eq!(
        html.matches("<script").count(),
        2,
        "the data block and the page's own script"
    );
    // The links of the fixture are in the data, as text.
    assert!(data.contains("https://docs.microsoft.com/MicrosoftTeams/rooms/rooms-plan"));
    assert_eq!(remote_references(data), Vec::<String>::new());
}

#[test]
fn text_from_the_files_is_escaped() {
    let report = report();
    let (_, data, _) = split(&report.html);
    for c in ['<', '>', '&'] {
        assert!(!data.contains(c), "`{c}` is written raw in the data block");
    }
    assert!(data.contains(r"\u003cscript\u003ealert("));
    assert!(!report.html.contains("<script>alert"));
    let document: Value = serde_json::from_str(data).expect("the data block is JSON");
    let strings: Vec<&str> = document["strings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for from_the_files in [
        r#"<script>alert("link text")</script>"#,
        "<script>alert('front matter')</script>",
    ] {
        assert!(
            strings.iter().any(|s| s.contains(from_the_files)),
            "`{from_the_files}` is not in the data: {strings:?}"
        );
    }
    // Every finding is there with its line; the nine that have a reference, with its line too.
    let findings = document["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 10);
    let line_parts = |place: &Value| place["t"].as_array().map_or(0, Vec::len);
    assert!(findings.iter().all(|f| line_parts(&f["at"]) == 3));
    let references: Vec<&Value> = findings
        .iter()
        .map(|f| &f["x"])
        .filter(|x| !x.is_null())
        .collect();
    assert_eq!(references.len(), 9);
    assert!(references.iter().all(|x| line_parts(x) == 3));
    assert_eq!(document["source_locale"], "en-US");
}

// ---------- headless Chromium ----------

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    path.is_file().then_some(path)
}

/// Says, past the test harness's capture, why a browser test did not run.
fn skip(test: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "{test}: skipped: chromium not installed (apt-get install chromium)"
    );
}

/// What one headless run printed and which requests the page made.
struct Run {
    stdout: String,
    page_requests: Vec<String>,
}

/// Runs headless Chromium on `url` with a fresh profile and a log of its network activity.
fn headless(browser: &Path, work: &Path, name: &str, args: &[String], url: &str) -> Run {
    let profile = work.join(format!("{name}-profile"));
    let net_log = work.join(format!("{name}-net.json"));
    // Files, not pipes: a dumped DOM larger than a pipe's buffer would block Chromium.
    let stdout_path = work.join(format!("{name}-stdout.html"));
    let stderr_path = work.join(format!("{name}-stderr.txt"));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", net_log.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        status.success(),
        "chromium failed: {}",
        std::fs::read_to_string(&stderr_path).unwrap_or_default()
    );
    Run {
        stdout: std::fs::read_to_string(&stdout_path).unwrap(),
        page_requests: page_requests(&net_log),
    }
}

/// The URLs the page itself asked for, from Chromium's network log. The browser's own background
/// requests (update checks and the like) have no initiating origin; a page opened from disk
/// initiates with the opaque origin `null`.
fn page_requests(net_log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(net_log)
        .unwrap_or_else(|e| panic!("no NetLog at {}: {e}", net_log.display()));
    let log: Value = serde_json::from_str(&text).expect("the NetLog is JSON");
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .expect("the NetLog names URL_REQUEST_START_JOB");
    log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start))
        .map(|e| &e["params"])
        .filter(|p| p["initiator"].as_str() != Some("not an origin"))
        .filter_map(|p| p["url"].as_str())
        .filter(|url| !url.starts_with("file:") && !url.starts_with("data:"))
        .map(str::to_owned)
        .collect()
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR",
        "not a PNG"
    );
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn headless_chromium_draws_the_matrix_and_the_findings() {
    let Some(browser) = chromium() else {
        skip("headless_chromium_draws_the_matrix_and_the_findings");
        return;
    };
    let report = report();
    let work = report.dir.path();
    let url = file_url(&report.path);

    let png = work.join("report.png");
    let shot = headless(
        &browser,
        work,
        "screenshot",
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,1600".to_owned(),
            "--virtual-time-budget=5000".to_owned(),
        ],
        &url,
    );
    let bytes = std::fs::read(&png).expect("chromium wrote the screenshot");
    assert_eq!(png_size(&bytes), (1280, 1600));
    assert!(
        bytes.len() > 60_000,
        "a {}-byte screenshot is too plain to show the report",
        bytes.len()
    );

    let dom = headless(
        &browser,
        work,
        "dom",
        &[
            "--virtual-time-budget=5000".to_owned(),
            "--dump-dom".to_owned(),
        ],
        &url,
    );
    let dom_text = &dom.stdout;
    assert!(
        dom_text.contains(r#"data-ready="true""#),
        "the page's script did not finish: {}",
        &dom_text[..dom_text.len().min(2000)]
    );
    // The matrix: a row per locale, a column per rule with findings, and the totals.
    let matrix = between(
        dom_text,
        r#"<table class="matrix" id="matrix">"#,
        "</table>",
    );
    for row in ["ar-SA", "de-DE", "en-US", "fr-FR", "he-IL"] {
        assert!(
            matrix.contains(&format!(r#"<th scope="row" class="locale">{row}</th>"#)),
            "no matrix row for {row}"
        );
    }
    for rule in [
        "link-missing",
        "link-url-mismatch",
        "front-matter-invariant-mismatch",
    ] {
        assert!(matrix.contains(&format!(r#"title="{rule}: "#)) || matrix.contains(rule));
    }
    assert!(matrix.contains("All locales"), "no totals row");
    // The per-article view tells the article broken in every translation from the others.
    let articles = between(
        dom_text,
        r#"<table class="articles" id="articles">"#,
        "</table>",
    );
    assert!(articles.contains("password-reset.md") && articles.contains("every translation"));
    // A finding, with both lines and its rule's summary.
    let findings = between(dom_text, r#"<ol class="findings" id="findings""#, "</ol>");
    assert_eq!(findings.matches(r#"<li class="finding "#).count(), 10);
    assert!(findings.contains("differs in letter case"));
    assert!(findings.contains("Reference · en-US"));
    assert!(findings.contains("a translated link points somewhere other than the reference link"));
    // Hebrew and Arabic lines are laid out right to left, the English reference left to right.
    let lines = |dir: &str| -> Vec<&str> {
        let open = format!(r#"<div class="code" dir="{dir}">"#);
        findings
            .split(open.as_str())
            .skip(1)
            .map(|rest| &rest[..rest.find("</div>").unwrap_or(rest.len())])
            .collect()
    };
    assert!(
        lines("rtl")
            .iter()
            .any(|l| l.contains("לפני רכישת") && l.contains("&lt;script&gt;")),
        "the he-IL line with `<script>` in its link text, right to left"
    );
    assert!(lines("rtl").iter().any(|l| l.contains("قبل شراء")));
    assert!(
        lines("ltr")
            .iter()
            .any(|l| l.contains("Before you buy devices"))
    );
    // `<script>` from the link text and the front matter is text, never an element.
    assert!(findings.contains("&lt;script&gt;alert('front matter')&lt;/script&gt;"));
    assert!(findings.contains(r#"&lt;script&gt;alert("link text")&lt;/script&gt;"#));
    assert!(!dom_text.contains("<script>alert"));
    assert_eq!(dom_text.matches("<script").count(), 2);
    assert_eq!(remote_references(dom_text), Vec::<String>::new());

    for run in [&shot, &dom] {
        assert_eq!(
            run.page_requests,
            Vec::<String>::new(),
            "the page made network requests"
        );
    }
}

#[test]
fn the_network_check_sees_a_page_request() {
    let Some(browser) = chromium() else {
        skip("the_network_check_sees_a_page_request");
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let page = work.path().join("loads.html");
    // Port 9 on this machine: the request is made and refused, nothing leaves the host.
    std::fs::write(
        &page,
        r#"<!doctype html><img src="http://127.0.0.1:9/pixel.png">"#,
    )
    .unwrap();
    let run = headless(
        &browser,
        work.path(),
        "probe",
        &[
            "--virtual-time-budget=3000".to_owned(),
            "--dump-dom".to_owned(),
        ],
        &file_url(&page),
    );
    assert_eq!(
        run.page_requests,
        vec!["http://127.0.0.1:9/pixel.png".to_owned()]
    );
}

/// The text from `open` up to the first `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text
        .find(open)
        .unwrap_or_else(|| panic!("no `{open}` in the rendered page"));
    let end = text[start..].find(close).map_or(text.len(), |i| start + i);
    &text[start..end]
}
