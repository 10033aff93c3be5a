//! 户账: one household's year.

use tauri::State;

use super::today;
use crate::error::Result;
use crate::state::AppState;
use crate::views::{HouseholdRow, Ledger, LedgerLine, QuarterFigures};

/// Household `code`'s entries of `year` with running total and quarter
/// figures, through today's quarter when `year` is this year.
#[tauri::command]
pub async fn ledger(state: State<'_, AppState>, code: String, year: i32) -> Result<Ledger> {
    state.with_book(|b| {
        let (s, _) = b.statement(&code, year, today())?;
        Ok(Ledger {
            household: HouseholdRow::from(&s.household),
            year: s.year,
            base_points: jifenbu_core::points::format(s.base_points),
            lines: s.lines.iter().map(LedgerLine::from).collect(),
            quarters: s.quarters.iter().map(|(q, st)| QuarterFigures::new(*q, st)).collect(),
        })
    })
}
