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
