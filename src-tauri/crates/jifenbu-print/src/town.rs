//! The town's report (镇汇总): villages ranked, with the town's totals.

use chrono::NaiveDate;
use jifenbu_core::csv_out;
use jifenbu_core::notice::chinese_date;
use jifenbu_core::rollup::{RollupRow, ROLLUP_COLUMNS};
use jifenbu_core::{points, Rollup};

use crate::canvas::Align;
use crate::error::{check, Result};
use crate::flow::{Flow, Paper, Sheet};
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

/// The rollup as a printed report, dated `printed_on`.
pub fn town_report(rollup: &Rollup, printed_on: NaiveDate, paper: Paper) -> Result<Vec<u8>> {
    for r in &rollup.rows {
        check(&r.name, || format!("村代码 {} 的村名", r.code))?;
    }
    let sizes = Sizes::new(false);
    // 名次, then the rollup's own columns (headings and cells from the
    // core), each aligned here.
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
        .map(|(rank, r)| std::iter::once(rank.to_string()).chain(printed.iter().map(|(c, _)| (c.cell)(r))).collect())
        .collect();
    let columns = std::iter::once(Column::new("名次", Align::Centre))
        .chain(printed.iter().map(|(c, align)| Column::new(c.heading, *align)))
        .collect();
    let (sheet, table) = Sheet::fitting(columns, &rows, sizes.table, paper)?;
    let mut flow = Flow::new(sheet);
    let quarter = rollup.quarter.chinese();
    let title = format!("{quarter} 各村村民积分汇总");
    prose::title(&mut flow, &title, sizes.title);
    let t = rollup.totals();
    let intro = format!(
        "共 {} 个村、{} 户。各村按户均年度累计积分排列，并列的名次相同；平均数四舍五入保留两位小数。",
        t.villages, t.households
    );
    prose::paragraph(&mut flow, &intro, sizes.body, Weight::Regular, 2.0);
    prose::gap(&mut flow, sizes.body * 0.6);
    flow.start_table(table);
    for row in &rows {
        flow.row(row, Weight::Regular);
    }
    let total = format!(
        "全镇合计：{} 户　加分 {}　扣分 {}　户均本季得分 {}　一票否决 {} 户　参与率 {}%",
        t.households,
        points::format(t.add_total),
        points::format(t.deduct_total),
        points::format(t.avg_score),
        t.vetoed,
        points::format(t.participation_pct)
    );
    flow.band(&total, Weight::Bold);
    flow.end_table();
    prose::gap(&mut flow, sizes.body);
    let printed = format!("打印日期：{}", chinese_date(printed_on));
    prose::paragraph(&mut flow, &printed, sizes.body, Weight::Regular, 0.0);

    let pages = flow.finish(|page, no, count| prose::decorate(page, sheet, sizes.margin_note, &title, "", no, count));
    let meta = Meta {
        title: title.clone(),
        subject: format!("{quarter} 各村积分汇总（{} 个村）", t.villages),
        author: String::new(),
        keywords: vec![rollup.quarter.to_string(), printed_on.to_string()],
        date: printed_on,
    };
    Ok(pdf::save(pages, sheet, meta))
}
