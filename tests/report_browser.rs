//! The HTML report in a real browser: Debian's `chromium`, headless.
//!
//! One run over a copy of `corpus/` plus an article full of markup, with a copy
//! of `rules/` plus a rule that can never fire, writes the report under
//! `target/tmp/report_browser/out/report/`. Chromium then loads its pages from
//! `file://` (`--dump-dom`, console messages on stderr with `--enable-logging`),
//! and screenshots are saved beside them (`screenshot-*.png`): open them to see
//! the report as a person does.
//!
//! Chromium is `$CHROMIUM` or `/usr/bin/chromium`; `.ci/run` installs it.

mod support;

use regex::Regex;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use support::{copy_tree as copy_dir, p, pressmine_ok as pressmine, root};

// ---------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------

fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "chromium is not installed (looked for {}): the report's browser test needs Debian's \
         chromium. Install it with `apt-get update && apt-get install -y chromium` (.ci/run does), \
         or point $CHROMIUM at a Chromium binary.",
        path.display()
    );
    path
}

/// What one headless Chromium run gave.
struct Page {
    /// The DOM after load (with `--dump-dom`).
    dom: String,
    /// Console messages (every one is a failure: the report logs nothing).
    console: Vec<String>,
}

/// Run headless Chromium on `url` with `extra` flags, in a fresh profile.
fn run_chromium(url: &str, extra: &[&str]) -> (String, String) {
    let profile = tempfile::TempDir::new().unwrap();
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(url.to_string());
    let out_file = profile.path().join("stdout");
    let err_file = profile.path().join("stderr");
    let mut child = Command::new(chromium())
        .args(&args)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_file).unwrap())
        .stderr(fs::File::create(&err_file).unwrap())
        .spawn()
        .expect("cannot start chromium");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = fs::read_to_string(&out_file).unwrap_or_default();
            let err = fs::read_to_string(&err_file).unwrap_or_default();
            assert!(status.success(), "chromium {url} failed ({status}):\n{err}");
            return (out, err);
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took more than 120 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Load a page and return its DOM and console messages.
fn load(file: &Path, fragment: &str) -> Page {
    let url = format!("file://{}{fragment}", file.display());
    let (dom, err) = run_chromium(&url, &["--dump-dom"]);
    let console = err
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    Page { dom, console }
}

fn screenshot(file: &Path, png: &Path, size: &str) {
    let url = format!("file://{}", file.display());
    run_chromium(
        &url,
        &[
            &format!("--window-size={size}"),
            &format!("--screenshot={}", png.display()),
        ],
    );
    let bytes = fs::read(png).unwrap_or_else(|e| panic!("no screenshot {}: {e}", png.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        png.display()
    );
    assert!(
        bytes.len() > 20_000,
        "{} is suspiciously small ({} bytes)",
        png.display(),
        bytes.len()
    );
}

/// A page loaded without console messages and with its script run to the end.
fn assert_clean(what: &str, page: &Page) {
    assert!(
        page.console.is_empty(),
        "{what}: console messages (errors, blocked content):\n{}",
        page.console.join("\n")
    );
    assert!(
        page.dom.contains("data-ready=\"1\""),
        "{what}: the page's script did not finish"
    );
    assert!(
        !page.dom.contains("data-error="),
        "{what}: a script error was caught"
    );
}

// ---------------------------------------------------------------------------
// The run under test
// ---------------------------------------------------------------------------

const MARLOWE: &str = "probation/2024-03-hmip-marlowe-vale-youth-justice-service.txt";
const EVIL: &str = "zz-markup/evil.txt";
const NEVER: &str = "rating.fixture_never_fires";

/// The hostile article: each payload would leave a `data-pwned` attribute or
/// change the title to PWNED if it ran.
const EVIL_TEXT: &str = "<script>document.title='PWN'+'ED';document.documentElement.setAttribute('data-pwned','title')</script> Oakfield School rated 'Good' by Ofsted\n\n\
Ofsted has rated Oakfield School 'Good' following an inspection in March 2024.\n\n\
<img src=x onerror=\"document.title='PWN'+'ED';document.documentElement.setAttribute('data-pwned','img')\">\n\n\
The headteacher, Anna Price, said: \"We are proud <script>document.body.setAttribute('data-pwned','quote')</script> of our staff & pupils.\"\n\n\
Leadership is strong and effective. <b onmouseover=alert(1)>bold</b> &amp; <!-- comment --> </main></body>\n";

struct Run {
    out: PathBuf,
    report: PathBuf,
    records: Vec<Value>,
}

fn run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report_browser");
        if base.exists() {
            fs::remove_dir_all(&base).unwrap();
        }
        let input = base.join("input");
        copy_dir(&root().join("corpus"), &input);
        fs::create_dir_all(input.join("zz-markup")).unwrap();
        fs::write(input.join(EVIL), EVIL_TEXT).unwrap();
        let rules = base.join("rules");
        copy_dir(&root().join("rules"), &rules);
        let mut ratings = fs::read_to_string(rules.join("ratings.toml")).unwrap();
        ratings.push_str(&format!(
            "\n[[rating]]\nid = \"{NEVER}\"\nscope = \"overall\"\npattern = '''(?i)\\bzzyzx-never-rated\\s+(?P<value>{{rating}})\\b'''\nexamples = [{{ text = \"zzyzx-never-rated good\", expect = \"good\" }}]\n"
        ));
        fs::write(rules.join("ratings.toml"), ratings).unwrap();
        let out = base.join("out");
        pressmine(&["run", p(&input), "--out", p(&out), "--rules", p(&rules)]);
        let records = fs::read_to_string(out.join("records.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let report = out.join("report");
        eprintln!("report under test: {}", report.join("index.html").display());
        Run { out, report, records }
    })
}

/// The page of the article at `path`.
fn article_page(path: &str) -> (PathBuf, &'static Value) {
    let r = run();
    let i = r
        .records
        .iter()
        .position(|x| x["source"]["path"] == path)
        .unwrap_or_else(|| panic!("no record for {path}"));
    (r.report.join(format!("a/{i:06}.html")), &r.records[i])
}

/// Marks of the DOM: (class, data-rule, title, text up to the next tag).
fn marks(dom: &str) -> Vec<(String, String, String, String)> {
    let re = Regex::new(
        r#"<mark[^>]*?class="([^"]*)"[^>]*?data-rule="([^"]*)"[^>]*?title="([^"]*)"[^>]*>([^<]*)"#,
    )
    .unwrap();
    re.captures_iter(dom)
        .map(|c| {
            (
                c[1].to_string(),
                c[2].to_string(),
                c[3].to_string(),
                c[4].to_string(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[test]
fn the_report_loads_without_console_errors() {
    let r = run();
    let (marlowe, _) = article_page(MARLOWE);
    let (evil, _) = article_page(EVIL);
    for (what, file) in [
        ("index.html", r.report.join("index.html")),
        ("articles-1.html", r.report.join("articles-1.html")),
        ("the Marlowe Vale article", marlowe),
        ("the article with markup", evil),
    ] {
        let page = load(&file, "");
        assert_clean(what, &page);
        assert!(
            !page.dom.contains("http://") && !page.dom.contains("https://"),
            "{what} refers to the network"
        );
    }
    assert!(r.out.join("records.jsonl").exists());
}

#[test]
fn a_known_article_shows_service_rating_and_quote_with_their_rule_ids() {
    let (file, rec) = article_page(MARLOWE);
    let page = load(&file, "");
    assert_clean(MARLOWE, &page);
    let marks = marks(&page.dom);
    for (field, item) in [
        ("service", &rec["services"][0]),
        ("rating", &rec["ratings"][0]),
        ("quote", &rec["quotes"][0]),
    ] {
        let rule = item["rule"]
            .as_str()
            .unwrap_or_else(|| panic!("{field} without rule: {item}"));
        let found = marks.iter().find(|(class, r, title, _)| {
            class.split(' ').any(|c| c == format!("f-{field}")) && r == rule && title.contains(rule)
        });
        assert!(
            found.is_some(),
            "no highlighted {field} with rule {rule} (in data-rule and title) on {}",
            file.display()
        );
    }
    let service = marks
        .iter()
        .find(|m| m.0 == "f-service" && m.1 == "service.youth_justice")
        .expect("service mark");
    assert!(
        service.3.contains("Marlowe Vale Youth Justice Service"),
        "service mark text: {:?}",
        service.3
    );
    let rating = marks
        .iter()
        .find(|m| m.0 == "f-rating")
        .expect("rating mark");
    assert_eq!(rating.3, "Outstanding");

    // Clicking a value (here: following its link) shows its rule beside the text.
    let quote_rule = rec["quotes"][0]["rule"].as_str().unwrap();
    let link = Regex::new(r##"<li><a href="#(m-[0-9]+)">\x{201c}"##).unwrap();
    let id = link
        .captures(&page.dom)
        .expect("a quote in the record panel")[1]
        .to_string();
    let clicked = load(&file, &format!("#{id}"));
    assert_clean("the article, a quote selected", &clicked);
    let sel = clicked
        .dom
        .split("id=\"sel\"")
        .nth(1)
        .expect("selection box")
        .split("<h2>")
        .next()
        .unwrap();
    assert!(
        sel.contains(quote_rule) && sel.contains("chip f-quote"),
        "the selection box should name {quote_rule}: {sel}"
    );
    assert!(
        clicked.dom.contains("class=\"f-quote on\""),
        "the selected quote should be outlined"
    );
}

#[test]
fn a_rule_that_never_fired_is_flagged() {
    let r = run();
    let page = load(&r.report.join("index.html"), "");
    assert_clean("index.html", &page);
    let row = Regex::new(&format!(
        r#"<tr id="rule-{}" class="([^"]*)"[^>]*>(.*?)</tr>"#,
        regex::escape(NEVER)
    ))
    .unwrap()
    .captures(&page.dom)
    .unwrap_or_else(|| panic!("no row for {NEVER} in index.html"))
    .iter()
    .map(|m| m.map(|m| m.as_str().to_string()).unwrap_or_default())
    .collect::<Vec<_>>();
    assert!(
        row[1].split(' ').any(|c| c == "never-fired"),
        "row classes: {}",
        row[1]
    );
    assert!(row[2].contains("never fired"), "row: {}", row[2]);
    assert!(
        row[2].contains("ratings.toml:"),
        "the row names the rule's file and line: {}",
        row[2]
    );
    // A rule that fired is not flagged.
    let fired = Regex::new(r#"<tr id="rule-service.youth_justice" class="([^"]*)""#).unwrap();
    let classes = &fired
        .captures(&page.dom)
        .expect("service.youth_justice row")[1];
    assert!(!classes.contains("never-fired"), "{classes}");
    let json: Value =
        serde_json::from_str(&fs::read_to_string(r.report.join("rules.json")).unwrap()).unwrap();
    let rule = json["by_rule"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == NEVER)
        .unwrap();
    assert_eq!(rule["never_fired"], true);
    assert_eq!(rule["hits"], 0);
}

#[test]
fn markup_in_an_article_is_shown_as_text_and_never_runs() {
    let r = run();
    let (file, _) = article_page(EVIL);
    let list = r.report.join("articles-1.html");
    let index = r.report.join("index.html");
    for (what, file) in [
        ("the article", &file),
        ("the article list", &list),
        ("index.html", &index),
    ] {
        let page = load(file, "");
        assert_clean(what, &page);
        assert!(!page.dom.contains("data-pwned=\""), "{what}: a payload ran");
        let title = page
            .dom
            .split("<title>")
            .nth(1)
            .unwrap()
            .split("</title>")
            .next()
            .unwrap();
        assert!(
            !title.contains("PWNED"),
            "{what}: the title was changed: {title}"
        );
        assert!(
            !page.dom.contains("<img"),
            "{what}: an <img> element was created"
        );
        assert!(
            !page.dom.contains("<b onmouseover"),
            "{what}: an element with a handler was created"
        );
    }
    let page = load(&file, "");
    // The markup is there, as text.
    for text in [
        "&lt;script&gt;document.title='PWN'+'ED'",
        "&lt;img src=x onerror=\"document.title='PWN'+'ED'",
        "&lt;b onmouseover=alert(1)&gt;bold&lt;/b&gt; &amp;amp; &lt;!-- comment --&gt; &lt;/main&gt;&lt;/body&gt;",
    ] {
        assert!(page.dom.contains(text), "the article page should show {text:?} as text");
    }
    // Only the page's own script element exists.
    assert_eq!(
        page.dom.matches("<script").count(),
        1,
        "exactly one script element"
    );
    let shot = r.report.join("screenshot-markup-article.png");
    screenshot(&file, &shot, "1400,1000");
}

#[test]
fn screenshots_of_the_report() {
    let r = run();
    let (marlowe, _) = article_page(MARLOWE);
    screenshot(
        &r.report.join("index.html"),
        &r.report.join("screenshot-index.png"),
        "1400,1000",
    );
    screenshot(
        &marlowe,
        &r.report.join("screenshot-article.png"),
        "1400,1100",
    );
    screenshot(
        &r.report.join("articles-1.html"),
        &r.report.join("screenshot-articles.png"),
        "1400,900",
    );
    eprintln!("screenshots in {}", r.report.display());
}

#[test]
fn a_page_listing_1000_articles_opens_in_about_a_second() {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report_browser_1000");
    if base.exists() {
        fs::remove_dir_all(&base).unwrap();
    }
    let input = base.join("input");
    fs::create_dir_all(&input).unwrap();
    for i in 0..1000 {
        let text = format!(
            "Ward {i} Youth Justice Service rated 'Good'\n\nHM Inspectorate of Probation has rated Ward {i} Youth Justice Service 'Good'. \
             Staff were skilled and committed, but caseloads were too high.\n\nChief Inspector of Probation, Martin Jones, said: \"This is a service \
             that knows its children well and works hard for them.\"\n"
        );
        fs::write(input.join(format!("a{i:04}.txt")), text).unwrap();
    }
    let out = base.join("out");
    pressmine(&["run", p(&input), "--out", p(&out), "--no-report"]);
    assert!(!out.join("report").exists(), "--no-report writes no report");
    pressmine(&["report", p(&input), "--out", p(&out), "--page-size", "1000"]);
    let list = out.join("report/articles-1.html");
    let started = Instant::now();
    let page = load(&list, "");
    let wall = started.elapsed();
    assert_clean("a list page of 1,000 articles", &page);
    assert_eq!(
        page.dom.matches("<tr><td class=\"num\">").count(),
        1000,
        "one row per article"
    );
    let ms: u64 = Regex::new(r#"data-ms="([0-9]+)""#)
        .unwrap()
        .captures(&page.dom)
        .expect("data-ms")[1]
        .parse()
        .unwrap();
    eprintln!("1,000-article page: script done {ms} ms after navigation; chromium run {wall:?}");
    assert!(ms < 2500, "the 1,000-article page took {ms} ms to load");
    // An article page of that run is small.
    let a = fs::metadata(out.join("report/a/000999.html"))
        .unwrap()
        .len();
    assert!(a < 100_000, "an article page is {a} bytes");
}

#[test]
fn the_inspections_page_shows_a_three_source_inspection_with_its_conflict() {
    let r = run();
    let file = r.report.join("inspections.html");
    let page = load(&file, "");
    assert_clean("inspections.html", &page);
    let id = "ofsted/children-s-services/wrenfield/2024-10-08";
    let start = page
        .dom
        .find(&format!("data-inspection=\"{id}\""))
        .unwrap_or_else(|| panic!("no row for {id}"));
    let row_start = page.dom[..start].rfind("<tr").unwrap();
    let row_end = start + page.dom[start..].find("</tr>").unwrap();
    let row = &page.dom[row_start..row_end];
    assert!(row.contains("data-sources=\"3\""), "{row}");
    assert!(
        row.contains("class=\"conflict\""),
        "the row is highlighted: {row}"
    );
    assert!(row.contains("data-field=\"overall\""), "{row}");
    assert!(
        row.contains("<span class=\"disagree\">Good</span>"),
        "{row}"
    );
    // Each source links to its article's page.
    for path in [
        "linked/2024-10-ofsted-wrenfield-childrens-services.txt",
        "linked/2024-10-wrenfield-courier-childrens-services.txt",
        "linked/2024-10-wrenfield-council-statement-childrens-services.txt",
    ] {
        let (article, _) = article_page(path);
        let href = article
            .strip_prefix(&r.report)
            .unwrap()
            .display()
            .to_string();
        assert!(row.contains(&format!("href=\"{href}\"")), "{path}: {row}");
        assert!(article.is_file());
    }
    // The rules page links to it.
    assert!(fs::read_to_string(r.report.join("index.html"))
        .unwrap()
        .contains("href=\"inspections.html\""));
    let shot = r.report.join("screenshot-inspections.png");
    screenshot(&file, &shot, "1600,1000");
}
