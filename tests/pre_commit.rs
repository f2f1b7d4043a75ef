//! The `.pre-commit-hooks.yaml` of this repository, run by pre-commit itself (`pre-commit try-repo`)
//! in a scratch git repository: a clean article passes, a damaged translation fails with its rule.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

const FR: &str = "---\ntitle: Guide\n---\n# Titre\n\nVoir [le guide](https://example.com/guide).\n";
const DE: &str =
    "---\ntitle: Anleitung\n---\n# Titel\n\nSiehe [die Anleitung](https://example.com/guide).\n";
const DE_EMPTIED: &str =
    "---\ntitle: Anleitung\n---\n# Titel\n\nSiehe [](https://example.com/guide).\n";
const ES: &str =
    "---\ntitle: Guía\n---\n# Título\n\nConsulte [la guía](https://example.com/guide).\n";

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=test", "-c", "user.email=test@localhost"])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// Runs the hook on `de-DE/a.md`; returns (success, output).
fn try_repo(dir: &Path) -> (bool, String) {
    let output = Command::new("pre-commit")
        .args([
            "try-repo",
            env!("CARGO_MANIFEST_DIR"),
            "loclint",
            "--files",
            "de-DE/a.md",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[test]
fn the_hook_passes_a_clean_article_and_fails_a_damaged_one() {
    if Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_err()
    {
        // Past the harness's capture, so the skip is seen even when the test passes.
        let message = "pre_commit: skipped: pre-commit not installed (pip install pre-commit)\n";
        let _ = std::io::Write::write_all(&mut std::io::stderr(), message.as_bytes());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (locale, text) in [("fr-FR", FR), ("de-DE", DE), ("es-ES", ES)] {
        std::fs::create_dir_all(dir.path().join(locale)).unwrap();
        std::fs::write(dir.path().join(locale).join("a.md"), text).unwrap();
    }
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "base"]);
    let (passed, output) = try_repo(dir.path());
    assert!(passed, "{output}");
    assert!(
        output.contains("loclint") && output.contains("Passed"),
        "{output}"
    );

    std::fs::write(dir.path().join("de-DE/a.md"), DE_EMPTIED).unwrap();
    git(dir.path(), &["commit", "-qam", "damage"]);
    let (passed, output) = try_repo(dir.path());
    assert!(!passed, "{output}");
    assert!(
        output.contains("Failed") && output.contains("link-text-empty"),
        "{output}"
    );
    assert!(
        output.contains("2 of 2 other locales give it text"),
        "{output}"
    );
}
