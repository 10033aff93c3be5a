//! The parts of a printout around its tables: title, paragraphs, the
//! signature with room for the seal, and each page's running head and foot.

use crate::canvas::{fitted, wrap, wrap_units, Align, Canvas};
use crate::flow::{Flow, Sheet};
use crate::fonts::{Fonts, Weight};

/// Type sizes of one printout: normal, or large for reading from afar.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub title: f32,
    pub body: f32,
    pub table: f32,
    pub margin_note: f32,
}

impl Sizes {
    pub fn new(large: bool) -> Sizes {
        if large {
            Sizes { title: 26.0, body: 16.0, table: 16.0, margin_note: 12.0 }
        } else {
            Sizes { title: 20.0, body: 12.0, table: 11.0, margin_note: 9.0 }
        }
    }

    /// For the bulletin board (on A3, enlarged by √2): the table at 16 pt
    /// becomes about 23 pt, a character 8 mm high, read from 2 m; larger,
    /// the ranking no longer fits a portrait sheet and a page would hold
    /// half the rows.
    pub fn board() -> Sizes {
        Sizes { title: 28.0, body: 16.0, table: 16.0, margin_note: 12.0 }
    }
}

/// A title centred over the page; a long one (a group's sheet named for a
/// long group) wraps, each line centred.
pub(crate) fn title(flow: &mut Flow, text: &str, size: f32) {
    let width = flow.sheet.content_width();
    let lines = wrap(text, width, size, Weight::Bold);
    let (page, top) = flow.block(size * (0.8 + 1.4 * lines.len() as f32));
    for (i, line) in lines.iter().enumerate() {
        let y = top - size * 1.4 * (i + 1) as f32;
        page.text_in((Sheet::MARGIN_X, width), y, size, Weight::Bold, Align::Centre, line);
    }
}

/// A paragraph wrapped to the page width, indented by `indent` ems.
pub(crate) fn paragraph(flow: &mut Flow, text: &str, size: f32, weight: Weight, indent: f32) {
    let width = flow.sheet.content_width() - indent * size;
    draw_lines(flow, wrap(text, width, size, weight), size, weight, indent);
}

/// `lead` and then `items` separated by 、, wrapped between items only, so
/// no name or code is split across lines. Its last lines stay on one page
/// with the `after` points that follow (a closing block), which so never
/// stands alone.
pub(crate) fn items(flow: &mut Flow, lead: &str, items: &[String], size: f32, weight: Weight, after: f32) {
    let last = items.len().saturating_sub(1);
    let mut units = vec![lead.to_string()];
    units.extend(items.iter().enumerate().map(|(i, it)| if i < last { format!("{it}、") } else { it.clone() }));
    let lines = wrap_units(&units, flow.sheet.content_width(), size, weight);
    let kept = lines.len().saturating_sub(LINES_WITH_CLOSING);
    for (i, line) in lines.into_iter().enumerate() {
        if i == kept && after > 0.0 {
            flow.keep((lines_height(LINES_WITH_CLOSING, size) + after).min(flow.page_room()));
        }
        draw_lines(flow, vec![line], size, weight, 0.0);
    }
}

/// How many of a list's last lines go with what follows it.
const LINES_WITH_CLOSING: usize = 2;

fn lines_height(lines: usize, size: f32) -> f32 {
    lines as f32 * size * 1.6
}

fn draw_lines(flow: &mut Flow, lines: Vec<String>, size: f32, weight: Weight, indent: f32) {
    for line in lines {
        let (page, top) = flow.block(lines_height(1, size));
        page.text(Sheet::MARGIN_X + indent * size, top - size * 1.2, size, weight, &line);
    }
}

pub(crate) fn gap(flow: &mut Flow, height: f32) {
    flow.block(height);
}

/// The signature block's height, in ems of its type size.
pub(crate) const SIGNATURE_HEIGHT: f32 = 7.0;

/// The issuer and date at the right, with room above for the seal, kept
/// together on one page.
pub(crate) fn signature(flow: &mut Flow, issuer: &str, date: &str, size: f32) {
    let width = flow.sheet.content_width();
    let (page, top) = flow.block(size * SIGNATURE_HEIGHT);
    let right = |page: &mut Canvas, y: f32, text: &str| {
        page.text_in((Sheet::MARGIN_X, width - size * 2.0), y, size, Weight::Regular, Align::Right, text);
    };
    right(page, top - size * 3.6, &format!("{issuer}（盖章）"));
    right(page, top - size * 5.2, date);
}

/// The line at the top of every page and the page number at its foot.
pub(crate) fn decorate(page: &mut Canvas, sheet: Sheet, size: f32, left: &str, right: &str, no: usize, count: usize) {
    let (w, h) = sheet.size();
    let x = Sheet::MARGIN_X;
    let width = w - 2.0 * x;
    let y = h - Sheet::TOP + size * 1.2;
    // A head too long to stand beside the right-hand text is set smaller,
    // then onto two lines rising from the rule.
    let beside = width - Fonts::get().width(right, size * 1.2, Weight::Bold) - size * 2.0;
    let (small, lines) = fitted(left, beside, (size, size * 0.75), 1, Weight::Regular);
    for (i, line) in lines.iter().enumerate() {
        page.text(x, y + small * 1.2 * (lines.len() - 1 - i) as f32, small, Weight::Regular, line);
    }
    page.text_in((x, width), y, size * 1.2, Weight::Bold, Align::Right, right);
    page.rule((x, y - size * 0.6), (x + width, y - size * 0.6), 0.5);
    let foot = format!("第 {no} 页 共 {count} 页");
    page.text_in((x, width), Sheet::BOTTOM - size * 2.6, size * 1.1, Weight::Regular, Align::Centre, &foot);
}
