//! 异议 in 排名: objections to a published quarter and their rulings. An
//! upheld one is corrected by reversals and added items, posted in an open
//! quarter in the ruling's transaction (the published quarter stays frozen).

use jifenbu_core::{parse, EntryDraft, Field};
use jifenbu_store::{Book, Correction, Objection};
use tauri::State;

use super::{parse_quarter, today};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::views::{ObjectionView, RulingForm};

/// The objections to `quarter`, oldest first.
#[tauri::command]
pub async fn objections(state: State<'_, AppState>, quarter: String) -> Result<Vec<ObjectionView>> {
    let quarter = parse_quarter(&quarter)?;
    state.with_book(|b| list(b, &b.objections(Some(quarter))?))
}

/// Records an objection received today; `late` accepts one after the
/// notice period (逾期受理).
#[tauri::command]
pub async fn record_objection(
    state: State<'_, AppState>,
    quarter: String,
    household: String,
    received_by: String,
    text: String,
    late: bool,
) -> Result<Vec<ObjectionView>> {
    let quarter = parse_quarter(&quarter)?;
    let operator = state.operator()?;
    state.with_book(|b| {
        b.record_objection(quarter, household.trim(), today(), late, &received_by, &text, &operator)?;
        list(b, &b.objections(Some(quarter))?)
    })
}

/// Rules on objection `form.id`: upheld with its correction, or not.
#[tauri::command]
pub async fn rule_objection(state: State<'_, AppState>, form: RulingForm) -> Result<Vec<ObjectionView>> {
    let operator = state.operator()?;
    if form.reason.trim().is_empty() {
        return Err(AppError::input(Field::Reason, "请写明处理理由，它会写在更正记录上并告知异议人"));
    }
    state.with_book(|b| {
        let objection = b.objections(None)?.into_iter().find(|o| o.id == form.id);
        let Some(objection) = objection else {
            return Err(AppError::input(Field::Id, format!("找不到第 {} 号异议", form.id)));
        };
        if form.upheld {
            let add = match form.add_item.trim() {
                "" => Vec::new(),
                item => vec![EntryDraft {
                    household: objection.household.clone(),
                    item: item.to_string(),
                    date: today(),
                    qty: parse::qty(&form.add_qty)?,
                    points: parse::stated_points(&form.add_points)?,
                    note: String::new(),
                    id: None,
                }],
            };
            let correction = Correction { reverse: form.reverse.clone(), add };
            b.uphold_objection(form.id, today(), &form.reason, &correction, &operator)?;
        } else {
            b.reject_objection(form.id, today(), &form.reason, &operator)?;
        }
        list(b, &b.objections(Some(objection.quarter))?)
    })
}

fn list(book: &Book, objections: &[Objection]) -> Result<Vec<ObjectionView>> {
    let heads: std::collections::HashMap<String, String> =
        book.households()?.into_iter().map(|h| (h.code, h.head)).collect();
    Ok(objections
        .iter()
        .map(|o| ObjectionView {
            id: o.id,
            household: o.household.clone(),
            head: heads.get(&o.household).cloned().unwrap_or_default(),
            received_on: o.received_on.to_string(),
            received_by: o.received_by.clone(),
            text: o.text.clone(),
            late: o.late,
            outcome: o.ruling.as_ref().map(|r| r.outcome().to_string()),
            decided_on: o.ruling.as_ref().map(|r| r.decided_on.to_string()),
            reason: o.ruling.as_ref().map(|r| r.reason.clone()),
            corrections: o.ruling.as_ref().map_or(0, |r| r.entries.len() as u32),
        })
        .collect())
}
