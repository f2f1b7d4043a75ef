//! `file-unreadable`: emitted by the engine while reading files; this file holds its metadata.

use super::{Check, Rule, Severity};

pub(super) const RULE: Rule = Rule {
    id: "file-unreadable",
    summary: "a Markdown file cannot be read: not UTF-8, binary, too large, or not a regular file",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/file-unreadable.md"),
    check: Check::Engine,
};
