//! A roster file (CSV, any encoding) as the clerk imports it.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = jifenbu_core::import::Text::from_bytes("名册.csv", data) {
        let _ = jifenbu_core::import::households(text);
    }
});
