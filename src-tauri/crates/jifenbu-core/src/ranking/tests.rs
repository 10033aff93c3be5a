use proptest::prelude::*;

use super::*;
use crate::tally::tally;
use crate::test_support::{book, entry, household, q};
use crate::{Entry, EntryId, Kind};
use sha2::Digest;

#[test]
fn ties_share_a_rank_and_the_next_skips() {
    let hs: Vec<Household> = ["04", "03", "02", "01"].iter().map(|c| household(c)).collect();
    let entries = vec![
        entry(1, "01", Kind::Add, 5, "2026Q1"),
        entry(2, "02", Kind::Add, 3, "2026Q1"),
        entry(3, "03", Kind::Add, 3, "2026Q1"),
    ];
    let r = Ranking::compute(q("2026Q1"), &hs, &tally(&entries, q("2026Q1").year), &book("year_to_date"));
    let got: Vec<(u32, &str)> = r.rows.iter().map(|r| (r.rank, r.code.as_str())).collect();
    assert_eq!(got, [(1, "01"), (2, "02"), (2, "03"), (4, "04")]);
    assert_eq!(r.rows[0].standing.year_to_date, Decimal::from(105));
    assert_eq!(r.rows[0].standing.stars, 1);
    assert_eq!(r.rows[3].standing.stars, 0);
}

#[test]
fn rank_by_quarter_ignores_earlier_quarters() {
    let hs = vec![household("01"), household("02")];
    let entries = vec![
        entry(1, "01", Kind::Add, 50, "2026Q1"),
        entry(2, "02", Kind::Add, 2, "2026Q2"),
        entry(3, "01", Kind::Deduct, -1, "2026Q2"),
    ];
    let t = tally(&entries, q("2026Q2").year);
    let by_q = Ranking::compute(q("2026Q2"), &hs, &t, &book("quarter"));
    assert_eq!(by_q.rows[0].code, "02");
    assert_eq!(by_q.rows[1].standing.deduct, Decimal::ONE);
    assert_eq!(by_q.rows[1].standing.year_to_date, Decimal::from(149));
    let by_ytd = Ranking::compute(q("2026Q2"), &hs, &t, &book("year_to_date"));
    assert_eq!(by_ytd.rows[0].code, "01");
}

#[test]
fn veto_takes_the_stars_from_its_quarter_on() {
    let hs = vec![household("01")];
    let mut v = entry(2, "01", Kind::Deduct, -1, "2026Q2");
    v.veto = true;
    let entries = vec![entry(1, "01", Kind::Add, 30, "2026Q1"), v.clone()];
    let b = book("year_to_date");
    let r1 = Ranking::compute(q("2026Q1"), &hs, &tally(&entries, q("2026Q1").year), &b);
    assert!(!r1.rows[0].standing.veto && r1.rows[0].standing.stars == 2);
    let r3 = Ranking::compute(q("2026Q3"), &hs, &tally(&entries, q("2026Q3").year), &b);
    assert!(r3.rows[0].standing.veto && r3.rows[0].standing.stars == 0);
    // Reversed, the veto is gone for the whole year.
    let mut rev = entry(3, "01", Kind::Deduct, 1, "2026Q3");
    rev.reverses = Some(v.id);
    rev.veto = true;
    let entries = vec![entries[0].clone(), v, rev];
    let r3 = Ranking::compute(q("2026Q3"), &hs, &tally(&entries, q("2026Q3").year), &b);
    assert!(!r3.rows[0].standing.veto);
}

#[test]
fn csv_and_digest() {
    let hs = vec![household("01")];
    let r = Ranking::compute(q("2026Q1"), &hs, &HashMap::new(), &book("year_to_date"));
    let mut out = Vec::new();
    r.write_csv(&mut out, CsvStyle::STDOUT).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "名次,户号,户主,村民小组,本季加分,本季扣分,本季得分,年度累计,星级,一票否决,其中更正,更正说明\r\n\
         1,01,户主01,一组,0,0,0,100,0,,0,\r\n"
    );
    // The digest seals the ten columns it always had: quarters published
    // before the corrections were shown keep their codes.
    let sealed = "2026Q1\n名次,户号,户主,村民小组,本季加分,本季扣分,本季得分,年度累计,星级,一票否决\r\n1,01,户主01,一组,0,0,0,100,0,\r\n";
    assert_eq!(r.digest(None), hex::encode(sha2::Sha256::digest(sealed.as_bytes())));
    // Bound to the ledger's end, the digest changes with any entry before it.
    let (a, b) = (ChainHash([1; 32]), ChainHash([2; 32]));
    assert_ne!(r.digest(Some((7, &a))), r.digest(None));
    assert_ne!(r.digest(Some((7, &a))), r.digest(Some((7, &b))));
    assert_ne!(r.digest(Some((7, &a))), r.digest(Some((8, &a))));
}

/// Entries as (household 0..6, add?, magnitude in halves, quarter 1..4).
fn arb_entries() -> impl Strategy<Value = Vec<Entry>> {
    prop::collection::vec((0u8..6, any::<bool>(), 1i64..40, 1u8..=4), 0..60).prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (h, add, halves, qn))| {
                let kind = if add { Kind::Add } else { Kind::Deduct };
                let mut e = entry(i as i64, &format!("0{h}"), kind, 0, &format!("2026Q{qn}"));
                e.points = kind.signed(Decimal::new(halves * 5, 1));
                e
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn year_to_date_is_base_plus_the_sum_of_entries(entries in arb_entries(), qn in 1u8..=4) {
        let quarter = Quarter::new(2026, qn).unwrap();
        let hs: Vec<Household> = (0..6).map(|h| household(&format!("0{h}"))).collect();
        let b = book("year_to_date");
        let r = Ranking::compute(quarter, &hs, &tally(&entries, quarter.year), &b);
        for row in &r.rows {
            let sum: Decimal = entries.iter()
                .filter(|e| e.household == row.code && e.posting.slot() <= qn)
                .map(|e| e.points).sum();
            prop_assert_eq!(row.standing.year_to_date, b.base_points + sum);
            prop_assert_eq!(row.standing.score, row.standing.add - row.standing.deduct);
        }
    }

    #[test]
    fn ranking_does_not_depend_on_entry_order(entries in arb_entries(), seed in any::<u64>(), qn in 1u8..=4) {
        let quarter = Quarter::new(2026, qn).unwrap();
        let hs: Vec<Household> = (0..6).map(|h| household(&format!("0{h}"))).collect();
        let mut shuffled = entries.clone();
        // A deterministic shuffle from the seed.
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        let mut hs_rev = hs.clone();
        hs_rev.reverse();
        let b = book("year_to_date");
        prop_assert_eq!(
            Ranking::compute(quarter, &hs, &tally(&entries, quarter.year), &b),
            Ranking::compute(quarter, &hs_rev, &tally(&shuffled, quarter.year), &b)
        );
    }

    #[test]
    fn ranks_are_shared_and_skip(entries in arb_entries(), by_quarter in any::<bool>()) {
        let quarter = Quarter::new(2026, 4).unwrap();
        let hs: Vec<Household> = (0..6).map(|h| household(&format!("0{h}"))).collect();
        let b = book(if by_quarter { "quarter" } else { "year_to_date" });
        let r = Ranking::compute(quarter, &hs, &tally(&entries, quarter.year), &b);
        let key = |row: &RankingRow| if by_quarter { row.standing.score } else { row.standing.year_to_date };
        for (i, row) in r.rows.iter().enumerate() {
            // Independent definition: 1 + the number of households strictly ahead.
            let ahead = r.rows.iter().filter(|o| key(o) > key(row)).count() as u32;
            prop_assert_eq!(row.rank, ahead + 1);
            if i > 0 {
                let prev = &r.rows[i - 1];
                prop_assert!(key(prev) > key(row) || (key(prev) == key(row) && prev.code < row.code));
            }
        }
    }

    #[test]
    fn a_reversal_nets_to_zero(entries in arb_entries(), pick in any::<prop::sample::Index>(), later in 0u8..4) {
        prop_assume!(!entries.is_empty());
        let original = entries[pick.index(entries.len())].clone();
        let mut rev = original.clone();
        rev.seq = 10_000;
        rev.id = EntryId(uuid::Uuid::from_u128(u128::MAX));
        rev.points = -original.points;
        rev.reverses = Some(original.id);
        // Wherever it posts in the year, the year's last quarter nets out.
        rev.posting = Quarter::new(2026, (original.posting.slot() + later).min(4)).unwrap().into();
        let q4 = Quarter::new(2026, 4).unwrap();
        let without: Vec<Entry> = entries.iter().filter(|e| e.id != original.id).cloned().collect();
        let mut with = entries.clone();
        with.push(rev);
        let t_without = tally(&without, q4.year);
        let t_with = tally(&with, q4.year);
        let b = book("year_to_date");
        let ytd = |t: &HashMap<String, Tally>| t.get(&original.household).cloned().unwrap_or_default().standing(4, &b).year_to_date;
        prop_assert_eq!(ytd(&t_without), ytd(&t_with));
    }
}

/// Issue 24, item 5: an upheld objection against a Q1 deduction posts its
/// reversal in Q4. Under `rank_by = "quarter"` the household's Q4 score
/// is that correction alone, and the ranking says so: how much of the
/// score corrects which quarter and entry; an item added for a Q1 deed
/// counts the same way, and Q4's own work does not.
#[test]
fn a_correction_of_an_earlier_quarter_is_shown_apart() {
    let hs = vec![household("01"), household("02")];
    let deduction = entry(1, "01", Kind::Deduct, -1, "2026Q1");
    let mut reversal = entry(2, "01", Kind::Deduct, 1, "2026Q4");
    reversal.reverses = Some(deduction.id);
    let mut missed = entry(3, "01", Kind::Add, 2, "2026Q4");
    missed.date = "2026-02-10".parse().unwrap();
    let own = entry(4, "02", Kind::Add, 3, "2026Q4");
    let entries = vec![deduction, reversal, missed, own];
    let r = Ranking::compute(q("2026Q4"), &hs, &tally(&entries, 2026), &book("quarter"));
    let row = r.rows.iter().find(|r| r.code == "01").unwrap();
    assert_eq!((row.standing.score, row.standing.correction), (Decimal::from(3), Decimal::from(3)));
    let said: Vec<String> = row.corrections.iter().map(|c| c.describe()).collect();
    assert_eq!(said, ["冲销2026年第一季度1月1日「n」1 分", "补记2026年第一季度2月10日「n」2 分"]);
    let other = r.rows.iter().find(|r| r.code == "02").unwrap();
    assert_eq!(other.standing.correction, Decimal::ZERO, "a quarter's own work is no correction");
    let mut csv = Vec::new();
    r.write_csv(&mut csv, CsvStyle::STDOUT).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains(",3,冲销2026年第一季度1月1日「n」1 分；补记2026年第一季度2月10日「n」2 分\r\n"), "{csv}");
}
