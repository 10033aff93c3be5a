//! The published quarters as the book stores them: each one's seal read
//! from its row, and which quarters are published. Publishing itself (the
//! core's `may_publish`, the frozen rows) is publish.rs; this is what the
//! checker, the evidence and the printouts read of it.

use std::collections::HashSet;

use chrono::NaiveDate;
use jifenbu_core::entry::ChainHash;
use jifenbu_core::notice::Seal;
use jifenbu_core::Quarter;
use rusqlite::{Connection, OptionalExtension};

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
            published_on: crate::clock::date_of(&self.published_at),
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
