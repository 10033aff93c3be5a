//! Posting: the one path by which entries enter a book's ledger. The core's
//! [`Checker`], loaded here from the book, decides and chains each entry; a
//! [`Writer`] inserts it into the command's batch. Adding, reversing,
//! importing (`entry_import.rs`) and objection rulings all go through this
//! pair, so every entry meets the same rules and the same hash chain. No
//! rule is written here: this module only loads and writes.

use chrono::Datelike;
use chrono::NaiveDate;
use jifenbu_core::posting::{CapUse, Checker, Clerk};
use jifenbu_core::{parse, Entry, EntryDraft, Quarter, Refusal, Reversal};
use rusqlite::Connection;

use crate::clock::now;
use crate::error::Result;
use crate::households::households_by_code;
use crate::ledger::sums::{item_sums, load_sums};
use crate::ledger::{self, entries_for_year, entry_by_id, Writer};
use crate::publications::published_quarters;
use crate::rulebooks::{self, all_rulebooks};
use crate::Book;

/// How entries keyed in by hand are labelled in their batch (an import is
/// labelled with its file name, an objection's ruling with its number).
const ADDED: &str = "录入";
const BATCH: &str = "批量录入";
const REVERSED: &str = "冲销";

impl Book {
    /// Checks and records one entry; returns it as recorded.
    pub fn add_entry(&mut self, draft: &EntryDraft, operator: &str) -> Result<Entry> {
        self.write(|tx| add_in(tx, draft, operator, ADDED))
    }

    /// Records a reversal of one entry; returns the reversal entry.
    pub fn reverse_entry(&mut self, reversal: &Reversal, operator: &str) -> Result<Entry> {
        self.write(|tx| reverse_in(tx, reversal, operator, REVERSED))
    }

    /// Reverses every entry of the batch that `entry` belongs to (冲销整批)
    /// that still counts, with one reason, in one transaction: all of them
    /// or, when any is refused, none. Returns the reversals.
    pub fn reverse_batch(&mut self, entry: &str, reason: &str, date: NaiveDate, operator: &str) -> Result<Vec<Entry>> {
        self.write(|tx| reverse_batch_in(tx, entry, reason, date, operator))
    }

    /// Checks and records several entries as one batch (批量录入): all of
    /// them, or, when any is refused, none, naming every household refused
    /// and why (an item that needs review is refused once, for them all).
    pub fn add_entries(&mut self, drafts: &[EntryDraft], operator: &str) -> Result<Vec<Entry>> {
        self.write(|tx| {
            let mut checker = load_checker(tx, operator)?;
            let mut writer = Writer::new(tx, &checker, BATCH)?;
            let mut out = Vec::with_capacity(drafts.len());
            let mut refused = Vec::new();
            for draft in drafts {
                load_sums(tx, &mut checker, &draft.household, draft.date.year())?;
                match checker.check(draft.clone()) {
                    Err(refusal @ Refusal::NeedsReview(_)) => return Err(refusal.into()),
                    Err(refusal) => refused.push((draft.household.clone(), refusal)),
                    // Written even after a refusal, so the next check counts
                    // it; the transaction is rolled back then.
                    Ok(entry) => {
                        let entry = checker.chain(entry);
                        writer.write(&entry)?;
                        out.push(entry);
                    }
                }
            }
            if !refused.is_empty() {
                let households = refused
                    .into_iter()
                    .map(|(code, refusal)| {
                        let head = crate::households::household(tx, &code).map(|h| h.head).unwrap_or_default();
                        crate::error::RefusedHousehold { code, head, reason: refusal.to_string() }
                    })
                    .collect();
                return Err(crate::Error::BatchRefused(households));
            }
            Ok(out)
        })
    }

    /// The entries keyed in by hand on `day` (by the clock, not the deed
    /// date) — added, batch-entered or reversed, not imported — in
    /// recording order: a clerk's "today's entries".
    pub fn entries_keyed_on(&self, day: chrono::NaiveDate) -> Result<Vec<Entry>> {
        ledger::keyed_on(&self.conn, day, [ADDED, BATCH, REVERSED])
    }

    /// The points `household` may still get from capped `item` in the
    /// period containing `date`; `None` when the item has no cap.
    pub fn cap_left(
        &self,
        household: &str,
        item: &str,
        date: chrono::NaiveDate,
    ) -> Result<Option<rust_decimal::Decimal>> {
        // The app asks after every save: read only this item's sums, not a
        // whole Checker (the roster and every rulebook version).
        let book = rulebooks::rulebook_on(&self.conn, date)?;
        let Some(item) = book.rulebook.item(item) else { return Ok(None) };
        let Some(cap) = item.cap else { return Ok(None) };
        let per_period = item_sums(&self.conn, date.year(), household, &item.code)?;
        Ok(Some(CapUse::new(cap, item.kind, per_period, Quarter::of(date).into()).left()))
    }

    /// Every entry posted in `year`, in recording order.
    pub fn entries_for_year(&self, year: i32) -> Result<Vec<Entry>> {
        entries_for_year(&self.conn, year)
    }
}

/// Checks and records one entry inside the caller's transaction, as a
/// batch of its own labelled `source`.
pub(crate) fn add_in(conn: &Connection, draft: &EntryDraft, operator: &str, source: &str) -> Result<Entry> {
    let mut checker = load_checker(conn, operator)?;
    load_sums(conn, &mut checker, &draft.household, draft.date.year())?;
    let entry = checker.check(draft.clone())?;
    let entry = checker.chain(entry);
    Writer::new(conn, &checker, source)?.write(&entry)?;
    Ok(entry)
}

/// Records an item added by a correction to `year` (an upheld objection)
/// inside the caller's transaction: it counts in `year` (see
/// `Checker::check_correction`).
pub(crate) fn add_correction_in(
    conn: &Connection,
    draft: &EntryDraft,
    year: i32,
    operator: &str,
    source: &str,
) -> Result<Entry> {
    let mut checker = load_checker(conn, operator)?;
    load_sums(conn, &mut checker, &draft.household, year)?;
    let entry = checker.chain(checker.check_correction(draft.clone(), year)?);
    Writer::new(conn, &checker, source)?.write(&entry)?;
    Ok(entry)
}

/// Records a reversal inside the caller's transaction.
pub(crate) fn reverse_in(conn: &Connection, reversal: &Reversal, operator: &str, source: &str) -> Result<Entry> {
    let original = entry_by_id(conn, &reversal.entry)?;
    let reversed_by = match &original {
        Some(o) => ledger::reversal_of(conn, o.id)?,
        None => None,
    };
    let mut checker = load_checker(conn, operator)?;
    let entry = checker.reverse(reversal, original, reversed_by)?;
    let entry = checker.chain(entry);
    Writer::new(conn, &checker, source)?.write(&entry)?;
    Ok(entry)
}

/// 冲销整批 inside a write (see [`Book::reverse_batch`]).
fn reverse_batch_in(tx: &Connection, entry: &str, reason: &str, date: NaiveDate, operator: &str) -> Result<Vec<Entry>> {
    let first = entry_by_id(tx, entry)?.ok_or_else(|| Refusal::UnknownEntry(parse::quote(entry)))?;
    let (entries, reversed) = ledger::batch_entries(tx, first.id)?;
    let originals = jifenbu_core::posting::batch_reversal(entries, &reversed)?;
    let mut checker = load_checker(tx, operator)?;
    let mut writer = Writer::new(tx, &checker, REVERSED)?;
    let mut out = Vec::with_capacity(originals.len());
    for original in originals {
        let reversal = Reversal { entry: original.id.to_string(), reason: reason.to_string(), date };
        let entry = checker.reverse(&reversal, Some(original), None)?;
        let entry = checker.chain(entry);
        writer.write(&entry)?;
        out.push(entry);
    }
    Ok(out)
}

/// The core's checker over this book's roster, rulebook versions,
/// published quarters and the end of its hash chain; item sums are loaded
/// apart (`ledger::sums`).
pub(crate) fn load_checker(conn: &Connection, operator: &str) -> Result<Checker> {
    let head = ledger::end(conn)?;
    let published = published_quarters(conn)?;
    let rulebooks = all_rulebooks(conn)?.into_iter().map(|b| b.rulebook).collect();
    let clerk = Clerk { operator: operator.trim().to_string(), recorded_at: now() };
    let closed = crate::closings::closed_years(conn)?;
    Ok(Checker::new(clerk, head, households_by_code(conn)?, rulebooks, published, closed))
}
