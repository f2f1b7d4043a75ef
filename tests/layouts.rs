//! Layouts of the common docs toolchains: each `fixtures/layouts/<layout>/` holds a source and
//! its translations, one of which has a link whose text was emptied. In a copy of each,
//! `loclint init` must recognise the layout and write its patterns, and `loclint check` must then
//! find that one defect on its file and line, and nothing in the clean locales.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

struct Case {
    folder: &'static str,
    /// What `init` says it detected.
    name: &'static str,
    source: &'static str,
    translation: &'static str,
    /// The file with the emptied link text, relative to the fixture.
    damaged: &'static str,
}

const CASES: &[Case] = &[
    Case {
        folder: "docusaurus",
        name: "Docusaurus",
        source: "docs/{path}",
        translation: "i18n/{locale}/docusaurus-plugin-content-docs/current/{path}",
        damaged: "i18n/de/docusaurus-plugin-content-docs/current/getting-started.md",
    },
    Case {
        folder: "hugo-folders",
        name: "Hugo (folders)",
        source: "content/en/{path}",
        translation: "content/{locale}/{path}",
        damaged: "content/de/docs/getting-started.md",
    },
    Case {
        folder: "hugo-suffix",
        name: "Hugo (suffixes)",
        source: "content/{path}.md",
        translation: "content/{path}.{locale}.md",
        damaged: "content/docs/getting-started.pt-br.md",
    },
    Case {
        folder: "mkdocs-suffix",
        name: "MkDocs (suffixes)",
        source: "docs/{path}.md",
        translation: "docs/{path}.{locale}.md",
        damaged: "docs/index.fr.md",
    },
    Case {
        folder: "mkdocs-folders",
        name: "MkDocs (folders)",
        source: "docs/en/{path}",
        translation: "docs/{locale}/{path}",
        damaged: "docs/zh-hans/index.md",
    },
    Case {
        folder: "mdn",
        name: "MDN translated-content",
        source: "files/en-us/{path}",
        translation: "files/{locale}/{path}",
        damaged: "files/zh-cn/learn/getting_started/index.md",
    },
];

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The Markdown files of a fixture that its layout names: all but a top-level README.
fn article_files(dir: &Path, top: bool, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            article_files(&path, false, out);
        } else if path.extension().is_some_and(|e| e == "md")
            && !(top && path.file_name().is_some_and(|n| n == "README.md"))
        {
            out.push(path);
        }
    }
}

fn loclint(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut command: Command = cargo_bin_cmd!("loclint");
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The 1-based line and column (in characters) of the emptied link `[](` in `text`: where
/// the link starts.
fn emptied_link(text: &str) -> (u64, u64) {
    let at = text.find("[](").expect("the fixture has an emptied link");
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let column = text[line_start..at].chars().count() + 1;
    (line as u64, column as u64)
}

#[test]
fn init_recognises_each_layout_and_check_finds_the_one_defect() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/layouts");
    for case in CASES {
        let dir = tempfile::tempdir().unwrap();
        copy(&root.join(case.folder), dir.path());

        let init = loclint(dir.path(), &["init"]);
        let stdout = String::from_utf8_lossy(&init.stdout);
        assert!(
            init.status.success(),
            "{}: init failed: {init:?}",
            case.folder
        );
        assert!(
            stdout.contains(&format!("detected: {} (", case.name)),
            "{}: init printed:\n{stdout}",
            case.folder
        );
        let written = fs::read_to_string(dir.path().join("loclint.toml")).unwrap();
        let config: toml::Table = toml::from_str(&written).unwrap();
        let layout = config["layout"].as_table().expect("a [layout] table");
        assert_eq!(
            layout["source"].as_str(),
            Some(case.source),
            "{}",
            case.folder
        );
        assert_eq!(
            layout["translations"].as_array().unwrap(),
            &vec![toml::Value::from(case.translation)],
            "{}",
            case.folder
        );

        let check = loclint(dir.path(), &["check", "--format", "json"]);
        assert_eq!(check.status.code(), Some(1), "{}: {check:?}", case.folder);
        let report: Value = serde_json::from_slice(&check.stdout).unwrap();
        let mut files = Vec::new();
        article_files(dir.path(), true, &mut files);
        assert_eq!(
            report["summary"]["files"].as_u64(),
            Some(files.len() as u64),
            "{}: every locale file is checked",
            case.folder
        );
        assert_eq!(
            report["summary"]["articles"], 2,
            "{}: two articles, each with all its locales",
            case.folder
        );
        let found: Vec<String> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{}:{}:{} {}",
                    d["path"].as_str().unwrap().trim_start_matches("./"),
                    d["line"],
                    d["column"],
                    d["rule"].as_str().unwrap()
                )
            })
            .collect();
        let text = fs::read_to_string(dir.path().join(case.damaged)).unwrap();
        let (line, column) = emptied_link(&text);
        assert_eq!(
            found,
            [format!("{}:{line}:{column} link-text-empty", case.damaged)],
            "{}: the defect and nothing in the clean locales",
            case.folder
        );
    }
}

#[test]
fn init_keeps_an_existing_configuration_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/layouts/mkdocs-suffix"),
        dir.path(),
    );
    fs::write(dir.path().join("loclint.toml"), "# mine\n").unwrap();
    let refused = loclint(dir.path(), &["init"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(
        fs::read_to_string(dir.path().join("loclint.toml")).unwrap(),
        "# mine\n"
    );
    let forced = loclint(dir.path(), &["init", "--force"]);
    assert!(forced.status.success(), "{forced:?}");
    assert!(
        fs::read_to_string(dir.path().join("loclint.toml"))
            .unwrap()
            .contains("source = \"docs/{path}.md\"")
    );
}

#[test]
fn init_without_a_known_layout_says_so_and_keeps_the_default() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), "# Notes\n").unwrap();
    let init = loclint(dir.path(), &["init"]);
    assert!(init.status.success(), "{init:?}");
    assert!(String::from_utf8_lossy(&init.stdout).contains("no known layout detected"));
    let written = fs::read_to_string(dir.path().join("loclint.toml")).unwrap();
    let config: toml::Table = toml::from_str(&written).unwrap();
    assert!(!config.contains_key("layout"), "{written}");
    // The written file is a configuration loclint accepts.
    let check = loclint(dir.path(), &["check", "--format", "concise"]);
    assert!(check.status.code().is_some_and(|c| c < 2), "{check:?}");
}

#[test]
fn a_layout_mistake_points_at_the_pattern() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("loclint.toml"),
        "[layout]\nsource = \"docs/{path}\"\ntranslations = [\"i18n/{lang}/{path}\"]\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::write(dir.path().join("docs/a.md"), "# A\n").unwrap();
    let check = loclint(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("unknown placeholder `{lang}`"), "{stderr}");
    assert!(stderr.contains("loclint.toml:3:23"), "{stderr}");
}

#[test]
fn version_and_locale_keys_are_configurable() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("loclint.toml"),
        "source-locale = \"en\"\n[layout]\nsource = \"docs/{path}.md\"\ntranslations = [\"docs/{path}.{locale}.md\"]\n[front-matter]\nversion-key = \"source_version\"\nlocale-key = \"lang\"\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    let pages = [
        ("a.md", "---\ntitle: Guide\n---\n# Guide\n"),
        (
            "a.fr.md",
            "---\ntitle: Mode d'emploi\nsource_version: 2\n---\n# Mode d'emploi\n",
        ),
        (
            "a.de.md",
            "---\ntitle: Anleitung\nsource_version: 2\n---\n# Anleitung\n",
        ),
        (
            "a.es.md",
            "---\ntitle: Guía\nsource_version: 1\nlang: pt\n---\n# Guía\n",
        ),
    ];
    for (name, text) in pages {
        fs::write(dir.path().join("docs").join(name), text).unwrap();
    }
    let check = loclint(dir.path(), &["check", "--format", "concise"]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with("./docs/a.es.md:3:17: warning[translation-out-of-sync]"),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with("./docs/a.es.md:4:7: error[locale-path-mismatch] `lang` is `pt`"),
        "{stdout}"
    );
}

fn git(dir: &Path, args: &[&str]) -> bool {
    std::process::Command::new("git")
        .args([
            "-c",
            "user.name=loclint",
            "-c",
            "user.email=loclint@example.com",
        ])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn changed_since_and_named_files_find_the_article_by_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/layouts/docusaurus"),
        dir.path(),
    );
    assert!(loclint(dir.path(), &["init"]).status.success());
    if !git(dir.path(), &["init", "-q"]) {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"layouts: skipped: `git` is not on PATH\n",
        );
        return;
    }
    assert!(git(dir.path(), &["add", "-A"]));
    assert!(git(dir.path(), &["commit", "-q", "-m", "one"]));
    // A change to the clean French translation: its article is checked in every locale, and
    // only the French file is reported on (it has no finding).
    let fr = "i18n/fr/docusaurus-plugin-content-docs/current/getting-started.md";
    let text = fs::read_to_string(dir.path().join(fr)).unwrap();
    fs::write(
        dir.path().join(fr),
        text.replace("Prise en main\n\n", "Prise en main\n\n\n"),
    )
    .unwrap();
    let run = loclint(
        dir.path(),
        &["check", "--changed-since", "HEAD", "--format", "json"],
    );
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["summary"]["articles"], 1, "{report}");
    assert_eq!(report["summary"]["files"], 4, "{report}");
    assert_eq!(
        report["diagnostics"].as_array().unwrap().len(),
        0,
        "{report}"
    );
    // With every file of the article reported, the German defect shows.
    let run = loclint(
        dir.path(),
        &[
            "check",
            "--changed-since",
            "HEAD",
            "--report",
            "all",
            "--format",
            "json",
        ],
    );
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 1, "{report}");
    assert!(
        paths[0].ends_with("i18n/de/docusaurus-plugin-content-docs/current/getting-started.md")
    );
    // A named source file is checked with its translations, and reported alone.
    let run = loclint(
        dir.path(),
        &["check", "docs/getting-started.md", "--format", "json"],
    );
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 4, "{report}");
    assert_eq!(
        report["diagnostics"].as_array().unwrap().len(),
        0,
        "{report}"
    );
}

#[test]
fn the_configured_locale_key_must_hold_a_locale_tag() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("loclint.toml"),
        "source-locale = \"en\"\n[layout]\nsource = \"docs/{path}.md\"\ntranslations = [\"docs/{path}.{locale}.md\"]\n[front-matter]\nlocale-key = \"lang\"\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::write(
        dir.path().join("docs/a.md"),
        "---\ntitle: Guide\n---\n# Guide\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("docs/a.fr.md"),
        "---\ntitle: Mode d'emploi\nlang: French\n---\n# Mode d'emploi\n",
    )
    .unwrap();
    let check = loclint(dir.path(), &["check", "--format", "concise"]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "./docs/a.fr.md:3:7: error[front-matter-value-invalid] `lang` is `French`, not a locale tag such as `de-DE`"
        ],
        "{stdout}"
    );
}
