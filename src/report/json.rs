//! `--format json`: `{"version":1,"diagnostics":[…],"summary":{…}}`, pretty-printed.

use serde::Serialize;

use super::{Diagnostic, Summary};

/// Findings rendered at a time: on a pool's threads when given, then written in order. Two
/// batches are held at once (the one rendered and the next).
pub const BATCH: usize = 256;

/// Writes the document from diagnostics read one batch at a time: a report that is never held
/// whole. With a pool, each batch's diagnostics are rendered on its threads while the next
/// batch is read; the bytes are the same as one pretty-printed document's.
pub fn write_each(
    out: &mut (impl std::io::Write + ?Sized),
    mut diagnostics: impl Iterator<Item = Diagnostic>,
    summary: &Summary,
    pool: Option<&rayon::ThreadPool>,
) -> std::io::Result<()> {
    out.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [")?;
    let mut next_batch = || -> Vec<Diagnostic> { diagnostics.by_ref().take(BATCH).collect() };
    let mut batch = next_batch();
    let mut first = true;
    while !batch.is_empty() {
        let mut rendered: Vec<Vec<u8>> = Vec::new();
        let next = if let Some(pool) = pool {
            let mut next = Vec::new();
            pool.in_place_scope(|scope| {
                scope.spawn(|_| {
                    use rayon::prelude::*;
                    rendered = batch.par_iter().map(|d| nested(d, 2)).collect();
                });
                next = next_batch();
            });
            next
        } else {
            rendered = batch.iter().map(|d| nested(d, 2)).collect();
            next_batch()
        };
        for item in rendered {
            out.write_all(if first { b"\n    " } else { b",\n    " })?;
            out.write_all(&item)?;
            first = false;
        }
        batch = next;
    }
    if !first {
        out.write_all(b"\n  ")?;
    }
    out.write_all(b"],\n  \"summary\": ")?;
    out.write_all(&nested(summary, 1))?;
    out.write_all(b"\n}\n")
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
    fn batches_write_the_bytes_of_one_pretty_document() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let summary = Summary {
            files: 3,
            diagnostics: 7,
            ..Summary::default()
        };
        for n in [0, 1, BATCH - 1, BATCH, 2 * BATCH + 3] {
            let all: Vec<Diagnostic> = (0..n).map(diagnostic).collect();
            let expected = whole(&all, &summary);
            for pool in [None, Some(&pool)] {
                let mut out = Vec::new();
                write_each(&mut out, all.iter().cloned(), &summary, pool).unwrap();
                assert!(
                    out == expected,
                    "{n} diagnostics, pool {}:\n{}",
                    pool.is_some(),
                    String::from_utf8_lossy(&out)
                );
            }
        }
    }
}
