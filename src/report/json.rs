//! `--format json`: `{"version":1,"diagnostics":[…],"summary":{…}}`.

use serde::Serialize;

use super::{Diagnostic, Summary};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: &'a [Diagnostic],
    summary: &'a Summary,
}

pub fn render(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let document = Document {
        version: 1,
        diagnostics,
        summary,
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

/// Writes the document without building it in memory first: a large report is streamed.
pub fn write(
    out: &mut impl std::io::Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
) -> std::io::Result<()> {
    let document = Document {
        version: 1,
        diagnostics,
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

/// Writes the document from diagnostics read one at a time (a report that is never held whole).
pub fn write_each(
    out: &mut (impl std::io::Write + ?Sized),
    diagnostics: impl Iterator<Item = Diagnostic>,
    summary: &Summary,
) -> std::io::Result<()> {
    let document = Streamed {
        version: 1,
        diagnostics: Each(std::cell::RefCell::new(Some(diagnostics))),
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
#[serde(bound = "")]
struct Streamed<'a, I: Iterator<Item = Diagnostic>> {
    version: u32,
    diagnostics: Each<I>,
    summary: &'a Summary,
}

/// A sequence serialized from an iterator, once.
struct Each<I>(std::cell::RefCell<Option<I>>);

impl<I: Iterator<Item = Diagnostic>> Serialize for Each<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take();
        serializer.collect_seq(items.into_iter().flatten())
    }
}
