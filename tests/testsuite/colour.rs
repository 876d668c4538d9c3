//! Colour: problems are coloured like rustc's at a terminal (a pseudo-terminal made by
//! util-linux's `script`), and plain into a pipe or a file, when `NO_COLOR` is set, and with
//! `--color never`. In the expected files the escape character is shown as `\e`.

use std::process::{Command, Stdio};

use crate::support::{Project, assert_snapshot, fixtures};

/// A record with an error and a warning, so that both colours show.
const BROKEN: &str = "title: Race\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\nbogus: 1\nresponse_published: 2023-10-20\nresponses: []\n";

fn project() -> Project {
    let project = Project::new();
    project.write("data/inspections/2023-08-25-race.yaml", BROKEN);
    project
}

/// Runs `respond args` with `NO_COLOR` set to `no_color` (or unset) and a terminal that shows
/// colour (`TERM`); at a pseudo-terminal when `terminal`, else into a pipe. Returns the exit
/// status and what was printed, escapes made visible.
fn run(project: &Project, args: &str, no_color: Option<&str>, terminal: bool) -> String {
    let respond = format!("'{}' {args}", env!("CARGO_BIN_EXE_respond"));
    let mut command = if terminal {
        let mut command = Command::new("script");
        command.args(["--quiet", "--return", "--command", &respond, "/dev/null"]);
        command
    } else {
        let mut command = Command::new("sh");
        command.args(["-c", &format!("{respond} 2>&1")]);
        command
    };
    command
        .current_dir(project.root())
        .env("TERM", "xterm-256color")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .stdin(Stdio::null());
    match no_color {
        Some(value) => command.env("NO_COLOR", value),
        None => command.env_remove("NO_COLOR"),
    };
    let output = command
        .output()
        .expect("util-linux's `script` runs (Debian package bsdutils)");
    let screen = String::from_utf8_lossy(&output.stdout)
        .replace("\r\n", "\n")
        .replace('\u{1b}', "\\e");
    format!("exit: {}\n{screen}", output.status.code().unwrap_or(-1))
}

#[cfg(target_os = "linux")]
#[test]
fn problems_are_coloured_at_a_terminal() {
    let project = project();
    let screen = run(&project, "validate --today 2023-12-01", None, true);
    assert_snapshot(&fixtures().join("colour/terminal.txt"), &screen);
    // A program's own error is coloured too.
    let screen = run(&project, "check --root missing", None, true);
    assert_snapshot(&fixtures().join("colour/terminal-error.txt"), &screen);
}

#[cfg(target_os = "linux")]
#[test]
fn problems_are_plain_with_no_color_or_color_never_or_into_a_pipe() {
    let project = project();
    let plain = run(&project, "validate --today 2023-12-01", Some("1"), true);
    assert_snapshot(&fixtures().join("colour/plain.txt"), &plain);
    assert!(!plain.contains("\\e"), "{plain}");
    for (args, no_color, terminal) in [
        ("validate --today 2023-12-01 --color never", None, true),
        ("--color=never validate --today 2023-12-01", None, true),
        ("validate --today 2023-12-01 --colour never", None, true),
        ("validate --today 2023-12-01", None, false),
        // NO_COLOR means any value but the empty one.
        ("validate --today 2023-12-01", Some("yes"), true),
    ] {
        assert_eq!(
            run(&project, args, no_color, terminal),
            plain,
            "{args} {no_color:?} {terminal}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn color_always_colours_into_a_pipe_and_the_last_choice_wins() {
    let project = project();
    let coloured = run(&project, "validate --today 2023-12-01", None, true);
    assert_eq!(
        run(
            &project,
            "validate --today 2023-12-01 --color always",
            None,
            false
        ),
        coloured
    );
    assert_eq!(
        run(
            &project,
            "--color never validate --today 2023-12-01 --color always",
            None,
            false
        ),
        coloured
    );
}
