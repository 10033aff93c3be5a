//! Objections (异议) to a published notice: recorded when a villager raises
//! one, then ruled on, each as the core's `objection` rules allow. An
//! upheld objection's correction posts through the usual checker, in the
//! ruling's transaction, linked to the ruling. It keeps the `objections`,
//! `rulings` and `ruling_entries` tables.

use std::collections::HashMap;

use chrono::NaiveDate;
use jifenbu_core::objection::{self, Correction, Objected, Objection, Ruling};
use jifenbu_core::{Entry, EntryDraft, EntryId, Quarter, Refusal, Reversal};
use rusqlite::{Connection, OptionalExtension, Row};

use crate::clock::{date_of, now, today};
use crate::error::Result;
use crate::households;
use crate::ledger::{entry_by_id, entry_id};
use crate::posting::{add_correction_in, reverse_in};
use crate::Book;

impl Book {
    /// Records an objection against a published quarter; returns it
    /// numbered. One received after the notice period is refused unless
    /// `late` marks it accepted as late.
    #[allow(clippy::too_many_arguments)]
    pub fn record_objection(
        &mut self,
        quarter: Quarter,
        household: &str,
        received_on: NaiveDate,
        late: bool,
        received_by: &str,
        text: &str,
        operator: &str,
    ) -> Result<Objection> {
        let (text, received_by) = (text.trim(), received_by.trim());
        let published = match self.publication(quarter)? {
            Some(p) => {
                let days = crate::rulebooks::rulebook_by_id(&self.conn, p.rulebook_id)?.rulebook.notice_days;
                Some((date_of(&p.published_at), days))
            }
            None => None,
        };
        let objected = Objected { published, year_closed: self.closed_year(quarter.year)?.is_some() };
        objection::receive(quarter, text, received_by, received_on, late, objected, today())?;
        households::household(&self.conn, household)?;
        let received_by = if received_by.is_empty() { operator } else { received_by };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO objections (year, quarter, household, received_on, received_by, text, operator, recorded_at,
                                         late)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                rusqlite::params![
                    quarter.year,
                    quarter.q,
                    household,
                    received_on.to_string(),
                    received_by,
                    text,
                    operator,
                    now(),
                    late
                ],
            )?;
            by_id(tx, tx.last_insert_rowid())
        })
    }

    /// Rules an objection upheld and records its correction, all in one
    /// transaction: the entries are checked by the usual rules, so they
    /// post in an open quarter.
    pub fn uphold_objection(
        &mut self,
        id: i64,
        decided_on: NaiveDate,
        reason: &str,
        correction: &Correction,
        operator: &str,
    ) -> Result<(Objection, Vec<Entry>)> {
        objection::correction_given(correction)?;
        self.write(|tx| uphold_in(tx, id, decided_on, reason, correction, operator))
    }

    /// Rules an objection not upheld, with the reason given to the villager.
    pub fn reject_objection(
        &mut self,
        id: i64,
        decided_on: NaiveDate,
        reason: &str,
        operator: &str,
    ) -> Result<Objection> {
        self.write(|tx| {
            open_objection(tx, id)?;
            rule(tx, id, false, decided_on, reason, operator)?;
            by_id(tx, id)
        })
    }

    /// Objections, oldest first; only `quarter`'s when given.
    pub fn objections(&self, quarter: Option<Quarter>) -> Result<Vec<Objection>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM objections WHERE ?1 IS NULL OR (year = ?1 AND quarter = ?2) ORDER BY id")?;
        let ids = stmt
            .query_map((quarter.map(|q| q.year), quarter.map(|q| q.q)), |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.into_iter().map(|id| by_id(&self.conn, id)).collect()
    }
}

/// Upholding inside a write (see [`Book::uphold_objection`]).
fn uphold_in(
    tx: &Connection,
    id: i64,
    decided_on: NaiveDate,
    reason: &str,
    correction: &Correction,
    operator: &str,
) -> Result<(Objection, Vec<Entry>)> {
    let objection = open_objection(tx, id)?;
    let source = format!("异议第{id}号");
    let note = format!("{source}（{}）：{}", objection.quarter.chinese(), reason.trim());
    let mut entries = Vec::new();
    for entry in &correction.reverse {
        let original = entry_by_id(tx, entry)?.ok_or_else(|| Refusal::UnknownEntry(entry.clone()))?;
        objection::reverses_its_own(&objection, &original)?;
        let reversal = Reversal { entry: entry.clone(), reason: note.clone(), date: decided_on };
        entries.push(reverse_in(tx, &reversal, operator, &source)?);
    }
    for draft in &correction.add {
        let draft = EntryDraft { household: objection.household.clone(), note: note.clone(), ..draft.clone() };
        entries.push(add_correction_in(tx, &draft, objection.quarter.year, operator, &source)?);
    }
    rule(tx, id, true, decided_on, reason, operator)?;
    for e in &entries {
        tx.execute("INSERT INTO ruling_entries (objection, entry) VALUES (?1, ?2)", (id, e.id.as_bytes()))?;
    }
    Ok((by_id(tx, id)?, entries))
}

/// The objection `id`, refused if it is unknown or already ruled on.
fn open_objection(conn: &Connection, id: i64) -> Result<Objection> {
    let objection = by_id(conn, id)?;
    objection::still_open(&objection)?;
    Ok(objection)
}

fn rule(conn: &Connection, id: i64, upheld: bool, decided_on: NaiveDate, reason: &str, operator: &str) -> Result<()> {
    let reason = reason.trim();
    objection::ruling_given(reason, decided_on, today())?;
    conn.execute(
        "INSERT INTO rulings (objection, upheld, decided_on, reason, operator, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (id, upheld, decided_on.to_string(), reason, operator, now()),
    )?;
    Ok(())
}

/// Objection `id`, with its ruling if it has one.
fn by_id(conn: &Connection, id: i64) -> Result<Objection> {
    let found = conn
        .query_row(
            "SELECT o.id, o.year, o.quarter, o.household, o.received_on, o.received_by, o.text,
                    r.upheld, r.decided_on, r.reason, o.late
             FROM objections o LEFT JOIN rulings r ON r.objection = o.id WHERE o.id = ?1",
            [id],
            objection_of,
        )
        .optional()?;
    let mut objection = found.ok_or(Refusal::UnknownObjection(id))?;
    if let Some(ruling) = &mut objection.ruling {
        let mut stmt = conn.prepare("SELECT lower(hex(entry)) FROM ruling_entries WHERE objection = ?1")?;
        let ids = stmt.query_map([id], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        ruling.entries = ids.iter().map(|hex| hyphenate(hex)).collect();
    }
    Ok(objection)
}

fn objection_of(r: &Row<'_>) -> rusqlite::Result<Objection> {
    let ruling = match r.get::<_, Option<bool>>(7)? {
        Some(upheld) => Some(Ruling {
            upheld,
            decided_on: date_of(&r.get::<_, String>(8)?),
            reason: r.get(9)?,
            entries: Vec::new(),
        }),
        None => None,
    };
    Ok(Objection {
        id: r.get(0)?,
        quarter: Quarter::new(r.get(1)?, r.get(2)?).unwrap_or(Quarter { year: 0, q: 1 }),
        household: r.get(3)?,
        received_on: date_of(&r.get::<_, String>(4)?),
        received_by: r.get(5)?,
        text: r.get(6)?,
        late: r.get(10)?,
        ruling,
    })
}

/// The objections to `year`'s quarters not yet ruled on, by number.
pub(crate) fn unruled(conn: &Connection, year: i32) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT o.id FROM objections o WHERE o.year = ?1
           AND NOT EXISTS (SELECT 1 FROM rulings r WHERE r.objection = o.id) ORDER BY o.id",
    )?;
    let ids = stmt.query_map([year], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The latest ruling, by its day, that posted an entry into `quarter`:
/// its objection's number and the day.
pub(crate) fn latest_ruling_into(conn: &Connection, quarter: Quarter) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT r.objection, r.decided_on FROM rulings r JOIN ruling_entries re ON re.objection = r.objection
              JOIN entries e ON e.id = re.entry WHERE e.year = ?1 AND e.quarter = ?2 ORDER BY r.decided_on DESC LIMIT 1",
            (quarter.year, quarter.q),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// For each entry a ruling posted, the year objected to.
pub(crate) fn years_ruled_into(conn: &Connection) -> Result<HashMap<EntryId, i32>> {
    let mut stmt =
        conn.prepare("SELECT re.entry, o.year FROM ruling_entries re JOIN objections o ON o.id = re.objection")?;
    let rows = stmt.query_map([], |r| Ok((entry_id(r.get(0)?), r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The objections' evidence again once they have the `late` column
/// (migration 14), which their digest now reads.
pub(crate) fn cover_the_new_column(conn: &Connection) -> Result<()> {
    crate::evidence::record(conn, crate::evidence::Subject::Table("objections"))
}

/// A UUID's 32 hex digits in the usual 8-4-4-4-12 form.
fn hyphenate(hex: &str) -> String {
    hex.parse::<uuid::Uuid>().map_or_else(|_| hex.to_string(), |u| u.hyphenated().to_string())
}
