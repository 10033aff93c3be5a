//! Printing (打印): the quarterly and annual public notices, household
//! statements and the town's report as PDF, laid out by hand on printpdf's drawing
//! operations.
//!
//! **Architecture invariants:**
//! - What is printed comes from `jifenbu-core` values (`Notice`,
//!   `Statement`); this crate decides only where it goes on paper.
//! - Output is deterministic: the same notice gives the same bytes, so a
//!   reprint of a published quarter can be checked byte for byte.
//! - A character the fonts cannot draw is refused, never printed as a box.

mod annual;
mod canvas;
mod cards;
mod content;
mod embed;
mod error;
mod flow;
mod fonts;
mod notice;
mod pdf;
mod prose;
mod review;
mod shop;
mod statement;
mod table;
mod town;

pub use annual::annual_notice;
pub use cards::{cards, CardKind};
pub use error::{Error, Result};
pub use flow::Paper;
pub use fonts::ready;
pub use notice::{notice, NoticeOptions};
pub use review::{minutes, review_sheet};
pub use shop::{receipt, shop_report, ReceiptPaper};
pub use statement::statement;
pub use town::{town_report, TownHead};

/// A sentence for each household whose head or group has a character no
/// printout can draw (neither font has it): said when the roster comes
/// in, not when a notice is refused. Without the fonts, that one sentence.
pub fn unprintable_names(households: &[jifenbu_core::Household]) -> Vec<String> {
    if let Err(e) = ready() {
        return vec![e.to_string()];
    }
    let fonts = fonts::Fonts::get();
    households
        .iter()
        .filter_map(|h| {
            let ch = fonts.missing(&h.head).or_else(|| fonts.missing(&h.group))?;
            Some(format!(
                "户号 {}（户主 {}，{}）里的「{ch}」（U+{:04X}）打印字库里没有，这一户将无法打印公示；请核对是否录错",
                h.code, h.head, h.group, ch as u32
            ))
        })
        .collect()
}
