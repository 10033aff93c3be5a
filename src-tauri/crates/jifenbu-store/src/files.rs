//! Writing the files a book is printed or exported to.

use std::fs::File;
use std::io::{BufWriter, Result};
use std::path::{Path, PathBuf};

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
