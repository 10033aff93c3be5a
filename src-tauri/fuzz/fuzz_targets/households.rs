//! The households target: see `jifenbu_fuzz::households` (targets.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| jifenbu_fuzz::households(data));
