//! The review panel's papers: the 评议表 printed before a meeting (pending
//! registrations by household, a column to write each outcome in, a line
//! for each member to sign) and the 评议记录, the minutes of a meeting.
//! Photos are never printed: they stay in the book.

use chrono::NaiveDate;
use jifenbu_core::notice::chinese_date;
use jifenbu_core::points;
use jifenbu_core::review::{Listed, Minutes, ReviewSheet};
use jifenbu_core::Letterhead;

use crate::canvas::Align;
use crate::error::{check, check_name, Result};
use crate::flow::{Flow, Line, Paper, Sheet};
use crate::fonts::Weight;
use crate::pdf::{self, Meta};
use crate::prose::{self, Sizes};
use crate::table::Column;

/// What the panel writes by hand in the sheet's last column.
const WRITE_IN: &str = "同意／不同意／修改为＿＿分";

/// The 评议表 as PDF bytes.
pub fn review_sheet(s: &ReviewSheet) -> Result<Vec<u8>> {
    crate::fonts::ready()?;
    check_rows(&s.rows)?;
    check(&format!("{}{}{}", s.head.village, s.head.issuer, s.panel.concat()), || "抬头".into())?;
    let sizes = Sizes::new(false);
    let columns = vec![
        Column::new("编号", Align::Centre),
        Column::wrapping("项目", 12.0),
        Column::new("日期", Align::Centre),
        Column::new("数量", Align::Right),
        Column::new("登记分值", Align::Right),
        Column::new("登记人", Align::Left),
        Column::wrapping("说明", 9.0),
        Column::new("评议意见", Align::Left),
    ];
    let rows: Vec<Vec<String>> = s
        .rows
        .iter()
        .map(|l| {
            let r = &l.registration;
            vec![
                r.id.to_string(),
                format!("{} {}", r.deed.item, l.item_name),
                r.deed.date.to_string(),
                r.deed.qty.to_string(),
                points::format(l.points),
                r.by.clone(),
                r.deed.note.clone(),
                WRITE_IN.to_string(),
            ]
        })
        .collect();
    let (sheet, table) = Sheet::fitting(columns, &rows, sizes.table, Paper::A4)?;
    let mut flow = Flow::new(sheet);
    let title = format!("{}积分评议表", s.head.village);
    prose::title(&mut flow, &title, sizes.title);
    let day = s.meeting_on.map_or_else(|| "＿＿＿＿年＿＿月＿＿日".to_string(), chinese_date);
    let intro = format!(
        "评议会日期：{day}。以下 {} 条登记待评议（按户排列），请评议小组逐条在“评议意见”栏写明同意、不同意（并写明理由）或修改后的分值，修改的分值须在该项目的分值范围内。",
        s.rows.len()
    );
    prose::paragraph(&mut flow, &intro, sizes.body, Weight::Regular, 2.0);
    prose::gap(&mut flow, sizes.body * 0.6);
    let mut lines = Vec::new();
    let mut household = None;
    for (l, cells) in s.rows.iter().zip(&rows) {
        if household != Some(&l.registration.deed.household) {
            household = Some(&l.registration.deed.household);
            let band = format!("户号 {}　{}　{}", l.registration.deed.household, l.head, l.group);
            lines.push(Line::Heading(band, Weight::Bold));
        }
        lines.push(Line::Row(cells, Weight::Regular));
    }
    flow.table_then(table, &lines, |flow| {
        if s.rows.is_empty() {
            prose::paragraph(flow, "目前没有待评议的登记。", sizes.body, Weight::Regular, 2.0);
        }
        signatures(flow, "评议小组成员签名", &s.panel, sizes.body);
    });
    let right = format!("打印于 {}", chinese_date(s.printed_on));
    finish(flow, sizes, &right, meta(title, &s.head, s.printed_on))
}

/// The 评议记录 (minutes) of one meeting as PDF bytes.
pub fn minutes(m: &Minutes) -> Result<Vec<u8>> {
    crate::fonts::ready()?;
    check_rows(&m.rows)?;
    check(&format!("{}{}{}", m.head.village, m.head.issuer, m.members.concat()), || "抬头".into())?;
    let sizes = Sizes::new(false);
    let columns = vec![
        Column::new("编号", Align::Centre),
        Column::new("户号", Align::Centre),
        Column::name("户主", Align::Left),
        Column::new("项目", Align::Left),
        Column::new("日期", Align::Centre),
        Column::new("登记分值", Align::Right),
        Column::new("评议结果", Align::Left),
        Column::new("入账分值", Align::Right),
        Column::wrapping("理由", 9.0),
    ];
    let rows: Vec<Vec<String>> = m
        .rows
        .iter()
        .map(|l| {
            let r = &l.registration;
            let posted = if l.outcome() == "不同意" { "—".to_string() } else { points::format(l.posted()) };
            let reason = r.decision.as_ref().map(|d| d.reason.clone()).unwrap_or_default();
            vec![
                r.id.to_string(),
                r.deed.household.clone(),
                l.head.clone(),
                format!("{} {}", r.deed.item, l.item_name),
                r.deed.date.to_string(),
                points::format(l.points),
                l.outcome(),
                posted,
                reason,
            ]
        })
        .collect();
    let (sheet, table) = Sheet::fitting(columns, &rows, sizes.table, Paper::A4)?;
    let mut flow = Flow::new(sheet);
    let title = format!("{}积分评议会记录（第 {} 次）", m.head.village, m.meeting);
    prose::title(&mut flow, &title, sizes.title);
    let paragraphs = [
        format!("时间：{}。", chinese_date(m.date)),
        format!(
            "到会评议小组成员：{}，共 {} 人（评议小组在任 {} 人，法定人数 {} 人）。",
            m.members.join("、"),
            m.members.len(),
            m.panel,
            m.quorum
        ),
        format!("依据：《{}》。", m.head.rulebook),
    ];
    for p in &paragraphs {
        prose::paragraph(&mut flow, p, sizes.body, Weight::Regular, 2.0);
    }
    prose::gap(&mut flow, sizes.body * 0.6);
    let lines: Vec<Line> = rows.iter().map(|cells| Line::Row(cells, Weight::Regular)).collect();
    flow.table_then(table, &lines, |flow| {
        prose::gap(flow, sizes.body * 0.6);
        prose::paragraph(flow, &m.totals(), sizes.body, Weight::Regular, 2.0);
        prose::paragraph(flow, "同意的登记已按评议结果记入积分台账。", sizes.body, Weight::Regular, 2.0);
        signatures(flow, "到会成员签名", &m.members, sizes.body);
    });
    let right = format!("第 {} 次评议会", m.meeting);
    finish(flow, sizes, &right, meta(title, &m.head, m.date))
}

fn check_rows(rows: &[Listed]) -> Result<()> {
    for l in rows {
        let r = &l.registration;
        check_name(&r.deed.household, &l.head)?;
        check(&format!("{}{}{}{}", l.item_name, r.deed.note, r.by, l.group), || format!("第 {} 号登记", r.id))?;
        if let Some(d) = &r.decision {
            check(&d.reason, || format!("第 {} 号登记的理由", r.id))?;
        }
    }
    Ok(())
}

/// A line to sign for each person, a few to a row, kept together.
fn signatures(flow: &mut Flow, lead: &str, names: &[String], size: f32) {
    prose::gap(flow, size * 1.2);
    let lines: Vec<String> = names.iter().map(|n| format!("{n}＿＿＿＿＿＿＿")).collect();
    prose::paragraph(flow, &format!("{lead}：{}", lines.join("　　")), size, Weight::Regular, 0.0);
    prose::paragraph(flow, "记录人：＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日", size, Weight::Regular, 0.0);
}

pub(crate) fn meta(title: String, head: &Letterhead, date: NaiveDate) -> Meta {
    Meta { subject: title.clone(), title, author: head.issuer.clone(), keywords: vec![head.village.clone()], date }
}

/// Pages numbered under a running head (the title, and `right`).
pub(crate) fn finish(flow: Flow, sizes: Sizes, right: &str, meta: Meta) -> Result<Vec<u8>> {
    let sheet = flow.sheet;
    let title = meta.title.clone();
    let pages =
        flow.finish(|page, no, count| prose::decorate(page, sheet, sizes.margin_note, &title, right, no, count));
    Ok(pdf::save(pages, sheet, meta))
}
