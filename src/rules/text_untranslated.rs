//! `text-untranslated`: a paragraph, list item, heading or table cell left in English in a
//! translated locale. Links, code and HTML tags are left out (link text has its own rule); a text
//! most other locales keep the same (a product list, a command) is meant to stay.

use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;
use std::ops::Range;

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Alignment;
use crate::locale;
use crate::model::{Article, Block, Role};
use crate::text::{distinct_english_words, is_foreign_english, is_native, own_script};

pub(super) const RULE: Rule = Rule {
    id: "text-untranslated",
    summary: "a paragraph, list item, heading or table cell is in English in a translated locale",
    severity: Severity::Warning,
    fixable: false,
    docs: include_str!("../../rules/text-untranslated.md"),
    check: Check::Group(check),
};

/// Fewer words than this are names, labels or commands more often than sentences.
const MIN_WORDS: usize = 5;

fn check(al: &Alignment<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let articles = &al.group.articles;
    // Each file's block texts, read once for the file itself and for the files it judges.
    let texts: Vec<OnceCell<Vec<String>>> = articles.iter().map(|_| OnceCell::new()).collect();
    let prose_of = |j: usize| {
        texts[j].get_or_init(|| {
            let omitted = Omitted::new(&articles[j]);
            (articles[j].body.blocks.iter())
                .map(|b| prose(&articles[j], &omitted, b))
                .collect()
        })
    };
    for (i, article) in articles.iter().enumerate() {
        let (Some(_), Some(locale)) = (&al.references[i], article.locale.as_deref()) else {
            continue;
        };
        if locale::language(locale) != "en" {
            check_file(al, i, locale, &prose_of, out);
        }
    }
}

fn check_file<'t>(
    al: &Alignment<'_>,
    i: usize,
    locale: &str,
    prose_of: &dyn Fn(usize) -> &'t Vec<String>,
    out: &mut Vec<Finding>,
) {
    let article = &al.group.articles[i];
    let mut kept: Option<(HashMap<&str, usize>, usize)> = None;
    let omitted = Omitted::new(article);
    let own = own_script(locale);
    for block in &article.body.blocks {
        // The cheap tests first: most blocks of a translation are in its own language, which
        // a letter of it shows before the prose is built.
        if has_native_letter(article, &omitted, block, own) {
            continue;
        }
        let text = &prose(article, &omitted, block);
        if text.split(' ').take(MIN_WORDS).count() < MIN_WORDS || !is_foreign_english(text, locale)
        {
            continue;
        }
        // Operators and acronyms (`AND`, `OR`, `NOT`) are not English prose.
        let words: Vec<&str> = text
            .split(' ')
            .filter(|w| !(w.len() > 1 && w.chars().all(|c| !c.is_lowercase())))
            .collect();
        let sentence = words.join(" ");
        if looks_like_a_command(text)
            || words.len() < MIN_WORDS
            || distinct_english_words(&sentence) < 2
            || distinct_english_words(text) < 2
        {
            continue;
        }
        // What the other translations write, built only when a candidate needs it.
        let (counts, others) = kept.get_or_insert_with(|| other_texts(al, i, prose_of));
        if *others >= 2 && 2 * counts.get(text.as_str()).copied().unwrap_or(0) > *others {
            continue;
        }
        let line = first_line(&article.text, &block.span);
        let shown = clip(&article.text[line.clone()], 80);
        out.push(
            Finding::new(i, line, format!("`{shown}` is in English, not in {locale}"))
                .help("translate the text; keep only product names, commands and code in English"),
        );
    }
}

/// Whether the block's prose (`prose`) has a letter of the locale's own (`is_native`), read
/// without building it: such a letter before the block's first `<` (no tag can be open there)
/// and outside its links and code is in the prose. `false` says nothing.
fn has_native_letter(
    article: &Article,
    omitted: &Omitted,
    block: &Block,
    own: Option<&[(u32, u32)]>,
) -> bool {
    let text = &article.text;
    let span = &block.span;
    let end =
        span.start + memchr::memchr(b'<', &text.as_bytes()[span.clone()]).unwrap_or(span.len());
    let native = |from: usize, to: usize| text[from..to].chars().any(|c| is_native(c, own));
    let mut at = span.start;
    for left_out in omitted.within(span) {
        if left_out.start > at && native(at, left_out.start.min(end)) {
            return true;
        }
        at = at.max(left_out.end);
        if at >= end {
            return false;
        }
    }
    at < end && native(at, end)
}

/// A command line written as text (`Get-AzureADUser -All:$true | Where-Object …`): variables,
/// pipes, or `Verb-Noun` cmdlet names.
fn looks_like_a_command(text: &str) -> bool {
    text.contains('$')
        || text.contains(" | ")
        || text.split(' ').any(|w| {
            let mut parts = w.split('-');
            let (Some(verb), Some(noun)) = (parts.next(), parts.next()) else {
                return false;
            };
            let capital = |s: &str| {
                s.chars().next().is_some_and(char::is_uppercase)
                    && s.chars().skip(1).any(char::is_lowercase)
            };
            capital(verb) && capital(noun)
        })
}

/// What a block's prose leaves out of an article: its links (their text is judged by
/// `link-text-untranslated`; here only the sentence around them) and its code, sorted by start,
/// with the furthest end reached so far beside each, so that the spans reaching into a block are
/// found by two binary searches.
struct Omitted {
    spans: Vec<Range<usize>>,
    reach: Vec<usize>,
}

impl Omitted {
    fn new(article: &Article) -> Self {
        let mut spans: Vec<Range<usize>> = article
            .body
            .links
            .iter()
            .map(|l| l.span.clone())
            .chain(article.body.code.iter().map(|c| c.span.clone()))
            .collect();
        spans.sort_unstable_by_key(|s| s.start);
        let reach = spans
            .iter()
            .scan(0, |far, s| {
                *far = s.end.max(*far);
                Some(*far)
            })
            .collect();
        Omitted { spans, reach }
    }

    /// The spans that overlap `block`, sorted by start.
    fn within(&self, block: &Range<usize>) -> &[Range<usize>] {
        let from = self.reach.partition_point(|&end| end <= block.start);
        let to = self.spans.partition_point(|s| s.start < block.end);
        self.spans.get(from..to).unwrap_or_default()
    }
}

/// The prose of a block: its text without link targets, images, code and HTML tags, its words
/// separated by single spaces.
fn prose(article: &Article, omitted: &Omitted, block: &Block) -> String {
    let text = &article.text[block.span.clone()];
    let base = block.span.start;
    let mut prose = Prose {
        out: String::with_capacity(text.len()),
        in_tag: false,
        space: false,
    };
    // The omitted spans, clipped to the block; overlapping ones are one gap.
    let mut at = 0;
    for span in omitted.within(&block.span) {
        let start = span.start.max(base) - base;
        let end = span.end.min(block.span.end).saturating_sub(base);
        if end <= at {
            continue;
        }
        if start > at {
            prose.kept(&text[at..start]);
        }
        let from = start.max(at);
        prose.left_out(&text[from..end]);
        at = end;
    }
    prose.kept(&text[at..]);
    prose.out
}

/// Bytes at which `Prose::kept` stops copying: tag brackets, ASCII white space but the plain
/// space (`Prose::words` takes runs of words with single spaces whole) and the first bytes of
/// the other white-space characters (U+0085, U+00A0, U+1680, U+2000..U+205F, U+3000).
const STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let bytes = b"<>\t\n\x0B\x0C\r\xC2\xE1\xE2\xE3";
    let mut i = 0;
    while i < bytes.len() {
        stops[bytes[i] as usize] = true;
        i += 1;
    }
    stops
};

static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// A block's prose as it is written: whether an HTML tag is open, and whether a space is due
/// before the next word (so that none leads, trails or repeats).
struct Prose {
    out: String,
    in_tag: bool,
    space: bool,
}

impl Prose {
    fn word(&mut self, word: &str) {
        if self.space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(word);
    }

    /// Words separated by plain spaces: a run of them with single spaces is copied as it is.
    fn words(&mut self, run: &str) {
        let core = run.trim_matches(' ');
        if core.len() < run.len() && run.starts_with(' ') {
            self.space = true;
        }
        if !core.is_empty() {
            let bytes = core.as_bytes();
            let double = DOUBLE_SPACE.find(bytes).is_some();
            if double {
                for word in core.split(' ').filter(|w| !w.is_empty()) {
                    self.word(word);
                    self.space = true;
                }
                self.space = false;
            } else {
                self.word(core);
            }
        }
        if core.len() < run.len() && run.ends_with(' ') {
            self.space = true;
        }
    }

    fn kept(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if self.in_tag {
                let Some(close) = memchr::memchr(b'>', &bytes[i..]) else {
                    return;
                };
                self.in_tag = false;
                self.space = true;
                i += close + 1;
                continue;
            }
            let stop = (bytes[i..].iter())
                .position(|&b| STOPS[usize::from(b)])
                .map_or(bytes.len(), |n| i + n);
            if stop > i {
                self.words(&text[i..stop]);
            }
            let Some(c) = text[stop..].chars().next() else {
                return;
            };
            match c {
                '<' => self.in_tag = true,
                _ if c.is_whitespace() => self.space = true,
                _ => self.word(&text[stop..stop + c.len_utf8()]),
            }
            i = stop + c.len_utf8();
        }
    }

    /// A link or code: left out, but it may hold the end of an open tag.
    fn left_out(&mut self, text: &str) {
        if self.in_tag && memchr::memchr(b'>', text.as_bytes()).is_some() {
            self.in_tag = false;
            self.space = true;
        }
    }
}

/// Each other translation's block texts, counted once per file, and how many files there are.
fn other_texts<'t>(
    al: &Alignment<'_>,
    i: usize,
    prose_of: &dyn Fn(usize) -> &'t Vec<String>,
) -> (HashMap<&'t str, usize>, usize) {
    let articles = &al.group.articles;
    let mut counts: HashMap<&str, usize> = HashMap::default();
    let mut files = 0;
    for (j, other) in articles.iter().enumerate() {
        if j == i || other.role != Role::Translation || other.locale == articles[i].locale {
            continue;
        }
        files += 1;
        let mut mine: Vec<&str> = prose_of(j).iter().map(String::as_str).collect();
        mine.sort_unstable();
        mine.dedup();
        for text in mine {
            *counts.entry(text).or_default() += 1;
        }
    }
    (counts, files)
}

/// The first line of a span, for the finding's place.
fn first_line(text: &str, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let end = text[span.clone()]
        .find('\n')
        .map_or(span.end, |n| span.start + n);
    span.start..end
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::{Omitted, has_native_letter, is_foreign_english, is_native, own_script, prose};
    use crate::model::Article;

    /// The prose of a block, one character at a time: what `prose` must equal.
    fn plain_prose(article: &Article, block: &crate::model::Block) -> String {
        let span = block.span.clone();
        let left_out = |i: usize| {
            (article.body.links.iter().map(|l| &l.span))
                .chain(article.body.code.iter().map(|c| &c.span))
                .any(|s| s.start <= span.start + i && span.start + i < s.end)
        };
        let (mut out, mut in_tag, mut space) = (String::new(), false, false);
        for (i, c) in article.text[span.clone()].char_indices() {
            let keep = !left_out(i);
            match c {
                '<' if keep => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    space = true;
                }
                _ if in_tag || !keep => {}
                _ if c.is_whitespace() => space = true,
                _ => {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    out.push(c);
                }
            }
        }
        out
    }

    fn article(text: &str) -> Article {
        crate::parse::article(Arc::from(Path::new("a.md")), Arc::from(text), None, "en-US")
    }

    #[test]
    fn prose_leaves_out_links_code_and_tags() {
        let a =
            article("Open <b>the</b> [admin center](https://x.y) and run `Get-User`\u{a0}now.\n");
        let omitted = Omitted::new(&a);
        assert_eq!(
            prose(&a, &omitted, &a.body.blocks[0]),
            "Open the and run now."
        );
    }

    proptest! {
        #[test]
        fn prose_is_the_text_read_one_character_at_a_time(
            parts in proptest::collection::vec(prop_oneof![
                Just("word"), Just(" "), Just("\n"), Just("\u{a0}"), Just("\u{3000}"),
                Just("é"), Just("語"), Just("<"), Just(">"), Just("<br/>"), Just("[t](u)"),
                Just("[a <i>b</i>](https://c.d/<e>)"), Just("`c<d`"), Just("**"), Just("- "),
                Just("| x | y |\n|---|---|\n"), Just("\n\n"), Just("    code\n"), Just("\u{2003}"),
            ], 0..40)
        ) {
            let a = article(&parts.concat());
            let omitted = Omitted::new(&a);
            for block in &a.body.blocks {
                prop_assert_eq!(prose(&a, &omitted, block), plain_prose(&a, block));
            }
        }

        #[test]
        fn a_native_letter_found_before_the_prose_is_in_the_prose(
            parts in proptest::collection::vec(prop_oneof![
                Just("word"), Just(" "), Just("\n"), Just("é"), Just("語"), Just("ж"),
                Just("<"), Just(">"), Just("<b title=\"é\">"), Just("[é](u)"), Just("[t](é)"),
                Just("`é`"), Just("\n\n"), Just("    é\n"), Just("<!-- ж -->"), Just("**"),
            ], 0..30),
            locale in prop_oneof![Just("de-DE"), Just("ru-RU"), Just("ja-JP"), Just("sr-Latn-RS")],
        ) {
            let a = article(&parts.concat());
            let omitted = Omitted::new(&a);
            let own = own_script(locale);
            for block in &a.body.blocks {
                if has_native_letter(&a, &omitted, block, own) {
                    let prose = prose(&a, &omitted, block);
                    prop_assert!(prose.chars().any(|c| is_native(c, own)), "{:?}", prose);
                    prop_assert!(!is_foreign_english(&prose, locale));
                }
            }
        }
    }
}
