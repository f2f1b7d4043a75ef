//! `link-fragment-missing`: a link to `#anchor` (or to `this-file.md#anchor`) whose anchor does
//! not exist in the file: no `<a name>`/`{#id}` anchor and no heading whose slug it is.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Pair;
use crate::model::{Article, LinkKind, SectionKind};

pub(super) const RULE: Rule = Rule {
    id: "link-fragment-missing",
    summary: "a link to `#anchor` in the same file names an anchor or heading the file does not have",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/link-fragment-missing.md"),
    check: Check::Pair(check),
};

/// Unicode combining marks that a slug keeps (GitHub) or drops (`DocFX`).
fn is_mark(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

/// A heading's id as GitHub writes it: lowercase; letters, digits, marks, `-` and `_` kept; each
/// space a `-`; everything else (punctuation, emoji) dropped.
fn github_slug(title: &str) -> String {
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
fn docfx_slug(title: &str) -> String {
    github_slug(title)
        .chars()
        .filter(|&c| !is_mark(c))
        .collect()
}

/// Every id a reader's renderer may give the file's headings and anchors; repeated headings
/// get `-1`, `-2`, … in order.
fn ids(article: &Article) -> Vec<String> {
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
fn percent_decode(text: &str) -> String {
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

/// The fragment of a link into this very file: `#x`, or `name.md#x` naming this file.
fn own_fragment<'u>(url: &'u str, article: &Article) -> Option<&'u str> {
    let (path, fragment) = url.trim().split_once('#')?;
    let path = path.trim_start_matches("./");
    let own = path.is_empty()
        || article
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n == path);
    (own && !fragment.is_empty()).then_some(fragment)
}

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let article = pair.article;
    let mut known: Option<Vec<String>> = None;
    for (l, link) in article.body.links.iter().enumerate() {
        if !matches!(link.kind, LinkKind::Inline | LinkKind::Reference) {
            continue;
        }
        let Some(fragment) = own_fragment(&link.url, article) else {
            continue;
        };
        let wanted = percent_decode(fragment);
        let ids = known.get_or_insert_with(|| ids(article));
        // Renderers differ in letter case; a fragment that differs only in case is not judged.
        if ids
            .iter()
            .any(|id| id.eq_ignore_ascii_case(&wanted) || *id == wanted)
        {
            continue;
        }
        let mut finding = Finding::new(
            pair.index,
            link.url_span.clone(),
            format!(
                "link to `#{}`: this file has no heading or anchor `{}`",
                clip(&wanted, 60),
                clip(&wanted, 60)
            ),
        )
        .help(format!(
            "give the target heading the id explicitly (`{{#{wanted}}}` or `<a name=\"{wanted}\"></a>`), or link to an id the file has"
        ))
        .inherited_as(format!(
            "fragment {}",
            pair.alignment.urls[pair.index][l]
        ));
        if let Some((file, span, title)) = target_elsewhere(pair, &wanted) {
            finding = finding.related(
                file,
                span,
                format!(
                    "`{}` in {}, the heading it names there",
                    clip(&title, 60),
                    pair.file(file).locale_name()
                ),
            );
        }
        out.push(finding);
    }
}

/// A heading of another file of the article whose id the fragment is: what the link meant.
fn target_elsewhere(pair: &Pair<'_>, wanted: &str) -> Option<(usize, crate::model::Span, String)> {
    let mut files: Vec<usize> = pair
        .reference
        .map(|r| r.members().to_vec())
        .unwrap_or_default();
    files.push(pair.alignment.pivot);
    files
        .into_iter()
        .filter(|&j| j != pair.index)
        .find_map(|j| {
            pair.file(j).body.sections.iter().find_map(|s| {
                let named = s
                    .anchors
                    .iter()
                    .any(|a| a.name.eq_ignore_ascii_case(wanted))
                    || matches!(s.kind, SectionKind::Heading(_))
                        && (github_slug(&s.title).eq_ignore_ascii_case(wanted)
                            || docfx_slug(&s.title).eq_ignore_ascii_case(wanted));
                named.then(|| (j, s.span.clone(), s.title.clone()))
            })
        })
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
}
