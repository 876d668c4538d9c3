//! `respond validate`: every problem in the records, in compiler form or as JSON.

use std::io::{self, Write as _};
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::{ValidateArgs, ValidateFormat};
use crate::problem::{self, Problem};
use crate::{CLEAN, FINDINGS, cmd, load, pipeline};

/// Runs `respond validate`.
pub(crate) fn run(args: &ValidateArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let project = load::Project::find(args.common.root.as_deref())?;
    let project = load::load(&project, &args.paths)?;
    let validated = pipeline::validated(project, today)?;
    // Counted by file: two files with one id are two records (one of them refused).
    let asked = validated.asked.len();
    let problems = &validated.problems;
    match args.format {
        ValidateFormat::Json => {
            let json: Vec<_> = problems.iter().map(Problem::json).collect();
            writeln!(
                io::stdout().lock(),
                "{}",
                serde_json::to_string_pretty(&json)?
            )?;
        }
        ValidateFormat::Text => {
            cmd::print_problems(problems)?;
            let records = problem::count(asked, "record");
            if problems.is_empty() {
                writeln!(io::stderr().lock(), "checked {records}: no problems")?;
            } else {
                writeln!(
                    io::stderr().lock(),
                    "checked {records}: {}",
                    problem::summary(problems)
                )?;
            }
        }
    }
    let failed = validated.has_errors() || (args.deny_warnings && !problems.is_empty());
    Ok(ExitCode::from(if failed { FINDINGS } else { CLEAN }))
}
