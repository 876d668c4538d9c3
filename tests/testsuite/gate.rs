//! The gate: `respond check` never passes while a response is overdue, wherever the record
//! sits, whatever its folder is called, and whatever its fields say. Each case is an overdue
//! statutory record that an earlier version did not see or did not count.

use std::fs;
use std::os::unix::fs::symlink;

use crate::support::{Project, assert_snapshot, fixtures};

/// A statutory report published on 5 January 2026, with no response: overdue on the day
/// the tests pin, 22 November 2026.
const OVERDUE: &str = "title: Race and Policing\npublished: 2026-01-05\ntype: national-thematic\nkey_findings: Found.\n";

#[track_caller]
fn check(project: &Project) -> crate::support::Output {
    project.run(&["check", "--today", "2026-11-22"])
}

/// A folder named like an editor's backup is walked like any other: the skip list is for
/// files.
#[test]
fn no_folder_is_skipped_for_its_name() {
    for folder in [
        "old.bak",
        "2026~",
        "x.tmp",
        "#x#",
        "~$x",
        "Thumbs.db",
        "desktop.ini",
        "x.orig",
    ] {
        let project = Project::new();
        project.write(
            &format!("data/inspections/{folder}/2026-01-05-race.yaml"),
            OVERDUE,
        );
        let output = check(&project);
        assert_eq!(output.code, 1, "{folder}: {}", output.transcript());
        assert!(
            output
                .stdout
                .contains("\noverdue  2026-01-05  2026-03-01       -266  2026-01-05-race\n"),
            "{folder}: {}",
            output.stdout
        );
    }
}

#[test]
fn a_hidden_folder_among_the_records_is_named() {
    let project = Project::new();
    project.write("data/inspections/.archive/2026-01-05-race.yaml", OVERDUE);
    assert_snapshot(
        &fixtures().join("gate/hidden-folder.txt"),
        &check(&project).transcript(),
    );
}

/// A record anywhere in `data/` but the records folder is an error naming it.
#[test]
fn records_in_the_wrong_folder_are_found() {
    let project = Project::new();
    for place in [
        "data/Inspections/2026-01-05-race.yaml",
        "data/inspection/2026-01-06-race.yml",
        "data/2026/2026-01-07-race.yaml",
        "data/.old/deep/2026-01-08-race.yaml",
        "data/2026-01-09-race.yaml",
    ] {
        project.write(place, OVERDUE);
    }
    // Not records: left alone.
    project.write("data/2026/notes.txt", "notes");
    project.write("data/2026/.x.yaml.swp", "swap");
    assert_snapshot(
        &fixtures().join("gate/wrong-folder.txt"),
        &check(&project).transcript(),
    );
}

#[test]
fn a_project_without_its_records_folder_is_an_error() {
    let project = Project::new();
    fs::remove_dir(project.path("data/inspections")).expect("an empty folder");
    assert_snapshot(
        &fixtures().join("gate/no-records-folder.txt"),
        &check(&project).transcript(),
    );
}

/// A link in the records folder up to `data/` would read the office file as a record.
#[test]
fn a_link_to_a_folder_above_is_refused() {
    let project = Project::new();
    project.write("data/inspections/2026-01-05-race.yaml", OVERDUE);
    symlink("..", project.path("data/inspections/up")).expect("a link");
    symlink(".", project.path("data/inspections/here")).expect("a link");
    assert_snapshot(
        &fixtures().join("gate/link-up.txt"),
        &check(&project).transcript(),
    );
}

/// `statutory: false` takes a record out of the duty, but never out of sight: until its
/// response is published it is listed every day, with its note, and on GitHub as a notice.
#[test]
fn a_record_outside_the_duty_is_shown_every_day() {
    let project = Project::new();
    project.write(
        "data/inspections/2026-01-05-race.yaml",
        format!("{OVERDUE}statutory: false\nstatutory_note: The report is about the Metropolitan Police Service.\n"),
    );
    project.write(
        "data/inspections/2026-01-06-peel.yaml",
        OVERDUE.replace("2026-01-05", "2026-01-06"),
    );
    let text = check(&project);
    assert_snapshot(
        &fixtures().join("gate/not-statutory.txt"),
        &text.transcript(),
    );
    let github = project.run(&["check", "--today", "2026-11-22", "--format", "github"]);
    assert_snapshot(
        &fixtures().join("gate/not-statutory-github.txt"),
        &github.transcript(),
    );
    // Published, it is done with: no note.
    project.write(
        "data/inspections/2026-01-05-race.yaml",
        format!("{OVERDUE}statutory: false\nstatutory_note: The report is about the Metropolitan Police Service.\nresponses:\n  - by: commissioner\n    text: Noted.\nresponse_published: 2026-02-01\n"),
    );
    let published = check(&project);
    assert!(
        published
            .stdout
            .contains("\npublished  2026-01-05  -                   -  2026-01-05-race\n"),
        "{}",
        published.stdout
    );
    assert!(
        !published.stderr.contains("not-statutory"),
        "{}",
        published.stderr
    );
}

/// `undated` is for the archive: refused on a report published on or after the office's
/// `tracking_from`, and, without it, unless the last day is more than a year past.
#[test]
fn undated_is_for_the_archive_only() {
    let undated = |published: &str| {
        format!(
            "title: Race and Policing\npublished: {published}\ntype: national-thematic\nkey_findings: Found.\nresponses:\n  - by: commissioner\n    text: Noted.\nresponse_published: undated\n"
        )
    };
    let project = Project::new();
    project.write(
        "data/inspections/2026-01-05-race.yaml",
        undated("2026-01-05"),
    );
    // Without `tracking_from`: the last day, 1 March 2026, must be more than a year before today.
    let output = project.run(&["validate", "--today", "2027-03-01"]);
    assert_snapshot(
        &fixtures().join("gate/undated-within-a-year.txt"),
        &output.transcript(),
    );
    let output = project.run(&["validate", "--today", "2027-03-02"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (0, "checked 1 record: no problems\n")
    );
    // With `tracking_from`: refused from that day on, whatever today is.
    let office = project.read("data/office.yaml");
    project.write(
        "data/office.yaml",
        format!("{office}tracking_from: 2026-01-05\n"),
    );
    let output = project.run(&["check", "--today", "2030-01-01"]);
    assert_snapshot(
        &fixtures().join("gate/undated-since-tracking.txt"),
        &output.transcript(),
    );
    project.write(
        "data/office.yaml",
        format!("{office}tracking_from: 2026-01-06\n"),
    );
    let output = project.run(&["validate", "--today", "2026-11-22"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (0, "checked 1 record: no problems\n")
    );
}

/// A file name cannot forge the gate's output: a line feed and `::` would start a workflow
/// command of its own on GitHub (`::stop-commands::` silences every annotation after it), an
/// escape sequence would rewrite the terminal.
#[test]
fn a_file_name_cannot_forge_the_output() {
    let project = Project::new();
    project.write("data/inspections/2026-01-05-race.yaml", OVERDUE);
    project.write(
        "data/inspections/2026-01-06-x\n::stop-commands::pause\n\u{1b}[2J.yaml",
        OVERDUE.replace("2026-01-05", "2026-01-06"),
    );
    project.write(
        "data/inspections/2026-01-07-a::b.yaml",
        OVERDUE.replace("2026-01-05", "2026-01-07"),
    );
    for format in ["text", "github", "json"] {
        let output = project.run(&["check", "--today", "2026-11-22", "--format", format]);
        assert_eq!(output.code, 1, "{format}");
        assert_snapshot(
            &fixtures().join(format!("gate/forged-name-{format}.txt")),
            &output.transcript(),
        );
        for stream in [&output.stdout, &output.stderr] {
            assert!(!stream.contains('\u{1b}'), "{format}: {stream}");
            assert!(
                stream
                    .lines()
                    .all(|line| !line.starts_with("::stop-commands")),
                "{format}: {stream}"
            );
        }
    }
}
