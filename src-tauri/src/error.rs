//! The app's one error type. Whatever goes wrong reaches the clerk as one
//! Chinese sentence, with the form field it concerns when there is one.

use jifenbu_core::{Field, Refusal};
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
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("{message}")]
    Input { field: Field, message: String },
    #[error("读写 {path} 失败：{}", jifenbu_store::explain_io(.source))]
    Io { path: String, source: std::io::Error },
    #[error("窗口出错：{0}")]
    Window(#[from] tauri::Error),
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    pub fn input(field: Field, message: impl Into<String>) -> AppError {
        AppError::Input { field, message: message.into() }
    }

    fn refusal(&self) -> Option<&Refusal> {
        match self {
            AppError::Refused(r) | AppError::Store(jifenbu_store::Error::Core(jifenbu_core::Error::Refused(r))) => {
                Some(r)
            }
            _ => None,
        }
    }

    /// The item of a refusal that says it needs review, if this is one.
    pub fn needs_review(&self) -> Option<&str> {
        match self.refusal() {
            Some(Refusal::NeedsReview(item)) => Some(item),
            _ => None,
        }
    }

    pub fn is_likely_duplicates(&self) -> bool {
        matches!(self.refusal(), Some(Refusal::LikelyDuplicates { .. }))
    }

    fn code(&self) -> Option<FailureCode> {
        self.is_likely_duplicates().then_some(FailureCode::LikelyDuplicates)
    }

    /// The households a refusal of several names, for the window to mark.
    fn households(&self) -> Vec<String> {
        match self {
            AppError::Store(jifenbu_store::Error::BatchRefused(refused)) => {
                refused.iter().map(|h| h.code.clone()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The form field the error is about, as the core names it, so the
    /// form can mark it.
    fn field(&self) -> Option<Field> {
        match self {
            AppError::Input { field, .. } => Some(*field),
            AppError::Store(jifenbu_store::Error::BatchRefused(_)) => Some(Field::Households),
            _ => self.refusal()?.field(),
        }
    }
}

/// An error as the front end receives it.
#[derive(Serialize, TS)]
pub struct Failure {
    pub message: String,
    pub field: Option<Field>,
    /// Set only where the window acts on the kind of refusal.
    pub code: Option<FailureCode>,
    /// The households a refusal names, which the window marks (批量录入);
    /// empty for every other.
    pub households: Vec<String>,
}

/// The refusals the window answers with more than a message.
#[derive(Serialize, TS, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum FailureCode {
    /// An entries file with rows like entries already in the book: the
    /// window asks whether to import it anyway.
    LikelyDuplicates,
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        Failure { message: self.to_string(), field: self.field(), code: self.code(), households: self.households() }
            .serialize(s)
    }
}
