//! The year (年度): a household's annual figure — base points, the four
//! quarters and the corrections made after the fourth was published (年终调整)
//! — and the year's ranking by it, from which the star households come.
//! The quarterly notices stay as published; the annual figure is where a
//! late correction counts.

use std::collections::HashMap;
use std::io::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use sha2::{Digest, Sha256};

use crate::csv_out::{write_columns, Column, CsvStyle};
use crate::entry::ChainHash;
use crate::tally::Tally;
use crate::{points, Household, Posting, Quarter, Refusal, Rulebook};

/// What is printed of a closed year only (its annual notice): its seal, or
/// the refusal that `year` is not closed yet.
pub fn closed<T>(seal: Option<T>, year: i32) -> Result<T, Refusal> {
    seal.ok_or(Refusal::YearNotClosed(year))
}

/// One household's year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearRow {
    /// Shared by ties; the next rank skips (1, 2, 2, 4).
    pub rank: u32,
    pub code: String,
    pub head: String,
    pub group: String,
    /// Each quarter's score (本季得分).
    pub quarters: [Decimal; 4],
    /// The year's adjustment (年终调整): corrections posted after Q4.
    pub adjustment: Decimal,
    /// Base points + the four quarters + the adjustment (年度积分).
    pub annual: Decimal,
    /// Star level by the annual figure, 0 for none (always 0 under a veto).
    pub stars: u8,
    pub veto: bool,
}

/// The year's ranking by annual figure, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearRanking {
    pub year: i32,
    pub rows: Vec<YearRow>,
}

/// The annual ranking CSV's columns (README, "Files").
pub const COLUMNS: &[Column<YearRow>] = &[
    Column::new("名次", |r| r.rank.to_string()),
    Column::new("户号", |r| r.code.clone()),
    Column::new("户主", |r| r.head.clone()),
    Column::new("村民小组", |r| r.group.clone()),
    Column::new("第一季度", |r| points::format(r.quarters[0])),
    Column::new("第二季度", |r| points::format(r.quarters[1])),
    Column::new("第三季度", |r| points::format(r.quarters[2])),
    Column::new("第四季度", |r| points::format(r.quarters[3])),
    Column::new("年终调整", |r| points::format(r.adjustment)),
    Column::new("年度积分", |r| points::format(r.annual)),
    Column::new("星级", |r| r.stars.to_string()),
    Column::new("一票否决", |r| if r.veto { "是".into() } else { String::new() }),
];

impl YearRanking {
    /// The star households of at least `min_stars`, as certificates and door
    /// cards go to them; refused when there are none, naming the best.
    pub fn starred(&self, min_stars: u8) -> Result<Vec<&YearRow>, Refusal> {
        let chosen: Vec<&YearRow> = self.rows.iter().filter(|r| r.stars >= min_stars.max(1)).collect();
        if chosen.is_empty() {
            let best = self.rows.iter().map(|r| r.stars).max().unwrap_or(0);
            return Err(Refusal::NoneStarred { year: self.year, min_stars, best });
        }
        Ok(chosen)
    }

    /// Ranks the households active during any quarter of `year` by their
    /// annual figure, from their tallies of the year (absent: no entries)
    /// under `book`, the rulebook in force on the year's last day.
    pub fn compute<'a>(
        year: i32,
        households: impl IntoIterator<Item = &'a Household>,
        tallies: &HashMap<String, Tally>,
        book: &Rulebook,
    ) -> YearRanking {
        let active = |h: &Household| (1..=4).any(|q| h.is_active_during(Quarter { year, q }));
        let none = Tally::default();
        let mut rows: Vec<YearRow> = households
            .into_iter()
            .filter(|h| active(h))
            .map(|h| {
                let t = tallies.get(&h.code).unwrap_or(&none);
                // The year's end: after its adjustment, the annual figure.
                let end = t.standing(Posting::ADJUSTMENT_SLOT, book);
                YearRow {
                    rank: 0,
                    code: h.code.clone(),
                    head: h.head.clone(),
                    group: h.group.clone(),
                    quarters: [1, 2, 3, 4].map(|q| t.standing(q, book).score),
                    adjustment: end.score,
                    annual: end.year_to_date,
                    stars: end.stars,
                    veto: end.veto,
                }
            })
            .collect();
        rows.sort_by(|a, b| b.annual.cmp(&a.annual).then_with(|| a.code.cmp(&b.code)));
        let mut prev: Option<(Decimal, u32)> = None;
        for (i, row) in rows.iter_mut().enumerate() {
            row.rank = match prev {
                Some((annual, rank)) if annual == row.annual => rank,
                _ => i as u32 + 1,
            };
            prev = Some((row.annual, row.rank));
        }
        YearRanking { year, rows }
    }

    pub fn write_csv<W: Write>(&self, out: W, style: CsvStyle) -> std::io::Result<()> {
        write_columns(out, style, COLUMNS, &self.rows)
    }

    /// SHA-256 (hex) over the year, the canonical CSV of the rows and the
    /// ledger's end when the year was closed: what closing seals, and the
    /// annual notice's code.
    pub fn digest(&self, length: i64, head: &ChainHash) -> String {
        let mut csv = Vec::new();
        self.write_csv(&mut csv, CsvStyle::STDOUT).expect("writing to memory");
        let mut h = Sha256::new();
        h.update(format!("{}年度\n", self.year).as_bytes());
        h.update(&csv);
        h.update(format!("{length}\x1f{head}\n").as_bytes());
        hex::encode(h.finalize())
    }
}

/// What the annual notice (年度公示) of a closed year shows: every
/// household's annual figure and the star households by level. Laid out on
/// paper by `jifenbu-print`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualNotice {
    pub head: crate::Letterhead,
    pub ranking: YearRanking,
    /// The day the year was closed; the notice is dated on it.
    pub closed_on: chrono::NaiveDate,
    /// The closing digest (its code is printed).
    pub digest: String,
    /// Days the notice hangs for objections.
    pub period_days: u32,
    pub objections_to: String,
    /// How objections are made, and within how many days they are answered.
    pub objections_in: String,
    pub objection_reply_days: Option<u32>,
    /// The year's quarters keyed in from paper after their notices' days
    /// (补录), with the day each was.
    pub backfilled: Vec<(Quarter, chrono::NaiveDate)>,
}

impl AnnualNotice {
    /// What the notice says of quarters keyed in from paper, if any:
    /// 第一季度、第二季度的积分于2026年12月7日照纸质底稿补录。
    pub fn backfill_text(&self) -> Option<String> {
        let (_, last) = self.backfilled.last()?;
        let quarters: Vec<String> = self.backfilled.iter().map(|(q, _)| q.chinese()).collect();
        let same_day = self.backfilled.iter().all(|(_, on)| on == last);
        Some(match same_day {
            true => format!("{}的积分于{}照纸质底稿补录。", quarters.join("、"), crate::notice::chinese_date(*last)),
            false => {
                let each: Vec<String> = self
                    .backfilled
                    .iter()
                    .map(|(q, on)| format!("{}于{}", q.chinese(), crate::notice::chinese_date(*on)))
                    .collect();
                format!("{}照纸质底稿补录。", each.join("、"))
            }
        })
    }
    /// `青溪村 2025年度 村民积分公示`.
    pub fn title(&self) -> String {
        format!("{} {}年度 村民积分公示", self.head.village, self.ranking.year)
    }

    pub fn verification_code(&self) -> String {
        crate::notice::verification_code(&self.digest).unwrap_or_default()
    }

    /// The star households (星级文明户), highest level first, each level's
    /// households in rank order.
    pub fn star_households(&self) -> Vec<(u8, Vec<&YearRow>)> {
        let mut levels: std::collections::BTreeMap<std::cmp::Reverse<u8>, Vec<&YearRow>> = Default::default();
        for r in self.ranking.rows.iter().filter(|r| r.stars > 0) {
            levels.entry(std::cmp::Reverse(r.stars)).or_default().push(r);
        }
        levels.into_iter().map(|(level, rows)| (level.0, rows)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{book, entry, household};
    use crate::{Kind, Posting};

    #[test]
    fn the_annual_figure_adds_the_adjustment_to_the_quarters() {
        let hs = vec![household("01"), household("02")];
        let mut late = entry(4, "02", Kind::Add, 3, "2025Q4");
        late.posting = Posting::Adjustment { year: 2025 };
        let entries = vec![
            entry(1, "01", Kind::Add, 5, "2025Q1"),
            entry(2, "02", Kind::Add, 4, "2025Q2"),
            entry(3, "01", Kind::Add, 1, "2026Q1"),
            late,
        ];
        let y = YearRanking::compute(2025, &hs, &crate::tally::tally(&entries, 2025), &book("year_to_date"));
        let row = |code: &str| y.rows.iter().find(|r| r.code == code).unwrap().clone();
        assert_eq!((row("02").rank, row("02").adjustment, row("02").annual), (1, Decimal::from(3), Decimal::from(107)));
        assert_eq!((row("01").rank, row("01").annual), (2, Decimal::from(105)));
        assert_eq!(row("01").quarters, [Decimal::from(5), Decimal::ZERO, Decimal::ZERO, Decimal::ZERO]);
        let mut csv = Vec::new();
        y.write_csv(&mut csv, CsvStyle::STDOUT).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.starts_with(
            "名次,户号,户主,村民小组,第一季度,第二季度,第三季度,第四季度,年终调整,年度积分,星级,一票否决\r\n1,02,"
        ));
    }
}
