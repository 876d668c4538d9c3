//! `respond check`: the table, its formats, and its exit status, with today pinned.
//!
//! The fixture `check/data/` holds one record per status `check` reports.

use crate::support::{Project, assert_snapshot, fixtures};

fn project() -> Project {
    Project::from_fixture(&fixtures().join("check"))
}

#[track_caller]
fn snapshot(name: &str, args: &[&str]) -> crate::support::Output {
    let output = project().run(args);
    assert_snapshot(&fixtures().join("check").join(name), &output.transcript());
    output
}

#[test]
fn text_with_an_overdue_response_fails() {
    let output = snapshot("text-overdue.txt", &["check", "--today", "2023-10-20"]);
    assert_eq!(output.code, 1);
}

#[test]
fn the_last_day_itself_is_not_overdue() {
    let output = snapshot("text-last-day.txt", &["check", "--today", "2023-10-19"]);
    assert_eq!(output.code, 0);
    assert!(
        output
            .stdout
            .contains("due-soon           2023-08-25  2023-10-19          0  2023-08-25-overdue")
    );
}

#[test]
fn warn_within_widens_due_soon() {
    let output = project().run(&["check", "--today", "2023-10-19", "--warn-within", "20"]);
    assert_eq!(output.code, 0);
    assert!(
        output.stdout.contains(
            "due-soon           2023-09-10  2023-11-04         16  2023-09-10-outstanding"
        ),
        "{}",
        output.stdout
    );
}

#[test]
fn json_format() {
    let output = snapshot(
        "json.txt",
        &["check", "--today", "2023-10-20", "--format", "json"],
    );
    assert_eq!(output.code, 1);
    let rows: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON on stdout");
    assert_eq!(rows.as_array().map(Vec::len), Some(9));
}

#[test]
fn github_format() {
    let output = snapshot(
        "github.txt",
        &["check", "--today", "2023-10-20", "--format", "github"],
    );
    assert_eq!(output.code, 1);
}

/// An invalid record is a row of its own, `invalid`, counted in the summary and in the JSON
/// with its problems: it used to vanish from both while the exit status was 1.
#[test]
fn an_invalid_record_is_shown_and_fails_the_check() {
    let project = project();
    project.write(
        "data/inspections/2023-10-01-broken.yaml",
        "title: Broken\npublished: July 2023\ntype: peel\nkey_findings: Found.\n",
    );
    let output = project.run(&["check", "--today", "2023-10-19"]);
    assert_snapshot(
        &fixtures().join("check/text-invalid.txt"),
        &output.transcript(),
    );
    assert_eq!(output.code, 1);
    let json = project.run(&["check", "--today", "2023-10-19", "--format", "json"]);
    assert_eq!(json.code, 1);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON on stdout");
    let broken = rows
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == "2023-10-01-broken"))
        .expect("the invalid record is in the JSON");
    assert_eq!(
        broken,
        &serde_json::json!({
            "id": "2023-10-01-broken",
            "file": "data/inspections/2023-10-01-broken.yaml",
            "title": null,
            "published": null,
            "last_day": null,
            "days_left": null,
            "status": "invalid",
            "statutory": null,
            "statutory_note": null,
            "problems": [{
                "severity": "error",
                "code": "invalid-date",
                "file": "data/inspections/2023-10-01-broken.yaml",
                "line": 2,
                "column": 12,
                "message": "`published` is not a valid date: it has a month but no day",
                "help": broken["problems"][0]["help"],
            }],
        })
    );
    let github = project.run(&["check", "--today", "2023-10-19", "--format", "github"]);
    assert!(
        github.stdout.contains(
            "\ninvalid            -           -                   -  2023-10-01-broken\n"
        ),
        "{}",
        github.stdout
    );
    assert!(
        github.stdout.ends_with("\n10 records: 1 invalid, 2 due-soon, 1 outstanding, 1 published, 1 published-late, 1 published-undated, 2 no-deadline, 1 not-statutory\n"),
        "{}",
        github.stdout
    );
}

#[test]
fn bad_today_cannot_run() {
    let output = project().run(&["check", "--today", "19/10/2023"]);
    assert_eq!(output.code, 2);
    assert!(
        output
            .stderr
            .contains("`19/10/2023` is not a date in the form YYYY-MM-DD"),
        "{}",
        output.stderr
    );
}

#[test]
fn bundled_data_passes_today() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_respond"))
        .args([
            "check",
            "--today",
            "2026-11-22",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
        ])
        .output()
        .expect("respond runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.ends_with("\n5 records: 5 published-undated\n"),
        "{stdout}"
    );
}

#[test]
fn a_report_published_after_today_is_embargoed() {
    let project = Project::new();
    project.write(
        "data/inspections/2023-11-08-embargoed.yaml",
        "title: Embargoed\npublished: 2023-11-08\ntype: peel\nkey_findings: Found.\n",
    );
    let text = project.run(&["check", "--today", "2023-11-01"]);
    assert_eq!(
        (text.code, text.stdout.as_str(), text.stderr.as_str()),
        (
            0,
            "STATUS     PUBLISHED   LAST DAY    DAYS LEFT  RECORD\n\
             embargoed  2023-11-08  2024-01-02         62  2023-11-08-embargoed\n\
             \n\
             1 record: 1 embargoed\n",
            ""
        )
    );
    let json = project.run(&["check", "--today", "2023-11-01", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON on stdout");
    assert_eq!(rows[0]["status"], "embargoed");
    assert_eq!(rows[0]["last_day"], "2024-01-02");
    let github = project.run(&["check", "--today", "2023-11-01", "--format", "github"]);
    // No finding to annotate: the table alone, as in text.
    assert_eq!(
        (github.code, github.stdout.as_str(), github.stderr.as_str()),
        (0, text.stdout.as_str(), "")
    );
}

/// A fire record has no deadline (s.55 covers police forces only) unless the office sets its
/// own target, which `check` then reports like a last day, but never as an error.
#[test]
fn fire_has_a_deadline_only_under_an_office_target() {
    let project = project();
    let row = |output: &crate::support::Output| {
        output
            .stdout
            .lines()
            .find(|l| l.ends_with("2023-09-01-fire"))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let output = project.run(&["check", "--today", "2023-10-20"]);
    assert_eq!(
        row(&output),
        "no-deadline        2023-09-01  -                   -  2023-09-01-fire"
    );
    project.write(
        "data/office.yaml",
        format!("{}local_target_days: 30\n", crate::support::OFFICE),
    );
    let output = project.run(&["check", "--today", "2023-10-20"]);
    assert_eq!(
        row(&output),
        "overdue            2023-09-01  2023-09-30        -20  2023-09-01-fire"
    );
    assert!(
        output.stderr.contains(
            "warning[overdue]: the response is overdue: the office's target was Saturday 30 September 2023 (20 days ago)\n --> data/inspections/2023-09-01-fire.yaml"
        ),
        "{}",
        output.stderr
    );
}

/// s.55(6): a published statutory response whose copies are both recorded has no reminder;
/// `validate` never reminds (the file has no mistake), and the reminder is never an error.
#[test]
fn copies_recorded_end_the_reminder() {
    let project = project();
    let reminded = |output: &crate::support::Output| {
        output
            .stderr
            .matches("warning[copies-not-recorded]")
            .count()
    };
    let output = project.run(&[
        "check",
        "--today",
        "2023-10-19",
        "data/inspections/2023-06-01-published.yaml",
    ]);
    assert_eq!(
        (output.code, reminded(&output)),
        (0, 1),
        "{}",
        output.stderr
    );
    let validated = project.run(&["validate", "--today", "2023-10-19"]);
    assert_eq!(reminded(&validated), 0, "{}", validated.stderr);
    let file = "data/inspections/2023-06-01-published.yaml";
    let record = project.read(file);
    project.write(file, format!("{record}  home_secretary: 2023-07-21\n"));
    let output = project.run(&[
        "check",
        "--today",
        "2023-10-19",
        "data/inspections/2023-06-01-published.yaml",
    ]);
    assert_eq!(
        (output.code, reminded(&output)),
        (0, 0),
        "{}",
        output.stderr
    );
}
