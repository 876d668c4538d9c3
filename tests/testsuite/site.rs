//! The public site's outputs on the follow-up project (rendered with `--today 2025-01-15`):
//! the index's timeliness table, a page with progress, the Atom feed and the open data, with
//! absolute links (the office's `site_url`) and relative ones (without it). The goldens are in
//! `site/`; the CSV files are compared byte for byte (their byte order mark and CRLF line ends
//! are what Excel needs) and read back with the `csv` crate.

use std::fs;
use std::path::Path;

use crate::support::{Project, assert_snapshot, fixtures};

const TODAY: &str = "2025-01-15";

/// The files compared as text (line ends aside).
const TEXT: [&str; 6] = [
    "index.md",
    "index.html",
    "feed.xml",
    "responses.json",
    "2023-08-25-race-and-policing.md",
    "2023-08-25-race-and-policing.html",
];

/// The files compared byte for byte.
const CSV: [&str; 2] = ["responses.csv", "recommendations.csv"];

fn follow_up() -> Project {
    Project::from_fixture(&fixtures().join("follow-up"))
}

#[track_caller]
fn render(project: &Project) {
    let output = project.run(&["render", "--today", TODAY]);
    assert_eq!(output.code, 0, "{}", output.stderr);
}

/// Compares `actual` with the expected file byte for byte, or writes it with
/// `SNAPSHOTS=overwrite`.
#[track_caller]
fn assert_bytes(expected: &Path, actual: &[u8]) {
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        fs::create_dir_all(expected.parent().expect("a folder")).expect("a folder");
        fs::write(expected, actual).expect("written");
        return;
    }
    let wanted = fs::read(expected).expect("the expected file (bless it with SNAPSHOTS=overwrite)");
    assert!(
        wanted == actual,
        "{} differs:\n{}",
        expected.display(),
        String::from_utf8_lossy(actual)
    );
}

#[track_caller]
fn compare(project: &Project, golden: &str, text: &[&str], csv: &[&str]) {
    let dir = fixtures().join("site").join(golden);
    for name in text {
        assert_snapshot(&dir.join(name), &project.read(&format!("out/{name}")));
    }
    for name in csv {
        let bytes = fs::read(project.path(&format!("out/{name}"))).expect("a CSV file");
        assert_bytes(&dir.join(name), &bytes);
    }
}

/// The entries' ids of a feed, in order.
fn ids(feed: &str) -> Vec<String> {
    feed.lines()
        .filter_map(|l| l.trim().strip_prefix("<id>"))
        .filter_map(|l| l.strip_suffix("</id>"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_follow_up_project_s_site_outputs() {
    let project = follow_up();
    render(&project);
    compare(&project, "site-url", &TEXT, &CSV);
    // None of them is the drafts': they are the public website's.
    for name in [
        "feed.xml",
        "responses.csv",
        "responses.json",
        "recommendations.csv",
    ] {
        assert!(!project.path(&format!("drafts/{name}")).exists(), "{name}");
    }
    // Nothing here depends on today.
    let later = follow_up();
    let output = later.run(&["render", "--today", "2025-01-31"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    for name in TEXT.iter().chain(&CSV) {
        let path = format!("out/{name}");
        assert_eq!(project.read(&path), later.read(&path), "{name}");
    }
}

#[test]
fn without_a_site_url_links_are_relative_and_ids_stay() {
    let with = follow_up();
    render(&with);
    let project = follow_up();
    let office = project.read("data/office.yaml");
    let without: String = office
        .lines()
        .filter(|l| !l.starts_with("site_url:"))
        .map(|l| format!("{l}\n"))
        .collect();
    // Renamed too: neither changes an id.
    project.write(
        "data/office.yaml",
        without.replace("name: Test Office", "name: The Test Office"),
    );
    render(&project);
    compare(
        &project,
        "relative",
        &["feed.xml", "responses.json"],
        &["responses.csv"],
    );
    let (before, after) = (with.read("out/feed.xml"), project.read("out/feed.xml"));
    assert_eq!(ids(&before), ids(&after));
    assert_eq!(ids(&after).len(), 6, "the feed's id and 5 entries'");
}

#[test]
fn the_csv_files_read_back() {
    let project = follow_up();
    render(&project);
    for (name, rows, columns) in [("responses.csv", 5, 18), ("recommendations.csv", 10, 11)] {
        let bytes = fs::read(project.path(&format!("out/{name}"))).expect("a CSV file");
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "{name}: no byte order mark"
        );
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let header = reader.headers().expect("a header").clone();
        assert_eq!(header.len(), columns, "{name}");
        let records: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .expect("RFC 4180 rows");
        assert_eq!(records.len(), rows, "{name}");
        assert!(records.iter().all(|r| r.len() == columns), "{name}");
    }
    // A text with a line break and quotes comes back as written.
    let bytes = fs::read(project.path("out/recommendations.csv")).expect("a CSV file");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let text = reader
        .records()
        .filter_map(Result::ok)
        .find(|r| r.get(3) == Some("Publish a race equality strategy"))
        .and_then(|r| r.get(4).map(str::to_owned));
    assert_eq!(
        text.as_deref(),
        Some(
            "By 31 March 2024, chief constables should publish a race equality strategy, with \"clear\"\nmeasures & a named lead."
        )
    );
}

#[test]
fn record_content_is_escaped_in_the_feed() {
    let project = follow_up();
    let record = "data/inspections/2024/2024-06-03-spotlight.yaml";
    project.write(
        record,
        project.read(record).replace(
            "title: \"Spotlight: vetting\"",
            "title: \"<script>alert(1)</script> & ]]> \\\" vetting\"",
        ),
    );
    render(&project);
    let feed = project.read("out/feed.xml");
    assert!(
        feed.contains(
            "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; &quot; vetting</title>"
        ),
        "{feed}"
    );
    // And it is well-formed XML, whose title reads back as written.
    let mut reader = quick_xml::Reader::from_str(&feed);
    while reader.read_event().expect("well-formed XML") != quick_xml::events::Event::Eof {}
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; &quot; vetting";
    assert_eq!(
        quick_xml::escape::unescape(escaped).expect("unescaped"),
        "<script>alert(1)</script> & ]]> \" vetting"
    );
}

#[test]
fn with_no_published_response_the_feed_is_empty_and_dated_by_the_office() {
    let project = Project::new();
    project.write(
        "data/inspections/2024-12-20-a-draft.yaml",
        "title: A draft\npublished: 2024-12-20\ntype: peel\nkey_findings: Found.\n",
    );
    render(&project);
    let feed = project.read("out/feed.xml");
    assert!(!feed.contains("<entry>"), "{feed}");
    // Never the clock: the day of the office's first commissioner title.
    assert!(
        feed.contains("<updated>2012-11-22T00:00:00Z</updated>"),
        "{feed}"
    );
    let csv = project.read("out/recommendations.csv");
    assert_eq!(
        csv,
        "\u{feff}record,kind,number,title,text,addressed_to,applies,owner,target,status,last_update\r\n"
    );
    assert_eq!(project.read("out/responses.json").trim(), "[]");
}

/// A record written to attack the outputs (`hostile/`): its plain fields begin as spreadsheet
/// formulas or hold addresses that GitHub would link, and each of its Markdown fields ends
/// inside a block that would take in the rest of a Markdown page.
fn hostile() -> Project {
    Project::from_fixture(&fixtures().join("hostile"))
}

/// Whether a spreadsheet would take `cell` for a formula: it begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return, and is not a negative number.
fn formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err()
}

#[test]
fn no_cell_of_the_open_data_is_a_formula() {
    let project = hostile();
    render(&project);
    compare(&project, "hostile", &[], &CSV);
    for name in CSV {
        let bytes = fs::read(project.path(&format!("out/{name}"))).expect("a CSV file");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let records: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .expect("RFC 4180 rows");
        assert!(!records.is_empty(), "{name}");
        for record in &records {
            assert!(!record.iter().any(formula), "{name}: {record:?}");
        }
    }
    // The title, as the spreadsheet shows it: the text as written after its `'`.
    let csv = project.read("out/responses.csv");
    assert!(
        csv.contains(
            "\"'=HYPERLINK(\"\"https://example.org/x\"\",\"\"Click\"\") see www.example.org or name@example.org\""
        ),
        "{csv}"
    );
}

#[test]
fn the_markdown_page_keeps_its_headings_whatever_a_field_leaves_open() {
    let project = hostile();
    render(&project);
    compare(&project, "hostile", &["2024-03-01-hostile.md"], &[]);
}
