//! Backups with SQLite's online backup: a consistent copy even while the
//! app has the book open.

use std::path::{Path, PathBuf};

use rusqlite::backup::Progress;

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
        let partial = target.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let copy = || -> Result<()> {
            self.conn.backup(rusqlite::MAIN_DB, &partial, None::<fn(Progress)>)?;
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
            return Err(e);
        }
        std::fs::rename(&partial, &target).map_err(|source| Error::Io { path: target.clone(), source })?;
        Ok(target)
    }
}

fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
