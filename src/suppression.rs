//! In-file suppressions applied to findings: which findings a `<!-- loclint-disable… -->` comment
//! drops, and which comments dropped nothing. It reads `Body.suppressions` (the parser finds the
//! comments); it decides nothing about defects.

use crate::align::Group;
use crate::rules::{self, Finding};

/// The rule id of the finding at a suppression comment that suppressed nothing; reported with
/// `--report-unused-suppressions` or when the configuration names the rule.
pub const UNUSED: &str = "suppression-unused";

/// Which suppressions of one article have dropped a finding.
pub struct Ledger {
    used: Vec<Vec<bool>>,
}

impl Ledger {
    pub fn new(group: &Group) -> Self {
        Ledger {
            used: group
                .articles
                .iter()
                .map(|a| vec![false; a.body.suppressions.len()])
                .collect(),
        }
    }

    /// Whether a finding of `rule` is suppressed in its file; marks every suppression that
    /// covers it as used.
    pub fn suppresses(&mut self, group: &Group, rule: &str, finding: &Finding) -> bool {
        let suppressions = &group.articles[finding.file].body.suppressions;
        let at = finding.span.start;
        let mut suppressed = false;
        for (k, s) in suppressions.iter().enumerate() {
            let names = s.rule.as_deref().is_none_or(|r| r == rule);
            if names && s.range.start <= at && at <= s.range.end {
                self.used[finding.file][k] = true;
                suppressed = true;
            }
        }
        suppressed
    }

    /// A finding at every suppression that dropped nothing, among those whose rule ran (`ran`)
    /// or names no rule at all.
    pub fn unused(&self, group: &Group, ran: impl Fn(&str) -> bool) -> Vec<Finding> {
        let mut out = Vec::new();
        for (file, article) in group.articles.iter().enumerate() {
            for (k, s) in article.body.suppressions.iter().enumerate() {
                if self.used[file][k] {
                    continue;
                }
                let directive = s.kind.directive();
                let finding = match s.rule.as_deref() {
                    Some(rule) if rules::find(rule).is_none() => Finding::new(
                        file,
                        s.span.clone(),
                        format!("`{directive} {rule}` names no rule"),
                    )
                    .help("`loclint rules` lists the rule ids"),
                    Some(rule) if !ran(rule) => continue,
                    Some(rule) => Finding::new(
                        file,
                        s.span.clone(),
                        format!("`{directive} {rule}` suppresses no finding"),
                    )
                    .help(format!("remove `{rule}` from this comment")),
                    None => Finding::new(
                        file,
                        s.span.clone(),
                        format!("`{directive}` suppresses no finding"),
                    )
                    .help("remove this comment"),
                };
                out.push(finding);
            }
        }
        out
    }
}
