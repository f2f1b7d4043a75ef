//! The command line, run as a process: exit codes, each output format, rule selection,
//! configuration errors, and `rules` / `explain` from outside the repository.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use tempfile::TempDir;

const RULE: &str = "link-text-literal-altered";

fn loclint() -> Command {
    let mut command = cargo_bin_cmd!("loclint");
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    command
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds")
}

/// A writable copy of `fixtures/seeds` in a temporary folder.
fn seeds_copy() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        fs::write(
            dir.path().join(path.file_name().unwrap()),
            fs::read(&path).unwrap(),
        )
        .unwrap();
    }
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(command: &mut Command) -> Run {
    let output = command.output().unwrap();
    Run {
        code: output
            .status
            .code()
            .expect("loclint was killed by a signal"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// `path:line:col: severity[rule] message` → (path, line, column, severity, rule).
fn concise_line(line: &str) -> (String, usize, usize, String, String) {
    let (location, rest) = line
        .split_once(": ")
        .unwrap_or_else(|| panic!("not a concise line: {line}"));
    let mut parts = location.rsplitn(3, ':');
    let column = parts
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no column: {line}"));
    let row = parts
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("no line: {line}"));
    let path = parts
        .next()
        .unwrap_or_else(|| panic!("no path: {line}"))
        .to_owned();
    let (severity, rest) = rest
        .split_once('[')
        .unwrap_or_else(|| panic!("no rule: {line}"));
    let (rule, message) = rest
        .split_once("] ")
        .unwrap_or_else(|| panic!("no message: {line}"));
    assert!(!message.is_empty(), "empty message: {line}");
    (path, row, column, severity.to_owned(), rule.to_owned())
}

/// `loclint check fixtures/seeds <args>`, run from the repository root.
fn check_seeds(args: &[&str]) -> Run {
    run(loclint().arg("check").arg("fixtures/seeds").args(args))
}

#[test]
fn concise_on_the_seeds_reports_altered_link_text_and_exits_1() {
    // The seeds have warnings of other rules too (punctuation moved into link text).
    let out = check_seeds(&["--format", "concise", "--select", RULE]);
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    let lines: Vec<_> = out.stdout.lines().map(concise_line).collect();
    assert!(!lines.is_empty(), "no finding on the seeds");
    for (path, line, column, severity, rule) in &lines {
        assert!(
            path.starts_with("fixtures/seeds/")
                && Path::new(path).extension().is_some_and(|e| e == "md"),
            "{path}"
        );
        assert!(*line >= 1 && *column >= 1);
        assert_eq!((severity.as_str(), rule.as_str()), ("error", RULE));
    }
    assert!(
        out.stderr.contains(&format!("{} errors", lines.len())),
        "summary line: {}",
        out.stderr
    );
}

#[test]
fn human_on_the_seeds_names_the_rule_and_exits_1() {
    let out = check_seeds(&["--format", "human", "--color", "never"]);
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    assert!(out.stdout.contains(RULE), "{}", out.stdout);
    assert!(
        !out.stdout.contains('\u{1b}'),
        "color codes with --color never"
    );
}

#[test]
fn json_on_the_seeds_has_the_documented_fields() {
    // The seeds have warnings of other rules too (punctuation moved into link text).
    let out = check_seeds(&["--format", "json", "--select", RULE]);
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    let document: Value =
        serde_json::from_str(&out.stdout).expect("--format json prints one JSON document");
    assert_eq!(document["version"], 1);
    let diagnostics = document["diagnostics"]
        .as_array()
        .expect("`diagnostics` is an array");
    assert!(!diagnostics.is_empty());
    let number = |value: &Value, key: &str| -> u64 {
        let n = value[key]
            .as_u64()
            .unwrap_or_else(|| panic!("`{key}` is not a number in {value}"));
        assert!(n >= 1, "`{key}` is 1-based in {value}");
        n
    };
    let text_or_null = |value: &Value, key: &str| {
        assert!(
            value.get(key).is_some_and(|v| v.is_string() || v.is_null()),
            "`{key}` is not a string or null in {value}"
        );
    };
    let text = |value: &Value, key: &str| -> String {
        value[key]
            .as_str()
            .unwrap_or_else(|| panic!("`{key}` is not a string in {value}"))
            .to_owned()
    };
    let mut related_seen = 0;
    for d in diagnostics {
        assert_eq!(text(d, "rule"), RULE);
        assert_eq!(text(d, "severity"), "error");
        assert!(text(d, "path").starts_with("fixtures/seeds/"), "{d}");
        text_or_null(d, "locale");
        assert!(!text(d, "article").is_empty());
        let start = (number(d, "line"), number(d, "column"));
        let end = (number(d, "end_line"), number(d, "end_column"));
        assert!(start <= end, "{d}");
        assert!(!text(d, "message").is_empty());
        text_or_null(d, "help");
        for r in d["related"]
            .as_array()
            .unwrap_or_else(|| panic!("`related` is not an array in {d}"))
        {
            related_seen += 1;
            assert!(text(r, "path").starts_with("fixtures/seeds/"), "{r}");
            text_or_null(r, "locale");
            number(r, "line");
            number(r, "column");
            assert!(!text(r, "message").is_empty());
        }
    }
    assert!(
        related_seen > 0,
        "the seeds' findings point at the reference link"
    );
    let summary = &document["summary"];
    let count = |key: &str| {
        summary[key]
            .as_u64()
            .unwrap_or_else(|| panic!("summary `{key}` is not a number: {summary}"))
    };
    assert_eq!(count("files"), 5);
    assert_eq!(count("articles"), 1);
    assert_eq!(count("diagnostics"), diagnostics.len() as u64);
    assert_eq!(count("errors"), diagnostics.len() as u64);
    assert_eq!(count("warnings"), 0);
}

#[test]
fn a_json_report_cut_short_by_its_reader_still_exits_on_every_finding() {
    use std::io::Read;
    // The whole report is larger than a pipe holds, so the writer meets the closed pipe.
    let whole = loclint()
        .args(["check", "fixtures", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(whole.status.code(), Some(1));
    assert!(whole.stdout.len() > 80_000, "{} bytes", whole.stdout.len());
    // The exit code still counts the errors the reader never saw.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_loclint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "fixtures", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut start = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut start).unwrap();
    assert!(start.starts_with(b"{"));
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn seeds_report_translated_product_names_with_no_configuration() {
    let out = check_seeds(&["--format", "concise", "--select", "term-altered"]);
    assert_eq!(out.code, 0, "warnings only; stderr: {}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let on_46: Vec<(String, String)> = lines
        .iter()
        .filter(|l| concise_line(l).1 == 46)
        .map(|l| {
            let (path, ..) = concise_line(l);
            (path, (*l).to_owned())
        })
        .collect();
    let ro = "fixtures/seeds/002_9a5ed5b941e8bfdc.md";
    let he = "fixtures/seeds/004_0a31d513d65c7e6f.md";
    assert!(
        on_46
            .iter()
            .any(|(p, l)| p == ro && l.contains("`MFA` is written `Mae`")),
        "{lines:#?}"
    );
    assert!(
        on_46
            .iter()
            .any(|(p, l)| p == he && l.contains("`Azure` is written `תכלת`")),
        "{lines:#?}"
    );
    // The locales that kept `MFA-Azure` (lv-LV, sl-SI, sv-SE) are not flagged there.
    assert!(on_46.iter().all(|(p, _)| p == ro || p == he), "{lines:#?}");
}

#[test]
fn select_runs_only_that_rule() {
    let out = check_seeds(&["--format", "concise", "--select", RULE]);
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    let rules: Vec<_> = out.stdout.lines().map(|l| concise_line(l).4).collect();
    assert!(
        !rules.is_empty() && rules.iter().all(|r| r == RULE),
        "{}",
        out.stdout
    );
}

#[test]
fn ignore_turns_the_rule_off() {
    let out = check_seeds(&["--format", "concise", "--ignore", RULE]);
    assert_eq!(
        out.code, 0,
        "stdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    assert!(!out.stdout.contains(RULE), "{}", out.stdout);
}

#[test]
fn unknown_rule_in_select_is_a_usage_error() {
    let out = check_seeds(&["--select", "link-url-mismatchh"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("link-url-mismatchh"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn rules_lists_every_rule() {
    let out = run(loclint().arg("rules"));
    assert_eq!(out.code, 0);
    let listed: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let ids: Vec<&str> = loclint::rules::ALL.iter().map(|r| r.id).collect();
    assert_eq!(listed, ids);
}

#[test]
fn explain_prints_the_compiled_in_doc_from_anywhere() {
    let out = run(loclint()
        .current_dir("/")
        .args(["explain", "link-url-mismatch"]));
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert!(
        out.stdout.starts_with("# link-url-mismatch\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("## How to fix"), "{}", out.stdout);
}

#[test]
fn explain_unknown_rule_exits_2() {
    let out = run(loclint().args(["explain", "nope"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nope"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn empty_folder_warns_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(loclint().arg("check").arg(dir.path()));
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert!(
        out.stderr.contains("warning") && out.stderr.contains("no Markdown file"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn unknown_configuration_key_exits_2_and_names_it() {
    let dir = seeds_copy();
    fs::write(
        dir.path().join("loclint.toml"),
        "source-locale = \"en-US\"\nsorce-locale = \"de-DE\"\n",
    )
    .unwrap();
    let out = run(loclint().arg("check").arg(dir.path()));
    assert_eq!(
        out.code, 2,
        "stdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    assert!(out.stderr.contains("sorce-locale"), "{}", out.stderr);
}

#[test]
fn rule_turned_off_in_configuration_exits_0() {
    let dir = seeds_copy();
    fs::write(
        dir.path().join("loclint.toml"),
        format!("[rules]\n{RULE} = \"off\"\n"),
    )
    .unwrap();
    let out = run(loclint()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "concise"]));
    assert_eq!(
        out.code, 0,
        "stdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    assert!(!out.stdout.contains(RULE), "{}", out.stdout);
    // Without the file the same copy fails: the file is what turned the rule off.
    fs::remove_file(dir.path().join("loclint.toml")).unwrap();
    assert_eq!(run(loclint().arg("check").arg(dir.path())).code, 1);
}

#[test]
fn completions_name_every_subcommand_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = loclint().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for word in ["check", "explain", "rules", "changed-since", "format"] {
            assert!(script.contains(word), "{shell} completions lack `{word}`");
        }
    }
}

#[test]
fn man_page_documents_the_check_command() {
    let output = loclint().arg("man").output().unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains(".TH loclint 1"));
    assert!(page.contains("check"));
}

/// A reader that stops early (`| head -1`) ends the run: the findings read back ahead of the
/// writer stop being read, with more of them left than are ever held on their way.
#[test]
fn a_closed_pipe_ends_a_long_report() {
    use std::fmt::Write as _;
    use std::io::BufRead as _;
    let dir = tempfile::tempdir().unwrap();
    for (locale, link) in [("en-US", true), ("de-DE", false)] {
        let mut text = String::from("---\ntitle: A\nms.openlocfilehash: abc\n---\n# A\n\n");
        for i in 0..3000 {
            if link {
                writeln!(text, "Text {i} [link](https://example.com/{i}).\n").unwrap();
            } else {
                writeln!(text, "Text {i} link.\n").unwrap();
            }
        }
        fs::create_dir(dir.path().join(locale)).unwrap();
        fs::write(dir.path().join(locale).join("a.md"), text).unwrap();
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_loclint"))
        .args(["check", "--format", "concise", "--threads", "2"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("link-missing"), "{first}");
    // The pipe is closed here, with about 3,000 findings still to come.
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("loclint went on after its reader closed the pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1), "errors were found");
}
