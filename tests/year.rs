//! The year: a correction that arrives after the fourth quarter is
//! published lands in its own year's adjustment (年终调整), so the year's
//! annual figure and stars are corrected and the new year is untouched.

mod common;

use common::*;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The CSV row of `household` in `csv`.
fn row_of(csv: &str, household: &str) -> Vec<String> {
    csv.lines()
        .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
        .find(|cells| cells.get(1).map(String::as_str) == Some(household))
        .unwrap_or_else(|| panic!("{household} not in\n{csv}"))
}

/// Issue 14: an objection to 2025Q4 upheld in January posted into 2026 —
/// 2025's total and stars were never corrected, and the household got the
/// points in 2026 instead. Now it posts in 2025's adjustment.
#[test]
fn a_january_ruling_on_the_fourth_quarter_corrects_its_own_year() {
    let dir = tmp();
    let book = demo_book(dir.path());
    for (q, date) in [("2025Q2", "2025-07-03"), ("2025Q3", "2025-10-03"), ("2025Q4", "2026-01-05")] {
        ok(&["publish", s(&book), "--quarter", q, "--date", date, "--backfill"]);
    }
    let conn = rusqlite::Connection::open(&book).unwrap();
    let (household, hex, cents): (String, String, i64) = conn
        .query_row(
            "SELECT household, lower(hex(id)), cents FROM entries
             WHERE year = 2025 AND quarter = 4 AND kind = 'add' AND reverses IS NULL ORDER BY seq LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    drop(conn);
    let id = format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]);
    let year_before = ok(&["year", "ranking", s(&book), "--year", "2025", "--csv"]);
    let q4_before = ok(&["ranking", s(&book), "--quarter", "2025Q4", "--csv"]);
    let q1_before = ok(&["ranking", s(&book), "--quarter", "2026Q1", "--csv"]);

    ok(&[
        "objection",
        "add",
        s(&book),
        "--quarter",
        "2025Q4",
        "--household",
        &household,
        "--text",
        "记错了项目",
        "--late",
    ]);
    let ruled = jifenbu(&[
        "objection",
        "uphold",
        s(&book),
        "1",
        "--reason",
        "属实，应为另一项目",
        "--reverse",
        &id,
        "--item",
        "A08",
        "--date",
        "2026-01-15",
    ]);
    let said = String::from_utf8_lossy(&ruled.stderr);
    assert!(ruled.status.success(), "{said}");
    assert!(said.contains("2025年终调整"), "{said}");

    // 2025's annual figure carries the correction in its own column…
    let year_after = ok(&["year", "ranking", s(&book), "--year", "2025", "--csv"]);
    assert!(year_after
        .starts_with("名次,户号,户主,村民小组,第一季度,第二季度,第三季度,第四季度,年终调整,年度积分,星级,一票否决"));
    let (before, after) = (row_of(&year_before, &household), row_of(&year_after, &household));
    let a08: rust_decimal::Decimal = "1".parse().unwrap(); // the demo rulebook's A08
    let change = a08 - rust_decimal::Decimal::new(cents, 2);
    assert_eq!(after[8].parse::<rust_decimal::Decimal>().unwrap(), change, "{after:?}");
    let annual = |r: &[String]| r[9].parse::<rust_decimal::Decimal>().unwrap();
    assert_eq!(annual(&after), annual(&before) + change);
    assert_eq!(before[4..8], after[4..8], "the quarters stay as published");
    // …the published Q4 and the new year are untouched.
    assert_eq!(ok(&["ranking", s(&book), "--quarter", "2025Q4", "--csv"]), q4_before);
    assert_eq!(ok(&["ranking", s(&book), "--quarter", "2026Q1", "--csv"]), q1_before);
    let verified = ok(&["verify", s(&book)]);
    assert!(verified.contains("✓ 2025年终调整（2 条更正）"), "{verified}");

    // The household's statement shows the adjustment and the annual figure.
    let pdf = dir.path().join("明细.pdf");
    ok(&["statement", s(&book), "--household", &household, "--year", "2025", "-o", s(&pdf), "--date", "2026-01-20"]);
    let text = std::process::Command::new("pdftotext").args(["-layout", s(&pdf), "-"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("2025年终调整：") && text.contains(&format!("年度积分 {}", after[9])), "{text}");
}

/// Issue 14: closing a year freezes it; it is refused until Q4's notice
/// period is over and every objection is ruled, and only once; after it,
/// nothing posts into the year, while the next year goes on.
#[test]
fn a_closed_year_is_frozen_and_the_next_goes_on() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let close = |date: &str| jifenbu(&["year", "close", s(&book), "--year", "2025", "--date", date]);
    let said = |out: std::process::Output| String::from_utf8_lossy(&out.stderr).to_string();
    let e = said(close("2026-01-20"));
    assert!(e.contains("2025年第二季度尚未发布，不能结算 2025 年度"), "{e}");
    for (q, date) in [("2025Q2", "2025-07-03"), ("2025Q3", "2025-10-03"), ("2025Q4", "2026-01-05")] {
        ok(&["publish", s(&book), "--quarter", q, "--date", date, "--backfill"]);
    }
    let e = said(close("2026-01-08"));
    assert!(e.contains("2025年第四季度的公示期到 2026-01-11 才结束"), "{e}");
    ok(&["objection", "add", s(&book), "--quarter", "2025Q3", "--household", "01001", "--text", "不服", "--late"]);
    let e = said(close("2026-01-20"));
    assert!(e.contains("2025 年度还有 1 件异议没有处理（最早的是第 1 号）"), "{e}");
    ok(&["objection", "reject", s(&book), "1", "--reason", "经核实无误", "--date", "2026-01-12"]);

    let live = ok(&["year", "ranking", s(&book), "--year", "2025", "--csv"]);
    let closed = ok(&["year", "close", s(&book), "--year", "2025", "--date", "2026-01-20"]);
    assert!(closed.starts_with("已结算 2025 年度：") && closed.contains("校验码"), "{closed}");
    assert_eq!(ok(&["year", "ranking", s(&book), "--year", "2025", "--csv"]), live, "frozen as it stood");
    let e = said(close("2026-01-21"));
    assert!(e.contains("2025 年度已于 2026-01-20 结算过"), "{e}");

    // Nothing posts into 2025 any more: not a reversal, an objection or an entry.
    let conn = rusqlite::Connection::open(&book).unwrap();
    let hex: String = conn
        .query_row("SELECT lower(hex(id)) FROM entries WHERE year = 2025 AND reverses IS NULL LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    drop(conn);
    let id = format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]);
    let before = book_digest(&book);
    let e = refused(&["entry", "reverse", s(&book), &id, "--reason", "录错", "--date", "2026-02-01"]);
    assert!(e.contains("2025 年度已结算，不能再更正"), "{e}");
    let e = refused(&["objection", "add", s(&book), "--quarter", "2025Q4", "--household", "01001", "--text", "晚了"]);
    assert!(e.contains("2025 年度已结算"), "{e}");
    let e = refused(&["entry", "add", s(&book), "--household", "01001", "--item", "A08", "--date", "2025-12-01"]);
    assert!(e.contains("2025 年度已结算"), "{e}");
    assert_eq!(book_digest(&book), before);

    // The new year starts from base points and goes on.
    ok(&["entry", "add", s(&book), "--household", "01001", "--item", "A08", "--date", "2026-02-01"]);
    let verified = ok(&["verify", s(&book)]);
    assert!(verified.contains("✓ 2025 年度结算"), "{verified}");

    // The annual notice prints from the frozen rows, with the star list.
    let pdf = dir.path().join("年度公示.pdf");
    let made = ok(&["year", "notice", s(&book), "--year", "2025", "-o", s(&pdf)]);
    let code = closed.split("校验码 ").nth(1).unwrap().trim();
    assert!(made.contains(code), "{made}");
    let text = std::process::Command::new("pdftotext").args(["-layout", s(&pdf), "-"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    for wanted in ["青溪村 2025年度 村民积分公示", "2025年度星级文明户名单", "年终", "2026年1月20日", code]
    {
        assert!(text.contains(wanted), "{wanted} not in\n{text}");
    }
    // Every quarter of the demo's 2025 was keyed in from paper (补录).
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("第一季度、2025年第二季度、2025年第三季度、2025年第四季度的积分于"), "{text}");
    assert!(flat.contains("照纸质底稿补录"), "{text}");
    let e = refused(&["year", "notice", s(&book), "--year", "2026", "-o", s(&pdf)]);
    assert!(e.contains("2026 年度尚未结算"), "{e}");

    // Certificates (one page each) and door cards (two to a page) for the
    // star households, with the year's code.
    let text_of = |pdf: &std::path::Path| {
        let out = std::process::Command::new("pdftotext").args(["-layout", s(pdf), "-"]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let five = ok(&["year", "ranking", s(&book), "--year", "2025", "--csv"])
        .lines()
        .filter(|l| l.split(',').nth(10) == Some("5"))
        .count();
    let certs = dir.path().join("奖状.pdf");
    ok(&["year", "cards", s(&book), "--year", "2025", "-o", s(&certs), "--min-stars", "5"]);
    let text = text_of(&certs);
    assert_eq!(text.matches("被评为五星级文明户").count(), five, "{text}");
    assert!(text.contains("被评为五星级文明户") && text.contains(code), "{text}");
    let doors = dir.path().join("门牌.pdf");
    ok(&["year", "cards", s(&book), "--year", "2025", "-o", s(&doors), "--kind", "door", "--min-stars", "5"]);
    let text = text_of(&doors);
    assert_eq!(text.matches("2025年度 星级文明户").count(), five, "{text}");
    assert_eq!(text.matches('\u{c}').count(), five.div_ceil(2), "two cards to a page");
    // Issue 25, gap 6: nothing to print is refused with the reason, and a
    // level out of range is said in Chinese; no file is made either way.
    let none = dir.path().join("九星.pdf");
    let e = refused(&["year", "cards", s(&book), "--year", "2025", "-o", s(&none), "--min-stars", "9"]);
    assert!(e.contains("2025 年度没有达到 9 星的户（最高为 5 星）"), "{e}");
    let out = jifenbu(&["year", "cards", s(&book), "--year", "2025", "-o", s(&none), "--min-stars", "21"]);
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.code() == Some(2) && e.contains("应是 1 到 20") && !e.contains("is not in"), "{e}");
    assert!(!none.exists());

    // A frozen annual row changed behind the program's back shows.
    let conn = rusqlite::Connection::open(&book).unwrap();
    conn.execute_batch(
        "DROP TRIGGER closed_year_rows_no_update; UPDATE closed_year_rows SET annual_c = annual_c + 100 WHERE rank = 1;",
    )
    .unwrap();
    drop(conn);
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains("封存的年度积分与结算时的摘要不符"), "{e}");
}

/// An entry put into a year's adjustment behind the program's back, not a
/// correction of that year, fails `verify`.
#[test]
fn verify_finds_an_adjustment_that_corrects_nothing() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let conn = rusqlite::Connection::open(&book).unwrap();
    conn.execute_batch(
        "DROP TRIGGER entries_no_update;
         UPDATE entries SET quarter = 5 WHERE seq = (SELECT MAX(seq) FROM entries WHERE reverses IS NULL);",
    )
    .unwrap();
    drop(conn);
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains("记入了2025年终调整，却不是对 2025 年记录的更正"), "{e}");
}
