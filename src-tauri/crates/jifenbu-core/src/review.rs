//! 积分评议: points for items that need review are first registered (登记)
//! by a group leader, a grid worker or the clerk, then approved or rejected
//! by the village's review panel at a meeting (评议会); only an approved
//! registration enters the ledger. This module holds the people who act in
//! the scheme and every rule of a meeting; the store keeps the records and
//! posts approvals through the usual `Checker`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::csv_out::Column;
use crate::{parse, points, EntryDraft, EntryId, Field, Letterhead, Refusal};

/// What a person does in the scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Role {
    /// 文书: keeps the book.
    Clerk,
    /// 评议小组成员: sits on the review panel.
    Panel,
    /// 村务监督委员会成员.
    Supervisor,
    /// 村民小组长 or 网格员: registers deeds in a group.
    Registrar,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Clerk, Role::Panel, Role::Supervisor, Role::Registrar];

    /// The short word the command line takes and the book stores.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "文书",
            Role::Panel => "评议",
            Role::Supervisor => "监督",
            Role::Registrar => "组长",
        }
    }

    /// The role's full name, as printed.
    pub fn chinese(self) -> &'static str {
        match self {
            Role::Clerk => "文书",
            Role::Panel => "评议小组成员",
            Role::Supervisor => "村务监督委员会成员",
            Role::Registrar => "村民小组长或网格员",
        }
    }

    /// A role from its short word or a full name.
    pub fn parse(text: &str) -> Result<Role, Refusal> {
        match text.trim() {
            "文书" => Ok(Role::Clerk),
            "评议" | "评议小组成员" | "评议员" => Ok(Role::Panel),
            "监督" | "村务监督委员会成员" | "监委会成员" => Ok(Role::Supervisor),
            "组长" | "村民小组长" | "网格员" => Ok(Role::Registrar),
            other => Err(Refusal::UnknownRole(parse::quote(other))),
        }
    }

    /// Whether this role may register deeds.
    pub fn registers(self) -> bool {
        matches!(self, Role::Clerk | Role::Registrar)
    }
}

/// Someone who acts in the scheme; never deleted, only retired (停用).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: String,
    pub role: Role,
    /// A registrar's 村民小组.
    pub group: Option<String>,
    pub phone: Option<String>,
    pub retired: bool,
}

impl Person {
    /// May register deeds now: a registrar or clerk not retired.
    pub fn may_register(&self) -> bool {
        self.role.registers() && !self.retired
    }

    /// Sits on the review panel now: a panel member not retired.
    pub fn on_panel(&self) -> bool {
        self.role == Role::Panel && !self.retired
    }
}

/// Where a registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    Pending,
    Approved,
    Rejected,
}

impl Status {
    pub fn chinese(self) -> &'static str {
        match self {
            Status::Pending => "待评议",
            Status::Approved => "已通过",
            Status::Rejected => "未通过",
        }
    }
}

/// A proposed entry awaiting the panel: not in the ledger, counted nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// 第 N 号.
    pub id: i64,
    /// The entry it asks for, as registered (never with an id: the ledger
    /// gives one when it is approved).
    pub deed: EntryDraft,
    /// Who registered it (a person of the book, or a free name).
    pub by: String,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
    /// Content hashes (hex) of its evidence photos.
    pub photos: Vec<String>,
    pub decision: Option<Decision>,
}

impl Registration {
    pub fn status(&self) -> Status {
        match &self.decision {
            None => Status::Pending,
            Some(d) if d.approved => Status::Approved,
            Some(_) => Status::Rejected,
        }
    }

    /// The entry it asks for at `points` (the panel's change) or as
    /// registered, as the ledger's rules check it.
    pub fn draft(&self, points: Option<Decimal>) -> EntryDraft {
        EntryDraft { points: points.or(self.deed.points), ..self.deed.clone() }
    }
}

/// What a meeting decided about one registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub meeting: i64,
    pub meeting_date: NaiveDate,
    pub approved: bool,
    /// Approved at other points than registered: the new magnitude.
    pub points: Option<Decimal>,
    /// Why it was rejected (or a remark on an approval).
    pub reason: String,
    /// The ledger entry an approval posted.
    pub entry: Option<EntryId>,
}

/// One outcome as the clerk keys it in from the signed 评议表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// 同意, or 修改为 other points within the item's range.
    Approve { registration: i64, points: Option<Decimal> },
    /// 不同意, with the reason given to the household.
    Reject { registration: i64, reason: String },
}

impl Verdict {
    pub fn registration(&self) -> i64 {
        match self {
            Verdict::Approve { registration, .. } | Verdict::Reject { registration, .. } => *registration,
        }
    }
}

/// How many members a meeting needs: the rulebook's `review_quorum`, or
/// more than half of the active panel.
pub fn quorum(rule: Option<u32>, active_panel: usize) -> usize {
    rule.map_or(active_panel / 2 + 1, |n| n as usize)
}

/// The most registrations one file may hold.
pub const MAX_IMPORTED: usize = 100_000;
/// The most photos one registration may carry.
pub const MAX_PHOTOS: usize = 20;

/// A person to add, as typed: the name, group and phone trimmed (an empty
/// group or phone is none). Refused without a name, beyond a field's bound,
/// or a registrar without a group.
pub fn person_given(person: &Person) -> Result<Person, Refusal> {
    let name = person.name.trim();
    if name.is_empty() {
        return Err(Refusal::Empty("姓名"));
    }
    parse::text(Field::Operator, name)?;
    let kept = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let (group, phone) = (kept(&person.group), kept(&person.phone));
    if let Some(g) = &group {
        parse::text(Field::Group, g)?;
    }
    if let Some(p) = &phone {
        parse::text(Field::Phone, p)?;
    }
    if person.role == Role::Registrar && group.is_none() {
        return Err(Refusal::Required(Field::Group));
    }
    Ok(Person { name: name.to_string(), role: person.role, group, phone, retired: false })
}

/// A registration carries at most [`MAX_PHOTOS`] photos.
pub fn photos_allowed(count: usize) -> Result<(), Refusal> {
    match count > MAX_PHOTOS {
        true => Err(Refusal::TooManyPhotos(MAX_PHOTOS)),
        false => Ok(()),
    }
}

/// A file of registrations holds at most [`MAX_IMPORTED`].
pub fn imported_allowed(count: usize) -> Result<(), Refusal> {
    match count > MAX_IMPORTED {
        true => Err(Refusal::TooManyRegistrations(MAX_IMPORTED)),
        false => Ok(()),
    }
}

/// A refusal about one registration of a meeting, saying which.
pub fn at_registration(id: i64, refusal: Refusal) -> Refusal {
    Refusal::AtRegistration { id, reason: refusal.to_string() }
}

/// The people of a book, as the rules about who may do what see them.
pub struct People<'a>(pub &'a [Person]);

impl People<'_> {
    /// The active members of the review panel.
    pub fn panel(&self) -> impl Iterator<Item = &Person> {
        self.0.iter().filter(|p| p.on_panel())
    }

    /// Who may register: in a book that lists people, an active registrar
    /// or clerk of that name; in one that lists none, any name.
    pub fn registrar(&self, name: &str) -> Result<String, Refusal> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Refusal::Required(Field::Operator));
        }
        parse::text(Field::Operator, name)?;
        if self.0.is_empty() {
            return Ok(name.to_string());
        }
        let roles: Vec<&Person> = self.0.iter().filter(|p| p.name == name).collect();
        match roles.iter().find(|p| p.role.registers()) {
            Some(p) if !p.retired => Ok(name.to_string()),
            Some(_) => Err(Refusal::PersonRetired(name.to_string())),
            None if roles.is_empty() => Err(Refusal::UnknownPerson(parse::quote(name))),
            None => Err(Refusal::NotARegistrar { name: name.to_string(), role: roles[0].role.chinese() }),
        }
    }

    /// `person` (as [`person_given`] made it) may join the list: not
    /// there already in that role.
    pub fn joining(&self, person: &Person) -> Result<(), Refusal> {
        match self.0.iter().any(|p| p.name == person.name && p.role == person.role) {
            true => Err(Refusal::PersonExists { name: person.name.clone(), role: person.role.chinese() }),
            false => Ok(()),
        }
    }

    /// `name` (trimmed) may be retired: it has a role still active.
    pub fn retiring(&self, name: &str) -> Result<(), Refusal> {
        let roles = || self.0.iter().filter(|p| p.name == name);
        match (roles().any(|p| !p.retired), roles().next().is_some()) {
            (true, _) => Ok(()),
            (false, true) => Err(Refusal::PersonRetired(name.to_string())),
            (false, false) => Err(Refusal::UnknownPerson(parse::quote(name))),
        }
    }

    /// The members present at a meeting, checked: each an active panel
    /// member, named once, and enough of them for the quorum.
    pub fn meeting(&self, members: &[String], rule: Option<u32>) -> Result<Vec<String>, Refusal> {
        let panel = self.panel().count();
        if panel == 0 {
            return Err(Refusal::NoPanel);
        }
        let mut present: Vec<String> = Vec::with_capacity(members.len());
        for name in members.iter().map(|m| m.trim()).filter(|m| !m.is_empty()) {
            if present.iter().any(|p| p == name) {
                return Err(Refusal::MemberTwice(name.to_string()));
            }
            let roles: Vec<&Person> = self.0.iter().filter(|p| p.name == name).collect();
            match roles.iter().find(|p| p.role == Role::Panel) {
                Some(p) if !p.retired => present.push(name.to_string()),
                Some(_) => return Err(Refusal::PersonRetired(name.to_string())),
                None if roles.is_empty() => return Err(Refusal::UnknownPerson(parse::quote(name))),
                None => return Err(Refusal::NotOnPanel { name: name.to_string(), role: roles[0].role.chinese() }),
            }
        }
        let needed = quorum(rule, panel);
        if present.len() < needed {
            return Err(Refusal::QuorumNotMet { present: present.len(), needed, panel });
        }
        Ok(present)
    }
}

/// Checks a meeting's outcomes against the registrations they decide
/// (`pending(id)`: the registration if it exists, with its decision):
/// at least one, none twice, none already decided, none dated after the
/// meeting, and a reason for every rejection.
pub fn check_verdicts<'r>(
    on: NaiveDate,
    today: NaiveDate,
    verdicts: &[Verdict],
    registration: impl Fn(i64) -> Option<&'r Registration>,
) -> Result<(), Refusal> {
    crate::calendar::happened("评议会", on, today)?;
    if verdicts.is_empty() {
        return Err(Refusal::NothingToReview);
    }
    let mut seen = std::collections::HashSet::new();
    for v in verdicts {
        let id = v.registration();
        if !seen.insert(id) {
            return Err(Refusal::DecidedTwice(id));
        }
        let r = registration(id).ok_or(Refusal::UnknownRegistration(id))?;
        if let Some(d) = &r.decision {
            return Err(Refusal::AlreadyReviewed { id, meeting: d.meeting, outcome: r.status().chinese() });
        }
        if r.deed.date > on {
            return Err(Refusal::MeetingBeforeDeed { id, date: r.deed.date, on });
        }
        if let Verdict::Reject { reason, .. } = v {
            if reason.trim().is_empty() {
                return Err(Refusal::RejectionReason(id));
            }
            parse::text(Field::Reason, reason.trim())?;
        }
    }
    Ok(())
}

/// A registration as the printouts show it, with what the roster and the
/// rulebook say of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub registration: Registration,
    pub head: String,
    pub group: String,
    pub item_name: String,
    /// The signed points it asks for, as registered (`+3`, `-2`).
    pub points: Decimal,
}

impl Listed {
    /// What the meeting decided, in words: 同意, 修改为 4.5 分, 不同意.
    pub fn outcome(&self) -> String {
        match &self.registration.decision {
            None => "待评议".into(),
            Some(d) if !d.approved => "不同意".into(),
            Some(Decision { points: Some(p), .. }) => format!("修改为 {} 分", points::format(*p)),
            Some(_) => "同意".into(),
        }
    }

    /// The signed points that entered the ledger (zero for none).
    pub fn posted(&self) -> Decimal {
        match &self.registration.decision {
            Some(d) if d.approved => match d.points {
                Some(p) if self.points.is_sign_negative() => -p,
                Some(p) => p,
                None => self.points,
            },
            _ => Decimal::ZERO,
        }
    }
}

/// The columns of `registrations list --csv`.
pub const COLUMNS: &[Column<Listed>] = &[
    Column::new("编号", |l| l.registration.id.to_string()),
    Column::new("户号", |l| l.registration.deed.household.clone()),
    Column::new("户主", |l| l.head.clone()),
    Column::new("项目", |l| l.registration.deed.item.clone()),
    Column::new("日期", |l| l.registration.deed.date.to_string()),
    Column::new("数量", |l| l.registration.deed.qty.to_string()),
    Column::new("分值", |l| points::format(l.points)),
    Column::new("登记人", |l| l.registration.by.clone()),
    Column::new("状态", |l| l.registration.status().chinese().to_string()),
    Column::new("评议会", |l| l.registration.decision.as_ref().map(|d| d.meeting.to_string()).unwrap_or_default()),
    Column::new("结果", |l| if l.registration.decision.is_some() { l.outcome() } else { String::new() }),
    Column::new("理由", |l| l.registration.decision.as_ref().map(|d| d.reason.clone()).unwrap_or_default()),
];

/// 评议表: the registrations awaiting review, by household, printed before
/// a meeting and filled in by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSheet {
    pub head: Letterhead,
    pub printed_on: NaiveDate,
    /// The meeting's planned day, if known.
    pub meeting_on: Option<NaiveDate>,
    /// The active panel members, each with a line to sign.
    pub panel: Vec<String>,
    /// Ordered by household, then by number.
    pub rows: Vec<Listed>,
}

/// 评议记录: a meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes {
    pub head: Letterhead,
    pub meeting: i64,
    pub date: NaiveDate,
    pub members: Vec<String>,
    pub panel: usize,
    pub quorum: usize,
    /// In the order decided.
    pub rows: Vec<Listed>,
}

impl Minutes {
    /// 通过 N 条，计 X 分；不通过 M 条。
    pub fn totals(&self) -> String {
        let approved: Vec<&Listed> = self.rows.iter().filter(|r| r.registration.status() == Status::Approved).collect();
        let sum: Decimal = approved.iter().map(|r| r.posted()).sum();
        format!(
            "共评议 {} 条：同意 {} 条，合计 {} 分；不同意 {} 条。",
            self.rows.len(),
            approved.len(),
            points::format(sum),
            self.rows.len() - approved.len()
        )
    }
}

/// Registrations not yet reviewed that count against publishing or
/// closing: how many, and the earliest (its number and the day it was
/// registered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    pub count: usize,
    pub first: i64,
    pub registered_on: NaiveDate,
}

#[cfg(test)]
mod tests;
