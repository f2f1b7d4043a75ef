//! `[[overrides]]`: settings for some paths or locales only (rule levels, the source locale of
//! articles written in another language on purpose). Each entry names where it applies; the
//! later of two entries wins. Reading and matching only: the engine asks which entries apply
//! to a file and what they change.

use std::collections::BTreeMap;
use std::path::Path;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::config::{Config, Level, Mistake, TermsFile};
use crate::locale;
use crate::rules::{self, Rule, Severity, Terms};

/// One `[[overrides]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OverrideFile {
    paths: Option<Spanned<Vec<Spanned<String>>>>,
    locales: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    source_locale: Option<Spanned<String>>,
    terms: Option<TermsFile>,
}

/// Settings that apply where `paths` and `locales` both match (an absent one matches all).
#[derive(Debug, Clone)]
pub struct Override {
    /// Globs on the path relative to the configuration's folder, or on the article's (the path
    /// of its source).
    paths: Option<GlobSet>,
    locales: Vec<String>,
    pub rules: BTreeMap<String, Level>,
    pub source_locale: Option<String>,
    /// Terms to keep (and allowed forms) in the articles of the files it applies to.
    pub terms: Option<Terms>,
}

impl Override {
    pub fn build(entry: Spanned<OverrideFile>) -> Result<Self, Mistake> {
        let span = entry.span();
        let entry = entry.into_inner();
        let mistake = |message: String, span, label: &str, help: Option<&str>| Mistake {
            message,
            span,
            label: label.to_owned(),
            help: help.map(str::to_owned),
        };
        if entry.paths.is_none() && entry.locales.is_none() {
            return Err(mistake(
                "an override needs `paths` or `locales`".to_owned(),
                span,
                "applies nowhere in particular",
                Some("settings for every file belong at the top of the file"),
            ));
        }
        let paths = match &entry.paths {
            Some(paths) => {
                let mut set = GlobSetBuilder::new();
                for glob in paths.get_ref() {
                    let built = GlobBuilder::new(glob.get_ref())
                        .literal_separator(true)
                        .build()
                        .map_err(|e| {
                            mistake(
                                format!("invalid glob: {}", e.kind()),
                                glob.span(),
                                "here",
                                Some("`*` matches within a folder, `**` across folders"),
                            )
                        })?;
                    set.add(built);
                }
                Some(set.build().map_err(|e| {
                    mistake(format!("invalid glob: {e}"), paths.span(), "here", None)
                })?)
            }
            None => None,
        };
        let mut locales = Vec::new();
        for tag in entry.locales.iter().flat_map(Spanned::get_ref) {
            let Some(canonical) = locale::canonical(tag.get_ref()) else {
                return Err(mistake(
                    format!("`{}` is not a locale tag", tag.get_ref()),
                    tag.span(),
                    "not a locale",
                    Some("write a tag such as `fr`, `pt-BR` or `zh-Hans`"),
                ));
            };
            locales.push(canonical);
        }
        let source_locale = match entry.source_locale {
            Some(tag) => {
                if let Some(locales) = &entry.locales {
                    return Err(mistake(
                        "`source-locale` applies to whole articles, not to some locales".to_owned(),
                        locales.span(),
                        "remove `locales` here",
                        Some("choose the articles with `paths`"),
                    ));
                }
                let Some(canonical) = locale::canonical(tag.get_ref()) else {
                    return Err(mistake(
                        format!("`{}` is not a locale tag", tag.get_ref()),
                        tag.span(),
                        "not a locale",
                        Some("write a tag such as `ja-JP` or `de`"),
                    ));
                };
                Some(canonical)
            }
            None => None,
        };
        let mut levels = BTreeMap::new();
        for (id, level) in entry.rules {
            if rules::find(id.get_ref()).is_none() {
                return Err(mistake(
                    format!("unknown rule `{}`", id.get_ref()),
                    id.span(),
                    "not a rule id",
                    Some("`loclint rules` lists every rule id"),
                ));
            }
            let parsed = match level.get_ref().as_str() {
                "off" => Level::Off,
                "warning" | "warn" => Level::Warning,
                "error" => Level::Error,
                other => {
                    return Err(mistake(
                        format!("unknown level `{other}` for rule `{}`", id.get_ref()),
                        level.span(),
                        "expected `off`, `warning` or `error`",
                        None,
                    ));
                }
            };
            levels.insert(id.into_inner(), parsed);
        }
        Ok(Override {
            paths,
            locales,
            rules: levels,
            source_locale,
            terms: entry.terms.map(|file| {
                let mut terms = Terms::default();
                file.add_to(&mut terms);
                terms
            }),
        })
    }

    /// Whether this entry applies to a file at `path` (relative to the configuration's
    /// folder) of the article at `article`, in `locale`.
    fn applies(&self, path: Option<&str>, article: Option<&str>, locale: Option<&str>) -> bool {
        let by_path = self.paths.as_ref().is_none_or(|globs| {
            path.is_some_and(|p| globs.is_match(p)) || article.is_some_and(|a| globs.is_match(a))
        });
        let by_locale = self.locales.is_empty()
            || locale.is_some_and(|l| self.locales.iter().any(|o| locale::same(o, l)));
        by_path && by_locale
    }
}

impl Config {
    /// The indices of the overrides that apply to the file at `path` (as walked) of the article
    /// keyed `article`, in `locale`; in order, the last one winning.
    pub fn overrides_at(&self, path: &Path, article: &str, locale: Option<&str>) -> Vec<usize> {
        if self.overrides.is_empty() {
            return Vec::new();
        }
        let path = self.root.relative(path).map(|(p, _)| p);
        let article = self.root.relative(Path::new(article)).map(|(a, _)| a);
        (0..self.overrides.len())
            .filter(|&k| self.overrides[k].applies(path.as_deref(), article.as_deref(), locale))
            .collect()
    }

    /// The source locale of the articles at `path` of article `article`: the last override's
    /// that names one, else the configuration's.
    pub fn source_locale_at(&self, path: &Path, article: &str) -> &str {
        self.overrides_at(path, article, None)
            .iter()
            .rev()
            .find_map(|&k| self.overrides[k].source_locale.as_deref())
            .unwrap_or(&self.source_locale)
    }

    /// A rule's severity where `overrides` apply, or `None` when it is off there. The command
    /// line's `--select` and `--ignore` win over every level.
    pub fn severity_with(&self, rule: &Rule, overrides: &[usize]) -> Option<Severity> {
        if !self.select.is_empty() && !self.select.iter().any(|s| s == rule.id) {
            return None;
        }
        if self.ignore.iter().any(|s| s == rule.id) {
            return None;
        }
        let level = overrides
            .iter()
            .rev()
            .find_map(|&k| self.overrides[k].rules.get(rule.id))
            .or_else(|| self.rules.get(rule.id));
        match level {
            Some(Level::Off) => None,
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Error) => Some(Severity::Error),
            None => Some(rule.severity),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Error, parse};

    fn error(text: &str) -> (String, String) {
        let Err(Error::Invalid { span, message, .. }) = parse(text, "loclint.toml") else {
            panic!("expected an error for {text}")
        };
        (
            message,
            text[span.offset()..span.offset() + span.len()].to_owned(),
        )
    }

    #[test]
    fn mistakes_point_at_their_place() {
        assert_eq!(
            error("[[overrides]]\npaths = [\"a/**\"]\n[overrides.rules]\nlink-mising = \"off\"\n"),
            (
                "unknown rule `link-mising`".to_owned(),
                "link-mising".to_owned()
            )
        );
        assert_eq!(
            error("[[overrides]]\nlocales = [\"french\"]\n"),
            (
                "`french` is not a locale tag".to_owned(),
                "\"french\"".to_owned()
            )
        );
        assert_eq!(
            error("[[overrides]]\npaths = [\"a/[\"]\n").1,
            "\"a/[\"".to_owned()
        );
        assert_eq!(
            error("[[overrides]]\nlocales = [\"fr\"]\nsource-locale = \"ja\"\n"),
            (
                "`source-locale` applies to whole articles, not to some locales".to_owned(),
                "[\"fr\"]".to_owned()
            )
        );
        assert!(
            error("[[overrides]]\n[overrides.rules]\nlink-extra = \"off\"\n")
                .0
                .contains("needs `paths` or `locales`")
        );
        assert!(error("[[overrides]]\npath = [\"a\"]\n").0.contains("path"));
    }
}
