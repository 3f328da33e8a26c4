//! Stage 1 (ingest) on real files in temporary folders.

mod support;

use support::sha256;

use pressmine::ingest::{
    discover, load, load_with_limit, Article, Format, SourceFile, DEFAULT_MAX_ARTICLE_BYTES,
};
use pressmine::record::Skipped;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// Write `dir/rel` and name it as a source file.
fn write(dir: &Path, rel: &str, bytes: &[u8]) -> SourceFile {
    support::write(dir, rel, bytes);
    SourceFile {
        path: dir.join(rel),
        rel: rel.to_string(),
    }
}

/// Loads a file that must give exactly one article and nothing skipped.
fn one_article(file: &SourceFile) -> Article {
    let (articles, skipped) = load(file);
    assert!(skipped.is_empty(), "unexpected skips: {skipped:?}");
    assert_eq!(articles.len(), 1, "articles: {articles:?}");
    articles.into_iter().next().unwrap()
}

/// Loads a file that must give no article and exactly one skipped entry.
fn one_skip(file: &SourceFile) -> Skipped {
    let (articles, skipped) = load(file);
    assert!(articles.is_empty(), "unexpected articles: {articles:?}");
    assert_eq!(skipped.len(), 1, "skipped: {skipped:?}");
    skipped.into_iter().next().unwrap()
}

#[test]
fn discover_returns_every_file_sorted_with_nested_folders() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "b.txt", b"b");
    write(root, "a.txt", b"a");
    write(root, "sub/z.md", b"z");
    write(root, "sub/deeper/c.html", b"<p>c</p>");
    write(root, "sub/a.jsonl", b"{}");
    write(root, "report.pdf", b"%PDF");
    write(root, ".hidden.txt", b"h");
    fs::create_dir_all(root.join("empty_dir")).unwrap();

    let (files, skipped) = discover(root).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    assert_eq!(
        rels,
        vec![
            ".hidden.txt",
            "a.txt",
            "b.txt",
            "report.pdf",
            "sub/a.jsonl",
            "sub/deeper/c.html",
            "sub/z.md",
        ]
    );
    for f in &files {
        assert_eq!(f.path, root.join(&f.rel));
    }
    // Same result on a second walk.
    assert_eq!(discover(root).unwrap().0, files);
}

#[test]
fn discover_missing_root_is_an_error_naming_it() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("no_such_folder");
    let err = discover(&missing).unwrap_err();
    assert!(
        err.to_string().contains("no_such_folder"),
        "error does not name the path: {err}"
    );
}

#[test]
fn discover_single_file_root_returns_just_it() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "one.txt", b"hello");
    write(dir.path(), "other.txt", b"other");
    let (files, skipped) = discover(&f.path).unwrap();
    assert!(skipped.is_empty());
    assert_eq!(
        files,
        vec![SourceFile {
            path: f.path.clone(),
            rel: "one.txt".into()
        }]
    );
}

#[test]
fn text_file_is_kept_byte_for_byte_with_hash_and_id() {
    let dir = TempDir::new().unwrap();
    // CRLF, a non-breaking space, a stray control character and curly quotes.
    let bytes = "Headline\r\nThe\u{a0}service was \u{201c}good\u{201d}.\x07\r\n".as_bytes();
    let f = write(dir.path(), "news/a.txt", bytes);
    let a = one_article(&f);
    assert_eq!(a.text.as_bytes(), bytes);
    assert!(a.text.contains("\r\n"));
    assert!(a.text.contains('\u{a0}'));
    assert_eq!(a.format, Format::Text);
    assert_eq!(a.id, "news/a.txt");
    assert_eq!(a.path, "news/a.txt");
    assert_eq!(a.line, None);
    assert_eq!(a.bytes, bytes.len() as u64);
    assert_eq!(a.sha256, sha256(bytes));
    assert_eq!(a.sha256.len(), 64);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn extension_match_is_case_insensitive() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "NOTES.MD", b"# Title\n\nBody.\n");
    assert_eq!(one_article(&f).format, Format::Text);
}

#[test]
fn utf8_bom_is_stripped_with_warning() {
    let dir = TempDir::new().unwrap();
    let bytes = b"\xEF\xBB\xBFInspection report\n";
    let f = write(dir.path(), "bom.txt", bytes);
    let a = one_article(&f);
    assert_eq!(a.text, "Inspection report\n");
    assert!(a
        .warnings
        .iter()
        .any(|w| w == "stripped UTF-8 byte order mark"));
    // Hash and size are of the file's bytes, BOM included.
    assert_eq!(a.bytes, bytes.len() as u64);
    assert_eq!(a.sha256, sha256(bytes));
}

#[test]
fn a_latin1_byte_is_decoded_not_replaced() {
    let dir = TempDir::new().unwrap();
    let mut bytes = b"Caf".to_vec();
    bytes.push(0xE9); // Latin-1 e-acute: invalid in UTF-8
    bytes.extend_from_slice(b" council\n");
    let f = write(dir.path(), "latin1.txt", &bytes);
    let a = one_article(&f);
    assert_eq!(a.text, "Caf\u{E9} council\n");
    assert_eq!(a.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(
        a.warnings[0].starts_with("not UTF-8: decoded from windows-1252 by the encoding detector"),
        "{:?}",
        a.warnings
    );
    // The hash and size still describe the file's bytes.
    assert_eq!(a.sha256, sha256(&bytes));
    assert_eq!(a.bytes, bytes.len() as u64);
}

#[test]
fn stray_bytes_in_a_utf8_file_are_counted_and_decoded_as_windows_1252() {
    let dir = TempDir::new().unwrap();
    let mut bytes = "Rated \u{2018}Good\u{2019} \u{2013} ".as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"cost \xA3120k\n");
    let f = write(dir.path(), "mixed.txt", &bytes);
    let a = one_article(&f);
    assert_eq!(
        a.text,
        "Rated \u{2018}Good\u{2019} \u{2013} cost \u{A3}120k\n"
    );
    assert_eq!(a.encoding, None);
    assert_eq!(
        a.warnings,
        vec![format!(
            "mostly UTF-8: 1 stray byte(s) decoded as windows-1252, the first at byte {}",
            at + 5
        )]
    );
}

#[test]
fn a_jsonl_line_stays_utf8_only_its_bad_bytes_replaced() {
    let dir = TempDir::new().unwrap();
    let f = write(
        dir.path(),
        "lines.jsonl",
        b"{\"id\": \"a\", \"text\": \"Caf\xE9 council\"}\n",
    );
    let a = one_article(&f);
    assert_eq!(a.text, "Caf\u{FFFD} council");
    assert_eq!(a.encoding, None);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.starts_with("invalid UTF-8: 1 byte(s) replaced")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_decoded_not_skipped_as_binary() {
    let dir = TempDir::new().unwrap();
    let text = "Ofsted rated the nursery \u{2018}Outstanding\u{2019}.\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let f = write(dir.path(), "wide_nobom.txt", &bytes);
    let a = one_article(&f);
    assert_eq!(a.text, text);
    assert_eq!(a.encoding.as_deref(), Some("utf-16le"));
    assert_eq!(
        a.warnings,
        vec!["decoded from UTF-16LE (no byte order mark; recognised by its NUL bytes)".to_string()]
    );
}

#[test]
fn utf16le_with_bom_is_decoded() {
    let dir = TempDir::new().unwrap();
    let text = "Youth justice \u{2019}good\u{2019}\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let f = write(dir.path(), "wide.txt", &bytes);
    let a = one_article(&f);
    assert_eq!(a.text, text);
    assert!(a.warnings.iter().any(|w| w == "decoded from UTF-16LE"));
    assert_eq!(a.bytes, bytes.len() as u64);
}

#[test]
fn utf16be_with_bom_is_decoded() {
    let dir = TempDir::new().unwrap();
    let text = "Probation";
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    let f = write(dir.path(), "wide_be.txt", &bytes);
    let a = one_article(&f);
    assert_eq!(a.text, text);
    assert!(a.warnings.iter().any(|w| w == "decoded from UTF-16BE"));
}

#[test]
fn nul_byte_file_is_skipped_as_binary() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "image.txt", b"GIF89a\x00\x01\x02");
    let s = one_skip(&f);
    assert_eq!(s.path, "image.txt");
    assert_eq!(s.reason, "binary file (NUL byte at offset 6)");
}

#[test]
fn control_heavy_file_is_skipped_as_binary() {
    let dir = TempDir::new().unwrap();
    let bytes: Vec<u8> = (0..100u8)
        .map(|i| if i % 2 == 0 { 0x01 } else { b'a' })
        .collect();
    let f = write(dir.path(), "noise.txt", &bytes);
    let s = one_skip(&f);
    assert!(s.reason.starts_with("binary file ("), "{}", s.reason);
}

#[test]
fn empty_and_whitespace_only_files_are_skipped() {
    let dir = TempDir::new().unwrap();
    for (name, bytes) in [("empty.txt", &b""[..]), ("blank.md", &b" \r\n\t\n"[..])] {
        let f = write(dir.path(), name, bytes);
        let s = one_skip(&f);
        assert_eq!(s.reason, "empty file", "{name}");
        assert_eq!(s.path, name);
    }
}

#[test]
fn unsupported_extension_hidden_and_extensionless_files_are_skipped() {
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "report.pdf", b"%PDF-1.7 text");
    assert_eq!(one_skip(&pdf).reason, "unsupported file type '.pdf'");
    let readme = write(dir.path(), "README", b"text");
    assert_eq!(one_skip(&readme).reason, "no file extension");
    let hidden = write(dir.path(), ".draft.txt", b"text");
    assert!(one_skip(&hidden).reason.contains("hidden"));
    let in_hidden = write(dir.path(), ".git/notes.txt", b"text");
    assert!(one_skip(&in_hidden).reason.contains("hidden folder '.git'"));
}

#[test]
fn jsonl_gives_one_article_per_good_line_and_skips_bad_lines_with_numbers() {
    let dir = TempDir::new().unwrap();
    let content = concat!(
        "{\"id\": \"a1\", \"text\": \"First article.\"}\n",
        "{\"id\": 42, \"text\": \"Second\\r\\narticle.\"}\r\n",
        "\n",
        "{\"text\": \"Third, no id.\"}\n",
        "{\"text\": \"broken\"\n",
        "{\"id\": \"x\", \"body\": \"no text field\"}\n",
        "{\"id\": \"y\", \"text\": 7}\n",
    );
    let f = write(dir.path(), "feed/items.jsonl", content.as_bytes());
    let (articles, skipped) = load(&f);

    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "feed/items.jsonl#a1",
            "feed/items.jsonl#42",
            "feed/items.jsonl#L4"
        ]
    );
    assert_eq!(articles[0].text, "First article.");
    assert_eq!(articles[1].text, "Second\r\narticle.");
    assert_eq!(articles[2].text, "Third, no id.");
    let lines: Vec<Option<u64>> = articles.iter().map(|a| a.line).collect();
    assert_eq!(lines, vec![Some(1), Some(2), Some(4)]);
    for a in &articles {
        assert_eq!(a.format, Format::JsonLine);
        assert_eq!(a.path, "feed/items.jsonl");
    }
    // Hash and size of the line's bytes, without the line terminator.
    let line1 = b"{\"id\": \"a1\", \"text\": \"First article.\"}";
    assert_eq!(articles[0].bytes, line1.len() as u64);
    assert_eq!(articles[0].sha256, sha256(line1));
    let line2 = b"{\"id\": 42, \"text\": \"Second\\r\\narticle.\"}";
    assert_eq!(articles[1].sha256, sha256(line2));

    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert_eq!(skipped[0].line, Some(5));
    assert!(
        skipped[0].reason.starts_with("line 5: invalid JSON: "),
        "{}",
        skipped[0].reason
    );
    assert_eq!(skipped[1].line, Some(6));
    assert_eq!(skipped[1].reason, "line 6: no \"text\" string field");
    assert_eq!(skipped[2].line, Some(7));
    assert_eq!(skipped[2].reason, "line 7: no \"text\" string field");
    for s in &skipped {
        assert_eq!(s.path, "feed/items.jsonl");
    }
}

#[test]
fn jsonl_with_only_blank_lines_is_an_empty_file() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "none.jsonl", b"\n  \n\r\n");
    assert_eq!(one_skip(&f).reason, "empty file");
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Youth justice service rated Good | Example Gazette</title>
  <meta property="og:title" content="Youth justice service rated Good">
  <script>var tracking = "SCRIPTMARKER";</script>
  <style>body { color: red; }</style>
</head>
<body>
  <nav class="site-nav">
    <ul>
      <li><a href="/">NAVMARKER Home</a></li>
      <li><a href="/news">NAVMARKER News</a></li>
      <li><a href="/sport">NAVMARKER Sport</a></li>
      <li><a href="/contact">NAVMARKER Contact us</a></li>
    </ul>
  </nav>
  <main>
    <article>
      <h1>Youth justice service rated Good</h1>
      <p>The Northshire youth justice service has been rated Good by HM Inspectorate of
      Probation after an inspection in March, the inspectorate said on Tuesday.</p>
      <p>Inspectors found that staff knew the children they worked with well and that
      the management board provided strong leadership and clear oversight of the work.</p>
      <p>"This is a service that listens to children and acts on what they say," said
      Martin Jones, Chief Inspector of Probation. "Leaders should be proud."</p>
      <p>However, the report said more work was needed on resettlement policy and on
      the quality of assessments, which too often described rather than analysed risk.</p>
      <p>The council said it welcomed the findings and would publish an action plan
      setting out how it would respond to the recommendations within six weeks.</p>
    </article>
  </main>
  <footer>
    <p>FOOTERMARKER Copyright 2024 Example Gazette. All rights reserved.</p>
    <a href="/privacy">FOOTERMARKER Privacy policy</a>
  </footer>
</body>
</html>
"#;

#[test]
fn html_page_is_reduced_to_article_text_with_headline_first() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "web/story.html", PAGE.as_bytes());
    let a = one_article(&f);
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.id, "web/story.html");
    assert_eq!(a.bytes, PAGE.len() as u64);
    assert_eq!(a.sha256, sha256(PAGE.as_bytes()));
    assert!(
        a.text.contains("Youth justice service rated Good"),
        "{}",
        a.text
    );
    assert!(
        a.text
            .contains("management board provided strong leadership"),
        "{}",
        a.text
    );
    assert!(a.text.contains("Martin Jones"), "{}", a.text);
    assert!(!a.text.contains("NAVMARKER"), "nav kept: {}", a.text);
    assert!(!a.text.contains("SCRIPTMARKER"), "script kept: {}", a.text);
    assert!(!a.text.contains('<'), "tags kept: {}", a.text);
    // The headline is the first line.
    let first_line = a.text.lines().next().unwrap_or_default();
    assert!(
        first_line.contains("Youth justice service rated Good"),
        "first line: {first_line:?}"
    );
}

#[test]
fn html_without_article_text_falls_back_to_tag_stripping_with_warning() {
    let dir = TempDir::new().unwrap();
    // Text only inside <nav>: the article extractor finds nothing to keep.
    let page = "<html><head><title>Council &amp; partners</title><script>SCRIPTMARKER()</script></head>\
                <body><nav><p>Only   nav text here.</p><p>Second&nbsp;line &#8216;quoted&#x2019;</p></nav></body></html>";
    let f = write(dir.path(), "navonly.htm", page.as_bytes());
    let a = one_article(&f);
    assert_eq!(a.format, Format::Html);
    assert_eq!(
        a.warnings,
        vec!["HTML article extraction found no article text; fell back to plain tag stripping"]
    );
    assert_eq!(
        a.text,
        "Council & partners\n\nOnly nav text here.\n\nSecond\u{a0}line \u{2018}quoted\u{2019}"
    );
}

#[test]
fn html_text_repeated_by_the_extractor_is_kept_once() {
    let dir = TempDir::new().unwrap();
    let page = "<table><tr><td>Cell text one</td><td>cell two</td></tr></table>";
    let f = write(dir.path(), "table.html", page.as_bytes());
    let a = one_article(&f);
    assert_eq!(a.text.matches("Cell text one").count(), 1, "{}", a.text);
    assert!(a.text.contains("cell two"), "{}", a.text);
}

#[test]
fn html_with_only_markup_is_skipped() {
    let dir = TempDir::new().unwrap();
    let f = write(
        dir.path(),
        "blank.html",
        b"<html><head><script>x()</script></head><body>  </body></html>",
    );
    let s = one_skip(&f);
    assert_eq!(s.reason, "no text in HTML page");
}

#[cfg(unix)]
fn running_as_root() -> bool {
    // Permissions are not enforced for root: probe with a real unreadable file.
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("probe");
    fs::write(&p, b"x").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    fs::read(&p).is_ok()
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped_with_the_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "locked.txt", b"secret");
    fs::set_permissions(&f.path, fs::Permissions::from_mode(0o000)).unwrap();
    let (articles, skipped) = load(&f);
    if running_as_root() {
        eprintln!("running as root: permissions not enforced, read succeeds");
        assert_eq!(articles.len(), 1);
    } else {
        assert!(articles.is_empty());
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].reason, "cannot read file: permission denied");
    }
    fs::set_permissions(&f.path, fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn unreadable_folder_is_reported_by_discover() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    write(dir.path(), "ok.txt", b"ok");
    write(dir.path(), "locked/inner.txt", b"inner");
    let locked = dir.path().join("locked");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let result = discover(dir.path());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    let (files, skipped) = result.unwrap();
    assert!(files.iter().any(|f| f.rel == "ok.txt"));
    if running_as_root() {
        eprintln!("running as root: permissions not enforced");
        assert!(files.iter().any(|f| f.rel == "locked/inner.txt"));
    } else {
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert_eq!(skipped[0].path, "locked");
        assert!(
            skipped[0].reason.contains("cannot read directory")
                && skipped[0].reason.contains("permission denied"),
            "{}",
            skipped[0].reason
        );
    }
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_not_followed_forever() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "a/article.txt", b"text");
    symlink(root.join("a"), root.join("a/loop")).unwrap();
    symlink(root, root.join("a/up")).unwrap();

    let (tx, rx) = std::sync::mpsc::channel();
    let root_buf = root.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(discover(&root_buf).map_err(|e| e.to_string()));
    });
    let (files, skipped) = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("discover did not finish: symlink loop followed")
        .unwrap();
    let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    assert_eq!(rels, vec!["a/article.txt"]);
    let paths: Vec<&str> = skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths, vec!["a/loop", "a/up"], "{skipped:?}");
    for s in &skipped {
        assert!(s.reason.contains("symbolic link loop"), "{}", s.reason);
    }
}

#[cfg(unix)]
#[test]
fn broken_symlink_is_reported() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    write(dir.path(), "real.txt", b"text");
    symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt")).unwrap();
    let (files, skipped) = discover(dir.path()).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].path, "dangling.txt");
    assert!(
        skipped[0].reason.contains("broken symbolic link"),
        "{}",
        skipped[0].reason
    );
}

#[cfg(unix)]
#[test]
fn non_utf8_file_name_is_listed_lossily_and_still_loads() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    let name = OsStr::from_bytes(b"caf\xE9.txt");
    let path = dir.path().join(name);
    if fs::write(&path, b"Council statement").is_err() {
        eprintln!("file system refuses non-UTF-8 names; skipping");
        return;
    }
    let (files, _) = discover(dir.path()).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].rel, "caf\u{FFFD}.txt");
    let a = one_article(&files[0]);
    assert_eq!(a.text, "Council statement");
}

#[test]
fn oversize_file_is_skipped_by_load_with_limit() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "big.txt", &[b'a'; 100]);
    let s = {
        let (articles, skipped) = load_with_limit(&f, 99);
        assert!(articles.is_empty());
        assert_eq!(skipped.len(), 1);
        skipped.into_iter().next().unwrap()
    };
    assert_eq!(
        s.reason,
        "file too large: 100 bytes (limit 99; raise it with --max-article-bytes)"
    );
    // At the limit it loads.
    let (articles, skipped) = load_with_limit(&f, 100);
    assert!(skipped.is_empty());
    assert_eq!(articles.len(), 1);
    assert_eq!(DEFAULT_MAX_ARTICLE_BYTES, 64 * 1024 * 1024);
}

#[test]
fn arbitrary_bytes_never_panic() {
    let dir = TempDir::new().unwrap();
    let mut seed: u32 = 0x1234_5678;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let samples: Vec<Vec<u8>> = vec![
        b"<".to_vec(),
        b"<!--".to_vec(),
        b"&#x110000; &#0; &; &amp".to_vec(),
        b"<script>".to_vec(),
        b"<title>".to_vec(),
        vec![0xFF, 0xFE, 0x00],
        vec![0xFE, 0xFF, 0xD8, 0x00],
        vec![0xEF, 0xBB, 0xBF],
        "<p>é&é;<é</p>".as_bytes().to_vec(),
    ];
    let mut inputs = samples;
    for _ in 0..40 {
        let len = (next() % 300) as usize;
        inputs.push((0..len).map(|_| (next() % 256) as u8).collect());
        let len = (next() % 300) as usize;
        inputs.push(
            (0..len)
                .map(|_| b"<>&;#x!-/ \"'ab\xC3\xA9\n{}:"[(next() % 20) as usize])
                .collect(),
        );
    }
    for (i, bytes) in inputs.iter().enumerate() {
        for ext in ["txt", "html", "jsonl"] {
            let f = write(dir.path(), &format!("f{i}.{ext}"), bytes);
            let (articles, skipped) = load(&f);
            assert!(
                !articles.is_empty() || !skipped.is_empty(),
                "{i}.{ext} unaccounted"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn named_pipe_is_reported_not_returned() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", b"text");
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !matches!(made, Ok(s) if s.success()) {
        eprintln!("mkfifo unavailable; skipping");
        return;
    }
    // Returning the pipe would make `load` block on it forever.
    let (files, skipped) = discover(dir.path()).unwrap();
    let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    assert_eq!(rels, vec!["a.txt"]);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].path, "pipe.txt");
    assert_eq!(skipped[0].reason, "not a regular file (named pipe)");
}

#[test]
fn jsonl_repeated_id_falls_back_to_line_number_with_warning() {
    let dir = TempDir::new().unwrap();
    let content = "{\"id\": \"x\", \"text\": \"One.\"}\n{\"id\": \"x\", \"text\": \"Two.\"}\n";
    let f = write(dir.path(), "dup.jsonl", content.as_bytes());
    let (articles, skipped) = load(&f);
    assert!(skipped.is_empty());
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, vec!["dup.jsonl#x", "dup.jsonl#L2"]);
    assert!(articles[0].warnings.is_empty());
    assert!(articles[1].warnings[0].contains("duplicate id 'x'"));
}
