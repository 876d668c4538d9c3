//! `respond new`: the values asked for at a terminal when not given, the record written (never
//! over another), and its last day printed.

use std::fs;
use std::io::{self, BufRead as _, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::NewArgs;
use crate::load::{self, RECORDS_DIR};
use crate::model::InspectionType;
use crate::skeleton::{self, NewRecord, id, skeleton};
use crate::validate;
use crate::{CLEAN, date};

/// Runs `respond new`.
pub(crate) fn run(args: NewArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let root = args.common.root.clone();
    let root = root.as_path();
    let record = request(args)?;
    let local_target_days = local_target_days(root);
    let path = create(root, &record)?;
    let duty = record.kind.duty(record.published, None, local_target_days);
    let mut out = io::stdout().lock();
    writeln!(out, "Created {}", load::display(root, &path))?;
    for line in skeleton::deadline_lines(&record, duty, today) {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::from(CLEAN))
}

/// The record the arguments describe, asking at a terminal for what they leave out.
fn request(args: NewArgs) -> Result<NewRecord> {
    let interactive = !args.no_input && io::stdin().is_terminal();
    let title = value(
        args.title.as_deref(),
        "--title",
        "Title of the report",
        interactive,
        parse_title,
    )?;
    let published = value(
        args.published.as_deref(),
        "--published",
        "Day HMICFRS published it (e.g. 25/08/2023)",
        interactive,
        parse_published,
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
        && !validate::is_web_address(link)
    {
        bail!("--link: `{link}` must be a web address starting with `https://` or `http://`");
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

fn parse_title(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("the title is empty".to_owned())
    } else {
        Ok(text.trim().to_owned())
    }
}

fn parse_published(text: &str) -> Result<NaiveDate, String> {
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
fn local_target_days(root: &Path) -> Option<u32> {
    let office = load::office(root).ok()??;
    validate::office(&office)?.local_target_days
}

/// Writes the record into `root/data/inspections/`, never over an existing file, and returns
/// its path.
fn create(root: &Path, record: &NewRecord) -> Result<PathBuf> {
    let dir = root.join(RECORDS_DIR);
    fs::create_dir_all(&dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
    let path = dir.join(format!("{}.yaml", id(record)));
    if path.exists() {
        bail!(
            "`{RECORDS_DIR}/{}.yaml` already exists; respond new never overwrites a record (edit it, or give a different title)",
            id(record)
        );
    }
    let mut file = tempfile::Builder::new()
        .prefix(".respond-new-")
        .tempfile_in(&dir)
        .with_context(|| format!("failed to write in `{}`", dir.display()))?;
    file.write_all(skeleton(record).as_bytes())
        .and_then(|()| crate::render::readable(file.as_file()))
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("failed to write in `{}`", dir.display()))?;
    file.persist_noclobber(&path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "`{RECORDS_DIR}/{}.yaml` already exists; respond new never overwrites a record",
                id(record)
            )
        } else {
            anyhow::Error::new(e.error).context(format!("failed to write `{}`", path.display()))
        }
    })?;
    Ok(path)
}
