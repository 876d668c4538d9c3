//! `respond man [--out DIR]`: the manual pages, made by clap_mangen from the same declaration
//! of the command line that parses it. Each page has clap_mangen's sections (name, synopsis,
//! description, options, commands) and, in place of its catch-all "EXTRA", the examples and
//! exit statuses of the command's long help as sections of their own, where `man` readers
//! look for them.

use std::fs;
use std::io::{self, Write as _};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::CommandFactory as _;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::CLEAN;
use crate::cli::{Cli, ManArgs};

/// Runs `respond man`.
pub(crate) fn run(args: &ManArgs) -> Result<ExitCode> {
    let mut cli = Cli::command();
    // Building gives each command its full name (`respond-new`, `respond new`), which the
    // pages of the commands are named and written with.
    cli.build();
    let Some(folder) = &args.out else {
        let mut out = io::stdout().lock();
        out.write_all(page(&cli)?.as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::from(CLEAN));
    };
    // Not among the sources of the project it is run in, if any.
    if let Ok(found) = crate::load::Project::find(None) {
        let shown = folder.display().to_string();
        crate::cmd::refuse_sources(&found, folder, &shown, ("out", "man"))?;
    }
    if folder.exists() && !folder.is_dir() {
        anyhow::bail!(
            "`{}` is a file, not a folder, so the manual pages cannot go there\n  = help: give `--out` a folder, e.g. `--out man`",
            folder.display()
        );
    }
    fs::create_dir_all(folder)
        .with_context(|| format!("could not create the folder `{}`", folder.display()))?;
    let mut written = vec![write(folder, &cli)?];
    for command in cli.get_subcommands() {
        written.push(write(folder, command)?);
    }
    let mut err = io::stderr().lock();
    writeln!(
        err,
        "wrote {} manual pages into `{}`: {}",
        written.len(),
        folder.display(),
        written.join(", ")
    )?;
    Ok(ExitCode::from(CLEAN))
}

/// Writes the page of `command` into `folder`, whole (a page is never left half written), and
/// gives its file name.
fn write(folder: &Path, command: &clap::Command) -> Result<String> {
    let name = format!(
        "{}.1",
        command.get_display_name().unwrap_or(command.get_name())
    );
    crate::files::write_atomically(folder, &name, page(command)?.as_bytes())?;
    Ok(name)
}

/// The manual page of `command`, in roff.
fn page(command: &clap::Command) -> Result<String> {
    let man = Man::new(command.clone());
    let mut sections: Vec<Vec<u8>> = Vec::new();
    let mut section = |render: &dyn Fn(&mut Vec<u8>) -> io::Result<()>| -> io::Result<()> {
        let mut text = Vec::new();
        render(&mut text)?;
        sections.push(text);
        Ok(())
    };
    section(&|w| man.render_title(w))?;
    section(&|w| man.render_name_section(w))?;
    section(&|w| man.render_synopsis_section(w))?;
    section(&|w| man.render_description_section(w))?;
    if command.get_arguments().any(|arg| !arg.is_hide_set()) {
        section(&|w| man.render_options_section(w))?;
    }
    if command.get_subcommands().next().is_some() {
        section(&|w| man.render_subcommands_section(w))?;
    }
    if let Some(help) = command.get_after_long_help() {
        section(&|w| long_help(&help.to_string()).to_writer(w))?;
    }
    // clap_mangen's version section panics on a command without one (the subcommands).
    if command.get_version().is_some() {
        section(&|w| man.render_version_section(w))?;
    }
    // Each section's text starts with the same few lines (how to print an apostrophe); the
    // page needs them once.
    let preamble = Roff::new().render();
    let mut page = preamble.clone();
    for text in sections {
        let text = String::from_utf8(text).context("a manual page is not UTF-8")?;
        page.push_str(text.strip_prefix(&preamble).unwrap_or(&text));
    }
    Ok(page)
}

/// The EXAMPLES and EXIT STATUS sections, from a long help laid out as the command line's
/// `examples!` lays it out: `Examples:`, then each command line indented by two spaces and
/// what it does by six, a blank line, and `Exit status: 0 …; 1 …; 2 …`.
fn long_help(help: &str) -> Roff {
    let mut roff = Roff::new();
    let (examples, exit) = help.split_once("\n\n").unwrap_or(("", help));
    if let Some(examples) = examples.strip_prefix("Examples:\n") {
        roff.control("SH", ["EXAMPLES"]);
        for line in examples.lines() {
            if let Some(what) = line.strip_prefix("      ") {
                roff.text([roman(what)]);
            } else {
                roff.control("TP", []);
                roff.text([bold(line.trim())]);
            }
        }
    }
    if let Some(statuses) = exit.trim().strip_prefix("Exit status: ") {
        roff.control("SH", ["EXIT STATUS"]);
        for status in statuses.trim_end_matches('.').split("; ") {
            let (code, meaning) = status.split_once(' ').unwrap_or((status, ""));
            roff.control("TP", []);
            roff.text([bold(code)]);
            roff.text([roman(meaning)]);
        }
    }
    roff
}
