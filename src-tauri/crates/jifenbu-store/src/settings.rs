//! The village's own settings: what its notices say about who issues them
//! and where objections go.

use jifenbu_core::{parse, Field};
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::Book;

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
        None => {
            let village: String = conn.query_row("SELECT name FROM village WHERE id = 1", [], |r| r.get(0))?;
            format!("{village}村民委员会")
        }
    };
    Ok(Settings { issuer, objections_to: get(OBJECTIONS_TO)?.unwrap_or_else(|| DEFAULT_OBJECTIONS_TO.into()) })
}

const ISSUER: &str = "issuer";
const OBJECTIONS_TO: &str = "objections_to";
const DEFAULT_OBJECTIONS_TO: &str = "村务监督委员会";

impl Book {
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
