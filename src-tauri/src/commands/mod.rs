//! The Tauri commands: each one parses what the window sent, calls the
//! store, and turns the answer into a view. No rule lives here.
//!
//! They are `async` so Tauri runs them off the main thread: the window
//! keeps painting while SQLite works.

pub mod entry;
pub mod files;
pub mod import;
pub mod ledger;
pub mod objections;
pub mod ranking;
pub mod rules;
pub mod settings;
pub mod start;
pub mod town;

use chrono::NaiveDate;
use jifenbu_core::{points, Quarter};
use rust_decimal::Decimal;

use crate::error::{AppError, Result};

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    text.trim().parse().map_err(|_| AppError::input(field, format!("日期「{text}」应写成 2025-03-01 这样的格式")))
}

fn parse_quarter(text: &str) -> Result<Quarter> {
    text.parse().map_err(|_| AppError::input("quarter", format!("季度「{text}」应写成 2025Q1 这样的格式")))
}

/// An optional magnitude from the form: empty means "the item's own points".
fn parse_points(text: &str) -> Result<Option<Decimal>> {
    match text.trim() {
        "" => Ok(None),
        t => points::parse_magnitude(t).map(Some).map_err(|reason| AppError::input("points", reason)),
    }
}
