//! 排名: a quarter's ranking, publishing it, exporting and printing it.

use jifenbu_core::csv_out::CsvStyle;
use jifenbu_core::{Field, Notice, Quarter};
use jifenbu_print::NoticeOptions;
use jifenbu_store::Book;
use tauri::ipc::Response;
use tauri::{AppHandle, State};

use super::files::{preview, save_as};
use super::{parse_date, parse_quarter, today};
use crate::error::Result;
use crate::state::AppState;
use crate::views::{QuarterChoice, RankRow, RankingView, Sealed};

/// The ranking of `quarter` — when empty, of the latest quarter with
/// entries up to today's — frozen if published, live otherwise.
#[tauri::command]
pub async fn ranking(state: State<'_, AppState>, quarter: String) -> Result<RankingView> {
    state.with_book(|b| {
        let quarter = match quarter.as_str() {
            "" => {
                let now = Quarter::of(today());
                b.latest_posting(now)?.unwrap_or(now)
            }
            q => parse_quarter(q)?,
        };
        view(b, quarter)
    })
}

/// Freezes `quarter`, its notice going up on `date` (today when empty);
/// entries dated in it are refused from then on. `backfill` keys in a past
/// quarter from paper (补录).
#[tauri::command]
pub async fn publish(state: State<'_, AppState>, quarter: String, date: String, backfill: bool) -> Result<RankingView> {
    let quarter = parse_quarter(&quarter)?;
    let on = if date.trim().is_empty() { today() } else { parse_date(Field::Date, &date)? };
    state.with_book(|b| {
        b.publish(quarter, on, backfill)?;
        view(b, quarter)
    })
}

/// Writes the ranking CSV (README, "Files") where the clerk chooses; returns
/// the path, or nothing when the dialog was cancelled.
#[tauri::command]
pub async fn export_ranking(app: AppHandle, state: State<'_, AppState>, quarter: String) -> Result<Option<String>> {
    let quarter = parse_quarter(&quarter)?;
    let ranking = state.with_book(|b| Ok(b.ranking(quarter)?))?;
    let saved = save_as(&app, &format!("排名-{quarter}.csv"), ("CSV 表格", &["csv"]), |w| {
        ranking.write_csv(w, CsvStyle::FILE)
    })?;
    Ok(saved.map(|p| p.display().to_string()))
}

/// Writes the quarter's file for the town (the village export: README,
/// "Files") where the clerk chooses; returns the path, or nothing when the
/// dialog was cancelled.
#[tauri::command]
pub async fn export_village(app: AppHandle, state: State<'_, AppState>, quarter: String) -> Result<Option<String>> {
    let quarter = parse_quarter(&quarter)?;
    let export = state.with_book(|b| Ok(b.quarter_export(quarter)?))?;
    let saved = save_as(&app, &export.file_name(), ("CSV 表格", &["csv"]), |w| export.write(w))?;
    Ok(saved.map(|p| p.display().to_string()))
}

/// Makes the quarter's notice (公示) for the preview; refused, e.g., when
/// a name has a character the fonts lack.
#[tauri::command]
pub async fn print_notice(
    state: State<'_, AppState>,
    quarter: String,
    large: bool,
    by_group: bool,
    a3: bool,
    board: bool,
) -> Result<Response> {
    let quarter = parse_quarter(&quarter)?;
    let notice: Notice = state.with_book(|b| Ok(b.notice(quarter, today(), false)?))?;
    let paper = super::paper(a3);
    let options = NoticeOptions { paper, large, by_group, detail: false, board };
    let pdf = jifenbu_print::notice(&notice, &options)?;
    Ok(preview(&state, format!("公示-{quarter}.pdf"), pdf))
}

fn view(book: &Book, quarter: Quarter) -> Result<RankingView> {
    let ranking = book.ranking(quarter)?;
    let sealed = book.publication(quarter)?.map(|p| Sealed {
        // The notice's day alone: never joined with a time of day it did not have.
        published_on: p.published_at.chars().take(10).collect(),
        backfilled_on: p.backfilled_on.map(|d| d.to_string()),
        verification_code: jifenbu_core::notice::verification_code(&p.digest).unwrap_or_default(),
        digest: p.digest,
    });
    let published = book.publications()?;
    let this = Quarter::of(today());
    let mut quarters: Vec<Quarter> = published.iter().map(|p| p.quarter).collect();
    // Every quarter of this year and last, and any published before.
    for year in [this.year - 1, this.year] {
        quarters.extend((1..=4).filter_map(|q| Quarter::new(year, q)).filter(|q| *q <= this));
    }
    quarters.sort();
    quarters.dedup();
    quarters.reverse();
    Ok(RankingView {
        quarter: quarter.to_string(),
        label: quarter.chinese(),
        sealed,
        rows: ranking.rows.iter().map(RankRow::from).collect(),
        quarters: quarters
            .into_iter()
            .map(|q| QuarterChoice {
                quarter: q.to_string(),
                label: q.chinese(),
                published: published.iter().any(|p| p.quarter == q),
            })
            .collect(),
    })
}
