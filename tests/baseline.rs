//! The baseline, run as a process on articles written here: recorded findings are not reported
//! again, a new one is, shifted lines and changed counts do not make old findings new, stale
//! entries are counted and `--write-baseline` drops them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use tempfile::TempDir;

const LOCALES: [(&str, &str, &str); 6] = [
    ("en-US", "Sign in", "the guide"),
    ("de-DE", "Anmelden", "die Anleitung"),
    ("fr-FR", "Se connecter", "le guide"),
    ("ja-JP", "サインイン", "ガイド"),
    ("es-ES", "Iniciar sesión", "la guía"),
    ("it-IT", "Accedi", "la guida"),
];

/// One locale of article `name`: three links, the first two with text `texts`.
fn page(title: &str, texts: [&str; 2], name: &str) -> String {
    format!(
        "---\ntitle: {title}\nms.date: 01/02/2024\n---\n# {title}\n\n1. [{}](https://example.com/{name}/one)\n2. [{}](https://example.com/{name}/two)\n3. [{title}](https://example.com/{name}/three)\n",
        texts[0], texts[1]
    )
}

/// `docs/<locale>/<name>.md` for two articles; in `empty` (locale, article, link) pairs, that
/// link's text is empty.
fn write_docs(root: &Path, empty: &[(&str, &str, usize)]) {
    for (locale, title, text) in LOCALES {
        for name in ["a", "b"] {
            let mut texts = [text, text];
            for &(l, n, link) in empty {
                if (l, n) == (locale, name) {
                    texts[link] = "";
                }
            }
            let dir = root.join("docs").join(locale);
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join(format!("{name}.md")), page(title, texts, name)).unwrap();
        }
    }
}

struct Run {
    code: i32,
    json: Value,
    stderr: String,
}

fn loclint(dir: &Path, args: &[&str]) -> Run {
    let output = cargo_bin_cmd!("loclint")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    Run {
        code: output.status.code().expect("loclint was killed"),
        json: serde_json::from_str(&stdout).unwrap_or(Value::Null),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// (path, line, rule) of every diagnostic.
fn findings(run: &Run) -> Vec<(String, u64, String)> {
    run.json["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no JSON report; stderr: {}", run.stderr))
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().replace('\\', "/"),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Docs with three recorded defects (two in de-DE/a.md, one in fr-FR/b.md) and their baseline.
fn recorded() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_docs(
        dir.path(),
        &[("de-DE", "a", 0), ("de-DE", "a", 1), ("fr-FR", "b", 0)],
    );
    let before = loclint(dir.path(), &["docs"]);
    assert_eq!(findings(&before).len(), 3, "{}", before.stderr);
    let write = loclint(dir.path(), &["docs", "--write-baseline", "baseline.json"]);
    assert_eq!(write.code, 0, "{}", write.stderr);
    assert!(
        write.stderr.contains("wrote 3 findings"),
        "{}",
        write.stderr
    );
    dir
}

#[test]
fn recorded_findings_are_not_reported_and_a_new_one_is() {
    let dir = recorded();
    let run = loclint(dir.path(), &["docs", "--baseline", "baseline.json"]);
    assert_eq!((run.code, findings(&run).len()), (0, 0), "{}", run.stderr);
    assert!(
        run.stderr.contains("3 known findings not reported"),
        "{}",
        run.stderr
    );

    // One new empty link text in ja-JP: exactly that one is reported. The counts in the old
    // findings' messages change with it (`4 of 5` becomes `3 of 5`) and must not matter.
    write_docs(
        dir.path(),
        &[
            ("de-DE", "a", 0),
            ("de-DE", "a", 1),
            ("fr-FR", "b", 0),
            ("ja-JP", "b", 0),
        ],
    );
    let run = loclint(dir.path(), &["docs", "--baseline", "baseline.json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        findings(&run),
        [(
            "docs/ja-JP/b.md".to_owned(),
            7,
            "link-text-empty".to_owned()
        )],
        "{}",
        run.stderr
    );

    // A blank line after the front matter of every file moves every finding down a line.
    for (locale, ..) in LOCALES {
        for name in ["a", "b"] {
            let path = dir.path().join(format!("docs/{locale}/{name}.md"));
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, text.replacen("---\n#", "---\n\n#", 1)).unwrap();
        }
    }
    let run = loclint(dir.path(), &["docs", "--baseline", "baseline.json"]);
    assert_eq!(
        findings(&run),
        [(
            "docs/ja-JP/b.md".to_owned(),
            8,
            "link-text-empty".to_owned()
        )],
        "{}",
        run.stderr
    );
}

#[test]
fn an_entry_matches_as_many_findings_as_it_recorded() {
    let dir = recorded();
    // Every locale links to `b/one` a second time; fr-FR leaves that text empty as well: the
    // same finding twice in one file, once more than recorded.
    for (locale, _, text) in LOCALES {
        let path = dir.path().join(format!("docs/{locale}/b.md"));
        let text = if locale == "fr-FR" { "" } else { text };
        let page = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            format!("{page}4. [{text}](https://example.com/b/one)\n"),
        )
        .unwrap();
    }
    let run = loclint(dir.path(), &["docs"]);
    let messages: Vec<&str> = run.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == "docs/fr-FR/b.md")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0], messages[1]);
    let run = loclint(dir.path(), &["docs", "--baseline", "baseline.json"]);
    let found = findings(&run);
    assert_eq!(
        found,
        [(
            "docs/fr-FR/b.md".to_owned(),
            10,
            "link-text-empty".to_owned()
        )],
        "{}",
        run.stderr
    );
}

#[test]
fn fixed_findings_are_stale_and_rewriting_drops_them() {
    let dir = recorded();
    write_docs(dir.path(), &[("de-DE", "a", 0)]);
    let run = loclint(dir.path(), &["docs", "--baseline", "baseline.json"]);
    assert_eq!(findings(&run).len(), 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("2 recorded findings no longer occur"),
        "{}",
        run.stderr
    );
    let write = loclint(dir.path(), &["docs", "--write-baseline", "baseline.json"]);
    assert!(
        write.stderr.contains("wrote 1 finding (1 entry)"),
        "{}",
        write.stderr
    );
    let text = fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    let entries = file["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{text}");
    assert_eq!(entries[0]["article"], "docs/a.md");
    assert_eq!(entries[0]["locale"], "de-DE");
    assert_eq!(entries[0]["rule"], "link-text-empty");
    assert!(
        !text.contains("of 5"),
        "counts are not part of an entry: {text}"
    );
    let run = loclint(dir.path(), &["docs", "--baseline", "baseline.json"]);
    assert!(!run.stderr.contains("no longer occur"), "{}", run.stderr);
}

#[test]
fn article_paths_are_relative_to_the_baseline_so_any_folder_can_run_it() {
    let dir = recorded();
    let docs = dir.path().join("docs");
    let run = loclint(&docs, &[".", "--baseline", "../baseline.json"]);
    assert_eq!(findings(&run).len(), 0, "{}", run.stderr);
    let absolute = dir.path().join("baseline.json");
    let run = loclint(
        &docs,
        &["de-DE", "fr-FR", "--baseline", absolute.to_str().unwrap()],
    );
    assert_eq!(findings(&run).len(), 0, "{}", run.stderr);
}

#[test]
fn a_missing_or_malformed_baseline_is_a_usage_error() {
    let dir = recorded();
    let run = loclint(dir.path(), &["docs", "--baseline", "nope.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read the baseline"),
        "{}",
        run.stderr
    );
    fs::write(
        dir.path().join("bad.json"),
        "{\"version\": 9, \"entries\": []}",
    )
    .unwrap();
    let run = loclint(dir.path(), &["docs", "--baseline", "bad.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("version 9"), "{}", run.stderr);
}
