//! `respond calendar`: the dates to come as an iCalendar file, on standard output or written
//! whole into a file; nothing at all when a record is invalid, since a calendar that lacks a
//! deadline is worse than none.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::cli::CalendarArgs;
use crate::{CLEAN, FINDINGS, calendar, cmd, load, problem, render};

/// Runs `respond calendar`.
pub(crate) fn run(args: &CalendarArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let found = load::Project::find(args.common.root.as_deref())?;
    // Refused before anything is read, so that a wrong `--out` is said first.
    let destination = args
        .out
        .as_deref()
        .map(|file| destination(&found, file))
        .transpose()?;
    let project = load::load(&found, &[])?;
    let validated = cmd::validate_outlines(project, today)?;
    let office = match &validated.office {
        Some(office) if !validated.has_errors() => office,
        _ => {
            cmd::print_problems(&validated.problems)?;
            writeln!(
                io::stderr().lock(),
                "no calendar written: {}",
                problem::summary(&validated.problems)
            )?;
            return Ok(ExitCode::from(FINDINGS));
        }
    };
    let events = calendar::events(&validated.inspections, office, today);
    let text = calendar::ics(&events, office, today);
    match destination {
        None => io::stdout().lock().write_all(text.as_bytes())?,
        Some((folder, name, shown)) => {
            render::write_atomically(&folder, &name, text.as_bytes())?;
            writeln!(
                io::stderr().lock(),
                "wrote `{shown}`: {}",
                problem::count(events.len(), "date")
            )?;
        }
    }
    Ok(ExitCode::from(CLEAN))
}

/// Where `--out FILE` is written: its folder, its name, and the file as shown. Refuses a
/// folder, a file in no existing folder, and anything in the project's `out/`, which is put on
/// the website: the calendar is for staff, and may name reports still under embargo.
fn destination(found: &load::Project, file: &Path) -> Result<(PathBuf, String, String)> {
    let shown = file.display().to_string();
    let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
        bail!("`{shown}` is not a file name; give `--out` a file, such as `calendar.ics`");
    };
    if file.is_dir() {
        bail!("`{shown}` is a folder; give `--out` a file, such as `calendar.ics`");
    }
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        bail!(
            "the folder `{}` does not exist; create it first, or give `--out` a file in a folder that does",
            folder.display()
        );
    }
    let out = render::real(&found.root.join("out"));
    if render::real(file).starts_with(&out) {
        bail!(
            "`{shown}` is inside `{}`, whose files are published; the calendar is for the office's staff: write it elsewhere, such as `calendar.ics`",
            found.show(&found.local("out"))
        );
    }
    Ok((folder, name.to_owned(), shown))
}
