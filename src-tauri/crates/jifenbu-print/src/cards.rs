//! A closed year's star households, one printout each: the certificate
//! (奖状, A4 landscape) handed over at the village meeting, or the door card
//! (门牌, two to an A4 sheet, cut apart, printed on card) posted by the door.
//! Both carry the year's verification code.

use jifenbu_core::notice::chinese_date;
use jifenbu_core::points;
use jifenbu_core::year::{AnnualNotice, YearRow};

use crate::canvas::{self, wrap, Align, Canvas};
use crate::error::{check, check_name, Result};
use crate::flow::{Paper, Sheet};
use crate::fonts::Weight;
use crate::pdf::{self, Meta};

/// Which printout (`year cards --kind`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CardKind {
    #[default]
    Certificate,
    Door,
}

/// The certificates or door cards of the households with at least
/// `min_stars` stars (1 at least), in rank order, as PDF bytes.
pub fn cards(n: &AnnualNotice, kind: CardKind, chosen: &[&YearRow]) -> Result<Vec<u8>> {
    crate::fonts::ready()?;
    for r in chosen {
        check_name(&r.code, &r.head)?;
        check(&r.group, || format!("户号 {} 的村民小组", r.code))?;
    }
    check(&format!("{}{}", n.head.village, n.head.issuer), || "抬头".into())?;
    let (sheet, pages) = match kind {
        CardKind::Certificate => {
            let sheet = Sheet { paper: Paper::A4, landscape: true };
            (sheet, chosen.iter().map(|r| certificate(n, r, sheet)).collect::<Vec<_>>())
        }
        CardKind::Door => {
            let sheet = Sheet { paper: Paper::A4, landscape: false };
            (sheet, chosen.chunks(2).map(|pair| door_cards(n, pair, sheet)).collect())
        }
    };
    let what = match kind {
        CardKind::Certificate => "星级文明户奖状",
        CardKind::Door => "星级文明户门牌",
    };
    let year = n.ranking.year;
    let meta = Meta {
        title: format!("{} {year}年度{what}", n.head.village),
        subject: format!("{} {year}年度{what}（{} 户）", n.head.village, chosen.len()),
        author: n.head.issuer.clone(),
        keywords: vec![n.head.village.clone(), year.to_string(), n.digest.clone()],
        date: n.closed_on,
    };
    Ok(pdf::save(pages, sheet, meta))
}

fn stars(r: &YearRow) -> String {
    "★".repeat(usize::from(r.stars))
}

/// One certificate on an A4 landscape page.
fn certificate(n: &AnnualNotice, r: &YearRow, sheet: Sheet) -> Vec<printpdf::Op> {
    let (w, h) = sheet.size();
    let mut page = Canvas::default();
    // A double frame, as certificates have.
    for (inset, thickness) in [(24.0, 2.4), (32.0, 0.8)] {
        let (l, b, r_, t) = (inset, inset, w - inset, h - inset);
        for (from, to) in [((l, b), (r_, b)), ((r_, b), (r_, t)), ((r_, t), (l, t)), ((l, t), (l, b))] {
            page.rule(from, to, thickness);
        }
    }
    let x = 90.0;
    let width = w - 2.0 * x;
    page.text_in((x, width), h - 130.0, 54.0, Weight::Bold, Align::Centre, "奖　状");
    let body = format!(
        "　　{}户（户号 {}，{}）：在{}{}年度村民积分评比中，年度积分 {} 分，被评为{}星级文明户。特发此状，以资鼓励。",
        r.head,
        r.code,
        r.group,
        n.head.village,
        n.ranking.year,
        points::format(r.annual),
        chinese_number(r.stars),
    );
    let size = 22.0;
    let mut y = h - 210.0;
    for line in wrap(&body, width, size, Weight::Regular) {
        page.text(x, y, size, Weight::Regular, &line);
        y -= size * 1.8;
    }
    page.text_in((x, width), y - 10.0, 40.0, Weight::Regular, Align::Centre, &stars(r));
    let right = |page: &mut Canvas, y: f32, text: &str, size: f32| {
        page.text_in((x, width), y, size, Weight::Regular, Align::Right, text);
    };
    right(&mut page, 100.0, &chinese_date(n.closed_on), 20.0);
    // The issuer over the date, rising if it takes more than a line.
    let (size, lines) = fitted(&format!("{}（盖章）", n.head.issuer), width, 20.0, 1);
    for (i, line) in lines.iter().rev().enumerate() {
        right(&mut page, 130.0 + i as f32 * size * 1.25, line, size);
    }
    page.text(x - 40.0, 48.0, 9.0, Weight::Regular, &format!("校验码 {}", n.verification_code()));
    page.finish()
}

/// Two door cards on an A4 page, a cut line between them.
fn door_cards(n: &AnnualNotice, pair: &[&YearRow], sheet: Sheet) -> Vec<printpdf::Op> {
    let (w, h) = sheet.size();
    let mut page = Canvas::default();
    let half = h / 2.0;
    // The cut line, dashed by short rules.
    let mut x = 20.0;
    while x < w - 20.0 {
        page.rule((x, half), (x + 8.0, half), 0.5);
        x += 14.0;
    }
    for (i, r) in pair.iter().enumerate() {
        let top = h - half * i as f32;
        let (l, b, r_, t) = (28.0, top - half + 28.0, w - 28.0, top - 28.0);
        for (from, to) in [((l, b), (r_, b)), ((r_, b), (r_, t)), ((r_, t), (l, t)), ((l, t), (l, b))] {
            page.rule(from, to, 3.0);
        }
        let width = r_ - l;
        page.text_in(
            (l, width),
            t - 56.0,
            30.0,
            Weight::Bold,
            Align::Centre,
            &format!("{}年度 星级文明户", n.ranking.year),
        );
        page.text_in((l, width), t - 150.0, 64.0, Weight::Regular, Align::Centre, &stars(r));
        // The name on two lines if it must, smaller only past that; the
        // code and group smaller first: every name the roster takes fits.
        let inner = (l + 20.0, width - 40.0);
        let (size, name) = fitted(&format!("户主　{}", r.head), inner.1, 36.0, 2);
        let mut y = if name.len() > 1 { t - 200.0 } else { t - 218.0 };
        for (i, line) in name.iter().enumerate() {
            if i > 0 {
                y -= size * 1.2;
            }
            page.text_in(inner, y, size, Weight::Bold, Align::Centre, line);
        }
        let (size, code) = fitted(&format!("户号 {}　{}", r.code, r.group), inner.1, 22.0, 1);
        y -= 44.0;
        for line in &code {
            page.text_in(inner, y, size, Weight::Regular, Align::Centre, line);
            y -= size * 1.2;
        }
        let (size, issuer) = fitted(&n.head.issuer, inner.1, 20.0, 1);
        for (i, line) in issuer.iter().rev().enumerate() {
            page.text_in(inner, b + 34.0 + i as f32 * size * 1.2, size, Weight::Regular, Align::Centre, line);
        }
        page.text_in(
            (l + 10.0, width - 20.0),
            b + 10.0,
            8.0,
            Weight::Regular,
            Align::Right,
            &format!("校验码 {}", n.verification_code()),
        );
    }
    page.finish()
}

/// The smallest type on a card or certificate: still read at arm's length.
const LEAST_SIZE: f32 = 14.0;

/// `text` on at most `lines` lines of `width`, as large as it can be up to
/// `size` and no smaller than [`LEAST_SIZE`].
fn fitted(text: &str, width: f32, size: f32, lines: usize) -> (f32, Vec<String>) {
    canvas::fitted(text, width, (size, LEAST_SIZE), lines, Weight::Bold)
}

/// 一 … 五 for a star level (levels beyond are written as digits).
fn chinese_number(n: u8) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    DIGITS.get(usize::from(n)).map_or_else(|| n.to_string(), |d| d.to_string())
}
