//! Alignment: every comparison decision lives here. For one article (a `Group` of locale files) it
//! finds the source versions, picks each file's reference (the source of its version, or the
//! consensus of the other locales), maps every file's sections onto one coordinate system, and
//! pairs links. Rules read the result through `Pair`; they never compare raw files themselves.

use rustc_hash::FxHashMap as HashMap;

use url::Url;

use crate::locale;
use crate::model::{Article, BrokenKind, Link, Role, SectionKind, Span};

/// All locale files of one article.
#[derive(Debug)]
pub struct Group {
    /// The article's name in output: its path with the locale part removed.
    pub name: String,
    /// Sorted by path.
    pub articles: Vec<Article>,
    /// The ids of the other files its links point into (`setup.md#x`).
    pub linked: crate::anchors::Linked,
}

/// One source version (`ms.openlocfilehash`) and the files on it.
#[derive(Debug)]
pub struct Version {
    pub hash: Option<String>,
    pub members: Vec<usize>,
    /// The latest `ms.lasthandoff` among its members, as (year, month, day).
    pub handoff: Option<(u32, u32, u32)>,
}

/// What a file is compared with.
#[derive(Debug, Clone)]
pub enum Reference {
    /// The source file of the same version.
    Source(usize),
    /// The other locales: `voters` decide; when they and this file (`me`) split evenly, `fallback` does.
    /// `other_versions`: the voters are files of other source versions (this file's version has
    /// too few locales to decide).
    Consensus {
        me: usize,
        voters: Vec<usize>,
        fallback: Vec<usize>,
        other_versions: bool,
        fallback_other_versions: bool,
    },
}

/// The group, aligned: versions, references and the section map.
#[derive(Debug)]
pub struct Alignment<'g> {
    pub group: &'g Group,
    pub versions: Vec<Version>,
    /// Index into `versions` of the current version.
    pub current: Option<usize>,
    pub version_of: Vec<Option<usize>>,
    pub references: Vec<Option<Reference>>,
    /// Per article: section index -> slot (a section of the pivot file).
    pub slots: Vec<Vec<Option<usize>>>,
    /// Per article: slot -> the section there, if any (the inverse of `slots`).
    pub slot_sections: Vec<Vec<Option<usize>>>,
    /// Per article: the sections some slot holds (`slot_sections`), sorted, each once.
    pub aligned_sections: Vec<Vec<usize>>,
    /// Per article: section index -> its slot, or for a section with no counterpart the slot of
    /// the nearest matched section before it: where its links are compared.
    pub link_regions: Vec<Vec<Option<usize>>>,
    /// Per article: each link's URL as matched: normalized, and compared ignoring case (a path
    /// whose case changed is still the same link, reported as a URL mismatch).
    pub urls: Vec<Vec<String>>,
    /// Per article: each link's slot and its rank among the file's links of that slot.
    pub link_ranks: Vec<Vec<Option<(usize, usize)>>>,
    /// Every (slot, URL id) under which some article has links, sorted.
    pub link_keys: Vec<(usize, u32)>,
    /// Per key of `link_keys`, then per article: its links there, in order, as a range of
    /// `link_lists`. Every file that has every slot compares its links under these.
    pub link_rows: Vec<Span>,
    pub link_lists: Vec<usize>,
    /// Per article: each link's normalized URL with its case kept.
    pub exact_urls: Vec<Vec<String>>,
    /// Per article: a number per distinct exact URL (`exact_urls`), and per number whether that
    /// URL is all lowercase.
    pub exact_ids: Vec<Vec<u32>>,
    pub exact_is_lowercase: Vec<bool>,
    /// Per article: a small number per distinct matched URL (`urls`), cheap to hash and compare.
    pub url_ids: Vec<Vec<u32>>,
    pub pivot: usize,
}

/// The outcome of a vote among reference files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vote {
    /// `Some(true)`: the reference has it; `Some(false)`: it does not; `None`: undecided.
    pub verdict: Option<bool>,
    pub count: usize,
    pub of: usize,
    /// The locales split evenly and nothing else decides: reported on each side as a disagreement.
    pub disputed: bool,
    /// The deciding files are on other source versions than this file.
    pub other_versions: bool,
}

pub fn align(group: &Group) -> Alignment<'_> {
    let articles = &group.articles;
    let (versions, version_of) = versions(articles);
    let current = current_version(&versions);
    let pivot = pivot(articles, &versions, current);
    // The locales of an article mostly share their URLs: normalize each distinct one once.
    let mut normalized: HashMap<&str, String> = HashMap::default();
    let exact_urls: Vec<Vec<String>> = articles
        .iter()
        .map(|a| {
            a.body
                .links
                .iter()
                .map(|l| {
                    normalized
                        .entry(l.url.as_str())
                        .or_insert_with(|| normalize_url(&l.url))
                        .clone()
                })
                .collect()
        })
        .collect();
    let mut exact_numbers: HashMap<&str, u32> = HashMap::default();
    let mut exact_is_lowercase = Vec::new();
    let exact_ids: Vec<Vec<u32>> = exact_urls
        .iter()
        .map(|file| {
            file.iter()
                .map(|u| {
                    *exact_numbers.entry(u.as_str()).or_insert_with(|| {
                        exact_is_lowercase.push(!u.chars().any(char::is_uppercase));
                        u32::try_from(exact_is_lowercase.len() - 1).unwrap_or(u32::MAX)
                    })
                })
                .collect()
        })
        .collect();
    let urls: Vec<Vec<String>> = exact_urls
        .iter()
        .map(|file| file.iter().map(|u| u.to_lowercase()).collect())
        .collect();
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let url_ids: Vec<Vec<u32>> = urls
        .iter()
        .map(|file| {
            file.iter()
                .map(|u| {
                    let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                    *ids.entry(u.as_str()).or_insert(next)
                })
                .collect()
        })
        .collect();
    let slots: Vec<Vec<Option<usize>>> = (0..articles.len())
        .map(|i| {
            if i == pivot {
                (0..articles[i].body.sections.len()).map(Some).collect()
            } else {
                match_sections(&articles[i], &urls[i], &articles[pivot], &urls[pivot])
            }
        })
        .collect();
    let references = (0..articles.len())
        .map(|i| reference(articles, &versions, &version_of, current, i))
        .collect();
    let pivot_slots = articles[pivot].body.sections.len();
    let slot_sections: Vec<Vec<Option<usize>>> = slots
        .iter()
        .map(|map| {
            let mut inverse = vec![None; pivot_slots];
            for (section, slot) in map.iter().enumerate() {
                if let Some(slot) = slot {
                    inverse[*slot] = Some(section);
                }
            }
            inverse
        })
        .collect();
    let aligned_sections = slot_sections
        .iter()
        .map(|inverse| {
            let mut sections: Vec<usize> = inverse.iter().flatten().copied().collect();
            sections.sort_unstable();
            sections.dedup();
            sections
        })
        .collect();
    let link_regions: Vec<Vec<Option<usize>>> = slots
        .iter()
        .map(|map: &Vec<Option<usize>>| {
            let mut last = None;
            map.iter()
                .map(|slot| {
                    last = slot.or(last);
                    last
                })
                .collect()
        })
        .collect();
    let link_ranks: Vec<Vec<Option<(usize, usize)>>> = (0..articles.len())
        .map(|j| {
            let mut ranks: HashMap<usize, usize> = HashMap::default();
            articles[j]
                .body
                .links
                .iter()
                .map(|link| {
                    let slot = link_regions[j][link.section]?;
                    let rank = ranks.entry(slot).or_default();
                    *rank += 1;
                    Some((slot, *rank - 1))
                })
                .collect()
        })
        .collect();
    let (link_keys, link_rows, link_lists) = link_table(&link_ranks, &url_ids);
    Alignment {
        group,
        versions,
        current,
        version_of,
        references,
        slots,
        slot_sections,
        aligned_sections,
        link_regions,
        urls,
        link_ranks,
        link_keys,
        link_rows,
        link_lists,
        exact_urls,
        exact_ids,
        exact_is_lowercase,
        url_ids,
        pivot,
    }
}

/// The links of every article by (slot, URL id): the keys sorted, and per key and article a
/// range of the link list (see `Alignment::link_rows`).
type LinkTable = (Vec<(usize, u32)>, Vec<Span>, Vec<usize>);

fn link_table(link_ranks: &[Vec<Option<(usize, usize)>>], url_ids: &[Vec<u32>]) -> LinkTable {
    let n = link_ranks.len();
    let mut entries: Vec<((usize, u32), usize, usize)> = Vec::new();
    for (j, ranks) in link_ranks.iter().enumerate() {
        for (l, entry) in ranks.iter().enumerate() {
            if let Some((slot, _)) = entry {
                entries.push(((*slot, url_ids[j][l]), j, l));
            }
        }
    }
    entries.sort_unstable();
    let (mut keys, mut rows, mut lists) =
        (Vec::new(), Vec::new(), Vec::with_capacity(entries.len()));
    for (key, j, l) in entries {
        if keys.last() != Some(&key) {
            keys.push(key);
            rows.resize(keys.len() * n, 0..0);
        }
        let row = &mut rows[(keys.len() - 1) * n + j];
        if row.start == row.end {
            *row = lists.len()..lists.len();
        }
        lists.push(l);
        row.end += 1;
    }
    (keys, rows, lists)
}

fn versions(articles: &[Article]) -> (Vec<Version>, Vec<Option<usize>>) {
    let mut versions: Vec<Version> = Vec::new();
    let mut version_of = vec![None; articles.len()];
    for (i, article) in articles.iter().enumerate() {
        if article.role != Role::Translation || article.locale.is_none() {
            continue;
        }
        let hash = article.version().map(str::to_owned);
        let handoff = article.scalar("ms.lasthandoff").and_then(parse_date);
        let index = if let Some(index) = versions.iter().position(|v| v.hash == hash) {
            index
        } else {
            versions.push(Version {
                hash,
                members: Vec::new(),
                handoff: None,
            });
            versions.len() - 1
        };
        versions[index].members.push(i);
        versions[index].handoff = versions[index].handoff.max(handoff);
        version_of[i] = Some(index);
    }
    (versions, version_of)
}

/// The latest handoff wins; without dates, or on a tie, the version most locales are on.
fn current_version(versions: &[Version]) -> Option<usize> {
    (0..versions.len()).max_by(|&a, &b| {
        let (a, b) = (&versions[a], &versions[b]);
        a.handoff
            .cmp(&b.handoff)
            .then(a.members.len().cmp(&b.members.len()))
            .then(b.hash.cmp(&a.hash))
    })
}

/// A date as `M/D/YYYY`, `MM/DD/YYYY` or ISO `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<(u32, u32, u32)> {
    let text = text.trim();
    // Exactly three numbers between `separator`s.
    // Split at an ASCII byte, not with a searcher set up for each of a few bytes.
    let three = |text: &str, separator: u8| -> Option<[u32; 3]> {
        let mut parts = (text.as_bytes().split(|&b| b == separator))
            .map(|p| std::str::from_utf8(p).ok()?.parse::<u32>().ok());
        let numbers = [parts.next()??, parts.next()??, parts.next()??];
        parts.next().is_none().then_some(numbers)
    };
    let (year, month, day) = if let Some([month, day, year]) = three(text, b'/') {
        (year, month, day)
    } else {
        let [year, month, day] = three(text.get(..10).unwrap_or(text), b'-')?;
        (year, month, day)
    };
    ((1900..=2999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then_some((year, month, day))
}

/// The source file paired with version `v`: pinned by its own hash, else the current version's.
fn source_for(
    articles: &[Article],
    versions: &[Version],
    current: Option<usize>,
    v: Option<usize>,
) -> Option<usize> {
    let hash = v.and_then(|v| versions[v].hash.as_deref());
    let sources = || (0..articles.len()).filter(|&i| articles[i].role == Role::Source);
    if let Some(hash) = hash
        && let Some(pinned) = sources().find(|&i| articles[i].version() == Some(hash))
    {
        return Some(pinned);
    }
    if v.is_some() && v == current {
        return sources().find(|&i| articles[i].version().is_none());
    }
    None
}

fn reference(
    articles: &[Article],
    versions: &[Version],
    version_of: &[Option<usize>],
    current: Option<usize>,
    i: usize,
) -> Option<Reference> {
    if articles[i].role != Role::Translation || articles[i].locale.is_none() {
        return None;
    }
    let v = version_of[i];
    if let Some(source) = source_for(articles, versions, current, v) {
        return Some(Reference::Source(source));
    }
    let others = |j: &usize| {
        *j != i && articles[*j].locale.is_some() && articles[*j].locale != articles[i].locale
    };
    let voters: Vec<usize> = v
        .map(|v| versions[v].members.iter().copied().filter(others).collect())
        .unwrap_or_default();
    // When the version cannot decide, the current version (and its source) speaks first: a file
    // between two versions is more like the newer one. Else every other file of the article.
    let current_files: Vec<usize> = match current {
        Some(c) if v != Some(c) => versions[c].members.iter().copied().filter(others).collect(),
        _ => Vec::new(),
    };
    let wide: Vec<usize> = if current_files.len() >= 2 {
        current_files
    } else {
        (0..articles.len()).filter(others).collect()
    };
    if wide.is_empty() {
        return None;
    }
    let other_versions = wide.iter().any(|&j| version_of[j] != v);
    if voters.len() >= 2 {
        Some(Reference::Consensus {
            me: i,
            voters,
            fallback: wide,
            other_versions: false,
            fallback_other_versions: other_versions,
        })
    } else {
        Some(Reference::Consensus {
            me: i,
            voters: wide,
            fallback: Vec::new(),
            other_versions,
            fallback_other_versions: false,
        })
    }
}

/// The file whose sections are the coordinate system: the source of the current version, else the
/// file whose section shape most files share.
fn pivot(articles: &[Article], versions: &[Version], current: Option<usize>) -> usize {
    if let Some(source) = source_for(articles, versions, current, current)
        .or_else(|| (0..articles.len()).find(|&i| articles[i].role == Role::Source))
    {
        return source;
    }
    let shape =
        |a: &Article| -> Vec<SectionKind> { a.body.sections.iter().map(|s| s.kind).collect() };
    let mut counts: HashMap<Vec<SectionKind>, usize> = HashMap::default();
    for article in articles {
        *counts.entry(shape(article)).or_default() += 1;
    }
    (0..articles.len())
        .max_by(|&a, &b| {
            let count = |i: usize| counts.get(&shape(&articles[i])).copied().unwrap_or(0);
            count(a)
                .cmp(&count(b))
                .then(
                    articles[a]
                        .body
                        .links
                        .len()
                        .cmp(&articles[b].body.links.len()),
                )
                .then(b.cmp(&a))
        })
        .unwrap_or(0)
}

/// Aligns the sections of `a` with those of the pivot `p`: anchors first, then structure
/// (section kind and the links inside), by maximum-score alignment. Order is kept.
#[allow(clippy::many_single_char_names)]
fn match_sections(
    a: &Article,
    a_urls: &[String],
    p: &Article,
    p_urls: &[String],
) -> Vec<Option<usize>> {
    let n = a.body.sections.len();
    let m = p.body.sections.len();
    if n.saturating_mul(m) > MAX_ALIGNMENT_CELLS {
        return match_sections_in_order(a, p);
    }
    let a_sets = url_sets(a, a_urls, n);
    let p_sets = url_sets(p, p_urls, m);
    let a_places = relative_places(a);
    let p_places = relative_places(p);
    let score = |i: usize, j: usize| -> Option<f64> {
        let (x, y) = (&a.body.sections[i], &p.body.sections[j]);
        if (x.kind == SectionKind::Preamble) != (y.kind == SectionKind::Preamble) {
            return None;
        }
        let links = overlap(&a_sets[i], &p_sets[j]);
        // Where the section stands in the article tells apart sections alike otherwise (a section
        // that absorbed its neighbour's links when a bold line was lost).
        let place = 1.0 - 2.0 * (a_places[i] - p_places[j]).abs();
        let anchors_equal = x
            .anchors
            .iter()
            .any(|ax| y.anchors.iter().any(|ay| ay.name == ax.name));
        if anchors_equal {
            return Some(10.0 + links);
        }
        match (x.kind, y.kind) {
            (k, l) if k == l => Some(3.0 + 3.0 * links + 4.0 * place),
            (SectionKind::Heading(_), SectionKind::Heading(_))
            | (SectionKind::Bold, SectionKind::BoldLead)
            | (SectionKind::BoldLead, SectionKind::Bold) => Some(1.0 + 3.0 * links + 4.0 * place),
            _ if links > 0.5 => Some(2.0 * links),
            _ => None,
        }
    };
    // best[i][j]: the best total over a[i..], p[j..].
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut value = best[i + 1][j].max(best[i][j + 1]);
            if let Some(s) = score(i, j) {
                value = value.max(s + best[i + 1][j + 1]);
            }
            best[i][j] = value;
        }
    }
    let mut map = vec![None; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if let Some(s) = score(i, j)
            && (best[i][j] - (s + best[i + 1][j + 1])).abs() < 1e-9
        {
            map[i] = Some(j);
            i += 1;
            j += 1;
            continue;
        }
        if (best[i][j] - best[i + 1][j]).abs() < 1e-9 {
            i += 1;
        } else {
            j += 1;
        }
    }
    map
}

/// The largest section table aligned by maximum score (its memory and time grow as n × m); a
/// file with more sections than any article has is aligned in order instead.
const MAX_ALIGNMENT_CELLS: usize = 1 << 22;

/// Sections matched in order by kind: the fallback for files with tens of thousands of sections.
fn match_sections_in_order(article: &Article, pivot: &Article) -> Vec<Option<usize>> {
    let theirs = &pivot.body.sections;
    let mut next = 0;
    article
        .body
        .sections
        .iter()
        .map(|section| {
            let found = (next..theirs.len())
                .take(8)
                .find(|&slot| theirs[slot].kind == section.kind)?;
            next = found + 1;
            Some(found)
        })
        .collect()
}

/// Where each section starts, as the share of the article's blocks before it (0 to 1).
fn relative_places(article: &Article) -> Vec<f64> {
    let blocks = &article.body.blocks;
    #[allow(clippy::cast_precision_loss)]
    let total = blocks.len().max(1) as f64;
    article
        .body
        .sections
        .iter()
        .map(|section| {
            let before = blocks
                .iter()
                .take_while(|b| b.span.start < section.span.start)
                .count();
            #[allow(clippy::cast_precision_loss)]
            let before = before as f64;
            before / total
        })
        .collect()
}

/// The URLs of each section's links. A heading or bold line also counts the links of the weak
/// sections (`BoldLead`) that follow it, so that a paragraph led by bold text does not take the
/// links away from the section it belongs to.
fn url_sets<'u>(article: &Article, urls: &'u [String], count: usize) -> Vec<Vec<&'u str>> {
    let sections = &article.body.sections;
    let mut sets = vec![Vec::new(); count];
    for (link, url) in article.body.links.iter().zip(urls) {
        sets[link.section].push(url.as_str());
        let strong = (0..=link.section)
            .rev()
            .find(|&k| sections[k].kind != SectionKind::BoldLead);
        if let Some(strong) = strong.filter(|&k| k != link.section) {
            sets[strong].push(url.as_str());
        }
    }
    sets
}

/// Overlap coefficient of two multisets of URLs: shared / the smaller size, so a section that
/// absorbed its neighbour (a lost bold line) still matches either part fully; 0 when one is empty.
fn overlap(a: &[&str], b: &[&str]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut rest: Vec<&str> = b.to_vec();
    let mut shared = 0usize;
    for url in a {
        if let Some(k) = rest.iter().position(|u| u == url) {
            rest.swap_remove(k);
            shared += 1;
        }
    }
    #[allow(clippy::cast_precision_loss)]
    {
        shared as f64 / a.len().min(b.len()) as f64
    }
}

/// The form a URL is compared in: locale segments and locale query parameters removed,
/// scheme and host lowercase, no trailing slash. The path keeps its case.
pub fn normalize_url(url: &str) -> String {
    let url = url.trim().trim_start_matches('<').trim_end_matches('>');
    let strip_path = |path: &str| -> String {
        let kept: Vec<&str> = path
            .split('/')
            .filter(|s| locale::from_segment(s, false).is_none())
            .collect();
        kept.join("/").trim_end_matches('/').to_owned()
    };
    match Url::parse(url) {
        Ok(parsed) if parsed.has_host() => {
            let host = parsed.host_str().unwrap_or_default().to_ascii_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
            let query: Vec<(String, String)> = parsed
                .query_pairs()
                .filter(|(k, _)| !LOCALE_PARAMETERS.iter().any(|p| k.eq_ignore_ascii_case(p)))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let mut out = if SITE_HOSTS.contains(&host.as_str()) {
                strip_path(parsed.path())
            } else {
                format!("//{host}{}", strip_path(parsed.path()))
            };
            // Keep a corrupted query (`??`) visible: compare the raw query when it has one.
            if let Some(raw) = parsed.query() {
                if raw.starts_with('?') || raw.is_empty() {
                    out.push('?');
                    out.push_str(raw);
                } else if !query.is_empty() {
                    out.push('?');
                    let parts: Vec<String> =
                        query.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    out.push_str(&parts.join("&"));
                }
            }
            if let Some(fragment) = parsed.fragment() {
                out.push('#');
                out.push_str(fragment);
            }
            out
        }
        _ => strip_path(url),
    }
}

/// Whether a URL names a locale (a path segment such as `/en-us/`, or a query parameter such
/// as `ui=`): copied into another locale's file, it would send readers to the wrong language.
pub fn names_a_locale(url: &str) -> bool {
    let url = url.trim().trim_start_matches('<').trim_end_matches('>');
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    path.split(['/', '#'])
        .any(|s| locale::from_segment(s, false).is_some())
        || query.split('&').any(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            LOCALE_PARAMETERS
                .iter()
                .any(|p| key.eq_ignore_ascii_case(p))
        })
}

/// Hosts whose site-relative links (`/microsoft-365/…`) articles write interchangeably with absolute ones.
const SITE_HOSTS: &[&str] = &["docs.microsoft.com", "learn.microsoft.com"];

const LOCALE_PARAMETERS: &[&str] = &[
    "clcid", "lcid", "ui", "rs", "ad", "mkt", "setlang", "omkt", "lang", "locale", "language",
    "culture",
];

impl Alignment<'_> {
    fn article(&self, i: usize) -> &Article {
        &self.group.articles[i]
    }

    /// The slot of each of `i`'s sections.
    fn slot_of_section(&self, i: usize, section: usize) -> Option<usize> {
        self.slots[i].get(section).copied().flatten()
    }

    /// The slot a link of `i` is compared in: its section's slot, or for a section with no
    /// counterpart, the slot of the nearest matched section before it.
    fn link_slot(&self, i: usize, link: usize) -> Option<usize> {
        self.link_regions[i][self.article(i).body.links[link].section]
    }

    /// Whether article `i` has a section at `slot`.
    fn has_slot(&self, i: usize, slot: usize) -> bool {
        self.section_at(i, slot).is_some()
    }

    /// The slot right before section `section` of `i` that is matched (for placing an unmatched one).
    fn previous_slot(&self, i: usize, section: usize) -> Option<usize> {
        self.slots[i][..section].iter().rev().find_map(|s| *s)
    }
}

/// Counts how many of `members` satisfy `has`, and decides by strict majority.
fn count_vote(members: &[usize], has: &impl Fn(usize) -> bool) -> Vote {
    let count = members.iter().filter(|&&j| has(j)).count();
    let of = members.len();
    let verdict = match (2 * count).cmp(&of) {
        _ if of == 0 => None,
        std::cmp::Ordering::Greater => Some(true),
        std::cmp::Ordering::Less => Some(false),
        std::cmp::Ordering::Equal => None,
    };
    Vote {
        verdict,
        count,
        of,
        disputed: false,
        other_versions: false,
    }
}

impl Alignment<'_> {
    /// Whether file `i` is on the current source version while its reference is made of files on
    /// older versions: then what it added or dropped may be the source's change, not a defect.
    pub fn ahead_of_reference(&self, i: usize) -> bool {
        let current = self.current.is_some() && self.version_of[i] == self.current;
        current
            && matches!(
                self.references[i],
                Some(Reference::Consensus {
                    other_versions: true,
                    ..
                })
            )
    }

    /// The other translations file `i` is judged among: those deciding its consensus, or, with a
    /// source, the other locales of its version (every other locale when its version has fewer
    /// than two).
    pub fn peers(&self, i: usize) -> Vec<usize> {
        let articles = &self.group.articles;
        match &self.references[i] {
            Some(Reference::Consensus { voters, .. }) => voters.clone(),
            Some(Reference::Source(_)) => {
                let others = |j: &usize| {
                    *j != i
                        && articles[*j].role == Role::Translation
                        && articles[*j].locale.is_some()
                        && articles[*j].locale != articles[i].locale
                };
                let same: Vec<usize> = self.version_of[i]
                    .map(|v| {
                        self.versions[v]
                            .members
                            .iter()
                            .copied()
                            .filter(others)
                            .collect()
                    })
                    .unwrap_or_default();
                if same.len() >= 2 {
                    same
                } else {
                    (0..articles.len()).filter(others).collect()
                }
            }
            None => Vec::new(),
        }
    }

    /// File `i`'s section at `slot`, if it has one there.
    pub fn section_at(&self, i: usize, slot: usize) -> Option<usize> {
        self.slot_sections[i].get(slot).copied().flatten()
    }
}

impl Reference {
    /// The files this reference is made of, in order of authority.
    pub fn members(&self) -> &[usize] {
        match self {
            Reference::Source(source) => std::slice::from_ref(source),
            Reference::Consensus { voters, .. } => voters,
        }
    }

    /// Votes on `has` among the reference files; a tie goes to the fallback files.
    pub fn vote(&self, has: impl Fn(usize) -> bool) -> Vote {
        match self {
            Reference::Source(source) => {
                let yes = has(*source);
                Vote {
                    verdict: Some(yes),
                    count: usize::from(yes),
                    of: 1,
                    disputed: false,
                    other_versions: false,
                }
            }
            Reference::Consensus {
                me,
                voters,
                fallback,
                other_versions,
                fallback_other_versions,
            } => {
                let vote = count_vote(voters, &has);
                // An even split of the version, counting this file, is a tie too.
                let split = 2 * (vote.count + usize::from(has(*me))) == vote.of + 1;
                let vote = Vote {
                    other_versions: *other_versions,
                    ..vote
                };
                if vote.verdict.is_some() && !split {
                    return vote;
                }
                let wide = Vote {
                    other_versions: *fallback_other_versions,
                    ..count_vote(fallback, &has)
                };
                let wide_split = 2 * (wide.count + usize::from(has(*me))) == wide.of + 1;
                if wide.verdict.is_some() && !wide_split {
                    return wide;
                }
                if !split {
                    // The others split evenly; with this file counted, its side is the majority.
                    return Vote {
                        verdict: Some(has(*me)),
                        ..vote
                    };
                }
                // Nothing decides: the disagreement is reported once on each side.
                Vote {
                    verdict: Some(!has(*me)),
                    disputed: true,
                    ..vote
                }
            }
        }
    }
}

/// A link of the reference: a representative instance and every reference file's instance.
#[derive(Debug, Clone)]
pub struct RefLink {
    /// The representative file and link index.
    pub article: usize,
    pub link: usize,
    /// One instance per reference file that has it (article, link).
    pub instances: Vec<(usize, usize)>,
    pub vote: Vote,
}

/// An aligned section: this file's section and the reference's.
#[derive(Debug, Clone)]
pub struct SectionMatch {
    pub section: usize,
    pub slot: usize,
    /// Representative reference section (article, section index).
    pub reference: (usize, usize),
    /// Every reference file's section at this slot.
    pub instances: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct MissingSection {
    pub slot: usize,
    pub reference: (usize, usize),
    pub vote: Vote,
    /// Where it belongs in this file.
    pub place: Span,
}

#[derive(Debug, Clone)]
pub struct ExtraSection {
    pub section: usize,
    pub vote: Vote,
}

#[derive(Debug, Clone)]
pub struct MissingLink {
    pub reference: RefLink,
    pub place: Span,
}

#[derive(Debug, Clone)]
pub struct ExtraLink {
    pub link: usize,
    pub vote: Vote,
}

/// One file compared with its reference. Built once per file; rules only read it.
#[derive(Debug)]
pub struct Pair<'a> {
    pub alignment: &'a Alignment<'a>,
    pub index: usize,
    pub article: &'a Article,
    pub reference: Option<&'a Reference>,
    pub sections: Vec<SectionMatch>,
    pub missing_sections: Vec<MissingSection>,
    pub extra_sections: Vec<ExtraSection>,
    /// (this file's link, the reference link) with the same target.
    pub links: Vec<(usize, RefLink)>,
    /// (this file's link, the reference link) at the same place with another target.
    pub url_mismatches: Vec<(usize, RefLink)>,
    pub missing_links: Vec<MissingLink>,
    pub extra_links: Vec<ExtraLink>,
    /// (index into `broken_links`, the reference link it was meant to be).
    pub dropped_links: Vec<(usize, RefLink)>,
    /// Per file of the group (filled for this file and its reference files): the region each link
    /// is compared in, and its rank among the file's links of that region.
    regions: HashMap<usize, Vec<Option<(usize, usize)>>>,
    /// This file has every slot: regions are the alignment's slots (`link_ranks`).
    identity_regions: bool,
}

impl<'a> Pair<'a> {
    pub fn new(alignment: &'a Alignment<'a>, index: usize) -> Self {
        let article = &alignment.group.articles[index];
        let reference = alignment.references[index].as_ref();
        let mut pair = Pair {
            alignment,
            index,
            article,
            reference,
            sections: Vec::new(),
            missing_sections: Vec::new(),
            extra_sections: Vec::new(),
            links: Vec::new(),
            url_mismatches: Vec::new(),
            missing_links: Vec::new(),
            extra_links: Vec::new(),
            dropped_links: Vec::new(),
            regions: HashMap::default(),
            identity_regions: false,
        };
        if let Some(reference) = reference {
            pair.compare_sections(reference);
            pair.compare_links(reference);
            if pair.ahead_of_reference() {
                // The newest source version, with no source file and too few locales to decide:
                // older versions cannot say what it should contain, only how its kept parts read.
                pair.missing_sections.clear();
                pair.extra_sections.clear();
                pair.missing_links.clear();
                pair.extra_links.clear();
                pair.url_mismatches.clear();
                pair.dropped_links.clear();
            }
        }
        pair
    }

    /// Whether this file is on the current source version while its reference is made of files on
    /// older versions: then what it added or dropped may be the source's change, not a defect.
    pub fn ahead_of_reference(&self) -> bool {
        self.alignment.ahead_of_reference(self.index)
    }

    /// Files of the group other than this one.
    pub fn group(&self) -> &'a Group {
        self.alignment.group
    }

    pub fn file(&self, i: usize) -> &'a Article {
        &self.alignment.group.articles[i]
    }

    pub fn link(&self, r: &RefLink) -> &'a Link {
        &self.file(r.article).body.links[r.link]
    }

    /// How the reference is named in messages: "the en-US source" or "3 of 4 locales".
    pub fn describe(&self, vote: Vote) -> String {
        match self.reference {
            Some(Reference::Source(s)) => format!("the {} source", self.file(*s).locale_name()),
            _ if vote.of == 1 => "the only other locale (no majority decides)".to_owned(),
            _ if vote.disputed => format!(
                "{} of {} other locales (an even split: no majority decides)",
                vote.count, vote.of
            ),
            _ if vote.other_versions => format!(
                "{} of {} locales on other source versions",
                vote.count, vote.of
            ),
            _ => format!("{} of {} locales", vote.count, vote.of),
        }
    }

    /// The reference files that lack an item: "the en-US source" or "3 of 4 locales".
    pub fn describe_lacking(&self, vote: Vote) -> String {
        let lacking = Vote {
            count: vote.of - vote.count.min(vote.of),
            ..vote
        };
        self.describe(lacking)
    }

    /// `describe` with its verb: "the en-US source has" or "3 of 4 locales have".
    pub fn describe_verb(&self, vote: Vote, plural: &str, singular: &str) -> String {
        let who = self.describe(vote);
        let single =
            matches!(self.reference, Some(Reference::Source(_))) || vote.of == 1 || vote.count == 1;
        format!("{who} {}", if single { singular } else { plural })
    }

    /// The reference's name without counts: "the en-US source" or "the other locales".
    pub fn reference_name(&self) -> String {
        match self.reference {
            Some(Reference::Source(s)) => format!("the {} source", self.file(*s).locale_name()),
            _ => "the other locales".to_owned(),
        }
    }

    fn compare_sections(&mut self, reference: &Reference) {
        let al = self.alignment;
        let i = self.index;
        let pivot_sections = al.article(al.pivot).body.sections.len();
        for slot in 0..pivot_sections {
            let vote = reference.vote(|j| al.has_slot(j, slot));
            // Made at its largest size at once: most reference files have most slots.
            let members = reference.members();
            let mut instances: Vec<(usize, usize)> = Vec::with_capacity(members.len());
            instances
                .extend((members.iter()).filter_map(|&j| al.section_at(j, slot).map(|k| (j, k))));
            let mine = al.section_at(i, slot);
            let weak = |file: usize, section: usize| {
                al.file(file).body.sections[section].kind == SectionKind::BoldLead
            };
            match (mine, vote.verdict) {
                (Some(section), Some(false)) => {
                    if slot != 0 && !weak(i, section) {
                        self.extra_sections.push(ExtraSection { section, vote });
                    }
                }
                (Some(section), _) => {
                    let representative = instances
                        .iter()
                        .copied()
                        .find(|(j, _)| *j == al.pivot)
                        .or_else(|| instances.first().copied())
                        .unwrap_or((al.pivot, slot));
                    self.sections.push(SectionMatch {
                        section,
                        slot,
                        reference: representative,
                        instances,
                    });
                }
                (None, Some(true)) => {
                    // The representative is the strongest form the reference files give the section.
                    let Some(&representative) = instances
                        .iter()
                        .find(|&&(f, k)| !weak(f, k))
                        .or_else(|| instances.first())
                    else {
                        continue;
                    };
                    let strong = instances.iter().filter(|&&(f, k)| !weak(f, k)).count();
                    if weak(representative.0, representative.1) || 2 * strong <= instances.len() {
                        continue;
                    }
                    let place = self.place_for_slot(slot);
                    self.missing_sections.push(MissingSection {
                        slot,
                        reference: representative,
                        vote,
                        place,
                    });
                }
                (None, _) => {}
            }
        }
        for (section, slot) in al.slots[i].iter().enumerate() {
            if slot.is_some() {
                continue;
            }
            let previous = al.previous_slot(i, section);
            let kind = self.article.body.sections[section].kind;
            if kind == SectionKind::BoldLead {
                continue;
            }
            let vote = reference.vote(|j| {
                (0..al.slots[j].len()).any(|k| {
                    al.slots[j][k].is_none()
                        && al.article(j).body.sections[k].kind == kind
                        && al.previous_slot(j, k) == previous
                })
            });
            if vote.verdict == Some(false) {
                self.extra_sections.push(ExtraSection { section, vote });
            }
        }
    }

    /// Where a missing section at `slot` belongs in this file: before the next aligned section.
    fn place_for_slot(&self, slot: usize) -> Span {
        let al = self.alignment;
        let sections = &self.article.body.sections;
        let next = al.slots[self.index]
            .iter()
            .enumerate()
            .find(|(_, s)| s.is_some_and(|s| s > slot))
            .map(|(k, _)| k);
        if let Some(k) = next {
            let start = sections[k].span.start;
            start..line_end(&self.article.text, start)
        } else {
            let end = self.article.text.trim_end().len();
            let start = self.article.text[..end].rfind('\n').map_or(0, |n| n + 1);
            start..end
        }
    }

    fn compare_links(&mut self, reference: &Reference) {
        let al = self.alignment;
        let i = self.index;
        let mut my_slots: Vec<usize> = self.sections.iter().map(|m| m.slot).collect();
        my_slots.sort_unstable();
        // A file with a section at every slot compares links slot by slot: the alignment's tables
        // serve as they are. Otherwise its missing slots merge into regions, built here.
        let pivot_slots = al.file(al.pivot).body.sections.len();
        self.identity_regions = my_slots.len() == pivot_slots;
        let missing_slots: Vec<usize> = self.missing_sections.iter().map(|m| m.slot).collect();
        let mut missing: Vec<(usize, RefLink, bool)> = Vec::new();
        let mut extra: Vec<(usize, Vote)> = Vec::new();
        let mut links = std::mem::take(&mut self.links);
        // The links under one key: `nth(j, k)` is file `j`'s `k`th link there.
        let mut compare_key = |key: (usize, u32), nth: &dyn Fn(usize, usize) -> Option<usize>| {
            let mut k = 0;
            loop {
                let vote = reference.vote(|j| nth(j, k).is_some());
                let mine = nth(i, k);
                // Neither here nor wanted: the key's links end. Not wanted: an extra link.
                match (mine, vote.verdict) {
                    (None, verdict) if verdict != Some(true) => break,
                    (Some(l), Some(false)) => {
                        extra.push((l, vote));
                        k += 1;
                        continue;
                    }
                    _ => {}
                }
                let mut instances: Vec<(usize, usize)> =
                    Vec::with_capacity(reference.members().len());
                instances.extend(
                    (reference.members().iter()).filter_map(|&j| nth(j, k).map(|l| (j, l))),
                );
                let representative = instances
                    .iter()
                    .copied()
                    .find(|(j, _)| *j == al.pivot)
                    .or_else(|| instances.first().copied());
                let ref_link = representative.map(|(article, link)| RefLink {
                    article,
                    link,
                    instances,
                    vote,
                });
                match (mine, ref_link) {
                    (None, Some(r)) => {
                        let cascade = al
                            .slot_of_section(r.article, al.file_link(r.article, r.link).section)
                            .is_some_and(|s| missing_slots.contains(&s));
                        missing.push((key.0, r, cascade));
                    }
                    (None, None) => break,
                    (Some(l), Some(r)) => links.push((l, r)),
                    (Some(_), None) => {}
                }
                k += 1;
            }
        };
        if self.identity_regions {
            // The alignment's table serves as it is. A key that neither this file nor a
            // reference file has ends at once: no reference file shows it.
            let n = al.group.articles.len();
            for (q, &key) in al.link_keys.iter().enumerate() {
                let row = &al.link_rows[q * n..(q + 1) * n];
                compare_key(key, &|j, k| {
                    let at = row.get(j)?.start + k;
                    (at < row[j].end).then(|| al.link_lists[at])
                });
            }
        } else {
            // The regions are built for this file and the files it is compared with.
            let mut files: Vec<usize> = reference.members().to_vec();
            if let Reference::Consensus { fallback, .. } = reference {
                files.extend(fallback);
            }
            files.push(i);
            files.sort_unstable();
            files.dedup();
            let built = self.build_regions(&files, &my_slots);
            let mut keys: Vec<(usize, u32)> =
                Vec::with_capacity(built.values().map(HashMap::len).sum());
            keys.extend(built.values().flat_map(|m| m.keys().copied()));
            keys.sort_unstable();
            keys.dedup();
            // Each file's links under one key, looked up once per key rather than once per vote.
            let mut lists: Vec<Option<&Vec<usize>>> = Vec::new();
            for key in keys {
                lists.clear();
                lists.extend(
                    (0..al.group.articles.len()).map(|j| built.get(&j).and_then(|m| m.get(&key))),
                );
                let lists = &lists;
                compare_key(key, &|j, k| {
                    lists.get(j).copied().flatten()?.get(k).copied()
                });
            }
        }
        self.links = links;
        self.links.sort_by_key(|(l, _)| *l);
        self.pair_leftovers(missing, extra);
        self.case_mismatches();
    }

    /// Regions for a file that lacks some slots: each link of each file goes to the nearest slot
    /// at or before its own that this file has; returns (region, URL) -> links per file.
    fn build_regions(
        &mut self,
        files: &[usize],
        my_slots: &[usize],
    ) -> HashMap<usize, HashMap<(usize, u32), Vec<usize>>> {
        let al = self.alignment;
        for &j in files {
            let mut ranks: HashMap<usize, usize> = HashMap::default();
            let table = (0..al.file(j).body.links.len())
                .map(|l| {
                    let raw = al.link_slot(j, l)?;
                    let region = *my_slots[..my_slots.partition_point(|&s| s <= raw)].last()?;
                    let rank = ranks.entry(region).or_default();
                    *rank += 1;
                    Some((region, *rank - 1))
                })
                .collect();
            self.regions.insert(j, table);
        }
        files
            .iter()
            .map(|&j| {
                let mut map: HashMap<(usize, u32), Vec<usize>> = HashMap::default();
                for (l, entry) in self.regions[&j].iter().enumerate() {
                    if let Some((region, _)) = entry {
                        map.entry((*region, al.url_ids[j][l])).or_default().push(l);
                    }
                }
                (j, map)
            })
            .collect()
    }

    /// Matched links whose URL differs only in letter case from the reference's form: the form
    /// most reference files write, and on a tie the lowercase one.
    fn case_mismatches(&mut self) {
        let al = self.alignment;
        let mut found = Vec::new();
        let count_form = |forms: &mut Vec<(u32, usize)>, form: u32| match forms
            .iter_mut()
            .find(|(f, _)| *f == form)
        {
            Some((_, n)) => *n += 1,
            None => forms.push((form, 1)),
        };
        for (l, r) in &self.links {
            let mine = al.exact_ids[self.index][*l];
            let mut forms: Vec<(u32, usize)> = Vec::new();
            for &(j, k) in &r.instances {
                count_form(&mut forms, al.exact_ids[j][k]);
            }
            // Counting this file's own form, an even split is decided by every file of the
            // article that has the link, and then by the lowercase form.
            let mut with_me = forms.clone();
            count_form(&mut with_me, mine);
            with_me.sort_by_key(|form| std::cmp::Reverse(form.1));
            if with_me.len() >= 2 && with_me[0].1 == with_me[1].1 {
                let key = al.url_ids[self.index][*l];
                forms.clear();
                for (j, article) in al.group.articles.iter().enumerate() {
                    if let Some(k) =
                        (0..article.body.links.len()).find(|&k| al.url_ids[j][k] == key)
                    {
                        count_form(&mut forms, al.exact_ids[j][k]);
                    }
                }
            }
            let best = forms
                .iter()
                .max_by_key(|(form, n)| (*n, al.exact_is_lowercase[*form as usize]))
                .map(|(form, _)| *form);
            let Some(best) = best else { continue };
            if mine != best {
                let (j, k) = r
                    .instances
                    .iter()
                    .copied()
                    .find(|&(j, k)| al.exact_ids[j][k] == best)
                    .unwrap_or((r.article, r.link));
                let count = forms
                    .iter()
                    .find(|(f, _)| *f == best)
                    .map_or(0, |(_, n)| *n);
                let of = forms.iter().map(|(_, n)| n).sum::<usize>().max(r.vote.of);
                let vote = Vote {
                    verdict: Some(true),
                    count,
                    of,
                    disputed: false,
                    other_versions: false,
                };
                found.push((
                    *l,
                    RefLink {
                        article: j,
                        link: k,
                        instances: r.instances.clone(),
                        vote,
                    },
                ));
            }
        }
        self.url_mismatches.extend(found);
        self.url_mismatches.sort_by_key(|m| m.0);
    }

    /// Pairs what the reference has and this file lacks with what this file has extra: a link that
    /// moved between sections is not reported; a dropped `](url)` or a changed URL is reported once.
    /// The region a link of file `j` is compared in, from this file's point of view (its slot, or
    /// when this file has no section at that slot, the nearest slot before it that this file has),
    /// and the link's rank among `j`'s links of that region.
    fn region(&self, j: usize, link: usize) -> Option<(usize, usize)> {
        if self.identity_regions {
            return self.alignment.link_ranks[j][link];
        }
        self.regions.get(&j).and_then(|table| table[link])
    }

    /// Whether link `mine` of this file stands where the reference link `r` stands: the same
    /// region, and the same rank among the links there.
    pub fn same_position(&self, mine: usize, r: &RefLink) -> bool {
        let here = self.region(self.index, mine);
        here.is_some() && here == self.region(r.article, r.link)
    }

    fn pair_leftovers(
        &mut self,
        mut missing: Vec<(usize, RefLink, bool)>,
        mut extra: Vec<(usize, Vote)>,
    ) {
        let al = self.alignment;
        let i = self.index;
        let body = &self.article.body;
        // Moved between sections: same URL elsewhere.
        missing.retain(|(_, r, _)| {
            let url = al.url_ids[r.article][r.link];
            if let Some(k) = extra.iter().position(|(l, _)| al.url_ids[i][*l] == url) {
                extra.swap_remove(k);
                false
            } else {
                true
            }
        });
        // Broken syntax in this file that was meant to be the missing link.
        for (b, broken) in body.broken_links.iter().enumerate() {
            let slot = al
                .slot_of_section(i, broken.section)
                .or_else(|| al.previous_slot(i, broken.section));
            let found = match (&broken.url, broken.kind) {
                (Some(url), _) => {
                    let url = normalize_url(url);
                    missing
                        .iter()
                        .position(|(_, r, _)| al.urls[r.article][r.link] == url)
                }
                (None, BrokenKind::UnclosedBracket) => {
                    missing.iter().position(|(s, _, _)| Some(*s) == slot)
                }
                (None, _) => None,
            };
            if let Some(k) = found {
                let (_, r, _) = missing.remove(k);
                self.dropped_links.push((b, r));
            }
        }
        // The same place with another target: a URL mismatch.
        let mut leftovers = Vec::new();
        for (slot, r, cascade) in missing {
            let reference_url = &al.file_link(r.article, r.link).url;
            let position = self.region(r.article, r.link).map(|(_, rank)| rank);
            let candidate = extra
                .iter()
                .enumerate()
                .filter(|(_, (l, _))| self.region(i, *l).is_some_and(|(region, _)| region == slot))
                .map(|(k, (l, _))| {
                    let mine_position = self.region(i, *l).map(|(_, rank)| rank);
                    let similarity = url_similarity(reference_url, &body.links[*l].url);
                    let same_place = position.is_some() && position == mine_position;
                    (k, similarity + if same_place { 0.3 } else { 0.0 })
                })
                .filter(|(_, score)| *score >= 0.5)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((k, _)) = candidate {
                let (l, _) = extra.remove(k);
                self.url_mismatches.push((l, r));
            } else if !cascade {
                leftovers.push((slot, r));
            }
        }
        for (slot, r) in leftovers {
            let place = self.place_for_link(slot, &r);
            self.missing_links.push(MissingLink {
                reference: r,
                place,
            });
        }
        let in_extra_section = |link: usize| {
            let section = body.links[link].section;
            al.slot_of_section(i, section).is_none()
                || self.extra_sections.iter().any(|e| e.section == section)
        };
        self.extra_links = extra
            .into_iter()
            .filter(|(link, _)| !in_extra_section(*link))
            .map(|(link, vote)| ExtraLink { link, vote })
            .collect();
        self.extra_links.sort_by_key(|e| e.link);
        self.url_mismatches.sort_by_key(|m| m.0);
    }

    /// Where a missing link belongs: the block at the same position in the aligned section, when
    /// the section has as many blocks as the reference's; else the section's heading.
    fn place_for_link(&self, slot: usize, r: &RefLink) -> Span {
        let al = self.alignment;
        let blocks_of = |article: &Article, section: usize| article.body.blocks_of(section);
        let theirs = al.file(r.article);
        let their_section = theirs.body.links[r.link].section;
        let their_block = &theirs
            .body
            .blocks
            .get(theirs.body.links[r.link].block)
            .map(|b| b.span.clone());
        let Some(my_section) = al.section_at(self.index, slot) else {
            return 0..0;
        };
        let mine = blocks_of(self.article, my_section);
        let their_blocks = blocks_of(theirs, their_section);
        if let Some(their_block) = their_block
            && mine.len() == their_blocks.len()
            && let Some(k) = their_blocks.iter().position(|b| b == their_block)
        {
            let block = &mine[k];
            return block.start
                ..line_end(&self.article.text, block.start).min(block.end.max(block.start));
        }
        let span = &self.article.body.sections[my_section].span;
        if span.is_empty() {
            let start = span.start;
            return start..line_end(&self.article.text, start);
        }
        span.clone()
    }
}

impl Alignment<'_> {
    pub fn file(&self, i: usize) -> &Article {
        &self.group.articles[i]
    }

    fn file_link(&self, i: usize, l: usize) -> &Link {
        &self.group.articles[i].body.links[l]
    }
}

/// How alike two URLs are, 0 to 1: equal ignoring case is 0.9; the same host with a similar path
/// scores by shared path prefix.
fn url_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (normalize_url(a), normalize_url(b));
    if a.eq_ignore_ascii_case(&b) {
        return 0.9;
    }
    // Normalized URLs are `//host/path` or, for site hosts and relative links, a bare path.
    let host = |u: &str| {
        u.strip_prefix("//")
            .map(|rest| rest.split('/').next().unwrap_or("").to_ascii_lowercase())
    };
    if host(&a) != host(&b) {
        return 0.0;
    }
    let shared = a
        .bytes()
        .zip(b.bytes())
        .take_while(|(x, y)| x.eq_ignore_ascii_case(y))
        .count();
    #[allow(clippy::cast_precision_loss)]
    {
        0.2 + 0.6 * shared as f64 / a.len().max(b.len()) as f64
    }
}

fn line_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    start
        + rest
            .find('\n')
            .map_or(rest.len(), |n| rest[..n].trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_that_name_a_locale() {
        assert!(names_a_locale(
            "https://docs.microsoft.com/en-us/microsoft-365/admin"
        ));
        assert!(names_a_locale(
            "https://support.microsoft.com/office/x?ui=en-US&rs=en-US"
        ));
        assert!(names_a_locale("/de-de/office"));
        assert!(!names_a_locale(
            "https://docs.microsoft.com/microsoft-365/admin"
        ));
        assert!(!names_a_locale("https://example.com/guide?id=7#setup"));
    }

    #[test]
    fn normalizes_locale_segments_and_hosts() {
        assert_eq!(
            normalize_url("https://docs.microsoft.com/de-DE/microsoft-365/admin/"),
            normalize_url("https://Docs.Microsoft.com/en-us/microsoft-365/admin")
        );
        assert_eq!(
            normalize_url("https://support.microsoft.com/office/x?ui=de-DE&rs=de-DE&ad=DE"),
            normalize_url("https://support.microsoft.com/office/x")
        );
        assert_ne!(
            normalize_url("https://docs.microsoft.com/MicrosoftTeams/rooms/"),
            normalize_url("https://docs.microsoft.com/microsoftteams/rooms/")
        );
        assert_ne!(
            normalize_url("https://x.com/a-date??WT.mc_id=1"),
            normalize_url("https://x.com/a-date?WT.mc_id=1")
        );
        assert_eq!(
            normalize_url("../de-de/articles/x.md"),
            normalize_url("../articles/x.md")
        );
        assert_eq!(
            normalize_url("https://docs.microsoft.com/microsoftteams/manage-teams-with-policies"),
            normalize_url("/microsoftteams/manage-teams-with-policies")
        );
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("3/8/2021"), Some((2021, 3, 8)));
        assert_eq!(parse_date("08/05/2021"), Some((2021, 8, 5)));
        assert_eq!(parse_date("2021-08-05"), Some((2021, 8, 5)));
        assert_eq!(parse_date("08.04.2021"), None);
        assert_eq!(parse_date("13/01/2021"), None);
    }

    #[test]
    fn votes_need_a_strict_majority() {
        let r = Reference::Consensus {
            other_versions: false,
            fallback_other_versions: false,
            me: 9,
            voters: vec![0, 1, 2, 3],
            fallback: vec![],
        };
        assert_eq!(r.vote(|j| j < 3).verdict, Some(true));
        assert_eq!(r.vote(|j| j < 1).verdict, Some(false));
        // 2 of 4 others, and this file sides with the two that lack it: 3 against 2.
        assert_eq!(r.vote(|j| j < 2).verdict, Some(false));
        let r = Reference::Consensus {
            other_versions: false,
            fallback_other_versions: false,
            me: 9,
            voters: vec![0, 1],
            fallback: vec![0, 1, 2],
        };
        assert_eq!(r.vote(|j| j != 1).verdict, Some(true));
        // 2 against 2 counting this file: the wider pool decides.
        let r = Reference::Consensus {
            other_versions: false,
            fallback_other_versions: false,
            me: 9,
            voters: vec![0, 1, 2],
            fallback: vec![0, 1, 2, 3, 4, 5],
        };
        assert_eq!(r.vote(|j| j == 0 || j == 9).verdict, Some(false));
        assert_eq!(r.vote(|j| j == 1 || j >= 3).verdict, Some(true));
        // 2 against 2 with nothing else to ask: each side hears of the other.
        let r = Reference::Consensus {
            other_versions: false,
            fallback_other_versions: false,
            me: 9,
            voters: vec![0, 1, 2],
            fallback: vec![0, 1, 2],
        };
        let vote = r.vote(|j| j == 0 || j == 9);
        assert_eq!((vote.verdict, vote.disputed), (Some(false), true));
        let vote = r.vote(|j| j == 1 || j == 2);
        assert_eq!((vote.verdict, vote.disputed), (Some(true), true));
    }
}
