//! `--max-warnings`, `--quiet` and `--statistics`, run as a process on an article written here:
//! one error (an empty link text in de-DE) and two warnings (English link text in de-DE and
//! fr-FR), or the two warnings alone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use tempfile::TempDir;

fn docs(with_error: bool) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let second = if with_error { "" } else { "weitere Hilfe" };
    for (locale, text) in [
        ("en-US", "---\ntitle: Sign in\n---\n# Sign in\n\nSee [the setup guide for Office](https://example.com/1) and [more help](https://example.com/2).\n".to_owned()),
        ("de-DE", format!("---\ntitle: Anmelden\n---\n# Anmelden\n\nSiehe [the setup guide for Office](https://example.com/1) und [{second}](https://example.com/2).\n")),
        ("fr-FR", "---\ntitle: Se connecter\n---\n# Se connecter\n\nVoir [the setup guide for Office](https://example.com/1) et [plus d'aide](https://example.com/2).\n".to_owned()),
    ] {
        fs::create_dir_all(dir.path().join(locale)).unwrap();
        fs::write(dir.path().join(locale).join("a.md"), text).unwrap();
    }
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn loclint(dir: &Path, args: &[&str]) -> Run {
    let output = cargo_bin_cmd!("loclint")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "."])
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code().expect("loclint was killed"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn rules(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .map(|line| line.split_once('[').unwrap().1.split_once(']').unwrap().0)
        .collect()
}

#[test]
fn more_warnings_than_max_warnings_exit_1() {
    let dir = docs(false);
    let run = loclint(dir.path(), &["--format", "concise"]);
    assert_eq!(run.code, 0, "warnings alone: {}", run.stdout);
    assert_eq!(
        rules(&run.stdout),
        ["link-text-untranslated", "link-text-untranslated"]
    );
    let run = loclint(dir.path(), &["--format", "concise", "--max-warnings", "2"]);
    assert_eq!(run.code, 0);
    let run = loclint(dir.path(), &["--format", "concise", "--max-warnings", "1"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("2 warnings, more than --max-warnings 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn quiet_reports_errors_only() {
    let dir = docs(true);
    let run = loclint(dir.path(), &["--format", "concise", "--quiet"]);
    assert_eq!(run.code, 1);
    assert_eq!(rules(&run.stdout), ["link-text-empty"]);
    assert!(run.stderr.contains("1 error, 0 warnings"), "{}", run.stderr);
    // The hidden warnings still count against --max-warnings, and the message says so.
    let dir = docs(false);
    let run = loclint(dir.path(), &["--quiet", "--max-warnings", "0"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("hidden by --quiet"), "{}", run.stderr);
    assert!(
        run.stdout
            .ends_with("0 errors, 0 warnings in 3 files (1 article)\n")
    );
}

#[test]
fn statistics_count_findings_per_rule_and_per_locale() {
    let dir = docs(true);
    let expected = "\
findings per rule
  rule                      errors  warnings     total
  link-text-untranslated         0         2         2
  link-text-empty                1         0         1
  total                          1         2         3

findings per locale
  locale    errors  warnings     total
  de-DE          1         1         2
  fr-FR          0         1         1
  total          1         2         3

";
    // Beside a machine-readable report: on stderr.
    let run = loclint(dir.path(), &["--format", "concise", "--statistics"]);
    assert_eq!(rules(&run.stdout).len(), 3);
    assert!(run.stderr.starts_with(expected), "{}", run.stderr);
    // In the human report: before the summary line, which stays last.
    let run = loclint(dir.path(), &["--statistics"]);
    let summary = "1 error, 2 warnings in 3 files (1 article)\n";
    assert!(
        run.stdout.ends_with(&format!("{expected}{summary}")),
        "{}",
        run.stdout
    );
}
