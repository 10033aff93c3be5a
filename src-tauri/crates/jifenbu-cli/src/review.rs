//! 积分评议 on the command line: people, registrations, meetings, and the
//! panel's papers (评议表, 评议记录).

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use jifenbu_core::review::{Person, Verdict, COLUMNS};
use jifenbu_store::Book;
use rust_decimal::Decimal;

use crate::args::{PeopleAction, RegisterArgs, RegistrationsAction};
use crate::commands::{display, draft, read, read_table, today, write_atomically, CliError};
use crate::table;

pub fn people(action: PeopleAction, operator: &str) -> Result<(), CliError> {
    match action {
        PeopleAction::Add { book, name, role, group, phone } => {
            let p = Person { name, role, group, phone, retired: false };
            let p = Book::open(&book)?.add_person(&p, operator)?;
            println!("已添加{}：{}", p.role.chinese(), p.name);
        }
        PeopleAction::List { book } => {
            let rows = Book::open(&book)?.people()?.into_iter().map(|p| {
                let state = if p.retired { "停用" } else { "在任" };
                vec![
                    p.name,
                    p.role.chinese().to_string(),
                    p.group.unwrap_or_default(),
                    p.phone.unwrap_or_default(),
                    state.into(),
                ]
            });
            table::write(&mut std::io::stdout().lock(), &["姓名", "身份", "村民小组", "电话", "状态"], rows)?;
        }
        PeopleAction::Retire { book, name } => {
            let retired = Book::open(&book)?.retire_person(&name, operator)?;
            let roles: Vec<&str> = retired.iter().map(|p| p.role.chinese()).collect();
            println!("已停用 {name}（{}）；以往记录保留", roles.join("、"));
        }
    }
    Ok(())
}

pub fn register(a: RegisterArgs, operator: &str) -> Result<(), CliError> {
    // Photos are read and shrunk before the book is opened for writing.
    let photos = a
        .photo
        .iter()
        .map(|p| Ok(jifenbu_store::prepare_photo(&display(p), &read(p)?)?))
        .collect::<Result<Vec<_>, CliError>>()?;
    let r = Book::open(&a.entry.book)?.register(&draft(&a.entry), &a.by, &photos, operator)?;
    println!("{}", r.id);
    let with = if photos.is_empty() { String::new() } else { format!("，附照片 {} 张", photos.len()) };
    eprintln!("已登记第 {} 号（户号 {}，项目 {}{with}），待评议，尚未入账", r.id, r.deed.household, r.deed.item);
    Ok(())
}

pub fn registrations(action: RegistrationsAction, operator: &str) -> Result<(), CliError> {
    match action {
        RegistrationsAction::Import { book, file, by, sheet } => {
            let text = read_table(&file, sheet.as_deref())?;
            let ids = Book::open(&book)?.import_registrations(text, &by, operator)?;
            match (ids.first(), ids.last()) {
                (Some(first), Some(last)) => {
                    println!("已登记 {} 条（第 {first} 至 {last} 号），待评议，尚未入账", ids.len())
                }
                _ => println!("文件中没有登记"),
            }
        }
        RegistrationsAction::List { book, pending, csv } => {
            let b = Book::open(&book)?;
            let listed = b.listed(b.registrations(pending)?)?;
            table::list(csv, COLUMNS, &listed)?;
        }
    }
    Ok(())
}

pub fn review(
    book: &Path,
    date: NaiveDate,
    members: &[String],
    approve: Vec<(i64, Option<Decimal>)>,
    reject: Vec<(i64, String)>,
    operator: &str,
) -> Result<(), CliError> {
    // Names separated by commas or 、, as a clerk types either.
    let members: Vec<String> = members
        .iter()
        .flat_map(|m| m.split([',', '，', '、']))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    let verdicts: Vec<Verdict> = approve
        .into_iter()
        .map(|(registration, points)| Verdict::Approve { registration, points })
        .chain(reject.into_iter().map(|(registration, reason)| Verdict::Reject { registration, reason }))
        .collect();
    let m = Book::open(book)?.review(date, &members, &verdicts, operator)?;
    println!("{}", m.id);
    let approved = m.registrations.iter().filter(|r| r.decision.as_ref().is_some_and(|d| d.approved)).count();
    eprintln!(
        "第 {} 次评议会（{}，到会 {} 人）：同意 {approved} 条并已入账，不同意 {} 条",
        m.id,
        m.date,
        m.members.len(),
        m.registrations.len() - approved
    );
    Ok(())
}

pub fn sheet(book: &Path, output: &Path, date: Option<NaiveDate>) -> Result<(), CliError> {
    let sheet = Book::open(book)?.review_sheet(date, today())?;
    let pdf = jifenbu_print::review_sheet(&sheet)?;
    write_atomically(output, |w| w.write_all(&pdf))?;
    println!("已生成评议表（待评议 {} 条）：{}", sheet.rows.len(), output.display());
    Ok(())
}

pub fn minutes(book: &Path, meeting: i64, output: &Path) -> Result<(), CliError> {
    let minutes = Book::open(book)?.minutes(meeting)?;
    let pdf = jifenbu_print::minutes(&minutes)?;
    write_atomically(output, |w| w.write_all(&pdf))?;
    println!("已生成第 {meeting} 次评议会记录：{}", output.display());
    Ok(())
}
