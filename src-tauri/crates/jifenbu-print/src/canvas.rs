//! One page's drawing: text placed absolutely (origin bottom-left, points),
//! rules and shaded bands. Text runs share one text object until a rule is
//! drawn, and the font is set only when it changes, so a 2,000-row notice
//! stays small.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, TextItem, TextMatrix,
};

use crate::fonts::{Fonts, Weight};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// Resource names of the two faces; fixed (not random) so that printing the
/// same thing twice gives the same bytes. Six capitals make the subset tag.
pub(crate) fn font_id(weight: Weight) -> FontId {
    FontId(match weight {
        Weight::Regular => "JFBREG".into(),
        Weight::Bold => "JFBBLD".into(),
    })
}

#[derive(Default)]
pub(crate) struct Canvas {
    ops: Vec<Op>,
    /// Inside a text object, with this font and size set.
    font: Option<Option<(Weight, f32)>>,
}

impl Canvas {
    /// `text` with its left end at `x` and its baseline at `y`.
    pub fn text(&mut self, x: f32, y: f32, size: f32, weight: Weight, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.font.is_none() {
            self.ops.push(Op::StartTextSection);
            self.font = Some(None);
        }
        if self.font != Some(Some((weight, size))) {
            self.ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(weight)), size: Pt(size) });
            self.font = Some(Some((weight, size)));
        }
        self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(y)) });
        self.ops.push(Op::ShowText { items: vec![TextItem::Text(text.to_string())] });
    }

    /// `text` aligned within `(x, width)`, the span `x .. x + width`.
    pub fn text_in(&mut self, (x, width): (f32, f32), y: f32, size: f32, weight: Weight, align: Align, text: &str) {
        let w = Fonts::get().width(text, size, weight);
        let left = match align {
            Align::Left => x,
            Align::Centre => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text(left, y, size, weight, text);
    }

    pub fn rule(&mut self, from: (f32, f32), to: (f32, f32), thickness: f32) {
        self.end_text();
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        let point = |(x, y): (f32, f32)| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        self.ops.push(Op::DrawLine { line: Line { points: vec![point(from), point(to)], is_closed: false } });
    }

    /// A filled band, `grey` from 0 (black) to 1 (white), e.g. behind a header.
    pub fn band(&mut self, x: f32, y: f32, width: f32, height: f32, grey: f32) {
        self.end_text();
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: grey, icc_profile: None }) });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(width),
                height: Pt(height),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    fn end_text(&mut self) {
        if self.font.take().is_some() {
            self.ops.push(Op::EndTextSection);
        }
    }

    pub fn finish(mut self) -> Vec<Op> {
        self.end_text();
        self.ops
    }
}

/// Splits `text` into lines no wider than `width`. Chinese breaks between
/// any two characters; explicit line breaks are kept.
pub(crate) fn wrap(text: &str, width: f32, size: f32, weight: Weight) -> Vec<String> {
    let fonts = Fonts::get();
    let mut lines = Vec::new();
    let mut buf = [0u8; 4];
    for para in text.split('\n') {
        let (mut line, mut w) = (String::new(), 0.0);
        for c in para.chars() {
            let cw = fonts.width(c.encode_utf8(&mut buf), size, weight);
            if !line.is_empty() && w + cw > width {
                lines.push(std::mem::take(&mut line));
                w = 0.0;
            }
            line.push(c);
            w += cw;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_chinese_by_measured_width() {
        let lines = wrap("对积分有异议的请在公示期内提出", 50.0, 10.0, Weight::Regular);
        assert_eq!(lines, ["对积分有异", "议的请在公", "示期内提出"]);
        assert_eq!(wrap("甲\n乙", 100.0, 10.0, Weight::Regular), ["甲", "乙"]);
    }
}
