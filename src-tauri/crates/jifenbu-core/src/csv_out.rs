//! CSV written for people: opens cleanly in Excel and WPS, and a cell cannot
//! smuggle in a formula.

use std::borrow::Cow;
use std::io::Write;

use rust_decimal::Decimal;

/// How a CSV file is written. Files carry a BOM so Excel reads UTF-8; stdout
/// does not. Lines always end in CRLF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    pub bom: bool,
}

impl CsvStyle {
    pub const FILE: CsvStyle = CsvStyle { bom: true };
    pub const STDOUT: CsvStyle = CsvStyle { bom: false };
}

/// A text cell that starts like a formula (`= + - @`) gets a leading `'`;
/// numbers, negative ones included, are left as they are.
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    let formula_like = cell.starts_with(['=', '+', '-', '@']);
    if formula_like && cell.parse::<Decimal>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as [`safe_cell`] wrote it, read back: the leading `'` that
/// defused a formula-like text is the file's, not the value's, so every
/// reader takes it off (and no value is escaped twice on its way out).
pub fn unescaped(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if safe_cell(rest).starts_with('\'') => rest,
        _ => cell,
    }
}

/// One column of a table that goes out: its heading and how a row fills
/// it. Each format is one list of these, so no column can be headed and
/// then forgotten in the rows.
pub struct Column<T> {
    pub heading: &'static str,
    pub cell: fn(&T) -> String,
}

impl<T> Column<T> {
    pub const fn new(heading: &'static str, cell: fn(&T) -> String) -> Column<T> {
        Column { heading, cell }
    }
}

/// The headings of `columns`.
pub fn headings<T>(columns: &[Column<T>]) -> Vec<&'static str> {
    columns.iter().map(|c| c.heading).collect()
}

/// The cells `columns` make of `row`.
pub fn cells<T>(columns: &[Column<T>], row: &T) -> Vec<String> {
    columns.iter().map(|c| (c.cell)(row)).collect()
}

/// Writes `rows` under `columns` in the people's CSV style.
pub fn write_columns<'r, T: 'r, W: Write>(
    out: W,
    style: CsvStyle,
    columns: &[Column<T>],
    rows: impl IntoIterator<Item = &'r T>,
) -> std::io::Result<()> {
    write_table(out, style, &headings(columns), rows.into_iter().map(|r| cells(columns, r)))
}

/// Writes a header and rows in the people's CSV style.
pub fn write_table<W: Write>(
    out: W,
    style: CsvStyle,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    let mut table = TableWriter::new(out, style, header)?;
    for row in rows {
        table.row(&row)?;
    }
    table.finish()
}

/// A table in the people's CSV style, written a row at a time.
pub struct TableWriter<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> TableWriter<W> {
    pub fn new(mut out: W, style: CsvStyle, header: &[&str]) -> std::io::Result<TableWriter<W>> {
        if style.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut csv = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
        csv.write_record(header)?;
        Ok(TableWriter { csv })
    }

    pub fn row(&mut self, cells: &[String]) -> std::io::Result<()> {
        for cell in cells {
            self.csv.write_field(safe_cell(cell).as_bytes())?;
        }
        Ok(self.csv.write_record(None::<&[u8]>)?)
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        self.csv.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escaped_cell_reads_back_as_its_value() {
        for value in ["=1+1村", "@123", "+86", "-x", "王冒名", "-12.5", "'已有引号", "'"] {
            assert_eq!(unescaped(&safe_cell(value)), value, "{value}");
        }
        assert_eq!(unescaped("'-12.5"), "'-12.5", "only what the writer escapes is unescaped");
    }

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+86 123"), "'+86 123");
        assert_eq!(safe_cell("@x"), "'@x");
        assert_eq!(safe_cell("-3"), "-3");
        assert_eq!(safe_cell("-12.5"), "-12.5");
        assert_eq!(safe_cell("张三"), "张三");
    }

    #[test]
    fn bom_and_crlf() {
        let mut buf = Vec::new();
        write_table(&mut buf, CsvStyle::FILE, &["a", "b"], [vec!["1".into(), "-x".into()]]).unwrap();
        assert_eq!(String::from_utf8(buf).unwrap(), "\u{feff}a,b\r\n1,'-x\r\n");
    }
}
