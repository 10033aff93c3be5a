//! An entries file (CSV, any encoding), every row read and checked.
#![no_main]
use jifenbu_core::import::{decode, EntryRows};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode("记录.csv", data) else { return };
    let Ok(rows) = EntryRows::open("记录.csv", &text) else { return };
    for row in rows {
        let _ = row;
    }
});
