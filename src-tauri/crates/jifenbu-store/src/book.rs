//! Opening and creating village books, and the village's own details.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};

use crate::error::{Error, Result};
use crate::evidence::{self, Subject};
use crate::schema;

/// An open village book.
pub struct Book {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// Whether SQLite's quick check has passed in this session: the first
    /// write waits for it, so nothing is written into a damaged book.
    checked: bool,
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
        if let Some(wal) = foreign_wal(path) {
            return Err(Error::ForeignWal(wal));
        }
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
        let mut book = Book { conn, path: path.to_path_buf(), checked: false };
        if version < schema::VERSION {
            schema::migrate(&mut book.conn, version)?;
        }
        Ok(book)
    }

    /// Runs `f` as one write: all of it or, on any error, none. The
    /// session's first write checks the book first. A write that moved the
    /// ledger's end leaves evidence of the new end (evidence.rs).
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if !self.checked {
            let verdict: String = self.conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
            if verdict != "ok" {
                return Err(Error::Damaged("数据库页面检查未通过，为免损坏扩大，已拒绝写入".into()));
            }
            self.checked = true;
        }
        let tx = self.conn.transaction()?;
        let (before, _) = evidence::ledger_end(&tx)?;
        let out = f(&tx)?;
        if evidence::ledger_end(&tx)?.0 != before {
            evidence::record(&tx, Subject::Ledger)?;
        }
        tx.commit()?;
        Ok(out)
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

/// A `-wal` file beside the book that another copy of it wrote, if there is
/// one. SQLite would merge it silently, replacing the newest entries; but a
/// WAL of this book only ever appends to the ledger, so the ledger's end in
/// the main file must still be there, unchanged, once the WAL is read.
/// Both reads are read-only: nothing is merged while this is decided.
fn foreign_wal(path: &Path) -> Option<PathBuf> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    if wal.metadata().map_or(true, |m| m.len() == 0) {
        return None;
    }
    let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = file_uri(path);
    // The main file alone (immutable: SQLite ignores the WAL), then with it.
    // A book that cannot be read either way is left to the usual checks.
    let main = Connection::open_with_flags(format!("{uri}?immutable=1"), read_only).ok()?;
    let (length, head) = evidence::ledger_end(&main).ok()?;
    let merged = Connection::open_with_flags(uri, read_only).ok()?;
    match evidence::hash_at(&merged, length) {
        Ok(Some(h)) if h == head => None,
        _ => Some(wal),
    }
}

/// `path` as an SQLite URI, every byte but the plainest percent-encoded.
fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in absolute.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => uri.push(*b as char),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}

/// The local time now, as recorded on entries and publications.
pub(crate) fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}
