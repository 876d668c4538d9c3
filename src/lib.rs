//! `respond` keeps an Office of the Police (Fire) and Crime Commissioner's statutory responses
//! to HMICFRS inspection reports: one YAML record per inspection, validated with precise
//! diagnostics, checked against the 56-day clock of Police Act 1996 s.55(5A).
//!
//! Data flows one way: [`load`] reads the files into located YAML trees, [`validate`] turns
//! them into the [`model`] and collects every [`problem`], then [`check`] (or `new`) works on
//! the model, and [`run`] reports. The clock is pure ([`deadline`]): "today" is computed once
//! by the binary and passed in.

pub mod build;
pub mod check;
pub mod cli;
pub mod date;
pub mod deadline;
pub mod holidays;
pub mod load;
pub mod markdown;
pub mod model;
pub mod new;
pub mod out;
pub mod problem;
pub mod render;
pub mod validate;
pub mod yaml;

use std::io::{self, BufRead as _, IsTerminal as _, Write as _};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::{
    CheckArgs, CheckFormat, Cli, Command, NewArgs, RenderArgs, RenderFormat, TemplatesArgs,
    ValidateArgs, ValidateFormat,
};
use crate::model::InspectionType;
use crate::problem::Problem;

/// Exit status: everything is in order.
pub const CLEAN: u8 = 0;
/// Exit status: findings (invalid records, overdue responses).
pub const FINDINGS: u8 = 1;
/// Exit status: the program could not run.
pub const COULD_NOT_RUN: u8 = 2;

/// Runs a command. `today` is the date in Europe/London, used unless `--today` is given.
pub fn run(cli: Cli, today: NaiveDate) -> Result<ExitCode> {
    match cli.command {
        Command::New(args) => new(args, today),
        Command::Validate(args) => validate_command(&args, today),
        Command::Render(args) => render_command(&args, today),
        Command::Check(args) => check_command(&args, today),
        Command::Templates(args) => templates_command(&args),
    }
}

fn print_problems(problems: &[Problem]) -> io::Result<()> {
    let mut err = io::BufWriter::new(io::stderr().lock());
    for problem in problems {
        writeln!(err, "{problem}\n")?;
    }
    err.flush()
}

fn validate_command(args: &ValidateArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let loaded = load::load(&args.common.root, &args.paths)?;
    let validated = validate::validate_outlines(loaded, today)?;
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
            print_problems(problems)?;
            let records = problem::count(validated.selected.len(), "record");
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

fn render_command(args: &RenderArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let root = &args.common.root;
    // Everything is validated (the index lists every record); PATHs choose the pages.
    let loaded = load::load(root, &[])?;
    let chosen = if args.paths.is_empty() {
        None
    } else {
        let selection = load::load(root, &args.paths)?;
        Some(
            selection
                .records
                .into_iter()
                .filter(|r| r.selected)
                .map(|r| r.id)
                .collect::<Vec<_>>(),
        )
    };
    let templates_dir = out::resolve(root, args.templates.as_deref(), "templates");
    if args.templates.is_some() && !templates_dir.is_dir() {
        bail!(
            "the templates folder `{}` does not exist",
            templates_dir.display()
        );
    }
    let templates = render::Templates::load(Some(&templates_dir))?;
    let formats: &[render::Format] = match args.format {
        RenderFormat::Md => &[render::Format::Markdown],
        RenderFormat::Html => &[render::Format::Html],
        RenderFormat::All => &[render::Format::Markdown, render::Format::Html],
    };
    let out_dir = out::resolve(root, args.out.as_deref(), "out");
    let shown = load::display(root, &out_dir);
    let request = build::Request {
        formats,
        chosen,
        check: args.check,
        force: args.force,
        today,
    };
    let report = build::render(loaded, &templates, &out_dir, &request)?;
    print_problems(&report.problems)?;
    let mut err = io::stderr().lock();
    match report.outcome {
        build::Ended::Invalid => {
            writeln!(
                err,
                "nothing rendered: {}",
                problem::summary(&report.problems)
            )?;
            Ok(ExitCode::from(FINDINGS))
        }
        build::Ended::Checked(plan, files) => {
            if plan.is_clean() {
                writeln!(
                    err,
                    "`{shown}` is up to date ({})",
                    problem::count(files, "file")
                )?;
                return Ok(ExitCode::from(CLEAN));
            }
            for (what, names) in [
                ("added", &plan.added),
                ("changed", &plan.changed),
                ("stale", &plan.stale),
            ] {
                for name in names {
                    writeln!(err, "{what}: {shown}/{name}")?;
                }
            }
            writeln!(
                err,
                "`{shown}` is not up to date: run `respond render` and commit the result"
            )?;
            Ok(ExitCode::from(FINDINGS))
        }
        build::Ended::Written { plan, files } => {
            writeln!(
                err,
                "rendered {} into `{shown}`: {} written, {} unchanged, {} removed",
                problem::count(files, "file"),
                plan.added.len() + plan.changed.len(),
                plan.unchanged,
                plan.stale.len()
            )?;
            Ok(ExitCode::from(CLEAN))
        }
    }
}

fn templates_command(args: &TemplatesArgs) -> Result<ExitCode> {
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| args.root.join("templates"));
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("failed to create `{}`", dir.display()))?;
    let mut err = io::stderr().lock();
    for (name, text) in render::DEFAULT_TEMPLATES {
        let path = dir.join(name);
        let shown = load::display(&args.root, &path);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        match file {
            Ok(mut file) => {
                file.write_all(text.as_bytes())
                    .with_context(|| format!("failed to write `{shown}`"))?;
                writeln!(err, "wrote {shown}")?;
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                writeln!(err, "kept {shown} (it exists)")?;
            }
            Err(e) => return Err(e).with_context(|| format!("failed to write `{shown}`")),
        }
    }
    Ok(ExitCode::from(CLEAN))
}

fn check_command(args: &CheckArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let loaded = load::load(&args.common.root, &args.paths)?;
    let validated = validate::validate_outlines(loaded, today)?;
    let rows = match &validated.office {
        Some(office) => check::rows(&validated, office, today, args.warn_within),
        None => Vec::new(),
    };
    let mut problems = validated.problems.clone();
    problems.extend(check::problems(&rows));
    let failed = problems.iter().any(Problem::is_error);
    let mut out = io::stdout().lock();
    match args.format {
        CheckFormat::Text => {
            write!(out, "{}", check::table(&rows))?;
            writeln!(out, "\n{}", check::tally(&rows))?;
            print_problems(&problems)?;
            if !problems.is_empty() {
                writeln!(io::stderr().lock(), "{}", problem::summary(&problems))?;
            }
        }
        CheckFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
            print_problems(&problems)?;
        }
        CheckFormat::Github => {
            for problem in &problems {
                writeln!(out, "{}", problem.github())?;
            }
            write!(out, "{}", check::table(&rows))?;
            writeln!(out, "\n{}", check::tally(&rows))?;
        }
    }
    Ok(ExitCode::from(if failed { FINDINGS } else { CLEAN }))
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

fn parse_type(text: &str) -> Result<InspectionType, String> {
    InspectionType::from_word(text).ok_or_else(|| {
        let words = InspectionType::ALL.iter().map(|(_, w)| *w);
        match validate::suggest(text, words.clone()) {
            Some(close) => format!("unknown type `{text}`: did you mean `{close}`?"),
            None => format!(
                "unknown type `{text}`: the types are {}",
                words.collect::<Vec<_>>().join(", ")
            ),
        }
    })
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

fn new(args: NewArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
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
    let kind = value(
        args.kind.as_deref(),
        "--type",
        "Type of inspection (e.g. national-thematic, peel, fire)",
        interactive,
        parse_type,
    )?;
    if let Some(link) = &args.link {
        let lower = link.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            bail!("--link: `{link}` must be a web address starting with `https://` or `http://`");
        }
    }
    let record = new::NewRecord {
        title,
        published,
        kind,
        reference: args.reference.clone(),
        link: args.link.clone(),
    };
    let local_target_days = local_target_days(&args.common.root);
    let path = new::create(&args.common.root, &record)?;
    let duty = deadline::duty(
        published,
        kind == InspectionType::Fire,
        None,
        local_target_days,
    );
    let mut out = io::stdout().lock();
    writeln!(out, "Created {}", load::display(&args.common.root, &path))?;
    for line in new::deadline_lines(&record, duty, today) {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::from(CLEAN))
}

/// The office's local target, when its file can be read and is valid.
fn local_target_days(root: &std::path::Path) -> Option<u32> {
    let loaded = load::load(root, &[]).ok()?;
    let office_only = load::Loaded {
        office: loaded.office,
        records: Vec::new(),
        problems: Vec::new(),
    };
    validate::validate(office_only, NaiveDate::MIN)
        .ok()?
        .office?
        .local_target_days
}
