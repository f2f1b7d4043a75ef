//! The diagnostics of a run, held until they are reported in output order without holding them
//! as values: each file's diagnostics are one block of compact bytes, and the blocks move to a
//! temporary file (removed when the store is dropped) once they outgrow a memory budget. It
//! decides nothing about order or filtering: `lint` does.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::discover::Found;
use crate::fix::{FileEdit, FileFix};
use crate::report::{Diagnostic, RelatedDiagnostic};
use crate::rules::{self, Severity};

/// Encoded blocks kept in memory before they are written to the temporary file.
const MEMORY_BUDGET: usize = 4 * 1024 * 1024;

/// One file's diagnostics, encoded.
pub struct Block {
    pub path: PathBuf,
    /// The file's place in the walk's list (`Store::set_walk`), when it is there: the store then
    /// keeps that index instead of a copy of the path.
    pub walked: Option<usize>,
    bytes: Vec<u8>,
}

/// Encodes diagnostics (of any files) into one block per file, in the order given.
pub fn encode(diagnostics: &[Diagnostic]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for d in diagnostics {
        let k = blocks
            .iter()
            .position(|b| b.path.as_os_str() == d.path.as_os_str())
            .unwrap_or_else(|| {
                blocks.push(Block {
                    path: d.path.clone(),
                    walked: None,
                    bytes: Vec::new(),
                });
                blocks.len() - 1
            });
        put_diagnostic(&mut blocks[k].bytes, d);
    }
    blocks
}

/// Where a block is: in the spilled file below `Store::spilled`, in memory above it.
struct Place {
    /// The file's path, unless it is in the walk's list at `walked` (boxed: one pointer, where
    /// most places have none).
    path: Option<Box<PathBuf>>,
    walked: u32,
    /// A notice (`translation-out-of-sync` of a change): it escapes the baseline and the
    /// selection of reported files.
    notice: bool,
    at: u64,
    len: usize,
}

#[derive(Default)]
pub struct Store {
    places: Vec<Place>,
    /// The walk's list of files, which blocks may point into.
    walk: Vec<Found>,
    memory: Vec<u8>,
    file: Option<Spill>,
    /// Bytes written to the file; `memory` holds what follows.
    spilled: u64,
}

struct Spill {
    file: File,
    /// Removed on drop where an open file cannot be removed at once.
    path: Option<PathBuf>,
}

impl Drop for Spill {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Store {
    /// Whether `read` may be called from several threads at once.
    pub const READ_IN_PARALLEL: bool = cfg!(unix);

    pub fn add(&mut self, blocks: Vec<Block>, notice: bool) -> io::Result<()> {
        for block in blocks {
            let walked = block.walked.and_then(|i| u32::try_from(i).ok());
            self.places.push(Place {
                path: match walked {
                    Some(_) => None,
                    None => Some(Box::new(block.path)),
                },
                walked: walked.unwrap_or(0),
                notice,
                at: self.spilled + self.memory.len() as u64,
                len: block.bytes.len(),
            });
            self.memory.extend_from_slice(&block.bytes);
        }
        if self.memory.len() > MEMORY_BUDGET {
            self.spill()?;
        }
        Ok(())
    }

    fn spill(&mut self) -> io::Result<()> {
        if self.file.is_none() {
            self.file = Some(temporary()?);
        }
        if let Some(spill) = &mut self.file {
            spill.file.write_all(&self.memory)?;
        }
        self.spilled += self.memory.len() as u64;
        self.memory.clear();
        Ok(())
    }

    /// The walk's list of files, which the blocks added with `Block::walked` point into. Given
    /// once every block is added, before any is read.
    pub fn set_walk(&mut self, walk: Vec<Found>) {
        self.walk = walk;
    }

    /// The files with diagnostics, sorted by path (`Path`'s order): for each, its blocks in the
    /// order added.
    pub fn files(&self) -> Vec<Vec<usize>> {
        let mut order: Vec<usize> = (0..self.places.len()).collect();
        // First by the paths' bytes, compared in pieces without building them (blocks of one
        // file keep the order they were added in): most often `Path`'s order already, which
        // each block is then held to against the one before.
        crate::sort_by(&mut order, |&a, &b| self.cmp_bytes(a, b));
        let mut steps = self.steps(&order);
        if steps.contains(&Ordering::Greater) {
            // A name with a byte that sorts before `/` (`a-b/` and `a/`): the stable sort by
            // `Path`'s order finds the list nearly sorted.
            let (mut x, mut y) = (Vec::new(), Vec::new());
            order.sort_by(|&a, &b| self.path_order(a, b, &mut x, &mut y));
            steps = self.steps(&order);
        }
        let mut files: Vec<Vec<usize>> = Vec::new();
        let after = std::iter::once(Ordering::Less).chain(steps);
        for (k, step) in order.into_iter().zip(after) {
            match files.last_mut() {
                Some(last) if step.is_eq() => last.push(k),
                _ => files.push(vec![k]),
            }
        }
        files
    }

    /// The order by `Path` of each block in `order` after the one before it: on the current
    /// thread pool's threads when called from one.
    fn steps(&self, order: &[usize]) -> Vec<Ordering> {
        use rayon::prelude::*;
        // The paths are written into two buffers to be compared, not built each time.
        let buffers = || (Vec::new(), Vec::new());
        let step = |(x, y): &mut (Vec<u8>, Vec<u8>), pair: &[usize]| {
            self.path_order(pair[0], pair[1], x, y)
        };
        if rayon::current_thread_index().is_some() {
            order.par_windows(2).map_init(buffers, step).collect()
        } else {
            let mut both = buffers();
            order.windows(2).map(|pair| step(&mut both, pair)).collect()
        }
    }

    /// The order of two blocks' paths by `Path`, with `x` and `y` to write them into.
    fn path_order(&self, a: usize, b: usize, x: &mut Vec<u8>, y: &mut Vec<u8>) -> Ordering {
        x.clear();
        y.clear();
        self.write_path(a, x);
        self.write_path(b, y);
        plain_order(x, y).unwrap_or_else(|| self.path(a).cmp(&self.path(b)))
    }

    pub fn is_notice(&self, block: usize) -> bool {
        self.places[block].notice
    }

    pub fn path(&self, block: usize) -> Cow<'_, Path> {
        let place = &self.places[block];
        match &place.path {
            Some(path) => Cow::Borrowed(path),
            None => self
                .walk
                .get(place.walked as usize)
                .map_or(Cow::Borrowed(Path::new("")), |f| Cow::Owned(f.path())),
        }
    }

    /// The order of two blocks' paths as bytes.
    fn cmp_bytes(&self, a: usize, b: usize) -> Ordering {
        let (a, b) = (&self.places[a], &self.places[b]);
        let found = |place: &Place| self.walk.get(place.walked as usize);
        match (&a.path, &b.path) {
            (None, None) => match (found(a), found(b)) {
                (Some(x), Some(y)) => x.cmp_path(y),
                (x, y) => x.is_some().cmp(&y.is_some()),
            },
            (None, Some(path)) => found(a).map_or(Ordering::Less, |f| f.cmp_to(path)),
            (Some(path), None) => found(b).map_or(Ordering::Greater, |f| f.cmp_to(path).reverse()),
            (Some(x), Some(y)) => x.as_os_str().cmp(y.as_os_str()),
        }
    }

    /// Appends the bytes of the block's path (`OsStr::as_encoded_bytes`) to `out`.
    fn write_path(&self, block: usize, out: &mut Vec<u8>) {
        let place = &self.places[block];
        match &place.path {
            Some(path) => out.extend_from_slice(path.as_os_str().as_encoded_bytes()),
            None => {
                if let Some(found) = self.walk.get(place.walked as usize) {
                    found.write_path(out);
                }
            }
        }
    }

    /// Decodes one block, appending its diagnostics to `out`.
    pub fn read(&self, block: usize, out: &mut Vec<Diagnostic>) -> io::Result<()> {
        let place = &self.places[block];
        let mut spilled = Vec::new();
        let bytes: &[u8] = if place.at >= self.spilled {
            let start = usize::try_from(place.at - self.spilled).unwrap_or(usize::MAX);
            self.memory
                .get(start..start.saturating_add(place.len))
                .ok_or_else(corrupt)?
        } else {
            let spill = self.file.as_ref().ok_or_else(corrupt)?;
            spilled.resize(place.len, 0);
            read_at(&spill.file, place.at, &mut spilled)?;
            &spilled
        };
        let mut reader = Reader { bytes, at: 0 };
        let path = self.path(block);
        while reader.at < bytes.len() {
            out.push(reader.diagnostic(&path).ok_or_else(corrupt)?);
        }
        Ok(())
    }
}

/// Reads `out.len()` bytes at `at`. On Unix without moving the file's position, so that blocks
/// can be read from several threads at once (`Store::READ_IN_PARALLEL`).
fn read_at(file: &File, at: u64, out: &mut [u8]) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(out, at)
    }
    #[cfg(not(unix))]
    {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = file;
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(out)
    }
}

/// `Path`'s order (by components) of two paths given as bytes, read from the bytes: where both
/// are plain from the folder where they first differ (`/` between names, no `.` or `..`, nothing
/// empty), it is the order of the bytes with `/` before any other. `None` where they are not.
fn plain_order(a: &[u8], b: &[u8]) -> Option<Ordering> {
    if std::path::MAIN_SEPARATOR != '/' {
        return None;
    }
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    // The names before are the same in both, and read the same.
    let start = a[..same]
        .iter()
        .rposition(|&c| c == b'/')
        .map_or(0, |i| i + 1);
    let plain = |rest: &[u8]| {
        rest.split(|&c| c == b'/')
            .all(|name| !matches!(name, b"" | b"." | b".."))
    };
    if !(plain(&a[start..]) && plain(&b[start..])) {
        return None;
    }
    let rank = |c: u8| if c == b'/' { 0 } else { u16::from(c) + 1 };
    Some(match (a.get(same), b.get(same)) {
        (Some(&x), Some(&y)) => rank(x).cmp(&rank(y)),
        _ => a.len().cmp(&b.len()),
    })
}

fn corrupt() -> io::Error {
    io::Error::other("the findings written to a temporary file could not be read back")
}

/// A new file in the temporary folder, removed at once where the system allows it.
fn temporary() -> io::Result<Spill> {
    let dir = std::env::temp_dir();
    for n in 0u32.. {
        let path = dir.join(format!("loclint-{}-{n}.findings", std::process::id()));
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => {
                let path = std::fs::remove_file(&path).is_err().then_some(path);
                return Ok(Spill { file, path });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no temporary file name left"))
}

fn put_uint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_usize(out: &mut Vec<u8>, value: usize) {
    put_uint(out, value as u64);
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_usize(out, bytes.len());
    out.extend_from_slice(bytes);
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_bytes(out, text.as_bytes());
}

fn put_option(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => {
            out.push(1);
            put_str(out, text);
        }
        None => out.push(0),
    }
}

#[cfg(unix)]
fn put_path(out: &mut Vec<u8>, path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    put_bytes(out, path.as_os_str().as_bytes());
}

#[cfg(not(unix))]
fn put_path(out: &mut Vec<u8>, path: &Path) {
    put_str(out, &path.to_string_lossy());
}

/// Same path as the block's: one byte instead of the path again.
fn put_path_in(out: &mut Vec<u8>, path: &Path, block: &Path) {
    if path == block {
        out.push(0);
    } else {
        out.push(1);
        put_path(out, path);
    }
}

fn put_diagnostic(out: &mut Vec<u8>, d: &Diagnostic) {
    put_str(out, d.rule);
    out.push(match d.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
    });
    put_option(out, d.locale.as_deref());
    put_str(out, &d.article);
    for n in [
        d.span.start,
        d.span.end,
        d.line,
        d.column,
        d.end_line,
        d.end_column,
    ] {
        put_usize(out, n);
    }
    put_str(out, &d.message);
    put_option(out, d.help.as_deref());
    put_usize(out, d.related.len());
    for r in &d.related {
        put_path_in(out, &r.path, &d.path);
        put_option(out, r.locale.as_deref());
        for n in [
            r.span.start,
            r.span.end,
            r.line,
            r.column,
            r.end_line,
            r.end_column,
        ] {
            put_usize(out, n);
        }
        put_str(out, &r.message);
    }
    match &d.fix {
        Some(fix) => {
            out.push(1);
            put_usize(out, fix.edits.len());
            for e in &fix.edits {
                put_path_in(out, &e.path, &d.path);
                put_usize(out, e.range.start);
                put_usize(out, e.range.end);
                put_str(out, &e.original);
                put_str(out, &e.replacement);
            }
        }
        None => out.push(0),
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn uint(&mut self) -> Option<usize> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return usize::try_from(value).ok();
            }
        }
        None
    }

    fn bytes(&mut self) -> Option<&[u8]> {
        let len = self.uint()?;
        let bytes = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(bytes)
    }

    fn string(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }

    /// An optional text: the outer `None` is a block that cannot be read.
    #[allow(clippy::option_option)]
    fn option(&mut self) -> Option<Option<String>> {
        match self.byte()? {
            0 => Some(None),
            _ => Some(Some(self.string()?)),
        }
    }

    #[cfg(unix)]
    fn path(&mut self) -> Option<PathBuf> {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(
            self.bytes()?.to_vec(),
        )))
    }

    #[cfg(not(unix))]
    fn path(&mut self) -> Option<PathBuf> {
        Some(PathBuf::from(self.string()?))
    }

    fn path_in(&mut self, block: &Path) -> Option<PathBuf> {
        match self.byte()? {
            0 => Some(block.to_path_buf()),
            _ => self.path(),
        }
    }

    fn six(&mut self) -> Option<[usize; 6]> {
        let mut out = [0; 6];
        for n in &mut out {
            *n = self.uint()?;
        }
        Some(out)
    }

    fn diagnostic(&mut self, path: &Path) -> Option<Diagnostic> {
        let rule = rules::find(&self.string()?)?.id;
        let severity = match self.byte()? {
            0 => Severity::Error,
            _ => Severity::Warning,
        };
        let locale = self.option()?;
        let article = self.string()?;
        let [start, end, line, column, end_line, end_column] = self.six()?;
        let message = self.string()?;
        let help = self.option()?;
        let related = (0..self.uint()?)
            .map(|_| {
                let path = self.path_in(path)?;
                let locale = self.option()?;
                let [start, end, line, column, end_line, end_column] = self.six()?;
                Some(RelatedDiagnostic {
                    path,
                    locale,
                    span: start..end,
                    line,
                    column,
                    end_line,
                    end_column,
                    message: self.string()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let fix = match self.byte()? {
            0 => None,
            _ => Some(FileFix {
                edits: (0..self.uint()?)
                    .map(|_| {
                        Some(FileEdit {
                            path: self.path_in(path)?,
                            range: self.uint()?..self.uint()?,
                            original: self.string()?,
                            replacement: self.string()?,
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
            }),
        };
        Some(Diagnostic {
            rule,
            severity,
            path: path.to_path_buf(),
            locale,
            article,
            span: start..end,
            line,
            column,
            end_line,
            end_column,
            message,
            help,
            related,
            fix,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn plain_order_is_the_order_of_paths(
            a in "/?((de-DE|de|d|a\\.md|-|\\.|\\.\\.|)/){0,4}(x|x-y|x\\.md)/?",
            b in "/?((de-DE|de|d|a\\.md|-|\\.|\\.\\.|)/){0,4}(x|x-y|x\\.md)/?",
        ) {
            if let Some(order) = plain_order(a.as_bytes(), b.as_bytes()) {
                proptest::prop_assert_eq!(order, Path::new(&a).cmp(Path::new(&b)), "{} {}", a, b);
            }
        }
    }

    #[test]
    fn plain_order_reads_the_paths_a_walk_gives() {
        let (a, b) = ("docs/de-DE/x.md", "docs/de-DE-x/x.md");
        assert_eq!(
            plain_order(a.as_bytes(), b.as_bytes()),
            Some(Ordering::Less)
        );
        assert!(
            a.as_bytes() > b.as_bytes(),
            "the order of the bytes is not that of paths"
        );
        assert_eq!(plain_order(b"a/./x", b"a/y"), None);
    }

    #[test]
    fn a_stored_block_costs_little() {
        // One place per file with findings: a quarter of a million on a large repository.
        assert!(
            std::mem::size_of::<Place>() <= 32,
            "{}",
            std::mem::size_of::<Place>()
        );
    }

    fn diagnostic(path: &str, message: &str) -> Diagnostic {
        Diagnostic {
            rule: "link-url-mismatch",
            severity: Severity::Error,
            path: PathBuf::from(path),
            locale: Some("de-DE".to_owned()),
            article: "a.md".to_owned(),
            span: 3..70_000,
            line: 2,
            column: 1,
            end_line: 900,
            end_column: 4,
            message: message.to_owned(),
            help: None,
            related: vec![RelatedDiagnostic {
                path: PathBuf::from("en-US/a.md"),
                locale: None,
                span: 1..2,
                line: 1,
                column: 2,
                end_line: 1,
                end_column: 3,
                message: "the reference".to_owned(),
            }],
            fix: Some(FileFix {
                edits: vec![FileEdit {
                    path: PathBuf::from(path),
                    range: 3..5,
                    original: "ab".to_owned(),
                    replacement: "ä".to_owned(),
                }],
            }),
        }
    }

    fn shown(d: &Diagnostic) -> String {
        format!("{d:?}")
    }

    #[test]
    fn files_come_in_the_order_of_paths_where_it_is_not_the_bytes_order() {
        let mut store = Store::default();
        // `-` sorts before `/` as a byte, after the end of a name in a path.
        for path in ["d/de-DE-x/x.md", "d/de-DE/x.md", "d/a.md", "d/de-DE/x.md"] {
            store
                .add(encode(&[diagnostic(path, "one")]), false)
                .unwrap();
        }
        assert_eq!(store.files(), vec![vec![2], vec![1, 3], vec![0]]);
    }

    #[test]
    fn blocks_read_back_what_was_added_in_memory_and_spilled() {
        let mut store = Store::default();
        let first = vec![
            diagnostic("de-DE/a.md", "one"),
            diagnostic("fr-FR/a.md", "two"),
        ];
        store.add(encode(&first), false).unwrap();
        store.spill().unwrap();
        let second = vec![diagnostic("de-DE/a.md", "three")];
        store.add(encode(&second), true).unwrap();
        let files = store.files();
        assert_eq!(files, vec![vec![0, 2], vec![1]]);
        assert!(store.is_notice(2) && !store.is_notice(0));
        let mut out = Vec::new();
        for block in [0, 2, 1] {
            store.read(block, &mut out).unwrap();
        }
        let expected = [&first[0], &second[0], &first[1]];
        assert_eq!(
            out.iter().map(shown).collect::<Vec<_>>(),
            expected.iter().map(|d| shown(d)).collect::<Vec<_>>()
        );
    }
}
