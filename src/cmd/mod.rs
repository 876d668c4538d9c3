//! The commands, one file each: each turns its arguments into a request, runs the library on
//! it and reports, and returns the exit status. What they share is here.

pub(crate) mod check;
pub(crate) mod help;
pub(crate) mod new;
pub(crate) mod publish;
pub(crate) mod render;
pub(crate) mod templates;
pub(crate) mod validate;

use std::io::{self, Write as _};

use anyhow::Result;
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::load::{self, Loaded};
use crate::problem::Problem;
use crate::validate::{Session, Validated};

/// Prints problems in compiler form on standard error, a blank line after each.
pub(crate) fn print_problems(problems: &[Problem]) -> io::Result<()> {
    let mut err = io::BufWriter::new(io::stderr().lock());
    for problem in problems {
        writeln!(err, "{problem}\n")?;
    }
    err.flush()
}

/// Reads and validates every record of `project` (in parallel, each record's text dropped as
/// soon as it is validated, keeping only its outline), as of `today`: what `validate` and
/// `check` report on.
pub(crate) fn validate_outlines(project: Loaded, today: NaiveDate) -> Result<Validated> {
    let session = Session::new(project.office.as_ref(), project.problems, today);
    let checked = project
        .records
        .into_par_iter()
        .map(|input| {
            let file = load::read(&input.file, input.input)?;
            let mut checked = session.record(input.id, file, input.selected);
            checked.inspection = checked.inspection.map(crate::model::Inspection::outline);
            Ok(checked)
        })
        .collect::<Result<_>>()?;
    Ok(session.finish(checked))
}
