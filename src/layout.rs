//! Docs layouts declared as path patterns (`docs/{path}` for the sources,
//! `i18n/{locale}/docusaurus-plugin-content-docs/current/{path}` for the translations): which
//! locale a file is in and which article it belongs to, from its path relative to the folder of
//! `loclint.toml`. Reads no file; `discover` asks it, `init` writes its patterns.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::changed::lexical_absolute;
use crate::config::Mistake;
use crate::locale;

/// `[layout]` as written in `loclint.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutFile {
    source: Spanned<String>,
    translations: Spanned<Vec<Spanned<String>>>,
}

impl LayoutFile {
    /// The layout, or the first pattern's mistake with its place in the file.
    pub fn build(self) -> Result<Layout, Mistake> {
        let pattern = |text: &Spanned<String>, kind| {
            Pattern::parse(text.get_ref(), kind).map_err(|e| {
                // Inside the quotes (patterns need no escapes, so offsets carry over).
                let start = text.span().start + 1;
                Mistake {
                    message: e.message,
                    span: start + e.at.start..start + e.at.end,
                    label: "here".to_owned(),
                    help: e.help,
                }
            })
        };
        if self.translations.get_ref().is_empty() {
            return Err(Mistake {
                message: "`translations` is empty".to_owned(),
                span: self.translations.span(),
                label: "no pattern".to_owned(),
                help: Some(
                    "give at least one pattern with `{locale}` and `{path}`, e.g. `i18n/{locale}/{path}`"
                        .to_owned(),
                ),
            });
        }
        Ok(Layout {
            source: pattern(&self.source, Kind::Source)?,
            translations: self
                .translations
                .get_ref()
                .iter()
                .map(|t| pattern(t, Kind::Translation))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// A path pattern: literal text with one `{path}` and, for translations, one `{locale}`.
#[derive(Debug, Clone)]
pub struct Pattern {
    text: String,
    regex: Regex,
}

/// Whether a pattern names the sources or the translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Source,
    Translation,
}

/// What is wrong with a pattern, and where in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub message: String,
    pub at: Range<usize>,
    pub help: Option<String>,
}

impl PatternError {
    fn new(message: impl Into<String>, at: Range<usize>, help: Option<&str>) -> Self {
        PatternError {
            message: message.into(),
            at,
            help: help.map(str::to_owned),
        }
    }
}

/// What a locale looks like in a path: a language with an optional script and region, in any
/// case, with `-` or `_` (`fr`, `pt-br`, `zh-Hans`, `zh_TW`, `en-us`).
const LOCALE: &str = "(?P<locale>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,2})";

impl Pattern {
    pub fn parse(text: &str, kind: Kind) -> Result<Self, PatternError> {
        if text.starts_with('/') || text.split('/').any(|part| part == "..") {
            return Err(PatternError::new(
                "a layout pattern is a relative path",
                0..text.len(),
                Some("write it relative to the folder of loclint.toml, without `..`"),
            ));
        }
        let mut regex = String::from("^");
        let mut paths = Vec::new();
        let mut locales = Vec::new();
        let mut rest = text;
        let mut at = 0;
        while let Some(open) = rest.find('{') {
            regex.push_str(&regex::escape(&rest[..open]));
            let Some(close) = rest[open..].find('}') else {
                return Err(PatternError::new(
                    "`{` is not closed",
                    at + open..at + open + 1,
                    Some("placeholders are `{locale}` and `{path}`"),
                ));
            };
            let name = &rest[open + 1..open + close];
            let span = at + open..at + open + close + 1;
            match name {
                "path" => {
                    regex.push_str("(?P<path>.+)");
                    paths.push(span);
                }
                "locale" => {
                    regex.push_str(LOCALE);
                    locales.push(span);
                }
                _ => {
                    return Err(PatternError::new(
                        format!("unknown placeholder `{{{name}}}`"),
                        span,
                        Some("placeholders are `{locale}` and `{path}`"),
                    ));
                }
            }
            at += open + close + 1;
            rest = &rest[open + close + 1..];
        }
        regex.push_str(&regex::escape(rest));
        regex.push('$');
        if paths.len() != 1 {
            let at = paths.get(1).cloned().unwrap_or(0..text.len());
            return Err(PatternError::new(
                "a layout pattern needs exactly one `{path}`",
                at,
                Some("`{path}` stands for the article's path, the same in every locale"),
            ));
        }
        match (kind, locales.len()) {
            (Kind::Source, 0) | (Kind::Translation, 1) => {}
            (Kind::Source, _) => {
                return Err(PatternError::new(
                    "the source pattern cannot hold `{locale}`",
                    locales[0].clone(),
                    Some("write the source locale's folder literally, as in `content/en/{path}`"),
                ));
            }
            (Kind::Translation, 0) => {
                return Err(PatternError::new(
                    "a translation pattern needs `{locale}`",
                    0..text.len(),
                    Some("e.g. `i18n/{locale}/docusaurus-plugin-content-docs/current/{path}`"),
                ));
            }
            (Kind::Translation, _) => {
                return Err(PatternError::new(
                    "a translation pattern holds one `{locale}`",
                    locales[1].clone(),
                    None,
                ));
            }
        }
        let regex = Regex::new(&regex)
            .map_err(|e| PatternError::new(format!("invalid pattern: {e}"), 0..text.len(), None))?;
        Ok(Pattern {
            text: text.to_owned(),
            regex,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The locale (canonical, when the pattern has one) and the `{path}` of `relative`, a path
    /// with `/` separators. A `{locale}` part that is not a known language's tag does not match.
    fn captures(&self, relative: &str) -> Option<(Option<String>, String)> {
        let captures = self.regex.captures(relative)?;
        let locale = match captures.name("locale") {
            Some(m) => Some(locale::from_segment(m.as_str(), true)?),
            None => None,
        };
        Some((locale, captures.name("path")?.as_str().to_owned()))
    }

    /// The pattern with `{path}` filled in.
    fn fill(&self, path: &str) -> String {
        self.text.replace("{path}", path)
    }
}

/// The sources and translations of a documentation set.
#[derive(Debug, Clone)]
pub struct Layout {
    pub source: Pattern,
    pub translations: Vec<Pattern>,
}

/// What a layout says of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The locale of a translation; `None` for a source, which is in the source locale of its
    /// place.
    pub locale: Option<String>,
    /// The article key: the path of the article's source, written as the file's path is.
    pub key: String,
}

impl Layout {
    /// The locale and article of `path` (as walked), or `None` when no pattern names it.
    /// Translation patterns are tried first: they are the more specific (`{path}.{locale}.md`
    /// against `{path}.md`).
    pub fn identify(&self, root: &Root, path: &Path) -> Option<Identity> {
        let (relative, prefix) = root.relative(path)?;
        let key = |source: String| prefix.join(source).to_string_lossy().into_owned();
        for pattern in &self.translations {
            if let Some((locale, inner)) = pattern.captures(&relative) {
                return Some(Identity {
                    locale,
                    key: key(self.source.fill(&inner)),
                });
            }
        }
        self.source.captures(&relative)?;
        Some(Identity {
            locale: None,
            key: key(relative),
        })
    }
}

impl Layout {
    /// The files of the article of `path` (as walked) that exist: its source and its
    /// translations, found by listing the folder that holds `{locale}` in each pattern rather
    /// than by walking. `None` when no pattern names `path`.
    pub fn siblings(&self, root: &Root, path: &Path) -> Option<Vec<PathBuf>> {
        let (relative, prefix) = root.relative(path)?;
        let inner = self
            .translations
            .iter()
            .chain(std::iter::once(&self.source))
            .find_map(|pattern| pattern.captures(&relative))?
            .1;
        let mut out = vec![prefix.join(self.source.fill(&inner))];
        for pattern in &self.translations {
            let filled = pattern.fill(&inner);
            let Some(at) = filled.find("{locale}") else {
                continue;
            };
            let start = filled[..at].rfind('/').map_or(0, |n| n + 1);
            let end = filled[at..].find('/').map_or(filled.len(), |n| at + n);
            let (before, after) = (&filled[start..at], &filled[at + "{locale}".len()..end]);
            let dir = prefix.join(&filled[..start]);
            let listed = if dir.as_os_str().is_empty() {
                std::fs::read_dir(".")
            } else {
                std::fs::read_dir(&dir)
            };
            let Ok(entries) = listed else { continue };
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name();
                let Some(name) = name.to_str() else { continue };
                let tag = name
                    .strip_prefix(before)
                    .and_then(|rest| rest.strip_suffix(after));
                if tag.is_some_and(|tag| locale::from_segment(tag, true).is_some()) {
                    let rest = filled[end..].trim_start_matches('/');
                    let candidate = dir.join(name);
                    out.push(if rest.is_empty() {
                        candidate
                    } else {
                        candidate.join(rest)
                    });
                }
            }
        }
        out.retain(|p| std::fs::symlink_metadata(p).is_ok());
        Some(out)
    }
}

/// The folder that patterns and override globs are relative to (the folder of `loclint.toml`),
/// and how to express a walked path against it.
#[derive(Debug, Clone)]
pub struct Root {
    /// The folder, absolute: as written and as resolved by the filesystem (symlinks).
    bases: Vec<PathBuf>,
    cwd: PathBuf,
}

impl Default for Root {
    fn default() -> Self {
        Root::new(Path::new("."))
    }
}

impl Root {
    pub fn new(dir: &Path) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let lexical = lexical_absolute(&cwd, dir);
        let mut bases = vec![lexical.clone()];
        if let Ok(real) = std::fs::canonicalize(&lexical)
            && real != lexical
        {
            bases.push(real);
        }
        Root { bases, cwd }
    }

    /// The folder itself.
    pub fn dir(&self) -> &Path {
        &self.bases[0]
    }

    /// `path` relative to the root with `/` separators, and the beginning of `path` as written
    /// that reaches the root (`./` for `./docs/x.md` walked from the root). `None` outside it.
    pub fn relative(&self, path: &Path) -> Option<(String, PathBuf)> {
        let absolute = lexical_absolute(&self.cwd, path);
        let (base, inner) = self
            .bases
            .iter()
            .find_map(|base| Some((base, absolute.strip_prefix(base).ok()?)))?;
        let inner: Vec<&str> = inner
            .components()
            .map(|c| match c {
                Component::Normal(name) => name.to_str(),
                _ => None,
            })
            .collect::<Option<_>>()?;
        if inner.is_empty() {
            return None;
        }
        let written: Vec<Component<'_>> = path.components().collect();
        let tail = written.len().checked_sub(inner.len());
        let prefix = match tail {
            Some(tail)
                if written[tail..]
                    .iter()
                    .zip(&inner)
                    .all(|(c, name)| c.as_os_str() == *name) =>
            {
                written[..tail].iter().collect()
            }
            _ => base.clone(),
        };
        Some((inner.join("/"), prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(source: &str, translations: &[&str]) -> Layout {
        Layout {
            source: Pattern::parse(source, Kind::Source).unwrap(),
            translations: translations
                .iter()
                .map(|t| Pattern::parse(t, Kind::Translation).unwrap())
                .collect(),
        }
    }

    fn identify(layout: &Layout, path: &str) -> Option<(Option<String>, String)> {
        let root = Root::new(Path::new("/repo"));
        layout
            .identify(&root, Path::new(path))
            .map(|i| (i.locale, i.key))
    }

    #[allow(clippy::unnecessary_wraps)]
    fn some(locale: Option<&str>, key: &str) -> Option<(Option<String>, String)> {
        Some((locale.map(str::to_owned), key.to_owned()))
    }

    #[test]
    fn docusaurus_folders() {
        let docusaurus = layout(
            "docs/{path}",
            &["i18n/{locale}/docusaurus-plugin-content-docs/current/{path}"],
        );
        assert_eq!(
            identify(
                &docusaurus,
                "/repo/i18n/pt-br/docusaurus-plugin-content-docs/current/guides/a.md"
            ),
            some(Some("pt-BR"), "/repo/docs/guides/a.md")
        );
        assert_eq!(
            identify(&docusaurus, "/repo/docs/guides/a.md"),
            some(None, "/repo/docs/guides/a.md")
        );
        assert_eq!(identify(&docusaurus, "/repo/blog/a.md"), None);
        assert_eq!(identify(&docusaurus, "/elsewhere/docs/a.md"), None);
        // Not a language: not a translation.
        assert_eq!(
            identify(
                &docusaurus,
                "/repo/i18n/img/docusaurus-plugin-content-docs/current/a.md"
            ),
            None
        );
    }

    #[test]
    fn suffixes_before_plain_sources() {
        let hugo = layout("content/{path}.md", &["content/{path}.{locale}.md"]);
        assert_eq!(
            identify(&hugo, "/repo/content/posts/a.b.zh-hans.md"),
            some(Some("zh-Hans"), "/repo/content/posts/a.b.md")
        );
        assert_eq!(
            identify(&hugo, "/repo/content/posts/a.b.md"),
            some(None, "/repo/content/posts/a.b.md")
        );
        assert_eq!(
            identify(&hugo, "/repo/content/_index.fr.md"),
            some(Some("fr"), "/repo/content/_index.md")
        );
    }

    #[test]
    fn a_literal_source_locale_folder() {
        let mdn = layout("files/en-us/{path}", &["files/{locale}/{path}"]);
        assert_eq!(
            identify(&mdn, "/repo/files/en-us/web/index.md"),
            some(Some("en-US"), "/repo/files/en-us/web/index.md")
        );
        assert_eq!(
            identify(&mdn, "/repo/files/ja/web/index.md"),
            some(Some("ja"), "/repo/files/en-us/web/index.md")
        );
    }

    #[test]
    fn keys_keep_the_path_as_written() {
        let mkdocs = layout("docs/en/{path}", &["docs/{locale}/{path}"]);
        let root = Root::new(Path::new("/repo"));
        let written = Path::new("/repo/docs/fr/x/../a.md");
        // A path that does not spell the root's tail is keyed from the root itself.
        assert_eq!(
            mkdocs.identify(&root, written).map(|i| i.key),
            Some("/repo/docs/en/a.md".to_owned())
        );
    }

    #[test]
    fn siblings_are_listed_where_the_locale_is() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            "content/docs/a.md",
            "content/docs/a.fr.md",
            "content/docs/a.pt-br.md",
            "content/docs/b.fr.md",
            "i18n/de/current/x/a.md",
            "i18n/ja/current/x/b.md",
            "docs/x/a.md",
        ];
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let root = Root::new(dir.path());
        let names = |found: Option<Vec<PathBuf>>| -> Vec<String> {
            let mut names: Vec<String> = found
                .unwrap()
                .iter()
                .map(|p| {
                    p.strip_prefix(dir.path())
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect();
            names.sort();
            names
        };
        let hugo = layout("content/{path}.md", &["content/{path}.{locale}.md"]);
        assert_eq!(
            names(hugo.siblings(&root, &dir.path().join("content/docs/a.fr.md"))),
            [
                "content/docs/a.fr.md",
                "content/docs/a.md",
                "content/docs/a.pt-br.md"
            ]
        );
        let docusaurus = layout("docs/{path}", &["i18n/{locale}/current/{path}"]);
        assert_eq!(
            names(docusaurus.siblings(&root, &dir.path().join("docs/x/a.md"))),
            ["docs/x/a.md", "i18n/de/current/x/a.md"]
        );
        assert!(
            docusaurus
                .siblings(&root, &dir.path().join("blog/a.md"))
                .is_none()
        );
    }

    #[test]
    fn pattern_errors_point_into_the_pattern() {
        let error = |text: &str, kind| {
            let e = Pattern::parse(text, kind).unwrap_err();
            (e.message, text[e.at].to_owned())
        };
        assert_eq!(
            error("i18n/{lang}/{path}", Kind::Translation),
            (
                "unknown placeholder `{lang}`".to_owned(),
                "{lang}".to_owned()
            )
        );
        assert_eq!(
            error("docs/{locale}/{path}", Kind::Source).1,
            "{locale}".to_owned()
        );
        assert_eq!(
            error("docs/{path}/{path}", Kind::Source),
            (
                "a layout pattern needs exactly one `{path}`".to_owned(),
                "{path}".to_owned()
            )
        );
        assert_eq!(
            error("docs/{path", Kind::Source),
            ("`{` is not closed".to_owned(), "{".to_owned())
        );
        assert!(Pattern::parse("docs/{path}", Kind::Translation).is_err());
        assert!(Pattern::parse("../docs/{path}", Kind::Source).is_err());
    }
}
