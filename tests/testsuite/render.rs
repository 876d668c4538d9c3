//! `respond render`: the seed documents byte for byte, hostile content, templates, `--check`,
//! determinism, and what it refuses to do to `out/`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::support::{Project, assert_snapshot, fixtures};

const TODAY: [&str; 2] = ["--today", "2026-11-22"];

/// The files of a folder (not recursive) and their contents, leaving out the render cache
/// (which records modification times) and the lock (empty), neither ever committed.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("a folder")
        .map(|e| e.expect("an entry"))
        .filter(|e| {
            e.path().is_file()
                && e.file_name() != ".respond-cache"
                && e.file_name() != ".respond-lock"
        })
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).expect("a file"),
            )
        })
        .collect()
}

fn render(project: &Project, extra: &[&str]) -> crate::support::Output {
    let mut args = vec!["render"];
    args.extend_from_slice(&TODAY);
    args.extend_from_slice(extra);
    project.run(&args)
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn seed_documents_match_the_committed_out_folder() {
    // The golden files of the seed records are the committed `out/`; bless them with
    // `cargo run -- render --format md,html,pdf`.
    let project = Project::seeds();
    let output = render(&project, &["--format", "md,html,pdf"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let expected = tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("out"));
    let actual = tree(&project.path("out"));
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>(),
        "the files differ from the committed out/"
    );
    for (name, bytes) in &expected {
        assert!(
            actual[name] == *bytes,
            "out/{name} differs from what respond renders now: run `cargo run -- render --format md,html,pdf` and review the diff"
        );
    }
    assert_eq!(
        expected.len(),
        23,
        "5 records × 3 formats, 2 index pages, the feed, 3 files of open data, the tracker and the manifest"
    );
}

/// A page's top heading names its inspection (the heading a screen reader lists, and the
/// first large text on a phone); the office's standard line stands above it as a paragraph.
#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn the_page_heading_names_the_inspection() {
    let project = Project::seeds();
    assert_eq!(render(&project, &[]).code, 0);
    let between = |text: &str, start: &str, end: &str| {
        let from = text.find(start).expect(start) + start.len();
        text[from..][..text[from..].find(end).expect(end)].to_owned()
    };
    let mut pages = 0;
    for name in tree(&project.path("out")).keys() {
        if name.ends_with(".pdf") {
            continue;
        }
        let text = project.read(&format!("out/{name}"));
        let (heading, title) =
            if ["index.html", "index.md", "recommendations.html"].contains(&name.as_str()) {
                continue;
            } else if name.ends_with(".html") {
                (
                    between(&text, "<h1 class=\"title\">", "</h1>"),
                    between(
                        &text,
                        "<th scope=\"row\">Inspection Title</th><td>",
                        "</td>",
                    ),
                )
            } else if name.ends_with(".md") {
                (
                    between(&text, "\n# ", "\n"),
                    between(&text, "- **Inspection Title:** ", "\n"),
                )
            } else {
                continue;
            };
        assert_eq!(heading, title, "out/{name}");
        assert!(text.contains("response to inspections of Cumbria Constabulary"));
        assert_eq!(
            text.matches("<h1").count(),
            usize::from(name.ends_with(".html"))
        );
        pages += 1;
    }
    assert_eq!(pages, 10);
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn rendering_is_deterministic() {
    let project = Project::seeds();
    assert_eq!(render(&project, &["--out", "first"]).code, 0);
    assert_eq!(render(&project, &["--out", "second"]).code, 0);
    assert_eq!(tree(&project.path("first")), tree(&project.path("second")));
}

/// The tags of an HTML text: whatever stands between `<` and `>` (text is escaped, so every
/// real `<` opens a tag).
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag.to_lowercase()))
        .collect()
}

#[test]
fn hostile_content_never_executes() {
    let project = Project::from_fixture(&fixtures().join("render/hostile"));
    let output = render(&project, &[]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let html = project.read("out/2023-08-25-hostile.html");
    let (head, body) = html.split_once("</head>").expect("a head");
    assert_eq!(
        head.matches("<style>").count(),
        1,
        "only our own style sheet"
    );
    for tag in tags(body) {
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or_default()
            .to_owned();
        assert!(
            ![
                "script", "style", "iframe", "svg", "img", "object", "embed", "math", "link",
                "meta", "base", "form"
            ]
            .contains(&name.as_str()),
            "<{tag}> survived"
        );
        for attribute in tag.split_whitespace().skip(1) {
            assert!(!attribute.starts_with("on"), "<{tag}> has an event handler");
            assert!(!attribute.starts_with("style"), "<{tag}> has a style");
        }
        assert!(
            !tag.contains("javascript:") && !tag.contains("data:"),
            "<{tag}> has a dangerous URL"
        );
    }
    assert!(
        body.contains("{{ 7 * 7 }}") && !body.contains("49"),
        "template syntax was evaluated"
    );
    assert!(body.contains("{% if true %}evaluated{% endif %}"));
    assert!(
        body.contains("<p>Second paragraph with <b>bold</b>.</p>"),
        "pasted HTML keeps its paragraphs"
    );
    assert!(body.contains("<a href=\"https://example.org/ok\">fine</a>"));
    let markdown = project.read("out/2023-08-25-hostile.md");
    assert!(markdown.contains("{{ 7 * 7 }}"));
    // Plain fields cannot start Markdown syntax, in the index either.
    assert!(
        project
            .read("out/index.md")
            .contains("\\<script\\>alert(1)\\</script\\>")
    );
    assert_snapshot(&fixtures().join("render/hostile/expected.html"), &html);
}

/// A Markdown text as a CommonMark renderer with GitHub's extensions shows it, in HTML.
fn markdown_to_html(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    out
}

/// Text as pulldown-cmark writes it in HTML.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Checks that the HTML of a rendered `.md` page holds only the markup its template writes:
/// no tag or attribute came from a plain field.
#[track_caller]
fn only_template_markup(html: &str) {
    for tag in tags(html) {
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or_default()
            .to_owned();
        assert!(
            [
                "p", "h1", "h2", "h3", "h4", "ul", "li", "strong", "em", "a", "table", "thead",
                "tbody", "tr", "th", "td"
            ]
            .contains(&name.as_str()),
            "<{tag}> came from a plain field"
        );
        if name == "a" && !tag.starts_with('/') {
            let href = tag
                .strip_prefix("a href=\"")
                .and_then(|h| h.strip_suffix('"'));
            assert!(
                href.is_some_and(|h| h == "https://example.org/a_b*c*?x=1&amp;y=~2"
                    || (h.ends_with(".md") && !h.contains(':'))),
                "<{tag}> is not a link the template writes"
            );
        }
    }
}

#[test]
fn plain_fields_are_escaped_in_markdown() {
    // Every plain field (of the record and of the office) holds Markdown or HTML syntax. The
    // `.md` pages must print each as written: rendered by a CommonMark renderer, each is its
    // own text, and the only markup is the template's.
    let dir = fixtures().join("render/plain-fields");
    let project = Project::from_fixture(&dir);
    let output = render(&project, &[]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let page = project.read("out/2023-08-25-plain.md");
    let index = project.read("out/index.md");
    assert_snapshot(&dir.join("expected.md"), &page);
    assert_snapshot(&dir.join("expected-index.md"), &index);

    let html = markdown_to_html(&page);
    only_template_markup(&html);
    for text in [
        "<script>alert(1)</script> [x](javascript:alert(1)) *bold* _em_ `code` | pipe ![i](https://tracker.example/p.png) &lt;b&gt; <https://evil.example/>",
        "# 28992 <img src=x onerror=alert(2)>",
        "=== Other | type ===",
        "2023. <a href=\"javascript:alert(3)\">Inspectorate</a>",
        "1) <b>1</b>",
        "[Publish](javascript:alert(4)) the **strategy** ~~now~~",
        "+ College of Policing <iframe src=x>",
        "AFI_1*",
        "## Heading <script>alert(5)</script> #",
        "1. <b>Office</b> of the *Police* & Crime Commissioner &amp; [home](javascript:alert(1))",
        "# Area_with_underscores",
        "- Force | with `pipes` ~~and~~ <script>alert(1)</script>",
        "PFCC_",
    ] {
        assert!(
            html.contains(&html_text(text)),
            "`{text}` is not shown as written:\n{html}"
        );
    }
    assert!(
        html.contains("<a href=\"https://example.org/a_b*c*?x=1&amp;y=~2\">"),
        "the report's link is one link:\n{html}"
    );

    let html = markdown_to_html(&index);
    only_template_markup(&html);
    for text in [
        "1. <b>Office</b> of the *Police* & Crime Commissioner &amp; [home](javascript:alert(1))",
        "<script>alert(1)</script> [x](javascript:alert(1)) *bold* _em_ `code` | pipe",
    ] {
        assert!(
            html.contains(&html_text(text)),
            "`{text}` is not shown as written:\n{html}"
        );
    }
    assert!(html.contains("<a href=\"2023-08-25-plain.md\">"), "{html}");
}

/// A fire record names the fire and rescue service and its chief fire officer where a police
/// record names the force and the chief constable, and cites no s.55.
#[test]
fn a_fire_document_names_the_service() {
    let dir = fixtures().join("render/fire");
    let project = Project::from_fixture(&dir);
    let output = render(&project, &[]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let id = "2024-03-20-fire-effectiveness";
    let markdown = project.read(&format!("out/{id}.md"));
    let html = project.read(&format!("out/{id}.html"));
    assert_snapshot(&dir.join("expected.md"), &markdown);
    assert_snapshot(&dir.join("expected.html"), &html);
    for page in [&markdown, &html] {
        assert!(
            !page.contains("Section 55") && !page.contains("Testshire Constabulary"),
            "{page}"
        );
        assert!(!page.contains("statutory deadline"), "{page}");
    }

    // The office's own sentence, where it gives one.
    let office = format!(
        "{}fire_statement: The service answers to the commissioner as its fire and rescue authority.\n",
        crate::support::OFFICE
    );
    project.write("data/office.yaml", office);
    assert_eq!(render(&project, &[]).code, 0);
    let html = project.read(&format!("out/{id}.html"));
    assert!(
        html.contains("<p class=\"statutory\">The service answers to the commissioner as its fire and rescue authority.</p>"),
        "{html}"
    );
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn invalid_records_write_nothing() {
    let project = Project::seeds();
    project.write(
        "data/inspections/2023-10-01-broken.yaml",
        "title: Broken\npublished: July 2023\ntype: peel\nkey_findings: Found.\n",
    );
    let output = render(&project, &[]);
    assert_eq!(output.code, 1);
    assert!(
        output
            .stderr
            .contains("error[invalid-date]: `published` is not a valid date"),
        "{}",
        output.stderr
    );
    assert!(
        output
            .stderr
            .ends_with("nothing rendered: 1 error and 19 warnings in 4 files\n"),
        "{}",
        output.stderr
    );
    assert!(!project.path("out").exists());
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn pages_rendered_early_are_put_in_place_only_once_everything_is_valid() {
    let project = Project::seeds();
    assert_eq!(render(&project, &[]).code, 0);
    let before = tree(&project.path("out"));
    // This record holds no other, so its pages are rendered (to temporary files) as soon as
    // it is read: they must not land while another record is invalid.
    let record = "data/inspections/2021-02-26-disproportionate-use-of-police-powers.yaml";
    project.write(
        record,
        project
            .read(record)
            .replace("Disproportionate use", "Disproportionate Use"),
    );
    let broken = "data/inspections/2023-10-01-broken.yaml";
    project.write(
        broken,
        "title: Broken\npublished: July 2023\ntype: peel\nkey_findings: Found.\n",
    );
    assert_eq!(render(&project, &[]).code, 1);
    assert_eq!(
        tree(&project.path("out")),
        before,
        "an invalid record leaves out/ as it was, with no temporary file"
    );

    // Nor while one of their own files in out/ was edited by hand.
    fs::remove_file(project.path(broken)).expect("removed");
    let page = "out/2021-02-26-disproportionate-use-of-police-powers.md";
    project.write(page, "edited by hand\n");
    let edited = tree(&project.path("out"));
    assert_eq!(render(&project, &[]).code, 2);
    assert_eq!(tree(&project.path("out")), edited);
    assert_eq!(render(&project, &["--force"]).code, 0);
    assert!(project.read(page).contains("Disproportionate Use"));
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn check_writes_nothing_and_reports_what_would_change() {
    let project = Project::seeds();
    let fresh = render(&project, &["--check"]);
    assert_eq!(fresh.code, 1);
    assert!(
        fresh.stderr.contains("added: out/index.html\n"),
        "{}",
        fresh.stderr
    );
    assert!(!project.path("out").exists(), "--check wrote something");

    assert_eq!(render(&project, &[]).code, 0);
    let before = tree(&project.path("out"));
    let clean = render(&project, &["--check"]);
    assert_eq!(
        (clean.code, clean.stderr.lines().last()),
        (0, Some("`out` is up to date (22 files)"))
    );

    let record = "data/inspections/2021-02-26-disproportionate-use-of-police-powers.yaml";
    project.write(
        record,
        project
            .read(record)
            .replace("Disproportionate use", "Disproportionate Use"),
    );
    fs::remove_file(
        project.path("data/inspections/2024-09-10-activism-and-impartiality-in-policing.yaml"),
    )
    .expect("removed");
    let stale = render(&project, &["--check"]);
    assert_eq!(stale.code, 1);
    let listed: Vec<&str> = stale
        .stderr
        .lines()
        .filter(|l| l.contains(": out/"))
        .collect();
    assert_eq!(
        listed,
        [
            "changed: out/2021-02-26-disproportionate-use-of-police-powers.html",
            "changed: out/2021-02-26-disproportionate-use-of-police-powers.md",
            "changed: out/2021-02-26-disproportionate-use-of-police-powers.pdf",
            "changed: out/feed.xml",
            "changed: out/index.html",
            "changed: out/index.md",
            "changed: out/recommendations.csv",
            "changed: out/recommendations.html",
            "changed: out/responses.csv",
            "changed: out/responses.json",
            "stale: out/2024-09-10-activism-and-impartiality-in-policing.html",
            "stale: out/2024-09-10-activism-and-impartiality-in-policing.md",
            "stale: out/2024-09-10-activism-and-impartiality-in-policing.pdf",
        ]
    );
    assert_eq!(
        tree(&project.path("out")),
        before,
        "--check wrote something"
    );

    // Rendering removes the stale files it wrote, and nothing else.
    project.write("out/notes.txt", "mine");
    let output = render(&project, &[]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output
            .stderr
            .ends_with("rendered 19 files into `out`: 10 written, 9 unchanged, 3 removed\n"),
        "{}",
        output.stderr
    );
    assert!(
        !project
            .path("out/2024-09-10-activism-and-impartiality-in-policing.html")
            .exists()
    );
    assert_eq!(project.read("out/notes.txt"), "mine");
    assert_eq!(render(&project, &["--check"]).code, 0);
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn files_respond_did_not_write_are_not_overwritten() {
    let project = Project::seeds();
    project.write("out/index.html", "<p>the office's own page</p>");
    let output = render(&project, &[]);
    assert_eq!(output.code, 2);
    assert_eq!(
        output.stderr.lines().last(),
        Some(
            "error: 1 file in `out` was not written by respond, or changed by hand since: index.html; move it away, or render with `--force` to overwrite"
        )
    );
    assert_eq!(
        project.read("out/index.html"),
        "<p>the office's own page</p>"
    );
    assert_eq!(
        tree(&project.path("out")).len(),
        1,
        "nothing else was written"
    );
    // A page edited by hand after rendering is protected the same way.
    let forced = render(&project, &["--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    project.write("out/2023-08-25-race-and-policing.md", "edited by hand\n");
    assert_eq!(render(&project, &[]).code, 2);
    assert_eq!(
        project.read("out/2023-08-25-race-and-policing.md"),
        "edited by hand\n"
    );
}

#[test]
fn a_user_template_overrides_the_default() {
    let project = Project::seeds();
    project.write(
        "templates/document.md",
        "{{ doc.title }}: {{ doc.status }}\n",
    );
    assert_eq!(render(&project, &["--format", "md"]).code, 0);
    assert_eq!(
        project.read("out/2023-08-25-race-and-policing.md"),
        "Race and Policing: A review of the Police service’s leadership and governance arrangements for race-related matters.: Published (date not recorded)\n"
    );
    assert!(
        !project.path("out/index.html").exists(),
        "--format md writes no HTML"
    );
}

#[test]
fn a_broken_user_template_is_named_with_its_line() {
    let project = Project::seeds();
    project.write(
        "templates/document.html",
        "<p>fine</p>\n<p>{{ doc.title | shout }}</p>\n",
    );
    let output = render(&project, &[]);
    assert_eq!(output.code, 2);
    assert!(
        output.stderr.contains(
            "error: a template in `templates` is broken: Unknown filter `shout`\n --> document.html:2:19\n  |\n2 | <p>{{ doc.title | shout }}</p>\n"
        ),
        "{}",
        output.stderr
    );
    assert!(!project.path("out").exists());
}

#[test]
fn templates_command_writes_the_defaults_for_editing() {
    let project = Project::new();
    project.write("templates/style.css", "/* mine */\n");
    let output = project.run(&["templates"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output.stderr.contains("wrote templates/document.html\n"),
        "{}",
        output.stderr
    );
    assert!(
        output
            .stderr
            .contains("kept templates/style.css (it exists)\n"),
        "{}",
        output.stderr
    );
    assert_eq!(project.read("templates/style.css"), "/* mine */\n");
    assert_eq!(
        project.read("templates/document.md"),
        include_str!("../../templates/document.md")
    );
}

#[cfg(feature = "pdf")]
/// Makes `dir` unwritable even for root (`chattr +i`), or by its mode otherwise.
fn make_read_only(dir: &Path) -> bool {
    let immutable = std::process::Command::new("chattr")
        .arg("+i")
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success());
    if !immutable {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).expect("permissions");
    }
    immutable
}

#[cfg(feature = "pdf")]
fn make_writable(dir: &Path) {
    let _ = std::process::Command::new("chattr")
        .arg("-i")
        .arg(dir)
        .status();
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).expect("permissions");
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn a_read_only_out_folder_is_a_clear_error() {
    let project = Project::seeds();
    assert_eq!(render(&project, &[]).code, 0);
    let record = "data/inspections/2021-02-26-disproportionate-use-of-police-powers.yaml";
    project.write(
        record,
        project
            .read(record)
            .replace("Disproportionate use", "Disproportionate Use"),
    );
    let out = project.path("out");
    let before = tree(&out);
    make_read_only(&out);
    let writable = fs::write(out.join("probe"), "x").is_ok();
    let output = render(&project, &[]);
    make_writable(&out);
    assert!(
        !writable,
        "could not make a read-only folder on this machine"
    );
    assert_eq!(output.code, 2);
    assert!(
        output
            .stderr
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("error: failed to write in `out`: ")),
        "{}",
        output.stderr
    );
    assert_eq!(tree(&out), before, "something was half-written");
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn a_warm_render_rewrites_only_what_changed_and_matches_a_cold_one() {
    let project = Project::seeds();
    assert_eq!(render(&project, &[]).code, 0);
    let again = render(&project, &[]);
    assert!(
        again
            .stderr
            .ends_with("rendered 22 files into `out`: 0 written, 22 unchanged, 0 removed\n"),
        "{}",
        again.stderr
    );
    assert!(project.path("out/.respond-cache").exists());

    // The 2019 PEEL record is nested in the 2020 spotlight: both pages change, not the index.
    let nested = "data/inspections/2019-05-02-integrated-peel-assessments-2018-19.yaml";
    project.write(
        nested,
        project.read(nested).replace(
            "continued to perform well",
            "continued to perform very well",
        ),
    );
    let warm = render(&project, &[]);
    assert!(
        warm.stderr
            .ends_with("rendered 22 files into `out`: 6 written, 16 unchanged, 0 removed\n"),
        "{}",
        warm.stderr
    );
    assert!(
        project
            .read("out/2020-02-06-peel-spotlight-diverging-under-pressure.html")
            .contains("continued to perform very well")
    );

    // A title shows in the index too.
    let record = "data/inspections/2021-02-26-disproportionate-use-of-police-powers.yaml";
    project.write(
        record,
        project
            .read(record)
            .replace("Disproportionate use", "Disproportionate Use"),
    );
    let warm = render(&project, &[]);
    assert!(
        warm.stderr
            .ends_with("rendered 22 files into `out`: 9 written, 13 unchanged, 0 removed\n"),
        "{}",
        warm.stderr
    );

    assert_eq!(render(&project, &["--out", "cold"]).code, 0);
    assert_eq!(
        tree(&project.path("out")),
        tree(&project.path("cold")),
        "incremental and cold renders differ"
    );
    assert_eq!(render(&project, &["--check"]).code, 0);
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn the_cache_is_safe_to_delete_or_corrupt() {
    let project = Project::seeds();
    assert_eq!(render(&project, &[]).code, 0);
    let before = tree(&project.path("out"));
    // Cut short, as by a full disk.
    let cache = project.path("out/.respond-cache");
    let bytes = fs::read(&cache).expect("the cache");
    fs::write(&cache, &bytes[..bytes.len() / 2]).expect("written");
    let corrupt = render(&project, &[]);
    assert!(
        corrupt
            .stderr
            .ends_with("0 written, 22 unchanged, 0 removed\n"),
        "{}",
        corrupt.stderr
    );
    fs::remove_file(project.path("out/.respond-cache")).expect("removed");
    let deleted = render(&project, &[]);
    assert!(
        deleted
            .stderr
            .ends_with("0 written, 22 unchanged, 0 removed\n"),
        "{}",
        deleted.stderr
    );
    assert_eq!(tree(&project.path("out")), before);
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn a_changed_office_or_template_renders_every_page_again() {
    let project = Project::seeds();
    assert_eq!(render(&project, &[]).code, 0);
    project.write(
        "data/office.yaml",
        project
            .read("data/office.yaml")
            .replace("area: Cumbria", "area: Cumbria and Furness"),
    );
    let office = render(&project, &[]);
    assert!(
        office
            .stderr
            // The open data does not name the area; the feed's ids do.
            .ends_with("19 written, 3 unchanged, 0 removed\n"),
        "{}",
        office.stderr
    );
    project.write("templates/style.css", "body { color: #000; }\n");
    let template = render(&project, &[]);
    assert!(
        template
            .stderr
            .ends_with("7 written, 15 unchanged, 0 removed\n"),
        "{}",
        template.stderr
    );
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn a_page_deleted_or_edited_in_out_is_noticed_despite_the_cache() {
    let project = Project::seeds();
    assert_eq!(render(&project, &[]).code, 0);
    fs::remove_file(project.path("out/2023-08-25-race-and-policing.html")).expect("removed");
    let check = render(&project, &["--check"]);
    assert_eq!(check.code, 1);
    assert!(
        check
            .stderr
            .contains("added: out/2023-08-25-race-and-policing.html\n"),
        "{}",
        check.stderr
    );
    let output = render(&project, &[]);
    assert!(
        output
            .stderr
            .ends_with("1 written, 21 unchanged, 0 removed\n"),
        "{}",
        output.stderr
    );
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn a_path_renders_only_that_records_pages_and_the_index() {
    let project = Project::seeds();
    assert_eq!(render(&project, &[]).code, 0);
    let chosen = "data/inspections/2021-02-26-disproportionate-use-of-police-powers.yaml";
    let other = "data/inspections/2023-08-25-race-and-policing.yaml";
    for record in [chosen, other] {
        project.write(
            record,
            project.read(record).replacen(
                "key_findings: |\n",
                "key_findings: |\n  Changed.\n\n",
                1,
            ),
        );
    }
    let output = render(&project, &[chosen]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output
            .stderr
            .ends_with("rendered 10 files into `out`: 3 written, 7 unchanged, 0 removed\n"),
        "{}",
        output.stderr
    );
    assert!(
        project
            .read("out/2021-02-26-disproportionate-use-of-police-powers.md")
            .contains("Changed.")
    );
    assert!(
        !project
            .read("out/2023-08-25-race-and-policing.md")
            .contains("Changed.")
    );
    // The other record's pages are now behind, and --check says so.
    let check = render(&project, &["--check"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.contains(
            "changed: out/2023-08-25-race-and-policing.html\nchanged: out/2023-08-25-race-and-policing.md\n"
        ),
        "{}",
        check.stderr
    );

    // A record nested in another: rendering its own pages leaves the page that holds it
    // behind, and the next render still knows.
    assert_eq!(render(&project, &[]).code, 0);
    let nested = "data/inspections/2019-05-02-integrated-peel-assessments-2018-19.yaml";
    project.write(
        nested,
        project.read(nested).replace(
            "continued to perform well",
            "continued to perform very well",
        ),
    );
    assert_eq!(render(&project, &[nested]).code, 0);
    let check = render(&project, &["--check"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.contains(
            "changed: out/2020-02-06-peel-spotlight-diverging-under-pressure.html\n\
             changed: out/2020-02-06-peel-spotlight-diverging-under-pressure.md\n"
        ),
        "{}",
        check.stderr
    );
    assert_eq!(render(&project, &[]).code, 0);
    assert!(
        project
            .read("out/2020-02-06-peel-spotlight-diverging-under-pressure.html")
            .contains("continued to perform very well")
    );
}

#[test]
fn a_target_month_is_shown_as_a_month() {
    let project = Project::new();
    project.write(
        "data/inspections/2023-08-25-targets.yaml",
        "title: Targets\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\nrecommendations:\n  - number: \"1\"\n    text: By a month.\n    target: Jul 2024\n  - number: \"2\"\n    text: By a day.\n    target: 2024-07-15\n",
    );
    let output = render(&project, &[]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let md = project.read("drafts/2023-08-25-targets.md");
    assert!(md.contains("Target: July 2024\n"), "{md}");
    assert!(md.contains("Target: 15 July 2024\n"), "{md}");
    let html = project.read("drafts/2023-08-25-targets.html");
    assert!(html.contains("Target: July 2024</p>"), "{html}");
}

#[test]
fn drafts_are_kept_out_of_out_and_move_to_it_when_published() {
    let project = Project::new();
    project.write(
        "data/office.yaml",
        "\
name: Testshire Office of the Police, Fire and Crime Commissioner
area: Testshire
force: Testshire Constabulary
chief_officer: Chief Constable
commissioner:
  - from: 2012-11-22
    title: Police and Crime Commissioner
    short: PCC
    office: Testshire Office of the Police and Crime Commissioner
  - from: 2023-04-01
    title: Police, Fire and Crime Commissioner
    short: PFCC
    office: Testshire Office of Police Fire and Crime Commissioner
",
    );
    project.write(
        "data/inspections/2024-01-10-published.yaml",
        "title: Published one\npublished: 2024-01-10\ntype: peel\nkey_findings: Found.\nresponses:\n  - by: commissioner\n    text: Our response.\nresponse_published: 2024-02-01\n",
    );
    project.write(
        "data/inspections/2024-03-01-draft.yaml",
        "title: A draft\npublished: 2024-03-01\ntype: peel\nkey_findings: Found.\n",
    );
    let output = render(&project, &["--format", "md"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            0,
            "rendered 2 files into `out`: 2 written, 0 unchanged, 0 removed\nrendered 2 files into `drafts` (not published): 2 written, 0 unchanged, 0 removed\n"
        )
    );
    assert!(!project.path("out/2024-03-01-draft.md").exists());
    let page = project.read("out/2024-01-10-published.md");
    assert!(
        page.starts_with("Testshire Office of Police Fire and Crime Commissioner\n"),
        "{page}"
    );
    assert_eq!(
        project.read("out/index.md"),
        "\
# Testshire PFCC responses to HMICFRS inspections

Testshire Office of Police Fire and Crime Commissioner

1 response, newest first. Police Act 1996 s.55(5A) requires each response to be published within 56 days of the report, counting the day of publication.

| Inspection | Published | Last day | Response |
|---|---|---|---|
| [Published one](<2024-01-10-published.md>) | 10 January 2024 | Tuesday 5 March 2024 | Published 1 February 2024 |

## Timeliness

A statutory response is on time when it is published before the end of 56 days beginning with the day the report was published: the report’s day is day 1 and the last day is day 56. Days taken is the day of that period the response was published on. The table counts the statutory responses published here, by the year their reports were published.

| Year | Statutory responses due | Published on time | Published late | Undated | Median days taken |
|---|---|---|---|---|---|
| 2024 | 1 | 1 | 0 | 0 | 23 |
"
    );
    // The draft is not counted in the timeliness table, nor given any: it is not published.
    assert_eq!(
        project.read("drafts/index.md"),
        "\
> **Draft — not published.** This page is for the office only: do not share it or put it on the website.

# Testshire PFCC draft responses

Testshire Office of Police Fire and Crime Commissioner

1 draft, the soonest last day first. They are for the office only until they are published.

| Inspection | Published | Last day | Response |
|---|---|---|---|
| [A draft](<2024-03-01-draft.md>) | 1 March 2024 | Thursday 25 April 2024 | Not yet published |
"
    );
    let draft = project.read("drafts/2024-03-01-draft.md");
    assert!(
        draft.starts_with("> **Draft — not published.** This page is for the office only"),
        "{draft}"
    );
    // In HTML, the banner is seen and search engines are told to keep the page out.
    let output = render(&project, &[]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let draft = project.read("drafts/2024-03-01-draft.html");
    assert!(
        draft.contains("<meta name=\"robots\" content=\"noindex, nofollow\">")
            && draft.contains(
                "<header class=\"draft-banner\"><p><strong>Draft — not published.</strong>"
            ),
        "{draft}"
    );
    let public = project.read("out/2024-01-10-published.html");
    assert!(
        !public.contains("noindex") && !public.contains("draft-banner"),
        "{public}"
    );
    // Published, the draft moves: into out/, out of drafts/.
    project.write(
        "data/inspections/2024-03-01-draft.yaml",
        "title: A draft\npublished: 2024-03-01\ntype: peel\nkey_findings: Found.\nresponses:\n  - by: commissioner\n    text: Ours.\nresponse_published: 2024-04-20\n",
    );
    let output = render(&project, &[]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            0,
            "rendered 11 files into `out`: 8 written, 3 unchanged, 0 removed\nrendered 2 files into `drafts` (not published): 2 written, 0 unchanged, 2 removed\n"
        )
    );
    assert!(project.path("out/2024-03-01-draft.html").exists());
    assert!(!project.path("drafts/2024-03-01-draft.html").exists());
    assert!(!project.path("drafts/2024-03-01-draft.md").exists());
    assert!(
        project
            .read("drafts/index.md")
            .contains("\nNo drafts: every response is published.\n")
    );
    // --check looks at out/ only, and drafts/ is never published with it.
    let output = render(&project, &["--check"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
}

/// A record with the given id and `related` list (none when empty).
fn related_record(project: &Project, id: &str, related: &[String]) {
    let mut text = format!(
        "title: Record {id}\npublished: 2023-01-03\ntype: peel\nkey_findings: Found in {id}.\n"
    );
    if !related.is_empty() {
        text.push_str(&format!("related: [{}]\n", related.join(", ")));
    }
    text.push_str(crate::support::PUBLISHED);
    project.write(&format!("data/inspections/{id}.yaml"), text);
}

#[test]
fn related_records_nest_at_most_three_deep() {
    // A chain of 1,000 records overflowed the stack (abort, exit 134); now every record whose
    // page would nest them more than three deep is refused, with the chain.
    let project = Project::new();
    for i in 1..=1000 {
        let related: Vec<String> = (i < 1000)
            .then(|| format!("r{}", i + 1))
            .into_iter()
            .collect();
        related_record(&project, &format!("r{i}"), &related);
    }
    let output = render(&project, &[]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert!(
        output.stderr.starts_with(
            "\
error[related-too-deep]: `related` nests records 999 deep in this record's page: r1 → r2 → r3 → r4 → r5 → … (994 more) → r1000
 --> data/inspections/r1.yaml:5:10
  |
5 | related: [r2]
  |          ^^^^
  = help: a page shows its related records, theirs inside those, and theirs inside those: 3 levels at most. Remove one of the `related` entries along this chain (a record can name any of them in its own `related` instead)
"
        ),
        "{}",
        output.stderr
    );
    // r997 holds r998, r999 and r1000 inside one another: three deep, as deep as a page goes.
    assert!(
        output.stderr.contains(
            "nests records 4 deep in this record's page: r996 → r997 → r998 → r999 → r1000\n"
        ),
        "{}",
        output.stderr
    );
    assert!(!output.stderr.contains("r997.yaml"), "{}", output.stderr);
    assert!(
        output
            .stderr
            .ends_with("nothing rendered: 996 errors in 996 files\n"),
        "{}",
        output.stderr
    );
    assert!(!project.path("out").exists());
}

#[test]
fn a_record_related_twice_is_shown_once_per_page() {
    // A diamond: a holds b and c, and both hold d. d is shown under b, and named under c.
    let project = Project::new();
    related_record(&project, "a", &["b".into(), "c".into()]);
    related_record(&project, "b", &["d".into()]);
    related_record(&project, "c", &["d".into()]);
    related_record(&project, "d", &[]);
    let output = render(&project, &[]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let page = project.read("out/a.md");
    assert_eq!(page.matches("- **Inspection Title:** Record d").count(), 1);
    assert!(
        page.ends_with(
            "Found in c.\n\n### PCC Response to Report and Recommendations\n\nNoted.\n\n**Published (date not recorded)**\n\nAlso related: [Record d](<d.md>), shown earlier on this page.\n"
        ),
        "{page}"
    );
    let html = project.read("out/a.html");
    assert_eq!(
        html.matches("<th scope=\"row\">Inspection Title</th><td>Record d</td>")
            .count(),
        1
    );
    assert!(
        html.contains("<h3 class=\"title\" id=\"record-d\">Record d</h3>"),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"related-shown\">Also related: <a href=\"#record-d\">Record d</a>, shown earlier on this page.</p>"),
        "{html}"
    );

    // 48 records in four layers, each holding every record of the layer below (1, 15, 16,
    // 16): shown in full, the top page would hold 4,095 documents; it holds each record once.
    let project = Project::new();
    let layers = [1, 15, 16, 16];
    let names = |layer: usize| (0..layers[layer]).map(move |i| format!("l{layer}-{i}"));
    for layer in 0..layers.len() {
        let below: Vec<String> = if layer + 1 < layers.len() {
            names(layer + 1).collect()
        } else {
            Vec::new()
        };
        for id in names(layer) {
            related_record(&project, &id, &below);
        }
    }
    let output = render(&project, &[]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    for ext in ["md", "html"] {
        let page = project.read(&format!("out/l0-0.{ext}"));
        assert!(
            page.len() < 200_000,
            "out/l0-0.{ext} is {} bytes",
            page.len()
        );
        for layer in 0..layers.len() {
            for id in names(layer) {
                let shown = if ext == "md" {
                    format!("- **Inspection Title:** Record {id}\n")
                } else {
                    format!("<td>Record {id}</td>")
                };
                assert_eq!(page.matches(&shown).count(), 1, "{id} in out/l0-0.{ext}");
            }
        }
    }
}

#[test]
fn html_nested_too_deep_is_refused_with_its_line() {
    // 240,000 nested `<div>` took the sanitiser minutes (its work grows with the square of the
    // depth); the field is refused at once, at the tag where it passes 100 deep. (190,000, to
    // stay under the limit on a record's text.)
    let project = Project::new();
    project.write(
        "data/inspections/2023-01-03-deep.yaml",
        format!(
            "title: Deep\npublished: 2023-01-03\ntype: peel\nkey_findings: |\n  Pasted:\n\n  {}x\n",
            "<div>".repeat(190_000)
        ),
    );
    let output = render(&project, &[]);
    assert_eq!(output.code, 1);
    assert!(
        output.stderr.starts_with(
            "error[html-too-deep]: the HTML in `key_findings` nests more than 100 elements deep\n --> data/inspections/2023-01-03-deep.yaml:7:503\n"
        ),
        "{}",
        &output.stderr[..output.stderr.len().min(300)]
    );
    assert!(
        output.stderr.ends_with(
            "  = help: respond cleans HTML pasted from web pages, and cannot clean it this deep. It usually means tags opened and never closed (`<div>` without `</div>`): close them, or paste the text without its HTML\n\nnothing rendered: 1 error in 1 file\n"
        ),
        "{}",
        &output.stderr[output.stderr.len().saturating_sub(300)..]
    );
    assert!(!project.path("out").exists());
}

/// A render that takes more than about a second shows a progress bar at a terminal (a
/// pseudo-terminal made by util-linux's `script`), cleared before the summary; without a
/// terminal it shows none (every other test's exact standard error).
#[cfg(target_os = "linux")]
#[test]
fn a_long_render_shows_its_progress_at_a_terminal() {
    let project = Project::new();
    for i in 0..3000 {
        project.write(
            &format!("data/inspections/2023-08-25-r{i}.yaml"),
            format!(
                "title: Record {i}\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n{}",
                crate::support::PUBLISHED
            ),
        );
    }
    let command = format!(
        "'{}' render --today 2026-11-22",
        env!("CARGO_BIN_EXE_respond")
    );
    let started = std::time::Instant::now();
    let output = std::process::Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .current_dir(project.root())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("util-linux's `script` runs (Debian package bsdutils)");
    let took = started.elapsed();
    let screen = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{screen}");
    assert!(
        screen
            .ends_with("rendered 6007 files into `out`: 6007 written, 0 unchanged, 0 removed\r\n"),
        "{screen}"
    );
    if took.as_millis() > 2000 {
        assert!(screen.contains("rendering █"), "{screen}");
        // Cleared: the summary starts its own line.
        assert!(screen.contains("\u{1b}[2Krendered 6007 files"), "{screen}");
    } else if took.as_millis() < 1000 {
        // A render this quick never needs the bar.
        assert!(!screen.contains("rendering"), "{screen}");
    }
}

/// `formats:` in the office file chooses what `render` writes when `--format` does not; a
/// draft never gets a PDF (the PDF is the copy sent once the response is published).
#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn the_office_chooses_the_formats_and_drafts_get_no_pdf() {
    let project = Project::new();
    project.write(
        "data/office.yaml",
        format!("{}formats: [html, pdf]\n", crate::support::OFFICE),
    );
    project.write(
        "data/inspections/2023-08-25-published.yaml",
        format!(
            "title: Published\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n{}",
            crate::support::PUBLISHED
        ),
    );
    project.write(
        "data/inspections/2023-08-26-draft.yaml",
        "title: Draft\npublished: 2023-08-26\ntype: peel\nkey_findings: Found.\n",
    );
    let output = render(&project, &[]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let names = |dir: &str| {
        let mut names: Vec<String> = std::fs::read_dir(project.path(dir))
            .expect("a folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names("out"),
        [
            "2023-08-25-published.html",
            "2023-08-25-published.pdf",
            "feed.xml",
            "index.html",
            "recommendations.csv",
            "recommendations.html",
            "responses.csv",
            "responses.json"
        ]
    );
    assert_eq!(names("drafts"), ["2023-08-26-draft.html", "index.html"]);
    // --format still says what to write.
    let output = render(&project, &["--format", "md", "--check"]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert!(
        output
            .stderr
            .starts_with("added: out/2023-08-25-published.md\nadded: out/index.md\n"),
        "{}",
        output.stderr
    );
}

/// A render from another folder shows each record by another path: its problems are shown
/// by that path, and its pages, whose records did not change, stand (they are not rendered
/// again: with PDFs, that took minutes for a large project).
#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn a_render_from_another_folder_shows_problems_by_its_paths() {
    let project = Project::seeds();
    assert_eq!(render(&project, &[]).code, 0);
    let output = project.run_in("data/inspections", &["render", "--today", "2026-11-22"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output
            .stderr
            .contains(" --> 2023-08-25-race-and-policing.yaml:15:13\n"),
        "{}",
        output.stderr
    );
    assert!(
        output
            .stderr
            .ends_with("rendered 22 files into `../../out`: 0 written, 22 unchanged, 0 removed\n"),
        "{}",
        output.stderr
    );
    // And back: the cache holds the paths of the last render.
    let output = render(&project, &[]);
    assert!(
        output
            .stderr
            .contains(" --> data/inspections/2023-08-25-race-and-policing.yaml:15:13\n"),
        "{}",
        output.stderr
    );
    assert_eq!(render(&project, &["--check"]).code, 0);
}

/// A render killed once `out/` (and its cache) is in place but before `drafts/` is leaves the
/// drafts as the render before it wrote them. The next render must still bring them up to date,
/// although its cache says the record has not changed since: the drafts' pages are rendered
/// every time and compared with the folder, as the drafts are few.
#[test]
fn drafts_left_behind_by_a_killed_render_are_brought_up_to_date() {
    let project = Project::new();
    let draft = |text: &str| {
        format!("title: A draft\npublished: 2026-11-05\ntype: peel\nkey_findings: {text}\n")
    };
    project.write(
        "data/inspections/2026-11-05-draft.yaml",
        draft("First findings."),
    );
    assert_eq!(render(&project, &["--format", "md"]).code, 0);
    let before = tree(&project.path("drafts"));
    project.write(
        "data/inspections/2026-11-05-draft.yaml",
        draft("Second findings."),
    );
    assert_eq!(render(&project, &["--format", "md"]).code, 0);
    // The state such a kill leaves: out/ and its cache of the second render, drafts/ of the first.
    for (name, bytes) in &before {
        fs::write(project.path("drafts").join(name), bytes).expect("a file");
    }
    assert!(
        project
            .read("drafts/2026-11-05-draft.md")
            .contains("First findings.")
    );
    let output = render(&project, &["--format", "md"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            0,
            "rendered 1 file into `out`: 0 written, 1 unchanged, 0 removed\nrendered 2 files into `drafts` (not published): 1 written, 1 unchanged, 0 removed\n"
        )
    );
    assert!(
        project
            .read("drafts/2026-11-05-draft.md")
            .contains("Second findings.")
    );
}

/// The response document is what s.55 requires, fixed once published: a progress update or the
/// copies sent change neither its Markdown, HTML nor PDF (the copy sent to HMICFRS and the Home
/// Secretary stays the page online, and `render --check` stays green after a routine edit).
/// Progress is on the public tracker, `recommendations.html`, which the page links to, as at the
/// latest day the records give, never today.
#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn a_published_document_does_not_change_with_progress_or_copies() {
    let project = Project::new();
    let record = "data/inspections/2026-01-05-race.yaml";
    let published = "title: Race and Policing\npublished: 2026-01-05\ntype: national-thematic\nkey_findings: Found.\nrecommendations:\n  - number: \"1\"\n    text: Do better.\n    response: We will.\n    target: June 2026\nresponses:\n  - by: commissioner\n    text: Noted.\nresponse_published: 2026-02-02\n";
    project.write(record, published);
    let formats = ["--format", "md,html,pdf"];
    assert_eq!(render(&project, &formats).code, 0);
    let pages = |project: &Project| {
        ["md", "html", "pdf"].map(|ext| {
            fs::read(project.path(&format!("out/2026-01-05-race.{ext}"))).expect("a page")
        })
    };
    let before = pages(&project);
    let tracker = project.read("out/recommendations.html");
    assert!(
        tracker.contains(
            "As at <time datetime=\"2026-02-02\">2 February 2026</time>, the latest day recorded"
        ),
        "{tracker}"
    );
    let html = project.read("out/2026-01-05-race.html");
    assert!(
        html.contains("<p class=\"tracker-link\">Where each recommendation stands now: <a href=\"recommendations.html\">the recommendations tracker</a>.</p>"),
        "{html}"
    );
    // A routine update, months later: progress, an owner, the copies sent.
    project.write(
        record,
        published.replace(
            "    target: June 2026\n",
            "    target: June 2026\n    owner: Head of Training\n    progress:\n      - on: 2026-05-01\n        status: complete\n",
        ) + "copies_sent:\n  hmicfrs: 2026-02-03\n  home_secretary: 2026-02-04\n",
    );
    let output = render(&project, &formats);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        pages(&project) == before,
        "a response page changed after publication"
    );
    let tracker = project.read("out/recommendations.html");
    assert!(
        tracker.contains(
            "As at <time datetime=\"2026-05-01\">1 May 2026</time>, the latest day recorded"
        ),
        "{tracker}"
    );
    assert!(
        tracker.contains("Head of Training") && tracker.contains("Complete"),
        "{tracker}"
    );
    // As at the records' day, not today's: another day renders the same files.
    let output = project.run(&[
        "render",
        "--check",
        "--today",
        "2027-06-01",
        "--format",
        "md,html,pdf",
    ]);
    assert_eq!(output.code, 0, "{}", output.stderr);
}
