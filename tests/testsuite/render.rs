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

#[test]
fn seed_documents_match_the_committed_out_folder() {
    // The golden files of the seed records are the committed `out/`; bless them with
    // `cargo run -- render`.
    let project = Project::seeds();
    let output = render(&project, &[]);
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
            "out/{name} differs from what respond renders now: run `cargo run -- render` and review the diff"
        );
    }
    assert_eq!(
        expected.len(),
        13,
        "5 records × 2 formats, 2 index pages and the manifest"
    );
}

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
            .ends_with("nothing rendered: 1 error and 4 warnings in 2 files\n"),
        "{}",
        output.stderr
    );
    assert!(!project.path("out").exists());
}

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
        (0, Some("`out` is up to date (12 files)"))
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
            "changed: out/index.html",
            "changed: out/index.md",
            "stale: out/2024-09-10-activism-and-impartiality-in-policing.html",
            "stale: out/2024-09-10-activism-and-impartiality-in-policing.md",
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
            .ends_with("rendered 10 files into `out`: 4 written, 6 unchanged, 2 removed\n"),
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

fn make_writable(dir: &Path) {
    let _ = std::process::Command::new("chattr")
        .arg("-i")
        .arg(dir)
        .status();
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).expect("permissions");
}

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

#[test]
fn a_warm_render_rewrites_only_what_changed_and_matches_a_cold_one() {
    let project = Project::seeds();
    assert_eq!(render(&project, &[]).code, 0);
    let again = render(&project, &[]);
    assert!(
        again
            .stderr
            .ends_with("rendered 12 files into `out`: 0 written, 12 unchanged, 0 removed\n"),
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
            .ends_with("rendered 12 files into `out`: 4 written, 8 unchanged, 0 removed\n"),
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
            .ends_with("rendered 12 files into `out`: 4 written, 8 unchanged, 0 removed\n"),
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
            .ends_with("0 written, 12 unchanged, 0 removed\n"),
        "{}",
        corrupt.stderr
    );
    fs::remove_file(project.path("out/.respond-cache")).expect("removed");
    let deleted = render(&project, &[]);
    assert!(
        deleted
            .stderr
            .ends_with("0 written, 12 unchanged, 0 removed\n"),
        "{}",
        deleted.stderr
    );
    assert_eq!(tree(&project.path("out")), before);
}

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
            .ends_with("12 written, 0 unchanged, 0 removed\n"),
        "{}",
        office.stderr
    );
    project.write("templates/style.css", "body { color: #000; }\n");
    let template = render(&project, &[]);
    assert!(
        template
            .stderr
            .ends_with("6 written, 6 unchanged, 0 removed\n"),
        "{}",
        template.stderr
    );
}

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
            .ends_with("1 written, 11 unchanged, 0 removed\n"),
        "{}",
        output.stderr
    );
}

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
            .ends_with("rendered 4 files into `out`: 2 written, 2 unchanged, 0 removed\n"),
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
