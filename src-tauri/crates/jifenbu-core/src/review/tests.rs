use super::*;

fn person(name: &str, role: Role, retired: bool) -> Person {
    Person { name: name.into(), role, group: None, phone: None, retired }
}

fn people() -> Vec<Person> {
    vec![
        person("李文书", Role::Clerk, false),
        person("张评", Role::Panel, false),
        person("王评", Role::Panel, false),
        person("赵评", Role::Panel, false),
        person("钱评", Role::Panel, false),
        person("孙旧", Role::Panel, true),
        person("周组长", Role::Registrar, false),
        person("吴监督", Role::Supervisor, false),
    ]
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn roles_read_their_short_and_full_names() {
    assert_eq!(Role::parse("评议"), Ok(Role::Panel));
    assert_eq!(Role::parse(" 网格员 "), Ok(Role::Registrar));
    assert_eq!(Role::parse("村务监督委员会成员"), Ok(Role::Supervisor));
    assert_eq!(Role::parse("会计").unwrap_err().to_string(), "「会计」不是可用的身份，只能是 文书、评议、监督 或 组长");
    for role in Role::ALL {
        assert_eq!(Role::parse(role.as_str()), Ok(role));
    }
}

/// The default quorum is more than half of the active panel (4 here: the
/// retired member does not count), so 3 is enough and 2 is not.
#[test]
fn a_meeting_needs_its_quorum_of_active_panel_members() {
    let all = people();
    let p = People(&all);
    assert_eq!(quorum(None, 4), 3);
    assert_eq!(quorum(None, 5), 3);
    assert_eq!(quorum(Some(2), 5), 2);
    assert_eq!(p.meeting(&names(&["张评", "王评", "赵评"]), None), Ok(names(&["张评", "王评", "赵评"])));
    let e = p.meeting(&names(&["张评", "王评"]), None).unwrap_err();
    assert_eq!(e.to_string(), "评议会到会 2 人，不足法定人数 3 人（评议小组在任 4 人），不能评议");
    assert_eq!(p.meeting(&names(&["张评", "王评"]), Some(2)).map(|m| m.len()), Ok(2));
    assert_eq!(p.meeting(&names(&["张评", "王评", "孙旧"]), None), Err(Refusal::PersonRetired("孙旧".into())));
    let e = p.meeting(&names(&["张评", "王评", "吴监督"]), None).unwrap_err();
    assert_eq!(e.to_string(), "吴监督 是村务监督委员会成员，不是评议小组成员，不能参加评议");
    assert_eq!(p.meeting(&names(&["张评", "王评", "路人"]), None), Err(Refusal::UnknownPerson("路人".into())));
    assert_eq!(p.meeting(&names(&["张评", "张评", "王评"]), None), Err(Refusal::MemberTwice("张评".into())));
    assert_eq!(People(&[]).meeting(&names(&["张评"]), None), Err(Refusal::NoPanel));
}

#[test]
fn registrars_and_clerks_register_and_a_book_without_people_takes_any_name() {
    let all = people();
    let p = People(&all);
    assert_eq!(p.registrar("周组长"), Ok("周组长".into()));
    assert_eq!(p.registrar("李文书"), Ok("李文书".into()));
    let e = p.registrar("张评").unwrap_err();
    assert_eq!(e.to_string(), "张评 是评议小组成员，登记须由村民小组长、网格员或文书办理");
    assert_eq!(p.registrar("谁"), Err(Refusal::UnknownPerson("谁".into())));
    assert_eq!(People(&[]).registrar(" 文书甲 "), Ok("文书甲".into()));
}

fn registration(id: i64, date: &str, decided: bool) -> Registration {
    Registration {
        id,
        deed: EntryDraft {
            household: "01001".into(),
            item: "A12".into(),
            date: date.parse().unwrap(),
            qty: 1,
            points: None,
            note: String::new(),
            id: None,
        },
        by: "周组长".into(),
        recorded_at: "2026-03-20T10:00:00+08:00".into(),
        photos: vec![],
        decision: decided.then(|| Decision {
            meeting: 1,
            meeting_date: "2026-03-28".parse().unwrap(),
            approved: true,
            points: None,
            reason: String::new(),
            entry: None,
        }),
    }
}

#[test]
fn each_outcome_is_checked_before_anything_is_saved() {
    let regs = [
        registration(1, "2026-03-10", false),
        registration(2, "2026-03-10", true),
        registration(3, "2026-04-10", false),
    ];
    let find = |id: i64| regs.iter().find(|r| r.id == id);
    let (on, today): (NaiveDate, NaiveDate) = ("2026-03-28".parse().unwrap(), "2026-12-01".parse().unwrap());
    let approve = |id| Verdict::Approve { registration: id, points: None };
    assert_eq!(check_verdicts(on, today, &[approve(1)], find), Ok(()));
    assert_eq!(check_verdicts(on, today, &[], find), Err(Refusal::NothingToReview));
    assert_eq!(check_verdicts(on, today, &[approve(1), approve(1)], find), Err(Refusal::DecidedTwice(1)));
    let e = check_verdicts(on, today, &[approve(2)], find).unwrap_err();
    assert_eq!(e.to_string(), "第 2 号登记已由第 1 次评议会评议过（已通过），不能再次评议");
    assert_eq!(check_verdicts(on, today, &[approve(9)], find), Err(Refusal::UnknownRegistration(9)));
    assert!(matches!(check_verdicts(on, today, &[approve(3)], find), Err(Refusal::MeetingBeforeDeed { id: 3, .. })));
    let reject = Verdict::Reject { registration: 1, reason: " ".into() };
    assert_eq!(check_verdicts(on, today, &[reject], find), Err(Refusal::RejectionReason(1)));
    let future = "2026-12-02".parse().unwrap();
    assert!(matches!(
        check_verdicts(future, today, &[approve(1)], find),
        Err(Refusal::InFuture { what: "评议会", .. })
    ));
}
