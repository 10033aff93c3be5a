//! Rulebook versions. Each import adds a version; none is replaced, so the
//! rules any past quarter was scored under stay readable. It keeps the
//! `rulebooks` table.

use chrono::NaiveDate;
use jifenbu_core::rulebook;
use jifenbu_core::Rulebook;
use rusqlite::Connection;

use crate::clock::now;
use crate::error::Result;
use crate::evidence::{self, Subject};
use crate::Book;

/// A rulebook version as kept in a book.
#[derive(Debug, Clone)]
pub struct StoredRulebook {
    pub id: i64,
    pub file_name: String,
    pub imported_at: String,
    pub rulebook: Rulebook,
}

impl Book {
    /// Checks and adds a rulebook version.
    pub fn import_rulebook(&mut self, file_name: &str, source: &str) -> Result<StoredRulebook> {
        let rulebook = Rulebook::parse(source, file_name)?;
        let imported_at = now();
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO rulebooks (version, name, effective_from, source, file_name, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (
                    &rulebook.version,
                    &rulebook.name,
                    rulebook.effective_from.to_string(),
                    source,
                    file_name,
                    &imported_at,
                ),
            )?;
            let id = tx.last_insert_rowid();
            evidence::record(tx, Subject::Rulebook(id))?;
            Ok(id)
        })?;
        Ok(StoredRulebook { id, file_name: file_name.into(), imported_at, rulebook })
    }

    /// The rulebook in force on `date`: the latest effective on or before
    /// it (the latest imported among equals).
    pub fn rulebook_on(&self, date: NaiveDate) -> Result<StoredRulebook> {
        rulebook_on(&self.conn, date)
    }
}

const SELECT: &str = "SELECT id, source, file_name, imported_at FROM rulebooks";

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn parse_stored((id, source, file_name, imported_at): (i64, String, String, String)) -> Result<StoredRulebook> {
    let rulebook = Rulebook::parse(&source, &file_name)?;
    Ok(StoredRulebook { id, file_name, imported_at, rulebook })
}

/// The version in force on `date`, as the core chooses it
/// ([`rulebook::in_force`]); only that one is read and parsed.
pub(crate) fn rulebook_on(conn: &Connection, date: NaiveDate) -> Result<StoredRulebook> {
    let versions = versions(conn)?;
    let (id, _) = rulebook::required_on(&versions, date, |(_, from)| *from)?;
    rulebook_by_id(conn, *id)
}

/// Each version's id and first day, in import order.
pub(crate) fn versions(conn: &Connection) -> Result<Vec<(i64, NaiveDate)>> {
    let mut stmt = conn.prepare_cached("SELECT id, effective_from FROM rulebooks ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, from) = row?;
        out.push((id, from.parse().map_err(|_| crate::Error::Damaged(format!("规则版本 {id} 的施行日期「{from}」")))?));
    }
    Ok(out)
}

pub(crate) fn rulebook_by_id(conn: &Connection, id: i64) -> Result<StoredRulebook> {
    parse_stored(conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], stored)?)
}

/// Every version, in import order.
pub(crate) fn all_rulebooks(conn: &Connection) -> Result<Vec<StoredRulebook>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY id"))?;
    let rows = stmt.query_map([], stored)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(parse_stored).collect()
}
