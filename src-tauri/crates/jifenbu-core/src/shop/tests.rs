use proptest::prelude::*;

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn earn(date: &str, amount: i64) -> Movement {
    Movement { date: d(date), amount: Decimal::from(amount), redemption: false }
}

fn spend(date: &str, amount: i64) -> Movement {
    Movement { date: d(date), amount: -Decimal::from(amount), redemption: true }
}

fn figures(b: Balance) -> [i64; 4] {
    [b.earned, b.redeemed, b.lapsed, b.balance].map(|x| i64::try_from(x.trunc().mantissa()).unwrap())
}

#[test]
fn add_earns_only_add_items_and_a_rate_scales_them() {
    let shop = Shop::default();
    assert_eq!(shop.earned(Kind::Add, Decimal::from(3)), Decimal::from(3));
    assert_eq!(shop.earned(Kind::Add, Decimal::from(-3)), Decimal::from(-3), "a reversal takes it back");
    assert_eq!(shop.earned(Kind::Deduct, Decimal::from(-2)), Decimal::ZERO);
    let net = Shop { earn: Earn::Net, rate: "0.5".parse().unwrap(), expires: Expiry::Never };
    assert_eq!(net.earned(Kind::Deduct, Decimal::from(-3)), "-1.5".parse::<Decimal>().unwrap());
}

#[test]
fn without_expiry_the_balance_is_what_was_earned_less_what_was_spent() {
    let m = [earn("2025-03-01", 10), spend("2025-04-01", 4), earn("2026-02-01", 5)];
    assert_eq!(figures(balance(&m, Expiry::Never, d("2026-12-31"))), [15, 4, 0, 11]);
    // Only what is dated up to the day counts.
    assert_eq!(figures(balance(&m, Expiry::Never, d("2025-03-31"))), [10, 0, 0, 10]);
}

#[test]
fn earnings_lapse_at_the_end_of_their_year() {
    let m = [earn("2025-03-01", 10), spend("2025-06-01", 4), earn("2026-02-01", 5)];
    assert_eq!(figures(balance(&m, Expiry::YearEnd, d("2025-12-31"))), [10, 4, 0, 6]);
    assert_eq!(figures(balance(&m, Expiry::YearEnd, d("2026-03-01"))), [15, 4, 6, 5]);
}

#[test]
fn the_oldest_earnings_are_spent_first() {
    let m = [earn("2025-03-01", 10), earn("2026-01-10", 10), spend("2026-03-01", 12)];
    // 10 of 2025 and 2 of 2026 spent; 2026's 8 live until the end of 2027.
    assert_eq!(figures(balance(&m, Expiry::NextYearEnd, d("2027-06-01"))), [20, 12, 0, 8]);
    assert_eq!(figures(balance(&m, Expiry::NextYearEnd, d("2028-01-01"))), [20, 12, 8, 0]);
}

#[test]
fn a_reversal_after_spending_leaves_a_debt() {
    let m = [earn("2025-03-01", 10), spend("2025-04-01", 10), earn("2025-05-01", -5)];
    assert_eq!(figures(balance(&m, Expiry::Never, d("2025-12-31"))), [5, 10, 0, -5]);
}

#[test]
fn spending_beyond_the_balance_is_refused_with_it() {
    let e = check_spend("01001 张三丰", Decimal::from(35), Decimal::from(40)).unwrap_err();
    assert_eq!(e.to_string(), "01001 张三丰 的积分余额为 35 分，本次兑换需 40 分，余额不足");
    assert!(check_spend("01001", Decimal::from(40), Decimal::from(40)).is_ok());
}

#[test]
fn goods_are_checked_as_typed() {
    let g = Goods::new(" G01 ", "洗衣液", "瓶", "20").unwrap();
    assert_eq!((g.code.as_str(), g.price), ("G01", Decimal::from(20)));
    assert_eq!(
        Goods::new("G-1", "洗衣液", "瓶", "20").unwrap_err().to_string(),
        "物品编号「G-1」应为 1 到 16 位字母或数字，如 G01"
    );
    assert!(Goods::new("G01", "洗衣液", "一大瓶装的", "20").is_err());
    assert!(Goods::new("G01", "洗衣液", "瓶", "0").is_err());
    assert!(Goods::new("G01", "洗衣液", "瓶", "100001").is_err());
    assert!(Goods::new("G01", "", "瓶", "1").is_err());
    assert_eq!(units("0").unwrap_err().to_string(), "数量「0」应为 1 到 10000 的整数");
}

#[test]
fn a_redemptions_lines_are_refused_in_order() {
    let g01 = || Ok(Stocked { goods: Goods::new("G01", "洗衣液", "瓶", "20").unwrap(), stock: 5 });
    let refusal = |asked: Vec<(Result<Stocked, String>, u32)>| price("01001", asked, Decimal::from(100)).unwrap_err();
    // The goods asked twice comes before a later line's unknown code.
    let twice_first = refusal(vec![(g01(), 1), (g01(), 1), (Err("「G99」".into()), 1)]);
    assert_eq!(twice_first, Refusal::GoodsTwice("G01".into()));
    let unknown_first = refusal(vec![(g01(), 1), (Err("「G99」".into()), 1), (g01(), 1)]);
    assert_eq!(unknown_first, Refusal::UnknownGoods("「G99」".into()));
    assert_eq!(
        refusal(vec![(g01(), 6)]).to_string(),
        Refusal::OutOfStock { goods: "G01".into(), name: "洗衣液".into(), stock: 5, wanted: 6 }.to_string()
    );
    assert_eq!(price("01001", vec![(g01(), 2)], Decimal::from(100)).unwrap().1, Decimal::from(40));
}

proptest! {
    /// A counter that refuses what the balance cannot pay: with earnings
    /// that are never taken back, the balance never goes below zero and
    /// equals earned − redeemed − lapsed, under every expiry.
    #[test]
    fn the_balance_never_goes_negative_and_adds_up(
        steps in proptest::collection::vec((0u32..730, 1i64..50, any::<bool>()), 1..60),
        expiry in prop_oneof![Just(Expiry::Never), Just(Expiry::YearEnd), Just(Expiry::NextYearEnd)],
    ) {
        let start = d("2025-01-01");
        let mut steps = steps;
        steps.sort();
        let mut moves = Vec::new();
        for (day, amount, is_spend) in steps {
            let date = start + chrono::Days::new(u64::from(day));
            let amount = Decimal::from(amount);
            if is_spend {
                let now = balance(&moves, expiry, date);
                if check_spend("h", now.balance, amount).is_ok() {
                    moves.push(Movement { date, amount: -amount, redemption: true });
                }
            } else {
                moves.push(Movement { date, amount, redemption: false });
            }
            let b = balance(&moves, expiry, date);
            prop_assert!(b.balance >= Decimal::ZERO && b.lapsed >= Decimal::ZERO, "{b:?}");
            prop_assert_eq!(b.balance, b.earned - b.redeemed - b.lapsed);
        }
        if expiry == Expiry::Never {
            let b = balance(&moves, expiry, d("2030-01-01"));
            let earned: Decimal = moves.iter().filter(|m| !m.redemption).map(|m| m.amount).sum();
            let spent: Decimal = moves.iter().filter(|m| m.redemption).map(|m| -m.amount).sum();
            prop_assert_eq!(b.balance, earned - spent);
        }
    }
}
