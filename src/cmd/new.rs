//! `respond new`: the values asked for at a terminal when not given, the record written (never
//! over another) with the schemas editors check it against, and its last day printed.

use std::fs;
use std::io::{self, BufRead as _, IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::NewArgs;
use crate::load::{self, Project, RECORDS_DIR};
use crate::model::InspectionType;
use crate::skeleton::{self, NewRecord, id, skeleton};
use crate::validate;
use crate::{CLEAN, date};

/// Runs `respond new`.
pub(crate) fn run(args: NewArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    // Outside a project nothing is asked and nothing is written.
    let project = load::Project::find(args.common.root.as_deref())?;
    let record = request(args, today)?;
    let local_target_days = local_target_days(&project);
    let path = create(&project, &record)?;
    // The record is written whatever becomes of the schemas, which only help editors.
    if let Err(error) = super::schema::write_into_project(&project, true) {
        eprintln!("warning: {error:#}");
    }
    let duty = record.kind.duty(record.published, None, local_target_days);
    let mut out = io::stdout().lock();
    writeln!(out, "Created {}", project.show(&path))?;
    for line in skeleton::deadline_lines(&record, duty, today) {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::from(CLEAN))
}

/// The record the arguments describe, asking at a terminal for what they leave out. `today`
/// is what `--published today` means.
fn request(args: NewArgs, today: NaiveDate) -> Result<NewRecord> {
    let interactive = !args.no_input && io::stdin().is_terminal();
    let title = value(
        args.title.as_deref(),
        "--title",
        "Title of the report",
        interactive,
        |text| match text.trim() {
            "" => Err("the title is empty".to_owned()),
            title => Ok(title.to_owned()),
        },
    )?;
    let published = value(
        args.published.as_deref(),
        "--published",
        "Day HMICFRS published it (e.g. 25/08/2023, or today)",
        interactive,
        |text| parse_published(text, today),
    )?;
    let kind = match args.kind {
        Some(kind) => kind,
        None => value(
            None,
            "--type",
            "Type of inspection (e.g. national-thematic, peel, fire)",
            interactive,
            |word| InspectionType::parse(word).map_err(|e| format!("{}: {}", e.message, e.help)),
        )?,
    };
    if let Some(link) = &args.link
        && let Some((message, help)) = validate::link_problem(link)
    {
        let message = message.replacen("`link`", "`--link`", 1);
        match help {
            Some(help) => bail!("{message}\n  = help: {help}"),
            None => bail!("{message}"),
        }
    }
    Ok(NewRecord {
        title,
        published,
        kind,
        reference: args.reference,
        link: args.link,
    })
}

/// Asks for a value at the terminal until `parse` accepts it.
fn ask<T>(question: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<T> {
    let stdin = io::stdin();
    loop {
        eprint!("{question}: ");
        io::stderr().flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            bail!("no answer given");
        }
        match parse(line.trim()) {
            Ok(value) => return Ok(value),
            Err(message) => eprintln!("{message}"),
        }
    }
}

/// A date in any accepted form, or `today`.
fn parse_published(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    if text.trim().eq_ignore_ascii_case("today") {
        return Ok(today);
    }
    date::parse(text).map_err(|e| format!("`{text}` is not a valid date: {}; {}", e.reason, e.help))
}

/// A value from its flag, or asked for at a terminal, or an error naming the flag.
fn value<T>(
    given: Option<&str>,
    flag: &str,
    question: &str,
    interactive: bool,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T> {
    match given {
        Some(text) => parse(text).map_err(|message| anyhow::anyhow!("{flag}: {message}")),
        None if interactive => ask(question, parse),
        None => {
            bail!("missing `{flag}` (there is no terminal to ask at; give it on the command line)")
        }
    }
}

/// The office's local target, when its file can be read and is valid.
fn local_target_days(project: &Project) -> Option<u32> {
    let office = load::office(project).ok()??;
    validate::office(&office)?.local_target_days
}

/// Writes the record into `data/inspections/`, never over an existing file nor with an id
/// that a record in any of its folders has, and returns its path.
fn create(project: &Project, record: &NewRecord) -> Result<PathBuf> {
    if let Some((folder, target)) = load::linked_out(project) {
        bail!(
            "`{folder}` is a link to `{}`, outside the project, so respond new writes nothing there\n  = help: make `{folder}` a real folder in the project",
            target.display()
        );
    }
    let id = id(record);
    let dir = project.root.join(RECORDS_DIR);
    let path = dir.join(format!("{id}.yaml"));
    let taken = load::load(project, &[])?
        .records
        .into_iter()
        .find(|r| r.id == id)
        .map(|r| r.file);
    if let Some(file) = taken {
        bail!(
            "`{file}` already exists; respond new never overwrites a record (edit it, or give a different title)"
        );
    }
    fs::create_dir_all(&dir)
        .with_context(|| format!("failed to create `{}`", project.show(&dir)))?;
    let mut file = tempfile::Builder::new()
        .prefix(".respond-new-")
        .tempfile_in(&dir)
        .with_context(|| format!("failed to write in `{}`", project.show(&dir)))?;
    file.write_all(skeleton(record).as_bytes())
        .and_then(|()| crate::files::readable(file.as_file()))
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("failed to write in `{}`", project.show(&dir)))?;
    file.persist_noclobber(&path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "`{}` already exists; respond new never overwrites a record",
                project.show(&path)
            )
        } else {
            anyhow::Error::new(e.error)
                .context(format!("failed to write `{}`", project.show(&path)))
        }
    })?;
    Ok(path)
}
