//! The machine-readable formats `sarif`, `github` and `junit`: one snapshot per format over one
//! fixture with findings of several rules, the SARIF log checked by Microsoft's SARIF validator,
//! the workflow commands unescaped back to the original text, and the `junit` report read by an
//! XML parser.
//!
//! The fixture is `fixtures/seeds` copied to a temporary folder, with one locale damaged in
//! several ways, a link text broken over two lines and a file name with a space and a non-ASCII
//! letter. Review changed snapshots with `cargo insta review`, or accept them all with
//! `INSTA_UPDATE=always cargo test --test formats`.
//!
//! The validator comes from the npm registry: `LOCLINT_SARIF_MULTITOOL` names an installed
//! `sarif-multitool`, else `npx --yes @microsoft/sarif-multitool` fetches it; without npm the test
//! says that it is skipped.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::cargo::cargo_bin_cmd;
use loclint::report::{Diagnostic, RelatedDiagnostic, Summary, github, junit};
use loclint::rules::{self, Severity};
use serde_json::Value;
use tempfile::TempDir;

/// The folder of the fixture inside its temporary directory, as the command line names it.
const FIXTURE: &str = "formats";
const RENAMED: &str = "004 he-IL ü.md";

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds")
}

/// The seeds in `<tmp>/formats/`: sl-SI with a changed URL, an emptied link text, a broken link,
/// a dropped section and a misspelt key; sv-SE with a link text over two lines; he-IL renamed.
fn fixture() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(FIXTURE);
    fs::create_dir(&root).unwrap();
    for entry in fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, root.join(path.file_name().unwrap())).unwrap();
    }
    edit(
        &root.join("001_678c846b084a1da6.md"),
        &[
            (
                "[Spreminjanje gesla](https://docs.microsoft.com/azure/active-directory/",
                "[Spreminjanje gesla](https://docs.microsoft.com/azure/Active-Directory/",
            ),
            ("[pogoste težave in njihove rešitve](", "[]("),
            (
                "[Kako deluje ponastavitev gesla: registracija](",
                "[Kako deluje ponastavitev gesla: registracija] (",
            ),
            ("**Kako moji uporabniki spreminjajo svoja gesla?**\n\n", ""),
            ("manager: dansimp", "managr: dansimp"),
        ],
    );
    edit(
        &root.join("003_ecf69b52920dbe2f.md"),
        &[(
            "[av lösenord aka.ms/ssprsetup]",
            "[av lösenord\naka.ms/ssprsetup]",
        )],
    );
    fs::rename(root.join("004_0a31d513d65c7e6f.md"), root.join(RENAMED)).unwrap();
    dir
}

/// Replaces each `from` that occurs exactly once in the file by `to`.
fn edit(path: &Path, edits: &[(&str, &str)]) {
    let mut text = fs::read_to_string(path).unwrap();
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "the fixture edit `{from}` no longer applies to `{}`",
            path.display()
        );
        text = text.replacen(from, to, 1);
    }
    fs::write(path, text).unwrap();
}

/// `loclint check formats <args>` run in `dir`: the exit code and stdout.
fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    check_path(dir, Path::new(FIXTURE), args)
}

/// `loclint check <path> <args>` run in `dir`.
fn check_path(dir: &Path, path: &Path, args: &[&str]) -> (i32, String) {
    let output = cargo_bin_cmd!("loclint")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    let code = output
        .status
        .code()
        .expect("loclint was killed by a signal");
    assert!(
        code == 0 || code == 1,
        "loclint exited with {code}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (code, String::from_utf8(output.stdout).unwrap())
}

/// The fixture's diagnostics, from `--format json`.
fn json_diagnostics(dir: &Path) -> Vec<Value> {
    let (_, out) = check(dir, &["--format", "json"]);
    let document: Value = serde_json::from_str(&out).unwrap();
    document["diagnostics"].as_array().unwrap().clone()
}

fn sarif(dir: &Path) -> Value {
    let (code, out) = check(dir, &["--format", "sarif"]);
    assert_eq!(code, 1, "the fixture has errors");
    serde_json::from_str(&out).unwrap()
}

/// Writes past the test harness's capture, so that a skip shows in `cargo test`'s output.
fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

// ---------------------------------------------------------------------------------------------
// SARIF

#[test]
fn sarif_snapshot() {
    let dir = fixture();
    let mut log = sarif(dir.path());
    // The rules' docs are checked against the registry below; the snapshot keeps their ids.
    let driver = &mut log["runs"][0]["tool"]["driver"];
    let ids: Vec<Value> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["id"].clone())
        .collect();
    driver["rules"] = Value::Array(ids);
    driver["version"] = "[version]".into();
    driver["semanticVersion"] = "[version]".into();
    log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "[working directory]".into();
    insta::assert_snapshot!("sarif", serde_json::to_string_pretty(&sorted(log)).unwrap());
}

/// `value` with the keys of every object in sorted order, whatever the features of `serde_json`.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[test]
fn sarif_describes_every_rule_from_its_doc() {
    let dir = fixture();
    let log = sarif(dir.path());
    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"]
            .as_str()
            .unwrap()
            .ends_with("sarif-schema-2.1.0.json")
    );
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "loclint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let described = driver["rules"].as_array().unwrap();
    assert_eq!(described.len(), rules::ALL.len());
    for (rule, described) in rules::ALL.iter().zip(described) {
        assert_eq!(described["id"], rule.id);
        assert_eq!(described["shortDescription"]["text"], rule.summary);
        assert_eq!(described["help"]["markdown"], rule.docs);
        assert_eq!(described["help"]["text"], rule.docs);
        assert_eq!(
            described["defaultConfiguration"]["level"],
            rule.severity.as_str()
        );
        let first_paragraph = rule
            .docs
            .split("\n\n")
            .find(|p| !p.trim().is_empty() && !p.starts_with('#'))
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(described["fullDescription"]["text"], first_paragraph);
    }
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
}

#[test]
fn sarif_results_match_the_diagnostics() {
    let dir = fixture();
    let log = sarif(dir.path());
    let diagnostics = json_diagnostics(dir.path());
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    let rule_ids: BTreeSet<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert!(
        rule_ids.len() >= 6,
        "the fixture should fire many rules: {rule_ids:?}"
    );
    for (result, d) in results.iter().zip(&diagnostics) {
        let rule = result["ruleId"].as_str().unwrap();
        assert_eq!(rule, d["rule"]);
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules::ALL[index].id, rule);
        assert_eq!(result["level"], d["severity"]);
        let text = result["message"]["text"].as_str().unwrap();
        assert!(text.starts_with(d["message"].as_str().unwrap()), "{text}");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], encoded(&d["path"]));
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        assert_eq!(region["startLine"], d["line"]);
        assert_eq!(region["startColumn"], d["column"]);
        assert_eq!(region["endLine"], d["end_line"]);
        assert_eq!(region["endColumn"], d["end_column"]);
        let related = d["related"].as_array().unwrap();
        let locations = result["relatedLocations"]
            .as_array()
            .map_or(&[][..], Vec::as_slice);
        assert_eq!(locations.len(), related.len());
        for ((location, r), id) in locations.iter().zip(related).zip(1..) {
            assert_eq!(location["id"], id);
            assert_eq!(location["message"]["text"], r["message"]);
            let physical = &location["physicalLocation"];
            assert_eq!(physical["artifactLocation"]["uri"], encoded(&r["path"]));
            assert_eq!(physical["region"]["startLine"], r["line"]);
            assert_eq!(physical["region"]["startColumn"], r["column"]);
        }
    }
    assert!(
        results.iter().any(|r| r["relatedLocations"].is_array()),
        "no result points at its reference"
    );
    let uris: Vec<&str> = results
        .iter()
        .flat_map(|r| r["relatedLocations"].as_array().into_iter().flatten())
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"formats/004%20he-IL%20%C3%BC.md"),
        "spaces and non-ASCII letters are percent-encoded: {uris:?}"
    );
}

/// The URI the SARIF log should have for a path of the JSON output (relative, `/` separators).
fn encoded(path: &Value) -> String {
    path.as_str()
        .unwrap()
        .replace('%', "%25")
        .replace(' ', "%20")
        .replace('ü', "%C3%BC")
}

fn fingerprints(log: &Value) -> Vec<String> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"]["loclintFingerprint/v1"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn sarif_fingerprints_are_unique_and_survive_line_shifts() {
    let dir = fixture();
    let before = sarif(dir.path());
    let original = fingerprints(&before);
    let unique: HashSet<&String> = original.iter().collect();
    assert_eq!(
        unique.len(),
        original.len(),
        "fingerprints repeat: {original:?}"
    );

    // The same files named another way.
    for path in [dir.path().join(FIXTURE), Path::new(".").join(FIXTURE)] {
        let (_, out) = check_path(dir.path(), &path, &["--format", "sarif"]);
        let log: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(fingerprints(&log), original, "{}", path.display());
    }

    // Lines added at the start of every body move every finding.
    for entry in fs::read_dir(dir.path().join(FIXTURE)).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let body = text
            .find("\n# ")
            .expect("a title heading after the front matter");
        let shifted = format!("{}\n\n\n{}", &text[..body], &text[body..]);
        fs::write(&path, shifted).unwrap();
    }
    let after = sarif(dir.path());
    let lines = |log: &Value| -> Vec<u64> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap()
            })
            .collect()
    };
    assert_ne!(
        lines(&before),
        lines(&after),
        "the edit should move the findings"
    );
    let moved: BTreeSet<String> = fingerprints(&after).into_iter().collect();
    let kept: BTreeSet<String> = original.into_iter().collect();
    assert_eq!(kept, moved);
}

/// How to run Microsoft's SARIF validator here, if npm is there.
fn validator() -> Option<Process> {
    if let Some(path) = std::env::var_os("LOCLINT_SARIF_MULTITOOL").filter(|p| !p.is_empty()) {
        return Some(Process::new(path));
    }
    let npx = Process::new("npx").arg("--version").output();
    if !npx.is_ok_and(|o| o.status.success()) {
        return None;
    }
    let mut command = Process::new("npx");
    command.args(["--yes", "@microsoft/sarif-multitool"]);
    Some(command)
}

/// Runs `validate` on `sarif`; returns the validator's results (its own SARIF log) and console.
fn validate(sarif: &Path, report: &Path) -> (Vec<Value>, String) {
    let mut validator = validator().expect("checked by the caller");
    let output = validator
        .arg("validate")
        .arg(sarif)
        .arg("--output")
        .arg(report)
        .args(["--log", "ForceOverwrite"])
        .output()
        .unwrap();
    let console = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "the validator failed:\n{console}");
    let text = fs::read_to_string(report)
        .unwrap_or_else(|e| panic!("the validator wrote no report ({e}):\n{console}"));
    let log: Value = serde_json::from_str(&text).unwrap();
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (results, console)
}

fn errors(results: &[Value]) -> Vec<String> {
    results
        .iter()
        .filter(|r| r["level"] == "error")
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect()
}

#[test]
fn sarif_passes_microsofts_validator() {
    if validator().is_none() {
        say("skipped: npm not available (the SARIF validator is installed from the npm registry)");
        return;
    }
    let dir = fixture();
    let sarif = dir.path().join("loclint.sarif");
    let (code, _) = check(
        dir.path(),
        &["--format", "sarif", "--output", sarif.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    let (results, console) = validate(&sarif, &dir.path().join("validation.sarif"));
    let errors = errors(&results);
    assert!(
        errors.is_empty(),
        "the validator found errors:\n{}\n{console}",
        errors.join("\n")
    );
    assert!(!console.contains(": error "), "{console}");

    // The validator does see errors: a region starting on line 0 is one.
    let mut log: Value = serde_json::from_str(&fs::read_to_string(&sarif).unwrap()).unwrap();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    let broken = dir.path().join("broken.sarif");
    fs::write(&broken, serde_json::to_string(&log).unwrap()).unwrap();
    let (results, console) = validate(&broken, &dir.path().join("broken-validation.sarif"));
    assert!(
        !self::errors(&results).is_empty(),
        "the validator missed a broken region:\n{console}"
    );
}

// ---------------------------------------------------------------------------------------------
// GitHub workflow commands

/// A workflow command read back: `::kind key=value,…::data`, unescaped.
#[derive(Debug)]
struct WorkflowCommand {
    kind: String,
    properties: Vec<(String, String)>,
    data: String,
}

impl WorkflowCommand {
    fn parse(line: &str) -> Self {
        let rest = line
            .strip_prefix("::")
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        // Escaped properties hold no `:`, so the first `::` ends them.
        let (head, data) = rest
            .split_once("::")
            .unwrap_or_else(|| panic!("no `::` before the data: {line}"));
        let (kind, properties) = head.split_once(' ').unwrap_or((head, ""));
        let properties = properties
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (key, value) = p
                    .split_once('=')
                    .unwrap_or_else(|| panic!("property without `=`: {p} in {line}"));
                (key.to_owned(), unescape(value))
            })
            .collect();
        WorkflowCommand {
            kind: kind.to_owned(),
            properties,
            data: unescape(data),
        }
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn keys(&self) -> Vec<&str> {
        self.properties.iter().map(|(k, _)| k.as_str()).collect()
    }
}

/// Undoes GitHub's escaping: `%25`, `%0D`, `%0A`, `%3A` and `%2C`.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest
            .get(at + 1..at + 3)
            .unwrap_or_else(|| panic!("a bare `%` in {text}"));
        out.push(match code {
            "25" => '%',
            "0D" => '\r',
            "0A" => '\n',
            "3A" => ':',
            "2C" => ',',
            _ => panic!("`%{code}` is no escape GitHub knows, in {text}"),
        });
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

fn diagnostic(path: &str, message: &str, lines: (usize, usize)) -> Diagnostic {
    Diagnostic {
        rule: "link-url-mismatch",
        severity: Severity::Error,
        path: PathBuf::from(path),
        locale: Some("de-DE".to_owned()),
        article: "docs/a&b <c>".to_owned(),
        span: 0..1,
        line: lines.0,
        column: 7,
        end_line: lines.1,
        end_column: 9,
        message: message.to_owned(),
        help: None,
        related: Vec::new(),
        fix: None,
    }
}

#[test]
fn github_commands_round_trip_percent_newlines_colons_and_commas() {
    let message = "100% of `a::b`, c,d: done\r\nsecond line\nthird %0A %25 ::warning::x";
    let path = "de-DE/a:b,c/50%, yes::no.md";
    let mut one_line = diagnostic(path, message, (3, 3));
    one_line.help = Some("write `x,y`: 10%".to_owned());
    one_line.related.push(RelatedDiagnostic {
        path: PathBuf::from("en-US/a:b,c.md"),
        locale: Some("en-US".to_owned()),
        span: 0..1,
        line: 4,
        column: 2,
        end_line: 4,
        end_column: 5,
        message: "the link, in: en-US".to_owned(),
    });
    let mut multi_line = diagnostic("x,y:z.md", "spans\r\nlines", (3, 5));
    multi_line.severity = Severity::Warning;
    multi_line.rule = "link-text-untranslated";

    let out = github::render(&[one_line, multi_line]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "one line per finding:\n{out}");
    assert_eq!(out.matches('\n').count(), 2, "a raw newline in:\n{out}");
    assert!(!out.contains('\r'), "a raw carriage return in:\n{out}");

    let first = WorkflowCommand::parse(lines[0]);
    assert_eq!(first.kind, "error");
    assert_eq!(
        first.keys(),
        ["file", "line", "col", "endLine", "endColumn", "title"]
    );
    assert_eq!(first.get("file"), Some(path));
    assert_eq!(first.get("line"), Some("3"));
    assert_eq!(first.get("col"), Some("7"));
    assert_eq!(first.get("endLine"), Some("3"));
    assert_eq!(first.get("endColumn"), Some("9"));
    assert_eq!(first.get("title"), Some("link-url-mismatch"));
    assert_eq!(
        first.data,
        format!("{message}\nhelp: write `x,y`: 10%\nthe link, in: en-US: en-US/a:b,c.md:4:2")
    );

    let second = WorkflowCommand::parse(lines[1]);
    assert_eq!(second.kind, "warning");
    assert_eq!(
        second.keys(),
        ["file", "line", "endLine", "title"],
        "no columns over lines"
    );
    assert_eq!(second.get("file"), Some("x,y:z.md"));
    assert_eq!(second.get("line"), Some("3"));
    assert_eq!(second.get("endLine"), Some("5"));
    assert_eq!(second.data, "spans\r\nlines");
}

#[test]
fn github_snapshot() {
    let dir = fixture();
    let (code, out) = check(dir.path(), &["--format", "github"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("github", out);
}

#[test]
fn github_commands_carry_each_diagnostic() {
    let dir = fixture();
    let (_, out) = check(dir.path(), &["--format", "github"]);
    let diagnostics = json_diagnostics(dir.path());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), diagnostics.len());
    let mut multi_line = 0;
    for (line, d) in lines.iter().zip(&diagnostics) {
        let command = WorkflowCommand::parse(line);
        assert_eq!(command.kind, d["severity"]);
        assert_eq!(command.get("file"), d["path"].as_str());
        assert_eq!(command.get("title"), d["rule"].as_str());
        assert_eq!(command.get("line"), Some(d["line"].to_string().as_str()));
        assert_eq!(
            command.get("endLine"),
            Some(d["end_line"].to_string().as_str())
        );
        if d["line"] == d["end_line"] {
            assert_eq!(command.get("col"), Some(d["column"].to_string().as_str()));
        } else {
            multi_line += 1;
            assert_eq!(command.get("col"), None);
            assert_eq!(command.get("endColumn"), None);
        }
        let mut expected = d["message"].as_str().unwrap().to_owned();
        if let Some(help) = d["help"].as_str() {
            expected = format!("{expected}\nhelp: {help}");
        }
        for r in d["related"].as_array().unwrap() {
            expected = format!(
                "{expected}\n{}: {}:{}:{}",
                r["message"].as_str().unwrap(),
                r["path"].as_str().unwrap(),
                r["line"],
                r["column"]
            );
        }
        assert_eq!(command.data, expected);
    }
    assert!(multi_line > 0, "the fixture has a finding over two lines");
}

/// File names with `:` and `,` (not allowed on Windows) survive a real run.
#[cfg(unix)]
#[test]
fn github_commands_name_files_with_colons_and_commas() {
    let dir = fixture();
    let root = dir.path().join(FIXTURE);
    let odd = "001 sl-SI: a,b.md";
    fs::rename(root.join("001_678c846b084a1da6.md"), root.join(odd)).unwrap();
    let (_, out) = check(dir.path(), &["--format", "github"]);
    let files: BTreeSet<String> = out
        .lines()
        .map(|line| WorkflowCommand::parse(line).get("file").unwrap().to_owned())
        .collect();
    assert!(files.contains(&format!("{FIXTURE}/{odd}")), "{files:?}");
    for file in &files {
        assert!(
            dir.path().join(file).is_file(),
            "`{file}` is no file of the fixture"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// JUnit

#[test]
fn junit_snapshot() {
    let dir = fixture();
    let (code, out) = check(dir.path(), &["--format", "junit"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("junit", out);
}

#[test]
fn junit_parses_as_xml_with_a_test_case_per_file() {
    let dir = fixture();
    let (_, out) = check(dir.path(), &["--format", "junit"]);
    let diagnostics = json_diagnostics(dir.path());
    let document = roxmltree::Document::parse(&out).unwrap();
    let suites = document.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let suite = suites
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let paths: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    let files: BTreeSet<&str> = paths.iter().copied().collect();
    assert_eq!(cases.len(), files.len());
    assert_eq!(
        suite.attribute("tests"),
        Some(cases.len().to_string().as_str())
    );
    assert_eq!(
        suite.attribute("failures"),
        Some(cases.len().to_string().as_str())
    );
    assert_eq!(suites.attribute("tests"), suite.attribute("tests"));

    let mut failures = Vec::new();
    for case in &cases {
        let name = case.attribute("name").unwrap();
        assert!(files.contains(name), "{name}");
        for failure in case.children().filter(|n| n.has_tag_name("failure")) {
            failures.push((
                name,
                case.attribute("classname").unwrap(),
                failure.attribute("type").unwrap(),
                failure.attribute("message").unwrap(),
            ));
        }
    }
    assert_eq!(failures.len(), diagnostics.len());
    for (failure, d) in failures.iter().zip(&diagnostics) {
        assert_eq!(failure.0, d["path"]);
        assert_eq!(failure.1, d["article"]);
        assert_eq!(failure.2, d["rule"]);
        assert_eq!(failure.3, d["message"]);
    }
    let property = |name: &str| {
        suite
            .descendants()
            .find(|n| n.has_tag_name("property") && n.attribute("name") == Some(name))
            .and_then(|n| n.attribute("value"))
            .map(str::to_owned)
    };
    assert_eq!(property("diagnostics"), Some(diagnostics.len().to_string()));
    assert_eq!(property("files"), Some("5".to_owned()));
}

#[test]
fn junit_escapes_markup_and_strips_what_xml_forbids() {
    let message = "a <b> & \"c\" 'd' ]]> tab\tnew\nline\rcr \u{1}\u{1b}\u{fffe}end ü 𝄞";
    let mut d = diagnostic("de-DE/<x> & \"y\".md", message, (2, 2));
    d.help = Some("]]> <![CDATA[ &amp;".to_owned());
    let summary = Summary {
        files: 1,
        ..Summary::default()
    };
    let out = junit::render(&[d], &summary);
    let document = roxmltree::Document::parse(&out).unwrap();
    let case = document
        .descendants()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    assert_eq!(case.attribute("name"), Some("de-DE/<x> & \"y\".md"));
    assert_eq!(case.attribute("classname"), Some("docs/a&b <c>"));
    let failure = case.first_element_child().unwrap();
    let kept: String = message
        .chars()
        .filter(|c| !matches!(c, '\u{1}' | '\u{1b}' | '\u{fffe}'))
        .collect();
    assert_eq!(failure.attribute("message"), Some(kept.as_str()));
    assert_eq!(failure.attribute("type"), Some("link-url-mismatch"));
    let body = failure.text().unwrap();
    assert!(body.contains(&kept), "{body:?}");
    assert!(body.ends_with("help: ]]> <![CDATA[ &amp;"), "{body:?}");
}
