//! 积分簿's desktop app: a Tauri window over the village book. The
//! commands in `commands/` are thin adapters over `jifenbu-store`; the
//! types they exchange with the TypeScript front end are in `views.rs`.

// Refusals carry the figures a clerk needs; see jifenbu-core.
#![allow(clippy::result_large_err)]

#[macro_use]
mod commands;
mod error;
mod preflight;
mod prefs;
mod search_keys;
mod state;
mod views;

use std::path::PathBuf;

use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

use crate::state::AppState;

/// Tauri's handler for every command of the one list (commands/list.rs).
macro_rules! handlers {
    ($($module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty),* $(,)?) => {
        tauri::generate_handler![$(commands::$module::$name),*]
    };
}

/// Starts the app. A book path given on the command line is opened at once
/// (how `make run` opens the demo village).
pub fn run() {
    if !preflight::webview_present() {
        return;
    }
    prefer_shared_memory_renderer();
    keep_keys_without_an_input_method();
    let book_arg = std::env::args_os().nth(1).map(PathBuf::from);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data_dir = app.path().app_data_dir()?;
            let backups = jifenbu_store::default_backup_folder().ok_or("找不到“文档”文件夹，也找不到主文件夹")?;
            app.manage(AppState::new(data_dir, backups));
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
            show_composition_in_the_field(&window);
            preflight::warn_without_fonts(app);
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
        .invoke_handler(app_commands!(handlers))
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

/// wry turns WebKitGTK's preedit off, so fcitx or ibus showed the pinyin
/// being composed in its own popup, never in the field, unlike every other
/// GTK program. Turned back on, the pinyin shows underlined in the field.
fn show_composition_in_the_field(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(|view| {
        use webkit2gtk::{InputMethodContextExt, WebViewExt};
        if let Some(im) = view.inner().input_method_context() {
            im.set_enable_preedit(true);
        }
    });
    #[cfg(not(target_os = "linux"))]
    let _ = window;
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
        .invoke_handler(tauri::generate_handler![commands::start::first_screen])
        .run(tauri::generate_context!())
        .expect("floor window");
}
