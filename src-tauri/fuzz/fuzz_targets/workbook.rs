//! An Excel workbook, unpacked and its first sheet turned into CSV rows,
//! then read as a roster.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut csv = Vec::new();
    if jifenbu_core::import::write_sheet("表.xlsx", std::io::Cursor::new(data), None, &mut csv).is_ok() {
        if let Ok(text) = jifenbu_core::import::Text::from_bytes("表.xlsx", &csv) {
            let _ = jifenbu_core::import::households(text);
        }
    }
});
