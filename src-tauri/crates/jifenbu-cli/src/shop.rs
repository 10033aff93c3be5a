//! 积分超市 on the command line: goods, stock, redemptions and their
//! cancellation, balances, receipts and the month's report.

use std::io::Write;

use jifenbu_core::csv_out::{self, CsvStyle};
use jifenbu_core::points;
use jifenbu_core::shop::{self, Goods, BALANCE_COLUMNS, GOODS_COLUMNS};
use jifenbu_print::ReceiptPaper as Paper;
use jifenbu_store::Book;

use crate::args::{GoodsAction, ReceiptPaper, ShopAction};
use crate::commands::{today, write_atomically, CliError};
use crate::table;

pub fn shop(action: ShopAction, operator: &str) -> Result<(), CliError> {
    match action {
        ShopAction::Goods { action: GoodsAction::Add { book, code, name, unit, price } } => {
            let goods = Goods::new(&code, &name, &unit, &price).map_err(jifenbu_core::Error::from)?;
            let g = Book::open(&book)?.add_goods(&goods, operator)?;
            println!("已添加 {} {}（每{} {} 分）", g.code, g.name, g.unit, points::format(g.price));
        }
        ShopAction::Goods { action: GoodsAction::List { book, csv } } => {
            let goods = Book::open(&book)?.goods()?;
            table::list(csv, GOODS_COLUMNS, &goods)?;
        }
        ShopAction::Stock { book, goods, qty, source, date } => {
            let stock = Book::open(&book)?.receive_stock(&goods, qty, &source, date.unwrap_or_else(today), operator)?;
            println!("已入库 {goods} {qty}（{source}），现有库存 {stock}");
        }
        ShopAction::Redeem { book, household, goods, date } => {
            let mut b = Book::open(&book)?;
            let date = date.unwrap_or_else(today);
            let r = b.redeem(&household, &goods, date, operator)?;
            let left = b.shop_balance(&r.household, date)?.balance;
            println!("{}", r.id);
            eprintln!(
                "第 {} 号兑换：{}，共 {} 分，余额 {} 分",
                r.id,
                r.goods_text(),
                points::format(r.cost()),
                points::format(left)
            );
        }
        ShopAction::Cancel { book, id, reason, date } => {
            let r = Book::open(&book)?.cancel_redemption(id, &reason, date.unwrap_or_else(today), operator)?;
            println!("已作废第 {id} 号兑换：{} 回库，退回 {} 分", r.goods_text(), points::format(r.cost()));
        }
        ShopAction::Balance { book, household, date, csv } => {
            let b = Book::open(&book)?;
            let on = date.unwrap_or_else(today);
            // One household's ledger only, refused by name when it is not on the roster.
            let rows = match household {
                Some(h) => vec![b.shop_balance_row(&h, on)?],
                None => b.shop_balances(on)?,
            };
            table::list(csv, BALANCE_COLUMNS, &rows)?;
        }
        ShopAction::Receipt { book, id, output, paper } => {
            let receipt = Book::open(&book)?.receipt(id)?;
            let paper = match paper {
                ReceiptPaper::A5 => Paper::A5,
                ReceiptPaper::Roll80 => Paper::Roll80,
            };
            let pdf = jifenbu_print::receipt(&receipt, paper)?;
            write_atomically(&output, |w| w.write_all(&pdf))?;
            println!("已生成第 {id} 号兑换凭证：{}", output.display());
        }
        ShopAction::Report { book, month: (year, month), output } => {
            let report = Book::open(&book)?.month_report(year, month)?;
            let csv = output.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            if csv {
                write_atomically(&output, |w| {
                    csv_out::write_table(w, CsvStyle::FILE, shop::REPORT_COLUMNS, shop::report_rows(&report))
                })?;
            } else {
                let pdf = jifenbu_print::shop_report(&report)?;
                write_atomically(&output, |w| w.write_all(&pdf))?;
            }
            let (count, spent) = report.totals();
            println!(
                "已生成 {} 兑换台账（兑换 {count} 次，共 {} 分）：{}",
                report.title(),
                points::format(spent),
                output.display()
            );
        }
    }
    Ok(())
}
