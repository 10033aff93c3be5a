//! CSV text split into rows, each with the line it starts on.
//!
//! Nearly every row of the files clerks and villages exchange has no
//! quote: such a row is cut at its line end and its commas with `memchr`,
//! several times faster than a byte-by-byte CSV parser (a province's
//! rollup reads 30 million rows). A row with a quote anywhere goes through
//! `csv_core`, which reads RFC 4180 quoting, line breaks inside a cell
//! included, exactly as the `csv` crate does. Lines are counted on the
//! way, so every message can name its line.

use std::io::{self, Read};
use std::ops::Range;

use super::text::{not_text, read_some, too_long, MAX_ROW_BYTES};

/// Bytes read at a time.
const CHUNK: usize = 64 * 1024;

pub(super) struct Rows<'a> {
    input: Box<dyn Read + Send + 'a>,
    /// Bytes read: `buf[start..end]` not yet taken, `buf[..valid]` checked
    /// to be UTF-8 (a character cut at the end of a read waits for the next).
    buf: Vec<u8>,
    start: usize,
    end: usize,
    valid: usize,
    eof: bool,
    /// The line `buf[start]` is on.
    line: usize,
    /// The last row read: its text, in `buf` or `out`, and its cells in it.
    row: Span,
    cells: Vec<Range<usize>>,
    /// For rows with quotes: made when the first one comes, with its
    /// output (the cells run together) and their ends.
    quoted: Option<Box<csv_core::Reader>>,
    out: Vec<u8>,
    ends: Vec<usize>,
}

/// Where the last row's text is.
#[derive(Clone, Copy)]
enum Span {
    Buf(usize, usize),
    Out(usize),
}

impl<'a> Rows<'a> {
    pub(super) fn new(input: Box<dyn Read + Send + 'a>) -> Rows<'a> {
        Rows {
            input,
            buf: vec![0; CHUNK],
            start: 0,
            end: 0,
            valid: 0,
            eof: false,
            line: 1,
            row: Span::Out(0),
            cells: Vec::new(),
            quoted: None,
            out: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// The line the next row would start on (after the last row read).
    pub(super) fn line(&self) -> usize {
        self.line
    }

    /// The text of the last row read, and where each of its cells is in it.
    pub(super) fn row(&self) -> (&str, &[Range<usize>]) {
        let text = match self.row {
            // SAFETY: `buf[..valid]` was checked to be UTF-8 when read, and
            // a row ends at a line end (ASCII, so before `valid`) or at the
            // input's end (where `valid` must be `end`, see `next`), and
            // starts after a line end or at the input's start.
            Span::Buf(from, to) => {
                debug_assert!(std::str::from_utf8(&self.buf[from..to]).is_ok());
                unsafe { std::str::from_utf8_unchecked(&self.buf[from..to]) }
            }
            // Checked when read (`read_quoted`).
            Span::Out(len) => std::str::from_utf8(&self.out[..len]).unwrap_or_default(),
        };
        (text, &self.cells)
    }

    /// Reads the next row, for [`Rows::row`]; returns the line it starts
    /// on, or `None` at the end. Empty lines are passed over.
    pub(super) fn next(&mut self) -> io::Result<Option<usize>> {
        self.cells.clear();
        // Line ends before the row.
        loop {
            if self.start == self.end && !self.fill()? {
                return Ok(None);
            }
            match self.buf[self.start] {
                b'\n' => self.line += 1,
                b'\r' => {}
                _ => break,
            }
            self.start += 1;
        }
        let line = self.line;
        // The row's end, reading on until it is in the buffer.
        let mut searched = self.start;
        let row_end = loop {
            if let Some(i) = memchr::memchr2(b'\n', b'\r', &self.buf[searched..self.end]) {
                break searched + i;
            }
            if self.end - self.start > MAX_ROW_BYTES as usize {
                return Err(too_long(line));
            }
            let kept = self.start;
            searched = self.end;
            if !self.fill()? {
                if self.valid != self.end {
                    return Err(not_text(line));
                }
                break self.end;
            }
            searched -= kept;
        };
        // Commas come every few bytes: a plain loop finds them faster than
        // memchr, and sees a quote on the way.
        let row = &self.buf[self.start..row_end];
        let mut from = 0;
        for (i, &b) in row.iter().enumerate() {
            if b == b',' {
                self.cells.push(from..i);
                from = i + 1;
            } else if b == b'"' {
                self.cells.clear();
                self.read_quoted(line)?;
                return Ok(Some(line));
            }
        }
        self.cells.push(from..row.len());
        self.row = Span::Buf(self.start, row_end);
        self.start = row_end;
        Ok(Some(line))
    }

    /// Reads one row with quotes through `csv_core`, however many lines
    /// its cells span.
    fn read_quoted(&mut self, line: usize) -> io::Result<()> {
        let mut quoted = self.quoted.take().unwrap_or_else(|| Box::new(csv_core::Reader::new()));
        quoted.reset();
        let read = self.quoted_row(&mut quoted, line);
        self.quoted = Some(quoted);
        read
    }

    fn quoted_row(&mut self, quoted: &mut csv_core::Reader, line: usize) -> io::Result<()> {
        use csv_core::ReadRecordResult::*;
        if self.out.is_empty() {
            (self.out, self.ends) = (vec![0; 1024], vec![0; 64]);
        }
        let (mut written, mut ended, mut taken) = (0, 0, 0);
        loop {
            // Only bytes checked to be UTF-8 go in.
            let input = &self.buf[self.start..self.valid];
            let (result, nin, nout, nend) =
                quoted.read_record(input, &mut self.out[written..], &mut self.ends[ended..]);
            self.line += memchr::memchr_iter(b'\n', &input[..nin]).count();
            self.start += nin;
            (written, ended, taken) = (written + nout, ended + nend, taken + nin);
            if taken > MAX_ROW_BYTES as usize {
                return Err(too_long(line));
            }
            match result {
                // More input; at its end, the empty input says so.
                InputEmpty => while self.start == self.valid && self.fill()? {},
                OutputFull => self.out.resize(self.out.len() * 2, 0),
                OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                Record | End => break,
            }
        }
        if std::str::from_utf8(&self.out[..written]).is_err() {
            return Err(not_text(line));
        }
        let mut from = 0;
        for &to in &self.ends[..ended] {
            self.cells.push(from..to);
            from = to;
        }
        self.row = Span::Out(written);
        Ok(())
    }

    /// Reads more input behind what is left; false when there is no more.
    /// The bytes read are checked to be UTF-8 (the file was, when it was
    /// opened; not, only if it changed since).
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        self.buf.copy_within(self.start..self.end, 0);
        (self.end, self.valid, self.start) = (self.end - self.start, self.valid - self.start, 0);
        if self.buf.len() - self.end < CHUNK {
            self.buf.resize(self.end + CHUNK, 0);
        }
        let n = read_some(&mut self.input, &mut self.buf[self.end..])?;
        self.end += n;
        self.eof = n == 0;
        match simdutf8::compat::from_utf8(&self.buf[self.valid..self.end]) {
            Ok(_) => self.valid = self.end,
            Err(e) if e.error_len().is_none() => self.valid += e.valid_up_to(),
            Err(e) => {
                let bad = self.valid + e.valid_up_to();
                return Err(not_text(self.line + memchr::memchr_iter(b'\n', &self.buf[..bad]).count()));
            }
        }
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of `text` as (line, cells), read through chunks of
    /// `chunk` bytes.
    fn rows(text: &str, chunk: usize) -> Vec<(usize, Vec<String>)> {
        /// Gives at most `chunk` bytes a read.
        struct Trickle(io::Cursor<Vec<u8>>, usize);
        impl Read for Trickle {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = out.len().min(self.1);
                self.0.read(&mut out[..n])
            }
        }
        let mut rows = Rows::new(Box::new(Trickle(io::Cursor::new(text.as_bytes().to_vec()), chunk)));
        let mut got = Vec::new();
        while let Some(line) = rows.next().unwrap() {
            let (text, cells) = rows.row();
            got.push((line, cells.iter().map(|c| text[c.clone()].to_string()).collect()));
        }
        got
    }

    /// The `csv` crate's reading of the same text, lines counted by hand.
    fn by_csv(text: &str) -> Vec<Vec<String>> {
        let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        r.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
    }

    #[test]
    fn rows_are_cut_as_the_csv_crate_cuts_them_with_their_lines() {
        let text = "户号,户主\r\n01,王喆\r\n\r\n02,\"欧阳,堃\"\n03,\"两\n行\",\"引\"\"号\"\n04,a\"b\r05,末";
        for chunk in [1, 2, 3, 7, CHUNK] {
            let got = rows(text, chunk);
            let cells: Vec<Vec<String>> = got.iter().map(|(_, c)| c.clone()).collect();
            assert_eq!(cells, by_csv(text), "chunk {chunk}");
            let lines: Vec<usize> = got.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, [1, 2, 4, 5, 7, 7], "chunk {chunk}");
        }
    }

    #[test]
    fn an_unclosed_quote_is_stopped_at_the_bound() {
        let text = format!("a\n\"{}", "x\n".repeat(MAX_ROW_BYTES as usize));
        let mut rows = Rows::new(Box::new(io::Cursor::new(text.into_bytes())));
        assert_eq!(rows.next().unwrap(), Some(1));
        let e = rows.next().unwrap_err();
        assert!(e.to_string().contains("第 2 行超过 256 KB"), "{e}");
    }

    #[test]
    fn a_byte_not_utf8_is_stopped_at_its_line() {
        // A file changed since it was surveyed (the bytes read at once
        // are checked at once); a character cut by a read is not such a byte.
        let mut read = Rows::new(Box::new(io::Cursor::new(b"a\n\xE7\xA7\xAF\nb\n\xFF\n".to_vec())));
        let e = read.next().unwrap_err();
        let said = crate::import::text::read_error("e.csv", 1, &e).to_string();
        assert_eq!(said, "e.csv 第 4 行：有无法识别的字符：文件编码应为 UTF-8 或 GBK");
        let text = "a,积分\n".repeat(100);
        assert_eq!(rows(&text, 1).len(), 100);
    }

    #[test]
    fn a_row_too_long_is_stopped_at_its_line() {
        let text = format!("a\nb\n{}", "x".repeat(MAX_ROW_BYTES as usize + 10));
        let mut rows = Rows::new(Box::new(io::Cursor::new(text.into_bytes())));
        rows.next().unwrap();
        rows.next().unwrap();
        assert!(rows.next().unwrap_err().to_string().contains("第 3 行"));
    }
}
