//! The `respond` binary: parse the command line, compute today in Europe/London once, run,
//! and turn the outcome into the exit status (0 clean, 1 findings, 2 could not run).

use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _};
use respond::cli::{Cli, Colour};

fn main() -> ExitCode {
    // `--color` is read first, so that clap's own help and errors follow it as well as
    // respond's problems.
    let (colour, clap_colour) = Colour::in_args(std::env::args_os()).choice();
    colour.write_global();
    let parsed = Cli::command()
        .color(clap_colour)
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                respond::COULD_NOT_RUN
            } else {
                respond::CLEAN
            });
        }
    };
    let today = respond::deadline::today_in_london(chrono::Utc::now());
    match respond::run(cli, today) {
        Ok(code) => code,
        Err(error) => {
            if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::from(respond::CLEAN);
            }
            anstream::eprintln!("{}", respond::problem::styled_error(&format!("{error:#}")));
            ExitCode::from(respond::COULD_NOT_RUN)
        }
    }
}
