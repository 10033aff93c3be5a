//! The real app window under test: a private X server (Xvfb), tauri-driver
//! with WebKitWebDriver, and the debug build of the app, whose data folder
//! (demo book, preferences, backups) is a fresh temporary one per test.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::desktop::{stop, tauri_driver, xvfb, xvfb_sized};

/// One window at a time: two WebKit instances on two cores only slow each
/// other into timeouts.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const WAIT: Duration = Duration::from_secs(20);

pub struct App {
    pub client: Client,
    display: String,
    driver: Child,
    xvfb: Child,
    /// fcitx5 and its session bus, when the app types through pinyin.
    input_method: Vec<Child>,
    /// That bus's address.
    bus: Option<OsString>,
    _data: tempfile::TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl App {
    /// Starts the app on a 1366×768 screen.
    pub async fn start() -> App {
        App::start_sized("1366x768").await
    }

    /// Starts the app on a screen of `size`, e.g. `1024x640`.
    pub async fn start_sized(size: &str) -> App {
        App::launch(size, false, false).await
    }

    /// Starts the app on a screen of `size` with its file dialogs answered
    /// from a folder (see `JIFENBU_DIALOGS` in commands/files.rs): what it
    /// saves lands in the folder returned, what it opens is taken from its
    /// `pick/`.
    pub async fn start_with_dialogs(size: &str) -> (App, PathBuf) {
        let app = App::launch(size, true, false).await;
        let dialogs = app._data.path().join("dialogs");
        (app, dialogs)
    }

    /// Starts the app on a 1366×768 screen with fcitx5 and its pinyin
    /// engine running, as on a clerk's desktop: keys sent with
    /// [`App::keyboard`] go through it.
    pub async fn start_with_pinyin() -> App {
        App::launch("1366x768", false, true).await
    }

    async fn launch(size: &str, dialogs: bool, with_pinyin: bool) -> App {
        let turn = ONE_AT_A_TIME.lock().await;
        let data = tempfile::tempdir().unwrap();
        let (display, xvfb) = xvfb_sized(size);
        let folder = data.path().join("dialogs");
        std::fs::create_dir_all(folder.join("pick")).unwrap();
        let (input_method, mut env) = if with_pinyin { pinyin(&display, data.path()) } else { Default::default() };
        if dialogs {
            env.push(("JIFENBU_DIALOGS", folder.into_os_string()));
        }
        let env: Vec<(&str, &std::ffi::OsStr)> = env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
        let (driver, port) = tauri_driver(&display, data.path(), &env);
        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": env!("CARGO_BIN_EXE_jifenbu-app") }
        });
        // tauri-driver listens before WebKitWebDriver behind it is ready; a
        // first session request can fail on a busy machine, so try again.
        let mut attempt = 0;
        let client = loop {
            let session = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.as_object().unwrap().clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await;
            match session {
                Ok(client) => break client,
                Err(e) if attempt == 4 => panic!("WebDriver session: {e}"),
                Err(_) => attempt += 1,
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        };
        let bus = env.iter().find(|(k, _)| *k == "DBUS_SESSION_BUS_ADDRESS").map(|(_, v)| v.to_os_string());
        let app = App { client, display, driver, xvfb, input_method, bus, _data: data, _turn: turn };
        app.find("#nav-start").await;
        app
    }

    /// The element `css`, waiting for it to appear.
    pub async fn find(&self, css: &str) -> Element {
        self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"))
    }

    pub async fn xpath(&self, xpath: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("{xpath}: {e}"))
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Types into `css` (keys as WebDriver sends them: "\u{E007}" is Enter).
    pub async fn type_in(&self, css: &str, text: &str) {
        self.find(css).await.send_keys(text).await.unwrap_or_else(|e| panic!("type in {css}: {e}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    /// Waits until the text of `css` contains `wanted`, and returns it.
    pub async fn text_containing(&self, css: &str, wanted: &str) -> String {
        let start = Instant::now();
        loop {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = e.text().await {
                    if t.contains(wanted) {
                        return t;
                    }
                    if start.elapsed() > WAIT {
                        let shot = self.shot("failed").await;
                        panic!("{css} never contained {wanted:?}; it reads {t:?} (see {})", shot.display());
                    }
                }
            }
            if start.elapsed() > WAIT {
                let shot = self.shot("failed").await;
                panic!("{css} never appeared (see {})", shot.display());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Opens the demo village and names the clerk, as a first-time user does.
    pub async fn open_demo(&self) {
        self.click("#open-demo").await;
        self.text_containing("#village", "青溪村").await;
        self.find("#household").await;
        self.type_in("#operator", "测试文书\u{E007}").await;
        self.text_containing(".operator", "测试文书").await;
    }

    /// Goes to a screen by its keyboard shortcut (Alt+n).
    pub async fn go(&self, nav: &str) {
        self.click(&format!("#nav-{nav}")).await;
    }

    /// Waits until the printout's preview has drawn its first page with
    /// ink on it (pdf.js in the window), then saves a screenshot as `name`.
    /// Returns the preview's page count as it reads ("共 N 页").
    pub async fn previewed(&self, name: &str) -> String {
        let pages = self.text_containing("#preview-pages", "共").await;
        let start = Instant::now();
        loop {
            let dark = self
                .client
                .execute(
                    "const c = document.querySelector('.preview-page canvas');
                     if (!c || !c.width) return 0;
                     const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                     let dark = 0;
                     for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++;
                     return dark;",
                    vec![],
                )
                .await
                .unwrap();
            if dark.as_u64().unwrap_or(0) > 1000 {
                break;
            }
            if start.elapsed() > WAIT {
                let shot = self.shot("failed").await;
                panic!("the preview drew no page (see {})", shot.display());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        self.shot(name).await;
        pages
    }

    /// Saves a screenshot to out/e2e/NAME.png, after the next two frames
    /// have been drawn (else it shows the previous one). Taken from the X
    /// server, so it shows what a person would see: WebKit's own snapshot
    /// can stall, and leaves out canvases (the print preview's pages).
    pub async fn shot(&self, name: &str) -> PathBuf {
        self.client
            .execute_async(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));",
                vec![],
            )
            .await
            .unwrap();
        screenshot(&self.display, name)
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    /// Runs xdotool on the app's screen: real X events, through GTK and
    /// its input method, as a clerk's keyboard and mouse make them.
    pub fn keyboard(&self, args: &[&str]) {
        assert!(on_screen(&self.display, "xdotool", args).status.success(), "xdotool {args:?}");
    }

    /// Clicks the middle of `css` with the X server's mouse, and waits as
    /// long as a hand takes from mouse to keyboard: the input method hears
    /// of the new focus over D-Bus, a moment after the window does.
    pub async fn click_on_screen(&self, css: &str) {
        let (x, y, w, h) = self.find(css).await.rectangle().await.unwrap();
        let (x, y) = ((x + w / 2.0).round().to_string(), (y + h / 2.0).round().to_string());
        self.keyboard(&["mousemove", &x, &y, "click", "1"]);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Waits until fcitx5 composes in the box `css` (its pinyin engine
    /// loads a while after fcitx5 answers): types `a` until candidates
    /// show, then leaves the box empty.
    pub async fn until_pinyin_composes(&self, css: &str) {
        self.click_on_screen(css).await;
        for _ in 0..50 {
            self.keyboard(&["type", "a"]);
            tokio::time::sleep(Duration::from_millis(200)).await;
            let composing = self.candidates_at().is_some();
            self.keyboard(&["key", if composing { "Escape" } else { "BackSpace" }]);
            if composing {
                return;
            }
            // As a clerk presses Ctrl+Space: pinyin on for this box.
            let bus = self.bus.as_ref().expect("started with pinyin");
            let _ = std::process::Command::new("fcitx5-remote").arg("-o").env("DBUS_SESSION_BUS_ADDRESS", bus).status();
        }
        let shot = self.shot("failed").await;
        let log = std::fs::read_to_string(self._data.path().join("fcitx5.log")).unwrap_or_default();
        panic!("fcitx5 never composed (see {}); its log:\n{log}", shot.display());
    }

    /// Where the input method's candidate window shows (its top left), if
    /// it shows.
    pub fn candidates_at(&self) -> Option<(f64, f64)> {
        let out = on_screen(&self.display, "xwininfo", &["-name", "Fcitx5 Input Window"]);
        let text = String::from_utf8_lossy(&out.stdout);
        let field = |name: &str| -> Option<f64> {
            text.lines().find_map(|l| l.trim().strip_prefix(name)).and_then(|v| v.trim().parse().ok())
        };
        text.contains("IsViewable").then_some(())?;
        Some((field("Absolute upper-left X:")?, field("Absolute upper-left Y:")?))
    }
}

impl Drop for App {
    fn drop(&mut self) {
        stop(&mut self.driver);
        self.input_method.iter_mut().for_each(stop);
        stop(&mut self.xvfb);
    }
}

/// The app started the way a clerk starts it — no WebDriver, whose
/// automation session hides how GTK handles the keyboard — on its own X
/// server under a Chinese locale with no input method running.
pub struct PlainWindow {
    display: String,
    app: Child,
    xvfb: Child,
    window_manager: Option<Child>,
    data: tempfile::TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl PlainWindow {
    pub async fn start() -> PlainWindow {
        PlainWindow::launch(false).await
    }

    /// The same on a desktop: a window manager (openbox) runs, so the
    /// window has a title bar and is closed as a clerk closes it.
    pub async fn start_on_a_desktop() -> PlainWindow {
        PlainWindow::launch(true).await
    }

    async fn launch(desktop: bool) -> PlainWindow {
        let turn = ONE_AT_A_TIME.lock().await;
        let data = tempfile::tempdir().unwrap();
        // Opened on the demo book, as `make run` opens it.
        let book = data.path().join("示范村.jfb");
        jifenbu_store::demo::build(&book).unwrap();
        let (display, xvfb) = xvfb();
        let window_manager = desktop.then(|| window_manager(&display, data.path()));
        let app = std::process::Command::new(env!("CARGO_BIN_EXE_jifenbu-app"))
            .arg(&book)
            .env("DISPLAY", &display)
            .env("XDG_DATA_HOME", data.path())
            .env("HOME", data.path())
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("GTK_IM_MODULE")
            .env_remove("XMODIFIERS")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let window = PlainWindow { display, app, xvfb, window_manager, data, _turn: turn };
        let start = Instant::now();
        while !on_screen(&window.display, "xdotool", &["search", "--name", "积分簿"]).status.success() {
            assert!(start.elapsed() < WAIT, "the app's window never appeared");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // Its first screen drawn (about a second after the window maps).
        tokio::time::sleep(Duration::from_secs(3)).await;
        window
    }

    /// Closes the window as a clerk does with the title bar's ×: the
    /// window manager asks the app to close (WM_DELETE_WINDOW).
    ///
    /// On a busy machine the window manager may not manage the window
    /// yet (wmctrl then finds no such window): try again for a while.
    pub fn close_by_window_manager(&self) {
        let start = Instant::now();
        while !on_screen(&self.display, "wmctrl", &["-c", "积分簿"]).status.success() {
            if start.elapsed() > WAIT {
                let wm = on_screen(&self.display, "wmctrl", &["-m"]);
                let log = std::fs::read_to_string(self.data.path().join("openbox.log")).unwrap_or_default();
                panic!("wmctrl -c 积分簿: the window manager never had the window ({wm:?}); openbox said:\n{log}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Whether the app has ended within `limit`.
    pub async fn ended_within(&mut self, limit: Duration) -> bool {
        let start = Instant::now();
        while self.app.try_wait().unwrap().is_none() {
            if start.elapsed() > limit {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        true
    }

    /// The app stopped dead (SIGKILL), as by a power cut.
    pub fn kill(&mut self) {
        let _ = self.app.kill();
        let _ = self.app.wait();
    }

    /// Everything in the backup folder (文档, here the home folder's
    /// 积分簿备份), sorted.
    pub fn backup_folder(&self) -> Vec<PathBuf> {
        let folder = self.data.path().join("积分簿备份");
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(folder).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
        files.sort();
        files
    }

    /// Presses `keys` (xdotool's names, e.g. `alt+8`) on the X server, as
    /// a keyboard does: through GTK and its input method.
    pub fn press(&self, keys: &str) {
        let pressed = on_screen(&self.display, "xdotool", &["key", "--clearmodifiers", keys]);
        assert!(pressed.status.success(), "xdotool key {keys}");
    }

    /// The screen as a person sees it, saved to out/e2e/`name`.png.
    pub fn shot(&self, name: &str) -> PathBuf {
        screenshot(&self.display, name)
    }

    /// The colour of the screen's pixel at (x, y), as ImageMagick names it;
    /// the screen is saved as `name`.
    pub fn pixel(&self, x: u32, y: u32, name: &str) -> String {
        let path = self.shot(name);
        let out = std::process::Command::new("convert")
            .arg(&path)
            .args(["-format", &format!("%[pixel:p{{{x},{y}}}]"), "info:"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for PlainWindow {
    fn drop(&mut self) {
        self.kill();
        if let Some(wm) = &mut self.window_manager {
            stop(wm);
        }
        stop(&mut self.xvfb);
    }
}

/// Runs the X tool `tool` (xdotool, wmctrl, xwininfo) against `display`,
/// its output kept.
fn on_screen(display: &str, tool: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(tool)
        .args(args)
        .env("DISPLAY", display)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (make test installs it): {e}"))
}

/// The X server's whole screen, as a person sees it, saved to
/// out/e2e/`name`.png.
fn screenshot(display: &str, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../out/e2e");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.png"));
    let status = std::process::Command::new("import")
        .args(["-window", "root", "-display", display])
        .arg(&path)
        .status()
        .expect("截图要用 ImageMagick 的 import（make test 会安装它）");
    assert!(status.success(), "import 截不到 {display} 的画面");
    path
}

/// Starts what a clerk's desktop runs for typing Chinese on `display`: a
/// session bus and fcitx5 with its pinyin engine, configured as in
/// tests/e2e/fcitx5 (copied under `home`). Returns the two processes and
/// the environment a program needs to type through them.
pub fn pinyin(display: &str, home: &Path) -> (Vec<Child>, Vec<(&'static str, OsString)>) {
    let config = home.join(".config/fcitx5");
    std::fs::create_dir_all(&config).unwrap();
    for file in ["profile", "config"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/e2e/fcitx5").join(file);
        std::fs::copy(from, config.join(file)).unwrap();
    }
    let mut bus = std::process::Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("dbus-daemon (make test installs dbus-x11)");
    let mut address = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(bus.stdout.take().unwrap()), &mut address).unwrap();
    let address = address.trim().to_string();
    let fcitx = std::process::Command::new("fcitx5")
        .env("DISPLAY", display)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(home.join("fcitx5.log")).unwrap())
        .spawn()
        .expect("fcitx5 (make test installs it)");
    // Wait until fcitx5 holds its name on the bus. Asked without starting
    // it: a call to fcitx5 itself (fcitx5-remote) made too early has the
    // bus start a second fcitx5, with none of this one's screen or setup,
    // which takes the name and never composes.
    let start = Instant::now();
    while !std::process::Command::new("dbus-send")
        .args(["--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
        .args(["org.freedesktop.DBus.NameHasOwner", "string:org.fcitx.Fcitx5"])
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("boolean true"))
    {
        assert!(start.elapsed() < Duration::from_secs(20), "fcitx5 never came up");
        std::thread::sleep(Duration::from_millis(200));
    }
    let env = vec![
        ("DBUS_SESSION_BUS_ADDRESS", OsString::from(address)),
        ("GTK_IM_MODULE", "fcitx".into()),
        ("XMODIFIERS", "@im=fcitx".into()),
    ];
    (vec![fcitx, bus], env)
}

/// Starts openbox on `display` and waits until it manages the screen (it
/// says so on the root window, which `wmctrl -m` reads), so the app maps
/// its window under it. Once in a side-by-side run openbox was gone before
/// the window came, having said nothing: it is started again then.
fn window_manager(display: &str, home: &Path) -> Child {
    let log = home.join("openbox.log");
    for _ in 0..3 {
        let mut openbox = std::process::Command::new("openbox")
            .env("DISPLAY", display)
            .env("HOME", home)
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("openbox (make test installs it)");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) && openbox.try_wait().unwrap().is_none() {
            if on_screen(display, "wmctrl", &["-m"]).status.success() {
                return openbox;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        stop(&mut openbox);
    }
    panic!("openbox never managed {display}: {}", std::fs::read_to_string(&log).unwrap_or_default());
}
