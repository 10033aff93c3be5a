//! The village and its own settings: its name and code, what its notices
//! say about who issues them and where objections go. It keeps the
//! `village` and `settings` tables.

use jifenbu_core::{parse, Field};
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::Book;

/// The village a book belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Village {
    pub name: String,
    /// The town's code for the village (村代码).
    pub code: String,
    pub created_at: String,
}

/// Records the village a new book is for.
pub(crate) fn found_village(conn: &Connection, name: &str, code: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO village (id, name, code, created_at) VALUES (1, ?1, ?2, ?3)",
        (name, code, crate::clock::now()),
    )?;
    Ok(())
}

/// The village the book belongs to.
pub(crate) fn village(conn: &Connection) -> Result<Village> {
    conn.query_row("SELECT name, code, created_at FROM village WHERE id = 1", [], |r| {
        Ok(Village { name: r.get(0)?, code: r.get(1)?, created_at: r.get(2)? })
    })
    .optional()?
    .ok_or(Error::NoVillage)
}

/// Printed on every notice and statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Who issues notices (发布单位), by default `<村名>村民委员会`.
    pub issuer: String,
    /// Where and to whom objections go (异议受理).
    pub objections_to: String,
}

/// The settings as they stand (defaults where none are set).
pub(crate) fn settings(conn: &Connection) -> Result<Settings> {
    let get = |key: &str| -> Result<Option<String>> {
        Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    };
    let issuer = match get(ISSUER)? {
        Some(issuer) => issuer,
        None => format!("{}村民委员会", village(conn)?.name),
    };
    Ok(Settings { issuer, objections_to: get(OBJECTIONS_TO)?.unwrap_or_else(|| DEFAULT_OBJECTIONS_TO.into()) })
}

const ISSUER: &str = "issuer";
const OBJECTIONS_TO: &str = "objections_to";
const DEFAULT_OBJECTIONS_TO: &str = "村务监督委员会";

impl Book {
    pub fn village(&self) -> Result<Village> {
        village(&self.conn)
    }

    pub fn settings(&self) -> Result<Settings> {
        settings(&self.conn)
    }

    /// Changes the settings given; blank values are refused.
    pub fn update_settings(&mut self, issuer: Option<&str>, objections_to: Option<&str>) -> Result<Settings> {
        self.write(|tx| {
            for (key, value, field) in
                [(ISSUER, issuer, Field::Issuer), (OBJECTIONS_TO, objections_to, Field::ObjectionsTo)]
            {
                let Some(value) = value.map(str::trim) else { continue };
                parse::required_text(field, value)?;
                tx.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)", (key, value))?;
            }
            Ok(())
        })?;
        self.settings()
    }
}
