//! Turning findings into diagnostics with positions, and rendering them. Line and column are
//! computed here, once, in `position`; each output format lives in its own file.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

use rustc_hash::FxHashMap as HashMap;
use std::path::PathBuf;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::align::Group;
use crate::discover::Found;
use crate::fix::{FileEdit, FileFix};
use crate::model::Span;
use crate::rules::{Finding, Severity};

/// A finding with its rule, severity, file and positions attached: what every format renders.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub path: PathBuf,
    pub locale: Option<String>,
    pub article: String,
    #[serde(skip)]
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<RelatedDiagnostic>,
    /// The edits `--fix` would apply; shown as `"fixable": true` or `false`.
    #[serde(rename = "fixable", serialize_with = "is_some")]
    pub fix: Option<FileFix>,
}

#[allow(clippy::ref_option)] // serde hands the field by reference
fn is_some<S: serde::Serializer, T>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bool(value.is_some())
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedDiagnostic {
    pub path: PathBuf,
    pub locale: Option<String>,
    #[serde(skip)]
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
}

/// Counts for the end of a report.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub files: usize,
    pub articles: usize,
    pub diagnostics: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Diagnostics that carry a fix.
    pub fixable: usize,
}

impl Summary {
    pub fn count(&mut self, diagnostics: &[Diagnostic]) {
        self.diagnostics = diagnostics.len();
        self.errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        self.warnings = self.diagnostics - self.errors;
        self.fixable = diagnostics.iter().filter(|d| d.fix.is_some()).count();
    }

    /// Counts diagnostics one at a time, after `clear`.
    pub fn add(&mut self, d: &Diagnostic) {
        self.add_one(d.severity, d.fix.is_some());
    }

    /// Counts one diagnostic of this severity, with a fix or not.
    pub fn add_one(&mut self, severity: Severity, fixable: bool) {
        self.diagnostics += 1;
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.fixable += usize::from(fixable);
    }

    /// Forgets the counts of diagnostics, keeping those of files and articles.
    pub fn clear(&mut self) {
        self.diagnostics = 0;
        self.errors = 0;
        self.warnings = 0;
        self.fixable = 0;
    }

    /// Adds the counts of diagnostics of `other`, counted apart.
    pub fn merge(&mut self, other: &Summary) {
        self.diagnostics += other.diagnostics;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.fixable += other.fixable;
    }
}

/// 1-based line and column of byte `offset` in `text`; the column counts Unicode scalar values.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    // A byte order mark is not a column.
    let line_start = before
        .rfind('\n')
        .map_or_else(|| bom(text).min(offset), |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, text[line_start..offset].chars().count() + 1)
}

/// Line and column of every offset the findings of one group point at, computed in one pass
/// over each file (a file with many findings on one 10 MB line is not rescanned for each).
pub struct Locator {
    files: Vec<HashMap<usize, (usize, usize)>>,
}

impl Locator {
    pub fn new<'f>(group: &Group, findings: impl IntoIterator<Item = &'f Finding>) -> Self {
        let mut wanted: Vec<Vec<usize>> = vec![Vec::new(); group.articles.len()];
        for finding in findings {
            wanted[finding.file].extend([finding.span.start, finding.span.end]);
            for related in &finding.related {
                wanted[related.file].extend([related.span.start, related.span.end]);
            }
        }
        let files = wanted
            .into_iter()
            .zip(&group.articles)
            .map(|(offsets, article)| positions(&article.text, offsets))
            .collect();
        Locator { files }
    }

    pub fn at(&self, file: usize, offset: usize) -> (usize, usize) {
        self.files[file].get(&offset).copied().unwrap_or((1, 1))
    }
}

fn bom(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// The positions of many offsets of one text, in one sweep.
fn positions(text: &str, mut offsets: Vec<usize>) -> HashMap<usize, (usize, usize)> {
    offsets.sort_unstable();
    offsets.dedup();
    let mut out = HashMap::with_capacity_and_hasher(offsets.len(), rustc_hash::FxBuildHasher);
    let (mut line, mut column, mut at) = (1, 1, bom(text));
    for offset in offsets {
        let mut target = offset.min(text.len()).max(at);
        while !text.is_char_boundary(target) {
            target -= 1;
        }
        let between = &text.as_bytes()[at..target];
        let chars = |bytes: &[u8]| bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        match memchr::memrchr(b'\n', between) {
            Some(last) => {
                line += memchr::memchr_iter(b'\n', between).count();
                column = 1 + chars(&between[last + 1..]);
            }
            None => column += chars(between),
        }
        at = target;
        out.insert(offset, (line, column));
    }
    out
}

/// Attaches rule, severity, file and positions to a finding of `group`.
pub fn diagnostic(
    rule: &'static str,
    severity: Severity,
    finding: &Finding,
    group: &Group,
    locator: &Locator,
) -> Diagnostic {
    let article = &group.articles[finding.file];
    let (line, column) = locator.at(finding.file, finding.span.start);
    let (end_line, end_column) = locator.at(finding.file, finding.span.end);
    let related = finding
        .related
        .iter()
        .map(|r| {
            let other = &group.articles[r.file];
            let (line, column) = locator.at(r.file, r.span.start);
            let (end_line, end_column) = locator.at(r.file, r.span.end);
            RelatedDiagnostic {
                path: other.path.to_path_buf(),
                locale: other.locale.clone(),
                span: r.span.clone(),
                line,
                column,
                end_line,
                end_column,
                message: r.message.clone(),
            }
        })
        .collect();
    Diagnostic {
        rule,
        severity,
        path: article.path.to_path_buf(),
        locale: article.locale.clone(),
        article: group.name.clone(),
        span: finding.span.clone(),
        line,
        column,
        end_line,
        end_column,
        message: finding.message.clone(),
        help: finding.help.clone(),
        related,
        // A fix with an edit outside its file's text (or inside a character) is no fix at all:
        // part of one is never applied.
        fix: finding.fix.as_ref().and_then(|fix| {
            let edits = fix
                .edits
                .iter()
                .map(|e| {
                    let file = group.articles.get(e.file)?;
                    Some(FileEdit {
                        path: file.path.to_path_buf(),
                        range: e.range.clone(),
                        original: file.text.get(e.range.clone())?.to_owned(),
                        replacement: e.replacement.clone(),
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            Some(FileFix { edits })
        }),
    }
}

/// The lines that follow a finding's message in plain-text formats: its help, and where each
/// related location (the reference) is, with paths written by `path`.
pub fn help_and_related(d: &Diagnostic, path: impl Fn(&std::path::Path) -> String) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    if let Some(help) = &d.help {
        let _ = write!(text, "\nhelp: {help}");
    }
    for r in &d.related {
        let _ = write!(
            text,
            "\n{}: {}:{}:{}",
            r.message,
            path(&r.path),
            r.line,
            r.column
        );
    }
    text
}

/// The `file-unreadable` diagnostic for a file that could not be read.
pub fn unreadable(found: &Found, article: &str, reason: &str, severity: Severity) -> Diagnostic {
    Diagnostic {
        rule: "file-unreadable",
        severity,
        path: found.path(),
        locale: found.path_locale().map(str::to_owned),
        article: article.to_owned(),
        span: 0..0,
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        message: format!("cannot read this file: {reason}"),
        help: Some("loclint checks UTF-8 Markdown files; fix or exclude this one".to_owned()),
        related: Vec::new(),
        fix: None,
    }
}

/// The finding for an article loclint failed to check (`internal-error`), on its first file.
pub fn internal_error(found: &Found, article: &str, reason: &str) -> Diagnostic {
    let reason = reason.lines().next().unwrap_or_default();
    let reason: String = reason.chars().take(300).collect();
    Diagnostic {
        rule: "internal-error",
        severity: Severity::Error,
        message: format!(
            "loclint failed while checking this article, so its findings are missing: {reason}"
        ),
        help: Some(
            "please report it to the loclint project with this article's files; the other articles were checked"
                .to_owned(),
        ),
        ..unreadable(found, article, "", Severity::Error)
    }
}

/// What a finding says, without what changes when other files or other lines change: counts
/// such as `14 of 18` become `#`, line references such as `line 27:113` become `line #`. The
/// content identity that SARIF fingerprints and baseline entries hash; never a position.
pub fn stable_message(message: &str) -> String {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        #[allow(clippy::unwrap_used)]
        Regex::new(r"\b([Ll]ines?) \d+(?::\d+)?(?:[-–]\d+(?::\d+)?)?\b").unwrap()
    });
    without_counts(&LINE.replace_all(message, "$1 #"))
}

/// `message` with counts such as `14 of 18` removed: they change when other locales change.
fn without_counts(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let first = digits(from);
        let count = from[first..]
            .strip_prefix(" of ")
            .map(digits)
            .filter(|&n| n > 0)
            .map(|n| first + " of ".len() + n);
        // A count starts and ends at a word boundary: `v1 of 2` or `1 of 2x` are kept.
        let bounded = |end: usize| {
            !before.ends_with(|c: char| c.is_alphanumeric())
                && !from[end..].starts_with(|c: char| c.is_alphanumeric())
        };
        match count {
            Some(end) if bounded(end) => {
                out.push('#');
                rest = &from[end..];
            }
            _ => {
                out.push_str(&from[..first]);
                rest = &from[first..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// 64-bit FNV-1a over the parts, each followed by a NUL: stable across builds and platforms.
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::{position, stable_message};

    #[test]
    fn counts_are_removed_and_other_numbers_kept() {
        assert_eq!(
            stable_message("is missing here: 14 of 18 locales link to it"),
            "is missing here: # locales link to it"
        );
        assert_eq!(
            stable_message("`a1 of 2` (handed off 2021-08-05); 9 of 18 are on `35de4`"),
            "`a1 of 2` (handed off 2021-08-05); # are on `35de4`"
        );
        assert_eq!(stable_message("1 of 2x and 3 of"), "1 of 2x and 3 of");
        assert_eq!(stable_message(""), "");
    }

    #[test]
    fn line_references_are_removed() {
        assert_eq!(
            stable_message("as in de-DE, line 27:113; see lines 3-5 and Line 9"),
            "as in de-DE, line #; see lines # and Line #"
        );
        assert_eq!(
            stable_message("`https://x.y:8080/guideline 2` and `outline 4`"),
            "`https://x.y:8080/guideline 2` and `outline 4`"
        );
    }

    /// An output the diagnostics can look at: how much has been written when each is read.
    #[derive(Clone, Default)]
    struct Watched(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl std::io::Write for Watched {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The bytes written when each of `n` findings (the first two in one file, the others in
    /// another) was read, and in all.
    fn written_as_read(
        n: usize,
        write: impl FnOnce(&mut Watched, &mut dyn Iterator<Item = super::Diagnostic>),
    ) -> (Vec<usize>, usize) {
        let mut out = Watched::default();
        let seen = out.clone();
        let mut before = Vec::new();
        let mut findings = (0..n)
            .map(|k| {
                if k < 2 {
                    "a/de-DE/x.md"
                } else {
                    "a/fr-FR/x.md"
                }
            })
            .enumerate()
            .map(|(k, path)| {
                before.push(seen.0.borrow().len());
                super::Diagnostic {
                    rule: "link-url-mismatch",
                    severity: crate::rules::Severity::Error,
                    path: path.into(),
                    locale: None,
                    article: "a/x.md".to_owned(),
                    span: 0..1,
                    line: 1,
                    column: 1,
                    end_line: 1,
                    end_column: 2,
                    message: format!("finding {k}"),
                    help: None,
                    related: Vec::new(),
                    fix: None,
                }
            });
        write(&mut out, &mut findings);
        drop(findings);
        let total = out.0.borrow().len();
        (before, total)
    }

    #[test]
    fn long_reports_are_written_as_their_findings_are_read() {
        let summary = super::Summary::default();
        let reports: [(&str, (Vec<usize>, usize)); 2] = [
            (
                "sarif",
                written_as_read(3, |out, all| {
                    super::sarif::write_each(out, all, None).unwrap();
                }),
            ),
            (
                "junit",
                written_as_read(3, |out, all| {
                    super::junit::write_each(out, all, &summary, 2).unwrap();
                }),
            ),
        ];
        for (format, (before, total)) in reports {
            // Each finding is out before the next is read: nothing holds the whole report.
            assert!(
                before.windows(2).all(|w| w[0] < w[1]) && before[2] < total,
                "{format}: {before:?} of {total}"
            );
        }
        // The human report renders a batch at a time (on a pool, when given one) and reads the
        // next batch while it renders: a batch is out before the one after the next is read.
        let batch = super::human::BATCH;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        for pool in [None, Some(&pool)] {
            let (before, total) = written_as_read(3 * batch + 1, |out, all| {
                super::human::write_each(out, all, &summary, false, None, pool).unwrap();
            });
            let read = |k: usize| before[k];
            assert!(
                read(2 * batch - 1) == 0
                    && read(2 * batch) > 0
                    && read(3 * batch) > read(2 * batch)
                    && total > read(3 * batch),
                "human, pool {}: {:?} of {total}",
                pool.is_some(),
                [read(2 * batch - 1), read(2 * batch), read(3 * batch)]
            );
        }
    }

    #[test]
    fn one_sweep_agrees_with_single_positions() {
        let text = "ab\nכדי [x](y)\n\nend";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let swept = super::positions(text, offsets.clone());
        for offset in offsets {
            assert_eq!(swept[&offset], position(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn columns_count_characters() {
        let text = "---\nכדי לשלוח [aka.ms](x)\n";
        let offset = text.find("[aka").unwrap();
        assert_eq!(position(text, offset), (2, 11));
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, text.len()), (3, 1));
        assert_eq!(position("ab", 99), (1, 3));
        assert_eq!(position("\u{feff}ab", 4), (1, 2));
    }
}
