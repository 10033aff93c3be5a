//! The export target: see `jifenbu_fuzz::export` (targets.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| jifenbu_fuzz::export(data));
