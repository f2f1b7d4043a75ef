//! `[[overrides]]`: rule levels for some paths or locales, terms for some articles, and the source locale of articles
//! written in another language on purpose. Each test changes one override and asserts which
//! findings, at which severity, the same files then give.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use tempfile::TempDir;

const LAYOUT: &str = "source-locale = \"en\"\n[layout]\nsource = \"docs/{path}\"\ntranslations = [\"i18n/{locale}/{path}\"]\n";

/// One article in a Docusaurus-like layout (`docs/a.md` and `i18n/<locale>/a.md`, plus a clean
/// `docs/b.md` article) whose `de` translation of `a` has an emptied link text.
fn docs(config: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pages = [
        (
            "docs",
            "---\ntitle: Setup\n---\n# Setup\n\nRead [the guide](https://example.com/guide).\n",
        ),
        (
            "i18n/fr",
            "---\ntitle: Installation du produit\n---\n# Installation du produit\n\nLisez [le guide](https://example.com/guide).\n",
        ),
        (
            "i18n/de",
            "---\ntitle: Einrichtung\n---\n# Einrichtung\n\nLesen Sie [](https://example.com/guide).\n",
        ),
    ];
    for (folder, text) in pages {
        fs::create_dir_all(dir.path().join(folder)).unwrap();
        fs::write(dir.path().join(folder).join("a.md"), text).unwrap();
    }
    fs::write(dir.path().join("loclint.toml"), format!("{LAYOUT}{config}")).unwrap();
    dir
}

/// `path rule severity` of every finding, and the exit code.
fn check(dir: &Path) -> (Vec<String>, Option<i32>) {
    let mut command: Command = cargo_bin_cmd!("loclint");
    let output = command
        .args(["check", "--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d["path"].as_str().unwrap().trim_start_matches("./"),
                d["rule"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect();
    (findings, output.status.code())
}

const DEFECT: &str = "i18n/de/a.md link-text-empty";

#[test]
fn without_overrides_the_defect_is_an_error() {
    let (findings, code) = check(docs("").path());
    assert_eq!(findings, [format!("{DEFECT} error")]);
    assert_eq!(code, Some(1));
}

#[test]
fn a_locale_override_changes_the_level_in_that_locale_only() {
    let dir = docs(
        "[[overrides]]\nlocales = [\"de\"]\n[overrides.rules]\nlink-text-empty = \"warning\"\n",
    );
    assert_eq!(
        check(dir.path()),
        (vec![format!("{DEFECT} warning")], Some(0))
    );
    let dir =
        docs("[[overrides]]\nlocales = [\"fr\"]\n[overrides.rules]\nlink-text-empty = \"off\"\n");
    assert_eq!(check(dir.path()).0, [format!("{DEFECT} error")]);
}

#[test]
fn a_path_override_matches_the_file_or_its_article() {
    // The article's source path covers every locale of the article.
    let dir = docs(
        "[[overrides]]\npaths = [\"docs/a.md\"]\n[overrides.rules]\nlink-text-empty = \"off\"\n",
    );
    assert_eq!(check(dir.path()).0, Vec::<String>::new());
    // A file glob covers that file; `*` stays within a folder.
    let dir = docs(
        "[[overrides]]\npaths = [\"i18n/*/a.md\"]\n[overrides.rules]\nlink-text-empty = \"warning\"\n",
    );
    assert_eq!(check(dir.path()).0, [format!("{DEFECT} warning")]);
    let dir =
        docs("[[overrides]]\npaths = [\"i18n/*\"]\n[overrides.rules]\nlink-text-empty = \"off\"\n");
    assert_eq!(check(dir.path()).0, [format!("{DEFECT} error")]);
}

#[test]
fn the_later_override_wins_and_a_rule_off_everywhere_can_be_on_somewhere() {
    let dir = docs(
        "[rules]\nlink-text-empty = \"off\"\n[[overrides]]\nlocales = [\"de\"]\n[overrides.rules]\nlink-text-empty = \"warning\"\n[[overrides]]\npaths = [\"i18n/de/**\"]\n[overrides.rules]\nlink-text-empty = \"error\"\n",
    );
    assert_eq!(check(dir.path()).0, [format!("{DEFECT} error")]);
}

/// Articles in locale folders with no English source; `x.md` was written in German.
fn written_in_german(config: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pages = [
        (
            "de-de",
            "---\ntitle: Anleitung\n---\n# Anleitung\n\nSiehe [die Anleitung](https://example.com/guide).\n",
        ),
        (
            "fr-fr",
            "---\ntitle: Guide pratique\n---\n# Guide pratique\n\nVoir [le guide](https://example.com/other).\n",
        ),
        (
            "ja-jp",
            "---\ntitle: ガイド\n---\n# ガイド\n\n[ガイド](https://example.com/other) を参照してください。\n",
        ),
    ];
    for (folder, text) in pages {
        fs::create_dir_all(dir.path().join(folder)).unwrap();
        fs::write(dir.path().join(folder).join("x.md"), text).unwrap();
    }
    fs::write(dir.path().join("loclint.toml"), config).unwrap();
    dir
}

#[test]
fn a_source_locale_override_makes_that_locale_the_reference() {
    // Without a source, the two locales linking to `other` outvote German.
    let (findings, _) = check(written_in_german("").path());
    assert_eq!(findings, ["de-de/x.md link-url-mismatch error"]);
    // Written in German on purpose: the German file is the source the others must follow.
    let config = "[[overrides]]\npaths = [\"x.md\"]\nsource-locale = \"de-DE\"\n";
    let (findings, _) = check(written_in_german(config).path());
    assert_eq!(
        findings,
        [
            "fr-fr/x.md link-url-mismatch error",
            "ja-jp/x.md link-url-mismatch error"
        ]
    );
}

/// A copy of `fixtures/term-altered/fires` (seven locales, no source) with `config` as its
/// `loclint.toml`: fr-FR writes `Planificateur` for Planner.
fn planner(config: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/term-altered/fires");
    for entry in fs::read_dir(&fixture).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            let locale = dir.path().join(entry.file_name());
            fs::create_dir_all(&locale).unwrap();
            fs::copy(entry.path().join("article.md"), locale.join("article.md")).unwrap();
        }
    }
    fs::write(dir.path().join("loclint.toml"), config).unwrap();
    dir
}

fn term_findings(dir: &Path) -> Vec<String> {
    check(dir)
        .0
        .into_iter()
        .filter(|f| f.contains("term-altered"))
        .collect()
}

#[test]
fn an_override_allows_a_translated_term_in_the_articles_it_matches() {
    let allow = "[overrides.terms.allow.fr-FR]\nPlanner = [\"Planificateur\"]\n";
    let everywhere = term_findings(planner("").path());
    assert!(
        everywhere.contains(&"fr-FR/article.md term-altered warning".to_owned()),
        "{everywhere:?}"
    );
    let matched = term_findings(
        planner(&format!(
            "[[overrides]]\npaths = [\"**/article.md\"]\n{allow}"
        ))
        .path(),
    );
    assert!(
        !matched.iter().any(|f| f.starts_with("fr-FR/")),
        "{matched:?}"
    );
    // Only that finding goes: the other locales' altered terms stay.
    assert_eq!(matched.len() + 1, everywhere.len(), "{matched:?}");
    let elsewhere =
        term_findings(planner(&format!("[[overrides]]\npaths = [\"other/**\"]\n{allow}")).path());
    assert_eq!(elsewhere, everywhere);
}
