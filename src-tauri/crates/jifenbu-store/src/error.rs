//! The store's one error type; messages are Chinese sentences for the clerk.

use std::path::PathBuf;

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
    #[error("{} 是{found}的积分簿，不是本村（{have}）的，没有恢复", .backup.display())]
    OtherVillage { backup: PathBuf, found: String, have: String },
    #[error("积分簿尚未设置村名，请新建积分簿时填写村名和村代码")]
    NoVillage,
    #[error("{} 不属于这本积分簿（像是从别的副本拷来的），已拒绝打开，积分簿未被改动；请把这个文件移到别处后重新打开", .0.display())]
    ForeignWal(PathBuf),
    #[error("积分簿正被另一个程序使用，请关闭后重试")]
    Busy,
    #[error("读写 {} 失败：{source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("积分簿内容有损坏（{0}），请用 verify 核验，必要时从备份恢复")]
    Damaged(String),
    #[error("积分簿数据库出错：{0}")]
    Sqlite(rusqlite::Error),
}

impl From<jifenbu_core::Refusal> for Error {
    fn from(r: jifenbu_core::Refusal) -> Self {
        Error::Core(r.into())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => Error::Busy,
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::Damaged("数据库文件结构损坏".into()),
            _ => Error::Sqlite(e),
        }
    }
}
