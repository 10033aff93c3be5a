//! 排名: a quarter's ranking, publishing it, exporting and printing it.

use std::path::Path;

use jifenbu_core::csv_out::CsvStyle;
use jifenbu_core::{Notice, Quarter};
use jifenbu_print::{NoticeOptions, Paper};
use jifenbu_store::Book;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{parse_quarter, today};
use crate::error::{AppError, Result};
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

/// Freezes `quarter`; entries dated in it are refused from then on.
#[tauri::command]
pub async fn publish(state: State<'_, AppState>, quarter: String) -> Result<RankingView> {
    let quarter = parse_quarter(&quarter)?;
    state.with_book(|b| {
        b.publish(quarter)?;
        view(b, quarter)
    })
}

/// Writes the ranking CSV (contract §4) where the clerk chooses; returns
/// the path, or nothing when the dialog was cancelled.
#[tauri::command]
pub async fn export_ranking(app: AppHandle, state: State<'_, AppState>, quarter: String) -> Result<Option<String>> {
    let quarter = parse_quarter(&quarter)?;
    let ranking = state.with_book(|b| Ok(b.ranking(quarter)?))?;
    let Some(path) = save_dialog(&app, &format!("排名-{quarter}.csv"), ("CSV 表格", &["csv"])) else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    ranking.write_csv(&mut bytes, CsvStyle::FILE).expect("writing to memory");
    write_atomically(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Prints the quarter's notice (公示) to a PDF the clerk places.
#[tauri::command]
pub async fn print_notice(
    app: AppHandle,
    state: State<'_, AppState>,
    quarter: String,
    large: bool,
    by_group: bool,
    a3: bool,
) -> Result<Option<String>> {
    let quarter = parse_quarter(&quarter)?;
    let notice: Notice = state.with_book(|b| Ok(b.notice(quarter, today(), false)?))?;
    let options = NoticeOptions { paper: if a3 { Paper::A3 } else { Paper::A4 }, large, by_group, detail: false };
    // Checked before the dialog: a name the font lacks is refused up front.
    let pdf = jifenbu_print::notice(&notice, &options)?;
    save_pdf(&app, &format!("公示-{quarter}.pdf"), &pdf)
}

/// Saves a printout where the clerk chooses and opens it in the system's
/// PDF viewer, from which it is printed. Returns where it went.
pub fn save_pdf(app: &AppHandle, suggested: &str, pdf: &[u8]) -> Result<Option<String>> {
    let Some(path) = save_dialog(app, suggested, ("PDF 文件", &["pdf"])) else { return Ok(None) };
    write_atomically(&path, pdf)?;
    // No viewer (a bare server) is no failure: the file is saved.
    let _ = open::that_detached(&path);
    Ok(Some(path.display().to_string()))
}

fn view(book: &Book, quarter: Quarter) -> Result<RankingView> {
    let ranking = book.ranking(quarter)?;
    let sealed = book.publication(quarter)?.map(|p| Sealed {
        published_at: p.published_at.replace('T', " ").chars().take(16).collect(),
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

pub fn save_dialog(app: &AppHandle, suggested: &str, filter: (&str, &[&str])) -> Option<std::path::PathBuf> {
    app.dialog()
        .file()
        .set_file_name(suggested)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Writes a whole file or nothing: a temporary file renamed into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| AppError::Io { path: path.display().to_string(), source };
    let tmp = path.with_extension("partial");
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        std::io::Write::write_all(&mut f, bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(())
}
