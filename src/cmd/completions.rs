//! `respond completions SHELL`: the script that makes a shell complete respond's commands,
//! options and their values as you press Tab, written by clap_complete from the same
//! declaration of the command line that parses it, so the two cannot differ.

use std::io::{self, Write as _};
use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory as _;

use crate::CLEAN;
use crate::cli::{Cli, CompletionsArgs};

/// Runs `respond completions`.
pub(crate) fn run(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "respond", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::from(CLEAN))
}
