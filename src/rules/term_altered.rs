//! `term-altered`: a product name, acronym or UI term that the reference keeps as written is
//! missing from this locale's aligned section, or there fewer times. Terms come from the
//! configuration (`[terms] keep`) and are inferred: a name-shaped token that the source has, or
//! that a clear majority of the other locales keep there. A name most locales translate is an
//! official localized name, never a finding; `[terms.allow]` lists a locale's accepted forms.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::{Check, Finding, Rule, Settings, Severity, clip, line_at};
use crate::align::{Alignment, Reference};
use crate::locale;
use crate::model::{Article, Role};
use crate::terms::{self, Shape};
use crate::text::has_own_script;

pub(super) const RULE: Rule = Rule {
    id: "term-altered",
    summary: "a product name, acronym or UI term the other locales keep is missing or altered",
    severity: Severity::Warning,
    docs: include_str!("../../rules/term-altered.md"),
    fixable: false,
    check: Check::Group(check),
};

/// The name-shaped tokens of an article's files, each once, numbered in byte order, with its
/// shape (a configured phrase is kept whatever its shape); and per file, per section (the title
/// last), the numbers of those it writes with how often, in order. Shaped and ordered once per
/// article, not once per file and place.
struct Index<'a> {
    terms: Vec<(&'a str, Shape)>,
    files: Vec<Option<Sections>>,
}

/// Per section of a file (the title last): the numbers of the terms written there, with how
/// often, in order.
type Sections = Vec<Vec<(u32, u32)>>;

impl<'a> Index<'a> {
    fn new(articles: &'a [Article], skips: &[Vec<Range<usize>>], keep: &'a [String]) -> Self {
        // Each token met gets a number when first met; `found` holds, per file, the (section,
        // number) of every token written.
        let mut numbers: FxHashMap<&'a str, u32> = FxHashMap::default();
        let mut tokens: Vec<&'a str> = Vec::new();
        let mut found: Vec<Option<Vec<(u32, u32)>>> = Vec::with_capacity(articles.len());
        for (article, skip) in articles.iter().zip(skips) {
            let indexed = article.locale.is_some() && article.front_matter.span.is_some()
                || article.role == Role::Source;
            found.push(indexed.then(|| {
                let mut here = Vec::new();
                tokens_by_section(article, skip, keep, |section, token| {
                    let number = *numbers.entry(token).or_insert_with(|| {
                        tokens.push(token);
                        u32::try_from(tokens.len() - 1).unwrap_or(u32::MAX)
                    });
                    here.push((u32::try_from(section).unwrap_or(u32::MAX), number));
                });
                here
            }));
        }
        // Numbered again in byte order, shaped once each.
        let mut order: Vec<u32> = (0..u32::try_from(tokens.len()).unwrap_or(u32::MAX)).collect();
        order.sort_unstable_by(|&a, &b| tokens[a as usize].cmp(tokens[b as usize]));
        let mut rank = vec![0u32; tokens.len()];
        for (r, &t) in order.iter().enumerate() {
            rank[t as usize] = u32::try_from(r).unwrap_or(u32::MAX);
        }
        let terms: Vec<(&str, Shape)> = (order.iter())
            .map(|&t| {
                let token = tokens[t as usize];
                let shape = if token.contains(' ') {
                    Shape::Strong
                } else {
                    terms::shape(token)
                };
                (token, shape)
            })
            .collect();
        let files = (found.into_iter().zip(articles))
            .map(|(found, article)| {
                let mut found = found?;
                for entry in &mut found {
                    entry.1 = rank[entry.1 as usize];
                }
                found.sort_unstable();
                let mut sections = vec![Vec::new(); article.body.sections.len() + 1];
                for run in found.chunk_by(|a, b| a == b) {
                    let (section, term) = run[0];
                    if terms[term as usize].1 != Shape::None {
                        let count = u32::try_from(run.len()).unwrap_or(u32::MAX);
                        sections[section as usize].push((term, count));
                    }
                }
                Some(sections)
            })
            .collect();
        Index { terms, files }
    }
}

/// Calls `each` with the section (the title: one past the last) of every name-shaped token of
/// `article`, and of every configured term of several words, found as a phrase.
fn tokens_by_section<'a>(
    article: &'a Article,
    skip: &[Range<usize>],
    keep: &'a [String],
    mut each: impl FnMut(usize, &'a str),
) {
    let text: &str = &article.text;
    let title = article.body.sections.len();
    // A block with no capital and no digit has no name-shaped token: not tokenized.
    let blocks =
        (article.body.blocks.iter()).filter(|b| may_hold_a_name(&text.as_bytes()[b.span.clone()]));
    for block in blocks {
        terms::name_tokens(text, block.span.clone(), skip, |r| {
            each(block.section, &text[r]);
        });
    }
    if let Some(span) = title_span(article) {
        terms::name_tokens(text, span, &[], |r| each(title, &text[r]));
    }
    for term in keep.iter().filter(|t| t.contains(' ')) {
        for (at, _) in text.match_indices(term.as_str()) {
            each(section_of(article, at).unwrap_or(title), term.as_str());
        }
    }
}

/// Whether `bytes` hold an ASCII capital or digit, as every name-shaped token does
/// (`terms::name_tokens`). A chunk at a time, without a branch per byte: the test of a whole chunk
/// is vectorized.
fn may_hold_a_name(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | b.is_ascii_uppercase() | b.is_ascii_digit()
        })
    })
}

/// What tokens are not text: link targets and code, sorted by start.
fn skipped(article: &Article) -> Vec<Range<usize>> {
    let mut skip: Vec<Range<usize>> = article
        .body
        .links
        .iter()
        .map(|l| l.url_span.clone())
        .chain(article.body.code.iter().map(|c| c.span.clone()))
        .collect();
    skip.sort_unstable_by_key(|r| r.start);
    skip
}

fn title_span(article: &Article) -> Option<Range<usize>> {
    article
        .front_matter
        .get("title")
        .map(|e| e.value_span.clone())
        .filter(|s| !s.is_empty())
}

fn section_of(article: &Article, at: usize) -> Option<usize> {
    let sections = &article.body.sections;
    let first = sections.first()?;
    (at >= first.span.start).then(|| {
        sections
            .partition_point(|s| s.span.start <= at)
            .saturating_sub(1)
    })
}

struct Ctx<'a> {
    al: &'a Alignment<'a>,
    index: Index<'a>,
    settings: &'a Settings,
    /// Per file: the other locales it is judged among (`Alignment::peers`).
    peers: Vec<Vec<usize>>,
    /// Per file: what is not text (`skipped`).
    skips: Vec<Vec<Range<usize>>>,
    /// Per file: its language, numbered (`Ctx::language`); compared for every pair of files
    /// at every place.
    languages: Vec<usize>,
}

impl<'a> Ctx<'a> {
    fn article(&self, i: usize) -> &Article {
        &self.al.group.articles[i]
    }

    /// File `i`'s language, as a number shared by the files in the same language.
    fn language(&self, i: usize) -> usize {
        self.languages[i]
    }

    /// File `i`'s section index (in its `Index`) at `place`.
    fn at(&self, i: usize, place: Option<usize>) -> Option<usize> {
        self.index.files[i].as_ref()?;
        match place {
            Some(slot) => self.al.section_at(i, slot),
            None => title_span(self.article(i)).map(|_| self.article(i).body.sections.len()),
        }
    }

    /// The byte range of file `i`'s section `section` (or its title).
    fn range(&self, i: usize, section: usize) -> Range<usize> {
        let article = self.article(i);
        match article.body.sections.get(section) {
            Some(s) => s.span.start..s.end,
            None => title_span(article).unwrap_or(0..0),
        }
    }

    /// The text blocks of file `i`'s section (the title is one block).
    fn blocks(&self, i: usize, section: usize) -> Vec<Range<usize>> {
        let article = self.article(i);
        if section >= article.body.sections.len() {
            return title_span(article).into_iter().collect();
        }
        article.body.blocks_of(section)
    }

    /// What file `i` writes in `range`, read once for every term looked up there.
    fn forms(&self, i: usize, range: Range<usize>) -> Forms<'_> {
        let article = self.article(i);
        let text: &str = &article.text;
        let locale = article.locale.as_deref().unwrap_or("");
        let latin = !has_own_script(locale);
        let mut tokens = Vec::new();
        terms::tokens(text, range.clone(), &self.skips[i], |r| {
            tokens.push(&text[r]);
        });
        Forms {
            text,
            range,
            locale,
            latin,
            tokens,
            skeletons: std::cell::OnceCell::new(),
        }
    }

    /// File `i`'s forms in its section `section`, from `cache` or read into it.
    fn forms_at<'c>(
        &'a self,
        cache: &'c mut [Option<Forms<'a>>],
        i: usize,
        section: usize,
    ) -> &'c Forms<'a> {
        cache[i].get_or_insert_with(|| self.forms(i, self.range(i, section)))
    }

    /// How often file `i` writes `term` in `range`, in any form its locale may use.
    fn loose_count(&self, i: usize, range: Range<usize>, term: &str) -> u32 {
        self.forms(i, range).count(term, self.settings)
    }
}

/// A file's text at one place, split for looking terms up.
struct Forms<'a> {
    text: &'a str,
    range: Range<usize>,
    locale: &'a str,
    latin: bool,
    tokens: Vec<&'a str>,
    /// The words in the locale's own letters, as `terms::skeleton`s: read on first need.
    skeletons: std::cell::OnceCell<Vec<String>>,
}

impl Forms<'_> {
    /// How often `term` is written here in a form the locale may use: other case, inflected,
    /// transliterated, spaced between letters and digits, or an allowed translation.
    fn count(&self, term: &str, settings: &Settings) -> u32 {
        let text = &self.text[self.range.clone()];
        let mut count = 0;
        if term.contains(' ') {
            count += count_phrase(text, term);
        } else {
            count += self
                .tokens
                .iter()
                .filter(|t| terms::is_form_of(t, term, self.latin) || t.eq_ignore_ascii_case(term))
                .count();
            let theirs = terms::skeleton(term);
            if !self.latin && theirs.len() >= 3 {
                // The locale's own letters may spell a name (`Майкрософт`, `アウトルック`).
                let skeletons = self
                    .skeletons
                    .get_or_init(|| terms::skeletons(&self.text[self.range.clone()]));
                count += skeletons
                    .iter()
                    .filter(|mine| terms::same_skeleton(mine, &theirs))
                    .count();
            }
            // `Windows 10` for `Windows10`: a space between letters and digits is a spelling.
            if let Some(r) = terms::spaced(self.text, self.range.clone(), term)
                && terms::spaced_only_at_digits(&self.text[r])
            {
                count += 1;
            }
        }
        for form in settings.terms.allowed(self.locale, term) {
            count += count_phrase(text, form);
        }
        u32::try_from(count).unwrap_or(u32::MAX)
    }
}

fn count_phrase(hay: &str, phrase: &str) -> usize {
    if phrase.is_empty() {
        return 0;
    }
    let hay = hay.to_lowercase();
    let phrase = phrase.to_lowercase();
    hay.matches(phrase.as_str()).count()
}

fn check(al: &Alignment<'_>, settings: &Settings, out: &mut Vec<Finding>) {
    let articles = &al.group.articles;
    if articles.len() < 2 {
        return;
    }
    let checked: Vec<usize> = (0..articles.len())
        .filter(|&i| {
            articles[i].role == Role::Translation
                && al.references[i].is_some()
                && !al.ahead_of_reference(i)
                && !articles[i].is_include_or_readme()
        })
        .collect();
    if checked.is_empty() {
        return;
    }
    let skips: Vec<Vec<Range<usize>>> = articles.iter().map(skipped).collect();
    let index = Index::new(articles, &skips, &settings.terms.keep);
    let peers = (0..articles.len()).map(|i| al.peers(i)).collect();
    let mut named: Vec<Option<&str>> = Vec::new();
    let languages = (articles.iter())
        .map(|a| {
            let language = a.locale.as_deref().map(locale::language);
            named
                .iter()
                .position(|&l| l == language)
                .unwrap_or_else(|| {
                    named.push(language);
                    named.len() - 1
                })
        })
        .collect();
    let ctx = Ctx {
        al,
        index,
        settings,
        peers,
        skips,
        languages,
    };
    let slots = al.slot_sections.iter().map(Vec::len).max().unwrap_or(0);
    // Per term, the files that write it at the place being checked: emptied after each.
    let mut writers: Vec<Vec<(usize, u32)>> = vec![Vec::new(); ctx.index.terms.len()];
    for place in (0..slots).map(Some).chain([None]) {
        check_place(&ctx, &checked, place, &mut writers, out);
    }
}

/// The terms at one slot (`None`: the title), judged for every checked file.
fn check_place(
    ctx: &Ctx<'_>,
    checked: &[usize],
    place: Option<usize>,
    writers: &mut [Vec<(usize, u32)>],
    out: &mut Vec<Finding>,
) {
    let n = ctx.index.files.len();
    // Each term with the files that write it here (in file order), the terms in byte order.
    let mut written: Vec<u32> = Vec::new();
    for (i, sections) in ctx.index.files.iter().enumerate() {
        let (Some(sections), Some(section)) = (sections, ctx.at(i, place)) else {
            continue;
        };
        for &(t, c) in &sections[section] {
            let files = &mut writers[t as usize];
            if files.is_empty() {
                written.push(t);
                // Room for every file at once: a term most files write is the common case.
                files.reserve_exact(n - i);
            }
            files.push((i, c));
        }
    }
    if written.is_empty() {
        return;
    }
    written.sort_unstable();
    let named = written.iter().map(|&t| {
        let (term, shape) = ctx.index.terms[t as usize];
        (term, (shape, &writers[t as usize]))
    });
    // Per checked file: the other locales that judge it here, found when a term first needs them.
    let mut judges: Vec<Option<Judges>> = checked.iter().map(|_| None).collect();
    let judges_of = |m: usize| {
        let mut others: Vec<usize> = Vec::with_capacity(ctx.peers[m].len());
        others.extend((ctx.peers[m].iter().copied()).filter(|&o| ctx.at(o, place).is_some()));
        let language = ctx.language(m);
        let kin = (others.iter().copied())
            .filter(|&o| ctx.language(o) == language)
            .collect();
        Judges { others, kin }
    };
    // What each file writes here, read when first needed and shared by every term.
    let mut forms: Vec<Option<Forms<'_>>> = (0..n).map(|_| None).collect();
    let mut counts = vec![0u32; n];
    for (term, (shape, group)) in named {
        let keep = ctx.settings.terms.keep.iter().any(|k| k == term);
        let shape = if keep { Shape::Strong } else { shape };
        let has_source = group
            .iter()
            .any(|&(i, _)| ctx.article(i).role == Role::Source);
        if shape == Shape::None || (group.len() < 2 && !has_source) {
            continue;
        }
        counts.fill(0);
        for &(i, c) in group {
            counts[i] = c;
        }
        // No verdict asks for more than some file writes: a file that writes it as often as any
        // is not judged.
        let most = group.iter().map(|&(_, c)| c).max().unwrap_or(0);
        for (k, &m) in checked.iter().enumerate() {
            if counts[m] >= most {
                continue;
            }
            let Some(section) = ctx.at(m, place) else {
                continue;
            };
            let judges = judges[k].get_or_insert_with(|| judges_of(m));
            let Some(verdict) = required(ctx, m, judges, place, &counts, shape, keep) else {
                continue;
            };
            if counts[m] >= verdict.times {
                continue;
            }
            let found = ctx
                .forms_at(&mut forms, m, section)
                .count(term, ctx.settings);
            if found >= verdict.times
                || (!keep && localized_elsewhere(ctx, &mut forms, m, place, term, &counts))
            {
                continue;
            }
            out.push(finding(ctx, m, section, place, term, found, &verdict));
        }
    }
    for &t in &written {
        writers[t as usize].clear();
    }
}

/// A name that at least a quarter of the translations in other languages, and at least three,
/// write in no form at all at a place, whichever version they are on, is one the locales
/// localize (`MyApps`: `Meine Apps`, `Mina appar`, `Мои приложения`): a translation may follow
/// them. A name a few locales each mangle their own way (`Outlook .com`, `9000199.com`) stays
/// protected, and so does what is written like code or a number (`navigator.userAgent`,
/// `KB4549949`, `B2B`): no locale localizes those.
fn localized_elsewhere<'a>(
    ctx: &'a Ctx<'a>,
    forms: &mut [Option<Forms<'a>>],
    m: usize,
    place: Option<usize>,
    term: &str,
    counts: &[u32],
) -> bool {
    if term
        .bytes()
        .any(|b| b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-' | b'/'))
    {
        return false;
    }
    let language = ctx.language(m);
    let (mut lacking, mut translations) = (0, 0);
    for (o, &count) in counts.iter().enumerate() {
        if o == m || ctx.article(o).role != Role::Translation || ctx.language(o) == language {
            continue;
        }
        let Some(section) = ctx.at(o, place) else {
            continue;
        };
        translations += 1;
        if count == 0 && ctx.forms_at(forms, o, section).count(term, ctx.settings) == 0 {
            lacking += 1;
        }
    }
    lacking >= 3 && 4 * lacking >= translations
}

/// The other locales that judge a file at one place, and those of them in its language.
struct Judges {
    others: Vec<usize>,
    kin: Vec<usize>,
}

/// What the reference says of a term at a place.
struct Verdict {
    /// How many times this file should write it.
    times: u32,
    /// The file that shows it (the source, or a locale that keeps it).
    witness: usize,
    /// Why: the witness is the source, or so many of the other locales keep it.
    evidence: Evidence,
}

/// Why a verdict holds, put in words only for a finding: most verdicts are met.
enum Evidence {
    Source,
    Keep { agree: usize, of: usize },
}

impl Evidence {
    /// "the en-US source has it" or "17 of 18 other locales keep it".
    fn words(&self, ctx: &Ctx<'_>, witness: usize) -> String {
        match self {
            Evidence::Source => format!("the {} source has it", ctx.article(witness).locale_name()),
            Evidence::Keep { agree, of } => format!("{agree} of {of} other locales keep it"),
        }
    }
}

/// Whether file `m` must write `term` at `place`, and how often.
fn required(
    ctx: &Ctx<'_>,
    m: usize,
    judges: &Judges,
    place: Option<usize>,
    counts: &[u32],
    shape: Shape,
    keep: bool,
) -> Option<Verdict> {
    let al = ctx.al;
    let others = &judges.others;
    let n = others.len();
    let at_least = |k: u32| others.iter().filter(|&&o| counts[o] >= k).count();
    // A name that another locale of the same language also writes differently has an official
    // localized form there (`Skype Entreprise`, `企業版`).
    if !keep && judges.kin.iter().any(|&o| counts[o] == 0) {
        return None;
    }
    // A clear majority: the other locales keep it, but for a few that may have localized it
    // (fewer for acronyms, none for capitalized words, which are often plan or feature names
    // with official translations: `Business`, `Premium`).
    let tolerated = match shape {
        Shape::Strong => (n / 6).max(1),
        Shape::Acronym => 1,
        Shape::Weak | Shape::None => 0,
    };
    // Few locales say little about an acronym or a capitalized word.
    let enough = match shape {
        Shape::Strong => 2,
        Shape::Acronym => 4,
        Shape::Weak | Shape::None => 3,
    };
    let decides = |k: u32| {
        let a = at_least(k);
        if keep {
            2 * a > n
        } else {
            n >= enough && a >= 2 && a + tolerated >= n
        }
    };
    if let Some(Reference::Source(source)) = al.references[m] {
        ctx.at(source, place)?;
        let times = counts[source];
        if times == 0 {
            return None;
        }
        // What the source has is protected only if the locales do not translate it.
        let protected = keep
            || match shape {
                Shape::Strong | Shape::Acronym => n < 3 || decides(1),
                Shape::Weak => decides(1),
                Shape::None => false,
            };
        if !protected {
            return None;
        }
        let mut times = times;
        while n >= 3 && times > 1 && !decides(times) {
            times -= 1;
        }
        return Some(Verdict {
            times,
            witness: source,
            evidence: Evidence::Source,
        });
    }
    if n < 2 || !decides(1) {
        return None;
    }
    let mut times = 1;
    while decides(times + 1) {
        times += 1;
    }
    let witness = others.iter().copied().find(|&o| counts[o] >= times)?;
    let agree = at_least(times);
    Some(Verdict {
        times,
        witness,
        evidence: Evidence::Keep { agree, of: n },
    })
}

fn finding(
    ctx: &Ctx<'_>,
    m: usize,
    section: usize,
    place: Option<usize>,
    term: &str,
    found: u32,
    verdict: &Verdict,
) -> Finding {
    let article = ctx.article(m);
    let text: &str = &article.text;
    let witness = verdict.witness;
    let witness_text: &str = &ctx.article(witness).text;
    let witness_section = ctx.at(witness, place).unwrap_or(section);
    let mine = ctx.blocks(m, section);
    let theirs = ctx.blocks(witness, witness_section);
    // The witness's block that has the term more often than this file's block at the same index
    // (blocks correspond when both sections have as many).
    let aligned = mine.len() == theirs.len();
    let occurrence = |range: &Range<usize>| -> Option<Range<usize>> {
        let mut first = None;
        terms::tokens(witness_text, range.clone(), &[], |r| {
            if first.is_none() && &witness_text[r.clone()] == term {
                first = Some(r);
            }
        });
        if first.is_none() && term.contains(' ') {
            let at = witness_text[range.clone()].find(term)?;
            first = Some(range.start + at..range.start + at + term.len());
        }
        first
    };
    let mut target = None;
    let mut shown = None;
    // This file's and the witness's count in the target block, or in the section.
    let mut tally = (found, verdict.times);
    for (k, block) in theirs.iter().enumerate() {
        let Some(at) = occurrence(block) else {
            continue;
        };
        if aligned {
            let here = ctx.loose_count(m, mine[k].clone(), term);
            let there = ctx.loose_count(witness, block.clone(), term);
            if here >= there {
                continue;
            }
            target = Some(k);
            tally = (here, there);
        }
        shown = Some((block.clone(), at));
        break;
    }
    let area = target.map_or_else(|| ctx.range(m, section), |k| mine[k].clone());
    let instead = shown
        .as_ref()
        .and_then(|(block, at)| {
            instead(
                (text, &area, &skipped(article)),
                (witness_text, block, at),
                term,
                target.is_some(),
            )
        })
        .or_else(|| terms::spaced(text, area.clone(), term))
        .filter(|r| {
            !skipped(article)
                .iter()
                .any(|s| s.start < r.end && r.start < s.end)
        });
    let span = match (&instead, target) {
        (Some(r), _) => r.clone(),
        (None, Some(k)) => line_at(text, mine[k].start),
        (None, None) => {
            let range = ctx.range(m, section);
            let start = mine.first().map_or(range.start, |b| b.start);
            line_at(text, start)
        }
    };
    // Without corresponding blocks the place is the section.
    let here = if target.is_some() {
        "here"
    } else {
        "in this section"
    };
    let evidence = verdict.evidence.words(ctx, witness);
    let message = match (&instead, tally) {
        (Some(r), _) => format!(
            "`{term}` is written `{}` here; {evidence}",
            clip(&text[r.clone()], 40),
        ),
        (None, (0, _)) => format!("`{term}` is missing {here}; {evidence}"),
        (None, (mine, theirs)) => {
            format!("`{term}` is {here} {mine} of {theirs} times; {evidence}")
        }
    };
    let locale = article.locale_name();
    let mut finding = Finding::new(m, span, message).help(format!(
        "keep product names and acronyms as written; if `{term}` has an official {locale} name, \
         allow it in loclint.toml: [terms.allow.{locale}] \"{term}\" = [\"…\"]"
    ));
    if let Some((_, at)) = shown {
        finding = finding.related(witness, at, format!("`{term}` here"));
    }
    finding
}

/// What this file wrote in the term's place: `Outlook .com`, a misspelling (`Intuned`), or the
/// word between the same neighbours (`Mae` in `Mae-Azure Active`).
fn instead(
    (text, area, skip): (&str, &Range<usize>, &[Range<usize>]),
    (witness_text, witness_block, at): (&str, &Range<usize>, &Range<usize>),
    term: &str,
    aligned: bool,
) -> Option<Range<usize>> {
    if let Some(r) = terms::spaced(text, area.clone(), term) {
        return Some(r);
    }
    let mut theirs: Vec<&str> = Vec::new();
    terms::tokens(witness_text, witness_block.clone(), &[], |r| {
        theirs.push(&witness_text[r]);
    });
    let mut misspelt = None;
    terms::tokens(text, area.clone(), skip, |r| {
        let token = &text[r.clone()];
        if misspelt.is_none() && terms::is_misspelling(token, term) && !theirs.contains(&token) {
            misspelt = Some(r);
        }
    });
    if misspelt.is_some() || !aligned {
        return misspelt;
    }
    // Neighbours: the words on either side of the term's word, found once in both blocks.
    let their_words = terms::words(witness_text, witness_block.clone());
    let my_words = terms::words(text, area.clone());
    let word = terms::word_at(witness_text, witness_block, at.start);
    let w = their_words
        .iter()
        .position(|r| r.start <= at.start && at.end <= r.end)?;
    let parts = terms::parts(witness_text, word);
    let part = parts
        .iter()
        .position(|p| p.start <= at.start && at.end <= p.end)?;
    let unique = |words: &[Range<usize>], hay: &str, needle: &str| -> Option<usize> {
        let mut hits = words
            .iter()
            .enumerate()
            .filter(|(_, r)| &hay[(*r).clone()] == needle);
        let (k, _) = hits.next()?;
        hits.next().is_none().then_some(k)
    };
    let find = |neighbour: usize| -> Option<usize> {
        let anchor = &witness_text[their_words.get(neighbour)?.clone()];
        if anchor.contains(term) {
            return None;
        }
        unique(&their_words, witness_text, anchor)?;
        unique(&my_words, text, anchor)
    };
    let (before, after) = (w.checked_sub(1).and_then(find), find(w + 1));
    // Both neighbours around one word is the surest; one neighbour will do for a word that reads
    // as a name's replacement.
    let sandwiched = match (before, after) {
        (Some(b), Some(a)) if a == b + 2 => Some(b + 1),
        _ => None,
    };
    let single = [after.and_then(|a| a.checked_sub(1)), before.map(|b| b + 1)];
    for (k, strict) in sandwiched
        .map(|k| (k, false))
        .into_iter()
        .chain(single.into_iter().flatten().map(|k| (k, true)))
    {
        let Some(candidate) = my_words.get(k) else {
            continue;
        };
        let my_parts = terms::parts(text, candidate.clone());
        // Hyphenated alike (`MFA-Azure`, `Mae-Azure`): the same part is the term's place.
        let structural = parts.len() > 1 && my_parts.len() == parts.len();
        let chosen = if structural {
            my_parts[part].clone()
        } else if parts.len() == 1 {
            // `ב-תכלת` for `Azure`: the longest part carries the word.
            my_parts
                .iter()
                .max_by_key(|p| p.len())
                .cloned()
                .unwrap_or_else(|| candidate.clone())
        } else {
            continue;
        };
        let word = &text[chosen.clone()];
        let first = word.chars().next().unwrap_or(' ');
        // With one neighbour only, the word must show it took the name's place: a hyphenated
        // match, or a capitalized word where the name was.
        // Between both neighbours, a short word is more likely a moved preposition (`для`).
        let shaped = structural || first.is_uppercase() || (!strict && word.chars().count() >= 4);
        let plausible = !word.is_empty()
            && !word.contains(term)
            && word.chars().count() <= 3 * term.chars().count() + 10
            && !their_words.iter().any(|r| &witness_text[r.clone()] == word)
            && word.chars().any(char::is_alphabetic)
            && shaped;
        if plausible {
            return Some(chosen);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_chunked_look_for_capitals_and_digits_answers_as_a_byte_by_byte_one(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    60 => proptest::sample::select(b"abz .,<>/:@[`{\xC3\x89".to_vec()),
                    1 => proptest::sample::select(b"AZ09".to_vec()),
                    1 => proptest::num::u8::ANY,
                ],
                0..200,
            )
        ) {
            let byte_by_byte = bytes.iter().any(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            proptest::prop_assert_eq!(may_hold_a_name(&bytes), byte_by_byte);
        }
    }
}
