//! Rankings from the book: the frozen rows of a published quarter, or the
//! core's ranking over the tallies the ledger adds up.

use jifenbu_core::notice::Seal;
use jifenbu_core::tally::Tally;
use jifenbu_core::year::YearRanking;
use jifenbu_core::{Household, Quarter, Ranking, Rulebook};
use rusqlite::Connection;

use crate::error::Result;
use crate::households::load_households;
use crate::ledger::sums::{corrections, latest_posting, tallies};
use crate::publications::frozen_rows;
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
        latest_posting(&self.conn, up_to)
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

/// The ranking frozen when `quarter` was published, if it was, with the
/// corrections it counted, from the ledger as it stood then (which the
/// digest binds through its end).
pub(crate) fn frozen_ranking(conn: &Connection, quarter: Quarter) -> Result<Option<Ranking>> {
    let Some((mut rows, last_seq)) = frozen_rows(conn, quarter)? else { return Ok(None) };
    let mut corrections = corrections(conn, quarter.year, last_seq)?;
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
