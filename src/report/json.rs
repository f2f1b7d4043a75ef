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

/// One diagnostic as `Writer::item` takes it: pretty-printed at its depth in the document,
/// byte for byte as `serde_json` prints it (the test below holds it to that), but written field
/// by field, each field's name and indentation one piece, its strings escaped a chunk at a time:
/// most have nothing to escape.
pub fn render(diagnostic: &Diagnostic) -> Vec<u8> {
    let d = diagnostic;
    // A path that is not UTF-8 is refused by `serde`'s `Path`; kept on its way.
    let (Some(path), Some(related)) = (
        d.path.to_str(),
        (d.related.iter())
            .map(|r| r.path.to_str())
            .collect::<Option<Vec<&str>>>(),
    ) else {
        return nested(d, 2);
    };
    let mut out = Vec::with_capacity(
        512 + d.message.len() + d.help.as_ref().map_or(0, String::len) + 2 * path.len(),
    );
    let o = &mut out;
    o.extend_from_slice(b"{\n      \"rule\": ");
    quoted(o, d.rule);
    o.extend_from_slice(b",\n      \"severity\": ");
    quoted(o, d.severity.as_str());
    o.extend_from_slice(b",\n      \"path\": ");
    quoted(o, path);
    o.extend_from_slice(b",\n      \"locale\": ");
    optional(o, d.locale.as_deref());
    o.extend_from_slice(b",\n      \"article\": ");
    quoted(o, &d.article);
    positions(
        o,
        b",\n      ",
        [d.line, d.column, d.end_line, d.end_column],
    );
    o.extend_from_slice(b",\n      \"message\": ");
    quoted(o, &d.message);
    o.extend_from_slice(b",\n      \"help\": ");
    optional(o, d.help.as_deref());
    o.extend_from_slice(b",\n      \"related\": [");
    for (k, (r, path)) in d.related.iter().zip(related).enumerate() {
        o.extend_from_slice(if k == 0 { b"\n" } else { b",\n" });
        o.extend_from_slice(b"        {\n          \"path\": ");
        quoted(o, path);
        o.extend_from_slice(b",\n          \"locale\": ");
        optional(o, r.locale.as_deref());
        positions(
            o,
            b",\n          ",
            [r.line, r.column, r.end_line, r.end_column],
        );
        o.extend_from_slice(b",\n          \"message\": ");
        quoted(o, &r.message);
        o.extend_from_slice(b"\n        }");
    }
    if !d.related.is_empty() {
        o.extend_from_slice(b"\n      ");
    }
    o.extend_from_slice(b"],\n      \"fixable\": ");
    o.extend_from_slice(if d.fix.is_some() { b"true" } else { b"false" });
    o.extend_from_slice(b"\n    }");
    out
}

/// The fields `line`, `column`, `end_line` and `end_column`, each after `pad` (the comma, the
/// line break and the indentation).
fn positions(out: &mut Vec<u8>, pad: &[u8], values: [usize; 4]) {
    let names: [&[u8]; 4] = [
        b"\"line\": ",
        b"\"column\": ",
        b"\"end_line\": ",
        b"\"end_column\": ",
    ];
    for (name, value) in names.into_iter().zip(values) {
        out.extend_from_slice(pad);
        out.extend_from_slice(name);
        number(out, value);
    }
}

/// A string, or `null`.
fn optional(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(value) => quoted(out, value),
        None => out.extend_from_slice(b"null"),
    }
}

/// A number in decimal digits.
fn number(out: &mut Vec<u8>, value: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut left = value;
    loop {
        at -= 1;
        // A digit: the remainder is below ten.
        digits[at] = b'0' + u8::try_from(left % 10).unwrap_or(0);
        left /= 10;
        if left == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// `text` as a JSON string, escaped as `serde_json` escapes it: quotes, backslashes and control
/// characters, the last by their short forms or as `\u00XX`.
fn quoted(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.push(b'"');
    let mut done = 0;
    while done < bytes.len() {
        let clean = clean_prefix(&bytes[done..]);
        out.extend_from_slice(&bytes[done..done + clean]);
        done += clean;
        let Some(&b) = bytes.get(done) else {
            break;
        };
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xF)]);
            }
        }
        done += 1;
    }
    out.push(b'"');
}

/// Whether JSON escapes the byte `b`: without a branch, so that the test of a chunk vectorizes
/// (a `matches!` here took 27 M more instructions on the corpus subset).
fn escaped(b: u8) -> bool {
    (u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\')) != 0
}

/// How many bytes at the start of `bytes` need no escape: sixteen at a time, the test of each
/// sixteen without a branch per byte (vectorized); most strings have nothing to escape.
fn clean_prefix(bytes: &[u8]) -> usize {
    let mut clean = 0;
    for chunk in bytes.chunks_exact(16) {
        if chunk.iter().fold(false, |any, &b| any | escaped(b)) {
            break;
        }
        clean += 16;
    }
    clean
        + (bytes[clean..].iter())
            .take_while(|&&b| !escaped(b))
            .count()
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
            severity: if k.is_multiple_of(2) {
                Severity::Error
            } else {
                Severity::Warning
            },
            path: format!("de-DE/a{k}.md").into(),
            locale: (!k.is_multiple_of(4)).then(|| "de-DE".into()),
            article: "a.md".into(),
            span: 0..3,
            line: k + 1,
            column: 1,
            end_line: k + 1,
            end_column: 4,
            message: format!(
                "line one\nline \"two\" {k}\t{{ [x] }} \u{1}\u{8}\u{c}\u{1f}\r\\ / \u{7f} é ✓ {}",
                "long ".repeat(k * 9)
            ),
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
        for n in [0, 1, 2, 7, 12] {
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
