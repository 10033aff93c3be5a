//! The ledger as the book stores it: the entries table's row read as the
//! core's `Entry` and written from one (the column lists, side by side),
//! the lookups by id, and the ids that reversals undo. It decides nothing:
//! what may enter is the core's `Checker`, what still counts the core's
//! `still_counting`.

use std::collections::HashSet;

use jifenbu_core::entry::ChainHash;
use jifenbu_core::posting::Checker;
use jifenbu_core::{points, Entry, EntryId, Kind, Posting};
use rusqlite::{Connection, OptionalExtension, Row};

use crate::error::Result;

/// The entries table's own columns, in the order an entry is read
/// ([`entry_of`]) and written ([`Writer`]): the one list both statements
/// are made from. `$then` receives it.
macro_rules! entry_columns {
    ($then:ident) => {
        $then!(seq, id, household, item_code, item_name, kind, veto, qty, cents, date, year, quarter, note)
    };
}
macro_rules! of_e {
    ($($column:ident),*) => { concat!($("e.", stringify!($column), ", "),*) };
}
macro_rules! listed {
    ($($column:ident),*) => { concat!($(stringify!($column), ", "),*) };
}

pub(crate) const SELECT_ENTRY: &str = concat!(
    "SELECT ",
    entry_columns!(of_e),
    "b.operator, b.recorded_at, e.reverses, e.hash FROM entries e JOIN batches b ON b.id = e.batch"
);

/// Where [`Writer`] puts an entry: its own columns, then its batch, what it
/// reverses and its hash.
const INSERT_ENTRY: &str = concat!(
    "INSERT INTO entries (",
    entry_columns!(listed),
    "batch, reverses, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
);

/// An entry from a row of [`SELECT_ENTRY`].
pub(crate) fn entry_of(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let date: String = r.get(9)?;
    let id: [u8; 16] = r.get(1)?;
    let reverses: Option<[u8; 16]> = r.get(15)?;
    let hash: [u8; 32] = r.get(16)?;
    Ok(Entry {
        seq: r.get(0)?,
        id: entry_id(id),
        household: r.get(2)?,
        item_code: r.get(3)?,
        item_name: r.get(4)?,
        kind: kind_at(r, 5)?,
        veto: r.get(6)?,
        qty: r.get(7)?,
        points: points::from_cents(r.get(8)?),
        date: date.parse().map_err(|_| unreadable(9, "date"))?,
        posting: Posting::from_slot(r.get(10)?, r.get(11)?).ok_or_else(|| unreadable(11, "quarter"))?,
        note: r.get(12)?,
        operator: r.get(13)?,
        recorded_at: r.get(14)?,
        reverses: reverses.map(entry_id),
        hash: ChainHash(hash),
    })
}

/// The entry kind in column `i` of a row.
pub(crate) fn kind_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Kind> {
    let kind: String = r.get(i)?;
    Kind::parse(&kind).ok_or_else(|| unreadable(i, "kind"))
}

/// Column `i` of a row holds no `what`.
fn unreadable(i: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.to_string().into())
}

/// The ids of the entries that the reversals `sql` selects (one column,
/// `reverses`, one parameter) undo.
pub(crate) fn reversed_ids(conn: &Connection, sql: &str, param: &dyn rusqlite::ToSql) -> Result<HashSet<EntryId>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let ids = stmt.query_map([param], |r| r.get::<_, [u8; 16]>(0))?;
    Ok(ids.map(|id| id.map(entry_id)).collect::<rusqlite::Result<_>>()?)
}

/// Every entry posted in `year` (its quarters and its adjustment), in
/// recording order.
pub(crate) fn entries_for_year(conn: &Connection, year: i32) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(&format!("{SELECT_ENTRY} WHERE e.year = ?1 ORDER BY e.seq"))?;
    let rows = stmt.query_map([year], entry_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The entry `id` (as text), if the book has it.
pub(crate) fn entry_by_id(conn: &Connection, id: &str) -> Result<Option<Entry>> {
    let Ok(id) = id.parse::<EntryId>() else { return Ok(None) };
    Ok(conn.query_row(&format!("{SELECT_ENTRY} WHERE e.id = ?1"), [id.as_bytes()], entry_of).optional()?)
}

/// An entry id from the 16 bytes a book stores.
pub(crate) fn entry_id(bytes: [u8; 16]) -> EntryId {
    EntryId(uuid::Uuid::from_bytes(bytes))
}

/// Inserts chained entries, all in one batch (who, when, from what). The
/// batch is recorded with its first entry, so a command that adds nothing
/// leaves no trace.
pub(crate) struct Writer<'c> {
    conn: &'c Connection,
    /// Prepared once: re-preparing per row (even from the cache, which
    /// hashes the SQL text) was a tenth of an import's time.
    insert: rusqlite::Statement<'c>,
    batch: Option<i64>,
    operator: String,
    recorded_at: String,
    source: String,
}

impl<'c> Writer<'c> {
    pub fn new(conn: &'c Connection, checker: &Checker, source: &str) -> Result<Writer<'c>> {
        let insert = conn.prepare(INSERT_ENTRY)?;
        Ok(Writer {
            conn,
            insert,
            batch: None,
            operator: checker.clerk.operator.clone(),
            recorded_at: checker.clerk.recorded_at.clone(),
            source: source.to_string(),
        })
    }

    fn batch(&mut self) -> Result<i64> {
        if let Some(b) = self.batch {
            return Ok(b);
        }
        self.conn.execute(
            "INSERT INTO batches (operator, recorded_at, source) VALUES (?1, ?2, ?3)",
            (&self.operator, &self.recorded_at, &self.source),
        )?;
        let b = self.conn.last_insert_rowid();
        self.batch = Some(b);
        Ok(b)
    }

    pub fn write(&mut self, e: &Entry) -> Result<()> {
        let batch = self.batch()?;
        self.insert.execute(rusqlite::params![
            e.seq,
            e.id.as_bytes(),
            e.household,
            e.item_code,
            e.item_name,
            e.kind.as_str(),
            e.veto,
            e.qty,
            points::to_cents(e.points),
            e.date.to_string(),
            e.posting.year(),
            e.posting.slot(),
            e.note,
            batch,
            e.reverses.as_ref().map(EntryId::as_bytes),
            e.hash.0,
        ])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both statements come from the one list, in the order `entry_of`
    /// reads and `Writer::write` binds.
    #[test]
    fn the_column_list_makes_both_statements() {
        assert_eq!(
            SELECT_ENTRY,
            "SELECT e.seq, e.id, e.household, e.item_code, e.item_name, e.kind, e.veto, e.qty, e.cents, e.date, \
             e.year, e.quarter, e.note, b.operator, b.recorded_at, e.reverses, e.hash \
             FROM entries e JOIN batches b ON b.id = e.batch"
        );
        let columns = INSERT_ENTRY.split(['(', ')']).nth(1).unwrap().split(", ").count();
        let values = INSERT_ENTRY.matches('?').count();
        assert_eq!((columns, values), (16, 16), "{INSERT_ENTRY}");
    }
}
