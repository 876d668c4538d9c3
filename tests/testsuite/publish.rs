//! `respond publish`: refused, with every reason and the file untouched, unless the record is
//! complete; otherwise one line written, the public files rendered, the draft's files gone, and
//! the user told whether it was on time and where the copies go.

#[cfg(feature = "pdf")]
use std::fs;

use crate::support::{Project, assert_snapshot, fixtures};

const TODAY: [&str; 2] = ["--today", "2026-12-02"];

/// A draft, with comments and a layout of its own, whose response is complete.
const COMPLETE: &str = "\
# The office's comments on the report, agreed on 30 November.
# The title as HMICFRS titles it:
title: Race and Policing
published: 2026-10-20
type: national-thematic

key_findings: |
  Found.

recommendations:
  - number: \"1\"
    text: Do better.
    response: We will.

responses:
  - by: commissioner
    text: |
      Our comments.

# When the response is published, record the day:
# response_published: YYYY-MM-DD
";

/// A project whose office renders the PDF too, holding the draft.
fn project() -> Project {
    let project = Project::new();
    project.write(
        "data/office.yaml",
        format!("{}formats: [md, html, pdf]\n", crate::support::OFFICE),
    );
    project.write("data/inspections/2026-10-20-race.yaml", COMPLETE);
    project
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn a_complete_draft_is_published_with_one_line_changed() {
    let project = project();
    let output = project.run(&["render", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(project.path("drafts/2026-10-20-race.html").exists());
    let output = project.run(&["publish", "2026-10-20-race", TODAY[0], TODAY[1]]);
    assert_snapshot(
        &fixtures().join("publish/published.txt"),
        &output.transcript(),
    );
    // Byte for byte: the commented-out line, and nothing else.
    assert_eq!(
        project.read("data/inspections/2026-10-20-race.yaml"),
        COMPLETE.replace(
            "# response_published: YYYY-MM-DD\n",
            "response_published: 2026-12-02\n"
        )
    );
    // Its public files are in out/, its draft's files are gone, and out/ is up to date.
    assert!(project.path("out/2026-10-20-race.html").exists());
    assert!(project.path("out/2026-10-20-race.md").exists());
    assert!(
        fs::read(project.path("out/2026-10-20-race.pdf"))
            .expect("the PDF")
            .starts_with(b"%PDF-")
    );
    assert!(!project.path("drafts/2026-10-20-race.html").exists());
    assert!(!project.path("drafts/2026-10-20-race.md").exists());
    assert!(project.read("out/index.md").contains("Race and Policing"));
    let output = project.run(&["render", TODAY[0], TODAY[1], "--check"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    // Once is enough.
    let output = project.run(&["publish", "2026-10-20-race", TODAY[0], TODAY[1]]);
    assert_snapshot(
        &fixtures().join("publish/already.txt"),
        &output.transcript(),
    );
}

#[test]
fn late_and_by_file_name_and_crlf() {
    let project = Project::new();
    let crlf = COMPLETE
        .replace("# response_published: YYYY-MM-DD\n", "")
        .replace('\n', "\r\n");
    project.write("data/inspections/2026-10-20-race.yaml", &crlf);
    let output = project.run(&[
        "publish",
        "data/inspections/2026-10-20-race.yaml",
        "--on",
        "20/12/2026",
        "--today",
        "2026-12-21",
    ]);
    assert_snapshot(&fixtures().join("publish/late.txt"), &output.transcript());
    assert_eq!(
        project.read("data/inspections/2026-10-20-race.yaml"),
        format!("{crlf}response_published: 2026-12-20\r\n")
    );
}

/// Each reason to refuse, all listed in one run, and the file left as it was.
#[test]
fn an_incomplete_record_is_refused_with_every_reason() {
    let project = Project::new();
    // `respond new`'s skeleton: placeholders everywhere.
    let output = project.run(&[
        "new",
        "--title",
        "Fresh",
        "--published",
        "2026-10-20",
        "--type",
        "peel",
        "--no-input",
        TODAY[0],
        TODAY[1],
    ]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    // No responses, a recommendation unanswered, a related draft.
    project.write(
        "data/inspections/2026-10-21-bare.yaml",
        "title: Bare\npublished: 2026-10-21\ntype: peel\nkey_findings: Found.\nrecommendations:\n  - number: \"1\"\n    text: Do better.\nrelated: [2026-10-20-fresh]\n",
    );
    let before = [
        project.read("data/inspections/2026-10-20-fresh.yaml"),
        project.read("data/inspections/2026-10-21-bare.yaml"),
    ];
    let output = project.run(&["publish", "2026-10-20-fresh", TODAY[0], TODAY[1]]);
    assert_snapshot(
        &fixtures().join("publish/placeholders.txt"),
        &output.transcript(),
    );
    let output = project.run(&["publish", "2026-10-21-bare", TODAY[0], TODAY[1]]);
    assert_snapshot(
        &fixtures().join("publish/incomplete.txt"),
        &output.transcript(),
    );
    // A day before the report, or after today.
    let output = project.run(&[
        "publish",
        "2026-10-21-bare",
        "--on",
        "2026-10-01",
        TODAY[0],
        TODAY[1],
    ]);
    assert_eq!(output.code, 1);
    assert!(
        output.stderr.contains("error[response-before-report]"),
        "{}",
        output.stderr
    );
    let output = project.run(&[
        "publish",
        "2026-10-21-bare",
        "--on",
        "2026-12-03",
        TODAY[0],
        TODAY[1],
    ]);
    assert_eq!(output.code, 1);
    assert!(
        output.stderr.contains("error[response-in-future]"),
        "{}",
        output.stderr
    );
    assert_eq!(
        before,
        [
            project.read("data/inspections/2026-10-20-fresh.yaml"),
            project.read("data/inspections/2026-10-21-bare.yaml"),
        ]
    );
    assert!(!project.path("out").exists());
    // An id that is not there: nothing to publish (exit 2), with the nearest id.
    let output = project.run(&["publish", "2026-10-20-frsh", TODAY[0], TODAY[1]]);
    assert_snapshot(
        &fixtures().join("publish/unknown.txt"),
        &output.transcript(),
    );
}

/// Another record's error stops the render, so it stops publishing too.
#[test]
fn an_error_in_another_record_is_a_reason() {
    let project = project();
    project.write(
        "data/inspections/2026-10-22-broken.yaml",
        "title: Broken\npublished: 2026-10-22\ntype: pele\nkey_findings: Found.\n",
    );
    let output = project.run(&["publish", "2026-10-20-race", TODAY[0], TODAY[1]]);
    assert_snapshot(
        &fixtures().join("publish/other-record.txt"),
        &output.transcript(),
    );
    assert_eq!(
        project.read("data/inspections/2026-10-20-race.yaml"),
        COMPLETE
    );
}

/// A PATH must be the record's own file: a copy elsewhere, a file of the same name that is not
/// a record, or the record's page, publishes nothing (it used to publish the record of the
/// same name).
#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn a_path_that_is_not_the_record_is_refused() {
    let project = project();
    let elsewhere = tempfile::tempdir().expect("a temporary folder");
    let copy = elsewhere.path().join("2026-10-20-race.yaml");
    fs::write(&copy, COMPLETE).expect("a copy");
    project.write("notes/2026-10-20-race.yaml", COMPLETE);
    let copy = copy.display().to_string();
    let mut transcript = String::new();
    for path in [
        copy.as_str(),
        "notes/2026-10-20-race.yaml",
        "out/2026-10-20-race.html",
        "2026-10-20-race.yaml",
    ] {
        let output = project.run(&["publish", path, TODAY[0], TODAY[1]]);
        transcript.push_str(&format!(
            "$ respond publish {}\n",
            path.replace(&elsewhere.path().display().to_string(), "[ELSEWHERE]")
        ));
        transcript.push_str(
            &output
                .transcript()
                .replace(&elsewhere.path().display().to_string(), "[ELSEWHERE]"),
        );
    }
    assert_snapshot(&fixtures().join("publish/not-the-record.txt"), &transcript);
    assert_eq!(
        project.read("data/inspections/2026-10-20-race.yaml"),
        COMPLETE
    );
    assert!(!project.path("out").exists());
    // The record's own file, by any way to it, is the record.
    let output = project.run_in(
        "data",
        &[
            "publish",
            "./inspections/2026-10-20-race.yaml",
            TODAY[0],
            TODAY[1],
        ],
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
}

/// A value cut short by ` #`, or a field indented into the text above it, would be published
/// as YAML read it: `validate` warns, `publish` refuses.
#[test]
fn a_value_cut_by_a_comment_or_a_field_taken_for_text_is_refused() {
    let project = project();
    let record = COMPLETE
        .replace(
            "title: Race and Policing\n",
            "title: Race and Policing #2: the review\n",
        )
        .replace(
            "    text: Do better.\n",
            "    text: |\n      Do better.\n      - number: \"2\"\n        text: Do more.\n",
        );
    project.write("data/inspections/2026-10-20-race.yaml", &record);
    let output = project.run(&["publish", "2026-10-20-race", TODAY[0], TODAY[1]]);
    assert_snapshot(
        &fixtures().join("publish/cut-by-comment.txt"),
        &output.transcript(),
    );
    assert_eq!(
        project.read("data/inspections/2026-10-20-race.yaml"),
        record
    );
    assert!(!project.path("out").exists());
}

/// A record whose fields are all indented (YAML allows it) gets the line at their
/// indentation: at column 0 it broke the record.
#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn an_indented_record_gets_the_line_at_its_indentation() {
    let project = project();
    let indented: String = COMPLETE
        .replace("# response_published: YYYY-MM-DD\n", "")
        .lines()
        .map(|line| match line {
            "" => "\n".to_owned(),
            line if line.starts_with('#') => format!("{line}\n"),
            line => format!("  {line}\n"),
        })
        .collect();
    project.write("data/inspections/2026-10-20-race.yaml", &indented);
    let output = project.run(&["validate", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let output = project.run(&["publish", "2026-10-20-race", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(
        project.read("data/inspections/2026-10-20-race.yaml"),
        format!("{indented}  response_published: 2026-12-02\n")
    );
    assert!(project.path("out/2026-10-20-race.html").exists());
    let output = project.run(&["check", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
}

/// A record that is a symbolic link (to a file inside the project) is written through: the
/// link stays a link, and the file it names gets the line.
#[cfg(unix)]
#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn a_record_that_is_a_link_is_written_through() {
    let project = project();
    project.write("shared/2026-10-20-race.yaml", COMPLETE);
    fs::remove_file(project.path("data/inspections/2026-10-20-race.yaml")).expect("removed");
    std::os::unix::fs::symlink(
        "../../shared/2026-10-20-race.yaml",
        project.path("data/inspections/2026-10-20-race.yaml"),
    )
    .expect("a link");
    let output = project.run(&["publish", "2026-10-20-race", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let link = fs::symlink_metadata(project.path("data/inspections/2026-10-20-race.yaml"))
        .expect("the link");
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(
        project.read("shared/2026-10-20-race.yaml"),
        COMPLETE.replace(
            "# response_published: YYYY-MM-DD\n",
            "response_published: 2026-12-02\n"
        )
    );
    assert!(project.path("out/2026-10-20-race.html").exists());
}

/// Publish takes the render's lock before it changes the record: while another render holds
/// it, the record is never written (it used to be written, then put back once its render
/// found the lock taken, while the other render could read it published).
#[cfg(unix)]
#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn publish_waits_for_no_render_and_changes_nothing_under_anothers_lock() {
    use std::os::unix::fs::MetadataExt as _;
    let project = project();
    let output = project.run(&["render", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let record = project.path("data/inspections/2026-10-20-race.yaml");
    let before = fs::metadata(&record).expect("the record");
    let lock = fs::File::options()
        .write(true)
        .open(project.path("out/.respond-lock"))
        .expect("the lock file");
    lock.lock().expect("locked");
    let output = project.run(&["publish", "2026-10-20-race", TODAY[0], TODAY[1]]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            2,
            "error: `2026-10-20-race` is not published, the file is unchanged: another render is running in `out`; wait for it to finish, then publish again\n"
        )
    );
    // Never written: the same file, not a copy put back.
    let after = fs::metadata(&record).expect("the record");
    assert_eq!(
        (after.ino(), after.mtime(), after.mtime_nsec()),
        (before.ino(), before.mtime(), before.mtime_nsec())
    );
    assert_eq!(
        project.read("data/inspections/2026-10-20-race.yaml"),
        COMPLETE
    );
    assert!(!project.path("out/2026-10-20-race.html").exists());
    drop(lock);
    let output = project.run(&["publish", "2026-10-20-race", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
}

/// s.55(5B) asks the body to answer each recommendation: the chief officer's comments naming
/// one do not, nor does "the recommendations" as a whole, nor "recommendation 1.1" for 1.
#[test]
fn only_the_body_s_own_words_answer_a_recommendation() {
    let project = Project::new();
    let record = "data/inspections/2026-10-21-answers.yaml";
    let draft = "title: Answers\npublished: 2026-10-21\ntype: peel\nkey_findings: Found.\nrecommendations:\n  - number: \"1\"\n    text: Do better.\n  - number: \"2\"\n    text: Do more.\nresponses:\n  - by: commissioner\n    text: I support the recommendations; recommendation 1.1 of the last report is done.\n  - by: chief-officer\n    text: Recommendation 1 is in hand.\n";
    project.write(record, draft);
    let output = project.run(&["publish", "2026-10-21-answers", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    for number in ["1", "2"] {
        assert!(
            output.stderr.contains(&format!(
                "error[unanswered-recommendation]: recommendation `{number}` is not answered"
            )),
            "{}",
            output.stderr
        );
    }
    assert_eq!(project.read(record), draft);
    // Named in the commissioner's response, both are answered, and it is published.
    project.write(
        record,
        draft.replace(
            "recommendation 1.1 of",
            "recommendations 1 and 2 are in hand; 1.1 of",
        ),
    );
    let output = project.run(&["publish", "2026-10-21-answers", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
}
