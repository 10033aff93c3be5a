//! An Excel workbook, unpacked and its first sheet turned into CSV rows,
//! then read as a roster.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(csv) = jifenbu_core::import::table_bytes("表.xlsx", data.to_vec(), None) {
        let _ = jifenbu_core::import::households("表.xlsx", &csv);
    }
});
