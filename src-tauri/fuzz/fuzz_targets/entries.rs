//! An entries file (CSV, any encoding), every row read and checked.
#![no_main]
use jifenbu_core::import::{EntryRows, Text};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = Text::from_bytes("记录.csv", data) else { return };
    let Ok(rows) = EntryRows::open(text) else { return };
    for row in rows {
        let _ = row;
    }
});
