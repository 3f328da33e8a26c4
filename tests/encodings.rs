//! Legacy encodings end to end: files in Windows-1252, Latin-1 HTML, UTF-16
//! without a byte order mark and UTF-8 with stray bytes go through the binary,
//! and the records keep their quote marks, ratings and quotes.

mod support;

use support::{records, run_ok};

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn run(input: &Path, out: &Path) -> Vec<Value> {
    run_ok(input, out, &["--no-report"]);
    records(out)
}

fn by_path<'a>(records: &'a [Value], path: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["source"]["path"] == path)
        .unwrap_or_else(|| panic!("no record for {path}"))
}

fn warnings(r: &Value) -> Vec<String> {
    r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

/// The article of the issue that asked for this, as a word processor saves it.
const CP1252_ARTICLE: &[u8] = b"Leeds Youth Justice Service rated \x91Good\x92\r\n\r\n\
Leeds Youth Justice Service has been rated \x91Good\x92 by HM Inspectorate of Probation.\r\n\r\n\
Jane Smith, head of service, said: \x93We are delighted with the outcome of this inspection.\x94\r\n";

#[test]
fn a_windows_1252_article_keeps_its_title_rating_and_quote() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("leeds.txt"), CP1252_ARTICLE).unwrap();
    let records = run(&input, &dir.path().join("out"));
    let r = by_path(&records, "leeds.txt");
    assert_eq!(
        r["title"],
        "Leeds Youth Justice Service rated \u{2018}Good\u{2019}"
    );
    assert_eq!(r["source"]["encoding"], "windows-1252");
    let overall: Vec<&Value> = r["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["scope"] == "overall")
        .collect();
    assert_eq!(overall.len(), 1, "{}", r["ratings"]);
    assert_eq!(overall[0]["value"], "Good");
    let quote = &r["quotes"][0];
    assert_eq!(
        quote["text"],
        "We are delighted with the outcome of this inspection."
    );
    assert_eq!(quote["speaker"]["name"], "Jane Smith");
    let w = warnings(r);
    assert!(
        w.iter()
            .any(|w| w.starts_with("not UTF-8: decoded from windows-1252")),
        "{w:?}"
    );
    assert!(!w.iter().any(|w| w.contains("U+FFFD")), "{w:?}");
    // Spans index the decoded text: the quote's span holds its text.
    let text = String::from_utf8(
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(CP1252_ARTICLE)
            .0
            .into_owned()
            .into_bytes(),
    )
    .unwrap();
    let span = &quote["span"];
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert!(text[s..e].contains("We are delighted"), "{}", &text[s..e]);
}

#[test]
fn html_pages_declaring_a_legacy_charset_are_decoded_with_it() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    for (name, meta) in [
        ("declared-1252.html", "<meta charset=\"windows-1252\">"),
        (
            "declared-latin1.html",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">",
        ),
    ] {
        let page = [
            format!("<!DOCTYPE html>\n<html><head>{meta}\n<title>").as_bytes(),
            b"Caf\xE9 nursery rated \x91Outstanding\x92</title></head>\n<body>\n<article>\n",
            b"<h1>Caf\xE9 nursery rated \x91Outstanding\x92</h1>\n",
            b"<p>Ofsted has rated the Caf\xE9 Nursery in Harnley \x91Outstanding\x92 after an inspection in May, its first since it opened.</p>\n",
            b"<p>Inspectors praised the staff for the care they give to every child and for the way they work with parents.</p>\n",
            b"<p>The manager, Ana Lopez, said: \x93We are so proud of our whole team today.\x94</p>\n",
            b"</article>\n</body></html>\n",
        ]
        .concat();
        fs::write(input.join(name), page).unwrap();
    }
    let records = run(&input, &dir.path().join("out"));
    for name in ["declared-1252.html", "declared-latin1.html"] {
        let r = by_path(&records, name);
        assert_eq!(r["source"]["encoding"], "windows-1252", "{name}");
        let w = warnings(r);
        assert!(
            w.iter().any(|w| w.contains("the page declares charset")),
            "{name}: {w:?}"
        );
        let quotes = r["quotes"].as_array().unwrap();
        assert!(
            quotes
                .iter()
                .any(|q| q["text"] == "We are so proud of our whole team today."),
            "{name}: {quotes:?}"
        );
        assert!(
            r["title"].as_str().unwrap().contains("Caf\u{E9}"),
            "{name}: {}",
            r["title"]
        );
    }
}

#[test]
fn utf16_without_a_byte_order_mark_is_decoded_not_noise() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let text = "Harnley Nursery rated \u{2018}Good\u{2019} by Ofsted\n\nOfsted has rated Harnley Nursery \u{2018}Good\u{2019}.\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    fs::write(input.join("wide.txt"), bytes).unwrap();
    let records = run(&input, &dir.path().join("out"));
    let r = by_path(&records, "wide.txt");
    assert_eq!(
        r["title"],
        "Harnley Nursery rated \u{2018}Good\u{2019} by Ofsted"
    );
    assert_eq!(r["source"]["encoding"], "utf-16le");
}

#[test]
fn a_latin1_pound_sign_in_a_real_news_article_is_decoded() {
    let news = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/news/bbc-sport-199.txt");
    if !news.exists() {
        eprintln!("SKIPPED: {} is not there", news.display());
        return;
    }
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    fs::copy(&news, input.join("bbc-sport-199.txt")).unwrap();
    let bytes = fs::read(&news).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the article is not UTF-8"
    );
    let records = run(&input, &dir.path().join("out"));
    let r = by_path(&records, "bbc-sport-199.txt");
    let w = warnings(r);
    assert!(
        !w.iter()
            .any(|w| w.contains("U+FFFD") || w.starts_with("invalid UTF-8")),
        "{w:?}"
    );
    assert_eq!(r["source"]["encoding"], "windows-1252", "{w:?}");
    // The decoded text holds the pound sign where the file has byte 0xA3.
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    assert!(text.contains('\u{A3}'));
}
