//! `respond schema`: the JSON Schemas of a record and of the office file written to the
//! project's `schemas/` folder (or `--out DIR`), where editors find them. `respond new` and
//! `respond templates` write them too, through [`write`]. A schema file respond wrote is
//! refreshed; a file of the same name that respond did not write is never overwritten.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::cli::SchemaArgs;
use crate::{CLEAN, load, schema};

/// What became of one schema file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// It was written: it was missing, or respond's own and out of date.
    Wrote,
    /// It is respond's own and already up to date.
    UpToDate,
    /// Respond did not write it, so it was left alone.
    NotOurs,
}

/// The schema files in `dir` and what [`write`] would do with each.
fn plan(dir: &Path) -> Result<Vec<(&'static str, PathBuf, String, Outcome)>> {
    let mut plan = Vec::new();
    for (name, text) in schema::files() {
        let path = dir.join(name);
        let outcome = match std::fs::read(&path) {
            Ok(old) if old == text.as_bytes() => Outcome::UpToDate,
            Ok(old) if String::from_utf8_lossy(&old).contains(schema::MARK) => Outcome::Wrote,
            Ok(_) => Outcome::NotOurs,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Outcome::Wrote,
            Err(e) => {
                return Err(e).with_context(|| format!("failed to read `{}`", path.display()));
            }
        };
        plan.push((name, path, text, outcome));
    }
    Ok(plan)
}

/// Writes both schemas into `dir` (created if need be), each whole or not at all, and
/// returns each file with what became of it.
pub(crate) fn write(dir: &Path) -> Result<Vec<(PathBuf, Outcome)>> {
    let plan = plan(dir)?;
    if plan.iter().any(|(_, _, _, o)| *o == Outcome::Wrote) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("failed to create `{}`", dir.display()))?;
    }
    for (name, _, text, outcome) in &plan {
        if *outcome == Outcome::Wrote {
            // Whole or not at all, so that an editor reading it never sees half a schema.
            crate::files::write_atomically(dir, name, text.as_bytes())?;
        }
    }
    Ok(plan.into_iter().map(|(_, path, _, o)| (path, o)).collect())
}

/// Writes the schemas into the project's `schemas/` folder for `new` and `templates`,
/// saying on standard error what it wrote and what it left alone; `quiet` says nothing of a
/// file already up to date.
pub(crate) fn write_into_project(project: &load::Project, quiet: bool) -> Result<()> {
    let dir = project.root.join(schema::FOLDER);
    let mut err = io::stderr().lock();
    for (path, outcome) in write(&dir)? {
        let shown = project.show(&path);
        match outcome {
            Outcome::Wrote => writeln!(err, "wrote {shown}")?,
            Outcome::UpToDate if quiet => {}
            Outcome::UpToDate => writeln!(err, "kept {shown} (up to date)")?,
            Outcome::NotOurs => writeln!(
                err,
                "kept {shown} (respond did not write it, so it is left alone)"
            )?,
        }
    }
    Ok(())
}

/// Runs `respond schema`.
pub(crate) fn run(args: &SchemaArgs) -> Result<ExitCode> {
    // The schemas do not depend on the project: with `--out`, none is needed, but when run in
    // one they do not go among its sources.
    let found = load::Project::find(args.root.as_deref());
    let (dir, project) = match &args.out {
        Some(out) => {
            if let Ok(found) = &found {
                let shown = out.display().to_string();
                crate::cmd::refuse_sources(found, out, &shown, ("out", "editor-schemas"))?;
            }
            (out.clone(), None)
        }
        None => {
            let project = found?;
            (project.root.join(schema::FOLDER), Some(project))
        }
    };
    let show = |path: &Path| match &project {
        Some(project) => project.show(path),
        None => path.display().to_string().replace('\\', "/"),
    };
    // Nothing is written when a file respond did not write is in the way.
    if let Some((_, path, _, _)) = plan(&dir)?
        .into_iter()
        .find(|(_, _, _, o)| *o == Outcome::NotOurs)
    {
        bail!(
            "`{}` was not written by respond, so respond schema leaves it alone\n  = help: move it elsewhere, or write the schemas to another folder with `--out DIR`",
            show(&path)
        );
    }
    let mut err = io::stderr().lock();
    for (path, outcome) in write(&dir)? {
        match outcome {
            Outcome::UpToDate => writeln!(err, "kept {} (up to date)", show(&path))?,
            _ => writeln!(err, "wrote {}", show(&path))?,
        }
    }
    Ok(ExitCode::from(CLEAN))
}
