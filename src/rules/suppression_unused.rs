//! `suppression-unused`: emitted by the engine for a `loclint-disable` comment that suppressed
//! nothing; this file holds its metadata.

use super::{Check, Rule, Severity};

pub(super) const RULE: Rule = Rule {
    id: "suppression-unused",
    summary: "a loclint-disable comment suppresses no finding",
    severity: Severity::Warning,
    fixable: false,
    docs: include_str!("../../rules/suppression-unused.md"),
    check: Check::Engine,
};
