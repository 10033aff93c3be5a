//! Per-household sums for one ranking quarter. The store computes them with
//! SQL for speed; `tally` here is the plain reference over a list of entries,
//! used for statements and to check the store in tests.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::{Entry, EntryId, Kind, Quarter, Rulebook};

/// What the ranking needs to know about one household in quarter (Y, q).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Sum of add-item points posted in the quarter (reversals included).
    pub add: Decimal,
    /// Minus the sum of deduct-item points posted in the quarter.
    pub deduct: Decimal,
    /// Sum of the quarter scores of Y's earlier quarters.
    pub earlier: Decimal,
    /// An unreversed veto entry posted in Y up to this quarter.
    pub veto: bool,
}

impl Tally {
    pub fn quarter_score(&self) -> Decimal {
        self.add - self.deduct
    }

    /// Where the household stands under `book`: what a ranking row and a
    /// statement's quarter subtotal both show.
    pub fn standing(&self, book: &Rulebook) -> Standing {
        let score = self.quarter_score();
        let year_to_date = book.base_points + self.earlier + score;
        Standing {
            add: self.add,
            deduct: self.deduct,
            score,
            year_to_date,
            stars: if self.veto { 0 } else { book.stars_for(year_to_date) },
            veto: self.veto,
        }
    }
}

/// A household's figures for one quarter (README, "Scoring rules").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Standing {
    pub add: Decimal,
    pub deduct: Decimal,
    pub score: Decimal,
    pub year_to_date: Decimal,
    /// Star level reached, 0 for none (always 0 under a veto).
    pub stars: u8,
    pub veto: bool,
}

/// Tallies of every household with entries in `quarter`'s year up to it.
/// A veto counts in a quarter until a reversal of it posts: one reversed in
/// a later quarter still stands in this one, as its notice said.
pub fn tally(entries: &[Entry], quarter: Quarter) -> HashMap<String, Tally> {
    // A year's adjustment (slot 5) comes after every quarter: no quarter
    // counts it, and the annual figure adds it (see `year.rs`).
    let in_range = |e: &&Entry| e.posting.year() == quarter.year && e.posting.slot() <= quarter.q;
    let reversed: HashSet<EntryId> = entries.iter().filter(in_range).filter_map(|e| e.reverses).collect();
    let mut out: HashMap<String, Tally> = HashMap::new();
    for e in entries.iter().filter(in_range) {
        let t = out.entry(e.household.clone()).or_default();
        if e.posting.slot() < quarter.q {
            t.earlier += e.points;
        } else {
            match e.kind {
                Kind::Add => t.add += e.points,
                Kind::Deduct => t.deduct -= e.points,
            }
        }
        if e.veto && !e.is_reversal() && !reversed.contains(&e.id) {
            t.veto = true;
        }
    }
    out
}
