//! The roster: households are master data, updated in place by roster
//! imports (unlike entries, which are never changed). It keeps the
//! `households` table.

use std::collections::HashMap;

use chrono::NaiveDate;
use jifenbu_core::entry::still_counting;
use jifenbu_core::error::InputError;
use jifenbu_core::household::RosterChanges;
use jifenbu_core::import::{self, Text};
use jifenbu_core::{Household, Refusal};
use rusqlite::{Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::Book;

impl Book {
    /// Imports a roster file: new codes are added, known codes updated where
    /// the file differs. All or nothing. A GBK file whose `?` stands for a
    /// character GBK lost (𠮷 in a head's name) is refused at that line.
    pub fn import_households(&mut self, text: Text<'_>) -> Result<RosterChanges> {
        let file_name = &text.name().to_string();
        let gbk = text.is_gbk();
        let rows = import::households(text)?;
        self.write(|tx| {
            let known: HashMap<String, Household> =
                load_households(tx)?.into_iter().map(|h| (h.code.clone(), h)).collect();
            let mut errors = Vec::new();
            let error = |line, field: jifenbu_core::Field, reason| InputError {
                file: file_name.to_string(),
                line,
                column: None,
                field: field.chinese().to_string(),
                reason,
            };
            for row in &rows {
                let h = &row.household;
                if let Some((field, had, got)) = known.get(&h.code).filter(|_| gbk).and_then(|old| old.lost_in_gbk(h)) {
                    errors.push(error(row.line, field, Text::gbk_loss(&got, Some(&had), "导入")));
                }
                if h.active_from.is_some() || h.active_to.is_some() {
                    if let Err(refusal) = h.fits(&counting_entry_dates(tx, &h.code)?) {
                        let field = refusal.field().unwrap_or(jifenbu_core::Field::Code);
                        errors.push(error(row.line, field, refusal.to_string()));
                    }
                }
            }
            if !errors.is_empty() {
                errors.truncate(import::MAX_REPORTED);
                return Err(jifenbu_core::Error::Input(errors).into());
            }
            let mut changes = RosterChanges::default();
            for row in &rows {
                let h = &row.household;
                match known.get(&h.code).map(|old| old.changes(h)) {
                    None => changes.added.push(h.code.clone()),
                    Some(fields) if fields.is_empty() => {
                        changes.unchanged += 1;
                        continue;
                    }
                    Some(fields) => changes.changed.push((h.code.clone(), fields)),
                }
                upsert(tx, h)?;
            }
            Ok(changes)
        })
    }

    /// Adds a household (`new`) or changes one's details, moving-in and
    /// moving-out dates included, as given (the caller trims what a person
    /// typed). A household's code never changes: its entries are filed under it.
    pub fn save_household(&mut self, h: &Household, new: bool) -> Result<()> {
        if let Some(problem) = h.problems().into_iter().next() {
            return Err(problem.into());
        }
        self.write(|tx| {
            h.fits(&counting_entry_dates(tx, &h.code)?)?;
            let exists = tx.prepare_cached(EXISTS)?.exists([&h.code])?;
            jifenbu_core::household::may_save(&h.code, new, exists)?;
            upsert(tx, h)
        })
    }

    /// Every household, by code.
    pub fn households(&self) -> Result<Vec<Household>> {
        load_households(&self.conn)
    }
}

const EXISTS: &str = "SELECT 1 FROM households WHERE code = ?1";

/// Adds `h`, or updates the household with its code in place; says whether
/// it was there already.
fn upsert(conn: &Connection, h: &Household) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO households (code, head, grp, members, address, phone, active_from, active_to)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(code) DO UPDATE SET head = ?2, grp = ?3, members = ?4, address = ?5,
             phone = ?6, active_from = ?7, active_to = ?8",
    )?
    .execute((
        &h.code,
        &h.head,
        &h.group,
        h.members,
        &h.address,
        &h.phone,
        h.active_from.map(|d| d.to_string()),
        h.active_to.map(|d| d.to_string()),
    ))?;
    Ok(())
}

const SELECT: &str = "SELECT code, head, grp, members, address, phone, active_from, active_to FROM households";

pub(crate) fn load_households(conn: &Connection) -> Result<Vec<Household>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY code"))?;
    let rows = stmt.query_map([], household_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Household `code`, refused when it is not on the roster.
pub(crate) fn household(conn: &Connection, code: &str) -> Result<Household> {
    let found = conn.query_row(&format!("{SELECT} WHERE code = ?1"), [code], household_of).optional()?;
    Ok(found.ok_or_else(|| Refusal::UnknownHousehold(code.to_string()))?)
}

pub(crate) fn households_by_code(conn: &Connection) -> Result<HashMap<String, Household>> {
    Ok(load_households(conn)?.into_iter().map(|h| (h.code.clone(), h)).collect())
}

fn household_of(r: &Row<'_>) -> rusqlite::Result<Household> {
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?.and_then(|s| s.parse().ok()))
    };
    Ok(Household {
        code: r.get(0)?,
        head: r.get(1)?,
        group: r.get(2)?,
        members: r.get(3)?,
        address: r.get(4)?,
        phone: r.get(5)?,
        active_from: date(6)?,
        active_to: date(7)?,
    })
}

/// The deed dates of household `code`'s entries that still count (the
/// core's `still_counting`). They must stay within its roster dates.
fn counting_entry_dates(conn: &Connection, code: &str) -> Result<Vec<NaiveDate>> {
    let entries = crate::ledger::household_entries(conn, code)?;
    let reversed = crate::ledger::household_reversed(conn, code)?;
    Ok(still_counting(entries, &reversed).into_iter().map(|e| e.date).collect())
}
