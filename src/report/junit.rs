//! `--format junit`: the XML test report that CI systems show (Azure DevOps, GitLab, Jenkins).
//! It owns the XML layout and escaping; nothing else.
//!
//! Each file with findings is a `<testcase>` (classname: the article, name: the path) with one
//! `<failure>` per finding (type: the rule id). `tests` and `failures` count test cases, as test
//! reports do; the run's own counts are `<properties>` of the suite.

use std::fmt::Write as _;

use super::{Diagnostic, Summary};

pub fn render(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let mut cases: Vec<&[Diagnostic]> = Vec::new();
    let mut rest = diagnostics;
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|d| d.path == first.path).count();
        let (case, after) = rest.split_at(n);
        cases.push(case);
        rest = after;
    }
    let tests = cases.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"loclint\" tests=\"{tests}\" failures=\"{tests}\" errors=\"0\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"loclint\" tests=\"{tests}\" failures=\"{tests}\" errors=\"0\" skipped=\"0\">"
    );
    out.push_str("    <properties>\n");
    for (name, value) in [
        ("files", summary.files),
        ("articles", summary.articles),
        ("diagnostics", summary.diagnostics),
        ("errors", summary.errors),
        ("warnings", summary.warnings),
    ] {
        let _ = writeln!(out, "      <property name=\"{name}\" value=\"{value}\"/>");
    }
    out.push_str("    </properties>\n");
    for case in cases {
        let first = &case[0];
        let path = first.path.display().to_string();
        let _ = writeln!(
            out,
            "    <testcase classname=\"{}\" name=\"{}\">",
            attribute(&first.article),
            attribute(&path)
        );
        for d in case {
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                attribute(d.rule),
                attribute(&d.message),
                content(&details(d, &path))
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// The failure's body: the finding in the concise format, its help and where the reference is.
fn details(d: &Diagnostic, path: &str) -> String {
    let mut text = format!(
        "{path}:{}:{}: {}[{}] {}",
        d.line,
        d.column,
        d.severity.as_str(),
        d.rule,
        d.message
    );
    text.push_str(&super::help_and_related(d, |p| p.display().to_string()));
    text
}

/// Characters XML 1.0 allows: tab, LF, CR, and the rest from U+0020 but U+FFFE and U+FFFF.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{fffd}' | '\u{10000}'..)
}

/// An attribute value: markup characters and quotes escaped, and tab, LF and CR as references
/// so that parsers do not normalize them to spaces.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// Element content: markup characters escaped, and CR as a reference so that it survives.
fn content(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{allowed, attribute, content};

    #[test]
    fn escapes_markup_and_strips_what_xml_forbids() {
        assert_eq!(
            attribute("a<b>&\"c\"\n\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&quot;&#10;"
        );
        assert_eq!(content("]]> &\r\n\u{ffff}\u{0}"), "]]&gt; &amp;&#13;\n");
        assert!(allowed('\u{10ffff}') && allowed('\u{e000}') && !allowed('\u{fffe}'));
    }
}
