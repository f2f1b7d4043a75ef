//! What loclint does at a terminal and only there. The progress bar: never in a pipe or a log
//! file, never in CI (`LOCLINT_PROGRESS_DELAY_MS=0` shows it from the start of a run, so that
//! these tests need no long run). Colours: on a terminal unless `NO_COLOR` is set and not empty.
//! The terminal is a pseudo-terminal from util-linux `script`; the tests that need one say that
//! they are skipped without it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;
use std::process::Command;

/// How every drawing of the bar starts, whether it counts articles yet or not.
const BAR: &str = "\rchecking";

fn seeds() -> String {
    format!("{}/fixtures/seeds", env!("CARGO_MANIFEST_DIR"))
}

/// `loclint check` on the seeds with the bar due at once; stdout and stderr.
fn run_piped(ci: Option<&str>) -> (String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loclint"));
    command
        .args(["check", &seeds(), "--format", "concise"])
        .env("LOCLINT_PROGRESS_DELAY_MS", "0")
        .env_remove("CI");
    if let Some(ci) = ci {
        command.env("CI", ci);
    }
    let output = command.output().unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The same run with stdout and stderr on a pseudo-terminal; `None` without `script`.
fn run_on_a_terminal(ci: Option<&str>) -> Option<String> {
    run_on_a_terminal_with("concise", ci.map(|ci| ("CI", ci)))
}

fn run_on_a_terminal_with(format: &str, variable: Option<(&str, &str)>) -> Option<String> {
    let probe = Command::new("script")
        .args(["-qec", "true", "/dev/null"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        let _ = writeln!(
            std::io::stderr(),
            "progress: skipped: no util-linux `script` to run loclint on a pseudo-terminal"
        );
        return None;
    }
    let command = format!(
        "'{}' check '{}' --format {format}",
        env!("CARGO_BIN_EXE_loclint"),
        seeds()
    );
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env("LOCLINT_PROGRESS_DELAY_MS", "0")
        .env_remove("CI")
        .env_remove("NO_COLOR");
    if let Some((name, value)) = variable {
        script.env(name, value);
    }
    let output = script.output().unwrap();
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn no_bar_when_stderr_is_not_a_terminal() {
    let (stdout, stderr) = run_piped(None);
    assert!(stdout.contains("link-text-literal-altered"), "{stdout}");
    assert!(
        !stderr.contains(BAR) && !stderr.contains('\r'),
        "{stderr:?}"
    );
    assert!(!stdout.contains(BAR), "{stdout:?}");
}

#[test]
fn a_bar_on_a_terminal_cleared_before_the_report() {
    let Some(output) = run_on_a_terminal(None) else {
        return;
    };
    let bar = output
        .find(BAR)
        .unwrap_or_else(|| panic!("no bar: {output:?}"));
    let cleared = output[bar..]
        .find("\r\x1b[2K")
        .unwrap_or_else(|| panic!("the bar is not cleared: {output:?}"))
        + bar;
    let report = output
        .find("link-text-literal-altered")
        .unwrap_or_else(|| panic!("no report: {output:?}"));
    assert!(cleared < report, "{output:?}");
}

#[test]
fn no_bar_in_ci_even_on_a_terminal() {
    let Some(output) = run_on_a_terminal(Some("true")) else {
        return;
    };
    assert!(output.contains("link-text-literal-altered"), "{output:?}");
    assert!(!output.contains(BAR), "{output:?}");
}

/// Whether `text` holds an SGR escape (a colour or a style), not counting the bar's line clear.
fn coloured(text: &str) -> bool {
    text.match_indices("\x1b[").any(|(at, _)| {
        text[at + 2..]
            .chars()
            .find(|c| !c.is_ascii_digit() && *c != ';')
            == Some('m')
    })
}

#[test]
fn colours_on_a_terminal_unless_no_color() {
    let Some(plain) = run_on_a_terminal_with("human", None) else {
        return;
    };
    assert!(coloured(&plain), "{plain:?}");
    let no_color = run_on_a_terminal_with("human", Some(("NO_COLOR", "1"))).unwrap();
    assert!(
        no_color.contains("link-text-literal-altered"),
        "{no_color:?}"
    );
    assert!(!coloured(&no_color), "{no_color:?}");
    // An empty NO_COLOR does not count (no-color.org).
    let empty = run_on_a_terminal_with("human", Some(("NO_COLOR", ""))).unwrap();
    assert!(coloured(&empty), "{empty:?}");
}
