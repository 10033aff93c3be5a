//! Issue 15, item 2: whatever the number of households, the closing block
//! (公示期, objections, issuer, seal line, date, code) never stands alone on
//! a page: the page it is on holds table rows too, and it is never split.
//! Notices of 1 to 200 households, A4 normal and large, read back with
//! pdftotext.

use jifenbu_core::tally::Standing;
use jifenbu_core::{Letterhead, Notice, Quarter, Ranking, RankingRow, Seal};
use jifenbu_print::{notice, NoticeOptions};
use rust_decimal::Decimal;

fn sample(households: usize) -> Notice {
    let rows = (0..households)
        .map(|i| RankingRow {
            rank: i as u32 + 1,
            code: format!("{:05}", 1001 + i),
            head: ["张三丰", "王堃", "欧阳明月", "李喆"][i % 4].to_string(),
            group: format!("{}组", ["一", "二", "三"][i % 3]),
            standing: Standing {
                add: Decimal::from(20),
                deduct: Decimal::from(3),
                score: Decimal::from(17),
                year_to_date: Decimal::from(300 - i as i64),
                stars: 3,
                veto: false,
                correction: Decimal::ZERO,
            },
            corrections: vec![],
        })
        .collect();
    Notice {
        head: Letterhead {
            village: "青溪村".into(),
            issuer: "青溪村村民委员会".into(),
            rulebook: "青溪村村民积分通则（2025版）".into(),
        },
        ranking: Ranking { quarter: Quarter::new(2025, 3).unwrap(), rows },
        seal: Some(Seal { published_on: "2025-10-03".parse().unwrap(), digest: "ab".repeat(32), backfilled_on: None }),
        drafted_on: "2025-10-03".parse().unwrap(),
        period_days: 7,
        objections_to: "村务监督委员会（村委会一楼办公室，电话 0571-12345678）".into(),
        objections_in: "书面".into(),
        objection_reply_days: Some(10),
        stars: vec![],
        meetings: vec![],
        details: vec![],
        deduct_notes: true,
        rules_summary: vec![],
    }
}

fn pages_of(pdf: &[u8]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("closing-block-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Tests run side by side: each printout its own file.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let file = dir.join(format!("{}.pdf", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").args(["-layout"]).arg(&file).arg("-").output().unwrap();
    String::from_utf8(out.stdout).unwrap().split('\u{c}').map(str::to_string).collect()
}

#[test]
fn the_closing_block_never_stands_alone() {
    for large in [false, true] {
        for households in (1..=200).step_by(3) {
            let pdf = notice(&sample(households), &NoticeOptions { large, ..Default::default() }).unwrap();
            let pages = pages_of(&pdf);
            let holding = |piece: &str| pages.iter().position(|p| p.contains(piece));
            let period = holding("公示期").expect("the period is printed");
            for piece in ["对公示结果有异议的", "（盖章）", "校验码：", "2025年10月3日"] {
                assert_eq!(holding(piece), Some(period), "{households} households, large {large}: {piece} apart");
            }
            let has_rows = pages[period].lines().any(|l| {
                let mut cells = l.split_whitespace();
                cells.next().is_some_and(|c| c.parse::<u32>().is_ok())
                    && cells.next().is_some_and(|c| c.len() == 5 && c.parse::<u32>().is_ok())
            });
            assert!(has_rows, "{households} households, large {large}: the closing block stands alone");
        }
    }
}

/// `n` pending registrations, three to a household, for a review sheet or
/// (decided) for minutes.
fn registrations(n: usize, decided: bool) -> Vec<jifenbu_core::review::Listed> {
    use jifenbu_core::review::{Decision, Listed, Registration};
    (0..n)
        .map(|i| Listed {
            registration: Registration {
                id: i as i64 + 1,
                deed: jifenbu_core::EntryDraft {
                    household: format!("{:05}", 1001 + i / 3),
                    item: "A03".into(),
                    date: "2026-03-02".parse().unwrap(),
                    qty: 1,
                    points: None,
                    note: "调解邻里纠纷，双方签字确认".into(),
                    id: None,
                },
                by: "李网格".into(),
                recorded_at: "2026-03-02T09:00:00+08:00".into(),
                photos: vec![],
                decision: decided.then(|| Decision {
                    meeting: 1,
                    meeting_date: "2026-03-20".parse().unwrap(),
                    approved: true,
                    points: None,
                    reason: String::new(),
                    entry: None,
                }),
            },
            head: ["张三丰", "王堃", "欧阳明月"][i / 3 % 3].into(),
            group: "一组".into(),
            item_name: "调解邻里纠纷，化解矛盾".into(),
            points: Decimal::from(3),
        })
        .collect()
}

fn head() -> Letterhead {
    Letterhead {
        village: "青溪村".into(), issuer: "青溪村村民委员会".into(), rulebook: "青溪村村民积分通则".into()
    }
}

/// Issue 25, item 3: on the review sheet a household's band never ends a
/// page (its first row goes with it), and the panel's signatures never
/// stand alone; nor do the minutes' signatures.
#[test]
fn bands_and_signatures_keep_their_rows() {
    let panel: Vec<String> = ["王评议", "李评议", "赵评议", "钱评议", "孙评议"].map(String::from).to_vec();
    let is_row = |l: &str| l.split_whitespace().next().is_some_and(|c| c.parse::<u32>().is_ok());
    for n in 1..=90 {
        let sheet = jifenbu_print::review_sheet(&jifenbu_core::review::ReviewSheet {
            head: head(),
            printed_on: "2026-03-10".parse().unwrap(),
            meeting_on: None,
            panel: panel.clone(),
            rows: registrations(n, false),
        })
        .unwrap();
        let pages = pages_of(&sheet);
        for (no, page) in pages.iter().enumerate().filter(|(_, p)| !p.trim().is_empty()) {
            let body: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty() && !l.contains("页 共")).collect();
            let last = body.iter().rposition(|l| is_row(l) || l.trim_start().starts_with("户号"));
            if let Some(last) = last {
                assert!(is_row(body[last]), "{n} rows: page {} ends with a band: {}\n{page}", no + 1, body[last]);
            }
            if page.contains("评议小组成员签名") {
                assert!(body.iter().any(|l| is_row(l)), "{n} rows: the signatures stand alone on page {}", no + 1);
            }
        }
        let minutes = jifenbu_print::minutes(&jifenbu_core::review::Minutes {
            head: head(),
            meeting: 1,
            date: "2026-03-20".parse().unwrap(),
            members: panel.clone(),
            panel: 5,
            quorum: 3,
            rows: registrations(n, true),
        })
        .unwrap();
        let pages = pages_of(&minutes);
        let signed = pages.iter().find(|p| p.contains("到会成员签名")).expect("the minutes are signed");
        assert!(signed.lines().any(is_row), "{n} rows: the minutes' signatures stand alone");
    }
}
