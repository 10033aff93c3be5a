//! 开始: creating, opening and switching village books.

use jifenbu_core::Field;
use std::path::PathBuf;

use jifenbu_core::{Quarter, Rulebook};
use jifenbu_store::{demo, Book};
use tauri::{AppHandle, Manager, State};

use super::files::file_name;
use super::today;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::views::{BookInfo, RecentBook, ShippedRulebook, Start};

/// The rulebooks shipped in `rules/`, built into the program so an
/// installed copy has them too.
const SHIPPED: &[(&str, &str)] = &[
    ("qingxi-2025.toml", include_str!("../../../rules/qingxi-2025.toml")),
    ("shanbei-2026.toml", include_str!("../../../rules/shanbei-2026.toml")),
];

const BOOK_FILTER: (&str, &[&str]) = ("积分簿", &["jfb"]);

/// Called by the window once its first usable screen is drawn. With
/// `JIFENBU_TIMING` set, prints the wall-clock time for the benchmark
/// (scripts/bench-app.sh), which compares it with its launch time.
#[tauri::command]
pub async fn first_screen(what: String) -> Result<()> {
    if std::env::var_os("JIFENBU_TIMING").is_some() {
        let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
        eprintln!("JIFENBU_READY {what} {ms}");
    }
    Ok(())
}

#[tauri::command]
pub async fn start(state: State<'_, AppState>) -> Result<Start> {
    let book = state.with_book(|b| book_info(&state, b)).ok();
    let recent = state
        .prefs()
        .recent
        .iter()
        .map(|p| RecentBook { path: p.display().to_string(), file_name: file_name(p), exists: p.is_file() })
        .collect();
    let rulebooks = SHIPPED
        .iter()
        .filter_map(|(file, source)| Rulebook::parse(source, file).ok().map(|r| (file, r)))
        .map(|(file, r)| ShippedRulebook {
            file: file.to_string(),
            title: r.title(),
            effective_from: r.effective_from.to_string(),
        })
        .collect();
    let prefs = state.prefs();
    Ok(Start {
        book,
        recent,
        rulebooks,
        last_backup: prefs.last_backup.as_ref().map(|(when, _)| when.clone()),
        backup_warning: prefs.backup_warning(today()),
        pending_reviews: state.with_book(|b| Ok(b.pending_count()?)).unwrap_or(0) as u32,
    })
}

/// Opens the demo village, building it in the app's data folder the first
/// time (and again if it was deleted).
#[tauri::command]
pub async fn open_demo(app: AppHandle, state: State<'_, AppState>) -> Result<BookInfo> {
    let path = state.demo_path();
    let book = if path.is_file() {
        Book::open(&path)?
    } else {
        std::fs::create_dir_all(&state.data_dir)
            .map_err(|source| AppError::Io { path: state.data_dir.display().to_string(), source })?;
        demo::build(&path)?
    };
    opened(&app, &state, book)
}

/// Opens a book from the recent list; any other path is refused, so the
/// window cannot name files of its own.
#[tauri::command]
pub async fn open_recent(app: AppHandle, state: State<'_, AppState>, path: String) -> Result<BookInfo> {
    let path = PathBuf::from(path);
    if !state.is_recent(&path) {
        return Err(AppError::input(Field::File, "只能打开最近使用列表中的积分簿，其他文件请点「打开积分簿…」选择"));
    }
    opened(&app, &state, Book::open(&path)?)
}

/// Opens a book the clerk picks in the system's file dialog.
#[tauri::command]
pub async fn open_book(app: AppHandle, state: State<'_, AppState>) -> Result<Option<BookInfo>> {
    let Some(path) = super::files::pick_file(&app, "打开积分簿", BOOK_FILTER) else { return Ok(None) };
    opened(&app, &state, Book::open(&path)?).map(Some)
}

/// Creates a new book where the clerk chooses, with one of the shipped
/// rulebooks (or none yet, when `rulebook` is empty).
#[tauri::command]
pub async fn create_book(
    app: AppHandle,
    state: State<'_, AppState>,
    village: String,
    code: String,
    rulebook: String,
) -> Result<Option<BookInfo>> {
    if village.trim().is_empty() {
        return Err(AppError::input(Field::Village, "请填写村名"));
    }
    if code.trim().is_empty() {
        return Err(AppError::input(Field::Code, "请填写村代码（镇里汇总时用）"));
    }
    let source = match rulebook.as_str() {
        "" => None,
        file => Some(
            SHIPPED.iter().find(|(f, _)| *f == file).ok_or_else(|| AppError::input(Field::Rulebook, "没有这份规则"))?,
        ),
    };
    let suggested = format!("{}.jfb", village.trim());
    let picked = super::files::save_path(&app, Some("新建积分簿：选择保存位置"), &suggested, BOOK_FILTER);
    let Some(path) = picked else { return Ok(None) };
    let path = if path.extension().is_none() { path.with_extension("jfb") } else { path };
    let mut book = Book::create(&path, &village, &code)?;
    if let Some((file, source)) = source {
        book.import_rulebook(file, source)?;
    }
    opened(&app, &state, book).map(Some)
}

/// Makes `book` the open one and names it in the title bar.
pub fn opened(app: &AppHandle, state: &AppState, book: Book) -> Result<BookInfo> {
    let info = book_info(state, &book)?;
    state.set_book(book)?;
    if let Some(window) = app.get_webview_window("main") {
        window.set_title(&format!("积分簿 — {} — {}", info.village, info.path))?;
    }
    Ok(info)
}

pub fn book_info(state: &AppState, book: &Book) -> Result<BookInfo> {
    let village = book.village()?;
    let today = today();
    let quarter = Quarter::of(today);
    Ok(BookInfo {
        village: village.name,
        code: village.code,
        path: book.path().display().to_string(),
        file_name: file_name(book.path()),
        today: today.to_string(),
        quarter: quarter.to_string(),
        latest_quarter: book.latest_posting(quarter)?.unwrap_or(quarter).to_string(),
        operator: state.prefs().operator,
    })
}
