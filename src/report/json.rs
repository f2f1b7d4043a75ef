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

/// `value` pretty-printed as it is at `depth` levels into a document.
fn nested(value: &impl Serialize, depth: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Nested::at(depth));
    // Into memory, of values that always serialize: no error to meet.
    let _ = value.serialize(&mut serializer);
    out
}

/// `serde_json`'s pretty printer (two spaces a level), started `depth` levels in.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Self {
        Nested {
            depth,
            has_value: false,
        }
    }

    /// A new line, indented to the current depth; after `,` unless `first`.
    fn line<W: ?Sized + std::io::Write>(&self, out: &mut W, first: bool) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        out.write_all(if first { b"\n" } else { b",\n" })?;
        let mut left = 2 * self.depth;
        while left > 0 {
            let n = left.min(SPACES.len());
            out.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        with: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(with)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        with: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(out, true)?;
        }
        out.write_all(with)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
    ) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
