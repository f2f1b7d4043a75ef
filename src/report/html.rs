//! `--format html`: one self-contained page (styles, script and data inline, no network) with a
//! locale × rule matrix, a per-article view and the findings beside their reference lines.
//! Everything taken from the files travels as JSON inside `<script type="application/json">`,
//! with `<`, `>` and `&` escaped, and the page inserts it as text; this module writes no markup
//! from file content. It re-reads the lines the findings point at and never changes a finding.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use super::{Diagnostic, RelatedDiagnostic, Summary};
use crate::discover::MAX_FILE_BYTES;
use crate::rules::{self, Severity};

const TEMPLATE: &str = include_str!("html/report.html");
const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Characters of context kept on each side of a finding's span, and the longest span shown whole.
const CONTEXT_CHARS: usize = 90;
const MAX_HIT_CHARS: usize = 160;

/// Renders the whole report page; `source_locale` is the locale articles are written in.
pub fn render(diagnostics: &[Diagnostic], summary: &Summary, source_locale: &str) -> String {
    let data = Data::new(diagnostics, summary, source_locale);
    let json = script_safe(&serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_owned()));
    let title = match data.root.rsplit('/').find(|part| !part.is_empty()) {
        Some(name) => format!("Localization health: {name}"),
        None => "Localization health report".to_owned(),
    };
    let title = escape_html(&title);
    fill(
        TEMPLATE,
        &[
            ("title", &title),
            ("style", STYLE),
            ("script", SCRIPT),
            ("version", env!("CARGO_PKG_VERSION")),
            ("data", &json),
        ],
    )
}

/// Replaces each `{{name}}` of `template` in one pass, so nothing inserted is read as a placeholder.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else {
            break;
        };
        let name = &rest[open + 2..open + close];
        out.push_str(&rest[..open]);
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &rest[open + close + 2..];
    }
    out.push_str(rest);
    out
}

/// The page's data. Free text is stored once in `strings` and referred to by index, so the
/// thousands of findings that share a help text or a reference line do not repeat it.
#[derive(Serialize)]
struct Data {
    version: u32,
    /// The folder every path is shown relative to, ending in `/` (empty when none is shared).
    root: String,
    source_locale: String,
    summary: Summary,
    rules: Vec<RuleInfo>,
    locales: Vec<String>,
    articles: Vec<String>,
    paths: Vec<String>,
    strings: Vec<String>,
    findings: Vec<Entry>,
}

#[derive(Serialize)]
struct RuleInfo {
    id: &'static str,
    summary: &'static str,
    severity: &'static str,
    docs: &'static str,
}

/// One finding; the short keys keep a whole-corpus page small.
#[derive(Serialize)]
struct Entry {
    /// Index into `rules`.
    r: usize,
    /// 1 for an error, 0 for a warning.
    s: u8,
    /// Index into `locales`, or -1 when the file's locale is unknown.
    l: i64,
    /// Index into `articles`.
    a: usize,
    /// The offending place and the reference's, when the finding has one.
    at: Place,
    x: Option<Place>,
    /// Message and help, as indexes into `strings` (help -1 when there is none).
    m: usize,
    h: i64,
}

#[derive(Serialize)]
struct Place {
    /// Index into `locales` (-1: unknown) and into `paths`.
    l: i64,
    p: usize,
    line: usize,
    col: usize,
    /// The related diagnostic's message; -1 for the finding itself.
    m: i64,
    /// The line split around the span: before, the span, after (indexes into `strings`); empty
    /// when the file cannot be read again.
    t: Vec<usize>,
    /// The whole line's direction (`rtl` or `ltr`, see `direction`), so that a clipped excerpt
    /// keeps the direction of its line; absent when the line has no letter.
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<&'static str>,
}

/// Where a place points: a file, a line and a span of characters on it.
struct Spot<'a> {
    path: &'a Path,
    locale: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl<'a> Spot<'a> {
    fn of(d: &'a Diagnostic) -> Self {
        Spot {
            path: &d.path,
            locale: d.locale.as_deref(),
            line: d.line,
            column: d.column,
            end_line: d.end_line,
            end_column: d.end_column,
        }
    }

    fn of_related(r: &'a RelatedDiagnostic) -> Self {
        Spot {
            path: &r.path,
            locale: r.locale.as_deref(),
            line: r.line,
            column: r.column,
            end_line: r.end_line,
            end_column: r.end_column,
        }
    }
}

impl Data {
    fn new(diagnostics: &[Diagnostic], summary: &Summary, source_locale: &str) -> Self {
        let rules: Vec<RuleInfo> = rules::ALL
            .iter()
            .map(|rule| RuleInfo {
                id: rule.id,
                summary: rule.summary,
                severity: rule.severity.as_str(),
                docs: rule.docs,
            })
            .collect();
        let mut locales: Vec<String> = diagnostics
            .iter()
            .flat_map(|d| std::iter::once(&d.locale).chain(d.related.first().map(|r| &r.locale)))
            .flatten()
            .cloned()
            .collect();
        locales.sort();
        locales.dedup();
        let mut builder = Builder {
            root: shared_root(diagnostics),
            locales: &locales,
            tables: Tables::default(),
            lines: Lines::default(),
        };
        let findings = diagnostics
            .iter()
            .filter_map(|d| {
                let rule = rules.iter().position(|r| r.id == d.rule)?;
                Some(builder.entry(d, rule))
            })
            .collect();
        let root = root_label(&builder.root);
        let tables = builder.tables;
        Data {
            version: 1,
            root,
            source_locale: source_locale.to_owned(),
            summary: summary.clone(),
            rules,
            locales,
            articles: tables.articles.values,
            paths: tables.paths.values,
            strings: tables.strings.values,
            findings,
        }
    }
}

/// Turns diagnostics into entries, filling the shared tables.
struct Builder<'a> {
    root: PathBuf,
    /// Sorted.
    locales: &'a [String],
    tables: Tables,
    lines: Lines,
}

impl Builder<'_> {
    fn entry(&mut self, d: &Diagnostic, rule: usize) -> Entry {
        let reference = d
            .related
            .first()
            .map(|r| self.place(&Spot::of_related(r), Some(&r.message)));
        Entry {
            r: rule,
            s: u8::from(d.severity == Severity::Error),
            l: self.locale(d.locale.as_deref()),
            a: self
                .tables
                .articles
                .get(&shown(Path::new(&d.article), &self.root)),
            at: self.place(&Spot::of(d), None),
            x: reference,
            m: self.tables.strings.get(&d.message),
            h: d.help
                .as_deref()
                .map_or(-1, |h| as_i64(self.tables.strings.get(h))),
        }
    }

    fn place(&mut self, spot: &Spot<'_>, message: Option<&str>) -> Place {
        let excerpt = self.lines.excerpt(spot);
        Place {
            l: self.locale(spot.locale),
            p: self.tables.paths.get(&shown(spot.path, &self.root)),
            line: spot.line,
            col: spot.column,
            m: message.map_or(-1, |m| as_i64(self.tables.strings.get(m))),
            t: excerpt
                .iter()
                .flat_map(|e| &e.parts)
                .map(|part| self.tables.strings.get(part))
                .collect(),
            d: excerpt.and_then(|e| e.direction),
        }
    }

    fn locale(&self, locale: Option<&str>) -> i64 {
        locale
            .and_then(|l| self.locales.binary_search_by(|x| x.as_str().cmp(l)).ok())
            .map_or(-1, as_i64)
    }
}

fn as_i64(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(-1)
}

/// Values stored once each, in the order first seen.
#[derive(Default)]
struct Interned {
    values: Vec<String>,
    index: HashMap<String, usize>,
}

impl Interned {
    fn get(&mut self, value: &str) -> usize {
        if let Some(&i) = self.index.get(value) {
            return i;
        }
        self.values.push(value.to_owned());
        self.index.insert(value.to_owned(), self.values.len() - 1);
        self.values.len() - 1
    }
}

#[derive(Default)]
struct Tables {
    strings: Interned,
    paths: Interned,
    articles: Interned,
}

/// The files read again for their lines; each is read once, and kept as its lines.
#[derive(Default)]
struct Lines {
    files: HashMap<PathBuf, Option<Vec<String>>>,
}

impl Lines {
    /// The line of `spot`, split into the text before the span, the span and the text after it,
    /// each clipped to a readable length.
    fn excerpt(&mut self, spot: &Spot<'_>) -> Option<Excerpt> {
        let lines = self
            .files
            .entry(spot.path.to_path_buf())
            .or_insert_with(|| read_lines(spot.path))
            .as_ref()?;
        let line: Vec<char> = lines.get(spot.line.checked_sub(1)?)?.chars().collect();
        let start = spot.column.saturating_sub(1).min(line.len());
        let end = if spot.end_line == spot.line {
            spot.end_column.saturating_sub(1).clamp(start, line.len())
        } else {
            line.len()
        };
        Some(Excerpt {
            parts: split_line(&line, start, end),
            direction: direction(&line, spot.locale),
        })
    }
}

struct Excerpt {
    parts: [String; 3],
    direction: Option<&'static str>,
}

/// The direction a line is read in: right to left when the file's locale is written right to
/// left and the line has a letter of such a script (a published Arabic page is right to left even
/// where a paragraph starts with `Microsoft 365`), else by its first strong character, as
/// `dir="auto"` decides.
fn direction(line: &[char], locale: Option<&str>) -> Option<&'static str> {
    if locale.is_some_and(is_right_to_left_locale) && line.iter().any(|&c| is_right_to_left(c)) {
        return Some("rtl");
    }
    line.iter().find_map(|&c| {
        if is_right_to_left(c) {
            Some("rtl")
        } else if c.is_alphabetic() {
            Some("ltr")
        } else {
            None
        }
    })
}

/// Locales whose language is written right to left.
fn is_right_to_left_locale(locale: &str) -> bool {
    let language = locale.split(['-', '_']).next().unwrap_or_default();
    [
        "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr",
    ]
    .iter()
    .any(|rtl| language.eq_ignore_ascii_case(rtl))
}

/// Letters of the scripts written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan,
/// Mandaic and their presentation forms.
fn is_right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
        && c.is_alphabetic()
}

fn split_line(line: &[char], start: usize, end: usize) -> [String; 3] {
    let text = |chars: &[char]| chars.iter().collect::<String>();
    let before_from = start.saturating_sub(CONTEXT_CHARS);
    let mut before = text(&line[before_from..start]);
    if before_from > 0 {
        before.insert(0, '…');
    }
    let mut hit = text(&line[start..end.min(start + MAX_HIT_CHARS)]);
    if end > start + MAX_HIT_CHARS {
        hit.push('…');
    }
    let after_to = (end + CONTEXT_CHARS).min(line.len());
    let mut after = text(&line[end..after_to]);
    if after_to < line.len() {
        after.push('…');
    }
    [before, hit, after]
}

/// A file's lines (without line breaks or a byte order mark), or `None` when it cannot be read.
fn read_lines(path: &Path) -> Option<Vec<String>> {
    let file = fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES).read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Some(
        text.split('\n')
            .map(|line| line.strip_suffix('\r').unwrap_or(line).to_owned())
            .collect(),
    )
}

/// The deepest folder that holds every file named by the diagnostics.
fn shared_root(diagnostics: &[Diagnostic]) -> PathBuf {
    let mut root: Option<Vec<Component<'_>>> = None;
    let paths = diagnostics.iter().flat_map(|d| {
        std::iter::once(d.path.as_path()).chain(d.related.iter().map(|r| r.path.as_path()))
    });
    for path in paths {
        let folder: Vec<Component<'_>> = path
            .parent()
            .map(|p| p.components().collect())
            .unwrap_or_default();
        root = Some(match root {
            None => folder,
            Some(mut shared) => {
                let same = shared
                    .iter()
                    .zip(&folder)
                    .take_while(|(a, b)| a == b)
                    .count();
                shared.truncate(same);
                shared
            }
        });
    }
    root.unwrap_or_default().iter().collect()
}

fn root_label(root: &Path) -> String {
    let mut label = slashed(root);
    if !label.is_empty() && !label.ends_with('/') {
        label.push('/');
    }
    label
}

/// `path` relative to `root`, with `/` separators.
fn shown(path: &Path, root: &Path) -> String {
    slashed(path.strip_prefix(root).unwrap_or(path))
}

fn slashed(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// JSON that can sit inside a `<script>` element: no `<`, `>` or `&` can end it or open a comment.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 50);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script() {
        let json = serde_json::to_string("</script><!-- & x > y").unwrap();
        let safe = script_safe(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><!-- & x > y");
    }

    #[test]
    fn a_long_line_is_clipped_around_the_span() {
        let line: Vec<char> = format!("{}[x](y){}", "a".repeat(200), "b".repeat(200))
            .chars()
            .collect();
        let [before, hit, after] = split_line(&line, 200, 206);
        assert_eq!(hit, "[x](y)");
        assert_eq!(before.chars().count(), CONTEXT_CHARS + 1);
        assert!(before.starts_with('…') && after.ends_with('…'));
        let short: Vec<char> = "כדי [x](y)".chars().collect();
        assert_eq!(
            split_line(&short, 4, 10),
            ["כדי ".to_owned(), "[x](y)".to_owned(), String::new()]
        );
    }

    #[test]
    fn a_line_is_read_in_the_direction_of_its_locale_or_first_letter() {
        let of =
            |text: &str, locale: Option<&str>| direction(&text.chars().collect::<Vec<_>>(), locale);
        assert_eq!(of("1. האם [aka.ms/x](y)", None), Some("rtl"));
        assert_eq!(of("قبل شراء Microsoft Teams", Some("de-DE")), Some("rtl"));
        assert_eq!(of("Microsoft 365 على سياسات", None), Some("ltr"));
        assert_eq!(of("Microsoft 365 على سياسات", Some("ar-SA")), Some("rtl"));
        assert_eq!(of("ms.date: 04/21/2021", Some("he-IL")), Some("ltr"));
        assert_eq!(of("12 -- [](x)", None), Some("ltr"));
        assert_eq!(of("12 -- 34", Some("ar-SA")), None);
    }

    #[test]
    fn the_root_is_the_deepest_shared_folder() {
        let at = |path: &str| Diagnostic {
            rule: "link-missing",
            severity: Severity::Error,
            path: PathBuf::from(path),
            locale: None,
            article: String::new(),
            span: 0..0,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            message: String::new(),
            help: None,
            related: Vec::new(),
            fix: None,
        };
        let root = shared_root(&[at("/d/de-DE/a/x.md"), at("/d/ar-SA/a/x.md")]);
        assert_eq!(root, PathBuf::from("/d"));
        assert_eq!(shown(Path::new("/d/ar-SA/a/x.md"), &root), "ar-SA/a/x.md");
        assert_eq!(shared_root(&[at("x.md")]), PathBuf::new());
    }
}
