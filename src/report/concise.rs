//! `--format concise`: one line per diagnostic, `path:line:col: severity[rule-id] message`.

use std::fmt::Write;

use super::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            d.path.display(),
            d.line,
            d.column,
            d.severity.as_str(),
            d.rule,
            d.message
        );
    }
    out
}
