//! 录入 and 批量录入: recording entries and correcting them by reversal.

use jifenbu_core::posting::Route;
use jifenbu_core::{Entry, EntryDraft, Posting, Quarter, Reversal};
use jifenbu_store::Book;
use tauri::State;

use jifenbu_core::household::group_order;
use jifenbu_core::{parse, Field};

use super::review::registrations;
use super::{parse_date, today};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::views::{BatchForm, EntryForm, EntryRow, HouseholdRow, ItemRow, QuarterFigures, Saved};

/// The roster, group by group in their natural order (一组 … 十二组),
/// which every list of groups in the window follows.
#[tauri::command]
pub async fn households(state: State<'_, AppState>) -> Result<Vec<HouseholdRow>> {
    state.with_book(roster)
}

/// The codes of the households on the roster on `date` (as typed): what
/// a group tick of 批量录入 takes, since one that has moved out (or not
/// yet moved in) would refuse the whole batch.
#[tauri::command]
pub async fn active_households(state: State<'_, AppState>, date: String) -> Result<Vec<String>> {
    let date = parse_date(Field::Date, &date)?;
    state.with_book(|b| Ok(b.households()?.into_iter().filter(|h| h.is_active_on(date)).map(|h| h.code).collect()))
}

/// The roster as the window lists it (see [`households`]).
pub fn roster(book: &mut Book) -> Result<Vec<HouseholdRow>> {
    let mut roster = book.households()?;
    roster.sort_by(|x, y| group_order(&x.group, &y.group).then_with(|| x.code.cmp(&y.code)));
    let today = today();
    Ok(roster.iter().map(|h| HouseholdRow::new(h, today)).collect())
}

/// The items of the rulebook in force on `date` (today when empty).
#[tauri::command]
pub async fn items(state: State<'_, AppState>, date: String) -> Result<Vec<ItemRow>> {
    let date = if date.is_empty() { today() } else { parse_date(Field::Date, &date)? };
    state.with_book(|b| Ok(b.rulebook_on(date)?.rulebook.items.iter().map(ItemRow::from).collect()))
}

/// A date as typed (`2025-3-5`, `2025/3/5`, `3-5`…) in the form every
/// box shows, `YYYY-MM-DD`: the window keeps no date parser of its own.
#[tauri::command]
pub async fn read_date(text: String) -> Result<String> {
    Ok(parse_date(Field::Date, &text)?.to_string())
}

/// Records an entry, or registers it for the panel when its item needs
/// review (the rulebook in force on its date says): the saved line tells
/// which.
#[tauri::command]
pub async fn add_entry(state: State<'_, AppState>, form: EntryForm) -> Result<Saved> {
    let operator = state.operator()?;
    let photos = state.held_photos(&form.photos)?;
    let draft = EntryDraft {
        household: form.household.trim().to_string(),
        item: form.item.trim().to_string(),
        date: parse_date(Field::Date, &form.date)?,
        qty: parse::qty(&form.qty)?,
        points: parse::stated_points(&form.points)?,
        note: form.note,
        id: None,
    };
    let saved = state.with_book(|b| match b.route(&draft, photos.len())? {
        Route::Register => {
            let by = if form.by.trim().is_empty() { &operator } else { &form.by };
            let registration = b.register(&draft, by, &photos, &operator)?;
            let row = registrations(b, vec![registration])?.pop();
            Ok(Saved { entries: Vec::new(), registration: row, standing: None, cap_left: None })
        }
        Route::Post => {
            let entry = b.add_entry(&draft, &operator)?;
            saved(b, vec![entry])
        }
    })?;
    state.drop_photos();
    Ok(saved)
}

/// One item on one day for many households, in one transaction.
#[tauri::command]
pub async fn add_batch(state: State<'_, AppState>, form: BatchForm) -> Result<Saved> {
    let operator = state.operator()?;
    if form.households.is_empty() {
        return Err(AppError::input(Field::Households, "请至少勾选一户"));
    }
    let date = parse_date(Field::Date, &form.date)?;
    let qty = parse::qty(&form.qty)?;
    let points = parse::stated_points(&form.points)?;
    let drafts: Vec<EntryDraft> = form
        .households
        .iter()
        .map(|h| EntryDraft {
            household: h.trim().to_string(),
            item: form.item.trim().to_string(),
            date,
            qty,
            points,
            note: form.note.clone(),
            id: None,
        })
        .collect();
    state
        .with_book(|b| {
            let entries = b.add_entries(&drafts, &operator)?;
            saved(b, entries)
        })
        .map_err(|e| match e.needs_review() {
            // The core's words name the command line's `register`.
            Some(item) => AppError::input(
                Field::Item,
                format!("项目 {item} 须经评议，不能批量录入：请在「录入」中逐户登记，评议通过后才入账"),
            ),
            None => e,
        })
}

/// Cancels entry `id` with a reason, dated today.
#[tauri::command]
pub async fn reverse_entry(state: State<'_, AppState>, id: String, reason: String) -> Result<Saved> {
    let operator = state.operator()?;
    let reversal = Reversal { entry: id, reason, date: today() };
    state.with_book(|b| {
        let entry = b.reverse_entry(&reversal, &operator)?;
        saved(b, vec![entry])
    })
}

/// Cancels, with one reason and dated today, every entry of the batch that
/// entry `id` belongs to that still counts (冲销整批).
#[tauri::command]
pub async fn reverse_batch(state: State<'_, AppState>, id: String, reason: String) -> Result<Saved> {
    let operator = state.operator()?;
    state.with_book(|b| {
        let entries = b.reverse_batch(&id, &reason, today(), &operator)?;
        saved(b, entries)
    })
}

/// The entries keyed in today, newest first.
#[tauri::command]
pub async fn todays_entries(state: State<'_, AppState>) -> Result<Vec<EntryRow>> {
    state.with_book(|b| Ok(b.entries_keyed_on(today())?.iter().rev().map(EntryRow::from).collect()))
}

/// The recorded entries, with where the first one's household now stands
/// in the entry's quarter and what is left of the item's cap.
fn saved(book: &Book, entries: Vec<Entry>) -> Result<Saved> {
    let (standing, cap_left) = match entries.first() {
        Some(e) => (standing(book, &e.household, e.posting)?, book.cap_left(&e.household, &e.item_code, e.date)?),
        None => (None, None),
    };
    Ok(Saved {
        entries: entries.iter().map(EntryRow::from).collect(),
        registration: None,
        standing,
        cap_left: cap_left.map(jifenbu_core::points::format),
    })
}

/// A household's figures where an entry posted (a quarter, or the year's
/// adjustment), from its statement.
pub fn standing(book: &Book, household: &str, posting: impl Into<Posting>) -> Result<Option<QuarterFigures>> {
    let posting = posting.into();
    let through = posting.quarter().unwrap_or(Quarter { year: posting.year(), q: 4 });
    let (statement, _) = book.statement(household, through.year, through.last_day())?;
    Ok(match posting {
        Posting::Quarter(quarter) => {
            statement.quarters.iter().find(|(q, _)| *q == quarter).map(|(q, s)| QuarterFigures::new(*q, s))
        }
        Posting::Adjustment { .. } => statement.adjustment.as_ref().map(|s| QuarterFigures::new(posting, s)),
    })
}
