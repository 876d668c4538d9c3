//! A small builder for running `respond` in a temporary copy of a project and comparing what
//! it prints with expected files, in the manner of mdBook's `BookTest`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every command, in the order `respond --help` lists them.
pub(crate) const COMMANDS: [&str; 13] = [
    "new",
    "validate",
    "render",
    "serve",
    "publish",
    "check",
    "recommendations",
    "calendar",
    "templates",
    "schema",
    "completions",
    "man",
    "help",
];

/// The folder of this test suite's fixtures.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite")
}

/// The end of a record whose response is published (a record without it is a draft, rendered
/// into `drafts/`, not `out/`).
pub(crate) const PUBLISHED: &str =
    "responses:\n  - by: commissioner\n    text: Noted.\nresponse_published: undated\n";

/// The office file most fixtures share.
pub(crate) const OFFICE: &str = "\
name: Test Office of the Police, Fire and Crime Commissioner
area: Testshire
force: Testshire Constabulary
chief_officer: Chief Constable
commissioner:
  - from: 2012-11-22
    title: Police and Crime Commissioner
    short: PCC
  - from: 2023-04-01
    title: Police, Fire and Crime Commissioner
    short: PFCC
fire_and_rescue:
  service: Testshire Fire and Rescue Service
  chief_officer: Chief Fire Officer
  from: 2023-04-01
";

/// A temporary project folder.
#[must_use]
pub(crate) struct Project {
    dir: tempfile::TempDir,
}

/// What a run printed, and its exit status.
#[derive(Debug)]
pub(crate) struct Output {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Project {
    /// An empty project with the shared office file and an empty records folder.
    pub(crate) fn new() -> Self {
        let project = Self {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        project.write("data/office.yaml", OFFICE);
        fs::create_dir_all(project.path("data/inspections")).expect("a records folder");
        project
    }

    /// A project holding a copy of the bundled `data/` (the Cumbria records).
    pub(crate) fn seeds() -> Self {
        let project = Self::new();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
            &project.path("data"),
        );
        project
    }

    /// A copy of a fixture folder (its `data/` replaces the default one where given).
    pub(crate) fn from_fixture(dir: &Path) -> Self {
        let project = Self::new();
        copy_dir(dir, project.root());
        project
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    pub(crate) fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        fs::write(path, contents).expect("a written file");
        self
    }

    pub(crate) fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).expect("a readable file")
    }

    /// Runs `respond` with `args` in the project folder, with no terminal.
    #[track_caller]
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.run_in("", args)
    }

    /// Runs `respond` with `args` in the folder `dir` of the project (`""`: the project
    /// folder), with no terminal.
    #[track_caller]
    pub(crate) fn run_in(&self, dir: &str, args: &[&str]) -> Output {
        let output = Command::new(env!("CARGO_BIN_EXE_respond"))
            .args(args)
            .current_dir(self.root().join(dir))
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("respond runs");
        let redact = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes).replace(&self.root().display().to_string(), "[ROOT]")
        };
        Output {
            code: output.status.code().unwrap_or(-1),
            stdout: redact(&output.stdout),
            stderr: redact(&output.stderr),
        }
    }
}

impl Project {
    /// Runs `respond` with `args` in the project folder, with no terminal, and fails the test
    /// if it has not ended within `limit`, killing it: for a test of something that used to
    /// hang, so that the test itself cannot. The limit is far above the run's time.
    #[track_caller]
    pub(crate) fn run_bounded(&self, args: &[&str], limit: std::time::Duration) -> Output {
        use std::io::Read as _;
        let mut child = Command::new(env!("CARGO_BIN_EXE_respond"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("respond runs");
        let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        };
        let stdout = drain(Box::new(child.stdout.take().expect("its output")));
        let stderr = drain(Box::new(child.stderr.take().expect("its errors")));
        let start = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("respond is waited for") {
                break status;
            }
            if start.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                panic!("`respond {}` did not end within {limit:?}", args.join(" "));
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let redact = |bytes: Vec<u8>| {
            String::from_utf8_lossy(&bytes).replace(&self.root().display().to_string(), "[ROOT]")
        };
        Output {
            code: status.code().unwrap_or(-1),
            stdout: redact(stdout.join().expect("its output read")),
            stderr: redact(stderr.join().expect("its errors read")),
        }
    }
}

impl Output {
    /// The run as one text: exit status, then standard output and error.
    pub(crate) fn transcript(&self) -> String {
        let mut text = format!("exit: {}\n", self.code);
        if !self.stdout.is_empty() {
            text.push_str("--- stdout\n");
            text.push_str(&self.stdout);
        }
        if !self.stderr.is_empty() {
            text.push_str("--- stderr\n");
            text.push_str(&self.stderr);
        }
        text
    }
}

/// Copies the files of `from` into `to`, keeping the folder structure.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).expect("a fixture folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            fs::create_dir_all(&target).expect("a folder");
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("a copied file");
        }
    }
}

/// Compares `actual` with the expected file, showing a diff when they differ, or writes it
/// when `SNAPSHOTS=overwrite` (snapbox, as mdBook does). The comparison is exact but for line
/// endings: no wildcards, since an expected file is respond's output as it must be.
#[track_caller]
pub(crate) fn assert_snapshot(expected: &Path, actual: &str) {
    snapbox::Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .eq(actual, snapbox::Data::read_from(expected, None).raw());
}

/// Whether `program` runs here (tried as `program args`), for a test that needs it. Without
/// it the test says so loudly and passes on a developer's machine, but fails under CI (the
/// environment variable `CI` set, as CI sets it), which installs every tool the tests need:
/// there, a missing tool means a test that did not run, which must not pass unseen.
pub(crate) fn tool(program: &str, args: &[&str], why: &str) -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    tool_in(program, args, why, ci)
}

/// [`tool`], told whether this is CI.
pub(crate) fn tool_in(program: &str, args: &[&str], why: &str, ci: bool) -> bool {
    let works = Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        works || !ci,
        "`{program}` is missing (or cannot run here) and `CI` is set, so {why} did not run; install it"
    );
    if !works {
        eprintln!(
            "\n*** SKIPPED: `{program}` is missing (or cannot run here), so {why} did not run. ***\n"
        );
    }
    works
}

#[test]
fn a_missing_tool_skips_a_test_only_outside_ci() {
    let missing = "respond-test-no-such-tool";
    assert!(!tool_in(missing, &[], "this test", false));
    let in_ci = std::panic::catch_unwind(|| tool_in(missing, &[], "this test", true));
    assert!(in_ci.is_err(), "a missing tool passes under CI");
    assert!(tool_in("true", &[], "this test", true));
}
