//! Backups with SQLite's online backup: a consistent copy even while the
//! app has the book open.

use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};

use crate::backup_record::record;
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
        // Each table's [newest, added after] queries, from its owner. A
        // table an older backup lacks holds nothing.
        let added = |[newest, after]: [&str; 2]| -> Result<u64> {
            let last = theirs.query_row(newest, [], |r| r.get::<_, Option<i64>>(0)).ok().flatten().unwrap_or(0);
            Ok(self.conn.query_row(after, [last], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(SinceBackup {
            entries: added(crate::ledger::ADDED_AFTER)?,
            registrations: added(crate::review::ADDED_AFTER)?,
            redemptions: added(crate::shop::ADDED_AFTER)?,
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
