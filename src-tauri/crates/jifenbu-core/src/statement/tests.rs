use proptest::prelude::*;

use super::*;
use crate::test_support::{book, entry, household, q};
use crate::{Kind, Ranking};

fn reversal(seq: i64, of: &Entry, posting: &str) -> Entry {
    let mut r = entry(seq, &of.household, of.kind, 0, posting);
    r.points = -of.points;
    r.reverses = Some(of.id);
    r
}

#[test]
fn running_totals_links_and_subtotals() {
    let rb = book("year_to_date");
    let first = entry(1, "01", Kind::Add, 5, "2026Q1");
    let other = entry(2, "02", Kind::Add, 9, "2026Q1");
    let deduct = entry(3, "01", Kind::Deduct, -2, "2026Q2");
    let undo = reversal(4, &first, "2026Q2");
    let last_year = entry(0, "01", Kind::Add, 1, "2025Q4");
    let undo_old = reversal(5, &last_year, "2026Q2");
    let entries = [last_year.clone(), first, other, deduct, undo, undo_old];
    let s = Statement::compute(&household("01"), q("2026Q3"), &entries, |_| &rb);
    let running: Vec<_> = s.lines.iter().map(|l| l.running).collect();
    assert_eq!(running, [105, 103, 98, 97].map(Decimal::from));
    assert_eq!(s.lines[0].reversed_by, Some(3));
    assert_eq!(s.lines[2].reverses, Some(Reversed::Line(1)));
    assert_eq!(s.lines[3].reverses, Some(Reversed::Earlier(last_year.date)));
    let scores: Vec<_> = s.quarters.iter().map(|(_, st)| (st.score, st.year_to_date, st.stars)).collect();
    let d = Decimal::from;
    assert_eq!(scores, [(d(5), d(105), 1), (d(-8), d(97), 0), (d(0), d(97), 0)]);
}

fn arb_entries() -> impl Strategy<Value = Vec<Entry>> {
    prop::collection::vec((0u8..3, 1u8..=4, any::<bool>(), -40i64..40, any::<bool>()), 0..40).prop_map(|specs| {
        let mut out: Vec<Entry> = Vec::new();
        for (i, (h, quarter, add, halves, undo)) in specs.into_iter().enumerate() {
            let kind = if add { Kind::Add } else { Kind::Deduct };
            let mut e = entry(i as i64 * 2, &format!("0{h}"), kind, 0, &format!("2026Q{quarter}"));
            e.points = kind.signed(Decimal::new(halves.abs() * 5, 1));
            if undo {
                out.push(reversal(i as i64 * 2 + 1, &e, &format!("2026Q{}", quarter.max(2))));
            }
            out.push(e);
        }
        out
    })
}

proptest! {
    /// The last running total is the year-to-date score the ranking shows,
    /// and every quarter's score is the sum of its lines.
    #[test]
    fn statement_agrees_with_the_ranking(entries in arb_entries()) {
        let rb = book("year_to_date");
        let h = household("01");
        let s = Statement::compute(&h, q("2026Q4"), &entries, |_| &rb);
        let (_, last) = s.latest().unwrap();
        prop_assert_eq!(s.lines.last().map_or(s.base_points, |l| l.running), last.year_to_date);
        for (quarter, standing) in &s.quarters {
            let sum: Decimal = s.lines.iter().filter(|l| l.entry.posting == (*quarter).into()).map(|l| l.entry.points).sum();
            prop_assert_eq!(sum, standing.score);
            let ranked = Ranking::compute(*quarter, [&h], &tally(&entries, quarter.year), &rb);
            prop_assert_eq!(ranked.rows[0].standing.year_to_date, standing.year_to_date);
        }
    }
}
