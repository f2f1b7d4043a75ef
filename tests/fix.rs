//! `--fix` and `--diff`: on copies of the fixtures and on generated articles, fixes remove the
//! fixable findings and add none, change no byte outside their edits, settle in one run, keep
//! byte order marks, CRLF, symbolic links, and leave a file whose write fails as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use loclint::config::Config;
use loclint::fix::{self, FileEdit, Mode};
use loclint::report::{Diagnostic, stable_message};
use loclint::{Options, rules};
use tempfile::TempDir;

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn assert_stderr_has(stderr: &[u8], wanted: &str) {
    let stderr = String::from_utf8_lossy(stderr);
    assert!(
        stderr.contains(wanted),
        "stderr lacks `{wanted}`:\n{stderr}"
    );
}

fn loclint() -> Command {
    Command::cargo_bin("loclint").unwrap()
}

/// Copies `from` into `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` (symbolic links as links) and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let kind = fs::symlink_metadata(&path).unwrap().file_type();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_symlink() {
                let target = fs::read_link(&path).unwrap();
                out.insert(path, target.to_string_lossy().as_bytes().to_vec());
            } else {
                out.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn lint(dir: &Path) -> Vec<Diagnostic> {
    loclint::lint(&Options::new(vec![dir.to_path_buf()], Config::default()))
        .unwrap()
        .diagnostics
}

/// What a finding is, whatever its position and the counts in its message.
fn key(d: &Diagnostic) -> (String, PathBuf, String) {
    (
        d.rule.to_owned(),
        d.path.clone(),
        stable_message(&d.message),
    )
}

fn keys(diagnostics: &[Diagnostic]) -> Vec<(String, PathBuf, String)> {
    let mut keys: Vec<_> = diagnostics.iter().map(key).collect();
    keys.sort();
    keys
}

/// The fixture case folders that have a fixable finding, copied into one temporary folder
/// each: (case label, copy).
fn fixable_cases() -> Vec<(String, TempDir)> {
    let mut cases = Vec::new();
    for rule in rules::ALL.iter().filter(|r| r.fixable) {
        let dir = fixtures_root().join(rule.id);
        let mut names: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        names.sort();
        for case in names {
            if !lint(&case).iter().any(|d| d.fix.is_some()) {
                continue;
            }
            let copy = tempfile::tempdir().unwrap();
            copy_tree(&case, copy.path());
            fs::remove_file(copy.path().join("expected.txt")).ok();
            let label = case
                .strip_prefix(fixtures_root())
                .unwrap()
                .display()
                .to_string();
            cases.push((label, copy));
        }
    }
    cases
}

#[test]
fn every_fixable_rule_has_a_fixture_with_a_fix() {
    let cases = fixable_cases();
    for rule in rules::ALL.iter().filter(|r| r.fixable) {
        assert!(
            cases
                .iter()
                .any(|(label, _)| label.starts_with(&format!("{}/", rule.id))),
            "no fixture of `{}` has a fixable finding",
            rule.id
        );
    }
}

#[test]
fn fix_removes_the_fixable_findings_adds_none_and_settles() {
    for (label, dir) in fixable_cases() {
        let before = lint(dir.path());
        let fixable: Vec<_> = before.iter().filter(|d| d.fix.is_some()).map(key).collect();
        assert!(!fixable.is_empty(), "{label}");
        let stderr = loclint()
            .args(["check", "--fix", "--format", "concise"])
            .arg(dir.path())
            .assert()
            .get_output()
            .stderr
            .clone();
        assert_stderr_has(&stderr, &format!("{} fixed", fixable.len()));
        let after = lint(dir.path());
        let before_keys = keys(&before);
        for d in &after {
            assert!(
                before_keys.contains(&key(d)),
                "{label}: `--fix` made a new finding: {} {}",
                d.rule,
                d.message
            );
            assert!(d.fix.is_none(), "{label}: still fixable: {}", d.message);
        }
        let after_keys = keys(&after);
        for k in &fixable {
            assert!(!after_keys.contains(k), "{label}: not fixed: {k:?}");
        }
        assert!(after.len() < before.len(), "{label}");
        // A second run has nothing left to change.
        let fixed = snapshot(dir.path());
        let stderr = loclint()
            .args(["check", "--fix", "--format", "concise"])
            .arg(dir.path())
            .assert()
            .get_output()
            .stderr
            .clone();
        assert_stderr_has(&stderr, "0 fixed");
        assert!(
            snapshot(dir.path()) == fixed,
            "{label}: a second --fix changed a file"
        );
    }
}

/// Checks that `new` is `old` with `edits` (sorted, not overlapping) applied: every byte
/// outside their ranges is unchanged, and each range holds its replacement.
fn assert_only_edits_changed(old: &[u8], new: &[u8], edits: &[&FileEdit], label: &str) {
    let mut shift: isize = 0;
    let mut at = 0;
    for edit in edits {
        let gap = &old[at..edit.range.start];
        let start = at.checked_add_signed(shift).unwrap();
        assert_eq!(
            &new[start..start + gap.len()],
            gap,
            "{label}: bytes {at}..{} outside the edits changed",
            edit.range.start
        );
        let replaced = edit.range.start.checked_add_signed(shift).unwrap();
        assert_eq!(
            &new[replaced..replaced + edit.replacement.len()],
            edit.replacement.as_bytes(),
            "{label}: the edit at {:?} is not what was written",
            edit.range
        );
        shift += isize::try_from(edit.replacement.len()).unwrap()
            - isize::try_from(edit.range.len()).unwrap();
        at = edit.range.end;
    }
    let tail = &old[at..];
    assert_eq!(
        new.len(),
        at.checked_add_signed(shift).unwrap() + tail.len(),
        "{label}"
    );
    assert_eq!(
        &new[new.len() - tail.len()..],
        tail,
        "{label}: the end changed"
    );
}

#[test]
fn no_byte_outside_the_fixed_spans_changes() {
    for (label, dir) in fixable_cases() {
        let before_files = snapshot(dir.path());
        let diagnostics = lint(dir.path());
        let mut edits: BTreeMap<&Path, Vec<&FileEdit>> = BTreeMap::new();
        for edit in diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| &f.edits)
        {
            let list = edits.entry(edit.path.as_path()).or_default();
            if !list.contains(&edit) {
                list.push(edit);
            }
        }
        for list in edits.values_mut() {
            list.sort_by_key(|e| e.range.start);
            for pair in list.windows(2) {
                assert!(
                    pair[0].range.end <= pair[1].range.start,
                    "{label}: overlapping edits"
                );
            }
        }
        let applied = fix::apply(&diagnostics, Mode::Write, &BTreeSet::new());
        assert!(applied.failures.is_empty(), "{label}");
        assert_eq!(
            applied.fixed,
            diagnostics.iter().filter(|d| d.fix.is_some()).count(),
            "{label}"
        );
        let after_files = snapshot(dir.path());
        assert_eq!(
            before_files.keys().collect::<Vec<_>>(),
            after_files.keys().collect::<Vec<_>>(),
            "{label}: files were added or removed"
        );
        for (path, old) in &before_files {
            let new = &after_files[path];
            match edits.get(path.as_path()) {
                Some(list) => assert_only_edits_changed(old, new, list, &label),
                None => assert_eq!(
                    old,
                    new,
                    "{label}: {} changed without an edit",
                    path.display()
                ),
            }
        }
    }
}

#[test]
fn diff_writes_nothing_and_prints_the_change() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures_root().join("seeds"), dir.path());
    let before = snapshot(dir.path());
    let output = loclint()
        .args(["check", "--diff"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(snapshot(dir.path()) == before, "--diff changed a file");
    let diff = String::from_utf8(output.stdout).unwrap();
    let name = dir
        .path()
        .join("000_f3437d79a1940531.md")
        .display()
        .to_string();
    assert!(
        diff.contains(&format!("--- {name}\n+++ {name}\n")),
        "{diff}"
    );
    assert!(
        diff.lines()
            .any(|l| l.starts_with('-') && l.contains("[aka.MS/ssprsetup]")),
        "{diff}"
    );
    assert!(
        diff.lines()
            .any(|l| l.starts_with('+') && l.contains("[aka.ms/ssprsetup]")),
        "{diff}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("would fix 6 findings in 3 files"),
        "{stderr}"
    );
    // Once fixed, there is nothing to show.
    // Two findings remain: words pulled into a link text are not moved.
    let stderr = loclint()
        .args(["check", "--fix"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert_stderr_has(&stderr, "6 fixed, 14 remaining");
    let fixed = snapshot(dir.path());
    loclint()
        .args(["check", "--diff"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout("");
    assert!(snapshot(dir.path()) == fixed);
}

const EN: &str = "---\ntitle: Setup\nms.date: 01/02/2024\nms.topic: article\nms.openlocfilehash: 0a771c43b308794af1efd55b9c185b2dcff71700\n---\n# Setup\n\nSee [aka.ms/setup](https://example.com/setup) and [the guide](https://example.com/guide).\n";
const FR: &str = "---\ntitle: Installation\nms.date: 01/02/2024\nms.topic: article\nms.openlocfilehash: 0a771c43b308794af1efd55b9c185b2dcff71700\n---\n# Installation\n\nVoir [aka.ms/setup](https://example.com/setup) et [le guide](https://example.com/guide).\n";

/// de-DE with four fixable defects: literal case, `] (`, a zero-width space, `ms.topic`.
const DE: &str = "---\ntitle: Einrichtung\nms.date: 01/02/2024\nms.topic: artikel\nms.openlocfilehash: 0a771c43b308794af1efd55b9c185b2dcff71700\n---\n# Einrichtung\n\nSiehe [aka.MS/setup](https://example.com/setup) und\u{200B} [die Anleitung] (https://example.com/guide).\n";

/// An article in en-US, fr-FR and de-DE folders under `dir`, with `de` as the de-DE file.
fn article(dir: &Path, de: &[u8]) {
    for (locale, text) in [
        ("en-US", EN.as_bytes()),
        ("fr-FR", FR.as_bytes()),
        ("de-DE", de),
    ] {
        fs::create_dir_all(dir.join(locale)).unwrap();
        fs::write(dir.join(locale).join("setup.md"), text).unwrap();
    }
}

/// `DE` fixed.
const DE_FIXED: &str = "---\ntitle: Einrichtung\nms.date: 01/02/2024\nms.topic: article\nms.openlocfilehash: 0a771c43b308794af1efd55b9c185b2dcff71700\n---\n# Einrichtung\n\nSiehe [aka.ms/setup](https://example.com/setup) und [die Anleitung](https://example.com/guide).\n";

#[test]
fn a_generated_article_is_fixed_as_expected() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), DE.as_bytes());
    let rules: BTreeSet<&str> = lint(dir.path())
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| d.rule)
        .collect();
    assert_eq!(
        rules.into_iter().collect::<Vec<_>>(),
        [
            "front-matter-invariant-mismatch",
            "invisible-character",
            "link-syntax-broken",
            "link-text-literal-altered"
        ]
    );
    let stderr = loclint()
        .args(["check", "--fix"])
        .arg(dir.path())
        .assert()
        .code(0)
        .get_output()
        .stderr
        .clone();
    assert_stderr_has(&stderr, "4 fixed, 0 remaining");
    assert_eq!(
        fs::read_to_string(dir.path().join("de-DE/setup.md")).unwrap(),
        DE_FIXED
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("fr-FR/setup.md")).unwrap(),
        FR
    );
    assert!(lint(dir.path()).is_empty());
}

#[test]
fn byte_order_mark_crlf_and_missing_final_newline_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = |text: &str| text.replace('\n', "\r\n");
    let de = format!("\u{feff}{}", crlf(DE.trim_end_matches('\n')));
    article(dir.path(), de.as_bytes());
    loclint()
        .args(["check", "--fix"])
        .arg(dir.path())
        .assert()
        .code(0);
    let fixed = fs::read_to_string(dir.path().join("de-DE/setup.md")).unwrap();
    let expected = format!("\u{feff}{}", crlf(DE_FIXED.trim_end_matches('\n')));
    assert_eq!(fixed, expected);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_stays_a_link_and_its_target_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let store = tempfile::tempdir().unwrap();
    article(dir.path(), DE.as_bytes());
    let link = dir.path().join("de-DE/setup.md");
    let target = store.path().join("setup.de.txt");
    fs::rename(&link, &target).unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    loclint()
        .args(["check", "--fix"])
        .arg(dir.path())
        .assert()
        .code(0);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), target);
    assert_eq!(fs::read_to_string(&target).unwrap(), DE_FIXED);
    let names: Vec<_> = fs::read_dir(store.path()).unwrap().collect();
    assert_eq!(
        names.len(),
        1,
        "a temporary file was left beside the target"
    );
}

#[cfg(unix)]
#[test]
fn a_hard_linked_file_is_reported_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    article(dir.path(), DE.as_bytes());
    // The fr-FR file gets a fixable defect of its own, fixed although de-DE fails.
    let fr_broken = FR.replace("[le guide](", "[le guide] (");
    fs::write(dir.path().join("fr-FR/setup.md"), &fr_broken).unwrap();
    let de = dir.path().join("de-DE/setup.md");
    fs::hard_link(&de, other.path().join("copy.md")).unwrap();
    let output = loclint()
        .args(["check", "--fix", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(&format!(
            "{}:1:1: error[fix-failed] not fixed, the file is left as it was: it has 2 hard links",
            de.display()
        )),
        "{stdout}"
    );
    assert_eq!(fs::read_to_string(&de).unwrap(), DE);
    assert_eq!(
        fs::read_to_string(other.path().join("copy.md")).unwrap(),
        DE
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("fr-FR/setup.md")).unwrap(),
        FR
    );
}

#[test]
fn a_write_failing_midway_leaves_the_file_byte_identical_and_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), DE.as_bytes());
    let before = snapshot(dir.path());
    let diagnostics = lint(dir.path());
    let applied = fix::apply_with(
        &diagnostics,
        Mode::Write,
        &BTreeSet::new(),
        &|path, bytes| {
            fix::write_atomic(path, |file| {
                file.write_all(&bytes[..bytes.len() / 2])?;
                Err(io::Error::other("injected: no space left on device"))
            })
        },
    );
    assert!(
        snapshot(dir.path()) == before,
        "a file or a temporary file changed"
    );
    assert_eq!(applied.fixed, 0);
    assert!(applied.files.is_empty());
    let failure = &applied.failures[..];
    assert_eq!(failure.len(), 1);
    assert_eq!(failure[0].rule, "fix-failed");
    assert_eq!(failure[0].path, dir.path().join("de-DE/setup.md"));
    assert!(
        failure[0]
            .message
            .ends_with("injected: no space left on device"),
        "{}",
        failure[0].message
    );
}

#[test]
fn only_the_named_file_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), DE.as_bytes());
    let fr_broken = FR.replace("[le guide](", "[le guide] (");
    fs::write(dir.path().join("fr-FR/setup.md"), &fr_broken).unwrap();
    loclint()
        .current_dir(dir.path())
        .args(["check", "--fix", "de-DE/setup.md"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("de-DE/setup.md")).unwrap(),
        DE_FIXED
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("fr-FR/setup.md")).unwrap(),
        fr_broken
    );
}

#[test]
fn an_inherited_defect_is_fixed_in_every_file_that_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let spaced = |text: &str| {
        text.replace(
            "](https://example.com/guide)",
            "] (https://example.com/guide)",
        )
    };
    for (locale, text) in [("en-US", EN), ("fr-FR", FR), ("de-DE", DE_FIXED)] {
        fs::create_dir_all(dir.path().join(locale)).unwrap();
        fs::write(dir.path().join(locale).join("setup.md"), spaced(text)).unwrap();
    }
    let before = lint(dir.path());
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(before[0].fix.as_ref().unwrap().edits.len(), 3);
    let stderr = loclint()
        .args(["check", "--fix"])
        .arg(dir.path())
        .assert()
        .code(0)
        .get_output()
        .stderr
        .clone();
    assert_stderr_has(&stderr, "1 fixed, 0 remaining");
    assert_eq!(
        fs::read_to_string(dir.path().join("en-US/setup.md")).unwrap(),
        EN
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("fr-FR/setup.md")).unwrap(),
        FR
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("de-DE/setup.md")).unwrap(),
        DE_FIXED
    );
}

#[test]
fn the_rules_listing_and_json_mark_what_is_fixable() {
    let listing = loclint()
        .arg("rules")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listing = String::from_utf8(listing).unwrap();
    for rule in rules::ALL {
        let line = listing
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.id))
            .unwrap();
        assert_eq!(line.contains("[*]"), rule.fixable, "{line}");
    }
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), DE.as_bytes());
    let json = loclint()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let fixable = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["fixable"] == true)
        .count();
    assert_eq!(fixable, 4);
    assert_eq!(json["summary"]["fixable"], 4);
}

#[test]
fn a_spaced_link_without_its_closing_parenthesis_is_not_joined() {
    let dir = tempfile::tempdir().unwrap();
    let de = DE_FIXED.replace(
        "[die Anleitung](https://example.com/guide).",
        "[die Anleitung] (https://example.com/guide .",
    );
    article(dir.path(), de.as_bytes());
    let diagnostics = lint(dir.path());
    let broken: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule == "link-syntax-broken")
        .collect();
    assert_eq!(broken.len(), 1, "{diagnostics:?}");
    // Joining would only trade `] (` for a missing `)`.
    assert!(broken[0].fix.is_none());
}

#[cfg(unix)]
#[test]
fn a_link_and_its_target_both_checked_are_fixed_once() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), DE.as_bytes());
    // de-AT/setup.md is a link to the de-DE file: one file checked under two paths.
    fs::create_dir(dir.path().join("de-AT")).unwrap();
    let link = dir.path().join("de-AT/setup.md");
    std::os::unix::fs::symlink("../de-DE/setup.md", &link).unwrap();
    let before = lint(dir.path());
    let on_link = before
        .iter()
        .filter(|d| d.path == link && d.fix.is_some())
        .count();
    assert_eq!(on_link, 4, "{before:?}");
    let output = loclint()
        .args(["check", "--fix", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_stderr_has(&output.stderr, "8 fixed, 0 remaining");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("de-DE/setup.md")).unwrap(),
        DE_FIXED
    );
}

#[test]
fn a_front_matter_comment_is_neither_lost_nor_copied() {
    let dir = tempfile::tempdir().unwrap();
    // A quoted value's span reaches over the comment after it: not rewritten.
    let quoted = DE_FIXED.replace("ms.topic: article", "ms.topic: \"artikel\" # translated");
    article(dir.path(), quoted.as_bytes());
    let diagnostics = lint(dir.path());
    let mismatch: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule == "front-matter-invariant-mismatch")
        .collect();
    assert_eq!(mismatch.len(), 1, "{diagnostics:?}");
    assert!(mismatch[0].fix.is_none());
    // A plain value ends before its comment: rewritten, the comment kept.
    let plain = DE_FIXED.replace("ms.topic: article", "ms.topic: artikel # translated");
    article(dir.path(), plain.as_bytes());
    loclint()
        .args(["check", "--fix"])
        .arg(dir.path())
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("de-DE/setup.md")).unwrap(),
        DE_FIXED.replace("ms.topic: article", "ms.topic: article # translated")
    );
}

#[test]
fn a_link_target_is_restored_unless_the_reference_names_a_locale() {
    let dir = tempfile::tempdir().unwrap();
    // The target lost a letter: the source's link at the same place decides.
    let de = DE_FIXED.replace("https://example.com/guide)", "https://example.com/gude)");
    article(dir.path(), de.as_bytes());
    let diagnostics = lint(dir.path());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].rule, "link-url-mismatch");
    assert!(diagnostics[0].fix.is_some());
    loclint()
        .args(["check", "--fix"])
        .arg(dir.path())
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("de-DE/setup.md")).unwrap(),
        DE_FIXED
    );
    // The source writes `/en-us/`: copied into de-DE it would send readers to English.
    let localized = |text: &str| text.replace("example.com/guide", "example.com/en-us/guide");
    fs::write(dir.path().join("en-US/setup.md"), localized(EN)).unwrap();
    fs::write(dir.path().join("fr-FR/setup.md"), localized(FR)).unwrap();
    fs::write(dir.path().join("de-DE/setup.md"), &de).unwrap();
    let diagnostics = lint(dir.path());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].rule, "link-url-mismatch");
    assert!(diagnostics[0].fix.is_none());
}
