//! Files clerks bring in: rosters and entry lists as CSV (UTF-8 with or
//! without BOM, or GBK), with Chinese or English headings. This module turns
//! bytes into checked rows, each with its line number; it does not know the
//! book, so checks against households, items and quarters happen in the store.

mod table;
mod workbook;

pub use table::{decode, Column, Headings, Row, Table};
pub use workbook::{is_workbook, table_bytes, workbook_to_csv};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{Error, InputError};
use crate::{points, EntryDraft, Household};

/// Columns of a household roster (contract §3).
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

/// Columns of an entries file (contract §3).
pub const ENTRY_COLUMNS: &[Column] = &[
    Column::required("户号", "household"),
    Column::required("项目", "item"),
    Column::required("日期", "date"),
    Column::optional("数量", "qty"),
    Column::optional("分值", "points"),
    Column::optional("备注", "note"),
    Column::optional("编号", "id"),
];

/// Indexes into [`ENTRY_COLUMNS`], for placing errors.
pub mod entry_field {
    pub const HOUSEHOLD: usize = 0;
    pub const ITEM: usize = 1;
    pub const DATE: usize = 2;
    pub const QTY: usize = 3;
    pub const POINTS: usize = 4;
    pub const ID: usize = 6;
}

/// The column of an entries file that a refusal is about.
pub fn entry_field_of(refusal: &crate::Refusal) -> usize {
    use crate::Refusal as R;
    match refusal {
        R::UnknownHousehold(_) => entry_field::HOUSEHOLD,
        R::UnknownItem { .. } | R::NoRulebook { .. } | R::CapExceeded { .. } => entry_field::ITEM,
        R::BadQuantity => entry_field::QTY,
        R::PointsFixed { .. } | R::PointsRequired { .. } | R::PointsOutOfRange { .. } | R::BadPoints { .. } => {
            entry_field::POINTS
        }
        _ => entry_field::DATE,
    }
}

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

/// Reads a date written `YYYY-MM-DD` (or `YYYY/M/D`, as Excel writes it).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .ok()
        .filter(|_| t.len() >= 8 && t.as_bytes()[4].is_ascii_punctuation())
        .ok_or_else(|| format!("「{t}」不是有效日期，应写作 2026-03-15 这样的形式"))
}

/// The roster rows of a household file, all checked.
pub fn households(file: &str, bytes: &[u8]) -> Result<Vec<HouseholdRow>, Error> {
    let text = decode(file, bytes)?;
    Table::open(file, &text, HOUSEHOLD_COLUMNS)?.check_rows(household_row, |h| &h.household.code, 0)
}

fn household_row(r: &Row<'_>) -> Result<HouseholdRow, Vec<InputError>> {
    let mut errors = Vec::new();
    let mut fail = |field: usize, reason: String| errors.push(r.error(field, reason));
    let members = match r.get(3) {
        "" => None,
        t => t.parse::<u32>().map(Some).unwrap_or_else(|_| {
            fail(3, format!("人口「{t}」应为整数"));
            None
        }),
    };
    let mut date = |i: usize| match r.get(i) {
        "" => None,
        t => parse_date(t).map(Some).unwrap_or_else(|reason| {
            fail(i, reason);
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
    for (field, reason) in household.problems() {
        let column = HOUSEHOLD_COLUMNS.iter().position(|c| c.en == field).expect("a roster column");
        errors.push(r.error(column, reason));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(HouseholdRow { line: r.line, household })
}

/// The rows of an entries file, checked one by one as they are read.
pub struct EntryRows<'t> {
    table: Table<'t>,
}

impl<'t> EntryRows<'t> {
    /// Reads the header row of an entries file's text (see [`decode`]).
    pub fn open(file: &str, text: &'t str) -> Result<EntryRows<'t>, Error> {
        Ok(EntryRows { table: Table::open(file, text, ENTRY_COLUMNS)? })
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
    let mut fail = |field: usize, reason: String| errors.push(r.error(field, reason));
    let household = r.get(0).to_string();
    if household.is_empty() {
        fail(0, "户号不能为空".into());
    }
    let item = r.get(1).to_string();
    if item.is_empty() {
        fail(1, "项目编号不能为空".into());
    }
    let date = parse_date(r.get(2)).unwrap_or_else(|reason| {
        fail(2, reason);
        NaiveDate::MIN
    });
    let qty = match r.get(3) {
        "" => 1,
        t => match t.parse::<u32>() {
            Ok(n) if n >= 1 => n,
            _ => {
                fail(3, format!("数量「{t}」应为不小于 1 的整数"));
                1
            }
        },
    };
    let points: Option<Decimal> = match r.get(4) {
        "" => None,
        t => points::parse_magnitude(t).map(Some).unwrap_or_else(|reason| {
            fail(4, reason);
            None
        }),
    };
    let id = match r.get(6) {
        "" => None,
        t => match t.parse::<crate::EntryId>() {
            Ok(id) => Some(id),
            Err(_) => {
                fail(6, format!("编号「{t}」不是有效的 UUID"));
                None
            }
        },
    };
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
