//! 积分超市: households spend what their entries earned on goods the village
//! keeps in stock. The spendable balance is kept apart from the honour
//! score: redeeming never changes a ranking, a star or a notice
//! (「兑换不减少评比积分」). This module holds the shop's rules — what an
//! entry earns, when earnings lapse, what a redemption may take — and the
//! papers; the store keeps goods, stock and redemptions.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::csv_out::Column;
use crate::{parse, points, Field, Kind, Letterhead, Refusal};

/// What a posted entry adds to the spendable balance (`[shop] earn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Earn {
    /// Only add items count; a reversal of one takes it back.
    Add,
    /// Every entry counts: deductions lower the balance too.
    Net,
}

/// When earnings can no longer be spent (`[shop] expires`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expiry {
    Never,
    /// At the end of the year they were earned in.
    YearEnd,
    /// At the end of the following year.
    NextYearEnd,
}

impl Expiry {
    /// The last day points earned in `year` may be spent (`None`: always).
    pub fn last_day(self, year: i32) -> Option<NaiveDate> {
        let year = match self {
            Expiry::Never => return None,
            Expiry::YearEnd => year,
            Expiry::NextYearEnd => year + 1,
        };
        NaiveDate::from_ymd_opt(year, 12, 31)
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Expiry::Never => "长期有效",
            Expiry::YearEnd => "当年年底清零",
            Expiry::NextYearEnd => "次年年底清零",
        }
    }
}

/// The shop's rules, from the rulebook's optional `[shop]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Shop {
    pub earn: Earn,
    /// Balance per point earned.
    pub rate: Decimal,
    pub expires: Expiry,
}

impl Default for Shop {
    fn default() -> Shop {
        Shop { earn: Earn::Add, rate: Decimal::ONE, expires: Expiry::Never }
    }
}

impl Shop {
    /// What an entry of `kind` and signed `points` adds to the balance
    /// (negative for a reversal or, under `net`, a deduction).
    /// The rules in words: `只计加分，每分兑 1，长期有效`.
    pub fn chinese(&self) -> String {
        let earn = match self.earn {
            Earn::Add => "只计加分",
            Earn::Net => "加分减扣分",
        };
        format!("{earn}，每分兑 {}，{}", points::format(self.rate), self.expires.chinese())
    }

    pub fn earned(&self, kind: Kind, points: Decimal) -> Decimal {
        match (self.earn, kind) {
            (Earn::Add, Kind::Deduct) => Decimal::ZERO,
            _ => points::round2(points * self.rate),
        }
    }
}

/// The most a rate may be (balance per point).
pub const MAX_RATE: i64 = 100;
/// The highest price of one unit of goods.
pub const MAX_PRICE: i64 = 100_000;
/// The most units of one goods one redemption may take, or one delivery bring.
pub const MAX_UNITS: u32 = 10_000;
/// The most lines one redemption may have.
pub const MAX_LINES: usize = 50;

/// Something the shop offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Goods {
    /// `G01`: letters and digits, up to 16.
    pub code: String,
    pub name: String,
    /// 瓶, 袋, 个 …
    pub unit: String,
    /// Balance points per unit.
    pub price: Decimal,
}

impl Goods {
    /// Goods as typed, checked: a code of letters and digits, a name and a
    /// unit within their bounds, a price above zero.
    pub fn new(code: &str, name: &str, unit: &str, price: &str) -> Result<Goods, Refusal> {
        let code = code.trim();
        if code.is_empty() || code.len() > 16 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Refusal::BadGoodsCode(parse::quote(code)));
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(Refusal::Empty("品名"));
        }
        parse::text(Field::Item, name)?;
        let unit = unit.trim();
        if unit.is_empty() || unit.chars().count() > 4 {
            return Err(Refusal::BadUnit(parse::quote(unit)));
        }
        let price = points::parse_magnitude(price).map_err(|reason| Refusal::BadPrice { reason })?;
        if price > Decimal::from(MAX_PRICE) {
            return Err(Refusal::BadPrice { reason: format!("单价不能超过 {MAX_PRICE} 分") });
        }
        Ok(Goods { code: code.to_string(), name: name.to_string(), unit: unit.to_string(), price })
    }
}

/// Goods with what is in stock now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stocked {
    pub goods: Goods,
    pub stock: i64,
}

/// The columns of `shop goods list --csv`.
pub const GOODS_COLUMNS: &[Column<Stocked>] = &[
    Column::new("物品编号", |s| s.goods.code.clone()),
    Column::new("品名", |s| s.goods.name.clone()),
    Column::new("单位", |s| s.goods.unit.clone()),
    Column::new("单价", |s| points::format(s.goods.price)),
    Column::new("库存", |s| s.stock.to_string()),
];

/// Reads a number of units: 1 to [`MAX_UNITS`].
pub fn units(text: &str) -> Result<u32, Refusal> {
    let bad = || Refusal::BadUnits { text: parse::quote(text.trim()), max: MAX_UNITS };
    let n = text.trim().parse::<u32>().map_err(|_| bad())?;
    units_within(n).map_err(|_| bad())?;
    Ok(n)
}

/// A number of units already read is 1 to [`MAX_UNITS`].
fn units_within(qty: u32) -> Result<(), Refusal> {
    match (1..=MAX_UNITS).contains(&qty) {
        true => Ok(()),
        false => Err(Refusal::BadUnits { text: qty.to_string(), max: MAX_UNITS }),
    }
}

/// A change to the balance on a day: an entry's earning (+ or −), or a
/// redemption that stands (−).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Movement {
    pub date: NaiveDate,
    pub amount: Decimal,
    pub redemption: bool,
}

/// A household's balance on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Balance {
    /// Everything earned so far (累计可兑换).
    pub earned: Decimal,
    /// Everything redeemed and not cancelled (已兑换).
    pub redeemed: Decimal,
    /// What lapsed unspent (过期清零).
    pub lapsed: Decimal,
    /// What may be spent (余额) = earned − redeemed − lapsed.
    pub balance: Decimal,
}

/// The balance on `on` from the movements dated up to it. Earnings are kept
/// by the year they were earned in; a redemption spends the oldest that
/// have not lapsed first, and what lapses is what a year's earnings still
/// held at its last day. A redemption that finds too little (a later
/// reversal took earnings back) leaves the balance below zero: the
/// household owes it, and the next earnings pay it first.
pub fn balance(movements: &[Movement], expires: Expiry, on: NaiveDate) -> Balance {
    let mut moves: Vec<&Movement> = movements.iter().filter(|m| m.date <= on).collect();
    // Earnings before redemptions on the same day: a day's deeds may be spent that day.
    moves.sort_by_key(|m| (m.date, m.redemption));
    // (year earned, what it still holds), oldest first.
    let mut years: Vec<(i32, Decimal)> = Vec::new();
    let mut out = Balance::default();
    let alive = |year: i32, day: NaiveDate| expires.last_day(year).is_none_or(|last| day <= last);
    for m in moves {
        if m.redemption {
            out.redeemed -= m.amount;
            let mut owed = -m.amount;
            for (_, held) in years.iter_mut().filter(|(y, _)| alive(*y, m.date)) {
                let take = owed.min(*held).max(Decimal::ZERO);
                *held -= take;
                owed -= take;
            }
            if owed > Decimal::ZERO {
                // A debt: carried by the newest year still alive, or by the redemption's own year.
                match years.iter_mut().rev().find(|(y, _)| alive(*y, m.date)) {
                    Some((_, held)) => *held -= owed,
                    None => years.push((m.date.year(), -owed)),
                }
            }
        } else {
            out.earned += m.amount;
            match years.iter_mut().find(|(y, _)| *y == m.date.year()) {
                Some((_, held)) => *held += m.amount,
                None => {
                    years.push((m.date.year(), m.amount));
                    years.sort_by_key(|(y, _)| *y);
                }
            }
        }
    }
    for (year, held) in years {
        if alive(year, on) {
            out.balance += held;
        } else {
            out.lapsed += held;
        }
    }
    out
}

/// A goods' code is used once: refused when the shop's list has it.
pub fn code_free(code: &str, listed: bool) -> Result<(), Refusal> {
    match listed {
        true => Err(Refusal::GoodsExists(code.to_string())),
        false => Ok(()),
    }
}

/// A delivery (入库) of `qty` units from `source` (trimmed), dated `on`,
/// recorded `today`: a source is named, units are within bounds, and it
/// is not dated after today.
pub fn delivery(source: &str, qty: u32, on: NaiveDate, today: NaiveDate) -> Result<(), Refusal> {
    if source.is_empty() {
        return Err(Refusal::Empty("来源"));
    }
    parse::text(Field::Note, source)?;
    units_within(qty)?;
    crate::calendar::happened("入库", on, today)
}

/// A redemption of `lines` lines dated `on`, keyed in `today` after the
/// book's latest (dated `latest`): not in the future, in date order, and
/// of one line at least and [`MAX_LINES`] at most.
pub fn order_opens(on: NaiveDate, today: NaiveDate, latest: Option<NaiveDate>, lines: usize) -> Result<(), Refusal> {
    crate::calendar::happened("兑换", on, today)?;
    check_order(on, latest)?;
    if lines == 0 {
        return Err(Refusal::NothingRedeemed);
    }
    if lines > MAX_LINES {
        return Err(Refusal::TooManyLines(MAX_LINES));
    }
    Ok(())
}

/// The lines of a redemption for `household` (as its receipt names it):
/// each goods asked for, with its stock (or the code asked for, quoted,
/// when the book has no such goods), and the units asked, priced and
/// checked against the household's `balance` that day. Refused, line by
/// line in order, for goods not in the book, goods asked twice, units out
/// of bounds or more than the stock; then for more than the balance.
/// Returns the lines and their cost.
pub fn price(
    household: &str,
    asked: Vec<(Result<Stocked, String>, u32)>,
    balance: Decimal,
) -> Result<(Vec<Line>, Decimal), Refusal> {
    let mut lines: Vec<Line> = Vec::with_capacity(asked.len());
    for (found, qty) in asked {
        let Stocked { goods, stock } = found.map_err(Refusal::UnknownGoods)?;
        if lines.iter().any(|l| l.goods == goods.code) {
            return Err(Refusal::GoodsTwice(goods.code));
        }
        units_within(qty)?;
        if stock < i64::from(qty) {
            return Err(Refusal::OutOfStock { goods: goods.code, name: goods.name, stock, wanted: i64::from(qty) });
        }
        lines.push(Line { goods: goods.code, name: goods.name, unit: goods.unit, qty, price: goods.price });
    }
    let cost = lines.iter().map(Line::cost).sum();
    check_spend(household, balance, cost)?;
    Ok((lines, cost))
}

/// A cancellation's `reason` (trimmed): given, and within its bound.
pub fn cancel_reason(reason: &str) -> Result<(), Refusal> {
    if reason.is_empty() {
        return Err(Refusal::CancelReason);
    }
    parse::text(Field::Reason, reason)
}

/// Redemption `r` may be cancelled `on`, `today`: once, and as
/// [`check_cancellation`] allows.
pub fn may_cancel(r: &Redemption, on: NaiveDate, today: NaiveDate) -> Result<(), Refusal> {
    if r.cancelled.is_some() {
        return Err(Refusal::AlreadyCancelled(r.id));
    }
    check_cancellation(on, r.date, today)
}

/// The first day of a report's month.
pub fn first_of_month(year: i32, month: u32) -> Result<NaiveDate, Refusal> {
    NaiveDate::from_ymd_opt(year, month, 1).ok_or(Refusal::BadMonth(format!("{year}-{month}")))
}

/// A redemption may take `cost` from `balance`: refused beyond it.
pub fn check_spend(household: &str, balance: Decimal, cost: Decimal) -> Result<(), Refusal> {
    if cost > balance {
        return Err(Refusal::BalanceShort {
            household: household.to_string(),
            balance: points::format(balance),
            cost: points::format(cost),
        });
    }
    Ok(())
}

/// A redemption dated `on` may follow the book's latest, dated `latest`:
/// redemptions are kept in date order, so one keyed in late can never
/// spend, under an earlier receipt, what that receipt said was left.
pub fn check_order(on: NaiveDate, latest: Option<NaiveDate>) -> Result<(), Refusal> {
    match latest {
        Some(latest) if on < latest => Err(Refusal::RedeemedOutOfOrder { on, latest }),
        _ => Ok(()),
    }
}

/// A cancellation belongs to the month it is made in: dated `on`, made
/// `today`, of a redemption dated `redeemed`. An ended month's report never
/// changes, so nothing is cancelled into it.
pub fn check_cancellation(on: NaiveDate, redeemed: NaiveDate, today: NaiveDate) -> Result<(), Refusal> {
    crate::calendar::happened("作废", on, today)?;
    if on < redeemed {
        return Err(Refusal::CancelledBeforeRedeemed { on, redeemed });
    }
    if (on.year(), on.month()) != (today.year(), today.month()) {
        return Err(Refusal::CancelledInEndedMonth { on });
    }
    Ok(())
}

/// One line of a redemption: so many units of a goods at its price then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub goods: String,
    pub name: String,
    pub unit: String,
    pub qty: u32,
    pub price: Decimal,
}

impl Line {
    pub fn cost(&self) -> Decimal {
        self.price * Decimal::from(self.qty)
    }
}

/// A redemption (兑换) as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redemption {
    /// 第 N 号.
    pub id: i64,
    pub household: String,
    pub date: NaiveDate,
    pub lines: Vec<Line>,
    pub operator: String,
    pub recorded_at: String,
    /// Undone (作废), with its reason and day.
    pub cancelled: Option<Cancellation>,
}

impl Redemption {
    pub fn cost(&self) -> Decimal {
        self.lines.iter().map(Line::cost).sum()
    }

    /// `洗衣液 2 瓶、毛巾 1 条`.
    pub fn goods_text(&self) -> String {
        self.lines.iter().map(|l| format!("{} {} {}", l.name, l.qty, l.unit)).collect::<Vec<_>>().join("、")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cancellation {
    pub date: NaiveDate,
    pub reason: String,
    pub operator: String,
}

/// The receipt handed over the counter (兑换凭证).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub head: Letterhead,
    pub redemption: Redemption,
    pub head_of_household: String,
    pub group: String,
    /// The balance right after this redemption.
    pub balance_after: Decimal,
}

/// A goods' stock over a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StockLine {
    pub goods: Goods,
    pub opening: i64,
    /// Delivered (入库).
    pub received: i64,
    /// Redeemed, net of cancellations (出库).
    pub issued: i64,
    pub closing: i64,
}

/// A delivery of stock (入库).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    pub goods: String,
    pub name: String,
    pub qty: u32,
    pub source: String,
    pub date: NaiveDate,
    pub operator: String,
}

/// The month's report (月度兑换台账).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthReport {
    pub head: Letterhead,
    pub year: i32,
    pub month: u32,
    /// Every redemption dated in the month, marked cancelled if it was
    /// within the month.
    pub redemptions: Vec<(Redemption, String)>,
    /// The redemptions cancelled during the month, of whatever month.
    pub cancellations: Vec<(Redemption, String)>,
    pub deliveries: Vec<Delivery>,
    pub stock: Vec<StockLine>,
}

impl MonthReport {
    /// `2026年3月`.
    pub fn title(&self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    /// Redemptions that stand, and the points they took.
    pub fn totals(&self) -> (usize, Decimal) {
        let standing: Vec<&Redemption> =
            self.redemptions.iter().map(|(r, _)| r).filter(|r| r.cancelled.is_none()).collect();
        (standing.len(), standing.iter().map(|r| r.cost()).sum())
    }
}

/// The month report's CSV: one row per redemption line, then one per goods'
/// stock (记录 says which).
pub const REPORT_COLUMNS: &[&str] =
    &["记录", "日期", "编号", "户号", "户主", "物品编号", "品名", "数量", "单位", "积分", "备注"];

/// The month report as CSV rows (see [`REPORT_COLUMNS`]).
pub fn report_rows(r: &MonthReport) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    // One row per goods of a redemption: what the record is, its day, and
    // its note.
    let mut lines = |record: &str, day: NaiveDate, red: &Redemption, head: &str, note: String| {
        for l in &red.lines {
            rows.push(vec![
                record.into(),
                day.to_string(),
                red.id.to_string(),
                red.household.clone(),
                head.to_string(),
                l.goods.clone(),
                l.name.clone(),
                l.qty.to_string(),
                l.unit.clone(),
                points::format(l.cost()),
                note.clone(),
            ]);
        }
    };
    for (red, head) in &r.redemptions {
        let note = match &red.cancelled {
            Some(c) => format!("已作废（{}）：{}", c.date, c.reason),
            None => String::new(),
        };
        lines("兑换", red.date, red, head, note);
    }
    for (red, head) in &r.cancellations {
        if let Some(c) = &red.cancelled {
            lines("作废", c.date, red, head, format!("{} 的兑换作废：{}", red.date, c.reason));
        }
    }
    for d in &r.deliveries {
        rows.push(vec![
            "入库".into(),
            d.date.to_string(),
            String::new(),
            String::new(),
            String::new(),
            d.goods.clone(),
            d.name.clone(),
            d.qty.to_string(),
            String::new(),
            String::new(),
            d.source.clone(),
        ]);
    }
    for s in &r.stock {
        rows.push(vec![
            "库存".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            s.goods.code.clone(),
            s.goods.name.clone(),
            s.closing.to_string(),
            s.goods.unit.clone(),
            String::new(),
            format!("月初 {}，入库 {}，出库 {}", s.opening, s.received, s.issued),
        ]);
    }
    rows
}

/// A household's balance as `shop balance --csv` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceRow {
    pub code: String,
    pub head: String,
    pub group: String,
    pub balance: Balance,
}

/// The columns of `shop balance --csv`.
pub const BALANCE_COLUMNS: &[Column<BalanceRow>] = &[
    Column::new("户号", |r| r.code.clone()),
    Column::new("户主", |r| r.head.clone()),
    Column::new("村民小组", |r| r.group.clone()),
    Column::new("累计可兑换", |r| points::format(r.balance.earned)),
    Column::new("已兑换", |r| points::format(r.balance.redeemed)),
    Column::new("余额", |r| points::format(r.balance.balance)),
];

#[cfg(test)]
mod tests;
