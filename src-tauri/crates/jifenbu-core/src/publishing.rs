//! Publishing (发布) a quarter and closing (结算) a year: when each is
//! allowed. The store freezes the rows; this module decides whether it may.

use chrono::NaiveDate;

use crate::review::Pending;
use crate::{Quarter, Refusal};

/// The latest fact a quarter's notice states, which its date may not
/// precede: when an entry it counts was keyed in, the day of a review
/// meeting whose approvals it counts, or of a ruling whose corrections it
/// counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub date: NaiveDate,
    pub what: FactKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactKind {
    /// Entry `seq` (household, item) was recorded on the fact's day.
    Entry { seq: i64, household: String, item: String },
    /// Review meeting `id` met on the fact's day.
    Meeting(i64),
    /// Objection `id` was ruled on the fact's day.
    Ruling(i64),
}

impl std::fmt::Display for Fact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.what {
            FactKind::Entry { seq, household, item } => {
                write!(f, "第 {seq} 条记录（户号 {household}，项目 {item}）于 {} 录入", self.date)
            }
            FactKind::Meeting(id) => write!(f, "第 {id} 次评议会于 {} 召开", self.date),
            FactKind::Ruling(id) => write!(f, "第 {id} 号异议于 {} 处理", self.date),
        }
    }
}

/// The latest of `facts`, the one a notice's date is held to.
pub fn latest_fact(facts: impl IntoIterator<Item = Fact>) -> Option<Fact> {
    facts.into_iter().max_by_key(|f| f.date)
}

/// A notice dated `on` states nothing that had not happened by then: its
/// `latest` fact is on or before `on`, unless the quarter is keyed in from
/// paper afterwards (`backfill`, 补录), which the notice then says.
pub fn dated_after_its_facts(on: NaiveDate, latest: Option<&Fact>, backfill: bool) -> Result<(), Refusal> {
    match latest {
        Some(fact) if fact.date > on && !backfill => Err(Refusal::PublishedBeforeFact { on, fact: fact.to_string() }),
        _ => Ok(()),
    }
}

/// Whether `quarter` may be published on `on` (the day its notice goes
/// up), given which quarters are published and what day it is. A year's
/// quarters are published in order, so a published quarter's year-to-date
/// figures can never change under it; a notice goes up once its quarter has
/// ended, at most 30 days after the day it is recorded (see `calendar`),
/// and not while registrations dated in it await review (`pending`).
pub fn may_publish(
    quarter: Quarter,
    on: NaiveDate,
    today: NaiveDate,
    pending: Option<Pending>,
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
    if today < quarter.last_day() {
        return Err(Refusal::QuarterNotOver { quarter, today });
    }
    if on > crate::calendar::latest_notice_date(today) {
        return Err(Refusal::PublishedTooFarAhead { on, today });
    }
    if let Some(pending) = pending {
        return Err(Refusal::PublishWithPending { quarter, pending });
    }
    Ok(())
}

/// What closing a year needs to know about it.
pub struct YearState {
    pub year: i32,
    /// When the year was closed, if it was.
    pub closed_on: Option<NaiveDate>,
    /// The last day of Q4's notice period, if Q4 is published.
    pub q4_notice_ends: Option<NaiveDate>,
    /// Objections to the year's quarters not yet ruled on, oldest first.
    pub unruled_objections: Vec<i64>,
    /// Registrations dated in the year still awaiting review.
    pub pending: Option<Pending>,
}

/// Whether the year may be closed (年度结算) on `on`: once, after all four
/// quarters are published, Q4's notice period has ended and every
/// objection to the year is ruled on; never on a day still to come.
pub fn may_close(
    state: &YearState,
    on: NaiveDate,
    today: NaiveDate,
    is_published: impl Fn(Quarter) -> bool,
) -> Result<(), Refusal> {
    let year = state.year;
    if let Some(closed) = state.closed_on {
        return Err(Refusal::AlreadyClosed { year, on: closed });
    }
    if let Some(quarter) = (1..=4).map(|q| Quarter { year, q }).find(|q| !is_published(*q)) {
        return Err(Refusal::CloseBeforePublished { quarter });
    }
    if let Some(until) = state.q4_notice_ends.filter(|until| on <= *until) {
        return Err(Refusal::CloseDuringNotice { quarter: Quarter { year, q: 4 }, until, on });
    }
    if let Some(&first) = state.unruled_objections.first() {
        return Err(Refusal::CloseWithObjections { year, count: state.unruled_objections.len(), first });
    }
    if let Some(pending) = state.pending {
        return Err(Refusal::CloseWithPending { year, pending });
    }
    if on > today {
        return Err(Refusal::ClosedInFuture { on, today });
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

    /// Issue 14: a year closes once, after its quarters, Q4's notice
    /// period and its objections are done with; the first reason is given.
    #[test]
    fn a_year_closes_once_when_everything_is_done() {
        let today = d("2026-12-01");
        let all = |x: Quarter| x.year == 2025;
        let mut state = YearState {
            year: 2025,
            closed_on: None,
            q4_notice_ends: Some(d("2026-01-11")),
            unruled_objections: vec![3, 5],
            pending: None,
        };
        let three = |x: Quarter| x.year == 2025 && x.q < 4;
        assert_eq!(may_close(&state, today, today, three), Err(Refusal::CloseBeforePublished { quarter: q("2025Q4") }));
        let e = may_close(&state, d("2026-01-11"), today, all).unwrap_err();
        assert_eq!(e.to_string(), "2025年第四季度的公示期到 2026-01-11 才结束，2026-01-11 还不能结算 2025 年度");
        let e = may_close(&state, d("2026-01-12"), today, all).unwrap_err();
        assert_eq!(e.to_string(), "2025 年度还有 2 件异议没有处理（最早的是第 3 号），处理完才能结算");
        state.unruled_objections.clear();
        state.pending = Some(Pending { count: 1, first: 4, registered_on: d("2025-12-30") });
        let e = may_close(&state, d("2026-01-12"), today, all).unwrap_err();
        assert_eq!(e.to_string(), "2025 年度还有 1 条登记待评议（最早的是第 4 号，登记于 2025-12-30），评议后才能结算");
        state.pending = None;
        assert_eq!(may_close(&state, d("2026-01-12"), today, all), Ok(()));
        assert!(matches!(may_close(&state, d("2026-12-02"), today, all), Err(Refusal::ClosedInFuture { .. })));
        state.closed_on = Some(d("2026-01-12"));
        assert!(matches!(may_close(&state, today, today, all), Err(Refusal::AlreadyClosed { .. })));
    }

    /// Issue 12, defect 7: Q4 is not published while Q2 and Q3 are open.
    #[test]
    fn quarters_of_a_year_are_published_in_order() {
        let today = d("2026-12-01");
        let published = [q("2025Q1")];
        let is = |x: Quarter| published.contains(&x);
        let e = may_publish(q("2025Q4"), today, today, None, is).unwrap_err();
        assert_eq!(e, Refusal::EarlierUnpublished { quarter: q("2025Q4"), earlier: q("2025Q2") });
        assert_eq!(
            e.to_string(),
            "2025年第二季度还未发布：一年的四个季度须依次发布，请先发布2025年第二季度，再发布2025年第四季度"
        );
        assert_eq!(may_publish(q("2025Q2"), today, today, None, is), Ok(()));
        assert_eq!(may_publish(q("2026Q1"), today, today, None, is), Ok(()), "a new year starts again at Q1");
        assert_eq!(may_publish(q("2025Q1"), today, today, None, is), Err(Refusal::AlreadyPublished(q("2025Q1"))));
    }

    #[test]
    fn a_notice_goes_up_after_its_quarter_and_at_most_a_month_ahead() {
        let today = d("2026-12-01");
        let none = |_| false;
        assert!(matches!(
            may_publish(q("2026Q1"), d("2026-03-30"), today, None, none),
            Err(Refusal::PublishedTooEarly { .. })
        ));
        assert_eq!(may_publish(q("2026Q1"), d("2026-03-31"), today, None, none), Ok(()));
        let pending = Pending { count: 2, first: 7, registered_on: d("2026-03-20") };
        let e = may_publish(q("2026Q1"), d("2026-03-31"), today, Some(pending), none).unwrap_err();
        assert_eq!(
            e.to_string(),
            "2026年第一季度还有 2 条登记待评议（最早的是第 7 号，登记于 2026-03-20），评议后才能发布"
        );
        // Keyed in today, posted tomorrow: up to 30 days ahead, never later,
        // and only once the quarter is over.
        let first_three = |q: Quarter| q.q < 4;
        let e = may_publish(q("2026Q4"), d("2026-12-31"), today, None, first_three).unwrap_err();
        assert_eq!(e.to_string(), "2026年第四季度到 2026-12-31 才结束（今天是 2026-12-01），结束后才能发布");
        let today = d("2026-12-31");
        assert_eq!(may_publish(q("2026Q4"), d("2027-01-30"), today, None, first_three), Ok(()));
        let e = may_publish(q("2026Q4"), d("2027-01-31"), today, None, first_three).unwrap_err();
        assert_eq!(e.to_string(), "公示日期 2027-01-31 比今天（2026-12-31）晚了 30 天以上：公示日期最多提前 30 天");
    }

    #[test]
    fn a_notice_is_not_dated_before_what_it_states() {
        let meeting = Fact { date: d("2026-12-06"), what: FactKind::Meeting(3) };
        let keyed = Fact {
            date: d("2026-04-02"),
            what: FactKind::Entry { seq: 7, household: "01001".into(), item: "A08".into() },
        };
        let latest = latest_fact([keyed, meeting.clone()]);
        assert_eq!(latest.as_ref(), Some(&meeting));
        let e = dated_after_its_facts(d("2026-04-01"), latest.as_ref(), false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "公示日期 2026-04-01 早于公示所含的事实：第 3 次评议会于 2026-12-06 召开。请把公示日期填在其后；若是照纸质底稿补录以前的季度，请选择补录"
        );
        assert_eq!(dated_after_its_facts(d("2026-04-01"), latest.as_ref(), true), Ok(()));
        assert_eq!(dated_after_its_facts(d("2026-12-06"), latest.as_ref(), false), Ok(()));
        assert_eq!(dated_after_its_facts(d("2026-04-01"), None, false), Ok(()));
    }
}
