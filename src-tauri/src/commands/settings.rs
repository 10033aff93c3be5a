//! 设置: who enters points, the village's letterhead, backups.

use jifenbu_core::Field;
use std::path::{Path, PathBuf};

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::files::file_name;
use super::start::{book_info, opened};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::views::{BackupFile, BookInfo, RestoreLoss, SettingsView};

#[tauri::command]
pub async fn settings(state: State<'_, AppState>) -> Result<SettingsView> {
    view(&state)
}

/// Saves the operator's name and the village's letterhead.
#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    operator: String,
    issuer: String,
    objections_to: String,
) -> Result<SettingsView> {
    let operator = operator.trim().to_string();
    if operator.is_empty() {
        return Err(AppError::input(Field::Operator, "录入人姓名不能为空"));
    }
    state.with_book(|b| Ok(b.update_settings(Some(&issuer), Some(&objections_to))?))?;
    state.update_prefs(|p| p.operator = operator)?;
    view(&state)
}

/// Sets who is entering points (录入人).
#[tauri::command]
pub async fn set_operator(state: State<'_, AppState>, name: String) -> Result<BookInfo> {
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(AppError::input(Field::Operator, "录入人姓名不能为空"));
    }
    state.update_prefs(|p| p.operator = name)?;
    state.with_book(|b| book_info(&state, b))
}

/// Copies the open book into the backup folder now.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<SettingsView> {
    backup(&state)?;
    view(&state)
}

/// Lets the clerk pick the backup folder (a USB stick, say).
#[tauri::command]
pub async fn choose_backup_dir(app: AppHandle, state: State<'_, AppState>) -> Result<SettingsView> {
    let picked = app.dialog().file().set_title("选择备份文件夹").blocking_pick_folder();
    if let Some(dir) = picked.and_then(|p| p.into_path().ok()) {
        state.update_prefs(|p| p.backup_dir = Some(dir))?;
    }
    view(&state)
}

#[tauri::command]
pub async fn set_backup_on_close(state: State<'_, AppState>, on: bool) -> Result<SettingsView> {
    state.update_prefs(|p| p.backup_on_close = on)?;
    view(&state)
}

/// Replaces the open book with one of the backups listed in the backup
/// folder; the book as it was is kept beside it.
#[tauri::command]
pub async fn restore_backup(app: AppHandle, state: State<'_, AppState>, path: String) -> Result<BookInfo> {
    let path = listed_backup(&state, path)?;
    let book = state.take_book()?;
    let current = book.path().to_path_buf();
    match book.restore_from(&path) {
        Ok((book, _kept)) => opened(&app, &state, book),
        Err(e) => {
            // The book was not replaced: open it again as it was.
            if let Ok(book) = jifenbu_store::Book::open(&current) {
                opened(&app, &state, book)?;
            }
            Err(e.into())
        }
    }
}

/// What restoring the backup at `path` would lose, for its confirmation.
#[tauri::command]
pub async fn restore_loss(state: State<'_, AppState>, path: String) -> Result<RestoreLoss> {
    let path = listed_backup(&state, path)?;
    let since = state.with_book(|b| Ok(b.since_backup(&path)?))?;
    Ok(RestoreLoss { entries: since.entries, registrations: since.registrations, redemptions: since.redemptions })
}

/// `path`, if it is one of the backups the backup folder lists.
fn listed_backup(state: &AppState, path: String) -> Result<PathBuf> {
    let path = PathBuf::from(path);
    match backups(&state.backup_dir()).iter().any(|b| b == &path) {
        true => Ok(path),
        false => Err(AppError::input(Field::File, "只能从备份文件夹列出的备份中恢复")),
    }
}

/// Backs the open book up into the backup folder and notes when.
pub fn backup(state: &AppState) -> Result<PathBuf> {
    let dir = state.backup_dir();
    std::fs::create_dir_all(&dir).map_err(|source| AppError::Io { path: dir.display().to_string(), source })?;
    let written = state.with_book(|b| Ok(b.backup_to(&dir)?))?;
    state.update_prefs(|p| p.last_backup = Some((now_minutes(), written.clone())))?;
    Ok(written)
}

fn view(state: &AppState) -> Result<SettingsView> {
    let prefs = state.prefs();
    let dir = state.backup_dir();
    state.with_book(|b| {
        let village = b.village()?;
        let s = b.settings()?;
        Ok(SettingsView {
            operator: prefs.operator.clone(),
            village: village.name,
            code: village.code,
            issuer: s.issuer,
            objections_to: s.objections_to,
            backup_dir: dir.display().to_string(),
            backup_on_close: prefs.backup_on_close,
            last_backup: prefs.last_backup.as_ref().map(|(t, p)| format!("{t}（{}）", file_name(p))),
            backups: backups(&dir).iter().rev().map(|p| backup_file(p)).collect(),
        })
    })
}

/// The book backups in `dir`, oldest first (their names carry the time).
fn backups(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<PathBuf> =
        read.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "jfb")).collect();
    found.sort();
    found
}

fn backup_file(p: &Path) -> BackupFile {
    let meta = std::fs::metadata(p).ok();
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default();
    BackupFile {
        path: p.display().to_string(),
        file_name: file_name(p),
        modified,
        size_kb: meta.map_or(0, |m| m.len().div_ceil(1024)),
    }
}

fn now_minutes() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()
}
