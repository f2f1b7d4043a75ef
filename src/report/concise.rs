//! `--format concise`: one line per diagnostic, `path:line:col: severity[rule-id] message`.

use super::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(line).collect()
}

/// One diagnostic's line, with its newline.
pub fn line(d: &Diagnostic) -> String {
    format!(
        "{}:{}:{}: {}[{}] {}\n",
        d.path.display(),
        d.line,
        d.column,
        d.severity.as_str(),
        d.rule,
        d.message
    )
}
