//! A plain text table for the terminal, aligned by display width so that
//! 汉字 (two columns each) line up.

use std::io::Write;

use jifenbu_core::csv_out::{self, Column, CsvStyle};
use unicode_width::UnicodeWidthStr;

/// A list on stdout under `columns`: CSV, or an aligned table for reading.
pub fn list<T>(csv: bool, columns: &[Column<T>], rows: &[T]) -> std::io::Result<()> {
    let out = std::io::stdout();
    if csv {
        csv_out::write_columns(out.lock(), CsvStyle::STDOUT, columns, rows)
    } else {
        write(&mut out.lock(), &csv_out::headings(columns), rows.iter().map(|r| csv_out::cells(columns, r)))
    }
}

pub fn write<W: Write>(out: &mut W, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> std::io::Result<()> {
    let rows: Vec<Vec<String>> = rows.collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |out: &mut W, cells: &mut dyn Iterator<Item = &str>| -> std::io::Result<()> {
        let mut text = String::new();
        for (cell, w) in cells.zip(&widths) {
            text.push_str(cell);
            text.push_str(&" ".repeat(w - cell.width() + 2));
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, &mut header.iter().copied())?;
    for row in &rows {
        line(out, &mut row.iter().map(String::as_str))?;
    }
    Ok(())
}
