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
