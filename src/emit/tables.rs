//! `records.jsonl` -> `OUT/tables/`: the records as flat CSV tables for
//! spreadsheets, pandas, R and DuckDB.
//!
//! Six files, each RFC 4180 (via the `csv` crate), UTF-8, with a header row:
//!
//! | file | one row per | columns |
//! |---|---|---|
//! | `articles.csv` | record | `id`, `path`, `line`, `title`, `doc_type`, `publisher`, `byline`, `published`, `inspectorate`, `overall_rating`, `overall_implied`, `encoding`, `warnings` |
//! | `services.csv` | service | `record_id`, `name`, `acronym`, `locality`, `kind`, `rule`, `start`, `end` |
//! | `ratings.csv` | rating | `record_id`, `scope`, `value`, `scale`, `implied`, `rule`, `start`, `end` |
//! | `quotes.csv` | quote | `record_id`, `text`, `speaker`, `speaker_kind`, `role`, `org`, `cue`, `attribution`, `rule`, `start`, `end` |
//! | `officials.csv` | official | `record_id`, `name`, `role`, `org`, `honours`, `quoted`, `rule`, `start`, `end` |
//! | `themes.csv` | theme | `record_id`, `theme`, `polarity`, `evidence`, `rule`, `start`, `end` (of its first evidence) |
//!
//! `start` and `end` are the value's byte span in the article's decoded text
//! (`[start, end)`, as in the record). Rows follow the order of
//! `records.jsonl`, so the tables are byte-identical whenever the records are.
//! A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
//! gets a leading `'`, so that a spreadsheet shows it as text instead of running
//! it as a formula.

use super::AtomicFile;
use crate::record::Record;
use crate::span::Span;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// The tables folder's name in the output folder.
pub const TABLES: &str = "tables";

/// One table: its file name and header.
struct Table {
    name: &'static str,
    header: &'static [&'static str],
}

const ARTICLES: Table = Table {
    name: "articles.csv",
    header: &[
        "id",
        "path",
        "line",
        "title",
        "doc_type",
        "publisher",
        "byline",
        "published",
        "inspectorate",
        "overall_rating",
        "overall_implied",
        "encoding",
        "warnings",
    ],
};
const SERVICES: Table = Table {
    name: "services.csv",
    header: &[
        "record_id",
        "name",
        "acronym",
        "locality",
        "kind",
        "rule",
        "start",
        "end",
    ],
};
const RATINGS: Table = Table {
    name: "ratings.csv",
    header: &[
        "record_id",
        "scope",
        "value",
        "scale",
        "implied",
        "rule",
        "start",
        "end",
    ],
};
const QUOTES: Table = Table {
    name: "quotes.csv",
    header: &[
        "record_id",
        "text",
        "speaker",
        "speaker_kind",
        "role",
        "org",
        "cue",
        "attribution",
        "rule",
        "start",
        "end",
    ],
};
const OFFICIALS: Table = Table {
    name: "officials.csv",
    header: &[
        "record_id",
        "name",
        "role",
        "org",
        "honours",
        "quoted",
        "rule",
        "start",
        "end",
    ],
};
const THEMES: Table = Table {
    name: "themes.csv",
    header: &[
        "record_id",
        "theme",
        "polarity",
        "evidence",
        "rule",
        "start",
        "end",
    ],
};

/// Every table, in the order they are written.
const ALL: [&Table; 6] = [&ARTICLES, &SERVICES, &RATINGS, &QUOTES, &OFFICIALS, &THEMES];

/// A cell: text made safe for spreadsheets, or a number or flag as it is.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn opt(s: Option<&str>) -> String {
    s.map(text).unwrap_or_default()
}

fn span(s: Span) -> [String; 2] {
    [s.start.to_string(), s.end.to_string()]
}

/// The rows one record gives, table by table (in [`ALL`]'s order).
fn rows(r: &Record) -> [Vec<Vec<String>>; 6] {
    let id = text(&r.id);
    let overall = r.ratings.iter().find(|x| x.scope == "overall");
    let article = vec![
        id.clone(),
        text(&r.source.path),
        r.source.line.map(|l| l.to_string()).unwrap_or_default(),
        opt(r.title.as_deref()),
        text(&r.doc_type),
        opt(r.publisher.as_deref()),
        opt(r.byline.as_deref()),
        opt(r.published.as_deref()),
        opt(r.inspectorate.as_ref().map(|i| i.name.as_str())),
        opt(overall.map(|o| o.value.as_str())),
        overall.map(|o| o.implied.to_string()).unwrap_or_default(),
        opt(r.source.encoding.as_deref()),
        r.warnings.len().to_string(),
    ];
    let services = r
        .services
        .iter()
        .map(|s| {
            let mut row = vec![
                id.clone(),
                text(&s.name),
                opt(s.acronym.as_deref()),
                opt(s.locality.as_deref()),
                opt(s.kind.as_deref()),
                text(&s.rule),
            ];
            match s.spans.first() {
                Some(sp) => row.extend(span(*sp)),
                None => row.extend([String::new(), String::new()]),
            }
            row
        })
        .collect();
    let ratings = r
        .ratings
        .iter()
        .map(|x| {
            let mut row = vec![
                id.clone(),
                text(&x.scope),
                text(&x.value),
                text(&x.scale),
                x.implied.to_string(),
                text(&x.rule),
            ];
            row.extend(span(x.span));
            row
        })
        .collect();
    let quotes = r
        .quotes
        .iter()
        .map(|q| {
            let sp = q.speaker.as_ref();
            let mut row = vec![
                id.clone(),
                text(&q.text),
                opt(sp.and_then(|s| s.name.as_deref())),
                opt(sp.map(|s| s.kind.as_str())),
                opt(sp.and_then(|s| s.role.as_deref())),
                opt(sp.and_then(|s| s.org.as_deref())),
                opt(q.cue.as_deref()),
                text(&q.attribution),
                text(&q.rule),
            ];
            row.extend(span(q.span));
            row
        })
        .collect();
    let officials = r
        .officials
        .iter()
        .map(|o| {
            let mut row = vec![
                id.clone(),
                text(&o.name),
                opt(o.role.as_deref()),
                opt(o.org.as_deref()),
                opt(o.honours.as_deref()),
                o.quoted.to_string(),
                text(&o.rule),
            ];
            row.extend(span(o.span));
            row
        })
        .collect();
    let themes = r
        .themes
        .iter()
        .map(|t| {
            let first = t.evidence.first();
            let mut row = vec![
                id.clone(),
                text(&t.id),
                text(&t.polarity),
                t.evidence.len().to_string(),
                opt(first.map(|e| e.rule.as_str())),
            ];
            match first {
                Some(e) => row.extend(span(e.span)),
                None => row.extend([String::new(), String::new()]),
            }
            row
        })
        .collect();
    [vec![article], services, ratings, quotes, officials, themes]
}

/// One written table: its path relative to the output folder (`tables/x.csv`),
/// size and SHA-256, for the manifest.
pub type Written = (String, u64, String);

/// Writes `out/tables/*.csv` from `records` (a `records.jsonl`), each under a
/// temporary name renamed into place when complete. Lines that are not records
/// are passed over (the pipeline wrote the file just before).
pub fn write(records: &Path, out: &Path) -> std::io::Result<Vec<Written>> {
    let dir = out.join(TABLES);
    std::fs::create_dir_all(&dir)?;
    let mut writers = Vec::with_capacity(ALL.len());
    for t in ALL {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(AtomicFile::create(&dir, t.name)?);
        w.write_record(t.header)?;
        writers.push(w);
    }
    let reader = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(records)?);
    for line in reader.lines() {
        let line = line?;
        let Ok(r) = serde_json::from_str::<Record>(&line) else {
            continue;
        };
        for (w, rows) in writers.iter_mut().zip(rows(&r)) {
            for row in rows {
                w.write_record(&row)?;
            }
        }
    }
    let mut written = Vec::with_capacity(ALL.len());
    for (w, t) in writers.into_iter().zip(ALL) {
        let file = w.into_inner().map_err(|e| e.into_error())?;
        let (_, bytes, sha) = file.commit()?;
        written.push((format!("{TABLES}/{}", t.name), bytes, sha));
    }
    Ok(written)
}

/// The table files' paths relative to the output folder.
pub fn names() -> Vec<PathBuf> {
    ALL.iter().map(|t| Path::new(TABLES).join(t.name)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_made_text_and_others_kept() {
        assert_eq!(text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text("+44 20"), "'+44 20");
        assert_eq!(text("-5 points"), "'-5 points");
        assert_eq!(text("@handle"), "'@handle");
        assert_eq!(text("\tindented"), "'\tindented");
        assert_eq!(
            text("Rated 'Good', said \"Jo\""),
            "Rated 'Good', said \"Jo\""
        );
    }

    #[test]
    fn cells_with_commas_quotes_and_line_breaks_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let line = r#"{"schema_version":1,"id":"a.txt","source":{"path":"a.txt","sha256":"","bytes":1},"title":"Line one,\nline \"two\"","doc_type":"news","publisher":null,"byline":null,"published":null,"inspectorate":null,"services":[],"ratings":[],"quotes":[{"text":"a, b\r\n\"c\"","span":[0,1],"speaker":null,"cue":null,"attribution":"none","rule":"r"}],"officials":[],"themes":[],"dates":[],"warnings":[],"provenance":{}}"#;
        let records = dir.path().join("records.jsonl");
        std::fs::write(&records, format!("{line}\n")).unwrap();
        let written = write(&records, dir.path()).unwrap();
        assert_eq!(written.len(), 6);
        let mut rdr = csv::Reader::from_path(dir.path().join("tables/articles.csv")).unwrap();
        let row = rdr.records().next().unwrap().unwrap();
        assert_eq!(&row[3], "Line one,\nline \"two\"");
        let mut rdr = csv::Reader::from_path(dir.path().join("tables/quotes.csv")).unwrap();
        let row = rdr.records().next().unwrap().unwrap();
        assert_eq!(&row[1], "a, b\r\n\"c\"");
    }
}
