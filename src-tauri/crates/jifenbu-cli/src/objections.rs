//! `objection`: recording and ruling on objections to a published notice.

use jifenbu_core::EntryDraft;
use jifenbu_store::{Book, Correction, Objection};

use crate::args::ObjectionAction;
use crate::commands::{today, CliError};

pub fn objection(action: ObjectionAction, operator: &str) -> Result<(), CliError> {
    match action {
        ObjectionAction::Add { book, quarter, household, text, received_by, date, late } => {
            let date = date.unwrap_or_else(today);
            let o = Book::open(&book)?.record_objection(
                quarter,
                household.trim(),
                date,
                late,
                &received_by,
                &text,
                operator,
            )?;
            println!("{}", o.id);
            let late = if o.late { "，逾期受理" } else { "" };
            eprintln!("已登记第 {} 号异议（户号 {}，{}{late}）", o.id, o.household, o.quarter);
        }
        ObjectionAction::List { book, quarter } => {
            for o in Book::open(&book)?.objections(quarter)? {
                println!("{}", describe(&o));
            }
        }
        ObjectionAction::Uphold { book, id, reason, reverse, item, qty, points, date } => {
            let date = date.unwrap_or_else(today);
            let add = item
                .into_iter()
                .map(|item| EntryDraft {
                    household: String::new(),
                    item: item.trim().to_string(),
                    date,
                    qty,
                    points,
                    note: String::new(),
                    id: None,
                })
                .collect();
            let correction = Correction { reverse, add };
            let (o, entries) = Book::open(&book)?.uphold_objection(id, date, &reason, &correction, operator)?;
            for e in &entries {
                println!("{}", e.id);
            }
            eprintln!("第 {} 号异议成立，已记更正 {} 条，计入 {}", o.id, entries.len(), entries[0].posting);
        }
        ObjectionAction::Reject { book, id, reason, date } => {
            let o = Book::open(&book)?.reject_objection(id, date.unwrap_or_else(today), &reason, operator)?;
            println!("{}", describe(&o));
        }
    }
    Ok(())
}

fn describe(o: &Objection) -> String {
    let late = if o.late { "（逾期受理）" } else { "" };
    let head = format!(
        "第 {} 号  {}  户号 {}  {} 由 {} 受理{late}：{}",
        o.id, o.quarter, o.household, o.received_on, o.received_by, o.text
    );
    match &o.ruling {
        None => format!("{head}\n    待处理"),
        Some(r) => {
            let fixes =
                if r.entries.is_empty() { String::new() } else { format!("；更正记录 {}", r.entries.join("、")) };
            format!("{head}\n    {} {}：{}{fixes}", r.decided_on, r.outcome(), r.reason)
        }
    }
}
