//! The published quarters as the book stores them. It keeps the `published`
//! and `published_rows` tables: each quarter's seal and frozen rows,
//! written once and read by the checker, the rankings, the printouts and
//! verify. Whether a quarter may be published (the core's `may_publish`)
//! and what is frozen is publish.rs.

use std::collections::HashSet;

use chrono::NaiveDate;
use jifenbu_core::entry::ChainHash;
use jifenbu_core::notice::Seal;
use jifenbu_core::tally::Standing;
use jifenbu_core::{points, Quarter, Ranking, RankingRow};
use rusqlite::{Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::clock::date_of;
use crate::error::Result;

/// The seal on a published quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub quarter: Quarter,
    pub published_at: String,
    /// SHA-256 of the frozen ranking (see `Ranking::digest`).
    pub digest: String,
    pub rulebook_id: i64,
    /// The last entry recorded when the quarter was published.
    pub last_seq: i64,
    /// That entry's hash, which the digest binds; None for quarters
    /// published before digests did.
    pub chain_head: Option<ChainHash>,
    /// The settings its notice prints, fixed on publishing; None for
    /// quarters published before they were kept (they print with today's).
    pub settings: Option<crate::Settings>,
    /// The days of the review meetings its notice names.
    pub meetings: Vec<NaiveDate>,
    /// The day it was keyed in, when that was after the facts it states
    /// and so after its notice's day (补录).
    pub backfilled_on: Option<NaiveDate>,
    pub households: usize,
}

impl Publication {
    /// What its notice and the town's file carry of it: the notice's day,
    /// the digest and the day it was backfilled.
    pub fn seal(&self) -> Seal {
        Seal {
            published_on: date_of(&self.published_at),
            digest: self.digest.clone(),
            backfilled_on: self.backfilled_on,
        }
    }
}

/// The published quarters, oldest first.
pub(crate) fn published_in_order(conn: &Connection) -> Result<Vec<Quarter>> {
    let mut quarters: Vec<Quarter> = published_quarters(conn)?.into_iter().collect();
    quarters.sort();
    Ok(quarters)
}

/// The seal on `quarter`, if it is published.
pub(crate) fn publication(conn: &Connection, quarter: Quarter) -> Result<Option<Publication>> {
    Ok(conn
        .query_row(
            "SELECT published_at, digest, rulebook_id, last_seq, chain_head, issuer, objections_to,
                    (SELECT COUNT(*) FROM published_rows r WHERE r.year = p.year AND r.quarter = p.quarter),
                    meetings, backfilled_on
             FROM published p WHERE year = ?1 AND quarter = ?2",
            (quarter.year, quarter.q),
            |r| {
                Ok(Publication {
                    quarter,
                    published_at: r.get(0)?,
                    digest: r.get(1)?,
                    rulebook_id: r.get(2)?,
                    last_seq: r.get(3)?,
                    chain_head: r.get::<_, Option<[u8; 32]>>(4)?.map(ChainHash),
                    settings: match (r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?) {
                        (Some(issuer), Some(objections_to)) => Some(crate::Settings { issuer, objections_to }),
                        _ => None,
                    },
                    households: r.get::<_, i64>(7)? as usize,
                    meetings: r
                        .get::<_, Option<String>>(8)?
                        .unwrap_or_default()
                        .split('、')
                        .filter_map(|d| d.parse().ok())
                        .collect(),
                    backfilled_on: r.get::<_, Option<String>>(9)?.map(|d| date_of(&d)),
                })
            },
        )
        .optional()?)
}

/// The quarters published so far.
pub(crate) fn published_quarters(conn: &Connection) -> Result<HashSet<Quarter>> {
    let mut stmt = conn.prepare_cached("SELECT year, quarter FROM published")?;
    let quarters = stmt.query_map([], |r| Ok(Quarter::new(r.get(0)?, r.get(1)?)))?;
    Ok(quarters.filter_map(|q| q.transpose()).collect::<rusqlite::Result<_>>()?)
}

/// The rows frozen when `quarter` was published (their corrections not
/// yet attached), and the last entry the ledger held then; none if it was
/// not published.
pub(crate) fn frozen_rows(conn: &Connection, quarter: Quarter) -> Result<Option<(Vec<RankingRow>, i64)>> {
    // Asked first by every ranking: an unpublished quarter reads no rows.
    let last_seq: Option<i64> = conn
        .query_row("SELECT last_seq FROM published WHERE year = ?1 AND quarter = ?2", (quarter.year, quarter.q), |r| {
            r.get(0)
        })
        .optional()?;
    let Some(last_seq) = last_seq else { return Ok(None) };
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
    Ok(Some((rows, last_seq)))
}

/// Stores `p`, the seal of a quarter being published, and `ranking`, its
/// rows as they stand.
pub(crate) fn freeze(conn: &Connection, p: &Publication, ranking: &Ranking) -> Result<()> {
    let settings = p.settings.as_ref();
    conn.execute(
        "INSERT INTO published (year, quarter, published_at, digest, rulebook_id, last_seq, chain_head,
             issuer, objections_to, meetings, backfilled_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            p.quarter.year,
            p.quarter.q,
            &p.published_at,
            &p.digest,
            p.rulebook_id,
            p.last_seq,
            p.chain_head.map(|h| h.0),
            settings.map(|s| &s.issuer),
            settings.map(|s| &s.objections_to),
            p.meetings.iter().map(NaiveDate::to_string).collect::<Vec<_>>().join("、"),
            p.backfilled_on.map(|d| d.to_string()),
        ],
    )?;
    let mut insert = conn.prepare(
        "INSERT INTO published_rows (year, quarter, rank, household, head, grp, add_c, deduct_c,
             score_c, ytd_c, stars, veto) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for r in &ranking.rows {
        insert.execute(rusqlite::params![
            p.quarter.year,
            p.quarter.q,
            r.rank,
            r.code,
            r.head,
            r.group,
            points::to_cents(r.standing.add),
            points::to_cents(r.standing.deduct),
            points::to_cents(r.standing.score),
            points::to_cents(r.standing.year_to_date),
            r.standing.stars,
            r.standing.veto,
        ])?;
    }
    Ok(())
}
