//! The book target: see `jifenbu_fuzz::book` (targets.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| jifenbu_fuzz::book(data));
