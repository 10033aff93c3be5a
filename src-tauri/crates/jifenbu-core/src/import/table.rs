//! A headed table read row by row from CSV text in any encoding clerks'
//! tools write, with columns found by their Chinese or English heading.

use std::borrow::Cow;

use crate::error::{Error, InputError};
use crate::Field;

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
    /// The wanted columns' English headings, which are [`Field`] keys.
    keys: Vec<&'static str>,
}

impl Headings {
    /// An error on `line` at the column of `field`; on the line alone when
    /// the refusal names no field or the file has no such column.
    pub fn error_for(&self, line: usize, field: Option<Field>, reason: String) -> InputError {
        match field.and_then(|f| self.keys.iter().position(|k| *k == f.key())) {
            Some(i) => self.error_at(line, i, reason),
            None => InputError { file: self.file.clone(), line, column: None, field: String::new(), reason },
        }
    }

    /// An error on `line` at wanted column `field`.
    pub fn error_at(&self, line: usize, field: usize, reason: String) -> InputError {
        let (index, heading) = &self.found[field];
        InputError { file: self.file.clone(), line, column: index.map(|i| i + 1), field: heading.clone(), reason }
    }
}

/// The data rows of a CSV text, read one at a time.
pub struct Table<'t> {
    headings: Headings,
    reader: csv::Reader<&'t [u8]>,
    /// Reused for every row, so reading allocates nothing per row.
    record: csv::StringRecord,
    lines: LineCounter<'t>,
}

/// How many rows may stand above the header.
const HEADER_SEARCH_ROWS: usize = 10;

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
        // The header is the first row that has every required heading; a
        // title row or two above it (common in clerks' sheets) is passed over.
        let mut header = csv::StringRecord::new();
        let mut first_seen: Option<(csv::StringRecord, usize)> = None;
        let mut header_line = 0;
        let mut line_of = LineCounter::new(text);
        for _ in 0..HEADER_SEARCH_ROWS {
            match reader.read_record(&mut header) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(at_line(1, format!("CSV 格式错误：{e}")).into()),
            }
            let line = line_of.line_at(header.position().map_or(0, |p| p.byte() as usize));
            if header.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            first_seen.get_or_insert_with(|| (header.clone(), line));
            if columns.iter().filter(|c| c.required).all(|c| header.iter().any(|h| c.matches(h))) {
                header_line = line;
                break;
            }
        }
        if header_line == 0 {
            // No row qualifies: report what the first row lacks.
            match first_seen {
                Some((first, line)) => (header, header_line) = (first, line),
                None => return Err(at_line(1, "文件是空的，应有表头和数据行".into()).into()),
            }
        }
        let mut found = Vec::with_capacity(columns.len());
        let mut errors = Vec::new();
        for col in columns {
            let mut hits = header.iter().enumerate().filter(|(_, h)| col.matches(h));
            let first = hits.next();
            if let Some((i, _)) = hits.next() {
                errors.push(InputError {
                    file: file.into(),
                    line: header_line,
                    column: Some(i + 1),
                    field: col.zh.into(),
                    reason: format!("表头中「{}」列出现了不止一次", col.zh),
                });
            }
            if first.is_none() && col.required {
                errors.push(at_line(header_line, format!("表头缺少「{}」列（也可写作 {}）", col.zh, col.en)));
            }
            found.push(first.map_or((None, col.zh.to_string()), |(i, h)| (Some(i), h.trim().to_string())));
        }
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        Ok(Table {
            headings: Headings { file: file.into(), found, keys: columns.iter().map(|c| c.en).collect() },
            reader,
            record: csv::StringRecord::new(),
            lines: line_of,
        })
    }

    pub fn headings(&self) -> &Headings {
        &self.headings
    }

    /// Every data row through `check`, all or nothing. A household code
    /// (`code` of the checked row, at wanted column `code_field`) that comes
    /// twice is a mistake naming the first line. Up to
    /// [`MAX_REPORTED`](super::MAX_REPORTED) mistakes are listed.
    pub fn check_rows<T>(
        mut self,
        mut check: impl FnMut(&Row<'_>) -> Result<T, Vec<InputError>>,
        code: impl Fn(&T) -> &str,
        code_field: usize,
    ) -> Result<Vec<T>, Error> {
        let (mut rows, mut errors) = (Vec::new(), Vec::new());
        let mut seen = std::collections::HashMap::new();
        while let Some(row) = self.next_row() {
            let row = match row {
                Ok(row) => row,
                Err(e) => {
                    errors.push(e);
                    break;
                }
            };
            match check(&row) {
                Ok(checked) => {
                    if let Some(first) = seen.insert(code(&checked).to_string(), row.line) {
                        errors.push(row.error(code_field, format!("户号 {} 与第 {first} 行重复", code(&checked))));
                    }
                    rows.push(checked);
                }
                Err(mut mistakes) => errors.append(&mut mistakes),
            }
            if errors.len() >= super::MAX_REPORTED {
                break;
            }
        }
        if errors.is_empty() {
            Ok(rows)
        } else {
            errors.truncate(super::MAX_REPORTED);
            Err(Error::Input(errors))
        }
    }

    /// The next non-blank data row, or a CSV syntax error at its line.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, InputError>> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {
                    let line = self.lines.line_at(self.record.position().map_or(0, |p| p.byte() as usize));
                    if self.record.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    return Some(Ok(Row { line, record: &self.record, headings: &self.headings }));
                }
                Err(e) => {
                    let line = self.lines.line_at(e.position().map_or(0, |p| p.byte() as usize));
                    let file = self.headings.file.clone();
                    let reason = format!("CSV 格式错误：{e}");
                    return Some(Err(InputError { file, line, column: None, field: String::new(), reason }));
                }
            }
        }
    }
}

/// Line numbers of byte offsets, asked in increasing order. The csv crate
/// counts a CRLF record end as no new line, so lines are counted here.
struct LineCounter<'t> {
    text: &'t str,
    /// Byte offset and line number reached so far.
    at: (usize, usize),
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter { text, at: (0, 1) }
    }

    /// The 1-based line of a byte offset at or after the last one asked.
    fn line_at(&mut self, byte: usize) -> usize {
        let (from, line) = self.at;
        // csv may put a record's start on the line ends before it (the LF of
        // a CRLF, skipped blank lines); a record itself never starts with one.
        let bytes = self.text.as_bytes();
        let mut byte = byte.clamp(from, bytes.len());
        while matches!(bytes.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        let line = line + bytes[from..byte].iter().filter(|&&b| b == b'\n').count();
        self.at = (byte, line);
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

    /// A refusal of this row, at the column of the field it names.
    pub fn refused(&self, refusal: &crate::Refusal) -> InputError {
        self.headings.error_for(self.line, refusal.field(), refusal.to_string())
    }
}
