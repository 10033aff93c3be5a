//! One page's drawing: text placed at page positions (origin bottom-left,
//! points), rules and shaded bands. Text runs share one text object, rules
//! are drawn after all text, and the font is set only when it changes, so a
//! 2,000-row notice stays small.

use std::borrow::Cow;

use printpdf::{
    Color, CurTransMat, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, TextItem,
    TextRenderingMode,
};

use crate::fonts::{Face, Fonts, Weight};

/// A piece of text drawn by one font.
struct Run<'a> {
    face: Face,
    text: &'a str,
    /// How far it moves the pen, in thousandths of the size.
    advance: f32,
}

/// `text` cut where the font that draws it changes (a character neither
/// has — refused before printing — stays with the main font).
fn runs(text: &str) -> Vec<Run<'_>> {
    let fonts = Fonts::get();
    let mut out: Vec<Run> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let glyph = fonts.glyph(c);
        let face = glyph.map_or(Face::Main, |g| g.face);
        let advance = glyph.map_or(0.0, |g| f32::from(g.width));
        let end = i + c.len_utf8();
        match out.last_mut() {
            Some(run) if run.face == face => {
                run.text = &text[start..end];
                run.advance += advance;
            }
            _ => {
                start = i;
                out.push(Run { face, text: &text[i..end], advance });
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// A font's resource name; fixed (not random) so that printing the same
/// thing twice gives the same bytes. Six capitals make the subset tag.
fn resource_name(face: Face) -> &'static str {
    match face {
        Face::Main => "JFBREG",
        Face::Second => "JFBEXT",
    }
}

pub(crate) fn font_id(face: Face) -> FontId {
    FontId(resource_name(face).into())
}

/// The face a page's font resource `id` names, if it is one of ours.
pub(crate) fn face_named(id: &FontId) -> Option<Face> {
    [Face::Main, Face::Second].into_iter().find(|f| resource_name(*f) == id.0)
}

#[derive(Default)]
pub(crate) struct Canvas {
    ops: Vec<Op>,
    in_text: bool,
    /// The font and size set in the current text object.
    size: Option<(Face, f32)>,
    /// Text is being stroked as well as filled (bold). Text state outlives
    /// text objects, so this is the page's, not the object's.
    bold: bool,
    /// Where the current text line starts: text moves relative to it (`Td`),
    /// which is shorter in the file than placing each run absolutely.
    origin: (f32, f32),
    /// Where the last text shown left the pen. While that text is still the
    /// last operation, more text on its baseline joins it as one `TJ`, the
    /// gap a kerning number: a table row is one operation, not one a cell.
    shown: Option<Shown>,
    /// Rules are drawn last, together, so text is not split into a text
    /// object per table row.
    rules: Vec<Op>,
    thickness: f32,
}

#[derive(Debug, Clone, Copy)]
struct Shown {
    baseline: f32,
    /// Where the pen stands after it, as a PDF viewer moves it.
    pen: f32,
}

/// Positions to a tenth of a point (0.035 mm): short numbers in the file.
fn tenth(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

impl Canvas {
    /// `text` with its left end at `x` and its baseline at `y`.
    pub fn text(&mut self, x: f32, y: f32, size: f32, weight: Weight, text: &str) {
        let text = &typeset(text);
        if text.is_empty() {
            return;
        }
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
            self.size = None;
            self.origin = (0.0, 0.0);
        }
        let bold = weight == Weight::Bold;
        if bold != self.bold || (bold && self.size.map(|(_, s)| s) != Some(size)) {
            self.set_weight(weight, size);
        }
        let (x, y) = (tenth(x), tenth(y));
        let runs = runs(text);
        if let (Some(shown), Some(Op::ShowText { items }), [run]) = (self.shown, self.ops.last_mut(), runs.as_slice()) {
            if shown.baseline == y && self.size == Some((run.face, size)) {
                // A kerning number (thousandths of the size, to a tenth)
                // moves the pen from where the text before left it to `x`.
                let kern = tenth((shown.pen - x) * 1000.0 / size);
                if kern != 0.0 {
                    items.push(TextItem::Offset(kern));
                }
                items.push(TextItem::Text(run.text.to_string()));
                self.shown = Some(Shown { pen: shown.pen + (run.advance - kern) * size / 1000.0, ..shown });
                return;
            }
        }
        let (dx, dy) = (tenth(x - self.origin.0), tenth(y - self.origin.1));
        self.ops.push(Op::SetTextCursor { pos: Point { x: Pt(dx), y: Pt(dy) } });
        self.origin = (x, y);
        // A run per font: each shown text moves the pen on by its width.
        let mut pen = x;
        for run in runs {
            if self.size != Some((run.face, size)) {
                self.ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(run.face)), size: Pt(size) });
                self.size = Some((run.face, size));
            }
            pen += run.advance * size / 1000.0;
            // The second font has no bold, and its dense rare characters
            // (𪚥) fill in when stroked: they print in regular weight.
            let plain = self.bold && run.face == Face::Second;
            if plain {
                self.ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
            }
            self.ops.push(Op::ShowText { items: vec![TextItem::Text(run.text.to_string())] });
            if plain {
                self.ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
            }
        }
        self.shown = Some(Shown { baseline: y, pen });
    }

    /// `text` aligned within `(x, width)`, the span `x .. x + width`.
    pub fn text_in(&mut self, (x, width): (f32, f32), y: f32, size: f32, weight: Weight, align: Align, text: &str) {
        let text = &typeset(text);
        let w = Fonts::get().width(text, size, weight);
        let left = match align {
            Align::Left => x,
            Align::Centre => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text(left, y, size, weight, text);
    }

    /// Bold is the regular face filled and stroked with a thin outline.
    fn set_weight(&mut self, weight: Weight, size: f32) {
        self.bold = weight == Weight::Bold;
        let mode = if self.bold {
            self.ops.push(Op::SetOutlineThickness { pt: Pt((Weight::BOLD_STROKE * size * 100.0).round() / 100.0) });
            TextRenderingMode::FillStroke
        } else {
            TextRenderingMode::Fill
        };
        self.ops.push(Op::SetTextRenderingMode { mode });
    }

    pub fn rule(&mut self, from: (f32, f32), to: (f32, f32), thickness: f32) {
        if thickness != self.thickness {
            self.rules.push(Op::SetOutlineThickness { pt: Pt(thickness) });
            self.thickness = thickness;
        }
        let point = |(x, y): (f32, f32)| LinePoint { p: Point { x: Pt(tenth(x)), y: Pt(tenth(y)) }, bezier: false };
        self.rules.push(Op::DrawLine { line: Line { points: vec![point(from), point(to)], is_closed: false } });
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

    /// `text` large and light across the page, rising at 35° from the
    /// lower left, under everything else on it: a draft's watermark.
    pub fn watermark(&mut self, (w, h): (f32, f32), size: f32, text: &str) {
        let width = Fonts::get().width(text, size, Weight::Regular);
        let (sin, cos) = 35_f32.to_radians().sin_cos();
        // Drawn on a canvas of its own inside q … Q and put first, so the
        // page's own text and its state come after, untouched.
        let mut mark = Canvas::default();
        mark.ops.push(Op::SaveGraphicsState);
        mark.ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: 0.88, icc_profile: None }) });
        mark.ops
            .push(Op::SetTransformationMatrix { matrix: CurTransMat::Raw([cos, sin, -sin, cos, w / 2.0, h / 2.0]) });
        mark.text(-width / 2.0, -size / 3.0, size, Weight::Regular, text);
        mark.end_text();
        mark.ops.push(Op::RestoreGraphicsState);
        self.ops.splice(0..0, mark.finish());
    }

    fn end_text(&mut self) {
        if std::mem::take(&mut self.in_text) {
            self.ops.push(Op::EndTextSection);
        }
    }

    pub fn finish(mut self) -> Vec<Op> {
        self.end_text();
        self.ops.append(&mut self.rules);
        self.ops
    }
}

/// Text as printed: a number's minus is the true minus sign (U+2212), as
/// wide as a plus and easy to see, not the short ASCII hyphen; every paper
/// prints it so (it is copied out of the PDF as a hyphen, see `pdf.rs`). A
/// hyphen inside a date or a code stays as it is. Text with no hyphen,
/// nearly all, comes back as it is without a copy.
pub(crate) fn typeset(text: &str) -> Cow<'_, str> {
    if !text.contains('-') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let starts_number = prev.is_none_or(|p| p.is_whitespace() || "（(：:，,".contains(p));
        if c == '-' && starts_number && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('\u{2212}');
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// Splits `text` into lines no wider than `width`. Chinese breaks between
/// any two characters, but a run of letters and digits (a code, a phone
/// number such as 0571-123456) stays whole, no line starts with closing
/// punctuation and none ends with opening punctuation; explicit line breaks
/// are kept.
pub(crate) fn wrap(text: &str, width: f32, size: f32, weight: Weight) -> Vec<String> {
    typeset(text).split('\n').flat_map(|para| wrap_units(&with_labels(units(para)), width, size, weight)).collect()
}

/// The size, from `most` down to `least` a point at a time, at which
/// `text` fits `width` on at most `lines` lines, and those lines: a long
/// name wraps before it shrinks. At `least` it takes the lines it needs.
pub(crate) fn fitted(
    text: &str,
    width: f32,
    (most, least): (f32, f32),
    lines: usize,
    weight: Weight,
) -> (f32, Vec<String>) {
    let mut size = most;
    while size > least {
        let wrapped = wrap(text, width, size, weight);
        if wrapped.len() <= lines {
            return (size, wrapped);
        }
        size -= 1.0;
    }
    (least, wrap(text, width, least, weight))
}

/// Lays `units` (pieces never split unless wider than a line) into lines
/// no wider than `width`.
pub(crate) fn wrap_units(units: &[String], width: f32, size: f32, weight: Weight) -> Vec<String> {
    let mut lines = fill(units, width, size, weight);
    // No last line of a lone character (办, 户）。): the piece before it
    // comes down too, with any space between them, if it fits there.
    let n = lines.len();
    let lone =
        |line: &[String]| line.concat().chars().filter(|c| !is_punctuation(*c) && !c.is_whitespace()).count() == 1;
    if n >= 2 && lone(&lines[n - 1]) {
        let blank = |u: &String| u.trim().is_empty();
        let keep = lines[n - 2].iter().rposition(|u| !blank(u)).unwrap_or(0);
        let moved: Vec<String> = lines[n - 2][keep..].to_vec();
        let fits = Fonts::get().width(&(moved.concat() + &lines[n - 1].concat()), size, weight) <= width;
        if keep > 0 && fits && lines[n - 2][..keep].iter().any(|u| !blank(u)) {
            lines[n - 2].truncate(keep);
            lines[n - 1].splice(0..0, moved);
        }
    }
    lines.into_iter().map(|line| line.concat()).collect()
}

fn is_punctuation(c: char) -> bool {
    CLOSING.contains(c)
}

/// How far past a width text may reach and still count as fitting: a
/// hundredth of a point, far below what shows, far above float rounding.
pub(crate) const FIT_SLACK: f32 = 0.01;

/// Marks that never start a line: they stay with what comes before. The
/// middle dot joins the parts of a transcribed name (买买提明·阿不都热合曼),
/// so a name breaks after it.
const CLOSING: &str = "，。、；：？！）》」』】,.;:?!)]·・";

/// Greedy filling: as many units on a line as fit; each line as its
/// pieces (a unit wider than a line is cut into characters).
fn fill(units: &[String], width: f32, size: f32, weight: Weight) -> Vec<Vec<String>> {
    let fonts = Fonts::get();
    // A column sized to its widest cell is that wide give or take a
    // rounding error: the cell still fits.
    let width = width + FIT_SLACK;
    let (mut lines, mut line, mut w): (Vec<Vec<String>>, Vec<String>, f32) = (Vec::new(), Vec::new(), 0.0);
    let mut buf = [0u8; 4];
    for unit in units {
        let uw = fonts.width(unit, size, weight);
        if !line.is_empty() && w + uw > width {
            lines.push(std::mem::take(&mut line));
            w = 0.0;
        }
        if uw > width {
            // Wider than a line on its own: by characters after all.
            for c in unit.chars() {
                let cw = fonts.width(c.encode_utf8(&mut buf), size, weight);
                if !line.is_empty() && w + cw > width {
                    lines.push(std::mem::take(&mut line));
                    w = 0.0;
                }
                line.push(c.to_string());
                w += cw;
            }
        } else {
            line.push(unit.clone());
            w += uw;
        }
    }
    lines.push(line);
    lines
}

/// The pieces a line may break between: each Chinese character, each run
/// of letters, digits and the marks inside codes and numbers, with closing
/// punctuation kept after and opening punctuation before its neighbour.
fn units(text: &str) -> Vec<String> {
    const OPENING: &str = "（《「『【([";
    let in_run = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/' | '_' | '+' | '@' | '#');
    let mut units: Vec<String> = Vec::new();
    let mut opening = String::new();
    for c in text.chars() {
        let joins_run =
            in_run(c) && units.last().is_some_and(|u| u.chars().last().is_some_and(in_run)) && opening.is_empty();
        if CLOSING.contains(c) || joins_run {
            match units.last_mut() {
                Some(last) => last.push(c),
                None => units.push(c.to_string()),
            }
        } else if OPENING.contains(c) {
            opening.push(c);
        } else {
            units.push(std::mem::take(&mut opening) + &c.to_string());
        }
    }
    if !opening.is_empty() {
        units.push(opening);
    }
    units
}

/// A blank to fill in by hand (`____`, `＿＿`) keeps the label before it
/// whole: a signature line breaks between 审核人：____ and
/// 村务监督委员会：____, never inside 村务监督委员会. A label is the few
/// characters after the last space.
fn with_labels(units: Vec<String>) -> Vec<String> {
    const LONGEST_LABEL: usize = 10;
    let blank = |u: &str| !u.is_empty() && u.chars().all(|c| c == '_' || c == '＿');
    let mut out: Vec<String> = Vec::with_capacity(units.len());
    for unit in units {
        match out.last_mut() {
            Some(last) if blank(&unit) && last.ends_with(['_', '＿']) => last.push_str(&unit),
            Some(last) if blank(&unit) && last.ends_with('：') => {
                let space = out.iter().rposition(|u| u.chars().all(char::is_whitespace));
                let start = space.map_or(0, |i| i + 1).max(out.len().saturating_sub(LONGEST_LABEL));
                let label: String = out.drain(start..).collect();
                out.push(label + &unit);
            }
            _ => out.push(unit),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A signature line breaks between its labels, never inside one.
    #[test]
    fn a_label_stays_with_its_blank() {
        let line = "经办人：__________　　审核人：__________　　村务监督委员会：__________";
        let lines = wrap(line, 200.0, 10.0, Weight::Regular);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().any(|l| l.trim_start().starts_with("村务监督委员会：__________")), "{lines:?}");
        assert_eq!(lines.concat(), line);
        assert_eq!(with_labels(units("日期：＿＿年＿＿月")), ["日期：＿＿", "年", "＿＿", "月"]);
    }

    #[test]
    fn wraps_chinese_by_measured_width() {
        let lines = wrap("对积分有异议的请在公示期内提出", 50.0, 10.0, Weight::Regular);
        assert_eq!(lines, ["对积分有异", "议的请在公", "示期内提出"]);
        assert_eq!(wrap("甲\n乙", 100.0, 10.0, Weight::Regular), ["甲", "乙"]);
    }

    /// Issue 15, item 6: a phone number never breaks across lines, and no
    /// line starts with a closing mark.
    #[test]
    fn codes_and_numbers_stay_whole_and_punctuation_stays_put() {
        let lines = wrap("请到村委会办公室（电话 0571-123456）提出", 80.0, 10.0, Weight::Regular);
        assert!(lines.iter().any(|l| l.contains("0571-123456")), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with('）') && !l.ends_with('（')), "{lines:?}");
        assert_eq!(units("韩正（02009）、"), ["韩", "正", "（02009）、"]);
    }

    /// Issue 25, item 8: 「户）」 never stands alone on a last line, and 「（」
    /// never ends one, at any width of six characters or more.
    #[test]
    fn no_lone_closing_word_at_any_width() {
        let text = "根据《青溪村村民积分通则（2025版）》，现将本村2025年第一季度各户积分情况公示如下（共 114 户）。";
        for width in (60..400).map(|w| w as f32) {
            let lines = wrap(text, width, 10.0, Weight::Regular);
            assert_eq!(lines.concat(), text);
            let last = lines.last().unwrap();
            let chars = last.chars().filter(|c| !is_punctuation(*c) && !c.is_whitespace()).count();
            assert!(lines.len() == 1 || chars > 1, "{width}: {lines:?}");
            assert!(lines.iter().all(|l| !l.ends_with('（')), "{width}: {lines:?}");
        }
    }

    /// Issue 15, item 10: no character is left alone on the last line.
    #[test]
    fn no_lone_character_on_the_last_line() {
        let lines = wrap("参加消防、防诈骗等安全培训办", 60.0, 10.0, Weight::Regular);
        assert!(lines.last().unwrap().chars().count() >= 2, "{lines:?}");
        assert_eq!(lines.concat(), "参加消防、防诈骗等安全培训办");
    }
}

#[cfg(test)]
mod ink_tests {
    use super::*;
    use crate::pdf::{save_sized, Meta};

    /// A 200-point square page with `draw` on it, rendered in grey by
    /// poppler's pdftoppm: (width, height, pixels).
    fn rendered(name: &str, draw: impl FnOnce(&mut Canvas)) -> Vec<u8> {
        let mut page = Canvas::default();
        draw(&mut page);
        let meta = Meta {
            title: name.into(),
            subject: String::new(),
            author: String::new(),
            keywords: vec![],
            date: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        };
        let pdf = save_sized(vec![page.finish()], (200.0, 200.0), 1.0, meta);
        let path = std::env::temp_dir().join(format!("jifenbu-ink-{}-{name}.pdf", std::process::id()));
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdftoppm").args(["-gray", "-r", "72"]).arg(&path).output();
        let _ = std::fs::remove_file(&path);
        let pgm = out.expect("pdftoppm (poppler-utils)").stdout;
        // P5 header: magic, width, height, maximum, each ended by whitespace.
        let mut fields = 0;
        let start = pgm.iter().position(|b| {
            if b.is_ascii_whitespace() {
                fields += 1;
            }
            fields == 4
        });
        pgm[start.expect("a PGM image") + 1..].to_vec()
    }

    fn ink(pixels: &[u8]) -> usize {
        pixels.iter().filter(|&&p| p < 128).count()
    }

    /// Issue 25, item 8: a rare character in bold text prints as it does in
    /// regular text, not stroked into a blob.
    #[test]
    fn a_rare_character_in_bold_is_not_a_blob() {
        let bold = rendered("bold", |page| page.text(30.0, 60.0, 120.0, Weight::Bold, "\u{2A6A5}"));
        let regular = rendered("regular", |page| page.text(30.0, 60.0, 120.0, Weight::Regular, "\u{2A6A5}"));
        assert!(ink(&regular) > 200);
        assert_eq!(ink(&bold), ink(&regular), "𪚥 in bold is stroked");
        let main = rendered("main-bold", |page| page.text(30.0, 60.0, 120.0, Weight::Bold, "龍"));
        let thin = rendered("main-regular", |page| page.text(30.0, 60.0, 120.0, Weight::Regular, "龍"));
        assert!(ink(&main) > ink(&thin), "the main font's bold is stroked as before");
    }

    /// Issue 15, item 1: 𠮷 (Extension B) and 𰀀 (Extension G) print as
    /// glyphs of the second font, not as the main font's empty box.
    #[test]
    fn rare_characters_print_as_glyphs_not_boxes() {
        for (name, c) in [("b", "\u{20BB7}"), ("g", "\u{30000}")] {
            let glyph = rendered(name, |page| page.text(40.0, 60.0, 120.0, Weight::Regular, c));
            // What the main font alone would draw: its .notdef box.
            let boxed = rendered(&format!("{name}-box"), |page| {
                page.ops.push(Op::StartTextSection);
                page.ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(Face::Main)), size: Pt(120.0) });
                page.ops.push(Op::SetTextCursor { pos: Point { x: Pt(40.0), y: Pt(60.0) } });
                page.ops.push(Op::ShowText { items: vec![TextItem::Text(c.into())] });
                page.ops.push(Op::EndTextSection);
            });
            assert!(ink(&glyph) > 200, "U+{:X} left no ink", c.chars().next().unwrap() as u32);
            assert_ne!(glyph, boxed, "U+{:X} printed as the main font's box", c.chars().next().unwrap() as u32);
        }
    }
}

#[cfg(test)]
mod join_tests {
    use super::*;

    /// Text on the baseline of the text just shown joins it as one `TJ`:
    /// a kerning number takes the pen from the end of 积分 (20 points on
    /// from 10) to 60, in thousandths of the 10-point size.
    #[test]
    fn text_on_one_baseline_is_one_show_text() {
        let mut page = Canvas::default();
        page.text(10.0, 100.0, 10.0, Weight::Regular, "积分");
        page.text(60.0, 100.0, 10.0, Weight::Regular, "12");
        page.text(10.0, 80.0, 10.0, Weight::Regular, "下");
        let shown: Vec<&Vec<TextItem>> = page
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::ShowText { items } => Some(items),
                _ => None,
            })
            .collect();
        assert_eq!(shown.len(), 2, "a new baseline starts a new text");
        match shown[0].as_slice() {
            [TextItem::Text(a), TextItem::Offset(kern), TextItem::Text(b)] => {
                assert_eq!((a.as_str(), *kern, b.as_str()), ("积分", -3000.0, "12"));
            }
            other => panic!("{other:?}"),
        }
    }
}
