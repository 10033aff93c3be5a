//! Files the clerk saves: placed in the system's save dialog (so the window
//! never names a path), written whole or not at all. A printout is made
//! first, shown in the window's preview, and saved from there.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tauri::ipc::Response;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{AppError, Result};
use crate::state::{AppState, Printout};
use crate::views::SavedPrintout;

pub fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// For automated tests of the window only: with `JIFENBU_DIALOGS` naming a
/// folder, no system dialog opens (WebDriver cannot answer one). A save goes
/// into that folder under the suggested name; a pick takes the files in its
/// `pick/` folder, in name order.
fn scripted_dialogs() -> Option<PathBuf> {
    std::env::var_os("JIFENBU_DIALOGS").map(PathBuf::from)
}

/// Asks for files to open (titled `title`, offering `filter`); empty when
/// the dialog was cancelled.
pub fn pick_files(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Vec<PathBuf> {
    if let Some(dir) = scripted_dialogs() {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(dir.join("pick")).into_iter().flatten().flatten().map(|e| e.path()).collect();
        files.sort();
        return files;
    }
    let picked = app.dialog().file().set_title(title).add_filter(filter.0, filter.1).blocking_pick_files();
    picked.unwrap_or_default().into_iter().filter_map(|p| p.into_path().ok()).collect()
}

/// Asks for one file to open; `None` when the dialog was cancelled.
pub fn pick_file(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if scripted_dialogs().is_some() {
        return pick_files(app, title, filter).into_iter().next();
    }
    let picked = app.dialog().file().set_title(title).add_filter(filter.0, filter.1).blocking_pick_file();
    picked.and_then(|p| p.into_path().ok())
}

/// Asks where to save (suggesting `suggested`, offering `filter`), then
/// writes the file; `None` when the dialog was cancelled. Whatever can be
/// refused is computed before this is called, so a refusal never follows
/// the clerk's choice of place.
pub fn save_as(
    app: &AppHandle,
    suggested: &str,
    filter: (&str, &[&str]),
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<Option<PathBuf>> {
    let Some(path) = save_path(app, None, suggested, filter) else { return Ok(None) };
    jifenbu_store::write_atomically(&path, write)
        .map_err(|source| AppError::Io { path: path.display().to_string(), source })?;
    Ok(Some(path))
}

/// Asks where to save a file suggested as `suggested` (the dialog titled
/// `title`, if given); `None` when the dialog was cancelled.
pub fn save_path(app: &AppHandle, title: Option<&str>, suggested: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(dir) = scripted_dialogs() {
        return Some(dir.join(suggested));
    }
    let mut dialog = app.dialog().file().set_file_name(suggested).add_filter(filter.0, filter.1);
    if let Some(title) = title {
        dialog = dialog.set_title(title);
    }
    dialog.blocking_save_file().and_then(|p| p.into_path().ok())
}

/// Holds a printout made by one of the print commands and answers its
/// bytes, raw rather than as a JSON array, for the window's preview.
pub fn preview(state: &AppState, name: String, pdf: Vec<u8>) -> Response {
    let bytes = pdf.clone();
    state.hold_printout(Printout { name, pdf });
    Response::new(bytes)
}

/// Saves the printout last previewed and opens it in the system's PDF
/// viewer, from which it is printed. Returns where it went.
#[tauri::command]
pub async fn save_printout(app: AppHandle, state: State<'_, AppState>) -> Result<Option<SavedPrintout>> {
    let printout = state.printout().ok_or(AppError::NoPrintout)?;
    let saved = save_as(&app, &printout.name, ("PDF 文件", &["pdf"]), |w| w.write_all(&printout.pdf))?;
    let Some(path) = saved else { return Ok(None) };
    // No viewer (a bare PC) is no failure: the file is saved, and the
    // window says where.
    let opened = open_in_viewer(&path);
    Ok(Some(SavedPrintout { path: path.display().to_string(), opened }))
}

/// Opens `path` in the computer's PDF viewer; false where there is none.
fn open_in_viewer(path: &std::path::Path) -> bool {
    // On Linux the launcher starts whether or not a viewer is set for PDF,
    // and fails later where none is: ask first.
    #[cfg(target_os = "linux")]
    {
        let viewer = std::process::Command::new("xdg-mime").args(["query", "default", "application/pdf"]).output();
        if !viewer.is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty()) {
            return false;
        }
    }
    open::that_detached(path).is_ok()
}
