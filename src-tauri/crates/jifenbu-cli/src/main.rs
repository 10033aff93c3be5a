//! `jifenbu`: the command line over a village book. Glue only: argument
//! parsing (`args`), one function per command (`commands`), and this file,
//! the one place where errors become messages and exit codes.

// Refusals carry the figures a clerk needs (cap, used, left…), which makes
// them large; they are the cold path, so boxing would buy nothing.
#![allow(clippy::result_large_err)]

mod args;
mod commands;
mod table;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // clap exits 2 on a usage error, after printing what was wrong.
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is not a failure.
        Err(commands::CliError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(1)
        }
    }
}
