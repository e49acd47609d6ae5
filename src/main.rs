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
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One clear line; the chain gives the cause without a backtrace.
            eprintln!("lms: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
