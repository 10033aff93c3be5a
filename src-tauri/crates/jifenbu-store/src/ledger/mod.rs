//! The ledger as the book stores it. It keeps the `entries` and `batches`
//! tables: the entry's row read as the core's `Entry` and written from one
//! (the column lists, side by side), every query of the entries, and what
//! they add up to (`sums`). It decides nothing: what may enter is the
//! core's `Checker`, what still counts the core's `still_counting`.

pub(crate) mod sums;

use std::collections::HashSet;

use chrono::NaiveDate;

use jifenbu_core::entry::ChainHash;
use jifenbu_core::posting::Checker;
use jifenbu_core::{points, Entry, EntryId, Kind, Posting, Quarter};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use crate::error::Result;

/// The newest of the entries (by `seq`), and how many were added after
/// one: what a backup would lose.
pub(crate) const ADDED_AFTER: [&str; 2] =
    ["SELECT MAX(seq) FROM entries", "SELECT COUNT(*) FROM entries WHERE seq > ?1"];

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

const SELECT_ENTRY: &str = concat!(
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
fn entry_of(r: &Row<'_>) -> rusqlite::Result<Entry> {
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
fn reversed_ids(conn: &Connection, sql: &str, param: &dyn rusqlite::ToSql) -> Result<HashSet<EntryId>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let ids = stmt.query_map([param], |r| r.get::<_, [u8; 16]>(0))?;
    Ok(ids.map(|id| id.map(entry_id)).collect::<rusqlite::Result<_>>()?)
}

/// Every entry posted in `year` (its quarters and its adjustment), in
/// recording order.
pub(crate) fn entries_for_year(conn: &Connection, year: i32) -> Result<Vec<Entry>> {
    entries_where(conn, "WHERE e.year = ?1 ORDER BY e.seq", [year])
}

/// The entry `id` (as text), if the book has it.
pub(crate) fn entry_by_id(conn: &Connection, id: &str) -> Result<Option<Entry>> {
    let Ok(id) = id.parse::<EntryId>() else { return Ok(None) };
    Ok(conn.query_row(&format!("{SELECT_ENTRY} WHERE e.id = ?1"), [id.as_bytes()], entry_of).optional()?)
}

/// Every entry that `sql` (ending in a WHERE clause over `e` and `b`, and
/// maybe an ORDER BY) selects with `params`.
fn entries_where(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_ENTRY} {sql}"))?;
    let rows = stmt.query_map(params, entry_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Household `code`'s entries (a reversal is filed under its original's
/// household), in recording order.
pub(crate) fn household_entries(conn: &Connection, code: &str) -> Result<Vec<Entry>> {
    entries_where(conn, "WHERE e.household = ?1 ORDER BY e.seq", [code])
}

/// The ids of household `code`'s entries that are reversed.
pub(crate) fn household_reversed(conn: &Connection, code: &str) -> Result<HashSet<EntryId>> {
    reversed_ids(conn, "SELECT reverses FROM entries WHERE household = ?1 AND reverses IS NOT NULL", &code)
}

/// The entries of the batch that entry `id` is in, in recording order,
/// and the ids of those reversed.
pub(crate) fn batch_entries(conn: &Connection, id: EntryId) -> Result<(Vec<Entry>, HashSet<EntryId>)> {
    let batch = "(SELECT batch FROM entries WHERE id = ?1)";
    let entries = entries_where(conn, &format!("WHERE e.batch = {batch} ORDER BY e.seq"), [id.as_bytes()])?;
    let reversed = reversed_ids(
        conn,
        &format!("SELECT r.reverses FROM entries r JOIN entries e ON e.id = r.reverses WHERE e.batch = {batch}"),
        &id.as_bytes(),
    )?;
    Ok((entries, reversed))
}

/// The reversal of entry `id`, if it has one.
pub(crate) fn reversal_of(conn: &Connection, id: EntryId) -> Result<Option<EntryId>> {
    let found =
        conn.query_row("SELECT id FROM entries WHERE reverses = ?1", [id.as_bytes()], |r| r.get(0)).optional()?;
    Ok(found.map(entry_id))
}

/// The entries recorded on `day` by the clock in batches labelled with one
/// of `sources`, in recording order.
pub(crate) fn keyed_on(conn: &Connection, day: NaiveDate, sources: [&str; 3]) -> Result<Vec<Entry>> {
    let next = day.succ_opt().unwrap_or(day);
    let [a, b, c] = sources;
    entries_where(
        conn,
        "WHERE b.recorded_at >= ?1 AND b.recorded_at < ?2 AND b.source IN (?3, ?4, ?5) ORDER BY e.seq",
        [&day.to_string(), &next.to_string(), a, b, c],
    )
}

/// The entries posted in `quarter` and recorded up to `last_seq`, by
/// household, then deed date.
pub(crate) fn quarter_entries(conn: &Connection, quarter: Quarter, last_seq: i64) -> Result<Vec<Entry>> {
    entries_where(
        conn,
        "WHERE e.year = ?1 AND e.quarter = ?2 AND e.seq <= ?3 ORDER BY e.household, e.date, e.seq",
        (quarter.year, quarter.q, last_seq),
    )
}

/// The ledger's end: its last entry's sequence number and hash (0 and the
/// genesis hash while it is empty).
pub(crate) fn end(conn: &Connection) -> Result<(i64, ChainHash)> {
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get::<_, i64>(0)?, ChainHash(r.get(1)?))))
        .optional()?
        .unwrap_or((0, ChainHash::GENESIS)))
}

/// The hash of entry `seq`, if there is one (the genesis hash for 0).
pub(crate) fn hash_at(conn: &Connection, seq: i64) -> Result<Option<ChainHash>> {
    if seq == 0 {
        return Ok(Some(ChainHash::GENESIS));
    }
    Ok(conn
        .prepare_cached("SELECT hash FROM entries WHERE seq = ?1")?
        .query_row([seq], |r| Ok(ChainHash(r.get(0)?)))
        .optional()?)
}

/// How many entries the ledger holds.
pub(crate) fn count(conn: &Connection) -> Result<u64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM entries", [], |r| r.get::<_, i64>(0))? as u64)
}

/// Every entry id in the book, as stored.
pub(crate) fn ids(conn: &Connection) -> Result<HashSet<[u8; 16]>> {
    let mut stmt = conn.prepare("SELECT id FROM entries")?;
    let ids = stmt.query_map([], |r| r.get::<_, [u8; 16]>(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The deeds of the entries that are not reversals (`Entry::deed_key`).
pub(crate) fn deed_keys(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(&format!("{SELECT_ENTRY} WHERE e.reverses IS NULL"))?;
    let keys = stmt.query_map([], |r| entry_of(r).map(|e| e.deed_key()))?;
    Ok(keys.collect::<rusqlite::Result<_>>()?)
}

/// The latest entry posted in `quarter` by when it was keyed in: its
/// sequence number, household, item and recording time.
pub(crate) fn latest_keyed(conn: &Connection, quarter: Quarter) -> Result<Option<(i64, String, String, String)>> {
    Ok(conn
        .query_row(
            "SELECT e.seq, e.household, e.item_code, b.recorded_at FROM entries e JOIN batches b ON b.id = e.batch
              WHERE e.year = ?1 AND e.quarter = ?2 ORDER BY b.recorded_at DESC, e.seq DESC LIMIT 1",
            (quarter.year, quarter.q),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?)
}

/// Each entry's household, deed date, kind and points in cents (of one
/// household, or all), as `each` takes them: what the shop's balances
/// earn from.
pub(crate) fn points_moved(
    conn: &Connection,
    household: Option<&str>,
    mut each: impl FnMut(String, NaiveDate, Kind, i64),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(match household {
        Some(_) => "SELECT household, date, kind, cents FROM entries WHERE household = ?1",
        None => "SELECT household, date, kind, cents FROM entries",
    })?;
    let mut rows = stmt.query(rusqlite::params_from_iter(household))?;
    while let Some(r) = rows.next()? {
        each(r.get(0)?, crate::clock::date_of(&r.get::<_, String>(1)?), kind_at(r, 2)?, r.get(3)?);
    }
    Ok(())
}

/// Every entry row in recording order, read as an entry or with why it
/// would not read (verify reports it by sequence number).
pub(crate) fn each_row(conn: &Connection, mut each: impl FnMut(i64, rusqlite::Result<Entry>)) -> Result<()> {
    let mut stmt = conn.prepare(&format!("{SELECT_ENTRY} ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        each(row.get(0)?, entry_of(row));
    }
    Ok(())
}

/// An entry in a year's adjustment, and the year of the entry it
/// reverses, if it is a reversal.
pub(crate) struct Adjustment {
    pub id: EntryId,
    pub year: i32,
    pub seq: i64,
    pub household: String,
    pub item: String,
    pub cents: i64,
    pub reversed_year: Option<i32>,
}

/// Every entry in a year's adjustment, by year and recording order.
pub(crate) fn adjustments(conn: &Connection) -> Result<Vec<Adjustment>> {
    let mut stmt = conn.prepare(
        "SELECT e.id, e.year, e.seq, e.household, e.item_code, e.cents, x.year
           FROM entries e LEFT JOIN entries x ON x.id = e.reverses
          WHERE e.quarter = 5 ORDER BY e.year, e.seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Adjustment {
            id: entry_id(r.get(0)?),
            year: r.get(1)?,
            seq: r.get(2)?,
            household: r.get(3)?,
            item: r.get(4)?,
            cents: r.get(5)?,
            reversed_year: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Drops the ledger's lookup indexes (every index of `entries` that
/// enforces nothing) for a bulk load, and returns the statements that
/// build them again, as the schema wrote them: sorting a million rows
/// once is faster than updating four indexes a million times. The unique
/// ones stay, so the database itself still refuses a doubled id or a
/// second reversal. Inside the import's transaction: a failed or killed
/// import leaves every index as it was.
pub(crate) fn drop_lookup_indexes(tx: &Transaction<'_>) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries' \
         AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY rowid",
    )?;
    let indexes: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
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
