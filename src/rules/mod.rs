//! The rule registry and what rules produce. A rule is one `const Rule` in its own file; `ALL`
//! lists them, sorted by id. Rules read the model and the alignment and push `Finding`s: plain data
//! with byte spans. They never parse, never print and never see the configuration's file.

use serde::Serialize;

use crate::align::{Alignment, Pair};
use crate::model::Span;

mod anchor_mismatch;
mod code_mismatch;
mod file_unreadable;
mod fix_failed;
mod front_matter_invalid;
mod front_matter_invariant_mismatch;
mod front_matter_key_missing;
mod front_matter_key_unknown;
mod front_matter_missing;
mod front_matter_value_invalid;
mod internal_error;
mod invisible_character;
mod link_extra;
mod link_fragment_missing;
mod link_missing;
mod link_punctuation_moved;
mod link_syntax_broken;
mod link_text_empty;
mod link_text_literal_altered;
mod link_text_untranslated;
mod link_url_mismatch;
mod locale_duplicate;
mod locale_path_mismatch;
mod locale_unknown;
mod markup_broken;
mod number_mismatch;
mod section_extra;
mod section_missing;
mod suppression_unused;
mod term_altered;
mod text_untranslated;
mod title_untranslated;
mod translation_out_of_sync;

/// Every rule, sorted by id.
pub const ALL: &[Rule] = &[
    anchor_mismatch::RULE,
    code_mismatch::RULE,
    file_unreadable::RULE,
    fix_failed::RULE,
    front_matter_invalid::RULE,
    front_matter_invariant_mismatch::RULE,
    front_matter_key_missing::RULE,
    front_matter_key_unknown::RULE,
    front_matter_missing::RULE,
    front_matter_value_invalid::RULE,
    internal_error::RULE,
    invisible_character::RULE,
    link_extra::RULE,
    link_fragment_missing::RULE,
    link_missing::RULE,
    link_punctuation_moved::RULE,
    link_syntax_broken::RULE,
    link_text_empty::RULE,
    link_text_literal_altered::RULE,
    link_text_untranslated::RULE,
    link_url_mismatch::RULE,
    locale_duplicate::RULE,
    locale_path_mismatch::RULE,
    locale_unknown::RULE,
    markup_broken::RULE,
    number_mismatch::RULE,
    section_extra::RULE,
    section_missing::RULE,
    suppression_unused::RULE,
    term_altered::RULE,
    text_untranslated::RULE,
    title_untranslated::RULE,
    translation_out_of_sync::RULE,
];

/// Looks a rule up by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().find(|rule| rule.id == id)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a rule looks at.
#[derive(Clone, Copy)]
pub enum Check {
    /// Emitted by the engine itself (reading files, applying suppressions), not by a check over
    /// the model.
    Engine,
    /// One file with its reference (if it has one).
    Pair(fn(&Pair<'_>, &Settings, &mut Vec<Finding>)),
    /// The whole article: all its locale files at once.
    Group(fn(&Alignment<'_>, &Settings, &mut Vec<Finding>)),
}

pub struct Rule {
    pub id: &'static str,
    pub summary: &'static str,
    pub severity: Severity,
    /// Whether some of its findings carry a fix that `--fix` applies (its doc says which).
    pub fixable: bool,
    /// The rule's documentation, `rules/<id>.md`.
    pub docs: &'static str,
    pub check: Check,
}

/// Rule settings that come from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub required_keys: Vec<String>,
    pub invariant_keys: Vec<String>,
    pub known_keys: Vec<String>,
    pub terms: Terms,
    /// The keys of the version and the locale.
    pub keys: std::sync::Arc<crate::model::Keys>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            required_keys: vec!["title".to_owned()],
            invariant_keys: INVARIANT_KEYS.iter().map(|&k| k.to_owned()).collect(),
            known_keys: Vec::new(),
            terms: Terms::default(),
            keys: std::sync::Arc::default(),
        }
    }
}

/// The configuration's `[terms]`: names that must stay as written, and the translations a locale
/// may write instead.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    pub keep: Vec<String>,
    /// (locale or bare language, term, the forms allowed there).
    pub allow: Vec<(String, String, Vec<String>)>,
}

impl Terms {
    /// The forms `locale` may write for `term` instead of the term itself.
    pub fn allowed<'a>(&'a self, locale: &'a str, term: &'a str) -> impl Iterator<Item = &'a str> {
        self.allow
            .iter()
            .filter(move |(l, t, _)| t == term && crate::locale::same(l, locale))
            .flat_map(|(_, _, forms)| forms.iter().map(String::as_str))
    }
}

/// Keys that must not differ between the locales of one article version.
pub const INVARIANT_KEYS: &[&str] = &[
    "ms.author",
    "author",
    "manager",
    "ms.date",
    "ms.topic",
    "ms.service",
    "ms.subservice",
    "ms.collection",
    "ms.custom",
    "audience",
    "ms.audience",
    "ROBOTS",
    "localization_priority",
    "ms.localizationpriority",
    "ms.sourcegitcommit",
    "ms.prod",
    "ms.technology",
    "ms.assetid",
    "search.appverid",
    "ms.reviewer",
];

/// Keys only translations carry; the source has none of them.
pub const LOCALIZATION_KEYS: &[&str] = &[
    "ms.openlocfilehash",
    "ms.sourcegitcommit",
    "ms.translationtype",
    "ms.contentlocale",
    "ms.lasthandoff",
    "ms.locfileid",
];

/// A defect found by a rule: which file of the group, where, and what the reference has.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index of the file in the group.
    pub file: usize,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<Related>,
    /// Content identity for defects that can be inherited (the same in the source or in every
    /// locale): such findings are reported once for the article.
    pub fingerprint: Option<String>,
    /// The edits that repair the defect, when the reference leaves no doubt what the text should
    /// be; applied by `--fix`.
    pub fix: Option<Fix>,
}

/// Byte-range edits that repair one finding; `--fix` applies all of them or none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
}

/// Replace the bytes `range` of file `file` of the group with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub file: usize,
    pub range: Span,
    pub replacement: String,
}

#[derive(Debug, Clone)]
pub struct Related {
    pub file: usize,
    pub span: Span,
    pub message: String,
}

impl Finding {
    pub fn new(file: usize, span: Span, message: impl Into<String>) -> Self {
        Finding {
            file,
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
            fingerprint: None,
            fix: None,
        }
    }

    /// Attaches edits of this finding's own file that repair it.
    #[must_use]
    pub fn fixed_by(mut self, edits: impl IntoIterator<Item = (Span, String)>) -> Self {
        let file = self.file;
        let edits: Vec<Edit> = edits
            .into_iter()
            .map(|(range, replacement)| Edit {
                file,
                range,
                replacement,
            })
            .collect();
        self.fix = (!edits.is_empty()).then_some(Fix { edits });
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn related(mut self, file: usize, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            file,
            span,
            message: message.into(),
        });
        self
    }

    #[must_use]
    pub fn inherited_as(mut self, fingerprint: impl Into<String>) -> Self {
        self.fingerprint = Some(fingerprint.into());
        self
    }
}

/// The span of the line that starts at `start`, without its line break.
pub(crate) fn line_at(text: &str, start: usize) -> Span {
    let rest = &text[start..];
    start
        ..start
            + rest
                .find('\n')
                .map_or(rest.len(), |n| rest[..n].trim_end().len())
}

/// Shortens a value for a message.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

/// Where an offset of a file lies, to compare it with the same place in the other files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Place {
    FrontMatter,
    /// A section of the body aligned with the reference: its slot.
    Slot(usize),
    /// A section with no counterpart in the reference.
    Unaligned,
}

/// The place of byte `offset` of the pair's file.
pub(crate) fn place_of(pair: &Pair<'_>, offset: usize) -> Place {
    let article = pair.article;
    if article
        .front_matter
        .span
        .as_ref()
        .is_some_and(|s| s.contains(&offset))
    {
        return Place::FrontMatter;
    }
    let sections = &article.body.sections;
    let section = sections
        .partition_point(|s| s.span.start <= offset)
        .saturating_sub(1);
    place_of_section(pair, section)
}

/// The place of section `section` of the pair's file.
pub(crate) fn place_of_section(pair: &Pair<'_>, section: usize) -> Place {
    pair.sections
        .iter()
        .find(|m| m.section == section)
        .map_or(Place::Unaligned, |m| Place::Slot(m.slot))
}

/// The bytes of file `j` at `place`: its front matter or its section at the slot; the whole file
/// for an unaligned place. `None` when file `j` has no such place.
pub(crate) fn range_at(pair: &Pair<'_>, j: usize, place: Place) -> Option<Span> {
    let article = pair.file(j);
    match place {
        Place::FrontMatter => article.front_matter.span.clone(),
        Place::Slot(slot) => {
            let section = pair.alignment.slot_sections[j]
                .get(slot)
                .copied()
                .flatten()?;
            let section = &article.body.sections[section];
            Some(section.span.start..section.end)
        }
        Place::Unaligned => Some(0..article.text.len()),
    }
}
