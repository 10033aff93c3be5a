//! 积分评议 from the command line: an item the rulebook sends to review is
//! registered, reviewed by a quorate panel and only then posted; every
//! refusal exits 1 with its Chinese message and leaves the book as it was.

mod common;

use common::*;

/// A book under the shipped 山背村 rulebook (review = "marked": category
/// 家庭美德 and item K2), with a registrar and four panel members.
fn book(dir: &std::path::Path) -> std::path::PathBuf {
    let book = dir.join("山背村.jfb");
    ok(&["init", s(&book), "--village", "山背村", "--code", "330101"]);
    ok(&["rules", "import", s(&book), s(&root().join("rules/shanbei-2026.toml"))]);
    let roster = write(dir, "h.csv", "户号,户主,村民小组\n001,王喆,一组\n002,欧阳堃,一组\n003,刘䶮,二组\n");
    ok(&["households", "import", s(&book), s(&roster)]);
    ok(&["people", "add", s(&book), "--name", "周组长", "--role", "组长", "--group", "一组"]);
    for name in ["张评", "王评", "赵评", "钱评"] {
        ok(&["people", "add", s(&book), "--name", name, "--role", "评议"]);
    }
    book
}

fn register(book: &std::path::Path, household: &str, item: &str, date: &str, points: Option<&str>) -> String {
    let mut args =
        vec!["register", s(book), "--household", household, "--item", item, "--date", date, "--by", "周组长"];
    if let Some(p) = points {
        args.extend(["--points", p]);
    }
    ok(&args).trim().to_string()
}

#[test]
fn registered_points_post_only_after_a_quorate_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    let e = refused(&[
        "entry",
        "add",
        s(&book),
        "--household",
        "001",
        "--item",
        "K2",
        "--date",
        "2026-02-01",
        "--points",
        "3",
    ]);
    assert!(e.contains("项目 K2 须经评议：请先登记") && e.contains("命令行用 jifenbu register 登记"), "{e}");
    let entries = write(dir.path(), "e.csv", "户号,项目,日期,数量,分值\n001,G5,2026-02-01,1,\n");
    let e = refused(&["entries", "import", s(&book), s(&entries)]);
    assert!(e.contains("第 2 行") && e.contains("须经评议"), "{e}");
    // And the other way: an item that needs no review is keyed in, never
    // registered (one routing decision, the core's).
    let by = ["--by", "周组长"];
    let e = refused(
        &[&["register", s(&book), "--household", "001", "--item", "K1", "--date", "2026-02-01"][..], &by].concat(),
    );
    assert!(e.contains("项目 K1 不须评议，直接录入即可"), "{e}");

    let one = register(&book, "001", "K2", "2026-02-01", Some("3"));
    let two = register(&book, "002", "G5", "2026-02-10", None);
    let three = register(&book, "003", "K2", "2026-03-02", Some("2"));
    assert_eq!((one.as_str(), two.as_str(), three.as_str()), ("1", "2", "3"));
    let before = ok(&["ranking", s(&book), "--quarter", "2026Q1", "--csv"]);
    assert!(before.lines().skip(1).all(|l| l.contains(",0,0,0,60,")), "registrations count nowhere:\n{before}");

    let digest = book_digest(&book);
    let members = "张评,王评,赵评";
    for (args, says) in [
        (vec!["--members", "张评,王评", "--approve", "1"], "不足法定人数 3 人"),
        (vec!["--members", "张评,王评,周组长", "--approve", "1"], "不是评议小组成员"),
        (vec!["--members", members, "--approve", "1=11"], "超出范围"),
        (vec!["--members", members, "--approve", "9"], "找不到第 9 号登记"),
        (vec!["--members", members, "--approve", "1", "--approve", "1"], "写了两次"),
    ] {
        let mut full = vec!["review", s(&book), "--date", "2026-03-28"];
        full.extend(args);
        let e = refused(&full);
        assert!(e.contains(says), "{full:?}: {e}");
        assert!(english_in(&e, &[]).is_empty(), "{e}");
        assert_eq!(book_digest(&book), digest, "{full:?} changed the book");
    }
    let e = refused(&["publish", s(&book), "--quarter", "2026Q1", "--date", "2026-04-01"]);
    assert!(e.contains("还有 3 条登记待评议（最早的是第 1 号"), "{e}");
    assert_eq!(book_digest(&book), digest);

    let meeting = ok(&[
        "review",
        s(&book),
        "--date",
        "2026-03-28",
        "--members",
        "张评、王评、赵评",
        "--approve",
        "1=4.5",
        "--approve",
        "2",
        "--reject",
        "3=经核实系误报",
    ]);
    assert_eq!(meeting.trim(), "1");
    let e = refused(&["review", s(&book), "--date", "2026-03-29", "--members", members, "--approve", "1"]);
    assert!(e.contains("第 1 号登记已由第 1 次评议会评议过（已通过）"), "{e}");
    let list = ok(&["registrations", "list", s(&book), "--csv"]);
    assert_eq!(list.lines().next().unwrap(), "编号,户号,户主,项目,日期,数量,分值,登记人,状态,评议会,结果,理由");
    assert!(list.contains("1,001,王喆,K2,2026-02-01,1,-3,周组长,已通过,1,修改为 4.5 分,"), "{list}");
    assert!(list.contains("3,003,刘䶮,K2,2026-03-02,1,-2,周组长,未通过,1,不同意,经核实系误报"), "{list}");
    let ranking = ok(&["ranking", s(&book), "--quarter", "2026Q1", "--csv"]);
    assert!(ranking.contains("002,欧阳堃,一组,5,0,5,65"), "{ranking}");
    assert!(ranking.contains("001,王喆,一组,0,4.5,-4.5,55.5"), "{ranking}");
    assert!(ranking.contains("003,刘䶮,二组,0,0,0,60"), "{ranking}");

    // The panel's papers, and the notice naming the meeting.
    let sheet = dir.path().join("评议表.pdf");
    register(&book, "003", "G5", "2026-04-02", None);
    ok(&["review-sheet", s(&book), "-o", s(&sheet), "--date", "2026-04-20"]);
    let text = pdf_text(&sheet);
    assert!(text.contains("山背村积分评议表") && text.contains("户号 003") && text.contains("张评"), "{text}");
    let minutes = dir.path().join("记录.pdf");
    ok(&["minutes", s(&book), "--meeting", "1", "-o", s(&minutes)]);
    let text = pdf_text(&minutes);
    assert!(text.contains("共评议 3 条：同意 2 条，合计 0.5 分；不同意 1 条。"), "{text}");
    assert!(text.contains("经核实系误报") && text.contains("张评、王评、赵评"), "{text}");
    ok(&["publish", s(&book), "--quarter", "2026Q1", "--date", "2026-04-01", "--backfill"]);
    let notice = dir.path().join("公示.pdf");
    ok(&["notice", s(&book), "--quarter", "2026Q1", "-o", s(&notice)]);
    assert!(pdf_text(&notice).contains("本季度积分经2026年3月28日积分评议会评议。"));
    assert!(ok(&["verify", s(&book)]).contains("评议照片"));
}

#[test]
fn people_are_retired_never_deleted_and_only_registrars_register() {
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    let e =
        refused(&["register", s(&book), "--household", "001", "--item", "G5", "--date", "2026-02-01", "--by", "张评"]);
    assert!(e.contains("张评 是评议小组成员，登记须由村民小组长、网格员或文书办理"), "{e}");
    ok(&["people", "retire", s(&book), "--name", "周组长"]);
    let e = refused(&[
        "register",
        s(&book),
        "--household",
        "001",
        "--item",
        "G5",
        "--date",
        "2026-02-01",
        "--by",
        "周组长",
    ]);
    assert!(e.contains("周组长 已停用"), "{e}");
    let list = ok(&["people", "list", s(&book)]);
    assert!(list.contains("周组长") && list.contains("停用"), "{list}");
    let e = refused(&["people", "add", s(&book), "--name", "孙", "--role", "组长"]);
    assert!(e.contains("村民小组"), "{e}");
    let e = jifenbu(&["people", "add", s(&book), "--name", "孙", "--role", "会计"]);
    assert_eq!(e.status.code(), Some(2));
    // A file of registrations: all or none, and never twice.
    ok(&["people", "add", s(&book), "--name", "李文书", "--role", "文书"]);
    let file =
        write(dir.path(), "登记.csv", "户号,项目,日期,数量,分值\n001,G5,2026-02-01,1,\n002,K2,2026-02-03,1,12\n");
    let e = refused(&["registrations", "import", s(&book), s(&file), "--by", "李文书"]);
    assert!(e.contains("第 3 行") && e.contains("超出范围"), "{e}");
    let file =
        write(dir.path(), "登记2.csv", "户号,项目,日期,数量,分值\n001,G5,2026-02-01,1,\n002,K2,2026-02-03,1,2\n");
    assert!(ok(&["registrations", "import", s(&book), s(&file), "--by", "李文书"]).contains("已登记 2 条"));
    let e = refused(&["registrations", "import", s(&book), s(&file), "--by", "李文书"]);
    assert!(e.contains("同一个文件不再导入"), "{e}");
    assert_eq!(ok(&["registrations", "list", s(&book), "--pending", "--csv"]).lines().count(), 3);
}
