//! The domain core of 积分簿: rulebooks, households, ledger entries, quarters,
//! scoring and rankings, and the parsing of the files clerks bring in.
//!
//! **Architecture invariant:** this crate does no I/O beyond what it is handed
//! as bytes or text. It knows nothing of SQLite, Tauri or the command line; the
//! store and the front ends call into it, never the other way round.

// Refusals carry the figures a clerk needs (cap, used, left…), which makes
// them large; they are the cold path, so boxing would buy nothing.
#![allow(clippy::result_large_err)]

pub mod calendar;
pub mod csv_out;
pub mod entry;
pub mod error;
pub mod field;
pub mod household;
pub mod import;
pub mod notice;
pub mod objection;
pub mod parse;
pub mod points;
pub mod posting;
pub mod publishing;
pub mod quarter;
pub mod ranking;
pub mod review;
pub mod rollup;
pub mod rulebook;
pub mod shop;
pub mod statement;
pub mod tally;
pub mod year;

#[cfg(test)]
mod test_support;

pub use entry::{Entry, EntryDraft, EntryId, Reversal};
pub use error::{Error, Refusal, Result};
pub use field::Field;
pub use household::Household;
pub use notice::{Letterhead, Notice, Seal};
pub use quarter::{Posting, Quarter};
pub use ranking::{Ranking, RankingRow};
pub use rollup::{Rollup, VillageExport};
pub use rulebook::{Item, Kind, Rulebook};
pub use statement::Statement;
