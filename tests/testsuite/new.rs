//! `respond new`: the record it writes, the last day it prints, and what it refuses.

use crate::support::{Project, assert_snapshot, fixtures};

const ARGS: [&str; 9] = [
    "new",
    "--title",
    "Race and Policing: A review of the Police service’s leadership",
    "--published",
    "25/08/2023",
    "--type",
    "national-thematic",
    "--today",
    "2023-09-01",
];

const FILE: &str =
    "data/inspections/2023-08-25-race-and-policing-a-review-of-the-police-services.yaml";

#[test]
fn writes_a_skeleton_and_prints_the_last_day() {
    let project = Project::new();
    let output = project.run(&ARGS);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(
        output.stdout,
        format!(
            "Created {FILE}\n\
             Respond by Thursday 19 October 2023 — 56 days beginning with 25 August 2023 (Police Act 1996 s.55(5A))\n\
             That is 48 days from today.\n"
        )
    );
    assert_snapshot(&fixtures().join("new/skeleton.yaml"), &project.read(FILE));
}

#[test]
fn never_overwrites() {
    let project = Project::new();
    project.write(FILE, "title: Mine\n");
    let output = project.run(&ARGS);
    assert_eq!(output.code, 2);
    assert_eq!(
        output.stderr,
        format!(
            "error: `{FILE}` already exists; respond new never overwrites a record (edit it, or give a different title)\n"
        )
    );
    assert_eq!(project.read(FILE), "title: Mine\n");
}

#[test]
fn skeleton_validates_once_placeholders_are_filled() {
    let project = Project::new();
    assert_eq!(project.run(&ARGS).code, 0);
    let draft = project.run(&["validate", "--today", "2023-09-01"]);
    assert_eq!(draft.code, 0, "{}", draft.stderr);
    assert!(
        draft.stderr.contains("still has placeholder text (TODO)"),
        "{}",
        draft.stderr
    );
    let filled = project.read(FILE).replace("TODO", "Filled in:");
    project.write(FILE, filled);
    let done = project.run(&["validate", "--deny-warnings", "--today", "2023-09-01"]);
    assert_eq!(
        (done.code, done.stderr.as_str()),
        (0, "checked 1 record: no problems\n")
    );
}

#[test]
fn weekend_advice_and_overdue_warning() {
    let project = Project::new();
    let output = project.run(&[
        "new",
        "--title",
        "Published on a Sunday",
        "--published",
        "27 August 2023",
        "--type",
        "peel",
        "--today",
        "2023-10-25",
    ]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(
        output.stdout,
        "Created data/inspections/2023-08-27-published-on-a-sunday.yaml\n\
         Respond by Saturday 21 October 2023 — 56 days beginning with 27 August 2023 (Police Act 1996 s.55(5A))\n\
         That day is a Saturday; the statute does not move it, so publish by Friday 20 October 2023, the last working day before it\n\
         warning: that day has passed: the response is 4 days overdue\n"
    );
}

#[test]
fn fire_has_no_statutory_deadline() {
    let project = Project::new();
    let output = project.run(&[
        "new",
        "--title",
        "Fire inspection",
        "--published",
        "2023-08-25",
        "--type",
        "fire",
        "--today",
        "2023-09-01",
    ]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output.stdout.ends_with(
            "No statutory deadline: fire and rescue inspections carry no statutory 56-day duty\n"
        ),
        "{}",
        output.stdout
    );
}

#[test]
fn missing_values_without_a_terminal() {
    let project = Project::new();
    let output = project.run(&["new", "--title", "A report", "--type", "peel"]);
    assert_eq!(output.code, 2);
    assert_eq!(
        output.stderr,
        "error: missing `--published` (there is no terminal to ask at; give it on the command line)\n"
    );
}

#[test]
fn bad_values_are_explained() {
    let project = Project::new();
    let month_only = project.run(&[
        "new",
        "--title",
        "A",
        "--published",
        "July 2020",
        "--type",
        "peel",
    ]);
    assert_eq!(month_only.code, 2);
    assert!(month_only.stderr.starts_with("error: --published: `July 2020` is not a valid date: it has a month but no day; the 56-day clock starts"), "{}", month_only.stderr);
    let typo = project.run(&[
        "new",
        "--title",
        "A",
        "--published",
        "2023-08-25",
        "--type",
        "nationl-thematic",
    ]);
    // `--type` is parsed by clap, which lists the types and suggests the closest.
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.starts_with(
            "error: invalid value 'nationl-thematic' for '--type <TYPE>'\n  [possible values: peel, force-inspection, national-thematic,"
        ),
        "{}",
        typo.stderr
    );
    assert!(
        typo.stderr
            .contains("tip: a similar value exists: 'national-thematic'"),
        "{}",
        typo.stderr
    );
    assert!(!project.path("data/inspections/2023-08-25-a.yaml").exists());
}

#[test]
fn a_link_validation_would_refuse_is_refused() {
    // `new` used to check only the scheme, so it wrote a record that `validate` then refused.
    let project = Project::new();
    let output = project.run(&[
        "new",
        "--title",
        "A",
        "--published",
        "2023-08-25",
        "--type",
        "peel",
        "--link",
        "https://example.org/\"><script>alert(1)</script>",
    ]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            2,
            "error: `--link` holds a quote (`\"`), which a web address cannot hold as written\n  = help: copy the address from the browser's address bar on the report's page; a space in an address is written `%20`\n"
        )
    );
    assert!(!project.path("data/inspections/2023-08-25-a.yaml").exists());
}

/// Runs `respond new` at a real terminal, a pseudo-terminal made by util-linux's `script`
/// (Debian's bsdutils, which every Debian system has), typing `answers`. Returns the exit
/// status and what the terminal showed: the answers echoed, the questions and the messages.
#[cfg(target_os = "linux")]
fn at_a_terminal(project: &Project, answers: &str) -> (Option<i32>, String) {
    use std::io::Write as _;
    use std::process::{Command, Stdio};

    let command = format!(
        "'{}' new --root '{}' --today 2023-09-01",
        env!("CARGO_BIN_EXE_respond"),
        project.root().display()
    );
    let mut child = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        // In the project, so that the path printed is the one a user there sees.
        .current_dir(project.root())
        // What is asked and answered, not its colours (tests/testsuite/colour.rs has those).
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("util-linux's `script` runs (Debian package bsdutils)");
    child
        .stdin
        .take()
        .expect("a pipe to script")
        .write_all(answers.as_bytes())
        .expect("the answers are typed");
    let output = child.wait_with_output().expect("script ends");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n"),
    )
}

#[cfg(target_os = "linux")]
#[test]
fn asks_at_a_terminal_until_each_answer_is_valid() {
    let project = Project::new();
    let (code, screen) = at_a_terminal(
        &project,
        "\nRace and policing\n32/13/2023\n25/08/2023\nnationl-thematic\nnational-thematic\n",
    );
    assert_eq!(code, Some(0), "{screen}");
    // The order of the echoed answers among the questions depends on timing; the messages do not.
    for expected in [
        "Title of the report: ",
        "the title is empty\n",
        "Day HMICFRS published it (e.g. 25/08/2023, or today): ",
        "`32/13/2023` is not a valid date: there is no month 13",
        "Type of inspection (e.g. national-thematic, peel, fire): ",
        "unknown type `nationl-thematic`: did you mean `national-thematic`?\n",
        "Created data/inspections/2023-08-25-race-and-policing.yaml\n\
         Respond by Thursday 19 October 2023 — 56 days beginning with 25 August 2023 (Police Act 1996 s.55(5A))\n\
         That is 48 days from today.\n",
    ] {
        assert!(
            screen.contains(expected),
            "missing {expected:?} in:\n{screen}"
        );
    }
    let record = project.read("data/inspections/2023-08-25-race-and-policing.yaml");
    assert!(
        record.contains("\ntitle: \"Race and policing\"\n"),
        "{record}"
    );
    assert!(record.contains("type: national-thematic\n"), "{record}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_terminal_closed_before_every_answer_creates_nothing() {
    let project = Project::new();
    let (code, screen) = at_a_terminal(&project, "A report\n");
    assert_eq!(code, Some(2), "{screen}");
    assert!(screen.contains("error: no answer given"), "{screen}");
    assert_eq!(
        std::fs::read_dir(project.path("data/inspections"))
            .expect("the records folder")
            .count(),
        0,
        "no record was written"
    );
}

/// `--published today` takes today (`--today` here), and a title in any script gives an id of
/// plain letters: "Ünïcödé Çafé" → `unicode-cafe` (it used to lose every accented letter).
#[test]
fn published_today_and_a_title_with_accents() {
    let project = Project::new();
    let output = project.run(&[
        "new",
        "--title",
        "Ünïcödé Çafé",
        "--published",
        "today",
        "--type",
        "peel",
        "--today",
        "2023-08-25",
    ]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(
        output.stdout,
        "Created data/inspections/2023-08-25-unicode-cafe.yaml\n\
         Respond by Thursday 19 October 2023 — 56 days beginning with 25 August 2023 (Police Act 1996 s.55(5A))\n\
         That is 55 days from today.\n"
    );
    assert!(
        project
            .read("data/inspections/2023-08-25-unicode-cafe.yaml")
            .contains("\ntitle: \"Ünïcödé Çafé\"\npublished: 2023-08-25\n")
    );
}

/// Run from a folder inside the project, `new` writes into the project's records folder and
/// prints the path from where the user is; an id taken in any subfolder is not written again.
#[test]
fn from_a_folder_below_the_project() {
    let project = Project::new();
    project.write("data/inspections/2023/.keep", "");
    let output = project.run_in("data/inspections/2023", &ARGS);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output.stdout.starts_with(
            "Created ../2023-08-25-race-and-policing-a-review-of-the-police-services.yaml\n"
        ),
        "{}",
        output.stdout
    );
    assert!(project.path(FILE).exists());
    std::fs::rename(
        project.path(FILE),
        project.path("data/inspections/2023/2023-08-25-race-and-policing-a-review-of-the-police-services.yml"),
    )
    .expect("moved");
    let again = project.run_in("data", &ARGS);
    assert_eq!(
        (again.code, again.stderr.as_str()),
        (
            2,
            "error: `inspections/2023/2023-08-25-race-and-policing-a-review-of-the-police-services.yml` already exists; respond new never overwrites a record (edit it, or give a different title)\n"
        )
    );
    assert!(!project.path(FILE).exists());
}
