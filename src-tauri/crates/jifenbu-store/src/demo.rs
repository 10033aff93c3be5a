//! The demo village (青溪村, 2025) from the files in `fixtures/demo/`: what a
//! new user opens to look around, and what the tests and goldens print.

use std::path::Path;

use chrono::NaiveDate;
use jifenbu_core::{Quarter, Reversal};

use crate::error::Result;
use crate::{Book, Duplicates};

const RULEBOOK: &str = include_str!("../../../../rules/qingxi-2025.toml");
const HOUSEHOLDS: &[u8] = include_bytes!("../../../../fixtures/demo/households.csv");
const ENTRIES: &[u8] = include_bytes!("../../../../fixtures/demo/entries.csv");
const OPERATOR: &str = "示范文书";

/// Builds the demo book at `path` (which must not exist): roster, a year of
/// entries, two corrections and 2025Q1 published (its notice up on
/// 2025-04-03, so the demo prints the same whatever day it is built). One correction posts
/// before publishing, one after, so it lands in Q2.
pub fn build(path: &Path) -> Result<Book> {
    let mut book = Book::create(path, "青溪村", "330109001")?;
    book.import_rulebook("qingxi-2025.toml", RULEBOOK)?;
    book.import_households("households.csv", HOUSEHOLDS)?;
    book.import_entries("entries.csv", ENTRIES, OPERATOR, Duplicates::Refuse)?;
    book.reverse_entry(&correction(6, "录错户号", date(2025, 3, 20)), OPERATOR)?;
    book.publish(Quarter { year: 2025, q: 1 }, date(2025, 4, 3))?;
    book.reverse_entry(&correction(11, "重复登记", date(2025, 5, 6)), OPERATOR)?;
    Ok(book)
}

/// A reversal of the entry on `line` of entries.csv, counting the header as
/// line 1 (the id is the last cell).
fn correction(line: usize, reason: &str, on: NaiveDate) -> Reversal {
    let text = std::str::from_utf8(ENTRIES).expect("the demo entries are UTF-8");
    let row = text.lines().nth(line - 1).expect("the demo has this line");
    let id = row.rsplit(',').next().expect("a row has cells");
    Reversal { entry: id.to_string(), reason: reason.to_string(), date: on }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date")
}
