use chrono::{Datelike, NaiveDate};
use jifenbu_core::shop::Goods;
use jifenbu_core::{EntryDraft, Quarter, Reversal};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::Book;

const RULES: &str = r#"
[rulebook]
name = "测试"
version = "1"
effective_from = 2025-01-01
[[item]]
code = "A"
kind = "add"
category = "c"
name = "加分"
points = 5
[[item]]
code = "D"
kind = "deduct"
category = "c"
name = "扣分"
points = 2
"#;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn book(dir: &tempfile::TempDir, shop: &str) -> Book {
    let mut b = Book::create(&dir.path().join("s.jfb"), "测试村", "1").unwrap();
    b.import_rulebook("r.toml", &format!("{RULES}{shop}")).unwrap();
    b.import_households(
        jifenbu_core::import::Text::from_bytes("h.csv", "户号,户主,村民小组\n1,甲,一组\n2,乙,二组\n".as_bytes())
            .unwrap(),
    )
    .unwrap();
    b.add_goods(&Goods::new("G01", "洗衣液", "瓶", "4").unwrap(), "文书").unwrap();
    b.add_goods(&Goods::new("G02", "毛巾", "条", "1.5").unwrap(), "文书").unwrap();
    b.receive_stock("G01", 10, "爱心企业捐赠", d("2025-01-02"), "文书").unwrap();
    b.receive_stock("G02", 3, "村集体采购", d("2025-01-02"), "文书").unwrap();
    b
}

fn entry(b: &mut Book, household: &str, item: &str, date: &str) -> String {
    let draft = EntryDraft {
        household: household.into(),
        item: item.into(),
        date: d(date),
        qty: 1,
        points: None,
        note: String::new(),
        id: None,
    };
    b.add_entry(&draft, "文书").unwrap().id.to_string()
}

/// The day the tests run: a cancellation is dated in the month it is made.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn lines(list: &[(&str, u32)]) -> Vec<(String, u32)> {
    list.iter().map(|(c, q)| (c.to_string(), *q)).collect()
}

fn balance(b: &Book, household: &str, on: &str) -> String {
    jifenbu_core::points::format(b.shop_balance(household, d(on)).unwrap().balance)
}

#[test]
fn a_redemption_spends_the_balance_and_the_stock_and_a_cancellation_returns_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = book(&dir, "");
    entry(&mut b, "1", "A", "2025-02-01");
    entry(&mut b, "1", "A", "2025-02-03");
    entry(&mut b, "1", "D", "2025-02-04");
    // Only add items earn by default: 10.
    assert_eq!(balance(&b, "1", "2025-03-01"), "10");
    let r = b.redeem("1", &lines(&[("G01", 2), ("G02", 1)]), d("2025-03-01"), "文书").unwrap();
    assert_eq!(r.cost(), "9.5".parse::<Decimal>().unwrap());
    assert_eq!(r.goods_text(), "洗衣液 2 瓶、毛巾 1 条");
    assert_eq!(balance(&b, "1", "2025-03-01"), "0.5");
    let stock: Vec<i64> = b.goods().unwrap().iter().map(|g| g.stock).collect();
    assert_eq!(stock, [8, 2]);
    assert_eq!(b.receipt(r.id).unwrap().balance_after, "0.5".parse::<Decimal>().unwrap());

    let cancelled = b.cancel_redemption(r.id, "拿错了", today(), "文书").unwrap();
    assert_eq!(cancelled.cancelled.unwrap().reason, "拿错了");
    assert_eq!(balance(&b, "1", "2025-03-02"), "10");
    let stock: Vec<i64> = b.goods().unwrap().iter().map(|g| g.stock).collect();
    assert_eq!(stock, [10, 3]);
    assert_eq!(b.cancel_redemption(r.id, "再来", today(), "文书").unwrap_err().to_string(), "第 1 号兑换已经作废");
    assert!(b.verify().unwrap().ok());
}

#[test]
fn beyond_the_balance_or_the_stock_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = book(&dir, "");
    entry(&mut b, "1", "A", "2025-02-01");
    let short = b.redeem("1", &lines(&[("G01", 2)]), d("2025-03-01"), "文书").unwrap_err();
    assert_eq!(short.to_string(), "1 甲 的积分余额为 5 分，本次兑换需 8 分，余额不足");
    let out = b.redeem("1", &lines(&[("G02", 4)]), d("2025-03-01"), "文书").unwrap_err();
    assert_eq!(out.to_string(), "毛巾（G02）库存只有 3，不够兑换 4");
    for (list, message) in [
        (lines(&[]), "兑换至少要有一样物品"),
        (lines(&[("G09", 1)]), "没有编号为 G09 的物品"),
        (lines(&[("G02", 1), ("G02", 1)]), "G02 在本次兑换中写了两次，请合并数量"),
    ] {
        assert_eq!(b.redeem("1", &list, d("2025-03-01"), "文书").unwrap_err().to_string(), message);
    }
    assert!(b.redeem("9", &lines(&[("G02", 1)]), d("2025-03-01"), "文书").is_err());
    let future = b.redeem("1", &lines(&[("G02", 1)]), d("2999-01-01"), "文书").unwrap_err();
    assert!(future.to_string().contains("还没到"), "{future}");
    assert!(b.redemptions_of("1").unwrap().is_empty());
    assert_eq!(b.goods().unwrap()[1].stock, 3);
    assert_eq!(
        b.add_goods(&Goods::new("G01", "别的", "个", "1").unwrap(), "文书").unwrap_err().to_string(),
        "物品编号 G01 已经用过"
    );
}

#[test]
fn the_rulebook_sets_what_is_earned_and_when_it_lapses() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = book(&dir, "[shop]\nearn = \"net\"\nrate = 2\nexpires = \"year_end\"\n");
    entry(&mut b, "1", "A", "2025-02-01");
    entry(&mut b, "1", "D", "2025-02-02");
    // (5 − 2) × 2.
    assert_eq!(balance(&b, "1", "2025-12-31"), "6");
    assert_eq!(balance(&b, "1", "2026-01-01"), "0");
    let rows = b.shop_balances(d("2026-01-01")).unwrap();
    assert_eq!((rows[0].balance.earned, rows[0].balance.lapsed), (Decimal::from(6), Decimal::from(6)));
}

#[test]
fn the_month_report_lists_redemptions_deliveries_and_stock() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = book(&dir, "");
    entry(&mut b, "1", "A", "2025-02-01");
    entry(&mut b, "1", "A", "2025-02-02");
    let r = b.redeem("1", &lines(&[("G02", 2)]), d("2025-02-10"), "文书").unwrap();
    b.receive_stock("G02", 5, "村集体采购", d("2025-02-11"), "文书").unwrap();
    b.redeem("1", &lines(&[("G01", 1)]), d("2025-02-12"), "文书").unwrap();
    let before = b.month_report(2025, 2).unwrap();
    // Cancelled today: February's report stands as it ended; this month's
    // carries the cancellation.
    b.cancel_redemption(r.id, "退回", today(), "文书").unwrap();
    let report = b.month_report(2025, 2).unwrap();
    assert_eq!(report, before);
    assert_eq!(report.redemptions.len(), 2);
    assert_eq!(report.totals(), (2, Decimal::from(7)));
    assert_eq!(report.deliveries.len(), 1);
    let towels = &report.stock[1];
    assert_eq!((towels.opening, towels.received, towels.issued, towels.closing), (3, 5, 2, 6));
    let soap = &report.stock[0];
    assert_eq!((soap.opening, soap.received, soap.issued, soap.closing), (10, 0, 1, 9));
    let now = b.month_report(today().year(), today().month()).unwrap();
    assert_eq!(now.cancellations.len(), 1);
    assert_eq!(now.cancellations[0].0.id, r.id);
    let towels = &now.stock[1];
    assert_eq!((towels.received, towels.issued), (0, -2), "the towels came back this month");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Against a reference model: a balance is earned − redeemed +
    /// cancelled and never below zero, and no redemption or cancellation
    /// changes a ranking or the town's export.
    #[test]
    fn redemptions_leave_the_honour_score_alone(
        steps in proptest::collection::vec((0u8..4, 1u32..4, 0u32..60), 1..25),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut b = book(&dir, "");
        let q1 = Quarter { year: 2025, q: 1 };
        let (mut earned, mut redeemed, mut cancelled) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        let mut open: Vec<(i64, Decimal)> = Vec::new();
        let mut entries = Vec::new();
        for (i, (what, qty, day)) in steps.into_iter().enumerate() {
            let date = d("2025-01-05") + chrono::Days::new(u64::from(day));
            match what {
                0 => {
                    entries.push(entry(&mut b, "1", "A", &date.to_string()));
                    earned += Decimal::from(5);
                }
                1 if !entries.is_empty() && i % 3 == 0 => {
                    let id = entries.remove(0);
                    b.reverse_entry(&Reversal { entry: id, reason: "错".into(), date: d("2025-03-31") }, "文书").unwrap();
                    earned -= Decimal::from(5);
                }
                1 | 2 => {
                    let ranking = b.ranking(q1).unwrap();
                    let mut export = Vec::new();
                    b.quarter_export(q1).unwrap().write(&mut export).unwrap();
                    let today = d("2025-03-31");
                    let before = b.shop_balance("1", today).unwrap().balance;
                    match b.redeem("1", &lines(&[("G02", qty)]), today, "文书") {
                        Ok(r) => {
                            redeemed += r.cost();
                            open.push((r.id, r.cost()));
                            b.receive_stock("G02", qty, "补货", today, "文书").unwrap();
                        }
                        Err(_) => prop_assert!(before < Decimal::from(qty) * "1.5".parse::<Decimal>().unwrap()),
                    }
                    prop_assert_eq!(b.ranking(q1).unwrap(), ranking);
                    let mut again = Vec::new();
                    b.quarter_export(q1).unwrap().write(&mut again).unwrap();
                    prop_assert_eq!(again, export);
                }
                _ => {
                    if let Some((id, cost)) = open.pop() {
                        b.cancel_redemption(id, "退回", today(), "文书").unwrap();
                        cancelled += cost;
                    }
                }
            }
            let now = b.shop_balance("1", d("2025-03-31")).unwrap();
            prop_assert_eq!(now.balance, earned - redeemed + cancelled);
            prop_assert_eq!(now.earned, earned);
        }
    }
}
