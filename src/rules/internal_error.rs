//! `internal-error`: emitted by the engine when checking an article failed inside loclint; this
//! file holds its metadata.

use super::{Check, Rule, Severity};

pub(super) const RULE: Rule = Rule {
    id: "internal-error",
    summary: "loclint failed while checking an article: its findings are missing, the rest of the run is complete",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/internal-error.md"),
    check: Check::Engine,
};
