//! 积分簿's desktop app: a Tauri window over the village book. The
//! commands in `commands/` are thin adapters over `jifenbu-store`; the
//! types they exchange with the TypeScript front end are in `views.rs`.

// Refusals carry the figures a clerk needs; see jifenbu-core.
#![allow(clippy::result_large_err)]

mod commands;
mod error;
mod prefs;
mod search_keys;
mod state;
mod views;

use std::path::PathBuf;

use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

use crate::state::AppState;

/// Starts the app. A book path given on the command line is opened at once
/// (how `make run` opens the demo village).
pub fn run() {
    prefer_shared_memory_renderer();
    keep_keys_without_an_input_method();
    let book_arg = std::env::args_os().nth(1).map(PathBuf::from);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data_dir = app.path().app_data_dir()?;
            // A folder the clerk can see and copy, not one hidden in the app's data.
            let documents = app.path().document_dir().or_else(|_| app.path().home_dir())?;
            app.manage(AppState::new(data_dir, documents.join("积分簿备份")));
            let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .title("积分簿")
                .inner_size(1280.0, 760.0)
                .min_inner_size(1000.0, 640.0)
                .maximized(true)
                .build()?;
            // Without a window manager (a kiosk, Xvfb) nothing maximizes:
            // fill the screen ourselves.
            if let Some(screen) = window.current_monitor()? {
                window.set_size(*screen.size())?;
            }
            if let Some(path) = &book_arg {
                let state = app.state::<AppState>();
                let book = jifenbu_store::Book::open(path)?;
                commands::start::opened(app.handle(), &state, book)?;
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { .. } = event {
                let state = window.state::<AppState>();
                if state.prefs().backup_on_close {
                    // Nothing to show it on any more; a failed backup is
                    // visible next time as an old "last backup" time.
                    let _ = commands::settings::backup(&state);
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            first_screen,
            commands::start::start,
            commands::start::open_demo,
            commands::start::open_recent,
            commands::start::open_book,
            commands::start::create_book,
            commands::entry::households,
            commands::entry::items,
            commands::entry::read_date,
            commands::entry::add_entry,
            commands::entry::add_batch,
            commands::entry::reverse_entry,
            commands::entry::reverse_batch,
            commands::entry::todays_entries,
            commands::import::import_table,
            commands::ledger::ledger,
            commands::ledger::save_household,
            commands::ledger::print_statement,
            commands::ranking::ranking,
            commands::ranking::publish,
            commands::ranking::export_ranking,
            commands::ranking::export_village,
            commands::ranking::print_notice,
            commands::objections::objections,
            commands::objections::record_objection,
            commands::objections::rule_objection,
            commands::rules::rulebook,
            commands::rules::preview_rulebook,
            commands::rules::accept_rulebook,
            commands::settings::settings,
            commands::settings::save_settings,
            commands::settings::set_operator,
            commands::settings::backup_now,
            commands::settings::choose_backup_dir,
            commands::settings::set_backup_on_close,
            commands::settings::restore_backup,
            commands::town::town,
            commands::town::town_add,
            commands::town::town_remove,
            commands::town::town_save,
            commands::town::print_town,
            commands::files::save_printout,
        ])
        .run(tauri::generate_context!())
        .expect("积分簿无法启动");
}

/// WebKitGTK's DMA-BUF renderer leaves the window blank on some graphics
/// stacks (NVIDIA, some Wayland and virtual machines), and with software
/// GL it holds about 90 MB more for the app's screens (docs/benchmarks.md);
/// the shared-memory renderer draws everywhere. Set only when unset, so
/// `WEBKIT_DISABLE_DMABUF_RENDERER=0` brings the DMA-BUF renderer back.
/// Called before the builder, while the process has one thread.
fn prefer_shared_memory_renderer() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

/// Under a Chinese locale GTK picks the XIM input module; with no XIM
/// server running (no fcitx or ibus) the window then drops every key, and
/// the app looks frozen. Where nothing announces an input method
/// (`GTK_IM_MODULE` and `XMODIFIERS` unset), ask for GTK's built-in one; a
/// clerk's fcitx or ibus sets these and is used as before. Called before
/// the builder, while the process has one thread.
fn keep_keys_without_an_input_method() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("GTK_IM_MODULE").is_none() && std::env::var_os("XMODIFIERS").is_none() {
        std::env::set_var("GTK_IM_MODULE", "gtk-im-context-simple");
    }
}

/// Called by the window once its first usable screen is drawn. With
/// `JIFENBU_TIMING` set, prints the wall-clock time for the benchmark
/// (scripts/bench-app.sh), which compares it with its launch time.
#[tauri::command]
fn first_screen(what: String) {
    if std::env::var_os("JIFENBU_TIMING").is_some() {
        let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
        eprintln!("JIFENBU_READY {what} {ms}");
    }
}

/// The benchmark's floor: the same Tauri/WebKit window, showing an empty
/// page that reports its first frame like the app does (`examples/floor.rs`).
pub fn run_floor() {
    prefer_shared_memory_renderer();
    tauri::Builder::default()
        .setup(|app| {
            let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("floor.html".into())).build()?;
            if let Some(screen) = window.current_monitor()? {
                window.set_size(*screen.size())?;
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![first_screen])
        .run(tauri::generate_context!())
        .expect("floor window");
}

#[cfg(test)]
mod tests {
    /// Each command the window can call is handled, declared for a
    /// permission in build.rs, and granted in the capability — and no more.
    #[test]
    fn commands_are_handled_declared_and_granted() {
        let between = |text: &'static str, open: &str, close: &str| -> Vec<String> {
            let start = text.find(open).expect(open) + open.len();
            let end = start + text[start..].find(close).expect(close);
            let mut names: Vec<String> = text[start..end]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == ':'))
                .filter(|w| !w.is_empty())
                .map(|w| w.rsplit("::").next().unwrap().trim_start_matches("allow-").replace('-', "_"))
                .collect();
            names.sort();
            names
        };
        let handled = between(include_str!("lib.rs"), "generate_handler![", "]");
        let declared = between(include_str!("../build.rs"), "COMMANDS: &[&str] = &[", "];");
        let granted = between(include_str!("../capabilities/main.json"), "\"permissions\": [", "]");
        assert_eq!(handled, declared, "build.rs COMMANDS");
        assert_eq!(handled, granted, "capabilities/main.json");
    }
}
