//! 积分超市: the counter (a household's balance, a redemption and its
//! receipt), goods and stock in, cancelling, and the month's report. The
//! rules are the core's (`jifenbu_core::shop`), checked by the store.

use jifenbu_core::points;
use jifenbu_core::shop::{self, Goods};
use jifenbu_print::ReceiptPaper;
use jifenbu_store::Book;
use tauri::ipc::Response;
use tauri::State;

use super::files::preview;
use super::today;
use crate::error::Result;
use crate::state::AppState;
use crate::views::{Customer, GoodsForm, GoodsRow, Quote, RedeemLine, RedemptionRow, ShopView};

#[tauri::command]
pub async fn shop(state: State<'_, AppState>) -> Result<ShopView> {
    state.with_book(view)
}

fn view(book: &mut Book) -> Result<ShopView> {
    Ok(ShopView {
        goods: book.goods()?.iter().map(GoodsRow::from).collect(),
        today: book.redemptions_on(today())?.iter().rev().map(RedemptionRow::from).collect(),
        rules: book.rulebook_on(today())?.rulebook.shop.chinese(),
    })
}

/// Household `code` at the counter: its balance today and its redemptions.
#[tauri::command]
pub async fn customer(state: State<'_, AppState>, code: String) -> Result<Customer> {
    state.with_book(|b| customer_of(b, &code))
}

pub fn customer_of(book: &Book, code: &str) -> Result<Customer> {
    Ok(Customer {
        balance: (&book.shop_balance(code, today())?).into(),
        redemptions: book.redemptions_of(code)?.iter().rev().map(RedemptionRow::from).collect(),
    })
}

/// What `lines` would cost `household` today and leave it, or why the
/// counter would refuse them.
#[tauri::command]
pub async fn quote(state: State<'_, AppState>, household: String, lines: Vec<RedeemLine>) -> Result<Quote> {
    let lines = read_lines(&lines)?;
    state.with_book(|b| match b.quote(&household, &lines, today()) {
        Ok((cost, left)) => {
            Ok(Quote { total: Some(points::format(cost)), balance_after: Some(points::format(left)), problem: None })
        }
        Err(jifenbu_store::Error::Core(jifenbu_core::Error::Refused(r))) => {
            Ok(Quote { total: None, balance_after: None, problem: Some(r.to_string()) })
        }
        Err(e) => Err(e.into()),
    })
}

fn read_lines(lines: &[RedeemLine]) -> Result<Vec<(String, u32)>> {
    lines.iter().map(|l| Ok((l.goods.trim().to_string(), shop::units(&l.qty)?))).collect()
}

/// Redeems `lines` for `household` today; answers its number.
#[tauri::command]
pub async fn redeem(state: State<'_, AppState>, household: String, lines: Vec<RedeemLine>) -> Result<i32> {
    let operator = state.operator()?;
    let lines = read_lines(&lines)?;
    let r = state.with_book(|b| Ok(b.redeem(&household, &lines, today(), &operator)?))?;
    Ok(r.id as i32)
}

/// Cancels redemption `id` today, with a reason.
#[tauri::command]
pub async fn cancel_redemption(state: State<'_, AppState>, id: i32, reason: String) -> Result<ShopView> {
    let operator = state.operator()?;
    state.with_book(|b| {
        b.cancel_redemption(id.into(), &reason, today(), &operator)?;
        view(b)
    })
}

/// The receipt of redemption `id` on A5 (`a5`) or an 80 mm roll (`80mm`).
#[tauri::command]
pub async fn print_receipt(state: State<'_, AppState>, id: i32, paper: String) -> Result<Response> {
    let paper = if paper == "80mm" { ReceiptPaper::Roll80 } else { ReceiptPaper::A5 };
    let receipt = state.with_book(|b| Ok(b.receipt(id.into())?))?;
    let pdf = jifenbu_print::receipt(&receipt, paper)?;
    Ok(preview(&state, format!("兑换凭证-第{id}号.pdf"), pdf))
}

#[tauri::command]
pub async fn add_goods(state: State<'_, AppState>, form: GoodsForm) -> Result<ShopView> {
    let operator = state.operator()?;
    let goods = Goods::new(&form.code, &form.name, &form.unit, &form.price)?;
    state.with_book(|b| {
        b.add_goods(&goods, &operator)?;
        view(b)
    })
}

/// Stock in (入库) today.
#[tauri::command]
pub async fn receive_stock(state: State<'_, AppState>, goods: String, qty: String, source: String) -> Result<ShopView> {
    let operator = state.operator()?;
    let qty = shop::units(&qty)?;
    state.with_book(|b| {
        b.receive_stock(&goods, qty, &source, today(), &operator)?;
        view(b)
    })
}

/// The month's report (`2026-03`).
#[tauri::command]
pub async fn print_shop_report(state: State<'_, AppState>, month: String) -> Result<Response> {
    let (y, m) = jifenbu_core::parse::month(&month)?;
    let report = state.with_book(|b| Ok(b.month_report(y, m)?))?;
    let pdf = jifenbu_print::shop_report(&report)?;
    Ok(preview(&state, format!("兑换台账-{}.pdf", report.title()), pdf))
}
