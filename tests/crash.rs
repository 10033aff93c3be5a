//! Crash safety: SIGKILL the CLI at random moments of a large entries import.
//! Afterwards the book must open, verify, and hold all of that import or none.

mod common;

use std::process::{Command, Stdio};
use std::time::Instant;

use common::*;

#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("big.jfb");
    let b = s(&book);
    ok(&["init", b, "--village", "压力村", "--code", "9"]);
    ok(&["rules", "import", b, s(&root().join("rules/qingxi-2025.toml"))]);
    // 400 households, 40,000 uncapped entries across 2025 (item A01).
    let mut roster = String::from("户号,户主,村民小组\n");
    let mut csv = String::from("户号,项目,日期,备注\n");
    for h in 0..400 {
        roster.push_str(&format!("{h:04},户主{h},{}组\n", h % 8 + 1));
    }
    for i in 0..40_000 {
        let day = chrono_free_date(i % 365);
        csv.push_str(&format!("{:04},A01,{day},第{i}条\n", i % 400));
    }
    ok(&["households", "import", b, s(&write(dir.path(), "h.csv", &roster))]);
    let entries = write(dir.path(), "e.csv", &csv);
    let pristine = dir.path().join("pristine.jfb");
    std::fs::copy(&book, &pristine).unwrap();
    let count = |book: &str| -> i64 {
        rusqlite::Connection::open(book).unwrap().query_row("SELECT COUNT(*) FROM entries", [], |r| r.get(0)).unwrap()
    };

    // How long a whole import takes here, to spread the kills across it.
    let probe = dir.path().join("probe.jfb");
    std::fs::copy(&book, &probe).unwrap();
    let start = Instant::now();
    ok(&["entries", "import", s(&probe), s(&entries)]);
    let full = start.elapsed();

    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let (mut none, mut all) = (0, 0);
    for round in 0..25 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = full.mul_f64((seed % 1000) as f64 / 1000.0 * 1.1);
        std::fs::copy(&pristine, &book).unwrap();
        let mut child = Command::new(bin())
            .args(["entries", "import", b, s(&entries)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        // SIGKILL: no destructor, no rollback code of ours runs.
        unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
        child.wait().unwrap();
        let n = count(b);
        assert!(n == 0 || n == 40_000, "round {round}: {n} entries after a kill at {delay:?}");
        if n == 0 {
            none += 1;
        } else {
            all += 1;
        }
        ok(&["verify", b]);
    }
    eprintln!("kills that left nothing: {none}, that left everything: {all} (full import {full:?})");
    assert!(none > 0, "no kill landed inside the import");
    std::fs::copy(&pristine, &book).unwrap();
    ok(&["entries", "import", b, s(&entries)]);
    assert_eq!(count(b), 40_000);
    ok(&["verify", b]);
}

/// 2025-01-01 plus `days`, without a date library.
fn chrono_free_date(days: usize) -> String {
    const MONTHS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (mut m, mut d) = (0, days);
    while d >= MONTHS[m] {
        d -= MONTHS[m];
        m += 1;
    }
    format!("2025-{:02}-{:02}", m + 1, d + 1)
}
