//! `link-fragment-missing`: a link to `#anchor` (or to `file.md#anchor`) whose anchor does
//! not exist in that file: no `<a name>`/`{#id}` anchor and no heading whose slug it is.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Pair;
use crate::anchors::{docfx_slug, github_slug, ids, other_file, percent_decode};
use crate::model::{Article, LinkKind, SectionKind};

pub(super) const RULE: Rule = Rule {
    id: "link-fragment-missing",
    summary: "a link to `#anchor` or `file.md#anchor` names an anchor or heading that file does not have",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/link-fragment-missing.md"),
    check: Check::Pair(check),
};

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
            if let Some(finding) = into_other_file(pair, l) {
                out.push(finding);
            }
            continue;
        };
        let wanted = percent_decode(fragment);
        let ids = known.get_or_insert_with(|| ids(article));
        // Renderers differ in letter case; a fragment that differs only in case is not judged.
        if has_id(ids, &wanted) {
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

/// Whether `wanted` is one of `ids`; renderers differ in letter case, so case is not judged.
fn has_id(ids: &[String], wanted: &str) -> bool {
    ids.iter().any(|id| id.eq_ignore_ascii_case(wanted))
}

/// Link `l` points into another file of the same locale (`setup.md#x`) that has no such id.
fn into_other_file(pair: &Pair<'_>, l: usize) -> Option<Finding> {
    let article = pair.article;
    let link = &article.body.links[l];
    let (target, fragment) = other_file(&link.url, article)?;
    let ids = pair.group().linked.ids(&target)?;
    let wanted = percent_decode(fragment);
    if has_id(ids, &wanted) {
        return None;
    }
    let file = link.url.trim().split('#').next().unwrap_or_default();
    Some(
        Finding::new(
            pair.index,
            link.url_span.clone(),
            format!(
                "link to `{}#{}`: that file has no heading or anchor `{}`",
                clip(file, 60),
                clip(&wanted, 60),
                clip(&wanted, 60)
            ),
        )
        .help(format!(
            "give the heading in `{file}` the id explicitly (`{{#{wanted}}}` or `<a name=\"{wanted}\"></a>`), or link to an id it has"
        ))
        .inherited_as(format!("fragment {}", pair.alignment.urls[pair.index][l])),
    )
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
