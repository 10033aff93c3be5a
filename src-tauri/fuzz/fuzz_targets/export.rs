//! A village's export as the town's rollup reads it, whole and as its
//! village's line, combined with itself under another village code.
#![no_main]
use jifenbu_core::import::Text;
use jifenbu_core::rollup::{RollupRow, VillageExport};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = Text::from_bytes("村.csv", data) else { return };
    let _ = VillageExport::read(text);
    let Ok(row) = Text::from_bytes("村.csv", data).and_then(RollupRow::read) else { return };
    let mut other = row.clone();
    other.code.push('9');
    if let Ok(rollup) = jifenbu_core::Rollup::combine(vec![row, other]) {
        let _ = rollup.write_csv(&mut Vec::new());
        let _ = rollup.totals();
    }
});
