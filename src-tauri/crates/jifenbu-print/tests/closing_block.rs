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
            },
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
    let file = dir.join("n.pdf");
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
