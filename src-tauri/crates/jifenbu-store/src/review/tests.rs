use jifenbu_core::review::{Person, Role, Status, Verdict};
use jifenbu_core::{EntryDraft, Posting, Quarter, Refusal};

use crate::{Book, Error};

const RULES: &str = r#"
[rulebook]
name = "测试"
version = "1"
effective_from = 2025-01-01
review = "marked"
[[item]]
code = "A"
kind = "add"
category = "c"
name = "直接入账"
points = 1
[[item]]
code = "R"
kind = "add"
category = "c"
name = "须评议"
min = 1
max = 5
review = true
"#;

fn book(dir: &tempfile::TempDir) -> Book {
    let mut b = Book::create(&dir.path().join("r.jfb"), "测试村", "1").unwrap();
    b.import_rulebook("r.toml", RULES).unwrap();
    b.import_households(
        jifenbu_core::import::Text::from_bytes("h.csv", "户号,户主,村民小组\n1,甲,一组\n2,乙,二组\n".as_bytes())
            .unwrap(),
    )
    .unwrap();
    for (name, role) in [
        ("文书", Role::Clerk),
        ("组长", Role::Registrar),
        ("评一", Role::Panel),
        ("评二", Role::Panel),
        ("评三", Role::Panel),
    ] {
        let group = (role == Role::Registrar).then(|| "一组".to_string());
        b.add_person(&Person { name: name.into(), role, group, phone: None, retired: false }, "文书").unwrap();
    }
    b
}

fn draft(household: &str, item: &str, date: &str, points: Option<&str>) -> EntryDraft {
    EntryDraft {
        household: household.into(),
        item: item.into(),
        date: date.parse().unwrap(),
        qty: 1,
        points: points.map(|p| p.parse().unwrap()),
        note: String::new(),
        id: None,
    }
}

fn members(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn refusal(e: Error) -> Refusal {
    match e {
        Error::Core(jifenbu_core::Error::Refused(r)) => r,
        other => panic!("not a refusal: {other}"),
    }
}

/// The whole path: an item that needs review is refused as an entry,
/// registered instead, counted nowhere until approved, then posted at the
/// approved points; a rejection posts nothing; the quarter cannot be
/// published while one is pending, and its notice names the meeting.
#[test]
fn a_registration_posts_only_once_the_panel_approves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = book(&dir);
    let e = refusal(b.add_entry(&draft("1", "R", "2025-02-01", Some("3")), "文书").unwrap_err());
    assert_eq!(e.to_string(), "项目 R 须经评议：请先登记，评议通过后才入账");
    b.add_entry(&draft("1", "A", "2025-02-01", None), "文书").unwrap();
    let one = b.register(&draft("1", "R", "2025-02-01", Some("3")), "组长", &[], "文书").unwrap();
    let two = b.register(&draft("2", "R", "2025-02-02", Some("2")), "文书", &[], "文书").unwrap();
    assert_eq!(one.status(), Status::Pending);
    assert_eq!(b.entries_for_year(2025).unwrap().len(), 1, "a registration is not in the ledger");
    let pending = refusal(b.publish(Quarter::new(2025, 1).unwrap(), "2025-04-01".parse().unwrap(), true).unwrap_err());
    assert!(pending.to_string().starts_with("2025年第一季度还有 2 条登记待评议（最早的是第 1 号"), "{pending}");

    let verdicts = [
        Verdict::Approve { registration: one.id, points: Some("4.5".parse().unwrap()) },
        Verdict::Reject { registration: two.id, reason: "无人证实".into() },
    ];
    let m = b.review("2025-03-28".parse().unwrap(), &members(&["评一", "评二"]), &verdicts, "文书").unwrap();
    assert_eq!((m.id, m.quorum, m.panel), (1, 2, 3));
    let entries = b.entries_for_year(2025).unwrap();
    assert_eq!(entries.len(), 2);
    let posted = entries.last().unwrap();
    assert_eq!((posted.household.as_str(), posted.points.to_string().as_str()), ("1", "4.5"));
    assert_eq!(posted.posting, Posting::Quarter(Quarter::new(2025, 1).unwrap()));
    let all = b.registrations(false).unwrap();
    assert_eq!(all.iter().map(|r| r.status()).collect::<Vec<_>>(), [Status::Approved, Status::Rejected]);
    assert_eq!(all[0].decision.as_ref().unwrap().entry, Some(posted.id));
    assert!(b.registrations(true).unwrap().is_empty());

    // Final once saved: approving again is refused and changes nothing.
    let again = [Verdict::Approve { registration: one.id, points: None }];
    let e = refusal(b.review("2025-03-29".parse().unwrap(), &members(&["评一", "评二"]), &again, "文书").unwrap_err());
    assert!(matches!(e, Refusal::AlreadyReviewed { id: 1, meeting: 1, .. }), "{e}");
    assert_eq!(b.meetings().unwrap().len(), 1);

    b.publish(Quarter::new(2025, 1).unwrap(), "2025-04-01".parse().unwrap(), true).unwrap();
    let notice = b.notice(Quarter::new(2025, 1).unwrap(), "2025-04-01".parse().unwrap(), false).unwrap();
    assert_eq!(notice.review_text().unwrap(), "本季度积分经2025年3月28日积分评议会评议。");
    assert!(b.verify().unwrap().ok());
}

/// Each refusal of a meeting changes nothing.
#[test]
fn meetings_that_break_a_rule_are_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = book(&dir);
    let r = b.register(&draft("1", "R", "2025-02-01", Some("3")), "组长", &[], "文书").unwrap();
    let day = "2025-03-28".parse().unwrap();
    let approve =
        |points: Option<&str>| [Verdict::Approve { registration: r.id, points: points.map(|p| p.parse().unwrap()) }];
    let cases: [(Vec<String>, [Verdict; 1], &str); 4] = [
        (members(&["评一"]), approve(None), "不足法定人数"),
        (members(&["评一", "组长"]), approve(None), "不是评议小组成员"),
        (members(&["评一", "评二"]), approve(Some("9")), "超出范围"),
        (members(&["评一", "评二"]), [Verdict::Reject { registration: r.id, reason: String::new() }], "须写明理由"),
    ];
    for (who, verdicts, says) in cases {
        let e = b.review(day, &who, &verdicts, "文书").unwrap_err().to_string();
        assert!(e.contains(says), "{e}");
    }
    b.retire_person("评二", "文书").unwrap();
    let e = b.review(day, &members(&["评一", "评二"]), &approve(None), "文书").unwrap_err().to_string();
    assert_eq!(e, "评二 已停用，不能再办理");
    assert!(b.meetings().unwrap().is_empty());
    assert_eq!(b.registrations(true).unwrap().len(), 1);
    assert!(b.entries_for_year(2025).unwrap().is_empty());
}

/// A registration for a quarter published before its meeting posts as a
/// correction to its own year: in the meeting's quarter.
#[test]
fn a_late_approval_posts_in_an_open_quarter_of_its_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = book(&dir);
    b.publish(Quarter::new(2025, 1).unwrap(), "2025-04-01".parse().unwrap(), true).unwrap();
    let r = b.register(&draft("1", "R", "2025-03-30", Some("2")), "组长", &[], "文书").unwrap();
    let verdicts = [Verdict::Approve { registration: r.id, points: None }];
    b.review("2025-05-06".parse().unwrap(), &members(&["评一", "评二"]), &verdicts, "文书").unwrap();
    let posted = b.entries_for_year(2025).unwrap().pop().unwrap();
    assert_eq!(posted.posting, Posting::Quarter(Quarter::new(2025, 2).unwrap()));
    assert_eq!(posted.date.to_string(), "2025-03-30", "the deed keeps its date");
}

/// Photos: twenty phone pictures (4000×3000, several MB each) are each
/// stored under 400 KB, the same picture twice is kept once, and a changed
/// blob is caught by `verify`.
#[test]
fn photos_are_kept_once_small_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = book(&dir);
    // One phone-like picture (4000×3000, about 4 MB as a JPEG), made
    // distinct twenty times by a stripe of its own; two at a time.
    let base = crate::photo::tests::noisy_picture(4000, 3000, 7, 0x07);
    let photo = |n: u32| {
        let mut picture = base.clone();
        for x in 0..4000 {
            picture.put_pixel(x, 10 * n, image::Rgb([255, 0, 0]));
        }
        let big = crate::photo::tests::jpeg_of(picture);
        assert!(big.len() > 3 * 1024 * 1024, "{}", big.len());
        crate::prepare_photo(&format!("现场{n}.jpg"), &big).unwrap()
    };
    let photos: Vec<_> = std::thread::scope(|s| {
        let odd = s.spawn(|| (0..10).map(|n| photo(2 * n + 1)).collect::<Vec<_>>());
        let even: Vec<_> = (0..10).map(|n| photo(2 * n)).collect();
        let odd = odd.join().unwrap();
        even.into_iter().zip(odd).flat_map(|(a, b)| [a, b]).collect()
    });
    let first = b.register(&draft("1", "R", "2025-02-01", Some("3")), "组长", &photos, "文书").unwrap();
    b.register(&draft("2", "R", "2025-02-01", Some("3")), "组长", &photos[..1], "文书").unwrap();
    let stored: i64 = b.conn.query_row("SELECT COUNT(*) FROM photos", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, 20);
    assert_eq!(first.photos, photos.iter().map(|p| p.key()).collect::<Vec<_>>());
    for p in &photos {
        assert!(b.photo(&p.key()).unwrap().unwrap().len() <= crate::photo::MAX_BYTES);
    }
    assert!(b.verify().unwrap().ok());
    // One more than twenty is refused, and nothing is registered.
    let many = vec![photos[0].clone(); 21];
    let refused = b.register(&draft("3", "R", "2025-02-01", Some("3")), "组长", &many, "文书").unwrap_err();
    assert_eq!(refused.to_string(), "一条登记最多附 20 张照片");
    assert_eq!(b.registrations(false).unwrap().len(), 2);
    // Behind the program's back (the guard refuses an UPDATE, so the row
    // is swapped through SQLite's own schema switch-off).
    b.conn.execute_batch("DROP TRIGGER photos_no_update").unwrap();
    b.conn.execute("UPDATE photos SET data = x'FFD8FFD9'", []).unwrap();
    let report = b.verify().unwrap();
    let photos = report.checks.iter().find(|c| c.name == "评议照片").unwrap();
    assert!(!photos.ok(), "{photos:?}");
}
