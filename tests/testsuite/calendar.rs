//! `respond calendar`: the iCalendar file of the dates to come, byte for byte (its lines end
//! in CRLF), read back by the `icalendar` crate's parser; its UIDs; `--out`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use icalendar::{Calendar, Component as _, DatePerhapsTime};

use crate::support::{Project, assert_snapshot, fixtures};

fn project() -> Project {
    Project::from_fixture(&fixtures().join("follow-up"))
}

/// The calendar `respond calendar --today <today>` prints, checking it succeeded quietly.
#[track_caller]
fn calendar(project: &Project, today: &str) -> String {
    let output = project.run(&["calendar", "--today", today]);
    assert_eq!((output.code, output.stderr.as_str()), (0, ""), "{output:?}");
    output.stdout
}

/// Compares bytes, CRLF included (`assert_snapshot` ignores line endings), or writes the
/// expected file when `SNAPSHOTS=overwrite`.
#[track_caller]
fn assert_bytes(expected: &Path, actual: &str) {
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        fs::write(expected, actual).expect("an expected file written");
        return;
    }
    let wanted = fs::read_to_string(expected).expect("an expected file");
    assert!(
        wanted == actual,
        "`{}` differs:\n--- expected\n{wanted}\n--- actual\n{actual}",
        expected.display()
    );
}

/// Each event's UID and day, parsed back by the `icalendar` crate.
fn days(text: &str) -> BTreeMap<String, NaiveDate> {
    let calendar: Calendar = text.parse().expect("a calendar the parser reads");
    calendar
        .events()
        .map(|event| {
            let Some(DatePerhapsTime::Date(day)) = event.get_start() else {
                panic!("an all-day event: {event:?}");
            };
            (event.get_uid().expect("a UID").to_owned(), day)
        })
        .collect()
}

#[test]
fn golden_of_the_follow_up_project() {
    let text = calendar(&project(), "2025-01-15");
    assert_bytes(&fixtures().join("calendar/follow-up.ics"), &text);
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(
        text.split("\r\n")
            .all(|line| !line.contains('\n') && line.len() <= 75),
        "every line ends in CRLF and is at most 75 octets"
    );
}

#[test]
fn the_parser_reads_every_event_as_written() {
    let text = calendar(&project(), "2025-01-15");
    let calendar: Calendar = text.parse().expect("a calendar the parser reads");
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 5);
    let stamp = NaiveDate::from_ymd_opt(2025, 1, 15)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc());
    for event in &events {
        let (Some(DatePerhapsTime::Date(start)), Some(DatePerhapsTime::Date(end))) =
            (event.get_start(), event.get_end())
        else {
            panic!("an all-day event: {event:?}");
        };
        assert_eq!(end, start.succ_opt().expect("a next day"), "one whole day");
        assert_eq!(
            event.get_timestamp(),
            stamp,
            "DTSTAMP is today at midnight UTC"
        );
    }
    let embargoed = events
        .iter()
        .find(|e| e.get_uid() == Some("2025-02-03-embargoed-thematic/last-day@testshire.respond"))
        .expect("the embargoed record's last day");
    assert_eq!(
        embargoed.get_summary(),
        Some("Last day: response to An embargoed thematic report")
    );
    let description = embargoed.get_description().expect("a description");
    assert!(
        description.contains(
            "That day is a Sunday: the statute does not move the last day; publish by Friday 28 March 2025, the last working day before it."
        ),
        "{description}"
    );
    let names: Vec<_> = calendar
        .properties
        .iter()
        .filter(|p| p.key() == "X-WR-CALNAME")
        .map(|p| p.value().to_owned())
        .collect();
    assert_eq!(
        names,
        ["Test Office of the Police, Fire and Crime Commissioner: dates to come"]
    );
}

#[test]
fn uids_are_stable_across_runs_and_days() {
    let project = project();
    let first = calendar(&project, "2025-01-15");
    assert_eq!(
        first,
        calendar(&project, "2025-01-15"),
        "the same bytes twice"
    );
    let earlier = days(&first);
    assert_eq!(earlier.len(), 5, "each UID once: {earlier:?}");
    let later = days(&calendar(&project, "2025-02-01"));
    let still_to_come: BTreeMap<_, _> = earlier
        .into_iter()
        .filter(|(_, day)| *day >= NaiveDate::from_ymd_opt(2025, 2, 1).expect("a day"))
        .collect();
    assert_eq!(later, still_to_come, "the same events under the same UIDs");
}

#[test]
fn a_date_on_today_is_in_and_yesterdays_is_not() {
    let project = project();
    let uid = "2024-12-20-child-protection/chief-officer-comments@testshire.respond";
    assert!(days(&calendar(&project, "2025-01-31")).contains_key(uid));
    assert!(!days(&calendar(&project, "2025-02-01")).contains_key(uid));
}

#[test]
fn out_writes_the_file_whole_and_replaces_it() {
    let project = project();
    project.write("calendar.ics", "an older calendar");
    let output = project.run(&["calendar", "--today", "2025-01-15", "--out", "calendar.ics"]);
    assert_eq!(
        output.transcript(),
        "exit: 0\n--- stderr\nwrote `calendar.ics`: 5 dates\n"
    );
    assert_eq!(
        project.read("calendar.ics"),
        calendar(&project, "2025-01-15")
    );
    let names: Vec<_> = fs::read_dir(project.root())
        .expect("the project folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "no temporary file left: {names:?}");
}

#[test]
fn an_invalid_record_writes_nothing() {
    let project = project();
    project.write("calendar.ics", "an older calendar");
    project.write(
        "data/inspections/2025-01-02-broken.yaml",
        "title: Broken\npublished: 2025-13-02\ntype: peel\nkey_findings: Found.\n",
    );
    let output = project.run(&["calendar", "--today", "2025-01-15", "--out", "calendar.ics"]);
    assert_snapshot(
        &fixtures().join("calendar/invalid.txt"),
        &output.transcript(),
    );
    assert_eq!(output.code, 1);
    assert_eq!(project.read("calendar.ics"), "an older calendar");
    let output = project.run(&["calendar", "--today", "2025-01-15"]);
    assert_eq!((output.code, output.stdout.as_str()), (1, ""));
}

#[test]
fn out_refuses_the_public_folder() {
    let project = project();
    fs::create_dir_all(project.path("out")).expect("an out folder");
    let output = project.run(&[
        "calendar",
        "--today",
        "2025-01-15",
        "--out",
        "out/calendar.ics",
    ]);
    assert_snapshot(
        &fixtures().join("calendar/in-out.txt"),
        &output.transcript(),
    );
    assert_eq!(output.code, 2);
    assert!(!project.path("out/calendar.ics").exists());
    let output = project.run(&["calendar", "--out", "data"]);
    assert_eq!(
        output.transcript(),
        "exit: 2\n--- stderr\nerror: `data` is a folder; give `--out` a file, such as `calendar.ics`\n"
    );
}

/// A project whose dates exercise what the follow-up project does not: the office's own
/// target for a fire report, the fire chief officer's comments, a month's target, and items
/// closed or not applying, whose targets are left out.
fn edge_cases() -> Project {
    let project = Project::new();
    project.write(
        "data/office.yaml",
        format!("{}local_target_days: 30\n", crate::support::OFFICE),
    );
    project.write(
        "data/inspections/2025-01-06-fire.yaml",
        "title: Fire and rescue inspection\npublished: 2025-01-06\ntype: fire\nkey_findings: Found.\nchief_officer_comments_due: 2025-01-20\n",
    );
    project.write(
        "data/inspections/2017-01-10-before.yaml",
        "title: Before the duty\npublished: 2017-01-10\ntype: peel\nkey_findings: Found.\n",
    );
    project.write(
        "data/inspections/2024-11-01-peel.yaml",
        "\
title: PEEL 2024
published: 2024-11-01
type: peel
key_findings: Found.
recommendations:
  - number: \"1\"
    text: Done already.
    target: 2025-06-30
    progress:
      - on: 2024-12-10
        status: complete
  - number: \"2\"
    text: For the Home Office.
    applies: false
    reason: Addressed to the Home Office.
    target: 2025-06-30
  - number: \"3\"
    title: Answer calls faster
    text: The force should answer calls faster.
    target: March 2025
    owner: Head of Contact Management
    progress:
      - on: 2024-12-01
        status: in-progress
  - number: \"4\"
    text: Not for us.
    target: 2025-05-01
    progress:
      - on: 2024-12-02
        status: not-accepted
        note: The force disagrees.
responses:
  - by: commissioner
    text: I respond to the recommendations.
response_published: 2024-12-01
",
    );
    project
}

#[test]
fn office_targets_months_and_closed_items() {
    let project = edge_cases();
    let text = calendar(&project, "2025-01-15");
    assert_bytes(&fixtures().join("calendar/edge-cases.ics"), &text);
    let days = days(&text);
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a day");
    assert_eq!(
        days,
        BTreeMap::from([
            (
                "2025-01-06-fire/chief-officer-comments@testshire.respond".to_owned(),
                day(2025, 1, 20)
            ),
            (
                "2025-01-06-fire/last-day@testshire.respond".to_owned(),
                day(2025, 2, 4)
            ),
            (
                "2024-11-01-peel/recommendation-3/target@testshire.respond".to_owned(),
                day(2025, 3, 31)
            ),
        ])
    );
    assert!(text.contains("SUMMARY:Chief Fire Officer's comments due: Fire and rescue inspec"));
}

/// A line break written as `\r\n` in a title reaches the calendar as the one RFC 5545 escape
/// (`\n`), never as a carriage return that would end the line early.
#[test]
fn a_line_break_in_a_title_is_escaped_whole() {
    let project = Project::new();
    project.write(
        "data/inspections/2025-01-10-line-break.yaml",
        "title: \"Two\\r\\nlines\"\npublished: 2025-01-10\ntype: peel\nkey_findings: Found.\n",
    );
    let text = calendar(&project, "2025-01-15");
    assert!(
        text.contains("SUMMARY:Last day: response to Two\\nlines\r\n"),
        "{text}"
    );
    assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
}
