//! The command line, declared in one place: `///` comments are the help text.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{InspectionType, ItemStatus};

/// The exit statuses, which every command's help ends with. A macro, so that each command's
/// examples can be joined to it with `concat!`, where clap wants a constant.
macro_rules! exit_codes {
    () => {
        "Exit status: 0 clean; 1 findings (invalid records, overdue responses, stale out/); \
2 could not run (not in a project, bad arguments, unreadable path, broken template)."
    };
}

const EXIT_CODES: &str = exit_codes!();

/// A command's long help (`--help`, `respond help COMMAND`, its manual page): examples of
/// real use, each a command line and what it does, then the exit statuses. `respond man`
/// reads the examples back out of it, so this layout is the one place they are written.
macro_rules! examples {
    ($($line:literal => $what:literal),+ $(,)?) => {
        concat!(
            "Examples:\n",
            $("  ", $line, "\n      ", $what, "\n",)+
            "\n",
            exit_codes!()
        )
    };
}

/// Keeps the office's responses to HMICFRS inspection reports: one YAML record per
/// inspection, checked against the statutory 56-day clock of Police Act 1996 s.55(5A).
#[derive(Debug, Parser)]
// clap's own `help` command takes no options, so `respond help --help` would fail: this one
// is a command like the others.
#[command(
    name = "respond",
    version,
    after_help = EXIT_CODES,
    after_long_help = examples!(
        "respond new" => "Create the record of a report HMICFRS has just published.",
        "respond check" => "Every record's last day and status.",
        "respond help render" => "What `respond render` does and its options."
    ),
    disable_help_subcommand = true,
    subcommand_help_heading = "Commands"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable
    /// is set), `always` or `never`.
    #[arg(
        long,
        alias = "colour",
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = Colour::Auto,
        hide_possible_values = true,
        // After each command's own options, which matter more.
        display_order = 100
    )]
    pub color: Colour,
}

/// When to colour what respond prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Colour {
    /// At a terminal that shows colour, unless the `NO_COLOR` environment variable is set.
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

impl Colour {
    /// The same choice in the terms of the crates that print (anstream) and parse (clap).
    pub fn choice(self) -> (anstream::ColorChoice, clap::ColorChoice) {
        match self {
            Colour::Auto => (anstream::ColorChoice::Auto, clap::ColorChoice::Auto),
            Colour::Always => (anstream::ColorChoice::Always, clap::ColorChoice::Always),
            Colour::Never => (anstream::ColorChoice::Never, clap::ColorChoice::Never),
        }
    }

    /// The `--color` (or `--colour`) given in `args`, read before clap parses them, so that
    /// clap's own help and errors follow it too; the last one wins, as in clap. Anything after
    /// `--` is not an option.
    pub fn in_args<I: IntoIterator<Item = std::ffi::OsString>>(args: I) -> Colour {
        let mut colour = Colour::Auto;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let Some(arg) = arg.to_str() else { continue };
            if arg == "--" {
                break;
            }
            let value = match arg.split_once('=') {
                Some(("--color" | "--colour", value)) => Some(value.to_owned()),
                None if matches!(arg, "--color" | "--colour") => {
                    args.next().and_then(|value| value.into_string().ok())
                }
                _ => None,
            };
            if let Some(chosen) =
                value.and_then(|value| <Colour as ValueEnum>::from_str(&value, false).ok())
            {
                colour = chosen;
            }
        }
        colour
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a record for a newly published report and print its statutory last day.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond new --title \"PEEL 2025–27: an inspection of Cumbria Constabulary\" --published today --type peel"
                => "Create the record of a PEEL report published today and print its last day.",
            "respond new"
                => "Ask for the title, the day published and the type, one at a time.",
            "respond new --title \"Race and policing\" --published 25/08/2023 --type national-thematic"
                => "Create the record of a report published on 25 August 2023."
        )
    )]
    New(NewArgs),
    /// Check every record against the record format and report every problem.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond validate"
                => "Check every record in data/ and list every problem.",
            "respond validate data/inspections/2023-08-25-race-and-policing.yaml"
                => "Check one record.",
            "respond validate --deny-warnings"
                => "Fail on warnings too, as a CI job may."
        )
    )]
    Validate(ValidateArgs),
    /// Render every record to `out/<id>.md` and `out/<id>.html`, with `out/index.md` and
    /// `out/index.html`; writes nothing if any record is invalid.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond render"
                => "Write the published responses to out/ and the drafts to drafts/.",
            "respond render --format all"
                => "The PDFs too: the copies for HMICFRS and the Home Secretary.",
            "respond render --check"
                => "Write nothing; exit 1 if out/ is not up to date with data/."
        )
    )]
    Render(RenderArgs),
    /// Preview the website, drafts included, in your browser as you edit: it reloads at each
    /// save and shows any problems in the records.
    ///
    /// It listens on this computer only (127.0.0.1), renders in memory, and writes nothing into
    /// `out/` or `drafts/`. Press Ctrl+C to stop it.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond serve --open"
                => "Preview the website and open it in your browser; press Ctrl+C to stop.",
            "respond serve --port 8080"
                => "Preview on http://127.0.0.1:8080/ when port 5656 is taken by another program."
        )
    )]
    Serve(ServeArgs),
    /// Publish a draft's response: record the day in its file, render its public files, and
    /// say whether it was on time and where the copies must go; refuses an incomplete record.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond publish 2023-08-25-race-and-policing"
                => "Publish the response today: record the day, render its files, say where the copies go.",
            "respond publish 2023-08-25-race-and-policing --on 12/10/2023"
                => "Record that it was published on 12 October 2023."
        )
    )]
    Publish(PublishArgs),
    /// The CI gate: every record's last day and status; fails when a statutory response is
    /// overdue or a record is invalid.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond check"
                => "Every record's last day and status; exit 1 if a response is overdue.",
            "respond check --warn-within 28"
                => "Warn about every response due in the next four weeks.",
            "respond check --format github"
                => "Annotations on the records' lines, for a GitHub Actions job."
        )
    )]
    Check(CheckArgs),
    /// The recommendations tracker: every recommendation, area for improvement and cause of
    /// concern, where it stands, what is past its target first; for the Police and Crime Panel.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond recommendations"
                => "The tracker at the terminal, what is past its target first.",
            "respond recommendations --format html --out tracker.html"
                => "A page to attach to the panel's papers.",
            "respond recommendations --status open,in-progress --format csv --out tracker.csv"
                => "What is still to do, to open in Excel."
        )
    )]
    Recommendations(RecommendationsArgs),
    /// An iCalendar file (for Outlook and other calendars) of the dates to come: each
    /// unpublished response's last day, the day set for the chief officer's comments, and the
    /// targets of open recommendations; writes nothing if any record is invalid.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond calendar --out calendar.ics"
                => "Write the dates to come into a file to open in Outlook.",
            "respond calendar --today 2026-12-01 --out calendar.ics"
                => "The dates to come as of 1 December 2026."
        )
    )]
    Calendar(CalendarArgs),
    /// Write the default templates into `templates/` for editing (existing files are kept), and
    /// the schemas editors check records against into `schemas/`.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond templates"
                => "Write the default templates into templates/, to edit them.",
            "respond templates --out default-templates"
                => "Write them into another folder, to compare them with yours."
        )
    )]
    Templates(TemplatesArgs),
    /// Write the JSON Schemas of a record and of the office file into `schemas/`, where an
    /// editor finds them to complete and check the YAML as you type.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond schema"
                => "Refresh schemas/record.schema.json and schemas/office.schema.json in the project.",
            "respond schema --out editor-schemas"
                => "Write the two schemas into another folder."
        )
    )]
    Schema(SchemaArgs),
    /// Print a script that completes respond's commands and options in a shell, as you press
    /// Tab.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond completions powershell | Out-String | Invoke-Expression"
                => "Complete in this PowerShell window; add the line to your profile (notepad $PROFILE) for every window.",
            "respond completions bash > ~/.local/share/bash-completion/completions/respond"
                => "Complete in bash from its next start.",
            "respond completions fish > ~/.config/fish/completions/respond.fish"
                => "Complete in fish."
        )
    )]
    Completions(CompletionsArgs),
    /// Print respond's manual page (roff, for `man`), or write one page for respond and one for
    /// each command into a folder.
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond man | man -l -"
                => "Read the manual page now.",
            "respond man --out man"
                => "Write respond.1 and a page for each command (respond-new.1, …) into man/."
        )
    )]
    Man(ManArgs),
    /// Print this help, or the help of a command (`respond help new`).
    #[command(
        after_help = EXIT_CODES,
        after_long_help = examples!(
            "respond help"
                => "The commands.",
            "respond help recommendations"
                => "What `respond recommendations` does, its options and examples."
        )
    )]
    Help(HelpArgs),
}

/// `respond completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: clap_complete::Shell,
}

/// `respond man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The folder to write the pages into, created if missing (default: print respond's own
    /// page on standard output).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `respond help`.
#[derive(Debug, Args)]
pub struct HelpArgs {
    /// The command to explain (default: all of them).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Options every command shares.
#[derive(Debug, Args)]
pub struct Common {
    /// The project folder, holding `data/office.yaml` and `data/inspections/` (default: the
    /// nearest folder at or above the current one that holds `data/office.yaml`).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Take this date (YYYY-MM-DD) as today instead of today's date in Europe/London.
    #[arg(long, value_name = "DATE", value_parser = parse_iso_date)]
    pub today: Option<NaiveDate>,
}

/// `respond new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The report's title as HMICFRS gives it.
    #[arg(long)]
    pub title: Option<String>,
    /// The day HMICFRS published the report, e.g. `2023-08-25`, `25/08/2023`, `25 August 2023`,
    /// or `today`.
    #[arg(long)]
    pub published: Option<String>,
    /// The type of inspection.
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_type())]
    pub kind: Option<InspectionType>,
    /// An HMICFRS or office reference.
    #[arg(long)]
    pub reference: Option<String>,
    /// The report's web address.
    #[arg(long)]
    pub link: Option<String>,
    /// Never ask: fail when a required value is missing, even at a terminal.
    #[arg(long)]
    pub no_input: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

/// `respond validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Records or folders to check (default: all of `data/`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Treat warnings as findings: exit 1 when there is any.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

/// `respond check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Records or folders to check (default: all of `data/`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Warn about responses due within this many days.
    #[arg(long, value_name = "DAYS", default_value_t = 14)]
    pub warn_within: u32,
    /// How to print the table and problems.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

/// `respond recommendations`.
#[derive(Debug, Args)]
pub struct RecommendationsArgs {
    /// Show only items with these statuses (repeat it, or separate them with commas; default:
    /// all).
    #[arg(
        long,
        value_name = "STATUS",
        value_delimiter = ',',
        value_parser = parse_status()
    )]
    pub status: Vec<ItemStatus>,
    /// Records or folders to take the items from (repeatable; default: all of `data/`).
    #[arg(long = "record", value_name = "PATH", num_args = 1..)]
    pub records: Vec<PathBuf>,
    /// How to print the tracker.
    #[arg(long, value_enum, default_value_t = TrackerFormat::Text)]
    pub format: TrackerFormat,
    /// Write the tracker to this file, whole, instead of standard output (e.g. `tracker.csv`;
    /// on Windows, safer than `>`, which PowerShell may write in another encoding).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

/// `respond render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Records or folders to render (default: all of `data/`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Where to write the published responses (default: `out/` in the project).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Where to write the drafts, the responses not yet published (default: `drafts/` in the
    /// project, beside `out/`; never inside it).
    #[arg(long, value_name = "DIR")]
    pub drafts: Option<PathBuf>,
    /// Templates that replace the defaults by name (default: `templates/` in the project).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Which files to write: a comma-separated list of `md`, `html` and `pdf`, or `all`
    /// (default: md,html).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMATS")]
    pub format: Vec<RenderFormat>,
    /// Write nothing; exit 1 and list the files that would change if `out/` is not up to date.
    #[arg(long)]
    pub check: bool,
    /// Overwrite files in `out/` that respond did not write or that were changed by hand.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

/// `respond serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on, on 127.0.0.1 only; 0 picks a free one.
    #[arg(long, value_name = "PORT", default_value_t = 5656)]
    pub port: u16,
    /// Open the preview in your browser.
    #[arg(long)]
    pub open: bool,
    /// Templates that replace the defaults by name (default: `templates/` in the project).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

/// `respond publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The record to publish: its id (its file name without `.yaml`), or its file.
    #[arg(value_name = "ID")]
    pub id: String,
    /// The day the response is published, e.g. `2026-12-02`, `02/12/2026` (default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

/// `respond calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The file to write, e.g. `calendar.ics`, replaced whole (default: standard output).
    /// Never inside `out/`: the calendar is for staff, not the website.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

/// `respond templates`.
#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// Where to write them (default: `templates/` in the project).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The project folder (default: the nearest folder at or above the current one that holds
    /// `data/office.yaml`).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// `respond schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Where to write `record.schema.json` and `office.schema.json` (default: `schemas/` in
    /// the project).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The project folder (default: the nearest folder at or above the current one that holds
    /// `data/office.yaml`).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// Output formats of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    /// Markdown: `<id>.md` and `index.md`.
    Md,
    /// HTML: `<id>.html` and `index.html`.
    Html,
    /// PDF: `<id>.pdf`, each response as an accessible A4 document.
    Pdf,
    /// Every format: Markdown, HTML and PDF.
    All,
}

/// Output formats of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// Compiler-style messages on standard error.
    Text,
    /// One JSON array of problems on standard output.
    Json,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// A table on standard output, problems on standard error.
    Text,
    /// One JSON array of records on standard output.
    Json,
    /// GitHub Actions workflow annotations on standard output.
    Github,
}

/// Output formats of `recommendations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrackerFormat {
    /// An aligned table and a summary line on standard output, warnings on standard error.
    Text,
    /// One JSON object (`as_at`, `summary`, `rows`) on standard output.
    Json,
    /// CSV for Excel (UTF-8 with a byte-order mark, CRLF line ends) on standard output.
    Csv,
    /// A Markdown document on standard output.
    Md,
    /// An HTML document on standard output.
    Html,
}

/// Parses `--status`: one of the statuses' words, which `--help` lists and clap suggests
/// from.
fn parse_status() -> impl clap::builder::TypedValueParser<Value = ItemStatus> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(ItemStatus::WORDS).try_map(|word| {
        ItemStatus::from_word(&word).ok_or_else(|| format!("`{word}` is not a status"))
    })
}

/// Parses `--type`: one of the types' words, which `--help` lists with each type's
/// documentation, as clap's `ValueEnum` derive would (first line, without its full stop).
fn parse_type() -> impl clap::builder::TypedValueParser<Value = InspectionType> {
    use clap::builder::{PossibleValue, TypedValueParser as _};
    let values = InspectionType::ALL
        .map(|kind| PossibleValue::new(kind.word()).help(kind.doc().trim_end_matches('.')));
    clap::builder::PossibleValuesParser::new(values).try_map(|word| {
        InspectionType::from_word(&word).ok_or_else(|| format!("`{word}` is not a type"))
    })
}

/// Parses `--today`: ISO only, so that scripts are unambiguous.
fn parse_iso_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date in the form YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    /// Every command's long help ends with two or three examples of real use, then the exit
    /// statuses; a new command without them fails here.
    #[test]
    fn every_command_has_examples() {
        let cli = Cli::command();
        for command in std::iter::once(&cli).chain(cli.get_subcommands()) {
            let name = command.get_name();
            let help = command
                .get_after_long_help()
                .map(|help| help.to_string())
                .unwrap_or_default();
            let examples = help
                .lines()
                .filter(|line| line.starts_with("  respond"))
                .count();
            assert!(help.starts_with("Examples:\n"), "{name}: {help}");
            assert!((2..=3).contains(&examples), "{name}: {help}");
            assert!(help.ends_with("broken template)."), "{name}: {help}");
        }
    }
}
