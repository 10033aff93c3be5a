//! The ledger: the one path by which entries enter a book. A [`Checker`]
//! applies the rules and chains the entry; a [`Writer`] inserts it into the
//! command's batch. Adding, reversing and importing (`entry_import.rs`) all
//! go through this pair, so every entry is checked by the same rules and
//! chained by the same hash.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use jifenbu_core::entry::ChainHash;
use jifenbu_core::rulebook::{Cap, CapPeriod};
use jifenbu_core::{points, Entry, EntryDraft, EntryId, Household, Item, Kind, Quarter, Refusal, Reversal};
use rusqlite::{Connection, OptionalExtension, Row};

use crate::book::now;
use crate::error::Result;
use crate::households::households_by_code;
use crate::rulebooks::{self, all_rulebooks, StoredRulebook};
use crate::Book;

/// How entries keyed in by hand are labelled in their batch (an import is
/// labelled with its file name, an objection's ruling with its number).
const ADDED: &str = "录入";
const BATCH: &str = "批量录入";
const REVERSED: &str = "冲销";

impl Book {
    /// Checks and records one entry; returns it as recorded.
    pub fn add_entry(&mut self, draft: &EntryDraft, operator: &str) -> Result<Entry> {
        let tx = self.conn.transaction()?;
        let entry = add_in(&tx, draft, operator, ADDED)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Records a reversal of one entry; returns the reversal entry.
    pub fn reverse_entry(&mut self, reversal: &Reversal, operator: &str) -> Result<Entry> {
        let tx = self.conn.transaction()?;
        let entry = reverse_in(&tx, reversal, operator, REVERSED)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Checks and records several entries as one batch (批量录入): all of
    /// them, or, when any is refused, none.
    pub fn add_entries(&mut self, drafts: &[EntryDraft], operator: &str) -> Result<Vec<Entry>> {
        let tx = self.conn.transaction()?;
        let mut checker = Checker::load(&tx, operator)?;
        let mut writer = Writer::new(&tx, &checker, BATCH)?;
        let mut out = Vec::with_capacity(drafts.len());
        for draft in drafts {
            checker.load_sums(&tx, &draft.household, draft.date.year())?;
            let entry = checker.chain(checker.check(draft.clone())?);
            writer.write(&entry)?;
            out.push(entry);
        }
        drop(writer);
        tx.commit()?;
        Ok(out)
    }

    /// The entries keyed in by hand on `day` (by the clock, not the deed
    /// date) — added, batch-entered or reversed, not imported — in
    /// recording order: a clerk's "today's entries".
    pub fn entries_keyed_on(&self, day: chrono::NaiveDate) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_ENTRY} WHERE b.recorded_at >= ?1 AND b.recorded_at < ?2
               AND b.source IN ('{ADDED}', '{BATCH}', '{REVERSED}') ORDER BY e.seq"
        ))?;
        let next = day.succ_opt().unwrap_or(day);
        let rows = stmt.query_map([day.to_string(), next.to_string()], entry_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT quarter, SUM(cents) FROM entries
             WHERE year = ?1 AND household = ?2 AND item_code = ?3 GROUP BY quarter",
        )?;
        let mut per_quarter = [0; 4];
        for row in stmt.query_map((date.year(), household, &item.code), |r| Ok((r.get::<_, u8>(0)?, r.get(1)?)))? {
            let (q, cents) = row?;
            per_quarter[usize::from(q - 1)] = cents;
        }
        Ok(Some(CapUse::new(cap, per_quarter, Quarter::of(date)).left()))
    }

    /// Every entry posted in `year`, in recording order.
    pub fn entries_for_year(&self, year: i32) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare(&format!("{SELECT_ENTRY} WHERE e.year = ?1 ORDER BY e.seq"))?;
        let rows = stmt.query_map([year], entry_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Checks and records one entry inside the caller's transaction, as a
/// batch of its own labelled `source`.
pub(crate) fn add_in(conn: &Connection, draft: &EntryDraft, operator: &str, source: &str) -> Result<Entry> {
    let mut checker = Checker::load(conn, operator)?;
    checker.load_sums(conn, &draft.household, draft.date.year())?;
    let entry = checker.chain(checker.check(draft.clone())?);
    Writer::new(conn, &checker, source)?.write(&entry)?;
    Ok(entry)
}

/// Records a reversal inside the caller's transaction.
pub(crate) fn reverse_in(conn: &Connection, reversal: &Reversal, operator: &str, source: &str) -> Result<Entry> {
    let reason = reversal.reason.trim();
    if reason.is_empty() {
        return Err(Refusal::ReasonRequired.into());
    }
    let original = entry_by_id(conn, &reversal.entry)?.ok_or_else(|| Refusal::UnknownEntry(reversal.entry.clone()))?;
    if original.is_reversal() {
        return Err(Refusal::ReversalOfReversal(original.id).into());
    }
    let by: Option<[u8; 16]> = conn
        .query_row("SELECT id FROM entries WHERE reverses = ?1", [original.id.as_bytes()], |r| r.get(0))
        .optional()?;
    if let Some(by) = by {
        return Err(Refusal::AlreadyReversed { id: original.id, by: entry_id(by) }.into());
    }
    let mut checker = Checker::load(conn, operator)?;
    let posting = reversal.posting(original.posting, |q| checker.published.contains(&q))?;
    let entry = checker.chain(Entry {
        seq: 0,
        id: EntryId::new(),
        points: -original.points,
        date: reversal.date,
        posting,
        note: reason.to_string(),
        operator: checker.operator.clone(),
        recorded_at: checker.recorded_at.clone(),
        reverses: Some(original.id),
        hash: ChainHash::default(),
        ..original
    });
    Writer::new(conn, &checker, source)?.write(&entry)?;
    Ok(entry)
}

pub(crate) const SELECT_ENTRY: &str = "SELECT e.seq, e.id, e.household, e.item_code, e.item_name, e.kind, e.veto, \
     e.qty, e.cents, e.date, e.year, e.quarter, e.note, b.operator, b.recorded_at, e.reverses, e.hash \
     FROM entries e JOIN batches b ON b.id = e.batch";

/// An entry from a row of [`SELECT_ENTRY`].
pub(crate) fn entry_of(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.to_string().into())
    };
    let kind: String = r.get(5)?;
    let date: String = r.get(9)?;
    let id: [u8; 16] = r.get(1)?;
    let reverses: Option<[u8; 16]> = r.get(15)?;
    let hash: [u8; 32] = r.get(16)?;
    Ok(Entry {
        seq: r.get(0)?,
        id: entry_id(id),
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
        reverses: reverses.map(entry_id),
        hash: ChainHash(hash),
    })
}

pub(crate) fn entry_by_id(conn: &Connection, id: &str) -> Result<Option<Entry>> {
    let Ok(id) = id.parse::<EntryId>() else { return Ok(None) };
    Ok(conn.query_row(&format!("{SELECT_ENTRY} WHERE e.id = ?1"), [id.as_bytes()], entry_of).optional()?)
}

/// An entry id from the 16 bytes a book stores.
fn entry_id(bytes: [u8; 16]) -> EntryId {
    EntryId(uuid::Uuid::from_bytes(bytes))
}

/// Signed hundredths per item and quarter, for one household and year.
type ItemSums = HashMap<String, [i64; 4]>;

/// The rules as they stand in a book, and the end of its hash chain. Once
/// loaded it needs no database, so an import can check on one thread while
/// another writes.
pub(crate) struct Checker {
    pub operator: String,
    pub recorded_at: String,
    pub last_seq: i64,
    last_hash: ChainHash,
    households: HashMap<String, Household>,
    /// Ascending by effective date, then import order.
    rulebooks: Vec<StoredRulebook>,
    pub published: HashSet<Quarter>,
    /// Per household and year, loaded before entries for them are checked.
    sums: HashMap<String, HashMap<i32, ItemSums>>,
}

impl Checker {
    pub fn load(conn: &Connection, operator: &str) -> Result<Checker> {
        let (last_seq, last_hash) = conn
            .query_row("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1", [], |r| {
                Ok((r.get::<_, i64>(0)?, ChainHash(r.get(1)?)))
            })
            .optional()?
            .unwrap_or((0, ChainHash::GENESIS));
        let mut stmt = conn.prepare("SELECT year, quarter FROM published")?;
        let published = stmt
            .query_map([], |r| Ok(Quarter::new(r.get(0)?, r.get(1)?)))?
            .filter_map(|q| q.transpose())
            .collect::<rusqlite::Result<_>>()?;
        Ok(Checker {
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

    /// Loads one household's sums for a year (for a single entry).
    pub fn load_sums(&mut self, conn: &Connection, household: &str, year: i32) -> Result<()> {
        let mut stmt = conn.prepare_cached(
            "SELECT household, year, item_code, quarter, SUM(cents) FROM entries
             WHERE year = ?2 AND household = ?1 GROUP BY item_code, quarter",
        )?;
        self.add_sums(stmt.query((household, year))?)?;
        Ok(())
    }

    /// Loads every household's sums for every year (for an import).
    pub fn load_all_sums(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare(
            "SELECT household, year, item_code, quarter, SUM(cents) FROM entries
             GROUP BY year, household, item_code, quarter",
        )?;
        self.add_sums(stmt.query([])?)?;
        Ok(())
    }

    fn add_sums(&mut self, mut rows: rusqlite::Rows<'_>) -> Result<()> {
        while let Some(r) = rows.next()? {
            let (h, y, code, q): (String, i32, String, u8) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let slot = self.sums.entry(h).or_default().entry(y).or_default().entry(code).or_default();
            slot[usize::from(q - 1)] = r.get(4)?;
        }
        Ok(())
    }

    /// The entry a draft makes, or the rule it breaks. The sums of the
    /// draft's household and year must have been loaded (if it has any).
    pub fn check(&self, draft: EntryDraft) -> Result<Entry, Refusal> {
        let date = draft.date;
        let Some(h) = self.households.get(&draft.household) else {
            return Err(Refusal::UnknownHousehold(draft.household));
        };
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
        let item =
            book.rulebook.item(&draft.item).ok_or_else(|| Refusal::UnknownItem { code: draft.item.clone(), date })?;
        let posting = Quarter::of(date);
        if self.published.contains(&posting) {
            return Err(Refusal::QuarterPublished(posting));
        }
        let points = item.points_for(draft.qty, draft.points)?;
        self.check_cap(&draft.household, item, posting, points)?;
        Ok(Entry {
            seq: 0,
            id: draft.id.unwrap_or_default(),
            household: draft.household,
            item_code: item.code.clone(),
            item_name: item.name.clone(),
            kind: item.kind,
            veto: item.veto,
            qty: draft.qty,
            points,
            date,
            posting,
            note: match draft.note.trim() {
                trimmed if trimmed.len() == draft.note.len() => draft.note,
                trimmed => trimmed.to_string(),
            },
            operator: self.operator.clone(),
            recorded_at: self.recorded_at.clone(),
            reverses: None,
            hash: ChainHash::default(),
        })
    }

    /// How much of `item`'s cap `household` has used in `posting`'s period.
    fn cap_use(&self, household: &str, item: &Item, posting: Quarter) -> Option<CapUse> {
        let cap = item.cap?;
        let per_quarter = self
            .sums
            .get(household)
            .and_then(|years| years.get(&posting.year))
            .and_then(|sums| sums.get(&item.code))
            .copied()
            .unwrap_or_default();
        Some(CapUse::new(cap, per_quarter, posting))
    }

    fn check_cap(
        &self,
        household: &str,
        item: &Item,
        posting: Quarter,
        points: rust_decimal::Decimal,
    ) -> Result<(), Refusal> {
        let Some(usage) = self.cap_use(household, item, posting) else { return Ok(()) };
        let wanted = points::to_cents(points).abs();
        if wanted > usage.cap_c - usage.used_c {
            return Err(Refusal::CapExceeded {
                code: item.code.clone(),
                name: item.name.clone(),
                period: usage.cap.chinese().to_string(),
                period_word: match usage.cap {
                    CapPeriod::Quarter => "本季度",
                    CapPeriod::Year => "本年度",
                }
                .to_string(),
                cap: points::format(points::from_cents(usage.cap_c)),
                used: points::format(points::from_cents(usage.used_c)),
                left: points::format(usage.left()),
                wanted: points::format(points::from_cents(wanted)),
            });
        }
        Ok(())
    }

    /// Puts a checked entry at the end of the chain and counts it in the sums.
    pub fn chain(&mut self, mut entry: Entry) -> Entry {
        entry.seq = self.last_seq + 1;
        entry.hash = entry.chain_hash(&self.last_hash);
        let cents = points::to_cents(entry.points);
        // Look up before inserting: cloning the keys for `entry()` on every
        // call was a measurable share of an import.
        if !self.sums.contains_key(&entry.household) {
            self.sums.insert(entry.household.clone(), HashMap::new());
        }
        let items = self.sums.get_mut(&entry.household).expect("inserted").entry(entry.posting.year).or_default();
        if !items.contains_key(&entry.item_code) {
            items.insert(entry.item_code.clone(), [0; 4]);
        }
        items.get_mut(&entry.item_code).expect("inserted")[usize::from(entry.posting.q - 1)] += cents;
        self.last_seq = entry.seq;
        self.last_hash = entry.hash;
        entry
    }
}

/// A household's use of one item's cap in one period, in hundredths.
struct CapUse {
    cap: CapPeriod,
    cap_c: i64,
    used_c: i64,
}

impl CapUse {
    /// From the signed hundredths the household got from the item in each
    /// quarter of `posting`'s year.
    fn new(cap: Cap, per_quarter: [i64; 4], posting: Quarter) -> CapUse {
        let signed_used = match cap.per {
            CapPeriod::Quarter => per_quarter[usize::from(posting.q - 1)],
            CapPeriod::Year => per_quarter.iter().sum(),
        };
        CapUse { cap: cap.per, cap_c: points::to_cents(cap.points), used_c: signed_used.abs() }
    }

    fn left(&self) -> rust_decimal::Decimal {
        points::from_cents((self.cap_c - self.used_c).max(0))
    }
}

/// Inserts chained entries, all in one batch (who, when, from what). The
/// batch is recorded with its first entry, so a command that adds nothing
/// leaves no trace.
pub(crate) struct Writer<'c> {
    conn: &'c Connection,
    /// Prepared once: re-preparing per row (even from the cache, which
    /// hashes the SQL text) was a tenth of an import's time.
    insert: rusqlite::Statement<'c>,
    batch: Option<i64>,
    operator: String,
    recorded_at: String,
    source: String,
}

impl<'c> Writer<'c> {
    pub fn new(conn: &'c Connection, checker: &Checker, source: &str) -> Result<Writer<'c>> {
        let insert = conn.prepare(
            "INSERT INTO entries (seq, id, household, item_code, item_name, kind, veto, qty, cents, date,
                 year, quarter, note, batch, reverses, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?;
        Ok(Writer {
            conn,
            insert,
            batch: None,
            operator: checker.operator.clone(),
            recorded_at: checker.recorded_at.clone(),
            source: source.to_string(),
        })
    }

    fn batch(&mut self) -> Result<i64> {
        if let Some(b) = self.batch {
            return Ok(b);
        }
        self.conn.execute(
            "INSERT INTO batches (operator, recorded_at, source) VALUES (?1, ?2, ?3)",
            (&self.operator, &self.recorded_at, &self.source),
        )?;
        let b = self.conn.last_insert_rowid();
        self.batch = Some(b);
        Ok(b)
    }

    pub fn write(&mut self, e: &Entry) -> Result<()> {
        let batch = self.batch()?;
        self.insert.execute(rusqlite::params![
            e.seq,
            e.id.as_bytes(),
            e.household,
            e.item_code,
            e.item_name,
            e.kind.as_str(),
            e.veto,
            e.qty,
            points::to_cents(e.points),
            e.date.to_string(),
            e.posting.year,
            e.posting.q,
            e.note,
            batch,
            e.reverses.as_ref().map(EntryId::as_bytes),
            e.hash.0,
        ])?;
        Ok(())
    }
}
