//! Page geometry and pagination: content flows down the page and onto the
//! next, repeating the table header, and every page gets its running head
//! and foot once the page count is known.

use std::borrow::Cow;

use printpdf::Op;

use crate::canvas::Canvas;
use crate::error::{Error, Result};
use crate::fonts::Weight;
use crate::table::{Column, Table};

/// Paper size. Layout is done on A4; A3 (for the bulletin board) is the same
/// page enlarged by √2, so it reads as well from twice as far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    A3,
}

/// A4 in points.
const A4: (f32, f32) = (595.28, 841.89);

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sheet {
    pub paper: Paper,
    pub landscape: bool,
}

impl Sheet {
    pub const MARGIN_X: f32 = 42.0;
    pub const TOP: f32 = 56.0;
    pub const BOTTOM: f32 = 52.0;

    /// Width and height in layout units (A4 points).
    pub fn size(&self) -> (f32, f32) {
        if self.landscape {
            (A4.1, A4.0)
        } else {
            A4
        }
    }

    pub fn scale(&self) -> f32 {
        match self.paper {
            Paper::A4 => 1.0,
            Paper::A3 => std::f32::consts::SQRT_2,
        }
    }

    pub fn content_width(&self) -> f32 {
        self.size().0 - 2.0 * Self::MARGIN_X
    }

    /// The page for a table of `rows`: portrait if it fits, else landscape.
    pub fn fitting(columns: Vec<Column>, rows: &[Vec<String>], size: f32, paper: Paper) -> Result<(Sheet, Table)> {
        let (sheet, mut tables) = Sheet::fitting_each(columns, &[rows], size, paper)?;
        Ok((sheet, tables.pop().expect("one table for one set of rows")))
    }

    /// One page for several tables of the same columns, each sized to its
    /// own rows (a by-group notice's sheets): portrait if every one fits.
    pub fn fitting_each(
        columns: Vec<Column>,
        tables: &[&[Vec<String>]],
        size: f32,
        paper: Paper,
    ) -> Result<(Sheet, Vec<Table>)> {
        let mut needed = 0.0;
        for landscape in [false, true] {
            let sheet = Sheet { paper, landscape };
            let fit = |rows: &&[Vec<String>]| {
                Table::fit(columns.clone(), rows.iter().map(Vec::as_slice), size, sheet.content_width())
            };
            match tables.iter().map(fit).collect::<Result<Vec<Table>, f32>>() {
                Ok(tables) => return Ok((sheet, tables)),
                Err(n) => needed = n,
            }
        }
        Err(Error::TooWide { needed })
    }
}

/// How many of a table's last lines go with what follows it, at least.
const ROWS_WITH_CLOSING: usize = 3;

/// A line of a table printed by [`Flow::table_then`].
pub(crate) enum Line<'a> {
    Row(&'a [String], Weight),
    /// A shaded band that opens what follows (a household's rows).
    Heading(String, Weight),
    /// A shaded band that sums up what came before (a quarter's subtotal).
    Total(String, Weight),
}

impl Line<'_> {
    fn height(&self, table: &Table) -> f32 {
        match self {
            Line::Row(cells, _) => table.lines_height(&table.lines(cells)),
            Line::Heading(text, weight) | Line::Total(text, weight) => table.band_height(text, *weight),
        }
    }
}

/// The height of what must go on the page with line `i`: a heading's first
/// row, or the subtotal after a row; none otherwise.
fn kept_with(lines: &[Line], i: usize, table: &Table) -> f32 {
    match (&lines[i], lines.get(i + 1)) {
        (Line::Heading(..), Some(next)) | (_, Some(next @ Line::Total(..))) => next.height(table),
        _ => 0.0,
    }
}

pub(crate) struct Flow {
    pub sheet: Sheet,
    pages: Vec<Canvas>,
    /// Where the next block starts, measured from the bottom.
    pub y: f32,
    /// The table being printed: its header starts every new page.
    table: Option<Table>,
}

impl Flow {
    pub fn new(sheet: Sheet) -> Flow {
        let mut flow = Flow { sheet, pages: Vec::new(), y: 0.0, table: None };
        flow.new_page();
        flow
    }

    /// Pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn new_page(&mut self) {
        self.pages.push(Canvas::default());
        self.y = self.sheet.size().1 - Sheet::TOP;
        if let Some(table) = &self.table {
            let page = self.pages.last_mut().expect("a page");
            self.y = table.draw_header(page, Sheet::MARGIN_X, self.y);
        }
    }

    /// Room for a block `height` high: on this page if it fits, else on a
    /// new one. Returns the page and the block's top; the flow moves below it.
    pub fn block(&mut self, height: f32) -> (&mut Canvas, f32) {
        let top = self.place(height);
        (self.pages.last_mut().expect("a page"), top)
    }

    /// Moves to a new page if `height` does not fit; returns the block's top.
    fn place(&mut self, height: f32) -> f32 {
        if !self.has_room(height) {
            self.new_page();
        }
        let top = self.y;
        self.y -= height;
        top
    }

    fn page_and_table(&mut self) -> (&mut Canvas, &Table) {
        (self.pages.last_mut().expect("a page"), self.table.as_ref().expect("a table is started"))
    }

    /// One row of the current table.
    pub fn row(&mut self, cells: &[String], weight: Weight) {
        let table = self.table.as_ref().expect("a table is started");
        let lines = table.lines(cells);
        let height = table.lines_height(&lines);
        self.draw_row(&lines, height, weight);
    }

    /// A row already broken into lines, `height` high.
    fn draw_row(&mut self, lines: &[Vec<Cow<str>>], height: f32, weight: Weight) {
        let top = self.place(height);
        let (page, table) = self.page_and_table();
        table.draw_row(page, Sheet::MARGIN_X, top, lines, weight);
    }

    /// Whether `cells` fit as a row of the current table on this page,
    /// with `after` more points below it.
    pub fn fits(&self, cells: &[String], after: f32) -> bool {
        let table = self.table.as_ref().expect("a table is started");
        self.has_room(table.lines_height(&table.lines(cells)) + after)
    }

    /// Moves to a new page (repeating the header) unless `rows` of the
    /// current table and `after` more points fit on this one: the last rows
    /// go over with what follows them, so that never stands alone.
    pub fn keep_rows_with(&mut self, rows: &[&[String]], after: f32) {
        let table = self.table.as_ref().expect("a table is started");
        let height: f32 = rows.iter().map(|cells| table.lines_height(&table.lines(cells))).sum();
        if !self.has_room(height + after) {
            self.new_page();
        }
    }

    /// The height of a band of the current table.
    pub fn band_height(&self, text: &str, weight: Weight) -> f32 {
        self.table.as_ref().expect("a table is started").band_height(text, weight)
    }

    /// A shaded line across the current table (a heading or a subtotal).
    pub fn band(&mut self, text: &str, weight: Weight) {
        let height = self.band_height(text, weight);
        let top = self.place(height);
        let (page, table) = self.page_and_table();
        table.draw_band(page, Sheet::MARGIN_X, top, text, weight);
    }

    /// Starts printing `table`: its header now, and again on every new page.
    pub fn start_table(&mut self, table: Table) {
        let first_row = table.row_height(1);
        self.start_table_with(table, first_row);
    }

    /// Starts `table` where its header and `below` more points fit.
    fn start_table_with(&mut self, table: Table, below: f32) {
        if !self.has_room(table.header_height() + below) {
            self.new_page();
        }
        let page = self.pages.last_mut().expect("a page");
        self.y = table.draw_header(page, Sheet::MARGIN_X, self.y);
        self.table = Some(table);
    }

    /// Prints `table` and its `lines`, then `closing` (what follows the
    /// table: totals, the signature). A closing block never stands alone:
    /// the table's last lines go to a new page with it, and when they are
    /// all its lines, the header goes too. A heading band never ends a page
    /// and a subtotal never starts one.
    pub fn table_then(&mut self, table: Table, lines: &[Line], closing: impl Fn(&mut Flow)) {
        let after = self.height_of(&closing);
        let height = |line: &Line| line.height(&table);
        let mut keep_from = lines.len().saturating_sub(ROWS_WITH_CLOSING);
        // What goes over with the closing block takes its heading with it,
        // and does not start with a subtotal.
        while keep_from > 0
            && (matches!(lines[keep_from - 1], Line::Heading(..))
                || matches!(lines.get(keep_from), Some(Line::Total(..))))
        {
            keep_from -= 1;
        }
        let kept: f32 = lines[keep_from..].iter().map(height).sum::<f32>() + after;
        // A closing longer than a page cannot be kept whole with anything:
        // it runs on from the table's last line.
        let fresh = self.page_room() - table.header_height();
        if kept > fresh {
            keep_from = lines.len();
        }
        let first = match lines.first() {
            Some(line) if keep_from > 0 => height(line) + kept_with(lines, 0, &table),
            _ => kept,
        };
        self.start_table_with(table, first);
        for (i, line) in lines.iter().enumerate() {
            let table = self.table.as_ref().expect("a table is started");
            let need = |own: f32| if i == keep_from { kept } else { own + kept_with(lines, i, table) };
            match line {
                Line::Row(cells, weight) => {
                    // Broken into lines once, to measure and to draw.
                    let drawn = table.lines(cells);
                    let own = table.lines_height(&drawn);
                    self.keep(need(own));
                    self.draw_row(&drawn, own, *weight);
                }
                Line::Heading(text, weight) | Line::Total(text, weight) => {
                    self.keep(need(table.band_height(text, *weight)));
                    self.band(text, *weight);
                }
            }
        }
        self.end_table();
        closing(self);
    }

    /// How tall `draw` is, drawn on a fresh page of this sheet and thrown
    /// away: a block is measured exactly as it will be drawn.
    pub fn height_of(&self, draw: impl FnOnce(&mut Flow)) -> f32 {
        let mut scratch = Flow::new(self.sheet);
        let top = scratch.y;
        draw(&mut scratch);
        let page = top - Sheet::BOTTOM;
        (scratch.pages.len() - 1) as f32 * page + top - scratch.y
    }

    pub fn end_table(&mut self) {
        self.table = None;
    }

    /// Moves to a new page unless `height` more fits on this one.
    pub fn keep(&mut self, height: f32) {
        if !self.has_room(height) {
            self.new_page();
        }
    }

    /// The height a fresh page holds below its running head.
    pub fn page_room(&self) -> f32 {
        self.sheet.size().1 - Sheet::TOP - Sheet::BOTTOM
    }

    /// Whether `height` more fits on this page; on an empty page it must.
    fn has_room(&self, height: f32) -> bool {
        self.y - height >= Sheet::BOTTOM || self.at_top()
    }

    fn at_top(&self) -> bool {
        let top = self.sheet.size().1 - Sheet::TOP;
        let header = self.table.as_ref().map_or(0.0, Table::header_height);
        self.y >= top - header - 0.01
    }

    /// The pages' operations, after `decorate(page, number, count)` has
    /// added each page's running head and foot.
    pub fn finish(self, decorate: impl Fn(&mut Canvas, usize, usize)) -> Vec<Vec<Op>> {
        let count = self.pages.len();
        self.pages
            .into_iter()
            .enumerate()
            .map(|(i, mut page)| {
                decorate(&mut page, i + 1, count);
                page.finish()
            })
            .collect()
    }
}
