//! The only filesystem walker: finds the Markdown files under the given paths (respecting
//! .gitignore and the configured globs), reads them, and derives each file's locale and article
//! key from its path (by the configured layout's patterns, else by the Microsoft Docs
//! conventions). It never writes.

use std::cmp::Ordering;
use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::layout::{Layout, Root};
use crate::locale;

/// A file found by the walk: where it is and what its path says. Its text is read later, when
/// its article is checked, so that memory holds one article at a time.
///
/// It keeps no copy of its path: the path is the article key with `key[head..len - tail]`
/// replaced by the spot's `middle`, most often the locale folder (`de-de/`), which the files of
/// a walk share. Half a million paths would otherwise be most of what a run holds.
#[derive(Debug, Clone)]
pub struct Found {
    /// The article key: the path with the locale part removed, or the layout's source path
    /// (shared by the files of the walk that have it: an article's locales).
    key: Arc<String>,
    spot: Arc<Spot>,
    /// Why the walk could not reach it, if it could not.
    pub problem: Option<Box<String>>,
    head: u16,
    tail: u16,
    /// The walk saw a regular file here (not a link, FIFO or device): it is opened without a
    /// look at its path first.
    regular: bool,
}

/// What a file's path says beside its article key: one for the files of a locale folder.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Spot {
    middle: OsString,
    /// The locale written in the path.
    locale: Option<String>,
    /// The configured layout's source pattern names the file: it is in the source locale of
    /// its place (`locale` holds the configuration's).
    source: bool,
}

impl Found {
    fn new(
        path: &Path,
        key: Arc<String>,
        locale: Option<String>,
        source: bool,
        share: impl FnOnce(Spot) -> Arc<Spot>,
    ) -> Self {
        let (head, middle, tail) = split_path(path, &key);
        Found {
            key,
            spot: share(Spot {
                middle,
                locale,
                source,
            }),
            problem: None,
            head,
            tail,
            regular: false,
        }
    }

    pub fn key(&self) -> &Arc<String> {
        &self.key
    }

    /// The locale written in the path.
    pub fn path_locale(&self) -> Option<&str> {
        self.spot.locale.as_deref()
    }

    /// The configured layout's source pattern names it: it is in the source locale of its
    /// place (`path_locale` is the configuration's).
    pub fn is_source(&self) -> bool {
        self.spot.source
    }

    /// Gives the file another article key (a flat layout's); its path stays.
    pub fn set_key(&mut self, key: String) {
        let path = self.path();
        let (locale, source) = (self.spot.locale.clone(), self.spot.source);
        let problem = self.problem.take();
        *self = Found {
            problem,
            ..Found::new(&path, Arc::new(key), locale, source, Arc::new)
        };
    }

    pub fn path(&self) -> PathBuf {
        let mut path = OsString::with_capacity(self.key.len() + self.spot.middle.len());
        let (head, tail) = self.key_ends();
        path.push(head);
        path.push(&self.spot.middle);
        path.push(tail);
        PathBuf::from(path)
    }

    /// The parts of the key the path keeps, before and after the middle.
    fn key_ends(&self) -> (&str, &str) {
        let tail = self.key.len() - usize::from(self.tail);
        (&self.key[..usize::from(self.head)], &self.key[tail..])
    }

    /// The path's bytes (`OsStr::as_encoded_bytes`), in three pieces.
    pub fn path_parts(&self) -> [&[u8]; 3] {
        let (head, tail) = self.key_ends();
        [
            head.as_bytes(),
            self.spot.middle.as_encoded_bytes(),
            tail.as_bytes(),
        ]
    }

    /// Appends the path's bytes (`OsStr::as_encoded_bytes`) to `out`.
    pub fn write_path(&self, out: &mut Vec<u8>) {
        for part in self.path_parts() {
            out.extend_from_slice(part);
        }
    }

    /// Whether the file is at `path`, written byte for byte so.
    pub fn is_at(&self, path: &Path) -> bool {
        self.cmp_to(path).is_eq()
    }

    /// The order of the paths' bytes (`OsStr`'s order), as the walk sorts them.
    pub fn cmp_path(&self, other: &Found) -> Ordering {
        cmp_pieces(&self.path_parts(), &other.path_parts())
    }

    /// `cmp_path` with a path.
    pub fn cmp_to(&self, path: &Path) -> Ordering {
        cmp_pieces(&self.path_parts(), &[path.as_os_str().as_encoded_bytes()])
    }
}

/// Two byte strings given in pieces, compared as if each were one.
fn cmp_pieces(left: &[&[u8]], right: &[&[u8]]) -> Ordering {
    let (mut lefts, mut rights) = (left.iter().copied(), right.iter().copied());
    let (mut this, mut that): (&[u8], &[u8]) = (&[], &[]);
    loop {
        while this.is_empty() {
            let Some(next) = lefts.next() else { break };
            this = next;
        }
        while that.is_empty() {
            let Some(next) = rights.next() else { break };
            that = next;
        }
        if this.is_empty() || that.is_empty() {
            return this.len().cmp(&that.len());
        }
        let n = this.len().min(that.len());
        match cmp_short(&this[..n], &that[..n]) {
            Ordering::Equal => (this, that) = (&this[n..], &that[n..]),
            unequal => return unequal,
        }
    }
}

/// Two byte strings of one length compared eight bytes at a time, inline: the pieces of a path
/// are short, and sorting the walk compares them some 60 times a file, where a call to `memcmp`
/// each time costs more than the comparison.
fn cmp_short(a: &[u8], b: &[u8]) -> Ordering {
    let mut chunks = a.chunks_exact(8).zip(b.chunks_exact(8));
    for (x, y) in &mut chunks {
        let (x, y) = (
            u64::from_be_bytes(x.try_into().unwrap_or_default()),
            u64::from_be_bytes(y.try_into().unwrap_or_default()),
        );
        if x != y {
            return x.cmp(&y);
        }
    }
    let done = a.len() - a.len() % 8;
    (a[done..].iter().zip(&b[done..]))
        .find(|(x, y)| x != y)
        .map_or(Ordering::Equal, |(x, y)| x.cmp(y))
}

/// Where `path` and `key` differ: the length of the key's part before (ending at a folder), the
/// path's text in between, and the length of the part after. The whole path in between when
/// they have nothing in common or the lengths do not fit.
fn split_path(path: &Path, key: &str) -> (u16, OsString, u16) {
    let whole = || (0, path.as_os_str().to_owned(), 0);
    let Some(text) = path.to_str() else {
        return whole();
    };
    let (p, k) = (text.as_bytes(), key.as_bytes());
    let same = p.iter().zip(k).take_while(|(a, b)| a == b).count();
    // After a slash: a boundary of a character in both.
    let head = p[..same]
        .iter()
        .rposition(|&c| c == b'/')
        .map_or(0, |i| i + 1);
    let room = p.len().min(k.len()) - head;
    let mut tail = (p.iter().rev().zip(k.iter().rev()))
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    // The same bytes in both from there: a boundary in one is a boundary in the other.
    while !text.is_char_boundary(p.len() - tail) {
        tail -= 1;
    }
    match (u16::try_from(head), u16::try_from(tail)) {
        (Ok(h), Ok(t)) => (h, OsString::from(&text[head..p.len() - tail]), t),
        _ => whole(),
    }
}

/// Which files count as Markdown, and how their paths name locales and articles.
pub struct Filter {
    include: GlobSet,
    exclude: GlobSet,
    layout: Option<(Layout, Root, String)>,
}

impl Filter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, globset::Error> {
        Ok(Filter {
            include: glob_set(include)?,
            exclude: glob_set(exclude)?,
            layout: None,
        })
    }

    /// Names locales and articles by `layout`, whose patterns are relative to `root`; its
    /// sources are in `source_locale`. Files it does not name are not walked.
    #[must_use]
    pub fn with_layout(mut self, layout: Layout, root: Root, source_locale: &str) -> Self {
        self.layout = Some((layout, root, source_locale.to_owned()));
        self
    }

    /// The locale and article key of a path: by the layout, when one is configured and names
    /// it (`None` when it does not), else by the Microsoft Docs conventions.
    pub fn identity(&self, path: &Path) -> Option<(Option<String>, String, bool)> {
        let Some((layout, root, source_locale)) = &self.layout else {
            let (locale, key) = identity(path);
            return Some((locale, key, false));
        };
        let found = layout.identify(root, path)?;
        Some(match found.locale {
            Some(locale) => (Some(locale), found.key, false),
            None => (Some(source_locale.clone()), found.key, true),
        })
    }

    /// A walked file, or `None` when the layout does not name it.
    fn found_at(&self, path: &Path, shared: &mut Shared) -> Option<Found> {
        Some(self.unshared(path)?.share(shared))
    }

    /// A walked file before its key and spot are shared, or `None` when the layout does not
    /// name it.
    fn unshared(&self, path: &Path) -> Option<Unshared> {
        let (locale, key, source) = self.identity(path)?;
        let (head, middle, tail) = split_path(path, &key);
        Some(Unshared {
            key,
            spot: Spot {
                middle,
                locale,
                source,
            },
            head,
            tail,
            regular: false,
        })
    }

    /// A file named on the command line: one the layout does not name is checked on its own.
    fn named(&self, path: &Path) -> Found {
        self.found_at(path, &mut Shared::default())
            .unwrap_or_else(|| found_at(path))
    }

    fn wants(&self, path: &Path) -> bool {
        // The file name is taken apart only when the whole path does not match.
        let included = self.include.is_match(path)
            || self
                .include
                .is_match(path.file_name().map_or(path, Path::new));
        included && !self.exclude.is_match(path)
    }
}

fn glob_set(globs: &[String]) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob)?);
    }
    builder.build()
}

/// The largest file read; a larger one is reported as unreadable rather than loaded.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Walks `paths` and returns every Markdown file found, sorted by path (on the current thread
/// pool's threads when called from one), and errors met on the way.
pub fn discover(paths: &[PathBuf], filter: &Filter) -> Vec<Found> {
    // Each path becomes its `Found` as it is walked: a list of the paths themselves would be
    // the run's largest allocation, and freeing it would leave the keys scattered among its
    // holes.
    let walk = Walk {
        filter,
        found: Mutex::new(Walked::default()),
    };
    for root in paths {
        let named_file = fs::symlink_metadata(root).is_ok_and(|m| !m.is_dir())
            && !fs::metadata(root).is_ok_and(|m| m.is_dir());
        if named_file {
            walk.add(filter.named(root));
        } else if !root.exists() {
            walk.add(unreadable(root, "no such file or directory".to_owned()));
        } else {
            walk.walk(root);
        }
    }
    let mut files = walk
        .found
        .into_inner()
        .map_or_else(|e| e.into_inner().files, |w| w.files);
    // Byte order of the path is a total order, and cheaper than comparing components; sorted in
    // place (a stable sort would hold half the walk again), which also puts the files in one
    // order whichever thread walked them. A file both walked and met as an error or named is
    // kept once, the readable one first.
    crate::sort_unstable_by(&mut files, |a, b| {
        a.cmp_path(b).then_with(|| a.problem.cmp(&b.problem))
    });
    files.dedup_by(|a, b| a.cmp_path(b).is_eq());
    files.shrink_to_fit();
    files
}

/// A walk of the paths given: what it wants, and what it has found so far.
struct Walk<'a> {
    filter: &'a Filter,
    found: Mutex<Walked>,
}

/// The files a walk found, those it could not reach, and the files named on the command line;
/// and one copy of each key and spot they share.
#[derive(Default)]
struct Walked {
    files: Vec<Found>,
    shared: Shared,
}

impl Walk<'_> {
    fn found(&self) -> std::sync::MutexGuard<'_, Walked> {
        self.found.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn add(&self, found: Found) {
        self.found().files.push(found);
    }

    /// Adds the files of `batch`, sharing their keys and spots, under one lock.
    fn flush(&self, batch: &mut Vec<Unshared>) {
        let mut found = self.found();
        let Walked { files, shared } = &mut *found;
        files.extend(batch.drain(..).map(|file| file.share(shared)));
    }

    /// Walks the folder `root`. On a thread pool of more than one thread, the folders at its
    /// top are walked side by side (each reading the ignore files of the folders above it, as
    /// one walk from `root` does): the walk is all a run does before its checks start.
    fn walk(&self, root: &Path) {
        let builder = |at: &Path| {
            let mut builder = WalkBuilder::new(at);
            builder.require_git(false).follow_links(false);
            builder
        };
        let mut batch = Vec::with_capacity(BATCH);
        if rayon::current_thread_index().is_none() || rayon::current_num_threads() < 2 {
            for entry in builder(root).build() {
                self.visit(root, entry, &mut batch);
            }
            self.flush(&mut batch);
            return;
        }
        let mut folders = Vec::new();
        for entry in builder(root).max_depth(Some(1)).build() {
            if let Ok(entry) = &entry
                && entry.depth() == 1
                && entry.file_type().is_some_and(|t| t.is_dir())
            {
                folders.push(entry.path().to_path_buf());
            }
            self.visit(root, entry, &mut batch);
        }
        self.flush(&mut batch);
        // Each folder itself, at depth 0 of its walk, was met at the top.
        folders.par_iter().for_each(|folder| {
            let mut batch = Vec::with_capacity(BATCH);
            for entry in builder(folder).build() {
                self.visit(folder, entry, &mut batch);
            }
            self.flush(&mut batch);
        });
    }

    /// One entry of a walk from `root`: a file is added to `batch`, which is added to the
    /// walk's files when full.
    fn visit(
        &self,
        root: &Path,
        entry: Result<ignore::DirEntry, ignore::Error>,
        batch: &mut Vec<Unshared>,
    ) {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if entry.depth() == 0 && is_dir {
                    return;
                }
                if self.filter.wants(path)
                    && (!is_dir || path.extension().is_some())
                    && let Some(mut file) = self.filter.unshared(path)
                {
                    file.regular = entry.file_type().is_some_and(|t| t.is_file());
                    batch.push(file);
                    if batch.len() == BATCH {
                        self.flush(batch);
                    }
                }
            }
            Err(error) => {
                let path = error_path(&error).unwrap_or_else(|| root.to_path_buf());
                self.add(unreadable(&path, walk_error_message(&error)));
            }
        }
    }
}

/// Files a walking thread reads the paths of before it takes the lock to add them.
const BATCH: usize = 64;

/// A walked file whose key and spot are not yet shared with the other files'.
struct Unshared {
    key: String,
    spot: Spot,
    head: u16,
    tail: u16,
    regular: bool,
}

impl Unshared {
    fn share(self, shared: &mut Shared) -> Found {
        Found {
            key: shared.keys.share_value(self.key),
            spot: shared.spots.share_value(self.spot),
            problem: None,
            head: self.head,
            tail: self.tail,
            regular: self.regular,
        }
    }
}

/// Keys and spots repeat across a walk (an article's key once per locale, a locale folder once
/// per article): one copy of each.
#[derive(Default)]
struct Shared {
    keys: Interned<String>,
    spots: Interned<Spot>,
}

struct Interned<T>(FxHashSet<Arc<T>>);

impl<T> Default for Interned<T> {
    fn default() -> Self {
        Interned(FxHashSet::default())
    }
}

impl<T: Eq + std::hash::Hash> Interned<T> {
    fn share(&mut self, value: Arc<T>) -> Arc<T> {
        if let Some(known) = self.0.get(&*value) {
            return Arc::clone(known);
        }
        self.0.insert(Arc::clone(&value));
        value
    }

    /// `share` of a value not yet shared: the one known, or a new one (most of a walk's keys
    /// and spots are known, and are then not put behind a pointer only to be dropped).
    fn share_value(&mut self, value: T) -> Arc<T> {
        match self.0.get(&value) {
            Some(known) => Arc::clone(known),
            None => self.share(Arc::new(value)),
        }
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn walk_error_message(error: &ignore::Error) -> String {
    match error {
        ignore::Error::Loop { ancestor, .. } => {
            format!("symlink loop back to `{}`", ancestor.display())
        }
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_message(err),
        other => other.to_string(),
    }
}

fn unreadable(path: &Path, reason: String) -> Found {
    Found {
        problem: Some(Box::new(reason)),
        ..found_at(path)
    }
}

/// A file and what its path says of it.
pub fn found_at(path: &Path) -> Found {
    let (path_locale, key) = identity(path);
    Found::new(path, Arc::new(key), path_locale, false, Arc::new)
}

/// Reads a walked file as `read_text` does. Where the walk saw a regular file, it is opened
/// first and looked at through the open file: one lookup of its path instead of two. The open
/// does not wait, so a FIFO put in its place since cannot stall the run.
pub fn read_found(found: &Found, path: &Path) -> Result<Arc<str>, String> {
    if !found.regular {
        return read_text(path);
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    match options.open(path) {
        Ok(file) => {
            let metadata = file.metadata().map_err(|e| e.to_string())?;
            check_metadata(&metadata)?;
            read_open(file, &metadata)
        }
        // Gone or changed since the walk: the look at the path says what it is now.
        Err(_) => read_text(path),
    }
}

/// Reads one file: regular files only, valid UTF-8 text, no NUL bytes, within the size limit.
pub fn read_text(path: &Path) -> Result<Arc<str>, String> {
    let metadata = fs::metadata(path).map_err(|e| match fs::symlink_metadata(path) {
        Ok(link) if link.file_type().is_symlink() => "dangling symlink".to_owned(),
        _ => e.to_string(),
    })?;
    check_metadata(&metadata)?;
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
    read_open(file, &metadata)
}

/// Why a file with this metadata is not read, if it is not.
fn check_metadata(metadata: &fs::Metadata) -> Result<(), String> {
    if metadata.is_dir() {
        return Err("is a directory".to_owned());
    }
    if !metadata.is_file() {
        return Err("not a regular file (a FIFO, socket or device)".to_owned());
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} bytes, over the {MAX_FILE_BYTES}-byte limit",
            metadata.len()
        ));
    }
    Ok(())
}

/// Reads the text of an open regular file whose metadata is `metadata`.
fn read_open(file: fs::File, metadata: &fs::Metadata) -> Result<Arc<str>, String> {
    let bytes = read_bytes(file, metadata.len()).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("file is over the {MAX_FILE_BYTES}-byte limit"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("file is UTF-16 encoded; loclint reads UTF-8".to_owned());
    }
    if bytes.contains(&0)
        && let Some(at) = bytes.iter().position(|&b| b == 0)
    {
        return Err(format!("binary file: NUL byte at offset {at}"));
    }
    // Most of a translated file is not ASCII, which the standard library checks a character at a
    // time; simdutf8 checks it a vector at a time. Only a file that fails is checked again, for
    // where it fails.
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(Arc::from(text));
    }
    let at = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
    Err(format!(
        "not valid UTF-8: invalid byte sequence at offset {at}"
    ))
}

/// The bytes of an open file that was `len` bytes long when looked at, up to one byte over
/// the size limit (which tells the callers it is over). A file
/// of its size is read with one call: a read that stops one byte short of what was asked, at
/// exactly that size, has reached the end, so no second read is needed to see it. A file that
/// grew or shrank since is read on to its end.
fn read_bytes(mut file: fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    let limit = MAX_FILE_BYTES + 1;
    let len = usize::try_from(len.min(limit)).unwrap_or(0);
    let mut bytes = vec![0; len + 1];
    let first = loop {
        match file.read(&mut bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            answer => break answer?,
        }
    };
    bytes.truncate(first);
    if first != len {
        file.take(limit.saturating_sub(first as u64))
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// A file's whole text, for showing lines of it: `fs::read_to_string` in one read where the
/// file is the size it says. A file over the size limit (grown since it was checked) is not
/// read into memory: it has no lines to show.
pub fn read_to_show(path: &Path) -> Option<String> {
    let file = fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let bytes = read_bytes(file, len).ok()?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return None;
    }
    String::from_utf8(bytes).ok()
}

/// The locale a path names (`de-de/…`, `docs.sv-SE/…`, `article.fr.md`) and the article key:
/// the path with that locale part removed. Without a locale, the key is the path itself.
pub fn identity(path: &Path) -> (Option<String>, String) {
    if let Some(plain) = path.to_str().and_then(identity_of_plain) {
        return plain;
    }
    identity_by_components(path)
}

/// What a path's own folder or file name makes of it: its locale, and what is left in its place
/// (`None`: the whole segment goes).
fn segment_locale(name: &str, last: bool) -> Option<(String, Option<String>)> {
    if last {
        file_name_locale(name)
    } else if let Some(tag) = locale::from_segment(name, false) {
        Some((tag, None))
    } else {
        split_at_last(name, b'.').and_then(|(stem, part)| {
            locale::from_segment(part, false).map(|tag| (tag, Some(stem.to_owned())))
        })
    }
}

/// `text` around its last `byte` (ASCII), as `str::rsplit_once` splits it: found by `memrchr`,
/// not a searcher set up for each of the walk's paths.
fn split_at_last(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = memchr::memrchr(byte, text.as_bytes())?;
    Some((&text[..at], &text[at + 1..]))
}

/// `identity` of a path written plainly (`/` between segments, no empty segment and no `.` but a
/// leading one), read from its text: the walk writes every path so, and taking it apart into
/// components cost more than the rest of the walk. `None` for any other path.
fn identity_of_plain(path: &str) -> Option<(Option<String>, String)> {
    let bytes = path.as_bytes();
    // After each slash: not another slash, not `.` then a slash or the end, not the end.
    let plain_after = |slash: usize| match bytes.get(slash + 1..) {
        None | Some([] | [b'/', ..] | [b'.'] | [b'.', b'/', ..]) => false,
        Some(_) => true,
    };
    let plain = std::path::MAIN_SEPARATOR == '/'
        && !path.is_empty()
        && path != "."
        && memchr::memchr_iter(b'/', bytes).all(plain_after);
    if !plain {
        return None;
    }
    let mut end = path.len();
    loop {
        let start = memchr::memrchr(b'/', &path.as_bytes()[..end]).map_or(0, |slash| slash + 1);
        let name = &path[start..end];
        let last = end == path.len();
        if !name.is_empty()
            && name != "."
            && name != ".."
            && let Some((tag, rest)) = segment_locale(name, last)
        {
            let (before, after) = (&path[..start], &path[end..]);
            let key = match rest {
                Some(rest) if !rest.is_empty() => [before, &rest, after].concat(),
                // Cut out with one of the slashes beside it.
                None if !after.is_empty() => [before, &after[1..]].concat(),
                None if before.len() > 1 => before[..before.len() - 1].to_owned(),
                _ => return None,
            };
            return Some((Some(tag), key));
        }
        if start == 0 {
            return Some((None, path.to_owned()));
        }
        end = start - 1;
    }
}

fn identity_by_components(path: &Path) -> (Option<String>, String) {
    let components: Vec<Component<'_>> = path.components().collect();
    let last = components.len().saturating_sub(1);
    for (i, component) in components.iter().enumerate().rev() {
        let Component::Normal(name) = component else {
            continue;
        };
        let Some(name) = name.to_str() else { continue };
        if let Some((tag, rest)) = segment_locale(name, i == last) {
            let mut key = PathBuf::new();
            for (j, c) in components.iter().enumerate() {
                if j != i {
                    key.push(c.as_os_str());
                } else if let Some(rest) = &rest {
                    key.push(rest);
                }
            }
            return (Some(tag), key.to_string_lossy().into_owned());
        }
    }
    (None, path.to_string_lossy().into_owned())
}

/// The locale files of the articles of `paths`, found in the locale folders beside each path's
/// own (`docs/de-de/x.md` -> `docs/*/x.md`, and `docs/x.md` for a source), or where the
/// configured layout's patterns put them, without walking the tree: what a run over a few
/// changed files of a large repository needs. `None` when a path does not name its locale as a
/// whole folder (or the layout does not name it); then only a walk finds its article's files.
pub fn siblings(paths: &[PathBuf], filter: &Filter) -> Option<Vec<Found>> {
    if let Some((layout, root, _)) = &filter.layout {
        let mut found = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for path in paths {
            for candidate in layout.siblings(root, path)? {
                if filter.wants(&candidate)
                    && seen.insert(candidate.clone())
                    && let Some(file) = filter.found_at(&candidate, &mut Shared::default())
                {
                    found.push(file);
                }
            }
        }
        found.sort_by(Found::cmp_path);
        return Some(found);
    }
    let mut found = Vec::new();
    let mut seen: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let mut listed: std::collections::HashMap<PathBuf, Vec<std::ffi::OsString>> =
        std::collections::HashMap::new();
    for path in paths {
        let components: Vec<Component<'_>> = path.components().collect();
        let last = components.len().checked_sub(1)?;
        let is_tag = |c: &Component<'_>| matches!(c, Component::Normal(n) if n.to_str().is_some_and(|n| locale::from_segment(n, false).is_some()));
        let i = (0..last).rev().find(|&i| is_tag(&components[i]))?;
        let base: PathBuf = components[..i].iter().collect();
        let rest: PathBuf = components[i + 1..].iter().collect();
        // Only where the folder is what names the locale (not `article.fr.md` or `docs.fr/`).
        if identity(path).1 != base.join(&rest).to_string_lossy() {
            return None;
        }
        let names = listed.entry(base.clone()).or_insert_with(|| {
            let dir = if base.as_os_str().is_empty() {
                Path::new(".")
            } else {
                base.as_path()
            };
            fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| e.file_name())
                        .collect()
                })
                .unwrap_or_default()
        });
        let mut candidates = vec![base.join(&rest)];
        for name in names.iter() {
            if name
                .to_str()
                .is_some_and(|n| locale::from_segment(n, false).is_some())
            {
                candidates.push(base.join(name).join(&rest));
            }
        }
        for candidate in candidates {
            if fs::symlink_metadata(&candidate).is_ok()
                && filter.wants(&candidate)
                && seen.insert(candidate.clone())
            {
                found.push(found_at(&candidate));
            }
        }
    }
    found.sort_by(Found::cmp_path);
    Some(found)
}

/// `article.fr.md` -> (`fr`, `article.md`).
fn file_name_locale(name: &str) -> Option<(String, Option<String>)> {
    let (stem, extension) = split_at_last(name, b'.')?;
    let (base, part) = split_at_last(stem, b'.')?;
    let tag = locale::from_segment(part, true)?;
    Some((tag, Some(format!("{base}.{extension}"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(path: &str) -> (Option<String>, String) {
        identity(Path::new(path))
    }

    proptest::proptest! {
        #[test]
        fn a_plain_path_reads_as_its_components_do(
            segments in proptest::collection::vec(
                proptest::sample::select(vec![
                    "docs", "de-DE", "fr", "zh-Hans", "en-us", "x.md", "a.de-DE.md", "a.fr.md",
                    "intro.de-de", ".de", "de-DE.md", "..", ".", "", "my-file", "ab_cd",
                    "docs.sv-SE", "readme", "a.b.c",
                ]),
                1..6,
            ),
            absolute in proptest::bool::ANY,
        ) {
            let mut text = segments.join("/");
            if absolute {
                text.insert(0, '/');
            }
            if let Some(fast) = identity_of_plain(&text) {
                proptest::prop_assert_eq!(fast, identity_by_components(Path::new(&text)), "{}", text);
            }
        }
    }

    #[test]
    fn walked_paths_take_the_plain_reading() {
        for path in [
            "alchemy-insights/de-DE/AlchemyInsights/x.md",
            "./de-DE/x.md",
            "/a/b.fr.md",
            "docs/x.md",
        ] {
            assert!(identity_of_plain(path).is_some(), "{path}");
        }
        for path in ["a//de-DE/x.md", "a/./de-DE/x.md", "de-DE/", "."] {
            assert!(identity_of_plain(path).is_none(), "{path}");
        }
    }

    /// The folders at the top of a root are walked side by side on a pool: each still obeys
    /// the ignore files above it (in the root and the root's parent), its own, and skips hidden
    /// folders; the list is the one a walk on one thread finds.
    #[test]
    fn a_walk_side_by_side_finds_what_one_walk_finds() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("docs");
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            fs::write(path, text).expect("a file");
        };
        write(".gitignore", "secret.md\n");
        write("docs/.gitignore", "drafts/\n*.tmp.md\n");
        for locale in ["de-DE", "fr-FR", "ja-JP", "sv-SE"] {
            for name in [
                "a.md",
                "b.md",
                "secret.md",
                "c.tmp.md",
                "drafts/d.md",
                "sub/e.md",
            ] {
                write(&format!("docs/{locale}/{name}"), "# T\n");
            }
            write(&format!("docs/.hidden/{locale}/a.md"), "# T\n");
        }
        write("docs/de-DE/.gitignore", "b.md\n");
        write("docs/top.md", "# T\n");
        write("docs/drafts/f.md", "# T\n");
        let filter = Filter::new(&["*.md".to_owned()], &[]).expect("globs");
        let paths = |found: &[Found]| -> Vec<String> {
            let base = root.to_string_lossy().into_owned();
            (found.iter())
                .map(|f| f.path().to_string_lossy().replacen(&base, "", 1))
                .collect()
        };
        let alone = paths(&discover(std::slice::from_ref(&root), &filter));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("a pool");
        let side_by_side = pool.install(|| paths(&discover(std::slice::from_ref(&root), &filter)));
        let mut expected = vec!["/top.md".to_owned()];
        for locale in ["de-DE", "fr-FR", "ja-JP", "sv-SE"] {
            for name in ["a.md", "b.md", "sub/e.md"] {
                if !(locale == "de-DE" && name == "b.md") {
                    expected.push(format!("/{locale}/{name}"));
                }
            }
        }
        expected.sort();
        assert_eq!(alone, expected);
        assert_eq!(side_by_side, expected);
    }

    #[test]
    fn a_walked_file_costs_little_and_keeps_no_copy_of_its_path() {
        // A run holds one `Found` per file of the repository: each 8 bytes are 4.6 MB on a
        // walk of 576k files.
        assert!(
            std::mem::size_of::<Found>() <= 32,
            "{}",
            std::mem::size_of::<Found>()
        );
        let filter = Filter::new(&["*.md".to_owned()], &[]).expect("globs");
        let mut shared = Shared::default();
        let found: Vec<Found> = ["docs/de-de/a.md", "docs/de-de/b.md", "docs/fr-fr/a.md"]
            .iter()
            .filter_map(|p| filter.found_at(Path::new(p), &mut shared))
            .collect();
        assert_eq!(found[0].path(), Path::new("docs/de-de/a.md"));
        assert!(
            Arc::ptr_eq(&found[0].spot, &found[1].spot),
            "de-de/ is shared"
        );
        assert!(
            Arc::ptr_eq(found[0].key(), &found[2].key),
            "docs/a.md is shared"
        );
    }

    proptest::proptest! {
        #[test]
        fn a_found_file_gives_back_its_path_and_its_order(
            a in "(/|\\./)?((de-de|docs|é|a\\.fr\\.md|x\\.de-DE|fr)/){0,4}(x|é\\.md|a\\.de-DE\\.md|ab\\.fr\\.md)",
            b in "(/|\\./)?((de-de|docs|é|a\\.fr\\.md|x\\.de-DE|fr)/){0,4}(x|é\\.md|a\\.de-DE\\.md|ab\\.fr\\.md)",
            key in "[a-zéũ/.]{0,8}(ũ\\.md)?",
        ) {
            let (x, y) = (found_at(Path::new(&a)), found_at(Path::new(&b)));
            proptest::prop_assert_eq!(x.path(), PathBuf::from(&a));
            proptest::prop_assert!(x.is_at(Path::new(&a)));
            proptest::prop_assert_eq!(x.is_at(Path::new(&b)), a == b);
            proptest::prop_assert_eq!(x.cmp_path(&y), a.as_bytes().cmp(b.as_bytes()));
            proptest::prop_assert_eq!(x.cmp_to(Path::new(&b)), a.as_bytes().cmp(b.as_bytes()));
            let mut rekeyed = x.clone();
            rekeyed.set_key(key.clone());
            proptest::prop_assert_eq!(rekeyed.path(), PathBuf::from(&a));
            proptest::prop_assert_eq!(rekeyed.key().as_str(), key.as_str());
            let mut bytes = Vec::new();
            rekeyed.write_path(&mut bytes);
            proptest::prop_assert_eq!(bytes, a.as_bytes());
        }
    }

    /// A walked regular file is opened without a look at its path first; the open must not
    /// wait when something else has taken the file's place since the walk.
    #[cfg(unix)]
    #[test]
    fn a_walked_file_replaced_since_is_read_as_what_it_is_now() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let folder = dir.path().join("de-DE");
        fs::create_dir_all(&folder).expect("a folder");
        for name in ["a.md", "b.md", "c.md"] {
            fs::write(folder.join(name), "# Titel\n").expect("a file");
        }
        let filter = Filter::new(&["*.md".to_owned()], &[]).expect("globs");
        let found = discover(&[dir.path().to_path_buf()], &filter);
        assert_eq!(found.len(), 3);
        assert!(
            found.iter().all(|f| f.regular),
            "the walk saw regular files"
        );
        assert_eq!(
            read_found(&found[0], &found[0].path()),
            Ok(Arc::from("# Titel\n"))
        );
        fs::remove_file(folder.join("b.md")).expect("removed");
        let status = std::process::Command::new("mkfifo")
            .arg(folder.join("b.md"))
            .status()
            .expect("mkfifo");
        assert!(status.success(), "mkfifo failed");
        fs::remove_file(folder.join("c.md")).expect("removed");
        // Read on a thread: were the open to wait for a writer, the test fails instead of
        // hanging.
        let (sent, received) = std::sync::mpsc::channel();
        let walked = found[1].clone();
        std::thread::spawn(move || sent.send(read_found(&walked, &walked.path())));
        let fifo = received
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the open of a FIFO waited for a writer");
        assert_eq!(
            fifo,
            Err("not a regular file (a FIFO, socket or device)".to_owned())
        );
        let gone = read_found(&found[2], &found[2].path()).expect_err("gone");
        assert!(gone.contains("No such file"), "{gone}");
    }

    /// A file is read in one go when it has the size it was looked at with; one that grew or
    /// shrank since is still read whole, to its end.
    #[test]
    fn a_file_is_read_to_its_end_whatever_size_it_was_looked_at_with() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("a.md");
        let read_with = |metadata: &fs::Metadata| {
            read_open(fs::File::open(&path).expect("opened"), metadata).map(|text| text.to_string())
        };
        fs::write(&path, "").expect("a file");
        let empty = fs::metadata(&path).expect("metadata");
        assert_eq!(read_with(&empty), Ok(String::new()));
        fs::write(&path, "# Titel\n").expect("written");
        let short = fs::metadata(&path).expect("metadata");
        assert_eq!(read_with(&short), Ok("# Titel\n".to_owned()));
        assert_eq!(read_with(&empty), Ok("# Titel\n".to_owned()), "grew since");
        let long = "Text.\n".repeat(10_000);
        fs::write(&path, &long).expect("written");
        assert_eq!(read_with(&short), Ok(long.clone()), "grew since");
        let longer = fs::metadata(&path).expect("metadata");
        assert_eq!(read_with(&longer), Ok(long));
        fs::write(&path, "# Titel\n").expect("written");
        assert_eq!(
            read_with(&longer),
            Ok("# Titel\n".to_owned()),
            "shrank since"
        );
    }

    #[test]
    fn a_file_grown_over_the_limit_since_it_was_checked_has_nothing_to_show() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("a.md");
        fs::write(&path, "# Titel\n").expect("written");
        assert_eq!(read_to_show(&path), Some("# Titel\n".to_owned()));
        let file = fs::File::create(&path).expect("created");
        file.set_len(MAX_FILE_BYTES + 1).expect("grown");
        assert_eq!(read_to_show(&path), None);
    }

    #[test]
    fn siblings_are_found_in_the_locale_folders_beside() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (folder, name) in [
            ("de-DE", "x.md"),
            ("fr-FR", "x.md"),
            ("ja-JP", "y.md"),
            ("docs", "x.md"),
        ] {
            let folder = dir.path().join("docs").join(folder);
            fs::create_dir_all(&folder).expect("a folder");
            fs::write(folder.join(name), "x").expect("a file");
        }
        fs::write(dir.path().join("docs").join("x.md"), "source").expect("the source");
        let filter = Filter::new(&["*.md".to_owned()], &[]).expect("globs");
        let changed = [dir.path().join("docs/de-DE/x.md")];
        let found = siblings(&changed, &filter).expect("folder locales");
        let names: Vec<String> = found
            .iter()
            .map(|f| {
                f.path()
                    .strip_prefix(dir.path())
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["docs/de-DE/x.md", "docs/fr-FR/x.md", "docs/x.md"]);
        assert!(siblings(&[dir.path().join("docs/article.fr.md")], &filter).is_none());
    }

    #[test]
    fn locale_from_paths() {
        assert_eq!(
            id("c/de-de/A/x.md"),
            (Some("de-DE".into()), "c/A/x.md".into())
        );
        assert_eq!(id("c/lv-LV/x.md"), (Some("lv-LV".into()), "c/x.md".into()));
        assert_eq!(
            id("docs.sv-SE/x.md"),
            (Some("sv-SE".into()), "docs/x.md".into())
        );
        assert_eq!(
            id("d/article.fr.md"),
            (Some("fr".into()), "d/article.md".into())
        );
        assert_eq!(
            id("seeds/000_f3437d79a1940531.md"),
            (None, "seeds/000_f3437d79a1940531.md".into())
        );
        assert_eq!(id("docs/my-app/readme.md").0, None);
    }
}
