//! The baseline: findings recorded once (`--write-baseline`) so that later runs report only new
//! ones (`--baseline`). It owns the file format and the matching. An entry is keyed by article,
//! locale, rule and a fingerprint of what the finding says (`report::stable_message`: no counts,
//! no line references) and never by position, so it survives edits elsewhere and shifted lines.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::changed::lexical_absolute;
use crate::report::{self, Diagnostic};

/// The file format's version; another format gets another number.
pub const VERSION: u32 = 1;

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    #[error("cannot read the baseline `{path}`: {reason}")]
    #[diagnostic(
        code(loclint::baseline),
        help("write one with `--write-baseline FILE`")
    )]
    Read { path: String, reason: String },

    #[error("cannot write the baseline `{path}`: {reason}")]
    #[diagnostic(code(loclint::baseline))]
    Write { path: String, reason: String },
}

/// What a baseline has left to match in a run.
pub struct Left<'a>(HashMap<&'a Key, usize>);

/// What identifies a finding across runs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Key {
    /// The article, relative to the baseline's folder with `/` separators.
    article: String,
    locale: String,
    rule: String,
    fingerprint: String,
}

/// How many findings an entry stands for, and what they say (for a reader of the file).
#[derive(Debug, Clone)]
struct Recorded {
    count: usize,
    message: String,
}

/// One line of the file.
#[derive(Serialize, Deserialize)]
struct Entry {
    article: String,
    #[serde(default)]
    locale: String,
    rule: String,
    fingerprint: String,
    count: usize,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
struct File {
    version: u32,
    entries: Vec<Entry>,
}

/// The recorded findings and the folder their article paths are relative to.
#[derive(Debug, Clone)]
pub struct Baseline {
    dir: PathBuf,
    cwd: PathBuf,
    entries: BTreeMap<Key, Recorded>,
}

impl Baseline {
    /// An empty baseline to be written at `path`.
    pub fn empty(path: &Path) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let parent = path.parent().unwrap_or(Path::new(""));
        let dir = std::fs::canonicalize(lexical_absolute(&cwd, parent))
            .unwrap_or_else(|_| lexical_absolute(&cwd, parent));
        Baseline {
            dir,
            cwd,
            entries: BTreeMap::new(),
        }
    }

    /// Reads the baseline at `path`.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let read_error = |reason: String| Error::Read {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| read_error(e.to_string()))?;
        let file: File = serde_json::from_str(&text).map_err(|e| read_error(e.to_string()))?;
        if file.version != VERSION {
            return Err(read_error(format!(
                "version {} is not the version this loclint writes ({VERSION})",
                file.version
            )));
        }
        let mut baseline = Baseline::empty(path);
        for entry in file.entries {
            let key = Key {
                article: entry.article,
                locale: entry.locale,
                rule: entry.rule,
                fingerprint: entry.fingerprint,
            };
            let recorded = baseline.entries.entry(key).or_insert(Recorded {
                count: 0,
                message: entry.message,
            });
            recorded.count += entry.count;
        }
        Ok(baseline)
    }

    /// Writes the baseline: one entry a line, sorted, so that its changes read well in a diff.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let mut out = format!("{{\"version\": {VERSION}, \"entries\": [\n");
        for (n, (key, recorded)) in self.entries.iter().enumerate() {
            let entry = Entry {
                article: key.article.clone(),
                locale: key.locale.clone(),
                rule: key.rule.clone(),
                fingerprint: key.fingerprint.clone(),
                count: recorded.count,
                message: recorded.message.clone(),
            };
            let line = serde_json::to_string(&entry).unwrap_or_default();
            let comma = if n + 1 < self.entries.len() { "," } else { "" };
            let _ = writeln!(out, "  {line}{comma}");
        }
        out.push_str("]}\n");
        std::fs::write(path, out).map_err(|e| Error::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    }

    /// The number of entries.
    pub fn entries(&self) -> usize {
        self.entries.len()
    }

    /// The number of findings the entries stand for.
    pub fn findings(&self) -> usize {
        self.entries.values().map(|r| r.count).sum()
    }

    /// Drops the diagnostics the baseline holds, each entry as many as it recorded (the first in
    /// output order), and returns how many recorded findings of the `linted` articles matched
    /// nothing: the stale part of the baseline.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>, linted: &HashSet<String>) -> usize {
        let mut left = self.start();
        diagnostics.retain(|d| !self.take(&mut left, d));
        self.stale(&left, linted)
    }

    /// What is left to match of each entry, before the first diagnostic of a run.
    pub fn start(&self) -> Left<'_> {
        Left(self.entries.iter().map(|(k, r)| (k, r.count)).collect())
    }

    /// Whether the baseline records `d` (the diagnostics taken in output order): it then uses
    /// up one of its entry's count.
    pub fn take(&self, left: &mut Left<'_>, d: &Diagnostic) -> bool {
        let key = self.key(d);
        match left.0.get_mut(&key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    /// The recorded findings of the `linted` articles that no run's diagnostic took.
    pub fn stale(&self, left: &Left<'_>, linted: &HashSet<String>) -> usize {
        let linted: HashSet<String> = linted.iter().map(|a| self.article(a)).collect();
        left.0
            .iter()
            .filter(|(key, _)| linted.contains(&key.article))
            .map(|(_, n)| n)
            .sum()
    }

    /// Replaces the entries of the `linted` articles with `diagnostics`; the entries of articles
    /// this run did not check are kept.
    pub fn record(&mut self, diagnostics: &[Diagnostic], linted: &HashSet<String>) {
        self.forget(linted);
        for d in diagnostics {
            self.count(d);
        }
    }

    /// Drops the entries of the `linted` articles, before `count` records them again.
    pub fn forget(&mut self, linted: &HashSet<String>) {
        let linted: HashSet<String> = linted.iter().map(|a| self.article(a)).collect();
        self.entries.retain(|key, _| !linted.contains(&key.article));
    }

    /// Records one diagnostic.
    pub fn count(&mut self, d: &Diagnostic) {
        let key = self.key(d);
        self.entries
            .entry(key)
            .or_insert_with(|| Recorded {
                count: 0,
                message: report::stable_message(&d.message),
            })
            .count += 1;
    }

    fn key(&self, d: &Diagnostic) -> Key {
        Key {
            article: self.article(&d.article),
            locale: d.locale.clone().unwrap_or_default(),
            rule: d.rule.to_owned(),
            fingerprint: fingerprint(&d.message),
        }
    }

    /// An article's name relative to the baseline's folder, so that `check docs` run beside the
    /// baseline and `check .` run in `docs/` agree.
    fn article(&self, article: &str) -> String {
        let absolute = lexical_absolute(&self.cwd, Path::new(article));
        let relative = absolute.strip_prefix(&self.dir).unwrap_or(&absolute);
        let mut out = String::new();
        for component in relative.components() {
            match component {
                Component::Normal(name) => {
                    if !out.is_empty() && !out.ends_with('/') {
                        out.push('/');
                    }
                    out.push_str(&name.to_string_lossy());
                }
                Component::RootDir => out.push('/'),
                Component::Prefix(prefix) => out.push_str(&prefix.as_os_str().to_string_lossy()),
                Component::CurDir | Component::ParentDir => {}
            }
        }
        out
    }
}

/// The fingerprint of a finding's message: a hash of its stable form.
fn fingerprint(message: &str) -> String {
    format!(
        "{:016x}",
        report::fnv1a(&[&report::stable_message(message)])
    )
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_ignore_counts_and_line_references() {
        assert_eq!(
            fingerprint("link to `x` has no text: 8 of 18 other locales give it text"),
            fingerprint("link to `x` has no text: 7 of 17 other locales give it text")
        );
        assert_eq!(
            fingerprint("as the reference at line 3:5"),
            fingerprint("as the reference at line 4:5")
        );
        assert_ne!(
            fingerprint("link to `x` has no text"),
            fingerprint("link to `y` has no text")
        );
    }
}
