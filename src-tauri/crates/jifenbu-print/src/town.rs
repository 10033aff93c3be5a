//! The town's report (镇汇总): villages ranked, with the town's totals.

use chrono::NaiveDate;
use jifenbu_core::csv_out;
use jifenbu_core::notice::chinese_date;
use jifenbu_core::rollup::{RollupRow, ROLLUP_COLUMNS};
use jifenbu_core::{points, Rollup};

use crate::canvas::Align;
use crate::error::{check, Result};
use crate::flow::{Flow, Line, Paper, Sheet};
use crate::fonts::Weight;
use crate::pdf::{self, Meta};
use crate::prose::{self, Sizes};
use crate::table::Column;

/// The rollup's columns the report prints, after 名次, and their alignment.
const PRINTED: [(&str, Align); 9] = [
    ("村代码", Align::Centre),
    ("村名", Align::Left),
    ("户数", Align::Right),
    ("加分合计", Align::Right),
    ("扣分合计", Align::Right),
    ("户均本季得分", Align::Right),
    ("户均年度累计", Align::Right),
    ("一票否决户数", Align::Right),
    ("参与率(%)", Align::Right),
];

/// Who issues the town's report: the town's name (for the title) and the
/// body that signs and seals it. Either may be left empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TownHead {
    pub town: String,
    pub issuer: String,
}

/// The rollup as a printed report, dated `printed_on`.
pub fn town_report(rollup: &Rollup, head: &TownHead, printed_on: NaiveDate, paper: Paper) -> Result<Vec<u8>> {
    crate::fonts::ready()?;
    for r in &rollup.rows {
        check(&r.name, || format!("村代码 {} 的村名", r.code))?;
    }
    check(&format!("{}{}", head.town, head.issuer), || "镇名或发布单位".into())?;
    let sizes = Sizes::new(false);
    // 名次, then the rollup's own columns (headings and cells from the
    // core), each aligned here, then each village's 校验码.
    let printed: Vec<(&csv_out::Column<RollupRow>, Align)> = PRINTED
        .iter()
        .map(|(heading, align)| {
            let column = ROLLUP_COLUMNS.iter().find(|c| c.heading == *heading).expect("a rollup column");
            (column, *align)
        })
        .collect();
    let rows: Vec<Vec<String>> = rollup
        .ranked()
        .into_iter()
        .map(|(rank, r)| {
            let place = if r.published() { rank.to_string() } else { format!("未发布 {rank}") };
            // A village that keyed its quarter in from paper says so.
            let cell = |c: &csv_out::Column<RollupRow>| match c.heading {
                "村名" if !r.backfilled_on.is_empty() => format!("{}（补录）", (c.cell)(r)),
                _ => (c.cell)(r),
            };
            std::iter::once(place)
                .chain(printed.iter().map(|(c, _)| cell(c)))
                .chain(std::iter::once(r.verification_code().unwrap_or_else(|| "—".into())))
                .collect()
        })
        .collect();
    let t = rollup.totals();
    // The town's line, in the table's own columns so no figure runs past it.
    let total: Vec<String> = vec![
        "合计".into(),
        String::new(),
        format!("{} 个村", t.villages),
        t.households.to_string(),
        points::format(t.add_total),
        points::format(t.deduct_total),
        points::format(t.avg_score),
        String::new(),
        t.vetoed.to_string(),
        points::format(t.participation_pct),
        String::new(),
    ];
    let columns = std::iter::once(Column::new("名次", Align::Centre))
        .chain(printed.iter().map(|(c, align)| match c.heading {
            // A long village name wraps rather than turn the page.
            "村名" => Column::name(c.heading, *align),
            _ => Column::new(c.heading, *align),
        }))
        .chain(std::iter::once(Column::new("校验码", Align::Centre)))
        .collect();
    let measured: Vec<Vec<String>> = rows.iter().cloned().chain(std::iter::once(total.clone())).collect();
    let (sheet, table) = Sheet::fitting(columns, &measured, sizes.table, paper)?;
    let mut flow = Flow::new(sheet);
    let quarter = rollup.quarter.chinese();
    let title = format!("{}{quarter} 各村村民积分汇总", head.town);
    prose::title(&mut flow, &title, sizes.title);
    let unpublished = rollup.rows.iter().filter(|r| !r.published()).count();
    let mut intro = format!(
        "共 {} 个村、{} 户。各村按户均年度累计积分排列（含各村的年初基础分；各村基础分不同时，请以户均本季得分比较），并列的名次相同；平均数四舍五入保留两位小数。校验码与各村公示上的校验码一致，可据此核对。",
        t.villages, t.households
    );
    let backfilled = rollup.rows.iter().filter(|r| !r.backfilled_on.is_empty()).count();
    if backfilled > 0 {
        intro.push_str(&format!(
            "有 {backfilled} 个村本季的公示是事后照纸质底稿补录进积分簿的，村名后标“补录”（补录日期见该村导出的文件）。"
        ));
    }
    if unpublished > 0 {
        intro.push_str(&format!("有 {unpublished} 个村本季度尚未发布公示，标“未发布”，列在后面单独排名。"));
    }
    prose::paragraph(&mut flow, &intro, sizes.body, Weight::Regular, 2.0);
    prose::gap(&mut flow, sizes.body * 0.6);
    let lines: Vec<Line> =
        rows.iter().map(|row| Line::Row(row, Weight::Regular)).chain([Line::Row(&total, Weight::Bold)]).collect();
    let issuer = if head.issuer.is_empty() { "＿＿＿＿＿＿＿＿" } else { head.issuer.as_str() };
    flow.table_then(table, &lines, |flow| {
        prose::gap(flow, sizes.body * 1.2);
        prose::paragraph(flow, "制表人：＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿", sizes.body, Weight::Regular, 0.0);
        prose::signature(flow, issuer, &chinese_date(printed_on), sizes.body);
    });

    let pages = flow.finish(|page, no, count| prose::decorate(page, sheet, sizes.margin_note, &title, "", no, count));
    let meta = Meta {
        title: title.clone(),
        subject: format!("{quarter} 各村积分汇总（{} 个村）", t.villages),
        author: head.issuer.clone(),
        keywords: vec![rollup.quarter.to_string(), printed_on.to_string()],
        date: printed_on,
    };
    Ok(pdf::save(pages, sheet, meta))
}
