//! Checking only what changed: `--changed-since` in a git repository made here (two articles in
//! four locales, two commits) and plain file arguments. Each test asserts which articles were
//! checked (all their locales) and on which files findings were reported. The tests need the
//! `git` on PATH and say so when it is missing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use tempfile::TempDir;

const LOCALES: [&str; 4] = ["en-US", "de-DE", "fr-FR", "ja-JP"];

/// Article `name` in `locale`: a heading and two links, translated, with no defect.
fn page(locale: &str, name: &str) -> String {
    let (title, see, guide, also, more) = match locale {
        "en-US" => ("Sign in", "See", "the guide", "Also", "more help"),
        "de-DE" => (
            "Anmelden",
            "Siehe",
            "die Anleitung",
            "Auch",
            "weitere Hilfe",
        ),
        "fr-FR" => ("Se connecter", "Voir", "le guide", "Aussi", "plus d'aide"),
        _ => ("サインイン", "参照", "ガイド", "また", "その他のヘルプ"),
    };
    format!(
        "---\ntitle: {title}\nms.date: 01/02/2024\n---\n# {title}\n\n{see} [{guide}](https://example.com/{name}/guide).\n\n{also} [{more}](https://example.com/{name}/more).\n"
    )
}

/// Empties the first link text of a page: one `link-text-empty`.
fn emptied(text: &str) -> String {
    let start = text.find('[').unwrap();
    let end = text[start..].find(']').unwrap() + start;
    format!("{}[{}", &text[..start], &text[end..])
}

/// Empties the second link text of a page.
fn second_emptied(text: &str) -> String {
    let start = text.rfind('[').unwrap();
    let end = text[start..].find(']').unwrap() + start;
    format!("{}[{}", &text[..start], &text[end..])
}

fn git_available() -> bool {
    let found = Process::new("git").arg("--version").output().is_ok();
    if !found {
        // Past the harness's capture, so the skip is seen even when the test passes.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"changed: skipped: these tests need `git` on PATH, and there is none\n",
        );
    }
    found
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .args([
            "-c",
            "user.name=loclint",
            "-c",
            "user.email=loclint@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

/// A repository with articles `a` and `b` in four locales. First commit: `de-DE/a.md` (second
/// link) and `fr-FR/b.md` (first link) have an empty link text. Second commit: `fr-FR/a.md` gets
/// one too (first link).
fn repository() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for locale in LOCALES {
        fs::create_dir_all(root.join(locale)).unwrap();
        for name in ["a", "b"] {
            let text = match (locale, name) {
                ("de-DE", "a") => second_emptied(&page(locale, name)),
                ("fr-FR", "b") => emptied(&page(locale, name)),
                _ => page(locale, name),
            };
            fs::write(root.join(locale).join(format!("{name}.md")), text).unwrap();
        }
    }
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "one"]);
    fs::write(root.join("fr-FR/a.md"), emptied(&page("fr-FR", "a"))).unwrap();
    git(root, &["commit", "-q", "-a", "-m", "two"]);
    dir
}

struct Run {
    code: i32,
    json: Value,
    stderr: String,
}

fn loclint(dir: &Path, args: &[&str]) -> Run {
    let mut command: Command = cargo_bin_cmd!("loclint");
    let output = command
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

/// (path with `/` and no leading `./`, rule, message) of every diagnostic.
fn findings(run: &Run) -> Vec<(String, String, String)> {
    run.json["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no JSON report; stderr: {}", run.stderr))
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap().replace('\\', "/");
            let path = path.trim_start_matches("./").to_owned();
            (
                path,
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn summary(run: &Run, key: &str) -> u64 {
    run.json["summary"][key].as_u64().unwrap()
}

#[test]
fn changed_since_checks_the_changed_article_in_every_locale_and_reports_the_changed_file() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let full = loclint(repo.path(), &["."]);
    let all: Vec<String> = findings(&full).into_iter().map(|f| f.0).collect();
    assert_eq!(
        all,
        ["de-DE/a.md", "fr-FR/a.md", "fr-FR/b.md"],
        "{}",
        full.stderr
    );

    let run = loclint(repo.path(), &["--changed-since", "HEAD~1"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(summary(&run, "articles"), 1, "only article `a`");
    assert_eq!(summary(&run, "files"), 4, "all four locales of `a`");
    let found = findings(&run);
    assert_eq!(found.len(), 1, "{found:?}");
    let (path, rule, message) = &found[0];
    assert_eq!(
        (path.as_str(), rule.as_str()),
        ("fr-FR/a.md", "link-text-empty")
    );
    // Compared with the other three locales: they were read although they did not change.
    assert!(message.contains("3 of 3"), "{message}");

    // `--report all` shows the whole article, still not article `b`.
    let run = loclint(
        repo.path(),
        &["--changed-since", "HEAD~1", "--report", "all"],
    );
    let paths: Vec<String> = findings(&run).into_iter().map(|f| f.0).collect();
    assert_eq!(paths, ["de-DE/a.md", "fr-FR/a.md"]);
}

#[test]
fn changed_since_sees_uncommitted_untracked_deleted_and_renamed_files() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path();
    // Nothing changed since HEAD: nothing to check.
    let run = loclint(root, &["--changed-since", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("no Markdown file changed since `HEAD`"),
        "{}",
        run.stderr
    );

    // An untracked new locale of `b`: article `b` is checked and its defect in fr-FR, which did
    // not change, is not reported.
    fs::create_dir_all(root.join("es-ES")).unwrap();
    fs::write(root.join("es-ES/b.md"), emptied(&page("de-DE", "b"))).unwrap();
    let run = loclint(root, &["--changed-since", "HEAD"]);
    assert_eq!((summary(&run, "articles"), summary(&run, "files")), (1, 5));
    let paths: Vec<String> = findings(&run).into_iter().map(|f| f.0).collect();
    assert_eq!(paths, ["es-ES/b.md"], "{}", run.stderr);
    fs::remove_dir_all(root.join("es-ES")).unwrap();

    // A deleted locale: its article is still checked with the locales that remain; a rename:
    // the article it left and the one it joined are both checked.
    fs::remove_file(root.join("ja-JP/a.md")).unwrap();
    git(root, &["mv", "de-DE/b.md", "de-DE/c.md"]);
    let run = loclint(root, &["--changed-since", "HEAD", "--report", "all"]);
    assert_eq!(summary(&run, "articles"), 3, "a, b and c: {}", run.stderr);
    assert_eq!(summary(&run, "files"), 3 + 3 + 1);
    let paths: Vec<String> = findings(&run).into_iter().map(|f| f.0).collect();
    assert!(paths.contains(&"fr-FR/a.md".to_owned()), "{paths:?}");
}

#[test]
fn changed_since_compares_the_work_tree_with_the_ref_not_each_step_between() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path();
    // Changed in the last commit, changed back in the work tree: as it was at HEAD~1.
    fs::write(root.join("fr-FR/a.md"), page("fr-FR", "a")).unwrap();
    let run = loclint(root, &["--changed-since", "HEAD~1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no Markdown file changed since `HEAD~1`"),
        "{}",
        run.stderr
    );
    // A change only staged is a change.
    fs::write(root.join("fr-FR/b.md"), page("fr-FR", "b")).unwrap();
    git(root, &["add", "fr-FR/b.md"]);
    let run = loclint(root, &["--changed-since", "HEAD~1"]);
    assert_eq!(summary(&run, "articles"), 1, "{}", run.stderr);
    assert_eq!(summary(&run, "files"), 4);
}

#[test]
fn a_commit_range_compares_commits_and_leaves_the_work_tree_alone() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path();
    // Not committed: a new defect in de-DE/b.md and an untracked locale of `b`.
    fs::write(root.join("de-DE/b.md"), emptied(&page("de-DE", "b"))).unwrap();
    fs::create_dir_all(root.join("es-ES")).unwrap();
    fs::write(root.join("es-ES/b.md"), emptied(&page("de-DE", "b"))).unwrap();
    for range in ["HEAD~1..HEAD", "HEAD~1...HEAD", "HEAD~1.."] {
        let run = loclint(root, &["--changed-since", range]);
        assert_eq!(run.code, 1, "{range}: {}", run.stderr);
        assert_eq!(
            summary(&run, "articles"),
            1,
            "{range}: only `a` changed in the commit"
        );
        let paths: Vec<String> = findings(&run).into_iter().map(|f| f.0).collect();
        assert_eq!(paths, ["fr-FR/a.md"], "{range}: {}", run.stderr);
    }
    // The same ref without a range sees the work tree too.
    let run = loclint(root, &["--changed-since", "HEAD~1"]);
    let paths: Vec<String> = findings(&run).into_iter().map(|f| f.0).collect();
    assert!(paths.contains(&"de-DE/b.md".to_owned()), "{paths:?}");
    assert!(paths.contains(&"es-ES/b.md".to_owned()), "{paths:?}");
    // Either end of a range must name a commit.
    let run = loclint(root, &["--changed-since", "HEAD~1..no-such-branch"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`no-such-branch` names no commit"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_changed_source_puts_its_unchanged_translations_out_of_sync() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path();
    let source = page("en-US", "b").replace("# Sign in", "# Sign in to Office");
    fs::write(root.join("en-US/b.md"), source).unwrap();
    // de-DE was updated with its source; fr-FR and ja-JP were not.
    let german = page("de-DE", "b").replace("# Anmelden", "# Bei Office anmelden");
    fs::write(root.join("de-DE/b.md"), german).unwrap();
    let run = loclint(root, &["--changed-since", "HEAD"]);
    let out_of_sync: Vec<(String, String)> = findings(&run)
        .into_iter()
        .filter(|f| f.1 == "translation-out-of-sync")
        .map(|f| (f.0, f.2))
        .collect();
    let paths: Vec<&str> = out_of_sync.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(paths, ["fr-FR/b.md", "ja-JP/b.md"], "{}", run.stderr);
    assert!(
        out_of_sync[0]
            .1
            .contains("en-US source changed since `HEAD`"),
        "{}",
        out_of_sync[0].1
    );
    // fr-FR's own empty link text did not change: not reported.
    assert!(!findings(&run).iter().any(|f| f.1 == "link-text-empty"));
}

#[test]
fn changed_since_in_a_subfolder_keeps_the_changes_under_it() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path();
    fs::write(root.join("de-DE/b.md"), emptied(&page("de-DE", "b"))).unwrap();
    // From `fr-FR/`: the changes of HEAD~1..now under fr-FR are `a.md` only, and the other
    // locales are still found from the repository's top.
    let run = loclint(&root.join("fr-FR"), &["--changed-since", "HEAD~1"]);
    assert_eq!(summary(&run, "files"), 4, "{}", run.stderr);
    let paths: Vec<String> = findings(&run).into_iter().map(|f| f.0).collect();
    assert_eq!(paths, ["../fr-FR/a.md"]);
    let run = loclint(root, &["--changed-since", "HEAD~1", "de-DE"]);
    let paths: Vec<String> = findings(&run).into_iter().map(|f| f.0).collect();
    assert_eq!(paths, ["de-DE/b.md"]);
}

#[test]
fn a_named_file_is_checked_against_its_other_locales() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path();
    for dir in [root.to_path_buf(), root.join("fr-FR")] {
        let name = if dir == root { "fr-FR/a.md" } else { "a.md" };
        let run = loclint(&dir, &[name]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!((summary(&run, "articles"), summary(&run, "files")), (1, 4));
        let found = findings(&run);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.ends_with("fr-FR/a.md") && found[0].2.contains("3 of 3"));
    }
    // Outside any repository `--root` says where the other locales are.
    let plain = tempfile::tempdir().unwrap();
    for locale in LOCALES {
        fs::create_dir_all(plain.path().join("docs").join(locale)).unwrap();
        let text = if locale == "ja-JP" {
            emptied(&page(locale, "a"))
        } else {
            page(locale, "a")
        };
        fs::write(plain.path().join("docs").join(locale).join("a.md"), text).unwrap();
    }
    let run = loclint(plain.path(), &["docs/ja-JP/a.md", "--root", "docs"]);
    assert_eq!(summary(&run, "files"), 4, "{}", run.stderr);
    let found = findings(&run);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("3 of 3"), "{}", found[0].2);
}

#[test]
fn a_ref_git_does_not_know_and_a_folder_outside_git_are_usage_errors() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let run = loclint(repo.path(), &["--changed-since", "no-such-ref"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`no-such-ref` names no commit"),
        "{}",
        run.stderr
    );
    let plain = tempfile::tempdir().unwrap();
    let run = loclint(plain.path(), &["--changed-since", "HEAD"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("needs a git repository"),
        "{}",
        run.stderr
    );
}
