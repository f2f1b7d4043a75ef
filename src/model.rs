//! The parsed model of one locale file: front matter, sections, links and broken link syntax,
//! all with byte spans into the file text. Built once by `parse`; rules and alignment only read it.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// A byte range into a file's text.
pub type Span = Range<usize>;

/// Whether a file is the article's source text or a translation of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Source,
    Translation,
}

/// Where a file's locale came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocaleOrigin {
    FrontMatter,
    Path,
    /// A source file with no locale anywhere: assumed to be in the source locale.
    SourceDefault,
    Unknown,
}

/// The front-matter keys that say which source version a file was translated from and which
/// locale it is in: `ms.openlocfilehash` and `ms.contentlocale` unless configured otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub version: String,
    pub locale: String,
}

impl Default for Keys {
    fn default() -> Self {
        Keys {
            version: "ms.openlocfilehash".to_owned(),
            locale: "ms.contentlocale".to_owned(),
        }
    }
}

/// One locale file of an article, parsed.
#[derive(Debug)]
pub struct Article {
    /// The path as reached from the arguments given.
    pub path: Arc<Path>,
    pub text: Arc<str>,
    /// Canonical locale tag (`de-DE`), if known.
    pub locale: Option<String>,
    pub locale_origin: LocaleOrigin,
    /// The locale written in the path, if any (canonical form) and the article key it implies.
    pub path_locale: Option<String>,
    pub role: Role,
    pub front_matter: FrontMatter,
    pub body: Body,
    /// Which front-matter keys name its version and its locale.
    pub keys: Arc<Keys>,
    /// The value of the version key (read through nested mappings for a dotted key such as
    /// `l10n.sourceCommit`), when it is a non-empty scalar.
    pub version: Option<String>,
    /// The numbers of the body's text, in order (`numbers::read`).
    pub numbers: Vec<crate::numbers::Number>,
}

impl Article {
    /// The front-matter value of `key` as plain text, if it is a scalar.
    pub fn scalar(&self, key: &str) -> Option<&str> {
        self.front_matter.scalar(key)
    }

    /// The source version this file was translated from (`ms.openlocfilehash`).
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The front-matter entry of the version key (for a dotted key into a nested mapping, the
    /// top-level entry that holds it).
    pub fn version_entry(&self) -> Option<&Entry> {
        let key = &self.keys.version;
        self.front_matter.get(key).or_else(|| {
            let (head, _) = key.split_once('.')?;
            self.front_matter
                .get(head)
                .filter(|e| matches!(e.value, Value::Mapping(_)))
        })
    }

    /// The front-matter entry that declares the locale (`ms.contentlocale`).
    pub fn locale_entry(&self) -> Option<&Entry> {
        self.front_matter.get(&self.keys.locale)
    }

    pub fn locale_name(&self) -> &str {
        self.locale.as_deref().unwrap_or("unknown locale")
    }

    /// Whether the file lives in an `includes/` folder or is a README: such files carry no front matter.
    pub fn is_include_or_readme(&self) -> bool {
        // Most paths have neither word: found without splitting the path into components.
        let bytes = self.path.as_os_str().as_encoded_bytes();
        let has = |word: &[u8]| {
            bytes
                .windows(word.len())
                .any(|w| w.eq_ignore_ascii_case(word))
        };
        if !has(b"includes") && !has(b"readme") {
            return false;
        }
        let is_readme = self
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s.eq_ignore_ascii_case("readme"));
        is_readme
            || self.path.components().any(|c| {
                c.as_os_str()
                    .to_str()
                    .is_some_and(|s| s.eq_ignore_ascii_case("includes"))
            })
    }
}

/// The YAML front matter of a file.
#[derive(Debug, Default)]
pub struct FrontMatter {
    /// The block from the opening `---` to the end of the closing delimiter line.
    pub span: Option<Span>,
    pub entries: Vec<Entry>,
    /// YAML errors, unclosed block, duplicate keys: each with the span it points at.
    pub problems: Vec<Problem>,
}

impl FrontMatter {
    pub fn is_present(&self) -> bool {
        self.span.is_some()
    }

    /// Whether the block could be read as a mapping of keys (possibly with problems).
    pub fn is_valid(&self) -> bool {
        self.span.is_some() && self.problems.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn scalar(&self, key: &str) -> Option<&str> {
        match &self.get(key)?.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// A problem found while reading the front matter.
#[derive(Debug, Clone)]
pub struct Problem {
    pub span: Span,
    pub message: String,
}

/// One top-level `key: value` pair of the front matter.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Value,
    /// The value's span; for an empty value, the empty span after the colon.
    pub value_span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Scalar(String),
    Sequence(Vec<String>),
    /// A nested mapping, kept as its source text.
    Mapping(String),
}

impl Value {
    /// A canonical text form, used to compare values across locales.
    pub fn canonical(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Value::Null => "".into(),
            Value::Scalar(s) | Value::Mapping(s) => s.as_str().into(),
            Value::Sequence(items) => format!("[{}]", items.join(", ")).into(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Scalar(s) | Value::Mapping(s) => s.trim().is_empty(),
            Value::Sequence(items) => items.is_empty(),
        }
    }
}

/// The Markdown body after the front matter.
#[derive(Debug, Default)]
pub struct Body {
    /// Section 0 is the preamble before the first heading or bold line (it may be empty).
    pub sections: Vec<Section>,
    pub links: Vec<Link>,
    /// Inline code spans and code blocks, in order.
    pub code: Vec<Code>,
    /// Runs of `*` left as text: emphasis markers that did not pair (`**为基于****SAML**`).
    pub unpaired_markers: Vec<Span>,
    pub broken_links: Vec<BrokenLink>,
    /// Runs of inline content (paragraphs, headings, table cells, list items), in order.
    pub blocks: Vec<Block>,
    /// Lists, tables and block quotes, in document order.
    pub structures: Vec<Structure>,
    /// `<!-- loclint-disable… -->` comments: what they silence and where. HTML comments are not
    /// content, so a suppression in one locale is never a structural difference.
    pub suppressions: Vec<Suppression>,
}

impl Body {
    /// The spans of the text blocks of section `section`, in order.
    pub fn blocks_of(&self, section: usize) -> Vec<Span> {
        self.blocks
            .iter()
            .filter(|b| b.section == section)
            .map(|b| b.span.clone())
            .collect()
    }
}

/// One rule (or every rule) silenced over a range of the file by a comment.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The rule id as written; `None`: every rule.
    pub rule: Option<String>,
    /// The comment.
    pub span: Span,
    /// The bytes it silences: a finding whose span starts here is dropped.
    pub range: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuppressionKind {
    /// `<!-- loclint-disable-next-line rule -->`: the line after the comment's line.
    NextLine,
    /// `<!-- loclint-disable rule -->` up to `<!-- loclint-enable rule -->` or the end of the file.
    Range,
    /// `<!-- loclint-disable-file -->`: the whole file, front matter included.
    File,
}

impl SuppressionKind {
    /// The directive as written in the comment.
    pub fn directive(self) -> &'static str {
        match self {
            SuppressionKind::NextLine => "loclint-disable-next-line",
            SuppressionKind::Range => "loclint-disable",
            SuppressionKind::File => "loclint-disable-file",
        }
    }
}

/// A run of inline content: where a missing item is placed.
/// A list, table or block quote: the shape of a section that translation must keep.
#[derive(Debug, Clone)]
pub struct Structure {
    pub kind: StructureKind,
    pub section: usize,
    /// How many lists and block quotes hold it.
    pub depth: u32,
    /// A list's items or a table's rows (its header row included); 0 for a block quote.
    pub items: u32,
    /// A table's columns; 0 for lists and block quotes.
    pub columns: u32,
    /// Where it starts: its marker (`1.`, `-`, `>`) or a table's first cell.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StructureKind {
    BulletList,
    OrderedList,
    Table,
    Quote,
}

impl StructureKind {
    pub fn name(self) -> &'static str {
        match self {
            StructureKind::BulletList => "bulleted list",
            StructureKind::OrderedList => "numbered list",
            StructureKind::Table => "table",
            StructureKind::Quote => "block quote",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Block {
    pub section: usize,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    Preamble,
    Heading(u8),
    /// A paragraph that is entirely bold: these help articles use it as a question heading.
    Bold,
    /// A top-level paragraph that starts with bold text and goes on: a weak section boundary that
    /// helps alignment (a translation may move words out of a bold question) but is never
    /// reported missing or extra itself.
    BoldLead,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading text as a reader sees it (for a `BoldLead`, the bold run's text).
    pub title: String,
    /// The heading line (or bold paragraph); for the preamble, the empty span at the body start.
    pub span: Span,
    pub anchors: Vec<Anchor>,
    /// Where the section's content ends (the next section's start or the end of the file).
    pub end: usize,
}

/// An explicit anchor: `<a name="x"></a>`, `<a id="x">` or a `{#x}` heading attribute.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Inline,
    Reference,
    Autolink,
    Image,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub kind: LinkKind,
    pub section: usize,
    /// The index of the block holding the link.
    pub block: usize,
    /// The link text as a reader sees it (markup removed).
    pub text: String,
    /// The span of the text between the brackets (empty span right after `[` when empty).
    pub text_span: Span,
    pub url: String,
    pub url_span: Span,
    /// The whole link.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrokenKind {
    /// `[text] (url)`: the space stops it from being a link.
    SpacedParen,
    /// `[text](url` with no closing parenthesis.
    UnclosedParen,
    /// `[text` with no closing bracket: the `](url)` was dropped.
    UnclosedBracket,
}

/// Link syntax a reader sees as broken; recorded by the parser, judged by rules.
#[derive(Debug, Clone)]
pub struct BrokenLink {
    pub kind: BrokenKind,
    pub section: usize,
    pub span: Span,
    /// The URL written after the text, when there is one.
    pub url: Option<String>,
    /// For `SpacedParen` with its closing `)`: the spaces between `]` and `(`.
    pub spaces: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// `` `code` `` inside a run of text.
    Inline,
    /// A block between fences of backticks or tildes.
    Fenced,
    /// A block indented by four spaces.
    Indented,
}

/// Code as written: an inline span or a block.
#[derive(Debug, Clone)]
pub struct Code {
    pub kind: CodeKind,
    pub section: usize,
    /// A fenced block's language: the first word of its info string (empty when none).
    pub language: String,
    /// The code itself, without backticks or fences; a block's lines end with `\n`.
    pub text: String,
    /// The whole span or block, backticks and fences included.
    pub span: Span,
}
