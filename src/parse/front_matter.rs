//! Front matter: splits the `---` block at byte 0 and reads its YAML into spanned entries.
//! Owns every front-matter syntax decision; it never guesses past an error and never expands aliases.

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as YamlSpan};

use crate::model::{Entry, FrontMatter, Problem, Span, Value};

/// Front matter read from a file, and where the Markdown body starts.
pub struct Split {
    pub front_matter: FrontMatter,
    pub body_start: usize,
}

/// Splits the front matter off `text` and parses it.
pub fn parse(text: &str) -> Split {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // Blank lines before the block: still read it (so the body is not misread as Markdown), and
    // say that it does not start the file.
    let start = bom
        + (text.len()
            - bom
            - text[bom..]
                .trim_start_matches(['\n', '\r', ' ', '\t'])
                .len());
    let start = text[..start].rfind('\n').map_or(bom, |n| n + 1).max(bom);
    let Some(first_end) = delimiter_line(text, start, "---") else {
        return Split {
            front_matter: FrontMatter::default(),
            body_start: start,
        };
    };
    let yaml_start = first_end;
    let mut pos = yaml_start;
    // Line ends ahead of `pos`, found in one pass rather than a search per line.
    let mut newlines =
        memchr::memchr_iter(b'\n', &text.as_bytes()[yaml_start..]).map(|i| yaml_start + i);
    while pos < text.len() {
        let line_end = newlines.next().map_or(text.len(), |i| i + 1);
        let may_close = matches!(text.as_bytes()[pos], b'-' | b'.');
        if may_close && matches!(delimiter(&text[pos..line_end]), "---" | "...") {
            let end = line_end;
            let mut front_matter = FrontMatter {
                span: Some(start..end),
                ..FrontMatter::default()
            };
            if start > bom {
                front_matter.problems.push(Problem {
                    span: start..start + 3,
                    message: "front matter must start on the first line: blank lines come before this `---`".to_owned(),
                });
            }
            let first_line = text[..yaml_start].matches('\n').count();
            read_yaml(
                &text[yaml_start..pos],
                yaml_start,
                first_line,
                &mut front_matter,
            );
            return Split {
                front_matter,
                body_start: end,
            };
        }
        pos = line_end;
    }
    let opening = start..trim_newline(text, start, first_end);
    Split {
        front_matter: FrontMatter {
            span: Some(start..text.len()),
            entries: Vec::new(),
            problems: vec![Problem {
                span: opening,
                message:
                    "front matter is not closed: no `---` line ends the block that starts here"
                        .to_owned(),
            }],
        },
        body_start: text.len(),
    }
}

/// If the line at `pos` is exactly `marker` (trailing spaces and CR allowed), the offset after it.
fn delimiter_line(text: &str, pos: usize, marker: &str) -> Option<usize> {
    let rest = &text.as_bytes()[pos..];
    let line_len = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
    (delimiter(&text[pos..pos + line_len]) == marker).then_some(pos + line_len)
}

/// A line as a delimiter is compared: without its line break and trailing spaces.
fn delimiter(line: &str) -> &str {
    trim_end_bytes(line, b"\n\r \t")
}

fn trim_newline(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end_matches(['\n', '\r']).len()
}

/// Converts saphyr positions (line, column in characters) to byte offsets in the file.
struct Positions<'a> {
    yaml: &'a str,
    offset: usize,
    /// Lines of the file before the YAML.
    first_line: usize,
    /// Where the YAML's lines start: found when a position is first asked for, which most front
    /// matter (read by `read_simple`, without a duplicate key) never does.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Positions<'a> {
    fn new(yaml: &'a str, offset: usize, first_line: usize) -> Self {
        Positions {
            yaml,
            offset,
            first_line,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.yaml.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// The 1-based line in the file of a byte offset inside the YAML.
    fn line_of(&self, offset: usize) -> usize {
        let local = offset.saturating_sub(self.offset);
        self.first_line + self.line_starts().partition_point(|&start| start <= local)
    }

    fn byte(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.offset + self.yaml.len();
        };
        let rest = &self.yaml[start..];
        let within = rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i);
        self.offset + start + within
    }

    fn span(&self, span: &YamlSpan) -> Span {
        let start = self.byte(span.start.line(), span.start.col());
        let end = self.byte(span.end.line(), span.end.col()).max(start);
        start..end
    }

    fn error(&self, error: &ScanError) -> Problem {
        let at = self.byte(error.marker().line(), error.marker().col());
        let end = self.yaml[at - self.offset..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        Problem {
            span: at..end,
            message: format!("front matter is not valid YAML: {}", error.info()),
        }
    }
}

/// The common front matter, read without a YAML parser: lines of `key: value` with plain or
/// simply quoted values, and `- item` lists under an empty key. Anything else (flow collections,
/// anchors, block scalars, escapes, comments after values, nesting) returns `None` and goes to the
/// full parser, so the result is always what the full parser would give.
fn read_simple(yaml: &str, offset: usize) -> Option<Vec<Entry>> {
    let mut at = 0;
    let bytes = yaml.as_bytes();
    // Room for an entry a line, the most there can be.
    let mut entries: Vec<Entry> = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    let lines = memchr::memchr_iter(b'\n', bytes)
        .map(|i| i + 1)
        .chain((bytes.last() != Some(&b'\n') && !bytes.is_empty()).then_some(bytes.len()));
    for end in lines {
        let raw = &yaml[at..end];
        let start = at;
        at = end;
        let content = trim_end_bytes(raw, b"\n\r");
        let content = trim_end_bytes(content, b" \t");
        if content.trim_start().is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(item) = content.strip_prefix("- ") {
            let entry = entries.last_mut()?;
            let item_start =
                start + (content.len() - item.len()) + (item.len() - item.trim_start().len());
            let (value, len) = simple_scalar(item.trim_start())?;
            let value = value?;
            match &mut entry.value {
                Value::Null if entry.value_span.is_empty() => {
                    entry.value = Value::Sequence(vec![value]);
                    entry.value_span = offset + item_start..offset + item_start + len;
                }
                Value::Sequence(items) => {
                    items.push(value);
                    entry.value_span.end = offset + item_start + len;
                }
                _ => return None,
            }
            continue;
        }
        let colon = memchr::memchr(b':', content.as_bytes())?;
        let key = &content[..colon];
        let key_ok = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            && !key.starts_with('-');
        if !key_ok {
            return None;
        }
        let rest = &content[colon + 1..];
        if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
            return None;
        }
        let trimmed = rest.trim_start();
        let value_start = start + colon + 1 + (rest.len() - trimmed.len());
        let (value, value_span) = if trimmed.is_empty() {
            let end = start + colon;
            (Value::Null, offset + end..offset + end)
        } else {
            let (value, len) = simple_scalar(trimmed)?;
            let value = match value {
                Some(v) => Value::Scalar(v),
                None => Value::Null,
            };
            (value, offset + value_start..offset + value_start + len)
        };
        entries.push(Entry {
            key: key.to_owned(),
            key_span: offset + start..offset + start + colon,
            value,
            value_span,
        });
    }
    Some(entries)
}

/// A scalar the fast path understands, as (value, length in the line); `Some(None)` for a plain
/// null; `None` for anything it leaves to the full parser.
fn simple_scalar(text: &str) -> Option<(Option<String>, usize)> {
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        if inner.contains(['"', '\\']) {
            return None;
        }
        return Some((Some(inner.to_owned()), text.len()));
    }
    if let Some(inner) = text.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        if inner.replace("''", "").contains('\'') {
            return None;
        }
        return Some((Some(inner.replace("''", "'")), text.len()));
    }
    let special = matches!(
        text.as_bytes().first(),
        Some(
            b'[' | b'{'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'%'
                | b'@'
                | b'`'
                | b'#'
                | b','
                | b'?'
                | b':'
                | b'-'
        )
    );
    if special || has_colon_space_or_comment(text) || text.ends_with(':') {
        return None;
    }
    if is_null(text) {
        return Some((None, text.len()));
    }
    Some((Some(text.to_owned()), text.len()))
}

/// `text` without the bytes of `set` (ASCII) at its end: a byte at a time, where a pattern of
/// characters decodes each.
fn trim_end_bytes<'t>(text: &'t str, set: &[u8]) -> &'t str {
    let bytes = text.as_bytes();
    let kept = bytes.len() - bytes.iter().rev().take_while(|b| set.contains(b)).count();
    &text[..kept]
}

/// Whether `text` holds `: ` (a mapping) or ` #` (a comment): one pass over the two bytes.
fn has_colon_space_or_comment(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b':', b'#', bytes).any(|at| match bytes[at] {
        b':' => bytes.get(at + 1) == Some(&b' '),
        _ => at > 0 && bytes[at - 1] == b' ',
    })
}

/// Adds an entry, or a problem at its key when the key was already defined.
fn add_entry(front_matter: &mut FrontMatter, entry: Entry, positions: &Positions<'_>) {
    if let Some(first) = front_matter.get(&entry.key) {
        let line = positions.line_of(first.key_span.start);
        front_matter.problems.push(Problem {
            span: entry.key_span,
            message: format!(
                "duplicate front-matter key `{}` (first defined on line {line})",
                entry.key
            ),
        });
    } else {
        front_matter.entries.push(entry);
    }
}

type Item<'a> = (Event<'a>, YamlSpan);

fn read_yaml(yaml: &str, offset: usize, first_line: usize, front_matter: &mut FrontMatter) {
    let positions = Positions::new(yaml, offset, first_line);
    if let Some(entries) = read_simple(yaml, offset) {
        front_matter.entries.reserve(entries.len());
        for entry in entries {
            add_entry(front_matter, entry, &positions);
        }
        return;
    }
    let mut events = Parser::new_from_str(yaml);
    let mut next = || -> Result<Option<Item<'_>>, Problem> {
        match events.next() {
            None => Ok(None),
            Some(Ok(item)) => Ok(Some(item)),
            Some(Err(error)) => Err(positions.error(&error)),
        }
    };
    if let Err(problem) = read_document(&mut next, &positions, front_matter) {
        front_matter.problems.push(problem);
    }
}

fn read_document<'a>(
    next: &mut impl FnMut() -> Result<Option<Item<'a>>, Problem>,
    positions: &Positions<'_>,
    front_matter: &mut FrontMatter,
) -> Result<(), Problem> {
    // StreamStart, then DocumentStart or StreamEnd for an empty block.
    loop {
        match next()? {
            None | Some((Event::StreamEnd, _)) => return Ok(()),
            Some((Event::StreamStart | Event::DocumentStart(_), _)) => {}
            Some((Event::MappingStart(..), _)) => break,
            Some((Event::Scalar(value, ScalarStyle::Plain, ..), _)) if is_null(value.as_ref()) => {
                return Ok(());
            }
            Some((_, span)) => {
                return Err(Problem {
                    span: positions.span(&span),
                    message: "front matter is not a mapping of `key: value` pairs".to_owned(),
                });
            }
        }
    }
    loop {
        let (key, key_span) = match next()? {
            Some((Event::MappingEnd, _)) | None => break,
            Some((Event::Scalar(key, ..), span)) => (key.into_owned(), positions.span(&span)),
            Some((Event::Alias(_), span)) => return Err(alias(positions.span(&span))),
            Some((_, span)) => {
                return Err(Problem {
                    span: positions.span(&span),
                    message: "front matter keys must be plain text".to_owned(),
                });
            }
        };
        let (value, value_span) = read_value(next, positions, key_span.end)?;
        add_entry(
            front_matter,
            Entry {
                key,
                key_span,
                value,
                value_span,
            },
            positions,
        );
    }
    // A second document in the block is not front matter.
    match next()? {
        None | Some((Event::DocumentEnd | Event::StreamEnd, _)) => Ok(()),
        Some((_, span)) => Err(Problem {
            span: positions.span(&span),
            message: "front matter holds more than one YAML document".to_owned(),
        }),
    }
}

fn read_value<'a>(
    next: &mut impl FnMut() -> Result<Option<Item<'a>>, Problem>,
    positions: &Positions<'_>,
    after_key: usize,
) -> Result<(Value, Span), Problem> {
    match next()? {
        None => Ok((Value::Null, after_key..after_key)),
        Some((Event::Scalar(value, style, ..), span)) => {
            let span = positions.span(&span);
            if style == ScalarStyle::Plain && is_null(value.as_ref()) {
                Ok((Value::Null, span))
            } else {
                Ok((Value::Scalar(value.into_owned()), span))
            }
        }
        Some((Event::Alias(_), span)) => Err(alias(positions.span(&span))),
        Some((Event::SequenceStart(..), span)) => {
            let start = positions.span(&span).start;
            let mut end = start;
            let mut items = Vec::new();
            loop {
                match next()? {
                    Some((Event::SequenceEnd, _)) | None => break,
                    Some((Event::Scalar(value, ..), span)) => {
                        end = positions.span(&span).end;
                        items.push(value.into_owned());
                    }
                    Some((Event::Alias(_), span)) => return Err(alias(positions.span(&span))),
                    Some((Event::SequenceStart(..) | Event::MappingStart(..), _)) => {
                        end = skip_nested(next, positions)?;
                        items.push("…".to_owned());
                    }
                    Some((_, span)) => end = positions.span(&span).end,
                }
            }
            Ok((Value::Sequence(items), start..end.max(start)))
        }
        Some((Event::MappingStart(..), span)) => {
            let start = positions.span(&span).start;
            let end = skip_nested(next, positions)?.max(start);
            let source = &positions.yaml[start - positions.offset..end - positions.offset];
            Ok((Value::Mapping(source.trim().to_owned()), start..end))
        }
        Some((_, span)) => {
            let span = positions.span(&span);
            Ok((Value::Null, span))
        }
    }
}

/// Skips one nested sequence or mapping whose start event was already read; returns its end.
fn skip_nested<'a>(
    next: &mut impl FnMut() -> Result<Option<Item<'a>>, Problem>,
    positions: &Positions<'_>,
) -> Result<usize, Problem> {
    let mut depth = 1usize;
    let mut end = 0;
    while depth > 0 {
        match next()? {
            None => break,
            Some((Event::SequenceStart(..) | Event::MappingStart(..), span)) => {
                depth += 1;
                end = end.max(positions.span(&span).end);
            }
            Some((Event::SequenceEnd | Event::MappingEnd, _)) => depth -= 1,
            Some((Event::Alias(_), span)) => return Err(alias(positions.span(&span))),
            Some((_, span)) => end = end.max(positions.span(&span).end),
        }
    }
    Ok(end)
}

fn alias(span: Span) -> Problem {
    Problem {
        span,
        message: "YAML aliases are not allowed in front matter".to_owned(),
    }
}

fn is_null(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    fn entries(text: &str) -> Vec<(String, Value, String)> {
        let split = parse(text);
        assert!(
            split.front_matter.problems.is_empty(),
            "{:?}",
            split.front_matter.problems
        );
        split
            .front_matter
            .entries
            .iter()
            .map(|e| {
                (
                    e.key.clone(),
                    e.value.clone(),
                    text[e.value_span.clone()].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn reads_scalars_lists_and_spans() {
        let text = "---\ntitle: Ação título\nms.custom:\n- \"9357\"\n- \"9003259\"\nempty: ''\nnone:\n---\n# Body\n";
        let got = entries(text);
        assert_eq!(
            got[0],
            (
                "title".into(),
                Value::Scalar("Ação título".into()),
                "Ação título".into()
            )
        );
        assert_eq!(
            got[1].1,
            Value::Sequence(vec!["9357".into(), "9003259".into()])
        );
        assert_eq!(got[1].2, "\"9357\"\n- \"9003259\"");
        assert_eq!(got[2].1, Value::Scalar(String::new()));
        assert_eq!(got[3].1, Value::Null);
        assert_eq!(&text[parse(text).body_start..], "# Body\n");
    }

    /// The fast path must give exactly what the full parser gives.
    #[test]
    fn fast_path_agrees_with_the_parser() {
        let samples = [
            "title: Lietotāja paroles\nms.author: v-smandalika\nms.date: 03/08/2021\nROBOTS: NOINDEX, NOFOLLOW\nms.custom:\n- \"9357\"\n- \"9003259\"\nms.openlocfilehash: 0a771c43b308794af1efd55b9c185b2dcff71700\nms.locfileid: \"50693439\"\nms.date2: ''\nempty:\nquote: 'it''s'\nurl: https://x.com/a?b=c\n",
            "a: 1\r\nb: two words\r\nc:\r\n",
            "# comment\nkey: value\n",
        ];
        for yaml in samples {
            let fast = read_simple(yaml, 4).expect("simple front matter");
            let mut full = FrontMatter::default();
            let positions = Positions::new(yaml, 4, 1);
            let mut events = Parser::new_from_str(yaml);
            let mut next = || -> Result<Option<Item<'_>>, Problem> {
                match events.next() {
                    None => Ok(None),
                    Some(Ok(item)) => Ok(Some(item)),
                    Some(Err(error)) => Err(positions.error(&error)),
                }
            };
            read_document(&mut next, &positions, &mut full).expect("valid YAML");
            let show = |e: &Entry| {
                (
                    e.key.clone(),
                    e.key_span.clone(),
                    e.value.clone(),
                    e.value_span.clone(),
                )
            };
            let fast: Vec<_> = fast.iter().map(show).collect();
            let full: Vec<_> = full.entries.iter().map(show).collect();
            assert_eq!(fast, full, "{yaml:?}");
        }
        for complex in [
            "a: [1, 2]\n",
            "a: &x 1\nb: *x\n",
            "a: |\n  text\n",
            "a: \"esc\\n\"\n",
            "a: b # c\n",
            "a:\n  b: 1\n",
        ] {
            assert!(read_simple(complex, 0).is_none(), "{complex:?}");
        }
    }

    #[test]
    fn handles_bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: x\r\n---\r\nbody";
        let split = parse(text);
        assert_eq!(split.front_matter.entries[0].key, "title");
        assert_eq!(&text[split.body_start..], "body");
    }

    #[test]
    fn unclosed_block_is_a_problem_at_the_opening_line() {
        let split = parse("---\ntitle: x\n# no end\n");
        assert_eq!(split.front_matter.problems.len(), 1);
        assert_eq!(split.front_matter.problems[0].span, 0..3);
    }

    #[test]
    fn duplicate_key_points_at_the_second_key() {
        let text = "---\na: 1\na: 2\n---\n";
        let split = parse(text);
        assert_eq!(split.front_matter.problems.len(), 1);
        assert_eq!(split.front_matter.problems[0].span, 9..10);
        assert!(
            split.front_matter.problems[0]
                .message
                .ends_with("(first defined on line 2)")
        );
    }

    #[test]
    fn alias_bomb_is_refused_without_expansion() {
        let mut text = String::from(
            "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (name, prev) in [
            ("b", "a"),
            ("c", "b"),
            ("d", "c"),
            ("e", "d"),
            ("f", "e"),
            ("g", "f"),
            ("h", "g"),
            ("i", "h"),
        ] {
            let _ = writeln!(
                text,
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
            );
        }
        text.push_str("---\n");
        let split = parse(&text);
        assert!(split.front_matter.problems[0].message.contains("aliases"));
    }

    #[test]
    fn syntax_error_points_into_the_file() {
        let text = "---\ntitle: [unclosed\n---\n";
        let split = parse(text);
        let problem = &split.front_matter.problems[0];
        assert!(
            problem
                .message
                .starts_with("front matter is not valid YAML")
        );
        assert!(problem.span.start >= 4 && problem.span.start <= text.len());
    }

    #[test]
    fn not_a_mapping() {
        let split = parse("---\n- a\n- b\n---\n");
        assert!(
            split.front_matter.problems[0]
                .message
                .contains("not a mapping")
        );
    }

    #[test]
    fn blank_lines_before_the_block() {
        let text = "\n\n---\ntitle: x\n---\n# Body\n";
        let split = parse(text);
        assert_eq!(split.front_matter.problems[0].span, 2..5);
        assert_eq!(split.front_matter.entries[0].key, "title");
        assert_eq!(&text[split.body_start..], "# Body\n");
    }

    #[test]
    fn no_front_matter() {
        let split = parse("# Title\n---\n");
        assert!(!split.front_matter.is_present());
        assert_eq!(split.body_start, 0);
    }
}
