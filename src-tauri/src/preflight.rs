//! What the app checks before a clerk starts work: the Windows web view
//! the window is drawn by, and the printing fonts. Each is said in Chinese
//! at start-up, rather than as a library's English error, or as a refusal
//! at the first printout.

use tauri::App;
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

/// On Windows the window needs Microsoft's WebView2 runtime (in Windows 11
/// and an updated Windows 10). Without it, say what is missing and where
/// the offline installer comes from, and do not start: nothing is
/// downloaded at run time.
#[cfg(windows)]
pub fn webview_present() -> bool {
    if tauri::webview_version().is_ok() {
        return true;
    }
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("积分簿无法打开")
        .set_description(
            "这台电脑缺少 Microsoft Edge WebView2 运行库，积分簿的窗口要用它才能显示。\n\n\
             请运行微软的离线安装包 MicrosoftEdgeWebView2RuntimeInstallerX64.exe 后再打开积分簿。\
             技术员可以在一台联网的电脑上从微软网站下载“WebView2 独立安装程序 x64”，拷到 U 盘带来。\n\n\
             命令行程序 jifenbu.exe 不需要它，现在就可以用。",
        )
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    false
}

#[cfg(not(windows))]
pub fn webview_present() -> bool {
    true
}

/// Without its fonts the app still keeps the books, but cannot print:
/// say so once, at start-up, with where they were looked for.
pub fn warn_without_fonts(app: &App) {
    if let Err(e) = jifenbu_print::ready() {
        app.dialog().message(e.to_string()).kind(MessageDialogKind::Warning).title("打印字体缺失").show(|_| {});
    }
}
