//! The app on a big book against the floor (an empty window), on a private
//! X server: launch to first usable screen, memory (PSS summed over the app
//! and its WebKit processes) after opening the book and after visiting
//! every screen, the round trip of saving one entry, 评议 opening and
//! filtering its pending registrations, and a redemption at the 积分超市
//! counter from the confirming key to the receipt's preview. Run by
//! scripts/bench-app.sh, which builds what it needs and writes the figures.
//!
//! Usage: bench_app APP FLOOR BOOK HOUSEHOLD RUNS

#[path = "../../tests/e2e/desktop.rs"]
mod desktop;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use desktop::{stop, tauri_driver, xvfb};

use fantoccini::{ClientBuilder, Locator};
use serde_json::json;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (app, floor, book, household) = (&args[1], &args[2], &args[3], &args[4]);
    let runs: usize = args[5].parse().unwrap();
    let (display, mut xvfb) = xvfb();

    let (mut floor_ms, mut app_ms) = (Vec::new(), Vec::new());
    let (mut floor_pss, mut app_pss) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (ms, pss) = launch(&display, floor, None);
        floor_ms.push(ms);
        floor_pss.push(pss);
        let (ms, pss) = launch(&display, app, Some(book));
        app_ms.push(ms);
        app_pss.push(pss);
    }
    let (visited_pss, saves, review, redeem) = drive(&display, app, book, household).await;

    for v in [&mut floor_ms, &mut app_ms] {
        v.sort_unstable();
    }
    for v in [&mut floor_pss, &mut app_pss] {
        v.sort_unstable();
    }
    println!("floor_first_paint_ms {}", floor_ms[runs / 2]);
    println!("app_first_screen_ms {}", app_ms[runs / 2]);
    println!("floor_runs {:?}", floor_ms);
    println!("app_runs {:?}", app_ms);
    println!("floor_pss_mb {}", floor_pss[runs / 2] / 1024);
    println!("app_pss_mb {}", app_pss[runs / 2] / 1024);
    println!("app_pss_visited_mb {}", visited_pss / 1024);
    println!("save_round_trip_ms_median {:.1}", saves[saves.len() / 2]);
    println!("save_round_trip_ms_p90 {:.1}", saves[saves.len() * 9 / 10]);
    println!("review_open_ms_median {:.1}", review.0);
    println!("review_filter_ms_median {:.1}", review.1);
    println!("redeem_to_receipt_ms_median {:.1}", redeem);
    stop(&mut xvfb);
}

/// Launches `binary` (on `book`), waits for its first usable screen, and
/// returns the milliseconds that took and the PSS (KB) of its process tree.
fn launch(display: &str, binary: &str, book: Option<&String>) -> (u128, u64) {
    let data = tempfile::tempdir().unwrap();
    let start = now_ms();
    let mut child = Command::new(binary)
        .args(book)
        .env("DISPLAY", display)
        .env("XDG_DATA_HOME", data.path())
        .env("JIFENBU_TIMING", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let ready = loop {
        let line = lines.next().expect("the window reports its first screen").unwrap();
        if let Some(rest) = line.strip_prefix("JIFENBU_READY ") {
            break rest.rsplit(' ').next().unwrap().parse::<u128>().unwrap();
        }
    };
    std::thread::sleep(Duration::from_millis(1500));
    let pss = tree_pss(child.id());
    stop(&mut child);
    (ready - start, pss)
}

/// Opens the book through WebDriver, measures memory after a tour of every
/// screen, and times 30 saves (keystroke to updated score).
/// A WebDriver session with `binary` (given `args`) on `display`, and the
/// app's data folder; the driver must be stopped after.
async fn session(
    display: &str,
    binary: &str,
    args: &[&str],
) -> (fantoccini::Client, std::process::Child, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let (driver, port) = tauri_driver(display, data.path(), &[]);
    let caps = json!({"browserName": "wry", "tauri:options": {"application": binary, "args": args}});
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps.as_object().unwrap().clone())
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap();
    (c, driver, data)
}

async fn drive(display: &str, app: &str, book: &str, household: &str) -> (u64, Vec<f64>, (f64, f64), f64) {
    let (c, mut driver, _data) = session(display, app, &[book]).await;
    let wait = |css: &'static str| {
        let c = c.clone();
        async move { c.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css(css)).await.unwrap() }
    };
    wait("#household").await;
    tokio::time::sleep(Duration::from_secs(settle())).await;
    let app_pid = pid_of(app);

    for (nav, shown) in [
        ("batch", "#batch-go"),
        ("review", "#pending tbody tr[data-registration]"),
        ("account", "#account-search"),
        ("shop", "#shop-household"),
        ("ranking", "[data-testid=ranking-table] .vrow"),
        ("rules", "#rules-search"),
        ("settings", "#backup-now"),
        ("start", "#open-demo"),
        ("entry", "#household"),
    ] {
        c.find(Locator::Css(&format!("#nav-{nav}"))).await.unwrap().click().await.unwrap();
        wait(shown).await;
        if nav == "account" {
            c.find(Locator::Css("#account-search")).await.unwrap().send_keys("\u{E007}").await.unwrap();
            wait("#account-lines").await;
        }
    }
    tokio::time::sleep(Duration::from_secs(settle())).await;
    let visited = tree_pss(app_pid);
    let review = time_review(&c).await;
    c.find(Locator::Css("#nav-entry")).await.unwrap().click().await.unwrap();
    wait("#household").await;

    c.find(Locator::Css("#operator")).await.unwrap().send_keys("测试\u{E007}").await.unwrap();
    wait(".operator").await;
    let item = c.find(Locator::Css("#item")).await.unwrap();
    item.send_keys("A05\u{E007}").await.unwrap();
    let mut saves = Vec::new();
    for _ in 0..30 {
        let picker = c.find(Locator::Css("#household")).await.unwrap();
        picker.send_keys(&format!("{household}\u{E007}")).await.unwrap();
        let ms = c
            .execute_async(
                r#"const done = arguments[0];
                   const text = () => (document.getElementById('saved') || {}).textContent;
                   const before = text();
                   const seen = new MutationObserver(() => {
                     const err = document.querySelector('.entry-form .error-box');
                     if (err) { seen.disconnect(); done(-1); }
                     else if (text() !== before) { seen.disconnect(); done(performance.now() - t0); }
                   });
                   seen.observe(document.body, { subtree: true, childList: true, characterData: true });
                   const t0 = performance.now();
                   document.getElementById('note').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));"#,
                vec![],
            )
            .await
            .unwrap();
        let ms = ms.as_f64().unwrap();
        assert!(ms >= 0.0, "the save was refused");
        saves.push(ms);
    }
    saves.sort_by(f64::total_cmp);
    let redeem = time_redemption(&c, household).await;
    let _ = c.close().await;
    stop(&mut driver);
    (visited, saves, review, redeem)
}

/// 积分超市, five redemptions of one unit of G01 for `household`:
/// milliseconds from the confirming key to the receipt's first page drawn
/// in the preview (median).
async fn time_redemption(c: &fantoccini::Client, household: &str) -> f64 {
    c.find(Locator::Css("#nav-shop")).await.unwrap().click().await.unwrap();
    let find = |css: &'static str| async move { c.wait().for_element(Locator::Css(css)).await.unwrap() };
    find("#shop-household").await.send_keys(&format!("{household}\u{E007}")).await.unwrap();
    find("#shop-balance").await;
    let mut times = Vec::new();
    for _ in 0..5 {
        find("#shop-goods").await.send_keys("G01\u{E007}").await.unwrap();
        find("#shop-qty").await.send_keys("1\u{E007}").await.unwrap();
        c.wait().for_element(Locator::Css("#shop-redeem:not([disabled])")).await.unwrap().click().await.unwrap();
        find("#modal-confirm").await;
        let ms = c
            .execute_async(
                r#"const finish = arguments[0];
                   const t0 = performance.now();
                   document.getElementById('modal-confirm').click();
                   const check = () => (document.querySelector('.preview-page canvas')?.width ?? 0) > 0
                     ? requestAnimationFrame(() => finish(performance.now() - t0))
                     : requestAnimationFrame(check);
                   check();"#,
                vec![],
            )
            .await
            .unwrap();
        times.push(ms.as_f64().unwrap());
        find(".preview-pages").await.send_keys("\u{E00C}").await.unwrap();
    }
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// 评议, five times from 录入: milliseconds from the click to every pending
/// registration drawn, and from a change of group to the list redrawn
/// (medians).
async fn time_review(c: &fantoccini::Client) -> (f64, f64) {
    let (mut open, mut filter) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        c.find(Locator::Css("#nav-entry")).await.unwrap().click().await.unwrap();
        c.wait().for_element(Locator::Css("#household")).await.unwrap();
        open.push(time_in_page(c, "document.getElementById('nav-review').click()", "rows() >= 500").await);
        let change = "const group = document.getElementById('review-group');
                      group.value = group.options[1].value;
                      group.dispatchEvent(new Event('change', { bubbles: true }))";
        filter.push(time_in_page(c, change, "rows() < all").await);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (median(&mut open), median(&mut filter))
}

/// Milliseconds from running `act` in the page to the frame after `until`
/// holds; both may use `rows()`, the pending rows drawn, and `all`, their
/// number before `act`.
async fn time_in_page(c: &fantoccini::Client, act: &str, until: &str) -> f64 {
    let script = format!(
        "const finish = arguments[0];
         const rows = () => document.querySelectorAll('#pending tbody tr[data-registration]').length;
         const all = rows();
         const t0 = performance.now();
         {act};
         const check = () => ({until})
           ? requestAnimationFrame(() => finish(performance.now() - t0))
           : requestAnimationFrame(check);
         check();"
    );
    c.execute_async(&script, vec![]).await.unwrap().as_f64().unwrap()
}

/// The pid of the running process whose executable is `binary`.
fn pid_of(binary: &str) -> u32 {
    let target = std::fs::canonicalize(binary).unwrap();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        if let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() {
            if std::fs::read_link(format!("/proc/{pid}/exe")).ok().as_deref() == Some(target.as_path()) {
                return pid;
            }
        }
    }
    panic!("{binary} is not running");
}

/// PSS in KB of `pid` and every process descended from it.
fn tree_pss(pid: u32) -> u64 {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else { continue };
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        let ppid: u32 = after.split(' ').nth(1).unwrap().parse().unwrap();
        parents.push((p, ppid));
    }
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(parents.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    let mut total = 0;
    let mut each = Vec::new();
    for p in &tree {
        let Ok(rollup) = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")) else { continue };
        let Some(line) = rollup.lines().find(|l| l.starts_with("Pss:")) else { continue };
        let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        let name = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
        each.push(format!("{} {} MB", name.trim(), kb / 1024));
        total += kb;
    }
    eprintln!("PSS {}", each.join(", "));
    total
}
fn now_ms() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis()
}

/// Seconds to let the window settle before memory is read.
fn settle() -> u64 {
    std::env::var("BENCH_SETTLE").ok().and_then(|s| s.parse().ok()).unwrap_or(2)
}
