//! `--format github`: one GitHub Actions workflow command per diagnostic, so each finding becomes
//! an annotation on the pull request. It owns the command syntax and its escaping; nothing else.

use std::fmt::Write as _;
use std::path::{Component, Path};

use super::Diagnostic;
use crate::rules::Severity;

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, one line per diagnostic.
/// Columns are left out when the span covers several lines: GitHub only takes them on one line.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(command).collect()
}

/// One diagnostic's workflow command, with its newline.
pub fn command(d: &Diagnostic) -> String {
    let mut out = String::new();
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = write!(
        out,
        "::{command} file={},line={}",
        property(&slashed(&d.path)),
        d.line
    );
    if d.line == d.end_line {
        let _ = write!(out, ",col={}", d.column);
    }
    let _ = write!(out, ",endLine={}", d.end_line);
    if d.line == d.end_line {
        let _ = write!(out, ",endColumn={}", d.end_column);
    }
    let _ = writeln!(out, ",title={}::{}", property(d.rule), data(&text(d)));
    out
}

/// The annotation's text: the message, the help, and where the reference is.
pub fn text(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    text.push_str(&super::help_and_related(d, slashed));
    text
}

/// A path with `/` separators and no leading `./`, as annotations name files.
fn slashed(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::RootDir => out.push('/'),
            Component::Prefix(prefix) => out.push_str(&prefix.as_os_str().to_string_lossy()),
            Component::Normal(_) | Component::ParentDir => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&component.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

/// Escapes a command's data (after `::`): `%`, CR and LF.
fn data(text: &str) -> String {
    escape(text, false)
}

/// Escapes a property value: as data, and also `:` and `,`, which end or split properties.
fn property(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(property("100% a:b,c\r\nd"), "100%25 a%3Ab%2Cc%0D%0Ad");
        assert_eq!(data("%0A"), "%250A");
    }
}
