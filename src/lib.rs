//! `respond` keeps an Office of the Police (Fire) and Crime Commissioner's statutory responses
//! to HMICFRS inspection reports: one YAML record per inspection, validated with precise
//! diagnostics, checked against the 56-day clock of Police Act 1996 s.55(5A), and rendered to
//! the standard response document.
//!
//! Data flows one way, a module for each step:
//!
//! ```text
//! load (all reading) → validate (pure) → deadline (pure) → outputs | check → render | cmd (report)
//! ```
//!
//! - `load` finds the project's files and reads each into a located [`yaml`] tree; `pipeline`
//!   reads and validates them, once, for every command.
//! - [`validate`] turns trees into the [`model`], collecting every [`problem`]; it reads no
//!   file and no clock.
//! - [`deadline`] is the statutory clock; "today" is computed once by the binary and passed in.
//! - [`outputs`] render the records to named files of bytes: page outputs (one file per
//!   record) and site outputs (the index, the feed, the open data), through the [`templates`].
//! - [`calendar`] turns the records into the iCalendar file of the dates to come.
//! - `check` is the CI gate's logic: statuses, findings and the table.
//! - `tracker` is the recommendations tracker's: the items followed up as rows, in the order
//!   that puts what needs attention first, their summary, and the `past-target` warning that
//!   `check` gives too.
//! - `render` is the `render` command's work: the validated project planned (each page and
//!   site file rendered to bytes and compared with `out/` and `drafts/`), then applied.
//! - [`schema`] writes the JSON Schemas editors check records against, from the field
//!   definitions validation reads.
//! - `serve` is the live preview's: the site rendered in memory, watched, served on 127.0.0.1.
//! - `cmd` holds one file per command: arguments into a request, the library run, the report.
//! - What several of them share: `files` (regular files only, bounded reads, atomic writes),
//!   `excel` (every CSV, safe to open in a spreadsheet) and `words` (the enums of words,
//!   declared once).
//!
//! The public items are what the binary, the benchmarks and the fuzz targets use.

pub mod calendar;
mod check;
pub mod cli;
mod cmd;
pub mod date;
pub mod deadline;
mod excel;
mod files;
pub mod holidays;
mod load;
pub mod markdown;
pub mod model;
pub mod outputs;
mod pipeline;
pub mod problem;
pub mod publish;
mod render;
pub mod schema;
mod serve;
mod skeleton;
pub mod templates;
mod tracker;
#[cfg(feature = "pdf")]
mod typeset;
pub mod validate;
mod words;
pub mod yaml;

use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::{Cli, Command};

/// Exit status: everything is in order.
pub const CLEAN: u8 = 0;
/// Exit status: findings (invalid records, overdue responses, a stale `out/`).
pub const FINDINGS: u8 = 1;
/// Exit status: the program could not run.
pub const COULD_NOT_RUN: u8 = 2;

/// Runs a command. `today` is the date in Europe/London, used unless `--today` is given.
pub fn run(cli: Cli, today: NaiveDate) -> Result<ExitCode> {
    match cli.command {
        Command::New(args) => cmd::new::run(args, today),
        Command::Validate(args) => cmd::validate::run(&args, today),
        Command::Render(args) => cmd::render::run(&args, today),
        Command::Serve(args) => cmd::serve::run(&args, today),
        Command::Publish(args) => cmd::publish::run(&args, today),
        Command::Check(args) => cmd::check::run(&args, today),
        Command::Recommendations(args) => cmd::recommendations::run(&args, today),
        Command::Calendar(args) => cmd::calendar::run(&args, today),
        Command::Templates(args) => cmd::templates::run(&args),
        Command::Completions(args) => cmd::completions::run(&args),
        Command::Man(args) => cmd::man::run(&args),
        Command::Help(args) => cmd::help::run(&args),
        Command::Schema(args) => cmd::schema::run(&args),
    }
}
