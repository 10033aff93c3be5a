//! The quarterly public notice (公示) as it hangs on the bulletin board.

use std::collections::BTreeMap;

use jifenbu_core::notice::chinese_date;
use jifenbu_core::tally::Correction;
use jifenbu_core::{csv_out, ranking};
use jifenbu_core::{points, Entry, Kind, Notice, RankingRow};

use crate::canvas::Align;
use crate::error::{check, check_name, Error, Result};
use crate::flow::{Flow, Line, Paper, Sheet};
use crate::fonts::Weight;
use crate::pdf::{self, Meta};
use crate::prose::{self, Sizes};
use crate::table::{Column, Table};

/// How to print a notice (`jifenbu notice` options).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoticeOptions {
    pub paper: Paper,
    /// Table text at 16 pt or more.
    pub large: bool,
    /// One section per 村民小组, each starting a page.
    pub by_group: bool,
    /// An appendix listing every household's entries of the quarter.
    pub detail: bool,
    /// The board layout (张贴版): A3 whatever `paper` says, the table at
    /// the large size and a larger title (`Sizes::board`), portrait, so a
    /// sheet holds as many rows as stay readable at 2 m.
    pub board: bool,
}

/// The notice as PDF bytes; the same notice gives the same bytes.
pub fn notice(n: &Notice, opts: &NoticeOptions) -> Result<Vec<u8>> {
    crate::fonts::ready()?;
    check_names(n)?;
    let (sizes, opts) = match opts.board {
        true => (Sizes::board(), NoticeOptions { paper: Paper::A3, ..*opts }),
        false => (Sizes::new(opts.large), *opts),
    };
    let title = if n.is_draft() { format!("{}（草稿）", n.title()) } else { n.title() };
    let weight = |r: &RankingRow| if r.standing.veto { Weight::Bold } else { Weight::Regular };
    // Where each sheet starts (page index) and what its running head says:
    // one sheet for the village, or one per 村民小组.
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let (sheet, mut flow) = if opts.by_group {
        let groups = groups(&n.ranking.rows);
        // Each group's sheet is sized for its own names: it is posted alone.
        let rows: Vec<Vec<Vec<String>>> =
            groups.iter().map(|(_, members)| members.iter().map(|(r, g)| group_cells(r, *g)).collect()).collect();
        let each: Vec<&[Vec<String>]> = rows.iter().map(Vec::as_slice).collect();
        let (sheet, tables) = Sheet::fitting_each(group_columns(), &each, sizes.table, opts.paper)?;
        let mut flow = Flow::new(sheet);
        for (i, (((group, members), rows), table)) in groups.iter().zip(&rows).zip(tables).enumerate() {
            if i > 0 {
                flow.new_page();
            }
            sheets.push((flow.page_count() - 1, format!("{title}（{group}）")));
            prose::title(&mut flow, &format!("{title}（{group}）"), sizes.title);
            let intro = format!(
                "根据《{}》，现将{group}{}各户积分情况公示如下（共 {} 户）。名次有两列：组内名次是本组各户之间的，全村名次是全村各户之间的。",
                n.head.rulebook,
                n.ranking.quarter.chinese(),
                members.len()
            );
            intro_block(&mut flow, &intro, n, sizes);
            let lines: Vec<Line> = members.iter().zip(rows).map(|((r, _), c)| Line::Row(c, weight(r))).collect();
            flow.table_then(table, &lines, |flow| closing(flow, n, sizes));
        }
        (sheet, flow)
    } else {
        let rows: Vec<Vec<String>> = n.ranking.rows.iter().map(cells).collect();
        let (sheet, table) = Sheet::fitting(ranking_columns(), &rows, sizes.table, opts.paper)?;
        let mut flow = Flow::new(sheet);
        sheets.push((0, n.title()));
        prose::title(&mut flow, &title, sizes.title);
        let intro = format!(
            "根据《{}》，现将本村{}各户积分情况公示如下（共 {} 户）。",
            n.head.rulebook,
            n.ranking.quarter.chinese(),
            n.ranking.rows.len()
        );
        intro_block(&mut flow, &intro, n, sizes);
        let lines: Vec<Line> = n.ranking.rows.iter().zip(&rows).map(|(r, c)| Line::Row(c, weight(r))).collect();
        flow.table_then(table, &lines, |flow| closing(flow, n, sizes));
        (sheet, flow)
    };
    if opts.detail {
        let first = flow.page_count();
        appendix(&mut flow, n, sizes)?;
        sheets.push((first, format!("{}　附：各户积分明细", n.title())));
    }

    let right = match n.verification_code() {
        Some(code) => format!("校验码 {code}"),
        None => format!("{} · 草稿 · 未发布", chinese_date(n.drafted_on)),
    };
    let draft = n.is_draft();
    let pages = flow.finish(|page, no, count| {
        if draft {
            page.watermark(sheet.size(), 64.0, "草稿 · 未发布");
        }
        // The sheet this page belongs to; a sheet's later pages say 续.
        let at = sheets.iter().rposition(|(first, _)| *first < no);
        let (first, head) = at.map_or((0, n.title()), |i| sheets[i].clone());
        let left = if no - 1 > first { format!("{head}（续）") } else { head };
        // A group's sheet is posted on its own: its pages are counted alone.
        let (no, count) = match (opts.by_group, at) {
            (true, Some(i)) => (no - first, sheets.get(i + 1).map_or(count, |(next, _)| *next) - first),
            _ => (no, count),
        };
        prose::decorate(page, sheet, sizes.margin_note, &left, &right, no, count)
    });
    let quarter = n.ranking.quarter;
    let meta = Meta {
        title: title.clone(),
        subject: format!("{} {} 积分排名公示", n.head.village, quarter.chinese()),
        author: n.head.issuer.clone(),
        keywords: vec![
            n.head.village.clone(),
            quarter.to_string(),
            n.seal.as_ref().map_or("草稿".into(), |s| s.digest.clone()),
        ],
        date: n.issued_on(),
    };
    Ok(pdf::save(pages, sheet, meta))
}

/// The closing block's paragraphs: the notice period, the review meetings,
/// where objections go, how stars read, and the verification code.
fn closing_paragraphs(n: &Notice) -> Vec<String> {
    let period = match n.period() {
        Some((from, to)) => {
            format!("公示期：{} 至 {}，共 {} 天。", chinese_date(from), chinese_date(to), n.period_days)
        }
        None => format!("公示期：自正式发布之日起 {} 天。本件为草稿，尚未发布，不作为正式公示。", n.period_days),
    };
    let mut paragraphs: Vec<String> = corrections_text(n).into_iter().chain([period]).collect();
    paragraphs.extend(n.backfill_text());
    paragraphs.extend(n.review_text());
    paragraphs.extend([n.objections_text(), n.stars_text()]);
    if let Some(code) = n.verification_code() {
        paragraphs.push(format!("校验码：{code}（与镇里收到的本季数据核对用）"));
        // Who prepared, checked and supervised it sign by hand; a draft
        // is signed by no one.
        paragraphs.push("\n经办人：__________　　审核人：__________　　村务监督委员会：__________".to_string());
    }
    paragraphs
}

/// The households whose 本季得分 holds corrections of earlier quarters
/// (an upheld objection's reversal, an item it added), each with how much
/// and of what: a score is never taken for this quarter's work when it
/// is not.
fn corrections_text(n: &Notice) -> Option<String> {
    let corrected: Vec<String> = n
        .ranking
        .rows
        .iter()
        .filter(|r| !r.corrections.is_empty())
        .map(|r| {
            let what: Vec<String> = r.corrections.iter().map(|c| c.describe()).collect();
            format!("户号 {} {} {}（{}）", r.code, r.head, points::format(r.standing.correction), what.join("，"))
        })
        .collect();
    (!corrected.is_empty())
        .then(|| format!("以下各户的本季得分中含更正以前季度的分数，不是本季的表现：{}。", corrected.join("；")))
}

/// The footer's paragraphs and the signature, after the table.
fn closing(flow: &mut Flow, n: &Notice, sizes: Sizes) {
    prose::gap(flow, sizes.body * 0.8);
    for p in &closing_paragraphs(n) {
        prose::paragraph(flow, p, sizes.body, Weight::Regular, 2.0);
    }
    match n.is_draft() {
        // No seal line on a draft: nothing invites a stamp. Its date stands
        // beside the words that it is a draft, so two drafts of different
        // days differ on paper, and neither passes for a notice.
        true => {
            let lines = [
                format!("{}（草稿，不盖章、不张贴）", n.head.issuer),
                format!("{}　草稿，未发布", chinese_date(n.drafted_on)),
            ];
            for line in &lines {
                prose::paragraph(flow, line, sizes.body, Weight::Regular, 2.0);
            }
        }
        false => prose::signature(flow, &n.head.issuer, &chinese_date(n.issued_on()), sizes.body),
    }
}

/// The notice's opening: what it is, then the rules in brief (积分规则摘要).
fn intro_block(flow: &mut Flow, intro: &str, n: &Notice, sizes: Sizes) {
    prose::paragraph(flow, intro, sizes.body, Weight::Regular, 2.0);
    if !n.rules_summary.is_empty() {
        let summary = format!("积分规则摘要：{}", n.rules_summary.concat());
        prose::paragraph(flow, &summary, sizes.body, Weight::Regular, 2.0);
    }
    prose::gap(flow, sizes.body * 0.6);
}

/// Every household's entries of the quarter, so each villager can see why:
/// a band with the household, then its entries numbered, each reversal
/// naming the line it cancels, and its quarter's subtotal. A household
/// that runs onto the next page gets its band again there, marked 续.
fn appendix(flow: &mut Flow, n: &Notice, sizes: Sizes) -> Result<()> {
    let mut by_household: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in &n.details {
        check(&e.item_name, || format!("项目 {}", e.item_code))?;
        check(&e.note, || format!("户号 {} 的备注", e.household))?;
        by_household.entry(e.household.as_str()).or_default().push(e);
    }
    flow.new_page();
    let heading = format!("附：{}各户积分明细", n.ranking.quarter.chinese());
    prose::title(flow, &heading, sizes.title * 0.75);
    if by_household.is_empty() {
        prose::paragraph(flow, "本季度没有积分记录。", sizes.body, Weight::Regular, 2.0);
        return Ok(());
    }
    if !n.deduct_notes {
        let said = "按本村积分规则，扣分项只列项目名称，不列说明。";
        prose::paragraph(flow, said, sizes.body, Weight::Regular, 2.0);
    }
    let households: Vec<(&RankingRow, Vec<Vec<String>>)> = n
        .ranking
        .rows
        .iter()
        .filter_map(|r| {
            let mut entries = by_household.remove(r.code.as_str())?;
            entries.sort_by_key(|e| (e.date, e.seq));
            Some((r, detail_rows(&entries, &r.corrections, n.deduct_notes)))
        })
        .collect();
    let columns = vec![
        Column::new("序号", Align::Centre),
        Column::new("日期", Align::Centre),
        Column::wrapping("项目", 14.0),
        Column::new("分值", Align::Right),
        Column::wrapping("说明", 14.0),
    ];
    let all = households.iter().flat_map(|(_, rows)| rows.iter().map(Vec::as_slice));
    let table = Table::fit(columns, all, sizes.table, flow.sheet.content_width())
        .map_err(|needed| Error::TooWide { needed })?;
    flow.start_table(table);
    for (r, rows) in &households {
        let band = format!("户号 {}　{}　{}", r.code, r.head, r.group);
        let s = &r.standing;
        let subtotal = format!(
            "小计：本季加分 {}，扣分 {}，本季得分 {}",
            points::format(s.add),
            points::format(s.deduct),
            points::format(s.score)
        );
        // The band never ends a page: it goes over with its first entry.
        flow.keep_rows_with(&[&rows[0]], flow.band_height(&band, Weight::Bold));
        flow.band(&band, Weight::Bold);
        for (i, row) in rows.iter().enumerate() {
            // The last entry keeps its subtotal with it.
            let after = if i + 1 == rows.len() { flow.band_height(&subtotal, Weight::Regular) } else { 0.0 };
            if !flow.fits(row, after) {
                flow.new_page();
                flow.band(&format!("{band}（续）"), Weight::Bold);
            }
            flow.row(row, Weight::Regular);
        }
        flow.band(&subtotal, Weight::Regular);
    }
    flow.end_table();
    Ok(())
}

/// A household's entries as numbered rows; a reversal names the line it
/// cancels, or the earlier quarter's entry (from `corrections`).
fn detail_rows(entries: &[&Entry], corrections: &[Correction], deduct_notes: bool) -> Vec<Vec<String>> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let note = match e.reverses {
                Some(id) => match entries.iter().position(|o| o.id == id) {
                    Some(j) => format!("冲销第 {} 条：{}", j + 1, e.note),
                    None => match corrections.iter().find(|c| c.entry == e.id) {
                        Some(c) => format!("{}：{}", c.describe(), e.note),
                        None => format!("冲销以前季度的一条记录：{}", e.note),
                    },
                },
                None if !deduct_notes && e.kind == Kind::Deduct => String::new(),
                None => e.note.clone(),
            };
            vec![(i + 1).to_string(), e.date.to_string(), item_text(e), points::format(e.points), note]
        })
        .collect()
}

fn item_text(e: &Entry) -> String {
    if e.qty > 1 {
        format!("{} ×{}", e.item_name, e.qty)
    } else {
        e.item_name.clone()
    }
}

/// The notice's ranking table: the ranking CSV's columns (headings and
/// cells from the core, each aligned here) up to 年度累计, then 星级 drawn
/// as stars, or the veto, in place of the level and the veto column.
fn ranking_columns() -> Vec<Column> {
    const ALIGN: [Align; 8] = [
        Align::Centre,
        Align::Centre,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
    ];
    let mut columns: Vec<Column> = ranking::COLUMNS[..8]
        .iter()
        .zip(ALIGN)
        .enumerate()
        .map(|(i, (c, a))| if (1..=3).contains(&i) { Column::name(c.heading, a) } else { Column::new(c.heading, a) })
        .collect();
    columns.push(Column::new("星级", Align::Left));
    columns
}

/// A row's cells under [`ranking_columns`].
fn cells(r: &RankingRow) -> Vec<String> {
    let mut cells = csv_out::cells(&ranking::COLUMNS[..8], r);
    cells.push(if r.standing.veto { "一票否决".to_string() } else { "★".repeat(usize::from(r.standing.stars)) });
    cells
}

/// Groups in their natural order (一组 … 十二组), each with its households
/// in rank order and the rank within the group (ties shared, as in the
/// village's ranking: one more than the members ranked above).
fn groups(rows: &[RankingRow]) -> Vec<(&str, Vec<(&RankingRow, u32)>)> {
    let mut by_group: BTreeMap<&str, Vec<&RankingRow>> = BTreeMap::new();
    for r in rows {
        by_group.entry(r.group.as_str()).or_default().push(r);
    }
    let mut groups: Vec<(&str, Vec<(&RankingRow, u32)>)> = by_group
        .into_iter()
        .map(|(group, members)| {
            let ranked =
                members.iter().map(|r| (*r, 1 + members.iter().filter(|o| o.rank < r.rank).count() as u32)).collect();
            (group, ranked)
        })
        .collect();
    groups.sort_by(|(a, _), (b, _)| jifenbu_core::household::group_order(a, b));
    groups
}

/// A group sheet's table: the rank within the group, then the village's,
/// then the ranking's columns without 村民小组 (the sheet is the group's).
fn group_columns() -> Vec<Column> {
    let mut columns = vec![Column::new("组内名次", Align::Centre), Column::new("全村名次", Align::Centre)];
    columns.extend(ranking_columns().into_iter().skip(1).filter(|c| c.title != "村民小组"));
    columns
}

/// A row's cells under [`group_columns`].
fn group_cells(r: &RankingRow, in_group: u32) -> Vec<String> {
    let mut all = cells(r);
    all.remove(3); // 村民小组
    let mut out = vec![in_group.to_string()];
    out.extend(all);
    out
}

/// Names are checked first, so the refusal can name the household.
fn check_names(n: &Notice) -> Result<()> {
    for r in &n.ranking.rows {
        check_name(&r.code, &r.head)?;
        check(&r.group, || format!("户号 {} 的村民小组", r.code))?;
    }
    check(&n.head.village, || "村名".into())?;
    check(&n.head.issuer, || "发布单位".into())?;
    check(&n.head.rulebook, || "积分规则名称".into())?;
    check(&n.objections_to, || "异议受理".into())
}
