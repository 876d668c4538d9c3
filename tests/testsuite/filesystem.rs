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

#[test]
fn a_twenty_megabyte_record() {
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
    let output = project.run(&["render", "--today", "2026-11-22"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        fs::metadata(project.path("out/2023-08-25-large.html"))
            .expect("a page")
            .len()
            > 20 * 1024 * 1024
    );
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
    let html = project.read("out/2023-08-25-crlf.html");
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

#[test]
fn data_missing_cannot_run() {
    let project = Project::new();
    fs::remove_dir_all(project.path("data")).expect("removed");
    let output = project.run(&["check", "--today", "2026-11-22"]);
    assert_eq!(output.code, 2);
    assert_eq!(
        output.stderr,
        "error: no `data` folder in `.`: run respond in a project folder, or give its place with `--root`\n"
    );
}
