//! A headed table read row by row from CSV text in any encoding clerks'
//! tools write, with columns found by their Chinese or English heading.

use super::rows::Rows;
use super::text::{read_error, Text};
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
pub struct Table<'a> {
    headings: Headings,
    /// The rows, each read into the same buffers: no allocation per row.
    rows: Rows<'a>,
    /// How many lines the file has: as many rows at most.
    lines: usize,
    /// Reading failed: there are no more rows.
    stopped: bool,
}

/// How many rows may stand above the header.
const HEADER_SEARCH_ROWS: usize = 10;

impl<'a> Table<'a> {
    /// Reads the header row of `text` and finds `columns` in it. Extra
    /// columns are ignored; a missing required one is an error on line 1.
    pub fn open(text: Text<'a>, columns: &[Column]) -> Result<Table<'a>, Error> {
        let file = &text.name().to_string();
        let lines = text.lines();
        let mut rows = text.rows().map_err(|e| Error::from(read_error(file, 1, &e)))?;
        let at_line = |line: usize, reason: String| InputError {
            file: file.into(),
            line,
            column: None,
            field: String::new(),
            reason,
        };
        // The header is the first row that has every required heading; a
        // title row or two above it (common in clerks' sheets) is passed over.
        let mut header: Vec<String> = Vec::new();
        let mut first_seen: Option<(Vec<String>, usize)> = None;
        let mut header_line = 0;
        for _ in 0..HEADER_SEARCH_ROWS {
            let line = match rows.next() {
                Ok(Some(line)) => line,
                Ok(None) => break,
                Err(e) => return Err(read_error(file, rows.line(), &e).into()),
            };
            let (text, cells) = rows.row();
            header = cells.iter().map(|c| text.get(c.clone()).unwrap_or_default().to_string()).collect();
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
            rows,
            lines,
            stopped: false,
        })
    }

    pub fn headings(&self) -> &Headings {
        &self.headings
    }

    /// Every data row of a table with a row per household through `check`,
    /// each checked row to `keep`; all or nothing, so `keep` only gathers. A
    /// household code (at wanted column `code_field`) that comes twice is a
    /// mistake naming the first line;
    /// more than [`MAX_HOUSEHOLDS`](super::MAX_HOUSEHOLDS) rows are refused.
    /// Up to [`MAX_REPORTED`](super::MAX_REPORTED) mistakes are listed.
    pub fn check_rows<T>(
        mut self,
        mut check: impl FnMut(&Row<'_>) -> Result<T, Vec<InputError>>,
        code_field: usize,
        mut keep: impl FnMut(T),
    ) -> Result<(), Error> {
        use super::MAX_HOUSEHOLDS;
        let mut errors = Vec::new();
        let mut seen = Seen::with_capacity(self.lines.min(MAX_HOUSEHOLDS));
        let file = self.headings.file.clone();
        while let Some(row) = self.next_row() {
            let row = match row {
                Ok(row) => row,
                Err(e) => {
                    errors.push(e);
                    break;
                }
            };
            if seen.len() == MAX_HOUSEHOLDS {
                let reason = format!("超过 {MAX_HOUSEHOLDS} 户，不像一个村的文件；请检查是否选错了文件");
                errors.push(InputError { file, line: row.line, column: None, field: String::new(), reason });
                break;
            }
            match check(&row) {
                Ok(checked) => {
                    let code = row.get(code_field);
                    if let Some(first) = seen.insert(code, row.line) {
                        errors.push(row.error(code_field, format!("户号 {code} 与第 {first} 行重复")));
                    }
                    keep(checked);
                }
                Err(mut mistakes) => errors.append(&mut mistakes),
            }
            if errors.len() >= super::MAX_REPORTED {
                break;
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            errors.truncate(super::MAX_REPORTED);
            Err(Error::Input(errors))
        }
    }

    /// The next non-blank data row, or a CSV syntax error at its line.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, InputError>> {
        let line = loop {
            if self.stopped {
                return None;
            }
            match self.rows.next() {
                Ok(None) => return None,
                Ok(Some(line)) => {
                    let (text, cells) = self.rows.row();
                    if !cells.iter().all(|c| text.get(c.clone()).is_none_or(blank)) {
                        break line;
                    }
                }
                Err(e) => {
                    self.stopped = true;
                    return Some(Err(read_error(&self.headings.file, self.rows.line(), &e)));
                }
            }
        };
        let (text, cells) = self.rows.row();
        Some(Ok(Row { line, text, cells, headings: &self.headings }))
    }
}

/// The household codes a file has given so far, each with its first line:
/// their text in one buffer, so a row costs no allocation (a town's rollup
/// reads millions of rows). Codes are bounded by the caller's check.
struct Seen {
    text: String,
    /// Where each code sits in `text` (start, end), and its line.
    codes: hashbrown::HashTable<(u32, u32, usize)>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl Seen {
    fn with_capacity(codes: usize) -> Seen {
        Seen {
            text: String::with_capacity(codes * 8),
            codes: hashbrown::HashTable::with_capacity(codes),
            hasher: hashbrown::DefaultHashBuilder::default(),
        }
    }

    /// Notes `code` at `line`; the line it came on before, if it did.
    fn insert(&mut self, code: &str, line: usize) -> Option<usize> {
        use std::hash::BuildHasher;
        let Seen { text, codes, hasher } = self;
        let hash = hasher.hash_one(code);
        let of =
            |text: &str, &(start, end, _): &(u32, u32, usize)| hasher.hash_one(&text[start as usize..end as usize]);
        if let Some(&(_, _, first)) = codes.find(hash, |&(s, e, _)| &text[s as usize..e as usize] == code) {
            return Some(first);
        }
        let start = text.len() as u32;
        text.push_str(code);
        codes.insert_unique(hash, (start, text.len() as u32, line), |k| of(text, k));
        None
    }

    fn len(&self) -> usize {
        self.codes.len()
    }
}

/// Whether a cell holds nothing but spaces; most are told apart by their
/// first byte.
fn blank(cell: &str) -> bool {
    match cell.bytes().position(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(i) if cell.as_bytes()[i].is_ascii() => false,
        Some(_) => cell.trim().is_empty(),
    }
}

/// A cell without the spaces around it. Most cells start and end with an
/// ASCII letter or digit and need no look at Unicode's spaces (a large
/// share of a rollup's time went to `str::trim`).
fn trim(cell: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if plain(cell.as_bytes().first()) && plain(cell.as_bytes().last()) {
        cell
    } else {
        cell.trim()
    }
}

/// One data row; fields are addressed by their index in the wanted columns.
pub struct Row<'a> {
    pub line: usize,
    /// The row's text and where each cell is in it.
    text: &'a str,
    cells: &'a [std::ops::Range<usize>],
    headings: &'a Headings,
}

impl Row<'_> {
    /// The trimmed cell of wanted column `field`, without the `'` our own
    /// files put before a formula-like text; empty when absent.
    pub fn get(&self, field: usize) -> &str {
        // Rows are cut only at ASCII bytes, so a cell always starts and
        // ends on a character's edge; `get` checks it does.
        let cell = self.headings.found[field].0.and_then(|i| self.cells.get(i)).and_then(|r| self.text.get(r.clone()));
        cell.map_or("", |c| crate::csv_out::unescaped(trim(c)))
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
