//! Page geometry and pagination: content flows down the page and onto the
//! next, repeating the table header, and every page gets its running head
//! and foot once the page count is known.

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
        let mut needed = 0.0;
        for landscape in [false, true] {
            let sheet = Sheet { paper, landscape };
            match Table::fit(columns.clone(), rows.iter().map(Vec::as_slice), size, sheet.content_width()) {
                Ok(table) => return Ok((sheet, table)),
                Err(n) => needed = n,
            }
        }
        Err(Error::TooWide { needed })
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
        let top = self.place(height);
        let (page, table) = self.page_and_table();
        table.draw_row(page, Sheet::MARGIN_X, top, &lines, weight);
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
    pub fn band_height(&self) -> f32 {
        self.table.as_ref().expect("a table is started").row_height(1)
    }

    /// A shaded line across the current table (a heading or a subtotal).
    pub fn band(&mut self, text: &str, weight: Weight) {
        let height = self.table.as_ref().expect("a table is started").row_height(1);
        let top = self.place(height);
        let (page, table) = self.page_and_table();
        table.draw_band(page, Sheet::MARGIN_X, top, text, weight);
    }

    /// Starts printing `table`: its header now, and again on every new page.
    pub fn start_table(&mut self, table: Table) {
        let rows_after_header = table.header_height() + table.row_height(1);
        if self.y - rows_after_header < Sheet::BOTTOM {
            self.new_page();
        }
        let page = self.pages.last_mut().expect("a page");
        self.y = table.draw_header(page, Sheet::MARGIN_X, self.y);
        self.table = Some(table);
    }

    pub fn end_table(&mut self) {
        self.table = None;
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
