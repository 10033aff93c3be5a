//! 规则: the rulebook in force, and loading a new version — shown against
//! the current one before the clerk accepts it.

use jifenbu_core::rulebook::{diff, Rulebook};
use jifenbu_core::Field;
use tauri::{AppHandle, State};

use super::files::file_name;
use super::today;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::views::{RulebookChanges, RulebookView};

/// The rulebook in force today.
#[tauri::command]
pub async fn rulebook(state: State<'_, AppState>) -> Result<RulebookView> {
    state.with_book(|b| Ok(RulebookView::from(&b.rulebook_on(today())?.rulebook)))
}

/// Reads a rulebook file the clerk picks and says what it would change
/// against the version in force on its effective date. Nothing is stored
/// until [`accept_rulebook`].
#[tauri::command]
pub async fn preview_rulebook(app: AppHandle, state: State<'_, AppState>) -> Result<Option<RulebookChanges>> {
    let Some(path) = super::files::pick_file(&app, "载入新版本规则", ("规则文件", &["toml"])) else {
        return Ok(None);
    };
    let name = file_name(&path);
    if let Ok(meta) = std::fs::metadata(&path) {
        Rulebook::check_size(&name, meta.len()).map_err(jifenbu_store::Error::from)?;
    }
    let source =
        std::fs::read_to_string(&path).map_err(|source| AppError::Io { path: path.display().to_string(), source })?;
    let source = source.trim_start_matches('\u{feff}').to_string();
    let incoming = Rulebook::parse(&source, &name).map_err(jifenbu_store::Error::from)?;
    let current = state.with_book(|b| Ok(b.rulebook_on(incoming.effective_from).ok()))?;
    let changes = RulebookChanges {
        file_name: name.clone(),
        incoming: RulebookView::from(&incoming),
        against: current.as_ref().map(|c| c.rulebook.title()),
        changes: current
            .map(|c| diff(&c.rulebook, &incoming).iter().map(ToString::to_string).collect())
            .unwrap_or_default(),
    };
    state.hold_rulebook(name, source);
    Ok(Some(changes))
}

/// Adds the previewed rulebook to the book as a new version.
#[tauri::command]
pub async fn accept_rulebook(state: State<'_, AppState>) -> Result<RulebookView> {
    let (name, source) = state.held_rulebook().ok_or_else(|| AppError::input(Field::Rulebook, "请先选择规则文件"))?;
    state.with_book(|b| Ok(RulebookView::from(&b.import_rulebook(&name, &source)?.rulebook)))
}
