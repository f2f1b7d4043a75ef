//! Bad input: every file is generated here in a temporary folder, as `de-DE/<name>` beside a
//! normal `fr-FR/article.md`, and linted through the library. Each test asserts the finding the
//! input deserves (or a clean result), that every position points into the file, that the run
//! ends without a panic or a hang, and that loclint left every file as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use loclint::config::Config;
use loclint::report::Diagnostic;
use loclint::{Options, Outcome};
use tempfile::TempDir;

/// Generous: no input here needs more than a few seconds; this only turns a hang into a failure.
const LIMIT: Duration = Duration::from_secs(120);

const FR_ARTICLE: &str = "---\ntitle: Article\nms.date: 01/02/2024\n---\n# Titre\n\nVoir [le guide](https://example.com/guide).\n";

/// The de-DE counterpart of `FR_ARTICLE`: linted together they give no finding.
const DE_ARTICLE: &str = "---\ntitle: Artikel\nms.date: 01/02/2024\n---\n# Titel\n\nSiehe [Anleitung](https://example.com/guide).\n";

/// `DE_ARTICLE` whose link lost its link syntax (`] (`): one `link-syntax-broken` at 7:7–7:46.
const DE_SPACED_LINK: &str = "---\ntitle: Artikel\nms.date: 01/02/2024\n---\n# Titel\n\nSiehe [Anleitung] (https://example.com/guide).\n";

/// A temporary folder with the normal `fr-FR/article.md` and an empty `de-DE/` for the bad input.
struct Layout {
    dir: TempDir,
}

impl Layout {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("fr-FR")).unwrap();
        fs::create_dir(dir.path().join("de-DE")).unwrap();
        fs::write(dir.path().join("fr-FR/article.md"), FR_ARTICLE).unwrap();
        Layout { dir }
    }

    /// A layout whose `de-DE/article.md` holds `bytes`.
    fn with_article(bytes: impl AsRef<[u8]>) -> Self {
        let layout = Layout::new();
        fs::write(layout.de("article.md"), bytes).unwrap();
        layout
    }

    fn de(&self, name: &str) -> PathBuf {
        self.dir.path().join("de-DE").join(name)
    }

    /// Lints the folder and checks that the run changed nothing on disk.
    fn lint(&self) -> Outcome {
        let before = snapshot(self.dir.path());
        let outcome = lint_within(self.dir.path(), LIMIT);
        let after = snapshot(self.dir.path());
        assert!(before == after, "loclint changed the checked folder");
        assert_positions_point_into_files(&outcome);
        outcome
    }
}

/// Runs `loclint::lint` on `dir` in a thread; a panic or no answer within `limit` fails the test.
fn lint_within(dir: &Path, limit: Duration) -> Outcome {
    let (sender, receiver) = mpsc::channel();
    let options = Options::new(vec![dir.to_path_buf()], Config::default());
    thread::spawn(move || {
        let result = loclint::lint(&options).map_err(|e| e.to_string());
        let _ = sender.send(result);
    });
    match receiver.recv_timeout(limit) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(error)) => panic!("lint returned an error: {error}"),
        Err(RecvTimeoutError::Timeout) => panic!("lint gave no answer within {limit:?}"),
        Err(RecvTimeoutError::Disconnected) => {
            panic!("lint panicked; its panic message is printed above")
        }
    }
}

/// What is on disk under `dir`: file bytes, symlink targets, and the other entries' kinds.
/// FIFOs are never opened here: reading one would block.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut entries = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let kind = fs::symlink_metadata(&path).unwrap().file_type();
            let content = if kind.is_symlink() {
                let mut target = b"symlink to ".to_vec();
                target.extend(fs::read_link(&path).unwrap().as_os_str().as_encoded_bytes());
                target
            } else if kind.is_dir() {
                pending.push(path.clone());
                b"directory".to_vec()
            } else if kind.is_file() {
                fs::read(&path).unwrap()
            } else {
                b"special file".to_vec()
            };
            entries.insert(path, content);
        }
    }
    entries
}

/// Every diagnostic's start and end, and its related locations, are lines and columns that exist
/// in their file (columns count characters; one past the end of a line is allowed).
fn assert_positions_point_into_files(outcome: &Outcome) {
    let mut widths: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    let mut check = |path: &Path, line: usize, column: usize, d: &Diagnostic| {
        let widths = widths
            .entry(path.to_path_buf())
            .or_insert_with(|| line_widths(path));
        assert!(
            line >= 1 && line <= widths.len(),
            "line {line} is not in the file ({} lines): {}",
            widths.len(),
            describe(d)
        );
        let width = widths[line - 1];
        assert!(
            column >= 1 && column <= width + 1,
            "column {column} is not on line {line} ({width} characters): {}",
            describe(d)
        );
    };
    for d in &outcome.diagnostics {
        check(&d.path, d.line, d.column, d);
        check(&d.path, d.end_line, d.end_column, d);
        assert!(
            (d.line, d.column) <= (d.end_line, d.end_column),
            "end before start: {}",
            describe(d)
        );
        for r in &d.related {
            check(&r.path, r.line, r.column, d);
            check(&r.path, r.end_line, r.end_column, d);
        }
    }
}

/// The width in characters of each line of a regular file; anything else counts as one empty line.
fn line_widths(path: &Path) -> Vec<usize> {
    let is_file = fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
    let text = if is_file {
        String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned()
    } else {
        String::new()
    };
    text.split('\n').map(|line| line.chars().count()).collect()
}

fn describe(d: &Diagnostic) -> String {
    format!(
        "{}:{}:{}-{}:{} [{}] {}",
        d.path.display(),
        d.line,
        d.column,
        d.end_line,
        d.end_column,
        d.rule,
        d.message
    )
}

fn describe_all(outcome: &Outcome) -> String {
    outcome
        .diagnostics
        .iter()
        .map(describe)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The diagnostics of files under `de-DE/`.
fn de_findings(outcome: &Outcome) -> Vec<&Diagnostic> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.path.components().any(|c| c.as_os_str() == "de-DE"))
        .collect()
}

/// The single de-DE diagnostic, which must be of `rule`.
fn only_de_finding<'a>(outcome: &'a Outcome, rule: &str) -> &'a Diagnostic {
    let de = de_findings(outcome);
    assert!(
        de.len() == 1 && de[0].rule == rule,
        "expected one de-DE `{rule}` finding, got:\n{}",
        describe_all(outcome)
    );
    de[0]
}

fn assert_clean(outcome: &Outcome) {
    assert!(
        outcome.diagnostics.is_empty(),
        "expected no finding, got:\n{}",
        describe_all(outcome)
    );
    assert_eq!(outcome.summary.files, 2, "both files are linted");
}

fn assert_no_front_matter_finding(outcome: &Outcome) {
    let bad: Vec<_> = de_findings(outcome)
        .into_iter()
        .filter(|d| d.rule.starts_with("front-matter-") || d.rule == "file-unreadable")
        .collect();
    assert!(
        bad.is_empty(),
        "the de-DE file should be read with its front matter, got:\n{}",
        describe_all(outcome)
    );
}

/// (line, column, end line, end column) of a diagnostic.
fn at(d: &Diagnostic) -> (usize, usize, usize, usize) {
    (d.line, d.column, d.end_line, d.end_column)
}

#[test]
fn the_normal_pair_is_clean() {
    assert_clean(&Layout::with_article(DE_ARTICLE).lint());
}

#[test]
fn invalid_utf8_is_unreadable() {
    // `ü` saved as Windows-1252.
    let mut bytes = DE_ARTICLE
        .replace("Artikel", "Artikel f\u{fc}r")
        .into_bytes();
    let at_byte = bytes
        .windows(2)
        .position(|w| w == "\u{fc}".as_bytes())
        .unwrap();
    bytes.splice(at_byte..at_byte + 2, [0xFC]);
    let outcome = Layout::with_article(&bytes).lint();
    let d = only_de_finding(&outcome, "file-unreadable");
    assert_eq!(at(d), (1, 1, 1, 1));
    assert!(
        d.message.contains("UTF-8") && d.message.contains(&format!("offset {at_byte}")),
        "{}",
        d.message
    );
    assert_eq!(outcome.summary.files, 2);
}

#[test]
fn utf8_bom_lints_normally() {
    let outcome = Layout::with_article(format!("\u{feff}{DE_ARTICLE}")).lint();
    assert_clean(&outcome);
}

#[test]
fn utf8_bom_front_matter_is_read_as_yaml() {
    // A duplicate key can only be found if the YAML after the BOM is read.
    let text = format!(
        "\u{feff}{}",
        DE_ARTICLE.replace(
            "ms.date: 01/02/2024\n",
            "ms.date: 01/02/2024\ntitle: Nochmal\n"
        )
    );
    let outcome = Layout::with_article(text).lint();
    let d = only_de_finding(&outcome, "front-matter-invalid");
    assert_eq!((d.line, d.column), (4, 1), "{}", describe(d));
}

#[test]
fn utf8_bom_is_not_counted_as_a_column() {
    // Editors hide the BOM: the `---` that opens the unclosed block is at line 1, column 1.
    let outcome = Layout::with_article("\u{feff}---\ntitle: Artikel\n").lint();
    let d = de_findings(&outcome)
        .into_iter()
        .find(|d| d.rule == "front-matter-invalid")
        .unwrap_or_else(|| panic!("{}", describe_all(&outcome)));
    assert_eq!(at(d), (1, 1, 1, 4), "{}", describe(d));
}

#[test]
fn crlf_lints_normally_with_the_same_positions_as_lf() {
    let lf = Layout::with_article(DE_SPACED_LINK).lint();
    let crlf = Layout::with_article(DE_SPACED_LINK.replace('\n', "\r\n")).lint();
    assert_no_front_matter_finding(&crlf);
    let d = only_de_finding(&crlf, "link-syntax-broken");
    assert_eq!(at(d), (7, 7, 7, 46), "{}", describe(d));
    let positions = |outcome: &Outcome| -> Vec<_> {
        de_findings(outcome)
            .into_iter()
            .map(|d| (d.rule, at(d)))
            .collect()
    };
    assert_eq!(positions(&crlf), positions(&lf));
    // A clean CRLF file stays clean.
    assert_clean(&Layout::with_article(DE_ARTICLE.replace('\n', "\r\n")).lint());
}

#[test]
fn tabs_lint_normally_and_count_as_one_column() {
    let clean = "---\ntitle: Ar\ttikel\nms.date: 01/02/2024\t\n---\n# Titel\n\nSiehe\t[Anleitung](https://example.com/guide).\n\n\tcode\twith tabs\n\n| a\t| b |\n|---|---|\n|\tx\t| y |\n";
    let layout = Layout::with_article(clean);
    // Code is compared across locales: the other locale has the same code block.
    let fr = format!("{FR_ARTICLE}\n\tcode\twith tabs\n");
    fs::write(layout.dir.path().join("fr-FR/article.md"), fr).unwrap();
    assert_clean(&layout.lint());
    let broken = "---\ntitle: Ar\ttikel\nms.date: 01/02/2024\t\n---\n# Titel\n\nSiehe\t[Anleitung]\t(https://example.com/guide).\n";
    let outcome = Layout::with_article(broken).lint();
    assert_no_front_matter_finding(&outcome);
    let d = only_de_finding(&outcome, "link-syntax-broken");
    assert_eq!(at(d), (7, 7, 7, 46), "{}", describe(d));
}

#[test]
fn ten_megabyte_line_finishes_and_columns_reach_its_end() {
    let head = "---\ntitle: Artikel\nms.date: 01/02/2024\n---\n# Titel\n\nSiehe ";
    let filler = "lorem ipsum dolor sit amet ".repeat(10 * 1024 * 1024 / 27 + 1);
    let text = format!("{head}{filler}[Anleitung] (https://example.com/guide).\n");
    assert!(text.len() > 10 * 1024 * 1024);
    let outcome = Layout::with_article(&text).lint();
    assert_no_front_matter_finding(&outcome);
    let d = only_de_finding(&outcome, "link-syntax-broken");
    let column = "Siehe ".len() + filler.len() + 1;
    assert_eq!((d.line, d.column), (7, column), "{}", describe(d));
}

#[test]
fn ten_megabyte_line_with_ten_thousand_links_finishes() {
    // One link per kilobyte (10,291), all to the fr-FR link's target: each extra one is a finding.
    let head = "---\ntitle: Artikel\nms.date: 01/02/2024\n---\n# Titel\n\n";
    let chunk = format!(
        "Siehe [Anleitung](https://example.com/guide). {}",
        "lorem ipsum ".repeat(81)
    );
    let text = format!(
        "{head}{}\n",
        chunk.repeat(10 * 1024 * 1024 / chunk.len() + 1)
    );
    assert!(text.len() > 10 * 1024 * 1024);
    let outcome = Layout::with_article(&text).lint();
    assert_no_front_matter_finding(&outcome);
    assert!(
        !outcome.diagnostics.is_empty(),
        "10,291 links against one in fr-FR is a finding"
    );
}

#[test]
fn ten_thousand_deep_nested_list_is_parsed_to_its_depth() {
    // `- - - x` nests a list in each item; the link is in the innermost item.
    let text = DE_ARTICLE.replace("Siehe [", &format!("{}Siehe [", "- ".repeat(10_000)));
    assert_clean(&Layout::with_article(text).lint());
}

#[test]
fn ten_thousand_deep_block_quote_is_parsed_to_its_depth() {
    let text = DE_ARTICLE.replace("Siehe [", &format!("{}Siehe [", "> ".repeat(10_000)));
    assert_clean(&Layout::with_article(text).lint());
}

#[test]
fn unclosed_front_matter_is_invalid_at_line_1() {
    let outcome =
        Layout::with_article("---\ntitle: Artikel\nms.date: 01/02/2024\n# Titel\n").lint();
    let invalid: Vec<_> = de_findings(&outcome)
        .into_iter()
        .filter(|d| d.rule.starts_with("front-matter-"))
        .collect();
    assert!(
        invalid.len() == 1 && invalid[0].rule == "front-matter-invalid",
        "{}",
        describe_all(&outcome)
    );
    assert_eq!(at(invalid[0]), (1, 1, 1, 4));
    assert!(
        invalid[0].message.contains("not closed"),
        "{}",
        invalid[0].message
    );
}

#[test]
fn yaml_alias_bomb_is_refused_without_expanding_it() {
    let mut yaml = String::from("title: Milliarde Lacher lol\n");
    yaml.push_str(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, previous) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        .windows(2)
        .map(|w| (w[1], w[0]))
    {
        let items = vec![format!("*{previous}"); 9].join(",");
        writeln!(yaml, "{name}: &{name} [{items}]").unwrap();
    }
    let front_matter = format!("---\n{yaml}---\n");
    assert_eq!(front_matter.len(), 378);
    let text = format!("{front_matter}# Titel\n\nSiehe [Anleitung](https://example.com/guide).\n");
    let outcome = Layout::with_article(text).lint();
    let invalid: Vec<_> = de_findings(&outcome)
        .into_iter()
        .filter(|d| d.rule.starts_with("front-matter-"))
        .collect();
    assert!(
        invalid.len() == 1 && invalid[0].rule == "front-matter-invalid",
        "{}",
        describe_all(&outcome)
    );
    assert!(
        invalid[0].message.contains("aliases"),
        "{}",
        invalid[0].message
    );
    // The first alias, `*a` on the `b:` line.
    assert_eq!(
        (invalid[0].line, invalid[0].column),
        (4, 8),
        "{}",
        describe(invalid[0])
    );
}

#[test]
fn duplicate_key_points_at_the_second_key() {
    let text = DE_ARTICLE.replace(
        "ms.date: 01/02/2024\n",
        "ms.date: 01/02/2024\ntitle: Nochmal\n",
    );
    let outcome = Layout::with_article(text).lint();
    let d = only_de_finding(&outcome, "front-matter-invalid");
    assert_eq!(at(d), (4, 1, 4, 6), "{}", describe(d));
    assert!(d.message.contains("`title`"), "{}", d.message);
}

#[test]
fn empty_file_has_no_front_matter() {
    let outcome = Layout::with_article("").lint();
    let de = de_findings(&outcome);
    assert!(
        de.iter()
            .any(|d| d.rule == "front-matter-missing" && at(d) == (1, 1, 1, 1)),
        "{}",
        describe_all(&outcome)
    );
    assert!(
        de.iter().all(|d| d.rule != "file-unreadable"),
        "{}",
        describe_all(&outcome)
    );
}

#[test]
fn file_with_only_front_matter_is_read() {
    let outcome = Layout::with_article("---\ntitle: Artikel\nms.date: 01/02/2024\n---\n").lint();
    assert_no_front_matter_finding(&outcome);
    // Its missing section and link are the findings, reported in the de-DE file.
    assert!(
        !de_findings(&outcome).is_empty(),
        "{}",
        describe_all(&outcome)
    );
}

#[test]
fn a_file_name_that_is_not_utf8_is_paired_and_reported_at_its_own_path() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    let layout = Layout::new();
    fs::write(layout.dir.path().join("fr-FR").join(name), FR_ARTICLE).unwrap();
    fs::write(layout.de("x").with_file_name(name), DE_SPACED_LINK).unwrap();
    let outcome = layout.lint();
    let d = only_de_finding(&outcome, "link-syntax-broken");
    assert_eq!(
        d.path,
        layout.de("x").with_file_name(name),
        "{}",
        describe(d)
    );
    assert_eq!(at(d), (7, 7, 7, 46));
}

#[test]
fn dangling_symlink_is_unreadable() {
    let layout = Layout::new();
    std::os::unix::fs::symlink("gone.md", layout.de("x.md")).unwrap();
    let outcome = layout.lint();
    let d = only_de_finding(&outcome, "file-unreadable");
    assert!(d.path.ends_with("de-DE/x.md"), "{}", describe(d));
    assert!(d.message.contains("dangling symlink"), "{}", d.message);
    assert!(!layout.de("gone.md").exists());
}

#[test]
fn fifo_is_unreadable_and_never_opened() {
    let layout = Layout::new();
    let status = Command::new("mkfifo")
        .arg(layout.de("f.md"))
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo failed");
    let outcome = layout.lint();
    let d = only_de_finding(&outcome, "file-unreadable");
    assert!(d.path.ends_with("de-DE/f.md"), "{}", describe(d));
    assert!(d.message.contains("FIFO"), "{}", d.message);
}

#[test]
fn directory_named_like_markdown_is_unreadable() {
    // Documented in rules/file-unreadable.md: a directory whose name ends in `.md`.
    let layout = Layout::new();
    fs::create_dir(layout.de("dir.md")).unwrap();
    let outcome = layout.lint();
    let d = only_de_finding(&outcome, "file-unreadable");
    assert!(d.path.ends_with("de-DE/dir.md"), "{}", describe(d));
    assert!(d.message.contains("directory"), "{}", d.message);
}

#[test]
fn nul_bytes_are_unreadable() {
    let text = DE_ARTICLE.replace("Titel\n", "Titel\0\n");
    let offset = text.find('\0').unwrap();
    let outcome = Layout::with_article(text).lint();
    let d = only_de_finding(&outcome, "file-unreadable");
    assert_eq!(at(d), (1, 1, 1, 1));
    assert!(
        d.message.contains(&format!("NUL byte at offset {offset}")),
        "{}",
        d.message
    );
}

#[test]
fn utf16_with_bom_is_unreadable() {
    for (bom, encode) in [
        ([0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]),
        ([0xFE, 0xFF], u16::to_be_bytes),
    ] {
        let mut bytes = bom.to_vec();
        bytes.extend(DE_ARTICLE.encode_utf16().flat_map(encode));
        let outcome = Layout::with_article(&bytes).lint();
        let d = only_de_finding(&outcome, "file-unreadable");
        assert_eq!(at(d), (1, 1, 1, 1));
        assert!(d.message.contains("UTF-16"), "{}", d.message);
    }
}

#[test]
fn hundred_thousand_deep_block_quote_is_parsed_to_its_depth() {
    let text = DE_ARTICLE.replace("Siehe [", &format!("{}Siehe [", "> ".repeat(100_000)));
    assert_clean(&Layout::with_article(text).lint());
}

#[test]
fn hundred_thousand_nested_brackets_finish_with_findings_in_the_file() {
    // A link inside 100,000 unclosed brackets: no link is lost, the brackets are reported.
    let text = DE_ARTICLE.replace("Siehe [", &format!("Siehe {}[", "[".repeat(100_000)));
    let outcome = Layout::with_article(text).lint();
    assert!(
        de_findings(&outcome)
            .iter()
            .all(|d| d.rule == "markup-broken" || d.rule == "link-syntax-broken"),
        "{}",
        describe_all(&outcome)
    );
}

#[test]
fn twenty_megabyte_single_line_is_over_the_size_limit() {
    let mut text = DE_ARTICLE.to_owned();
    text.push_str(&"Wort ".repeat(4 * 1024 * 1024));
    let d_outcome = Layout::with_article(text).lint();
    let d = only_de_finding(&d_outcome, "file-unreadable");
    assert!(d.message.contains("limit"), "{}", d.message);
}

#[test]
fn symlink_loop_is_not_followed() {
    let layout = Layout::with_article(DE_ARTICLE);
    std::os::unix::fs::symlink("..", layout.de("loop")).unwrap();
    std::os::unix::fs::symlink(".", layout.de("self.md")).unwrap();
    let outcome = layout.lint();
    // The directory loop is not walked; the link named like Markdown is one clear finding.
    let d = only_de_finding(&outcome, "file-unreadable");
    assert!(d.path.ends_with("de-DE/self.md"), "{}", describe(d));
    assert!(d.message.contains("directory"), "{}", d.message);
}

#[test]
fn file_deleted_between_discovery_and_reading_is_unreadable() {
    let layout = Layout::with_article(DE_ARTICLE);
    fs::write(layout.de("other.md"), DE_ARTICLE).unwrap();
    let filter = loclint::discover::Filter::new(&["*.md".to_owned()], &[]).unwrap();
    let found = loclint::discover::discover(&[layout.dir.path().to_path_buf()], &filter);
    assert_eq!(found.len(), 3, "the walk found every file");
    fs::remove_file(layout.de("article.md")).unwrap();
    let options = Options::new(vec![layout.dir.path().to_path_buf()], Config::default());
    let outcome = loclint::lint_found(found, &options).unwrap();
    let unreadable: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.rule == "file-unreadable")
        .collect();
    assert_eq!(unreadable.len(), 1, "{}", describe_all(&outcome));
    let d = unreadable[0];
    assert_eq!(d.path, layout.de("article.md"));
    assert_eq!(at(d), (1, 1, 1, 1));
    assert!(d.message.contains("No such file"), "{}", d.message);
    // The article's other locale is still checked, against nothing: no other finding.
    assert_eq!(outcome.diagnostics.len(), 1, "{}", describe_all(&outcome));
    assert_eq!(outcome.summary.files, 3);
}

#[test]
fn hundred_thousand_files_with_one_pathological_file_complete() {
    // 49,999 two-locale articles and one whose de-DE file holds a link inside 100,000 unclosed
    // brackets: 100,000 files. The run finishes, counts every file, and reports that one file.
    let layout = Layout::new();
    let (fr, de) = (
        layout.dir.path().join("fr-FR"),
        layout.dir.path().join("de-DE"),
    );
    for i in 0..49_999 {
        fs::write(fr.join(format!("a{i}.md")), FR_ARTICLE).unwrap();
        fs::write(de.join(format!("a{i}.md")), DE_ARTICLE).unwrap();
    }
    let pathological = DE_ARTICLE.replace("Siehe [", &format!("Siehe {}[", "[".repeat(100_000)));
    fs::write(layout.de("article.md"), pathological).unwrap();
    let outcome = lint_within(layout.dir.path(), LIMIT);
    assert_eq!(outcome.summary.files, 100_000);
    assert_eq!(outcome.summary.articles, 50_000);
    assert!(!outcome.diagnostics.is_empty());
    let elsewhere: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.path != layout.de("article.md"))
        .map(describe)
        .collect();
    assert!(elsewhere.is_empty(), "{}", elsewhere.join("\n"));
}
