//! Publishing (发布): freezing a quarter's ranking so that what was printed
//! can be reproduced and checked for ever after.

use chrono::NaiveDate;
use jifenbu_core::publishing::{self, Fact, FactKind};
use jifenbu_core::Quarter;
use rusqlite::Connection;

use crate::clock::{date_of, today};
use crate::error::Result;
use crate::evidence::{self, Subject};
use crate::households::load_households;
use crate::publications::{freeze, publication, published_in_order, published_quarters, Publication};
use crate::ranking::compute;
use crate::rulebooks::rulebook_on;
use crate::Book;

impl Book {
    /// Freezes `quarter`, whose notice goes up on `on`: stores its ranking
    /// rows and their digest. Entries dated in it are refused from now on.
    /// The core decides whether it may be published (in order, after the
    /// quarter, at most a month ahead, not before what it states unless
    /// `backfill` keys in a past quarter from paper, which it records).
    pub fn publish(&mut self, quarter: Quarter, on: NaiveDate, backfill: bool) -> Result<Publication> {
        self.write(|tx| {
            let today = today();
            let published = published_quarters(tx)?;
            let pending = crate::review::pending_between(tx, quarter.first_day(), quarter.last_day())?;
            publishing::may_publish(quarter, on, today, pending, |q| published.contains(&q))?;
            let latest = publishing::latest_fact(facts_of(tx, quarter)?);
            publishing::dated_after_its_facts(on, latest.as_ref(), backfill)?;
            let backfilled_on = (backfill && latest.is_some_and(|f| f.date > on)).then_some(today);
            let book = rulebook_on(tx, quarter.last_day())?;
            let (last_seq, head) = crate::ledger::end(tx)?;
            let ranking = compute(tx, quarter, last_seq, &book.rulebook, &load_households(tx)?)?;
            let digest = ranking.digest(Some((last_seq, &head)));
            // The notice's day as given, and nothing else: the moment it was
            // frozen is in the evidence, the day a backfill was keyed in
            // beside it.
            let published_at = on.to_string();
            let settings = crate::settings::settings(tx)?;
            let meetings = crate::review::meeting_days(tx, quarter)?;
            let publication = Publication {
                quarter,
                published_at,
                digest,
                rulebook_id: book.id,
                last_seq,
                chain_head: Some(head),
                settings: Some(settings),
                meetings,
                backfilled_on,
                households: ranking.rows.len(),
            };
            freeze(tx, &publication, &ranking)?;
            evidence::record(tx, Subject::Publication(quarter))?;
            Ok(publication)
        })
    }

    /// The seal of `quarter`, if it is published.
    pub fn publication(&self, quarter: Quarter) -> Result<Option<Publication>> {
        publication(&self.conn, quarter)
    }

    /// Every published quarter, oldest first.
    pub fn publications(&self) -> Result<Vec<Publication>> {
        let mut out = Vec::new();
        for q in published_in_order(&self.conn)? {
            out.extend(publication(&self.conn, q)?);
        }
        Ok(out)
    }
}

/// The facts `quarter`'s notice would state, each kind's latest: when an
/// entry it counts was keyed in, a review meeting whose approvals it counts,
/// a ruling whose corrections it counts.
fn facts_of(conn: &Connection, quarter: Quarter) -> Result<Vec<Fact>> {
    let keyed = crate::ledger::latest_keyed(conn, quarter)?.map(|(seq, household, item, recorded_at)| Fact {
        what: FactKind::Entry { seq, household, item },
        date: date_of(&recorded_at),
    });
    let met = crate::review::latest_meeting_into(conn, quarter)?
        .map(|(id, date)| Fact { what: FactKind::Meeting(id), date: date_of(&date) });
    let ruled = crate::objections::latest_ruling_into(conn, quarter)?
        .map(|(id, date)| Fact { what: FactKind::Ruling(id), date: date_of(&date) });
    Ok(keyed.into_iter().chain(met).chain(ruled).collect())
}
