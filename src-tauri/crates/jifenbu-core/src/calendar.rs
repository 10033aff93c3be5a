//! Facts against the calendar: nothing that happened (a deed, a
//! registration, a meeting, a redemption, a stock movement, an objection,
//! a ruling) is dated after the day it is recorded, and a notice is dated
//! at most [`NOTICE_AHEAD_DAYS`] ahead (keyed in today, posted tomorrow).

use chrono::NaiveDate;

use crate::Refusal;

/// How far ahead a notice's date may be.
pub const NOTICE_AHEAD_DAYS: u64 = 30;

/// `what` (its Chinese name: 记录, 登记, 兑换…) dated `on` may be recorded
/// `today` only if it has happened.
pub fn happened(what: &'static str, on: NaiveDate, today: NaiveDate) -> Result<(), Refusal> {
    match on > today {
        true => Err(Refusal::InFuture { what, on, today }),
        false => Ok(()),
    }
}

/// The latest date a notice recorded `today` may carry.
pub fn latest_notice_date(today: NaiveDate) -> NaiveDate {
    today + chrono::Days::new(NOTICE_AHEAD_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn what_happened_is_dated_today_at_the_latest() {
        let today = d("2026-12-06");
        assert_eq!(happened("记录", today, today), Ok(()));
        let e = happened("记录", d("2026-12-25"), today).unwrap_err();
        assert_eq!(e.to_string(), "记录日期 2026-12-25 还没到（今天是 2026-12-06），不能填将来的日期");
        assert_eq!(latest_notice_date(today), d("2027-01-05"));
    }
}
