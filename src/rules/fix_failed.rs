//! `fix-failed`: emitted by `--fix` when a file's fixes could not be applied; this file holds its
//! metadata.

use super::{Check, Rule, Severity};

pub(super) const RULE: Rule = Rule {
    id: "fix-failed",
    summary: "`--fix` left a file as it was: it changed since it was checked, has hard links, or could not be written",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/fix-failed.md"),
    check: Check::Engine,
};
