//! A household's statement (积分明细) for one year: every entry with a
//! running total, reversals linked to what they cancel, and each quarter's
//! figures as the ranking counts them. It answers a villager who asks why.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::tally::{tally, Standing, Tally};
use crate::{Entry, EntryId, Household, Posting, Quarter, Rulebook};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub household: Household,
    pub year: i32,
    /// Points the year starts with.
    pub base_points: Decimal,
    /// In posting order: by posting quarter, deed date, then recording.
    pub lines: Vec<Line>,
    /// Quarters 1 up to the last one shown, as the ranking counts them.
    pub quarters: Vec<(Quarter, Standing)>,
    /// When the statement runs to the fourth quarter and the year has
    /// corrections posted after it (年终调整): their sums, with the annual
    /// figure as `year_to_date` and the stars it earns.
    pub adjustment: Option<Standing>,
    /// The quarters shown that are not published yet, whose figures may
    /// still change (the store fills this in; none by default).
    pub unpublished: Vec<Quarter>,
    /// The quarters shown that were keyed in from paper after their
    /// notice's day (补录), with the day they were (the store fills this in).
    pub backfilled: Vec<(Quarter, chrono::NaiveDate)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1, 2, 3…: how reversals refer to the line they cancel.
    pub no: u32,
    pub entry: Entry,
    /// Base points plus every line up to and including this one.
    pub running: Decimal,
    pub reverses: Option<Reversed>,
    /// The line of this statement that cancels this entry, if any.
    pub reversed_by: Option<u32>,
}

/// The entry a reversal cancels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reversed {
    /// A line of the same statement.
    Line(u32),
    /// An entry posted in an earlier year (its deed date).
    Earlier(chrono::NaiveDate),
}

impl Statement {
    /// The statement of `household` for quarters 1..=`through.q` of
    /// `through.year` (and, through the fourth, the year's adjustment), from
    /// all of the household's entries (any year, so a reversal of last
    /// year's entry can name it) and the rulebook in force on each
    /// quarter's last day.
    pub fn compute<'r>(
        household: &Household,
        through: Quarter,
        entries: &[Entry],
        rulebook_for: impl Fn(Quarter) -> &'r Rulebook,
    ) -> Statement {
        let year = through.year;
        let mut mine: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.household == household.code && e.posting.year() == year)
            .filter(|e| e.posting <= through.into() || (through.q == 4 && e.posting.is_adjustment()))
            .collect();
        mine.sort_by_key(|e| (e.posting, e.date, e.seq));
        let no_of: HashMap<EntryId, u32> = mine.iter().zip(1..).map(|(e, no)| (e.id, no)).collect();
        let by_id: HashMap<EntryId, &Entry> = entries.iter().map(|e| (e.id, e)).collect();
        let reversal_of: HashMap<EntryId, u32> =
            mine.iter().filter_map(|r| Some((r.reverses?, no_of[&r.id]))).collect();
        let base_points = rulebook_for(Quarter { year, q: 1 }).base_points;
        let mut running = base_points;
        let lines = mine
            .iter()
            .zip(1..)
            .map(|(e, no)| {
                running += e.points;
                let reverses = e.reverses.and_then(|id| match no_of.get(&id) {
                    Some(&line) => Some(Reversed::Line(line)),
                    None => by_id.get(&id).map(|o| Reversed::Earlier(o.date)),
                });
                Line { no, entry: (*e).clone(), running, reverses, reversed_by: reversal_of.get(&e.id).copied() }
            })
            .collect();
        let none = Tally::default();
        let tallies = tally(entries, year);
        let t = tallies.get(&household.code).unwrap_or(&none);
        let quarters = (1..=through.q)
            .map(|q| {
                let quarter = Quarter { year, q };
                (quarter, t.standing(q, rulebook_for(quarter)))
            })
            .collect();
        // The year's end, when it has corrections posted after Q4.
        let adjusted = mine.iter().any(|e| e.posting.is_adjustment());
        let adjustment = adjusted.then(|| t.standing(Posting::ADJUSTMENT_SLOT, rulebook_for(through)));
        Statement {
            household: household.clone(),
            year,
            base_points,
            lines,
            quarters,
            adjustment,
            unpublished: vec![],
            backfilled: vec![],
        }
    }

    /// The year's figures as of the last quarter shown.
    pub fn latest(&self) -> Option<&(Quarter, Standing)> {
        self.quarters.last()
    }
}

#[cfg(test)]
mod tests;
