//! The village book (积分簿): one SQLite file per village holding its roster,
//! rulebook versions, the append-only ledger and the published quarters.
//!
//! **Architecture invariants:**
//! - Nothing updates or deletes an entry: the database's own triggers refuse
//!   it, and every entry is chained to the one before by a SHA-256 hash.
//! - Every command that changes the book runs in one transaction, so it
//!   applies whole or not at all, whatever moment the process dies at.
//! - Scoring rules live in `jifenbu-core`; this crate only feeds them rows.
//! - Each table has one keeper module, the only one whose SQL reads or
//!   writes it (ARCHITECTURE.md lists them; `tests/architecture.rs`).

// Refusals carry the figures a clerk needs (cap, used, left…), which makes
// them large; they are the cold path, so boxing would buy nothing.
#![allow(clippy::result_large_err)]

mod backup;
mod backup_record;
mod book;
mod clock;
mod closing;
mod closings;
pub mod demo;
mod entry_import;
mod error;
mod evidence;
mod files;
mod households;
mod imports;
mod ledger;
mod objections;
mod photo;
mod posting;
mod printing;
mod publications;
mod publish;
mod ranking;
mod review;
mod rulebooks;
mod schema;
mod settings;
mod shop;
mod verify;

pub use backup::SinceBackup;
pub use backup_record::{default_backup_folder, latest_backup, BackupRecord, KnownBackup};
pub use book::{on_waiting, Book};
pub use closings::ClosedYear;
pub use entry_import::{Duplicates, ImportSummary};
pub use error::{explain_io, Error, RefusedHousehold, Result, Storage};
pub use files::{open_table, write_atomically};
pub use jifenbu_core::objection::{Correction, Objection, Ruling};
pub use photo::{prepare as prepare_photo, Photo, MAX_BYTES as PHOTO_MAX_BYTES, MAX_SIDE as PHOTO_MAX_SIDE};
pub use publications::Publication;
pub use ranking::QuarterExport;
pub use review::Meeting;
pub use rulebooks::StoredRulebook;
pub use settings::{Settings, Village};
pub use verify::{Check, VerifyReport, Witness};
