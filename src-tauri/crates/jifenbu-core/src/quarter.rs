//! Calendar quarters (`2026Q3`): the unit of scoring and publishing; and
//! where an entry counts (`Posting`): a quarter, or its year's adjustment
//! period (年终调整).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A calendar quarter of one scoring year. Q1 = Jan–Mar … Q4 = Oct–Dec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub q: u8,
}

impl Quarter {
    /// The quarter `q` (1–4) of `year`; `None` when `q` is out of range.
    pub fn new(year: i32, q: u8) -> Option<Quarter> {
        (1..=4).contains(&q).then_some(Quarter { year, q })
    }

    /// The quarter a date falls in.
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter { year: date.year(), q: (date.month0() / 3 + 1) as u8 }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.q) * 3 - 2, 1).expect("valid quarter")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("not the first day of time")
    }

    pub fn next(self) -> Quarter {
        if self.q == 4 {
            Quarter { year: self.year + 1, q: 1 }
        } else {
            Quarter { year: self.year, q: self.q + 1 }
        }
    }

    /// Chinese name for notices and messages: `2026年第三季度`.
    pub fn chinese(self) -> String {
        let n = ["一", "二", "三", "四"][usize::from(self.q - 1)];
        format!("{}年第{}季度", self.year, n)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

/// Where an entry counts: a quarter, or the adjustment period of a year
/// (年终调整), which follows its fourth quarter. A correction to a year whose
/// quarters are all published lands there, so it counts in that year's
/// annual figure and in no other year, while the published notices stay
/// as they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Posting {
    Quarter(Quarter),
    Adjustment { year: i32 },
}

impl Posting {
    /// The slot an adjustment takes after the four quarters, as a book
    /// stores it (`quarter` = 5).
    pub const ADJUSTMENT_SLOT: u8 = 5;

    pub fn year(self) -> i32 {
        match self {
            Posting::Quarter(q) => q.year,
            Posting::Adjustment { year } => year,
        }
    }

    /// 1 to 4 for a quarter, 5 for the adjustment period.
    pub fn slot(self) -> u8 {
        match self {
            Posting::Quarter(q) => q.q,
            Posting::Adjustment { .. } => Posting::ADJUSTMENT_SLOT,
        }
    }

    pub fn from_slot(year: i32, slot: u8) -> Option<Posting> {
        match slot {
            Posting::ADJUSTMENT_SLOT => Some(Posting::Adjustment { year }),
            q => Quarter::new(year, q).map(Posting::Quarter),
        }
    }

    pub fn quarter(self) -> Option<Quarter> {
        match self {
            Posting::Quarter(q) => Some(q),
            Posting::Adjustment { .. } => None,
        }
    }

    pub fn is_adjustment(self) -> bool {
        matches!(self, Posting::Adjustment { .. })
    }

    /// `2026年第三季度`, `2025年终调整`.
    pub fn chinese(self) -> String {
        match self {
            Posting::Quarter(q) => q.chinese(),
            Posting::Adjustment { year } => format!("{year}年终调整"),
        }
    }
}

/// In time: a year's quarters, then its adjustment, then the next year.
impl Ord for Posting {
    fn cmp(&self, other: &Posting) -> std::cmp::Ordering {
        (self.year(), self.slot()).cmp(&(other.year(), other.slot()))
    }
}

impl PartialOrd for Posting {
    fn partial_cmp(&self, other: &Posting) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl From<Quarter> for Posting {
    fn from(q: Quarter) -> Posting {
        Posting::Quarter(q)
    }
}

/// `2026Q3` for a quarter (as entries have always been hashed), `2025年终调整`.
impl fmt::Display for Posting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Posting::Quarter(q) => q.fmt(f),
            Posting::Adjustment { year } => write!(f, "{year}年终调整"),
        }
    }
}

impl serde::Serialize for Posting {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The text was not of the form `2026Q3`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadQuarter(pub String);

impl fmt::Display for BadQuarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "季度「{}」格式不对，应写作 2026Q3 这样的形式", self.0)
    }
}

impl std::error::Error for BadQuarter {}

/// Crosses IPC and files as its text form, `2026Q3`.
impl serde::Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for Quarter {
    type Err = BadQuarter;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadQuarter(s.to_string());
        let (y, q) = s.trim().split_once(['Q', 'q']).ok_or_else(bad)?;
        if y.len() != 4 || q.len() != 1 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let q = q.parse().map_err(|_| bad())?;
        Quarter::new(year, q).ok_or_else(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn quarters_of_dates() {
        assert_eq!(Quarter::of(d("2026-01-01")).to_string(), "2026Q1");
        assert_eq!(Quarter::of(d("2026-03-31")).to_string(), "2026Q1");
        assert_eq!(Quarter::of(d("2026-04-01")).to_string(), "2026Q2");
        assert_eq!(Quarter::of(d("2026-09-30")).to_string(), "2026Q3");
        assert_eq!(Quarter::of(d("2026-12-31")).to_string(), "2026Q4");
    }

    #[test]
    fn bounds() {
        let q: Quarter = "2026Q4".parse().unwrap();
        assert_eq!(q.first_day(), d("2026-10-01"));
        assert_eq!(q.last_day(), d("2026-12-31"));
        assert_eq!("2024Q1".parse::<Quarter>().unwrap().last_day(), d("2024-03-31"));
        assert_eq!(q.next().to_string(), "2027Q1");
        assert_eq!(q.chinese(), "2026年第四季度");
    }

    #[test]
    fn postings_order_the_adjustment_after_the_fourth_quarter() {
        let q4: Posting = "2025Q4".parse::<Quarter>().unwrap().into();
        let adj = Posting::Adjustment { year: 2025 };
        let next: Posting = "2026Q1".parse::<Quarter>().unwrap().into();
        assert!(q4 < adj && adj < next);
        assert_eq!((adj.slot(), adj.to_string(), q4.to_string()), (5, "2025年终调整".into(), "2025Q4".into()));
        assert_eq!(Posting::from_slot(2025, 5), Some(adj));
        assert_eq!(Posting::from_slot(2025, 4), Some(q4));
        assert_eq!(Posting::from_slot(2025, 6), None);
    }

    #[test]
    fn parse_rejects_nonsense() {
        for bad in ["2026Q5", "2026Q0", "26Q1", "2026-3", "", "2026Q12"] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad}");
        }
        assert_eq!("2026q2".parse::<Quarter>().unwrap(), Quarter::new(2026, 2).unwrap());
    }
}
