//! `out/` under faults: a render killed at several points, a disk that fills, a cache that
//! could not be written, and two renders at once. After each, every file in `out/` is wholly
//! old or wholly new, the next render succeeds without `--force`, and `render --check` tells
//! the truth.
//!
//! The kills and failures are injected with strace (`-e inject=…`) at a given system call,
//! which is exact where a timer would not be on a busy machine. Without strace those tests
//! say so loudly and pass, except under CI (`CI` set), where they fail; `.ci/run` installs it.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::Project;

const TODAY: [&str; 2] = ["--today", "2026-11-22"];

/// How many records the projects of these tests hold: a few hundred, each with two pages.
const RECORDS: usize = 200;

/// The files respond keeps in `out/` besides the pages and the manifest.
const STATE: [&str; 3] = [".respond-cache", ".respond-lock", ".respond-journal"];

/// A project of [`RECORDS`] records, every tenth holding the one before it (so that pages are
/// rendered both as their records are read and after), rendered once; its titles say `old`.
fn rendered() -> Project {
    let project = Project::new();
    for i in 0..RECORDS {
        project.write(&record_path(i), record(i, "old"));
    }
    let output = project.run(&["render", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    project
}

fn record_path(i: usize) -> String {
    format!("data/inspections/2023-08-25-record-{i:03}.yaml")
}

fn record(i: usize, version: &str) -> String {
    let related = if i % 10 == 9 {
        format!("related:\n  - 2023-08-25-record-{:03}\n", i - 1)
    } else {
        String::new()
    };
    format!(
        "title: Record {i} ({version})\npublished: 2023-08-25\ntype: national-thematic\nkey_findings: Found.\nresponses:\n  - by: commissioner\n    text: Noted.\nresponse_published: undated\n{related}"
    )
}

/// Gives every record a new title, saying `version`, so that every page changes.
fn edit_all(project: &Project, version: &str) {
    for i in 0..RECORDS {
        project.write(&record_path(i), record(i, version));
    }
}

/// The files of `out/` (pages and the manifest) and their contents, and apart the names of the
/// other files there (respond's state and temporary files).
fn files(dir: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let mut pages = BTreeMap::new();
    let mut other = Vec::new();
    for entry in fs::read_dir(dir).expect("a folder") {
        let entry = entry.expect("an entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(".respond-") && name != ".respond-manifest" {
            other.push(name);
        } else {
            pages.insert(name, fs::read(entry.path()).expect("a file"));
        }
    }
    other.sort();
    (pages, other)
}

/// The files a render of the project as it is now writes, rendered into a folder of its own.
fn expected(project: &Project) -> BTreeMap<String, Vec<u8>> {
    let output = project.run(&["render", TODAY[0], TODAY[1], "--out", "expected"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let (pages, _) = files(&project.path("expected"));
    fs::remove_dir_all(project.path("expected")).expect("removed");
    pages
}

/// Whether strace can be used here; says loudly why not (and fails under CI, which installs it).
fn strace() -> bool {
    crate::support::tool(
        "strace",
        &["-o", "/dev/null", "true"],
        "this fault test (Debian: apt-get install strace)",
    )
}

/// Runs `respond render` under strace with `inject` (an `-e inject=…` spec, with `-P path`
/// first when given); returns the exit code (`None` when killed) and standard error.
fn render_under(project: &Project, path: Option<&str>, inject: &str) -> (Option<i32>, String) {
    under(
        project,
        path.map(std::ffi::OsStr::new),
        inject,
        &["render", TODAY[0], TODAY[1]],
    )
}

/// Runs `respond` with `args` under strace with `inject`, on the syscalls touching `path` when
/// given (as respond names it: strace matches names, not files); returns the exit code
/// (`None` when killed) and standard error.
fn under(
    project: &Project,
    path: Option<&std::ffi::OsStr>,
    inject: &str,
    args: &[&str],
) -> (Option<i32>, String) {
    let mut command = Command::new("strace");
    command.args(["-f", "-o", "/dev/null", "-qq"]);
    if let Some(path) = path {
        command.arg("-P").arg(path);
    }
    let output = command
        .args(["-e", &format!("inject={inject}")])
        .arg(env!("CARGO_BIN_EXE_respond"))
        .args(args)
        .current_dir(project.root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("strace runs");
    let stderr = String::from_utf8_lossy(&output.stderr)
        .replace(&project.root().display().to_string(), "[ROOT]");
    (output.status.code(), stderr)
}

/// What the next render and `--check` must do after a fault: `--check` says up to date exactly
/// when `out/` holds what a render writes; the render succeeds without `--force`, after which
/// `out/` holds exactly that, with no journal or temporary file, and `--check` agrees.
fn recovers(project: &Project, new: &BTreeMap<String, Vec<u8>>) {
    let (now, _) = files(&project.path("out"));
    let check = project.run(&["render", TODAY[0], TODAY[1], "--check"]);
    let up_to_date = now == *new;
    assert_eq!(
        check.code,
        if up_to_date { 0 } else { 1 },
        "--check must say up to date exactly when out/ is: {}",
        check.stderr
    );
    let output = project.run(&["render", TODAY[0], TODAY[1]]);
    assert_eq!(
        output.code, 0,
        "the next render needs no --force: {}",
        output.stderr
    );
    let (after, other) = files(&project.path("out"));
    assert!(
        after == *new,
        "out/ is not as rendered after the next render"
    );
    assert!(
        other
            .iter()
            .all(|n| n == ".respond-cache" || n == ".respond-lock"),
        "a journal or temporary file is left: {other:?}"
    );
    let check = project.run(&["render", TODAY[0], TODAY[1], "--check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// A render of every record's new title killed at the `nth` call of `syscall` (on `path`, if
/// given): every file is then wholly old or wholly new, temporary files are no more readable
/// than the pages, `--check` tells the truth, and the next render recovers; when `edit_again`,
/// after every title changed once more, so that a file the killed render put in place holds
/// neither what the manifest says nor what the next render writes, and is still known as ours.
fn killed_at(syscall: &str, path: Option<&str>, nth: usize, edit_again: bool) {
    if !strace() {
        return;
    }
    let project = rendered();
    let (old, _) = files(&project.path("out"));
    edit_all(&project, "new");
    let new = expected(&project);
    let (code, stderr) = render_under(&project, path, &format!("{syscall}:signal=KILL:when={nth}"));
    assert_eq!(
        code, None,
        "the render was not killed at {syscall} {nth}: {stderr}"
    );
    let (now, other) = files(&project.path("out"));
    for (name, bytes) in &now {
        assert!(
            old.get(name) == Some(bytes) || new.get(name) == Some(bytes),
            "after a kill at {syscall} {nth}, out/{name} is neither old nor new"
        );
    }
    if syscall == "renameat" && path.is_none() && nth > 2 {
        // Killed among the pages' renames: some are new, some old.
        let renamed = now
            .iter()
            .filter(|(name, bytes)| new.get(*name) == Some(*bytes))
            .count();
        assert!(
            0 < renamed && renamed < now.len() - 1,
            "{renamed} of {} renamed",
            now.len()
        );
    }
    #[cfg(unix)]
    for name in other.iter().filter(|n| !STATE.contains(&n.as_str())) {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(project.path("out").join(name))
            .expect("a file")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o133,
            0,
            "{name} is more open than a page ({mode:o})"
        );
    }
    if edit_again {
        edit_all(&project, "newer");
        let newer = expected(&project);
        recovers(&project, &newer);
    } else {
        recovers(&project, &new);
    }
}

// The renames of this render: the journal, then the 400 pages and the index's two (on two
// threads; strace counts the calls of each thread), then the manifest, then the cache; then
// the journal is removed.

#[test]
fn killed_at_the_journal() {
    killed_at("renameat", None, 1, false);
}

#[test]
fn killed_at_the_first_page() {
    killed_at("renameat", None, 2, true);
}

#[test]
fn killed_halfway_through_the_pages() {
    killed_at("renameat", None, RECORDS / 2, false);
}

#[test]
fn killed_halfway_through_the_pages_then_edited_again() {
    killed_at("renameat", None, RECORDS / 2, true);
}

#[test]
fn killed_at_the_manifest() {
    killed_at("renameat", Some("out/.respond-manifest"), 1, true);
}

#[test]
fn killed_at_the_journal_s_removal() {
    killed_at("unlink", Some("out/.respond-journal"), 1, false);
}

#[test]
fn killed_at_the_cache() {
    killed_at("renameat", Some("out/.respond-cache"), 1, false);
}

#[test]
fn killed_while_writing_pages() {
    killed_at("write", None, RECORDS, false);
}

#[test]
fn a_full_disk_leaves_out_as_it_was() {
    if !strace() {
        return;
    }
    let project = rendered();
    let before = files(&project.path("out"));
    edit_all(&project, "new");
    let new = expected(&project);
    let (code, stderr) = render_under(
        &project,
        None,
        &format!("write:error=ENOSPC:when={RECORDS}+"),
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("No space left on device"),
        "the error says why: {stderr}"
    );
    assert!(
        files(&project.path("out")) == before,
        "a full disk changed out/ (or left a temporary file)"
    );
    recovers(&project, &new);
}

#[test]
fn a_full_disk_in_a_new_folder_leaves_no_folder() {
    if !strace() {
        return;
    }
    let project = rendered();
    fs::remove_dir_all(project.path("out")).expect("removed");
    let (code, stderr) = render_under(&project, None, "write:error=ENOSPC:when=20+");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        !project.path("out").exists(),
        "the folder the render made stays"
    );
}

#[test]
fn a_manifest_that_cannot_be_written_leaves_out_readable() {
    if !strace() {
        return;
    }
    let project = rendered();
    edit_all(&project, "new");
    let new = expected(&project);
    let (code, stderr) = render_under(
        &project,
        Some("out/.respond-manifest"),
        "renameat:error=ENOSPC",
    );
    assert_eq!(code, Some(2), "{stderr}");
    recovers(&project, &new);
}

#[test]
fn a_cache_that_was_not_written_is_not_trusted() {
    if !strace() {
        return;
    }
    let project = rendered();
    let (old, _) = files(&project.path("out"));
    // A title edited, rendered while the cache cannot be written, then put back as it was,
    // time and all (as `cp -p` or a backup would).
    let path = project.path(&record_path(7));
    let saved = project.path("saved.yaml");
    fs::copy(&path, &saved).expect("copied");
    let times = fs::metadata(&path)
        .expect("a file")
        .modified()
        .expect("a time");
    project.write(&record_path(7), record(7, "edited"));
    let (code, stderr) = render_under(
        &project,
        Some("out/.respond-cache"),
        "renameat:error=ENOSPC",
    );
    assert_eq!(code, Some(0), "a cache is not worth failing for: {stderr}");
    fs::copy(&saved, &path).expect("copied");
    fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(times))
        .expect("the old time");
    let check = project.run(&["render", TODAY[0], TODAY[1], "--check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("changed: out/2023-08-25-record-007.html\n"),
        "{}",
        check.stderr
    );
    recovers(&project, &old);
}

/// Gives the file at `path` the modification time `meta` had, as `cp -p`, `rsync -a`, `tar x`
/// or an editor that keeps it leave a file.
fn put_back_time(path: &Path, meta: &fs::Metadata) {
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(meta.modified().expect("a time")))
        .expect("the old time");
}

/// A page in `out/` edited in place with its size and time put back, as an editor that keeps
/// them or a copy from a backup leaves it, is seen by `render --check` and refused by `render`:
/// the cache does not vouch for a page by its size and time.
#[test]
fn a_page_edited_with_its_old_time_and_size_is_seen() {
    let project = rendered();
    let path = project.path("out/2023-08-25-record-003.md");
    let meta = fs::metadata(&path).expect("a file");
    let page = project.read("out/2023-08-25-record-003.md");
    let edited = page.replacen("Record 3 (old)", "Record 3 (ODD)", 1);
    assert_ne!(edited, page);
    fs::write(&path, &edited).expect("written");
    put_back_time(&path, &meta);
    assert_eq!(fs::metadata(&path).expect("a file").len(), meta.len());
    let check = project.run(&["render", TODAY[0], TODAY[1], "--check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("changed: out/2023-08-25-record-003.md\n"),
        "{}",
        check.stderr
    );
    let output = project.run(&["render", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 2, "{}", output.stderr);
    assert_eq!(project.read("out/2023-08-25-record-003.md"), edited);
}

#[test]
fn a_record_put_back_with_its_old_time_and_size_is_read_again() {
    let project = rendered();
    let (old, _) = files(&project.path("out"));
    let path = project.path(&record_path(3));
    let meta = fs::metadata(&path).expect("a file");
    // The same size and time, other contents: as `cp -p`, `rsync -a` or `tar x` leave a
    // record copied back from a backup.
    let edited = record(3, "old").replace("Record 3 (old)", "Record 3 (ODD)");
    assert_eq!(edited.len() as u64, meta.len());
    project.write(&record_path(3), &edited);
    put_back_time(&path, &meta);
    let check = project.run(&["render", TODAY[0], TODAY[1], "--check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("changed: out/2023-08-25-record-003.md\n"),
        "{}",
        check.stderr
    );
    let output = project.run(&["render", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        project
            .read("out/2023-08-25-record-003.md")
            .contains("Record 3 (ODD)")
    );
    assert_ne!(files(&project.path("out")).0, old);
}

#[test]
fn temporary_files_a_killed_render_left_are_removed() {
    let project = rendered();
    let (before, _) = files(&project.path("out"));
    // Respond's own names (as now, and as before they said `tmp`), and others like them.
    for name in [".respond-tmp-a1B2c3", ".respond-Zx9y8W"] {
        project.write(&format!("out/{name}"), "half a page");
    }
    for name in [".respond-notes", ".respond-tmp-abcdefg", "respond-abcdef"] {
        project.write(&format!("out/{name}"), "mine");
    }
    let output = project.run(&["render", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let (after, other) = files(&project.path("out"));
    assert_eq!(
        other,
        [
            ".respond-cache",
            ".respond-lock",
            ".respond-notes",
            ".respond-tmp-abcdefg"
        ]
    );
    let mut expected = before;
    expected.insert("respond-abcdef".to_owned(), b"mine".to_vec());
    assert!(after == expected);
    // --check writes nothing, so it leaves them.
    project.write("out/.respond-tmp-q1w2e3", "half a page");
    assert_eq!(
        project.run(&["render", TODAY[0], TODAY[1], "--check"]).code,
        0
    );
    assert!(project.path("out/.respond-tmp-q1w2e3").exists());
}

#[test]
fn one_render_at_a_time() {
    let project = rendered();
    edit_all(&project, "new");
    let (before, _) = files(&project.path("out"));
    // Another render holds the lock. A render refused leaves it to that render.
    let lock = fs::File::options()
        .write(true)
        .open(project.path("out/.respond-lock"))
        .expect("the lock file");
    lock.lock().expect("locked");
    let message =
        "error: another render is running in `out`; wait for it to finish, then render again\n";
    for extra in [&[][..], &["--check"][..]] {
        let mut args = vec!["render", TODAY[0], TODAY[1]];
        args.extend_from_slice(extra);
        let output = project.run(&args);
        assert_eq!(
            (output.code, output.stderr.as_str()),
            (2, message),
            "{extra:?}"
        );
    }
    assert!(
        files(&project.path("out")).0 == before,
        "out/ changed under the lock"
    );
    assert!(project.path("out/.respond-lock").exists());
    drop(lock);
    let output = project.run(&["render", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
}

/// Runs `respond publish` of `id` under strace with `inject` on the syscalls touching `path`.
fn publish_under(
    project: &Project,
    id: &str,
    path: &std::ffi::OsStr,
    inject: &str,
) -> (Option<i32>, String) {
    under(
        project,
        Some(path),
        inject,
        &["publish", id, TODAY[0], TODAY[1]],
    )
}

/// A file renamed into place (glibc's `rename` is one of these syscalls, by version).
const RENAMES_KILLED: &str = "rename,renameat,renameat2:signal=KILL";
const RENAMES_FAIL: &str = "rename,renameat,renameat2:error=EIO";

/// A draft of `publish`'s tests, complete, and a project holding it, rendered.
fn draft_project() -> (Project, &'static str, String) {
    let project = Project::new();
    let file = "data/inspections/2023-08-25-draft.yaml";
    let text = "title: Draft\npublished: 2023-08-25\ntype: national-thematic\nkey_findings: Found.\nresponses:\n  - by: commissioner\n    text: Noted.\n".to_owned();
    project.write(file, &text);
    let output = project.run(&["render", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    (project, file, text)
}

/// The names in `dir` that are respond's temporary files.
fn temporaries(dir: &std::path::Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("a folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".respond-"))
        .collect()
}

#[test]
fn publish_killed_or_failing_as_it_writes_leaves_the_record_as_it_was() {
    if !strace() {
        return;
    }
    let (project, file, text) = draft_project();
    // The record by its whole path, as respond names it.
    let record = project.path(file);
    let record = record.as_os_str();
    // Killed as the new text is renamed over the record: the record is wholly old.
    let (code, stderr) = publish_under(&project, "2023-08-25-draft", record, RENAMES_KILLED);
    assert_eq!(code, None, "not killed: {stderr}");
    assert_eq!(project.read(file), text);
    // The rename fails (a full disk, a file locked by another program): said, and nothing
    // is left behind.
    let (code, stderr) = publish_under(&project, "2023-08-25-draft", record, RENAMES_FAIL);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: failed to write `data/inspections/2023-08-25-draft.yaml`"),
        "{stderr}"
    );
    assert_eq!(project.read(file), text);
    assert_eq!(
        temporaries(&project.path("data/inspections")),
        Vec::<String>::new()
    );
    assert!(!project.path("out/2023-08-25-draft.html").exists());
    // And then it publishes.
    let output = project.run(&["publish", "2023-08-25-draft", TODAY[0], TODAY[1]]);
    assert_eq!(output.code, 0, "{}", output.stderr);
}

/// Publish reads the record back once written, and puts the original back when that fails
/// (here the read itself: the record's third opening is the reading back, after publish's
/// own reading and the check that it is unchanged just before it is replaced).
#[test]
fn publish_that_cannot_read_the_record_back_puts_it_back() {
    if !strace() {
        return;
    }
    let (project, file, text) = draft_project();
    let record = project.path(file);
    let (code, stderr) = publish_under(
        &project,
        "2023-08-25-draft",
        record.as_os_str(),
        "openat:error=EIO:when=3",
    );
    assert_eq!(
        (code, stderr.as_str()),
        (
            Some(2),
            "error: `2023-08-25-draft` is not published, the file is put back as it was: failed to read `data/inspections/2023-08-25-draft.yaml`: Input/output error (os error 5)\n"
        )
    );
    assert_eq!(project.read(file), text);
    assert_eq!(
        temporaries(&project.path("data/inspections")),
        Vec::<String>::new()
    );
    assert!(!project.path("out/2023-08-25-draft.html").exists());
}

#[test]
fn publish_whose_render_fails_puts_the_record_back() {
    if !strace() {
        return;
    }
    let (project, file, text) = draft_project();
    // out/ cannot be written: the render fails after the record was written.
    let (code, stderr) = publish_under(
        &project,
        "2023-08-25-draft",
        std::ffi::OsStr::new("out/index.html"),
        RENAMES_FAIL,
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("the public files could not be rendered")
            && stderr.contains("`data/inspections/2023-08-25-draft.yaml` is unchanged"),
        "{stderr}"
    );
    assert_eq!(project.read(file), text);
    assert!(!project.path("out/2023-08-25-draft.html").exists());
}

/// A small tmpfs, mounted for one test and unmounted after it.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// A tmpfs of `kib` KiB, if this machine lets the tests mount one (as root); says loudly
    /// why not, and fails under CI, which runs as root.
    fn mount(kib: usize) -> Option<Self> {
        let dir = tempfile::tempdir().expect("a folder");
        let mounted = crate::support::tool(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                &format!("size={kib}k"),
                "tmpfs",
                &dir.path().display().to_string(),
            ],
            "the full-disk test on a small tmpfs",
        );
        mounted.then_some(Self { dir })
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// The bytes free on it.
    fn free(&self) -> u64 {
        let output = Command::new("df")
            .args(["-B1", "--output=avail"])
            .arg(self.dir.path())
            .output()
            .expect("df runs");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .expect("df gives the bytes free")
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// A first render on a disk that fills at any point, the free space stepped a page at a time
/// across everything it writes: each run either succeeds whole, or fails saying why and leaves
/// `out/` as it was, not there (a page put in place before the manifest failed used to stay,
/// vouched for by nothing, and the next render refused every page as not its own); and once
/// there is room the next render finishes the work without `--force`, drafts included.
#[test]
fn a_full_disk_at_any_point_of_a_first_render() {
    let Some(disk) = Tmpfs::mount(1024) else {
        return;
    };
    let project = Project::new();
    project.write(
        "data/inspections/2026-01-05-race.yaml",
        "title: Race and Policing\npublished: 2026-01-05\ntype: national-thematic\nkey_findings: Found.\nresponses:\n  - by: commissioner\n    text: Noted.\nresponse_published: 2026-02-02\ncopies_sent:\n  hmicfrs: 2026-02-02\n  home_secretary: 2026-02-02\n",
    );
    project.write(
        "data/inspections/2026-11-05-draft.yaml",
        "title: A draft\npublished: 2026-11-05\ntype: peel\nkey_findings: Found.\n",
    );
    let out = disk.path("out");
    let drafts = disk.path("drafts");
    let render = || {
        project.run(&[
            "render",
            TODAY[0],
            TODAY[1],
            "--format",
            "md,html",
            "--out",
            &out.display().to_string(),
            "--drafts",
            &drafts.display().to_string(),
        ])
    };
    // What a render with room writes, and the room it takes.
    let room = disk.free();
    assert_eq!(render().code, 0);
    let written = (files(&out).0, files(&drafts).0);
    let needed = room - disk.free();
    let mut failed = 0;
    for pages in 0..=(needed / 4096 + 8) {
        fs::remove_dir_all(&out).expect("removed");
        fs::remove_dir_all(&drafts).expect("removed");
        let filler = disk.path("filler");
        fs::write(
            &filler,
            vec![0u8; usize::try_from(disk.free() - pages * 4096).expect("a size")],
        )
        .expect("the filler");
        let output = render();
        fs::remove_file(&filler).expect("removed");
        if output.code == 0 {
            assert_eq!(
                (files(&out).0, files(&drafts).0),
                written,
                "{pages} pages free"
            );
            continue;
        }
        failed += 1;
        assert_eq!(output.code, 2, "{pages} pages free: {}", output.stderr);
        assert!(
            output.stderr.contains("No space left on device"),
            "{pages} pages free: {}",
            output.stderr
        );
        assert!(
            !out.exists(),
            "{pages} pages free: `out` is left behind, holding {:?}",
            fs::read_dir(&out).map(|entries| entries
                .filter_map(Result::ok)
                .map(|e| e.file_name())
                .collect::<Vec<_>>())
        );
        // With room again, the next render finishes the work, without `--force`.
        let output = render();
        assert_eq!(
            (output.code, (files(&out).0, files(&drafts).0) == written),
            (0, true),
            "{pages} pages free, then room: {}",
            output.stderr
        );
    }
    assert!(failed > 0, "the disk never filled");
}
