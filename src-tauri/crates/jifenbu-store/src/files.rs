//! Writing the files a book is printed or exported to, and opening the
//! table files it imports.

use std::fs::File;
use std::io::{BufWriter, Result, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use jifenbu_core::error::InputError;
use jifenbu_core::import::{self, Input, Text};

/// A table file as the CSV text the importers read: a workbook's sheet
/// (`sheet`, or the first) is converted into an unnamed temporary file,
/// keeping Excel's row and column numbers; anything else is taken as CSV.
pub fn open_table<'a>(
    file: &str,
    input: impl Input + 'a,
    sheet: Option<&str>,
) -> std::result::Result<Text<'a>, jifenbu_core::Error> {
    if !import::is_workbook(file) {
        return Text::open(file, input);
    }
    let failed = |e: std::io::Error| {
        let reason = format!("转换工作表时出错：{}", jifenbu_core::error::explain_io(&e));
        jifenbu_core::Error::from(InputError { file: file.into(), line: 1, column: None, field: String::new(), reason })
    };
    let mut csv = tempfile::tempfile().map_err(failed)?;
    let mut out = BufWriter::new(&mut csv);
    import::write_sheet(file, input, sheet, &mut out)?;
    out.flush().map_err(failed)?;
    drop(out);
    csv.seek(SeekFrom::Start(0)).map_err(failed)?;
    Text::open(file, csv)
}

/// Writes `path` through a temporary file in the same folder (`….partial`),
/// synced and renamed at the end: a reader never sees half a file, and a
/// failure leaves none.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> Result<()>) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    let result = File::create(&tmp).and_then(|f| {
        let mut w = BufWriter::new(f);
        write(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    let result = result.and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
