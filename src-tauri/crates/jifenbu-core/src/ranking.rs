//! The quarterly ranking (排名): what the notice prints and the town receives.

use std::collections::HashMap;
use std::io::Write;

use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::csv_out::{write_table, CsvStyle};
use crate::rulebook::RankBy;
use crate::tally::Tally;
use crate::{points, Household, Quarter, Rulebook};

/// One household's line in a ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankingRow {
    /// Shared by ties; the next rank skips (1, 2, 2, 4).
    pub rank: u32,
    pub code: String,
    pub head: String,
    pub group: String,
    pub add: Decimal,
    pub deduct: Decimal,
    pub score: Decimal,
    pub year_to_date: Decimal,
    /// Star level reached, 0 for none (always 0 under a veto).
    pub stars: u8,
    pub veto: bool,
}

impl RankingRow {
    /// The row's cells in the ranking CSV's columns ([`CSV_HEADER`]).
    pub fn csv_cells(&self) -> Vec<String> {
        vec![
            self.rank.to_string(),
            self.code.clone(),
            self.head.clone(),
            self.group.clone(),
            points::format(self.add),
            points::format(self.deduct),
            points::format(self.score),
            points::format(self.year_to_date),
            self.stars.to_string(),
            if self.veto { "是".into() } else { String::new() },
        ]
    }
}

/// The ranking of one quarter, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranking {
    pub quarter: Quarter,
    pub rows: Vec<RankingRow>,
}

/// Column headings of the ranking CSV (README, "Files").
pub const CSV_HEADER: [&str; 10] =
    ["名次", "户号", "户主", "村民小组", "本季加分", "本季扣分", "本季得分", "年度累计", "星级", "一票否决"];

impl Ranking {
    /// Ranks the households active during `quarter`, given their tallies
    /// (absent: no entries) and the rulebook in force.
    pub fn compute<'a>(
        quarter: Quarter,
        households: impl IntoIterator<Item = &'a Household>,
        tallies: &HashMap<String, Tally>,
        book: &Rulebook,
    ) -> Ranking {
        let mut rows: Vec<RankingRow> = households
            .into_iter()
            .filter(|h| h.is_active_during(quarter))
            .map(|h| {
                let s = tallies.get(&h.code).copied().unwrap_or_default().standing(book);
                RankingRow {
                    rank: 0,
                    code: h.code.clone(),
                    head: h.head.clone(),
                    group: h.group.clone(),
                    add: s.add,
                    deduct: s.deduct,
                    score: s.score,
                    year_to_date: s.year_to_date,
                    stars: s.stars,
                    veto: s.veto,
                }
            })
            .collect();
        let key = |r: &RankingRow| match book.rank_by {
            RankBy::YearToDate => r.year_to_date,
            RankBy::Quarter => r.score,
        };
        rows.sort_by(|a, b| key(b).cmp(&key(a)).then_with(|| a.code.cmp(&b.code)));
        let mut prev: Option<(Decimal, u32)> = None;
        for (i, row) in rows.iter_mut().enumerate() {
            let k = key(row);
            row.rank = match prev {
                Some((pk, pr)) if pk == k => pr,
                _ => i as u32 + 1,
            };
            prev = Some((k, row.rank));
        }
        Ranking { quarter, rows }
    }

    /// The cells of each row, numbers in canonical form.
    pub fn csv_rows(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        self.rows.iter().map(RankingRow::csv_cells)
    }

    pub fn write_csv<W: Write>(&self, out: W, style: CsvStyle) -> std::io::Result<()> {
        write_table(out, style, &CSV_HEADER, self.csv_rows())
    }

    /// SHA-256 (hex) over the quarter and the canonical CSV of the rows: what
    /// publishing seals and a reprint can be checked against.
    pub fn digest(&self) -> String {
        let mut csv = Vec::new();
        self.write_csv(&mut csv, CsvStyle::STDOUT).expect("writing to memory");
        let mut h = Sha256::new();
        h.update(self.quarter.to_string().as_bytes());
        h.update(b"\n");
        h.update(&csv);
        hex::encode(h.finalize())
    }
}

#[cfg(test)]
mod tests;
