//! Rankings from the book: the frozen rows of a published quarter, or the
//! core's ranking over sums that SQLite adds up from a covering index.

use std::collections::HashMap;

use jifenbu_core::notice::Seal;
use jifenbu_core::tally::{Correction, Standing, Tally};
use jifenbu_core::year::YearRanking;
use jifenbu_core::{points, Household, Posting, Quarter, Ranking, RankingRow, Rulebook};
use rusqlite::{Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::error::Result;
use crate::households::load_households;
use crate::ledger::{entry_of, kind_at, SELECT_ENTRY};
use crate::rulebooks::rulebook_on;
use crate::Book;

impl Book {
    /// A quarter's ranking: as frozen when published, else as it stands now.
    pub fn ranking(&self, quarter: Quarter) -> Result<Ranking> {
        match frozen_ranking(&self.conn, quarter)? {
            Some(r) => Ok(r),
            None => self.live_ranking(quarter),
        }
    }

    /// The latest quarter up to `up_to` that has entries posted in it: the
    /// one worth showing first (a book kept for past years opens on them).
    pub fn latest_posting(&self, up_to: Quarter) -> Result<Option<Quarter>> {
        let found = self
            .conn
            .query_row(
                "SELECT year, quarter FROM entries WHERE (year, quarter) <= (?1, ?2) AND quarter <= 4
                 ORDER BY year DESC, quarter DESC LIMIT 1",
                (up_to.year, up_to.q),
                |r| Ok((r.get::<_, i32>(0)?, r.get::<_, u8>(1)?)),
            )
            .optional()?;
        Ok(found.and_then(|(y, q)| Quarter::new(y, q)))
    }

    /// The year's ranking by annual figure (base points, the four quarters
    /// and the adjustment), under the rulebook in force on its last day.
    pub fn year_ranking(&self, year: i32) -> Result<YearRanking> {
        if let Some(frozen) = crate::closings::frozen_year(&self.conn, year)? {
            return Ok(frozen);
        }
        let book = rulebook_on(&self.conn, Quarter { year, q: 4 }.last_day())?;
        let households = load_households(&self.conn)?;
        Ok(YearRanking::compute(year, &households, &tallies(&self.conn, year, i64::MAX)?, &book.rulebook))
    }

    /// The ranking computed from the ledger now, published or not.
    pub fn live_ranking(&self, quarter: Quarter) -> Result<Ranking> {
        let book = rulebook_on(&self.conn, quarter.last_day())?;
        let households = load_households(&self.conn)?;
        compute(&self.conn, quarter, i64::MAX, &book.rulebook, &households)
    }
}

/// The ranking of `quarter` over the entries recorded up to `max_seq`.
pub(crate) fn compute(
    conn: &Connection,
    quarter: Quarter,
    max_seq: i64,
    book: &Rulebook,
    households: &[Household],
) -> Result<Ranking> {
    Ok(Ranking::compute(quarter, households, &tallies(conn, quarter.year, max_seq)?, book))
}

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
fn corrections(conn: &Connection, year: i32, max_seq: i64) -> Result<HashMap<String, Vec<Correction>>> {
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

/// The rows frozen when `quarter` was published, if it was.
pub(crate) fn frozen_ranking(conn: &Connection, quarter: Quarter) -> Result<Option<Ranking>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rank, household, head, grp, add_c, deduct_c, score_c, ytd_c, stars, veto
         FROM published_rows WHERE year = ?1 AND quarter = ?2 ORDER BY rank, household",
    )?;
    let rows = stmt
        .query_map((quarter.year, quarter.q), |r| {
            Ok(RankingRow {
                rank: r.get(0)?,
                code: r.get(1)?,
                head: r.get(2)?,
                group: r.get(3)?,
                standing: Standing {
                    add: points::from_cents(r.get(4)?),
                    deduct: points::from_cents(r.get(5)?),
                    score: points::from_cents(r.get(6)?),
                    year_to_date: points::from_cents(r.get(7)?),
                    stars: r.get(8)?,
                    veto: r.get(9)?,
                    correction: Decimal::ZERO,
                },
                corrections: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let last_seq: Option<i64> = conn
        .query_row("SELECT last_seq FROM published WHERE year = ?1 AND quarter = ?2", (quarter.year, quarter.q), |r| {
            r.get(0)
        })
        .optional()?;
    let Some(last_seq) = last_seq else { return Ok(None) };
    // The corrections it counted, from the ledger as it stood then (which
    // the digest binds through its end).
    let mut corrections = corrections(conn, quarter.year, last_seq)?;
    let mut rows = rows;
    for row in &mut rows {
        let t = Tally { corrections: corrections.remove(&row.code).unwrap_or_default(), ..Tally::default() };
        row.corrections = t.corrections_in(quarter.q).cloned().collect();
        row.standing.correction = t.correction_in(quarter.q);
    }
    Ok(Some(Ranking { quarter, rows }))
}

/// A quarter as the village hands it to the town: its ranking (frozen once
/// published) and its seal (digest, backfill), none while unpublished.
pub struct QuarterExport {
    pub village: crate::Village,
    pub ranking: Ranking,
    pub seal: Option<Seal>,
}

impl QuarterExport {
    /// The export file's text (README, "Files").
    pub fn write(&self, out: impl std::io::Write) -> std::io::Result<()> {
        jifenbu_core::rollup::write_export(
            out,
            &self.village.code,
            &self.village.name,
            &self.ranking,
            self.seal.as_ref(),
        )
    }

    /// The name the town sorts its files by: `330109001-青溪村-2025Q1.csv`.
    pub fn file_name(&self) -> String {
        format!("{}-{}-{}.csv", self.village.code, self.village.name, self.ranking.quarter)
    }
}

impl Book {
    /// `quarter` as the village hands it to the town.
    pub fn quarter_export(&self, quarter: Quarter) -> Result<QuarterExport> {
        Ok(QuarterExport {
            village: self.village()?,
            ranking: self.ranking(quarter)?,
            seal: self.publication(quarter)?.map(|p| p.seal()),
        })
    }
}
