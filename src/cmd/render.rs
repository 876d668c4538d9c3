//! `respond render`: the arguments made into a render request, the render run, and its outcome
//! reported.

use std::collections::BTreeSet;
use std::io::{self, Write as _};
use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::cli::{RenderArgs, RenderFormat};
use crate::outputs::{Format, Outputs};
use crate::problem;
use crate::render::{self, Outcome, Request};
use crate::templates::Templates;
use crate::{CLEAN, FINDINGS, cmd, load};

/// Runs `respond render`.
pub(crate) fn run(args: &RenderArgs, today: NaiveDate) -> Result<ExitCode> {
    let found = load::Project::find(args.common.root.as_deref())?;
    // Everything is validated (the index lists every record); PATHs choose the pages.
    let project = load::load(&found, &[])?;
    let request = request(&found, args, today)?;
    let templates_dir = args
        .templates
        .clone()
        .unwrap_or_else(|| found.local("templates"));
    if args.templates.is_some() && !templates_dir.is_dir() {
        bail!(
            "the templates folder `{}` does not exist",
            templates_dir.display()
        );
    }
    let templates = Templates::load(Some(&templates_dir))?;
    let out_dir = args.out.clone().unwrap_or_else(|| found.local("out"));
    let shown = found.show(&out_dir);
    // As typed: `.` is clearer than the empty path the project folder is shown as.
    let given = args.out.as_ref().map(|p| p.display().to_string());
    render::refuse_project_folders(
        &out_dir,
        given.as_ref().unwrap_or(&shown),
        &found.root,
        &templates_dir,
    )?;
    let report = render::run(project, &templates, &out_dir, &request)?;
    cmd::print_problems(&report.problems)?;
    let mut err = io::stderr().lock();
    match report.outcome {
        Outcome::Invalid => {
            writeln!(
                err,
                "nothing rendered: {}",
                problem::summary(&report.problems)
            )?;
            Ok(ExitCode::from(FINDINGS))
        }
        Outcome::Checked(plan) if plan.is_clean() => {
            writeln!(
                err,
                "`{shown}` is up to date ({})",
                problem::count(plan.files, "file")
            )?;
            Ok(ExitCode::from(CLEAN))
        }
        Outcome::Checked(plan) => {
            for (what, names) in [
                ("added", &plan.added),
                ("changed", &plan.changed),
                ("stale", &plan.stale),
            ] {
                for name in names {
                    writeln!(err, "{what}: {shown}/{name}")?;
                }
            }
            if plan.manifest {
                // A render was stopped while putting files in place.
                writeln!(err, "changed: {shown}/.respond-manifest")?;
            }
            writeln!(
                err,
                "`{shown}` is not up to date: run `respond render` and commit the result"
            )?;
            Ok(ExitCode::from(FINDINGS))
        }
        Outcome::Written(plan) => {
            writeln!(
                err,
                "rendered {} into `{shown}`: {} written, {} unchanged, {} removed",
                problem::count(plan.files, "file"),
                plan.written(),
                plan.unchanged,
                plan.stale.len()
            )?;
            Ok(ExitCode::from(CLEAN))
        }
    }
}

/// What the arguments ask the render to do.
/// The formats asked for, each once, in one order (the render cache's key depends on it);
/// md and html when none is.
fn formats(asked: &[RenderFormat]) -> Vec<Format> {
    let asked = if asked.is_empty() {
        &[RenderFormat::Md, RenderFormat::Html][..]
    } else {
        asked
    };
    let wanted = |format: Format| {
        asked.iter().any(|a| match a {
            RenderFormat::Md => format == Format::Md,
            RenderFormat::Html => format == Format::Html,
            RenderFormat::Pdf => format == Format::Pdf,
            RenderFormat::All => true,
        })
    };
    Format::ALL.into_iter().filter(|f| wanted(*f)).collect()
}

fn request(project: &load::Project, args: &RenderArgs, today: NaiveDate) -> Result<Request> {
    let chosen = if args.paths.is_empty() {
        None
    } else {
        let selection = load::load(project, &args.paths)?;
        Some(
            selection
                .records
                .into_iter()
                .filter(|r| r.selected)
                .map(|r| r.id)
                .collect::<BTreeSet<_>>(),
        )
    };
    Ok(Request {
        outputs: Outputs::of(&formats(&args.format)),
        chosen,
        check: args.check,
        force: args.force,
        today: args.common.today.unwrap_or(today),
    })
}
