//! `respond render --format pdf`: the PDF of each record holds the HTML page's words in the same
//! order, prints hostile content exactly as written, comes out the same bytes every time, can be
//! replaced by a project's own template, and `render --check` notices when one is stale.
//!
//! The text is read with poppler's `pdftotext` (poppler-utils, which `.ci/run` installs).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::render::tree;
use crate::support::{Project, assert_snapshot, fixtures};

const TODAY: [&str; 2] = ["--today", "2026-11-22"];
const ALL: [&str; 2] = ["--format", "md,html,pdf"];

fn render(project: &Project, extra: &[&str]) -> crate::support::Output {
    let mut args = vec!["render"];
    args.extend_from_slice(&TODAY);
    args.extend_from_slice(extra);
    project.run(&args)
}

/// The text of a PDF's pages without their running head and page numbers (the A4 page cropped
/// to the body), in the order it was laid out (`-raw`).
fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .args([
            "-raw", "-enc", "UTF-8", "-x", "0", "-y", "72", "-W", "595", "-H", "700",
        ])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils)");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The text a reader sees of an HTML page: its body without the skip link, tags dropped and
/// entities decoded.
fn html_text(html: &str) -> String {
    let body = html.split_once("<body>").map_or(html, |(_, body)| body);
    // The link to the tracker is the website's, not the document's: the PDF has none.
    let body = match body.split_once("<p class=\"tracker-link\">") {
        Some((before, after)) => format!(
            "{before}{}",
            after.split_once("</p>").map_or("", |(_, a)| a)
        ),
        None => body.to_owned(),
    };
    let body = body.as_str();
    let body = match body.split_once("<a class=\"skip-link\"") {
        Some((before, after)) => {
            format!(
                "{before}{}",
                after.split_once("</a>").map_or("", |(_, a)| a)
            )
        }
        None => body.to_owned(),
    };
    let mut text = String::new();
    for (i, part) in body.split('<').enumerate() {
        let part = if i == 0 {
            part
        } else {
            part.split_once('>').map_or("", |(_, text)| text)
        };
        text.push(' ');
        text.push_str(part);
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

/// The words of a text. The PDF's list bullets and numbers (`•`, `◦`, `–`, `1.`) are not words
/// of the HTML (a browser draws its own), so they are left out of both.
fn words(text: &str) -> Vec<String> {
    let label = |w: &str| {
        matches!(w, "•" | "◦" | "–")
            || w.strip_suffix('.')
                .is_some_and(|n| n.parse::<u32>().is_ok())
    };
    text.split_whitespace()
        .filter(|w| !label(w))
        .map(str::to_owned)
        .collect()
}

/// Asserts that the PDF holds the HTML page's words in the same order. A word too long for the
/// line (a web address) is broken where it must be, and a footnote's mark runs on from its
/// word, so the words are compared joined: the same characters in the same order.
#[track_caller]
fn assert_same_text(html: &Path, pdf: &Path) {
    let page = fs::read_to_string(html).expect("the HTML page");
    let (html, pdf_words) = (
        words(&html_text(&page)).concat(),
        words(&pdf_text(pdf)).concat(),
    );
    if html != pdf_words {
        let at = html
            .chars()
            .zip(pdf_words.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let around = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(30))
                .take(60)
                .collect::<String>()
        };
        panic!(
            "{}: the text differs at character {at}:\n  HTML: {}\n  PDF:  {}",
            pdf.display(),
            around(&html),
            around(&pdf_words),
        );
    }
}

#[test]
fn the_bundled_pdfs_hold_the_html_pages_words_in_order() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("out");
    let mut pdfs = 0;
    for entry in fs::read_dir(&out).expect("the committed out/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        pdfs += 1;
        assert_same_text(&path.with_extension("html"), &path);
    }
    assert_eq!(
        pdfs, 5,
        "the committed out/ holds the five bundled records' PDFs"
    );
}

#[test]
fn tables_footnotes_quotes_lists_and_responses_hold_the_html_pages_words() {
    let project = Project::from_fixture(&fixtures().join("pdf/rich"));
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/office.yaml"),
        project.path("data/office.yaml"),
    )
    .expect("the bundled office");
    let output = render(&project, &["--format", "html,pdf"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let page = project.path("out/2024-01-10-rich.html");
    assert_same_text(&page, &page.with_extension("pdf"));
    let text = pdf_text(&page.with_extension("pdf"));
    for shown in [
        "Area Grade",
        "Does not apply to Cumbria Constabulary:",
        "AFI 1:",
        "1. First point",
    ] {
        assert!(text.contains(shown), "{shown}: {text}");
    }
}

/// The headings of an HTML page, in order: (level, text).
fn html_headings(html: &str) -> Vec<(usize, String)> {
    let mut headings = Vec::new();
    for part in html.split("<h").skip(1) {
        let Some(level) = part.chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        let inner = part.split_once('>').map_or("", |(_, rest)| rest);
        let inner = inner.split_once("</h").map_or(inner, |(text, _)| text);
        headings.push((level as usize, html_text(inner).trim().to_owned()));
    }
    headings
}

/// The headings of a Markdown page, in order: (level, text).
fn markdown_headings(markdown: &str) -> Vec<(usize, String)> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut headings = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::all()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open = Some((level as usize, String::new()))
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading)) = open.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(open.take()),
            _ => {}
        }
    }
    headings
}

/// Every Markdown construct validation accepts, in every kind of field, as pasted from a report:
/// a list nested six deep, ordered lists, headings of every level (`#`…`######`, underlined),
/// tables, quotes, footnotes, code, links struck out and not. The PDF is made (typst refused a
/// nested list's marker and a skipped heading level as PDF/UA-1 errors), holds the HTML page's
/// words, and the field's headings nest under the document's at the same level in the HTML and
/// Markdown pages. `.ci/run` checks the PDF's structure tree (pikepdf, `tests/pdf/run.sh`).
#[test]
fn every_markdown_construct_renders_in_the_three_formats() {
    let project = Project::from_fixture(&fixtures().join("pdf/constructs"));
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/office.yaml"),
        project.path("data/office.yaml"),
    )
    .expect("the bundled office");
    let output = render(&project, &ALL);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let page = project.path("out/2024-01-10-constructs.html");
    assert_same_text(&page, &page.with_extension("pdf"));
    let html = html_headings(&project.read("out/2024-01-10-constructs.html"));
    let markdown = markdown_headings(&project.read("out/2024-01-10-constructs.md"));
    // The field's `#` is a level below the section holding it, whatever it wrote first, and
    // nothing deeper than 6.
    for expected in [
        (2, "Key Findings"),
        (3, "Findings"),
        (4, "Bulleted, nested as deep as a report goes"),
        (5, "Numbered"),
        (6, "Deepest heading"),
        (3, "Level one in the field"),
        (4, "Level two in the field"),
        (4, "Underlined heading"),
        (3, "Another underlined one"),
        (4, "A heading in a quote"),
        (3, "Recommendation 1: Call handling"),
        (4, "Recommendation detail"),
        (4, "What we will do"),
        (5, "When"),
        (3, "A heading inside an area"),
        (3, "Response heading"),
        (3, "Concern heading"),
        (3, "My response"),
        (4, "Next steps"),
    ] {
        let expected = (expected.0, expected.1.to_owned());
        assert!(html.contains(&expected), "{expected:?} in {html:#?}");
        assert!(
            markdown.contains(&expected),
            "{expected:?} in {markdown:#?}"
        );
    }
    for headings in [&html, &markdown] {
        assert_eq!(headings.first().map(|h| h.0), Some(1), "{headings:#?}");
        for pair in headings.windows(2) {
            assert!(pair[1].0 <= pair[0].0 + 1, "a level skipped: {pair:?}");
        }
    }
    let text = pdf_text(&page.with_extension("pdf"));
    for shown in [
        "six",
        "bullet inside",
        "indented line 2",
        "Requires improvement",
    ] {
        assert!(text.contains(shown), "{shown}: {text}");
    }
}

#[test]
fn the_same_records_give_the_same_pdf_bytes() {
    let project = Project::seeds();
    assert_eq!(
        render(&project, &["--format", "pdf", "--out", "first"]).code,
        0
    );
    assert_eq!(
        render(&project, &["--format", "pdf", "--out", "second"]).code,
        0
    );
    let (first, second) = (tree(&project.path("first")), tree(&project.path("second")));
    assert_eq!(first.len(), 6, "five PDFs and the manifest");
    assert_eq!(first, second);
    // And the same as those committed in out/.
    let committed = tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("out"));
    for (name, bytes) in first.iter().filter(|(n, _)| n.ends_with(".pdf")) {
        assert!(committed[name] == *bytes, "out/{name} differs");
    }
}

/// Text that typst would read as code or markup, were a record's text ever read as typst.
const HOSTILE: [&str; 11] = [
    "#read(\"/etc/passwd\")",
    "#sys.inputs",
    "#import \"x.typ\": *",
    "$x$",
    "<label>",
    "@ref",
    "*bold*",
    "#{panic(\"x\")}",
    "] [ } {",
    "a\\b\\\\c",
    "#image(\"/etc/hostname\") //",
];

/// A YAML double-quoted string holding `text`.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn hostile_content_prints_as_written_and_reads_no_file() {
    let project = Project::new();
    let all = HOSTILE.join(" ");
    let markdown: String = HOSTILE.iter().map(|h| format!("{h}\n\n")).collect();
    let indented = markdown.replace('\n', "\n      ");
    project.write(
        "data/inspections/2023-08-25-hostile.yaml",
        format!(
            "title: {title}\nreference: {title}\npublished: 2023-08-25\ntype: peel\n\
             key_findings: |\n  {key}\nrecommendations:\n  - number: {title}\n    title: {title}\n    \
             addressed_to: {title}\n    text: |\n      {indented}\n    response: |\n      {indented}\n\
             responses:\n  - by: commissioner\n    heading: {title}\n    text: |\n      {indented}\n\
             response_published: 2023-10-12\n",
            title = quoted(&all),
            key = markdown.replace('\n', "\n  "),
        ),
    );
    let output = render(&project, &ALL);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let pdf = project.path("out/2023-08-25-hostile.pdf");
    let text = pdf_text(&pdf);
    // Plain fields print exactly as written (a line may break at any space).
    let squeezed: String = text.split_whitespace().collect();
    let plain: String = all.split_whitespace().collect();
    assert!(
        squeezed.matches(&plain).count() >= 5,
        "the title, reference, number, addressed_to and heading print as written:\n{text}"
    );
    // Markdown fields print as the HTML page shows them (`*bold*` is emphasis there).
    assert_same_text(&project.path("out/2023-08-25-hostile.html"), &pdf);
    assert!(!text.contains("root:"), "{text}");
    no_file_is_opened(&project, &["/etc/passwd", "/etc/hostname", "x.typ"]);
}

/// Renders the project's PDFs again (from scratch) under strace and asserts that none of
/// `paths` was looked at: a record's text never reaches the file system.
fn no_file_is_opened(project: &Project, paths: &[&str]) {
    if !crate::support::tool(
        "strace",
        &["-o", "/dev/null", "true"],
        "the trace of the PDF's file accesses",
    ) {
        return;
    }
    let trace = project.path("trace.txt");
    let status = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=%file", "-o"])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_respond"))
        .args([
            "render", TODAY[0], TODAY[1], "--format", "pdf", "--out", "traced",
        ])
        .current_dir(project.root())
        .output()
        .expect("strace runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let trace = fs::read_to_string(trace).expect("the trace");
    assert!(
        trace.contains("2023-08-25-hostile"),
        "the trace holds the render's files"
    );
    for path in paths {
        assert!(!trace.contains(path), "{path} was looked at:\n{trace}");
    }
}

#[test]
fn check_fails_when_a_pdf_is_stale() {
    let project = Project::seeds();
    assert_eq!(render(&project, &ALL).code, 0);
    let clean = render(&project, &[&["--check"][..], &ALL].concat());
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    // A project's own PDF template changes the PDFs and nothing else.
    let typ = include_str!("../../templates/document.typ");
    project.write(
        "templates/document.typ",
        typ.replace("[Key Findings]", "[Key findings]"),
    );
    let stale = render(&project, &[&["--check"][..], &ALL].concat());
    assert_eq!(stale.code, 1);
    let listed: Vec<&str> = stale
        .stderr
        .lines()
        .filter(|l| l.contains(": out/"))
        .collect();
    assert_eq!(
        listed,
        [
            "changed: out/2019-05-02-integrated-peel-assessments-2018-19.pdf",
            "changed: out/2020-02-06-peel-spotlight-diverging-under-pressure.pdf",
            "changed: out/2021-02-26-disproportionate-use-of-police-powers.pdf",
            "changed: out/2023-08-25-race-and-policing.pdf",
            "changed: out/2024-09-10-activism-and-impartiality-in-policing.pdf",
        ]
    );
    assert_eq!(render(&project, &ALL).code, 0);
    let text = pdf_text(&project.path("out/2023-08-25-race-and-policing.pdf"));
    assert!(text.contains("Key findings"), "{text}");
}

#[test]
fn templates_writes_the_pdf_template_and_a_broken_one_is_named() {
    let project = Project::seeds();
    let output = project.run(&["templates"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output.stderr.contains("wrote templates/document.typ\n"),
        "{}",
        output.stderr
    );
    assert_eq!(
        project.read("templates/document.typ"),
        include_str!("../../templates/document.typ")
    );
    project.write(
        "templates/document.typ",
        "#set document(title: [T])\n\n#let x = (\n",
    );
    let broken = render(&project, &["--format", "pdf"]);
    assert_eq!(broken.code, 2, "{}", broken.stderr);
    assert!(
        broken
            .stderr
            .contains("the PDF template `document.typ` failed:\ndocument.typ:3:"),
        "{}",
        broken.stderr
    );
}

#[test]
fn a_character_the_font_lacks_is_a_question_mark_not_a_failed_render() {
    let project = Project::new();
    project.write(
        "data/inspections/2024-01-10-emoji.yaml",
        "title: \"Thanks 😀 to 中文 and Ελληνικά\"\npublished: 2024-01-10\ntype: peel\n\
         key_findings: |\n  Found 😀.\nresponses:\n  - by: commissioner\n    text: Noted.\n\
         response_published: 2024-02-01\n",
    );
    let output = render(&project, &["--format", "html,pdf"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let text = pdf_text(&project.path("out/2024-01-10-emoji.pdf"));
    assert!(text.contains("Thanks ? to ?? and Ελληνικά"), "{text}");
    assert!(text.contains("Found ?."), "{text}");
    assert!(
        project
            .read("out/2024-01-10-emoji.html")
            .contains("Thanks 😀 to 中文")
    );
}

/// The follow-up project's PDFs are the documents as published: an item's progress, which
/// changes after publication, is on the tracker, not in the PDF (nor in the HTML page).
#[test]
fn progress_is_on_the_tracker_not_in_the_pdf() {
    let project = Project::from_fixture(&fixtures().join("follow-up"));
    let output = render(&project, &["--format", "html,pdf"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let page = project.path("out/2023-08-25-race-and-policing.html");
    assert_same_text(&page, &page.with_extension("pdf"));
    let text = pdf_text(&page.with_extension("pdf"));
    assert!(
        !text.contains("Progress") && !text.contains("Head of Training"),
        "{text}"
    );
    let tracker = project.read("out/recommendations.html");
    for shown in [
        "Head of Equality, Diversity and Inclusion",
        "Superseded",
        "Not accepted",
    ] {
        assert!(tracker.contains(shown), "{shown}: {tracker}");
    }
}

/// A record of `findings` bytes of key findings and 43 bytes of other text.
fn record_of(findings: usize) -> String {
    let text = "word ".repeat(findings / 5 + 1);
    format!(
        "title: T\npublished: 2024-01-10\ntype: peel\nkey_findings: \"{}\"\nresponses:\n  - by: commissioner\n    text: Noted.\nresponse_published: 2024-02-01\n",
        &text[..findings]
    )
}

/// A PDF is typeset with all its text in memory, about 300 times its size: a record of more
/// than 1,000,000 bytes of text (here, one over) is refused at validation, at its longest text,
/// before anything is typeset; one of exactly that much is valid.
#[test]
fn a_record_with_more_text_than_a_pdf_is_made_from_is_refused() {
    let project = Project::new();
    let file = "data/inspections/2024-01-10-long.yaml";
    project.write(file, record_of(1_000_000 - 43));
    let output = project.run(&["validate", TODAY[0], TODAY[1]]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (0, "checked 1 record: no problems\n")
    );
    project.write(file, record_of(1_000_000 - 42));
    let output = project.run(&["validate", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert_snapshot(&fixtures().join("pdf/text-too-long.txt"), &output.stderr);
    let output = render(&project, &ALL);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert!(!project.path("out").exists());
}

/// When `publish`'s render fails (here, a broken PDF template), it says why, in the render's
/// own words, and puts the record back: a render of the draft put back succeeds and would
/// show nothing.
#[test]
fn publish_whose_render_fails_prints_the_renders_error() {
    let project = Project::new();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/office.yaml"),
        project.path("data/office.yaml"),
    )
    .expect("the bundled office, whose formats hold the PDF");
    let file = "data/inspections/2026-11-20-peel-2025-27.yaml";
    let draft = "title: \"PEEL 2025–27: An inspection of Cumbria Constabulary\"\npublished: 2026-11-20\n\
                 type: peel\nkey_findings: |\n  The force is good at preventing crime.\n\
                 responses:\n  - by: commissioner\n    text: |\n      I welcome this report.\n";
    project.write(file, draft);
    project.write(
        "templates/document.typ",
        "#set document(title: [T])\n\n#let x = (\n",
    );
    let output = project.run(&[
        "publish",
        "2026-11-20-peel-2025-27",
        "--today",
        "2026-12-02",
    ]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            2,
            "error: the public files could not be rendered, so `data/inspections/2026-11-20-peel-2025-27.yaml` is unchanged: the PDF template `document.typ` failed:\ndocument.typ:3:10: unclosed delimiter\n"
        )
    );
    assert_eq!(project.read(file), draft);
}

/// No output can show an image (the pages make no outside requests, the PDF embeds no file):
/// each one in a Markdown field is refused at its line, with the words to use instead.
#[test]
fn an_image_in_a_markdown_field_is_refused_at_its_line() {
    let project = Project::new();
    project.write(
        "data/inspections/2024-01-10-image.yaml",
        "title: Image\npublished: 2024-01-10\ntype: peel\nkey_findings: |\n  The chart:\n\n  \
         ![Calls answered](https://example.org/chart.png)\nresponses:\n  - by: commissioner\n    \
         text: \"See ![logo][l] and a plain [link](https://example.org/).\\n\\n[l]: https://example.org/l.png\"\n",
    );
    let output = project.run(&["validate", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert_snapshot(&fixtures().join("pdf/image.txt"), &output.stderr);
}

/// A page's PDF holds the text of every record it relates: records each within the limit, but
/// over it together on one page, are refused at the `related` of the page's record.
#[test]
fn a_page_with_more_text_than_a_pdf_is_made_from_is_refused() {
    let project = Project::new();
    for id in ["2024-01-10-b", "2024-01-10-c"] {
        project.write(&format!("data/inspections/{id}.yaml"), record_of(600_000));
    }
    project.write(
        "data/inspections/2024-01-10-a.yaml",
        "title: A\npublished: 2024-01-10\ntype: peel\nkey_findings: Short.\nresponses:\n  - by: commissioner\n    \
         text: Noted.\nresponse_published: 2024-02-01\nrelated: [2024-01-10-b, 2024-01-10-c]\n",
    );
    let output = project.run(&["validate", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert_snapshot(&fixtures().join("pdf/page-too-long.txt"), &output.stderr);
    // Each record has a page of its own, within the limit.
    project.write(
        "data/inspections/2024-01-10-a.yaml",
        project
            .read("data/inspections/2024-01-10-a.yaml")
            .replace(", 2024-01-10-c]", "]"),
    );
    let output = project.run(&["validate", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
}
