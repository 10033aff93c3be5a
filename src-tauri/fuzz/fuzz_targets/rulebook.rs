//! The rulebook target: see `jifenbu_fuzz::rulebook` (targets.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| jifenbu_fuzz::rulebook(data));
