//! The workbook target: see `jifenbu_fuzz::workbook` (targets.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| jifenbu_fuzz::workbook(data));
