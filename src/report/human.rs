//! The human format: miette diagnostics with the offending span labelled in its file and the
//! reference shown as a related snippet from its own file. The only module that knows miette.
//! Files are re-read here for the few lines shown; nothing upstream keeps text for the report.

use std::collections::HashMap;
use std::fmt;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{Diagnostic, Summary};
use crate::rules::Severity;

/// Findings rendered at a time: on `pool`'s threads when given, then written in order. Two
/// batches are held at once (the one rendered and the next), and only a few files' texts.
pub const BATCH: usize = 64;

/// Writes each diagnostic as it comes, a batch at a time, then the closing lines: `table` (when
/// given) before the summary line, which stays last.
pub fn write_each(
    out: &mut (impl std::io::Write + ?Sized),
    mut diagnostics: impl Iterator<Item = Diagnostic>,
    summary: &Summary,
    color: bool,
    table: Option<&str>,
    pool: Option<&rayon::ThreadPool>,
) -> std::io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(120)
        .with_context_lines(1);
    let render = |shown: &Shown| {
        let mut rendered = String::new();
        let _ = handler.render_report(&mut rendered, shown);
        rendered
    };
    // The file texts are read on this thread, in order, where the cache of recent files works;
    // with a pool, the next batch is read while the pool renders this one.
    let mut texts = Texts::default();
    let mut next_batch = |texts: &mut Texts| -> Vec<Shown> {
        (diagnostics.by_ref().take(BATCH))
            .map(|d| shown(&d, texts))
            .collect()
    };
    let mut batch = next_batch(&mut texts);
    while !batch.is_empty() {
        let mut rendered: Vec<String> = Vec::new();
        let next = if let Some(pool) = pool {
            let mut next = Vec::new();
            pool.in_place_scope(|scope| {
                scope.spawn(|_| {
                    use rayon::prelude::*;
                    rendered = batch.par_iter().map(render).collect();
                });
                next = next_batch(&mut texts);
            });
            next
        } else {
            rendered = batch.iter().map(render).collect();
            next_batch(&mut texts)
        };
        for rendered in rendered {
            out.write_all(rendered.as_bytes())?;
        }
        batch = next;
    }
    let mut rendered = String::new();
    if summary.fixable > 0 {
        let _ = writeln!(
            rendered,
            "[*] {} fixable with `loclint check --fix`",
            summary.fixable
        );
    }
    rendered.push_str(table.unwrap_or_default());
    rendered.push_str(&summary_line(summary));
    out.write_all(rendered.as_bytes())
}

/// A diagnostic as miette shows it, with the lines around each span.
fn shown(d: &Diagnostic, texts: &mut Texts) -> Shown {
    Shown {
        message: d.message.clone(),
        // `[*]`: `--fix` repairs it.
        code: if d.fix.is_some() {
            format!("{} [*]", d.rule)
        } else {
            d.rule.to_owned()
        },
        severity: d.severity,
        source: texts.window(&d.path, d.span.start, d.span.end),
        span: span(d.span.start, d.span.end),
        label: label(d),
        help: d.help.clone(),
        related: d
            .related
            .iter()
            .map(|r| Shown {
                message: r.message.clone(),
                code: String::new(),
                severity: Severity::Warning,
                source: texts.window(&r.path, r.span.start, r.span.end),
                span: span(r.span.start, r.span.end),
                label: r.locale.clone().unwrap_or_else(|| "reference".to_owned()),
                help: None,
                related: Vec::new(),
            })
            .collect(),
    }
}

/// The last line of every human report.
pub fn summary_line(summary: &Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {} in {} ({})\n",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.files, "file"),
        plural(summary.articles, "article"),
    )
}

fn label(d: &Diagnostic) -> String {
    match &d.locale {
        Some(locale) => format!("{locale}, line {}:{}", d.line, d.column),
        None => format!("line {}:{}", d.line, d.column),
    }
}

fn span(start: usize, end: usize) -> SourceSpan {
    (start, end.saturating_sub(start)).into()
}

/// How much of a very long line is shown on each side of a span.
const REACH: usize = 240;

/// The files kept read for showing: diagnostics come file by file, with their references.
const KEPT_TEXTS: usize = 64;

/// File texts, read once each while they are among the last few shown.
#[derive(Default)]
struct Texts {
    files: HashMap<PathBuf, Option<String>>,
}

impl Texts {
    /// The lines around `start..end` of `path`, for showing.
    fn window(&mut self, path: &Path, start: usize, end: usize) -> Window {
        if self.files.len() >= KEPT_TEXTS && !self.files.contains_key(path) {
            self.files.clear();
        }
        let text = self
            .files
            .entry(path.to_path_buf())
            .or_insert_with(|| crate::discover::read_to_show(path));
        let name = path.display().to_string();
        let Some(text) = text else {
            return Window {
                name,
                text: String::new(),
                offset: start,
                first_line: 0,
            };
        };
        let start = floor(text, start.min(text.len()));
        let end = floor(text, end.clamp(start, text.len()));
        let mut from = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let mut to = text[end..].find('\n').map_or(text.len(), |i| end + i);
        // Very long lines: show a slice around the span only.
        if start - from > REACH {
            from = floor(text, start - REACH);
        }
        if to - end > REACH {
            to = floor(text, end + REACH);
        }
        let first_line = text[..from].bytes().filter(|&b| b == b'\n').count();
        Window {
            name,
            text: text[from..to].to_owned(),
            offset: from,
            first_line,
        }
    }
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A slice of a file that reports its positions in the whole file's coordinates.
#[derive(Debug)]
struct Window {
    name: String,
    text: String,
    offset: usize,
    first_line: usize,
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local_start = span
            .offset()
            .saturating_sub(self.offset)
            .min(self.text.len());
        let local_len = span.len().min(self.text.len() - local_start);
        let local: SourceSpan = (local_start, local_len).into();
        let contents = self
            .text
            .read_span(&local, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            (
                contents.span().offset() + self.offset,
                contents.span().len(),
            )
                .into(),
            contents.line() + self.first_line,
            contents.column(),
            contents.line_count(),
        )))
    }
}

#[derive(Debug)]
struct Shown {
    message: String,
    code: String,
    severity: Severity,
    source: Window,
    span: SourceSpan,
    label: String,
    help: Option<String>,
    related: Vec<Shown>,
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl MietteDiagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning if self.code.is_empty() => miette::Severity::Advice,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        (!self.source.text.is_empty()).then_some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.source.text.is_empty() {
            return None;
        }
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.label.clone()),
            self.span,
        ))))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn MietteDiagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn MietteDiagnostic),
        ))
    }
}
