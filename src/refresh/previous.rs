//! What the previous run wrote, streamed in path order: its record lines
//! ([`PrevRecords`]) and its index entries ([`PrevIndex`]).

use super::{ArticleEntry, FileEntry};
use serde::Deserialize;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// One line of the previous `records.jsonl`.
#[derive(Debug, Clone)]
pub struct PrevLine {
    /// Record id.
    pub id: String,
    /// `source.path`.
    pub path: String,
    /// `source.line`.
    pub line: Option<u64>,
    /// How many warnings the record has.
    pub warnings: usize,
    /// The line, without its newline.
    pub text: String,
}

/// The previous lines of one source path, by id.
#[derive(Debug, Default)]
pub struct Group {
    /// The lines, in file order.
    pub lines: Vec<PrevLine>,
    by_id: HashMap<String, usize>,
}

impl Group {
    /// The line of a record id.
    pub fn get(&self, id: &str) -> Option<&PrevLine> {
        self.by_id.get(id).map(|&i| &self.lines[i])
    }
}

#[derive(Deserialize)]
struct Head {
    id: String,
    source: HeadSource,
    #[serde(default)]
    warnings: Vec<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct HeadSource {
    path: String,
    #[serde(default)]
    line: Option<u64>,
}

/// A previous output file for reading line by line; `None` when there is none.
fn open_previous(path: &Path) -> io::Result<Option<BufReader<File>>> {
    match File::open(path) {
        Ok(f) => Ok(Some(BufReader::with_capacity(1 << 20, f))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The next line of `reader` (without its newline) that `parse` accepts; lines
/// it rejects (a damaged file) are passed over. At the end the reader is closed.
fn next_parsed<T>(
    reader: &mut Option<BufReader<File>>,
    mut parse: impl FnMut(&[u8]) -> Option<T>,
) -> io::Result<Option<T>> {
    let Some(r) = reader.as_mut() else {
        return Ok(None);
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if r.read_until(b'\n', &mut buf)? == 0 {
            *reader = None;
            return Ok(None);
        }
        if let Some(v) = parse(buf.strip_suffix(b"\n").unwrap_or(&buf)) {
            return Ok(Some(v));
        }
    }
}

/// The previous `records.jsonl`, read one line at a time alongside the sorted
/// input list (both are in path order), so that memory stays flat.
pub struct PrevRecords {
    reader: Option<BufReader<File>>,
    peeked: Option<PrevLine>,
}

impl PrevRecords {
    /// Open `path`; a missing file reads as empty.
    pub fn open(path: &Path) -> io::Result<PrevRecords> {
        Ok(PrevRecords {
            reader: open_previous(path)?,
            peeked: None,
        })
    }

    /// The next line that is a record; lines that are not (a damaged file) are
    /// passed over: nothing can be reused from them.
    fn read(&mut self) -> io::Result<Option<PrevLine>> {
        next_parsed(&mut self.reader, |line| {
            let text = std::str::from_utf8(line).ok()?;
            let h = serde_json::from_str::<Head>(text).ok()?;
            Some(PrevLine {
                id: h.id,
                path: h.source.path,
                line: h.source.line,
                warnings: h.warnings.len(),
                text: text.to_string(),
            })
        })
    }

    fn peek(&mut self) -> io::Result<Option<&PrevLine>> {
        if self.peeked.is_none() {
            self.peeked = self.read()?;
        }
        Ok(self.peeked.as_ref())
    }

    /// The next line if its path sorts before `path` (or if `path` is `None`).
    pub fn next_before(&mut self, path: Option<&str>) -> io::Result<Option<PrevLine>> {
        match self.peek()? {
            Some(l) if path.is_none_or(|p| l.path.as_str() < p) => Ok(self.peeked.take()),
            _ => Ok(None),
        }
    }

    /// The lines of `path` (which must not sort before the lines already taken).
    pub fn take_path(&mut self, path: &str) -> io::Result<Group> {
        let mut g = Group::default();
        while self.peek()?.is_some_and(|l| l.path == path) {
            if let Some(l) = self.peeked.take() {
                g.by_id.entry(l.id.clone()).or_insert(g.lines.len());
                g.lines.push(l);
            }
        }
        Ok(g)
    }
}

/// One file's entry in the previous `index.jsonl`, with its articles by id.
#[derive(Debug)]
pub struct PrevFile {
    /// The entry.
    pub entry: FileEntry,
    by_id: HashMap<String, usize>,
}

impl PrevFile {
    /// Index a file's entry by article id (the first of a repeated id counts).
    pub fn new(entry: FileEntry) -> PrevFile {
        let mut by_id = HashMap::with_capacity(entry.articles.len());
        for (i, a) in entry.articles.iter().enumerate() {
            by_id.entry(a.id.clone()).or_insert(i);
        }
        PrevFile { entry, by_id }
    }

    /// The entry of an article of this file.
    pub fn article(&self, id: &str) -> Option<&ArticleEntry> {
        self.by_id.get(id).map(|&i| &self.entry.articles[i])
    }
}

/// What the previous run left for one input file: its record lines and its
/// index entry.
#[derive(Debug, Default)]
pub struct Previous {
    /// Its lines in the previous `records.jsonl`.
    pub group: Group,
    /// Its line in the previous `index.jsonl`, if it had one.
    pub entry: Option<PrevFile>,
}

/// The previous `index.jsonl`, read one line at a time alongside the sorted input
/// list (both are in path order), so that memory stays flat.
pub struct PrevIndex {
    reader: Option<BufReader<File>>,
    peeked: Option<FileEntry>,
}

impl PrevIndex {
    /// An index with no entries.
    pub fn empty() -> PrevIndex {
        PrevIndex {
            reader: None,
            peeked: None,
        }
    }

    /// Open `path`; a missing file reads as empty.
    pub fn open(path: &Path) -> io::Result<PrevIndex> {
        Ok(PrevIndex {
            reader: open_previous(path)?,
            peeked: None,
        })
    }

    /// The next line that is a file entry; lines that are not (a damaged file)
    /// are passed over: their files are extracted again.
    fn read(&mut self) -> io::Result<Option<FileEntry>> {
        next_parsed(&mut self.reader, |line| serde_json::from_slice(line).ok())
    }

    /// The entry of `path`, if there is one; entries of paths that sort before it
    /// (files that are gone) are passed over. Paths must be asked for in order.
    pub fn take_path(&mut self, path: &str) -> io::Result<Option<PrevFile>> {
        loop {
            if self.peeked.is_none() {
                self.peeked = self.read()?;
            }
            match &self.peeked {
                Some(e) if e.path.as_str() < path => self.peeked = None,
                Some(e) if e.path == path => return Ok(self.peeked.take().map(PrevFile::new)),
                _ => return Ok(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refresh::INDEX;
    use serde_json::json;
    use std::fs;

    #[test]
    fn previous_records_come_by_path_and_damaged_lines_are_passed_over() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("records.jsonl");
        let rec = |id: &str, p: &str| json!({"id": id, "source": {"path": p}, "warnings": ["w"]});
        let mut bytes = format!("{}\n{}\n", rec("a", "a.txt"), rec("b#1", "b.jsonl")).into_bytes();
        bytes.extend_from_slice(b"\xff\xfe not a record\n{\"id\": \n");
        bytes.extend_from_slice(
            format!("{}\n{}", rec("b#2", "b.jsonl"), rec("c", "c.txt")).as_bytes(),
        );
        fs::write(&path, bytes).unwrap();
        let mut prev = PrevRecords::open(&path).unwrap();
        let gone = prev.next_before(Some("b.jsonl")).unwrap().unwrap();
        assert_eq!((gone.id.as_str(), gone.warnings), ("a", 1));
        assert!(prev.next_before(Some("b.jsonl")).unwrap().is_none());
        let group = prev.take_path("b.jsonl").unwrap();
        let ids: Vec<&str> = group.lines.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["b#1", "b#2"]);
        assert_eq!(
            group.get("b#2").unwrap().text,
            rec("b#2", "b.jsonl").to_string()
        );
        assert!(prev.take_path("b.txt").unwrap().lines.is_empty());
        assert_eq!(prev.next_before(None).unwrap().unwrap().id, "c");
        assert!(prev.next_before(None).unwrap().is_none());
        assert!(PrevRecords::open(&dir.path().join("none"))
            .unwrap()
            .next_before(None)
            .unwrap()
            .is_none());
    }

    #[test]
    fn previous_index_entries_come_by_path_and_damaged_lines_are_passed_over() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join(INDEX);
        let article = |id: &str| ArticleEntry {
            id: id.to_string(),
            line: None,
            sha256: "s".into(),
            bytes: 1,
            input_sha256: "i".into(),
            record_sha256: "r".into(),
            rules_fingerprint: "f".into(),
            pressmine_version: "v".into(),
        };
        let entry = |p: &str, ids: &[&str]| FileEntry {
            path: p.to_string(),
            bytes: 1,
            sha256: None,
            mtime_ns: None,
            ctime_ns: None,
            skipped: Vec::new(),
            articles: ids.iter().map(|id| article(id)).collect(),
        };
        let line = |e: &FileEntry| serde_json::to_string(e).unwrap();
        let mut bytes = format!("{}\n", line(&entry("a.txt", &["a.txt"]))).into_bytes();
        bytes.extend_from_slice(b"\xff\xfe not an entry\n{\"path\": \n");
        let b = entry("b.jsonl", &["b.jsonl#1", "b.jsonl#2"]);
        let damaged = line(&entry("b.txt", &["b.txt"])).replace("\"bytes\":1", "\"bytes\":\"1\"");
        let d = entry("d.txt", &["d.txt"]);
        bytes.extend_from_slice(format!("{}\n{damaged}\n{}", line(&b), line(&d)).as_bytes());
        fs::write(&path, bytes).unwrap();
        let mut ix = PrevIndex::open(&path).unwrap();
        // a.txt is gone: passed over.
        let got = ix.take_path("b.jsonl").unwrap().unwrap();
        assert_eq!(got.entry, b);
        assert_eq!(got.article("b.jsonl#2"), Some(&b.articles[1]));
        assert!(got.article("b.jsonl#3").is_none());
        // A damaged line gives no entry; neither does a path that had none.
        assert!(ix.take_path("b.txt").unwrap().is_none());
        assert!(ix.take_path("c.txt").unwrap().is_none());
        assert_eq!(ix.take_path("d.txt").unwrap().unwrap().entry, d);
        assert!(ix.take_path("e.txt").unwrap().is_none());
        assert!(PrevIndex::open(&dir.path().join("none"))
            .unwrap()
            .take_path("a.txt")
            .unwrap()
            .is_none());
    }
}
