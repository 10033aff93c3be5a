//! `verify`: proves a book is what the program wrote. SQLite's own integrity
//! check, the append-only guards, the hash chain over every entry, and every
//! published quarter recomputed from the ledger as it stood when published.

use jifenbu_core::entry::ChainHash;
use jifenbu_core::{points, Household, Ranking};

use crate::error::Result;
use crate::posting::{entry_of, SELECT_ENTRY};
use crate::ranking::{compute, frozen_ranking};
use crate::rulebooks::rulebook_by_id;
use crate::schema::GUARD_TRIGGERS;
use crate::Book;

/// One check and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub name: String,
    /// Empty when the check passed; otherwise one line per finding.
    pub problems: Vec<String>,
    /// What was checked, e.g. "12345 条记录".
    pub scope: String,
}

impl Check {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub checks: Vec<Check>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.checks.iter().all(Check::ok)
    }
}

/// At most this many findings per check are listed.
const MAX_FINDINGS: usize = 20;

impl Book {
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut checks = vec![self.check_integrity()?, self.check_guards()?, self.check_chain()?];
        checks.extend(self.check_publications()?);
        Ok(VerifyReport { checks })
    }

    fn check_integrity(&self) -> Result<Check> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let mut problems: Vec<String> =
            stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        problems.retain(|p| p != "ok");
        let mut fk = self.conn.prepare("PRAGMA foreign_key_check")?;
        let dangling = fk.query_map([], |r| r.get::<_, String>(0))?.count();
        if dangling > 0 {
            problems.push(format!("{dangling} 行数据引用了不存在的记录"));
        }
        problems.truncate(MAX_FINDINGS);
        Ok(Check { name: "数据库完整性".into(), problems, scope: "SQLite integrity_check".into() })
    }

    fn check_guards(&self) -> Result<Check> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1")?;
        let mut problems = Vec::new();
        for name in GUARD_TRIGGERS {
            if !stmt.exists([name])? {
                problems.push(format!("防改保护 {name} 已被移除：台账可能在本程序之外被改动过"));
            }
        }
        Ok(Check { name: "台账防改保护".into(), problems, scope: format!("{} 项", GUARD_TRIGGERS.len()) })
    }

    fn check_chain(&self) -> Result<Check> {
        let mut stmt = self.conn.prepare(&format!("{SELECT_ENTRY} ORDER BY seq"))?;
        let mut rows = stmt.query([])?;
        let (mut prev_seq, mut prev_hash, mut count) = (0_i64, ChainHash::GENESIS, 0_usize);
        let mut problems = Vec::new();
        while let Some(row) = rows.next()? {
            count += 1;
            let e = match entry_of(row) {
                Ok(e) => e,
                Err(err) => {
                    let seq: i64 = row.get(0)?;
                    problems.push(format!("第 {seq} 条记录无法读取（{err}）：该记录在本程序之外被改动过"));
                    continue;
                }
            };
            if e.seq != prev_seq + 1 {
                problems.push(format!("第 {} 至 {} 条记录不见了：有记录在本程序之外被删除", prev_seq + 1, e.seq - 1));
            } else if e.chain_hash(&prev_hash) != e.hash {
                problems.push(format!(
                    "第 {} 条记录（编号 {}，户号 {}，{}，项目 {}，{} 分）与哈希链不符：该记录在本程序之外被改动过",
                    e.seq,
                    e.id,
                    e.household,
                    e.date,
                    e.item_code,
                    points::format(e.points)
                ));
            }
            // Go on from the stored hash, so one changed entry is reported once.
            prev_seq = e.seq;
            prev_hash = e.hash;
        }
        problems.truncate(MAX_FINDINGS);
        Ok(Check { name: "台账哈希链".into(), problems, scope: format!("{count} 条记录") })
    }

    fn check_publications(&self) -> Result<Vec<Check>> {
        let mut checks = Vec::new();
        for p in self.publications()? {
            let mut problems = Vec::new();
            let frozen = frozen_ranking(&self.conn, p.quarter)?.unwrap_or(Ranking { quarter: p.quarter, rows: vec![] });
            if frozen.digest() != p.digest {
                problems.push("封存的排名与发布时的摘要不符：封存数据在本程序之外被改动过".to_string());
            }
            // Recompute for the households that were published, as the ledger
            // stood then; later roster edits (moving out) do not count here.
            let households: Vec<Household> = frozen
                .rows
                .iter()
                .map(|r| Household {
                    code: r.code.clone(),
                    head: r.head.clone(),
                    group: r.group.clone(),
                    members: None,
                    address: None,
                    phone: None,
                    active_from: None,
                    active_to: None,
                })
                .collect();
            let book = rulebook_by_id(&self.conn, p.rulebook_id)?;
            let again = compute(&self.conn, p.quarter, p.last_seq, &book.rulebook, &households)?;
            for (a, b) in frozen.rows.iter().zip(&again.rows) {
                if a != b {
                    problems.push(format!(
                        "户号 {} 封存为 第{}名/本季 {}/累计 {}，按台账重算为 户号 {} 第{}名/本季 {}/累计 {}",
                        a.code,
                        a.rank,
                        points::format(a.standing.score),
                        points::format(a.standing.year_to_date),
                        b.code,
                        b.rank,
                        points::format(b.standing.score),
                        points::format(b.standing.year_to_date)
                    ));
                }
            }
            problems.truncate(MAX_FINDINGS);
            checks.push(Check {
                name: format!("已发布 {}", p.quarter),
                problems,
                scope: format!("{} 户，摘要 {}", p.households, &p.digest[..16]),
            });
        }
        Ok(checks)
    }
}
