//! The command line itself: `respond help` and PATHs that are not records.

use crate::support::{COMMANDS, Project, assert_snapshot, fixtures};

const GOOD: &str = "title: Race\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n";

/// `respond help --help` works like every command's `--help` (clap's own `help` refused it),
/// and `respond help COMMAND` prints what `respond COMMAND --help` does: the long help, which
/// ends with examples of real use and the exit statuses (`cli/help/*.txt`).
#[test]
fn help_takes_help_and_names_a_command() {
    let project = Project::new();
    let help = project.run(&["help", "--help"]);
    assert_eq!((help.code, help.stderr.as_str()), (0, ""));
    assert_snapshot(&fixtures().join("cli/help/help.txt"), &help.stdout);
    for command in COMMANDS {
        let by_help = project.run(&["help", command]);
        let by_flag = project.run(&[command, "--help"]);
        assert_eq!(by_help.code, 0);
        assert_eq!(by_help.stdout, by_flag.stdout, "{command}");
        assert_snapshot(
            &fixtures().join(format!("cli/help/{command}.txt")),
            &by_help.stdout,
        );
    }
    let respond = project.run(&["help"]);
    assert_eq!(respond.stdout, project.run(&["--help"]).stdout);
    assert_snapshot(&fixtures().join("cli/help/respond.txt"), &respond.stdout);
    let typo = project.run(&["help", "publsh"]);
    assert_eq!(
        (typo.code, typo.stderr.as_str()),
        (
            2,
            "error: there is no command `publsh`\n  = help: did you mean `publish`?\n"
        )
    );
    let unknown = project.run(&["help", "draft"]);
    assert_eq!(
        (unknown.code, unknown.stderr.as_str()),
        (
            2,
            "error: there is no command `draft`\n  = help: the commands are `new`, `validate`, `render`, `serve`, `publish`, `check`, `recommendations`, `calendar`, `templates`, `schema`, `completions`, `man`, `help`\n"
        )
    );
}

/// A PATH that is not a record says what a record is, and which one may have been meant.
#[test]
fn a_path_that_is_not_a_record_suggests_one() {
    let project = Project::new();
    project.write("README.md", "# notes\n");
    project.write("data/inspections/2023-08-25-race.yaml", GOOD);
    let none_close = project.run(&["validate", "README.md"]);
    assert_eq!(
        (none_close.code, none_close.stderr.as_str()),
        (
            2,
            "error: `README.md` is not a record: records are `.yaml` files in `data/inspections`\n  = help: give a record's file (e.g. `data/inspections/2023-08-25-race.yaml`), or a folder of records, or nothing to take every record\n"
        )
    );
    project.write("data/inspections/readme.yaml", GOOD);
    let close = project.run(&["validate", "README.md"]);
    assert_eq!(
        (close.code, close.stderr.as_str()),
        (
            2,
            "error: `README.md` is not a record: records are `.yaml` files in `data/inspections`\n  = help: did you mean `data/inspections/readme.yaml`?\n"
        )
    );
    let from_below = project.run_in("data/inspections", &["check", "race.docx"]);
    assert_eq!(from_below.code, 2);
    assert!(
        from_below.stderr.ends_with(
            "error: `race.docx` is not a record: records are `.yaml` files in `data/inspections`\n  = help: did you mean `2023-08-25-race.yaml`?\n"
        ),
        "{}",
        from_below.stderr
    );
}
