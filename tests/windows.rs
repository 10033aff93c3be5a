//! The Windows build's own cases: paths as a Windows PC has them, drive
//! letters, the Documents folder, two programs at one book, and messages in
//! a console set to the Chinese code page. `make wine-test` runs them
//! against jifenbu.exe under Wine (scripts/wine-test.sh); on Linux each one
//! says so and passes without doing anything.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The Wine prefix the Windows program runs in, or `None` off Wine.
fn prefix() -> Option<PathBuf> {
    let prefix = wine_prefix();
    if prefix.is_none() {
        eprintln!("只在 Wine 下运行（make wine-test）");
    }
    prefix
}

/// Where Windows' `C:\rest` lies on this machine.
fn on_c(prefix: &Path, rest: &str) -> PathBuf {
    prefix.join("drive_c").join(rest.trim_start_matches(r"C:\").replace('\\', "/"))
}

/// Wine, ready to run a Windows program (scripts/wine-test.sh names it).
fn wine() -> Command {
    Command::new(std::env::var("WINE").unwrap())
}

/// The backup's path from `jifenbu backup`'s 「已备份到 …（已核验）」.
fn backed_up_to(said: &str) -> String {
    said.trim().trim_start_matches("已备份到 ").split('（').next().unwrap().to_string()
}

/// A folder of C: of this test's own, made empty, as Windows names it.
fn folder(prefix: &Path, name: &str) -> String {
    let windows = format!(r"C:\users\文书\Documents\{name} {}", std::process::id());
    let here = on_c(prefix, &windows);
    let _ = std::fs::remove_dir_all(&here);
    std::fs::create_dir_all(&here).unwrap();
    windows
}

#[test]
fn books_exports_and_printouts_live_under_chinese_paths_with_spaces() {
    let Some(prefix) = prefix() else { return };
    let dir = folder(&prefix, "积分簿 资料");
    let book = format!(r"{dir}\青溪村.jfb");
    ok(&["demo", &book]);
    assert!(on_c(&prefix, &book).is_file());
    ok(&["verify", &book]);

    let pdf = format!(r"{dir}\公示 2025Q1（草稿）.pdf");
    ok(&["notice", &book, "--quarter", "2025Q1", "-o", &pdf]);
    assert!(common::paper::text(&on_c(&prefix, &pdf)).contains("青溪村"));

    let export = format!(r"{dir}\导出 2025Q1.csv");
    ok(&["export", &book, "--quarter", "2025Q1", "-o", &export]);
    // As a town clerk types it at a Windows console, which leaves `*` to
    // the program.
    let rollup = format!(r"{dir}\全镇 汇总.csv");
    ok(&["rollup", "-o", &rollup, &format!(r"{dir}\导出*.csv")]);
    let rows = std::fs::read_to_string(on_c(&prefix, &rollup)).unwrap();
    assert!(rows.contains("青溪村"), "{rows}");
    std::fs::remove_dir_all(on_c(&prefix, &dir)).unwrap();
}

/// Windows refuses paths past 260 characters unless they are written in
/// their long form; a book deep in folders must still open and print.
#[test]
fn a_path_longer_than_260_characters_holds_a_book() {
    let Some(prefix) = prefix() else { return };
    let top = folder(&prefix, "长路径");
    let mut dir = top.clone();
    while dir.encode_utf16().count() < 270 {
        dir.push_str(r"\村级积分制管理资料 第二季度 Village records");
    }
    std::fs::create_dir_all(on_c(&prefix, &dir)).unwrap();
    let book = format!(r"{dir}\青溪村.jfb");
    assert!(book.encode_utf16().count() > 260);
    ok(&["demo", &book]);
    ok(&["verify", &book]);
    let pdf = format!(r"{dir}\公示.pdf");
    ok(&["notice", &book, "--quarter", "2025Q1", "-o", &pdf]);
    assert!(on_c(&prefix, &pdf).is_file());
    let backup = ok(&["backup", &book, &dir]);
    assert!(backup.contains("已备份到"), "{backup}");
    std::fs::remove_dir_all(on_c(&prefix, &top)).unwrap();
}

/// A USB stick as drive E:, plugged in, then pulled: a backup lands on it
/// whole and verified, or is refused with the book untouched.
#[test]
fn backups_go_to_a_drive_letter_and_a_pulled_stick_leaves_the_book_whole() {
    let Some(prefix) = prefix() else { return };
    let work = tempfile::tempdir().unwrap();
    let book = demo_book(work.path());
    let stick = tempfile::tempdir().unwrap();
    std::fs::create_dir(stick.path().join("积分簿备份")).unwrap();
    let drive = prefix.join("dosdevices/e:");
    let plug = || {
        let _ = std::fs::remove_file(&drive);
        std::os::unix::fs::symlink(stick.path(), &drive).unwrap();
    };
    let pull = || std::fs::remove_file(&drive).unwrap();

    plug();
    let said = ok(&["backup", s(&book), r"E:\积分簿备份"]);
    let copy = backed_up_to(&said);
    assert!(copy.starts_with(r"E:\积分簿备份\"), "{said}");
    ok(&["verify", &copy]);

    pull();
    let refused = refused(&["backup", s(&book), r"E:\积分簿备份"]);
    assert!(english_in(&refused, &["E", "jfb"]).is_empty(), "{refused}");
    ok(&["verify", s(&book)]);

    // Pulled while the copy is written: whatever moment, the book verifies
    // and no half-made backup sits on the stick under a backup's name.
    for delay in [5, 20, 60, 150] {
        plug();
        let mut running =
            cli(&["backup", s(&book), r"E:\积分簿备份"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        pull();
        running.wait().unwrap();
        ok(&["verify", s(&book)]);
        plug();
        for made in std::fs::read_dir(stick.path().join("积分簿备份")).unwrap() {
            let made = made.unwrap().path();
            if made.extension().is_some_and(|e| e == "jfb") {
                ok(&["verify", s(&made)]);
            }
        }
    }
    pull();
}

/// Without a destination a backup goes to 文档\积分簿备份: Windows' own
/// Documents folder, found by the system, whatever its name in the locale.
#[test]
fn a_backup_without_a_destination_goes_to_documents() {
    let Some(prefix) = prefix() else { return };
    let work = tempfile::tempdir().unwrap();
    let book = demo_book(work.path());
    let said = ok(&["backup", s(&book)]);
    let copy = backed_up_to(&said);
    assert!(copy.starts_with(r"C:\users\") && copy.contains(r"\Documents\积分簿备份\"), "{said}");
    assert!(on_c(&prefix, &copy).is_file(), "{copy}");
    std::fs::remove_file(on_c(&prefix, &copy)).unwrap();
}

/// Two Windows programs at one book: the second waits, saying so, and goes
/// on once the first is done. (Wine keeps Windows' file locks to itself, so
/// the Linux test of the same holds the book from Linux and cannot run here.)
#[test]
fn a_book_busy_in_one_program_is_waited_for_by_another() {
    let Some(_) = prefix() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (book, entries) = stress_village(dir.path(), 200_000);
    let mut import = cli(&["entries", "import", s(&book), s(&entries)]).stdout(Stdio::null()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    let start = Instant::now();
    let out = jifenbu(&["entry", "add", s(&book), "--household", "0001", "--item", "A01", "--date", "2025-03-01"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(import.wait().unwrap().success());
    assert!(stderr.contains("积分簿正被另一个程序使用，等待中"), "{stderr}");
    assert!(out.status.success() || stderr.contains("等了 10 秒仍未空出"), "{stderr}");
    eprintln!("waited {:?}", start.elapsed());
    ok(&["verify", s(&book)]);
}

/// In a console set to code page 936, as a Chinese Windows starts one, and
/// in one set to UTF-8, the messages arrive as the same readable Chinese.
#[test]
fn messages_read_the_same_under_code_pages_936_and_65001() {
    let Some(_) = prefix() else { return };
    // cmd reads a leading `/` as a switch: the program by its drive Z: name.
    let exe = format!("Z:{}", std::env::var("JIFENBU_EXE").unwrap().replace('/', "\\"));
    for page in ["936", "65001"] {
        // Unquoted: Wine passes an argument's quotes to cmd escaped.
        let line = format!("chcp {page} >nul & {exe} verify C:\\没有这本.jfb");
        let out = wine().args(["cmd", "/c", &line]).output().unwrap();
        let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8 whatever the code page");
        assert!(stderr.contains("错误：找不到积分簿文件"), "code page {page}: {stderr}");
    }
}

/// The installer as a technician runs it (`/S`, silent): refused on
/// Windows 7; on Windows 10 the files, shortcuts and `.jfb` association
/// land; the installed command line prints with the installed fonts; the
/// uninstaller removes the program and leaves a book in 文档 as it was.
#[test]
fn the_installer_installs_runs_and_uninstalls_keeping_books() {
    let Some(prefix) = prefix() else { return };
    let Ok(installer) = std::env::var("JIFENBU_INSTALLER") else {
        eprintln!("没有安装包（先 make windows）");
        return;
    };
    let run = |args: &[&str]| wine().args(args).output().unwrap();
    let user = prefix.join("drive_c/users").join(std::env::var("USER").unwrap_or_else(|_| "root".into()));
    let installed = user.join("AppData/Local/Programs/积分簿");
    let shortcuts = [
        user.join("Desktop/积分簿.lnk"),
        user.join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/积分簿.lnk"),
    ];

    // What a run stopped midway left installed goes first.
    if installed.exists() {
        run(&[s(&installed.join("卸载积分簿.exe")), "/S"]);
        wait_until_gone(&installed);
    }
    run(&["winecfg", "-v", "win7"]);
    let out = run(&[&installer, "/S"]);
    run(&["winecfg", "-v", "win10"]);
    assert_eq!(out.status.code(), Some(2), "Windows 7 is refused");
    assert!(!installed.exists());

    let out = run(&[&installer, "/S"]);
    assert!(out.status.success(), "{out:?}");
    for file in [
        "jifenbu-app.exe",
        "jifenbu.exe",
        "WebView2Loader.dll",
        "使用说明.txt",
        "fonts/NotoSansSC-Regular.ttf",
        "fonts/BabelStoneHan.ttf",
    ] {
        assert!(installed.join(file).is_file(), "{file} installed");
    }
    assert!(shortcuts.iter().all(|s| s.is_file()));
    let association = run(&["reg", "query", r"HKCU\Software\Classes\.jfb"]);
    assert!(String::from_utf8_lossy(&association.stdout).contains("Jifenbu.Book"));

    // The installed program, with only the installation's fonts to print with.
    let exe = installed.join("jifenbu.exe");
    let installed_cli = |args: &[&str]| {
        let out = wine().arg(&exe).args(args).env("JIFENBU_OPERATOR", "测试").output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(installed_cli(&["--help"]).contains("积分簿"));
    let book = format!(
        r"C:\users\{}\Documents\安装测试 {}.jfb",
        user.file_name().unwrap().to_string_lossy(),
        std::process::id()
    );
    installed_cli(&["demo", &book]);
    installed_cli(&["verify", &book]);
    let pdf = format!(r"C:\users\{}\Documents\安装测试公示.pdf", user.file_name().unwrap().to_string_lossy());
    installed_cli(&["notice", &book, "--quarter", "2025Q1", "-o", &pdf]);
    assert!(common::paper::text(&on_c(&prefix, &pdf)).contains("青溪村"));
    let before = std::fs::read(on_c(&prefix, &book)).unwrap();

    run(&[s(&installed.join("卸载积分簿.exe")), "/S"]);
    wait_until_gone(&installed);
    assert!(!installed.exists(), "the program folder is removed");
    assert!(shortcuts.iter().all(|s| !s.exists()));
    let association = run(&["reg", "query", r"HKCU\Software\Classes\.jfb"]);
    assert!(!association.status.success(), "the association is removed");
    assert_eq!(std::fs::read(on_c(&prefix, &book)).unwrap(), before, "the book is untouched");
    ok(&["verify", &book]);
    std::fs::remove_file(on_c(&prefix, &book)).unwrap();
    std::fs::remove_file(on_c(&prefix, &pdf)).unwrap();
}

/// The uninstaller copies itself away and returns at once: wait for it.
fn wait_until_gone(folder: &Path) {
    let start = Instant::now();
    while folder.exists() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Wine has no WebView2, as an old, never-updated Windows 10 has none: the
/// app must say so in Chinese, in a message box, and end when it is read,
/// rather than fail with a library's English error.
#[test]
fn the_app_without_webview2_says_what_is_missing_and_ends() {
    let Some(_) = prefix() else { return };
    let app = Path::new(&std::env::var("JIFENBU_EXE").unwrap()).with_file_name("jifenbu-app.exe");
    let mut running = wine().arg(&app).spawn().unwrap();
    let xdotool = |args: &[&str]| Command::new("xdotool").args(args).output().unwrap();
    let start = Instant::now();
    let found = loop {
        let found = xdotool(&["search", "--name", "积分簿无法打开"]);
        if found.status.success() || start.elapsed() > Duration::from_secs(30) {
            break found;
        }
        std::thread::sleep(Duration::from_millis(300));
    };
    assert!(found.status.success(), "no message box within 30 s");
    std::thread::sleep(Duration::from_secs(1)); // drawn, not just made
    let shot = root().join("out/windows-no-webview2.png");
    Command::new("import").args(["-window", "root", s(&shot)]).status().unwrap();
    let window = String::from_utf8(found.stdout).unwrap();
    // No window manager under Xvfb: focus the box itself, then answer it,
    // again if the box was not yet taking keys.
    let start = Instant::now();
    while running.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = running.kill();
            panic!("the app ends once the message is read");
        }
        std::thread::sleep(Duration::from_millis(500));
        xdotool(&["windowfocus", window.trim()]);
        xdotool(&["key", "Return"]);
    }
}
