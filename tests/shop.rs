//! 积分超市 from the command line: goods, stock, redemptions, cancellation,
//! balances, receipts and the month's report; every refusal exits 1 with
//! its Chinese message and changes nothing; no redemption moves a ranking.

mod common;

use common::*;

/// The demo village with two goods in stock.
fn book(dir: &std::path::Path) -> std::path::PathBuf {
    let book = demo_book(dir);
    ok(&["shop", "goods", "add", s(&book), "--code", "G01", "--name", "洗衣液", "--unit", "瓶", "--price", "20"]);
    ok(&["shop", "goods", "add", s(&book), "--code", "G02", "--name", "毛巾", "--unit", "条", "--price", "7.5"]);
    ok(&[
        "shop",
        "stock",
        s(&book),
        "--goods",
        "G01",
        "--qty",
        "5",
        "--source",
        "爱心企业捐赠",
        "--date",
        "2025-03-01",
    ]);
    ok(&["shop", "stock", s(&book), "--goods", "G02", "--qty", "50", "--source", "村集体采购", "--date", "2025-03-01"]);
    book
}

/// Household `h`'s balance row of `shop balance --csv` on `date`.
fn balance(book: &std::path::Path, h: &str, date: &str) -> String {
    let out = ok(&["shop", "balance", s(book), "--household", h, "--date", date, "--csv"]);
    out.lines().nth(1).unwrap().to_string()
}

#[test]
fn a_household_redeems_what_it_earned_and_a_cancellation_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    let ranking = ok(&["ranking", s(&book), "--quarter", "2025Q2", "--csv"]);
    let first = dir.path().join("first.csv");
    ok(&["export", s(&book), "--quarter", "2025Q1", "-o", s(&first)]);
    let export = std::fs::read(&first).unwrap();
    let before = balance(&book, "01001", "2025-06-30");
    let earned: f64 = before.split(',').nth(3).unwrap().parse().unwrap();
    assert!(earned > 15.0, "{before}");
    assert!(before.starts_with("01001,张三丰,一组,"), "{before}");

    let id = ok(&["shop", "redeem", s(&book), "--household", "01001", "--goods", "G02:2", "--date", "2025-06-30"]);
    assert_eq!(id.trim(), "1");
    let after = balance(&book, "01001", "2025-06-30");
    let fields: Vec<f64> = after.split(',').skip(3).map(|f| f.parse().unwrap()).collect();
    assert_eq!(fields, [earned, 15.0, earned - 15.0], "{after}");
    let goods = ok(&["shop", "goods", "list", s(&book), "--csv"]);
    assert_eq!(goods, "物品编号,品名,单位,单价,库存\r\nG01,洗衣液,瓶,20,5\r\nG02,毛巾,条,7.5,48\r\n");

    // The honour score is untouched: ranking and the town's export as before.
    assert_eq!(ok(&["ranking", s(&book), "--quarter", "2025Q2", "--csv"]), ranking);
    let out = dir.path().join("again.csv");
    ok(&["export", s(&book), "--quarter", "2025Q1", "-o", s(&out)]);
    assert_eq!(std::fs::read(&out).unwrap(), export);

    for paper in ["a5", "80mm"] {
        let pdf = dir.path().join(format!("receipt-{paper}.pdf"));
        ok(&["shop", "receipt", s(&book), "1", "-o", s(&pdf), "--paper", paper]);
        let text = pdf_text(&pdf);
        for want in ["青溪村积分超市兑换凭证", "第 1 号", "张三丰", "毛巾", "合计：15 分", "签名"]
        {
            assert!(text.contains(want), "{paper} lacks {want}:\n{text}");
        }
    }

    let cancelled = ok(&["shop", "cancel", s(&book), "1", "--reason", "拿错了"]);
    assert!(cancelled.contains("已作废第 1 号兑换"), "{cancelled}");
    assert_eq!(balance(&book, "01001", "2025-06-30"), before);
    let e = refused(&["shop", "cancel", s(&book), "1", "--reason", "再来一次"]);
    assert!(e.contains("第 1 号兑换已经作废"), "{e}");

    // June 2025 ended long before the cancellation: its report stands as
    // it was; this month's report carries the cancellation.
    let pdf = dir.path().join("report.pdf");
    ok(&["shop", "report", s(&book), "--month", "2025-06", "-o", s(&pdf)]);
    let text = pdf_text(&pdf);
    assert!(text.contains("2025年6月兑换台账") && !text.contains("作废："), "{text}");
    let csv = dir.path().join("report.csv");
    ok(&["shop", "report", s(&book), "--month", "2025-06", "-o", s(&csv)]);
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.starts_with("\u{feff}记录,日期,编号,户号,户主,物品编号,品名,数量,单位,积分,备注\r\n兑换,2025-06-30,1,01001,张三丰,G02,毛巾,2,条,15,\r\n"), "{csv}");
    assert!(csv.contains("库存,,,,,G01,洗衣液,5,瓶,,月初 5，入库 0，出库 0"), "{csv}");
    let this_month = chrono::Local::now().format("%Y-%m").to_string();
    let now = dir.path().join("now.csv");
    ok(&["shop", "report", s(&book), "--month", &this_month, "-o", s(&now)]);
    let now = std::fs::read_to_string(&now).unwrap();
    assert!(now.contains(",1,01001,张三丰,G02,毛巾,2,条,15,2025-06-30 的兑换作废：拿错了"), "{now}");
    let v = ok(&["verify", s(&book)]);
    assert!(!v.contains("✗"), "{v}");
    // Issue 25, gap 6: a month before the first rulebook still reports the
    // shop, which needs none.
    let early = dir.path().join("early.pdf");
    ok(&["shop", "report", s(&book), "--month", "2024-01", "-o", s(&early)]);
    assert!(pdf_text(&early).contains("本月没有兑换"));
}

#[test]
fn each_refusal_says_why_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    let digest = book_digest(&book);
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "shop",
                "redeem",
                s(&book),
                "--household",
                "01001",
                "--goods",
                "G01:5",
                "--goods",
                "G02:20",
                "--date",
                "2025-06-30",
            ],
            "余额不足",
        ),
        (
            &["shop", "redeem", s(&book), "--household", "01001", "--goods", "G01:6", "--date", "2025-12-31"],
            "洗衣液（G01）库存只有 5，不够兑换 6",
        ),
        (
            &["shop", "redeem", s(&book), "--household", "01001", "--goods", "G09", "--date", "2025-06-30"],
            "没有编号为 G09 的物品",
        ),
        (&["shop", "redeem", s(&book), "--household", "99999", "--goods", "G01", "--date", "2025-06-30"], "99999"),
        (
            &["shop", "goods", "add", s(&book), "--code", "G01", "--name", "肥皂", "--unit", "块", "--price", "3"],
            "物品编号 G01 已经用过",
        ),
        (
            &["shop", "goods", "add", s(&book), "--code", "G 3", "--name", "肥皂", "--unit", "块", "--price", "3"],
            "物品编号「G 3」",
        ),
        (
            &["shop", "goods", "add", s(&book), "--code", "G03", "--name", "肥皂", "--unit", "块", "--price", "0"],
            "单价不对",
        ),
        (&["shop", "stock", s(&book), "--goods", "G01", "--qty", "5", "--source", " "], "来源"),
        (&["shop", "cancel", s(&book), "7", "--reason", "错了"], "没有第 7 号兑换"),
    ];
    for (args, want) in cases {
        let e = refused(args);
        assert!(e.contains(want), "{args:?}: {e}");
        assert!(english_in(&e, &[]).is_empty(), "{e}");
    }
    assert_eq!(book_digest(&book), digest, "a refused command changed the book");
}

/// Issue 24, gap 6: the shop never rewrites its past. Redemptions go in
/// date order; a receipt reprints byte for byte whatever the book learns
/// later; a cancellation belongs to the month it is made in, and an ended
/// month's report reprints identically.
#[test]
fn the_shop_never_rewrites_its_past() {
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    let b = s(&book);
    ok(&["shop", "redeem", b, "--household", "01001", "--goods", "G02:2", "--date", "2025-06-25"]);
    let e = refused(&["shop", "redeem", b, "--household", "01001", "--goods", "G02:1", "--date", "2025-05-15"]);
    assert!(e.contains("兑换日期 2025-05-15 早于上一笔兑换（2025-06-25）"), "{e}");

    let print = |name: &str| {
        let pdf = dir.path().join(name);
        ok(&["shop", "receipt", b, "1", "-o", s(&pdf)]);
        std::fs::read(&pdf).unwrap()
    };
    let report = |name: &str| {
        let csv = dir.path().join(name);
        ok(&["shop", "report", b, "--month", "2025-06", "-o", s(&csv)]);
        std::fs::read(&csv).unwrap()
    };
    let (receipt, june) = (print("r1.pdf"), report("june1.csv"));
    // What the book learns later: a renamed head, new settings, an entry
    // keyed in late before the redemption's day, the redemption cancelled.
    let roster = std::fs::read_to_string(root().join("fixtures/demo/households.csv")).unwrap();
    write(dir.path(), "名册.csv", &roster.replacen("张三丰", "张三峰", 1));
    ok(&["households", "import", b, s(&dir.path().join("名册.csv"))]);
    ok(&["settings", b, "--issuer", "青溪村两委"]);
    ok(&["entry", "add", b, "--household", "01001", "--item", "A08", "--date", "2025-06-20"]);
    let e = refused(&["shop", "cancel", b, "1", "--reason", "拿错了", "--date", "2025-06-30"]);
    assert!(e.contains("作废日期 2025-06-30 所在的月份已经结束"), "{e}");
    ok(&["shop", "cancel", b, "1", "--reason", "拿错了"]);
    assert!(print("r2.pdf") == receipt, "the receipt reprints byte for byte");
    assert!(report("june2.csv") == june, "June's report reprints byte for byte");
    assert!(!ok(&["verify", b]).contains('✗'));
}
