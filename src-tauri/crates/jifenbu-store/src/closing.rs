//! Closing a year (年度结算): freezing each household's annual row (年度积分,
//! 名次, 星级, 一票否决, the adjustment) with a digest bound to the ledger's
//! end, once the core's `may_close` allows it. Nothing posts into a closed
//! year again; the new year starts from base points, so nothing carries over.

use chrono::NaiveDate;
use jifenbu_core::notice::period_end;
use jifenbu_core::publishing::{self, YearState};
use jifenbu_core::year::YearRanking;
use jifenbu_core::Quarter;
use rusqlite::Connection;

use crate::clock::{date_of, today};
use crate::closings::{closed_year, freeze, ClosedYear};
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
            let (last_seq, head) = crate::ledger::end(tx)?;
            let tallies = crate::ledger::sums::tallies(tx, year, i64::MAX)?;
            let ranking = YearRanking::compute(year, &load_households(tx)?, &tallies, &book.rulebook);
            let digest = ranking.digest(last_seq, &head);
            let settings = crate::settings::settings(tx)?;
            let closed = ClosedYear {
                year,
                closed_on: on,
                digest,
                rulebook_id: book.id,
                last_seq,
                chain_head: head,
                households: ranking.rows.len(),
                settings,
            };
            freeze(tx, &closed, operator, &ranking)?;
            evidence::record(tx, Subject::Closing(year))?;
            Ok(closed)
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
    let unruled_objections = crate::objections::unruled(conn, year)?;
    let (first, last) = (Quarter { year, q: 1 }.first_day(), Quarter { year, q: 4 }.last_day());
    let pending = crate::review::pending_between(conn, first, last)?;
    Ok(YearState { year, closed_on, q4_notice_ends, unruled_objections, pending })
}
