//! `respond calendar`: the dates to come as an iCalendar file, on standard output or written
//! whole into a file; nothing at all when a record is invalid, since a calendar that lacks a
//! deadline is worse than none.

use std::io::{self, Write as _};
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::CalendarArgs;
use crate::{CLEAN, FINDINGS, calendar, cmd, files, load, pipeline, problem};

/// Runs `respond calendar`.
pub(crate) fn run(args: &CalendarArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let found = load::Project::find(args.common.root.as_deref())?;
    // Refused before anything is read, so that a wrong `--out` is said first.
    let destination = args
        .out
        .as_deref()
        .map(|file| cmd::destination(&found, file, "the calendar", "calendar.ics"))
        .transpose()?;
    let project = load::load(&found, &[])?;
    let validated = pipeline::validated(project, today)?;
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
            files::write_atomically(&folder, &name, text.as_bytes())?;
            writeln!(
                io::stderr().lock(),
                "wrote `{shown}`: {}",
                problem::count(events.len(), "date")
            )?;
        }
    }
    Ok(ExitCode::from(CLEAN))
}
