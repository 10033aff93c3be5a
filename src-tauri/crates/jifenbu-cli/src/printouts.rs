//! `notice` and `statement`: the book's figures laid out as PDF.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use jifenbu_print::{CardKind, NoticeOptions, Paper};
use jifenbu_store::Book;

use crate::args::{CardArg, NoticeArgs, PaperArg};
use crate::commands::{today, write_atomically, CliError};

pub fn notice(a: NoticeArgs) -> Result<(), CliError> {
    let book = Book::open(&a.book)?;
    let notice = book.notice(a.quarter, a.date.unwrap_or_else(today), a.detail)?;
    let opts =
        NoticeOptions { paper: paper(a.paper), large: a.large, by_group: a.by_group, detail: a.detail, board: a.board };
    let pdf = jifenbu_print::notice(&notice, &opts)?;
    write_atomically(&a.output, |w| w.write_all(&pdf))?;
    let state = match notice.verification_code() {
        Some(code) => format!("已发布，校验码 {code}"),
        None => "草稿，尚未发布".into(),
    };
    println!("已生成 {} 公示（{state}，{} 户）：{}", a.quarter, notice.ranking.rows.len(), a.output.display());
    Ok(())
}

pub fn annual_notice(book: &Path, year: i32, output: &Path, paper_arg: PaperArg, large: bool) -> Result<(), CliError> {
    let notice = Book::open(book)?.annual_notice(year)?;
    let pdf = jifenbu_print::annual_notice(&notice, paper(paper_arg), large)?;
    write_atomically(output, |w| w.write_all(&pdf))?;
    let stars: usize = notice.star_households().iter().map(|(_, rows)| rows.len()).sum();
    println!(
        "已生成 {year}年度公示（校验码 {}，{} 户，星级文明户 {stars} 户）：{}",
        notice.verification_code(),
        notice.ranking.rows.len(),
        output.display()
    );
    Ok(())
}

pub fn cards(book: &Path, year: i32, output: &Path, min_stars: u8, kind: CardArg) -> Result<(), CliError> {
    let notice = Book::open(book)?.annual_notice(year)?;
    let kind = match kind {
        CardArg::Certificate => CardKind::Certificate,
        CardArg::Door => CardKind::Door,
    };
    let chosen = notice.ranking.starred(min_stars).map_err(jifenbu_core::Error::from)?;
    let pdf = jifenbu_print::cards(&notice, kind, &chosen)?;
    write_atomically(output, |w| w.write_all(&pdf))?;
    let count = chosen.len();
    let what = if kind == CardKind::Door { "门牌" } else { "奖状" };
    println!(
        "已生成 {year}年度星级文明户{what}（{count} 户，校验码 {}）：{}",
        notice.verification_code(),
        output.display()
    );
    Ok(())
}

pub fn statement(
    book: &Path,
    household: &str,
    year: i32,
    output: &Path,
    date: Option<NaiveDate>,
    paper_arg: PaperArg,
    large: bool,
) -> Result<(), CliError> {
    let as_of = date.unwrap_or_else(today);
    let (statement, head) = Book::open(book)?.statement(household.trim(), year, as_of)?;
    let pdf = jifenbu_print::statement(&statement, &head, as_of, paper(paper_arg), large)?;
    write_atomically(output, |w| w.write_all(&pdf))?;
    println!(
        "已生成户号 {}（{}）{year}年度积分明细，{} 条记录：{}",
        statement.household.code,
        statement.household.head,
        statement.lines.len(),
        output.display()
    );
    Ok(())
}

fn paper(p: PaperArg) -> Paper {
    match p {
        PaperArg::A4 => Paper::A4,
        PaperArg::A3 => Paper::A3,
    }
}
