//! `respond publish ID [--on DATE]`: the moment a response is published. The record is
//! checked as it would be once published (its text with `response_published: DATE` in it),
//! and refused, unchanged, for every reason found: a problem in any record (nothing could be
//! rendered; a related record still a draft among them), an unanswered recommendation
//! (s.55(5B): here an error), a value cut short by ` #` or a field taken for text (published
//! as YAML read them, not as written: here errors), or a response already published.
//! Otherwise the one line is written, the public files rendered (the record's draft files go),
//! and the user told whether it was on time and that copies are due under s.55(6).

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::PublishArgs;
use crate::deadline::{Duty, Publication};
use crate::load::{self, Input, Loaded, Project, RecordInput};
use crate::model::Inspection;
use crate::outputs::Folder;
use crate::problem::{Code, Problem, Severity};
use crate::render::{self, Outcome};
use crate::validate::{self, Validated};
use crate::{CLEAN, FINDINGS, cmd, date, pipeline, publish};

/// Runs `respond publish`.
pub(crate) fn run(args: &PublishArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let on = match &args.on {
        None => today,
        Some(text) if text.trim().eq_ignore_ascii_case("today") => today,
        Some(text) => date::parse(text).map_err(|e| {
            anyhow::anyhow!("--on: `{text}` is not a date: {}; {}", e.reason, e.help)
        })?,
    };
    let found = Project::find(args.common.root.as_deref())?;
    let project = load::load(&found, &[])?;
    let target = find(&project, &args.id)?.clone();
    let Input::Path(path) = target.input.clone() else {
        bail!(
            "`{}` cannot be read, so it cannot be published; run `respond validate` to see why",
            target.file
        );
    };
    let original = fs::read(&path).with_context(|| format!("failed to read `{}`", target.file))?;
    let (edited, line) = publish::with_response_published(&original, on);
    let (validated, already) = validate(project, &target, &original, &edited, today)?;
    let record = validated.inspections.iter().find(|i| i.id == target.id);
    let reasons = reasons(&validated, (&target, line), on, already);
    if !reasons.is_empty() {
        cmd::print_problems(&reasons)?;
        writeln!(
            io::stderr().lock(),
            "`{}` is not published ({}): the file is unchanged",
            target.id,
            crate::problem::count(reasons.len(), "reason")
        )?;
        return Ok(ExitCode::from(FINDINGS));
    }
    let Some(record) = record else {
        bail!("`{}` could not be validated", target.file);
    };
    if record.response_published != Publication::On(on) {
        bail!(
            "`{}` is not published: the line `response_published: {}` could not be added where YAML reads it as the record's; the file is unchanged\n  = help: add it by hand, lined up with the record's other fields such as `title`, then run `respond render`",
            target.id,
            on.format("%Y-%m-%d")
        );
    }
    // A record that is a link is written through to the file it names: the link stays.
    let real =
        fs::canonicalize(&path).with_context(|| format!("failed to read `{}`", target.file))?;
    // Held from before the record changes until its render ends, so that no other render
    // reads the record published and then, when this render fails, a draft reaches `out/`.
    let out = found.local("out");
    let hold = render::Hold::take(&out, false, "publish")
        .with_context(|| format!("`{}` is not published, the file is unchanged", target.id))?;
    if let Err(e) = write(&real, &original, &edited, &target.file) {
        hold.release(&out, false);
        return Err(e);
    }
    let rendered = match reread(&found, &target, &original, &edited, (on, today)) {
        Ok(()) => cmd::render::publishing(&found, today, Some(&hold)),
        Err(e) => {
            write(&real, &edited, &original, &target.file)?;
            hold.release(&out, false);
            return Err(e.context(format!(
                "`{}` is not published, the file is put back as it was",
                target.id
            )));
        }
    };
    let out = match rendered {
        Ok((Outcome::Written(..), out)) => {
            hold.release(&out, true);
            out
        }
        failed => {
            // Put back as it was, and rendered again, so that the record and out/ agree.
            write(&real, &edited, &original, &target.file)?;
            hold.release(&out, false);
            let again = cmd::render::publishing(&found, today, None).err();
            // The first render's own error: the draft's render does not meet it again, or
            // meets it too (said once).
            let why = match failed {
                Err(e) => format!("{e:#}"),
                Ok(_) => "a record is not valid: run `respond validate` to see why".to_owned(),
            };
            let again = again.map(|e| format!("{e:#}")).filter(|e| *e != why);
            bail!(
                "the public files could not be rendered, so `{}` is unchanged: {why}{}",
                target.file,
                again
                    .map(|e| format!(
                        "\nand `out` may not match it until `respond render` succeeds: {e}"
                    ))
                    .unwrap_or_default()
            );
        }
    };
    report(&found, record, &validated, on, &out, &target.file)?;
    Ok(ExitCode::from(CLEAN))
}

/// Reads the record again once written, and validates it with every other record: it must
/// hold what was `edited` and be published `on` the day, with no reason to refuse it.
fn reread(
    found: &Project,
    target: &RecordInput,
    original: &[u8],
    edited: &[u8],
    (on, today): (NaiveDate, NaiveDate),
) -> Result<()> {
    let Input::Path(path) = &target.input else {
        bail!("`{}` cannot be read", target.file);
    };
    let now = fs::read(path).with_context(|| format!("failed to read `{}`", target.file))?;
    let project = load::load(found, &[])?;
    let (validated, _) = validate(project, target, original, &now, today)?;
    let published = validated
        .inspections
        .iter()
        .find(|i| i.id == target.id)
        .is_some_and(|i| i.response_published == Publication::On(on));
    if now != edited || !published || !reasons(&validated, (target, 0), on, None).is_empty() {
        bail!(
            "`{}` did not read back as published once written\n  = help: run `respond validate {}` to see why",
            target.file,
            target.file
        );
    }
    Ok(())
}

/// The record `id` names: its id, or its file's path. A path (anything with a folder or an
/// extension in it: an id has neither) must be one of the project's record files, not merely
/// a file of the same name: a copy elsewhere, or the record's page in `out/`, is refused.
fn find<'a>(project: &'a Loaded, id: &str) -> Result<&'a RecordInput> {
    let given = Path::new(id);
    let stem = given.file_stem().and_then(|s| s.to_str()).unwrap_or(id);
    if given.components().count() > 1 || given.extension().is_some() {
        return find_path(project, given, stem);
    }
    if let Some(input) = project.records.iter().find(|r| r.id == stem) {
        return Ok(input);
    }
    let ids = project.records.iter().map(|r| r.id.as_str());
    let nearest = ids
        .map(|candidate| (strsim::jaro_winkler(stem, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match nearest {
        Some((_, candidate)) => bail!("there is no record `{stem}`; did you mean `{candidate}`?"),
        None => bail!(
            "there is no record `{stem}` in `{}`; give a record's id, its file name without `.yaml`",
            load::RECORDS_DIR
        ),
    }
}

/// The record whose file is `given` (as typed, `stem` its name without extension): the file
/// itself, wherever links lead, or an error that names the record that may have been meant.
fn find_path<'a>(project: &'a Loaded, given: &Path, stem: &str) -> Result<&'a RecordInput> {
    let real = fs::canonicalize(given).ok();
    let found = project.records.iter().find(|r| {
        Path::new(&r.file) == given
            || matches!((&r.input, &real), (Input::Path(path), Some(real))
                if fs::canonicalize(path).is_ok_and(|p| p == *real))
    });
    if let Some(input) = found {
        return Ok(input);
    }
    let what = if real.is_some() {
        "is not one of the project's records"
    } else {
        "does not exist"
    };
    let help = match project.records.iter().find(|r| r.id == stem) {
        Some(record) => format!(
            "to publish the record `{stem}`, give its id, `{stem}`, or its file, `{}`",
            record.file
        ),
        None => format!(
            "give a record's id (its file name without `.yaml`) or its file in `{}`",
            load::RECORDS_DIR
        ),
    };
    bail!(
        "`{}` {what}: nothing is published\n  = help: {help}",
        given.display()
    )
}

/// Every record validated as it stands, but `target` as it would be published (`edited`);
/// and the response `target` already has, if any.
fn validate(
    project: Loaded,
    target: &RecordInput,
    original: &[u8],
    edited: &[u8],
    today: NaiveDate,
) -> Result<(Validated, Option<Publication>)> {
    let before = validate::alone(
        project.office.as_ref(),
        target.id.clone(),
        load::parse_bytes(target.file.clone(), original.to_vec()),
        today,
    );
    let already = before
        .map(|i| i.response_published)
        .filter(|p| Folder::of(*p) == Folder::Out);
    let validated = pipeline::validated_with(project, today, Some((&target.file, edited)))?;
    Ok((validated, already))
}

/// Why `target` cannot be published: the errors in any record (a draft in `related` among
/// them), the unanswered recommendations of `target` and its values cut by ` #` or fields
/// taken for text (errors here), and a response already published.
/// `line` is the line of the target's text that publishing adds: a problem found there is
/// about the day asked for, `on`, not about a line of the file.
fn reasons(
    validated: &Validated,
    (target, line): (&RecordInput, usize),
    on: NaiveDate,
    already: Option<Publication>,
) -> Vec<Problem> {
    if let Some(published) = already {
        let when = match published {
            Publication::On(day) => format!("on {}", date::long(day)),
            _ => "(its `response_published` is `undated`)".to_owned(),
        };
        return vec![
            Problem::file(
                Severity::Error,
                Code::AlreadyPublished,
                &target.file,
                format!("the response is already published {when}"),
            )
            .with_help("nothing to do; to correct the day, edit `response_published` in the file"),
        ];
    }
    let reasons: Vec<Problem> = validated
        .problems
        .iter()
        .filter(|p| {
            // A value cut short by ` #`, or a field taken for text, would be published as
            // YAML read it, not as written: here an error.
            p.is_error()
                || (p.file == target.file
                    && matches!(
                        p.code,
                        Code::UnansweredRecommendation | Code::CutByComment | Code::FieldInText
                    ))
        })
        .cloned()
        .map(|mut p| {
            p.severity = Severity::Error;
            if p.file == target.file && p.location.is_some_and(|l| l.line == line) {
                p.location = None;
                p.source_line = None;
                if p.code == Code::PublishedWithoutResponses {
                    p.message =
                        "the record has no `responses`, so the response cannot be published"
                            .to_owned();
                    p.help = Some(
                        "add the office's comments (and the chief officer's) under `responses:`, then publish again".to_owned(),
                    );
                }
                p.message = p.message.replace(
                    "`response_published`",
                    &format!("the day to publish it, {},", date::long(on)),
                );
            }
            if p.code == Code::PublishedWithPlaceholder {
                // The record does not say it is published yet: publish would say so.
                p.message = p.message.replace(
                    ", and the response is recorded as published",
                    ", so the response cannot be published",
                );
                p.help = Some("replace it with the real text, then publish again".to_owned());
            }
            p
        })
        .collect();
    reasons
}

/// Replaces the file at `path`, which should still hold `expected`, with `contents`: through a
/// temporary file beside it, renamed over it, so that it is never half written; with the
/// original's permissions.
fn write(path: &Path, expected: &[u8], contents: &[u8], shown: &str) -> Result<()> {
    let now = fs::read(path).with_context(|| format!("failed to read `{shown}`"))?;
    if now != expected {
        bail!("`{shown}` changed while respond publish was running; save it, then publish again");
    }
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    remove_temporaries(&dir);
    let permissions = fs::metadata(path)
        .with_context(|| format!("failed to read `{shown}`"))?
        .permissions();
    let mut file = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(&dir)
        .with_context(|| format!("failed to write beside `{shown}`"))?;
    file.write_all(contents)
        .and_then(|()| file.as_file().set_permissions(permissions))
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("failed to write beside `{shown}`"))?;
    file.persist(path)
        .map_err(|e| anyhow::Error::new(e.error).context(format!("failed to write `{shown}`")))?;
    Ok(())
}

/// How the names of publish's temporary files begin; six letters or digits follow.
const TEMP_PREFIX: &str = ".respond-publish-";

/// Removes the temporary files a publish that was killed left in `dir` (load never takes a
/// dot-file for a record, but they would pile up).
fn remove_temporaries(dir: &Path) {
    crate::files::remove_files(dir, |name| crate::files::is_temporary_of(name, TEMP_PREFIX));
}

/// What the user is told once the response is published.
fn report(
    project: &Project,
    record: &Inspection,
    validated: &Validated,
    on: NaiveDate,
    out: &Path,
    file: &str,
) -> Result<()> {
    let Some(office) = validated.office.as_ref() else {
        bail!("the office file could not be read");
    };
    let mut lines = vec![format!(
        "Published `{}` on {}: `response_published: {}` is in `{file}`.",
        record.id,
        date::long_with_weekday(on),
        on.format("%Y-%m-%d")
    )];
    let duty = record.duty(office);
    if let Some(last) = record.last_day(office) {
        let days = (on - last).num_days();
        let target = if duty == Duty::Statutory {
            "the statutory last day"
        } else {
            "the office's target"
        };
        lines.push(match days {
            ..0 => format!(
                "On time: {} before {target}, {}.",
                crate::problem::count(days.unsigned_abs() as usize, "day"),
                date::long_with_weekday(last)
            ),
            0 => format!("On time: on {target}, {}.", date::long_with_weekday(last)),
            _ => format!(
                "Late: {} after {target}, {}.",
                crate::problem::count(days as usize, "day"),
                date::long_with_weekday(last)
            ),
        });
    } else {
        lines.push("No deadline applies to this report.".to_owned());
    }
    let shown = project.show(out);
    let pages: Vec<String> = ["html", "md", "pdf"]
        .iter()
        .map(|ext| out.join(format!("{}.{ext}", record.id)))
        .filter(|p| p.exists())
        .map(|p| format!("`{}`", project.show(&p)))
        .collect();
    lines.push(format!(
        "Its public files are in `{shown}`: {}. Put them on the website with the rest of `{shown}`.",
        pages.join(", ")
    ));
    if duty == Duty::Statutory {
        let copy = ["pdf", "html"]
            .iter()
            .map(|ext| out.join(format!("{}.{ext}", record.id)))
            .find(|p| p.exists())
            .map(|p| project.show(&p))
            .unwrap_or_default();
        lines.push(format!(
            "Copies are now due to HMICFRS and to the Home Secretary (Police Act 1996 s.55(6)): send them `{copy}`."
        ));
        lines.push(format!(
            "When they have gone, record the days in `{file}`:\n\ncopies_sent:\n  hmicfrs: YYYY-MM-DD\n  home_secretary: YYYY-MM-DD"
        ));
    }
    let mut stdout = io::stdout().lock();
    for line in lines {
        writeln!(stdout, "{line}")?;
    }
    Ok(())
}
