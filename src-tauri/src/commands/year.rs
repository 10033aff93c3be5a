//! 年度: the year's ranking by annual figure (the four quarters and the
//! adjustment), closing the year (年度结算) and its printed annual notice.

use jifenbu_core::Field;
use jifenbu_print::CardKind;
use jifenbu_store::Book;
use tauri::ipc::Response;
use tauri::State;

use super::files::preview;
use super::{parse_date, today};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::views::{ClosedView, YearChoice, YearRowView, YearView};

/// The year's ranking; `0` picks the year a clerk most likely wants: last
/// year until it is closed, then this one.
#[tauri::command]
pub async fn year(state: State<'_, AppState>, year: i32) -> Result<YearView> {
    state.with_book(|b| {
        let year = match year {
            // Last year while it awaits closing; else the running year.
            0 => {
                let last = chrono::Datelike::year(&today()) - 1;
                match years_of(b)?.contains(&last) && b.closed_year(last)?.is_none() {
                    true => last,
                    false => last + 1,
                }
            }
            y => checked(y)?,
        };
        view(b, year)
    })
}

/// Closes `year` on `date` (today when empty).
#[tauri::command]
pub async fn close_year(state: State<'_, AppState>, year: i32, date: String) -> Result<YearView> {
    let year = checked(year)?;
    let on = if date.trim().is_empty() { today() } else { parse_date(Field::Date, &date)? };
    let operator = state.operator()?;
    state.with_book(|b| {
        b.close_year(year, on, &operator)?;
        view(b, year)
    })
}

/// Makes a closed year's annual notice for the preview.
#[tauri::command]
pub async fn print_year_notice(state: State<'_, AppState>, year: i32, large: bool, a3: bool) -> Result<Response> {
    let year = checked(year)?;
    let notice = state.with_book(|b| Ok(b.annual_notice(year)?))?;
    let pdf = jifenbu_print::annual_notice(&notice, super::paper(a3), large)?;
    Ok(preview(&state, format!("年度公示-{year}.pdf"), pdf))
}

/// Makes a closed year's certificates (奖状) or door cards (门牌) of the
/// households with at least `min_stars` stars, for the preview; refused,
/// naming the best level reached, when none has that many.
#[tauri::command]
pub async fn print_cards(state: State<'_, AppState>, year: i32, door: bool, min_stars: u8) -> Result<Response> {
    let year = checked(year)?;
    let notice = state.with_book(|b| Ok(b.annual_notice(year)?))?;
    let chosen = notice.ranking.starred(min_stars)?;
    let kind = if door { CardKind::Door } else { CardKind::Certificate };
    let pdf = jifenbu_print::cards(&notice, kind, &chosen)?;
    let what = if door { "门牌" } else { "奖状" };
    Ok(preview(&state, format!("星级文明户{what}-{year}.pdf"), pdf))
}

/// Every year the book has, oldest first: from the first with a rulebook in
/// force at its end to the running year (a book that starts this year has
/// this year alone).
fn years_of(book: &Book) -> Result<Vec<i32>> {
    let this = chrono::Datelike::year(&today());
    let ends_under_a_rulebook =
        |y: i32| chrono::NaiveDate::from_ymd_opt(y, 12, 31).is_some_and(|end| book.rulebook_on(end).is_ok());
    let first = (jifenbu_core::rulebook::EFFECTIVE_YEARS.start().to_owned()..=this)
        .find(|y| ends_under_a_rulebook(*y))
        .unwrap_or(this);
    Ok((first..=this).collect())
}

fn checked(year: i32) -> Result<i32> {
    let years = jifenbu_core::rulebook::EFFECTIVE_YEARS;
    match years.contains(&year) {
        true => Ok(year),
        false => Err(AppError::input(
            Field::Quarter,
            format!("年度 {year} 不对，应在 {} 到 {} 之间", years.start(), years.end()),
        )),
    }
}

fn view(book: &Book, year: i32) -> Result<YearView> {
    let ranking = book.year_ranking(year)?;
    let closed = book.closed_year(year)?.map(|c| ClosedView {
        closed_on: c.closed_on.to_string(),
        verification_code: jifenbu_core::notice::verification_code(&c.digest).unwrap_or_default(),
    });
    let mut years = Vec::new();
    for y in years_of(book)?.into_iter().rev() {
        years.push(YearChoice { year: y, label: format!("{y}年度"), closed: book.closed_year(y)?.is_some() });
    }
    Ok(YearView {
        year,
        label: format!("{year}年度"),
        closed,
        rows: ranking.rows.iter().map(YearRowView::from).collect(),
        years,
    })
}
