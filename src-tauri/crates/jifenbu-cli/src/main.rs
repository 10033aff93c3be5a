//! `jifenbu`: the command line over a village book. Glue only: argument
//! parsing (`args`), one function per command (`commands`), and this file,
//! the one place where errors become messages and exit codes.

// Refusals carry the figures a clerk needs (cap, used, left…), which makes
// them large; they are the cold path, so boxing would buy nothing.
#![allow(clippy::result_large_err)]

mod args;
mod commands;
mod objections;
mod printouts;
mod review;
mod shop;
mod table;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match commands::run(cli) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is not a failure.
        Err(commands::CliError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            if let Some(hint) = e.hint() {
                eprintln!("{hint}");
            }
            ExitCode::from(1)
        }
    }
}

/// Help and version print in Chinese; a usage mistake gets a Chinese
/// sentence before clap's exact detail, and exit status 2.
fn usage_error(e: clap::Error) -> ExitCode {
    let what = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            print!("{}", chinese(&e.render().to_string()));
            return ExitCode::SUCCESS;
        }
        ErrorKind::MissingRequiredArgument => "缺少必填的参数",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "参数的值不对",
        ErrorKind::InvalidSubcommand => "没有这个命令",
        ErrorKind::UnknownArgument => "不认识的参数",
        ErrorKind::MissingSubcommand => "缺少命令",
        _ => "命令行用法不对",
    };
    eprintln!("用法错误：{what}（运行 jifenbu --help 查看用法）");
    match detail(&e) {
        Some(detail) => eprintln!("详情：{detail}"),
        None => eprint!("{}", chinese(&e.render().to_string())),
    }
    ExitCode::from(2)
}

/// What clap found wrong, said in Chinese from the error's own parts (the
/// argument, the value, our value parser's reason), so no English reaches
/// a clerk; `None` for a kind not worded here.
fn detail(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let text = |kind| match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join("、")),
        _ => None,
    };
    let arg = || text(ContextKind::InvalidArg).unwrap_or_default();
    Some(match e.kind() {
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e).map(ToString::to_string).unwrap_or_default();
            format!("{} 的值「{}」不对：{reason}", arg(), text(ContextKind::InvalidValue)?)
        }
        ErrorKind::InvalidValue => format!(
            "{} 的值「{}」不对，可选：{}",
            arg(),
            text(ContextKind::InvalidValue)?,
            text(ContextKind::ValidValue).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument => {
            let given = arg();
            match given.strip_prefix('-').filter(|v| v.starts_with(|c: char| c.is_ascii_digit())) {
                Some(_) => format!("「{given}」像是负数：本程序的数值都不带负号"),
                None => match text(ContextKind::SuggestedArg) {
                    Some(like) => format!("不认识的参数「{given}」，是不是要写 {like}？"),
                    None => format!("不认识的参数「{given}」"),
                },
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少 {}", arg()),
        ErrorKind::InvalidSubcommand => match text(ContextKind::SuggestedSubcommand) {
            Some(like) => format!("没有「{}」这个命令，是不是要写 {like}？", text(ContextKind::InvalidSubcommand)?),
            None => format!("没有「{}」这个命令", text(ContextKind::InvalidSubcommand)?),
        },
        _ => return None,
    })
}

/// Clap's own words in its help and messages, said in Chinese. Option
/// names and value placeholders (`--quarter <QUARTER>`) stay as typed.
fn chinese(text: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("Usage:", "用法："),
        ("Commands:", "命令："),
        ("Arguments:", "参数："),
        ("Options:", "选项："),
        ("[OPTIONS]", "[选项]"),
        ("<COMMAND>", "<命令>"),
        ("Print this message or the help of the given subcommand(s)", "显示本帮助，或某个命令的帮助"),
        ("Print help", "显示帮助"),
        ("Print version", "显示版本"),
        ("[env: ", "[环境变量："),
        ("[default: ", "[默认："),
        ("[possible values: ", "[可选值："),
        ("For more information, try '--help'.", "运行 --help 查看用法。"),
        ("error: ", "详情："),
        ("tip: ", "提示："),
    ];
    WORDS.iter().fold(text.to_string(), |t, (en, zh)| t.replace(en, zh))
}
