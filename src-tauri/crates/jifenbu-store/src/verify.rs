//! `verify`: proves a book is what the program wrote. SQLite's own integrity
//! check, the append-only guards, the hash chain over every entry, the
//! evidence of the ledger's end, rulebooks and publications, and every
//! published quarter recomputed from the ledger as it stood when published.
//! Against witnesses from outside the book (the town's export files, the
//! codes on posted notices) it also shows a book rewritten after the fact.

use std::collections::HashMap;

use jifenbu_core::entry::ChainHash;
use jifenbu_core::notice::{verification_code, PostedCode};
use jifenbu_core::parse::quote;
use jifenbu_core::rollup::VillageExport;
use jifenbu_core::{points, Household, Quarter, Ranking};

use crate::error::Result;
use crate::evidence::{self, Subject};
use crate::ranking::{compute, frozen_ranking};
use crate::rulebooks::rulebook_by_id;
use crate::schema;
use crate::Book;

/// Something from outside the book that says what it held when published.
#[derive(Debug, Clone)]
pub enum Witness {
    /// A village's export file as the town holds it.
    Export(VillageExport),
    /// A code read off a posted notice.
    Code(PostedCode),
}

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
        let integrity = self.check_integrity()?;
        if !integrity.ok() {
            // The other checks read the damaged pages; what they would say
            // cannot be trusted, and they may not get that far.
            return Ok(VerifyReport { checks: vec![integrity] });
        }
        let mut checks = vec![integrity, self.check_guards()?, self.check_chain()?, self.check_evidence()?];
        checks.extend(self.check_publications()?);
        checks.extend(self.check_adjustments()?);
        checks.extend(self.check_closed_years()?);
        checks.push(self.check_photos()?);
        Ok(VerifyReport { checks })
    }

    /// [`Book::verify`], then each witness against the published quarter it
    /// speaks of.
    pub fn verify_against(&self, witnesses: &[Witness]) -> Result<VerifyReport> {
        let mut report = self.verify()?;
        for w in witnesses {
            report.checks.push(self.check_witness(w)?);
        }
        Ok(report)
    }

    /// Each photo's bytes still hash to the key its registrations name.
    fn check_photos(&self) -> Result<Check> {
        let (count, altered) = crate::review::altered_photos(&self.conn)?;
        let problems = altered
            .iter()
            .take(MAX_FINDINGS)
            .map(|key| format!("照片 {key}… 的内容与其校验值不符：在本程序之外被改动过"))
            .collect();
        Ok(Check { name: "评议照片".into(), problems, scope: format!("{count} 张照片") })
    }

    fn check_integrity(&self) -> Result<Check> {
        let name = "数据库完整性".to_string();
        let scope = "逐页检查整个文件".to_string();
        let findings = match self.integrity_findings() {
            Ok(findings) => findings,
            Err(crate::Error::Damaged(what)) => vec![what],
            Err(e) => return Err(e),
        };
        let mut problems = Vec::new();
        if !findings.is_empty() {
            let restore = crate::error::backup_hint(&crate::backup_record::latest_backup(self.path()));
            problems.push(format!("积分簿文件已损坏（{}）：{restore}；其余核验已跳过", damaged_pages(&findings)));
        }
        Ok(Check { name, problems, scope })
    }

    /// SQLite's own findings (English, for `damaged_pages`), and dangling
    /// references.
    fn integrity_findings(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let mut findings: Vec<String> =
            stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        findings.retain(|p| p != "ok");
        let mut fk = self.conn.prepare("PRAGMA foreign_key_check")?;
        let dangling = fk.query_map([], |r| r.get::<_, String>(0))?.count();
        if dangling > 0 {
            findings.push(format!("{dangling} 行数据引用了不存在的记录"));
        }
        Ok(findings)
    }

    /// The triggers must be exactly those this program creates: a guard
    /// dropped, or replaced by a no-op of the same name, shows.
    fn check_guards(&self) -> Result<Check> {
        let expected = schema::expected_triggers()?;
        let found: HashMap<String, String> = schema::triggers(&self.conn)?.into_iter().collect();
        let mut problems = Vec::new();
        for (name, sql) in &expected {
            match found.get(name) {
                None => problems.push(format!("防改保护 {name} 已被移除：台账可能在本程序之外被改动过")),
                Some(s) if s != sql => problems.push(format!("防改保护 {name} 已被替换：台账可能在本程序之外被改动过")),
                Some(_) => {}
            }
        }
        for name in found.keys().filter(|n| !expected.iter().any(|(e, _)| e == *n)) {
            problems.push(format!("多出了触发器 {name}：不是本程序建立的"));
        }
        problems.truncate(MAX_FINDINGS);
        Ok(Check { name: "台账防改保护".into(), problems, scope: format!("{} 项", expected.len()) })
    }

    /// The evidence chain is whole, ends where the ledger ends, and every
    /// rulebook version and publication is still as recorded.
    fn check_evidence(&self) -> Result<Check> {
        let rows = evidence::all(&self.conn)?;
        let mut problems = Vec::new();
        let (mut prev_id, mut prev_hash) = (0_i64, [0_u8; 32]);
        // The latest digest recorded for each subject.
        let mut recorded: HashMap<Subject, [u8; 32]> = HashMap::new();
        for row in &rows {
            if row.id != prev_id + 1 {
                problems.push(format!("第 {} 至 {} 条存证不见了：有存证在本程序之外被删除", prev_id + 1, row.id - 1));
            } else if row.chain_hash(&prev_hash) != row.hash {
                problems.push(format!("第 {} 条存证与存证链不符：在本程序之外被改动过", row.id));
            }
            if crate::ledger::hash_at(&self.conn, row.entries)? != Some(row.head) {
                problems.push(format!(
                    "第 {} 条存证记下台账当时共 {} 条，现在的台账与之不符：有记录在本程序之外被删除或改动",
                    row.id, row.entries
                ));
            }
            match row.subject {
                Some(subject) => {
                    recorded.insert(subject, row.digest);
                }
                None => problems.push(format!("第 {} 条存证的内容无法识别：在本程序之外被改动过", row.id)),
            }
            (prev_id, prev_hash) = (row.id, row.hash);
        }
        let highest = evidence::highest_id(&self.conn)?;
        if highest > prev_id {
            problems.push(format!("最后 {} 条存证被删除：积分簿在本程序之外被改动过", highest - prev_id));
        }
        let (length, head) = crate::ledger::end(&self.conn)?;
        match rows.last() {
            Some(last) if length > last.entries => {
                problems.push(format!("台账最后 {} 条记录没有存证：不是本程序写入的", length - last.entries))
            }
            Some(last) if length < last.entries || (length == last.entries && head != last.head) => {
                problems.push(format!(
                    "存证记下台账共 {} 条，现在只有 {length} 条或末条已变：台账末尾的记录被删除或改动",
                    last.entries
                ))
            }
            None => problems.push("积分簿没有任何存证：存证在本程序之外被清除".into()),
            _ => {}
        }
        let mut subjects: Vec<Subject> =
            crate::rulebooks::versions(&self.conn)?.into_iter().map(|(id, _)| Subject::Rulebook(id)).collect();
        subjects.extend(crate::publications::published_in_order(&self.conn)?.into_iter().map(Subject::Publication));
        subjects.extend(evidence::TABLES.iter().map(|t| Subject::Table(t.name)));
        let mut closed: Vec<i32> = crate::closings::closed_years(&self.conn)?.into_iter().collect();
        closed.sort_unstable();
        subjects.extend(closed.into_iter().map(Subject::Closing));
        if recorded.contains_key(&Subject::Review) || crate::review::in_use(&self.conn)? {
            subjects.push(Subject::Review);
        }
        if recorded.contains_key(&Subject::Shop) || crate::shop::in_use(&self.conn)? {
            subjects.push(Subject::Shop);
        }
        for subject in &subjects {
            let now = evidence::digest_of(&self.conn, *subject)?;
            match recorded.remove(subject) {
                None => problems.push(format!("{}：没有存证，不是本程序写入的", describe(*subject))),
                Some(d) if Some(d) != now => {
                    problems.push(format!("{}：与存证不符，在本程序之外被改动过", describe(*subject)))
                }
                Some(_) => {}
            }
        }
        // The roster's old evidence is superseded by the whole table's.
        for subject in recorded.keys().filter(|s| !matches!(s, Subject::Ledger | Subject::Roster)) {
            problems.push(format!("{}：有存证，却已不在积分簿中，被删除了", describe(*subject)));
        }
        problems.truncate(MAX_FINDINGS);
        Ok(Check { name: "存证".into(), problems, scope: format!("{} 条存证", rows.len()) })
    }

    fn check_chain(&self) -> Result<Check> {
        let (mut prev_seq, mut prev_hash, mut count) = (0_i64, ChainHash::GENESIS, 0_usize);
        let mut problems = Vec::new();
        crate::ledger::each_row(&self.conn, |seq, entry| {
            count += 1;
            let e = match entry {
                Ok(e) => e,
                Err(err) => {
                    problems.push(format!("第 {seq} 条记录的{}无法读取：该记录在本程序之外被改动过", unreadable(&err)));
                    return;
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
        })?;
        problems.truncate(MAX_FINDINGS);
        Ok(Check { name: "台账哈希链".into(), problems, scope: format!("{count} 条记录") })
    }

    fn check_publications(&self) -> Result<Vec<Check>> {
        let mut checks = Vec::new();
        for p in self.publications()? {
            let mut problems = Vec::new();
            let frozen = frozen_ranking(&self.conn, p.quarter)?.unwrap_or(Ranking { quarter: p.quarter, rows: vec![] });
            if let Some(head) = p.chain_head {
                if crate::ledger::hash_at(&self.conn, p.last_seq)? != Some(head) {
                    problems.push(format!(
                        "发布时台账共 {} 条，现在的台账与之不符：发布前的记录在本程序之外被改动过",
                        p.last_seq
                    ));
                }
            }
            if frozen.digest(p.chain_head.as_ref().map(|h| (p.last_seq, h))) != p.digest {
                problems.push("封存的排名与发布时的摘要不符：封存数据在本程序之外被改动过".to_string());
            }
            // Recompute for the households that were published, as the ledger
            // stood then; later roster edits (moving out) do not count here.
            let households: Vec<Household> =
                frozen.rows.iter().map(|r| roster_line(&r.code, &r.head, &r.group)).collect();
            let book = rulebook_by_id(&self.conn, p.rulebook_id)?;
            let again = compute(&self.conn, p.quarter, p.last_seq, &book.rulebook, &households)?;
            for (a, b) in frozen.rows.iter().zip(&again.rows) {
                if a != b {
                    let line = |r: &jifenbu_core::ranking::RankingRow| {
                        let s = &r.standing;
                        let (score, ytd) = (points::format(s.score), points::format(s.year_to_date));
                        let add_deduct = format!("加 {}/扣 {}", points::format(s.add), points::format(s.deduct));
                        format!(
                            "户号 {} 第{}名/{add_deduct}/本季 {score}/累计 {ytd}/{}",
                            r.code,
                            r.rank,
                            stars(s.stars, s.veto)
                        )
                    };
                    problems.push(format!("封存为 {}；按台账重算为 {}", line(a), line(b)));
                }
            }
            problems.truncate(MAX_FINDINGS);
            checks.push(Check {
                name: format!("已发布 {}", p.quarter),
                problems,
                scope: format!("{} 户，校验码 {}", p.households, verification_code(&p.digest).unwrap_or_default()),
            });
        }
        Ok(checks)
    }

    /// Every entry in a year's adjustment (年终调整) corrects that year: a
    /// reversal of one of its entries, or an item an upheld objection to
    /// one of its quarters added. Anything else there would change the
    /// annual figure behind the notices' back.
    fn check_adjustments(&self) -> Result<Vec<Check>> {
        let ruled = crate::objections::years_ruled_into(&self.conn)?;
        let mut by_year: std::collections::BTreeMap<i32, (usize, Vec<String>)> = Default::default();
        for a in crate::ledger::adjustments(&self.conn)? {
            let (count, problems) = by_year.entry(a.year).or_default();
            *count += 1;
            if a.reversed_year != Some(a.year) && ruled.get(&a.id) != Some(&a.year) {
                problems.push(format!(
                    "第 {} 条记录（户号 {}，项目 {}，{} 分）记入了{year}年终调整，却不是对 {year} 年记录的更正",
                    a.seq,
                    a.household,
                    a.item,
                    points::format(points::from_cents(a.cents)),
                    year = a.year,
                ));
            }
        }
        Ok(by_year
            .into_iter()
            .map(|(year, (count, mut problems))| {
                problems.truncate(MAX_FINDINGS);
                Check { name: format!("{year}年终调整"), problems, scope: format!("{count} 条更正") }
            })
            .collect())
    }

    /// Each closed year's frozen rows still match their digest and the
    /// ledger, and nothing has posted into the year since.
    fn check_closed_years(&self) -> Result<Vec<Check>> {
        let mut years: Vec<i32> = crate::closings::closed_years(&self.conn)?.into_iter().collect();
        years.sort_unstable();
        let mut checks = Vec::new();
        for year in years {
            let Some(seal) = crate::closings::closed_year(&self.conn, year)? else { continue };
            let frozen = crate::closings::frozen_year(&self.conn, year)?
                .unwrap_or(jifenbu_core::year::YearRanking { year, rows: vec![] });
            let mut problems = Vec::new();
            let head = seal.chain_head;
            if crate::ledger::hash_at(&self.conn, seal.last_seq)? != Some(head) {
                problems.push(format!("结算时台账共 {} 条，现在的台账与之不符：结算前的记录被改动过", seal.last_seq));
            }
            if frozen.digest(seal.last_seq, &head) != seal.digest {
                problems.push("封存的年度积分与结算时的摘要不符：在本程序之外被改动过".to_string());
            }
            let entries = crate::ledger::entries_for_year(&self.conn, year)?;
            let late = entries.iter().filter(|e| e.seq > seal.last_seq).count();
            if late > 0 {
                problems.push(format!("结算后又有 {late} 条记录记入 {year} 年"));
            }
            let households: Vec<Household> =
                frozen.rows.iter().map(|r| roster_line(&r.code, &r.head, &r.group)).collect();
            let book = rulebook_by_id(&self.conn, seal.rulebook_id)?;
            let kept: Vec<_> = entries.into_iter().filter(|e| e.seq <= seal.last_seq).collect();
            let tallies = jifenbu_core::tally::tally(&kept, year);
            let again = jifenbu_core::year::YearRanking::compute(year, &households, &tallies, &book.rulebook);
            for (a, b) in frozen.rows.iter().zip(&again.rows) {
                if a != b {
                    let line = |r: &jifenbu_core::year::YearRow| {
                        let quarters: Vec<String> = r.quarters.iter().map(|q| points::format(*q)).collect();
                        format!(
                            "户号 {} 第{}名/各季 {}/年终调整 {}/年度积分 {}/{}",
                            r.code,
                            r.rank,
                            quarters.join("、"),
                            points::format(r.adjustment),
                            points::format(r.annual),
                            stars(r.stars, r.veto)
                        )
                    };
                    problems.push(format!("封存为 {}；按台账重算为 {}", line(a), line(b)));
                }
            }
            problems.truncate(MAX_FINDINGS);
            checks.push(Check {
                name: format!("{year} 年度结算"),
                problems,
                scope: format!(
                    "{} 户，校验码 {}",
                    seal.households,
                    verification_code(&seal.digest).unwrap_or_default()
                ),
            });
        }
        Ok(checks)
    }

    /// Whether the book's published quarter is still what `w` saw.
    fn check_witness(&self, w: &Witness) -> Result<Check> {
        let village = self.village()?;
        let (quarter, name) = match w {
            Witness::Export(e) => (e.quarter, format!("与镇里的文件核对 {}（{}）", e.quarter, e.file)),
            Witness::Code(c) => (c.quarter, format!("与公示栏核对 {}（{} 第 {} 行）", c.quarter, c.file, c.line)),
        };
        let mut problems = Vec::new();
        let publication = self.publication(quarter)?;
        let scope = match (w, &publication) {
            (Witness::Export(e), _) if e.code != village.code => {
                problems.push(format!(
                    "这是{}（{}）的文件，不是{}（{}）的",
                    quote(&e.name),
                    quote(&e.code),
                    village.name,
                    village.code
                ));
                "其他村的文件".to_string()
            }
            (Witness::Export(e), _) if e.digest.is_empty() => {
                format!("文件是 {quarter} 发布前导出的，没有可核对的摘要")
            }
            (_, None) => {
                problems.push(format!("积分簿中 {quarter} 尚未发布，外面却有它的发布记录：已发布的季度被解除了封存"));
                "未发布".to_string()
            }
            (Witness::Export(e), Some(p)) => {
                if !e.digest.eq_ignore_ascii_case(&p.digest) {
                    let (theirs, ours) = two_codes(&e.digest, &p.digest);
                    problems.push(format!(
                        "发布摘要不符：镇里的文件为 {theirs}，积分簿为 {ours}：积分簿在交给镇里之后被改动过"
                    ));
                }
                // Every household and figure, whatever the digest column
                // says: a copy edited with its digest left alone shows too.
                problems.extend(self.rows_differing(quarter, e)?);
                format!("{} 户", e.households.len())
            }
            (Witness::Code(c), Some(p)) => {
                if !c.matches(&p.digest) {
                    problems.push(format!(
                        "公示栏上的校验码为 {}，积分簿为 {}：积分簿在公示之后被改动过",
                        quote(&c.code),
                        verification_code(&p.digest).unwrap_or_default()
                    ));
                }
                format!("校验码 {}", quote(&c.code))
            }
        };
        problems.truncate(MAX_FINDINGS);
        Ok(Check { name, problems, scope })
    }

    /// Each difference between the published rows and the town's copy:
    /// household, column and both values; households only one side has.
    fn rows_differing(&self, quarter: Quarter, export: &VillageExport) -> Result<Vec<String>> {
        let frozen = frozen_ranking(&self.conn, quarter)?.map(|r| r.rows).unwrap_or_default();
        let theirs: HashMap<&str, _> = export.households.iter().map(|h| (h.code.as_str(), h)).collect();
        let ours: HashMap<&str, _> = frozen.iter().map(|r| (r.code.as_str(), r)).collect();
        let mut out = Vec::new();
        for h in &export.households {
            let Some(r) = ours.get(h.code.as_str()) else {
                out.push(format!("户号 {}：镇里的文件有（户主 {}），积分簿中没有", quote(&h.code), quote(&h.head)));
                continue;
            };
            let s = &r.standing;
            let figure = |d: rust_decimal::Decimal| points::format(d);
            let yes = |b: bool| if b { "是" } else { "否" }.to_string();
            let columns = [
                ("户主", h.head.clone(), r.head.clone()),
                ("村民小组", h.group.clone(), r.group.clone()),
                ("本季加分", figure(h.add), figure(s.add)),
                ("本季扣分", figure(h.deduct), figure(s.deduct)),
                ("本季得分", figure(h.score), figure(s.score)),
                ("年度累计", figure(h.year_to_date), figure(s.year_to_date)),
                ("名次", h.rank.clone(), r.rank.to_string()),
                ("星级", h.stars.clone(), s.stars.to_string()),
                ("一票否决", yes(h.veto), yes(s.veto)),
            ];
            for (column, town, book) in columns {
                if town != book {
                    out.push(format!(
                        "户号 {}：{column} 镇里的文件为 {}，积分簿为 {}",
                        r.code,
                        quote(&town),
                        quote(&book)
                    ));
                }
            }
        }
        for r in frozen.iter().filter(|r| !theirs.contains_key(r.code.as_str())) {
            out.push(format!("户号 {}（户主 {}）：积分簿中有，镇里的文件没有", r.code, r.head));
        }
        Ok(out)
    }
}

/// Two different digests as codes a person can tell apart: the codes the
/// notices print, or, where those agree, more of each digest.
fn two_codes(theirs: &str, ours: &str) -> (String, String) {
    match (verification_code(theirs), verification_code(ours)) {
        (Some(a), Some(b)) if a != b => (a, b),
        (None, Some(b)) => (quote(theirs), b),
        _ => {
            let longer = |d: &str| d.chars().take(16).collect::<String>().to_uppercase();
            (quote(&longer(theirs)), longer(ours))
        }
    }
}

/// A household as a frozen row names it, for recomputing what was frozen
/// (later roster changes, such as moving out, do not count there).
fn roster_line(code: &str, head: &str, group: &str) -> Household {
    Household {
        code: code.into(),
        head: head.into(),
        group: group.into(),
        members: None,
        address: None,
        phone: None,
        active_from: None,
        active_to: None,
    }
}

/// SQLite's findings said in Chinese: the pages named, or how many
/// findings there are.
fn damaged_pages(findings: &[String]) -> String {
    let mut pages: Vec<u64> = findings
        .iter()
        .filter_map(|f| f.split("Page ").nth(1))
        .filter_map(|rest| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .collect();
    pages.sort_unstable();
    pages.dedup();
    match pages.as_slice() {
        [] if findings.iter().all(|f| !f.is_ascii()) => findings.join("；"),
        [] => format!("{} 处结构错误", findings.len()),
        [..] if pages.len() <= 5 => {
            format!("第 {} 页", pages.iter().map(u64::to_string).collect::<Vec<_>>().join("、"))
        }
        _ => format!("第 {} 页等 {} 页", pages[0], pages.len()),
    }
}

/// A star level as a finding shows it.
fn stars(stars: u8, veto: bool) -> String {
    match (veto, stars) {
        (true, _) => "一票否决".into(),
        (false, 0) => "未达星级".into(),
        (false, n) => format!("{n} 星"),
    }
}

/// Which field of an entry did not read, and what it should have been, in
/// Chinese (SQLite's and rusqlite's words never reach a clerk).
fn unreadable(err: &rusqlite::Error) -> String {
    use rusqlite::Error as E;
    /// The columns of the ledger's entry row, in order, and what each should hold.
    const COLUMNS: [(&str, &str); 17] = [
        ("序号", "整数"),
        ("编号", "16 字节"),
        ("户号", "文字"),
        ("项目代码", "文字"),
        ("项目名称", "文字"),
        ("加扣分类别", "加分或扣分"),
        ("一票否决标记", "0 或 1"),
        ("数量", "整数"),
        ("分值", "整数（以分计）"),
        ("日期", "YYYY-MM-DD 格式的日期"),
        ("记入年份", "整数"),
        ("记入季度", "1 至 5"),
        ("备注", "文字"),
        ("录入人", "文字"),
        ("录入时间", "文字"),
        ("所冲销的记录", "16 字节"),
        ("哈希值", "32 字节"),
    ];
    let column = match err {
        E::FromSqlConversionFailure(i, ..) | E::InvalidColumnType(i, ..) | E::IntegralValueOutOfRange(i, _) => Some(*i),
        _ => None,
    };
    match column.and_then(|i| COLUMNS.get(i)) {
        Some((name, expected)) => format!("「{name}」（应为{expected}）"),
        None => "内容".to_string(),
    }
}

/// How a finding names what evidence speaks of.
fn describe(subject: Subject) -> String {
    match subject {
        Subject::Ledger => "台账".into(),
        Subject::Rulebook(id) => format!("规则版本 {id}"),
        Subject::Publication(q) => format!("已发布 {q} 的封存记录"),
        Subject::Roster => "村民名册（户号、户主、村民小组）".into(),
        Subject::Closing(year) => format!("{year} 年度的结算记录"),
        Subject::Review => "评议记录（人员、登记、照片、评议会）".into(),
        Subject::Shop => "积分超市记录（物品、出入库、兑换）".into(),
        Subject::Table(name) => evidence::TABLES.iter().find(|t| t.name == name).map_or(name, |t| t.chinese).into(),
    }
}

#[cfg(test)]
mod tests;
