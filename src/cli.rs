//! The command line, declared in one place: `///` comments are the help text.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{InspectionType, ItemStatus};

const EXIT_CODES: &str = "\
Exit status: 0 clean; 1 findings (invalid records, overdue responses, stale out/); \
2 could not run (not in a project, bad arguments, unreadable path, broken template).";

/// Keeps the office's responses to HMICFRS inspection reports: one YAML record per
/// inspection, checked against the statutory 56-day clock of Police Act 1996 s.55(5A).
#[derive(Debug, Parser)]
// clap's own `help` command takes no options, so `respond help --help` would fail: this one
// is a command like the others.
#[command(
    name = "respond",
    version,
    after_help = EXIT_CODES,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a record for a newly published report and print its statutory last day.
    #[command(after_help = EXIT_CODES)]
    New(NewArgs),
    /// Check every record against the record format and report every problem.
    #[command(after_help = EXIT_CODES)]
    Validate(ValidateArgs),
    /// Render every record to `out/<id>.md` and `out/<id>.html`, with `out/index.md` and
    /// `out/index.html`; writes nothing if any record is invalid.
    #[command(after_help = EXIT_CODES)]
    Render(RenderArgs),
    /// Publish a draft's response: record the day in its file, render its public files, and
    /// say whether it was on time and where the copies must go; refuses an incomplete record.
    #[command(after_help = EXIT_CODES)]
    Publish(PublishArgs),
    /// The CI gate: every record's last day and status; fails when a statutory response is
    /// overdue or a record is invalid.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// The recommendations tracker: every recommendation, area for improvement and cause of
    /// concern, where it stands, what is past its target first; for the Police and Crime Panel.
    #[command(after_help = EXIT_CODES)]
    Recommendations(RecommendationsArgs),
    /// An iCalendar file (for Outlook and other calendars) of the dates to come: each
    /// unpublished response's last day, the day set for the chief officer's comments, and the
    /// targets of open recommendations; writes nothing if any record is invalid.
    #[command(after_help = EXIT_CODES)]
    Calendar(CalendarArgs),
    /// Write the default templates into `templates/` for editing (existing files are kept), and
    /// the schemas editors check records against into `schemas/`.
    #[command(after_help = EXIT_CODES)]
    Templates(TemplatesArgs),
    /// Write the JSON Schemas of a record and of the office file into `schemas/`, where an
    /// editor finds them to complete and check the YAML as you type.
    #[command(after_help = EXIT_CODES, after_long_help = SCHEMA_EXAMPLES)]
    Schema(SchemaArgs),
    /// Print this help, or the help of a command (`respond help new`).
    Help(HelpArgs),
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
    #[arg(long = "type", value_name = "TYPE", value_enum)]
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

/// `respond schema --help`: examples, then the exit status (which `after_long_help` would
/// otherwise hide).
const SCHEMA_EXAMPLES: &str = "\
Examples:
  respond schema
      Refresh schemas/record.schema.json and schemas/office.schema.json in the project
  respond schema --out editor-schemas
      Write the two schemas into another folder

A record is checked as you type (in VS Code with the YAML extension) when its first line is
  # yaml-language-server: $schema=../../schemas/record.schema.json

Exit status: 0 clean; 1 findings (invalid records, overdue responses, stale out/); \
2 could not run (not in a project, bad arguments, unreadable path, broken template).";

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
    clap::builder::PossibleValuesParser::new(ItemStatus::ALL.map(|(_, word)| word)).try_map(
        |word| ItemStatus::from_word(&word).ok_or_else(|| format!("`{word}` is not a status")),
    )
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
}
