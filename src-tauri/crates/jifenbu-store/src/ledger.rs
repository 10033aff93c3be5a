//! The ledger: the one path by which entries enter a book. Adding one entry,
//! reversing one and importing a file all go through [`Appender`], so every
//! entry is checked by the same rules and chained by the same hash.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use jifenbu_core::entry::GENESIS_HASH;
use jifenbu_core::import::{self, entry_field_of};
use jifenbu_core::rulebook::CapPeriod;
use jifenbu_core::{points, Entry, EntryDraft, Household, Item, Kind, Quarter, Refusal, Reversal};
use rusqlite::{Connection, OptionalExtension, Row};

use crate::book::now;
use crate::error::Result;
use crate::households::households_by_code;
use crate::rulebooks::{all_rulebooks, StoredRulebook};
use crate::Book;

/// Page cache for a large import, in KiB (the memory is used only as needed).
const IMPORT_CACHE_KIB: i64 = 256 * 1024;

/// What an entries import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    /// Rows whose id was already in the book.
    pub skipped: usize,
}

impl Book {
    /// Checks and records one entry; returns it as recorded.
    pub fn add_entry(&mut self, draft: &EntryDraft, operator: &str) -> Result<Entry> {
        let tx = self.conn.transaction()?;
        let entry = {
            let mut appender = Appender::new(&tx, operator)?;
            let entry = appender.check(draft)??;
            appender.append(entry)?
        };
        tx.commit()?;
        Ok(entry)
    }

    /// Records a reversal of one entry; returns the reversal entry.
    pub fn reverse_entry(&mut self, reversal: &Reversal, operator: &str) -> Result<Entry> {
        let reason = reversal.reason.trim();
        if reason.is_empty() {
            return Err(Refusal::ReasonRequired.into());
        }
        let tx = self.conn.transaction()?;
        let entry = {
            let original =
                entry_by_id(&tx, &reversal.entry)?.ok_or_else(|| Refusal::UnknownEntry(reversal.entry.clone()))?;
            if original.is_reversal() {
                return Err(Refusal::ReversalOfReversal(original.id).into());
            }
            let by: Option<String> =
                tx.query_row("SELECT id FROM entries WHERE reverses = ?1", [&original.id], |r| r.get(0)).optional()?;
            if let Some(by) = by {
                return Err(Refusal::AlreadyReversed { id: original.id, by }.into());
            }
            let mut appender = Appender::new(&tx, operator)?;
            let posting = reversal.posting(original.posting, |q| appender.published.contains(&q))?;
            appender.append(Entry {
                seq: 0,
                id: new_id(),
                points: -original.points,
                date: reversal.date,
                posting,
                note: reason.to_string(),
                operator: appender.operator.clone(),
                recorded_at: appender.recorded_at.clone(),
                reverses: Some(original.id.clone()),
                hash: String::new(),
                ..original
            })?
        };
        tx.commit()?;
        Ok(entry)
    }

    /// Imports an entries file whole or not at all. Rows whose id is already
    /// in the book are skipped, so importing a file twice adds nothing.
    pub fn import_entries(&mut self, file_name: &str, bytes: &[u8], operator: &str) -> Result<ImportSummary> {
        let parsed = import::entries(file_name, bytes)?;
        // Random UUIDs land all over the id index: with SQLite's small default
        // cache, index pages would be spilled to the WAL again and again.
        self.conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        let tx = self.conn.transaction()?;
        let mut summary = ImportSummary { added: 0, skipped: 0 };
        let mut errors = Vec::new();
        {
            let mut appender = Appender::new(&tx, operator)?;
            // Ids seen earlier in this file; the book is asked only if it had
            // entries before (an index probe per row is a third of the work).
            let mut seen = HashSet::with_capacity(parsed.rows.len());
            let book_had_entries = appender.last_seq > 0;
            let mut known = tx.prepare("SELECT 1 FROM entries WHERE id = ?1")?;
            for row in &parsed.rows {
                if let Some(id) = &row.draft.id {
                    if !seen.insert(id.as_str()) || (book_had_entries && known.exists([id])?) {
                        summary.skipped += 1;
                        continue;
                    }
                }
                match appender.check(&row.draft)? {
                    Ok(entry) => {
                        appender.append(entry)?;
                        summary.added += 1;
                    }
                    Err(refusal) => {
                        errors.push(parsed.error_at(row.line, entry_field_of(&refusal), refusal.to_string()));
                        if errors.len() == import::MAX_REPORTED {
                            break;
                        }
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(jifenbu_core::Error::Input(errors).into());
        }
        tx.commit()?;
        Ok(summary)
    }

    /// Every entry posted in `year`, in recording order.
    pub fn entries_for_year(&self, year: i32) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare(&format!("{SELECT_ENTRY} WHERE year = ?1 ORDER BY seq"))?;
        let rows = stmt.query_map([year], entry_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One entry by id.
    pub fn entry(&self, id: &str) -> Result<Option<Entry>> {
        entry_by_id(&self.conn, id)
    }
}

pub(crate) const SELECT_ENTRY: &str = "SELECT seq, id, household, item_code, item_name, kind, veto, qty, cents, \
     date, year, quarter, note, operator, recorded_at, reverses, hash FROM entries";

/// An entry from a row of [`SELECT_ENTRY`].
pub(crate) fn entry_of(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.to_string().into())
    };
    let kind: String = r.get(5)?;
    let date: String = r.get(9)?;
    Ok(Entry {
        seq: r.get(0)?,
        id: r.get(1)?,
        household: r.get(2)?,
        item_code: r.get(3)?,
        item_name: r.get(4)?,
        kind: Kind::parse(&kind).ok_or_else(|| bad(5, "kind"))?,
        veto: r.get(6)?,
        qty: r.get(7)?,
        points: points::from_cents(r.get(8)?),
        date: date.parse().map_err(|_| bad(9, "date"))?,
        posting: Quarter::new(r.get(10)?, r.get(11)?).ok_or_else(|| bad(11, "quarter"))?,
        note: r.get(12)?,
        operator: r.get(13)?,
        recorded_at: r.get(14)?,
        reverses: r.get(15)?,
        hash: r.get(16)?,
    })
}

fn entry_by_id(conn: &Connection, id: &str) -> Result<Option<Entry>> {
    Ok(conn.query_row(&format!("{SELECT_ENTRY} WHERE id = ?1"), [id.trim()], entry_of).optional()?)
}

fn new_id() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string()
}

/// Signed hundredths per item and quarter, for one household and year.
type ItemSums = HashMap<String, [i64; 4]>;

/// Checks drafts against the book as it stands inside one transaction and
/// appends them, keeping the hash chain and the cap sums current.
struct Appender<'c> {
    conn: &'c Connection,
    /// Prepared once: re-preparing per row (even from the cache, which
    /// hashes the SQL text) was a tenth of an import's time.
    insert: rusqlite::Statement<'c>,
    operator: String,
    recorded_at: String,
    last_seq: i64,
    last_hash: String,
    households: HashMap<String, Household>,
    /// Ascending by effective date, then import order.
    rulebooks: Vec<StoredRulebook>,
    published: HashSet<Quarter>,
    /// Loaded per household and year when an entry for them is first checked.
    sums: HashMap<String, HashMap<i32, ItemSums>>,
}

impl<'c> Appender<'c> {
    fn new(conn: &'c Connection, operator: &str) -> Result<Self> {
        let (last_seq, last_hash) = conn
            .query_row("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((0, GENESIS_HASH.to_string()));
        let mut stmt = conn.prepare("SELECT year, quarter FROM published")?;
        let published = stmt
            .query_map([], |r| Ok(Quarter::new(r.get(0)?, r.get(1)?)))?
            .filter_map(|q| q.transpose())
            .collect::<rusqlite::Result<_>>()?;
        let insert = conn.prepare(
            "INSERT INTO entries (seq, id, household, item_code, item_name, kind, veto, qty, cents, date,
                 year, quarter, note, operator, recorded_at, reverses, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?;
        Ok(Appender {
            conn,
            insert,
            operator: operator.trim().to_string(),
            recorded_at: now(),
            last_seq,
            last_hash,
            households: households_by_code(conn)?,
            rulebooks: all_rulebooks(conn)?,
            published,
            sums: HashMap::new(),
        })
    }

    /// The entry a draft makes, or the rule it breaks (the outer error: the
    /// book could not be read).
    fn check(&mut self, draft: &EntryDraft) -> Result<Result<Entry, Refusal>> {
        let Some(h) = self.households.get(&draft.household) else {
            return Ok(Err(Refusal::UnknownHousehold(draft.household.clone())));
        };
        let (code, year) = (h.code.clone(), draft.date.year());
        // Cap sums come from the book; load them before the pure checks.
        self.sums_for(&code, year)?;
        Ok(self.check_loaded(draft))
    }

    fn check_loaded(&mut self, draft: &EntryDraft) -> Result<Entry, Refusal> {
        let date = draft.date;
        let h =
            self.households.get(&draft.household).ok_or_else(|| Refusal::UnknownHousehold(draft.household.clone()))?;
        if !h.is_active_on(date) {
            let show = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
            return Err(Refusal::HouseholdInactive {
                code: h.code.clone(),
                date,
                from: show(h.active_from),
                to: show(h.active_to),
            });
        }
        let book = self
            .rulebooks
            .iter()
            .rev()
            .find(|b| b.rulebook.effective_from <= date)
            .ok_or(Refusal::NoRulebook { date })?;
        let item = book
            .rulebook
            .item(&draft.item)
            .ok_or_else(|| Refusal::UnknownItem { code: draft.item.clone(), date })?
            .clone();
        let posting = Quarter::of(date);
        if self.published.contains(&posting) {
            return Err(Refusal::QuarterPublished(posting));
        }
        let points = item.points_for(draft.qty, draft.points)?;
        self.check_cap(&draft.household, &item, posting, points)?;
        Ok(Entry {
            seq: 0,
            id: draft.id.clone().unwrap_or_else(new_id),
            household: draft.household.clone(),
            item_code: item.code,
            item_name: item.name,
            kind: item.kind,
            veto: item.veto,
            qty: draft.qty,
            points,
            date,
            posting,
            note: draft.note.trim().to_string(),
            operator: self.operator.clone(),
            recorded_at: self.recorded_at.clone(),
            reverses: None,
            hash: String::new(),
        })
    }

    fn check_cap(
        &self,
        household: &str,
        item: &Item,
        posting: Quarter,
        points: rust_decimal::Decimal,
    ) -> Result<(), Refusal> {
        let Some(cap) = item.cap else { return Ok(()) };
        let per_quarter = self
            .sums
            .get(household)
            .and_then(|years| years.get(&posting.year))
            .and_then(|sums| sums.get(&item.code))
            .copied()
            .unwrap_or_default();
        let (signed_used, period_word) = match cap.per {
            CapPeriod::Quarter => (per_quarter[usize::from(posting.q - 1)], "本季度"),
            CapPeriod::Year => (per_quarter.iter().sum(), "本年度"),
        };
        let used = signed_used.abs();
        let cap_c = points::to_cents(cap.points);
        let wanted = points::to_cents(points).abs();
        if wanted > cap_c - used {
            return Err(Refusal::CapExceeded {
                code: item.code.clone(),
                name: item.name.clone(),
                period: cap.per.chinese().trim_start_matches('每').to_string(),
                period_word: period_word.to_string(),
                cap: points::format(cap.points),
                used: points::format(points::from_cents(used)),
                left: points::format(points::from_cents((cap_c - used).max(0))),
                wanted: points::format(points::from_cents(wanted)),
            });
        }
        Ok(())
    }

    fn sums_for(&mut self, household: &str, year: i32) -> Result<()> {
        if self.sums.get(household).is_some_and(|years| years.contains_key(&year)) {
            return Ok(());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_code, quarter, SUM(cents) FROM entries WHERE year = ?2 AND household = ?1
             GROUP BY item_code, quarter",
        )?;
        let mut sums = ItemSums::new();
        let rows = stmt
            .query_map((household, year), |r| Ok((r.get::<_, String>(0)?, r.get::<_, u8>(1)?, r.get::<_, i64>(2)?)))?;
        for row in rows {
            let (code, q, cents) = row?;
            sums.entry(code).or_default()[usize::from(q - 1)] = cents;
        }
        self.sums.entry(household.to_string()).or_default().insert(year, sums);
        Ok(())
    }

    /// Chains and inserts a checked entry.
    fn append(&mut self, mut entry: Entry) -> Result<Entry> {
        entry.seq = self.last_seq + 1;
        entry.hash = entry.chain_hash(&self.last_hash);
        let cents = points::to_cents(entry.points);
        self.insert.execute(rusqlite::params![
            entry.seq,
            entry.id,
            entry.household,
            entry.item_code,
            entry.item_name,
            entry.kind.as_str(),
            entry.veto,
            entry.qty,
            cents,
            entry.date.to_string(),
            entry.posting.year,
            entry.posting.q,
            entry.note,
            entry.operator,
            entry.recorded_at,
            entry.reverses,
            entry.hash,
        ])?;
        if let Some(sums) = self.sums.get_mut(&entry.household).and_then(|y| y.get_mut(&entry.posting.year)) {
            sums.entry(entry.item_code.clone()).or_default()[usize::from(entry.posting.q - 1)] += cents;
        }
        self.last_seq = entry.seq;
        self.last_hash = entry.hash.clone();
        Ok(entry)
    }
}
