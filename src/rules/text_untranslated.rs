//! `text-untranslated`: a paragraph, list item, heading or table cell left in English in a
//! translated locale. Links, code and HTML tags are left out (link text has its own rule); a text
//! most other locales keep the same (a product list, a command) is meant to stay.

use std::collections::HashMap;

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Pair;
use crate::locale;
use crate::model::{Article, Block, Role};
use crate::text::{distinct_english_words, is_foreign_english};

pub(super) const RULE: Rule = Rule {
    id: "text-untranslated",
    summary: "a paragraph, list item, heading or table cell is in English in a translated locale",
    severity: Severity::Warning,
    fixable: false,
    docs: include_str!("../../rules/text-untranslated.md"),
    check: Check::Pair(check),
};

/// Fewer words than this are names, labels or commands more often than sentences.
const MIN_WORDS: usize = 5;

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let (Some(_), Some(locale)) = (pair.reference, pair.article.locale.as_deref()) else {
        return;
    };
    if locale::language(locale) == "en" {
        return;
    }
    let article = pair.article;
    let mut kept: Option<(HashMap<String, usize>, usize)> = None;
    for block in &article.body.blocks {
        let text = prose(article, block);
        // The cheap tests first: most blocks of a translation are in its own language.
        if text.split(' ').count() < MIN_WORDS || !is_foreign_english(&text, locale) {
            continue;
        }
        // Operators and acronyms (`AND`, `OR`, `NOT`) are not English prose.
        let words: Vec<&str> = text
            .split(' ')
            .filter(|w| !(w.len() > 1 && w.chars().all(|c| !c.is_lowercase())))
            .collect();
        let sentence = words.join(" ");
        if looks_like_a_command(&text)
            || words.len() < MIN_WORDS
            || distinct_english_words(&sentence) < 2
            || distinct_english_words(&text) < 2
        {
            continue;
        }
        // What the other translations write, built only when a candidate needs it.
        let (counts, others) = kept.get_or_insert_with(|| other_texts(pair));
        if *others >= 2 && 2 * counts.get(&text).copied().unwrap_or(0) > *others {
            continue;
        }
        let line = first_line(&article.text, &block.span);
        let shown = clip(&article.text[line.clone()], 80);
        out.push(
            Finding::new(
                pair.index,
                line,
                format!("`{shown}` is in English, not in {locale}"),
            )
            .help("translate the text; keep only product names, commands and code in English"),
        );
    }
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

/// The prose of a block: its text without link targets, images, code and HTML tags, its words
/// separated by single spaces.
fn prose(article: &Article, block: &Block) -> String {
    let text = &article.text[block.span.clone()];
    let mut keep = vec![true; text.len()];
    let mut blank = |span: &std::ops::Range<usize>| {
        let start = span.start.max(block.span.start) - block.span.start;
        let end = span
            .end
            .min(block.span.end)
            .saturating_sub(block.span.start);
        for flag in keep.iter_mut().take(end).skip(start) {
            *flag = false;
        }
    };
    for link in &article.body.links {
        if link.span.start >= block.span.end || link.span.end <= block.span.start {
            continue;
        }
        // Link text is judged by `link-text-untranslated`; here only the sentence around it.
        blank(&link.span);
    }
    for code in &article.body.code {
        if code.span.start < block.span.end && code.span.end > block.span.start {
            blank(&code.span);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    // A space is written only before the next word: none leads, trails or repeats.
    let mut space = false;
    for (i, c) in text.char_indices() {
        match c {
            '<' if keep[i] => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                space = true;
            }
            _ if in_tag || !keep[i] => {}
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

/// Each other translation's block texts, counted once per file, and how many files there are.
fn other_texts(pair: &Pair<'_>) -> (HashMap<String, usize>, usize) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut files = 0;
    for (j, other) in pair.group().articles.iter().enumerate() {
        if j == pair.index || other.role != Role::Translation || other.locale == pair.article.locale
        {
            continue;
        }
        files += 1;
        let mut mine: Vec<String> = other.body.blocks.iter().map(|b| prose(other, b)).collect();
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
