//! The command line itself: `respond help` and PATHs that are not records.

use crate::support::Project;

const GOOD: &str = "title: Race\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n";

/// `respond help --help` works like every command's `--help` (clap's own `help` refused it),
/// and `respond help COMMAND` prints what `respond COMMAND --help` does.
#[test]
fn help_takes_help_and_names_a_command() {
    let project = Project::new();
    let help = project.run(&["help", "--help"]);
    assert_eq!(
        (help.code, help.stdout.as_str(), help.stderr.as_str()),
        (
            0,
            "Print this help, or the help of a command (`respond help new`)\n\nUsage: respond help [COMMAND]\n\nArguments:\n  [COMMAND]  The command to explain (default: all of them)\n\nOptions:\n  -h, --help  Print help\n",
            ""
        )
    );
    for command in [
        "new",
        "validate",
        "render",
        "publish",
        "check",
        "recommendations",
        "calendar",
        "templates",
    ] {
        let by_help = project.run(&["help", command]);
        let by_flag = project.run(&[command, "--help"]);
        assert_eq!(by_help.code, 0);
        assert_eq!(by_help.stdout, by_flag.stdout, "{command}");
    }
    assert_eq!(
        project.run(&["help"]).stdout,
        project.run(&["--help"]).stdout
    );
    let unknown = project.run(&["help", "publsh"]);
    assert_eq!(
        (unknown.code, unknown.stderr.as_str()),
        (
            2,
            "error: there is no command `publsh`\n  = help: the commands are `new`, `validate`, `render`, `publish`, `check`, `recommendations`, `calendar`, `templates`, `schema`, `help`\n"
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
