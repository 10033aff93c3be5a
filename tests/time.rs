//! Facts in time: nothing that happened is dated after today, a notice at
//! most a month ahead, and no write from a computer whose clock reads
//! earlier than the book's last write.

mod common;

use std::process::Command;

use chrono::{Days, Local};
use common::*;

fn in_days(n: u64) -> String {
    (Local::now().date_naive() + Days::new(n)).to_string()
}

/// Issue 24, gap 2: an entry dated 2026-12-25 keyed in on 2026-12-06
/// counted in Q4. No deed, reversal, registration, meeting, redemption,
/// stock movement, objection or ruling may be dated after today; every
/// refusal names the date and today, and changes nothing.
#[test]
fn nothing_that_happened_is_dated_after_today() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path());
    let b = s(&book);
    ok(&["shop", "goods", "add", b, "--code", "G01", "--name", "洗衣液", "--unit", "瓶", "--price", "20"]);
    ok(&["objection", "add", b, "--quarter", "2025Q1", "--household", "01002", "--text", "漏记", "--late"]);
    let later = in_days(10);
    let before = book_digest(&book);
    for (args, what) in [
        (vec!["entry", "add", b, "--household", "01001", "--item", "A08", "--date", &later], "记录日期"),
        (vec!["register", b, "--household", "01001", "--item", "A22", "--date", &later, "--by", "张卫东"], "登记日期"),
        (vec!["shop", "stock", b, "--goods", "G01", "--qty", "5", "--source", "采购", "--date", &later], "入库日期"),
        (vec!["shop", "redeem", b, "--household", "01001", "--goods", "G01:1", "--date", &later], "兑换日期"),
        (
            vec![
                "objection",
                "add",
                b,
                "--quarter",
                "2025Q1",
                "--household",
                "01001",
                "--text",
                "不服",
                "--date",
                &later,
            ],
            "异议受理日期",
        ),
        (vec!["objection", "reject", b, "1", "--reason", "无误", "--date", &later], "异议处理日期"),
    ] {
        let e = refused(&args);
        assert!(
            e.contains(&format!("{what} {later} 还没到（今天是")) && e.contains("不能填将来的日期"),
            "{args:?}: {e}"
        );
    }
    let conn = rusqlite::Connection::open(&book).unwrap();
    let hex: String = conn.query_row("SELECT id FROM ledger WHERE seq = 700", [], |r| r.get(0)).unwrap();
    drop(conn);
    let id = format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]);
    let e = refused(&["entry", "reverse", b, &id, "--reason", "错了", "--date", &later]);
    assert!(e.contains(&format!("冲销日期 {later} 还没到")), "{e}");
    assert_eq!(book_digest(&book), before, "nothing changed");
    ok(&["entry", "add", b, "--household", "01001", "--item", "A08", "--date", &in_days(0)]);
}

/// Issue 24, gap 2: a notice may be dated today or up to 30 days ahead
/// (keyed in today, posted tomorrow), never later.
#[test]
fn a_notice_is_dated_at_most_a_month_ahead() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path());
    let e = refused(&["publish", s(&book), "--quarter", "2025Q2", "--date", &in_days(31)]);
    assert!(e.contains("晚了 30 天以上：公示日期最多提前 30 天"), "{e}");
    ok(&["publish", s(&book), "--quarter", "2025Q2", "--date", &in_days(30)]);
}

/// `jifenbu args` run with the computer's clock set to `clock` (libfaketime).
fn at_clock(clock: &str, args: &[&str]) -> std::process::Output {
    Command::new("faketime")
        .arg(clock)
        .arg(bin())
        .args(args)
        .env("JIFENBU_OPERATOR", "测试")
        .env("XDG_DATA_HOME", test_data_home())
        .output()
        .expect("faketime runs (setup.sh installs it)")
}

/// Issue 24, gap 3: a PC whose clock was reset to a past year (a flat CMOS
/// battery) cannot write: the message gives both times and asks to set
/// the clock; reading still works, and nothing is written.
#[test]
fn a_computer_whose_clock_is_behind_the_book_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path());
    let b = s(&book);
    ok(&["entry", "add", b, "--household", "01001", "--item", "A08", "--date", "2025-11-03"]);
    let before = std::fs::read(&book).unwrap();
    let out = at_clock(
        "2020-01-01 08:00:00",
        &["entry", "add", b, "--household", "01001", "--item", "A08", "--date", "2025-11-04"],
    );
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{e}");
    assert!(e.contains("这台电脑的时钟现在是 2020-01-01 08:00，比积分簿最后一次写入的时间"), "{e}");
    assert!(e.contains("请先把电脑的日期和时间调准") && e.contains("积分簿未改动"), "{e}");
    let out = at_clock("2020-01-01 08:00:00", &["ranking", b, "--quarter", "2025Q4"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&book).unwrap() == before, "nothing written");
}

/// Issue 24, gap 4: an objection after the notice period is refused unless
/// accepted late, and a late one says so wherever objections are listed.
#[test]
fn a_late_objection_is_accepted_only_as_late() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path());
    let b = s(&book);
    // 2025Q1 went up on 2025-04-03 for 7 days.
    let add = |date: &str, late: bool| {
        let mut args = vec!["objection", "add", b, "--quarter", "2025Q1", "--household", "01002", "--text", "漏记"];
        args.extend(["--date", date]);
        if late {
            args.push("--late");
        }
        jifenbu(&args)
    };
    assert!(add("2025-04-09", false).status.success(), "within the period");
    let before = book_digest(&book);
    let out = add("2025-04-10", false);
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{e}");
    assert!(e.contains("2025年第一季度的公示期到 2025-04-09 已经结束，2025-04-10 受理的异议已逾期"), "{e}");
    assert_eq!(book_digest(&book), before);
    assert!(add("2025-04-10", true).status.success());
    let list = ok(&["objection", "list", b, "--quarter", "2025Q1"]);
    let lines: Vec<&str> = list.lines().filter(|l| l.starts_with("第 ")).collect();
    assert!(!lines[0].contains("逾期") && lines[1].contains("受理（逾期受理）：漏记"), "{list}");
}

/// Issue 24, gap 1: a notice dated before the facts it states is refused,
/// naming the latest of them; a quarter keyed in from paper says so
/// (`--backfill`), and its notice prints both dates. Nothing joins the
/// typed date with today's time of day.
#[test]
fn a_notice_is_never_dated_before_what_it_states() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path());
    let b = s(&book);
    let today = Local::now().date_naive();
    let before = book_digest(&book);
    let e = refused(&["publish", b, "--quarter", "2025Q2", "--date", "2025-07-03"]);
    assert!(
        e.contains("公示日期 2025-07-03 早于公示所含的事实：第 ") && e.contains(&format!("于 {today} 录入")),
        "{e}"
    );
    assert!(e.contains("若是照纸质底稿补录以前的季度，请选择补录"), "{e}");
    assert_eq!(book_digest(&book), before);
    let out = ok(&["publish", b, "--quarter", "2025Q2", "--date", "2025-07-03", "--backfill"]);
    assert!(out.contains(&format!("已发布 2025Q2（{today} 补录）")), "{out}");
    let pdf = dir.path().join("公示.pdf");
    ok(&["notice", b, "--quarter", "2025Q2", "-o", s(&pdf)]);
    let text = pdf_text(&pdf);
    let backfilled = format!("本公示于{}照纸质底稿补录", today.format("%Y年%-m月%-d日"));
    assert!(text.contains("2025年7月3日") && text.contains(&backfilled), "{text}");
    let conn = rusqlite::Connection::open(&book).unwrap();
    let stored: String =
        conn.query_row("SELECT published_at FROM published WHERE quarter = 2", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, "2025-07-03", "the typed day alone, no time of day");
    // The statement marks the backfilled quarters as such.
    let statement = dir.path().join("明细.pdf");
    ok(&["statement", b, "--household", "01001", "--year", "2025", "-o", s(&statement)]);
    let marked = format!("（{}补录）", today.format("%Y年%-m月%-d日"));
    let text = pdf_text(&statement);
    assert!(text.matches(marked.as_str()).count() == 2, "Q1 (the demo's) and Q2: {text}");
    // A quarter published on a day after what it states needs no backfill.
    ok(&["publish", b, "--quarter", "2025Q3", "--date", &today.to_string()]);
}

/// Issue 24, gap 7: a veto in Q2, reversed in Q3 after Q2 was published:
/// every paper says 一票否决 for Q2 and nothing of it for Q3 — the notice
/// and the ranking as published, and the statement's quarter lines alike.
#[test]
fn a_veto_reversed_later_still_stands_in_its_own_quarter() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path());
    let b = s(&book);
    let id = ok(&["entry", "add", b, "--household", "06010", "--item", "B20", "--date", "2025-05-20"]);
    let id = id.split_whitespace().find(|w| w.len() == 36).unwrap_or_else(|| panic!("{id}")).to_string();
    ok(&["publish", b, "--quarter", "2025Q2", "--date", "2025-07-03", "--backfill"]);
    ok(&["entry", "reverse", b, &id, "--reason", "经查不实", "--date", "2025-08-01"]);
    let q2 = ok(&["ranking", b, "--quarter", "2025Q2", "--csv"]);
    let q3 = ok(&["ranking", b, "--quarter", "2025Q3", "--csv"]);
    let line = |csv: &str| csv.lines().find(|l| l.contains(",06010,")).unwrap().to_string();
    let vetoed = |line: String| line.split(',').nth(9) == Some("是"); // 一票否决
    assert!(vetoed(line(&q2)), "Q2 as published: {}", line(&q2));
    assert!(!vetoed(line(&q3)), "Q3: {}", line(&q3));
    let pdf = dir.path().join("明细.pdf");
    ok(&["statement", b, "--household", "06010", "--year", "2025", "-o", s(&pdf)]);
    let text = pdf_text(&pdf);
    // Each quarter's subtotal runs to the next quarter's.
    let at = |label: &str| text.find(label).unwrap_or_else(|| panic!("no {label} in\n{text}"));
    let (q2, q3, q4) = (at("2025年第二季度小计"), at("2025年第三季度小计"), at("2025年第四季度小计"));
    assert!(text[q2..q3].contains("一票否决"), "{}", &text[q2..q3]);
    assert!(!text[q3..q4].contains("一票否决"), "{}", &text[q3..q4]);
}
