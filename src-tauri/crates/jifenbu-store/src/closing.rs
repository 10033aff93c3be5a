//! Closing a year (年度结算): freezing each household's annual row (年度积分,
//! 名次, 星级, 一票否决, the adjustment) with a digest bound to the ledger's
//! end, once the core's `may_close` allows it. Nothing posts into a closed
//! year again; the new year starts from base points, so nothing carries over.

use chrono::NaiveDate;
use jifenbu_core::notice::period_end;
use jifenbu_core::publishing::{self, YearState};
use jifenbu_core::year::YearRanking;
use jifenbu_core::{points, Quarter};
use rusqlite::Connection;

use crate::clock::{date_of, now, today};
use crate::closings::{closed_year, ClosedYear};
use crate::error::Result;
use crate::evidence::{self, Subject};
use crate::households::load_households;
use crate::publications::{publication, published_quarters};
use crate::rulebooks::{rulebook_by_id, rulebook_on};
use crate::Book;

impl Book {
    /// Closes `year` on `on`: freezes its annual rows and their digest. From
    /// then on nothing posts into the year, not even a correction.
    pub fn close_year(&mut self, year: i32, on: NaiveDate, operator: &str) -> Result<ClosedYear> {
        self.write(|tx| {
            let state = year_state(tx, year)?;
            let published = published_quarters(tx)?;
            publishing::may_close(&state, on, today(), |q| published.contains(&q))?;
            let book = rulebook_on(tx, Quarter { year, q: 4 }.last_day())?;
            let (last_seq, head) = evidence::ledger_end(tx)?;
            let tallies = crate::ranking::tallies(tx, year, i64::MAX)?;
            let ranking = YearRanking::compute(year, &load_households(tx)?, &tallies, &book.rulebook);
            let digest = ranking.digest(last_seq, &head);
            let settings = crate::settings::settings(tx)?;
            tx.execute(
                "INSERT INTO closed_years (year, closed_on, closed_at, digest, rulebook_id, last_seq, chain_head, operator,
                     issuer, objections_to)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                rusqlite::params![
                    year,
                    on.to_string(),
                    now(),
                    digest,
                    book.id,
                    last_seq,
                    head.0,
                    operator.trim(),
                    settings.issuer,
                    settings.objections_to
                ],
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO closed_year_rows (year, rank, household, head, grp, q1_c, q2_c, q3_c, q4_c, adj_c,
                     annual_c, stars, veto) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for r in &ranking.rows {
                let [q1, q2, q3, q4] = r.quarters.map(points::to_cents);
                insert.execute(rusqlite::params![
                    year,
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
            evidence::record(tx, Subject::Closing(year))?;
            Ok(ClosedYear {
                year,
                closed_on: on,
                digest,
                rulebook_id: book.id,
                last_seq,
                chain_head: head,
                households: ranking.rows.len(),
                settings,
            })
        })
    }

    /// The seal of `year`, if it is closed.
    pub fn closed_year(&self, year: i32) -> Result<Option<ClosedYear>> {
        closed_year(&self.conn, year)
    }
}

/// What closing `year` needs to know: whether it is closed, when Q4's
/// notice period ends, and the objections still to be ruled on.
fn year_state(conn: &Connection, year: i32) -> Result<YearState> {
    let closed_on = closed_year(conn, year)?.map(|c| c.closed_on);
    let q4_notice_ends = match publication(conn, Quarter { year, q: 4 })? {
        Some(p) => {
            let book = rulebook_by_id(conn, p.rulebook_id)?;
            Some(period_end(date_of(&p.published_at), book.rulebook.notice_days))
        }
        None => None,
    };
    let mut stmt = conn.prepare(
        "SELECT o.id FROM objections o WHERE o.year = ?1
           AND NOT EXISTS (SELECT 1 FROM rulings r WHERE r.objection = o.id) ORDER BY o.id",
    )?;
    let unruled_objections = stmt.query_map([year], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let (first, last) = (Quarter { year, q: 1 }.first_day(), Quarter { year, q: 4 }.last_day());
    let pending = crate::review::pending_between(conn, first, last)?;
    Ok(YearState { year, closed_on, q4_notice_ends, unruled_objections, pending })
}
