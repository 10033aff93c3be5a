//! The store's one error type; messages are Chinese sentences for the clerk.
//! No text from below (SQLite, the operating system) reaches them: each
//! failure is said in Chinese, with at most a code.

use std::path::PathBuf;

pub use jifenbu_core::error::explain_io;
use std::io::ErrorKind;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] jifenbu_core::Error),
    #[error("找不到积分簿文件 {}", .0.display())]
    NotFound(PathBuf),
    #[error("{} 不是积分簿文件，已拒绝打开，文件未被改动", .0.display())]
    NotABook(PathBuf),
    #[error("{} 已经存在，不会覆盖；请换一个文件名", .0.display())]
    Exists(PathBuf),
    #[error("{} 由更新版本的积分簿程序创建（格式版本 {found}，本程序支持到 {supported}），请升级程序后再打开", .path.display())]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("{} 由旧版本的积分簿程序创建，需要升级格式，而它所在的位置只读；请先把它复制到本机可写的文件夹再打开", .0.display())]
    OldReadOnly(PathBuf),
    #[error("{} 是{found}的积分簿，不是本村（{have}）的，没有恢复", .backup.display())]
    OtherVillage { backup: PathBuf, found: String, have: String },
    #[error("积分簿尚未设置村名，请新建积分簿时填写村名和村代码")]
    NoVillage,
    #[error("积分簿正被另一个程序使用，等了 10 秒仍未空出，请关闭它后重试；积分簿未改动")]
    Busy,
    #[error("积分簿旁有一个临时日志文件 {}，它不是这本积分簿现在的内容写下的（像是从别的副本拷来的），合并它会丢掉较新的记录，所以已拒绝打开，积分簿未被改动；{}", .found.display(), kept_hint(.kept))]
    StrayJournal { found: PathBuf, kept: Option<PathBuf> },
    #[error("读写 {} 失败：{}", .path.display(), explain_io(.source))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("磁盘已满：{} 所在的磁盘没有空间了。请清理出至少 {need_mb} MB 空间后重试；积分簿未改动", .path.display())]
    DiskFull { path: PathBuf, need_mb: u64 },
    #[error("备份没有做成：{} 所在的磁盘只剩 {free_mb} MB，备份需要至少 {need_mb} MB；请换一个 U 盘或清理出空间后重试；积分簿未改动", .folder.display())]
    BackupFull { folder: PathBuf, free_mb: u64, need_mb: u64 },
    #[error("备份没有做成：没有在 {} 中写文件的权限（或它所在的 U 盘只读）；请换一个文件夹；积分簿未改动", .folder.display())]
    BackupDenied { folder: PathBuf },
    #[error("这台电脑的时钟现在是 {now}，比积分簿最后一次写入的时间 {last} 还早：电脑的时钟不准（常见于主板电池没电）。请先把电脑的日期和时间调准再录入；查看、打印和核验不受影响，积分簿未改动")]
    ClockBehind { now: String, last: String },
    #[error("积分簿所在位置只读，不能写入（{}）。查看、打印、核验和备份到别处都可以；要录入，请先把它复制到本机可写的文件夹", .0.display())]
    ReadOnly(PathBuf),
    #[error("积分簿文件已损坏（{0}）；请从最近的备份恢复")]
    Damaged(String),
    #[error("积分簿文件 {} 已损坏（{what}）；{}", .path.display(), backup_hint(.backup))]
    DamagedBook { path: PathBuf, what: String, backup: crate::backup_record::BackupRecord },
    #[error("读写积分簿时出错（{0}）；积分簿未改动。若它在 U 盘上，请检查 U 盘是否已拔出")]
    Storage(Storage),
    #[error("积分簿数据库出错（错误码 {0}）；积分簿未改动")]
    Sqlite(i32),
    #[error("照片 {file} 无法使用：{reason}")]
    BadPhoto { file: String, reason: String },
    #[error("{}", refused_households(.0))]
    BatchRefused(Vec<RefusedHousehold>),
}

/// A household a batch could not enter, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedHousehold {
    pub code: String,
    pub head: String,
    pub reason: String,
}

/// 有 2 户不能录入：户号 03001 王五：…；户号 03004 赵六：…
fn refused_households(households: &[RefusedHousehold]) -> String {
    let each: Vec<String> =
        households.iter().map(|h| format!("户号 {} {}：{}", h.code, h.head, h.reason.trim_end_matches('。'))).collect();
    format!("有 {} 户不能录入——{}", households.len(), each.join("；"))
}

impl From<jifenbu_core::Refusal> for Error {
    fn from(r: jifenbu_core::Refusal) -> Self {
        Error::Core(r.into())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let Some(code) = e.sqlite_error_code() else {
            // Not from SQLite itself: a row that does not read as its type.
            return Error::Damaged(format!("有一行数据无法读取：{}", kind_of(&e)));
        };
        let extended = match &e {
            rusqlite::Error::SqliteFailure(f, _) => f.extended_code,
            _ => 0,
        };
        match code {
            C::DatabaseBusy | C::DatabaseLocked => Error::Busy,
            C::DatabaseCorrupt | C::NotADatabase => Error::Damaged("数据库文件结构损坏".into()),
            C::DiskFull => Error::Storage(Storage::Full),
            C::ReadOnly => Error::Storage(Storage::ReadOnly),
            C::PermissionDenied => Error::Storage(Storage::NoPermission),
            C::CannotOpen => Error::Storage(Storage::CannotOpen),
            C::SystemIoFailure => Error::Storage(Storage::Io(extended)),
            _ => Error::Sqlite(extended),
        }
    }
}

impl Error {
    /// This error as it concerns the book at `path`, which may be `size`
    /// bytes: a full disk says how much room to make, a read-only place
    /// says so, damage points to the latest backup.
    pub fn in_book(self, path: &std::path::Path) -> Error {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        match self {
            Error::Storage(Storage::Full) => Error::DiskFull { path: path.to_path_buf(), need_mb: need_mb(size) },
            Error::Io { source, .. } if source.kind() == ErrorKind::StorageFull => {
                Error::DiskFull { path: path.to_path_buf(), need_mb: need_mb(size) }
            }
            Error::Storage(Storage::ReadOnly) => Error::ReadOnly(path.to_path_buf()),
            Error::Damaged(what) => {
                Error::DamagedBook { path: path.to_path_buf(), what, backup: crate::backup_record::latest_backup(path) }
            }
            other => other,
        }
    }
}

/// What went wrong below the book, as SQLite reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    Full,
    ReadOnly,
    NoPermission,
    CannotOpen,
    /// An I/O failure, with SQLite's extended code.
    Io(i32),
}

impl std::fmt::Display for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Storage::Full => f.write_str("磁盘已满"),
            Storage::ReadOnly => f.write_str("所在位置只读"),
            Storage::NoPermission => f.write_str("没有读写权限"),
            Storage::CannotOpen => f.write_str("打不开文件"),
            Storage::Io(code) => write!(f, "磁盘读写失败，错误码 {code}"),
        }
    }
}

/// Room a write needs: the book's size again (a large import, a
/// checkpoint, a backup), rounded up to whole MB, plus 10 MB. README.md
/// states this rule.
pub(crate) fn need_mb(book_bytes: u64) -> u64 {
    book_bytes.div_ceil(1 << 20) + 10
}

/// Where to restore a damaged book from.
pub(crate) fn backup_hint(record: &crate::backup_record::BackupRecord) -> String {
    let hint = match &record.latest {
        Some(b) => format!("请从最近的备份恢复：{}（{} 备份）", b.path.display(), b.made_at),
        None => "本机没有它的备份记录，请找最近的备份恢复".to_string(),
    };
    match record.ignored {
        0 => hint,
        n => format!("{hint}（备份记录中有 {n} 行无法识别，已忽略）"),
    }
}

/// Where a stray journal went.
fn kept_hint(kept: &Option<PathBuf>) -> String {
    match kept {
        Some(k) => format!("它已改名为 {} 留存，供技术人员查看；现在可以重新打开积分簿", k.display()),
        None => "它无法改名，请把它移到别处后重新打开".to_string(),
    }
}

/// What a row-reading error was, in Chinese.
fn kind_of(e: &rusqlite::Error) -> &'static str {
    match e {
        rusqlite::Error::InvalidColumnType(..) | rusqlite::Error::FromSqlConversionFailure(..) => "类型不对",
        rusqlite::Error::IntegralValueOutOfRange(..) => "数值超出范围",
        rusqlite::Error::Utf8Error(..) => "文字编码不对",
        _ => "格式不对",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII words left in a message once file names are taken out.
    fn english(message: &str) -> Vec<String> {
        message
            .replace("/村/青溪村.jfb-wal", "")
            .replace("/村/青溪村.jfb", "")
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 2 && !["MB"].contains(w))
            .map(str::to_string)
            .collect()
    }

    /// Issue 17, gap 6: every message of this crate, and every failure from
    /// below as it reaches a clerk, is Chinese apart from file names and codes.
    #[test]
    fn no_english_reaches_a_clerk() {
        let book = PathBuf::from("/村/青溪村.jfb");
        let io = |kind: ErrorKind| std::io::Error::from(kind);
        let mut errors = vec![
            Error::NotFound(book.clone()),
            Error::NotABook(book.clone()),
            Error::Exists(book.clone()),
            Error::TooNew { path: book.clone(), found: 9, supported: 6 },
            Error::OldReadOnly(book.clone()),
            Error::BackupFull { folder: book.clone(), free_mb: 3, need_mb: 11 },
            Error::BackupDenied { folder: book.clone() },
            Error::ClockBehind { now: "2020-01-01 08:00".into(), last: "2026-12-07 10:15".into() },
            Error::OtherVillage { backup: book.clone(), found: "山背村".into(), have: "青溪村".into() },
            Error::NoVillage,
            Error::Busy,
            Error::StrayJournal { found: PathBuf::from("/村/青溪村.jfb-wal"), kept: None },
            Error::StrayJournal {
                found: PathBuf::from("/村/青溪村.jfb-wal"),
                kept: Some(PathBuf::from("/村/青溪村.jfb-wal.未合并-20261207-101500")),
            },
            Error::DiskFull { path: book.clone(), need_mb: 10 },
            Error::ReadOnly(book.clone()),
            Error::Damaged("数据库文件结构损坏".into()),
            Error::DamagedBook { path: book.clone(), what: "文件不完整".into(), backup: Default::default() },
            Error::Sqlite(1),
        ];
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::ReadOnlyFilesystem,
            ErrorKind::StorageFull,
            ErrorKind::AlreadyExists,
            ErrorKind::InvalidData,
            ErrorKind::UnexpectedEof,
            ErrorKind::Interrupted,
        ] {
            errors.push(Error::Io { path: book.clone(), source: io(kind) });
        }
        errors.push(Error::Io { path: book.clone(), source: std::io::Error::from_raw_os_error(5) });
        for code in [1, 5, 8, 10, 11, 13, 14, 19, 23, 26, 4874] {
            let failure = rusqlite::ffi::Error::new(code);
            errors.push(rusqlite::Error::SqliteFailure(failure, Some("disk I/O error".into())).into());
        }
        errors.push(rusqlite::Error::InvalidColumnType(0, "x".into(), rusqlite::types::Type::Null).into());
        for e in errors {
            // As raised, and as said of the book at the edge.
            for message in [e.to_string(), e.in_book(&book).to_string()] {
                assert!(english(&message).is_empty(), "{message}");
            }
        }
    }
}
