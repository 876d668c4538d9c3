//! `respond schema`, and the schemas `respond new` and `respond templates` write: the files
//! as written (goldens), where they go, and that a file respond did not write is never
//! overwritten.

use crate::support::{Project, assert_snapshot, fixtures};

const RECORD: &str = "schemas/record.schema.json";
const OFFICE: &str = "schemas/office.schema.json";

/// The golden of a schema file.
fn golden(name: &str) -> std::path::PathBuf {
    fixtures().join("schema").join(name)
}

#[test]
fn writes_both_schemas_into_the_project() {
    let project = Project::from_fixture(&fixtures().join("follow-up"));
    let output = project.run(&["schema"]);
    assert_snapshot(&golden("schema.txt"), &output.transcript());
    assert_snapshot(&golden("record.schema.json"), &project.read(RECORD));
    assert_snapshot(&golden("office.schema.json"), &project.read(OFFICE));
    // From a folder below, the files are named as the user would type them.
    let again = project.run_in("data/inspections", &["schema"]);
    assert_eq!(
        (again.code, again.stderr.as_str()),
        (
            0,
            "kept ../../schemas/record.schema.json (up to date)\nkept ../../schemas/office.schema.json (up to date)\n"
        )
    );
}

#[test]
fn out_writes_elsewhere_without_a_project() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_respond"))
        .args(["schema", "--out", "editor/schemas"])
        .current_dir(folder.path())
        .output()
        .expect("respond runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "wrote editor/schemas/record.schema.json\nwrote editor/schemas/office.schema.json\n"
    );
    let read = |name: &str| {
        std::fs::read_to_string(folder.path().join("editor/schemas").join(name)).expect("written")
    };
    assert_snapshot(&golden("record.schema.json"), &read("record.schema.json"));
    assert_snapshot(&golden("office.schema.json"), &read("office.schema.json"));
}

#[test]
fn refreshes_its_own_schema_and_refuses_another() {
    let project = Project::new();
    // An older schema respond wrote is brought up to date.
    project.write(RECORD, "{\"$comment\": \"Written by respond, long ago\"}\n");
    let output = project.run(&["schema"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            0,
            "wrote schemas/record.schema.json\nwrote schemas/office.schema.json\n"
        )
    );
    assert_snapshot(&golden("record.schema.json"), &project.read(RECORD));
    // Someone else's file of the same name is left alone, and nothing is written.
    std::fs::remove_file(project.path(RECORD)).expect("removed");
    project.write(OFFICE, "{\"title\": \"Ours\"}\n");
    let refused = project.run(&["schema"]);
    assert_snapshot(&golden("not-ours.txt"), &refused.transcript());
    assert_eq!(project.read(OFFICE), "{\"title\": \"Ours\"}\n");
    assert!(!project.path(RECORD).exists());
}

#[test]
fn new_writes_the_schemas_and_keeps_another_file() {
    let project = Project::new();
    project.write(OFFICE, "{\"title\": \"Ours\"}\n");
    let output = project.run(&[
        "new",
        "--title",
        "Custody",
        "--published",
        "2024-01-10",
        "--type",
        "custody",
        "--today",
        "2024-01-12",
    ]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(
        output.stderr,
        "wrote schemas/record.schema.json\nkept schemas/office.schema.json (respond did not write it, so it is left alone)\n"
    );
    assert_snapshot(&golden("record.schema.json"), &project.read(RECORD));
    assert_eq!(project.read(OFFICE), "{\"title\": \"Ours\"}\n");
    assert!(
        project
            .read("data/inspections/2024-01-10-custody.yaml")
            .starts_with("# yaml-language-server: $schema=../../schemas/record.schema.json\n")
    );
    // A second record finds the schemas up to date and says nothing of them.
    let second = project.run(&[
        "new",
        "--title",
        "Spotlight",
        "--published",
        "2024-01-11",
        "--type",
        "spotlight",
        "--today",
        "2024-01-12",
    ]);
    assert_eq!(
        second.stderr,
        "kept schemas/office.schema.json (respond did not write it, so it is left alone)\n"
    );
}

#[test]
fn templates_writes_the_schemas_and_keeps_another_file() {
    let project = Project::new();
    project.write(RECORD, "{}\n");
    let output = project.run(&["templates"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output.stderr.ends_with(
            "wrote templates/document.typ\nkept schemas/record.schema.json (respond did not write it, so it is left alone)\nwrote schemas/office.schema.json\n"
        ),
        "{}",
        output.stderr
    );
    assert_eq!(project.read(RECORD), "{}\n");
    assert_snapshot(&golden("office.schema.json"), &project.read(OFFICE));
    // The schemas are not data: the project still validates.
    let validate = project.run(&["validate"]);
    assert_eq!(
        (validate.code, validate.stderr.as_str()),
        (0, "checked 0 records: no problems\n")
    );
}
