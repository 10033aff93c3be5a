//! Opening and creating village books, and the village's own details.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::error::{Error, Result};
use crate::schema;

/// An open village book.
pub struct Book {
    pub(crate) conn: Connection,
    path: PathBuf,
}

/// The village a book belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Village {
    pub name: String,
    /// The town's code for the village (村代码).
    pub code: String,
    pub created_at: String,
}

impl Book {
    /// Creates a new, empty book. The file appears only once it is complete,
    /// so a crash during creation leaves nothing behind at `path`.
    pub fn create(path: &Path, name: &str, code: &str) -> Result<Book> {
        let (name, code) = (name.trim(), code.trim());
        if path.exists() {
            return Err(Error::Exists(path.to_path_buf()));
        }
        if name.is_empty() || code.is_empty() {
            return Err(Error::NoVillage);
        }
        jifenbu_core::parse::text(jifenbu_core::Field::Village, name)?;
        jifenbu_core::parse::text(jifenbu_core::Field::Code, code)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.is_dir()) {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "所在文件夹不存在");
            return Err(Error::Io { path: parent.to_path_buf(), source });
        }
        let tmp = path.with_extension("creating");
        let _ = std::fs::remove_file(&tmp);
        {
            let mut conn = Connection::open(&tmp)?;
            conn.pragma_update(None, "page_size", 8192)?;
            conn.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
            schema::migrate(&mut conn, 0)?;
            conn.execute(
                "INSERT INTO village (id, name, code, created_at) VALUES (1, ?1, ?2, ?3)",
                (name, code, now()),
            )?;
        }
        std::fs::rename(&tmp, path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        Book::open(path)
    }

    /// Opens an existing book, refusing any file that is not one, untouched.
    pub fn open(path: &Path) -> Result<Book> {
        if !path.is_file() {
            return Err(Error::NotFound(path.to_path_buf()));
        }
        let not_a_book = || Error::NotABook(path.to_path_buf());
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|_| not_a_book())?;
        let app_id: i64 =
            conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|e| match Error::from(e) {
                Error::Busy => Error::Busy,
                _ => not_a_book(),
            })?;
        if app_id != schema::APPLICATION_ID {
            return Err(not_a_book());
        }
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > schema::VERSION {
            return Err(Error::TooNew { path: path.to_path_buf(), found: version, supported: schema::VERSION });
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // WAL keeps readers (the app) and a writer apart; FULL sync makes a
        // confirmed entry survive a power cut, not only a crash.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let mut book = Book { conn, path: path.to_path_buf() };
        if version < schema::VERSION {
            schema::migrate(&mut book.conn, version)?;
        }
        Ok(book)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn village(&self) -> Result<Village> {
        self.conn
            .query_row("SELECT name, code, created_at FROM village WHERE id = 1", [], |r| {
                Ok(Village { name: r.get(0)?, code: r.get(1)?, created_at: r.get(2)? })
            })
            .optional()?
            .ok_or(Error::NoVillage)
    }
}

/// The local time now, as recorded on entries and publications.
pub(crate) fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}
