//! The annual notice (年度公示) of a closed year: every household's annual
//! figure, then the star households (星级文明户名单) by level.

use jifenbu_core::csv_out;
use jifenbu_core::notice::{chinese_date, objections_sentence, period_end};
use jifenbu_core::year::{AnnualNotice, YearRow, COLUMNS};

use crate::canvas::Align;
use crate::error::{check, check_name, Result};
use crate::flow::{Flow, Line, Paper, Sheet};
use crate::fonts::Weight;
use crate::pdf::{self, Meta};
use crate::prose::{self, Sizes};
use crate::table::Column;

/// The annual notice as PDF bytes; the same closed year gives the same bytes.
pub fn annual_notice(n: &AnnualNotice, paper: Paper, large: bool) -> Result<Vec<u8>> {
    crate::fonts::ready()?;
    for r in &n.ranking.rows {
        check_name(&r.code, &r.head)?;
        check(&r.group, || format!("户号 {} 的村民小组", r.code))?;
    }
    check(&format!("{}{}{}{}", n.head.village, n.head.issuer, n.head.rulebook, n.objections_to), || "抬头".into())?;
    let sizes = Sizes::new(large);
    let rows: Vec<Vec<String>> = n.ranking.rows.iter().map(cells).collect();
    let (sheet, table) = Sheet::fitting(columns(), &rows, sizes.table, paper)?;
    let mut flow = Flow::new(sheet);
    let year = n.ranking.year;

    prose::title(&mut flow, &n.title(), sizes.title);
    let intro = format!(
        "根据《{}》，本村{year}年度已于{}结算。年度积分 = 年初基础分 + 四个季度得分 + 年终调整（第四季度公示后记入的更正）。现将各户年度积分公示如下（共 {} 户）。",
        n.head.rulebook,
        chinese_date(n.closed_on),
        n.ranking.rows.len()
    );
    prose::paragraph(&mut flow, &intro, sizes.body, Weight::Regular, 2.0);
    prose::gap(&mut flow, sizes.body * 0.6);
    let lines: Vec<Line> = n
        .ranking
        .rows
        .iter()
        .zip(&rows)
        .map(|(r, cells)| Line::Row(cells, if r.veto { Weight::Bold } else { Weight::Regular }))
        .collect();
    flow.table_then(table, &lines, |flow| closing(flow, n, sizes));

    let title = n.title();
    let right = format!("校验码 {}", n.verification_code());
    let pages =
        flow.finish(|page, no, count| prose::decorate(page, sheet, sizes.margin_note, &title, &right, no, count));
    let meta = Meta {
        title: title.clone(),
        subject: format!("{} {year}年度积分公示", n.head.village),
        author: n.head.issuer.clone(),
        keywords: vec![n.head.village.clone(), year.to_string(), n.digest.clone()],
        date: n.closed_on,
    };
    Ok(pdf::save(pages, sheet, meta))
}

/// After the table: the star households by level, the notice period,
/// where objections go, the code and the signature.
fn closing(flow: &mut Flow, n: &AnnualNotice, sizes: Sizes) {
    let year = n.ranking.year;
    let after = flow.height_of(|flow| last_block(flow, n, sizes));
    prose::gap(flow, sizes.body * 0.8);
    prose::title(flow, &format!("{year}年度星级文明户名单"), sizes.title * 0.75);
    let levels = n.star_households();
    if levels.is_empty() {
        prose::items(flow, "本年度没有达到星级的户。", &[], sizes.body, Weight::Regular, after);
    }
    let count = levels.len();
    for (i, (level, households)) in levels.into_iter().enumerate() {
        let names: Vec<String> = households.iter().map(|r| format!("{}（{}）", r.head, r.code)).collect();
        let lead = format!("{}（{} 户）：", "★".repeat(usize::from(level)), names.len());
        let keep = if i + 1 == count { after } else { 0.0 };
        prose::items(flow, &lead, &names, sizes.body, Weight::Regular, keep);
    }
    last_block(flow, n, sizes);
}

/// The notice period, where objections go, the code and the signature.
fn last_block(flow: &mut Flow, n: &AnnualNotice, sizes: Sizes) {
    prose::gap(flow, sizes.body * 0.8);
    let until = period_end(n.closed_on, n.period_days);
    let mut paragraphs =
        vec![format!("公示期：{} 至 {}，共 {} 天。", chinese_date(n.closed_on), chinese_date(until), n.period_days)];
    paragraphs.extend(n.backfill_text());
    paragraphs.extend([
        objections_sentence(Some(until), &n.objections_in, &n.objections_to, n.objection_reply_days),
        "星级按年度积分评定；标“一票否决”的户本年度有一票否决事项，不评星级。".to_string(),
        format!("校验码：{}（与镇里收到的年度数据核对用）", n.verification_code()),
    ]);
    for p in &paragraphs {
        prose::paragraph(flow, p, sizes.body, Weight::Regular, 2.0);
    }
    prose::signature(flow, &n.head.issuer, &chinese_date(n.closed_on), sizes.body);
}

/// The annual ranking's columns up to 年度积分, then 星级 as stars or the veto.
fn columns() -> Vec<Column> {
    let align = |i: usize| match i {
        0 | 1 => Align::Centre,
        2 | 3 => Align::Left,
        _ => Align::Right,
    };
    let mut columns: Vec<Column> = COLUMNS[..10]
        .iter()
        .enumerate()
        .map(|(i, c)| match i {
            1..=3 => Column::name(c.heading, align(i)),
            _ => Column::new(c.heading.trim_start_matches('第'), align(i)),
        })
        .collect();
    columns.push(Column::new("星级", Align::Left));
    columns
}

fn cells(r: &YearRow) -> Vec<String> {
    let mut cells = csv_out::cells(&COLUMNS[..10], r);
    cells.push(if r.veto { "一票否决".to_string() } else { "★".repeat(usize::from(r.stars)) });
    cells
}
