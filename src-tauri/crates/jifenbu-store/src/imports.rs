//! The files a book has taken in, each by its SHA-256, so that the same
//! file is never taken twice: entries files (`imports`) and registration
//! files (`registration_imports`): two tables of one shape, which this
//! module keeps.

use jifenbu_core::import::Imported;
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// Which kind of file.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Imports {
    Entries,
    Registrations,
}

/// The file with these bytes as the book recorded it, if it took it before.
pub(crate) fn imported_before(conn: &Connection, kind: Imports, sha256: &[u8; 32]) -> Result<Option<Imported>> {
    let sql = match kind {
        Imports::Entries => "SELECT recorded_at, operator, added FROM imports WHERE sha256 = ?1",
        Imports::Registrations => "SELECT recorded_at, operator, added FROM registration_imports WHERE sha256 = ?1",
    };
    Ok(conn
        .query_row(sql, [sha256], |r| Ok(Imported { recorded_at: r.get(0)?, by: r.get(1)?, added: r.get(2)? }))
        .optional()?)
}

/// Records that the file `name` with these bytes was taken in by
/// `operator` now, adding `added` rows.
pub(crate) fn record(
    conn: &Connection,
    kind: Imports,
    sha256: &[u8; 32],
    name: &str,
    operator: &str,
    added: usize,
) -> Result<()> {
    let sql = match kind {
        Imports::Entries => {
            "INSERT INTO imports (sha256, file_name, operator, recorded_at, added) VALUES (?1, ?2, ?3, ?4, ?5)"
        }
        Imports::Registrations => {
            "INSERT INTO registration_imports (sha256, file_name, operator, recorded_at, added)
             VALUES (?1, ?2, ?3, ?4, ?5)"
        }
    };
    conn.execute(sql, (sha256, name, operator.trim(), crate::clock::now(), added as i64))?;
    Ok(())
}
