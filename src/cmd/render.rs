//! `respond render`: the arguments made into a render request, the render run, and its outcome
//! reported.

use std::collections::BTreeSet;
use std::io::{self, Write as _};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::{RenderArgs, RenderFormat};
use crate::outputs::{Format, Outputs};
use crate::problem;
use crate::render::{self, Outcome, Request};
use crate::templates::Templates;
use crate::{CLEAN, FINDINGS, cmd, files, load};

/// Runs `respond render`.
pub(crate) fn run(args: &RenderArgs, today: NaiveDate) -> Result<ExitCode> {
    let found = load::Project::find(args.common.root.as_deref())?;
    // Everything is validated (the index lists every record); PATHs choose the pages.
    let project = load::load(&found, &[])?;
    let office = office_formats(&project);
    let request = request(&found, args, (today, office.as_deref()))?;
    let templates_dir = cmd::templates_folder(&found, args.templates.as_deref())?;
    let templates = Templates::load(Some(&templates_dir))?;
    let out_dir = args.out.clone().unwrap_or_else(|| found.local("out"));
    let (shown, drafts_shown) =
        refuse_folders(&found, args, (&out_dir, &request.drafts), &templates_dir)?;
    let progress = cmd::Progress::start("rendering");
    let report = render::run(project, &templates, &out_dir, &request);
    progress.finish();
    let report = report?;
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
        Outcome::Written(plan, drafts) => {
            writeln!(
                err,
                "rendered {} into `{shown}`: {} written, {} unchanged, {} removed",
                problem::count(plan.files, "file"),
                plan.written(),
                plan.unchanged,
                plan.stale.len()
            )?;
            if let Some(drafts) = drafts {
                writeln!(
                    err,
                    "rendered {} into `{drafts_shown}` (not published): {} written, {} unchanged, {} removed",
                    problem::count(drafts.files, "file"),
                    drafts.written(),
                    drafts.unchanged,
                    drafts.stale.len()
                )?;
            }
            Ok(ExitCode::from(CLEAN))
        }
    }
}

/// Refuses an `out_dir` or a drafts folder that is in the project's way, or one inside the
/// other; returns how each is shown.
fn refuse_folders(
    found: &load::Project,
    args: &RenderArgs,
    (out_dir, drafts): (&Path, &Path),
    templates_dir: &Path,
) -> Result<(String, String)> {
    let shown = found.show(out_dir);
    // As typed: `.` is clearer than the empty path the project folder is shown as.
    let given = args.out.as_ref().map(|p| p.display().to_string());
    refuse_project_folders(
        out_dir,
        given.as_ref().unwrap_or(&shown),
        &found.root,
        templates_dir,
        "out",
    )?;
    let drafts_shown = found.show(drafts);
    let drafts_given = args.drafts.as_ref().map(|p| p.display().to_string());
    refuse_project_folders(
        drafts,
        drafts_given.as_ref().unwrap_or(&drafts_shown),
        &found.root,
        templates_dir,
        "drafts",
    )?;
    refuse_overlap(
        (out_dir, given.as_ref().unwrap_or(&shown)),
        (drafts, drafts_given.as_ref().unwrap_or(&drafts_shown)),
    )?;
    Ok((shown, drafts_shown))
}

/// The formats asked for, each once, in one order (the render cache's key depends on it);
/// when none is, the office's `formats`, or else md and html.
fn formats(asked: &[RenderFormat], office: Option<&[Format]>) -> Vec<Format> {
    if asked.is_empty() {
        let office = office.unwrap_or(&[Format::Md, Format::Html]);
        return Format::ALL
            .into_iter()
            .filter(|f| office.contains(f))
            .collect();
    }
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

/// The `formats` of the project's office file, when it is valid and gives them.
fn office_formats(project: &load::Loaded) -> Option<Vec<Format>> {
    crate::validate::office(project.office.as_ref()?)?.formats
}

/// What the arguments ask the render to do.
fn request(
    project: &load::Project,
    args: &RenderArgs,
    (today, office): (NaiveDate, Option<&[Format]>),
) -> Result<Request> {
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
        outputs: Outputs::of(&formats(&args.format, office)),
        chosen,
        check: args.check,
        force: args.force,
        today: args.common.today.unwrap_or(today),
        drafts: args
            .drafts
            .clone()
            .unwrap_or_else(|| project.local("drafts")),
    })
}

/// The render `respond publish` runs once the record says it is published: every record, with
/// the project's templates, into the project's `out/` and `drafts/`, in the office's formats,
/// under the lock of `out/` that publish `held` (or else one of its own). Returns how it ended
/// and the `out/` folder.
pub(crate) fn publishing(
    project: &load::Project,
    today: NaiveDate,
    held: Option<&render::Hold>,
) -> Result<(Outcome, std::path::PathBuf)> {
    let loaded = load::load(project, &[])?;
    let templates = Templates::load(Some(&project.local("templates")))?;
    let out = project.local("out");
    let office = office_formats(&loaded);
    let request = Request {
        outputs: Outputs::of(&formats(&[], office.as_deref())),
        chosen: None,
        check: false,
        force: false,
        today,
        drafts: project.local("drafts"),
    };
    let report = match held {
        Some(hold) => render::run_held(loaded, &templates, &out, &request, hold)?,
        None => render::run(loaded, &templates, &out, &request)?,
    };
    Ok((report.outcome, out))
}

/// Refuses an `out` (shown as `shown`) that is the project folder `root`, is or sits inside
/// its records or templates (`templates` is the folder in use), or holds either: pages
/// written there would be read as records or templates by the next command, or written over
/// them. Compared by where the folders really are (links resolved, `..` followed); a folder
/// that does not exist yet is placed by its nearest existing parent.
/// `folder` is `out` or `drafts`, the option that names the folder and the folder it names by
/// default.
pub(crate) fn refuse_project_folders(
    out: &Path,
    shown: &str,
    root: &Path,
    templates: &Path,
    folder: &str,
) -> Result<()> {
    let out_real = files::real(out);
    let root_real = files::real(root);
    let help = format!("give `--{folder}` a folder of its own, such as `{folder}`");
    if out_real == root_real {
        anyhow::bail!("`{shown}` is the project folder itself; {help}");
    }
    let folders = [
        (
            files::real(&root.join("data")),
            "the project's `data` folder, which holds the records",
        ),
        (
            files::real(&root.join("templates")),
            "the project's `templates` folder",
        ),
        (files::real(templates), "the templates folder in use"),
    ];
    for (folder, what) in &folders {
        if out_real.starts_with(folder) {
            let place = if out_real == *folder {
                "is"
            } else {
                "is inside"
            };
            anyhow::bail!("`{shown}` {place} {what}; {help}");
        }
        if folder.starts_with(&out_real) {
            anyhow::bail!("`{shown}` holds {what}; {help}");
        }
    }
    Ok(())
}

/// Refuses a drafts folder that is, or is inside, the public `out/` folder (or holds it): drafts
/// there would be put on the website with it.
pub(crate) fn refuse_overlap(
    (out, out_shown): (&Path, &str),
    (drafts, drafts_shown): (&Path, &str),
) -> Result<()> {
    let (out_real, drafts_real) = (files::real(out), files::real(drafts));
    let help = "the drafts must be kept apart from what is published: give `--drafts` a folder beside `out`, such as `drafts`";
    if drafts_real.starts_with(&out_real) {
        anyhow::bail!(
            "the drafts folder `{drafts_shown}` is or is inside `{out_shown}`, whose files are published; {help}"
        );
    }
    if out_real.starts_with(&drafts_real) {
        anyhow::bail!("`{out_shown}` is inside the drafts folder `{drafts_shown}`; {help}");
    }
    Ok(())
}
