//! The Markdown body: sections, anchors, links and broken link syntax, from pulldown-cmark's
//! offset iterator. The only place that runs the Markdown parser; it records, rules judge.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::model::{
    Anchor, Block, Body, BrokenKind, BrokenLink, Link, LinkKind, Section, SectionKind, Span,
    Structure, StructureKind, Suppression, SuppressionKind,
};

/// The parser options: tables, heading attributes, GFM block quotes and strikethrough.
/// Never smart punctuation (it rewrites text) and never YAML metadata (front matter is ours).
/// Public for the benchmark's floor, which parses as loclint does.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// `<!-- loclint-disable-next-line a, b -- why -->` and its siblings; the directive must be followed
/// by white space or the end of the comment.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"(?s)<!--\s*loclint-(disable-next-line|disable-file|disable|enable)(\s.*?)?-->")
        .unwrap()
});

/// A suppression comment as read, before its range is known.
struct Directive {
    name: String,
    rules: Vec<String>,
    span: Span,
}

struct OpenLink {
    kind: LinkKind,
    start: usize,
    end: usize,
    url: String,
    text: String,
    text_span: Option<Span>,
}

#[allow(clippy::struct_excessive_bools)]
struct OpenParagraph {
    start: usize,
    top_level: bool,
    /// Only a single bold run (and white space) so far.
    bold_only: bool,
    strong_seen: bool,
    /// The first inline content is a bold run.
    bold_first: bool,
    inline_depth: usize,
    links_before: usize,
    broken_before: usize,
    code_before: usize,
    text: String,
}

struct Walk<'a> {
    text: &'a str,
    body: Body,
    links: Vec<OpenLink>,
    /// The code block being read.
    code_block: Option<crate::model::Code>,
    /// The heading being read: its section is pushed at the start so its links belong to it.
    heading: Option<usize>,
    paragraph: Option<OpenParagraph>,
    block_depth: usize,
    /// The lists, tables and block quotes open here (indices into `body.structures`).
    structures: Vec<usize>,
    /// The current run of inline content and the spans inside it that are not prose.
    container: Option<Range<usize>>,
    masked: Vec<Span>,
    directives: Vec<Directive>,
}

/// Parses the body `text[start..]`; every span is an offset into `text`.
pub fn parse(text: &str, start: usize) -> Body {
    let mut walk = Walk {
        text,
        body: Body::default(),
        links: Vec::new(),
        code_block: None,
        heading: None,
        paragraph: None,
        block_depth: 0,
        structures: Vec::new(),
        container: None,
        masked: Vec::new(),
        directives: Vec::new(),
    };
    walk.body.sections.push(Section {
        kind: SectionKind::Preamble,
        title: String::new(),
        span: start..start,
        anchors: Vec::new(),
        end: text.len(),
    });
    let parser = Parser::new_ext(&text[start..], options()).into_offset_iter();
    for (event, range) in parser {
        let range = range.start + start..range.end + start;
        walk.event(event, range);
    }
    walk.flush_container();
    let mut body = walk.body;
    body.suppressions = suppressions(text, walk.directives);
    let count = body.sections.len();
    for i in 0..count {
        body.sections[i].end = body
            .sections
            .get(i + 1)
            .map_or(text.len(), |next| next.span.start);
    }
    body
}

impl Walk<'_> {
    fn section(&self) -> usize {
        self.body.sections.len() - 1
    }

    fn event(&mut self, event: Event<'_>, range: Span) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                self.inline(&range);
                self.push_text(&text, &range);
                self.not_bold_unless_blank(&text);
                self.code_or_markers(&text, &range);
            }
            Event::Code(code) => {
                self.inline(&range);
                self.masked.push(range.clone());
                self.push_text(&code, &range);
                self.not_bold_unless_blank("x");
                self.body.code.push(crate::model::Code {
                    kind: crate::model::CodeKind::Inline,
                    section: self.section(),
                    language: String::new(),
                    text: code.into_string(),
                    span: range,
                });
            }
            Event::InlineHtml(html) => {
                self.inline(&range);
                self.masked.push(range.clone());
                self.anchors_in(&html, &range);
                self.directives_in(&range);
            }
            Event::Html(html) => self.anchors_in(&html, &range),
            Event::SoftBreak | Event::HardBreak => {
                self.inline(&range);
                self.push_text(" ", &range);
            }
            Event::FootnoteReference(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                self.inline(&range);
                self.masked.push(range);
            }
            Event::TaskListMarker(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Span) {
        if matches!(tag, Tag::HtmlBlock) {
            // The whole block at once: a comment may span several of its `Html` events.
            self.directives_in(&range);
        }
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                self.inline(&range);
                self.masked.push(range.clone());
                self.not_bold_unless_blank("x");
                let kind = match link_type {
                    LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
                    LinkType::Inline => LinkKind::Inline,
                    _ => LinkKind::Reference,
                };
                self.open_link(kind, range, dest_url.into_string());
            }
            Tag::Image { dest_url, .. } => {
                self.inline(&range);
                self.masked.push(range.clone());
                self.not_bold_unless_blank("x");
                self.open_link(LinkKind::Image, range, dest_url.into_string());
            }
            Tag::Strong => {
                self.inline(&range);
                self.extend_link_text(&range);
                if let Some(p) = &mut self.paragraph {
                    if p.inline_depth == 0 {
                        if p.strong_seen {
                            p.bold_only = false;
                        }
                        p.bold_first |= p.bold_only && !p.strong_seen;
                        p.strong_seen = true;
                    }
                    p.inline_depth += 1;
                }
            }
            Tag::Emphasis | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                self.inline(&range);
                self.extend_link_text(&range);
                if let Some(p) = &mut self.paragraph {
                    if p.inline_depth == 0 {
                        p.bold_only = false;
                    }
                    p.inline_depth += 1;
                }
            }
            Tag::Heading { level, id, .. } => {
                self.flush_container();
                let mut anchors = Vec::new();
                if let Some(id) = id {
                    let span =
                        find_in(self.text, &range, &format!("#{id}")).unwrap_or(range.clone());
                    anchors.push(Anchor {
                        name: id.into_string(),
                        span,
                    });
                }
                self.body.sections.push(Section {
                    kind: SectionKind::Heading(heading_level(level)),
                    title: String::new(),
                    span: range.clone(),
                    anchors,
                    end: 0,
                });
                self.heading = Some(self.section());
            }
            Tag::Paragraph => {
                self.flush_container();
                self.paragraph = Some(OpenParagraph {
                    start: range.start,
                    top_level: self.block_depth == 0,
                    bold_only: true,
                    strong_seen: false,
                    bold_first: false,
                    inline_depth: 0,
                    links_before: self.body.links.len(),
                    broken_before: self.body.broken_links.len(),
                    code_before: self.body.code.len(),
                    text: String::new(),
                });
            }
            other => {
                self.flush_container();
                self.block_depth += 1;
                match other {
                    Tag::CodeBlock(kind) => self.open_code_block(&kind, range),
                    Tag::List(start) => self.open_structure(
                        if start.is_some() {
                            StructureKind::OrderedList
                        } else {
                            StructureKind::BulletList
                        },
                        0,
                        &range,
                    ),
                    Tag::Table(columns) => {
                        self.open_structure(StructureKind::Table, columns.len(), &range);
                    }
                    Tag::BlockQuote(_) => self.open_structure(StructureKind::Quote, 0, &range),
                    Tag::Item | Tag::TableHead | Tag::TableRow => {
                        if let Some(&open) = self.structures.last() {
                            self.body.structures[open].items += 1;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn open_structure(&mut self, kind: StructureKind, columns: usize, range: &Span) {
        let depth = self
            .structures
            .iter()
            .filter(|&&s| self.body.structures[s].kind != StructureKind::Table)
            .count();
        // Its marker (`1.`, `-`, `>`, a table's first `|` cell): where a reader sees it start.
        let marker_end = self.text[range.clone()]
            .find(char::is_whitespace)
            .map_or(range.end, |n| range.start + n);
        self.structures.push(self.body.structures.len());
        self.body.structures.push(Structure {
            kind,
            section: self.section(),
            depth: u32::try_from(depth).unwrap_or(u32::MAX),
            items: 0,
            columns: u32::try_from(columns).unwrap_or(u32::MAX),
            span: range.start..marker_end.max(range.start + 1).min(range.end),
        });
    }

    fn end(&mut self, tag: TagEnd, range: Span) {
        match tag {
            TagEnd::Link | TagEnd::Image => self.close_link(),
            TagEnd::Strong
            | TagEnd::Emphasis
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.extend_link_text(&range);
                if let Some(p) = &mut self.paragraph {
                    p.inline_depth = p.inline_depth.saturating_sub(1);
                }
            }
            TagEnd::Heading(_) => {
                self.flush_container();
                if let Some(index) = self.heading.take() {
                    let section = &mut self.body.sections[index];
                    section.title = section.title.trim().to_owned();
                    section.span.end = trim_end(self.text, range.end);
                }
            }
            TagEnd::Paragraph => {
                self.flush_container();
                if let Some(p) = self.paragraph.take() {
                    if p.top_level && p.bold_only && p.strong_seen {
                        self.bold_section(&p, range.end, SectionKind::Bold);
                    } else if p.top_level && p.bold_first {
                        self.bold_section(&p, range.end, SectionKind::BoldLead);
                    }
                }
            }
            other => {
                self.flush_container();
                self.block_depth = self.block_depth.saturating_sub(1);
                if matches!(
                    other,
                    TagEnd::List(_) | TagEnd::Table | TagEnd::BlockQuote(_)
                ) {
                    self.structures.pop();
                }
                if other == TagEnd::CodeBlock
                    && let Some(mut code) = self.code_block.take()
                {
                    code.span.end = trim_end(self.text, range.end);
                    self.body.code.push(code);
                }
            }
        }
    }

    fn open_code_block(&mut self, kind: &pulldown_cmark::CodeBlockKind<'_>, range: Span) {
        let (kind, language) = match kind {
            pulldown_cmark::CodeBlockKind::Fenced(info) => (
                crate::model::CodeKind::Fenced,
                info.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            ),
            pulldown_cmark::CodeBlockKind::Indented => {
                (crate::model::CodeKind::Indented, String::new())
            }
        };
        self.code_block = Some(crate::model::Code {
            kind,
            section: self.section(),
            language,
            text: String::new(),
            span: range,
        });
    }

    /// Text inside a code block is the block's code; elsewhere, `*` left as text is an emphasis
    /// marker that did not pair (a backslash-escaped one is meant).
    fn code_or_markers(&mut self, text: &str, range: &Span) {
        if let Some(code) = &mut self.code_block {
            code.text.push_str(text);
            return;
        }
        let bytes = self.text.as_bytes();
        let mut i = range.start;
        while let Some(found) = memchr::memchr(b'*', &bytes[i..range.end]) {
            i += found;
            if i > 0 && bytes[i - 1] == b'\\' {
                i += 1;
                continue;
            }
            let run = bytes[i..range.end]
                .iter()
                .take_while(|&&b| b == b'*')
                .count();
            // The parser hands a run of markers over one `*` at a time.
            match self.body.unpaired_markers.last_mut() {
                Some(last) if last.end == i => last.end = i + run,
                _ => self.body.unpaired_markers.push(i..i + run),
            }
            i += run;
        }
    }

    /// A paragraph that is one bold run becomes a section; what it holds moves into it.
    fn bold_section(&mut self, p: &OpenParagraph, end: usize, kind: SectionKind) {
        let index = self.body.sections.len();
        for link in &mut self.body.links[p.links_before..] {
            link.section = index;
        }
        for broken in &mut self.body.broken_links[p.broken_before..] {
            broken.section = index;
        }
        for code in &mut self.body.code[p.code_before..] {
            code.section = index;
        }
        if let Some(block) = self.body.blocks.last_mut()
            && block.span.start >= p.start
        {
            block.section = index;
        }
        self.body.sections.push(Section {
            kind,
            title: p.text.trim().to_owned(),
            span: p.start..trim_end(self.text, end),
            anchors: Vec::new(),
            end: 0,
        });
    }

    /// Markup inside link text belongs to the text's span.
    fn extend_link_text(&mut self, range: &Span) {
        if let Some(link) = self.links.last_mut() {
            let span = link.text_span.get_or_insert(range.clone());
            span.start = span.start.min(range.start);
            span.end = span.end.max(range.end);
        }
    }

    fn not_bold_unless_blank(&mut self, text: &str) {
        // Most paragraphs are not bold only from their first words on.
        if let Some(p) = self.paragraph.as_mut().filter(|p| p.bold_only) {
            let text = text.trim();
            // Punctuation after the bold run (`**Question**:`) keeps it a question line.
            let trailing_punctuation = p.strong_seen
                && text
                    .chars()
                    .all(|c| matches!(c, ':' | '.' | '?' | '!' | '：' | '？' | '。' | ']'));
            // So does a bracket before it (`[**Question**]`).
            let leading_bracket = !p.strong_seen && text == "[";
            let trailing_punctuation = trailing_punctuation || leading_bracket;
            if p.inline_depth == 0 && !text.is_empty() && !trailing_punctuation {
                p.bold_only = false;
            }
        }
    }

    fn push_text(&mut self, text: &str, range: &Span) {
        if let Some(link) = self.links.last_mut() {
            link.text.push_str(text);
            if text != " " || link.text_span.is_some() {
                let span = link.text_span.get_or_insert(range.clone());
                span.start = span.start.min(range.start);
                span.end = span.end.max(range.end);
            }
        }
        if let Some(index) = self.heading {
            self.body.sections[index].title.push_str(text);
        }
        // A paragraph's text is only kept while it may still become a section title.
        if let Some(p) = &mut self.paragraph
            && (p.bold_only || p.bold_first)
        {
            p.text.push_str(text);
        }
    }

    fn anchors_in(&mut self, html: &str, range: &Span) {
        for (all, name) in anchor_tags(html) {
            let span = range.start + all.start..range.start + all.end;
            let anchor = Anchor {
                name: html[name].to_owned(),
                span,
            };
            if let Some(section) = self.body.sections.last_mut() {
                section.anchors.push(anchor);
            }
        }
    }

    /// Records the suppression comments in `range` (raw HTML: a block or an inline span).
    fn directives_in(&mut self, range: &Span) {
        let html = &self.text[range.clone()];
        if !html.contains("loclint-") {
            return;
        }
        for capture in DIRECTIVE.captures_iter(html) {
            let (Some(all), Some(name)) = (capture.get(0), capture.get(1)) else {
                continue;
            };
            let rest = capture.get(2).map_or("", |m| m.as_str());
            // `-- reason` ends the rule list.
            let rest = rest.split_once(" -- ").map_or(rest, |(rules, _)| rules);
            let rules = rest
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|r| !r.is_empty() && *r != "--")
                .map(str::to_owned)
                .collect();
            self.directives.push(Directive {
                name: name.as_str().to_owned(),
                rules,
                span: range.start + all.start()..range.start + all.end(),
            });
        }
    }

    fn open_link(&mut self, kind: LinkKind, range: Span, url: String) {
        self.links.push(OpenLink {
            kind,
            start: range.start,
            end: range.end,
            url,
            text: String::new(),
            text_span: None,
        });
    }

    fn close_link(&mut self) {
        let Some(open) = self.links.pop() else {
            return;
        };
        let span = open.start..open.end;
        let source = &self.text[span.clone()];
        let (text_span, url_span) = if open.kind == LinkKind::Autolink {
            let inner = open.start + 1..open.end.saturating_sub(1).max(open.start + 1);
            (inner.clone(), inner)
        } else {
            let text_start = open.start + if open.kind == LinkKind::Image { 2 } else { 1 };
            let text_span = open.text_span.unwrap_or(text_start..text_start);
            let after = text_span.end.max(text_start);
            let url_span = first_of(&self.text[after..open.end], &open.url)
                .filter(|_| !open.url.is_empty())
                .map_or(after..open.end, |i| after + i..after + i + open.url.len());
            (text_span, url_span)
        };
        let text = if open.kind == LinkKind::Autolink {
            source
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        } else {
            open.text.trim().to_owned()
        };
        if let Some(parent) = self.links.last_mut() {
            parent.text.push_str(&text);
        }
        self.body.links.push(Link {
            kind: open.kind,
            section: self.section(),
            block: self.body.blocks.len(),
            text,
            text_span,
            url: open.url,
            url_span,
            span,
        });
    }

    /// Extends the current run of inline content over `range`.
    fn inline(&mut self, range: &Span) {
        let container = self.container.get_or_insert(range.clone());
        container.start = container.start.min(range.start);
        container.end = container.end.max(range.end);
    }

    /// Scans the finished inline run for link syntax that did not become a link.
    fn flush_container(&mut self) {
        let Some(range) = self.container.take() else {
            return;
        };
        let masked = std::mem::take(&mut self.masked);
        let section = self.section();
        self.body.blocks.push(Block {
            section,
            span: range.clone(),
        });
        scan_brackets(self.text, &range, &masked, |kind, span, url, spaces| {
            self.body.broken_links.push(BrokenLink {
                kind,
                section,
                span,
                url,
                spaces,
            });
        });
    }
}

/// Turns the suppression comments into ranges: the next line, up to the matching
/// `loclint-enable` (an `enable` without ids ends every open range; unclosed ranges run to the end
/// of the file), or the whole file. One suppression per rule named, or one for every rule.
fn suppressions(text: &str, directives: Vec<Directive>) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut open: Vec<Suppression> = Vec::new();
    for directive in directives {
        let rules: Vec<Option<String>> = if directive.rules.is_empty() {
            vec![None]
        } else {
            directive.rules.into_iter().map(Some).collect()
        };
        match directive.name.as_str() {
            "enable" => {
                let closes = |s: &Suppression| rules.contains(&None) || rules.contains(&s.rule);
                for mut s in open.extract_if(.., |s| closes(s)) {
                    s.range.end = directive.span.start;
                    out.push(s);
                }
            }
            name => {
                let (kind, range) = match name {
                    "disable-next-line" => {
                        let start = text[directive.span.end..]
                            .find('\n')
                            .map_or(text.len(), |n| directive.span.end + n + 1);
                        let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
                        (SuppressionKind::NextLine, start..end)
                    }
                    "disable-file" => (SuppressionKind::File, 0..text.len()),
                    _ => (SuppressionKind::Range, directive.span.end..text.len()),
                };
                for rule in rules {
                    let suppression = Suppression {
                        kind,
                        rule,
                        span: directive.span.clone(),
                        range: range.clone(),
                    };
                    if kind == SuppressionKind::Range {
                        open.push(suppression);
                    } else {
                        out.push(suppression);
                    }
                }
            }
        }
    }
    out.extend(open);
    out.sort_by_key(|s| (s.span.start, s.rule.clone()));
    out
}

/// The `<a name="…">` and `<a id="…">` anchors of raw HTML, as (the span up to the value's
/// closing quote, the value's span): what the pattern
/// `(?i)<a\s+(?:[^>]*?\s)?(?:name|id)\s*=\s*["']([^"']*)["']` matches, read without a regex
/// (HTML blocks are long, and a backtracking search over each of them cost more than the rest of
/// the parse). As that pattern does, it takes the first `name`/`id` after the first attribute
/// that has one, and the first attribute only when no later one has.
fn anchor_tags(html: &str) -> Vec<(Span, Span)> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[from..]).map(|i| from + i) {
        from = lt + 1;
        if !matches!(bytes.get(lt + 1), Some(b'a' | b'A')) {
            continue;
        }
        let run_end = skip_white(html, lt + 2);
        if run_end == lt + 2 {
            continue;
        }
        let gt = memchr::memchr(b'>', &bytes[run_end..]).map_or(html.len(), |i| run_end + i);
        let later = html[run_end..gt]
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .find_map(|(i, c)| anchor_attribute(html, run_end + i + c.len_utf8()));
        if let Some((name, end)) = later.or_else(|| anchor_attribute(html, run_end)) {
            out.push((lt..end, name));
            from = end;
        }
    }
    out
}

/// `name="…"` or `id='…'` (any case, spaces around `=`, either quote closing) at `at`: the
/// value's span and the offset after its closing quote.
fn anchor_attribute(html: &str, at: usize) -> Option<(Span, usize)> {
    let bytes = html.as_bytes();
    let word = [&b"name"[..], &b"id"[..]].into_iter().find(|w| {
        bytes
            .get(at..at + w.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(w))
    })?;
    let equals = skip_white(html, at + word.len());
    if bytes.get(equals) != Some(&b'=') {
        return None;
    }
    let quote = skip_white(html, equals + 1);
    if !matches!(bytes.get(quote), Some(b'"' | b'\'')) {
        return None;
    }
    let value = quote + 1;
    let close = value + memchr::memchr2(b'"', b'\'', &bytes[value..])?;
    Some((value..close, close + 1))
}

/// The offset after the white space (`char::is_whitespace`) that starts at `at`.
fn skip_white(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + rest.len() - rest.trim_start_matches(char::is_whitespace).len()
}

/// Finds `[text] (url)`, `[text](url` and unmatched brackets in prose, outside `masked` spans.
fn scan_brackets(
    text: &str,
    range: &Span,
    masked: &[Span],
    mut found: impl FnMut(BrokenKind, Span, Option<String>, Option<Span>),
) {
    let bytes = text.as_bytes();
    let mut open: Vec<usize> = Vec::new();
    let mut i = range.start;
    let mut masks = masked.iter().peekable();
    while i < range.end {
        while masks.peek().is_some_and(|m| m.end <= i) {
            masks.next();
        }
        if let Some(m) = masks.peek()
            && m.start <= i
        {
            i = m.end;
            continue;
        }
        // Only `\\`, `[` and `]` matter: jump to the next one before the next mask.
        let limit = masks.peek().map_or(range.end, |m| m.start.min(range.end));
        let Some(n) = memchr::memchr3(b'\\', b'[', b']', &bytes[i..limit]) else {
            i = limit;
            continue;
        };
        i += n;
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => {
                open.push(i);
                i += 1;
            }
            b']' => {
                let Some(start) = open.pop() else {
                    found(BrokenKind::UnclosedBracket, i..i + 1, None, None);
                    i += 1;
                    continue;
                };
                let after = i + 1;
                let spaces = bytes[after..range.end]
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
                let paren = after + spaces;
                if paren < range.end
                    && bytes[paren] == b'('
                    && looks_like_target(&text[paren + 1..range.end])
                {
                    let url_start = paren + 1 + text[paren + 1..range.end].len()
                        - text[paren + 1..range.end].trim_start().len();
                    let url = url_at(text, url_start, range.end);
                    let url_end = url_start + url.len();
                    let close = close_paren(text, url_end, range.end);
                    let kind = if spaces > 0 {
                        BrokenKind::SpacedParen
                    } else {
                        BrokenKind::UnclosedParen
                    };
                    if spaces > 0 || close.is_none() {
                        let end = close.unwrap_or(url_end);
                        // Only where joining makes a whole link: its `)` is there.
                        let spaces = (spaces > 0 && close.is_some()).then_some(after..paren);
                        found(kind, start..end, Some(url.to_owned()), spaces);
                        open.clear();
                        i = end.max(i + 1);
                        continue;
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    // Brackets left open: each runs to the end of its line (found once per line).
    let mut line_end = 0;
    for start in open {
        if start >= line_end {
            line_end = text[start..range.end]
                .find('\n')
                .map_or(range.end, |n| start + n);
        }
        found(
            BrokenKind::UnclosedBracket,
            start..trim_end(text, line_end),
            None,
            None,
        );
    }
}

/// Whether what follows `(` starts like a link target.
fn looks_like_target(rest: &str) -> bool {
    let rest = rest.trim_start();
    [
        "http://", "https://", "/", "./", "../", "#", "mailto:", "www.", "aka.ms",
    ]
    .iter()
    .any(|p| {
        rest.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// The URL starting at `start`: up to white space, or the `)` that balances its parentheses.
fn url_at(text: &str, start: usize, end: usize) -> &str {
    let mut depth = 0i32;
    for (i, c) in text[start..end].char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return &text[start..start + i],
            ')' => depth -= 1,
            c if c.is_whitespace() => return &text[start..start + i],
            _ => {}
        }
    }
    &text[start..end]
}

/// The end of the `)` that closes a link target (after an optional title), on the same line.
fn close_paren(text: &str, from: usize, end: usize) -> Option<usize> {
    let rest = &text[from..end];
    let line = rest.find('\n').map_or(rest, |n| &rest[..n]);
    let trimmed = line.trim_start();
    if trimmed.starts_with(')') {
        return Some(from + (line.len() - trimmed.len()) + 1);
    }
    if trimmed.starts_with('"') || trimmed.starts_with('\'') {
        return line.find(')').map(|n| from + n + 1);
    }
    None
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn trim_end(text: &str, end: usize) -> usize {
    text[..end].trim_end().len()
}

/// Where `url` first occurs in what follows a link's text (`](url "title")`): most often just
/// after the parenthesis, which is checked before a search is set up for the whole URL.
fn first_of(after_text: &str, url: &str) -> Option<usize> {
    let at = after_text.find('(').map(|open| {
        let rest = &after_text[open + 1..];
        open + 1 + (rest.len() - rest.trim_start_matches([' ', '\t', '\n', '<']).len())
    });
    let first = url.chars().next();
    match at {
        Some(at)
            if after_text[at..].starts_with(url)
                && first.is_some_and(|c| !after_text[..at].contains(c)) =>
        {
            Some(at)
        }
        _ => after_text.find(url),
    }
}

fn find_in(text: &str, range: &Span, needle: &str) -> Option<Span> {
    text[range.clone()]
        .find(needle)
        .map(|i| range.start + i..range.start + i + needle.len())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_url_is_found_where_a_search_finds_it(
            after in "[\\](< \t\nab:/.)\"]{0,12}",
            url in "[(<a-c:/. ]{1,6}",
        ) {
            prop_assert_eq!(super::first_of(&after, &url), after.find(url.as_str()));
        }

        #[test]
        fn a_url_after_its_parenthesis_is_found_there(
            before in "[\\]a( ]{0,3}",
            gap in "[ <]{0,2}",
            url in "[(<a-c:/. ]{1,6}",
            rest in "[ )a\"]{0,4}",
        ) {
            let after = format!("{before}({gap}{url}{rest}");
            prop_assert_eq!(super::first_of(&after, &url), after.find(url.as_str()));
        }
    }

    use super::*;

    fn body(text: &str) -> Body {
        parse(text, 0)
    }

    /// What `anchor_tags` must find: the pattern it stands for, run by the regex crate.
    fn anchor_tags_by_regex(html: &str) -> Vec<(Span, Span)> {
        let pattern = r#"(?i)<a\s+(?:[^>]*?\s)?(?:name|id)\s*=\s*["']([^"']*)["']"#;
        let regex = Regex::new(pattern).expect("the anchor pattern");
        regex
            .captures_iter(html)
            .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.range())))
            .collect()
    }

    #[test]
    fn anchor_tags_take_the_attribute_the_pattern_takes() {
        let html = r#"<a name="one"></a> <A  href="x" ID = 'two'> <a data-id="no" name="three">"#;
        let names: Vec<&str> = (anchor_tags(html).into_iter())
            .map(|(_, name)| &html[name])
            .collect();
        assert_eq!(names, ["one", "two", "three"]);
        assert_eq!(anchor_tags(html), anchor_tags_by_regex(html));
        // A later attribute wins over the first, as in the pattern.
        let html = r#"<a name="first" id="second">"#;
        assert_eq!(&html[anchor_tags(html)[0].1.clone()], "second");
    }

    proptest! {
        #[test]
        fn anchor_tags_agree_with_the_regex(
            parts in proptest::collection::vec(prop_oneof![
                Just("<a"), Just("<A"), Just("<"), Just(" "), Just("\t"), Just("\n"),
                Just("\u{a0}"), Just("name"), Just("NaMe"), Just("id"), Just("ID"), Just("="),
                Just("\""), Just("'"), Just(">"), Just("x"), Just("data-id"), Just("é"),
                Just("href"), Just("</a>"),
            ], 0..30)
        ) {
            let html = parts.concat();
            prop_assert_eq!(anchor_tags(&html), anchor_tags_by_regex(&html));
        }
    }

    #[test]
    fn headings_and_bold_lines_are_sections() {
        let text = "# <a name=\"top\"></a>Title\n\nIntro.\n\n**A question?**\n\nAnswer [x](http://a).\n\n## Sub {#sub}\n";
        let b = body(text);
        let kinds: Vec<_> = b.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Preamble,
                SectionKind::Heading(1),
                SectionKind::Bold,
                SectionKind::Heading(2)
            ]
        );
        assert_eq!(b.sections[1].anchors[0].name, "top");
        assert_eq!(b.sections[1].title, "Title");
        assert_eq!(b.sections[2].title, "A question?");
        assert_eq!(&text[b.sections[2].span.clone()], "**A question?**");
        assert_eq!(b.sections[3].anchors[0].name, "sub");
        assert_eq!(b.links[0].section, 2);
    }

    #[test]
    fn bold_inside_a_sentence_is_not_a_section() {
        let b = body(
            "Select **Mail** > **S/MIME**.\n\n**Bold** and more\n\n**Question?**:\n\n[**Asked**]\n",
        );
        let kinds: Vec<_> = b.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Preamble,
                SectionKind::BoldLead,
                SectionKind::Bold,
                SectionKind::Bold
            ]
        );
    }

    #[test]
    fn link_spans() {
        let text = "See [the **docs**](https://x.y/a \"t\") and [](https://e) and <https://auto>.";
        let b = body(text);
        assert_eq!(b.links.len(), 3);
        assert_eq!(b.links[0].text, "the docs");
        assert_eq!(&text[b.links[0].text_span.clone()], "the **docs**");
        assert_eq!(&text[b.links[0].url_span.clone()], "https://x.y/a");
        assert_eq!(b.links[1].text, "");
        assert_eq!(b.links[1].text_span, 43..43);
        assert_eq!(b.links[2].kind, LinkKind::Autolink);
        assert_eq!(&text[b.links[2].url_span.clone()], "https://auto");
    }

    #[test]
    fn broken_link_syntax() {
        let text = "- [將資訊匯入 Outlook] (https://support.microsoft.com/x)\n- [dropped target and more text.\n- [hier]( https://d.com/ff(v=1) .\n- fine [a]( https://ok.com/x) and [!NOTE] and `[code`\n";
        let b = body(text);
        let kinds: Vec<_> = b
            .broken_links
            .iter()
            .map(|l| (l.kind, &text[l.span.clone()]))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    BrokenKind::SpacedParen,
                    "[將資訊匯入 Outlook] (https://support.microsoft.com/x)"
                ),
                (
                    BrokenKind::UnclosedBracket,
                    "[dropped target and more text."
                ),
                (BrokenKind::UnclosedParen, "[hier]( https://d.com/ff(v=1)"),
            ]
        );
        assert_eq!(b.links.len(), 1);
    }

    #[test]
    fn suppression_comments_become_ranges() {
        let text = "# T\n\n<!-- loclint-disable-next-line link-text-empty, link-extra -- logo -->\n[](https://a)\n\n<!-- loclint-disable -->\nx <!-- loclint-disable link-missing --> y\n<!-- loclint-enable -->\n\n`<!-- loclint-disable-file -->`\n\n    <!-- loclint-disable-file -->\n\n<!-- loclint-disabled x -->\n\n<!-- loclint-disable-file\nsection-missing -->\n";
        let b = body(text);
        let found: Vec<_> = b
            .suppressions
            .iter()
            .map(|s| (s.kind, s.rule.as_deref(), &text[s.range.clone()]))
            .collect();
        let line = "[](https://a)";
        let all_range = "\nx <!-- loclint-disable link-missing --> y\n";
        let missing_range = " y\n";
        assert_eq!(
            found,
            [
                (SuppressionKind::NextLine, Some("link-extra"), line),
                (SuppressionKind::NextLine, Some("link-text-empty"), line),
                (SuppressionKind::Range, None, all_range),
                (SuppressionKind::Range, Some("link-missing"), missing_range),
                (SuppressionKind::File, Some("section-missing"), text),
            ]
        );
        let comment = &text[b.suppressions[0].span.clone()];
        assert!(comment.starts_with("<!--") && comment.ends_with("logo -->"));
    }

    #[test]
    fn suppression_comments_are_not_structure() {
        let plain = "# T\n\n**Q?**\n\nSee [a](https://a).\n";
        let commented = "<!-- loclint-disable-file -->\n# T\n\n<!-- loclint-disable-next-line link-extra -->\n**Q?** <!-- loclint-disable x -->\n\nSee [a](https://a).<!-- loclint-enable -->\n";
        let (p, c) = (body(plain), body(commented));
        let shape = |b: &Body| {
            (
                b.sections
                    .iter()
                    .map(|s| (s.kind, s.title.clone()))
                    .collect::<Vec<_>>(),
                b.links
                    .iter()
                    .map(|l| (l.section, l.url.clone()))
                    .collect::<Vec<_>>(),
                b.broken_links.len(),
            )
        };
        assert_eq!(shape(&p), shape(&c));
        assert_eq!(c.suppressions.len(), 3);
    }

    #[test]
    fn docfx_syntax_is_not_broken() {
        let text = "> [!NOTE]\n> Text.\n\n[!INCLUDE [x](../includes/x.md)]\n\n> [!VIDEO https://www.microsoft.com/videoplayer/embed/1]\n\n<xref:System.String>\n";
        let b = body(text);
        assert!(b.broken_links.is_empty(), "{:?}", b.broken_links);
        assert_eq!(b.links.len(), 2);
        assert_eq!(b.links[1].url, "xref:System.String");
    }

    #[test]
    fn code_spans_blocks_and_unpaired_markers() {
        use crate::model::CodeKind;
        let text = "Run `Get-Mailbox` now.\n\n**Q `x`?**\n\n```PowerShell title\nGet-User *x*\n# note\n```\n\n    indented\n\n- **为基于****SAML** and \\** and **ok**\n";
        let b = body(text);
        let code: Vec<_> = b
            .code
            .iter()
            .map(|c| (c.kind, c.section, c.language.as_str(), c.text.as_str()))
            .collect();
        assert_eq!(
            code,
            [
                (CodeKind::Inline, 0, "", "Get-Mailbox"),
                (CodeKind::Inline, 1, "", "x"),
                (CodeKind::Fenced, 1, "PowerShell", "Get-User *x*\n# note\n"),
                (CodeKind::Indented, 1, "", "indented\n"),
            ]
        );
        assert_eq!(&text[b.code[0].span.clone()], "`Get-Mailbox`");
        assert!(text[b.code[2].span.clone()].starts_with("```PowerShell"));
        assert!(text[b.code[2].span.clone()].ends_with("```"));
        let markers: Vec<&str> = b
            .unpaired_markers
            .iter()
            .map(|m| &text[m.clone()])
            .collect();
        assert_eq!(markers, ["****", "*"]);
    }
}
