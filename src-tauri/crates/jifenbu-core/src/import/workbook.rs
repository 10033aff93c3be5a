//! Excel workbooks (XLSX; calamine also reads XLS and ODS) turned into CSV
//! text, so one set of checks and messages serves both. Line N of the text
//! is the sheet's row N and field M its column M, so every message names
//! the row and column the clerk sees in Excel or WPS.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, DataType, Reader, Sheets};

use crate::error::{Error, InputError};

/// Whether a file name looks like a workbook rather than CSV.
pub fn is_workbook(file: &str) -> bool {
    let lower = file.to_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods"].iter().any(|ext| lower.ends_with(ext))
}

/// A table file's bytes as the CSV the importers read: a workbook's sheet
/// (`sheet`, or the first) is converted, keeping Excel's row and column
/// numbers; anything else is taken as CSV already.
pub fn table_bytes(file: &str, bytes: Vec<u8>, sheet: Option<&str>) -> Result<Vec<u8>, Error> {
    if is_workbook(file) {
        return Ok(workbook_to_csv(file, &bytes, sheet)?.into_bytes());
    }
    Ok(bytes)
}

/// The most columns a sheet may use: a roster or an entries table has a
/// dozen; a cell far to the right is a damaged or hostile file.
pub const MAX_COLUMNS: u32 = 256;
/// The most rows: Excel's own limit.
pub const MAX_ROWS: u32 = 1_048_576;
/// The most a workbook's parts may hold once unpacked (as they declare):
/// far beyond any village's table, well below what would exhaust memory.
pub const MAX_UNPACKED: u64 = 512 * 1024 * 1024;

/// The sheet named `sheet`, or the first, as CSV text. An XLSX sheet is
/// read cell by cell, so only the cells it really has cost memory; sheets
/// past [`MAX_ROWS`] or [`MAX_COLUMNS`], or a workbook that unpacks to more
/// than [`MAX_UNPACKED`], are refused.
pub fn workbook_to_csv(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<String, Error> {
    let fail = |line: usize, reason: String| {
        Error::from(InputError { file: file.into(), line, column: None, field: String::new(), reason })
    };
    if let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) {
        let unpacked = (0..zip.len()).filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size())).sum::<u64>();
        if unpacked > MAX_UNPACKED {
            return Err(fail(
                1,
                format!("文件解压后有 {} MB，超过 {} MB，不像是一张村里的表格", unpacked >> 20, MAX_UNPACKED >> 20),
            ));
        }
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| fail(1, "不是能读取的 Excel 文件：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入".into()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).ok_or_else(|| {
            fail(1, format!("没有名为「{}」的工作表；文件中有：{}", crate::parse::quote(wanted), names.join("、")))
        })?,
        None => names.first().ok_or_else(|| fail(1, "文件中没有工作表".into()))?,
    }
    .clone();
    let unreadable = |_| fail(1, format!("工作表「{name}」读不出来，文件可能已损坏"));
    let mut text = CsvText::default();
    if let Sheets::Xlsx(xlsx) = &mut book {
        let mut cells = xlsx.worksheet_cells_reader(&name).map_err(|_| unreadable(()))?;
        while let Some(cell) = cells.next_cell().map_err(|_| unreadable(()))? {
            text.put(cell.get_position(), cell_text(&Data::from(cell.get_value().clone())))
                .map_err(|r| fail(r.0, r.1))?;
        }
    } else {
        let range = book.worksheet_range(&name).map_err(|_| unreadable(()))?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        for (row, col, cell) in range.used_cells() {
            let at = (first_row + row as u32, first_col + col as u32);
            text.put(at, cell_text(cell)).map_err(|r| fail(r.0, r.1))?;
        }
    }
    Ok(text.finish())
}

/// CSV text built cell by cell, in reading order: line N is the sheet's
/// row N, field M its column M (blank lines and fields keep the numbers).
#[derive(Default)]
struct CsvText {
    out: String,
    /// The row being built (0-based) and its cells so far.
    row: Option<u32>,
    cells: Vec<String>,
}

impl CsvText {
    /// Sets the cell at (row, column), both 0-based; refuses one out of
    /// bounds with the line to name and why.
    fn put(&mut self, (row, col): (u32, u32), text: String) -> Result<(), (usize, String)> {
        if col >= MAX_COLUMNS || row >= MAX_ROWS {
            let reason = format!("第 {} 行第 {} 列有内容，超出表格范围（最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列）：请只保留表格本身后再导入", row + 1, col + 1);
            return Err((row as usize + 1, reason));
        }
        if text.is_empty() {
            return Ok(());
        }
        if self.row != Some(row) {
            self.end_row();
            let done = self.row.map_or(0, |r| r + 1);
            // Rows read in order; a row met again (not in XLSX) just continues.
            for _ in done..row {
                self.out.push('\n');
            }
            self.row = Some(row);
        }
        let col = col as usize;
        if self.cells.len() <= col {
            self.cells.resize(col + 1, String::new());
        }
        self.cells[col] = text;
        Ok(())
    }

    fn end_row(&mut self) {
        if self.row.is_none() {
            return;
        }
        for (i, cell) in self.cells.drain(..).enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            if cell.contains([',', '"', '\n', '\r']) {
                self.out.push('"');
                self.out.push_str(&cell.replace('"', "\"\""));
                self.out.push('"');
            } else {
                self.out.push_str(&cell);
            }
        }
        self.out.push('\n');
    }

    fn finish(mut self) -> String {
        self.end_row();
        self.out
    }
}

/// A cell as the text a CSV file would hold.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        // A line break inside a cell would shift every later line number.
        Data::String(s) => s.replace("\r\n", " ").replace(['\r', '\n'], " "),
        Data::Int(i) => i.to_string(),
        // Whole numbers as Excel shows them (2, not 2.0); others in the
        // shortest form that reads back as the same value.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(_) => match cell.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Some(dt) => dt.to_string(),
            None => String::new(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
    }
}
