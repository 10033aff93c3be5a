//! Running a window where there is no desktop: a private X server, free
//! ports for the WebDriver bridge, and stopping processes politely. Shared
//! by the end-to-end tests and the app benchmark (examples/bench_app.rs).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Starts Xvfb at 1366×768 on a free display number; returns the display
/// (`:91`) and the server.
pub fn xvfb() -> (String, Child) {
    xvfb_sized("1366x768")
}

/// Starts Xvfb with a screen of `size` (`1024x640`: a 1280×800 laptop at
/// 125%, the smallest the app is made for).
pub fn xvfb_sized(size: &str) -> (String, Child) {
    for n in 90..200 {
        let socket = format!("/tmp/.X11-unix/X{n}");
        if Path::new(&socket).exists() {
            continue;
        }
        let display = format!(":{n}");
        let mut child = Command::new(tool("Xvfb"))
            .args([&display, "-screen", "0", &format!("{size}x24"), "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb 启动失败（make test 会安装它）");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if Path::new(&socket).exists() {
                return (display, child);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("no free X display");
}

/// A tool installed by `cargo install` (in ~/.cargo/bin, which may not be
/// on PATH) or else from PATH.
pub fn tool(name: &str) -> PathBuf {
    let cargo_bin = PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo/bin").join(name);
    if cargo_bin.exists() {
        cargo_bin
    } else {
        PathBuf::from(name)
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn wait_for_port(port: u16, limit: Duration) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < limit, "nothing listens on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts tauri-driver on a free port for windows on `display`, with the
/// app's data folder at `data`; returns the driver and its port.
/// `env`: more environment for the app it starts.
pub fn tauri_driver(display: &str, data: &Path, env: &[(&str, &OsStr)]) -> (Child, u16) {
    let port = free_port();
    let driver = Command::new(tool("tauri-driver"))
        .args(["--port", &port.to_string(), "--native-port", &free_port().to_string()])
        .env("DISPLAY", display)
        .env("XDG_DATA_HOME", data)
        // Backups go to the home folder's 积分簿备份: a private one per test.
        .env("HOME", data)
        // As on a clerk's computer: a Chinese locale, with no input method
        // running unless `env` names one (issue 12, defect 24: GTK then
        // picked XIM and lost keys).
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("GTK_IM_MODULE")
        .env_remove("XMODIFIERS")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tauri-driver 启动失败（make test 会安装它）");
    wait_for_port(port, Duration::from_secs(20));
    (driver, port)
}

/// SIGTERM, then wait. tauri-driver must not get SIGKILL: it then leaves
/// WebKitWebDriver running, holding its port and hanging the next run.
pub fn stop(child: &mut Child) {
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let _ = child.wait();
}
