//! `link-text-literal-altered`: URL-like link text (`aka.ms/ssprsetup`) changed in translation:
//! its case, or words pulled into it.

use std::collections::BTreeMap;

use super::{Check, Finding, Rule, Settings, Severity};
use crate::align::{Pair, Reference};
use crate::text::{canonical_literal, is_url_like, literal_matches, url_inside};

pub(super) const RULE: Rule = Rule {
    id: "link-text-literal-altered",
    summary: "URL-like link text such as `aka.ms/x` was altered: case changed or words pulled into it",
    severity: Severity::Error,
    docs: include_str!("../../rules/link-text-literal-altered.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let Some(reference) = pair.reference else { return };
    for (mine, matched) in &pair.links {
        let link = &pair.article.body.links[*mine];
        let texts: Vec<&str> = matched.instances.iter().map(|&(f, l)| pair.file(f).body.links[l].text.as_str()).collect();
        let Some((canonical, who)) = canonical(reference, &texts, pair) else { continue };
        if literal_matches(&link.text, &canonical) {
            continue;
        }
        let how = if canonical_literal(&link.text).eq_ignore_ascii_case(&canonical) {
            "changed in letter case"
        } else if url_inside(&link.text).is_some_and(|u| canonical_literal(u).eq_ignore_ascii_case(&canonical)) {
            "has words pulled into it"
        } else {
            continue;
        };
        let (file, l) = matched.instances.iter().copied().find(|&(f, l)| literal_matches(&pair.file(f).body.links[l].text, &canonical)).unwrap_or((matched.article, matched.link));
        out.push(
            Finding::new(pair.index, link.text_span.clone(), format!("link text `{}` {how}: expected `{canonical}` ({who})", link.text))
                .help(format!("write the link text exactly `{canonical}`; keep translated words outside the brackets"))
                .related(file, pair.file(file).body.links[l].text_span.clone(), format!("the link text in {}", pair.file(file).locale_name())),
        );
    }
}

/// The canonical URL-like text of a reference link and how to name its origin: the source's text;
/// else the form the locales share ignoring case, with the host lowercase.
fn canonical(reference: &Reference, texts: &[&str], pair: &Pair<'_>) -> Option<(String, String)> {
    if let Reference::Source(_) = reference {
        let text = texts.first()?;
        return is_url_like(text).then(|| (canonical_literal(text), pair.reference_name()));
    }
    let mut forms: BTreeMap<String, usize> = BTreeMap::new();
    for text in texts.iter().filter(|t| is_url_like(t)) {
        *forms.entry(canonical_literal(text).to_ascii_lowercase()).or_default() += 1;
    }
    let (form, count) = forms.into_iter().max_by_key(|(_, count)| *count)?;
    if 2 * count <= texts.len() {
        return None;
    }
    // Keep the path's case as most locales write it.
    let mut written: BTreeMap<String, usize> = BTreeMap::new();
    for text in texts.iter().filter(|t| canonical_literal(t).eq_ignore_ascii_case(&form)) {
        *written.entry(canonical_literal(text)).or_default() += 1;
    }
    let best = written.into_iter().max_by_key(|(_, c)| *c).map_or(form, |(w, _)| w);
    Some((best, format!("{count} of {} locales write it ignoring case; hosts are lowercase", texts.len())))
}
