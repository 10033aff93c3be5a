//! The backup record (备份记录): one line per backup made on this computer,
//! in the user's data folder, so a damaged book can point to its latest
//! backup wherever that went. Plain files only: the book's own modules and
//! its error type read it, so it depends on none of them.

use std::io::Write;
use std::path::{Path, PathBuf};

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
pub(crate) fn record(book: &Path, backup: &Path) {
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
