//! Excel workbooks (XLSX; calamine also reads XLS and ODS) turned into CSV
//! text, so one set of checks and messages serves both. Line N of the text
//! is the sheet's row N and field M its column M, so every message names
//! the row and column the clerk sees in Excel or WPS.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, DataType, Reader};

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

/// The sheet named `sheet`, or the first, as CSV text.
pub fn workbook_to_csv(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<String, Error> {
    let fail = |reason: String| {
        Error::from(InputError { file: file.into(), line: 1, column: None, field: String::new(), reason })
    };
    let mut book =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| fail(format!("不是能读取的 Excel 文件（{e}）")))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .ok_or_else(|| fail(format!("没有名为「{wanted}」的工作表；文件中有：{}", names.join("、"))))?,
        None => names.first().ok_or_else(|| fail("文件中没有工作表".into()))?,
    }
    .clone();
    let range = book.worksheet_range(&name).map_err(|e| fail(format!("工作表「{name}」读不出来（{e}）")))?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    // Blank lines before the used range keep the row numbers; the reader skips them.
    let mut out = "\n".repeat(first_row as usize).into_bytes();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(&mut out);
        for row in range.rows() {
            let cells = std::iter::repeat_n(String::new(), first_col as usize).chain(row.iter().map(cell_text));
            w.write_record(cells).map_err(|e| fail(format!("转换失败（{e}）")))?;
        }
        w.flush().map_err(|e| fail(format!("转换失败（{e}）")))?;
    }
    String::from_utf8(out).map_err(|e| fail(format!("转换失败（{e}）")))
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
