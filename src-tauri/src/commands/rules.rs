//! 规则: the rulebook in force.

use tauri::State;

use super::today;
use crate::error::Result;
use crate::state::AppState;
use crate::views::RulebookView;

/// The rulebook in force today.
#[tauri::command]
pub async fn rulebook(state: State<'_, AppState>) -> Result<RulebookView> {
    state.with_book(|b| Ok(RulebookView::from(&b.rulebook_on(today())?.rulebook)))
}
