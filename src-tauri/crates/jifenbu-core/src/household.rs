//! Households (户): the account holders of the ledger.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{parse, Field, Quarter, Refusal};

/// One household of the village roster. The code is unique in the village.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Household {
    /// 户号.
    pub code: String,
    /// 户主.
    pub head: String,
    /// 村民小组 / 网格.
    pub group: String,
    pub members: Option<u32>,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// 迁入日期: on the roster from this day (always, when `None`).
    pub active_from: Option<NaiveDate>,
    /// 迁出日期: on the roster up to and including this day (for ever, when `None`).
    pub active_to: Option<NaiveDate>,
}

impl Household {
    /// The fields in which `new`, a roster line for this household, differs
    /// from it: what a re-import changes.
    pub fn changes(&self, new: &Household) -> Vec<Field> {
        let text = |a: &Option<String>, b: &Option<String>| a.as_deref().unwrap_or("") != b.as_deref().unwrap_or("");
        [
            (Field::Head, self.head != new.head),
            (Field::Group, self.group != new.group),
            (Field::Members, self.members != new.members),
            (Field::Address, text(&self.address, &new.address)),
            (Field::Phone, text(&self.phone, &new.phone)),
            (Field::ActiveFrom, self.active_from != new.active_from),
            (Field::ActiveTo, self.active_to != new.active_to),
        ]
        .into_iter()
        .filter_map(|(field, changed)| changed.then_some(field))
        .collect()
    }

    /// The first field of `new` (read from a GBK file) where a `?` stands for
    /// a character of this household's that GBK cannot hold (𠮷, 𰀀): Excel
    /// saving a roster as GBK CSV replaces each with `?`.
    pub fn lost_in_gbk(&self, new: &Household) -> Option<(Field, String, String)> {
        let pairs = [
            (Field::Head, self.head.as_str(), new.head.as_str()),
            (Field::Group, self.group.as_str(), new.group.as_str()),
            (Field::Address, self.address.as_deref().unwrap_or(""), new.address.as_deref().unwrap_or("")),
        ];
        let (field, had, got) = pairs.into_iter().find(|(_, had, got)| had != got && *got == as_gbk_saves_it(had))?;
        Some((field, had.to_string(), got.to_string()))
    }

    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.active_from.is_none_or(|f| f <= date) && self.active_to.is_none_or(|t| date <= t)
    }

    /// The day it moved out, if it had left the roster by `today`.
    pub fn moved_out_by(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.active_to.filter(|t| *t < today)
    }

    /// What is wrong with the household as master data: empty or
    /// overlong names, moving out before moving in. Shared by the roster
    /// import and the app's household form.
    pub fn problems(&self) -> Vec<Refusal> {
        let mut out = Vec::new();
        for (field, value) in [(Field::Code, &self.code), (Field::Head, &self.head), (Field::Group, &self.group)] {
            if value.trim().is_empty() {
                out.push(Refusal::Required(field));
            }
        }
        let optional = [(Field::Address, &self.address), (Field::Phone, &self.phone)];
        let texts = [(Field::Code, &self.code), (Field::Head, &self.head), (Field::Group, &self.group)];
        let texts = texts.into_iter().chain(optional.into_iter().filter_map(|(f, v)| Some((f, v.as_ref()?))));
        out.extend(texts.filter_map(|(field, value)| parse::text(field, value).err()));
        if let (Some(from), Some(to)) = (self.active_from, self.active_to) {
            if to < from {
                out.push(Refusal::MovedOutBeforeIn { from, to });
            }
        }
        out
    }

    /// Refuses roster dates that would leave counting entries (dated
    /// `entry_dates`) outside the household's time on the roster: they must
    /// be reversed first, or the dates moved.
    pub fn fits(&self, entry_dates: &[NaiveDate]) -> Result<(), Refusal> {
        let outside: Vec<NaiveDate> = entry_dates.iter().copied().filter(|d| !self.is_active_on(*d)).collect();
        let (Some(first), Some(last)) = (outside.iter().min(), outside.iter().max()) else { return Ok(()) };
        let (earliest, latest) = (entry_dates.iter().min(), entry_dates.iter().max());
        Err(Refusal::EntriesOutsideRoster {
            code: self.code.clone(),
            count: outside.len(),
            first: *first,
            last: *last,
            move_in_by: earliest.copied().filter(|d| self.active_from.is_some_and(|f| f > *d)),
            move_out_from: latest.copied().filter(|d| self.active_to.is_some_and(|t| t < *d)),
        })
    }

    /// Active at any time in the quarter: such households are ranked.
    pub fn is_active_during(&self, quarter: Quarter) -> bool {
        self.active_from.is_none_or(|f| f <= quarter.last_day())
            && self.active_to.is_none_or(|t| quarter.first_day() <= t)
    }
}

/// A household form saved as `new` (or as a change) when the roster
/// already has its code (`listed`) or not: a new code is not taken, a
/// changed one exists.
pub fn may_save(code: &str, new: bool, listed: bool) -> Result<(), Refusal> {
    match (new, listed) {
        (true, true) => Err(Refusal::HouseholdExists(code.to_string())),
        (false, false) => Err(Refusal::UnknownHousehold(code.to_string())),
        _ => Ok(()),
    }
}

/// The natural order of group names, for every list and printout:
/// 一组 … 十二组 and 1组 … 12组 by their number (第 before it is passed
/// over), then any other names by their text.
pub fn group_order(a: &str, b: &str) -> std::cmp::Ordering {
    group_key(a).cmp(&group_key(b))
}

fn group_key(name: &str) -> (u8, u32, &str) {
    match leading_number(name.trim().trim_start_matches('第')) {
        Some(n) => (0, n, name),
        None => (1, 0, name),
    }
}

/// The number a group name starts with: Arabic (12组) or Chinese, up to
/// 九十九 (十二组).
fn leading_number(s: &str) -> Option<u32> {
    let arabic: String = s.chars().take_while(char::is_ascii_digit).collect();
    if !arabic.is_empty() {
        return arabic.parse().ok();
    }
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).map(|n| n as u32);
    let numeral: Vec<char> = s.chars().take_while(|&c| c == '十' || digit(c).is_some()).collect();
    match numeral.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [d, '十'] => Some(digit(*d)? * 10),
        [d, '十', e] => Some(digit(*d)? * 10 + digit(*e)?),
        _ => None,
    }
}

/// What a roster import changed, household by household.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterChanges {
    /// Codes new to the book.
    pub added: Vec<String>,
    /// Codes already there, with the fields the file changed.
    pub changed: Vec<(String, Vec<Field>)>,
    /// Households the file lists exactly as the book has them.
    pub unchanged: usize,
}

impl RosterChanges {
    /// What a clerk is told: 新增 2 户；更新 1 户（01001 户主、电话）；未改动 47 户.
    pub fn describe(&self) -> String {
        if self.added.is_empty() && self.changed.is_empty() {
            return format!("名册与积分簿中的完全一致，没有改动（共 {} 户）", self.unchanged);
        }
        let mut parts = Vec::new();
        if !self.added.is_empty() {
            parts.push(format!("新增 {} 户", self.added.len()));
        }
        if !self.changed.is_empty() {
            const LISTED: usize = 10;
            let mut each: Vec<String> = self
                .changed
                .iter()
                .take(LISTED)
                .map(|(code, fields)| {
                    let names: Vec<&str> = fields.iter().map(|f| f.chinese()).collect();
                    format!("{code} {}", names.join("、"))
                })
                .collect();
            if self.changed.len() > LISTED {
                each.push(format!("等 {} 户", self.changed.len()));
            }
            parts.push(format!("更新 {} 户（{}）", self.changed.len(), each.join("；")));
        }
        parts.push(format!("未改动 {} 户", self.unchanged));
        parts.join("；")
    }
}

/// `text` as a GBK file keeps it: each character GBK has no code for
/// becomes `?`.
fn as_gbk_saves_it(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut buf = [0; 4];
            let (_, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
            if unmappable {
                '?'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_by_dates() {
        let mut h = Household {
            code: "1".into(),
            head: "张三".into(),
            group: "一组".into(),
            members: None,
            address: None,
            phone: None,
            active_from: Some("2026-05-10".parse().unwrap()),
            active_to: Some("2026-07-01".parse().unwrap()),
        };
        let q = |s: &str| s.parse::<Quarter>().unwrap();
        assert!(!h.is_active_during(q("2026Q1")));
        assert!(h.is_active_during(q("2026Q2")));
        assert!(h.is_active_during(q("2026Q3")));
        assert!(!h.is_active_during(q("2026Q4")));
        assert!(h.is_active_on("2026-07-01".parse().unwrap()));
        assert!(!h.is_active_on("2026-07-02".parse().unwrap()));
        // Issue 12, defect 10: marked 已迁出 once the day has passed.
        assert_eq!(h.moved_out_by("2026-07-01".parse().unwrap()), None);
        assert_eq!(h.moved_out_by("2026-07-02".parse().unwrap()), h.active_to);
        h.active_to = None;
        assert_eq!(h.moved_out_by("2030-01-01".parse().unwrap()), None);
        assert!(h.is_active_during(q("2030Q4")));
    }

    /// Issue 12, defect 9: moving out before entries that still count is
    /// refused, naming them and the earliest move-out date that works.
    #[test]
    fn roster_dates_must_hold_the_counting_entries() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let h = Household {
            code: "03003".into(),
            head: "李四".into(),
            group: "三组".into(),
            members: None,
            address: None,
            phone: None,
            active_from: None,
            active_to: Some(d("2026-11-15")),
        };
        assert_eq!(h.fits(&[d("2026-11-15"), d("2026-01-01")]), Ok(()));
        let e = h.fits(&[d("2026-12-01"), d("2026-03-01"), d("2026-11-20")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "户号 03003 有 2 条积分记录（2026-11-20 至 2026-12-01）不在迁入迁出日期之内，须先冲销这些记录；迁出日期最早可填 2026-12-01"
        );
        assert_eq!(e.field(), Some(Field::ActiveTo));
    }

    /// Issue 12, defect 11: groups in their natural order.
    #[test]
    fn groups_sort_by_their_number() {
        let mut g =
            vec!["二组", "六组", "一组", "十二组", "五组", "三组", "十组", "四组", "外来户", "11组", "2组", "第七组"];
        g.sort_by(|a, b| group_order(a, b));
        assert_eq!(
            g,
            ["一组", "2组", "二组", "三组", "四组", "五组", "六组", "第七组", "十组", "11组", "十二组", "外来户"]
        );
    }

    #[test]
    fn a_question_mark_gbk_left_is_told_from_a_real_change() {
        let old = Household { head: "𠮷祥云".into(), ..crate::test_support::household("1") };
        let saved = Household { head: "?祥云".into(), ..old.clone() };
        assert_eq!(old.lost_in_gbk(&saved), Some((Field::Head, "𠮷祥云".into(), "?祥云".into())));
        let renamed = Household { head: "吉祥云".into(), phone: Some("110".into()), ..old.clone() };
        assert_eq!(old.lost_in_gbk(&renamed), None);
        assert_eq!(old.changes(&renamed), [Field::Head, Field::Phone]);
        assert!(old.changes(&old.clone()).is_empty());
        let changes =
            RosterChanges { added: vec![], changed: vec![("1".into(), old.changes(&renamed))], unchanged: 47 };
        assert_eq!(changes.describe(), "更新 1 户（1 户主、电话）；未改动 47 户");
        assert_eq!(
            RosterChanges { unchanged: 48, ..Default::default() }.describe(),
            "名册与积分簿中的完全一致，没有改动（共 48 户）"
        );
    }
}
