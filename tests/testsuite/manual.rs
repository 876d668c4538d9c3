//! What is made from the declaration of the command line: the shells' completion scripts
//! (`respond completions SHELL`) and the manual pages (`respond man`). Both work outside a
//! project, as `--help` does.

use crate::support::{COMMANDS, Project, assert_snapshot, fixtures};

/// Every shell gets a script that offers every command and option and, where the shell's
/// script can, their values (`check`'s formats, the statuses).
#[test]
fn completions_for_every_shell() {
    let outside = tempfile::tempdir().expect("a temporary folder");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_respond"))
            .args(["completions", shell])
            .current_dir(outside.path())
            .output()
            .expect("respond runs");
        let script = String::from_utf8(output.stdout).expect("a script in UTF-8");
        assert_eq!(output.status.code(), Some(0), "{shell}");
        for word in COMMANDS.iter().chain(&["warn-within"]) {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
        // clap_complete's PowerShell and Elvish scripts complete options, not their values.
        if !matches!(shell, "powershell" | "elvish") {
            for word in ["github", "in-progress"] {
                assert!(script.contains(word), "{shell} lacks {word}");
            }
        }
        assert_snapshot(
            &fixtures().join(format!("manual/completions.{shell}")),
            &script,
        );
    }
    let project = Project::new();
    let unknown = project.run(&["completions", "cmd"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("possible values: bash, elvish, fish, powershell, zsh"),
        "{}",
        unknown.stderr
    );
}

/// The page of a manual in a form `man` reads, with the sections readers look for; `--out`
/// writes one for respond and one for each command.
#[test]
fn manual_pages_and_their_sections() {
    let project = Project::new();
    let page = project.run(&["man"]);
    assert_eq!((page.code, page.stderr.as_str()), (0, ""));
    assert_snapshot(&fixtures().join("manual/respond.1"), &page.stdout);

    let written = project.run(&["man", "--out", "man"]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let mut names: Vec<String> = std::fs::read_dir(project.path("man"))
        .expect("the folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let mut sections = String::new();
    for name in &names {
        let text = project.read(&format!("man/{name}"));
        let headings: Vec<&str> = text
            .lines()
            .filter_map(|line| line.strip_prefix(".SH "))
            .collect();
        sections.push_str(&format!("{name}: {}\n", headings.join(", ")));
    }
    assert_snapshot(&fixtures().join("manual/sections.txt"), &sections);
    assert_eq!(project.read("man/respond.1"), page.stdout);
    assert_eq!(
        written.stderr,
        format!(
            "wrote {} manual pages into `man`: {}\n",
            names.len(),
            ["respond.1".to_owned()]
                .into_iter()
                .chain(COMMANDS.iter().map(|c| format!("respond-{c}.1")))
                .collect::<Vec<_>>()
                .join(", ")
        )
    );
}

/// A folder that cannot be made (a file is in the way) is a clear error, and nothing is
/// written.
#[test]
fn manual_pages_into_a_file_are_refused() {
    let project = Project::new();
    project.write("notes.txt", "notes\n");
    let refused = project.run(&["man", "--out", "notes.txt"]);
    assert_eq!(
        (refused.code, refused.stderr.as_str()),
        (
            2,
            "error: `notes.txt` is a file, not a folder, so the manual pages cannot go there\n  = help: give `--out` a folder, e.g. `--out man`\n"
        )
    );
    assert_eq!(project.read("notes.txt"), "notes\n");
}
