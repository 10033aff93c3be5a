//! The Tauri commands: each one parses what the window sent, calls the
//! store, and turns the answer into a view. No rule lives here.
//!
//! They are `async` so Tauri runs them off the main thread: the window
//! keeps painting while SQLite works.

#[macro_use]
mod list;

pub mod account;
pub mod entry;
pub mod files;
pub mod import;
pub mod objections;
pub mod ranking;
pub mod review;
pub mod rules;
pub mod settings;
pub mod shop;
pub mod start;
pub mod town;
pub mod year;

use chrono::NaiveDate;
use jifenbu_core::{parse, Field, Quarter, Refusal};
use jifenbu_print::Paper;

use crate::error::{AppError, Result};

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A date as the clerk typed it (the core's one date parser), refused
/// under `field`.
fn parse_date(field: Field, text: &str) -> Result<NaiveDate> {
    parse::date_this_year(text, today()).map_err(|e| match e {
        Refusal::BadDate { .. } if field != Field::Date => AppError::input(field, e.to_string()),
        e => e.into(),
    })
}

/// The paper a print dialog's A3 box chose.
fn paper(a3: bool) -> Paper {
    if a3 {
        Paper::A3
    } else {
        Paper::A4
    }
}

fn parse_quarter(text: &str) -> Result<Quarter> {
    text.parse().map_err(|_| AppError::input(Field::Quarter, format!("季度「{text}」应写成 2025Q1 这样的格式")))
}
