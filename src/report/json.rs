//! `--format json`: `{"version":1,"diagnostics":[…],"summary":{…}}`, pretty-printed.

use serde::Serialize;

use super::{Diagnostic, Summary};

/// Writes the document around diagnostics rendered by `render`, in the order given.
pub struct Writer<'o, W: std::io::Write + ?Sized> {
    out: &'o mut W,
    first: bool,
}

impl<'o, W: std::io::Write + ?Sized> Writer<'o, W> {
    /// Writes the document's start.
    pub fn start(out: &'o mut W) -> std::io::Result<Self> {
        out.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [")?;
        Ok(Writer { out, first: true })
    }

    /// Writes the next diagnostic, as `render` gave it.
    pub fn item(&mut self, rendered: &[u8]) -> std::io::Result<()> {
        let separator: &[u8] = if self.first { b"\n    " } else { b",\n    " };
        self.first = false;
        self.out.write_all(separator)?;
        self.out.write_all(rendered)
    }

    /// Writes the document's end, with the summary.
    pub fn finish(self, summary: &Summary) -> std::io::Result<()> {
        if !self.first {
            self.out.write_all(b"\n  ")?;
        }
        self.out.write_all(b"],\n  \"summary\": ")?;
        self.out.write_all(&nested(summary, 1))?;
        self.out.write_all(b"\n}\n")
    }
}

/// One diagnostic as `Writer::item` takes it: pretty-printed at its depth in the document.
pub fn render(diagnostic: &Diagnostic) -> Vec<u8> {
    nested(diagnostic, 2)
}

/// `value` pretty-printed as it is at `depth` levels into a document: every line after the
/// first indented by two spaces a level (a string's newlines are escaped, so each newline of
/// the output is between tokens).
fn nested(value: &impl Serialize, depth: usize) -> Vec<u8> {
    let alone = serde_json::to_vec_pretty(value).unwrap_or_default();
    let lines = memchr::memchr_iter(b'\n', &alone).count();
    let mut out = Vec::with_capacity(alone.len() + lines * 2 * depth);
    for (k, line) in alone.split(|&b| b == b'\n').enumerate() {
        if k > 0 {
            out.push(b'\n');
            out.resize(out.len() + 2 * depth, b' ');
        }
        out.extend_from_slice(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::FileFix;
    use crate::report::RelatedDiagnostic;
    use crate::rules::Severity;

    /// The whole document as `serde_json` pretty-prints it in one piece.
    fn whole(diagnostics: &[Diagnostic], summary: &Summary) -> Vec<u8> {
        #[derive(Serialize)]
        struct Document<'a> {
            version: u32,
            diagnostics: &'a [Diagnostic],
            summary: &'a Summary,
        }
        let document = Document {
            version: 1,
            diagnostics,
            summary,
        };
        let mut out = serde_json::to_vec_pretty(&document).unwrap();
        out.push(b'\n');
        out
    }

    fn diagnostic(k: usize) -> Diagnostic {
        Diagnostic {
            rule: "link-url-mismatch",
            severity: Severity::Error,
            path: format!("de-DE/a{k}.md").into(),
            locale: (!k.is_multiple_of(4)).then(|| "de-DE".into()),
            article: "a.md".into(),
            span: 0..3,
            line: k + 1,
            column: 1,
            end_line: k + 1,
            end_column: 4,
            message: format!("line one\nline \"two\" {k}\t{{ [x] }}"),
            help: k.is_multiple_of(2).then(|| "a help\nover lines".into()),
            related: (0..k % 3)
                .map(|r| RelatedDiagnostic {
                    path: "en-US/a.md".into(),
                    locale: Some("en-US".into()),
                    span: 0..1,
                    line: r + 1,
                    column: 2,
                    end_line: r + 1,
                    end_column: 3,
                    message: "the source".into(),
                })
                .collect(),
            fix: k.is_multiple_of(5).then(FileFix::default),
        }
    }

    #[test]
    fn items_written_one_by_one_make_the_bytes_of_one_pretty_document() {
        let summary = Summary {
            files: 3,
            diagnostics: 7,
            ..Summary::default()
        };
        for n in [0, 1, 2, 7] {
            let all: Vec<Diagnostic> = (0..n).map(diagnostic).collect();
            let mut out = Vec::new();
            let mut json = Writer::start(&mut out).unwrap();
            for d in &all {
                json.item(&render(d)).unwrap();
            }
            json.finish(&summary).unwrap();
            assert!(
                out == whole(&all, &summary),
                "{n} diagnostics:\n{}",
                String::from_utf8_lossy(&out)
            );
        }
    }
}
