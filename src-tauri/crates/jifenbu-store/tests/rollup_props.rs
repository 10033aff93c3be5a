//! Round trip over generated villages: book → export → rollup gives the same
//! figures as computing them straight from each book's entries with the
//! core's plain reference (not the SQL the export went through).

use jifenbu_core::import::Text;
use jifenbu_core::rollup::{read_villages, write_export, Rollup};
use jifenbu_core::tally::tally;
use jifenbu_core::{points, EntryDraft, Quarter, Reversal};
use jifenbu_store::Book;
use proptest::prelude::*;
use rust_decimal::Decimal;

const RULES: &str = r#"
[rulebook]
name = "测试"
version = "1"
effective_from = 2026-01-01
base_points = 100
[[item]]
code = "A"
kind = "add"
category = "c"
name = "加"
min = 0.5
max = 9
[[item]]
code = "D"
kind = "deduct"
category = "c"
name = "扣"
points = 2
[[item]]
code = "V"
kind = "deduct"
category = "c"
name = "否决"
points = 10
veto = true
"#;

/// A village: households (with one moving in later), entries as
/// (household, item, quarter, day, halves), and how many to reverse.
type Village = (usize, Vec<(usize, u8, u8, u8, i64)>, usize);

fn village() -> impl Strategy<Value = Village> {
    (2usize..12, prop::collection::vec((0usize..12, 0u8..3, 1u8..=3, 0u8..80, 1i64..18), 0..40), 0usize..4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn rollup_of_exports_equals_the_books(villages in prop::collection::vec(village(), 1..4), qn in 1u8..=3) {
        let quarter = Quarter::new(2026, qn).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        let mut expected = Vec::new();
        for (v, (n, entries, reversals)) in villages.iter().enumerate() {
            let code = format!("V{v:02}");
            let mut book = Book::create(&dir.path().join(format!("{code}.jfb")), &format!("{code}村"), &code).unwrap();
            book.import_rulebook("t.toml", RULES).unwrap();
            // The last household moves in on 2026-05-01, so Q1 leaves it out.
            let mut roster = String::from("户号,户主,村民小组,迁入日期\n");
            for h in 0..*n {
                let from = if h + 1 == *n && *n > 2 { "2026-05-01" } else { "" };
                roster.push_str(&format!("{h:03},户主{h},一组,{from}\n"));
            }
            book.import_households(jifenbu_core::import::Text::from_bytes("h.csv", roster.as_bytes()).unwrap()).unwrap();
            let mut ids = Vec::new();
            for &(h, item, q, day, halves) in entries {
                let item = ["A", "D", "V"][usize::from(item)];
                let draft = EntryDraft {
                    household: format!("{:03}", h % n),
                    item: item.into(),
                    date: Quarter::new(2026, q).unwrap().first_day() + chrono::Duration::days(i64::from(day)),
                    qty: 1,
                    points: (item == "A").then(|| Decimal::new(halves * 5, 1)),
                    note: String::new(),
                    id: None,
                };
                if let Ok(e) = book.add_entry(&draft, "t") {
                    ids.push(e.id);
                }
            }
            for id in ids.iter().take(*reversals) {
                let r = Reversal { entry: id.to_string(), reason: "更正".into(), date: quarter.first_day() };
                let _ = book.reverse_entry(&r, "t");
            }
            let mut bytes = Vec::new();
            write_export(&mut bytes, &code, &format!("{code}村"), &book.ranking(quarter).unwrap(), None).unwrap();
            files.push((format!("{code}.csv"), bytes));

            // The same figures straight from the entries.
            let all = book.entries_for_year(2026).unwrap();
            let tallies = tally(&all, quarter.year);
            let active: Vec<_> = book.households().unwrap().into_iter().filter(|h| h.is_active_during(quarter)).collect();
            let rules = book.rulebook_on(quarter.last_day()).unwrap().rulebook;
            let t = |code: &str| tallies.get(code).cloned().unwrap_or_default().standing(quarter.q, &rules);
            let count = Decimal::from(active.len());
            let add: Decimal = active.iter().map(|h| t(&h.code).add).sum();
            let deduct: Decimal = active.iter().map(|h| t(&h.code).deduct).sum();
            let score: Decimal = active.iter().map(|h| t(&h.code).score).sum();
            let ytd: Decimal = active.iter().map(|h| t(&h.code).year_to_date).sum();
            let participating = active.iter().filter(|h| t(&h.code).add > Decimal::ZERO).count();
            expected.push((
                code,
                active.len(),
                add,
                deduct,
                points::round2(score / count),
                points::round2(ytd / count),
                active.iter().filter(|h| t(&h.code).veto).count(),
                participating,
            ));
        }
        #[allow(clippy::result_large_err)] // the library's own error, as `rollup` gets it
        let open = |(name, bytes): &(String, Vec<u8>)| Text::open(name, std::io::Cursor::new(bytes.clone()));
        let rollup = Rollup::combine(read_villages(&files, open).unwrap()).unwrap();
        let got: Vec<_> = rollup
            .rows
            .iter()
            .map(|r| (r.code.clone(), r.households, r.add_total, r.deduct_total, r.avg_score, r.avg_year_to_date, r.vetoed, r.participating))
            .collect();
        prop_assert_eq!(got, expected);
    }
}
