use super::*;
use crate::RankingRow;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn ranking(quarter: &str, rows: &[(&str, &str, &str, &str, bool)]) -> Ranking {
    Ranking {
        quarter: quarter.parse().unwrap(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, (code, add, deduct, ytd, veto))| RankingRow {
                rank: i as u32 + 1,
                code: code.to_string(),
                head: format!("户主{code}"),
                group: "一组".into(),
                standing: crate::tally::Standing {
                    add: d(add),
                    deduct: d(deduct),
                    score: d(add) - d(deduct),
                    year_to_date: d(ytd),
                    stars: 0,
                    veto: *veto,
                    correction: Decimal::ZERO,
                },
                corrections: Vec::new(),
            })
            .collect(),
    }
}

/// A published quarter's seal with `digest`.
fn seal(digest: &str) -> crate::notice::Seal {
    crate::notice::Seal { published_on: "2026-10-03".parse().unwrap(), digest: digest.into(), backfilled_on: None }
}

fn export(code: &str, name: &str, r: &Ranking) -> Vec<u8> {
    let mut out = Vec::new();
    write_export(&mut out, code, name, r, Some(&seal("abc"))).unwrap();
    out
}

fn read(file: &str, bytes: &[u8]) -> Result<VillageExport, Error> {
    VillageExport::read(Text::from_bytes(file, bytes)?)
}

fn village_row(file: &str, bytes: &[u8]) -> RollupRow {
    RollupRow::read(Text::from_bytes(file, bytes).unwrap()).unwrap()
}

fn errors(result: Result<impl std::fmt::Debug, Error>) -> Vec<InputError> {
    match result {
        Err(Error::Input(e)) => e,
        other => panic!("expected input errors, got {other:?}"),
    }
}

#[test]
fn export_reads_back_and_rolls_up_with_rounding() {
    let a = ranking(
        "2026Q3",
        &[("01", "3", "0", "103", false), ("02", "0", "1.5", "98.5", true), ("03", "0", "0", "100", false)],
    );
    let b = ranking("2026Q3", &[("01", "10", "0", "110", false)]);
    assert_eq!(read("a.csv", &export("002", "乙村", &a)).unwrap().households.len(), 3);
    let ea = village_row("a.csv", &export("002", "乙村", &a));
    let eb = village_row("b.csv", &export("001", "甲村", &b));
    let rollup = Rollup::combine(vec![ea, eb]).unwrap();
    assert_eq!(rollup.rows[0].code, "001", "ordered by village code");
    let r = &rollup.rows[1];
    assert_eq!((r.households, r.vetoed, r.participating), (3, 1, 1));
    assert_eq!((r.add_total, r.deduct_total), (d("3"), d("1.5")));
    // (3 - 1.5 + 0) / 3 = 0.5; (103 + 98.5 + 100) / 3 = 100.5; 1/3 = 33.33 %
    assert_eq!((r.avg_score, r.avg_year_to_date, r.participation_pct), (d("0.5"), d("100.5"), d("33.33")));
    let mut out = Vec::new();
    rollup.write_csv(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("\u{feff}村代码,村名,年度,季度,户数,"));
    assert!(text.contains("\r\n002,乙村,2026,3,3,3,1.5,0.5,100.5,1,1,33.33\r\n"), "{text}");
}

#[test]
fn averages_round_half_away_from_zero() {
    // Scores -1.005 and 0 would be odd; use year-to-date 100.005 × 2 / 2 → 100.01.
    let a = ranking("2026Q1", &[("01", "0", "0", "100.01", false), ("02", "0", "0", "100", false)]);
    let e = village_row("a.csv", &export("1", "甲", &a));
    let r = &Rollup::combine(vec![e]).unwrap().rows[0];
    assert_eq!(r.avg_year_to_date, d("100.01"), "100.005 rounds up");
    let a = ranking("2026Q1", &[("01", "0", "2.01", "0", false), ("02", "0", "0", "0", false)]);
    let e = village_row("a.csv", &export("1", "甲", &a));
    assert_eq!(Rollup::combine(vec![e]).unwrap().rows[0].avg_score, d("-1.01"), "-1.005 rounds away from zero");
}

#[test]
fn mixed_quarters_and_a_village_twice_are_refused_naming_files() {
    let q3 = ranking("2026Q3", &[("01", "1", "0", "1", false)]);
    let q2 = ranking("2026Q2", &[("01", "1", "0", "1", false)]);
    let a = village_row("a.csv", &export("001", "甲村", &q3));
    let b = village_row("b.csv", &export("002", "乙村", &q2));
    let e = errors(Rollup::combine(vec![a.clone(), b]));
    assert!(
        e[0].to_string().starts_with("b.csv 第 1 行：是2026年第二季度的数据，而 a.csv 是2026年第三季度的"),
        "{}",
        e[0]
    );
    let again = RollupRow { file: "c.csv".into(), ..a.clone() };
    let e = errors(Rollup::combine(vec![a, again]));
    assert!(e[0].to_string().contains("c.csv") && e[0].reason.contains("与 a.csv 重复"), "{}", e[0]);
}

#[test]
fn bad_lines_in_an_export_are_named() {
    let csv = "村代码,村名,年度,季度,户号,本季加分,本季扣分,本季得分,年度累计,一票否决\n\
               1,甲,2026,3,01,1,0,1,101,\n\
               1,甲,2026,3,02,一,0,1,101,\n\
               1,甲,2026,3,01,1,0,1,101,否\n\
               1,甲,2026,4,03,1,0,1,101,\n";
    let e = errors(read("x.csv", csv.as_bytes()));
    let got: Vec<(usize, &str)> = e.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(got, [(3, "本季加分"), (4, "一票否决"), (5, "季度")]);
    let e = errors(read("x.csv", "村代码,村名,年度,季度,户号\n".as_bytes()));
    assert!(e[0].reason.contains("缺少「本季加分」列"), "{}", e[0]);
}

#[test]
fn report_ranks_villages_by_average_year_to_date_and_totals_the_town() {
    let village = |code: &str, ytd: &str, add: &str| {
        let r = ranking("2026Q3", &[("01", add, "1", ytd, false), ("02", "0", "0", ytd, false)]);
        village_row(&format!("{code}.csv"), &export(code, &format!("{code}村"), &r))
    };
    let rollup =
        Rollup::combine(vec![village("003", "120", "4"), village("001", "110", "2"), village("002", "120", "1")])
            .unwrap();
    let order: Vec<(u32, &str)> = rollup.ranked().iter().map(|(rank, r)| (*rank, r.code.as_str())).collect();
    assert_eq!(order, [(1, "002"), (1, "003"), (3, "001")]);
    let t = rollup.totals();
    assert_eq!((t.villages, t.households, t.participating), (3, 6, 3));
    // (4 + 2 + 1 - 3) / 6 = 0.666… → 0.67; 3 of 6 households took part.
    assert_eq!((t.add_total, t.deduct_total, t.avg_score, t.participation_pct), (d("7"), d("3"), d("0.67"), d("50")));
}

/// Issue 16, crash B: `rollup` panicked (Addition overflowed) on a huge
/// 本季加分; such a figure is now refused where it stands.
#[test]
fn a_huge_figure_is_refused_not_added() {
    let q = ranking("2026Q3", &[("01", "1", "0", "1", false)]);
    let good = String::from_utf8(export("001", "甲村", &q)).unwrap();
    let huge = good.replacen(",1,0,1,", ",79228162514264337593543950335,0,1,", 1);
    assert_ne!(huge, good);
    let e = read("a.csv", huge.as_bytes()).unwrap_err().to_string();
    assert!(e.contains("太大"), "{e}");
}

/// Figures are read to the hundredth, the plain forms digit by digit and
/// the rest as decimals; none finer than 0.01 is let in.
#[test]
fn figures_are_read_to_the_hundredth() {
    use super::{figure, BadFigure::*};
    let read: Vec<_> =
        ["240", "-12.5", "238.50", "0", "-0", "1000000000", "1.500", "+3", "1."].iter().map(|t| figure(t)).collect();
    assert_eq!(read, [Ok(24000), Ok(-1250), Ok(23850), Ok(0), Ok(0), Ok(100_000_000_000), Ok(150), Ok(300), Ok(100)]);
    let refused: Vec<_> = ["1.005", "1000000000.01", "9999999999", "", "-", "一", "1,5", "1.2.3", "0x10"]
        .iter()
        .map(|t| figure(t).unwrap_err())
        .collect();
    assert_eq!(
        refused,
        [TooFine, TooBig, TooBig, NotANumber, NotANumber, NotANumber, NotANumber, NotANumber, NotANumber]
    );
}

/// Issue 15, item 9: a village whose quarter is unpublished (no digest) is
/// not ranked among the published ones: it comes after them, ranked apart.
#[test]
fn unpublished_villages_are_ranked_apart() {
    let village = |code: &str, ytd: &str, digest: Option<&str>| {
        let r = ranking("2026Q3", &[("01", "1", "0", ytd, false)]);
        let mut out = Vec::new();
        write_export(&mut out, code, &format!("{code}村"), &r, digest.map(seal).as_ref()).unwrap();
        village_row(&format!("{code}.csv"), &out)
    };
    let rollup = Rollup::combine(vec![
        village("001", "110", Some("0123456789abcdef")),
        village("002", "150", None),
        village("003", "120", Some("fedcba9876543210")),
        village("004", "130", None),
    ])
    .unwrap();
    let order: Vec<(u32, &str, bool)> =
        rollup.ranked().iter().map(|(rank, r)| (*rank, r.code.as_str(), r.published())).collect();
    assert_eq!(order, [(1, "003", true), (2, "001", true), (1, "002", false), (2, "004", false)]);
    assert_eq!(rollup.rows[0].verification_code().as_deref(), Some("0123-4567"));
    assert_eq!(rollup.rows[1].verification_code(), None);
}
