//! Ledger entries (积分流水) and reversals (冲销). Entries are evidence: once
//! recorded they never change; a correction is a new entry that reverses one.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Refusal;
use crate::rulebook::Kind;
use crate::{Posting, Quarter};

/// A recorded ledger entry. Item code, name, kind and veto are copied from the
/// rulebook when the entry is made, so a later rulebook changes no history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Order of recording in this book; the hash chain follows it.
    pub seq: i64,
    pub id: EntryId,
    pub household: String,
    pub item_code: String,
    pub item_name: String,
    pub kind: Kind,
    pub veto: bool,
    pub qty: u32,
    /// Signed: add items positive, deduct items negative; a reversal negates.
    pub points: Decimal,
    /// The deed date; for a reversal, the day the correction was made.
    pub date: NaiveDate,
    /// Where the points count: a quarter, or a year's adjustment period.
    pub posting: Posting,
    /// The clerk's note; for a reversal, its reason.
    pub note: String,
    pub operator: String,
    /// RFC 3339 time of recording.
    pub recorded_at: String,
    /// For a reversal, the id of the entry it cancels.
    pub reverses: Option<EntryId>,
    /// SHA-256 over the previous entry's hash and this entry's content.
    pub hash: ChainHash,
}

/// The entries of `entries` that still count: neither a reversal nor
/// reversed (`reversed`: the ids a reversal undoes). What a roster's dates
/// must hold and what a batch reversal undoes.
pub fn still_counting(entries: Vec<Entry>, reversed: &std::collections::HashSet<EntryId>) -> Vec<Entry> {
    entries.into_iter().filter(|e| e.reverses.is_none() && !reversed.contains(&e.id)).collect()
}

/// An entry's id: a UUID, written lower case with hyphens.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub uuid::Uuid);

impl EntryId {
    /// A new random id.
    pub fn new() -> EntryId {
        EntryId(uuid::Uuid::new_v4())
    }

    pub fn as_bytes(&self) -> &[u8; 16] {
        self.0.as_bytes()
    }
}

impl Default for EntryId {
    fn default() -> Self {
        EntryId::new()
    }
}

impl std::str::FromStr for EntryId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::parse_str(s.trim()).map(EntryId)
    }
}

impl std::fmt::Display for EntryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl std::fmt::Debug for EntryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EntryId({self})")
    }
}

impl Serialize for EntryId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A link of the ledger's hash chain: SHA-256, shown and serialized as hex.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ChainHash(pub [u8; 32]);

impl ChainHash {
    /// The hash of the (empty) chain before the first entry.
    pub const GENESIS: ChainHash = ChainHash([0; 32]);
}

impl std::fmt::Display for ChainHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl std::fmt::Debug for ChainHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChainHash({self})")
    }
}

impl Serialize for ChainHash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Entry {
    /// The chain hash of this entry's content following `prev`. Every field
    /// that carries meaning is included, so any change behind the program's
    /// back breaks the chain at this entry.
    pub fn chain_hash(&self, prev: &ChainHash) -> ChainHash {
        use std::fmt::Write;
        // Fields are streamed into the hasher, each after a 0x1F separator:
        // no text is built (an import hashes a million entries).
        let mut h = Feed(Sha256::new());
        h.0.update(prev.0);
        let points = self.points.normalize();
        let _ = write!(
            h,
            "\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}",
            self.id,
            self.household,
            self.item_code,
            self.item_name,
            self.kind.as_str(),
            u8::from(self.veto),
            self.qty,
            if points.is_zero() { Decimal::ZERO } else { points },
            self.date,
            self.posting,
            self.note,
            self.operator,
            self.recorded_at,
            self.reverses.map(|r| r.to_string()).unwrap_or_default(),
        );
        ChainHash(h.0.finalize().into())
    }

    pub fn is_reversal(&self) -> bool {
        self.reverses.is_some()
    }

    /// What a deed looks like in a file, apart from its id: household,
    /// item, date, quantity, points and note. A row without an id that
    /// matches an entry of the book on all of these is likely the same
    /// deed imported twice.
    pub fn deed_key(&self) -> String {
        format!(
            "{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}",
            self.household,
            self.item_code,
            self.date,
            self.qty,
            crate::points::format(self.points),
            self.note
        )
    }
}

/// Lets `write!` feed a hasher directly.
struct Feed(Sha256);

impl std::fmt::Write for Feed {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// What a clerk asks to record: an occurrence of an item for a household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDraft {
    pub household: String,
    pub item: String,
    pub date: NaiveDate,
    pub qty: u32,
    /// The stated magnitude; required for ranged items, optional for fixed ones.
    pub points: Option<Decimal>,
    pub note: String,
    /// From an import file; a new one is made when absent.
    pub id: Option<EntryId>,
}

/// A request to cancel one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reversal {
    pub entry: String,
    pub reason: String,
    /// The day the correction is made.
    pub date: NaiveDate,
}

impl Reversal {
    /// Where a reversal posts: with the original while the original's
    /// quarter is open (or in the same adjustment period); otherwise as a
    /// correction to the original's year ([`correction_posting`]).
    pub fn posting(&self, original: Posting, is_published: impl Fn(Quarter) -> bool) -> Result<Posting, Refusal> {
        match original {
            Posting::Quarter(q) if !is_published(q) => Ok(original),
            Posting::Adjustment { .. } => Ok(original),
            Posting::Quarter(q) => correction_posting(q.year, self.date, is_published)
                .map_err(|_| Refusal::ReversalQuarterPublished { original: q, own: Quarter::of(self.date) }),
        }
    }
}

/// Where a correction to `year` made on `date` posts (a reversal of a
/// published entry, an upheld objection's added items), so that it counts
/// in `year` and in no other: in the quarter of its date while that quarter
/// is in `year` and open; after `year`, in its fourth quarter while that is
/// open, and otherwise in its adjustment period (年终调整). Refused when the
/// date is in a published quarter of `year`, or before `year`.
pub fn correction_posting(
    year: i32,
    date: NaiveDate,
    is_published: impl Fn(Quarter) -> bool,
) -> Result<Posting, Refusal> {
    let own = Quarter::of(date);
    let fourth = Quarter { year, q: 4 };
    match own.year.cmp(&year) {
        std::cmp::Ordering::Equal if !is_published(own) => Ok(own.into()),
        std::cmp::Ordering::Greater if !is_published(fourth) => Ok(fourth.into()),
        std::cmp::Ordering::Greater => Ok(Posting::Adjustment { year }),
        std::cmp::Ordering::Equal => Err(Refusal::QuarterPublished(own)),
        std::cmp::Ordering::Less => Err(Refusal::CorrectionBeforeYear { year, date }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Entry {
        Entry {
            seq: 1,
            id: "0b7c6f7e-64a4-4c39-9a0e-4bb1f2a9b7a1".parse().unwrap(),
            household: "001".into(),
            item_code: "A01".into(),
            item_name: "义务劳动".into(),
            kind: Kind::Add,
            veto: false,
            qty: 1,
            points: "2".parse().unwrap(),
            date: "2026-03-01".parse().unwrap(),
            posting: "2026Q1".parse::<Quarter>().unwrap().into(),
            note: String::new(),
            operator: "文书".into(),
            recorded_at: "2026-03-01T10:00:00+08:00".into(),
            reverses: None,
            hash: ChainHash::default(),
        }
    }

    #[test]
    fn hash_depends_on_every_value_and_the_chain() {
        let e = sample();
        let h = e.chain_hash(&ChainHash::GENESIS);
        assert_eq!(h.to_string().len(), 64);
        assert_eq!(h, e.chain_hash(&ChainHash::GENESIS));
        assert_ne!(h, e.chain_hash(&h));
        let mut changed = e.clone();
        changed.points = "2.5".parse().unwrap();
        assert_ne!(h, changed.chain_hash(&ChainHash::GENESIS));
        // Equal values written differently hash the same: the chain is over meaning.
        changed.points = "2.00".parse().unwrap();
        assert_eq!(h, changed.chain_hash(&ChainHash::GENESIS));
    }

    #[test]
    fn reversal_posting() {
        let r = Reversal { entry: "x".into(), reason: "录错".into(), date: "2026-08-02".parse().unwrap() };
        let q1: Posting = "2026Q1".parse::<Quarter>().unwrap().into();
        let q3: Posting = "2026Q3".parse::<Quarter>().unwrap().into();
        assert_eq!(r.posting(q1, |_| false), Ok(q1));
        assert_eq!(r.posting(q1, |q| q.q == 1), Ok(q3));
        assert!(matches!(r.posting(q1, |_| true), Err(Refusal::ReversalQuarterPublished { .. })));
    }

    /// Issue 14: a correction made in January to a year whose quarters are
    /// all published lands in that year's adjustment, not in the new year.
    #[test]
    fn corrections_land_in_their_own_year() {
        let jan = "2026-01-15".parse().unwrap();
        let r = Reversal { entry: "x".into(), reason: "异议成立".into(), date: jan };
        let q4_2025: Posting = "2025Q4".parse::<Quarter>().unwrap().into();
        let q2_2025: Posting = "2025Q2".parse::<Quarter>().unwrap().into();
        let all_2025 = |q: Quarter| q.year == 2025;
        assert_eq!(r.posting(q4_2025, all_2025), Ok(Posting::Adjustment { year: 2025 }));
        assert_eq!(r.posting(q2_2025, all_2025), Ok(Posting::Adjustment { year: 2025 }));
        // Q4 not yet published: the correction joins it.
        assert_eq!(r.posting(q2_2025, |q| q.year == 2025 && q.q < 4), Ok(q4_2025));
        assert_eq!(correction_posting(2025, jan, all_2025), Ok(Posting::Adjustment { year: 2025 }));
        assert!(matches!(correction_posting(2027, jan, all_2025), Err(Refusal::CorrectionBeforeYear { .. })));
        // An adjustment is reversed within the adjustment.
        let adj = Posting::Adjustment { year: 2025 };
        assert_eq!(r.posting(adj, all_2025), Ok(adj));
    }
}
