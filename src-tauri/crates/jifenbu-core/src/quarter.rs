//! Calendar quarters (`2026Q3`): the unit of scoring and publishing.

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
    fn parse_rejects_nonsense() {
        for bad in ["2026Q5", "2026Q0", "26Q1", "2026-3", "", "2026Q12"] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad}");
        }
        assert_eq!("2026q2".parse::<Quarter>().unwrap(), Quarter::new(2026, 2).unwrap());
    }
}
