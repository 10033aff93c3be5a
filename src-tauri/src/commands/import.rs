//! 导入: a roster or a file of entries (CSV in UTF-8 or GBK, or Excel), all
//! or nothing, as `jifenbu households import` / `entries import` do.

use jifenbu_core::Field;
use jifenbu_store::Duplicates;
use tauri::{AppHandle, State};

use super::files::{file_name, pick_file};
use crate::error::{AppError, Result};
use crate::state::AppState;

/// Imports a file the clerk picks: `what` is `households` or `entries`.
/// With `anyway`, imports again the entries file just refused for likely
/// duplicates, adding them: the clerk has checked they are new deeds.
/// Returns what was done, in a sentence; nothing when the dialog was
/// cancelled.
#[tauri::command]
pub async fn import_table(
    app: AppHandle,
    state: State<'_, AppState>,
    what: String,
    anyway: bool,
) -> Result<Option<String>> {
    let title = match what.as_str() {
        "households" => "导入花名册",
        "entries" => "导入积分记录",
        _ => return Err(AppError::input(Field::File, "只能导入花名册或积分记录")),
    };
    let path = if anyway { state.held_import() } else { pick_file(&app, title, ("表格", &["csv", "xlsx", "xls"])) };
    let Some(path) = path else { return Ok(None) };
    let name = file_name(&path);
    let file =
        std::fs::File::open(&path).map_err(|source| AppError::Io { path: path.display().to_string(), source })?;
    let text = jifenbu_store::open_table(&name, file, None).map_err(jifenbu_store::Error::from)?;
    state
        .with_book(|b| {
            Ok(Some(if what == "households" {
                let changes = b.import_households(text)?;
                let warnings = jifenbu_print::unprintable_names(&b.households()?);
                let mut said = format!("{name}：{}", changes.describe());
                for w in warnings {
                    said.push_str(&format!("。注意：{w}"));
                }
                said
            } else {
                let duplicates = if anyway { Duplicates::Allow } else { Duplicates::Refuse };
                let s = b.import_entries(text, &state.operator()?, duplicates).map_err(AppError::from)?;
                format!("{name}：导入 {} 条记录，跳过已有的 {} 条", s.added, s.skipped)
            }))
        })
        .inspect_err(|e| {
            if e.is_likely_duplicates() {
                state.hold_import(Some(path.clone()));
            }
        })
}
