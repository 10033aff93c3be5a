//! A household's statement (积分明细) for a villager who asks why.

use chrono::NaiveDate;
use jifenbu_core::notice::chinese_date;
use jifenbu_core::statement::{Line, Reversed};
use jifenbu_core::tally::Standing;
use jifenbu_core::{points, Letterhead, Posting, Quarter, Statement};

use crate::canvas::Align;
use crate::error::{check, check_name, Result};
use crate::flow::{Flow, Line as TableLine, Paper, Sheet};
use crate::fonts::Weight;
use crate::pdf::{self, Meta};
use crate::prose::{self, Sizes};
use crate::table::Column;

/// The statement as PDF bytes, dated `printed_on`; `large` sets it in the
/// notice's large type, for a villager who reads with difficulty.
pub fn statement(
    s: &Statement,
    head: &Letterhead,
    printed_on: NaiveDate,
    paper: Paper,
    large: bool,
) -> Result<Vec<u8>> {
    crate::fonts::ready()?;
    let h = &s.household;
    check_name(&h.code, &h.head)?;
    for l in &s.lines {
        check(&l.entry.item_name, || format!("项目 {}", l.entry.item_code))?;
        check(&l.entry.note, || format!("第 {} 条的备注", l.no))?;
    }
    check(&format!("{}{}{}{}", head.village, head.issuer, head.rulebook, h.group), || "抬头".into())?;

    let sizes = Sizes::new(large);
    let rows: Vec<Vec<String>> = s.lines.iter().map(|l| cells(l, &s.lines)).collect();
    let columns = vec![
        Column::new("序号", Align::Centre),
        Column::new("日期", Align::Centre),
        Column::wrapping("项目", 14.0),
        Column::new("分值", Align::Right),
        Column::new("累计", Align::Right),
        Column::wrapping("说明", 12.0),
    ];
    let (sheet, table) = Sheet::fitting(columns, &rows, sizes.table, paper)?;
    let mut flow = Flow::new(sheet);
    let title = format!("{} 村民积分明细（{}年度）", head.village, s.year);
    prose::title(&mut flow, &title, sizes.title);
    let who = format!("户号：{}　户主：{}　村民小组：{}", h.code, h.head, h.group);
    prose::paragraph(&mut flow, &who, sizes.body, Weight::Bold, 0.0);
    let basis = format!(
        "依据《{}》计分，年初基础分 {} 分。分值为正是加分、为负是扣分；冲销是对错记的更正，与原记录相抵。",
        head.rulebook,
        points::format(s.base_points)
    );
    prose::paragraph(&mut flow, &basis, sizes.body, Weight::Regular, 0.0);
    prose::gap(&mut flow, sizes.body * 0.6);

    let weight = |l: &Line| if l.entry.reverses.is_some() { Weight::Bold } else { Weight::Regular };
    let mut lines = Vec::new();
    for (quarter, standing) in &s.quarters {
        let posting = Posting::Quarter(*quarter);
        for (line, row) in s.lines.iter().zip(&rows).filter(|(l, _)| l.entry.posting == posting) {
            lines.push(TableLine::Row(row, weight(line)));
        }
        let mut band = subtotal(*quarter, standing);
        if !standing.correction.is_zero() {
            band.push_str(&format!("　其中更正以前季度 {}", points::format(standing.correction)));
        }
        if s.unpublished.contains(quarter) {
            band.push_str("（未发布，可能变动）");
        }
        if let Some((_, on)) = s.backfilled.iter().find(|(q, _)| q == quarter) {
            band.push_str(&format!("（{}补录）", chinese_date(*on)));
        }
        lines.push(TableLine::Total(band, Weight::Bold));
    }
    if let Some(st) = &s.adjustment {
        for (line, row) in s.lines.iter().zip(&rows).filter(|(l, _)| l.entry.posting.is_adjustment()) {
            lines.push(TableLine::Row(row, weight(line)));
        }
        lines.push(TableLine::Total(adjustment_subtotal(s.year, st), Weight::Bold));
    }
    let summary = match (&s.adjustment, s.latest()) {
        (Some(st), _) => Some(format!(
            "{}年度积分 {} 分（含年终调整 {} 分），{}。",
            s.year,
            points::format(st.year_to_date),
            points::format(st.score),
            stars_text(st)
        )),
        (None, Some((quarter, st))) => Some(format!(
            "截至{}，年度累计 {} 分，{}。",
            quarter.chinese(),
            points::format(st.year_to_date),
            stars_text(st)
        )),
        (None, None) => None,
    };
    flow.table_then(table, &lines, |flow| {
        prose::gap(flow, sizes.body * 0.8);
        if let Some(summary) = &summary {
            prose::paragraph(flow, summary, sizes.body, Weight::Bold, 0.0);
        }
        prose::signature(flow, &head.issuer, &chinese_date(printed_on), sizes.body);
    });

    let left = format!("{title}　{} {}", h.code, h.head);
    let pages = flow.finish(|page, no, count| prose::decorate(page, sheet, sizes.margin_note, &left, "", no, count));
    let meta = Meta {
        title,
        subject: format!("{} {} {}年度积分明细", head.village, h.code, s.year),
        author: head.issuer.clone(),
        keywords: vec![head.village.clone(), h.code.clone(), s.year.to_string(), printed_on.to_string()],
        date: printed_on,
    };
    Ok(pdf::save(pages, sheet, meta))
}

/// A line's cells; a reversal names the line it cancels (and, when that
/// line is an earlier quarter's, the quarter: a correction made later).
fn cells(l: &Line, all: &[Line]) -> Vec<String> {
    let e = &l.entry;
    let item = if e.qty > 1 { format!("{} ×{}", e.item_name, e.qty) } else { e.item_name.clone() };
    let note = match (&l.reverses, l.reversed_by) {
        (Some(Reversed::Line(no)), _) => match all.iter().find(|o| o.no == *no).map(|o| o.entry.posting) {
            Some(posting) if posting != e.posting => format!("冲销第 {no} 条（{}）：{}", posting.chinese(), e.note),
            _ => format!("冲销第 {no} 条：{}", e.note),
        },
        (Some(Reversed::Earlier(date)), _) => format!("冲销 {date} 的记录：{}", e.note),
        (None, Some(by)) if e.note.is_empty() => format!("已被第 {by} 条冲销"),
        (None, Some(by)) => format!("{}（已被第 {by} 条冲销）", e.note),
        (None, None) => e.note.clone(),
    };
    vec![l.no.to_string(), e.date.to_string(), item, points::format(e.points), points::format(l.running), note]
}

fn subtotal(quarter: Quarter, st: &Standing) -> String {
    format!(
        "{}小计：加分 {}　扣分 {}　本季得分 {}　年度累计 {}　{}",
        quarter.chinese(),
        points::format(st.add),
        points::format(st.deduct),
        points::format(st.score),
        points::format(st.year_to_date),
        stars_text(st)
    )
}

/// The adjustment's band: corrections posted after the fourth quarter was
/// published, and the annual figure they make.
fn adjustment_subtotal(year: i32, st: &Standing) -> String {
    format!(
        "{}：加分 {}　扣分 {}　调整 {}　年度积分 {}　{}",
        Posting::Adjustment { year }.chinese(),
        points::format(st.add),
        points::format(st.deduct),
        points::format(st.score),
        points::format(st.year_to_date),
        stars_text(st)
    )
}

fn stars_text(st: &Standing) -> String {
    match (st.veto, st.stars) {
        (true, _) => "一票否决，不评星级".into(),
        (false, 0) => "未达星级".into(),
        (false, n) => format!("星级 {}", "★".repeat(usize::from(n))),
    }
}
