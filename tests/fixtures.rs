//! Fixture harness: lints every case folder `fixtures/<rule-id>/<case>/` with the library and
//! compares the concise output, with paths relative to the case folder, to the case's
//! `expected.txt`. `BLESS=1 cargo test --test fixtures` rewrites the expectations; it never
//! relaxes the checks that a `fires*` case has a finding of its rule and a `near-miss*` case has none.

use std::fs;
use std::path::{Path, PathBuf};

use loclint::config::{self, Config};
use loclint::report::{Diagnostic, concise};
use loclint::{Options, rules};

/// The expected output of a case, in the concise format.
const EXPECTED: &str = "expected.txt";

/// Rules no article of a check makes fire, which this harness cannot show: `fix-failed` comes
/// from a `--fix` run (`tests/fix.rs` makes it fire), `internal-error` from a failure inside
/// loclint (the unit test of `lib.rs` makes one).
const FIX_ONLY: &[&str] = &["fix-failed", "internal-error"];

/// Folders under `fixtures/` that are not rule fixtures.
const NOT_RULES: &[&str] = &["seeds", "formats", "html-report", "layouts"];

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn blessing() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// One case folder: `fixtures/<rule>/<name>/`.
struct Case {
    rule: String,
    name: String,
    dir: PathBuf,
}

impl Case {
    fn label(&self) -> String {
        format!("fixtures/{}/{}", self.rule, self.name)
    }
}

/// The visible subfolders of `dir`, sorted by name.
fn subfolders(dir: &Path) -> Vec<(String, PathBuf)> {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list `{}`: {e}", dir.display()));
    let mut folders: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|entry| Some((entry.file_name().into_string().ok()?, entry.path())))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    folders.sort();
    folders
}

/// The rule folders under `fixtures/`.
fn rule_folders() -> Vec<(String, PathBuf)> {
    subfolders(&fixtures_root())
        .into_iter()
        .filter(|(name, _)| !NOT_RULES.contains(&name.as_str()))
        .collect()
}

fn cases() -> Vec<Case> {
    rule_folders()
        .into_iter()
        .flat_map(|(rule, dir)| {
            subfolders(&dir).into_iter().map(move |(name, dir)| Case {
                rule: rule.clone(),
                name,
                dir,
            })
        })
        .collect()
}

/// `path` relative to `base`, with `/` separators, so that output does not depend on the machine.
fn relative(path: &Path, base: &Path) -> String {
    let inner = path.strip_prefix(base).unwrap_or(path);
    inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Rewrites every path of `diagnostic` (and the paths its message names) relative to `base`.
fn make_relative(diagnostic: &mut Diagnostic, base: &Path) {
    let mut paths: Vec<PathBuf> = vec![diagnostic.path.clone()];
    paths.extend(diagnostic.related.iter().map(|r| r.path.clone()));
    for path in &paths {
        let shown = path.display().to_string();
        if diagnostic.message.contains(&shown) {
            diagnostic.message = diagnostic.message.replace(&shown, &relative(path, base));
        }
    }
    let prefix = format!("{}{}", base.display(), std::path::MAIN_SEPARATOR);
    diagnostic.message = diagnostic.message.replace(&prefix, "");
    diagnostic.path = PathBuf::from(relative(&diagnostic.path, base));
    for related in &mut diagnostic.related {
        related.path = PathBuf::from(relative(&related.path, base));
    }
}

/// The configuration of a case: its own `loclint.toml`, else the defaults.
fn case_config(case: &Case) -> Result<Config, String> {
    if !case.dir.join(config::FILE_NAME).is_file() {
        return Ok(Config::default());
    }
    let path = config::find(None, std::slice::from_ref(&case.dir))
        .ok_or_else(|| format!("`{}` is not found by config::find", config::FILE_NAME))?;
    config::load(&path).map_err(|e| format!("cannot load `{}`: {e}", path.display()))
}

/// Lints a case; returns the rendered output and the diagnostics.
fn run(case: &Case) -> Result<(String, Vec<Diagnostic>), String> {
    let config = case_config(case)?;
    let options = Options::new(vec![case.dir.clone()], config);
    let mut diagnostics = loclint::lint(&options)
        .map_err(|e| format!("lint failed: {e}"))?
        .diagnostics;
    for diagnostic in &mut diagnostics {
        make_relative(diagnostic, &case.dir);
    }
    Ok((concise::render(&diagnostics), diagnostics))
}

/// A line diff of `expected` and `actual` (longest common subsequence): `-` expected only,
/// `+` actual only, two spaces for lines both have.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(format!("  {}", a[i]));
            i += 1;
            j += 1;
        } else if j == b.len() || (i < a.len() && common[i + 1][j] >= common[i][j + 1]) {
            out.push(format!("- {}", a[i]));
            i += 1;
        } else {
            out.push(format!("+ {}", b[j]));
            j += 1;
        }
    }
    if out.is_empty() {
        out.push("  (both empty)".to_owned());
    }
    out.join("\n")
}

/// Checks that a case's findings agree with its name: `fires*` has one of its rule, `near-miss*` none.
fn check_name(case: &Case, diagnostics: &[Diagnostic], output: &str) -> Option<String> {
    let count = diagnostics.iter().filter(|d| d.rule == case.rule).count();
    let shown = if output.is_empty() {
        "  (no findings)\n".to_owned()
    } else {
        indent(output)
    };
    if case.name.starts_with("fires") && count == 0 {
        return Some(format!(
            "{}: a `fires` case must have at least one `{}` finding, and it has none; loclint printed:\n{shown}",
            case.label(),
            case.rule
        ));
    }
    if case.name.starts_with("near-miss") && count > 0 {
        return Some(format!(
            "{}: a `near-miss` case must have no `{}` finding, and it has {count}; loclint printed:\n{shown}",
            case.label(),
            case.rule
        ));
    }
    None
}

fn indent(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Runs one case and compares (or blesses) its expectation; returns every problem found.
fn check_case(case: &Case, bless: bool) -> Vec<String> {
    let (actual, diagnostics) = match run(case) {
        Ok(result) => result,
        Err(error) => return vec![format!("{}: {error}", case.label())],
    };
    let mut problems = Vec::new();
    problems.extend(check_name(case, &diagnostics, &actual));
    let path = case.dir.join(EXPECTED);
    let expected = fs::read_to_string(&path)
        .ok()
        .map(|text| text.replace("\r\n", "\n"));
    if expected.as_deref() == Some(actual.as_str()) {
        return problems;
    }
    if bless {
        if let Err(error) = fs::write(&path, &actual) {
            problems.push(format!(
                "{}: cannot write {EXPECTED}: {error}",
                case.label()
            ));
        }
        return problems;
    }
    match expected {
        None => problems.push(format!(
            "{}: no {EXPECTED}; run `BLESS=1 cargo test --test fixtures`, then read it. loclint printed:\n{}",
            case.label(),
            indent(&actual)
        )),
        Some(expected) => problems.push(format!(
            "{}: output differs from {EXPECTED} (- expected, + actual):\n{}",
            case.label(),
            indent(&diff(&expected, &actual))
        )),
    }
    problems
}

fn report(problems: &[String], what: &str) {
    assert!(
        problems.is_empty(),
        "{} {what}:\n\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_case_matches_its_expected_output() {
    let bless = blessing();
    let cases = cases();
    assert!(
        !cases.is_empty(),
        "no fixture cases under `{}`",
        fixtures_root().display()
    );
    let problems: Vec<String> = cases
        .iter()
        .flat_map(|case| check_case(case, bless))
        .collect();
    report(&problems, "fixture case(s) failed");
}

#[test]
fn every_rule_has_a_firing_and_a_near_miss_case() {
    let mut problems = Vec::new();
    for rule in rules::ALL {
        if FIX_ONLY.contains(&rule.id) {
            continue;
        }
        let dir = fixtures_root().join(rule.id);
        if !dir.is_dir() {
            problems.push(format!(
                "rule `{}` has no fixture folder `fixtures/{}/`",
                rule.id, rule.id
            ));
            continue;
        }
        let names: Vec<String> = subfolders(&dir).into_iter().map(|(name, _)| name).collect();
        for kind in ["fires", "near-miss"] {
            if !names.iter().any(|name| name.starts_with(kind)) {
                problems.push(format!(
                    "rule `{}` has no `fixtures/{}/{kind}*/` case",
                    rule.id, rule.id
                ));
            }
        }
    }
    for (name, _) in rule_folders() {
        if rules::find(&name).is_none() {
            problems.push(format!(
                "`fixtures/{name}/` is named after no rule: `loclint rules` lists the ids"
            ));
        }
    }
    report(&problems, "rule fixture problem(s)");
}

#[test]
fn every_case_has_markdown_and_an_expectation() {
    let mut problems = Vec::new();
    for case in cases() {
        let has_markdown = walk(&case.dir)
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "md"));
        if !has_markdown {
            problems.push(format!("{}: holds no `.md` file", case.label()));
        }
        if !case.dir.join(EXPECTED).is_file() && !blessing() {
            problems.push(format!("{}: has no {EXPECTED}", case.label()));
        }
        if !case.name.starts_with("fires") && !case.name.starts_with("near-miss") {
            problems.push(format!(
                "{}: case names start with `fires` or `near-miss`",
                case.label()
            ));
        }
    }
    report(&problems, "fixture case problem(s)");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn the_diff_marks_both_sides() {
    let shown = diff("a\nb\nc\n", "a\nx\nc\n");
    assert_eq!(shown, "  a\n- b\n+ x\n  c");
    assert_eq!(diff("", "new\n"), "+ new");
}
