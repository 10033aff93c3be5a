//! Where a household stands: the one place its figures are decided. Every
//! paper and file that shows a household's quarter or year — the ranking
//! and its notice and export, the statement, the year's ranking and its
//! notice, certificates and door cards — takes them from
//! [`Tally::standing`]. The store adds up the ledger into [`Tally`]s with
//! SQL for speed and decides nothing; [`tally`] here is the plain reference
//! over a list of entries, used for statements and to check the store.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::{Entry, EntryId, Kind, Posting, Quarter, Rulebook};

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
    /// The entries of the year that correct an earlier quarter.
    pub corrections: Vec<Correction>,
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
        let correction = self.correction_in(slot);
        Standing {
            add,
            deduct,
            score,
            year_to_date,
            stars: if veto { 0 } else { book.stars_for(year_to_date) },
            veto,
            correction,
        }
    }

    /// The corrections of earlier quarters that posted in `slot`.
    pub fn corrections_in(&self, slot: u8) -> impl Iterator<Item = &Correction> {
        self.corrections.iter().filter(move |c| c.posting.slot() == slot)
    }

    /// How much of `slot`'s score those corrections are.
    pub fn correction_in(&self, slot: u8) -> Decimal {
        self.corrections_in(slot).map(|c| c.points).sum()
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
    /// How much of `score` corrects earlier quarters (see [`Correction`]).
    pub correction: Decimal,
}

/// An entry posted in a later quarter (or the year's adjustment) that
/// corrects an earlier one: a reversal of an entry posted earlier, or an
/// entry whose deed falls in an earlier quarter (an item an upheld
/// objection added). Its points count where it posts, and every paper
/// that shows them shows them apart, naming what they correct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The correcting entry.
    pub entry: EntryId,
    /// Where it posts.
    pub posting: Posting,
    /// The quarter (or adjustment) it corrects.
    pub of: Posting,
    /// The corrected deed's item and date (a reversal's: its original's).
    pub item_name: String,
    pub date: NaiveDate,
    /// Signed points it posts.
    pub points: Decimal,
    /// It cancels an entry (冲销); else it adds one that was missed (补记).
    pub reversal: bool,
}

impl Correction {
    /// Entry `e` (posting its `points` in `posting`) as a correction, if it
    /// is one: the deed it concerns (`original`, for a reversal: where the
    /// cancelled entry posted, its date and item; else `e`'s own deed)
    /// falls before where it posts.
    pub fn of(e: &Entry, original: Option<(Posting, NaiveDate, &str)>) -> Option<Correction> {
        let (of, date, item) = match (e.reverses, original) {
            (Some(_), Some(o)) => o,
            // A reversal of an entry not at hand: an earlier year's.
            (Some(_), None) => (Posting::Adjustment { year: e.posting.year() - 1 }, e.date, e.item_name.as_str()),
            (None, _) => (Posting::Quarter(Quarter::of(e.date)), e.date, e.item_name.as_str()),
        };
        (of < e.posting).then(|| Correction {
            entry: e.id,
            posting: e.posting,
            of,
            item_name: item.to_string(),
            date,
            points: e.points,
            reversal: e.reverses.is_some(),
        })
    }

    /// `冲销2025年第一季度3月5日「参加村民会议」-1 分`, as papers print it.
    pub fn describe(&self) -> String {
        use chrono::Datelike;
        let what = if self.reversal { "冲销" } else { "补记" };
        format!(
            "{what}{}{}月{}日「{}」{} 分",
            self.of.chinese(),
            self.date.month(),
            self.date.day(),
            self.item_name,
            crate::points::format(self.points)
        )
    }
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
    let by_id: HashMap<EntryId, &Entry> = entries.iter().map(|e| (e.id, e)).collect();
    let mut out: HashMap<String, Tally> = HashMap::new();
    let mut vetoed: HashSet<EntryId> = HashSet::new();
    for e in entries.iter().filter(in_year) {
        let t = out.entry(e.household.clone()).or_default();
        t.post(e.posting.slot(), e.kind, e.points);
        let original = e.reverses.and_then(|id| by_id.get(&id)).map(|o| (o.posting, o.date, o.item_name.as_str()));
        t.corrections.extend(Correction::of(e, original));
        if e.veto && !e.is_reversal() && vetoed.insert(e.id) {
            t.vetoes.push((e.posting.slot(), reversed.get(&e.id).copied()));
        }
    }
    out
}
