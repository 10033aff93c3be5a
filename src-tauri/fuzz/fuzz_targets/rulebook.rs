//! A rulebook's TOML text.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = jifenbu_core::Rulebook::parse(text, "规则.toml");
    }
});
