//! loclint: a localization consistency linter for Markdown documentation.
//!
//! The pipeline is a straight line of plain functions:
//! `discover -> parse -> group -> align -> rules -> sort -> report`.
//! This file owns the order of the stages and the attaching of rule id, severity and path to each
//! finding; it decides nothing about Markdown or about what counts as a defect.

pub mod align;
pub mod cli;
pub mod config;
pub mod discover;
pub mod locale;
pub mod model;
pub mod parse;
pub mod report;
pub mod rules;
pub mod text;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use align::{Alignment, Group, Pair};
use config::Config;
use discover::Found;
use model::Role;
use report::{Diagnostic, Summary};
use rules::{Check, Finding, Severity};

/// What to lint and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub config: Config,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

/// Lints every Markdown file under `options.paths`.
pub fn lint(options: &Options) -> Result<Outcome, config::Error> {
    let filter = discover::Filter::new(&options.config.include, &options.config.exclude)
        .map_err(|e| config::Error::Glob(e.to_string()))?;
    let found = discover::discover(&options.paths, &filter);
    let mut outcome = Outcome::default();
    outcome.summary.files = found.len();
    let (groups, unreadable) = group(found, &options.config.source_locale);
    outcome.summary.articles = groups.len();
    for found in unreadable {
        if let Some(severity) = options.config.severity(rules::find("file-unreadable")) {
            outcome
                .diagnostics
                .push(report::unreadable(&found, severity));
        }
    }
    for group in &groups {
        outcome
            .diagnostics
            .extend(check_group(group, &options.config));
    }
    outcome.diagnostics.sort_by(|a, b| {
        (&a.path, a.span.start, a.rule, &a.message).cmp(&(
            &b.path,
            b.span.start,
            b.rule,
            &b.message,
        ))
    });
    outcome.diagnostics.dedup_by(|a, b| {
        a.path == b.path && a.span == b.span && a.rule == b.rule && a.message == b.message
    });
    outcome.summary.count(&outcome.diagnostics);
    Ok(outcome)
}

/// Reads and parses the files, and gathers them into articles. Unreadable files come back apart.
pub fn group(found: Vec<Found>, source_locale: &str) -> (Vec<Group>, Vec<Found>) {
    let mut unreadable = Vec::new();
    let mut groups: BTreeMap<String, Vec<model::Article>> = BTreeMap::new();
    // Articles laid out under locale folders, by the path with the locale removed: a file with no
    // locale of its own at that very path (`docs/x.md` beside `de-de/docs/x.md`) is their source.
    let localized_keys: std::collections::HashSet<String> = found
        .iter()
        .filter(|f| f.path_locale.is_some())
        .map(|f| f.key.clone())
        .collect();
    for found in found {
        let text = if let Ok(text) = &found.content {
            Arc::<str>::from(text.as_str())
        } else {
            unreadable.push(found);
            continue;
        };
        let path: Arc<Path> = Arc::from(found.path.as_path());
        let article = parse::article(path, text, found.path_locale.clone(), source_locale);
        let key = if found.path_locale.is_some() || localized_keys.contains(&found.key) {
            found.key.clone()
        } else if let (Some(hash), Some(_)) = (article.version(), &article.locale) {
            // A flat layout: the files of one source version are one article.
            let dir = found
                .path
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("{dir}\u{0}{hash}")
        } else {
            found.key.clone()
        };
        groups.entry(key).or_default().push(article);
    }
    let groups = groups
        .into_iter()
        .map(|(key, mut articles)| {
            articles.sort_by(|a, b| a.path.cmp(&b.path));
            Group {
                name: article_name(&key, &articles),
                articles,
            }
        })
        .collect();
    (groups, unreadable)
}

/// The article's name in output: its path without the locale part, or for a flat layout the
/// folder and the first heading's anchor (else the version hash).
fn article_name(key: &str, articles: &[model::Article]) -> String {
    let Some((dir, hash)) = key.split_once('\u{0}') else {
        return key.to_owned();
    };
    let anchor = articles
        .iter()
        .flat_map(|a| a.body.sections.iter().filter_map(|s| s.anchors.first()))
        .map(|a| a.name.clone())
        .next();
    let name = anchor.unwrap_or_else(|| hash.chars().take(12).collect());
    if dir.is_empty() {
        name
    } else {
        format!("{dir}/{name}")
    }
}

/// Aligns one article and runs every enabled rule on it.
pub fn check_group(group: &Group, config: &Config) -> Vec<Diagnostic> {
    let alignment = align::align(group);
    let pairs: Vec<Pair<'_>> = (0..group.articles.len())
        .map(|i| Pair::new(&alignment, i))
        .collect();
    let mut diagnostics = Vec::new();
    for rule in rules::ALL {
        let Some(severity) = config.severity(Some(rule)) else {
            continue;
        };
        let mut findings = Vec::new();
        match rule.check {
            Check::Read => {}
            Check::Pair(check) => {
                for pair in &pairs {
                    check(pair, &config.settings, &mut findings);
                }
            }
            Check::Group(check) => check(&alignment, &config.settings, &mut findings),
        }
        let skip_front_matter =
            rule.id.starts_with("front-matter-") && rule.id != "front-matter-invalid";
        findings
            .retain(|f| !(skip_front_matter && has_invalid_front_matter(&group.articles[f.file])));
        let findings = inherit(findings, &alignment);
        let locator = report::Locator::new(group, &findings);
        for finding in &findings {
            diagnostics.push(report::diagnostic(
                rule.id, severity, finding, group, &locator,
            ));
        }
    }
    diagnostics
}

/// A file with broken front matter is reported for that alone: its other front-matter findings
/// would only repeat the cause.
fn has_invalid_front_matter(article: &model::Article) -> bool {
    article.front_matter.is_present() && !article.front_matter.is_valid()
}

/// Reports an inherited defect once for the article: on the source when the source has it, or on
/// the first file when every file of the article has it.
fn inherit(findings: Vec<Finding>, alignment: &Alignment<'_>) -> Vec<Finding> {
    let articles = &alignment.group.articles;
    let mut by_print: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, finding) in findings.iter().enumerate() {
        if let Some(print) = &finding.fingerprint {
            by_print.entry(print.as_str()).or_default().push(k);
        }
    }
    let mut drop = vec![false; findings.len()];
    let mut note: HashMap<usize, String> = HashMap::new();
    for ks in by_print.values() {
        let mut files: Vec<usize> = ks.iter().map(|&k| findings[k].file).collect();
        files.sort_unstable();
        files.dedup();
        let source = ks
            .iter()
            .copied()
            .find(|&k| articles[findings[k].file].role == Role::Source);
        let everywhere = articles.len() >= 2 && files.len() == articles.len();
        let keep = match source {
            Some(k) => k,
            None if everywhere => ks[0],
            None => continue,
        };
        for &k in ks {
            drop[k] = k != keep && findings[k].file != findings[keep].file;
        }
        let others = files.len() - 1;
        if others > 0 {
            let whom = if everywhere {
                "every file of this article".to_owned()
            } else {
                format!("{others} translations")
            };
            note.insert(
                keep,
                format!("inherited: {whom} has the same defect, reported once here"),
            );
        }
    }
    findings
        .into_iter()
        .enumerate()
        .filter(|(k, _)| !drop[*k])
        .map(|(k, mut f)| {
            if let Some(note) = note.remove(&k) {
                f.help = Some(match f.help {
                    Some(help) => format!("{help}; {note}"),
                    None => note,
                });
            }
            f
        })
        .collect()
}

/// Which severity a rule has in this run, or `None` when it is off.
impl Config {
    pub fn severity(&self, rule: Option<&rules::Rule>) -> Option<Severity> {
        let rule = rule?;
        if !self.select.is_empty() && !self.select.iter().any(|s| s == rule.id) {
            return None;
        }
        if self.ignore.iter().any(|s| s == rule.id) {
            return None;
        }
        match self.rules.get(rule.id) {
            Some(config::Level::Off) => None,
            Some(config::Level::Warning) => Some(Severity::Warning),
            Some(config::Level::Error) => Some(Severity::Error),
            None => Some(rule.severity),
        }
    }
}
