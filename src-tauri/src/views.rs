//! What crosses to the front end. Every type here derives `TS`, and
//! `ui/src/ipc/bindings.ts` is generated from them (see the test at the
//! end); points travel as strings (`"-2.5"`), so no decimal is ever a float.

use jifenbu_core::review::{Listed, Person};
use jifenbu_core::rulebook::{ItemPoints, Rulebook};
use jifenbu_core::shop::{Balance, Redemption, Stocked};
use jifenbu_core::statement::{Line, Reversed};
use jifenbu_core::tally::Standing;
use jifenbu_core::year::YearRow;
use jifenbu_core::{points, Entry, Household, Item, Posting, RankingRow};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::search_keys::{initials, spelling};

fn pts(d: Decimal) -> String {
    points::format(d)
}

/// The open book, as the title bar and every screen see it.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookInfo {
    pub village: String,
    pub code: String,
    pub path: String,
    pub file_name: String,
    /// Today, `YYYY-MM-DD`, by this computer's clock.
    pub today: String,
    /// Today's quarter, `2026Q4`.
    pub quarter: String,
    /// The quarter screens open on: the latest with entries, up to today's
    /// (today's when the book has none).
    pub latest_quarter: String,
    pub operator: String,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentBook {
    pub path: String,
    pub file_name: String,
    pub exists: bool,
}

/// A rulebook file shipped in `rules/`, offered when creating a book.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShippedRulebook {
    pub file: String,
    pub title: String,
    pub effective_from: String,
}

/// What the start screen (开始) shows.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Start {
    pub book: Option<BookInfo>,
    pub recent: Vec<RecentBook>,
    pub rulebooks: Vec<ShippedRulebook>,
    /// When the last backup was made (`2026-12-01 09:30`), if ever.
    pub last_backup: Option<String>,
    /// Said on 开始 when the last backup is over a week old, or missing.
    pub backup_warning: Option<String>,
    /// How many registrations await the review panel.
    pub pending_reviews: u32,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdRow {
    pub code: String,
    pub head: String,
    pub group: String,
    pub members: Option<u32>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub active_from: Option<String>,
    pub active_to: Option<String>,
    /// The day it moved out, if it has left the roster by today (the
    /// core's `Household::moved_out_by`): lists mark it 已迁出.
    pub moved_out: Option<String>,
    /// Per character of the head's name, the initials it may be typed as.
    pub initials: Vec<String>,
}

impl HouseholdRow {
    /// `h` as the window lists it on `today`.
    pub fn new(h: &Household, today: chrono::NaiveDate) -> Self {
        HouseholdRow {
            code: h.code.clone(),
            head: h.head.clone(),
            group: h.group.clone(),
            members: h.members,
            address: h.address.clone(),
            phone: h.phone.clone(),
            active_from: h.active_from.map(|d| d.to_string()),
            active_to: h.active_to.map(|d| d.to_string()),
            moved_out: h.moved_out_by(today).map(|d| d.to_string()),
            initials: initials(&h.head),
        }
    }
}

/// A household's details as the edit form (户账 → 修改/新增) sends them.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdForm {
    pub code: String,
    pub head: String,
    pub group: String,
    pub members: String,
    pub address: String,
    pub phone: String,
    /// `YYYY-MM-DD` or empty.
    pub active_from: String,
    pub active_to: String,
    /// Adding a household (its code must be new) rather than changing one.
    pub is_new: bool,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemRow {
    pub code: String,
    /// `add` or `deduct`.
    pub kind: String,
    pub category: String,
    pub name: String,
    /// Fixed points per unit, e.g. `"2"`; for a ranged item the minimum.
    pub min: String,
    /// For a ranged item the maximum; equal to `min` for a fixed one.
    pub max: String,
    pub ranged: bool,
    pub unit: Option<String>,
    /// As a clerk reads it: `每户季度最多 3 分`.
    pub cap: Option<String>,
    pub veto: bool,
    /// Whether it goes to the review panel (登记 → 评议) before it counts.
    pub review: bool,
    pub note: Option<String>,
    pub initials: Vec<String>,
    pub spelling: String,
}

impl From<&Item> for ItemRow {
    fn from(i: &Item) -> Self {
        let (min, max, ranged) = match i.points {
            ItemPoints::Fixed(p) => (p, p, false),
            ItemPoints::Range { min, max } => (min, max, true),
        };
        ItemRow {
            code: i.code.clone(),
            kind: i.kind.as_str().into(),
            category: i.category.clone(),
            name: i.name.clone(),
            min: pts(min),
            max: pts(max),
            ranged,
            unit: i.unit.clone(),
            cap: i.cap.map(|c| format!("每户{}最多 {} 分", c.per.chinese(), pts(c.points))),
            veto: i.veto,
            review: i.review,
            note: i.note.clone(),
            initials: initials(&i.name),
            spelling: spelling(&i.name),
        }
    }
}

/// What the entry form (录入) sends.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryForm {
    pub household: String,
    pub item: String,
    /// `YYYY-MM-DD`, or as the core's date parser reads a typed date.
    pub date: String,
    /// As typed; the core parses it (empty means 1).
    pub qty: String,
    /// Required for ranged items; empty for fixed ones.
    pub points: String,
    pub note: String,
    /// Who registered the deed, when the item needs review (empty: the
    /// operator).
    pub by: String,
    /// Photos attached for review, by key (see `attach_photos`).
    pub photos: Vec<String>,
}

/// What batch entry (批量录入) sends: one item and date, many households.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchForm {
    pub households: Vec<String>,
    pub item: String,
    pub date: String,
    pub qty: String,
    pub points: String,
    pub note: String,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryRow {
    pub id: String,
    pub seq: i64,
    pub household: String,
    pub item_code: String,
    pub item_name: String,
    pub kind: String,
    pub qty: u32,
    pub points: String,
    pub date: String,
    pub quarter: String,
    pub note: String,
    pub operator: String,
    pub recorded_at: String,
    /// For a reversal, the id of the entry it cancels.
    pub reverses: Option<String>,
}

impl From<&Entry> for EntryRow {
    fn from(e: &Entry) -> Self {
        EntryRow {
            id: e.id.to_string(),
            seq: e.seq,
            household: e.household.clone(),
            item_code: e.item_code.clone(),
            item_name: e.item_name.clone(),
            kind: e.kind.as_str().into(),
            qty: e.qty,
            points: pts(e.points),
            date: e.date.to_string(),
            quarter: e.posting.to_string(),
            note: e.note.clone(),
            operator: e.operator.clone(),
            recorded_at: e.recorded_at.clone(),
            reverses: e.reverses.map(|r| r.to_string()),
        }
    }
}

/// Where a household stands in a quarter (the core's `Standing`), as the
/// window shows it: in a ranking row and in a household's quarter figures.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StandingView {
    pub add: String,
    pub deduct: String,
    pub score: String,
    pub year_to_date: String,
    pub stars: u8,
    pub veto: bool,
}

impl From<&Standing> for StandingView {
    fn from(s: &Standing) -> Self {
        StandingView {
            add: pts(s.add),
            deduct: pts(s.deduct),
            score: pts(s.score),
            year_to_date: pts(s.year_to_date),
            stars: s.stars,
            veto: s.veto,
        }
    }
}

/// A household's figures for one quarter, as the ranking counts them.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuarterFigures {
    pub quarter: String,
    /// `2025年第一季度`.
    pub label: String,
    #[serde(flatten)]
    pub standing: StandingView,
}

impl QuarterFigures {
    /// A quarter's figures, or the adjustment period's (whose year to date
    /// is the annual figure).
    pub fn new(p: impl Into<Posting>, s: &Standing) -> QuarterFigures {
        let p = p.into();
        QuarterFigures { quarter: p.to_string(), label: p.chinese(), standing: s.into() }
    }
}

/// The answer to a saved entry: the line as recorded, and where the
/// household now stands.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    pub entries: Vec<EntryRow>,
    /// Instead of entries: the registration made for an item that needs
    /// review, which counts nowhere until approved.
    pub registration: Option<RegistrationRow>,
    /// The quarter the (first) entry counts in, for its household.
    pub standing: Option<QuarterFigures>,
    /// What is left of the item's cap for this household, if it has one.
    pub cap_left: Option<String>,
}

/// One line of a household's account (户账): its entries with a running total.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountLine {
    pub no: u32,
    pub entry: EntryRow,
    pub running: String,
    /// The line this reversal cancels.
    pub reverses_line: Option<u32>,
    /// For a reversal of an earlier year's entry: that entry's date.
    pub reverses_earlier: Option<String>,
    /// The line that cancels this one.
    pub reversed_by: Option<u32>,
}

impl From<&Line> for AccountLine {
    fn from(l: &Line) -> Self {
        AccountLine {
            no: l.no,
            entry: EntryRow::from(&l.entry),
            running: pts(l.running),
            reverses_line: match l.reverses {
                Some(Reversed::Line(n)) => Some(n),
                _ => None,
            },
            reverses_earlier: match l.reverses {
                Some(Reversed::Earlier(d)) => Some(d.to_string()),
                _ => None,
            },
            reversed_by: l.reversed_by,
        }
    }
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub household: HouseholdRow,
    pub year: i32,
    pub base_points: String,
    pub lines: Vec<AccountLine>,
    pub quarters: Vec<QuarterFigures>,
    /// The household's registrations dated in the year, with their status.
    pub registrations: Vec<RegistrationRow>,
    /// 积分超市: what it may spend today, and what it redeemed.
    pub shop: Customer,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RankRow {
    pub rank: u32,
    pub code: String,
    pub head: String,
    pub group: String,
    #[serde(flatten)]
    pub standing: StandingView,
    pub initials: Vec<String>,
}

impl From<&RankingRow> for RankRow {
    fn from(r: &RankingRow) -> Self {
        RankRow {
            rank: r.rank,
            code: r.code.clone(),
            head: r.head.clone(),
            group: r.group.clone(),
            standing: (&r.standing).into(),
            initials: initials(&r.head),
        }
    }
}

/// 年度: a year's ranking by annual figure.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearView {
    pub year: i32,
    /// `2025年度`.
    pub label: String,
    /// Set once the year is closed.
    pub closed: Option<ClosedView>,
    pub rows: Vec<YearRowView>,
    pub years: Vec<YearChoice>,
}

/// The seal of a closed year.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClosedView {
    pub closed_on: String,
    pub verification_code: String,
}

/// A year the 年度 screen offers.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearChoice {
    pub year: i32,
    pub label: String,
    pub closed: bool,
}

/// One household's year, every figure as text.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearRowView {
    pub rank: u32,
    pub code: String,
    pub head: String,
    pub group: String,
    /// Each quarter's score, Q1 to Q4.
    pub quarters: Vec<String>,
    pub adjustment: String,
    pub annual: String,
    pub stars: u8,
    pub veto: bool,
    pub initials: Vec<String>,
}

impl From<&YearRow> for YearRowView {
    fn from(r: &YearRow) -> Self {
        YearRowView {
            rank: r.rank,
            code: r.code.clone(),
            head: r.head.clone(),
            group: r.group.clone(),
            quarters: r.quarters.iter().map(|q| points::format(*q)).collect(),
            adjustment: points::format(r.adjustment),
            annual: points::format(r.annual),
            stars: r.stars,
            veto: r.veto,
            initials: initials(&r.head),
        }
    }
}

/// A quarter the ranking screen offers.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuarterChoice {
    pub quarter: String,
    pub label: String,
    pub published: bool,
}

/// The seal of a published quarter.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Sealed {
    /// The notice's day, as given.
    pub published_on: String,
    /// The day it was keyed in from paper (补录), if it was.
    pub backfilled_on: Option<String>,
    pub digest: String,
    /// What the notice prints: `4A10-578F`.
    pub verification_code: String,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RankingView {
    pub quarter: String,
    pub label: String,
    pub sealed: Option<Sealed>,
    pub rows: Vec<RankRow>,
    pub quarters: Vec<QuarterChoice>,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArticleView {
    pub title: Option<String>,
    pub text: String,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StarView {
    pub level: u8,
    pub min: String,
    pub name: Option<String>,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RulebookView {
    pub title: String,
    pub effective_from: String,
    pub base_points: String,
    pub notice_days: u32,
    pub articles: Vec<ArticleView>,
    pub stars: Vec<StarView>,
    pub items: Vec<ItemRow>,
}

impl From<&Rulebook> for RulebookView {
    fn from(r: &Rulebook) -> Self {
        RulebookView {
            title: r.title(),
            effective_from: r.effective_from.to_string(),
            base_points: pts(r.base_points),
            notice_days: r.notice_days,
            articles: r.articles.iter().map(|a| ArticleView { title: a.title.clone(), text: a.text.clone() }).collect(),
            stars: r.stars.iter().map(|s| StarView { level: s.level, min: pts(s.min), name: s.name.clone() }).collect(),
            items: r.items.iter().map(ItemRow::from).collect(),
        }
    }
}

/// A rulebook file read for loading, and what it changes.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RulebookChanges {
    pub file_name: String,
    pub incoming: RulebookView,
    /// The version it is compared with; none when the book has no rulebook
    /// in force on its date yet.
    pub against: Option<String>,
    /// One sentence per change, e.g. `修改项目 A01 义务劳动：分值 2 分/次 → 3 分/次`.
    pub changes: Vec<String>,
}

/// An objection (异议) to a published quarter, with its ruling if made.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ObjectionView {
    /// 第 N 号.
    pub id: i64,
    pub household: String,
    pub head: String,
    pub received_on: String,
    pub received_by: String,
    pub text: String,
    /// Received after the notice period and accepted late (逾期受理).
    pub late: bool,
    /// `异议成立` / `异议不成立`; none while open.
    pub outcome: Option<String>,
    pub decided_on: Option<String>,
    pub reason: Option<String>,
    /// How many entries the ruling posted.
    pub corrections: u32,
}

/// A ruling on an objection: upheld, with entries to reverse and/or one item
/// to add for the household, or not upheld; the reason either way.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RulingForm {
    pub id: i64,
    pub upheld: bool,
    pub reason: String,
    pub reverse: Vec<String>,
    /// An item code, or empty for none.
    pub add_item: String,
    pub add_qty: String,
    pub add_points: String,
}

/// A village file in 镇汇总.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TownFileView {
    pub path: String,
    pub file_name: String,
    /// `青溪村（330109001）` when the file reads well.
    pub village: Option<String>,
    pub quarter: Option<String>,
    pub households: u32,
    /// What is wrong with the file, naming line and column.
    pub problem: Option<String>,
}

/// One village in the town's table, ranked by average year-to-date score.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TownRow {
    pub rank: u32,
    pub code: String,
    pub name: String,
    pub households: u32,
    pub add_total: String,
    pub deduct_total: String,
    pub avg_score: String,
    pub avg_year_to_date: String,
    pub vetoed: u32,
    pub participation_pct: String,
    /// Whether the village's quarter is published; unpublished ones are
    /// ranked apart, after the others.
    pub published: bool,
    /// The code on the village's posted notice.
    pub verification: Option<String>,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TownView {
    /// The town's name and the report's issuer, as last printed.
    pub town: String,
    pub issuer: String,
    pub files: Vec<TownFileView>,
    /// The quarter, when the files combine.
    pub label: Option<String>,
    pub rows: Vec<TownRow>,
    /// The town's totals in a sentence.
    pub totals: Option<String>,
    /// Why the files do not combine (mixed quarters, a village twice…).
    pub problem: Option<String>,
}

/// A village's book checked by the town against the village's files in the
/// list (镇汇总's 核对村积分簿): `verify --against`, in the window.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookCheck {
    pub file_name: String,
    /// `青溪村（330109001）`.
    pub village: String,
    /// How many of the list's files are that village's.
    pub files: u32,
    pub ok: bool,
    pub checks: Vec<CheckLine>,
}

/// One check of a book and what it found.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckLine {
    pub name: String,
    pub scope: String,
    /// Empty when the check passed.
    pub problems: Vec<String>,
}

/// What restoring a backup would lose: what was recorded after it.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreLoss {
    pub entries: u64,
    pub registrations: u64,
    pub redemptions: u64,
}

/// A printout saved: where, and whether the computer's PDF viewer opened it.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedPrintout {
    pub path: String,
    pub opened: bool,
}

/// A backup file in the backup folder.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub path: String,
    pub file_name: String,
    /// Modification time, `YYYY-MM-DD HH:MM`.
    pub modified: String,
    pub size_kb: u64,
}

#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    pub operator: String,
    pub village: String,
    pub code: String,
    pub issuer: String,
    pub objections_to: String,
    pub backup_dir: String,
    pub backup_on_close: bool,
    /// `YYYY-MM-DD HH:MM` and the file.
    pub last_backup: Option<String>,
    pub backups: Vec<BackupFile>,
}

/// Someone of the book's scheme (评议 → 人员).
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonRow {
    pub name: String,
    /// The short word: 文书, 评议, 监督, 组长.
    pub role: String,
    pub role_name: String,
    pub group: Option<String>,
    pub phone: Option<String>,
    pub retired: bool,
    /// May register deeds now (the core's `Person::may_register`).
    pub may_register: bool,
    /// Sits on the review panel now (`Person::on_panel`).
    pub on_panel: bool,
    /// Per character of the name, the initials it may be typed as.
    pub initials: Vec<String>,
}

impl From<&Person> for PersonRow {
    fn from(p: &Person) -> Self {
        PersonRow {
            name: p.name.clone(),
            role: p.role.as_str().into(),
            role_name: p.role.chinese().into(),
            group: p.group.clone(),
            phone: p.phone.clone(),
            retired: p.retired,
            may_register: p.may_register(),
            on_panel: p.on_panel(),
            initials: initials(&p.name),
        }
    }
}

/// A person to add, as typed.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonForm {
    pub name: String,
    pub role: String,
    pub group: String,
    pub phone: String,
}

/// A registration (登记) as 评议 and 户账 list it.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationRow {
    /// 第 N 号.
    #[ts(type = "number")]
    pub id: i64,
    pub household: String,
    pub head: String,
    pub group: String,
    pub item: String,
    pub item_name: String,
    pub date: String,
    pub qty: u32,
    /// Signed, as registered.
    pub points: String,
    pub note: String,
    pub by: String,
    pub recorded_at: String,
    /// Photo keys, shown through `photo`.
    pub photos: Vec<String>,
    /// 待评议, 已通过 or 未通过.
    pub status: String,
    #[ts(type = "number | null")]
    pub meeting: Option<i64>,
    /// 同意, 修改为 4.5 分, 不同意; none while pending.
    pub outcome: Option<String>,
    pub reason: String,
}

impl From<&Listed> for RegistrationRow {
    fn from(l: &Listed) -> Self {
        let r = &l.registration;
        RegistrationRow {
            id: r.id,
            household: r.deed.household.clone(),
            head: l.head.clone(),
            group: l.group.clone(),
            item: r.deed.item.clone(),
            item_name: l.item_name.clone(),
            date: r.deed.date.to_string(),
            qty: r.deed.qty,
            points: pts(l.points),
            note: r.deed.note.clone(),
            by: r.by.clone(),
            recorded_at: r.recorded_at.clone(),
            photos: r.photos.clone(),
            status: r.status().chinese().into(),
            meeting: r.decision.as_ref().map(|d| d.meeting),
            outcome: r.decision.as_ref().map(|_| l.outcome()),
            reason: r.decision.as_ref().map(|d| d.reason.clone()).unwrap_or_default(),
        }
    }
}

/// A meeting (评议会) as listed.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingRow {
    #[ts(type = "number")]
    pub id: i64,
    pub date: String,
    pub members: Vec<String>,
    /// 共评议 N 条：同意 …
    pub totals: String,
}

/// What 评议 shows: the pending registrations, the people and the
/// meetings so far.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewView {
    pub pending: Vec<RegistrationRow>,
    pub people: Vec<PersonRow>,
    pub meetings: Vec<MeetingRow>,
    /// How many members a meeting needs today.
    pub quorum: u32,
    /// Whether the rulebook in force today reviews any item.
    pub reviews: bool,
}

/// A meeting keyed in from the signed 评议表.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingForm {
    pub date: String,
    pub members: Vec<String>,
    pub verdicts: Vec<VerdictForm>,
}

/// One registration's outcome: `approve`, `change` (approve at `points`)
/// or `reject` (with `reason`).
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VerdictForm {
    #[ts(type = "number")]
    pub registration: i64,
    pub outcome: String,
    pub points: String,
    pub reason: String,
}

/// A photo chosen for a registration, shrunk and held until it is saved.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldPhoto {
    pub key: String,
    pub file_name: String,
    pub width: u32,
    pub height: u32,
    pub size_kb: u32,
    pub taken_at: Option<String>,
}

/// Goods of the shop, as the counter picks them.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoodsRow {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub price: String,
    #[ts(type = "number")]
    pub stock: i64,
    pub initials: Vec<String>,
    pub spelling: String,
}

impl From<&Stocked> for GoodsRow {
    fn from(s: &Stocked) -> Self {
        GoodsRow {
            code: s.goods.code.clone(),
            name: s.goods.name.clone(),
            unit: s.goods.unit.clone(),
            price: pts(s.goods.price),
            stock: s.stock,
            initials: initials(&s.goods.name),
            spelling: spelling(&s.goods.name),
        }
    }
}

/// A household's spendable balance (积分超市), apart from its score.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BalanceView {
    pub earned: String,
    pub redeemed: String,
    pub lapsed: String,
    pub balance: String,
}

impl From<&Balance> for BalanceView {
    fn from(b: &Balance) -> Self {
        BalanceView { earned: pts(b.earned), redeemed: pts(b.redeemed), lapsed: pts(b.lapsed), balance: pts(b.balance) }
    }
}

/// A redemption as listed.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RedemptionRow {
    #[ts(type = "number")]
    pub id: i64,
    pub household: String,
    pub date: String,
    /// `洗衣液 2 瓶、毛巾 1 条`.
    pub goods: String,
    pub cost: String,
    pub operator: String,
    /// `2026-03-05 拿错了` once cancelled.
    pub cancelled: Option<String>,
}

impl From<&Redemption> for RedemptionRow {
    fn from(r: &Redemption) -> Self {
        RedemptionRow {
            id: r.id,
            household: r.household.clone(),
            date: r.date.to_string(),
            goods: r.goods_text(),
            cost: pts(r.cost()),
            operator: r.operator.clone(),
            cancelled: r.cancelled.as_ref().map(|c| format!("{} {}", c.date, c.reason)),
        }
    }
}

/// 积分超市: the goods with their stock, today's redemptions, and the
/// rules the rulebook sets.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShopView {
    pub goods: Vec<GoodsRow>,
    pub today: Vec<RedemptionRow>,
    /// `只计加分，每分兑 1，长期有效`.
    pub rules: String,
}

/// A household at the counter: its balance and redemptions.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub balance: BalanceView,
    pub redemptions: Vec<RedemptionRow>,
}

/// What a redemption being put together costs, and what it leaves.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub total: Option<String>,
    pub balance_after: Option<String>,
    /// Why it would be refused (beyond the balance or stock), if it would.
    pub problem: Option<String>,
}

/// One line of a redemption as the counter sends it.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RedeemLine {
    pub goods: String,
    /// As typed.
    pub qty: String,
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoodsForm {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub price: String,
}

#[cfg(test)]
mod bindings {
    use super::*;
    use crate::error::Failure;

    /// The TypeScript the front end imports, generated from the types above.
    fn generate() -> String {
        let decls = [
            BookInfo::decl(),
            RecentBook::decl(),
            ShippedRulebook::decl(),
            Start::decl(),
            HouseholdRow::decl(),
            HouseholdForm::decl(),
            ItemRow::decl(),
            EntryForm::decl(),
            BatchForm::decl(),
            EntryRow::decl(),
            StandingView::decl(),
            QuarterFigures::decl(),
            Saved::decl(),
            AccountLine::decl(),
            Account::decl(),
            RankRow::decl(),
            QuarterChoice::decl(),
            Sealed::decl(),
            RankingView::decl(),
            ArticleView::decl(),
            StarView::decl(),
            RulebookView::decl(),
            RulebookChanges::decl(),
            ObjectionView::decl(),
            RulingForm::decl(),
            TownFileView::decl(),
            TownRow::decl(),
            TownView::decl(),
            YearView::decl(),
            ClosedView::decl(),
            YearChoice::decl(),
            YearRowView::decl(),
            BookCheck::decl(),
            CheckLine::decl(),
            BackupFile::decl(),
            SavedPrintout::decl(),
            RestoreLoss::decl(),
            SettingsView::decl(),
            PersonRow::decl(),
            PersonForm::decl(),
            RegistrationRow::decl(),
            MeetingRow::decl(),
            ReviewView::decl(),
            MeetingForm::decl(),
            VerdictForm::decl(),
            HeldPhoto::decl(),
            GoodsRow::decl(),
            BalanceView::decl(),
            RedemptionRow::decl(),
            ShopView::decl(),
            Customer::decl(),
            RedeemLine::decl(),
            Quote::decl(),
            GoodsForm::decl(),
            jifenbu_core::Field::decl(),
            crate::error::FailureCode::decl(),
            Failure::decl(),
        ];
        let mut out = String::from(
            "// Generated from src-tauri/src/views.rs and src-tauri/src/commands/list.rs by `cargo test -p jifenbu-app bindings`.\n// Do not edit: change the Rust and run it with UPDATE_BINDINGS=1.\n\nimport { call } from \"./call\";\n",
        );
        for d in decls {
            out.push_str("\nexport ");
            out.push_str(&d);
            out.push('\n');
        }
        out.push_str("\n/** Every command the window may call, typed from the one list of commands. */\nexport const commands = {\n");
        for (name, args, answer) in app_commands!(typed) {
            let camel = |s: &str| {
                s.split('_')
                    .enumerate()
                    .map(|(i, w)| if i == 0 { w.to_string() } else { w[..1].to_uppercase() + &w[1..] })
                    .collect::<String>()
            };
            let params: Vec<String> = args.iter().map(|(a, t)| format!("{}: {t}", camel(a))).collect();
            let passed: Vec<String> = args.iter().map(|(a, _)| camel(a)).collect();
            let passed = if passed.is_empty() { String::new() } else { format!(", {{ {} }}", passed.join(", ")) };
            out.push_str(&format!(
                "  {}: ({}) => call<{answer}>(\"{name}\"{passed}),\n",
                camel(name),
                params.join(", ")
            ));
        }
        out.push_str("};\n");
        out
    }

    /// Each command of the list as (name, [(argument, TypeScript type)],
    /// TypeScript answer); raw bytes (`Response`) arrive as an ArrayBuffer.
    macro_rules! typed {
        (@go [$($done:expr),*]) => { vec![$($done),*] };
        (@go [$($done:expr),*] $module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> Response, $($rest:tt)*) => {
            typed!(@go [$($done,)* (stringify!($name), vec![$((stringify!($arg), <$ty as TS>::name())),*], "ArrayBuffer".to_string())] $($rest)*)
        };
        (@go [$($done:expr),*] $module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty, $($rest:tt)*) => {
            typed!(@go [$($done,)* (stringify!($name), vec![$((stringify!($arg), <$ty as TS>::name())),*], <$answer as TS>::name())] $($rest)*)
        };
        ($($items:tt)*) => { typed!(@go [] $($items)*) };
    }
    use typed;

    /// The list's commands, as its lines say them, with whitespace removed:
    /// (name, [(argument, Rust type)], answer).
    type Signature = (String, Vec<(String, String)>, String);

    macro_rules! said {
        ($($module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty),* $(,)?) => {
            vec![$((
                stringify!($name).to_string(),
                vec![$((stringify!($arg).to_string(), stringify!($ty).replace(' ', ""))),*],
                stringify!($answer).replace(' ', ""),
            )),*]
        };
    }

    /// Every `#[tauri::command]` in src/commands, as its source declares it;
    /// what Tauri supplies (`AppHandle`, `State`) is left out.
    fn in_source() -> Vec<Signature> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
        let mut out = Vec::new();
        for file in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            for part in text.split("#[tauri::command]").skip(1) {
                let sig: String = part[..part.find('{').unwrap()].split_whitespace().collect();
                let name = &sig[sig.find("fn").unwrap() + 2..sig.find('(').unwrap()];
                let (params, answer) = sig[sig.find('(').unwrap() + 1..].rsplit_once(")->Result<").unwrap();
                let mut args = Vec::new();
                let (mut depth, mut from) = (0, 0);
                for (i, c) in params.char_indices().chain([(params.len(), ',')]) {
                    match c {
                        '<' => depth += 1,
                        '>' => depth -= 1,
                        ',' if depth == 0 => {
                            if let Some((a, t)) = params[from..i].split_once(':') {
                                if !t.starts_with("State<") && t != "AppHandle" {
                                    args.push((a.to_string(), t.to_string()));
                                }
                            }
                            from = i + 1;
                        }
                        _ => {}
                    }
                }
                out.push((name.to_string(), args, answer.strip_suffix('>').unwrap_or(answer).to_string()));
            }
        }
        out.sort();
        out
    }

    /// The one list of commands says what each command really takes and
    /// answers, and names every command there is.
    #[test]
    fn the_list_of_commands_matches_the_commands() {
        let mut listed: Vec<Signature> = app_commands!(said);
        listed.sort();
        assert_eq!(listed, in_source());
    }

    /// CI's drift check: the committed bindings are what the Rust types give.
    #[test]
    fn bindings_match_the_rust_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/bindings.ts");
        let fresh = generate();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/ipc/bindings.ts is out of date: run UPDATE_BINDINGS=1 cargo test -p jifenbu-app bindings"
        );
    }
}
