//! A headed table read row by row from CSV text in any encoding clerks'
//! tools write, with columns found by their Chinese or English heading.

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

/// Where a file's wanted columns are: enough to place any error in it.
#[derive(Debug, Clone)]
pub struct Headings {
    file: String,
    /// For each wanted column: its index in the file and the heading as
    /// written, or (absent from the file) its Chinese heading alone.
    found: Vec<(Option<usize>, String)>,
}

impl Headings {
    /// An error on `line` at wanted column `field`.
    pub fn error_at(&self, line: usize, field: usize, reason: String) -> InputError {
        let (index, heading) = &self.found[field];
        InputError { file: self.file.clone(), line, column: index.map(|i| i + 1), field: heading.clone(), reason }
    }
}

/// The data rows of a CSV text, read one at a time.
pub struct Table<'t> {
    headings: Headings,
    text: &'t str,
    reader: csv::Reader<&'t [u8]>,
    /// Reused for every row, so reading allocates nothing per row.
    record: csv::StringRecord,
    /// Byte offset and line number reached so far. The csv crate counts a
    /// CRLF record end as no new line, so lines are counted here instead.
    cursor: (usize, usize),
}

impl<'t> Table<'t> {
    /// Reads the header row of `text` and finds `columns` in it. Extra
    /// columns are ignored; a missing required one is an error on line 1.
    pub fn open(file: &str, text: &'t str, columns: &[Column]) -> Result<Table<'t>, Error> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let at_line = |line: usize, reason: String| InputError {
            file: file.into(),
            line,
            column: None,
            field: String::new(),
            reason,
        };
        let mut header = csv::StringRecord::new();
        match reader.read_record(&mut header) {
            Ok(true) => {}
            Ok(false) => return Err(at_line(1, "文件是空的，第一行应为表头".into()).into()),
            Err(e) => return Err(at_line(1, format!("CSV 格式错误：{e}")).into()),
        }
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
        Ok(Table {
            headings: Headings { file: file.into(), found },
            text,
            reader,
            record: csv::StringRecord::new(),
            cursor: (0, 1),
        })
    }

    pub fn headings(&self) -> &Headings {
        &self.headings
    }

    /// The next non-blank data row, or a CSV syntax error at its line.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, InputError>> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {
                    let line = self.line_at(self.record.position().map_or(0, |p| p.byte() as usize));
                    if self.record.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    return Some(Ok(Row { line, record: &self.record, headings: &self.headings }));
                }
                Err(e) => {
                    let line = self.line_at(e.position().map_or(0, |p| p.byte() as usize));
                    let file = self.headings.file.clone();
                    let reason = format!("CSV 格式错误：{e}");
                    return Some(Err(InputError { file, line, column: None, field: String::new(), reason }));
                }
            }
        }
    }

    /// The 1-based line of a byte offset at or after the last one asked.
    fn line_at(&mut self, byte: usize) -> usize {
        let (from, line) = self.cursor;
        // csv may put a record's start on the line ends before it (the LF of
        // a CRLF, skipped blank lines); a record itself never starts with one.
        let bytes = self.text.as_bytes();
        let mut byte = byte.clamp(from, bytes.len());
        while matches!(bytes.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        let line = line + bytes[from..byte].iter().filter(|&&b| b == b'\n').count();
        self.cursor = (byte, line);
        line
    }
}

/// One data row; fields are addressed by their index in the wanted columns.
pub struct Row<'a> {
    pub line: usize,
    record: &'a csv::StringRecord,
    headings: &'a Headings,
}

impl Row<'_> {
    /// The trimmed cell of wanted column `field`; empty when absent.
    pub fn get(&self, field: usize) -> &str {
        self.headings.found[field].0.and_then(|i| self.record.get(i)).map_or("", str::trim)
    }

    /// An error at this row's wanted column `field`.
    pub fn error(&self, field: usize, reason: String) -> InputError {
        self.headings.error_at(self.line, field, reason)
    }
}
