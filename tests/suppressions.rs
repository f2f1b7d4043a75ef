//! In-file suppressions, run as a process on an article written here in four locales: each
//! comment form drops the findings it covers and no other, a comment is never a structural
//! difference between locales, and `--report-unused-suppressions` reports the comments that
//! dropped nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use tempfile::TempDir;

/// (locale, title, the three link texts).
const LOCALES: [(&str, &str, [&str; 3]); 4] = [
    ("en-US", "Sign in", ["the guide", "more help", "the forum"]),
    (
        "fr-FR",
        "Se connecter",
        ["le guide", "plus d'aide", "le forum"],
    ),
    (
        "ja-JP",
        "サインイン",
        ["ガイド", "その他のヘルプ", "フォーラム"],
    ),
    (
        "es-ES",
        "Iniciar sesión",
        ["la guía", "más ayuda", "el foro"],
    ),
];

/// One locale of the article; `lines` replace the three link lines (`{0}` … `{2}` stand for the
/// locale's link texts).
fn page(title: &str, texts: [&str; 3], lines: &str) -> String {
    let body = lines
        .replace("{0}", texts[0])
        .replace("{1}", texts[1])
        .replace("{2}", texts[2]);
    format!("---\ntitle: {title}\nms.date: 01/02/2024\n---\n# {title}\n\n{body}")
}

const PLAIN: &str = "One [{0}](https://example.com/1).\n\nTwo [{1}](https://example.com/2).\n\nThree [{2}](https://example.com/3).\n";

/// The de-DE file is `de`; every other locale is `PLAIN` with its texts.
fn docs(de: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (locale, title, texts) in LOCALES {
        let path = dir.path().join(locale);
        fs::create_dir_all(&path).unwrap();
        fs::write(path.join("a.md"), page(title, texts, PLAIN)).unwrap();
    }
    let de = page(
        "Anmelden",
        ["die Anleitung", "weitere Hilfe", "das Forum"],
        de,
    );
    fs::create_dir_all(dir.path().join("de-DE")).unwrap();
    fs::write(dir.path().join("de-DE/a.md"), de).unwrap();
    dir
}

/// (line, rule) of every diagnostic in de-DE/a.md; every diagnostic must be there.
fn german(dir: &Path, args: &[&str]) -> Vec<(u64, String)> {
    let output = cargo_bin_cmd!("loclint")
        .current_dir(dir)
        .arg("check")
        .arg(".")
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|_| {
        panic!("{}", String::from_utf8_lossy(&output.stderr));
    });
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            assert!(path.ends_with("de-DE/a.md"), "a finding elsewhere: {d}");
            (
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn empty(line: u64) -> (u64, String) {
    (line, "link-text-empty".to_owned())
}

fn unused(line: u64) -> (u64, String) {
    (line, "suppression-unused".to_owned())
}

/// The three links with empty text in de-DE: lines 7, 9 and 11 without comments.
const EMPTIED: &str = "One [](https://example.com/1).\n\nTwo [](https://example.com/2).\n\nThree [](https://example.com/3).\n";

#[test]
fn without_comments_every_empty_link_text_is_reported() {
    let dir = docs(EMPTIED);
    assert_eq!(german(dir.path(), &[]), [empty(7), empty(9), empty(11)]);
}

#[test]
fn disable_next_line_drops_the_findings_of_the_next_line_for_that_rule() {
    let dir = docs(
        "One [](https://example.com/1).\n<!-- loclint-disable-next-line link-text-empty -- an icon link -->\nTwo [](https://example.com/2).\n\n<!-- loclint-disable-next-line link-url-mismatch -->\nThree [](https://example.com/3).\n",
    );
    // Line 9's finding is dropped; the comment for another rule drops nothing on line 12.
    assert_eq!(german(dir.path(), &[]), [empty(7), empty(12)]);
    assert_eq!(
        german(dir.path(), &["--report-unused-suppressions"]),
        [empty(7), unused(11), empty(12)]
    );
}

#[test]
fn disable_and_enable_drop_the_findings_between_them() {
    let dir = docs(
        "One [](https://example.com/1).\n\n<!-- loclint-disable link-text-empty -->\nTwo [](https://example.com/2).\n<!-- loclint-enable link-text-empty -->\n\nThree [](https://example.com/3).\n",
    );
    assert_eq!(german(dir.path(), &[]), [empty(7), empty(13)]);
    // Without a rule id, and never closed: to the end of the file, for every rule.
    let dir = docs(
        "One [](https://example.com/1).\n\n<!-- loclint-disable -->\nTwo [](https://example.com/2).\n\nThree [](https://example.com/3).\n",
    );
    assert_eq!(german(dir.path(), &[]), [empty(7)]);
}

#[test]
fn disable_file_drops_every_finding_of_the_file() {
    let dir = docs(&format!("<!-- loclint-disable-file -->\n\n{EMPTIED}"));
    assert_eq!(german(dir.path(), &["--report-unused-suppressions"]), []);
    let dir = docs(&format!(
        "<!-- loclint-disable-file link-extra, link-text-empty -->\n\n{EMPTIED}"
    ));
    // `link-extra` found nothing to drop.
    assert_eq!(
        german(dir.path(), &["--report-unused-suppressions"]),
        [unused(7)]
    );
}

#[test]
fn a_comment_in_one_locale_is_not_a_difference_between_locales() {
    let commented = "<!-- loclint-disable-file link-extra -->\n\n<!-- loclint-disable-next-line section-missing -->\nOne [{0}](https://example.com/1). <!-- loclint-disable link-missing -->\n\n<!-- a note for translators -->\n\nTwo [{1}](https://example.com/2).\n<!-- loclint-enable -->\n\nThree [{2}](https://example.com/3).\n";
    let texts = ["die Anleitung", "weitere Hilfe", "das Forum"];
    let de = commented
        .replace("{0}", texts[0])
        .replace("{1}", texts[1])
        .replace("{2}", texts[2]);
    let dir = docs(&de);
    // Nothing to report: the comments moved no section and no link, and nothing was there to
    // suppress (so every suppression is unused).
    let found = german(dir.path(), &["--report-unused-suppressions"]);
    assert!(
        found.iter().all(|(_, rule)| rule == "suppression-unused"),
        "{found:?}"
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn unknown_rule_ids_and_comments_in_code_are_not_suppressions() {
    let dir = docs(
        "One [](https://example.com/1).\n<!-- loclint-disable-next-line link-text-emtpy -->\nTwo [](https://example.com/2).\n\n```\n<!-- loclint-disable-next-line link-text-empty -->\n```\nThree [](https://example.com/3).\n",
    );
    // The misspelt id suppresses nothing and is reported as such; the comment in the code block
    // is code. (Only one rule runs: the code block is only in de-DE.)
    assert_eq!(
        german(
            dir.path(),
            &[
                "--report-unused-suppressions",
                "--select",
                "link-text-empty"
            ]
        ),
        [empty(7), unused(8), empty(9), empty(14)]
    );
}
