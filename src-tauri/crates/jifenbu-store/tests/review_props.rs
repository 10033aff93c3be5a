//! Property test of 积分评议: whatever registrations are made and however
//! meetings decide them, the ledger holds exactly the approved ones at
//! their approved points; rejected and pending ones count nowhere; a
//! meeting that breaks a rule changes nothing; and every quarter's ranking
//! equals a plain model computed from the approved registrations alone.

mod common;

use std::collections::HashMap;

use jifenbu_core::review::{Person, Role, Verdict};
use jifenbu_core::{EntryDraft, Quarter};
use proptest::prelude::*;
use rust_decimal::Decimal;

const RULES: &str = r#"
[rulebook]
name = "测试"
version = "1"
effective_from = 2025-01-01
base_points = 50
review = "all"
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
"#;

const PANEL: [&str; 5] = ["甲", "乙", "丙", "丁", "戊"];

#[derive(Debug, Clone)]
enum Op {
    /// household, deduct?, quarter, day, halves of a point
    Register(u8, bool, u8, u8, i64),
    /// members present (how many of the panel), and per pending
    /// registration (by position): 0 skip, 1 approve, 2 approve at other
    /// points (halves), 3 reject.
    Meet(usize, Vec<(u8, i64)>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..3, any::<bool>(), 1u8..=4, 0u8..80, 1i64..=8).prop_map(|(h, d, q, day, p)| Op::Register(h, d, q, day, p)),
        2 => (1usize..=5, prop::collection::vec((0u8..4, 1i64..=10), 0..6)).prop_map(|(m, v)| Op::Meet(m, v)),
    ]
}

fn day(q: u8, d: u8) -> chrono::NaiveDate {
    Quarter::new(2025, q).unwrap().first_day() + chrono::Days::new(u64::from(d))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn the_ledger_holds_exactly_the_approved_registrations(ops in prop::collection::vec(op(), 1..14)) {
        let dir = tempfile::tempdir().unwrap();
        let mut book = common::book(dir.path(), RULES, "户号,户主,村民小组\n0,甲户,一\n1,乙户,一\n2,丙户,二\n");
        book.add_person(&Person { name: "文书".into(), role: Role::Clerk, group: None, phone: None, retired: false }, "文书").unwrap();
        for name in PANEL {
            book.add_person(&Person { name: name.into(), role: Role::Panel, group: None, phone: None, retired: false }, "文书").unwrap();
        }
        // The model: each registration's household, quarter, signed points
        // asked, and the signed points approved (None: pending or rejected).
        let mut model: Vec<(String, u8, Decimal, Option<Decimal>, bool)> = Vec::new();
        for op in ops {
            match op {
                Op::Register(h, deduct, q, d, halves) => {
                    let (item, points) = if deduct { ("D", None) } else { ("R", Some(Decimal::new(halves * 5, 1))) };
                    let draft = EntryDraft { household: h.to_string(), item: item.into(), date: day(q, d), qty: 1, points, note: String::new(), id: None };
                    book.register(&draft, "文书", &[], "文书").unwrap();
                    let asked = points.unwrap_or(Decimal::from(-2));
                    model.push((h.to_string(), q, asked, None, false));
                }
                Op::Meet(present, outcomes) => {
                    let pending: Vec<usize> = (0..model.len()).filter(|i| !model[*i].4).collect();
                    let mut verdicts = Vec::new();
                    let mut decided = Vec::new();
                    for (k, (what, halves)) in outcomes.into_iter().enumerate() {
                        let Some(&i) = pending.get(k) else { break };
                        let id = i as i64 + 1;
                        let changed = Decimal::new(halves.min(8) * 5, 1);
                        match what {
                            1 => { verdicts.push(Verdict::Approve { registration: id, points: None }); decided.push((i, Some(model[i].2))) }
                            // Other points only for the ranged item; a fixed one stays as it is.
                            2 if model[i].2 > Decimal::ZERO => { verdicts.push(Verdict::Approve { registration: id, points: Some(changed) }); decided.push((i, Some(changed))) }
                            3 => { verdicts.push(Verdict::Reject { registration: id, reason: "不属实".into() }); decided.push((i, None)) }
                            _ => {}
                        }
                    }
                    let members: Vec<String> = PANEL[..present].iter().map(|s| s.to_string()).collect();
                    let result = book.review("2025-12-31".parse().unwrap(), &members, &verdicts, "文书");
                    // Quorum: more than half of five.
                    let allowed = present >= 3 && !verdicts.is_empty();
                    prop_assert_eq!(result.is_ok(), allowed, "{:?}", result.err().map(|e| e.to_string()));
                    if allowed {
                        for (i, approved) in decided {
                            model[i].3 = approved;
                            model[i].4 = true;
                        }
                    }
                }
            }
        }
        let entries = book.entries_for_year(2025).unwrap();
        let approved: Vec<_> = model.iter().filter_map(|m| m.3.map(|p| (m.0.clone(), p))).collect();
        prop_assert_eq!(entries.len(), approved.len());
        let mut posted: Vec<(String, Decimal)> = entries.iter().map(|e| (e.household.clone(), e.points.normalize())).collect();
        let mut expected: Vec<(String, Decimal)> = approved.iter().map(|(h, p)| (h.clone(), p.normalize())).collect();
        posted.sort();
        expected.sort();
        prop_assert_eq!(posted, expected);
        for q in 1..=4u8 {
            let ranking = book.live_ranking(Quarter::new(2025, q).unwrap()).unwrap();
            let mut score: HashMap<String, Decimal> = HashMap::new();
            let mut ytd: HashMap<String, Decimal> = HashMap::new();
            for (h, mq, _, approved, _) in &model {
                if let Some(p) = approved {
                    if *mq == q { *score.entry(h.clone()).or_default() += p; }
                    if *mq <= q { *ytd.entry(h.clone()).or_default() += p; }
                }
            }
            for row in &ranking.rows {
                prop_assert_eq!(row.standing.score, score.get(&row.code).copied().unwrap_or_default());
                prop_assert_eq!(row.standing.year_to_date, Decimal::from(50) + ytd.get(&row.code).copied().unwrap_or_default());
            }
            let order: Vec<Decimal> = ranking.rows.iter().map(|r| r.standing.year_to_date).collect();
            prop_assert!(order.windows(2).all(|w| w[0] >= w[1]));
        }
        prop_assert!(book.verify().unwrap().ok());
    }
}
