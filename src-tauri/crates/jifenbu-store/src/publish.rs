//! Publishing (发布): freezing a quarter's ranking so that what was printed
//! can be reproduced and checked for ever after.

use chrono::NaiveDate;
use jifenbu_core::publishing::{self, Fact, FactKind};
use jifenbu_core::{points, Quarter};
use rusqlite::{Connection, OptionalExtension};

use crate::clock::{date_of, today};
use crate::error::Result;
use crate::evidence::{self, Subject};
use crate::households::load_households;
use crate::publications::{publication, published_in_order, published_quarters, Publication};
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
            let (last_seq, head) = evidence::ledger_end(tx)?;
            let ranking = compute(tx, quarter, last_seq, &book.rulebook, &load_households(tx)?)?;
            let digest = ranking.digest(Some((last_seq, &head)));
            // The notice's day as given, and nothing else: the moment it was
            // frozen is in the evidence, the day a backfill was keyed in
            // beside it.
            let published_at = on.to_string();
            let settings = crate::settings::settings(tx)?;
            let meetings = crate::review::meeting_days(tx, quarter)?;
            tx.execute(
                "INSERT INTO published (year, quarter, published_at, digest, rulebook_id, last_seq, chain_head,
                     issuer, objections_to, meetings, backfilled_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                rusqlite::params![
                    quarter.year,
                    quarter.q,
                    &published_at,
                    &digest,
                    book.id,
                    last_seq,
                    head.0,
                    settings.issuer,
                    settings.objections_to,
                    meetings.iter().map(NaiveDate::to_string).collect::<Vec<_>>().join("、"),
                    backfilled_on.map(|d| d.to_string()),
                ],
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO published_rows (year, quarter, rank, household, head, grp, add_c, deduct_c,
                     score_c, ytd_c, stars, veto) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for r in &ranking.rows {
                insert.execute(rusqlite::params![
                    quarter.year,
                    quarter.q,
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
            evidence::record(tx, Subject::Publication(quarter))?;
            Ok(Publication {
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
            })
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
    let q = (quarter.year, quarter.q);
    let mut facts = Vec::new();
    let keyed = conn
        .query_row(
            "SELECT e.seq, e.household, e.item_code, b.recorded_at FROM entries e JOIN batches b ON b.id = e.batch
              WHERE e.year = ?1 AND e.quarter = ?2 ORDER BY b.recorded_at DESC, e.seq DESC LIMIT 1",
            q,
            |r| {
                let what = FactKind::Entry { seq: r.get(0)?, household: r.get(1)?, item: r.get(2)? };
                Ok(Fact { what, date: date_of(&r.get::<_, String>(3)?) })
            },
        )
        .optional()?;
    facts.extend(keyed);
    let met = conn
        .query_row(
            "SELECT m.id, m.date FROM decisions d JOIN meetings m ON m.id = d.meeting JOIN entries e ON e.id = d.entry
              WHERE e.year = ?1 AND e.quarter = ?2 ORDER BY m.date DESC LIMIT 1",
            q,
            |r| Ok(Fact { what: FactKind::Meeting(r.get(0)?), date: date_of(&r.get::<_, String>(1)?) }),
        )
        .optional()?;
    facts.extend(met);
    let ruled = conn
        .query_row(
            "SELECT r.objection, r.decided_on FROM ruling_entries re JOIN rulings r ON r.objection = re.objection
              JOIN entries e ON e.id = re.entry WHERE e.year = ?1 AND e.quarter = ?2 ORDER BY r.decided_on DESC LIMIT 1",
            q,
            |r| Ok(Fact { what: FactKind::Ruling(r.get(0)?), date: date_of(&r.get::<_, String>(1)?) }),
        )
        .optional()?;
    facts.extend(ruled);
    Ok(facts)
}
