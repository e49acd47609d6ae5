//! `lms`: the TUI with no subcommand; administration and automation subcommands otherwise.
#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = cli::Cli::parse();
    cli::logging::init();
    match cli::run(args, started) {
        Ok(code) => code,
        Err(err) => {
            cli::print_error(&err);
            ExitCode::FAILURE
        }
    }
}
