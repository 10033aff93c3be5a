//! Files clerks bring in: rosters and entry lists as CSV (UTF-8 with or
//! without BOM, or GBK), with Chinese or English headings. This module turns
//! bytes into checked rows, each with its line number; it does not know the
//! book, so checks against households, items and quarters happen in the store.

mod rows;
mod table;
mod text;
mod workbook;

pub use table::{Column, Headings, Row, Table};
pub use text::{Input, Text, MAX_ROW_BYTES};
pub use workbook::{is_workbook, write_sheet};

use crate::error::{Error, InputError};
use crate::{parse, EntryDraft, Household, Refusal};

/// Columns of a household roster (README, "Files").
pub const HOUSEHOLD_COLUMNS: &[Column] = &[
    Column::required("户号", "code"),
    Column::required("户主", "head"),
    Column::required("村民小组", "group"),
    Column::optional("人口", "members"),
    Column::optional("地址", "address"),
    Column::optional("电话", "phone"),
    Column::optional("迁入日期", "active_from"),
    Column::optional("迁出日期", "active_to"),
];

/// Columns of an entries file (README, "Files").
pub const ENTRY_COLUMNS: &[Column] = &[
    Column::required("户号", "household"),
    Column::required("项目", "item"),
    Column::required("日期", "date"),
    Column::optional("数量", "qty"),
    Column::optional("分值", "points"),
    Column::optional("备注", "note"),
    Column::optional("编号", "id"),
];

/// An entry as a file states it, before the book checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    pub line: usize,
    pub draft: EntryDraft,
}

/// A roster line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdRow {
    pub line: usize,
    pub household: Household,
}

/// An import without ids holds no row that repeats an entry of the book
/// (`doubles`: each such row, described): refused naming the first
/// [`MAX_REPORTED`] of them, unless the clerk allowed them.
pub fn no_likely_duplicates(file: &str, mut doubles: Vec<String>) -> Result<(), Refusal> {
    if doubles.is_empty() {
        return Ok(());
    }
    let count = doubles.len();
    doubles.truncate(MAX_REPORTED);
    Err(Refusal::LikelyDuplicates { file: parse::quote(file), count, lines: doubles.join("\n") })
}

/// A file the book has imported before: when (as recorded), by whom, and
/// how many rows it added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub recorded_at: String,
    pub by: String,
    pub added: i64,
}

/// A file is imported once: refused when the book took the same bytes
/// before, saying when and by whom.
pub fn first_import(file: &str, before: Option<Imported>) -> Result<(), Refusal> {
    let Some(Imported { recorded_at: at, by, added }) = before else { return Ok(()) };
    let on = at.get(..16).unwrap_or(&at).replace('T', " ");
    Err(Refusal::FileAlreadyImported { file: file.to_string(), on, by, added })
}

/// The most households a roster may hold: far beyond any village, and a
/// bound on what one import reads.
pub const MAX_HOUSEHOLDS: usize = 100_000;

/// The roster rows of a household file, all checked.
pub fn households(text: Text<'_>) -> Result<Vec<HouseholdRow>, Error> {
    let mut rows = Vec::new();
    Table::open(text, HOUSEHOLD_COLUMNS)?.check_rows(household_row, 0, |h| rows.push(h))?;
    Ok(rows)
}

fn household_row(r: &Row<'_>) -> Result<HouseholdRow, Vec<InputError>> {
    let mut errors = Vec::new();
    // A refusal placed at column `i`: the roster's date columns are not
    // the entry's 日期 that a bad date names.
    let mut errors_at = |i: usize, refusal: crate::Refusal| errors.push(r.error(i, refusal.to_string()));
    let members = match r.get(3) {
        "" => None,
        t => parse::members(t).map(Some).unwrap_or_else(|e| {
            errors_at(3, e);
            None
        }),
    };
    let mut date = |i: usize| match r.get(i) {
        "" => None,
        t => parse::date(t).map(Some).unwrap_or_else(|e| {
            errors_at(i, e);
            None
        }),
    };
    let (active_from, active_to) = (date(6), date(7));
    let text = |i: usize| Some(r.get(i).to_string()).filter(|s| !s.is_empty());
    let household = Household {
        code: r.get(0).to_string(),
        head: r.get(1).to_string(),
        group: r.get(2).to_string(),
        members,
        address: text(4),
        phone: text(5),
        active_from,
        active_to,
    };
    errors.extend(household.problems().iter().map(|p| r.refused(p)));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(HouseholdRow { line: r.line, household })
}

/// The rows of an entries file, checked one by one as they are read.
pub struct EntryRows<'a> {
    table: Table<'a>,
}

impl<'a> EntryRows<'a> {
    /// Reads the header row of an entries file.
    pub fn open(text: Text<'a>) -> Result<EntryRows<'a>, Error> {
        Ok(EntryRows { table: Table::open(text, ENTRY_COLUMNS)? })
    }

    pub fn headings(&self) -> &Headings {
        self.table.headings()
    }
}

impl Iterator for EntryRows<'_> {
    /// A row, or every mistake in it.
    type Item = Result<EntryRow, Vec<InputError>>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = match self.table.next_row()? {
            Ok(row) => row,
            Err(e) => return Some(Err(vec![e])),
        };
        Some(entry_row(&row))
    }
}

fn entry_row(r: &Row<'_>) -> Result<EntryRow, Vec<InputError>> {
    let mut errors = Vec::new();
    let household = r.get(0).to_string();
    if household.is_empty() {
        errors.push(r.error(0, "户号不能为空".into()));
    }
    let item = r.get(1).to_string();
    if item.is_empty() {
        errors.push(r.error(1, "项目编号不能为空".into()));
    }
    let (date, qty, points) = (parse::date(r.get(2)), parse::qty(r.get(3)), parse::stated_points(r.get(4)));
    for refusal in [date.as_ref().err(), qty.as_ref().err(), points.as_ref().err()].into_iter().flatten() {
        errors.push(r.refused(refusal));
    }
    let id = match r.get(6) {
        "" => None,
        t => match t.parse::<crate::EntryId>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push(r.error(6, format!("编号「{}」不是有效的 UUID", parse::quote(t))));
                None
            }
        },
    };
    let (Ok(date), Ok(qty), Ok(points)) = (date, qty, points) else { return Err(errors) };
    if !errors.is_empty() {
        return Err(errors);
    }
    let note = r.get(5).to_string();
    Ok(EntryRow { line: r.line, draft: EntryDraft { household, item, date, qty, points, note, id } })
}

/// At most this many mistakes are listed; a file with more has a bigger problem.
pub const MAX_REPORTED: usize = 20;

#[cfg(test)]
mod tests;
