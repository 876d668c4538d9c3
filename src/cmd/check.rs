//! `respond check`: the CI gate's table, in text, JSON or GitHub annotations.

use std::io::{self, Write as _};
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;

use crate::check;
use crate::cli::{CheckArgs, CheckFormat};
use crate::problem::{self, Problem};
use crate::{CLEAN, FINDINGS, cmd, load, pipeline, tracker};

/// Runs `respond check`.
pub(crate) fn run(args: &CheckArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let project = load::Project::find(args.common.root.as_deref())?;
    let project = load::load(&project, &args.paths)?;
    let mut validated = pipeline::validated(project, today)?;
    // Taken: nothing below reads them from `validated`.
    let mut problems = std::mem::take(&mut validated.problems);
    // Without a valid office no record can be judged; its file's problems say why.
    let mut rows = match &validated.office {
        Some(office) => check::rows(&validated, office, today, args.warn_within),
        None => Vec::new(),
    };
    problems.extend(check::problems(&rows));
    if let Some(office) = &validated.office {
        problems.extend(check::copies(&validated, office, today));
    }
    // A warning, never a failure of the gate: the statute sets no time for the follow-up.
    problems.extend(tracker::past_target_problems(validated.selected(), today));
    let failed = problems.iter().any(Problem::is_error);
    let mut out = io::stdout().lock();
    match args.format {
        CheckFormat::Text => {
            write!(out, "{}", check::table(&rows))?;
            writeln!(out, "\n{}", check::counts(&rows))?;
            cmd::print_problems(&problems)?;
            if !problems.is_empty() {
                writeln!(io::stderr().lock(), "{}", problem::summary(&problems))?;
            }
        }
        CheckFormat::Json => {
            // Only the JSON carries each record's problems.
            check::attach(&mut rows, &problems);
            writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
            cmd::print_problems(&problems)?;
        }
        CheckFormat::Github => {
            for problem in &problems {
                writeln!(out, "{}", problem.github())?;
            }
            write!(out, "{}", check::table(&rows))?;
            writeln!(out, "\n{}", check::counts(&rows))?;
        }
    }
    Ok(ExitCode::from(if failed { FINDINGS } else { CLEAN }))
}
