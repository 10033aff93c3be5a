//! The app's one error type. Whatever goes wrong reaches the clerk as one
//! Chinese sentence, with the form field it concerns when there is one.

use jifenbu_core::Refusal;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] jifenbu_store::Error),
    #[error(transparent)]
    Print(#[from] jifenbu_print::Error),
    #[error("还没有打开积分簿")]
    NoBook,
    #[error("没有可保存的打印件，请先生成")]
    NoPrintout,
    #[error("{message}")]
    Input { field: &'static str, message: String },
    #[error("读写 {path} 失败：{source}")]
    Io { path: String, source: std::io::Error },
    #[error("窗口出错：{0}")]
    Window(#[from] tauri::Error),
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    pub fn input(field: &'static str, message: impl Into<String>) -> AppError {
        AppError::Input { field, message: message.into() }
    }

    /// The form field the error is about, so the form can mark it.
    fn field(&self) -> Option<&'static str> {
        let refusal = match self {
            AppError::Input { field, .. } => return Some(field),
            AppError::Store(jifenbu_store::Error::Core(jifenbu_core::Error::Refused(r))) => r,
            _ => return None,
        };
        Some(match refusal {
            Refusal::UnknownHousehold(_) | Refusal::HouseholdInactive { .. } => "household",
            Refusal::UnknownItem { .. } | Refusal::NoRulebook { .. } => "item",
            Refusal::BadPoints { .. }
            | Refusal::PointsFixed { .. }
            | Refusal::PointsRequired { .. }
            | Refusal::PointsOutOfRange { .. }
            | Refusal::CapExceeded { .. } => "points",
            Refusal::BadQuantity => "qty",
            Refusal::QuarterPublished(_) => "date",
            Refusal::ReasonRequired => "reason",
            _ => return None,
        })
    }
}

/// An error as the front end receives it.
#[derive(Serialize, TS)]
pub struct Failure {
    pub message: String,
    pub field: Option<String>,
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        Failure { message: self.to_string(), field: self.field().map(str::to_string) }.serialize(s)
    }
}
