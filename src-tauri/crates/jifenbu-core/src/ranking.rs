//! The quarterly ranking (排名): what the notice prints and the town receives.

use std::collections::HashMap;
use std::io::Write;

use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::csv_out::{write_columns, Column, CsvStyle};
use crate::entry::ChainHash;
use crate::rulebook::RankBy;
use crate::tally::{Correction, Standing, Tally};
use crate::{points, Household, Quarter, Rulebook};

/// One household's line in a ranking: who, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankingRow {
    /// Shared by ties; the next rank skips (1, 2, 2, 4).
    pub rank: u32,
    pub code: String,
    pub head: String,
    pub group: String,
    #[serde(flatten)]
    pub standing: Standing,
    /// The entries of the quarter that correct earlier quarters (their sum
    /// is `standing.correction`).
    #[serde(skip)]
    pub corrections: Vec<Correction>,
}

/// The ranking of one quarter, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranking {
    pub quarter: Quarter,
    pub rows: Vec<RankingRow>,
}

/// How many of [`COLUMNS`] a publication seals: the ten the ranking file
/// had when digests began. Those after them (the corrections) are read from
/// the ledger, which the digest binds through its end.
pub const SEALED_COLUMNS: usize = 10;

/// The ranking CSV's columns (README, "Files"); the notice prints the same
/// figures.
pub const COLUMNS: &[Column<RankingRow>] = &[
    Column::new("名次", |r| r.rank.to_string()),
    Column::new("户号", |r| r.code.clone()),
    Column::new("户主", |r| r.head.clone()),
    Column::new("村民小组", |r| r.group.clone()),
    Column::new("本季加分", |r| points::format(r.standing.add)),
    Column::new("本季扣分", |r| points::format(r.standing.deduct)),
    Column::new("本季得分", |r| points::format(r.standing.score)),
    Column::new("年度累计", |r| points::format(r.standing.year_to_date)),
    Column::new("星级", |r| r.standing.stars.to_string()),
    Column::new("一票否决", |r| if r.standing.veto { "是".into() } else { String::new() }),
    Column::new("其中更正", |r| points::format(r.standing.correction)),
    Column::new("更正说明", |r| r.corrections.iter().map(Correction::describe).collect::<Vec<_>>().join("；")),
];

impl Ranking {
    /// Ranks the households active during `quarter`, given their tallies of
    /// its year (absent: no entries) and the rulebook in force.
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
                let none = Tally::default();
                let t = tallies.get(&h.code).unwrap_or(&none);
                RankingRow {
                    rank: 0,
                    code: h.code.clone(),
                    head: h.head.clone(),
                    group: h.group.clone(),
                    standing: t.standing(quarter.q, book),
                    corrections: t.corrections_in(quarter.q).cloned().collect(),
                }
            })
            .collect();
        let key = |r: &RankingRow| match book.rank_by {
            RankBy::YearToDate => r.standing.year_to_date,
            RankBy::Quarter => r.standing.score,
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

    pub fn write_csv<W: Write>(&self, out: W, style: CsvStyle) -> std::io::Result<()> {
        write_columns(out, style, COLUMNS, &self.rows)
    }

    /// SHA-256 (hex) over the quarter, the canonical CSV of the rows and,
    /// for quarters published since the book kept it, the ledger's end when
    /// they were published (`chain`: its length and last hash). What
    /// publishing seals: the notice's code and the town's file carry it, so
    /// an entry rewritten later, even with every hash re-chained, shows
    /// against them.
    pub fn digest(&self, chain: Option<(i64, &ChainHash)>) -> String {
        let mut csv = Vec::new();
        write_columns(&mut csv, CsvStyle::STDOUT, &COLUMNS[..SEALED_COLUMNS], &self.rows).expect("writing to memory");
        let mut h = Sha256::new();
        h.update(self.quarter.to_string().as_bytes());
        h.update(b"\n");
        h.update(&csv);
        if let Some((length, head)) = chain {
            h.update(format!("{length}\x1f{head}\n").as_bytes());
        }
        hex::encode(h.finalize())
    }
}

#[cfg(test)]
mod tests;
