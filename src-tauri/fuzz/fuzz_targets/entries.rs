//! The entries target: see `jifenbu_fuzz::entries` (targets.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| jifenbu_fuzz::entries(data));
