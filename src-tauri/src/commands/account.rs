//! 户账: one household's year, and its details (moving in and out).

use chrono::Datelike;
use jifenbu_core::{parse, Field, Household, Quarter};
use tauri::ipc::Response;
use tauri::State;

use super::files::preview;
use super::review::registrations;
use super::shop::customer_of;
use super::{parse_date, today};
use crate::error::Result;
use crate::state::AppState;
use crate::views::{Account, AccountLine, HouseholdForm, HouseholdRow, QuarterFigures};

/// Household `code`'s entries of `year` with running total and quarter
/// figures, through today's quarter when `year` is this year. Year 0 means
/// the latest year with entries up to today's (this year in a new book),
/// read afresh: entries keyed in today move it on.
#[tauri::command]
pub async fn account(state: State<'_, AppState>, code: String, year: i32) -> Result<Account> {
    state.with_book(|b| {
        let now = Quarter::of(today());
        let year = if year == 0 { b.latest_posting(now)?.unwrap_or(now).year } else { year };
        let (s, _) = b.statement(&code, year, today())?;
        Ok(Account {
            household: HouseholdRow::new(&s.household, today()),
            year: s.year,
            base_points: jifenbu_core::points::format(s.base_points),
            lines: s.lines.iter().map(AccountLine::from).collect(),
            quarters: s.quarters.iter().map(|(q, st)| QuarterFigures::new(*q, st)).collect(),
            registrations: registrations(
                b,
                b.registrations_of(&code)?.into_iter().filter(|r| r.deed.date.year() == year).collect(),
            )?,
            shop: customer_of(b, &code)?,
        })
    })
}

/// Adds a household or changes one's details; returns the roster.
#[tauri::command]
pub async fn save_household(state: State<'_, AppState>, form: HouseholdForm) -> Result<Vec<HouseholdRow>> {
    let text = |s: &str| Some(s.trim().to_string()).filter(|t| !t.is_empty());
    let date = |field, s: &str| text(s).map(|t| parse_date(field, &t)).transpose();
    let members = text(&form.members).map(|t| parse::members(&t)).transpose()?;
    let household = Household {
        code: form.code.trim().to_string(),
        head: form.head.trim().to_string(),
        group: form.group.trim().to_string(),
        members,
        address: text(&form.address),
        phone: text(&form.phone),
        active_from: date(Field::ActiveFrom, &form.active_from)?,
        active_to: date(Field::ActiveTo, &form.active_to)?,
    };
    if let Some(problem) = household.problems().into_iter().next() {
        return Err(problem.into());
    }
    state.with_book(|b| {
        b.save_household(&household, form.is_new)?;
        super::entry::roster(b)
    })
}

/// Makes household `code`'s statement (积分明细) of `year` for the preview.
#[tauri::command]
pub async fn print_statement(
    state: State<'_, AppState>,
    code: String,
    year: i32,
    large: bool,
    a3: bool,
) -> Result<Response> {
    let (statement, head) = state.with_book(|b| Ok(b.statement(&code, year, today())?))?;
    let pdf = jifenbu_print::statement(&statement, &head, today(), super::paper(a3), large)?;
    Ok(preview(&state, format!("积分明细-{code}-{year}.pdf"), pdf))
}
