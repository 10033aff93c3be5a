use super::*;

const GOOD: &str = r#"
[rulebook]
name = "测试村村民积分通则"
version = "2026"
effective_from = 2026-01-01
base_points = 100
rank_by = "quarter"

[[article]]
text = "一户一账，每季度公布。"

[[stars]]
level = 1
min = 100

[[stars]]
level = 2
min = 120.5

[[item]]
code = "A01"
kind = "add"
category = "志愿公益"
name = "参加义务劳动"
points = 2
unit = "次"
cap = { per = "year", points = 20 }

[[item]]
code = "B-01"
kind = "deduct"
category = "治安"
name = "违法行为"
min = 5
max = 20
veto = true
"#;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn parses_a_good_book() {
    let book = Rulebook::parse(GOOD, "t.toml").unwrap();
    assert_eq!(book.version, "2026");
    assert_eq!(book.base_points, d("100"));
    assert_eq!(book.rank_by, RankBy::Quarter);
    assert_eq!(book.notice_days, 7);
    assert_eq!(book.stars[1].min, d("120.5"));
    let a01 = book.item("A01").unwrap();
    assert_eq!(a01.cap, Some(Cap { per: CapPeriod::Year, points: d("20") }));
    assert!(book.item("B-01").unwrap().veto);
    assert_eq!(book.stars_for(d("99")), 0);
    assert_eq!(book.stars_for(d("120.5")), 2);
    assert_eq!((book.objections_in.as_str(), book.objection_reply_days), ("书面或当面", None));
}

/// Issue 15, item 6: how objections are made and when they are answered
/// come from the rulebook, within bounds, refused with the line otherwise.
#[test]
fn how_objections_are_made_and_answered() {
    let with = |lines: &str| GOOD.replace("rank_by = \"quarter\"", &format!("rank_by = \"quarter\"\n{lines}"));
    let book = Rulebook::parse(&with("objections_in = \"书面\"\nobjection_reply_days = 10"), "t.toml").unwrap();
    assert_eq!((book.objections_in.as_str(), book.objection_reply_days), ("书面", Some(10)));
    for (bad, key) in
        [("objections_in = \"电话\"", "objections_in"), ("objection_reply_days = 0", "objection_reply_days")]
    {
        let Err(crate::Error::Input(errors)) = Rulebook::parse(&with(bad), "t.toml") else { panic!("{bad} accepted") };
        assert_eq!((errors[0].line, errors[0].field.as_str()), (8, format!("rulebook.{key}").as_str()), "{bad}");
    }
}

#[test]
fn item_points() {
    let book = Rulebook::parse(GOOD, "t.toml").unwrap();
    let a01 = book.item("A01").unwrap();
    assert_eq!(a01.points_for(3, None).unwrap(), d("6"));
    assert_eq!(a01.points_for(3, Some(d("6"))).unwrap(), d("6"));
    assert!(matches!(a01.points_for(3, Some(d("5"))), Err(Refusal::PointsFixed { .. })));
    assert_eq!(a01.points_for(0, None), Err(Refusal::BadQuantity { text: "0".into() }));
    let b01 = book.item("B-01").unwrap();
    assert_eq!(b01.points_for(2, Some(d("40"))).unwrap(), d("-40"));
    assert!(matches!(b01.points_for(1, None), Err(Refusal::PointsRequired { .. })));
    assert!(matches!(b01.points_for(2, Some(d("9.5"))), Err(Refusal::PointsOutOfRange { .. })));
    assert!(matches!(b01.points_for(1, Some(d("5.125"))), Err(Refusal::BadPoints { .. })));
    assert!(matches!(b01.points_for(1, Some(d("-6"))), Err(Refusal::BadPoints { .. })));
}

fn first_error(source: &str) -> InputError {
    match Rulebook::parse(source, "bad.toml") {
        Err(Error::Input(errors)) => errors[0].clone(),
        other => panic!("expected an input error, got {other:?}"),
    }
}

#[test]
fn duplicate_code_names_line_and_key() {
    let src = GOOD.replace("code = \"B-01\"", "code = \"A01\"");
    let e = first_error(&src);
    assert_eq!(e.field, "item.code");
    let second = src.lines().enumerate().filter(|(_, l)| l.starts_with("code = \"A01\"")).nth(1).unwrap().0 + 1;
    assert_eq!((e.line, e.column), (second, Some(8)));
    assert!(e.reason.contains("重复"), "{e}");
}

#[test]
fn points_and_range_together_is_refused() {
    let e = first_error(&GOOD.replace("min = 5", "points = 3\nmin = 5"));
    assert!(e.reason.contains("二选一"), "{e}");
}

#[test]
fn negative_points_refused() {
    let e = first_error(&GOOD.replace("points = 2\n", "points = -2\n"));
    assert_eq!(e.field, "item.points");
    assert!(e.reason.contains("正负号") || e.reason.contains("大于 0"), "{e}");
}

#[test]
fn stars_must_ascend() {
    let e = first_error(&GOOD.replace("min = 120.5", "min = 90"));
    assert_eq!(e.field, "stars");
}

#[test]
fn broken_toml_names_line_and_column() {
    let e = first_error("[rulebook]\nname = \"x\nversion = 1\n");
    assert_eq!(e.line, 2);
    assert!(e.column.is_some());
    assert!(e.reason.contains("TOML"), "{e}");
}

#[test]
fn unknown_key_is_named() {
    let e = first_error(&GOOD.replace("unit = \"次\"", "unti = \"次\""));
    assert!(e.reason.contains("不认识的键 unti"), "{e}");
}

#[test]
fn missing_key_is_named() {
    let e = first_error(&GOOD.replace("category = \"治安\"\n", ""));
    assert!(e.reason.contains("category"), "{e}");
}

#[test]
fn zero_cap_refused() {
    let e = first_error(&GOOD.replace("points = 20 }", "points = 0 }"));
    assert_eq!(e.field, "item.cap.points");
}

/// Issue 16, crash C and tamper 4: numbers and dates that would later make
/// sums overflow, or are typing slips, are refused at the door, each with
/// its line and key.
#[test]
fn absurd_numbers_and_dates_are_refused_with_their_line() {
    let cases = [
        ("points = 2\n", "points = 1001\n", "item.points"),
        ("base_points = 100", "base_points = 100000000000", "rulebook.base_points"),
        ("base_points = 100", "base_points = -5", "rulebook.base_points"),
        ("points = 20 }", "points = 100001 }", "item.cap.points"),
        ("effective_from = 2026-01-01", "effective_from = 9999-12-31", "rulebook.effective_from"),
        ("effective_from = 2026-01-01", "effective_from = 0001-01-01", "rulebook.effective_from"),
        ("min = 120.5", "min = 99999999999", "stars.min"),
        ("name = \"参加义务劳动\"", &format!("name = \"{}\"", "长".repeat(61)), "item.name"),
    ];
    for (from, to, key) in cases {
        let source = GOOD.replacen(from, to, 1);
        let e = Rulebook::parse(&source, "r.toml").unwrap_err().to_string();
        assert!(e.contains(&format!("「{key}」")) && e.starts_with("r.toml 第 "), "{to}: {e}");
    }
}

/// Issue 17, gap 6: the TOML parser's own English never reaches the clerk.
#[test]
fn toml_mistakes_are_told_in_chinese() {
    for broken in [
        GOOD.replacen("points = 2\n", "points = 79228162514264337593543950335\n", 1),
        GOOD.replacen("version = \"2026\"", "version", 1),
        GOOD.replacen("name = \"参加义务劳动\"", "name = 参加义务劳动", 1),
        GOOD.replacen("[[item]]", "[[item]", 1),
        GOOD.replacen("kind = \"add\"", "kind = \"add\"\nkind = \"add\"", 1),
    ] {
        let e = Rulebook::parse(&broken, "r.toml").unwrap_err().to_string();
        let english = e
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 2)
            .filter(|w| !w.eq_ignore_ascii_case("toml"))
            .collect::<Vec<_>>();
        assert!(english.is_empty(), "{e}");
    }
}

/// Issue 13: a rulebook says which items are reviewed before they post —
/// all, none (the default, as before), or those marked by item or category.
#[test]
fn review_marks_pick_the_items_the_panel_reviews() {
    let plain = Rulebook::parse(GOOD, "r.toml").unwrap();
    assert_eq!(plain.review, ReviewMode::None);
    assert!(plain.items.iter().all(|i| !i.review));
    let all = Rulebook::parse(
        &GOOD.replacen("rank_by = \"quarter\"", "rank_by = \"quarter\"\nreview = \"all\"\nreview_quorum = 3", 1),
        "r.toml",
    )
    .unwrap();
    assert!(all.items.iter().all(|i| i.review));
    assert_eq!(all.review_quorum, Some(3));
    let category = &plain.items[0].category;
    let marked = GOOD.replacen("rank_by = \"quarter\"", "rank_by = \"quarter\"\nreview = \"marked\"", 1)
        + &format!("\n[[category]]\nname = \"{category}\"\nreview = true\n");
    let marked = Rulebook::parse(&marked, "r.toml").unwrap();
    for i in &marked.items {
        assert_eq!(i.review, &i.category == category, "{}", i.code);
    }
    // A mark where the rulebook does not review by marks, a category no
    // item has, and an unknown mode are each refused with their place.
    let stray = GOOD.replacen("[[item]]", "[[item]]\nreview = true", 1);
    let e = Rulebook::parse(&stray, "r.toml").unwrap_err().to_string();
    assert!(e.contains("「item.review」") && e.contains("review = \"marked\""), "{e}");
    let typo = GOOD.replacen("rank_by = \"quarter\"", "rank_by = \"quarter\"\nreview = \"marked\"", 1)
        + "\n[[category]]\nname = \"没有这类\"\nreview = true\n";
    assert!(Rulebook::parse(&typo, "r.toml").unwrap_err().to_string().contains("没有哪个项目属于类别「没有这类」"));
    let mode = GOOD.replacen("rank_by = \"quarter\"", "rank_by = \"quarter\"\nreview = \"some\"", 1);
    assert!(Rulebook::parse(&mode, "r.toml").unwrap_err().to_string().contains("「rulebook.review」"));
}

/// Issue 14: the optional `[shop]` table says what entries earn to spend;
/// without it, add items earn their points, which never lapse.
#[test]
fn the_shop_table_sets_what_is_earned_and_when_it_lapses() {
    let plain = Rulebook::parse(GOOD, "r.toml").unwrap();
    assert_eq!(plain.shop, crate::shop::Shop::default());
    let shop =
        Rulebook::parse(&format!("{GOOD}\n[shop]\nearn = \"net\"\nrate = 0.5\nexpires = \"year_end\"\n"), "r.toml")
            .unwrap()
            .shop;
    assert_eq!(shop.earn, crate::shop::Earn::Net);
    assert_eq!(shop.rate, "0.5".parse().unwrap());
    assert_eq!(shop.expires, crate::shop::Expiry::YearEnd);
    for (bad, key) in
        [("earn = \"all\"", "shop.earn"), ("rate = 0", "shop.rate"), ("expires = \"soon\"", "shop.expires")]
    {
        let e = Rulebook::parse(&format!("{GOOD}\n[shop]\n{bad}\n"), "r.toml").unwrap_err().to_string();
        assert!(e.contains(&format!("「{key}」")), "{e}");
    }
    let changes =
        diff(&plain, &Rulebook::parse(&format!("{GOOD}\n[shop]\nexpires = \"next_year_end\"\n"), "r.toml").unwrap());
    assert_eq!(changes[0].to_string(), "积分超市：只计加分，每分兑 1，长期有效 → 只计加分，每分兑 1，次年年底清零");
}

/// Issue 27, gap 6: a date where a table or list belongs is said in Chinese,
/// never with the TOML reader's private name for dates.
#[test]
fn a_date_where_a_table_belongs_is_said_in_chinese() {
    for (from, to) in [
        ("[rulebook]\n", "rulebook = 2026-01-01\n[x]\n"),
        ("cap = { per = \"year\", points = 20 }", "cap = 2026-01-01"),
        ("name = \"参加义务劳动\"", "name = 2026-01-01"),
    ] {
        let source = GOOD.replacen(from, to, 1);
        assert_ne!(source, GOOD);
        let e = first_error(&source);
        let said = e.to_string();
        assert!(!said.contains("private") && !said.contains('$') && said.contains("日期"), "{to}: {said}");
    }
}
