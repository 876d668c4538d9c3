//! `respond recommendations`, the tracker, in every format on the follow-up project (whose
//! dates exercise every status and a year boundary), its filters and its exit status; and
//! the `past-target` warning it shares with `check`.

use std::path::PathBuf;
use std::process::Command;

use crate::support::{Project, assert_snapshot, fixtures};

/// The end of a record whose response was published on a recorded day: `undated` is only for
/// a report whose last day is more than a year past.
const DATED: &str = "responses:\n  - by: commissioner\n    text: Noted.\nresponse_published: 2024-02-01\ncopies_sent:\n  hmicfrs: 2024-02-01\n  home_secretary: 2024-02-01\n";

const TODAY: &str = "2025-01-15";

fn project() -> Project {
    Project::from_fixture(&fixtures().join("follow-up"))
}

fn golden(name: &str) -> PathBuf {
    fixtures().join("recommendations").join(name)
}

#[track_caller]
fn snapshot(name: &str, args: &[&str]) -> crate::support::Output {
    let output = project().run(args);
    assert_snapshot(&golden(name), &output.transcript());
    output
}

/// Standard output as bytes, exactly: the CSV's byte-order mark and line ends are the point.
#[track_caller]
fn stdout_bytes(project: &Project, args: &[&str]) -> (i32, Vec<u8>) {
    let output = Command::new(env!("CARGO_BIN_EXE_respond"))
        .args(args)
        .current_dir(project.root())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("respond runs");
    (output.status.code().unwrap_or(-1), output.stdout)
}

/// The warnings every format but JSON gives on standard error, on the follow-up project.
const WARNINGS: &str = "\
warning[past-target]: recommendation 2 is past its target (June 2024, which ended 199 days ago) and is in progress
  --> data/inspections/2023-08-25-race-and-policing.yaml:30:5
   |
30 |     target: June 2024
   |     ^^^^^^
   = help: the warning stays until it is complete, superseded or not accepted; record where it stands by adding these lines at the end of its `progress:` list, with `complete` for `in-progress` if it is done (a `note:` line may say what was done):
                 - on: 2025-01-15
                   status: in-progress

warning[past-target]: recommendation 2 is past its target (31 December 2024, 15 days ago) and is open
  --> data/inspections/2023-12-20-peel-2023-25.yaml:12:5
   |
12 |     target: 31 December 2024
   |     ^^^^^^
   = help: the warning stays until it is complete, superseded or not accepted; record where it stands by adding these lines under its `target:` line, with `complete` for `in-progress` if it is done (a `note:` line may say what was done):
               progress:
                 - on: 2025-01-15
                   status: in-progress

2 warnings in 2 files
";

#[test]
fn text_puts_what_is_past_target_first() {
    let output = snapshot("text.txt", &["recommendations", "--today", TODAY]);
    assert_eq!(output.code, 0);
    assert_eq!(output.stderr, WARNINGS);
    assert!(output.stdout.ends_with(
        "\n10 items: 4 open, 2 in-progress, 2 complete, 1 superseded, 1 not-accepted; 2 past target\n"
    ));
}

#[test]
fn json_has_the_summary_and_the_rows_and_no_warnings() {
    let output = snapshot(
        "json.txt",
        &["recommendations", "--today", TODAY, "--format", "json"],
    );
    assert_eq!((output.code, output.stderr.as_str()), (0, ""));
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["as_at"], "2025-01-15");
    assert_eq!(json["summary"]["items"], 10);
    assert_eq!(json["summary"]["past_target"], 2);
    assert_eq!(json["summary"]["by_status"]["in-progress"], 2);
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0]["days_past_target"], 199);
    assert_eq!(rows[0]["target"], "2024-06");
    assert_eq!(rows[0]["target_due"], "2024-06-30");
    // A recommendation that does not apply is not followed up.
    assert!(
        !rows
            .iter()
            .any(|r| r["record"] == "2023-08-25-race-and-policing" && r["number"] == "3")
    );
}

#[test]
fn markdown_is_a_document() {
    let output = project().run(&["recommendations", "--today", TODAY, "--format", "md"]);
    assert_eq!((output.code, output.stderr.as_str()), (0, WARNINGS));
    assert_snapshot(&golden("tracker.md"), &output.stdout);
}

#[test]
fn html_is_a_document() {
    let output = project().run(&["recommendations", "--today", TODAY, "--format", "html"]);
    assert_eq!((output.code, output.stderr.as_str()), (0, WARNINGS));
    assert_snapshot(&golden("tracker.html"), &output.stdout);
    assert!(
        output
            .stdout
            .starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">")
    );
}

/// The CSV, byte for byte (its byte-order mark and CRLF line ends are what Excel on Windows
/// needs), then read back by a CSV reader.
#[test]
fn csv_opens_in_excel_and_reads_back() {
    let (code, bytes) = stdout_bytes(
        &project(),
        &["recommendations", "--today", TODAY, "--format", "csv"],
    );
    assert_eq!(code, 0);
    let expected = golden("tracker.csv");
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::write(&expected, &bytes).expect("the golden written");
    }
    let golden = std::fs::read(&expected).expect("the golden");
    assert!(
        bytes == golden,
        "the CSV differs from {}:\n{}",
        expected.display(),
        String::from_utf8_lossy(&bytes)
    );
    assert!(bytes.starts_with("\u{feff}record,report_title,".as_bytes()));
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());

    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header.len(), 13);
    let records: Vec<csv::StringRecord> =
        reader.records().collect::<Result<_, _>>().expect("records");
    assert_eq!(records.len(), 10);
    let column = |name: &str| header.iter().position(|h| h == name).expect("a column");
    let first = &records[0];
    assert_eq!(
        &first[column("owner")],
        "Superintendent, Operational Support"
    );
    assert_eq!(&first[column("days_past_target")], "199");
    assert_eq!(&first[column("status")], "in-progress");
    assert_eq!(&records[1][column("updated")], "");
    // The quotes of a text survive the round trip.
    let quoted = records
        .iter()
        .find(|r| &r[column("report_title")] == "Race and policing: a review")
        .expect("the race record");
    assert_eq!(&quoted[column("record")], "2023-08-25-race-and-policing");
}

#[test]
fn status_filters_repeated_or_comma_separated() {
    let output = snapshot(
        "status.txt",
        &[
            "recommendations",
            "--today",
            TODAY,
            "--status",
            "open,in-progress",
        ],
    );
    assert_eq!(output.code, 0);
    let repeated = project().run(&[
        "recommendations",
        "--today",
        TODAY,
        "--status",
        "open",
        "--status",
        "in-progress",
    ]);
    assert_eq!(repeated.stdout, output.stdout);
    let closed = project().run(&[
        "recommendations",
        "--today",
        TODAY,
        "--status",
        "complete",
        "--format",
        "md",
    ]);
    assert_eq!((closed.code, closed.stderr.as_str()), (0, ""));
    assert!(
        closed
            .stdout
            .contains("then those closed. Only those that are complete are shown.\n"),
        "{}",
        closed.stdout
    );
    // The summary's line and the two rows.
    assert_eq!(closed.stdout.matches("| Complete |").count(), 3);
    assert!(
        closed
            .stdout
            .contains("|---|--:|\n| Complete | 2 |\n| **All items** | **2** |\n"),
        "{}",
        closed.stdout
    );
}

#[test]
fn an_unknown_status_is_refused_with_the_statuses() {
    let output = project().run(&["recommendations", "--status", "in-progres"]);
    assert_eq!(output.code, 2);
    assert!(
        output
            .stderr
            .contains("invalid value 'in-progres' for '--status <STATUS>'"),
        "{}",
        output.stderr
    );
    assert!(output.stderr.contains("in-progress"), "{}", output.stderr);
}

#[test]
fn record_takes_records_and_folders() {
    let output = snapshot(
        "record.txt",
        &[
            "recommendations",
            "--today",
            TODAY,
            "--record",
            "data/inspections/2024",
            "--record",
            "data/inspections/2023-12-20-peel-2023-25.yaml",
        ],
    );
    assert_eq!(output.code, 0);
}

#[test]
fn an_invalid_record_prints_no_tracker_and_fails() {
    let project = project();
    project.write(
        "data/inspections/2024/2024-03-01-broken.yaml",
        "title: Broken\npublished: 2024-03-01\ntype: peel\nkey_findings: Found.\nrecommendations:\n  - text: Do it.\n    progress:\n      - on: 2024-04-01\n        status: finished\n",
    );
    for format in ["text", "json", "csv", "md", "html"] {
        let output = project.run(&["recommendations", "--today", TODAY, "--format", format]);
        assert_eq!((output.code, output.stdout.as_str()), (1, ""), "{format}");
        assert_snapshot(&golden("invalid.txt"), &output.transcript());
    }
}

#[test]
fn a_project_with_nothing_to_follow_up() {
    let project = Project::new();
    let text = project.run(&["recommendations", "--today", TODAY]);
    assert_eq!(
        text.transcript(),
        "exit: 0\n--- stdout\nNo recommendations, areas for improvement or causes of concern to follow up.\n"
    );
    let json = project.run(&["recommendations", "--today", TODAY, "--format", "json"]);
    assert_snapshot(&golden("empty-json.txt"), &json.transcript());
    let md = project.run(&["recommendations", "--today", TODAY, "--format", "md"]);
    assert_snapshot(&golden("empty.md"), &md.transcript());
    let html = project.run(&["recommendations", "--today", TODAY, "--format", "html"]);
    assert_eq!(html.code, 0);
    assert!(!html.stdout.contains("<table"));
    assert!(html.stdout.contains(
        "<p>No recommendations, areas for improvement or causes of concern to follow up.</p>"
    ));
    let (code, csv) = stdout_bytes(&project, &["recommendations", "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(
        csv,
        "\u{feff}record,report_title,report_published,kind,number,text,addressed_to,owner,target,target_due,status,updated,days_past_target\r\n".as_bytes()
    );
    let filtered = project.run(&["recommendations", "--status", "superseded,not-accepted"]);
    assert_eq!(
        filtered.stdout,
        "No items are superseded or not accepted.\n"
    );
}

/// An office's own `templates/recommendations.md` replaces the default.
#[test]
fn an_office_template_replaces_the_default() {
    let project = project();
    project.write(
        "templates/recommendations.md",
        "{{ heading }}: {{ items }} items, {{ past_target }} past target\n{% for r in rows %}- {{ r.item }}\n{% endfor %}",
    );
    let output = project.run(&["recommendations", "--today", TODAY, "--format", "md"]);
    assert_eq!(output.code, 0);
    assert!(
        output.stdout.starts_with(
            "Testshire PFCC recommendations tracker: 10 items, 2 past target\n- Recommendation 2\n"
        ),
        "{}",
        output.stdout
    );
    let written = project.run(&["templates", "--out", "mine"]);
    assert!(
        written.stderr.contains("wrote mine/recommendations.html\n"),
        "{}",
        written.stderr
    );
}

#[test]
fn check_warns_past_target_in_text() {
    let output = snapshot("check-text.txt", &["check", "--today", TODAY]);
    // A warning never fails the gate.
    assert_eq!(output.code, 0);
    assert!(output.stderr.contains(
        "warning[past-target]: recommendation 2 is past its target (31 December 2024, 15 days ago) and is open\n  --> data/inspections/2023-12-20-peel-2023-25.yaml:12:5\n"
    ));
}

#[test]
fn check_warns_past_target_in_json() {
    let output = snapshot(
        "check-json.txt",
        &["check", "--today", TODAY, "--format", "json"],
    );
    assert_eq!(output.code, 0);
    let rows: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    let race = rows
        .as_array()
        .and_then(|rows| {
            rows.iter()
                .find(|r| r["id"] == "2023-08-25-race-and-policing")
        })
        .expect("the race record");
    let problem = &race["problems"][0];
    assert_eq!(
        (&problem["code"], &problem["severity"], &problem["line"]),
        (
            &serde_json::json!("past-target"),
            &serde_json::json!("warning"),
            &serde_json::json!(30)
        )
    );
}

#[test]
fn check_warns_past_target_in_github() {
    let output = snapshot(
        "check-github.txt",
        &["check", "--today", TODAY, "--format", "github"],
    );
    assert_eq!(output.code, 0);
    assert!(output.stdout.contains(
        "::warning file=data/inspections/2023-08-25-race-and-policing.yaml,line=30,col=5,title=past-target::recommendation 2 is past its target (June 2024, which ended 199 days ago) and is in progress%0A"
    ));
}

/// The target day itself is not past, the day after is; a month is past once it has ended.
#[test]
fn a_target_is_past_from_the_day_after() {
    let project = Project::new();
    project.write(
        "data/inspections/2024-01-10-targets.yaml",
        format!("title: Targets\npublished: 2024-01-10\ntype: peel\nkey_findings: Found.\nrecommendations:\n  - number: \"1\"\n    text: By a day.\n    target: 2024-06-30\n    response: Done.\n  - number: \"2\"\n    text: By a month.\n    target: June 2024\n    response: Done.\n{DATED}"),
    );
    let past = |today: &str| {
        let output = project.run(&["check", "--today", today]);
        assert_eq!(output.code, 0, "{}", output.stderr);
        output
            .stderr
            .lines()
            .filter(|l| l.starts_with("warning[past-target]"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(past("2024-06-30"), Vec::<String>::new());
    assert_eq!(
        past("2024-07-01"),
        [
            "warning[past-target]: recommendation 1 is past its target (30 June 2024, 1 day ago) and is open",
            "warning[past-target]: recommendation 2 is past its target (June 2024, which ended 1 day ago) and is open",
        ]
    );
    let tracker = project.run(&[
        "recommendations",
        "--today",
        "2024-06-30",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&tracker.stdout).expect("JSON");
    assert_eq!(json["summary"]["past_target"], 0);
    // Soonest target first; a tie by record then by place.
    assert_eq!(json["rows"][0]["number"], "1");
}

#[test]
fn out_writes_the_tracker_whole_and_never_into_the_public_folder() {
    let project = project();
    let (_, csv) = stdout_bytes(
        &project,
        &["recommendations", "--today", TODAY, "--format", "csv"],
    );
    let output = project.run(&[
        "recommendations",
        "--today",
        TODAY,
        "--format",
        "csv",
        "--out",
        "tracker.csv",
    ]);
    assert_eq!((output.code, output.stdout.as_str()), (0, ""));
    assert!(
        output.stderr.starts_with("wrote `tracker.csv`: 10 items\n"),
        "{}",
        output.stderr
    );
    assert_eq!(
        std::fs::read(project.path("tracker.csv")).expect("the tracker"),
        csv
    );
    let names: Vec<String> = std::fs::read_dir(project.root())
        .expect("the project")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");

    std::fs::create_dir_all(project.path("out")).expect("an out folder");
    let output = project.run(&[
        "recommendations",
        "--out",
        "out/tracker.csv",
        "--format",
        "csv",
    ]);
    assert_eq!(
        output.transcript(),
        "exit: 2\n--- stderr\nerror: `out/tracker.csv` is inside `out`, whose files are published; the tracker is for the office: write it elsewhere, such as `tracker.csv`\n"
    );
    assert!(!project.path("out/tracker.csv").exists());
}

#[test]
fn record_content_is_text_in_the_tracker_documents() {
    let project = Project::new();
    project.write(
        "data/inspections/2024-01-10-hostile.yaml",
        format!(
            "title: \"<script>alert(1)</script> | *bold*\"\npublished: 2024-01-10\ntype: peel\nkey_findings: Found.\nrecommendations:\n  - number: \"1\"\n    text: \"<img src=x onerror=alert(2)> a | b\"\n    owner: \"</td><script>alert(3)</script>\"\n    response: Noted.\n{DATED}"
        ),
    );
    let html = project.run(&["recommendations", "--today", TODAY, "--format", "html"]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(!html.stdout.contains("<script>"), "{}", html.stdout);
    assert!(!html.stdout.contains("<img"), "{}", html.stdout);
    assert!(
        html.stdout
            .contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "{}",
        html.stdout
    );
    let md = project.run(&["recommendations", "--today", TODAY, "--format", "md"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    // Every row keeps its columns: the record's `|` cannot split a cell.
    let row = md
        .stdout
        .lines()
        .find(|line| line.contains("alert(3)"))
        .expect("the item's row");
    assert_eq!(
        row.matches('|').count() - row.matches("\\|").count(),
        10,
        "{row}"
    );
    assert!(!md.stdout.contains("<script>"), "{}", md.stdout);
}

/// The CSV of a record whose plain fields begin as spreadsheet formulas: each such cell
/// begins with a `'`, so that Excel shows it as text and runs nothing.
#[test]
fn no_cell_of_the_csv_is_a_formula() {
    let project = Project::from_fixture(&fixtures().join("hostile"));
    let (code, bytes) = stdout_bytes(
        &project,
        &["recommendations", "--today", TODAY, "--format", "csv"],
    );
    assert_eq!(code, 0);
    let expected = golden("hostile.csv");
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::write(&expected, &bytes).expect("the golden written");
    }
    let golden = std::fs::read(&expected).expect("the golden");
    assert!(
        bytes == golden,
        "the CSV differs from {}:\n{}",
        expected.display(),
        String::from_utf8_lossy(&bytes)
    );
}
