//! What each fuzz target does with its input: shared by the fuzz targets
//! (fuzz_targets/, cargo-fuzz on nightly, `make fuzz`) and by
//! tests/corpora.rs, which replays every kept input on the everyday build
//! in `make test`. Any input: refused or read, never a panic.

use jifenbu_core::import::{EntryRows, Text};
use jifenbu_core::rollup::{RollupRow, VillageExport};
use jifenbu_store::{prepare_photo, Book, PHOTO_MAX_BYTES, PHOTO_MAX_SIDE};

/// A roster file (CSV, any encoding) as the clerk imports it.
pub fn households(data: &[u8]) {
    if let Ok(text) = Text::from_bytes("名册.csv", data) {
        let _ = jifenbu_core::import::households(text);
    }
}

/// An entries file (CSV, any encoding), every row read and checked.
pub fn entries(data: &[u8]) {
    let Ok(text) = Text::from_bytes("记录.csv", data) else { return };
    let Ok(rows) = EntryRows::open(text) else { return };
    for row in rows {
        let _ = row;
    }
}

/// An Excel workbook, unpacked and its first sheet turned into CSV rows,
/// then read as a roster.
pub fn workbook(data: &[u8]) {
    let mut csv = Vec::new();
    if jifenbu_core::import::write_sheet("表.xlsx", std::io::Cursor::new(data), None, &mut csv).is_ok() {
        if let Ok(text) = Text::from_bytes("表.xlsx", &csv) {
            let _ = jifenbu_core::import::households(text);
        }
    }
}

/// A rulebook's TOML text.
pub fn rulebook(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = jifenbu_core::Rulebook::parse(text, "规则.toml");
    }
}

/// A village's export as the town's rollup reads it, whole and as its
/// village's line, combined with itself under another village code.
pub fn export(data: &[u8]) {
    let Ok(text) = Text::from_bytes("村.csv", data) else { return };
    let _ = VillageExport::read(text);
    let Ok(row) = Text::from_bytes("村.csv", data).and_then(RollupRow::read) else { return };
    let mut other = row.clone();
    other.code.push('9');
    if let Ok(rollup) = jifenbu_core::Rollup::combine(vec![row, other]) {
        let _ = rollup.write_csv(&mut Vec::new());
        let _ = rollup.totals();
    }
}

/// Arbitrary bytes as a book file: opened, verified, ranked and its roster
/// read, or refused.
pub fn book(data: &[u8]) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("村.jfb");
    std::fs::write(&path, data).expect("writing the file");
    let Ok(book) = Book::open(&path) else { return };
    let _ = book.verify();
    for q in ["2025Q1", "2025Q4"] {
        let _ = book.ranking(q.parse().expect("a quarter"));
    }
    let _ = book.households();
}

/// Arbitrary bytes as an evidence photo: made storable within its bounds,
/// or refused by name. scripts/fuzz.sh runs this target with a malloc
/// limit at the photo's memory bound, so an allocation past it is a crash
/// too.
pub fn photo(data: &[u8]) {
    if let Ok(photo) = prepare_photo("照片.jpg", data) {
        assert!(photo.width.max(photo.height) <= PHOTO_MAX_SIDE);
        assert!(photo.jpeg.len() <= PHOTO_MAX_BYTES);
    }
}
