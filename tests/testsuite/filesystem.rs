//! The file system around a project (issue 4): odd things in `data/` and around `out/`. Each
//! gets a clear message and the documented exit status, never a panic, a hang, a partial file,
//! or a change outside `out/`.

use std::fs;
use std::os::unix::fs::symlink;

use crate::support::Project;

const GOOD: &str = "title: Race and Policing\npublished: 2023-08-25\ntype: national-thematic\nkey_findings: Found.\n";

#[test]
fn a_record_that_is_a_folder() {
    let project = Project::new();
    fs::create_dir_all(project.path("data/inspections/2023-08-25-folder.yaml")).expect("a folder");
    let output = project.run(&["validate", "--today", "2026-11-22"]);
    assert_eq!(output.code, 1);
    assert_eq!(
        output.stderr,
        "error[not-a-file]: this is a folder, not a record file\n --> data/inspections/2023-08-25-folder.yaml\n  = help: records are files in `data/inspections`; move or rename the folder\n\nchecked 1 record: 1 error in 1 file\n"
    );
}

#[test]
fn a_link_that_leads_out_of_the_project_is_not_followed() {
    let project = Project::new();
    let outside = tempfile::tempdir().expect("a folder");
    fs::write(outside.path().join("secret.yaml"), "password: hunter2\n").expect("a file");
    symlink(
        outside.path().join("secret.yaml"),
        project.path("data/inspections/2023-08-25-link.yaml"),
    )
    .expect("a link");
    let output = project.run(&["validate", "--today", "2026-11-22"]);
    assert_eq!(output.code, 1);
    assert!(
        output
            .stderr
            .starts_with("error[link-outside-project]: this is a link to `"),
        "{}",
        output.stderr
    );
    assert!(
        output.stderr.contains("`, outside the project\n"),
        "{}",
        output.stderr
    );
    assert!(
        !output.stderr.contains("hunter2"),
        "the file was read: {}",
        output.stderr
    );
}

#[test]
fn a_link_inside_the_project_is_followed() {
    let project = Project::new();
    project.write("drafts/race.yaml", GOOD);
    symlink(
        project.path("drafts/race.yaml"),
        project.path("data/inspections/2023-08-25-race.yaml"),
    )
    .expect("a link");
    let output = project.run(&["validate", "--today", "2026-11-22"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (0, "checked 1 record: no problems\n")
    );
}

#[test]
fn a_fifo_does_not_hang() {
    let project = Project::new();
    let fifo = project.path("data/inspections/2023-08-25-fifo.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let output = project.run(&["validate", "--today", "2026-11-22"]);
    assert_eq!(output.code, 1);
    assert!(
        output
            .stderr
            .starts_with("error[not-a-file]: this is not a regular file\n"),
        "{}",
        output.stderr
    );
}

#[test]
fn a_dangling_link_cannot_be_read() {
    let project = Project::new();
    symlink(
        project.path("nowhere.yaml"),
        project.path("data/inspections/2023-08-25-gone.yaml"),
    )
    .expect("a link");
    let output = project.run(&["validate", "--today", "2026-11-22"]);
    assert_eq!(output.code, 2);
    assert!(
        output
            .stderr
            .starts_with("error: failed to read `data/inspections/2023-08-25-gone.yaml`: "),
        "{}",
        output.stderr
    );
}

#[test]
fn out_as_a_link_is_refused_and_its_target_untouched() {
    let project = Project::seeds();
    let elsewhere = tempfile::tempdir().expect("a folder");
    fs::write(elsewhere.path().join("index.html"), "theirs").expect("a file");
    symlink(elsewhere.path(), project.path("out")).expect("a link");
    let output = project.run(&["render", "--today", "2026-11-22"]);
    assert_eq!(output.code, 2);
    assert!(output.stderr.ends_with("error: `out` is a symbolic link; respond writes only into a real folder (give the folder itself with `--out`)\n"), "{}", output.stderr);
    let names: Vec<_> = fs::read_dir(elsewhere.path())
        .expect("a folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(names, ["index.html"]);
    assert_eq!(
        fs::read_to_string(elsewhere.path().join("index.html")).expect("a file"),
        "theirs"
    );
}

#[test]
fn out_as_a_file_is_refused() {
    let project = Project::seeds();
    project.write("out", "not a folder");
    let output = project.run(&["render", "--today", "2026-11-22"]);
    assert_eq!(output.code, 2);
    assert!(
        output
            .stderr
            .ends_with("error: `out` is a file, not a folder\n"),
        "{}",
        output.stderr
    );
    assert_eq!(project.read("out"), "not a folder");
}

/// A 20 MB record (under the file size limit) took 5.8 GB to typeset as a PDF: it is refused at
/// validation, before anything is rendered, at once.
#[test]
fn a_twenty_megabyte_record_is_refused_before_its_pdf_is_typeset() {
    let project = Project::new();
    let paragraph = "The force has made progress in how it records and shares data. ".repeat(20);
    let mut findings = String::new();
    while findings.len() < 20 * 1024 * 1024 {
        findings.push_str("  ");
        findings.push_str(&paragraph);
        findings.push_str("\n\n");
    }
    project.write(
        "data/inspections/2023-08-25-large.yaml",
        format!("title: Large\npublished: 2023-08-25\ntype: peel\nkey_findings: |\n{findings}"),
    );
    let output = project.run(&["render", "--today", "2026-11-22", "--format", "all"]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert!(
        output.stderr.starts_with(
            "error[text-too-long]: this record holds 20940 KB of text, more than the 1000 KB its PDF can be made from (its longest text is this `key_findings`)\n --> data/inspections/2023-08-25-large.yaml:4:1\n"
        ),
        "{}",
        output.stderr
    );
    assert!(!project.path("drafts").exists());
}

#[test]
fn a_record_over_the_size_limit_is_refused_before_it_is_read() {
    let project = Project::new();
    let file =
        fs::File::create(project.path("data/inspections/2023-08-25-huge.yaml")).expect("a file");
    file.set_len(65 * 1024 * 1024).expect("a sparse file");
    let output = project.run(&["validate", "--today", "2026-11-22"]);
    assert_eq!(output.code, 1);
    assert!(
        output
            .stderr
            .starts_with("error[file-too-large]: the file is too large (65 MiB)\n"),
        "{}",
        output.stderr
    );
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_render() {
    let project = Project::new();
    let text = format!("\u{feff}{GOOD}recommendations:\r\n  - number: \"1\"\r\n    text: |\r\n      Line one.\r\n\r\n      Line two.\r\n").replace('\n', "\r\n").replace("\r\r\n", "\r\n");
    project.write("data/inspections/2023-08-25-crlf.yaml", text);
    let output = project.run(&["render", "--today", "2026-11-22"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let html = project.read("drafts/2023-08-25-crlf.html");
    assert!(
        html.contains("<p>Line one.</p>\n<p>Line two.</p>"),
        "{html}"
    );
    assert!(!html.contains('\r'));
}

#[test]
fn ids_that_differ_only_in_case() {
    let project = Project::new();
    project.write("data/inspections/2023-08-25-race.yaml", GOOD);
    project.write("data/inspections/2023-08-25-Race.yaml", GOOD);
    let output = project.run(&["render", "--today", "2026-11-22"]);
    assert_eq!(output.code, 1);
    assert!(
        output.stderr.starts_with("error[invalid-id]: the record's id `2023-08-25-Race` breaks the naming rule\n --> data/inspections/2023-08-25-Race.yaml\n  = help: a record's file name uses lower-case letters, digits and hyphens only: rename it to `2023-08-25-race.yaml`\n"),
        "{}",
        output.stderr
    );
    assert!(!project.path("out").exists(), "nothing is written");
}

/// Outside a project (no `data/office.yaml` here or above), every command refuses and
/// writes nothing; `new` used to make `data/inspections/` wherever it was run.
#[test]
fn outside_a_project_every_command_cannot_run_and_writes_nothing() {
    let project = Project::new();
    fs::remove_dir_all(project.path("data")).expect("removed");
    for args in [
        &[
            "new",
            "--title",
            "A report",
            "--published",
            "2023-08-25",
            "--type",
            "peel",
        ][..],
        &["validate"],
        &["check", "--today", "2026-11-22"],
        &["render"],
        &["templates"],
    ] {
        let output = project.run(args);
        assert_eq!(
            (output.code, output.stdout.as_str(), output.stderr.as_str()),
            (
                2,
                "",
                "error: not in a respond project: neither this folder nor any folder above it holds `data/office.yaml`\n  = help: run respond inside the project folder (the one that holds `data/office.yaml`) or any folder below it, or give that folder with `--root DIR`\n"
            ),
            "{args:?}"
        );
        assert_eq!(
            fs::read_dir(project.root()).expect("the folder").count(),
            0,
            "{args:?} wrote something"
        );
    }
}

const OVERDUE: &str = "title: Overdue\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n";

/// Records are `.yaml` and `.yml` in any case, in any subfolder (offices file by year): none
/// is skipped. `overdue.YML` and `2026/x.yaml` used to be ignored and `check` passed.
#[test]
fn records_in_subfolders_and_yml_in_any_case_are_checked() {
    let project = Project::new();
    project.write("data/inspections/2026/2023-08-25-overdue.YML", OVERDUE);
    project.write("data/inspections/2023-08-26-also-overdue.yml", OVERDUE);
    project.write("data/inspections/2023/q3/2023-08-27-third.yaml", OVERDUE);
    let output = project.run(&["check", "--today", "2023-10-25"]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert_eq!(
        output.stdout,
        "STATUS   PUBLISHED   LAST DAY    DAYS LEFT  RECORD\n\
         overdue  2023-08-25  2023-10-19         -6  2023-08-26-also-overdue\n\
         overdue  2023-08-25  2023-10-19         -6  2023-08-27-third\n\
         overdue  2023-08-25  2023-10-19         -6  2023-08-25-overdue\n\
         \n3 records: 3 overdue\n"
    );
    for file in [
        "data/inspections/2023-08-26-also-overdue.yml:2:12",
        "data/inspections/2023/q3/2023-08-27-third.yaml:2:12",
        "data/inspections/2026/2023-08-25-overdue.YML:2:12",
    ] {
        assert!(
            output.stderr.contains(&format!(" --> {file}\n")),
            "{file}: {}",
            output.stderr
        );
    }
}

/// Any other file among the records is named, and so is a YAML file in `data/` itself;
/// dot-files, editor backups, Office lock files and Windows' own files are left alone.
#[test]
fn other_files_among_the_records_are_errors_but_editor_files_are_not() {
    let project = Project::new();
    project.write("data/inspections/2023-08-25-race.yaml", GOOD);
    project.write("data/inspections/notes.txt", "notes");
    project.write("data/inspections/2026/report.docx", "a report");
    project.write("data/2023-08-26-misplaced.yaml", GOOD);
    project.write("data/README.txt", "not YAML: left alone");
    for ignored in [
        ".DS_Store",
        ".gitkeep",
        ".2023-08-25-race.yaml.swp",
        "2023-08-25-race.yaml~",
        "2023-08-25-race.yaml.bak",
        "2023-08-25-race.orig",
        "2023-08-25-race.swp",
        "~$report.docx",
        "#2023-08-25-race.yaml#",
        "~WRL0001.tmp",
        "Thumbs.db",
        "desktop.ini",
    ] {
        project.write(&format!("data/inspections/{ignored}"), "left alone");
    }
    let output = project.run(&["validate", "--today", "2026-11-22"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            1,
            "error[not-a-record]: records belong in `data/inspections`, so this file is not read\n --> data/2023-08-26-misplaced.yaml\n  = help: move it into the folder `data/inspections` (so named, in lower case) if it is a record, or out of `data` if it is not: `data` holds only `office.yaml` and the records' folder `inspections`\n\n\
             error[not-a-record]: this file is not a record, so it is not read\n --> data/inspections/2026/report.docx\n  = help: records are `.yaml` files (`.yml` will do); move other files, such as the report itself or notes, out of `data/inspections`\n\n\
             error[not-a-record]: this file is not a record, so it is not read\n --> data/inspections/notes.txt\n  = help: records are `.yaml` files (`.yml` will do); move other files, such as the report itself or notes, out of `data/inspections`\n\n\
             checked 1 record: 3 errors in 3 files\n"
        )
    );
}

/// An id names one record across every folder; a clash names both files.
#[test]
fn an_id_in_two_folders_names_both_files() {
    let project = Project::new();
    project.write("data/inspections/2023-08-25-race.yaml", GOOD);
    project.write("data/inspections/2023/2023-08-25-race.yml", GOOD);
    let output = project.run(&["render", "--today", "2026-11-22"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            1,
            "error[duplicate-id]: the id `2023-08-25-race` is taken already, by `data/inspections/2023/2023-08-25-race.yml`\n --> data/inspections/2023-08-25-race.yaml\n  = help: rename one of the two files: an id (a file's name without `.yaml`) names one record across all the folders of `data/inspections`\n\n\
             nothing rendered: 1 error in 1 file\n"
        )
    );
    assert!(!project.path("out").exists(), "nothing is written");
    let validate = project.run(&["validate", "--today", "2026-11-22"]);
    assert!(
        validate
            .stderr
            .ends_with("\nchecked 2 records: 1 error in 1 file\n"),
        "{}",
        validate.stderr
    );
}

/// A link to a folder is followed inside the project, once (a link to a folder beside it reads
/// nothing twice); a link up to a folder that holds it is refused, since it would read the
/// office file as a record, and so is one that leads outside; folders nest at most 8 deep.
#[test]
fn folder_links_make_no_loop_and_stay_in_the_project() {
    let project = Project::new();
    project.write("data/inspections/2026/2023-08-25-race.yaml", GOOD);
    symlink("2026", project.path("data/inspections/this-year")).expect("a link");
    symlink("..", project.path("data/inspections/2026/back")).expect("a link");
    symlink("../..", project.path("data/inspections/2026/data")).expect("a link");
    symlink(".", project.path("data/inspections/here")).expect("a link");
    let outside = tempfile::tempdir().expect("a folder");
    fs::write(outside.path().join("2023-08-26-secret.yaml"), GOOD).expect("a file");
    symlink(outside.path(), project.path("data/inspections/elsewhere")).expect("a link");
    project.write(
        "data/inspections/1/2/3/4/5/6/7/8/2023-08-27-deep.yaml",
        GOOD,
    );
    project.write(
        "data/inspections/1/2/3/4/5/6/7/8/9/2023-08-28-deeper.yaml",
        GOOD,
    );
    let output = project.run(&["validate", "--today", "2026-11-22"]);
    assert_eq!(output.code, 1);
    let stderr = output
        .stderr
        .replace(&outside.path().display().to_string(), "[OUTSIDE]");
    assert_eq!(
        stderr,
        "error[folders-too-deep]: folders nest more than 8 deep here, so this one is not read\n --> data/inspections/1/2/3/4/5/6/7/8/9\n  = help: keep records in `data/inspections` or in a folder or two below it (e.g. one per year)\n\n\
         error[link-up]: this is a link to `data/inspections`, a folder that holds it, so it is not read\n --> data/inspections/2026/back\n  = help: remove the link: records are files in `data/inspections` or in folders below it\n\n\
         error[link-up]: this is a link to `data`, a folder that holds it, so it is not read\n --> data/inspections/2026/data\n  = help: remove the link: records are files in `data/inspections` or in folders below it\n\n\
         error[link-outside-project]: this is a link to `[OUTSIDE]`, outside the project\n --> data/inspections/elsewhere\n  = help: respond reads only files inside the project; copy the folder in instead of linking to it\n\n\
         error[link-up]: this is a link to `data/inspections`, a folder that holds it, so it is not read\n --> data/inspections/here\n  = help: remove the link: records are files in `data/inspections` or in folders below it\n\n\
         checked 2 records: 5 errors in 5 files\n"
    );
}

/// `data/inspections`, or `data` itself, as a link out of the project is refused like a
/// record link, and nothing in it is read or written.
#[test]
fn a_records_folder_linked_out_of_the_project_is_refused() {
    for linked in ["data/inspections", "data"] {
        let project = Project::new();
        let outside = tempfile::tempdir().expect("a folder");
        let target = outside.path().join("linked");
        fs::rename(project.path(linked), &target).expect("moved out");
        fs::write(target.join("2023-08-25-race.yaml"), GOOD).expect("a record");
        symlink(&target, project.path(linked)).expect("a link");
        let output = project.run(&["validate", "--today", "2026-11-22"]);
        assert_eq!(
            (
                output.code,
                output
                    .stderr
                    .replace(&target.display().to_string(), "[OUTSIDE]")
            ),
            (
                1,
                format!(
                    "error[link-outside-project]: this is a link to `[OUTSIDE]`, outside the project\n --> {linked}\n  = help: respond reads only files inside the project; copy the folder in instead of linking to it\n\nchecked 0 records: 1 error in 1 file\n"
                )
            )
        );
        let new = project.run(&[
            "new",
            "--title",
            "A",
            "--published",
            "2023-08-25",
            "--type",
            "peel",
        ]);
        assert_eq!(new.code, 2, "{}", new.stderr);
        assert_eq!(
            fs::read_dir(&target).expect("the folder").count(),
            if linked == "data" { 3 } else { 1 },
            "new wrote nothing there"
        );
    }
}

/// The project is found like git finds its repository, and paths are shown relative to the
/// folder the user is in.
#[test]
fn the_project_is_found_from_a_folder_below_it_and_paths_are_relative_to_it() {
    let project = Project::new();
    project.write(
        "data/inspections/2026/2023-08-25-broken.yaml",
        "title: Broken\npublished: July 2023\ntype: peel\nkey_findings: Found.\n",
    );
    let output = project.run_in("data/inspections", &["validate", "--today", "2026-11-22"]);
    assert_eq!(output.code, 1);
    assert!(
        output
            .stderr
            .contains(" --> 2026/2023-08-25-broken.yaml:2:12\n"),
        "{}",
        output.stderr
    );
    let output = project.run_in(
        "data/inspections/2026",
        &["check", "--today", "2026-11-22", "--format", "json"],
    );
    assert!(
        output
            .stdout
            .contains("\"file\": \"2023-08-25-broken.yaml\""),
        "{}",
        output.stdout
    );
    let output = project.run_in(
        "data/inspections/2026",
        &[
            "validate",
            "2023-08-25-broken.yaml",
            "--today",
            "2026-11-22",
        ],
    );
    assert!(
        output.stderr.contains(" --> 2023-08-25-broken.yaml:2:12\n"),
        "{}",
        output.stderr
    );
    // A project given with --root from the folder above it: paths lead into it.
    project.write("inner/data/office.yaml", crate::support::OFFICE);
    project.write(
        "inner/data/inspections/2023-08-25-race.yaml",
        "title: Race\npublished: 2023-08-25\ntype: pele\nkey_findings: Found.\n",
    );
    let output = project.run(&["validate", "--root", "inner", "--today", "2026-11-22"]);
    assert!(
        output.stderr.starts_with("error[unknown-type]: unknown type `pele`\n --> inner/data/inspections/2023-08-25-race.yaml:3:7\n"),
        "{}",
        output.stderr
    );
    // Rendering from below the project writes into its `out/` and says so from here.
    project.write(
        "data/inspections/2026/2023-08-25-broken.yaml",
        format!("{GOOD}{}", crate::support::PUBLISHED),
    );
    let output = project.run_in("data/inspections", &["render", "--today", "2026-11-22"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            0,
            "rendered 9 files into `../../out`: 9 written, 0 unchanged, 0 removed\n"
        )
    );
    assert!(project.path("out/2023-08-25-broken.html").exists());
}

/// An id that names one of the site's own files would overwrite it: `index.yaml` used to
/// replace the index.
#[test]
fn an_id_that_names_a_file_of_the_site_is_refused() {
    let project = Project::new();
    for id in ["index", "feed", "drafts"] {
        project.write(&format!("data/inspections/{id}.yaml"), GOOD);
    }
    let output = project.run(&["render", "--today", "2026-11-22"]);
    assert_eq!(output.code, 1);
    assert_eq!(
        output.stderr,
        "error[reserved-id]: the record's id `drafts` is the name of one of the site's own pages or folders\n --> data/inspections/drafts.yaml\n  = help: rename the file, e.g. put the report's date in front: `2023-08-25-drafts.yaml`\n\n\
         error[reserved-id]: the record's id `feed` is the name of one of the site's own pages or folders\n --> data/inspections/feed.yaml\n  = help: rename the file, e.g. put the report's date in front: `2023-08-25-feed.yaml`\n\n\
         error[reserved-id]: the record's id `index` is the name of one of the site's own pages or folders\n --> data/inspections/index.yaml\n  = help: rename the file, e.g. put the report's date in front: `2023-08-25-index.yaml`\n\n\
         nothing rendered: 3 errors in 3 files\n"
    );
    assert!(!project.path("out").exists(), "nothing is written");
}

/// A `drafts` folder that is a link is refused like `out`, naming the option that gives the
/// folder: `--drafts` (it used to say `--out`).
#[test]
fn drafts_as_a_link_is_refused_naming_drafts() {
    let project = Project::new();
    project.write(
        "data/inspections/2023-08-25-race.yaml",
        "title: Race and Policing\npublished: 2023-08-25\ntype: national-thematic\nkey_findings: Found.\n",
    );
    let elsewhere = tempfile::tempdir().expect("a folder");
    symlink(elsewhere.path(), project.path("drafts")).expect("a link");
    let output = project.run(&["render", "--today", "2026-11-22"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            2,
            "error: `drafts` is a symbolic link; respond writes only into a real folder (give the folder itself with `--drafts`)\n"
        )
    );
    assert_eq!(fs::read_dir(elsewhere.path()).expect("a folder").count(), 0);
}
