//! What the app checks before a clerk starts work: the printing fonts,
//! said in Chinese at start-up rather than as a refusal at the first
//! printout.

use tauri::App;
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

/// Without its fonts the app still keeps the books, but cannot print:
/// say so once, at start-up, with where they were looked for.
pub fn warn_without_fonts(app: &App) {
    if let Err(e) = jifenbu_print::ready() {
        app.dialog().message(e.to_string()).kind(MessageDialogKind::Warning).title("打印字体缺失").show(|_| {});
    }
}
