//! A headed table read from a CSV file in any encoding clerks' tools write,
//! with columns found by their Chinese or English heading.

use std::borrow::Cow;

use crate::error::{Error, InputError};

/// A column a file may have, by its two accepted headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub zh: &'static str,
    pub en: &'static str,
    pub required: bool,
}

impl Column {
    pub const fn required(zh: &'static str, en: &'static str) -> Column {
        Column { zh, en, required: true }
    }

    pub const fn optional(zh: &'static str, en: &'static str) -> Column {
        Column { zh, en, required: false }
    }

    fn matches(&self, heading: &str) -> bool {
        let h = heading.trim();
        h == self.zh || h.eq_ignore_ascii_case(self.en)
    }
}

/// The text of a file: UTF-8 (a BOM is dropped) or else GBK, as Excel and
/// WPS save CSV on Chinese Windows.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let unreadable = |reason: &str| {
        Error::from(InputError {
            file: file.into(),
            line: 1,
            column: None,
            field: String::new(),
            reason: reason.into(),
        })
    };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(unreadable("文件是 UTF-16 编码，请在 Excel/WPS 中另存为「CSV UTF-8」或普通 CSV"));
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| unreadable("文件编码无法识别，应为 UTF-8 或 GBK"))
}

/// The rows of a CSV file, with the file's columns matched to wanted ones.
#[derive(Debug)]
pub struct Table {
    file: String,
    /// For each wanted column: its index in the file and the heading as
    /// written, or (absent from the file) its Chinese heading alone.
    found: Vec<(Option<usize>, String)>,
    records: Vec<csv::StringRecord>,
}

impl Table {
    /// Reads `bytes` and finds `columns` in its header row. Extra columns
    /// are ignored; a missing required one is an error on line 1.
    pub fn read(file: &str, bytes: &[u8], columns: &[Column]) -> Result<Table, Error> {
        let mut text = decode(file, bytes)?;
        // The csv crate counts a CRLF record end as no new line, which would
        // put every error on the wrong line: give it LF ends.
        if text.contains('\r') {
            text = Cow::Owned(text.replace("\r\n", "\n"));
        }
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut records = reader.records();
        let at_line = |line: usize, reason: String| InputError {
            file: file.into(),
            line,
            column: None,
            field: String::new(),
            reason,
        };
        let header = match records.next() {
            None => return Err(at_line(1, "文件是空的，第一行应为表头".into()).into()),
            Some(Err(e)) => return Err(at_line(1, format!("CSV 格式错误：{e}")).into()),
            Some(Ok(h)) => h,
        };
        let mut found = Vec::with_capacity(columns.len());
        let mut errors = Vec::new();
        for col in columns {
            let mut hits = header.iter().enumerate().filter(|(_, h)| col.matches(h));
            let first = hits.next();
            if let Some((i, _)) = hits.next() {
                errors.push(InputError {
                    file: file.into(),
                    line: 1,
                    column: Some(i + 1),
                    field: col.zh.into(),
                    reason: format!("表头中「{}」列出现了不止一次", col.zh),
                });
            }
            if first.is_none() && col.required {
                errors.push(at_line(1, format!("表头缺少「{}」列（也可写作 {}）；第一行应为表头", col.zh, col.en)));
            }
            found.push(first.map_or((None, col.zh.to_string()), |(i, h)| (Some(i), h.trim().to_string())));
        }
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        let mut rows = Vec::new();
        for rec in records {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line() as usize);
                at_line(line, format!("CSV 格式错误：{e}"))
            })?;
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            rows.push(rec);
        }
        Ok(Table { file: file.into(), found, records: rows })
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// An error on `line` at wanted column `field`.
    pub fn error_at(&self, line: usize, field: usize, reason: String) -> InputError {
        let (index, heading) = &self.found[field];
        InputError { file: self.file.clone(), line, column: index.map(|i| i + 1), field: heading.clone(), reason }
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.records.iter().map(move |rec| Row {
            table: self,
            line: rec.position().map_or(0, |p| p.line() as usize),
            record: rec,
        })
    }
}

/// One data row; fields are addressed by their index in the wanted columns.
pub struct Row<'a> {
    table: &'a Table,
    pub line: usize,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The trimmed cell of wanted column `field`; empty when absent.
    pub fn get(&self, field: usize) -> &str {
        self.table.found[field].0.and_then(|i| self.record.get(i)).map_or("", str::trim)
    }

    /// An error at this row's wanted column `field`.
    pub fn error(&self, field: usize, reason: String) -> InputError {
        self.table.error_at(self.line, field, reason)
    }
}
