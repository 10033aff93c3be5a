//! An Excel workbook, unpacked and its first sheet turned into CSV rows,
//! then read as a roster.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = jifenbu_core::import::open_table("表.xlsx", std::io::Cursor::new(data), None) {
        let _ = jifenbu_core::import::households(text);
    }
});
