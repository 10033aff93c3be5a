//! A table file's text, read as a stream: however big the file, reading it
//! holds a few buffers and one row, never the whole file.
//!
//! A file is read twice. The first pass settles its encoding (UTF-8, with
//! or without a BOM, or else GBK as Excel and WPS save CSV on Chinese
//! Windows) and its line count; the second decodes it and cuts it into
//! rows (`rows.rs`), counting lines, so every message can name its line. An importer
//! that needs the file's SHA-256 asks for it: one more pass.

use std::io::{self, Read, Seek, SeekFrom};

use sha2::{Digest, Sha256};

use super::rows::Rows;
use crate::error::{Error, InputError};

/// What a table file can be read from: a file, or bytes in memory.
pub trait Input: Read + Seek + Send {}
impl<T: Read + Seek + Send> Input for T {}

/// The longest a row may be. A real row of any table here is well under a
/// kilobyte; a longer one is a binary file or a quote never closed.
pub const MAX_ROW_BYTES: u64 = 256 * 1024;

/// Bytes read from the file at a time.
const CHUNK: usize = 64 * 1024;

/// A table file opened for reading, its encoding known.
pub struct Text<'a> {
    name: String,
    input: Box<dyn Input + 'a>,
    gbk: bool,
    bom: bool,
    lines: usize,
}

impl<'a> Text<'a> {
    /// Surveys `input` (a first pass over it) and makes it ready to read.
    /// Text that is neither UTF-8 nor GBK is refused at the line it breaks.
    pub fn open(name: &str, input: impl Input + 'a) -> Result<Text<'a>, Error> {
        let mut input: Box<dyn Input + 'a> = Box::new(input);
        let unreadable = |line: usize, reason: &str| Error::from(whole_line(name, line, reason.into()));
        let failed = |e: io::Error| Error::from(read_error(name, 1, &e));
        let mut buf = vec![0; CHUNK];
        let (mut lines, mut utf8, mut carry, mut first) = (0, true, 0, true);
        loop {
            // `carry` bytes at the front are a character cut at the last
            // chunk's end, already counted.
            let n = read_some(&mut input, &mut buf[carry..]).map_err(failed)?;
            if first {
                if buf.starts_with(b"\xFF\xFE") || buf.starts_with(b"\xFE\xFF") {
                    return Err(unreadable(1, "文件是 UTF-16 编码，请在 Excel/WPS 中另存为「CSV UTF-8」或普通 CSV"));
                }
                if let Some(kind) = not_a_table(&buf[..n]) {
                    let reason = format!("这是{kind}，不是表格：请在 Excel 或 WPS 表格中另存为 CSV 或 .xlsx 后再导入");
                    return Err(unreadable(1, &reason));
                }
                first = false;
            }
            if n == 0 {
                utf8 &= carry == 0;
                break;
            }
            lines += memchr::memchr_iter(b'\n', &buf[carry..carry + n]).count();
            if utf8 {
                let end = carry + n;
                match simdutf8::compat::from_utf8(&buf[..end]) {
                    Ok(_) => carry = 0,
                    Err(e) if e.error_len().is_none() => {
                        buf.copy_within(e.valid_up_to()..end, 0);
                        carry = end - e.valid_up_to();
                    }
                    Err(_) => (utf8, carry) = (false, 0),
                }
            }
        }
        input.seek(SeekFrom::Start(0)).map_err(failed)?;
        let mut head = [0; 3];
        let bom = utf8 && read_some(&mut input, &mut head).map_err(failed)? == 3 && head == *b"\xEF\xBB\xBF";
        if !utf8 {
            // Decoded once to the end here, so a bad byte is refused before
            // anything is read, at its line.
            let mut reader = Decoded::gbk(input);
            io::copy(&mut reader, &mut io::sink()).map_err(failed)?;
            input = reader.into_input();
        }
        Ok(Text { name: name.into(), input, gbk: !utf8, bom, lines })
    }

    /// Text from bytes in memory.
    pub fn from_bytes(name: &str, bytes: &'a [u8]) -> Result<Text<'a>, Error> {
        Text::open(name, io::Cursor::new(bytes))
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Why `got`, read from a GBK file, is refused: its `?` stands for a
    /// character GBK cannot hold (𠮷, 𰀀), which Excel replaced on saving
    /// (`had`, when the book knows it), and what to do (`then`: 导入, 汇总).
    pub fn gbk_loss(got: &str, had: Option<&str>, then: &str) -> String {
        let had = had.map(|h| format!("（积分簿中为「{h}」）")).unwrap_or_default();
        format!(
            "「{got}」中的「?」是文件另存为 GBK 编码的 CSV 时丢掉的字{had}：\
             请在 Excel 或 WPS 中另存为「CSV UTF-8」或 .xlsx 后再{then}"
        )
    }

    /// Whether the file was read as GBK (Excel's 「CSV」 on a Chinese PC).
    pub fn is_gbk(&self) -> bool {
        self.gbk
    }

    /// The SHA-256 of the file's bytes, so the same file is known again.
    pub fn sha256(&mut self) -> Result<[u8; 32], Error> {
        let (mut hash, mut buf) = (Sha256::new(), vec![0; CHUNK]);
        let mut read = || -> io::Result<()> {
            self.input.seek(SeekFrom::Start(0))?;
            loop {
                match read_some(&mut self.input, &mut buf)? {
                    0 => return Ok(()),
                    n => hash.update(&buf[..n]),
                }
            }
        };
        read().map_err(|e| read_error(&self.name, 1, &e))?;
        Ok(hash.finalize().into())
    }

    /// How many line ends the file has.
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// The whole text, for the small files that are read whole.
    pub fn read_to_string(self) -> Result<String, Error> {
        let name = self.name.clone();
        let mut text = String::new();
        let read = self.rewound().and_then(|mut r| r.read_to_string(&mut text));
        read.map_err(|e| read_error(&name, 1, &e))?;
        Ok(text)
    }

    /// The decoded text from its start, as UTF-8, in rows.
    pub(super) fn rows(self) -> io::Result<Rows<'a>> {
        Ok(Rows::new(Box::new(self.rewound()?)))
    }

    fn rewound(mut self) -> io::Result<Decoded<'a>> {
        self.input.seek(SeekFrom::Start(if self.bom { 3 } else { 0 }))?;
        Ok(if self.gbk { Decoded::gbk(self.input) } else { Decoded::Utf8(self.input) })
    }
}

/// Reads until `buf` is full or the input ends.
pub(super) fn read_some(input: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn whole_line(file: &str, line: usize, reason: String) -> InputError {
    InputError { file: file.into(), line, column: None, field: String::new(), reason }
}

/// Why reading `file` failed: at the line a [`Stop`] names, or at `line`
/// for the disk's own failure, in Chinese.
pub(super) fn read_error(file: &str, line: usize, e: &io::Error) -> InputError {
    match Stop::of(e) {
        Some(stop) => whole_line(file, stop.line, stop.reason.clone()),
        None => whole_line(file, line, format!("读取文件时出错：{}", crate::error::explain_io(e))),
    }
}

/// Why reading stopped at a line: carried inside an [`io::Error`] through
/// the CSV reader, and turned back into a message at that line.
#[derive(Debug)]
struct Stop {
    line: usize,
    reason: String,
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Stop {}

impl Stop {
    fn error(line: usize, reason: String) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, Stop { line, reason })
    }

    fn of(e: &io::Error) -> Option<&Stop> {
        e.get_ref().and_then(|inner| inner.downcast_ref::<Stop>())
    }
}

/// The file's bytes as UTF-8.
enum Decoded<'a> {
    Utf8(Box<dyn Input + 'a>),
    Gbk(Box<GbkReader<'a>>),
}

impl<'a> Decoded<'a> {
    fn gbk(input: Box<dyn Input + 'a>) -> Decoded<'a> {
        Decoded::Gbk(Box::new(GbkReader {
            input,
            decoder: encoding_rs::GBK.new_decoder_without_bom_handling(),
            buf: vec![0; CHUNK],
            decoded: Vec::with_capacity(CHUNK * 3 / 2 + 16),
            given: 0,
            eof: false,
            line: 1,
        }))
    }

    fn into_input(self) -> Box<dyn Input + 'a> {
        match self {
            Decoded::Utf8(input) => input,
            Decoded::Gbk(reader) => reader.input,
        }
    }
}

impl Read for Decoded<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoded::Utf8(input) => input.read(out),
            Decoded::Gbk(reader) => reader.read(out),
        }
    }
}

/// What a file is, by its first bytes, when it is plainly not a table a
/// clerk saved as text: a Word document, a workbook under another name, a
/// zip, a PDF, a picture, an old Office file.
fn not_a_table(head: &[u8]) -> Option<&'static str> {
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    if head.starts_with(b"PK\x03\x04") {
        return Some(if has(b"word/") {
            "一个 Word 文档（.docx）"
        } else if has(b"xl/") {
            "一个 Excel 工作簿，但文件名不是 .xlsx（请把扩展名改为 .xlsx 再导入，或另存）"
        } else if has(b"ppt/") {
            "一个 PowerPoint 演示文稿"
        } else {
            "一个压缩包（.zip）"
        });
    }
    let kinds: [(&[u8], &str); 6] = [
        (b"%PDF", "一个 PDF 文件"),
        (b"\x89PNG", "一张图片（PNG）"),
        (b"\xFF\xD8\xFF", "一张图片（JPEG）"),
        (b"GIF8", "一张图片（GIF）"),
        (b"\xD0\xCF\x11\xE0", "一个旧版 Office 文件（.doc 或 .xls）"),
        (b"Rar!", "一个压缩包（.rar）"),
    ];
    kinds.iter().find(|(magic, _)| head.starts_with(magic)).map(|(_, kind)| *kind)
}

/// GBK decoded as it is read; a byte that is not GBK stops it at its line.
struct GbkReader<'a> {
    input: Box<dyn Input + 'a>,
    decoder: encoding_rs::Decoder,
    buf: Vec<u8>,
    /// A chunk decoded, with room for any chunk; `given` of it passed on.
    decoded: Vec<u8>,
    given: usize,
    /// Whether the input has ended (and the decoder been told).
    eof: bool,
    /// The line reached in the undecoded bytes. A line feed byte is never
    /// part of a GBK character, so lines can be counted before decoding.
    line: usize,
}

impl GbkReader<'_> {
    /// Decodes the next chunk; none left when `decoded` stays empty.
    fn decode_chunk(&mut self) -> io::Result<()> {
        use encoding_rs::DecoderResult;
        let n = read_some(&mut self.input, &mut self.buf)?;
        self.eof = n == 0;
        let input = &self.buf[..n];
        self.decoded.resize(self.decoded.capacity(), 0);
        let (mut at, mut written) = (0, 0);
        loop {
            let (result, read, wrote) =
                self.decoder.decode_to_utf8_without_replacement(&input[at..], &mut self.decoded[written..], n == 0);
            self.line += memchr::memchr_iter(b'\n', &input[at..at + read]).count();
            (at, written) = (at + read, written + wrote);
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => self.decoded.resize(self.decoded.len() * 2, 0),
                DecoderResult::Malformed(..) => {
                    return Err(not_text(self.line));
                }
            }
        }
        self.decoded.truncate(written);
        self.given = 0;
        Ok(())
    }
}

impl Read for GbkReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        // A chunk may end inside a character and decode to nothing: go on
        // until text comes or the input ends.
        while self.given == self.decoded.len() {
            if self.eof {
                return Ok(0);
            }
            self.decode_chunk()?;
        }
        let n = out.len().min(self.decoded.len() - self.given);
        out[..n].copy_from_slice(&self.decoded[self.given..self.given + n]);
        self.given += n;
        Ok(n)
    }
}

/// A byte that is not text, found at `line` while reading: the file
/// changed since it was opened, or a GBK file's bytes are wrong.
pub(super) fn not_text(line: usize) -> io::Error {
    // The message names the line already: the reason does not again.
    Stop::error(line, "有无法识别的字符：文件编码应为 UTF-8 或 GBK".to_string())
}

/// A row over [`MAX_ROW_BYTES`], stopped at the line it starts on.
pub(super) fn too_long(line: usize) -> io::Error {
    let reason = format!(
        "第 {line} 行超过 {} KB，表格的一行不会这么长：请检查是否选错了文件，或是否有引号没有配对",
        MAX_ROW_BYTES / 1024
    );
    Stop::error(line, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> String {
        let mut s = String::new();
        Text::from_bytes("t.csv", bytes).unwrap().rewound().unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn utf8_loses_its_bom_and_gbk_is_decoded_across_chunks() {
        assert_eq!(decoded("\u{FEFF}户号\n".as_bytes()), "户号\n");
        let long = "王喆,欧阳堃\n".repeat(20_000);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        assert_eq!(decoded(&gbk), long);
        // A UTF-8 character split by the survey's chunk edge is still UTF-8.
        let edge = format!("{}户", "a".repeat(CHUNK - 1));
        assert_eq!(decoded(edge.as_bytes()), edge);
    }

    #[test]
    fn a_bad_byte_is_named_at_its_line() {
        let mut bytes = encoding_rs::GBK.encode("户号,户主\n1,王\n2,李\n").0.into_owned();
        bytes.extend_from_slice(b"3,\xFF\n");
        let Err(Error::Input(e)) = Text::from_bytes("t.csv", &bytes) else { panic!() };
        assert_eq!(e[0].line, 4, "{e:?}");
    }

    #[test]
    fn utf16_is_refused_with_what_to_do() {
        let Err(Error::Input(e)) = Text::from_bytes("t.csv", b"\xFF\xFEa\x00") else { panic!() };
        assert!(e[0].reason.contains("UTF-16"), "{e:?}");
    }

    #[test]
    fn hash_and_lines_are_of_the_file_as_given() {
        let mut text = Text::from_bytes("t.csv", b"a\nb\n").unwrap();
        assert_eq!(text.lines(), 2);
        assert_eq!(hex_start(text.sha256().unwrap()), "9111");
        assert_eq!(text.read_to_string().unwrap(), "a\nb\n", "hashing leaves the text to read");
    }

    fn hex_start(h: [u8; 32]) -> String {
        format!("{:02x}{:02x}", h[0], h[1])
    }
}
