//! The `jifenbu` command line, run as a real binary on real book files.

mod common;

use common::*;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn demo_rankings_match_golden_files() {
    let dir = tmp();
    let book = demo_book(dir.path());
    for q in 1..=4 {
        let quarter = format!("2025Q{q}");
        let csv = ok(&["ranking", s(&book), "--quarter", &quarter, "--csv"]);
        let golden = root().join(format!("tests/golden/demo-ranking-{quarter}.csv"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &csv).unwrap();
        }
        let want = std::fs::read_to_string(&golden).expect("golden file (UPDATE_GOLDEN=1 writes it)");
        assert!(csv == want, "{quarter} ranking differs from {}", golden.display());
    }
}

#[derive(serde::Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    file: String,
    command: String,
    expect: Vec<String>,
}

#[test]
fn every_bad_input_is_refused_with_its_message_and_changes_nothing() {
    let bad = root().join("fixtures/bad");
    let cases: Cases = toml::from_str(&std::fs::read_to_string(bad.join("cases.toml")).unwrap()).unwrap();
    assert!(cases.case.len() >= 15);
    let dir = tmp();
    let book = demo_book(dir.path());
    let before = book_digest(&book);
    for case in &cases.case {
        // Messages name the file as given: run from the folder, by name.
        let out = std::process::Command::new(bin())
            .current_dir(&bad)
            .args([case.command.as_str(), "import", s(&book), &case.file])
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{}: expected exit 1, stderr:\n{stderr}", case.file);
        for want in &case.expect {
            assert!(stderr.contains(want.as_str()), "{}: stderr lacks «{want}»:\n{stderr}", case.file);
        }
        assert_eq!(book_digest(&book), before, "{} changed the book", case.file);
    }
}

#[test]
fn entry_add_prints_the_id_and_moves_the_ranking() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let row = |csv: &str| csv.lines().find(|l| l.contains(",01001,")).unwrap().to_string();
    let before = row(&ok(&["ranking", s(&book), "--quarter", "2025Q4", "--csv"]));
    let id = ok(&["entry", "add", s(&book), "--household", "01001", "--item", "A01", "--date", "2025-11-02"]);
    let id = id.trim();
    assert_eq!(id.len(), 36, "stdout is the id alone: {id:?}");
    let after = row(&ok(&["ranking", s(&book), "--quarter", "2025Q4", "--csv"]));
    let add = |r: &str| r.split(',').nth(4).unwrap().parse::<f64>().unwrap();
    assert_eq!(add(&after) - add(&before), 5.0, "{before} -> {after}");
    // Reversing it brings the row back exactly.
    ok(&["entry", "reverse", s(&book), id, "--reason", "录错", "--date", "2025-11-03"]);
    assert_eq!(row(&ok(&["ranking", s(&book), "--quarter", "2025Q4", "--csv"])), before);
    ok(&["verify", s(&book)]);
}

#[test]
fn ranged_items_take_stated_points_and_caps_say_what_is_left() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let b = s(&book);
    ok(&["entry", "add", b, "--household", "01002", "--item", "A12", "--date", "2025-11-02", "--points", "2.5"]);
    let e = refused(&[
        "entry",
        "add",
        b,
        "--household",
        "01002",
        "--item",
        "A12",
        "--date",
        "2025-11-02",
        "--points",
        "11",
    ]);
    assert!(e.contains("超出范围"), "{e}");
    ok(&["entry", "add", b, "--household", "01004", "--item", "A29", "--date", "2025-11-02"]);
    let e = refused(&["entry", "add", b, "--household", "01004", "--item", "A29", "--date", "2025-12-02"]);
    assert!(e.contains("超过封顶") && e.contains("还可计 0 分"), "{e}");
    let e = refused(&["entry", "add", b, "--household", "09999", "--item", "A01", "--date", "2025-11-02"]);
    assert!(e.contains("户号 09999 不在本村花名册中"), "{e}");
}

#[test]
fn a_published_quarter_is_frozen() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let b = s(&book);
    let q1 = ok(&["ranking", b, "--quarter", "2025Q1", "--csv"]);
    let e = refused(&["entry", "add", b, "--household", "01001", "--item", "A01", "--date", "2025-02-01"]);
    assert!(e.contains("2025年第一季度已发布封存"), "{e}");
    let e = refused(&["publish", b, "--quarter", "2025Q1"]);
    assert!(e.contains("已经发布过"), "{e}");
    // A reversal of a Q1 entry dated in Q1 has nowhere to post.
    let first_id = std::fs::read_to_string(root().join("fixtures/demo/entries.csv")).unwrap();
    let first_id = first_id.lines().nth(1).unwrap().rsplit(',').next().unwrap().to_string();
    let e = refused(&["entry", "reverse", b, &first_id, "--reason", "x", "--date", "2025-03-30"]);
    assert!(e.contains("2025年第一季度已发布"), "{e}");
    // Dated later, it posts in Q3 and leaves the frozen Q1 as printed.
    ok(&["entry", "reverse", b, &first_id, "--reason", "x", "--date", "2025-08-01"]);
    assert_eq!(ok(&["ranking", b, "--quarter", "2025Q1", "--csv"]), q1);
    let text = ok(&["ranking", b, "--quarter", "2025Q1"]);
    assert!(text.contains("已发布"), "{text}");
    // Issue 12, defect 7: a year's quarters are published in order, so Q4
    // waits for Q2 and Q3 and an entry dated in Q2 cannot change Q4's
    // frozen year-to-date figures afterwards.
    let e = refused(&["publish", b, "--quarter", "2025Q4"]);
    assert!(e.contains("2025年第二季度还未发布"), "{e}");
    // The notice goes up after the quarter's end and at most a month ahead.
    let e = refused(&["publish", b, "--quarter", "2025Q2", "--date", "2025-06-29"]);
    assert!(e.contains("不能早于季度最后一天"), "{e}");
    let e = refused(&["publish", b, "--quarter", "2025Q2", "--date", "2099-01-01"]);
    assert!(e.contains("公示日期最多提前 30 天"), "{e}");
    // Publishing Q2 freezes it too.
    let q2 = ok(&["ranking", b, "--quarter", "2025Q2", "--csv"]);
    let out = ok(&["publish", b, "--quarter", "2025Q2", "--date", "2025-07-03", "--backfill"]);
    assert!(out.contains("已发布 2025Q2"), "{out}");
    assert_eq!(ok(&["ranking", b, "--quarter", "2025Q2", "--csv"]), q2);
    let e = refused(&["entry", "add", b, "--household", "01001", "--item", "A01", "--date", "2025-06-30"]);
    assert!(e.contains("2025年第二季度已发布封存"), "{e}");
    ok(&["verify", b]);
}

#[test]
fn reversals_happen_once_and_never_of_a_reversal() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let b = s(&book);
    let id = ok(&["entry", "add", b, "--household", "01003", "--item", "B07", "--date", "2025-08-01"]);
    let rev = ok(&["entry", "reverse", b, id.trim(), "--reason", "误记"]);
    let e = refused(&["entry", "reverse", b, id.trim(), "--reason", "再来"]);
    assert!(e.contains("已于") && e.contains("冲销过"), "{e}");
    let e = refused(&["entry", "reverse", b, rev.trim(), "--reason", "再来"]);
    assert!(e.contains("本身是冲销记录"), "{e}");
    let e = refused(&["entry", "reverse", b, "no-such-id", "--reason", "x"]);
    assert!(e.contains("找不到编号为 no-such-id"), "{e}");
    let e = refused(&["entry", "reverse", b, id.trim(), "--reason", "  "]);
    assert!(e.contains("原因不能为空"), "{e}");
}

#[test]
fn importing_the_same_entries_twice_adds_nothing() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let before = book_digest(&book);
    // Issue 12, defect 12: the very file imported before is refused, saying when and by whom.
    let demo_entries = root().join("fixtures/demo/entries.csv");
    let e = refused(&["entries", "import", s(&book), s(&demo_entries)]);
    assert!(e.contains("entries.csv 已于") && e.contains("由 示范文书 导入过（1500 条）"), "{e}");
    assert_eq!(book_digest(&book), before);
    // Another file with the same ids adds nothing: each row's id is in the book.
    let mut copy = std::fs::read_to_string(&demo_entries).unwrap();
    copy.push('\n');
    let again = write(dir.path(), "copy.csv", &copy);
    let out = ok(&["entries", "import", s(&book), s(&again)]);
    assert!(out.contains("已导入积分记录 0 条，跳过已有记录 1500 条"), "{out}");
}

/// Issue 12, defect 12: rows without ids that repeat entries of the book
/// are listed and refused unless the clerk says they are new deeds.
#[test]
fn rows_like_entries_already_in_the_book_are_asked_about() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let first = write(dir.path(), "a.csv", "户号,项目,日期\n01001,A06,2025-11-02\n01002,A06,2025-11-03\n");
    ok(&["entries", "import", s(&book), s(&first)]);
    let e = refused(&["entries", "import", s(&book), s(&first)]);
    assert!(e.contains("导入过（2 条）"), "{e}");
    let before = book_digest(&book);
    let second = write(dir.path(), "b.csv", "户号,项目,日期,备注\n01001,A06,2025-11-02,\n01003,A06,2025-11-02,\n");
    let e = refused(&["entries", "import", s(&book), s(&second)]);
    assert!(e.contains("b.csv 中有 1 行与积分簿里已有的记录完全相同"), "{e}");
    assert!(e.contains("第 2 行：01001 A06 2025-11-02 2 分"), "{e}");
    assert!(e.contains("--allow-duplicates"), "{e}");
    assert_eq!(book_digest(&book), before);
    let out = ok(&["entries", "import", s(&book), s(&second), "--allow-duplicates"]);
    assert!(out.contains("已导入积分记录 2 条"), "{out}");
}

#[test]
fn a_file_with_one_bad_line_imports_nothing() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let before = book_digest(&book);
    let f = write(
        dir.path(),
        "e.csv",
        "户号,项目,日期\n01001,A06,2025-11-02\n01002,A06,2025-11-02\n01003,A06,2025-11-31\n",
    );
    let e = refused(&["entries", "import", s(&book), s(&f)]);
    assert!(e.contains("第 4 行"), "{e}");
    assert_eq!(book_digest(&book), before);
}

#[test]
fn files_that_are_not_books_are_refused_untouched() {
    let dir = tmp();
    let text = write(dir.path(), "notes.jfb", "这不是积分簿");
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    for f in [&text, &other] {
        let before = std::fs::read(f).unwrap();
        let e = refused(&["verify", s(f)]);
        assert!(e.contains("不是积分簿文件"), "{e}");
        assert_eq!(std::fs::read(f).unwrap(), before);
    }
    let e = refused(&["ranking", s(&dir.path().join("missing.jfb")), "--quarter", "2025Q1"]);
    assert!(e.contains("找不到积分簿文件"), "{e}");
}

#[test]
fn init_never_overwrites() {
    let dir = tmp();
    let book = dir.path().join("v.jfb");
    ok(&["init", s(&book), "--village", "测试村", "--code", "1"]);
    let e = refused(&["init", s(&book), "--village", "测试村", "--code", "1"]);
    assert!(e.contains("已经存在"), "{e}");
}

#[test]
fn backup_makes_a_book_that_opens_and_verifies() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let dest = dir.path().join("usb");
    std::fs::create_dir(&dest).unwrap();
    let out = ok(&["backup", s(&book), s(&dest)]);
    let copy = std::fs::read_dir(&dest).unwrap().next().unwrap().unwrap().path();
    // By name: on Windows the folder given and the name made join with `\`.
    assert!(out.contains(s(copy.file_name().unwrap().as_ref())), "{out}");
    ok(&["verify", s(&copy)]);
    assert_eq!(book_digest(&copy), book_digest(&book));
    let e = refused(&["backup", s(&book), s(&copy)]);
    assert!(e.contains("已经存在"), "{e}");
}

/// Without a destination a backup goes where the app's go: 积分簿备份 in
/// the user's Documents folder, by the desktop's own name for it (文档 on
/// a Chinese desktop). Windows' known folder: tests/windows.rs.
#[test]
fn a_backup_without_a_destination_goes_to_the_documents_folder() {
    if wine_prefix().is_some() {
        return;
    }
    let dir = tmp();
    let book = demo_book(dir.path());
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join(".config")).unwrap();
    std::fs::write(home.join(".config/user-dirs.dirs"), "XDG_DOCUMENTS_DIR=\"$HOME/文档\"\n").unwrap();
    let out = cli(&["backup", s(&book)]).env("HOME", &home).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let folder = home.join("文档/积分簿备份");
    let copy = std::fs::read_dir(&folder).unwrap().next().unwrap().unwrap().path();
    assert!(String::from_utf8_lossy(&out.stdout).contains(s(&copy)));
    ok(&["verify", s(&copy)]);
}

/// Issue 17: `jifenbu --help` (and every command's) is in Chinese.
#[test]
fn help_is_in_chinese() {
    for args in [vec!["--help"], vec!["entry", "add", "--help"], vec!["year", "--help"]] {
        let help = ok(&args);
        assert!(help.contains("用法：") && help.contains("显示帮助"), "{args:?}:\n{help}");
        for english in ["Usage:", "Options:", "Commands:", "Arguments:", "Print help", "[OPTIONS]"] {
            assert!(!help.contains(english), "{args:?}: {english} in\n{help}");
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["ranking", "x.jfb", "--quarter", "2025Q5"][..], &["entry", "add", "x.jfb"], &["frobnicate"]] {
        assert_eq!(jifenbu(args).status.code(), Some(2), "{args:?}");
    }
    let out = jifenbu(&["ranking", "x.jfb", "--quarter", "2025-3"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("用法错误：参数的值不对") && stderr.contains("应写作 2026Q3"), "{stderr}");
    assert!(jifenbu(&["--help"]).status.success());
    // Each kind of mistake is told in Chinese: clap's English never shows.
    let cases: [(&[&str], &str); 6] = [
        (
            &["shop", "redeem", "x.jfb", "--household", "1", "--goods", "G01:0"],
            "--goods <GOODS> 的值「G01:0」不对：数量「0」",
        ),
        (
            &["shop", "goods", "add", "x.jfb", "--code", "G", "--name", "a", "--unit", "b", "--price", "-3"],
            "「-3」像是负数",
        ),
        (&["notice", "x.jfb", "-o", "a.pdf"], "缺少 --quarter"),
        (&["frobnicate"], "没有「frobnicate」这个命令"),
        (&["notice", "x.jfb", "--quarter", "2025Q1", "-o", "a.pdf", "--paper", "a5"], "可选：a4、a3"),
        (&["ranking", "x.jfb", "--quarter", "2025Q1", "--bogus"], "不认识的参数「--bogus」"),
    ];
    for (args, want) in cases {
        let out = jifenbu(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert!(
            english_in(
                &stderr,
                &[
                    "jifenbu",
                    "help",
                    "GOODS",
                    "QUARTER",
                    "PAPER",
                    "goods",
                    "quarter",
                    "paper",
                    "bogus",
                    "frobnicate",
                    "pdf",
                    "notice"
                ]
            )
            .is_empty(),
            "{args:?}: {stderr}"
        );
    }
}

/// The smaller rulebook: ranged points, quarter and year caps, a veto item,
/// star levels and ranking by the quarter's score.
#[test]
fn rank_by_quarter_with_caps_veto_and_stars() {
    let dir = tmp();
    let book = dir.path().join("s.jfb");
    let b = s(&book);
    ok(&["init", b, "--village", "山背村", "--code", "330109002"]);
    ok(&["rules", "import", b, s(&root().join("rules/shanbei-2026.toml"))]);
    let roster = write(dir.path(), "h.csv", "code,head,group\nA,甲,一组\nB,乙,一组\nC,丙,二组\nD,丁,二组\n");
    ok(&["households", "import", b, s(&roster)]);
    let entries = write(
        dir.path(),
        "e.csv",
        "户号,项目,日期,数量,分值\n\
         A,G2,2026-02-01,3,15\n\
         B,G1,2026-04-01,4,\n\
         C,G3,2026-05-01,1,0.5\n\
         C,K3,2026-05-02,1,\n\
         D,G1,2026-05-03,2,\n\
         D,K1,2026-05-04,1,\n",
    );
    ok(&["entries", "import", b, s(&entries)]);
    // G1 caps at 6 a quarter: B has 6 already.
    let e = refused(&["entry", "add", b, "--household", "B", "--item", "G1", "--date", "2026-06-01"]);
    assert!(e.contains("每户季度最多 6 分") && e.contains("还可计 0 分"), "{e}");
    // G2 caps at 15 a year: A has 15 from Q1.
    let e = refused(&["entry", "add", b, "--household", "A", "--item", "G2", "--date", "2026-08-01", "--points", "1"]);
    assert!(e.contains("每户年最多 15 分") && e.contains("本户本年度已计 15 分"), "{e}");
    let q2 = ok(&["ranking", b, "--quarter", "2026Q2", "--csv"]);
    assert_eq!(
        q2,
        "名次,户号,户主,村民小组,本季加分,本季扣分,本季得分,年度累计,星级,一票否决,其中更正,更正说明\r\n\
         1,B,乙,一组,6,0,6,66,0,,0,\r\n\
         2,D,丁,二组,3,1,2,62,0,,0,\r\n\
         3,A,甲,一组,0,0,0,75,1,,0,\r\n\
         4,C,丙,二组,0.5,20,-19.5,40.5,0,是,0,\r\n"
    );
}

fn town(name: &str) -> String {
    root().join("fixtures/town").join(name).to_str().unwrap().to_string()
}

#[test]
fn export_of_a_published_quarter_matches_the_town_fixture() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let out = dir.path().join("q1.csv");
    ok(&["export", s(&book), "--quarter", "2025Q1", "-o", s(&out)]);
    // The digest binds the ledger's end, recording times included, so it
    // differs with every build of the demo, and the demo's 2025 is keyed in
    // from paper the day it is built (补录日期); the rest is the town's copy.
    let want = std::fs::read_to_string(town("330109001-青溪村-2025Q1.csv")).unwrap();
    let got = std::fs::read_to_string(&out).unwrap();
    let seal = |text: &str| {
        let cells: Vec<String> = text.lines().nth(1).unwrap().rsplit(',').take(2).map(str::to_string).collect();
        (cells[1].clone(), cells[0].clone())
    };
    let (digest, backfilled) = seal(&got);
    assert_eq!((digest.len(), backfilled.as_str()), (64, chrono::Local::now().date_naive().to_string().as_str()));
    let (want_digest, want_backfilled) = seal(&want);
    let got = got.replace(&digest, &want_digest).replace(&format!(",{backfilled}\r"), &format!(",{want_backfilled}\r"));
    assert!(got == want, "export differs from the town fixture:\n{got}");
    // Unpublished: the same columns, the digest and backfill empty.
    ok(&["export", s(&book), "--quarter", "2025Q4", "-o", s(&out)]);
    let text = std::fs::read_to_string(&out).unwrap();
    let first = text.lines().nth(1).unwrap();
    assert!(first.starts_with("330109001,青溪村,2025,4,") && first.ends_with(",,"), "{first}");
}

/// A Windows console hands `导出\*.csv` to the program as typed: a
/// wildcard, or a folder, stands for the villages' files, and an unmatched
/// one is refused by name.
#[test]
fn rollup_takes_a_folder_or_a_wildcard_for_the_villages() {
    let dir = tmp();
    let exports = dir.path().join("各村 导出");
    std::fs::create_dir(&exports).unwrap();
    for f in [
        "330109003-溪口村-2025Q1.csv",
        "330109001-青溪村-2025Q1.csv",
        "330109008-岭下村-2025Q1.xlsx",
        "330109002-山背村-2025Q1.csv",
    ] {
        std::fs::copy(town(f), exports.join(f)).unwrap();
    }
    std::fs::write(exports.join("说明.txt"), "不是导出文件").unwrap();
    let golden = std::fs::read_to_string(root().join("tests/golden/town-rollup-2025Q1.csv")).unwrap();
    let out = dir.path().join("town.csv");
    ok(&["rollup", "-o", s(&out), s(&exports)]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), golden);
    let (csv, xlsx) = (exports.join("*.csv"), exports.join("*-2025Q1.xls?"));
    ok(&["rollup", "-o", s(&out), s(&csv), s(&xlsx)]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), golden);
    let none = exports.join("*-2026Q1.csv");
    let e = refused(&["rollup", "-o", s(&dir.path().join("x.csv")), s(&none)]);
    assert!(e.contains("没有文件符合") && e.contains("2026Q1"), "{e}");
    assert!(!dir.path().join("x.csv").exists());
}

#[test]
fn rollup_of_the_town_fixtures_matches_golden() {
    let dir = tmp();
    let out = dir.path().join("town.csv");
    let files = [
        "330109003-溪口村-2025Q1.csv",
        "330109001-青溪村-2025Q1.csv",
        "330109008-岭下村-2025Q1.xlsx",
        "330109002-山背村-2025Q1.csv",
    ];
    let (xlsx, households) = (dir.path().join("town.xlsx"), dir.path().join("households.csv"));
    let mut args = vec!["rollup".to_string(), "-o".into(), s(&out).into(), "--xlsx".into(), s(&xlsx).into()];
    args.extend(["--households".into(), s(&households).into()]);
    args.extend(files.iter().map(|f| town(f)));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(&args);
    let golden = |name: &str| std::fs::read_to_string(root().join("tests/golden").join(name)).unwrap();
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv, golden("town-rollup-2025Q1.csv"));
    assert_eq!(std::fs::read_to_string(&households).unwrap(), golden("town-households-2025Q1.csv"));
    // The workbook holds the same table, numbers as number cells.
    let file = std::fs::File::open(&xlsx).unwrap();
    let sheet = jifenbu_store::open_table("town.xlsx", file, None).unwrap().read_to_string().unwrap();
    assert_eq!(sheet, csv.trim_start_matches('\u{feff}').replace("\r\n", "\n"));
}

#[test]
fn rollup_refuses_bad_files_and_writes_nothing() {
    let dir = tmp();
    let out = dir.path().join("town.csv");
    let good = town("330109003-溪口村-2025Q1.csv");
    let cases = [
        ("330109004-东岙村-2025Q2.csv", "是2025年第二季度的数据"),
        ("330109003-溪口村-again.csv", "村代码 330109003（溪口村）与"),
        ("renamed-column.csv", "renamed-column.csv 第 1 行：表头缺少「本季扣分」列"),
        ("bad-number.csv", "bad-number.csv 第 3 行第 8 列「本季加分」：「1.5分」不是数字"),
        ("duplicate-household.csv", "duplicate-household.csv 第 4 行第 5 列「户号」：户号 W1 与第 2 行重复"),
        // Issue 24, item 8: Excel's GBK CSV lost 𠮷 to `?`.
        (
            "330109005-石门村-gbk-lost.csv",
            "330109005-石门村-gbk-lost.csv 第 3 行第 6 列「户主」：「?祥云」中的「?」是文件另存为 GBK 编码的 CSV 时丢掉的字",
        ),
    ];
    for (file, want) in cases {
        let bad = town(&format!("bad/{file}"));
        let (xlsx, households) = (dir.path().join("t.xlsx"), dir.path().join("h.csv"));
        let e = refused(&["rollup", "-o", s(&out), "--xlsx", s(&xlsx), "--households", s(&households), &good, &bad]);
        assert!(e.contains(want), "{file}: stderr lacks «{want}»:\n{e}");
        assert!(!out.exists(), "{file}: a refused rollup wrote {}", out.display());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "{file}: left a file behind");
    }
}

#[test]
fn exported_text_cannot_smuggle_a_formula() {
    let dir = tmp();
    let book = dir.path().join("f.jfb");
    let b = s(&book);
    ok(&["init", b, "--village", "测试村", "--code", "1"]);
    ok(&["rules", "import", b, s(&root().join("rules/qingxi-2025.toml"))]);
    let roster = write(dir.path(), "h.csv", "户号,户主,村民小组\n01,\"=HYPERLINK(\"\"x\"\")\",一组\n02,@张,一组\n");
    ok(&["households", "import", b, s(&roster)]);
    ok(&["entry", "add", b, "--household", "02", "--item", "B07", "--date", "2025-02-01"]);
    let out = dir.path().join("e.csv");
    ok(&["export", b, "--quarter", "2025Q1", "-o", s(&out)]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{text}");
    assert!(text.contains(",'@张,一组,0,2,-2,98,"), "negative numbers stay numbers: {text}");
}

#[test]
fn excel_workbooks_import_like_csv() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let b = s(&book);
    let xlsx = |f: &str| root().join("fixtures/xlsx").join(f).to_str().unwrap().to_string();
    // The roster is on the second sheet; the first holds a note.
    let e = refused(&["households", "import", b, &xlsx("households.xlsx")]);
    assert!(e.contains("第 1 行：表头缺少「户号」列"), "{e}");
    let e = refused(&["households", "import", b, &xlsx("households.xlsx"), "--sheet", "表1"]);
    assert!(e.contains("没有名为「表1」的工作表；文件中有：说明、花名册"), "{e}");
    ok(&["households", "import", b, &xlsx("households.xlsx"), "--sheet", "花名册"]);
    // Entries below a title row, with date cells, a number cell and a line break in a note.
    let out = ok(&["entries", "import", b, &xlsx("entries.xlsx")]);
    assert!(out.contains("已导入积分记录 2 条"), "{out}");
    let conn = rusqlite::Connection::open(&book).unwrap();
    let rows: Vec<(String, String, String, f64, String)> = conn
        .prepare(
            "SELECT household, item_code, date, points, note FROM ledger WHERE household LIKE '0900%' ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            ("09001".into(), "A06".into(), "2025-11-02".into(), 4.0, "清扫 村道".into()),
            ("09002".into(), "A12".into(), "2025-11-03".into(), 2.5, String::new()),
        ]
    );
}

/// Issue 16, crash D: text past its bound is refused at the door, and the
/// refusal quotes at most a short piece of it.
#[test]
fn overlong_text_is_refused_and_not_echoed_whole() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let before = book_digest(&book);
    let head = "张".repeat(1_000_000);
    let roster = write(dir.path(), "h.csv", &format!("户号,户主,村民小组\n09001,{head},一组\n"));
    let e = refused(&["households", "import", s(&book), s(&roster)]);
    assert!(e.contains("第 2 行超过 256 KB"), "{}", &e[..e.len().min(300)]);
    assert!(e.len() < 1_000, "the refusal is {} bytes long", e.len());
    let code = "9".repeat(100_000);
    let entries = write(
        dir.path(),
        "e.csv",
        &format!("户号,项目,日期,备注\n{code},A06,2025-11-02,\n01001,A06,2025-11-03,{}\n", "注".repeat(300)),
    );
    let e = refused(&["entries", "import", s(&book), s(&entries)]);
    assert!(e.contains("备注最多 200 个字") && e.contains("不在本村花名册中"), "{}", &e[..e.len().min(300)]);
    assert!(e.len() < 1_000, "the refusal is {} bytes long", e.len());
    let e = refused(&[
        "entry",
        "add",
        s(&book),
        "--household",
        "01001",
        "--item",
        "A06",
        "--date",
        "2025-11-03",
        "--note",
        &"注".repeat(201),
    ]);
    assert!(e.contains("备注最多 200 个字"), "{e}");
    assert_eq!(book_digest(&book), before);
}

/// Issue 16, crash C: a rulebook whose numbers would make later sums
/// overflow is refused when it is imported, so no later command panics.
#[test]
fn a_rulebook_with_absurd_numbers_is_refused_at_import() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let rules = std::fs::read_to_string(root().join("rules/qingxi-2025.toml")).unwrap();
    for (from, to) in [
        ("base_points = 100", "base_points = 99999999999999999"),
        ("effective_from = 2025-01-01", "effective_from = 9999-12-31"),
    ] {
        assert!(rules.contains(from), "{from}");
        let bad = write(dir.path(), "bad.toml", &rules.replacen(from, to, 1));
        let e = refused(&["rules", "import", s(&book), s(&bad)]);
        assert!(e.contains("bad.toml 第 ") && e.contains("rulebook."), "{e}");
    }
    ok(&["ranking", s(&book), "--quarter", "2025Q4"]);
}

/// Issue 17, gap 4: a rulebook file far bigger than any village's (a
/// wrong file picked) is refused before it is read, not parsed whole.
#[test]
fn a_rulebook_file_past_its_bound_is_refused_unread() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let before = book_digest(&book);
    let rules = std::fs::read_to_string(root().join("rules/qingxi-2025.toml")).unwrap();
    let padding = "# 注释\n".repeat(150_000);
    let big = write(dir.path(), "大.toml", &format!("{rules}{padding}"));
    let e = refused(&["rules", "import", s(&book), s(&big)]);
    assert!(e.contains("大.toml 第 1 行") && e.contains("超过 1024 KB，不像一份村规则"), "{e}");
    assert_eq!(book_digest(&book), before);
}

/// Issue 24, gap 10: the `'` that defuses a formula-like text exists only in
/// CSV files meant for spreadsheets: read back, the value is the real one,
/// so the town's households CSV escapes it once, and its report prints it
/// as it is.
#[test]
fn a_formula_like_name_is_escaped_once_and_printed_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("公式村.jfb");
    ok(&["init", s(&book), "--village", "=1+1村", "--code", "330109099"]);
    ok(&["rules", "import", s(&book), s(&root().join("rules/qingxi-2025.toml"))]);
    let roster = write(dir.path(), "名册.csv", "户号,户主,村民小组\n001,@王,一组\n002,李四,二组\n");
    ok(&["households", "import", s(&book), s(&roster)]);
    ok(&["entry", "add", s(&book), "--household", "001", "--item", "A08", "--date", "2025-02-03"]);
    ok(&["publish", s(&book), "--quarter", "2025Q1", "--date", "2025-04-03", "--backfill"]);
    let export = dir.path().join("公式村-2025Q1.csv");
    ok(&["export", s(&book), "--quarter", "2025Q1", "-o", s(&export)]);
    assert!(std::fs::read_to_string(&export).unwrap().contains("'=1+1村"));
    let (out, households, pdf) = (dir.path().join("汇总.csv"), dir.path().join("各户.csv"), dir.path().join("镇.pdf"));
    ok(&["rollup", "-o", s(&out), "--households", s(&households), "--pdf", s(&pdf), s(&export)]);
    for file in [&out, &households] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains(",'=1+1村,") && !text.contains("''"), "{text}");
    }
    assert!(std::fs::read_to_string(&households).unwrap().contains(",'@王,"));
    let report = pdf_text(&pdf);
    assert!(report.contains("=1+1村") && !report.contains("'=1+1村"), "{report}");
    assert!(!ok(&["verify", s(&book), "--against", s(&export)]).contains('✗'));
}

/// Issue 24, gap 8: a roster Excel saved again as GBK CSV turns 𠮷祥云 into
/// ?祥云; the re-import refuses that line with what to do. A re-import says
/// which households and fields it changes, or that it changes nothing.
#[test]
fn a_roster_saved_as_gbk_never_loses_a_name_and_says_what_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path());
    let roster = std::fs::read_to_string(root().join("fixtures/demo/households.csv")).unwrap();
    let utf8 = write(dir.path(), "名册.csv", &roster.replacen("张三丰", "𠮷祥云", 1));
    let out = ok(&["households", "import", s(&book), s(&utf8)]);
    assert!(out.contains("更新 1 户（01001 户主）；未改动"), "{out}");
    let out = ok(&["households", "import", s(&book), s(&utf8)]);
    assert!(out.contains("名册与积分簿中的完全一致，没有改动"), "{out}");

    // What Excel writes: GBK, with ? where GBK has no 𠮷.
    let as_saved = roster.replacen("张三丰", "?祥云", 1);
    let (bytes, _, lossy) = encoding_rs::GBK.encode(&as_saved);
    assert!(!lossy);
    let file = dir.path().join("名册-GBK.csv");
    std::fs::write(&file, &bytes).unwrap();
    let before = book_digest(&book);
    let e = refused(&["households", "import", s(&book), s(&file)]);
    assert!(
        e.contains("第 2 行")
            && e.contains("「?祥云」中的「?」是文件另存为 GBK 编码的 CSV 时丢掉的字（积分簿中为「𠮷祥云」）"),
        "{e}"
    );
    assert!(e.contains("另存为「CSV UTF-8」或 .xlsx"), "{e}");
    assert_eq!(book_digest(&book), before);
}
