//! Issue 24, item 7: one standing, everywhere. Random books — two years of
//! entries, vetoes and their reversals in later quarters and in the next
//! year, households moving in and out, quarters published (as backfills),
//! a year closed — and for every household, every paper says the same:
//! the quarter's ranking (live or frozen), its notice, the town's export,
//! the statement's subtotals, the year's ranking and its adjustment, and
//! the closed year's annual notice from which certificates and door cards
//! are chosen.

mod common;

use chrono::NaiveDate;
use jifenbu_core::rollup::write_export;
use jifenbu_core::{points, EntryDraft, Quarter, Reversal};
use proptest::prelude::*;
use rust_decimal::Decimal;

const RULES: &str = r#"
[rulebook]
name = "测试"
version = "1"
effective_from = 2025-01-01
base_points = 50
[[stars]]
level = 1
min = 52
[[stars]]
level = 2
min = 56
[[item]]
code = "A"
kind = "add"
category = "c"
name = "加"
points = 1.5
[[item]]
code = "D"
kind = "deduct"
category = "c"
name = "扣"
points = 2
[[item]]
code = "V"
kind = "deduct"
category = "c"
name = "否决"
points = 5
veto = true
"#;

/// Five households: one moves in in 2025's second quarter, one moves out
/// at the end of its third, one only in 2026.
const ROSTER: &str = "户号,户主,村民小组,迁入日期,迁出日期\n\
    0,甲,一,,\n1,乙,一,2025-04-10,\n2,丙,二,,2025-09-30\n3,丁,二,,\n4,戊,二,2026-01-01,\n";

#[derive(Debug, Clone)]
enum Op {
    /// household, item, slot (0..8: 2025Q1 … 2026Q4), day in the quarter
    Add(u8, u8, u8, u8),
    /// reverse the n-th entry recorded (mod count) on a day of slot s
    Reverse(usize, u8),
    /// publish the next quarter
    Publish,
    /// close 2025
    Close,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0u8..5, 0u8..3, 0u8..7, 0u8..80).prop_map(|(h, i, s, d)| Op::Add(h, i, s, d)),
        3 => (any::<usize>(), 0u8..7).prop_map(|(n, s)| Op::Reverse(n, s)),
        2 => Just(Op::Publish),
        1 => Just(Op::Close),
    ]
}

/// Slot 0..8 as a quarter: 2025Q1 … 2026Q4.
fn quarter(slot: u8) -> Quarter {
    Quarter::new(2025 + i32::from(slot / 4), slot % 4 + 1).unwrap()
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The day a paper is read for a quarter: its last, or today if sooner.
fn as_of(q: Quarter) -> NaiveDate {
    q.last_day().min(today())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_paper_agrees_for_every_household(ops in prop::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let mut book = common::book(dir.path(), RULES, ROSTER);
        let mut ids = Vec::new();
        let mut published = 0u8;
        // Refusals (a published quarter, a household not on the roster
        // that day, a reversal twice…) are the other tests' business; here
        // whatever is accepted makes the book.
        for op in ops {
            match op {
                Op::Add(h, i, s, d) => {
                    let day = quarter(s).first_day() + chrono::Duration::days(i64::from(d));
                    let draft = EntryDraft {
                        household: h.to_string(),
                        item: ["A", "D", "V"][usize::from(i)].into(),
                        date: day.min(today()),
                        qty: 1,
                        points: None,
                        note: String::new(),
                        id: None,
                    };
                    if let Ok(e) = book.add_entry(&draft, "t") {
                        ids.push(e.id);
                    }
                }
                Op::Reverse(n, s) if !ids.is_empty() => {
                    let date = quarter(s).first_day().min(today());
                    let r = Reversal { entry: ids[n % ids.len()].to_string(), reason: "更正".into(), date };
                    let _ = book.reverse_entry(&r, "t");
                }
                Op::Reverse(..) => {}
                Op::Publish if published < 7 => {
                    let q = quarter(published);
                    if book.publish(q, q.last_day().succ_opt().unwrap().min(today()), true).is_ok() {
                        published += 1;
                    }
                }
                Op::Publish => {}
                Op::Close => {
                    let _ = book.close_year(2025, today(), "t");
                }
            }
        }

        for year in [2025, 2026] {
            let yearly = book.year_ranking(year).unwrap();
            for q in 1..=4 {
                let quarter = Quarter::new(year, q).unwrap();
                if quarter.first_day() > today() {
                    continue;
                }
                let ranking = book.ranking(quarter).unwrap();
                // The notice and the town's file carry the ranking's rows.
                let notice = book.notice(quarter, today(), false).unwrap();
                prop_assert_eq!(&notice.ranking, &ranking);
                let mut export = Vec::new();
                write_export(&mut export, "1", "测试村", &ranking, None).unwrap();
                let export = String::from_utf8(export).unwrap();
                for row in &ranking.rows {
                    let s = &row.standing;
                    let (statement, _) = book.statement(&row.code, year, as_of(quarter)).unwrap();
                    let (shown, on_statement) = &statement.quarters[usize::from(q) - 1];
                    prop_assert_eq!(*shown, quarter);
                    prop_assert_eq!(on_statement, s, "{} {}: statement against ranking", row.code, quarter);
                    let figures = [s.add, s.deduct, s.score, s.year_to_date].map(points::format).join(",");
                    let veto = if s.veto { "是" } else { "" };
                    let line = format!(",{},{},{},{},{},{},{veto},", row.code, row.head, row.group, figures, row.rank, s.stars);
                    prop_assert!(export.contains(&line), "{} {}: export lacks {}\n{}", row.code, quarter, line, export);
                }
            }
            // The year: its quarters are the quarterly scores, its end the
            // statement's through the fourth quarter.
            if Quarter::new(year, 4).unwrap().first_day() > today() {
                continue;
            }
            for row in &yearly.rows {
                let (statement, _) = book.statement(&row.code, year, as_of(Quarter::new(year, 4).unwrap())).unwrap();
                let scores: Vec<Decimal> = statement.quarters.iter().map(|(_, s)| s.score).collect();
                prop_assert_eq!(&scores[..], &row.quarters[..], "{} {}: quarters", row.code, year);
                let end = statement.adjustment.unwrap_or(statement.latest().unwrap().1);
                let adjustment = statement.adjustment.map_or(Decimal::ZERO, |a| a.score);
                prop_assert_eq!(
                    (end.year_to_date, end.stars, end.veto, adjustment),
                    (row.annual, row.stars, row.veto, row.adjustment),
                    "{} {}: the year's end", row.code, year
                );
            }
            // A closed year's notice, certificates and door cards carry the
            // year's frozen rows.
            if let Ok(annual) = book.annual_notice(year) {
                prop_assert_eq!(&annual.ranking, &yearly);
                if let Ok(starred) = annual.ranking.starred(1) {
                    prop_assert!(starred.iter().all(|r| r.stars >= 1 && !r.veto));
                }
            }
        }
    }
}
