//! Where a link's fragment can land: heading ids as GitHub and `DocFX` write them, explicit anchors,
//! and the ids of the other files a group's links name (`setup.md#create-an-account`), read for
//! the group by the engine so that rules only look them up.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::model::{Article, LinkKind, SectionKind};

/// Unicode combining marks that a slug keeps (GitHub) or drops (`DocFX`).
fn is_mark(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

/// A heading's id as GitHub writes it: lowercase; letters, digits, marks, `-` and `_` kept; each
/// space a `-`; everything else (punctuation, emoji) dropped.
pub fn github_slug(title: &str) -> String {
    title
        .trim()
        .chars()
        .filter(|&c| c.is_alphanumeric() || is_mark(c) || matches!(c, '-' | '_' | ' '))
        .flat_map(|c| {
            if c == ' ' {
                '-'.to_lowercase()
            } else {
                c.to_lowercase()
            }
        })
        .collect()
}

/// A heading's id as `DocFX` (Markdig's GitHub mode) writes it: as GitHub, but combining marks are
/// dropped too.
pub fn docfx_slug(title: &str) -> String {
    github_slug(title)
        .chars()
        .filter(|&c| !is_mark(c))
        .collect()
}

/// Every id a reader's renderer may give the file's headings and anchors; repeated headings
/// get `-1`, `-2`, … in order.
pub fn ids(article: &Article) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for section in &article.body.sections {
        ids.extend(section.anchors.iter().map(|a| a.name.clone()));
    }
    for slug in [github_slug, docfx_slug] {
        let mut seen: Vec<String> = Vec::new();
        for section in &article.body.sections {
            if !matches!(section.kind, SectionKind::Heading(_)) {
                continue;
            }
            let base = slug(&section.title);
            let repeats = seen.iter().filter(|s| **s == base).count();
            seen.push(base.clone());
            ids.push(if repeats == 0 {
                base
            } else {
                format!("{base}-{repeats}")
            });
        }
    }
    ids
}

/// `%C3%A9` and the like, decoded; an invalid escape is kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// A relative link's file and fragment: `setup.md#x` or `../a/setup.md#x` (not a URL with a
/// scheme, not a site-absolute path, not the linking file itself).
pub fn other_file<'u>(url: &'u str, article: &Article) -> Option<(PathBuf, &'u str)> {
    // Most links have no fragment: one byte search, not a searcher set up for each.
    let url = url.trim();
    let hash = memchr::memchr(b'#', url.as_bytes())?;
    let (path, fragment) = (&url[..hash], &url[hash + 1..]);
    let path = path.trim();
    if path.is_empty()
        || fragment.is_empty()
        || path.starts_with('/')
        || path.contains("://")
        || path.contains(':')
        || path.contains('?')
    {
        return None;
    }
    let decoded = percent_decode(path);
    let joined = article.path.parent().unwrap_or(Path::new("")).join(decoded);
    let target = normalize(&joined);
    (target != normalize(&article.path)).then_some((target, fragment))
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The ids of every other file the group's links point into with a fragment: `None` for a file
/// that cannot be read (a missing file is another kind of broken link).
#[derive(Debug, Default)]
pub struct Linked {
    files: HashMap<PathBuf, Option<Arc<[String]>>>,
}

impl Linked {
    /// Reads and parses the files the articles' links name with a fragment; `read` gives a
    /// file's text (the engine's reader, with its size limit).
    pub fn read(
        articles: &[Article],
        source_locale: &str,
        read: impl Fn(&Path) -> Option<Arc<str>>,
    ) -> Self {
        let mut files: HashMap<PathBuf, Option<Arc<[String]>>> = HashMap::new();
        for article in articles {
            for link in &article.body.links {
                if !matches!(link.kind, LinkKind::Inline | LinkKind::Reference) {
                    continue;
                }
                let Some((target, _)) = other_file(&link.url, article) else {
                    continue;
                };
                if files.contains_key(&target) {
                    continue;
                }
                let ids = read(&target).map(|text| {
                    let parsed = crate::parse::article(
                        Arc::from(target.as_path()),
                        text,
                        None,
                        source_locale,
                    );
                    Arc::from(ids(&parsed))
                });
                files.insert(target, ids);
            }
        }
        Linked { files }
    }

    /// The ids of `path`, when it was read.
    pub fn ids(&self, path: &Path) -> Option<&[String]> {
        self.files.get(path)?.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(github_slug("Set up your domain"), "set-up-your-domain");
        assert_eq!(github_slug("What's new in Teams?"), "whats-new-in-teams");
        assert_eq!(
            github_slug("Überblick & Einrichtung"),
            "überblick--einrichtung"
        );
        assert_eq!(github_slug("設定の概要"), "設定の概要");
        assert_eq!(github_slug("🚀 Launch"), "-launch");
        assert_eq!(github_slug("Cafe\u{301}"), "cafe\u{301}");
        assert_eq!(docfx_slug("Cafe\u{301}"), "cafe");
        assert_eq!(percent_decode("%C3%BCberblick"), "überblick");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn paths_resolve_beside_the_linking_file() {
        assert_eq!(
            normalize(Path::new("docs/de-DE/./a/../setup.md")),
            PathBuf::from("docs/de-DE/setup.md")
        );
    }
}
