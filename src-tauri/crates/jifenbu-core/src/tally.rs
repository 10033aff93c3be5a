//! Where a household stands: the one place its figures are decided. Every
//! paper and file that shows a household's quarter or year — the ranking
//! and its notice and export, the statement, the year's ranking and its
//! notice, certificates and door cards — takes them from
//! [`Tally::standing`]. The store adds up the ledger into [`Tally`]s with
//! SQL for speed and decides nothing; [`tally`] here is the plain reference
//! over a list of entries, used for statements and to check the store.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::{Entry, EntryId, Kind, Posting, Rulebook};

/// The slots of a year's postings: the four quarters, then the adjustment.
const SLOTS: usize = Posting::ADJUSTMENT_SLOT as usize;

/// One household's year as the ledger adds it up: the points posted in each
/// slot (Q1..Q4, then the year's adjustment 年终调整) by kind, reversals
/// included under their original's kind, and its veto entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Add-item points per slot (a reversal of one counts here, negative).
    pub add: [Decimal; SLOTS],
    /// Deduct-item points per slot, signed as posted (negative).
    pub deduct: [Decimal; SLOTS],
    /// Each veto entry of the year: the slot it posted in, and the earliest
    /// slot of the year in which a reversal of it posted, if one has.
    pub vetoes: Vec<(u8, Option<u8>)>,
}

impl Tally {
    /// Where the household stands after `slot` (1–4 a quarter, 5 the year's
    /// end) under `book`: the slot's add and deduct, its score, the year to
    /// date from `book`'s base points (after slot 5, the annual figure), and
    /// the stars it earns unless a veto stands. A veto counts from its slot
    /// until a reversal of it posts: one reversed in a later quarter still
    /// stands in this one, as its notice said.
    pub fn standing(&self, slot: u8, book: &Rulebook) -> Standing {
        let i = usize::from(slot.clamp(1, Posting::ADJUSTMENT_SLOT) - 1);
        let earlier: Decimal = (0..i).map(|j| self.add[j] + self.deduct[j]).sum();
        let (add, deduct) = (self.add[i], -self.deduct[i]);
        let score = add - deduct;
        let year_to_date = book.base_points + earlier + score;
        let veto = self.vetoes.iter().any(|&(posted, reversed)| posted <= slot && reversed.is_none_or(|r| r > slot));
        Standing { add, deduct, score, year_to_date, stars: if veto { 0 } else { book.stars_for(year_to_date) }, veto }
    }

    /// Adds `points` of `kind` posted in `slot`.
    pub fn post(&mut self, slot: u8, kind: Kind, points: Decimal) {
        let i = usize::from(slot.clamp(1, Posting::ADJUSTMENT_SLOT) - 1);
        match kind {
            Kind::Add => self.add[i] += points,
            Kind::Deduct => self.deduct[i] += points,
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

/// The tallies of `year` of every household with entries in it, from a
/// list of entries (which may hold other years').
pub fn tally(entries: &[Entry], year: i32) -> HashMap<String, Tally> {
    let in_year = |e: &&Entry| e.posting.year() == year;
    // The earliest slot of the year in which each entry was reversed.
    let mut reversed: HashMap<EntryId, u8> = HashMap::new();
    for r in entries.iter().filter(in_year) {
        if let Some(id) = r.reverses {
            let slot = reversed.entry(id).or_insert(r.posting.slot());
            *slot = (*slot).min(r.posting.slot());
        }
    }
    let mut out: HashMap<String, Tally> = HashMap::new();
    let mut vetoed: HashSet<EntryId> = HashSet::new();
    for e in entries.iter().filter(in_year) {
        let t = out.entry(e.household.clone()).or_default();
        t.post(e.posting.slot(), e.kind, e.points);
        if e.veto && !e.is_reversal() && vetoed.insert(e.id) {
            t.vetoes.push((e.posting.slot(), reversed.get(&e.id).copied()));
        }
    }
    out
}
