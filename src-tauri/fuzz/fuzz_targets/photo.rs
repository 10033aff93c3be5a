//! The photo target: see `jifenbu_fuzz::photo` (targets.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| jifenbu_fuzz::photo(data));
