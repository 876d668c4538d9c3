//! `respond help [COMMAND]`: the help of respond or of one command, exactly as `--help`
//! prints it. It is a command of its own (not clap's built-in one) so that
//! `respond help --help` works like every other command's `--help`.

use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::CommandFactory as _;

use crate::CLEAN;
use crate::cli::{Cli, HelpArgs};
use crate::problem;

/// Runs `respond help`.
pub(crate) fn run(args: &HelpArgs) -> Result<ExitCode> {
    let cli = Cli::command();
    let mut argv = vec!["respond".to_owned()];
    if let Some(name) = &args.command {
        if cli.find_subcommand(name).is_none() {
            let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
            let help = problem::did_you_mean(name, names.iter().copied(), || {
                let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                format!("the commands are {}", listed.join(", "))
            });
            bail!("there is no command `{name}`\n  = help: {help}");
        }
        argv.push(name.clone());
    }
    argv.push("--help".to_owned());
    // clap answers `--help` with its help as an "error" of the kind DisplayHelp: printed on
    // standard output, as `respond <command> --help` prints it.
    match cli.try_get_matches_from(argv) {
        Err(help) => help.print()?,
        Ok(_) => bail!("clap did not answer `--help` with the help"),
    }
    Ok(ExitCode::from(CLEAN))
}
