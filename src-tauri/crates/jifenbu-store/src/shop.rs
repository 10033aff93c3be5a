//! 积分超市 in the book: goods, their stock as a sum of movements, and
//! redemptions with their cancellations, all appended only. A household's
//! spendable balance is computed from its ledger entries and redemptions by
//! the core's rules (`jifenbu_core::shop`); nothing here touches the
//! ledger, so no redemption can change a ranking, a star or a notice. It
//! keeps the `goods`, `stock_moves`, `redemptions`, `redemption_lines`,
//! `cancellations` and `receipts` tables.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use jifenbu_core::rulebook::in_force;
use jifenbu_core::shop::{
    self, Balance, BalanceRow, Cancellation, Delivery, Goods, Line, MonthReport, Movement, Receipt, Redemption,
    StockLine, Stocked,
};
use jifenbu_core::{parse, points, Kind, Letterhead, Refusal};
use rusqlite::{Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::clock::{date_of, now, today};
use crate::error::Result;
use crate::rulebooks::{rulebook_by_id, rulebook_on, versions};
use crate::Book;

/// The newest of the redemptions (by `id`), and how many were added after
/// one: what a backup would lose.
pub(crate) const ADDED_AFTER: [&str; 2] =
    ["SELECT MAX(id) FROM redemptions", "SELECT COUNT(*) FROM redemptions WHERE id > ?1"];

impl Book {
    /// Adds goods to the shop's list; a code is used once.
    pub fn add_goods(&mut self, goods: &Goods, operator: &str) -> Result<Goods> {
        self.write(|tx| {
            shop::code_free(&goods.code, goods_opt(tx, &goods.code)?.is_some())?;
            tx.execute(
                "INSERT INTO goods (code, name, unit, cents, operator, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (&goods.code, &goods.name, &goods.unit, points::to_cents(goods.price), operator.trim(), now()),
            )?;
            Ok(goods.clone())
        })
    }

    /// Every goods with its stock, by code.
    pub fn goods(&self) -> Result<Vec<Stocked>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT g.code, g.name, g.unit, g.cents, COALESCE(SUM(m.qty), 0)
               FROM goods g LEFT JOIN stock_moves m ON m.goods = g.code GROUP BY g.code ORDER BY g.code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Stocked {
                goods: Goods {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    unit: r.get(2)?,
                    price: points::from_cents(r.get(3)?),
                },
                stock: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stock delivered (入库) of goods `code`, from `source`; returns the
    /// stock after it.
    pub fn receive_stock(
        &mut self,
        code: &str,
        qty: u32,
        source: &str,
        date: NaiveDate,
        operator: &str,
    ) -> Result<i64> {
        let source = source.trim();
        shop::delivery(source, qty, date, today())?;
        self.write(|tx| {
            let goods = goods_opt(tx, code.trim())?.ok_or_else(|| Refusal::UnknownGoods(parse::quote(code)))?;
            insert_move(tx, &goods.code, i64::from(qty), "in", source, date, None, operator)?;
            stock(tx, &goods.code)
        })
    }

    /// Redeems `lines` (goods code, units) for `household` on `date`: all or
    /// nothing, refused beyond the balance on that day or beyond stock.
    pub fn redeem(
        &mut self,
        household: &str,
        lines: &[(String, u32)],
        date: NaiveDate,
        operator: &str,
    ) -> Result<Redemption> {
        self.write(|tx| {
            let planned = plan(tx, household, lines, date)?;
            tx.execute(
                "INSERT INTO redemptions (household, date, operator, recorded_at) VALUES (?1, ?2, ?3, ?4)",
                (&planned.household, date.to_string(), operator.trim(), now()),
            )?;
            let id = tx.last_insert_rowid();
            for l in &planned.lines {
                tx.execute(
                    "INSERT INTO redemption_lines (redemption, goods, qty, cents) VALUES (?1, ?2, ?3, ?4)",
                    (id, &l.goods, l.qty, points::to_cents(l.price)),
                )?;
                insert_move(
                    tx,
                    &l.goods,
                    -i64::from(l.qty),
                    "redeem",
                    &format!("兑换第{id}号"),
                    date,
                    Some(id),
                    operator,
                )?;
            }
            freeze_receipt(tx, id)?;
            redemption(tx, id)
        })
    }

    /// What redeeming `lines` for `household` on `date` would take and
    /// leave — (cost, balance after) — or the refusal it would meet.
    /// Nothing is written.
    pub fn quote(&self, household: &str, lines: &[(String, u32)], date: NaiveDate) -> Result<(Decimal, Decimal)> {
        let planned = plan(&self.conn, household, lines, date)?;
        Ok((planned.cost, planned.balance - planned.cost))
    }

    /// Cancels (作废) redemption `id`: its goods go back to stock and its
    /// points back to the balance.
    pub fn cancel_redemption(&mut self, id: i64, reason: &str, date: NaiveDate, operator: &str) -> Result<Redemption> {
        let reason = reason.trim();
        shop::cancel_reason(reason)?;
        self.write(|tx| {
            let r = redemption(tx, id)?;
            shop::may_cancel(&r, date, today())?;
            tx.execute(
                "INSERT INTO cancellations (redemption, date, reason, operator, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                (id, date.to_string(), reason, operator.trim(), now()),
            )?;
            for l in &r.lines {
                insert_move(tx, &l.goods, i64::from(l.qty), "cancel", &format!("作废第{id}号"), date, Some(id), operator)?;
            }
            redemption(tx, id)
        })
    }

    /// Redemption `id`.
    pub fn redemption(&self, id: i64) -> Result<Redemption> {
        redemption(&self.conn, id)
    }

    /// The redemptions dated `day`, oldest first.
    pub fn redemptions_on(&self, day: NaiveDate) -> Result<Vec<Redemption>> {
        let ids = ids(&self.conn, "SELECT id FROM redemptions WHERE date = ?1 ORDER BY id", &[&day.to_string()])?;
        ids.into_iter().map(|id| redemption(&self.conn, id)).collect()
    }

    /// A household's redemptions, oldest first.
    pub fn redemptions_of(&self, household: &str) -> Result<Vec<Redemption>> {
        let ids = ids(&self.conn, "SELECT id FROM redemptions WHERE household = ?1 ORDER BY id", &[&household])?;
        ids.into_iter().map(|id| redemption(&self.conn, id)).collect()
    }

    /// A household's balance on `on`.
    pub fn shop_balance(&self, household: &str, on: NaiveDate) -> Result<Balance> {
        Ok(self.shop_balance_row(household, on)?.balance)
    }

    /// A household's balance on `on` with its head and group, as
    /// [`Book::shop_balances`] lists every household's.
    pub fn shop_balance_row(&self, household: &str, on: NaiveDate) -> Result<BalanceRow> {
        let h = crate::households::household(&self.conn, household.trim())?;
        Ok(BalanceRow { balance: balance_of(&self.conn, &h.code, on)?, code: h.code, head: h.head, group: h.group })
    }

    /// Every household's balance on `on`, by code.
    pub fn shop_balances(&self, on: NaiveDate) -> Result<Vec<BalanceRow>> {
        let mut moves = all_movements(&self.conn)?;
        let expires = rulebook_on(&self.conn, on)?.rulebook.shop.expires;
        Ok(crate::households::load_households(&self.conn)?
            .into_iter()
            .map(|h| {
                let m = moves.remove(&h.code).unwrap_or_default();
                BalanceRow { balance: shop::balance(&m, expires, on), code: h.code, head: h.head, group: h.group }
            })
            .collect())
    }

    /// The receipt of redemption `id`, as it was made: a reprint is the same
    /// paper whatever the book has learnt since (a renamed household, new
    /// settings, entries keyed in late, a cancellation).
    pub fn receipt(&self, id: i64) -> Result<Receipt> {
        let mut r = redemption(&self.conn, id)?;
        let frozen = self
            .conn
            .query_row(
                "SELECT village, issuer, rulebook, head, grp, balance_after_c, cancelled FROM receipts
                  WHERE redemption = ?1",
                [id],
                |row| {
                    let head = Letterhead { village: row.get(0)?, issuer: row.get(1)?, rulebook: row.get(2)? };
                    Ok((head, row.get(3)?, row.get(4)?, row.get::<_, i64>(5)?, row.get::<_, bool>(6)?))
                },
            )
            .optional()?;
        let Some((head, head_of_household, group, balance_after, cancelled)) = frozen else {
            return receipt_now(&self.conn, id);
        };
        if !cancelled {
            r.cancelled = None;
        }
        Ok(Receipt { head, head_of_household, group, balance_after: points::from_cents(balance_after), redemption: r })
    }

    /// The month's report: its redemptions, deliveries and each goods' stock.
    pub fn month_report(&self, year: i32, month: u32) -> Result<MonthReport> {
        let first = shop::first_of_month(year, month)?;
        let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
        let heads: HashMap<String, String> =
            crate::households::load_households(&self.conn)?.into_iter().map(|h| (h.code, h.head)).collect();
        let range = [first.to_string(), next.to_string()];
        let redemptions = ids(
            &self.conn,
            "SELECT id FROM redemptions WHERE date >= ?1 AND date < ?2 ORDER BY date, id",
            &[&range[0], &range[1]],
        )?
        .into_iter()
        .map(|id| {
            let mut r = redemption(&self.conn, id)?;
            // The month as it ended: a later cancellation is the later
            // month's, so an ended month's report never changes.
            if r.cancelled.as_ref().is_some_and(|c| c.date >= next) {
                r.cancelled = None;
            }
            let head = head_at_counter(&self.conn, &r, &heads)?;
            Ok((r, head))
        })
        .collect::<Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.goods, g.name, m.qty, m.source, m.date, m.operator FROM stock_moves m JOIN goods g ON g.code = m.goods
              WHERE m.kind = 'in' AND m.date >= ?1 AND m.date < ?2 ORDER BY m.date, m.id",
        )?;
        let deliveries = stmt
            .query_map(range.clone(), |r| {
                Ok(Delivery {
                    goods: r.get(0)?,
                    name: r.get(1)?,
                    qty: r.get(2)?,
                    source: r.get(3)?,
                    date: date_of(&r.get::<_, String>(4)?),
                    operator: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT g.code, g.name, g.unit, g.cents,
                    COALESCE(SUM(CASE WHEN m.date < ?1 THEN m.qty END), 0),
                    COALESCE(SUM(CASE WHEN m.date >= ?1 AND m.date < ?2 AND m.kind = 'in' THEN m.qty END), 0),
                    COALESCE(SUM(CASE WHEN m.date >= ?1 AND m.date < ?2 AND m.kind <> 'in' THEN -m.qty END), 0)
               FROM goods g LEFT JOIN stock_moves m ON m.goods = g.code GROUP BY g.code ORDER BY g.code",
        )?;
        let stock = stmt
            .query_map(range, |r| {
                let (opening, received, issued): (i64, i64, i64) = (r.get(4)?, r.get(5)?, r.get(6)?);
                Ok(StockLine {
                    goods: Goods {
                        code: r.get(0)?,
                        name: r.get(1)?,
                        unit: r.get(2)?,
                        price: points::from_cents(r.get(3)?),
                    },
                    opening,
                    received,
                    issued,
                    closing: opening + received - issued,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // A shop report needs no rulebook: a month before the first names none.
        let rulebook = rulebook_on(&self.conn, first).map(|r| r.rulebook.title()).unwrap_or_default();
        let head = Letterhead { village: self.village()?.name, issuer: self.settings()?.issuer, rulebook };
        let cancellations = ids(
            &self.conn,
            "SELECT redemption FROM cancellations WHERE date >= ?1 AND date < ?2 ORDER BY date, redemption",
            &[&first.to_string(), &next.to_string()],
        )?
        .into_iter()
        .map(|id| {
            let r = redemption(&self.conn, id)?;
            let head = head_at_counter(&self.conn, &r, &heads)?;
            Ok((r, head))
        })
        .collect::<Result<_>>()?;
        Ok(MonthReport {
            head,
            year: first.year(),
            month: first.month(),
            redemptions,
            cancellations,
            deliveries,
            stock,
        })
    }
}

/// A redemption checked and priced, not yet written.
struct Planned {
    household: String,
    lines: Vec<Line>,
    cost: Decimal,
    balance: Decimal,
}

/// A redemption as [`Book::redeem`] would make it: the facts loaded (the
/// latest redemption's day, the household, each goods with its stock, the
/// balance that day) and checked by the core's `shop` rules.
fn plan(conn: &Connection, household: &str, lines: &[(String, u32)], date: NaiveDate) -> Result<Planned> {
    let latest: Option<String> = conn.query_row("SELECT MAX(date) FROM redemptions", [], |r| r.get(0))?;
    shop::order_opens(date, today(), latest.as_deref().map(date_of), lines.len())?;
    let h = crate::households::household(conn, household.trim())?;
    let mut asked = Vec::with_capacity(lines.len());
    for (code, qty) in lines {
        let found = match goods_opt(conn, code.trim())? {
            Some(goods) => Ok(Stocked { stock: stock(conn, &goods.code)?, goods }),
            None => Err(parse::quote(code)),
        };
        asked.push((found, *qty));
    }
    let balance = balance_of(conn, &h.code, date)?.balance;
    let (lines, cost) = shop::price(&format!("{} {}", h.code, h.head), asked, balance)?;
    Ok(Planned { household: h.code, lines, cost, balance })
}

/// The receipt of redemption `id` as the book stands now.
fn receipt_now(conn: &Connection, id: i64) -> Result<Receipt> {
    let r = redemption(conn, id)?;
    let h = crate::households::household(conn, &r.household)?;
    let village = crate::settings::village(conn)?.name;
    let issuer = crate::settings::settings(conn)?.issuer;
    let head = Letterhead { village, issuer, rulebook: rulebook_on(conn, r.date)?.rulebook.title() };
    let balance_after = balance_of(conn, &r.household, r.date)?.balance;
    Ok(Receipt { head, head_of_household: h.head, group: h.group, balance_after, redemption: r })
}

/// The head of the household as the receipt of `r` names it (the roster's
/// now where no receipt was kept): a later change of head does not reach
/// back into an ended month's report.
fn head_at_counter(conn: &Connection, r: &Redemption, roster: &HashMap<String, String>) -> Result<String> {
    let kept: Option<String> =
        conn.query_row("SELECT head FROM receipts WHERE redemption = ?1", [r.id], |row| row.get(0)).optional()?;
    Ok(kept.or_else(|| roster.get(&r.household).cloned()).unwrap_or_default())
}

/// Keeps the receipt of redemption `id` as it is now, for every reprint.
fn freeze_receipt(conn: &Connection, id: i64) -> Result<()> {
    let r = receipt_now(conn, id)?;
    conn.execute(
        "INSERT INTO receipts (redemption, village, issuer, rulebook, head, grp, balance_after_c, cancelled)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            id,
            r.head.village,
            r.head.issuer,
            r.head.rulebook,
            r.head_of_household,
            r.group,
            points::to_cents(r.balance_after),
            r.redemption.cancelled.is_some()
        ],
    )?;
    Ok(())
}

/// Freezes the receipts of redemptions made before receipts were kept
/// (migration 13), as they print now; one that cannot be made now (no
/// rulebook on its day) goes on printing as it is made.
pub(crate) fn freeze_earlier_receipts(conn: &Connection) -> Result<()> {
    let all = ids(conn, "SELECT id FROM redemptions ORDER BY id", &[])?;
    for id in all {
        if receipt_now(conn, id).is_ok() {
            freeze_receipt(conn, id)?;
        }
    }
    crate::evidence::record(conn, crate::evidence::Subject::Table("receipts"))
}

#[allow(clippy::too_many_arguments)]
fn insert_move(
    tx: &Connection,
    goods: &str,
    qty: i64,
    kind: &str,
    source: &str,
    date: NaiveDate,
    redemption: Option<i64>,
    operator: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO stock_moves (goods, qty, kind, source, date, redemption, operator, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        (goods, qty, kind, source, date.to_string(), redemption, operator.trim(), now()),
    )?;
    Ok(())
}

fn goods_opt(conn: &Connection, code: &str) -> Result<Option<Goods>> {
    Ok(conn
        .query_row("SELECT code, name, unit, cents FROM goods WHERE code = ?1", [code], |r| {
            Ok(Goods { code: r.get(0)?, name: r.get(1)?, unit: r.get(2)?, price: points::from_cents(r.get(3)?) })
        })
        .optional()?)
}

fn stock(conn: &Connection, code: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT COALESCE(SUM(qty), 0) FROM stock_moves WHERE goods = ?1", [code], |r| r.get(0))?)
}

fn ids(conn: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn redemption(conn: &Connection, id: i64) -> Result<Redemption> {
    let head = conn
        .query_row("SELECT household, date, operator, recorded_at FROM redemptions WHERE id = ?1", [id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })
        .optional()?;
    let Some((household, date, operator, recorded_at)) = head else {
        return Err(Refusal::UnknownRedemption(id).into());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT l.goods, g.name, g.unit, l.qty, l.cents FROM redemption_lines l JOIN goods g ON g.code = l.goods
          WHERE l.redemption = ?1 ORDER BY l.rowid",
    )?;
    let lines = stmt
        .query_map([id], |r| {
            Ok(Line {
                goods: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                qty: r.get(3)?,
                price: points::from_cents(r.get(4)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let cancelled = conn
        .query_row("SELECT date, reason, operator FROM cancellations WHERE redemption = ?1", [id], |r| {
            Ok(Cancellation { date: date_of(&r.get::<_, String>(0)?), reason: r.get(1)?, operator: r.get(2)? })
        })
        .optional()?;
    Ok(Redemption { id, household, date: date_of(&date), lines, operator, recorded_at, cancelled })
}

/// What each rulebook version's shop says an entry earns, by version id.
struct Earnings {
    versions: Vec<(i64, NaiveDate)>,
    shops: HashMap<i64, shop::Shop>,
}

impl Earnings {
    fn load(conn: &Connection) -> Result<Earnings> {
        let versions = versions(conn)?;
        let shops = versions
            .iter()
            .map(|(id, _)| Ok((*id, rulebook_by_id(conn, *id)?.rulebook.shop)))
            .collect::<Result<_>>()?;
        Ok(Earnings { versions, shops })
    }

    /// The earning of an entry dated `date`, by the rules in force then.
    fn of(&self, date: NaiveDate, kind: Kind, cents: i64) -> Decimal {
        let shop = in_force(&self.versions, date, |(_, from)| *from).map(|(id, _)| self.shops[id]).unwrap_or_default();
        shop.earned(kind, points::from_cents(cents))
    }
}

/// Every household's balance movements: its entries' earnings and its
/// redemptions that stand.
fn all_movements(conn: &Connection) -> Result<HashMap<String, Vec<Movement>>> {
    movements(conn, None)
}

fn balance_of(conn: &Connection, household: &str, on: NaiveDate) -> Result<Balance> {
    let mut m = movements(conn, Some(household))?;
    let expires = rulebook_on(conn, on).map(|r| r.rulebook.shop.expires).unwrap_or(shop::Expiry::Never);
    Ok(shop::balance(&m.remove(household).unwrap_or_default(), expires, on))
}

/// The balance movements of `household`, or of every household.
fn movements(conn: &Connection, household: Option<&str>) -> Result<HashMap<String, Vec<Movement>>> {
    let earnings = Earnings::load(conn)?;
    let mut out: HashMap<String, Vec<Movement>> = HashMap::new();
    crate::ledger::points_moved(conn, household, |household, date, kind, cents| {
        let amount = earnings.of(date, kind, cents);
        if !amount.is_zero() {
            out.entry(household).or_default().push(Movement { date, amount, redemption: false });
        }
    })?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.household, r.date, SUM(l.qty * l.cents) FROM redemptions r
           JOIN redemption_lines l ON l.redemption = r.id
          {} NOT EXISTS (SELECT 1 FROM cancellations c WHERE c.redemption = r.id)
          GROUP BY r.id",
        if household.is_none() { "WHERE" } else { "WHERE r.household = ?1 AND" }
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(household))?;
    while let Some(r) = rows.next()? {
        let amount = -points::from_cents(r.get(2)?);
        out.entry(r.get(0)?).or_default().push(Movement {
            date: date_of(&r.get::<_, String>(1)?),
            amount,
            redemption: true,
        });
    }
    Ok(out)
}

/// Whether the book holds anything of the shop.
pub(crate) fn in_use(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM goods)", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests;
