//! Property tests of the book against the core's plain reference: whatever
//! sequence of entries, reversals and publications a clerk makes, each is
//! accepted or refused (for the same reason) and posted exactly as a small
//! model of the rules says (a correction made in the new year lands in its
//! own year), the SQL ranking equals the reference ranking over the book's
//! own entries, the annual figure is the quarters plus the adjustment,
//! every reversal nets to zero, and `verify` passes.

mod common;

use std::collections::HashMap;

use jifenbu_core::tally::tally;
use jifenbu_core::year::YearRanking;
use jifenbu_core::{EntryDraft, EntryId, Posting, Quarter, Ranking, Refusal, Reversal};
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
    /// Publish Q1 to Q4 in turn (those already published are refused).
    PublishAll,
    /// Close 2025 (on a day well after Q4's notice period).
    Close,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0u8..5, 0u8..4, 1u8..=4, 0u8..85, 1u32..3, 1i64..16).prop_map(|(h, i, q, d, n, p)| Op::Add(h, i, q, d, n, p)),
        // Quarter 5: a correction made in January of the next year.
        2 => (any::<usize>(), 1u8..=5).prop_map(|(n, q)| Op::Reverse(n, q)),
        1 => (1u8..=4).prop_map(Op::Publish),
        1 => Just(Op::PublishAll),
        1 => Just(Op::Close),
    ]
}

/// A year wholly past, so that every quarter may be published.
fn q(n: u8) -> Quarter {
    Quarter::new(2025, n).unwrap()
}

/// The day a reversal of `Op::Reverse(_, n)` is made: in quarter `n` of
/// 2025, or (5) in January 2026.
fn reversal_day(n: u8) -> chrono::NaiveDate {
    Quarter::new(2025, n).map_or_else(|| "2026-01-12".parse().unwrap(), Quarter::first_day)
}

/// The rules of RULES, written plainly: which refusal (by variant name) an
/// operation must meet, or `None` when it must be accepted.
#[derive(Default)]
struct Model {
    published: Vec<Quarter>,
    closed: bool,
    /// (id, household, item, posting, points, reversed, is a reversal)
    entries: Vec<(EntryId, String, String, Posting, Decimal, bool, bool)>,
}

impl Model {
    fn add(&self, h: &str, item: &str, posting: Quarter, points: Option<Decimal>, n: u32) -> Option<&'static str> {
        if self.closed {
            return Some("YearClosed");
        }
        if self.published.contains(&posting) {
            return Some("QuarterPublished");
        }
        let magnitude = match item {
            "A" => Decimal::new(15, 1) * Decimal::from(n),
            "R" => {
                let p = points.unwrap();
                if p.normalize().scale() > 2 {
                    return Some("BadPoints");
                }
                p
            }
            "D" => Decimal::from(2 * n),
            _ => Decimal::from(5 * n),
        };
        if item == "A" {
            // The cap counts what the household got from the item in the
            // quarter, net of reversals posted there, never below nothing.
            let got: Decimal =
                self.entries.iter().filter(|e| e.1 == h && e.2 == "A" && e.3 == posting.into()).map(|e| e.4).sum();
            if got.max(Decimal::ZERO) + magnitude > Decimal::from(6) {
                return Some("CapExceeded");
            }
        }
        None
    }

    fn reverse(&self, target: usize, own: Quarter) -> Result<Posting, &'static str> {
        let e = &self.entries[target];
        if e.6 {
            return Err("ReversalOfReversal");
        }
        if e.5 {
            return Err("AlreadyReversed");
        }
        if self.closed {
            return Err("YearClosed");
        }
        let published = |q: Quarter| self.published.contains(&q);
        match e.3 {
            Posting::Quarter(original) if !published(original) => Ok(e.3),
            Posting::Adjustment { .. } => Ok(e.3),
            // Made in the new year: the year's Q4 while open, else its adjustment.
            _ if own.year > 2025 && !published(q(4)) => Ok(q(4).into()),
            _ if own.year > 2025 => Ok(Posting::Adjustment { year: 2025 }),
            _ if !published(own) => Ok(own.into()),
            _ => Err("ReversalQuarterPublished"),
        }
    }

    /// Closing: once, and only when the four quarters are published (the
    /// day is after Q4's notice period and there are no objections here).
    fn close(&self) -> Option<&'static str> {
        if self.closed {
            Some("AlreadyClosed")
        } else if (1..=4).any(|n| !self.published.contains(&q(n))) {
            Some("CloseBeforePublished")
        } else {
            None
        }
    }

    fn publish(&self, quarter: Quarter) -> Option<&'static str> {
        if self.published.contains(&quarter) {
            Some("AlreadyPublished")
        } else if (1..quarter.q).any(|e| !self.published.contains(&q(e))) {
            Some("EarlierUnpublished")
        } else {
            None
        }
    }
}

/// The variant name of the refusal inside a store error.
fn refusal(e: jifenbu_store::Error) -> &'static str {
    match e {
        jifenbu_store::Error::Core(jifenbu_core::Error::Refused(r)) => match r {
            Refusal::QuarterPublished(_) => "QuarterPublished",
            Refusal::BadPoints { .. } => "BadPoints",
            Refusal::CapExceeded { .. } => "CapExceeded",
            Refusal::AlreadyReversed { .. } => "AlreadyReversed",
            Refusal::ReversalOfReversal(_) => "ReversalOfReversal",
            Refusal::ReversalQuarterPublished { .. } => "ReversalQuarterPublished",
            Refusal::AlreadyPublished(_) => "AlreadyPublished",
            Refusal::EarlierUnpublished { .. } => "EarlierUnpublished",
            Refusal::YearClosed(_) => "YearClosed",
            Refusal::AlreadyClosed { .. } => "AlreadyClosed",
            Refusal::CloseBeforePublished { .. } => "CloseBeforePublished",
            other => panic!("a refusal the model does not expect: {other}"),
        },
        other => panic!("not a refusal: {other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn the_book_agrees_with_the_reference(ops in prop::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let mut book = common::book(dir.path(), RULES, "户号,户主,村民小组\n0,甲,一\n1,乙,一\n2,丙,二\n3,丁,二\n4,戊,二\n");
        let mut model = Model::default();
        let mut frozen: HashMap<Quarter, Ranking> = HashMap::new();
        let ops = ops.into_iter().flat_map(|op| match op {
            Op::PublishAll => (1..=4).map(Op::Publish).collect(),
            op => vec![op],
        });
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
                    let expected = model.add(&draft.household, item, q(qn), draft.points, n);
                    match book.add_entry(&draft, "t") {
                        Ok(e) => {
                            prop_assert_eq!(expected, None);
                            model.entries.push((e.id, e.household, e.item_code, e.posting, e.points, false, false));
                        }
                        Err(e) => prop_assert_eq!(expected, Some(refusal(e))),
                    }
                }
                Op::Reverse(n, qn) if !model.entries.is_empty() => {
                    let target = n % model.entries.len();
                    let day = reversal_day(qn);
                    let expected = model.reverse(target, Quarter::of(day));
                    let (id, household, item, ..) = model.entries[target].clone();
                    let r = Reversal { entry: id.to_string(), reason: "更正".into(), date: day };
                    match book.reverse_entry(&r, "t") {
                        Ok(e) => {
                            prop_assert_eq!(expected, Ok(e.posting));
                            model.entries[target].5 = true;
                            model.entries.push((e.id, household, item, e.posting, e.points, false, true));
                        }
                        Err(e) => prop_assert_eq!(expected, Err(refusal(e))),
                    }
                }
                Op::Reverse(..) => {}
                Op::Close => {
                    let expected = model.close();
                    match book.close_year(2025, "2026-06-01".parse().unwrap(), "t") {
                        Ok(_) => {
                            prop_assert_eq!(expected, None);
                            model.closed = true;
                        }
                        Err(e) => prop_assert_eq!(expected, Some(refusal(e))),
                    }
                }
                Op::PublishAll => unreachable!("expanded above"),
                Op::Publish(qn) => {
                    let expected = model.publish(q(qn));
                    match book.publish(q(qn), q(qn).last_day().succ_opt().unwrap(), true) {
                        Ok(_) => {
                            prop_assert_eq!(expected, None);
                            model.published.push(q(qn));
                            frozen.insert(q(qn), book.ranking(q(qn)).unwrap());
                        }
                        Err(e) => prop_assert_eq!(expected, Some(refusal(e))),
                    }
                }
            }
        }
        let entries = book.entries_for_year(2025).unwrap();
        let households = book.households().unwrap();
        let rules = book.rulebook_on(q(1).first_day()).unwrap().rulebook;
        for qn in 1..=4 {
            let quarter = q(qn);
            let reference = Ranking::compute(quarter, &households, &tally(&entries, quarter.year), &rules);
            prop_assert_eq!(book.live_ranking(quarter).unwrap(), reference.clone());
            for row in &reference.rows {
                let sum: Decimal = entries.iter().filter(|e| e.household == row.code && e.posting.slot() <= qn).map(|e| e.points).sum();
                prop_assert_eq!(row.standing.year_to_date, rules.base_points + sum);
            }
            // A published quarter reads as it was frozen, whatever came after.
            if let Some(f) = frozen.get(&quarter) {
                prop_assert_eq!(&book.ranking(quarter).unwrap(), f);
            }
        }
        // The annual figure: base points, the quarters and the adjustment;
        // once closed, the book shows it frozen, and nothing has moved it.
        let year = YearRanking::compute(2025, &households, &tally(&entries, 2025), &rules);
        if model.closed {
            prop_assert_eq!(&book.year_ranking(2025).unwrap(), &year);
        }
        for row in &year.rows {
            let sum: Decimal = entries.iter().filter(|e| e.household == row.code).map(|e| e.points).sum();
            prop_assert_eq!(row.annual, rules.base_points + sum);
            let adjusted: Decimal = entries.iter().filter(|e| e.household == row.code && e.posting.is_adjustment()).map(|e| e.points).sum();
            prop_assert_eq!(row.adjustment, adjusted);
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
