//! What the printouts need from a book: a quarter's notice and a
//! household's statement, as core values for `jifenbu-print` to lay out.

use chrono::{Datelike, NaiveDate};
use jifenbu_core::year::AnnualNotice;
use jifenbu_core::{rulebook, Letterhead, Notice, Quarter, Statement};

use crate::error::Result;
use crate::households::household;
use crate::rulebooks::{rulebook_by_id, rulebook_on, versions};
use crate::{Book, Settings};

impl Book {
    /// The letterhead of `issuer` under the rulebook `rulebook`.
    pub(crate) fn letterhead(&self, issuer: String, rulebook: &jifenbu_core::Rulebook) -> Result<Letterhead> {
        Ok(Letterhead { village: self.village()?.name, issuer, rulebook: rulebook.title() })
    }

    /// The notice of `quarter`: as frozen when published, else a draft
    /// dated `drafted_on`. With `details`, the quarter's entries too (for a
    /// published quarter, those recorded up to its publishing).
    pub fn notice(&self, quarter: Quarter, drafted_on: NaiveDate, details: bool) -> Result<Notice> {
        let publication = self.publication(quarter)?;
        // A published quarter prints the settings it was published with.
        let captured = publication.as_ref().and_then(|p| p.settings.clone());
        let Settings { issuer, objections_to } = match captured {
            Some(settings) => settings,
            None => self.settings()?,
        };
        let rulebook = match &publication {
            Some(p) => rulebook_by_id(&self.conn, p.rulebook_id)?,
            None => rulebook_on(&self.conn, quarter.last_day())?,
        };
        let seal = publication.as_ref().map(crate::Publication::seal);
        let details = if details {
            let last_seq = publication.as_ref().map_or(i64::MAX, |p| p.last_seq);
            crate::ledger::quarter_entries(&self.conn, quarter, last_seq)?
        } else {
            Vec::new()
        };
        Ok(Notice {
            head: self.letterhead(issuer, &rulebook.rulebook)?,
            ranking: self.ranking(quarter)?,
            seal,
            drafted_on,
            period_days: rulebook.rulebook.notice_days,
            objections_to,
            objections_in: rulebook.rulebook.objections_in.clone(),
            objection_reply_days: rulebook.rulebook.objection_reply_days,
            stars: rulebook.rulebook.stars.clone(),
            meetings: match &publication {
                Some(p) => p.meetings.clone(),
                None => crate::review::meeting_days(&self.conn, quarter)?,
            },
            details,
            deduct_notes: rulebook.rulebook.detail_deduct_notes,
            rules_summary: rulebook.rulebook.summary().to_vec(),
        })
    }

    /// The annual notice of a closed `year`, from its frozen rows, under
    /// the rulebook it was closed with.
    pub fn annual_notice(&self, year: i32) -> Result<AnnualNotice> {
        let seal = jifenbu_core::year::closed(crate::closings::closed_year(&self.conn, year)?, year)?;
        let Settings { issuer, objections_to } = seal.settings.clone();
        let rulebook = rulebook_by_id(&self.conn, seal.rulebook_id)?;
        Ok(AnnualNotice {
            head: self.letterhead(issuer, &rulebook.rulebook)?,
            ranking: self.year_ranking(year)?,
            closed_on: seal.closed_on,
            digest: seal.digest,
            period_days: rulebook.rulebook.notice_days,
            objections_to,
            objections_in: rulebook.rulebook.objections_in.clone(),
            objection_reply_days: rulebook.rulebook.objection_reply_days,
            backfilled: (1..=4)
                .filter_map(|q| Quarter::new(year, q))
                .map(|q| Ok(crate::publications::publication(&self.conn, q)?.and_then(|p| Some((q, p.backfilled_on?)))))
                .filter_map(Result::transpose)
                .collect::<Result<_>>()?,
        })
    }

    /// Household `code`'s statement for `year`, through the quarter of
    /// `as_of` if that falls in `year` (else the whole year), with its
    /// letterhead.
    pub fn statement(&self, code: &str, year: i32, as_of: NaiveDate) -> Result<(Statement, Letterhead)> {
        let household = household(&self.conn, code)?;
        let through = if as_of.year() == year { Quarter::of(as_of) } else { Quarter { year, q: 4 } };
        let versions = versions(&self.conn)?;
        let in_force = rulebook::required_for_quarters(&versions, year, |(_, from)| *from)?;
        let rulebooks =
            in_force.map(|(id, _)| rulebook_by_id(&self.conn, *id)).into_iter().collect::<Result<Vec<_>>>()?;
        let entries = crate::ledger::household_entries(&self.conn, code)?;
        let mut statement =
            Statement::compute(&household, through, &entries, |q| &rulebooks[usize::from(q.q) - 1].rulebook);
        let published = crate::publications::published_quarters(&self.conn)?;
        statement.unpublished = statement.quarters.iter().map(|(q, _)| *q).filter(|q| !published.contains(q)).collect();
        for (q, _) in &statement.quarters {
            if let Some(on) = crate::publications::publication(&self.conn, *q)?.and_then(|p| p.backfilled_on) {
                statement.backfilled.push((*q, on));
            }
        }
        let head = self.letterhead(self.settings()?.issuer, &rulebooks[usize::from(through.q) - 1].rulebook)?;
        Ok((statement, head))
    }
}
