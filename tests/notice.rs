//! Printed notices and statements, checked the way a person would: the text
//! poppler reads back, the fonts embedded, every page rendered.

mod common;

use std::path::Path;

use common::paper::*;
use common::*;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn assert_fonts_embedded_as_subsets(pdf: &Path) {
    let fonts = tool("pdffonts", &[s(pdf)]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5..n - 2], ["yes", "yes", "yes"], "not embedded as a subset with Unicode:\n{fonts}");
    }
    tool("qpdf", &["--check", s(pdf)]);
}

#[test]
fn demo_notice_reads_back_as_the_golden_text() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let pdf = dir.path().join("notice.pdf");
    ok(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&pdf)]);
    assert_golden_words("demo-notice-2025Q1.txt", &without_todays_dates(&text(&pdf)));
    // Issue 15, item 11: the people who sign by hand have their lines.
    let signed = text(&pdf);
    assert!(signed.contains("经办人：") && signed.contains("审核人：") && signed.contains("村务监督委员会："));
    // Issue 15, item 10: not PDF/X, so no claim to be.
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(!bytes.windows(15).any(|w| w == b"GTS_PDFXVersion"), "the notice claims PDF/X");
    assert_fonts_embedded_as_subsets(&pdf);
    assert_every_page_printed(&pdf, dir.path());
    let info = tool("pdfinfo", &[s(&pdf)]);
    assert!(info.contains("青溪村 2025年第一季度 村民积分公示") && info.contains("A4"), "{info}");
}

#[test]
fn a_reprint_of_a_published_quarter_is_byte_identical() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    ok(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&a)]);
    // Later work in an open quarter changes nothing printed for 2025Q1.
    ok(&["entry", "add", s(&book), "--household", "01001", "--item", "A01", "--date", "2025-05-02"]);
    ok(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&b), "--date", "2030-01-01"]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // Issue 15, item 5: nor does a change of settings after publishing; a
    // draft prints with the new ones.
    ok(&["settings", s(&book), "--issuer", "青溪村两委", "--objections-to", "村积分评议小组（村委会二楼）"]);
    ok(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&b)]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "the reprint drifted with the settings");
    let draft = dir.path().join("draft.pdf");
    ok(&["notice", s(&book), "--quarter", "2025Q2", "-o", s(&draft)]);
    let text = text(&draft);
    assert!(text.contains("青溪村两委") && text.contains("村积分评议小组（村委会二楼）"), "{text}");
}

#[test]
fn a_draft_says_so_on_every_page() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let pdf = dir.path().join("draft.pdf");
    ok(&["notice", s(&book), "--quarter", "2025Q4", "-o", s(&pdf), "--date", "2026-01-05"]);
    let text = text(&pdf);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() > 1);
    for page in pages {
        assert!(page.contains("草稿 · 未发布"), "a page without the draft mark:\n{page}");
    }
    assert!(text.contains("自正式发布之日起 7 天") && !text.contains("校验码"));
    // Issue 24, gap 11: a draft prints its date beside the words that it
    // is one, on every page and in its closing block, so two drafts of
    // different days differ on paper, not only in their metadata.
    let dated = |text: &str, day: &str| text.lines().any(|l| l.contains(day) && l.contains("草稿，未发布"));
    assert!(text.contains("2026年1月5日 · 草稿 · 未发布") && dated(&text, "2026年1月5日"), "{text}");
    let next = dir.path().join("draft-next.pdf");
    ok(&["notice", s(&book), "--quarter", "2025Q4", "-o", s(&next), "--date", "2026-01-06"]);
    let next = self::text(&next);
    assert!(dated(&next, "2026年1月6日") && !next.contains("2026年1月5日"), "{next}");
    // Issue 15, item 4: nothing invites a stamp, and the watermark runs
    // across every page (its characters land, scattered, in the text).
    assert!(!text.contains("（盖章）") && text.contains("不盖章、不张贴"), "{text}");
}

#[test]
fn large_a3_notice_by_group_with_details() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let pdf = dir.path().join("big.pdf");
    ok(&[
        "notice",
        s(&book),
        "--quarter",
        "2025Q1",
        "-o",
        s(&pdf),
        "--paper",
        "a3",
        "--large",
        "--by-group",
        "--detail",
    ]);
    assert!(tool("pdfinfo", &[s(&pdf)]).contains("(A3)"));
    let text = text(&pdf);
    for group in ["（一组）", "六组", "附：2025年第一季度各户积分明细", "拾金不昧，主动归"] {
        assert!(text.contains(group), "missing {group}");
    }
    // Issue 15, item 3: each group's sheet stands alone — its title, both
    // ranks labelled, the closing block with the code — and its later
    // pages say 续.
    let pages: Vec<&str> = text.split('\u{c}').collect();
    for group in ["一组", "二组", "三组", "四组", "五组", "六组"] {
        let title = format!("村民积分公示（{group}）");
        let first = pages.iter().position(|p| p.contains(&title)).unwrap_or_else(|| panic!("no sheet for {group}"));
        assert!(pages[first].contains("组内") && pages[first].contains("全村"), "{group}: ranks not labelled");
        let sheet: Vec<&&str> = pages[first..].iter().take_while(|p| p.contains(&title)).collect();
        assert!(sheet.iter().any(|p| p.contains("公示期") && p.contains("校验码：")), "{group}: no closing block");
        assert!(sheet[1..].iter().all(|p| p.contains(&format!("{title}（续）"))), "{group}: a later page without 续");
    }
    // Table text is set at 16 pt (before the A3 enlargement).
    let qdf = dir.path().join("qdf.pdf");
    tool("qpdf", &["--qdf", "--object-streams=disable", s(&pdf), s(&qdf)]);
    let content = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    let sizes: Vec<f32> =
        content.lines().filter_map(|l| l.strip_prefix("/JFBREG ")?.strip_suffix(" Tf")?.parse().ok()).collect();
    assert!(sizes.contains(&16.0) && !sizes.contains(&11.0), "{sizes:?}");
    assert_fonts_embedded_as_subsets(&pdf);
    assert_every_page_printed(&pdf, dir.path());
}

/// Issue 15, item 1: every character of a name prints — the second font
/// draws CJK extensions B–H glyph by glyph — and one no font has is said
/// at import, naming the household, and refused at printing.
#[test]
fn names_outside_gb2312_print_and_a_missing_glyph_is_refused() {
    let dir = tmp();
    let book = dir.path().join("rare.jfb");
    let roster = dir.path().join("rare.csv");
    std::fs::write(&roster, "户号,户主,村民小组\n001,王堃,一组\n002,李喆,一组\n003,刘䶮,二组\n").unwrap();
    ok(&["init", s(&book), "--village", "龑村", "--code", "9"]);
    ok(&["rules", "import", s(&book), s(&root().join("rules/qingxi-2025.toml"))]);
    ok(&["households", "import", s(&book), s(&roster)]);
    let pdf = dir.path().join("rare.pdf");
    ok(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&pdf)]);
    let text = text(&pdf);
    for name in ["王堃", "李喆", "刘䶮", "龑村"] {
        assert!(text.contains(name), "{name} not printed:\n{text}");
    }
    // 𠮷 (Extension B) and 𰀀 (Extension G) are not in the main font: the
    // second one draws them, and is embedded as a subset too.
    std::fs::write(&roster, "户号,户主,村民小组\n004,𠮷祥,二组\n005,王𰀀,二组\n").unwrap();
    let out = jifenbu(&["households", "import", s(&book), s(&roster)]);
    assert!(out.status.success() && out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let rare = dir.path().join("rarer.pdf");
    ok(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&rare)]);
    let text = self::text(&rare);
    for name in ["𠮷祥", "王𰀀", "刘䶮"] {
        assert!(text.contains(name), "{name} not printed:\n{text}");
    }
    assert!(tool("pdffonts", &[s(&rare)]).contains("JFBEXT"));
    assert_fonts_embedded_as_subsets(&rare);
    ok(&["statement", s(&book), "--household", "004", "--year", "2025", "-o", s(&rare)]);
    assert!(self::text(&rare).contains("𠮷祥"));
    // An Extension I character (Unicode 15.1) is in no font: said at
    // import, naming the household and the character; refused when printed.
    std::fs::write(&roster, "户号,户主,村民小组\n006,\u{2EBF0}明,二组\n").unwrap();
    let out = jifenbu(&["households", "import", s(&book), s(&roster)]);
    let warned = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && warned.contains("户号 006") && warned.contains("U+2EBF0"), "{warned}");
    let missing = dir.path().join("missing.pdf");
    let err = refused(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&missing)]);
    assert!(err.contains("户号 006（户主 \u{2EBF0}明）") && err.contains("U+2EBF0"), "{err}");
    assert!(!missing.exists() && !dir.path().join("missing.pdf.partial").exists());
    let err = refused(&["statement", s(&book), "--household", "006", "--year", "2025", "-o", s(&missing)]);
    assert!(err.contains("户号 006"), "{err}");
}

#[test]
fn statement_reads_back_as_the_golden_text() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let pdf = dir.path().join("statement.pdf");
    // 04017 has an entry of 2025Q1 corrected after that quarter was published.
    ok(&["statement", s(&book), "--household", "04017", "--year", "2025", "-o", s(&pdf), "--date", "2026-01-05"]);
    assert_golden("demo-statement-04017-2025.txt", &without_todays_dates(&text(&pdf)));
    assert_fonts_embedded_as_subsets(&pdf);
    assert_every_page_printed(&pdf, dir.path());
    let err = refused(&["statement", s(&book), "--household", "99999", "--year", "2025", "-o", s(&pdf)]);
    assert!(err.contains("户号 99999 不在本村花名册中"), "{err}");
}

#[test]
fn objections_are_recorded_and_ruled_with_corrections_in_an_open_quarter() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let before = book_digest(&book);
    let err = refused(&["objection", "add", s(&book), "--quarter", "2025Q2", "--household", "01001", "--text", "漏记"]);
    assert!(err.contains("2025年第二季度尚未发布"), "{err}");
    assert_eq!(book_digest(&book), before);

    let first = ok(&[
        "objection",
        "add",
        s(&book),
        "--quarter",
        "2025Q1",
        "--household",
        "01001",
        "--text",
        "三月义务劳动漏记",
        "--received-by",
        "村监委李主任",
        "--date",
        "2025-04-05",
    ]);
    assert_eq!(first.trim(), "1");
    ok(&["objection", "add", s(&book), "--quarter", "2025Q1", "--household", "01002", "--text", "扣分不服", "--late"]);

    // An upheld objection needs a correction; reversing another household's
    // entry is refused; neither changes anything.
    let before = book_digest(&book);
    let err = refused(&["objection", "uphold", s(&book), "1", "--reason", "属实"]);
    assert!(err.contains("异议成立须给出更正"), "{err}");
    let ranking = ok(&["ranking", s(&book), "--quarter", "2025Q1", "--csv"]);
    let others = ranking.lines().find(|l| l.contains(",01002,")).unwrap().to_string();
    let entries = std::fs::read_to_string(root().join("fixtures/demo/entries.csv")).unwrap();
    let not_mine = entries.lines().find(|l| l.starts_with("01002,") && l.contains(",2025-0")).unwrap();
    let id = not_mine.split(',').nth(6).unwrap();
    let err =
        refused(&["objection", "uphold", s(&book), "1", "--reason", "属实", "--reverse", id, "--date", "2025-05-10"]);
    assert!(err.contains("不是提出异议的户号 01001"), "{err}");
    assert_eq!(book_digest(&book), before);

    let fixed =
        ok(&["objection", "uphold", s(&book), "1", "--reason", "经核实属实", "--item", "A01", "--date", "2025-05-10"]);
    assert_eq!(fixed.lines().count(), 1);
    let err = refused(&["objection", "reject", s(&book), "1", "--reason", "再议"]);
    assert!(err.contains("第 1 号异议已于 2025-05-10 处理过（异议成立）"), "{err}");
    ok(&["objection", "reject", s(&book), "2", "--reason", "扣分有村民小组记录为证", "--date", "2025-04-08"]);

    let list = ok(&["objection", "list", s(&book), "--quarter", "2025Q1"]);
    assert!(list.contains("第 1 号") && list.contains("异议成立：经核实属实；更正记录 "), "{list}");
    assert!(list.contains(fixed.trim()) && list.contains("异议不成立：扣分有村民小组记录为证"), "{list}");
    // The published quarter is untouched; the correction counts in 2025Q2.
    assert_eq!(
        ok(&["ranking", s(&book), "--quarter", "2025Q1", "--csv"]).lines().find(|l| l.contains(",01002,")).unwrap(),
        others
    );
    let q2 = ok(&["ranking", s(&book), "--quarter", "2025Q2", "--csv"]);
    assert!(q2.contains(",01001,"));
    let statement = dir.path().join("s.pdf");
    ok(&["statement", s(&book), "--household", "01001", "--year", "2025", "-o", s(&statement), "--date", "2025-06-30"]);
    assert!(text(&statement).contains("异议第1号（2025"), "the correction names the objection");
    ok(&["verify", s(&book)]);
}

#[test]
fn settings_change_what_the_notice_says() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let shown = ok(&["settings", s(&book)]);
    assert!(shown.contains("发布单位：青溪村村民委员会") && shown.contains("异议受理：村务监督委员会"), "{shown}");
    ok(&["settings", s(&book), "--objections-to", "村务监督委员会（村委会一楼办公室，电话 0571-12345678）"]);
    let err = refused(&["settings", s(&book), "--issuer", " "]);
    assert!(err.contains("发布单位不能为空"), "{err}");
    // From the next publication on (a published quarter keeps its own).
    let pdf = dir.path().join("n.pdf");
    ok(&["notice", s(&book), "--quarter", "2025Q2", "-o", s(&pdf)]);
    // The draft's diagonal watermark reads back scattered between lines.
    let read = text(&pdf).replace(|c: char| c.is_whitespace() || "草稿·未发布".contains(c), "");
    assert!(read.contains("村委会一楼办公室，电话0571-12345678"), "{read}");
}

#[test]
fn town_report_ranks_villages_with_the_totals() {
    let dir = tmp();
    let town = root().join("fixtures/town");
    let (csv, pdf) = (dir.path().join("rollup.csv"), dir.path().join("town.pdf"));
    let mut args: Vec<String> =
        ["rollup", "-o", s(&csv), "--pdf", s(&pdf), "--town", "青山镇", "--issuer", "青山镇人民政府"]
            .map(String::from)
            .to_vec();
    let mut files: Vec<String> = std::fs::read_dir(&town)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv" || e == "xlsx"))
        .map(|p| s(&p).to_string())
        .collect();
    files.sort();
    args.extend(files.clone());
    ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_golden("town-report-2025Q1.txt", &without_todays_dates(&text(&pdf)));
    assert_fonts_embedded_as_subsets(&pdf);
    assert_every_page_printed(&pdf, dir.path());

    // A refused rollup prints nothing either.
    std::fs::remove_file(&pdf).unwrap();
    files.push(files[0].clone());
    let mut args = vec!["rollup", "-o", s(&csv), "--pdf", s(&pdf)];
    args.extend(files.iter().map(String::as_str));
    refused(&args);
    assert!(!pdf.exists());
}

/// Issue 15, item 7: the appendix (`--detail`) gives each household a band
/// that comes back, marked 续, on a page it runs onto; numbers its lines;
/// links a reversal to the line it cancels; ends each household with its
/// subtotal; and, where the rulebook says so, prints deduct items by name.
#[test]
fn the_detail_appendix_stands_by_household() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let pdf = dir.path().join("detail.pdf");
    ok(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&pdf), "--detail"]);
    let text = text(&pdf);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let appendix: Vec<&&str> = pages
        .iter()
        .skip_while(|p| !p.contains("附：2025年第一季度各户积分明细"))
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(appendix.len() > 2, "{} pages of appendix", appendix.len());
    // Every page after the first starts with a household's band: its own,
    // or the one carried over (续).
    for page in &appendix[1..] {
        let first_row = page.lines().find(|l| l.trim_start().starts_with("户号 ") || l.contains("小计")).unwrap_or("");
        assert!(first_row.trim_start().starts_with("户号 "), "a page starts without a household:\n{page}");
    }
    assert!(appendix.iter().any(|p| p.contains("组（续）")), "no household runs on");
    assert!(text.contains("冲销第 1 条：录错户号"), "the reversal names its line");
    // Each household's lines end with its subtotal (111 households have
    // entries in the demo's first quarter).
    assert_eq!(text.matches("小计：本季加分").count(), 111);

    // A village that prints deduct items by name only.
    let rules = std::fs::read_to_string(root().join("rules/qingxi-2025.toml")).unwrap().replacen(
        "notice_days = 7",
        "notice_days = 7\ndetail_deduct_notes = false",
        1,
    );
    let quiet = write(dir.path(), "quiet.toml", &rules);
    let other = dir.path().join("quiet.jfb");
    ok(&["init", s(&other), "--village", "青溪村", "--code", "1"]);
    ok(&["rules", "import", s(&other), s(&quiet)]);
    ok(&["households", "import", s(&other), s(&write(dir.path(), "h.csv", "户号,户主,村民小组\n001,王堃,一组\n"))]);
    for (item, note) in [("B19", "打架斗殴被拘留"), ("A08", "村民大会")] {
        ok(&["entry", "add", s(&other), "--household", "001", "--item", item, "--date", "2025-02-01", "--note", note]);
    }
    ok(&["notice", s(&other), "--quarter", "2025Q1", "-o", s(&pdf), "--detail"]);
    let text = self::text(&pdf);
    assert!(text.contains("受到治安处罚") && !text.contains("打架斗殴被拘留"), "{text}");
    assert!(text.contains("村民大会") && text.contains("扣分项只列项目名称"), "{text}");
}

/// Issue 15, item 11: the board layout (`--board`) is A3, portrait while
/// the ranking fits, its table at 16 pt before the √2 enlargement (about
/// 8 mm a character, read from 2 m), and a page holds over 20 rows.
#[test]
fn the_board_layout_is_a3_in_large_type() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let pdf = dir.path().join("board.pdf");
    ok(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&pdf), "--board"]);
    let info = tool("pdfinfo", &[s(&pdf)]);
    assert!(info.contains("841.85 x 1190.6") || info.contains("841.854 x 1190.61"), "{info}");
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(pages <= 114 / 20 + 2, "{pages} pages for 114 households");
    let text = text(&pdf);
    assert!(text.contains("程云凤") && text.contains("积分规则摘要"), "{text}");
    let e = jifenbu(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&pdf), "--board", "--large"]);
    assert_eq!(e.status.code(), Some(2), "--board and --large together are a usage error");
    assert_fonts_embedded_as_subsets(&pdf);
}

/// Issue 15: every variant of the notice has its golden text, and every
/// page of each is rendered and has ink: A3, large, board, by group, with
/// the appendix, and a draft (the A4 notice, the statement and the town
/// report have theirs above).
#[test]
fn every_notice_variant_reads_back_as_its_golden_text() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let variants: [(&str, &str, &[&str]); 6] = [
        ("a3", "2025Q1", &["--paper", "a3"]),
        ("large", "2025Q1", &["--large"]),
        ("board", "2025Q1", &["--board"]),
        ("by-group", "2025Q1", &["--by-group"]),
        ("detail", "2025Q1", &["--detail"]),
        ("draft", "2025Q2", &["--date", "2025-07-05"]),
    ];
    for (name, quarter, options) in variants {
        let pdf = dir.path().join(format!("{name}.pdf"));
        let mut args = vec!["notice", s(&book), "--quarter", quarter, "-o", s(&pdf)];
        args.extend(options);
        ok(&args);
        assert_golden_words(&format!("demo-notice-{quarter}-{name}.txt"), &without_todays_dates(&text(&pdf)));
        assert_every_page_printed(&pdf, dir.path());
    }
}
