//! 积分超市's papers: the receipt handed over the counter (A5, or an 80 mm
//! till roll) and the month's report of redemptions, deliveries and stock
//! that the village signs off.

use jifenbu_core::notice::chinese_date;
use jifenbu_core::points;
use jifenbu_core::shop::{MonthReport, Receipt};

use crate::canvas::{wrap, Align, Canvas};
use crate::error::{check, check_name, Result};
use crate::flow::{Flow, Line, Paper, Sheet};
use crate::fonts::Weight;
use crate::pdf;
use crate::prose::{self, Sizes};
use crate::review::{finish, meta};
use crate::table::Column;

/// The receipt's paper.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReceiptPaper {
    /// Half an A4 sheet, portrait.
    #[default]
    A5,
    /// A till roll 80 mm wide, as long as the receipt.
    Roll80,
}

/// How a receipt is laid out on its paper, in layout units.
struct Layout {
    width: f32,
    margin: f32,
    /// Body text; the title is larger.
    size: f32,
    /// Paper units per layout unit.
    scale: f32,
}

impl ReceiptPaper {
    fn layout(self) -> Layout {
        match self {
            // Drawn on A4's units and scaled down onto A5.
            ReceiptPaper::A5 => {
                Layout { width: 595.28, margin: 56.0, size: 17.0, scale: std::f32::consts::FRAC_1_SQRT_2 }
            }
            // 80 mm = 226.8 pt; a till prints about 72 mm of it.
            ReceiptPaper::Roll80 => Layout { width: 226.8, margin: 12.0, size: 9.0, scale: 1.0 },
        }
    }
}

/// Lines of text and rules laid out downwards, by their depth from the top.
#[derive(Default)]
struct Lines {
    y: f32,
    lines: Vec<(f32, f32, Weight, Align, String)>,
    rules: Vec<f32>,
}

impl Lines {
    /// A line `dy` below the last.
    fn put(&mut self, dy: f32, size: f32, weight: Weight, align: Align, text: String) {
        self.y += dy;
        self.lines.push((self.y, size, weight, align, text));
    }

    /// `text` wrapped to `width`, a line per `dy`.
    fn wrapped(&mut self, dy: f32, width: f32, size: f32, weight: Weight, text: &str) {
        for t in wrap(text, width, size, weight) {
            self.put(dy, size, weight, Align::Left, t);
        }
    }

    /// A rule under the last line.
    fn rule(&mut self, size: f32) {
        self.rules.push(self.y + size * 0.5);
    }
}

/// The receipt of one redemption as PDF bytes.
pub fn receipt(r: &Receipt, paper: ReceiptPaper) -> Result<Vec<u8>> {
    crate::fonts::ready()?;
    let red = &r.redemption;
    check_name(&red.household, &r.head_of_household)?;
    check(&format!("{}{}{}{}", r.head.village, r.group, red.operator, red.goods_text()), || {
        format!("第 {} 号兑换", red.id)
    })?;
    if let Some(c) = &red.cancelled {
        check(&c.reason, || format!("第 {} 号兑换的作废原因", red.id))?;
    }
    let l = paper.layout();
    let inner = l.width - 2.0 * l.margin;
    let step = l.size * 1.6;
    let (body, small, big) = (l.size, l.size * 0.85, l.size * 1.35);
    // Laid out from the top, then placed once the height is known.
    let mut at = Lines::default();
    for t in wrap(&format!("{}积分超市兑换凭证", r.head.village), inner, big, Weight::Bold) {
        at.put(big * 1.5, big, Weight::Bold, Align::Centre, t);
    }
    at.put(step * 1.3, body, Weight::Regular, Align::Left, format!("编号：第 {} 号", red.id));
    at.put(step, body, Weight::Regular, Align::Left, format!("日期：{}", chinese_date(red.date)));
    let who = format!("户号：{}　户主：{}（{}）", red.household, r.head_of_household, r.group);
    at.wrapped(step, inner, body, Weight::Regular, &who);
    at.y += step * 0.5;
    at.rule(body);
    at.put(step, body, Weight::Bold, Align::Left, "物品　数量 × 单价　积分".into());
    at.rule(body);
    for g in &red.lines {
        let text =
            format!("{}　{} {} × {}　{} 分", g.name, g.qty, g.unit, points::format(g.price), points::format(g.cost()));
        at.wrapped(step, inner, body, Weight::Regular, &text);
    }
    at.rule(body);
    at.put(step, body, Weight::Bold, Align::Left, format!("合计：{} 分", points::format(red.cost())));
    match &red.cancelled {
        None => {
            let left = format!("兑换后可兑换积分余额：{} 分", points::format(r.balance_after));
            at.wrapped(step, inner, body, Weight::Regular, &left);
        }
        Some(c) => {
            let text = format!("本次兑换已于 {} 作废（{}），物品已回库，积分已退回。", chinese_date(c.date), c.reason);
            at.wrapped(step, inner, body, Weight::Bold, &text);
        }
    }
    at.wrapped(step, inner, small, Weight::Regular, "兑换只减可兑换积分，不影响积分排名和星级评定。");
    at.put(step * 1.8, body, Weight::Regular, Align::Left, format!("经办人：{}", red.operator));
    at.put(step * 1.8, body, Weight::Regular, Align::Left, "户主或家庭成员签名：＿＿＿＿＿＿".into());
    let height = match paper {
        ReceiptPaper::A5 => 841.89,
        ReceiptPaper::Roll80 => at.y + 2.0 * l.margin,
    };
    let top = height - l.margin;
    let mut page = Canvas::default();
    for (dy, size, weight, align, text) in &at.lines {
        page.text_in((l.margin, inner), top - dy, *size, *weight, *align, text);
    }
    for dy in &at.rules {
        page.rule((l.margin, top - dy), (l.margin + inner, top - dy), 0.6);
    }
    let title = format!("{}积分超市兑换凭证（第 {} 号）", r.head.village, red.id);
    Ok(pdf::save_sized(vec![page.finish()], (l.width, height), l.scale, meta(title, &r.head, red.date)))
}

/// The month's report (月度兑换台账) as PDF bytes.
pub fn shop_report(m: &MonthReport) -> Result<Vec<u8>> {
    crate::fonts::ready()?;
    for (r, head) in m.redemptions.iter().chain(&m.cancellations) {
        check_name(&r.household, head)?;
        check(&format!("{}{}", r.goods_text(), r.operator), || format!("第 {} 号兑换", r.id))?;
        if let Some(c) = &r.cancelled {
            check(&c.reason, || format!("第 {} 号兑换的作废原因", r.id))?;
        }
    }
    check(&format!("{}{}", m.head.village, m.head.issuer), || "抬头".into())?;
    let sizes = Sizes::new(false);
    let columns = vec![
        Column::new("日期", Align::Centre),
        Column::new("编号", Align::Centre),
        Column::new("户号", Align::Centre),
        Column::name("户主", Align::Left),
        Column::wrapping("物品", 14.0),
        Column::new("积分", Align::Right),
        Column::wrapping("备注", 9.0),
    ];
    let rows: Vec<Vec<String>> = m
        .redemptions
        .iter()
        .map(|(r, head)| {
            let note = r.cancelled.as_ref().map(|c| format!("已作废：{}", c.reason)).unwrap_or_default();
            vec![
                r.date.to_string(),
                r.id.to_string(),
                r.household.clone(),
                head.clone(),
                r.goods_text(),
                points::format(r.cost()),
                note,
            ]
        })
        .collect();
    let (sheet, table) = Sheet::fitting(columns, &rows, sizes.table, Paper::A4)?;
    let mut flow = Flow::new(sheet);
    let title = format!("{}积分超市{}兑换台账", m.head.village, m.title());
    prose::title(&mut flow, &title, sizes.title);
    let (count, spent) = m.totals();
    let intro = format!("本月兑换 {count} 次，共 {} 分（已作废的不计）。", points::format(spent));
    prose::paragraph(&mut flow, &intro, sizes.body, Weight::Regular, 2.0);
    prose::gap(&mut flow, sizes.body * 0.6);
    flow.start_table(table);
    for cells in &rows {
        flow.row(cells, Weight::Regular);
    }
    flow.end_table();
    if rows.is_empty() {
        prose::paragraph(&mut flow, "本月没有兑换。", sizes.body, Weight::Regular, 2.0);
    }
    if !m.cancellations.is_empty() {
        prose::gap(&mut flow, sizes.body);
        prose::paragraph(&mut flow, "本月作废", sizes.body, Weight::Bold, 0.0);
    }
    for (r, head) in &m.cancellations {
        let Some(c) = &r.cancelled else { continue };
        let text = format!(
            "{}　第 {} 号（{} 兑换，户号 {} {}）{}，退回 {} 分，物品回库：{}",
            c.date,
            r.id,
            r.date,
            r.household,
            head,
            r.goods_text(),
            points::format(r.cost()),
            c.reason
        );
        prose::paragraph(&mut flow, &text, sizes.body, Weight::Regular, 2.0);
    }
    prose::gap(&mut flow, sizes.body);
    prose::paragraph(&mut flow, "本月入库", sizes.body, Weight::Bold, 0.0);
    if m.deliveries.is_empty() {
        prose::paragraph(&mut flow, "无。", sizes.body, Weight::Regular, 2.0);
    }
    for d in &m.deliveries {
        let text = format!("{}　{} {} {}，来源：{}", d.date, d.goods, d.name, d.qty, d.source);
        prose::paragraph(&mut flow, &text, sizes.body, Weight::Regular, 2.0);
    }
    prose::gap(&mut flow, sizes.body);
    let stock_columns = vec![
        Column::new("物品编号", Align::Centre),
        Column::new("品名", Align::Left),
        Column::new("单位", Align::Centre),
        Column::new("月初", Align::Right),
        Column::new("入库", Align::Right),
        Column::new("出库", Align::Right),
        Column::new("月末库存", Align::Right),
    ];
    let stock_rows: Vec<Vec<String>> = m
        .stock
        .iter()
        .map(|s| {
            vec![
                s.goods.code.clone(),
                s.goods.name.clone(),
                s.goods.unit.clone(),
                s.opening.to_string(),
                s.received.to_string(),
                s.issued.to_string(),
                s.closing.to_string(),
            ]
        })
        .collect();
    let (_, stock_table) = Sheet::fitting(stock_columns, &stock_rows, sizes.table, Paper::A4)?;
    prose::paragraph(&mut flow, "库存", sizes.body, Weight::Bold, 0.0);
    let lines: Vec<Line> = stock_rows.iter().map(|cells| Line::Row(cells, Weight::Regular)).collect();
    flow.table_then(stock_table, &lines, |flow| {
        prose::gap(flow, sizes.body * 1.2);
        for sign in ["经办人：＿＿＿＿＿＿　　村务监督委员会审核：＿＿＿＿＿＿", "日期：＿＿＿＿年＿＿月＿＿日"]
        {
            prose::paragraph(flow, sign, sizes.body, Weight::Regular, 0.0);
        }
    });
    let last = m.redemptions.last().map(|(r, _)| r.date);
    let date = last.unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(m.year, m.month, 1).unwrap_or_default());
    finish(flow, sizes, &m.title(), meta(title, &m.head, date))
}
