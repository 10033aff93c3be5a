//! What the ledger adds up, and the few entries a ranking reads whole:
//! each household's tally of a year (the ranking, the year's ranking,
//! closing and verify), the item sums the checker weighs caps against,
//! and the latest quarter posted in. SQL adds up, streaming from the
//! indexes migration 16 made for it (docs/benchmarks.md); what counts
//! where is the core's (`Tally::standing`, `Checker`).

use std::collections::HashMap;

use jifenbu_core::posting::Checker;
use jifenbu_core::tally::{Correction, Tally};
use jifenbu_core::{points, Posting, Quarter};
use rusqlite::{Connection, OptionalExtension};

use super::{entry_of, kind_at, SELECT_ENTRY};
use crate::error::Result;

/// Each household's tally of `year` (its points per slot and kind, and its
/// veto entries with the slot each was reversed in) over the entries
/// recorded up to `max_seq` (`i64::MAX`: all of them). SQL adds up; what
/// counts where is decided by the core (`Tally::standing`).
pub(crate) fn tallies(conn: &Connection, year: i32, max_seq: i64) -> Result<HashMap<String, Tally>> {
    // The bound costs a comparison per row; a live ranking (the common case)
    // runs without it.
    let bounded = max_seq < i64::MAX;
    let (filter, r_filter) = if bounded { (" AND e.seq <= ?2", " AND r.seq <= ?2") } else { ("", "") };
    let args = [i64::from(year), max_seq];
    let args = rusqlite::params_from_iter(&args[..if bounded { 2 } else { 1 }]);
    let mut out: HashMap<String, Tally> = HashMap::new();
    // Grouped in the sums index's order, so the sums stream from it
    // (docs/benchmarks.md).
    let mut sums = conn.prepare_cached(&format!(
        "SELECT household, quarter, kind, SUM(cents) FROM entries e INDEXED BY entries_sums
         WHERE year = ?1{filter} GROUP BY household, quarter, kind"
    ))?;
    let mut rows = sums.query(args.clone())?;
    while let Some(row) = rows.next()? {
        let tally = out.entry(row.get::<_, String>(0)?).or_default();
        tally.post(row.get(1)?, kind_at(row, 2)?, points::from_cents(row.get(3)?));
    }
    // The veto index is named: without statistics SQLite chose the
    // quarter index and read the whole year (docs/benchmarks.md).
    let mut vetoes = conn.prepare_cached(&format!(
        "SELECT e.household, e.quarter,
                (SELECT MIN(r.quarter) FROM entries r WHERE r.reverses = e.id AND r.year = ?1{r_filter})
         FROM entries e INDEXED BY entries_veto WHERE e.veto = 1 AND e.reverses IS NULL AND e.year = ?1{filter}"
    ))?;
    let rows =
        vetoes.query_map(args, |r| Ok((r.get::<_, String>(0)?, r.get::<_, u8>(1)?, r.get::<_, Option<u8>>(2)?)))?;
    for row in rows {
        let (household, slot, reversed) = row?;
        out.entry(household).or_default().vetoes.push((slot, reversed));
    }
    for (household, corrections) in corrections(conn, year, max_seq)? {
        out.entry(household).or_default().corrections = corrections;
    }
    Ok(out)
}

/// Each household's entries of `year`, recorded up to `max_seq`, that may
/// correct an earlier quarter — reversals, entries in the adjustment, and
/// entries dated before the quarter they post in — as the core judges them
/// (`Correction::of`). Few in any book, they are found through their own
/// partial index, named so that SQLite refuses the query should its
/// condition stop implying the index's.
pub(crate) fn corrections(conn: &Connection, year: i32, max_seq: i64) -> Result<HashMap<String, Vec<Correction>>> {
    // The entry's columns, then those of the entry a reversal cancels.
    let select = SELECT_ENTRY.replacen(
        " FROM entries e",
        ", o.year, o.quarter, o.date, o.item_name FROM entries e INDEXED BY entries_corrections",
        1,
    );
    let mut stmt = conn.prepare_cached(&format!(
        "{select} LEFT JOIN entries o ON o.id = e.reverses
         WHERE e.year = ?1 AND e.seq <= ?2
           AND (e.reverses IS NOT NULL OR e.quarter = 5
                OR e.date < printf('%04d-%02d-01', e.year, e.quarter * 3 - 2))
         ORDER BY e.seq"
    ))?;
    const ORIGINAL: usize = 17;
    let rows = stmt.query_map((year, max_seq), |r| {
        let original = match r.get::<_, Option<i32>>(ORIGINAL)? {
            Some(y) => Some((
                y,
                r.get::<_, u8>(ORIGINAL + 1)?,
                r.get::<_, String>(ORIGINAL + 2)?,
                r.get::<_, String>(ORIGINAL + 3)?,
            )),
            None => None,
        };
        Ok((entry_of(r)?, original))
    })?;
    let mut out: HashMap<String, Vec<Correction>> = HashMap::new();
    for row in rows {
        let (e, original) = row?;
        let original =
            original.and_then(|(y, slot, date, item)| Some((Posting::from_slot(y, slot)?, date.parse().ok()?, item)));
        let original = original.as_ref().map(|(p, d, item)| (*p, *d, item.as_str()));
        if let Some(c) = Correction::of(&e, original) {
            out.entry(e.household.clone()).or_default().push(c);
        }
    }
    Ok(out)
}

/// The latest quarter up to `up_to` that has entries posted in it.
pub(crate) fn latest_posting(conn: &Connection, up_to: Quarter) -> Result<Option<Quarter>> {
    let found = conn
        .query_row(
            "SELECT year, quarter FROM entries WHERE (year, quarter) <= (?1, ?2) AND quarter <= 4
             ORDER BY year DESC, quarter DESC LIMIT 1",
            (up_to.year, up_to.q),
            |r| Ok((r.get::<_, i32>(0)?, r.get::<_, u8>(1)?)),
        )
        .optional()?;
    Ok(found.and_then(|(y, q)| Quarter::new(y, q)))
}

/// What `household` has posted with `item` in `year`, per slot, in cents.
pub(crate) fn item_sums(conn: &Connection, year: i32, household: &str, item: &str) -> Result<[i64; 5]> {
    let mut stmt = conn.prepare_cached(
        "SELECT quarter, SUM(cents) FROM entries
         WHERE year = ?1 AND household = ?2 AND item_code = ?3 GROUP BY quarter",
    )?;
    let mut per_slot = [0; 5];
    for row in stmt.query_map((year, household, item), |r| Ok((r.get::<_, u8>(0)?, r.get(1)?)))? {
        let (slot, cents) = row?;
        if let Some(sum) = usize::from(slot).checked_sub(1).and_then(|i| per_slot.get_mut(i)) {
            *sum = cents;
        }
    }
    Ok(per_slot)
}

/// Loads one household's item sums for a year (for a single entry).
pub(crate) fn load_sums(conn: &Connection, checker: &mut Checker, household: &str, year: i32) -> Result<()> {
    // Grouped in the sums index's order (kind is the item's own; a sum
    // split by it adds up again in the checker).
    let mut stmt = conn.prepare_cached(
        "SELECT household, year, item_code, quarter, SUM(cents) FROM entries
         WHERE year = ?2 AND household = ?1 GROUP BY quarter, kind, item_code",
    )?;
    add_sums(checker, stmt.query((household, year))?)?;
    Ok(())
}

/// Loads every household's item sums for every year (for an import).
pub(crate) fn load_all_sums(conn: &Connection, checker: &mut Checker) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT household, year, item_code, quarter, SUM(cents) FROM entries
         GROUP BY year, household, quarter, kind, item_code",
    )?;
    add_sums(checker, stmt.query([])?)?;
    Ok(())
}

fn add_sums(checker: &mut Checker, mut rows: rusqlite::Rows<'_>) -> Result<()> {
    while let Some(r) = rows.next()? {
        let (h, y, code, q): (String, i32, String, u8) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        if let Some(posting) = Posting::from_slot(y, q) {
            checker.add_sum(&h, &code, posting, r.get(4)?);
        }
    }
    Ok(())
}
