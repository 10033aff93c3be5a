//! A roster file (CSV, any encoding) as the clerk imports it.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = jifenbu_core::import::households("名册.csv", data);
});
