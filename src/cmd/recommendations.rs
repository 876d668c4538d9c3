//! `respond recommendations`: the tracker the Police and Crime Panel reads, in text, JSON,
//! CSV, Markdown or HTML on standard output.

use std::io::{self, Write as _};
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::{RecommendationsArgs, TrackerFormat};
use crate::problem::{self, Problem};
use crate::templates::Templates;
use crate::validate::Validated;
use crate::{CLEAN, FINDINGS, cmd, load, pipeline, tracker};

/// A file name to suggest for the tracker in `format`.
fn example(format: TrackerFormat) -> &'static str {
    match format {
        TrackerFormat::Text => "tracker.txt",
        TrackerFormat::Json => "tracker.json",
        TrackerFormat::Csv => "tracker.csv",
        TrackerFormat::Md => "tracker.md",
        TrackerFormat::Html => "tracker.html",
    }
}

/// Runs `respond recommendations`.
pub(crate) fn run(args: &RecommendationsArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let project = load::Project::find(args.common.root.as_deref())?;
    let example = example(args.format);
    // Refused before anything is read, so that a wrong `--out` is said first.
    let destination = args
        .out
        .as_deref()
        .map(|file| cmd::destination(&project, file, "the tracker", example))
        .transpose()?;
    // Loaded before any record is read, so that a broken template stops the run at once.
    let templates = match args.format {
        TrackerFormat::Md | TrackerFormat::Html => {
            Some(Templates::load(Some(&project.local("templates")))?)
        }
        TrackerFormat::Text | TrackerFormat::Json | TrackerFormat::Csv => None,
    };
    let loaded = load::load(&project, &args.records)?;
    let validated = pipeline::validated(loaded, today)?;
    let office = validated
        .office
        .as_ref()
        .filter(|_| !validated.has_errors());
    let Some(office) = office else {
        return refuse(&validated, today);
    };
    let rows = tracker::rows(
        validated.selected().map(tracker::Report::from),
        &args.status,
        today,
    );
    let summary = tracker::summary(&rows);
    let warnings = tracker::warnings(&rows, today);
    let mut out: Vec<u8> = Vec::new();
    match args.format {
        TrackerFormat::Text => {
            if rows.is_empty() {
                writeln!(out, "{}", tracker::nothing(&args.status))?;
            } else {
                out = tracker::table(&rows).into_bytes();
                writeln!(out, "\n{}", summary.line())?;
            }
        }
        TrackerFormat::Json => {
            writeln!(out, "{}", tracker::json(&rows, &summary, today)?)?;
        }
        TrackerFormat::Csv => out.write_all(&tracker::csv(&rows)?)?,
        TrackerFormat::Md | TrackerFormat::Html => {
            let Some(templates) = &templates else {
                anyhow::bail!("the templates were not loaded");
            };
            let document = tracker::Document {
                templates,
                office,
                rows: &rows,
                summary: &summary,
                statuses: &args.status,
                today,
                latest: false,
            };
            let extension = if args.format == TrackerFormat::Md {
                "md"
            } else {
                "html"
            };
            write!(out, "{}", document.render(extension)?)?;
        }
    }
    match destination {
        None => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(&out)?;
            stdout.flush()?;
        }
        Some((folder, name, shown)) => {
            crate::files::write_atomically(&folder, &name, &out)?;
            writeln!(
                io::stderr().lock(),
                "wrote `{shown}`: {}",
                problem::count(rows.len(), "item")
            )?;
        }
    }
    // The JSON carries the days past target in its rows: standard error stays clean of them.
    if args.format != TrackerFormat::Json && !warnings.is_empty() {
        cmd::print_problems(&warnings)?;
        writeln!(io::stderr().lock(), "{}", problem::summary(&warnings))?;
    }
    Ok(ExitCode::from(CLEAN))
}

/// What the tracker prints when a record (or the office file) is invalid: a tracker that left
/// the record out would mislead whoever reads it, so nothing but the problems of the files with
/// an error (and the warnings of the items past their target), and exit status 1.
fn refuse(validated: &Validated, today: NaiveDate) -> Result<ExitCode> {
    let invalid: std::collections::HashSet<&str> = validated
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.file.as_str())
        .collect();
    let mut problems: Vec<Problem> = validated
        .problems
        .iter()
        .filter(|p| invalid.contains(p.file.as_str()))
        .cloned()
        .collect();
    problems.extend(tracker::past_target_problems(validated.selected(), today));
    crate::problem::sort(&mut problems);
    cmd::print_problems(&problems)?;
    writeln!(
        io::stderr().lock(),
        "{}\nthe tracker is not printed while a record is invalid: put right the errors above",
        problem::summary(&problems)
    )?;
    Ok(ExitCode::from(FINDINGS))
}
