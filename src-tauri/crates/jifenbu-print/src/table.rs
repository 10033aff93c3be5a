//! Ruled tables whose column widths come from what they hold, measured in
//! the font: a notice's numbers never collide, long item names wrap.

use std::borrow::Cow;

use crate::canvas::{typeset, wrap, wrap_units, Align, Canvas, FIT_SLACK};
use crate::fonts::{Fonts, Weight};

#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub title: &'static str,
    pub align: Align,
    /// Text wider than this many ems wraps onto more lines.
    pub wrap_ems: Option<f32>,
}

impl Column {
    pub fn new(title: &'static str, align: Align) -> Column {
        Column { title, align, wrap_ems: None }
    }

    pub fn wrapping(title: &'static str, ems: f32) -> Column {
        Column { title, align: Align::Left, wrap_ems: Some(ems) }
    }

    /// A name or code column: it keeps its widest cell when there is room
    /// and wraps its long cells when there is not.
    pub fn name(title: &'static str, align: Align) -> Column {
        Column { title, align, wrap_ems: Some(f32::INFINITY) }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    columns: Vec<Column>,
    widths: Vec<f32>,
    /// Each column's title, on one line or split over two.
    titles: Vec<Vec<String>>,
    /// For a right-aligned column, the widest fraction (`.83`) of its
    /// numbers: each number's point is set that far in from the right, so
    /// the decimal points line up.
    fractions: Vec<f32>,
    pub size: f32,
    /// Space each side of a cell's text.
    pad: f32,
}

/// Shading of the header row and of full-width bands.
const HEADER_GREY: f32 = 0.86;
const BAND_GREY: f32 = 0.94;

impl Table {
    /// Sizes the columns to their widest cell (and title), then shares out
    /// what is left of `available`. When the cells do not fit side by side,
    /// the wrapping columns narrow (see [`share`]) and their long cells go
    /// onto more lines; `Err` gives the width needed when even that is not
    /// enough (the columns that cannot wrap fill the page alone).
    pub fn fit<'a>(
        columns: Vec<Column>,
        rows: impl IntoIterator<Item = &'a [String]>,
        size: f32,
        available: f32,
    ) -> Result<Table, f32> {
        let fonts = Fonts::get();
        let titles: Vec<Vec<String>> = columns.iter().map(|c| split_title(c.title, size)).collect();
        let mut widths: Vec<f32> = titles
            .iter()
            .map(|lines| lines.iter().map(|l| fonts.width(l, size, Weight::Bold)).fold(0.0, f32::max))
            .collect();
        let title_widths = widths.clone();
        let mut fractions = vec![0.0_f32; columns.len()];
        let mut integers = vec![0.0_f32; columns.len()];
        // Every cell's width in each wrapping column, for [`share`].
        let mut spans: Vec<Vec<f32>> = vec![Vec::new(); columns.len()];
        for row in rows {
            for (i, (cell, col)) in row.iter().zip(&columns).enumerate() {
                let text = typeset(cell);
                let cell_w = fonts.width(&text, size, Weight::Regular);
                if let Some(ems) = col.wrap_ems {
                    spans[i].push(cell_w.min(ems * size));
                }
                widths[i] = widths[i].max(col.wrap_ems.map_or(cell_w, |ems| cell_w.min(ems * size)));
                if let (Align::Right, Some((int, frac))) = (col.align, number_parts(&text)) {
                    integers[i] = integers[i].max(fonts.width(int, size, Weight::Regular));
                    fractions[i] = fractions[i].max(fonts.width(frac, size, Weight::Regular));
                }
            }
        }
        // Lined up at the point, a column of numbers needs its widest whole
        // part and its widest fraction side by side.
        for ((w, int), frac) in widths.iter_mut().zip(&integers).zip(&fractions) {
            *w = w.max(int + frac);
        }
        // A table that does not fit first gives up some of the space
        // between its columns, then wraps.
        let (mut pad, mut natural) = (0.0, 0.0);
        for ems in [Self::PAD_EMS, Self::TIGHT_PAD_EMS] {
            pad = 2.0 * ems * size;
            natural = widths.iter().map(|w| w + pad).sum();
            if natural <= available {
                break;
            }
        }
        if natural > available {
            let wraps: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].wrap_ems.is_some()).collect();
            let fixed: f32 = widths.iter().enumerate().filter(|(i, _)| !wraps.contains(i)).map(|(_, w)| w).sum();
            let room = available - fixed - pad * columns.len() as f32;
            let wanted: Vec<Want> =
                wraps.iter().map(|&i| Want::of(&mut spans[i], widths[i], title_widths[i], size)).collect();
            let shares = share(&wanted, room).ok_or(natural)?;
            for (&i, w) in wraps.iter().zip(shares) {
                widths[i] = w;
            }
        }
        let natural: f32 = widths.iter().map(|w| w + pad).sum();
        let extra = (available - natural) / widths.len() as f32;
        let widths = widths.iter().map(|w| w + pad + extra).collect();
        Ok(Table { columns, widths, titles, fractions, size, pad: pad / 2.0 })
    }

    /// Space each side of a cell's text, in ems of the table's size.
    const PAD_EMS: f32 = 0.45;
    const TIGHT_PAD_EMS: f32 = 0.25;

    fn line_height(&self) -> f32 {
        self.size * 1.35
    }

    pub fn width(&self) -> f32 {
        self.widths.iter().sum()
    }

    pub fn header_height(&self) -> f32 {
        self.lines_height(&self.titles)
    }

    pub fn row_height(&self, lines: usize) -> f32 {
        lines as f32 * self.line_height() + self.size * 0.3
    }

    /// The height of a row of cells broken into `lines` (see [`Table::lines`]).
    pub fn lines_height<S>(&self, lines: &[Vec<S>]) -> f32 {
        self.row_height(lines.iter().map(Vec::len).max().unwrap_or(1))
    }

    /// Each cell broken into the lines its column allows (a cell that
    /// cannot wrap, or fits, is borrowed as it is).
    pub fn lines<'a>(&self, cells: &'a [String]) -> Vec<Vec<Cow<'a, str>>> {
        let fonts = Fonts::get();
        cells
            .iter()
            .zip(&self.columns)
            .zip(&self.widths)
            .map(|((cell, col), w)| {
                let text = typeset(cell);
                let room = w - 2.0 * self.pad;
                match col.wrap_ems {
                    Some(_) if fonts.width(&text, self.size, Weight::Regular) > room + FIT_SLACK => {
                        wrap(&text, room, self.size, Weight::Regular).into_iter().map(Cow::Owned).collect()
                    }
                    _ => vec![text],
                }
            })
            .collect()
    }

    /// Draws the header row with its top edge at `top`; returns its bottom.
    pub fn draw_header(&self, page: &mut Canvas, x: f32, top: f32) -> f32 {
        let h = self.header_height();
        page.band(x, top - h, self.width(), h, HEADER_GREY);
        // Each heading sits over its column as the column's cells do.
        self.draw_cells(page, x, top, h, &self.titles, Weight::Bold);
        page.rule((x, top), (x + self.width(), top), 1.0);
        page.rule((x, top - h), (x + self.width(), top - h), 0.6);
        top - h
    }

    /// Draws one row of wrapped cells (see [`Table::lines`]) below `top`.
    pub fn draw_row(&self, page: &mut Canvas, x: f32, top: f32, lines: &[Vec<Cow<str>>], weight: Weight) {
        let h = self.lines_height(lines);
        self.draw_cells(page, x, top, h, lines, weight);
        page.rule((x, top - h), (x + self.width(), top - h), 0.3);
    }

    /// A shaded line across the whole table, e.g. a quarter's subtotal.
    pub fn draw_band(&self, page: &mut Canvas, x: f32, top: f32, text: &str, weight: Weight) {
        let lines = self.band_lines(text, weight);
        let h = self.row_height(lines.len());
        page.band(x, top - h, self.width(), h, BAND_GREY);
        for (i, line) in lines.iter().enumerate() {
            page.text(x + self.pad, self.baseline(top, i), self.size, weight, line);
        }
        page.rule((x, top - h), (x + self.width(), top - h), 0.3);
    }

    /// A band's text broken to the table's width, between its parts (set
    /// apart by 　) while they fit: 年度累计 stays with its figure.
    fn band_lines(&self, text: &str, weight: Weight) -> Vec<String> {
        let text = typeset(text);
        let parts: Vec<String> = text.split_inclusive('　').map(str::to_string).collect();
        wrap_units(&parts, self.width() - 2.0 * self.pad, self.size, weight)
    }

    /// The height of a band of `text`.
    pub fn band_height(&self, text: &str, weight: Weight) -> f32 {
        self.row_height(self.band_lines(text, weight).len())
    }

    fn draw_cells<S: AsRef<str>>(
        &self,
        page: &mut Canvas,
        x: f32,
        top: f32,
        height: f32,
        lines: &[Vec<S>],
        weight: Weight,
    ) {
        let fonts = Fonts::get();
        let pad = self.pad;
        let mut left = x;
        for (((cell, w), col), fraction) in lines.iter().zip(&self.widths).zip(&self.columns).zip(&self.fractions) {
            // Centre the cell's lines vertically in the row.
            let offset = (height - self.row_height(cell.len())) / 2.0;
            for (i, line) in cell.iter().enumerate() {
                let line = line.as_ref();
                let y = self.baseline(top - offset, i);
                // A number stops short of the edge by the fraction it lacks.
                let short = match (col.align, number_parts(line)) {
                    (Align::Right, Some((_, frac))) => fraction - fonts.width(frac, self.size, weight),
                    _ => 0.0,
                };
                page.text_in((left + pad, w - 2.0 * pad - short), y, self.size, weight, col.align, line);
            }
            left += w;
        }
    }

    /// Baseline of line `i` of a row whose top edge is at `top`.
    fn baseline(&self, top: f32, i: usize) -> f32 {
        let lh = self.line_height();
        top - self.size * 0.15 - i as f32 * lh - (lh - self.size) / 2.0 - self.size * 0.86
    }
}

/// The narrowest a wrapping column goes, in ems: two characters a line.
const MIN_WRAP_EMS: f32 = 2.0;

/// What a wrapping column keeps on one line while it can, in ems: an
/// ordinary name (欧阳娜娜), a five-digit code, a short item.
const ORDINARY_EMS: f32 = 4.0;

/// What a wrapping column asks for, each width at least the one before:
/// the least it can take (two characters, or its title), what holds an
/// ordinary cell on one line, what holds nine cells in ten, and its
/// widest cell.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Want([f32; 4]);

impl Want {
    fn of(spans: &mut [f32], widest: f32, title: f32, size: f32) -> Want {
        let least = title.max(MIN_WRAP_EMS * size).min(widest);
        let ordinary = (ORDINARY_EMS * size).clamp(least, widest);
        let most = match spans.len() {
            0 => ordinary,
            n => *spans.select_nth_unstable_by((n * 9).div_ceil(10) - 1, f32::total_cmp).1,
        };
        Want([least, ordinary, most.clamp(ordinary, widest), widest])
    }
}

/// Shares `room` among wrapping columns a step at a time: each column its
/// least, then its ordinary cells whole, then nine in ten whole, then
/// towards its widest; within a step, every column alike. A village's
/// ordinary names so stay whole however long its longest name is. `None`
/// if the columns cannot have even their least.
fn share(wants: &[Want], room: f32) -> Option<Vec<f32>> {
    let total = |k: usize| wants.iter().map(|w| w.0[k]).sum::<f32>();
    if room < total(0) - 0.01 {
        return None;
    }
    let step = (1..4).find(|&k| room <= total(k)).unwrap_or(3);
    let (below, above) = (total(step - 1), total(step));
    let t = if above > below { ((room - below) / (above - below)).clamp(0.0, 1.0) } else { 0.0 };
    Some(wants.iter().map(|w| w.0[step - 1] + t * (w.0[step] - w.0[step - 1])).collect())
}

/// A title that would make its column wider than its cells goes on two
/// lines, split in the middle (`本季` / `加分`).
fn split_title(title: &str, size: f32) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    if chars.len() < 4 || Fonts::get().width(title, size, Weight::Bold) < size * 3.5 {
        return vec![title.to_string()];
    }
    let mid = chars.len().div_ceil(2);
    vec![chars[..mid].iter().collect(), chars[mid..].iter().collect()]
}

/// A number as printed (`−5.25`, `12`), split before its point: its whole
/// part with the sign, and its fraction (`.25`, or empty).
fn number_parts(text: &str) -> Option<(&str, &str)> {
    let digits = text.strip_prefix(['\u{2212}', '-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let at = text.len() - digits.len() + whole.len();
    Some(text.split_at(at))
}

#[cfg(test)]
mod typeset_tests {
    use super::*;

    #[test]
    fn a_numbers_minus_is_the_minus_sign() {
        assert_eq!(typeset("-5.5"), "\u{2212}5.5");
        assert_eq!(typeset("本季得分 -5.5　年度累计 -1"), "本季得分 \u{2212}5.5　年度累计 \u{2212}1");
        assert_eq!(typeset("2025-04-10"), "2025-04-10");
        assert_eq!(typeset("B-01"), "B-01");
        assert!(matches!(typeset("王喆 12.5"), Cow::Borrowed(_)), "no hyphen, no copy");
        assert!(Fonts::get().missing("\u{2212}").is_none(), "the font draws the minus sign");
    }

    #[test]
    fn numbers_split_at_their_point() {
        assert_eq!(number_parts("\u{2212}5.25"), Some(("\u{2212}5", ".25")));
        assert_eq!(number_parts("120"), Some(("120", "")));
        for text in ["2025-04-10", "一票否决", "", ".5", "1.2.3", "★★"] {
            assert_eq!(number_parts(text), None, "{text}");
        }
    }

    /// Issue 15, item 10: in a right-aligned column the points line up:
    /// `115.83`, `2.5` and `60` end where their points fall, not flush.
    #[test]
    fn decimal_points_line_up() {
        let rows: Vec<Vec<String>> = ["115.83", "2.5", "60"].iter().map(|n| vec![n.to_string()]).collect();
        let t = Table::fit(vec![Column::new("分", Align::Right)], rows.iter().map(Vec::as_slice), 10.0, 500.0).unwrap();
        let fonts = Fonts::get();
        // Where the point falls: the number's right edge (short of the
        // column's by the fraction it lacks) less its own fraction.
        let point = |n: &str| {
            let frac = fonts.width(number_parts(n).unwrap().1, 10.0, Weight::Regular);
            t.widths[0] - t.pad - (t.fractions[0] - frac) - frac
        };
        assert!(t.fractions[0] > 0.0);
        assert!((point("115.83") - point("2.5")).abs() < 0.01 && (point("2.5") - point("60")).abs() < 0.01);
    }
}
