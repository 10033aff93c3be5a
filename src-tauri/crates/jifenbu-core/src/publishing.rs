//! Publishing (发布) a quarter: when it is allowed. The store freezes the
//! rows; this module decides whether it may.

use chrono::NaiveDate;

use crate::{Quarter, Refusal};

/// Whether `quarter` may be published on `on` (the day its notice goes
/// up), given which quarters are published and what day it is. A year's
/// quarters are published in order, so a published quarter's year-to-date
/// figures can never change under it; a notice goes up once its quarter has
/// ended, and never on a day still to come.
pub fn may_publish(
    quarter: Quarter,
    on: NaiveDate,
    today: NaiveDate,
    is_published: impl Fn(Quarter) -> bool,
) -> Result<(), Refusal> {
    if is_published(quarter) {
        return Err(Refusal::AlreadyPublished(quarter));
    }
    if let Some(earlier) = (1..quarter.q).map(|q| Quarter { year: quarter.year, q }).find(|q| !is_published(*q)) {
        return Err(Refusal::EarlierUnpublished { quarter, earlier });
    }
    if on < quarter.last_day() {
        return Err(Refusal::PublishedTooEarly { quarter, on });
    }
    if on > today {
        return Err(Refusal::PublishedInFuture { on, today });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quarter {
        s.parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Issue 12, defect 7: Q4 is not published while Q2 and Q3 are open.
    #[test]
    fn quarters_of_a_year_are_published_in_order() {
        let today = d("2026-12-01");
        let published = [q("2025Q1")];
        let is = |x: Quarter| published.contains(&x);
        let e = may_publish(q("2025Q4"), today, today, is).unwrap_err();
        assert_eq!(e, Refusal::EarlierUnpublished { quarter: q("2025Q4"), earlier: q("2025Q2") });
        assert_eq!(
            e.to_string(),
            "2025年第二季度还未发布：一年的四个季度须依次发布，请先发布2025年第二季度，再发布2025年第四季度"
        );
        assert_eq!(may_publish(q("2025Q2"), today, today, is), Ok(()));
        assert_eq!(may_publish(q("2026Q1"), today, today, is), Ok(()), "a new year starts again at Q1");
        assert_eq!(may_publish(q("2025Q1"), today, today, is), Err(Refusal::AlreadyPublished(q("2025Q1"))));
    }

    #[test]
    fn a_notice_goes_up_after_its_quarter_and_not_in_the_future() {
        let today = d("2026-12-01");
        let none = |_| false;
        assert!(matches!(
            may_publish(q("2026Q1"), d("2026-03-30"), today, none),
            Err(Refusal::PublishedTooEarly { .. })
        ));
        assert_eq!(may_publish(q("2026Q1"), d("2026-03-31"), today, none), Ok(()));
        assert!(matches!(
            may_publish(q("2026Q1"), d("2026-12-02"), today, none),
            Err(Refusal::PublishedInFuture { .. })
        ));
    }
}
