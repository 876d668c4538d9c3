//! The commands, one file each: each turns its arguments into a request, runs the library on
//! it and reports, and returns the exit status. What they share is here.

pub(crate) mod calendar;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod help;
pub(crate) mod man;
pub(crate) mod new;
pub(crate) mod publish;
pub(crate) mod recommendations;
pub(crate) mod render;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod templates;
pub(crate) mod validate;

use std::io::{self, Write as _};

use anyhow::Result;

use crate::load;
use crate::problem::Problem;

/// A spinner on standard error for work that may take a while, around the library's call:
/// drawn only once the work has run for about a second, and only at a terminal, so that a
/// quick command, a pipe or a CI log never sees it. The library knows nothing of it.
pub(crate) struct Progress {
    stop: Option<(std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>)>,
}

impl Progress {
    /// Shows the spinner after a second, saying `what` is being done.
    pub(crate) fn start(what: &'static str) -> Self {
        use std::io::IsTerminal as _;
        if !io::stderr().is_terminal() {
            return Self { stop: None };
        }
        let (stop, stopped) = std::sync::mpsc::channel();
        let waiting = std::thread::spawn(move || {
            if stopped
                .recv_timeout(std::time::Duration::from_secs(1))
                .is_ok()
            {
                return;
            }
            let spinner = indicatif::ProgressBar::new_spinner();
            // A block that grows and shrinks: the work's length is not known here.
            let frames = ["█", "██", "███", "████", "███", "██", "█"];
            spinner.set_style(
                indicatif::ProgressStyle::with_template("{msg} {spinner}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner())
                    .tick_strings(&frames),
            );
            spinner.set_message(what);
            spinner.enable_steady_tick(std::time::Duration::from_millis(100));
            let _ = stopped.recv();
            spinner.finish_and_clear();
        });
        Self {
            stop: Some((stop, waiting)),
        }
    }

    /// Ends it, leaving nothing on the screen.
    pub(crate) fn finish(self) {
        if let Some((stop, waiting)) = self.stop {
            let _ = stop.send(());
            let _ = waiting.join();
        }
    }
}

/// Prints problems in compiler form on standard error, a blank line after each, in colour
/// when that is wanted (at a terminal that shows it, unless `NO_COLOR` or `--color never`).
/// Without colour they are formatted plain and written as they are, rather than formatted in
/// colour for anstream to take the colours out of every byte again.
pub(crate) fn print_problems(problems: &[Problem]) -> io::Result<()> {
    let coloured = anstream::AutoStream::choice(&io::stderr()) != anstream::ColorChoice::Never;
    let text: String = problems
        .iter()
        .map(|problem| {
            if coloured {
                format!("{}\n\n", problem.styled())
            } else {
                format!("{problem}\n\n")
            }
        })
        .collect();
    let put = |mut err: Box<dyn io::Write + '_>| {
        err.write_all(text.as_bytes())?;
        err.flush()
    };
    if coloured {
        put(Box::new(anstream::stderr().lock()))
    } else {
        put(Box::new(io::stderr().lock()))
    }
}

/// The templates folder a command reads: `given` (`--templates`), which must exist, or else
/// the project's `templates/`, which need not (the defaults are used then).
pub(crate) fn templates_folder(
    project: &load::Project,
    given: Option<&std::path::Path>,
) -> Result<std::path::PathBuf> {
    match given {
        Some(dir) if !dir.is_dir() => {
            anyhow::bail!("the templates folder `{}` does not exist", dir.display())
        }
        Some(dir) => Ok(dir.to_path_buf()),
        None => Ok(project.local("templates")),
    }
}

/// Where `--out FILE` is written: its folder, its name, and the file as shown. Refuses a
/// folder, a file in no existing folder, the project's sources ([`refuse_sources`]), and
/// anything in the project's `out/`, which is put on the website: `what` (the calendar, the tracker) is for the office, and may name reports
/// not yet published. `example` is a file name to suggest.
pub(crate) fn destination(
    found: &load::Project,
    file: &std::path::Path,
    what: &str,
    example: &str,
) -> Result<(std::path::PathBuf, String, String)> {
    use anyhow::bail;
    let shown = file.display().to_string();
    let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
        bail!("`{shown}` is not a file name; give `--out` a file, such as `{example}`");
    };
    if file.is_dir() {
        bail!("`{shown}` is a folder; give `--out` a file, such as `{example}`");
    }
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !folder.is_dir() {
        bail!(
            "the folder `{}` does not exist; create it first, or give `--out` a file in a folder that does",
            folder.display()
        );
    }
    refuse_sources(found, file, &shown, ("out", example))?;
    let out = crate::files::real(&found.root.join("out"));
    if crate::files::real(file).starts_with(&out) {
        bail!(
            "`{shown}` is inside `{}`, whose files are published; {what} is for the office: write it elsewhere, such as `{example}`",
            found.show(&found.local("out"))
        );
    }
    Ok((folder, name.to_owned(), shown))
}

/// Refuses a destination `path` (shown as `shown`, given with `--{option}`, `example` a place
/// to suggest) in the project's sources: `data/` (the office file and the records, and
/// anything beside them) and `templates/`, which a file written there would overwrite or be
/// read as. Compared where they really are (links and `..` followed).
pub(crate) fn refuse_sources(
    found: &load::Project,
    path: &std::path::Path,
    shown: &str,
    (option, example): (&str, &str),
) -> Result<()> {
    let real = crate::files::real(path);
    for (folder, what) in [
        ("data", "the office file and the records"),
        ("templates", "the templates"),
    ] {
        let dir = found.root.join(folder);
        if real.starts_with(crate::files::real(&dir)) {
            anyhow::bail!(
                "`{shown}` is in `{}`, which holds {what}: respond writes nothing there\n  = help: give `--{option}` a place outside `data` and `templates`, such as `{example}`",
                found.show(&dir)
            );
        }
    }
    Ok(())
}
