//! A village's export as the town's rollup reads it, combined with itself
//! under another village code.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(export) = jifenbu_core::rollup::VillageExport::read("村.csv", data) else { return };
    let mut other = export.clone();
    other.code.push('9');
    if let Ok(rollup) = jifenbu_core::Rollup::combine(&[export, other]) {
        let _ = rollup.write_csv(&mut Vec::new());
        let _ = rollup.totals();
    }
});
