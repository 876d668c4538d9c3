//! Where `render --out` may write: a folder of its own, never the project folder, the records
//! or the templates (compared by where the folders really are), and a folder `render` made for
//! a render that failed is removed again.

use std::fs;

use crate::support::{PUBLISHED, Project, assert_snapshot, fixtures};

const GOOD: &str = "title: Race and Policing\npublished: 2023-08-25\ntype: national-thematic\nkey_findings: Found.\n";

fn project() -> Project {
    let project = Project::new();
    project.write("data/inspections/2023-08-25-race.yaml", GOOD);
    project
}

/// The names in a folder, sorted.
fn names(project: &Project, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(project.path(dir))
        .expect("a folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn out_may_not_be_the_project_its_records_or_its_templates() {
    let project = project();
    project.write("templates/index.md", "{{ office.name }}\n");
    fs::create_dir_all(project.path("elsewhere")).expect("a folder");
    let help = "give `--out` a folder of its own, such as `out`";
    for (out, says) in [
        ("templates", "is the project's `templates` folder"),
        (
            "templates/pages",
            "is inside the project's `templates` folder",
        ),
        ("out/../templates", "is the project's `templates` folder"),
        (
            "data",
            "is the project's `data` folder, which holds the records",
        ),
        (
            "data/inspections/new",
            "is inside the project's `data` folder, which holds the records",
        ),
        (".", "is the project folder itself"),
        (
            "..",
            "holds the project's `data` folder, which holds the records",
        ),
        (
            "elsewhere/../..",
            "holds the project's `data` folder, which holds the records",
        ),
    ] {
        let output = project.run(&["render", "--today", "2026-11-22", "--out", out]);
        assert_eq!(
            (output.code, output.stderr.as_str()),
            (2, format!("error: `{out}` {says}; {help}\n").as_str()),
            "--out {out}"
        );
    }
    // The templates folder in use, too, wherever it is.
    let output = project.run(&[
        "render",
        "--today",
        "2026-11-22",
        "--templates",
        "elsewhere",
        "--out",
        "elsewhere/x",
    ]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            2,
            format!("error: `elsewhere/x` is inside the templates folder in use; {help}\n")
                .as_str()
        )
    );
    assert_eq!(names(&project, "templates"), ["index.md"]);
    assert_eq!(names(&project, "data"), ["inspections", "office.yaml"]);
    assert_eq!(
        names(&project, "data/inspections"),
        ["2023-08-25-race.yaml"]
    );
    assert!(!project.path("out").exists());
    assert_eq!(names(&project, "elsewhere").len(), 0);
}

#[cfg(unix)]
#[test]
fn out_reached_through_a_link_is_compared_where_it_really_is() {
    let project = project();
    std::os::unix::fs::symlink(project.path("data"), project.path("records")).expect("a link");
    let output = project.run(&["render", "--today", "2026-11-22", "--out", "records/pages"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            2,
            "error: `records/pages` is inside the project's `data` folder, which holds the records; give `--out` a folder of its own, such as `out`\n"
        )
    );
    assert!(!project.path("data/pages").exists());
}

#[test]
fn a_folder_render_made_is_removed_when_the_render_fails() {
    let project = project();
    // A template that fails only when a page is rendered, after the folders are made.
    project.write("templates/response.md", "{{ doc.no_such_field.deeper }}\n");
    let output = project.run(&["render", "--today", "2026-11-22", "--out", "site/pages"]);
    assert_eq!(output.code, 2, "{}", output.stderr);
    assert!(!project.path("site").exists(), "{:?}", names(&project, "."));
    // An invalid record likewise.
    fs::remove_file(project.path("templates/response.md")).expect("removed");
    project.write("data/inspections/2023-08-26-bad.yaml", "title: Bad\n");
    let output = project.run(&["render", "--today", "2026-11-22", "--out", "site/pages"]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert!(!project.path("site").exists());
    // A folder that was there before stays, and so does what it holds.
    project.write("site/notes.txt", "mine");
    let output = project.run(&["render", "--today", "2026-11-22", "--out", "site/pages"]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert_eq!(names(&project, "site"), ["notes.txt"]);
}

/// The drafts may not go into the published folder, nor hold it: they would be put on the
/// website with it.
#[test]
fn drafts_are_never_in_or_around_out() {
    let project = project();
    let output = project.run(&["render", "--today", "2026-11-22", "--drafts", "out/drafts"]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            2,
            "error: the drafts folder `out/drafts` is or is inside `out`, whose files are published; the drafts must be kept apart from what is published: give `--drafts` a folder beside `out`, such as `drafts`\n"
        )
    );
    let output = project.run(&[
        "render",
        "--today",
        "2026-11-22",
        "--out",
        "site/out",
        "--drafts",
        "site",
    ]);
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (
            2,
            "error: `site/out` is inside the drafts folder `site`; the drafts must be kept apart from what is published: give `--drafts` a folder beside `out`, such as `drafts`\n"
        )
    );
    assert!(!project.path("out").exists() && !project.path("site").exists());
}

/// No command writes into the project's sources: `data/` (the office file, the records and
/// anything beside them) and `templates/`, wherever `--out` leads (it used to overwrite the
/// office file or a record with a calendar).
#[test]
fn no_command_writes_into_data_or_templates() {
    let project = project();
    project.write("templates/index.md", "{{ office.name }}\n");
    let office = project.read("data/office.yaml");
    for (args, shown, folder, what, example) in [
        (
            &["calendar", "--out", "data/office.yaml"][..],
            "data/office.yaml",
            "data",
            "the office file and the records",
            "calendar.ics",
        ),
        (
            &["calendar", "--out", "data/inspections/2023-08-25-race.yaml"][..],
            "data/inspections/2023-08-25-race.yaml",
            "data",
            "the office file and the records",
            "calendar.ics",
        ),
        (
            &[
                "recommendations",
                "--out",
                "data/inspections/../office.yaml",
            ][..],
            "data/inspections/../office.yaml",
            "data",
            "the office file and the records",
            "tracker.txt",
        ),
        (
            &[
                "recommendations",
                "--format",
                "csv",
                "--out",
                "templates/index.md",
            ][..],
            "templates/index.md",
            "templates",
            "the templates",
            "tracker.csv",
        ),
        (
            &["schema", "--out", "data/schemas"][..],
            "data/schemas",
            "data",
            "the office file and the records",
            "editor-schemas",
        ),
        (
            &["templates", "--out", "data/inspections"][..],
            "data/inspections",
            "data",
            "the office file and the records",
            "default-templates",
        ),
        (
            &["man", "--out", "templates"][..],
            "templates",
            "templates",
            "the templates",
            "man",
        ),
    ] {
        let output = project.run(args);
        assert_eq!(
            (output.code, output.stderr.as_str()),
            (
                2,
                format!(
                    "error: `{shown}` is in `{folder}`, which holds {what}: respond writes nothing there\n  = help: give `--out` a place outside `data` and `templates`, such as `{example}`\n"
                )
                .as_str()
            ),
            "{args:?}"
        );
    }
    assert_eq!(project.read("data/office.yaml"), office);
    assert_eq!(project.read("data/inspections/2023-08-25-race.yaml"), GOOD);
    assert_eq!(project.read("templates/index.md"), "{{ office.name }}\n");
    assert_eq!(names(&project, "templates"), ["index.md"]);
    assert_eq!(names(&project, "data"), ["inspections", "office.yaml"]);
    assert_eq!(
        names(&project, "data/inspections"),
        ["2023-08-25-race.yaml"]
    );
    // Beside them is fine.
    let output = project.run(&["calendar", "--today", "2026-11-22", "--out", "calendar.ics"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
}

/// What is put under one of respond's names in `out/`, in place of its file.
#[cfg(unix)]
#[derive(Clone, Copy)]
enum Special {
    /// A named pipe, which a reader waits on for ever.
    Fifo,
    /// A link to a device that never ends.
    Zero,
    /// A link to a file that does not exist, outside `out/`.
    Dangling,
}

#[cfg(unix)]
impl Special {
    fn put(self, project: &Project, name: &str) {
        let path = project.path(name);
        let _ = fs::remove_file(&path);
        match self {
            Special::Fifo => {
                let made = std::process::Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .expect("mkfifo runs");
                assert!(made.success());
            }
            Special::Zero => std::os::unix::fs::symlink("/dev/zero", &path).expect("a link"),
            Special::Dangling => {
                std::os::unix::fs::symlink(project.path("outside"), &path).expect("a link");
            }
        }
    }

    fn shown(self) -> &'static str {
        match self {
            Special::Fifo => "a named pipe",
            Special::Zero => "a link to /dev/zero",
            Special::Dangling => "a link to a missing file outside",
        }
    }
}

/// A named pipe, a device or a link under any of respond's names in `out/` (its lock, manifest,
/// journal, cache, or a page's) or `drafts/` neither hangs `render` nor reads without end nor
/// makes a file where the link points: respond's own files are refused with a message, a page
/// is a file in the way. Each run is bounded, so that a hang fails the test rather than
/// stalling it.
#[cfg(unix)]
#[test]
fn out_holds_only_regular_files_under_respond_s_names() {
    let limit = std::time::Duration::from_secs(120);
    let mut transcripts = String::new();
    for name in [
        "out/.respond-lock",
        "out/.respond-manifest",
        "out/.respond-journal",
        "out/.respond-cache",
        "out/2023-08-25-race.html",
        "drafts/.respond-lock",
        "drafts/.respond-manifest",
    ] {
        for special in [Special::Fifo, Special::Zero, Special::Dangling] {
            let project = Project::new();
            project.write(
                "data/inspections/2023-08-25-race.yaml",
                format!("{GOOD}{PUBLISHED}"),
            );
            // A draft, so that `drafts/` has its own files too.
            project.write(
                "data/inspections/2023-08-26-draft.yaml",
                GOOD.replace("2023-08-25", "2023-08-26"),
            );
            let first = project.run(&["render", "--today", "2026-11-22"]);
            assert_eq!(first.code, 0, "{}", first.stderr);
            special.put(&project, name);
            let mut runs = vec![vec!["render", "--today", "2026-11-22"]];
            if name == "out/.respond-lock" {
                runs.push(vec!["render", "--check", "--today", "2026-11-22"]);
            }
            if name.ends_with(".html") {
                // Told to overwrite it, respond replaces what is there, never what it points to.
                runs.push(vec!["render", "--force", "--today", "2026-11-22"]);
            }
            for args in runs {
                let output = project.run_bounded(&args, limit);
                transcripts.push_str(&format!(
                    "### {name} is {}: respond {}\n{}\n",
                    special.shown(),
                    args.join(" "),
                    output.transcript()
                ));
                assert!(
                    !project.path("outside").exists(),
                    "{name}: a file was made where the link points"
                );
            }
            if name.ends_with(".html") {
                let page = fs::symlink_metadata(project.path(name)).expect("the page");
                assert!(page.is_file(), "{name} is not a regular file again");
            }
        }
    }
    assert_snapshot(
        &fixtures().join("out_folder/special-files.txt"),
        &transcripts,
    );
}
