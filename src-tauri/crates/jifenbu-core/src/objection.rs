//! Objections (异议) to a published notice, and the committee's rulings:
//! what each must meet, decided over the facts the store loads. An upheld
//! objection is corrected by new entries in an open quarter (the published
//! one stays frozen), which the posting rules check as any other.

use chrono::NaiveDate;

use crate::{calendar, notice, parse, Entry, EntryDraft, Field, Quarter, Refusal};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Objection {
    /// 第 N 号.
    pub id: i64,
    pub quarter: Quarter,
    pub household: String,
    pub received_on: NaiveDate,
    /// Who took it in (a committee member).
    pub received_by: String,
    pub text: String,
    /// Received after the notice period, and accepted as late (逾期受理).
    pub late: bool,
    pub ruling: Option<Ruling>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruling {
    pub upheld: bool,
    pub decided_on: NaiveDate,
    pub reason: String,
    /// Ids of the entries that carried out an upheld ruling.
    pub entries: Vec<String>,
}

impl Ruling {
    pub fn outcome(&self) -> &'static str {
        if self.upheld {
            "异议成立"
        } else {
            "异议不成立"
        }
    }
}

/// What an upheld objection changes: entries to reverse and items to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Correction {
    pub reverse: Vec<String>,
    pub add: Vec<EntryDraft>,
}

/// The quarter objected to, as the book holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Objected {
    /// The day it was published and its notice period in days; `None`
    /// while it is unpublished.
    pub published: Option<(NaiveDate, u32)>,
    /// Its year is closed.
    pub year_closed: bool,
}

/// An objection to `quarter` received `on` by `received_by` (trimmed;
/// may be empty) with `text`, recorded `today`: refused without text,
/// beyond a field's bound, dated after today, against a quarter not
/// published or of a closed year, or after the notice period unless
/// accepted as `late`.
pub fn receive(
    quarter: Quarter,
    text: &str,
    received_by: &str,
    on: NaiveDate,
    late: bool,
    objected: Objected,
    today: NaiveDate,
) -> Result<(), Refusal> {
    if text.is_empty() {
        return Err(Refusal::Empty("异议内容"));
    }
    parse::text(Field::Reason, text)?;
    parse::text(Field::Operator, received_by)?;
    calendar::happened("异议受理", on, today)?;
    let Some((published_on, notice_days)) = objected.published else {
        return Err(Refusal::NotPublished(quarter));
    };
    if objected.year_closed {
        return Err(Refusal::YearClosed(quarter.year));
    }
    let until = notice::period_end(published_on, notice_days);
    notice::objection_in_time(quarter, until, on, late)
}

/// `objection` may be ruled on: it has no ruling yet.
pub fn still_open(objection: &Objection) -> Result<(), Refusal> {
    match &objection.ruling {
        Some(r) => Err(Refusal::AlreadyRuled { id: objection.id, on: r.decided_on, outcome: r.outcome() }),
        None => Ok(()),
    }
}

/// An upheld objection's correction changes something.
pub fn correction_given(correction: &Correction) -> Result<(), Refusal> {
    match correction.reverse.is_empty() && correction.add.is_empty() {
        true => Err(Refusal::CorrectionRequired),
        false => Ok(()),
    }
}

/// An entry an upheld `objection` reverses is the objecting household's.
pub fn reverses_its_own(objection: &Objection, original: &Entry) -> Result<(), Refusal> {
    match original.household == objection.household {
        true => Ok(()),
        false => Err(Refusal::OtherHousehold {
            id: original.id,
            owner: original.household.clone(),
            household: objection.household.clone(),
        }),
    }
}

/// A ruling's `reason` (trimmed) and its date: a reason is given, within
/// its bound, and the ruling is not dated after `today`.
pub fn ruling_given(reason: &str, decided_on: NaiveDate, today: NaiveDate) -> Result<(), Refusal> {
    if reason.is_empty() {
        return Err(Refusal::Empty("处理理由"));
    }
    parse::text(Field::Reason, reason)?;
    calendar::happened("异议处理", decided_on, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const Q1: Quarter = Quarter { year: 2025, q: 1 };
    const OPEN: Objected = Objected { published: Some((NaiveDate::MIN, 7)), year_closed: false };

    #[test]
    fn an_objection_needs_a_published_open_quarter_and_its_notice_period() {
        let today = day("2025-04-20");
        let published = Objected { published: Some((day("2025-04-03"), 7)), ..OPEN };
        assert_eq!(receive(Q1, "", "", today, false, published, today), Err(Refusal::Empty("异议内容")));
        let unpublished = Objected { published: None, ..OPEN };
        assert_eq!(receive(Q1, "分数不对", "", today, false, unpublished, today), Err(Refusal::NotPublished(Q1)));
        let closed = Objected { year_closed: true, ..published };
        assert_eq!(receive(Q1, "分数不对", "", today, false, closed, today), Err(Refusal::YearClosed(2025)));
        let in_time = day("2025-04-09");
        assert_eq!(receive(Q1, "分数不对", "", in_time, false, published, today), Ok(()));
        assert!(matches!(
            receive(Q1, "分数不对", "", today, false, published, today),
            Err(Refusal::LateObjection { .. })
        ));
        assert_eq!(receive(Q1, "分数不对", "", today, true, published, today), Ok(()));
        assert!(matches!(
            receive(Q1, "分数不对", "", day("2025-04-21"), true, published, today),
            Err(Refusal::InFuture { .. })
        ));
    }

    #[test]
    fn a_ruling_is_given_once_with_a_reason() {
        let today = day("2025-04-20");
        let mut objection = Objection {
            id: 3,
            quarter: Q1,
            household: "01001".into(),
            received_on: today,
            received_by: "文书".into(),
            text: "分数不对".into(),
            late: false,
            ruling: None,
        };
        assert_eq!(still_open(&objection), Ok(()));
        assert_eq!(ruling_given("", today, today), Err(Refusal::Empty("处理理由")));
        assert_eq!(ruling_given("核实无误", today, today), Ok(()));
        objection.ruling =
            Some(Ruling { upheld: false, decided_on: today, reason: "核实无误".into(), entries: vec![] });
        assert!(matches!(still_open(&objection), Err(Refusal::AlreadyRuled { id: 3, .. })));
        assert_eq!(correction_given(&Correction::default()), Err(Refusal::CorrectionRequired));
    }
}
