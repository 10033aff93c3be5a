//! Property tests of the book against the core's plain reference: whatever
//! sequence of entries, reversals and publications a clerk makes, the SQL
//! ranking equals the reference ranking over the book's own entries, every
//! reversal nets to zero, and `verify` passes.

use std::collections::HashMap;

use jifenbu_core::tally::tally;
use jifenbu_core::{EntryDraft, Quarter, Ranking, Reversal};
use jifenbu_store::Book;
use proptest::prelude::*;
use rust_decimal::Decimal;

const RULES: &str = r#"
[rulebook]
name = "测试"
version = "1"
effective_from = 2026-01-01
base_points = 50
[[stars]]
level = 1
min = 55
[[item]]
code = "A"
kind = "add"
category = "c"
name = "加"
points = 1.5
cap = { per = "quarter", points = 6 }
[[item]]
code = "R"
kind = "add"
category = "c"
name = "区间"
min = 0.5
max = 4
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

#[derive(Debug, Clone)]
enum Op {
    /// household, item, quarter, day in quarter, qty, halves of a point (ranged items)
    Add(u8, u8, u8, u8, u32, i64),
    /// reverse the n-th recorded entry (mod count), dated in quarter q
    Reverse(usize, u8),
    Publish(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0u8..5, 0u8..4, 1u8..=4, 0u8..85, 1u32..3, 1i64..16).prop_map(|(h, i, q, d, n, p)| Op::Add(h, i, q, d, n, p)),
        2 => (any::<usize>(), 1u8..=4).prop_map(|(n, q)| Op::Reverse(n, q)),
        1 => (1u8..=4).prop_map(Op::Publish),
    ]
}

fn q(n: u8) -> Quarter {
    Quarter::new(2026, n).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn the_book_agrees_with_the_reference(ops in prop::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let mut book = Book::create(&dir.path().join("p.jfb"), "测试村", "1").unwrap();
        book.import_rulebook("t.toml", RULES).unwrap();
        book.import_households("h.csv", "户号,户主,村民小组\n0,甲,一\n1,乙,一\n2,丙,二\n3,丁,二\n4,戊,二\n".as_bytes()).unwrap();
        let mut ids: Vec<jifenbu_core::EntryId> = Vec::new();
        let mut frozen: HashMap<Quarter, Ranking> = HashMap::new();
        for op in ops {
            match op {
                Op::Add(h, i, qn, d, n, halves) => {
                    let item = ["A", "R", "D", "V"][usize::from(i)];
                    let draft = EntryDraft {
                        household: h.to_string(),
                        item: item.into(),
                        date: q(qn).first_day() + chrono::Duration::days(i64::from(d)),
                        qty: n,
                        points: (item == "R").then(|| Decimal::new(halves * 5, 1) * Decimal::from(n) / Decimal::from(4)).map(|p| p.max(Decimal::new(5, 1) * Decimal::from(n))),
                        note: String::new(),
                        id: None,
                    };
                    if let Ok(e) = book.add_entry(&draft, "t") { ids.push(e.id) }
                }
                Op::Reverse(n, qn) if !ids.is_empty() => {
                    let r = Reversal { entry: ids[n % ids.len()].to_string(), reason: "更正".into(), date: q(qn).first_day() };
                    let _ = book.reverse_entry(&r, "t");
                }
                Op::Reverse(..) => {}
                Op::Publish(qn) => {
                    if book.publish(q(qn)).is_ok() {
                        frozen.insert(q(qn), book.ranking(q(qn)).unwrap());
                    }
                }
            }
        }
        let entries = book.entries_for_year(2026).unwrap();
        let households = book.households().unwrap();
        let rules = book.rulebook_on(q(1).first_day()).unwrap().rulebook;
        for qn in 1..=4 {
            let quarter = q(qn);
            let reference = Ranking::compute(quarter, &households, &tally(&entries, quarter), &rules);
            prop_assert_eq!(book.live_ranking(quarter).unwrap(), reference.clone());
            for row in &reference.rows {
                let sum: Decimal = entries.iter().filter(|e| e.household == row.code && e.posting.q <= qn).map(|e| e.points).sum();
                prop_assert_eq!(row.year_to_date, rules.base_points + sum);
            }
            // A published quarter reads as it was frozen, whatever came after.
            if let Some(f) = frozen.get(&quarter) {
                prop_assert_eq!(&book.ranking(quarter).unwrap(), f);
            }
        }
        // Every reversal nets its original to zero, and none posts in a
        // quarter that was published before it was made.
        for r in entries.iter().filter(|e| e.is_reversal()) {
            let original = entries.iter().find(|e| Some(e.id) == r.reverses).unwrap();
            prop_assert_eq!(original.points + r.points, Decimal::ZERO);
        }
        let report = book.verify().unwrap();
        prop_assert!(report.ok(), "{:?}", report);
    }
}
