//! Backups with SQLite's online backup: a consistent copy even while the
//! app has the book open.

use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};

use crate::error::{Error, Result};
use crate::Book;

impl Book {
    /// Copies the book to `dest` (a file that must not exist yet, or a
    /// folder, where a dated file name is chosen). The copy is checked before
    /// it takes its name, so a file at the returned path is a whole book.
    pub fn backup_to(&self, dest: &Path) -> Result<PathBuf> {
        let target = if dest.is_dir() {
            let stem = self.path().file_stem().and_then(|s| s.to_str()).unwrap_or("积分簿");
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            dest.join(format!("{stem}-备份-{stamp}.jfb"))
        } else {
            dest.to_path_buf()
        };
        if target.exists() {
            return Err(Error::Exists(target));
        }
        if dest.is_dir() {
            remove_partials(dest);
        }
        let partial = target.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let copy = || -> Result<()> {
            let mut copy = crate::book::connect(&partial, rusqlite::OpenFlags::default())?;
            // Every page in one step; another program's lock is a busy book.
            if Backup::new(&self.conn, &mut copy)?.step(-1)? != StepResult::Done {
                return Err(Error::Busy);
            }
            drop(copy);
            let check = Book::open(&partial)?.verify()?;
            if !check.ok() {
                return Err(Error::Io {
                    path: partial.clone(), source: std::io::Error::other("备份副本核验未通过")
                });
            }
            Ok(())
        };
        if let Err(e) = copy() {
            remove_with_sidecars(&partial);
            return Err(at_destination(e, self.path(), &target));
        }
        std::fs::rename(&partial, &target).map_err(|source| Error::Io { path: target.clone(), source })?;
        record(self.path(), &target);
        Ok(target)
    }
}

/// A failed backup's error as it concerns the destination, not the book:
/// a full disk or a folder that may not be written there.
fn at_destination(e: Error, book: &Path, target: &Path) -> Error {
    use crate::error::Storage;
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let full = matches!(&e, Error::Storage(Storage::Full))
        || matches!(&e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull);
    let denied = matches!(&e, Error::Storage(Storage::NoPermission | Storage::CannotOpen | Storage::ReadOnly))
        || matches!(&e, Error::Io { source, .. }
            if matches!(source.kind(), std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem));
    if full {
        let size = std::fs::metadata(book).map_or(0, |m| m.len());
        let free_mb = fs4::available_space(&folder).unwrap_or(0) >> 20;
        return Error::BackupFull { folder, free_mb, need_mb: crate::error::need_mb(size) };
    }
    if denied {
        return Error::BackupDenied { folder };
    }
    e
}

/// A backup this computer made of a book (by `backup` or the app), as the
/// backup record (备份记录) in the user's data folder remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownBackup {
    pub path: PathBuf,
    /// `2026-11-30 17:05`.
    pub made_at: String,
}

/// Where backups go unless told otherwise, for the app and the command
/// line alike: 积分簿备份 in the user's Documents folder, by the system's own
/// word for it (Windows' known folder, whatever its localized name; the
/// desktop's user-dirs on Linux), else in the home folder. A folder the
/// clerk can see and copy, not one hidden in the app's data.
pub fn default_backup_folder() -> Option<PathBuf> {
    Some(dirs::document_dir().or_else(dirs::home_dir)?.join("积分簿备份"))
}

/// What the backup record says of one book.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupRecord {
    /// Its latest backup that is still there.
    pub latest: Option<KnownBackup>,
    /// Lines of the record that do not read as a record (edited by hand,
    /// cut short): ignored, and said so.
    pub ignored: usize,
}

/// The backup record: one line per backup made on this computer, so a
/// damaged book can point to its latest backup wherever that went.
fn record_file() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))?;
    Some(data.join("jifenbu").join("备份记录.tsv"))
}

/// What a path's text may not hold in the record: a tab or line break would
/// make another cell or line, and `%` starts an escape.
const IN_RECORD: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b'%');

/// Notes a backup in the record; a record that cannot be written costs the
/// backup nothing.
fn record(book: &Path, backup: &Path) {
    let Some(file) = record_file() else { return };
    let cell = |p: &Path| {
        let absolute = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        percent_encoding::utf8_percent_encode(&absolute.to_string_lossy(), IN_RECORD).to_string()
    };
    let line = format!("{}\t{}\t{}\n", chrono::Local::now().format(MADE_AT), cell(book), cell(backup));
    let _ = file.parent().map(std::fs::create_dir_all);
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(&file) {
        let _ = f.write_all(line.as_bytes());
    }
}

const MADE_AT: &str = "%Y-%m-%d %H:%M";

/// One line of the record: when, of which book, where to.
fn parse_line(line: &str) -> Option<(String, PathBuf, PathBuf)> {
    let cells: Vec<&str> = line.split('\t').collect();
    let [made_at, of, to] = cells[..] else { return None };
    chrono::NaiveDateTime::parse_from_str(made_at, MADE_AT).ok()?;
    let path = |cell: &str| percent_encoding::percent_decode_str(cell).decode_utf8().ok().map(|p| PathBuf::from(&*p));
    Some((made_at.to_string(), path(of)?, path(to)?))
}

/// What the record says of `book`: its latest backup still there.
pub fn latest_backup(book: &Path) -> BackupRecord {
    /// The record grows by a line a day at most; more than this is not it.
    const MAX_RECORD: u64 = 4 << 20;
    let mut found = BackupRecord::default();
    let Some(file) = record_file() else { return found };
    if std::fs::metadata(&file).map_or(true, |m| m.len() > MAX_RECORD) {
        return found;
    }
    let (Ok(text), Ok(book)) = (std::fs::read_to_string(&file), std::path::absolute(book)) else { return found };
    for line in text.lines().rev().filter(|l| !l.is_empty()) {
        match parse_line(line) {
            None => found.ignored += 1,
            Some((made_at, of, path)) => {
                if found.latest.is_none() && of == book && path.is_file() {
                    found.latest = Some(KnownBackup { path, made_at });
                }
            }
        }
    }
    found
}

/// Removes what backups killed midway left in `folder`.
fn remove_partials(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.contains("-备份-") && name.ends_with(".partial") {
            remove_with_sidecars(&path);
        }
    }
}

/// What restoring a backup would drop: this book's entries, registrations
/// and redemptions recorded after the backup was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SinceBackup {
    pub entries: u64,
    pub registrations: u64,
    pub redemptions: u64,
}

impl Book {
    /// What restoring `backup` would lose (see [`SinceBackup`]). The backup
    /// is read as an immutable file: nothing of it is changed by asking.
    pub fn since_backup(&self, backup: &Path) -> Result<SinceBackup> {
        let theirs = crate::book::open_read_only(backup).map_err(|_| Error::NotABook(backup.to_path_buf()))?;
        // A table an older backup lacks holds nothing.
        let last = |sql: &str| theirs.query_row(sql, [], |r| r.get::<_, Option<i64>>(0)).ok().flatten().unwrap_or(0);
        let after = |sql: &str, last: i64| -> Result<u64> {
            Ok(self.conn.query_row(sql, [last], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(SinceBackup {
            entries: after("SELECT COUNT(*) FROM entries WHERE seq > ?1", last("SELECT MAX(seq) FROM entries"))?,
            registrations: after(
                "SELECT COUNT(*) FROM registrations WHERE id > ?1",
                last("SELECT MAX(id) FROM registrations"),
            )?,
            redemptions: after(
                "SELECT COUNT(*) FROM redemptions WHERE id > ?1",
                last("SELECT MAX(id) FROM redemptions"),
            )?,
        })
    }

    /// Replaces this book with the backup at `backup`, which must be a whole
    /// book of the same village. The book as it was is first kept beside it
    /// (`…-恢复前-<time>.jfb`), so a restore can itself be undone. Returns the
    /// restored book and where the earlier one was kept.
    pub fn restore_from(self, backup: &Path) -> Result<(Book, PathBuf)> {
        let source = Book::open(backup)?;
        let (have, found) = (self.village()?, source.village()?);
        if have.code != found.code {
            return Err(Error::OtherVillage { backup: backup.to_path_buf(), found: found.name, have: have.name });
        }
        if !source.verify()?.ok() {
            return Err(Error::Io {
                path: backup.to_path_buf(), source: std::io::Error::other("备份文件核验未通过")
            });
        }
        let path = self.path().to_path_buf();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("积分簿");
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let kept = self.backup_to(&path.with_file_name(format!("{stem}-恢复前-{stamp}.jfb")))?;
        let incoming = path.with_extension("restoring");
        remove_with_sidecars(&incoming); // left by a restore that died midway
        let incoming = source.backup_to(&incoming)?;
        drop(source);
        // Closing the last connection folds the WAL back into the file.
        drop(self);
        std::fs::rename(&incoming, &path).map_err(|source| Error::Io { path: path.clone(), source })?;
        Ok((Book::open(&path)?, kept))
    }
}

fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
