//! The one way every command gets its records: the project's files, found by `load`, are read
//! (all the reading on the way in is `load`'s) and each record validated on its own, in
//! parallel, then the checks across records are made (`validate`'s [`Session`]). `validate`,
//! `check`, `render`, `serve`, `publish`, `recommendations` and `calendar` all take their
//! validated project from here, whole: every record read once, every model kept.

use anyhow::Result;
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::load::{self, Loaded};
use crate::validate::{Session, Validated};

/// Reads and validates every record of `project` as of `today`.
pub(crate) fn validated(project: Loaded, today: NaiveDate) -> Result<Validated> {
    validated_with(project, today, None)
}

/// [`validated`], with the record whose file is shown as `edit.0` read as the bytes `edit.1`
/// instead of its file's (`publish` validates a record as it would be published).
pub(crate) fn validated_with(
    project: Loaded,
    today: NaiveDate,
    edit: Option<(&str, &[u8])>,
) -> Result<Validated> {
    let session = Session::new(project.office.as_ref(), project.problems, today);
    // A Vec of results, which rayon writes in place, rather than a `Result<Vec<_>>`, which it
    // gathers in pieces and copies into one on this thread.
    let checked: Vec<Result<_>> = project
        .records
        .into_par_iter()
        .map(|input| {
            let file = match edit {
                Some((shown, bytes)) if shown == input.file => {
                    load::parse_bytes(input.file.clone(), bytes.to_vec())
                }
                _ => load::read(&input.file, input.input)?,
            };
            Ok(session.record(input.id, file, input.selected))
        })
        .collect();
    let checked = checked.into_iter().collect::<Result<_>>()?;
    Ok(session.finish(checked))
}
