//! What the app does over a working day, against the demo book: batch
//! entry, today's entries, cap allowance, restoring a backup.

use chrono::NaiveDate;
use jifenbu_core::{EntryDraft, Refusal};
use jifenbu_store::{demo, Book, Error};
use rust_decimal::Decimal;

fn demo_book(dir: &tempfile::TempDir) -> Book {
    demo::build(&dir.path().join("demo.jfb")).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn draft(household: &str, item: &str, date: &str) -> EntryDraft {
    EntryDraft {
        household: household.into(),
        item: item.into(),
        date: day(date),
        qty: 1,
        points: None,
        note: String::new(),
        id: None,
    }
}

#[test]
fn a_batch_is_recorded_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = demo_book(&dir);
    let before = book.entries_for_year(2025).unwrap().len();
    let refused = book.add_entries(&[draft("01001", "A08", "2025-11-03"), draft("99999", "A08", "2025-11-03")], "文书");
    // Every household refused is named, with why.
    match refused {
        Err(Error::BatchRefused(households)) => {
            assert_eq!(households.len(), 1);
            assert_eq!(households[0].code, "99999");
            assert!(households[0].reason.contains("99999"), "{households:?}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(book.entries_for_year(2025).unwrap().len(), before);

    let added = book.add_entries(&[draft("01001", "A08", "2025-11-03"), draft("01002", "A08", "2025-11-03")], "文书");
    assert_eq!(added.unwrap().len(), 2);
    assert_eq!(book.entries_for_year(2025).unwrap().len(), before + 2);
}

/// Issue 12, defect 16: a whole batch is undone by one reason, in one
/// transaction, append-only like any reversal.
#[test]
fn a_batch_is_reversed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = demo_book(&dir);
    let q4 = "2025Q4".parse().unwrap();
    let before = book.live_ranking(q4).unwrap();
    let batch = ["01001", "01002", "01003"].map(|h| draft(h, "A08", "2025-11-03"));
    let added = book.add_entries(&batch, "文书").unwrap();
    // A single entry reversed first is left out: it no longer counts.
    book.reverse_entry(
        &jifenbu_core::Reversal { entry: added[1].id.to_string(), reason: "录错".into(), date: day("2025-11-04") },
        "文书",
    )
    .unwrap();
    let undone = book.reverse_batch(&added[0].id.to_string(), "整批录错日期", day("2025-11-05"), "文书").unwrap();
    assert_eq!(undone.len(), 2);
    assert!(undone.iter().all(|r| r.note == "整批录错日期" && r.reverses.is_some()));
    assert_eq!(book.live_ranking(q4).unwrap(), before);
    let again = book.reverse_batch(&added[2].id.to_string(), "再来", day("2025-11-05"), "文书");
    assert!(matches!(again, Err(Error::Core(jifenbu_core::Error::Refused(Refusal::BatchReversed)))), "{again:?}");
    assert!(book.verify().unwrap().ok());
}

#[test]
fn todays_entries_are_those_keyed_in_today() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = demo_book(&dir);
    let today = chrono::Local::now().date_naive();
    // The demo's two corrections were keyed in; its imported entries were not.
    assert_eq!(book.entries_keyed_on(today).unwrap().len(), 2);
    let e = book.add_entry(&draft("01001", "A08", "2025-11-03"), "文书").unwrap();
    let listed = book.entries_keyed_on(today).unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed.last().unwrap().id, e.id);
    assert!(book.entries_keyed_on(today.pred_opt().unwrap()).unwrap().is_empty());
}

#[test]
fn cap_left_counts_down_to_zero_and_then_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = demo_book(&dir);
    // A08 is capped at 3 points a quarter.
    let left = |b: &Book| b.cap_left("01003", "A08", day("2025-12-01")).unwrap();
    let start = left(&book).unwrap();
    let mut now = start;
    while now > Decimal::ZERO {
        book.add_entry(&draft("01003", "A08", "2025-12-01"), "文书").unwrap();
        let next = left(&book).unwrap();
        assert!(next < now);
        now = next;
    }
    let refused = book.add_entry(&draft("01003", "A08", "2025-12-01"), "文书").unwrap_err();
    assert!(matches!(refused, Error::Core(jifenbu_core::Error::Refused(Refusal::CapExceeded { .. }))));
    assert_eq!(book.cap_left("01003", "A05", day("2025-12-01")).unwrap(), None, "A05 has no cap");
}

#[test]
fn restore_brings_back_the_backup_and_keeps_the_book_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = demo_book(&dir);
    let backup = book.backup_to(dir.path()).unwrap();
    let before = book.entries_for_year(2025).unwrap().len();
    book.add_entry(&draft("01001", "A08", "2025-11-03"), "文书").unwrap();

    let (book, kept) = book.restore_from(&backup).unwrap();
    assert_eq!(book.entries_for_year(2025).unwrap().len(), before);
    assert!(book.verify().unwrap().ok());
    assert_eq!(Book::open(&kept).unwrap().entries_for_year(2025).unwrap().len(), before + 1);
}

#[test]
fn restore_refuses_another_villages_book_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(&dir);
    let other = dir.path().join("other.jfb");
    Book::create(&other, "山北村", "330109002").unwrap();
    let entries = book.entries_for_year(2025).unwrap().len();
    let Err(e) = book.restore_from(&other) else { panic!("restored another village") };
    assert!(e.to_string().contains("山北村"), "{e}");
    let book = Book::open(&dir.path().join("demo.jfb")).unwrap();
    assert_eq!(book.entries_for_year(2025).unwrap().len(), entries);
}

#[test]
fn a_household_moves_in_and_out_through_its_details() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = demo_book(&dir);
    let mut h = jifenbu_core::Household {
        code: "07001".into(),
        head: "新户主".into(),
        group: "七组".into(),
        members: Some(3),
        address: None,
        phone: None,
        active_from: Some(day("2025-10-01")),
        active_to: None,
    };
    book.save_household(&h, true).unwrap();
    let again = book.save_household(&h, true).unwrap_err();
    assert!(again.to_string().contains("已在花名册中"), "{again}");
    let early = book.add_entry(&draft("07001", "A08", "2025-09-30"), "文书").unwrap_err();
    assert!(early.to_string().contains("不在册"), "{early}");
    book.add_entry(&draft("07001", "A08", "2025-10-02"), "文书").unwrap();

    h.active_to = Some(day("2025-09-01"));
    let backwards = book.save_household(&h, false).unwrap_err();
    assert!(backwards.to_string().contains("早于迁入日期"), "{backwards}");
    h.active_to = Some(day("2025-11-30"));
    book.save_household(&h, false).unwrap();
    let gone = book.add_entry(&draft("07001", "A08", "2025-12-01"), "文书").unwrap_err();
    assert!(gone.to_string().contains("不在册"), "{gone}");
    let unknown = jifenbu_core::Household { code: "09999".into(), ..h };
    assert!(book.save_household(&unknown, false).is_err());
}

#[test]
fn the_latest_quarter_with_entries_is_found_up_to_a_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = demo_book(&dir);
    let q = |s: &str| s.parse::<jifenbu_core::Quarter>().unwrap();
    assert_eq!(book.latest_posting(q("2030Q1")).unwrap(), Some(q("2025Q4")));
    assert_eq!(book.latest_posting(q("2025Q2")).unwrap(), Some(q("2025Q2")));
    assert_eq!(book.latest_posting(q("2024Q4")).unwrap(), None);
    book.add_entry(&draft("01001", "A08", "2026-02-01"), "文书").unwrap();
    assert_eq!(book.latest_posting(q("2030Q1")).unwrap(), Some(q("2026Q1")));
}
