//! The closed years as the book stores them. It keeps the `closed_years`
//! and `closed_year_rows` tables: each year's seal and frozen annual rows,
//! written once and read by the checker, the year's ranking, the printouts
//! and verify. Whether a year may be closed (the core's `may_close`) and
//! what is frozen is closing.rs.

use std::collections::HashSet;

use chrono::NaiveDate;
use jifenbu_core::entry::ChainHash;
use jifenbu_core::points;
use jifenbu_core::year::{YearRanking, YearRow};
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// The seal on a closed year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedYear {
    pub year: i32,
    pub closed_on: NaiveDate,
    /// SHA-256 of the frozen annual rows and the ledger's end.
    pub digest: String,
    pub rulebook_id: i64,
    pub last_seq: i64,
    /// That entry's hash, which the digest binds.
    pub chain_head: ChainHash,
    pub households: usize,
    /// The settings printed on the annual notice, as they were on closing.
    pub settings: crate::Settings,
}

/// The seal on `year`, if it is closed.
pub(crate) fn closed_year(conn: &Connection, year: i32) -> Result<Option<ClosedYear>> {
    Ok(conn
        .query_row(
            "SELECT closed_on, digest, rulebook_id, last_seq,
                    (SELECT COUNT(*) FROM closed_year_rows r WHERE r.year = c.year), issuer, objections_to, chain_head
             FROM closed_years c WHERE year = ?1",
            [year],
            |r| {
                Ok(ClosedYear {
                    year,
                    closed_on: r.get::<_, String>(0)?.parse().unwrap_or_default(),
                    digest: r.get(1)?,
                    rulebook_id: r.get(2)?,
                    last_seq: r.get(3)?,
                    // NOT NULL in the schema; a book edited to lack it fails verify.
                    chain_head: r.get::<_, Option<[u8; 32]>>(7)?.map_or(ChainHash::GENESIS, ChainHash),
                    households: r.get::<_, i64>(4)? as usize,
                    settings: crate::Settings { issuer: r.get(5)?, objections_to: r.get(6)? },
                })
            },
        )
        .optional()?)
}

/// The years closed so far.
pub(crate) fn closed_years(conn: &Connection) -> Result<HashSet<i32>> {
    let mut stmt = conn.prepare_cached("SELECT year FROM closed_years")?;
    let years = stmt.query_map([], |r| r.get(0))?;
    Ok(years.collect::<rusqlite::Result<_>>()?)
}

/// The frozen annual rows of a closed year, best first.
pub(crate) fn frozen_year(conn: &Connection, year: i32) -> Result<Option<YearRanking>> {
    if closed_year(conn, year)?.is_none() {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT rank, household, head, grp, q1_c, q2_c, q3_c, q4_c, adj_c, annual_c, stars, veto
         FROM closed_year_rows WHERE year = ?1 ORDER BY rank, household",
    )?;
    let rows = stmt
        .query_map([year], |r| {
            Ok(YearRow {
                rank: r.get(0)?,
                code: r.get(1)?,
                head: r.get(2)?,
                group: r.get(3)?,
                quarters: [
                    points::from_cents(r.get(4)?),
                    points::from_cents(r.get(5)?),
                    points::from_cents(r.get(6)?),
                    points::from_cents(r.get(7)?),
                ],
                adjustment: points::from_cents(r.get(8)?),
                annual: points::from_cents(r.get(9)?),
                stars: r.get(10)?,
                veto: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(YearRanking { year, rows }))
}

/// Stores `closed`, the seal of a year being closed by `operator` now, and
/// `ranking`, its annual rows as they stand.
pub(crate) fn freeze(conn: &Connection, closed: &ClosedYear, operator: &str, ranking: &YearRanking) -> Result<()> {
    conn.execute(
        "INSERT INTO closed_years (year, closed_on, closed_at, digest, rulebook_id, last_seq, chain_head, operator,
             issuer, objections_to)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            closed.year,
            closed.closed_on.to_string(),
            crate::clock::now(),
            closed.digest,
            closed.rulebook_id,
            closed.last_seq,
            closed.chain_head.0,
            operator.trim(),
            closed.settings.issuer,
            closed.settings.objections_to
        ],
    )?;
    let mut insert = conn.prepare(
        "INSERT INTO closed_year_rows (year, rank, household, head, grp, q1_c, q2_c, q3_c, q4_c, adj_c,
             annual_c, stars, veto) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for r in &ranking.rows {
        let [q1, q2, q3, q4] = r.quarters.map(points::to_cents);
        insert.execute(rusqlite::params![
            closed.year,
            r.rank,
            r.code,
            r.head,
            r.group,
            q1,
            q2,
            q3,
            q4,
            points::to_cents(r.adjustment),
            points::to_cents(r.annual),
            r.stars,
            r.veto,
        ])?;
    }
    Ok(())
}
