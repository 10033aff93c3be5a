//! The village's charter (积分通则): general articles, scored items and the
//! settings that turn points into rankings and stars. Read from the TOML
//! format documented in `rules/README.md`; every mistake is reported with the
//! line, column and key where it sits.

use std::collections::HashSet;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{Error, InputError, Refusal};
use crate::points;
use crate::shop::{Earn, Expiry, Shop};

mod diff;
pub use diff::{diff, Change};

/// One version of a village's rulebook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rulebook {
    /// Shown on notices, e.g. `中联村村民积分通则`.
    pub name: String,
    /// Free text, usually the year.
    pub version: String,
    /// The first day this version applies to.
    pub effective_from: NaiveDate,
    /// Points every household starts the year with.
    pub base_points: Decimal,
    pub rank_by: RankBy,
    /// Days a notice hangs for objections (公示期).
    pub notice_days: u32,
    /// How objections are made: `书面`, `当面` or `书面或当面`.
    pub objections_in: String,
    /// Within how many days the village answers an objection, if it says.
    pub objection_reply_days: Option<u32>,
    /// Which items are registered and reviewed (评议) before they post.
    pub review: ReviewMode,
    /// Members of the review panel a meeting needs; `None`: more than half
    /// of the active panel.
    pub review_quorum: Option<u32>,
    /// 积分超市: what entries earn to spend, and when it lapses.
    pub shop: Shop,
    /// Whether a notice's appendix (`--detail`) prints the notes of deduct
    /// items; a village may print them by item name only.
    pub detail_deduct_notes: bool,
    pub articles: Vec<Article>,
    /// Ascending by level and by minimum.
    pub stars: Vec<StarLevel>,
    pub items: Vec<Item>,
}

/// The key a ranking orders by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RankBy {
    YearToDate,
    Quarter,
}

/// Which items must be registered and reviewed by the village's panel
/// (积分评议) before they enter the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewMode {
    /// Every item (`review = "all"`).
    All,
    /// The items and categories marked `review = true`.
    Marked,
    /// None: entries post as keyed in (the default).
    None,
}

impl ReviewMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewMode::All => "all",
            ReviewMode::Marked => "marked",
            ReviewMode::None => "none",
        }
    }
}

/// A general article of the charter (text only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
}

/// An honour level (星级文明户) reached at a year-to-date minimum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StarLevel {
    pub level: u8,
    pub min: Decimal,
    pub name: Option<String>,
}

/// Whether an item adds or deducts points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Add,
    Deduct,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Add => "add",
            Kind::Deduct => "deduct",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "add" => Some(Kind::Add),
            "deduct" => Some(Kind::Deduct),
            _ => None,
        }
    }

    /// The sign points of this kind carry in the ledger.
    pub fn signed(self, magnitude: Decimal) -> Decimal {
        match self {
            Kind::Add => magnitude,
            Kind::Deduct => -magnitude,
        }
    }
}

/// How many points one occurrence of an item is worth (magnitudes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemPoints {
    Fixed(Decimal),
    Range { min: Decimal, max: Decimal },
}

/// The period a cap counts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapPeriod {
    Quarter,
    Year,
}

impl CapPeriod {
    /// As in 每户{季度|年}最多 20 分.
    pub fn chinese(self) -> &'static str {
        match self {
            CapPeriod::Quarter => "季度",
            CapPeriod::Year => "年",
        }
    }
}

/// The most points (magnitude) one household may get from an item per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cap {
    pub per: CapPeriod,
    pub points: Decimal,
}

/// A scored behaviour (加分项 or 扣分项).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub code: String,
    pub kind: Kind,
    pub category: String,
    pub name: String,
    pub points: ItemPoints,
    pub unit: Option<String>,
    pub cap: Option<Cap>,
    /// 一票否决: an occurrence removes the household from the year's honours.
    pub veto: bool,
    pub note: Option<String>,
    /// Whether an occurrence must be registered and reviewed (评议) before
    /// it posts: the rulebook's `review`, the item's or its category's mark.
    pub review: bool,
}

impl Item {
    /// The signed points of `qty` occurrences, checking a stated value
    /// against the item's fixed points or range.
    pub fn points_for(&self, qty: u32, stated: Option<Decimal>) -> Result<Decimal, Refusal> {
        if !(1..=crate::parse::MAX_QTY).contains(&qty) {
            return Err(Refusal::BadQuantity { text: qty.to_string() });
        }
        if let Some(given) = stated {
            // Books keep hundredths; finer values would be silently rounded.
            if given.normalize().scale() > points::SCALE || given <= Decimal::ZERO {
                return Err(Refusal::BadPoints {
                    reason: format!("分值 {given} 须大于 0，且最多保留两位小数")
                });
            }
        }
        let n = Decimal::from(qty);
        let magnitude = match (self.points, stated) {
            (ItemPoints::Fixed(p), None) => p * n,
            (ItemPoints::Fixed(p), Some(given)) if given == p * n => given,
            (ItemPoints::Fixed(p), Some(given)) => {
                return Err(Refusal::PointsFixed {
                    code: self.code.clone(),
                    unit: self.unit.clone().unwrap_or_else(|| "次".into()),
                    per_unit: points::format(p),
                    expected: points::format(p * n),
                    given: points::format(given),
                })
            }
            (ItemPoints::Range { min, max }, None) => {
                return Err(Refusal::PointsRequired {
                    code: self.code.clone(),
                    min: points::format(min),
                    max: points::format(max),
                })
            }
            (ItemPoints::Range { min, max }, Some(given)) => {
                if given < min * n || given > max * n {
                    return Err(Refusal::PointsOutOfRange {
                        code: self.code.clone(),
                        given: points::format(given),
                        qty,
                        min: points::format(min * n),
                        max: points::format(max * n),
                    });
                }
                given
            }
        };
        Ok(self.kind.signed(magnitude))
    }
}

/// The largest rulebook file read: a real one, with every article, is a
/// few dozen KB.
pub const MAX_RULEBOOK_BYTES: u64 = 1 << 20;

impl Rulebook {
    /// Refuses a rulebook file of `len` bytes that is too big to be one,
    /// before it is read.
    pub fn check_size(file: &str, len: u64) -> Result<(), Error> {
        if len <= MAX_RULEBOOK_BYTES {
            return Ok(());
        }
        let reason = format!(
            "规则文件有 {} KB，超过 {} KB，不像一份村规则；请检查是否选错了文件",
            len.div_ceil(1024),
            MAX_RULEBOOK_BYTES / 1024
        );
        Err(InputError { file: file.into(), line: 1, column: None, field: String::new(), reason }.into())
    }

    /// Parses and validates a rulebook file; `file` names it in messages.
    pub fn parse(source: &str, file: &str) -> Result<Rulebook, Error> {
        Rulebook::check_size(file, source.len() as u64)?;
        let raw: RawFile = toml::from_str(source).map_err(|e| {
            let at = e.span().unwrap_or(0..0);
            let (field, reason) = translate_toml_error(e.message());
            Error::from(spot(source, file, at, &field, reason))
        })?;
        Validator { source, file, errors: Vec::new() }.build(raw)
    }

    /// Name and version as printed: `青溪村村民积分管理办法（2025版）`.
    pub fn title(&self) -> String {
        let version = self.version.trim();
        if version.ends_with('版') {
            format!("{}（{version}）", self.name)
        } else {
            format!("{}（{version}版）", self.name)
        }
    }

    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.code == code)
    }

    /// 积分规则摘要: the rules in three lines, for a notice's reader.
    pub fn summary(&self) -> [String; 3] {
        let ranked = match self.rank_by {
            RankBy::YearToDate => "年度累计积分",
            RankBy::Quarter => "本季得分",
        };
        let kind = |k: Kind| {
            let items: Vec<&Item> = self.items.iter().filter(|i| i.kind == k).collect();
            let (lo, hi) = items.iter().fold((None, None), |(lo, hi): (Option<Decimal>, Option<Decimal>), i| {
                let (a, b) = match i.points {
                    ItemPoints::Fixed(p) => (p, p),
                    ItemPoints::Range { min, max } => (min, max),
                };
                (Some(lo.map_or(a, |l| l.min(a))), Some(hi.map_or(b, |h| h.max(b))))
            });
            match (lo, hi) {
                (Some(lo), Some(hi)) if lo == hi => format!("{} 项，每次 {} 分", items.len(), points::format(lo)),
                (Some(lo), Some(hi)) => {
                    format!("{} 项，每次 {}–{} 分", items.len(), points::format(lo), points::format(hi))
                }
                _ => "无".into(),
            }
        };
        let vetoes: Vec<&str> = self.items.iter().filter(|i| i.veto).map(|i| i.name.as_str()).collect();
        [
            format!(
                "每户年初基础分 {} 分，每季加分、扣分计入年度累计，按{ranked}排名。",
                points::format(self.base_points)
            ),
            format!("加分项 {}；扣分项 {}。", kind(Kind::Add), kind(Kind::Deduct)),
            if vetoes.is_empty() {
                "本规则没有一票否决项。".into()
            } else {
                format!("一票否决：{}，有此项的户本年度不评星级。", vetoes.join("、"))
            },
        ]
    }

    /// The highest star level whose minimum `year_to_date` reaches (0 for none).
    pub fn stars_for(&self, year_to_date: Decimal) -> u8 {
        self.stars.iter().filter(|s| year_to_date >= s.min).map(|s| s.level).max().unwrap_or(0)
    }
}

/// The version in force on `date` among `versions` (in import order): the
/// latest effective on or before it, the latest imported among equals.
/// The one answer to "which rules apply", for entries, rankings and printouts.
pub fn in_force<T>(versions: &[T], date: NaiveDate, effective_from: impl Fn(&T) -> NaiveDate) -> Option<&T> {
    versions
        .iter()
        .enumerate()
        .filter(|(_, v)| effective_from(v) <= date)
        .max_by_key(|(i, v)| (effective_from(v), *i))
        .map(|(_, v)| v)
}

/// The version in force on `date`, or the refusal that none is (a book
/// whose rules start later).
pub fn required_on<T>(
    versions: &[T],
    date: NaiveDate,
    effective_from: impl Fn(&T) -> NaiveDate,
) -> Result<&T, Refusal> {
    in_force(versions, date, effective_from).ok_or(Refusal::NoRulebook { date })
}

/// [`for_quarters`], or the refusal that no version is in force by the
/// year's end.
pub fn required_for_quarters<T>(
    versions: &[T],
    year: i32,
    effective_from: impl Fn(&T) -> NaiveDate,
) -> Result<[&T; 4], Refusal> {
    let date = crate::Quarter { year, q: 4 }.last_day();
    for_quarters(versions, year, effective_from).ok_or(Refusal::NoRulebook { date })
}

/// The version in force at the end of each quarter of `year`. A village
/// that started mid-year has none for its first quarters; they hold no
/// entries either, so the first version in force later serves them.
pub fn for_quarters<T>(versions: &[T], year: i32, effective_from: impl Fn(&T) -> NaiveDate) -> Option<[&T; 4]> {
    let by_quarter = [1, 2, 3, 4].map(|q| in_force(versions, crate::Quarter { year, q }.last_day(), &effective_from));
    let first = by_quarter.iter().flatten().next().copied()?;
    Some(by_quarter.map(|v| v.unwrap_or(first)))
}

const DEFAULT_NOTICE_DAYS: u32 = 7;
const DEFAULT_OBJECTIONS_IN: &str = "书面或当面";

// Bounds on what a rulebook may say (rules/README.md): generous for any
// village, small enough that no sum of points can overflow.
/// Points of one occurrence of an item (`points`, `min`, `max`).
pub const MAX_ITEM_POINTS: i64 = 1_000;
/// An item's cap per quarter or year.
pub const MAX_CAP: i64 = 100_000;
/// Points every household starts the year with.
pub const MAX_BASE_POINTS: i64 = 10_000;
/// A star level's minimum, either way.
pub const MAX_STAR_MIN: i64 = 1_000_000;
/// Years a rulebook may take effect in.
pub const EFFECTIVE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
/// Characters of the rulebook's name, an item's name or category.
pub const MAX_NAME: usize = 60;
/// Characters of one general article.
pub const MAX_ARTICLE: usize = 2_000;
/// Items in one rulebook.
pub const MAX_ITEMS: usize = 1_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    rulebook: RawHeader,
    #[serde(default)]
    article: Vec<Article>,
    #[serde(default)]
    stars: Vec<RawStar>,
    #[serde(default)]
    category: Vec<RawCategory>,
    #[serde(default)]
    item: Vec<RawItem>,
    shop: Option<RawShop>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShop {
    earn: Option<Spanned<String>>,
    rate: Option<Spanned<toml::Value>>,
    expires: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    name: Spanned<String>,
    review: Option<Spanned<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: Spanned<String>,
    version: Spanned<toml::Value>,
    effective_from: Spanned<toml::value::Datetime>,
    base_points: Option<Spanned<toml::Value>>,
    rank_by: Option<Spanned<String>>,
    notice_days: Option<Spanned<i64>>,
    objections_in: Option<Spanned<String>>,
    objection_reply_days: Option<Spanned<i64>>,
    review: Option<Spanned<String>>,
    review_quorum: Option<Spanned<i64>>,
    detail_deduct_notes: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStar {
    level: Spanned<i64>,
    min: Spanned<toml::Value>,
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    code: Spanned<String>,
    kind: Spanned<String>,
    category: Spanned<String>,
    name: Spanned<String>,
    points: Option<Spanned<toml::Value>>,
    min: Option<Spanned<toml::Value>>,
    max: Option<Spanned<toml::Value>>,
    unit: Option<String>,
    cap: Option<Spanned<RawCap>>,
    veto: Option<bool>,
    note: Option<String>,
    review: Option<Spanned<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCap {
    per: Spanned<String>,
    points: Spanned<toml::Value>,
}

/// Turns raw TOML into a `Rulebook`, collecting every mistake with its place.
struct Validator<'a> {
    source: &'a str,
    file: &'a str,
    errors: Vec<InputError>,
}

impl Validator<'_> {
    fn fail(&mut self, at: Range<usize>, field: &str, reason: impl Into<String>) {
        self.errors.push(spot(self.source, self.file, at, field, reason.into()));
    }

    /// A positive decimal with at most two places, up to `max`, or `None`
    /// after recording why not.
    fn magnitude(&mut self, v: &Spanned<toml::Value>, field: &str, max: i64) -> Option<Decimal> {
        match decimal_of(v.get_ref()).and_then(|d| points::parse_magnitude(&d.to_string())) {
            Ok(d) if d > Decimal::from(max) => {
                self.fail(v.span(), field, format!("{d} 太大，不能超过 {max}"));
                None
            }
            Ok(d) => Some(d),
            Err(reason) => {
                self.fail(v.span(), field, reason);
                None
            }
        }
    }

    fn non_empty(&mut self, v: &Spanned<String>, field: &str, max_chars: usize) -> String {
        let text = v.get_ref().trim().to_string();
        if text.is_empty() {
            self.fail(v.span(), field, "不能为空");
        }
        let n = text.chars().count();
        if n > max_chars {
            self.fail(v.span(), field, format!("最多 {max_chars} 个字，这里有 {n} 个字"));
        }
        text
    }

    fn build(mut self, raw: RawFile) -> Result<Rulebook, Error> {
        let h = raw.rulebook;
        let name = self.non_empty(&h.name, "rulebook.name", MAX_NAME);
        let version = match h.version.get_ref() {
            toml::Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
            toml::Value::Integer(i) => i.to_string(),
            _ => {
                self.fail(h.version.span(), "rulebook.version", "版本应写成文字，如 \"2026\"");
                String::new()
            }
        };
        let effective_from = match h.effective_from.get_ref() {
            toml::value::Datetime { date: Some(d), time: None, offset: None } => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }
            _ => None,
        };
        let effective_from = effective_from.unwrap_or_else(|| {
            self.fail(h.effective_from.span(), "rulebook.effective_from", "应为日期，如 2026-01-01（不带引号）");
            NaiveDate::MIN
        });
        if effective_from != NaiveDate::MIN && !(EFFECTIVE_YEARS).contains(&effective_from.year()) {
            self.fail(
                h.effective_from.span(),
                "rulebook.effective_from",
                format!(
                    "施行日期 {effective_from} 不在 {} 到 {} 年之间",
                    EFFECTIVE_YEARS.start(),
                    EFFECTIVE_YEARS.end()
                ),
            );
        }
        let base_points = match &h.base_points {
            None => Decimal::ZERO,
            Some(v) => match decimal_of(v.get_ref()) {
                Ok(d) if !(Decimal::ZERO..=Decimal::from(MAX_BASE_POINTS)).contains(&d) => {
                    self.fail(v.span(), "rulebook.base_points", format!("基础分应在 0 到 {MAX_BASE_POINTS} 之间"));
                    Decimal::ZERO
                }
                Ok(d) if d.normalize().scale() <= points::SCALE => d.normalize(),
                Ok(_) => {
                    self.fail(v.span(), "rulebook.base_points", "最多保留两位小数");
                    Decimal::ZERO
                }
                Err(reason) => {
                    self.fail(v.span(), "rulebook.base_points", reason);
                    Decimal::ZERO
                }
            },
        };
        let rank_by = match h.rank_by.as_ref().map(|s| (s.get_ref().as_str(), s.span())) {
            None | Some(("year_to_date", _)) => RankBy::YearToDate,
            Some(("quarter", _)) => RankBy::Quarter,
            Some((other, at)) => {
                self.fail(at, "rulebook.rank_by", format!("「{other}」不可用，只能是 \"year_to_date\" 或 \"quarter\""));
                RankBy::YearToDate
            }
        };
        let notice_days = match h.notice_days {
            None => DEFAULT_NOTICE_DAYS,
            Some(d) => match u32::try_from(*d.get_ref()) {
                Ok(n @ 1..=90) => n,
                _ => {
                    self.fail(d.span(), "rulebook.notice_days", "公示天数应在 1 到 90 之间");
                    DEFAULT_NOTICE_DAYS
                }
            },
        };
        let objections_in = match h.objections_in.as_ref().map(|s| (s.get_ref().as_str(), s.span())) {
            None => DEFAULT_OBJECTIONS_IN.to_string(),
            Some((way @ ("书面" | "当面" | "书面或当面"), _)) => way.to_string(),
            Some((other, at)) => {
                let other = crate::parse::quote(other);
                self.fail(
                    at,
                    "rulebook.objections_in",
                    format!("「{other}」不可用，只能是 \"书面\"、\"当面\" 或 \"书面或当面\""),
                );
                DEFAULT_OBJECTIONS_IN.to_string()
            }
        };
        let objection_reply_days = h.objection_reply_days.and_then(|d| match u32::try_from(*d.get_ref()) {
            Ok(n @ 1..=60) => Some(n),
            _ => {
                self.fail(d.span(), "rulebook.objection_reply_days", "异议答复天数应在 1 到 60 之间");
                None
            }
        });
        for a in &raw.article {
            // Articles carry no spans of their own; the header is the nearest place.
            if a.text.trim().is_empty() {
                self.fail(h.name.span(), "article.text", "通则条文不能为空");
            }
            if a.text.chars().count() > MAX_ARTICLE {
                self.fail(h.name.span(), "article.text", format!("一条通则最多 {MAX_ARTICLE} 个字"));
            }
        }
        if raw.item.len() > MAX_ITEMS {
            self.fail(h.name.span(), "item", format!("项目最多 {MAX_ITEMS} 个，这里有 {} 个", raw.item.len()));
        }
        let review = match h.review.as_ref().map(|s| (s.get_ref().as_str(), s.span())) {
            None | Some(("none", _)) => ReviewMode::None,
            Some(("all", _)) => ReviewMode::All,
            Some(("marked", _)) => ReviewMode::Marked,
            Some((other, at)) => {
                let other = crate::parse::quote(other);
                self.fail(at, "rulebook.review", format!("「{other}」不可用，只能是 \"all\"、\"marked\" 或 \"none\""));
                ReviewMode::None
            }
        };
        let review_quorum = h.review_quorum.and_then(|n| match u32::try_from(*n.get_ref()) {
            Ok(n @ 1..=99) => Some(n),
            _ => {
                self.fail(n.span(), "rulebook.review_quorum", "评议会法定人数应在 1 到 99 之间");
                None
            }
        });
        let stars = self.stars(raw.stars);
        let shop = raw.shop.map(|s| self.shop(s)).unwrap_or_default();
        let marked = self.categories(raw.category, review, &raw.item);
        let items = self.items(raw.item, review, &marked);
        if !self.errors.is_empty() {
            return Err(Error::Input(self.errors));
        }
        Ok(Rulebook {
            name,
            version,
            effective_from,
            base_points,
            rank_by,
            notice_days,
            objections_in,
            objection_reply_days,
            review,
            review_quorum,
            shop,
            detail_deduct_notes: h.detail_deduct_notes.unwrap_or(true),
            articles: raw.article,
            stars,
            items,
        })
    }

    fn stars(&mut self, raw: Vec<RawStar>) -> Vec<StarLevel> {
        let mut stars: Vec<StarLevel> = Vec::new();
        for s in raw {
            let level = match u8::try_from(*s.level.get_ref()) {
                Ok(l @ 1..=9) => l,
                _ => {
                    self.fail(s.level.span(), "stars.level", "星级应为 1 到 9 的整数");
                    continue;
                }
            };
            let min = match decimal_of(s.min.get_ref()) {
                Ok(min) if min.abs() <= Decimal::from(MAX_STAR_MIN) => min,
                Ok(_) => {
                    self.fail(s.min.span(), "stars.min", format!("分数线应在 −{MAX_STAR_MIN} 到 {MAX_STAR_MIN} 之间"));
                    continue;
                }
                Err(_) => {
                    self.fail(s.min.span(), "stars.min", "应为数字");
                    continue;
                }
            };
            if let Some(prev) = stars.last() {
                if level <= prev.level || min <= prev.min {
                    self.fail(s.level.span(), "stars", "星级须按级别从低到高排列，且高一级的分数线更高");
                }
            }
            stars.push(StarLevel { level, min: min.normalize(), name: s.name });
        }
        stars
    }

    /// Refuses a `review` mark where the rulebook does not review by marks.
    fn mark_allowed(&mut self, mark: &Option<Spanned<bool>>, mode: ReviewMode, field: &str) {
        if let (Some(m), false) = (mark, mode == ReviewMode::Marked) {
            self.fail(m.span(), field, "只有 [rulebook] 写了 review = \"marked\" 时，才能逐项或逐类写 review");
        }
    }

    fn shop(&mut self, raw: RawShop) -> Shop {
        let mut shop = Shop::default();
        match raw.earn.as_ref().map(|s| (s.get_ref().as_str(), s.span())) {
            None | Some(("add", _)) => {}
            Some(("net", _)) => shop.earn = Earn::Net,
            Some((other, at)) => {
                let other = crate::parse::quote(other);
                self.fail(at, "shop.earn", format!("「{other}」不可用，只能是 \"add\" 或 \"net\""));
            }
        }
        if let Some(rate) = &raw.rate {
            if let Some(r) = self.magnitude(rate, "shop.rate", crate::shop::MAX_RATE) {
                shop.rate = r;
            }
        }
        match raw.expires.as_ref().map(|s| (s.get_ref().as_str(), s.span())) {
            None | Some(("never", _)) => {}
            Some(("year_end", _)) => shop.expires = Expiry::YearEnd,
            Some(("next_year_end", _)) => shop.expires = Expiry::NextYearEnd,
            Some((other, at)) => {
                let other = crate::parse::quote(other);
                self.fail(
                    at,
                    "shop.expires",
                    format!("「{other}」不可用，只能是 \"never\"、\"year_end\" 或 \"next_year_end\""),
                );
            }
        }
        shop
    }

    /// The categories marked for review; each must be a category of some item.
    fn categories(&mut self, raw: Vec<RawCategory>, mode: ReviewMode, items: &[RawItem]) -> HashSet<String> {
        let used: HashSet<&str> = items.iter().map(|i| i.category.get_ref().trim()).collect();
        let (mut seen, mut marked) = (HashSet::new(), HashSet::new());
        for c in raw {
            let name = self.non_empty(&c.name, "category.name", MAX_NAME);
            if !seen.insert(name.clone()) {
                self.fail(c.name.span(), "category.name", format!("类别「{name}」写了两次"));
            }
            if !name.is_empty() && !used.contains(name.as_str()) {
                self.fail(c.name.span(), "category.name", format!("没有哪个项目属于类别「{name}」，请检查拼写"));
            }
            self.mark_allowed(&c.review, mode, "category.review");
            if c.review.is_some_and(|r| *r.get_ref()) {
                marked.insert(name);
            }
        }
        marked
    }

    fn items(&mut self, raw: Vec<RawItem>, mode: ReviewMode, marked: &HashSet<String>) -> Vec<Item> {
        let mut seen = HashSet::new();
        let mut items = Vec::new();
        for r in raw {
            let code = self.non_empty(&r.code, "item.code", crate::parse::max_chars(crate::Field::Item));
            if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                self.fail(r.code.span(), "item.code", format!("编号「{code}」只能用字母、数字和 -"));
            }
            if !seen.insert(code.clone()) {
                self.fail(r.code.span(), "item.code", format!("项目编号 {code} 重复"));
            }
            let kind = Kind::parse(r.kind.get_ref()).unwrap_or_else(|| {
                self.fail(
                    r.kind.span(),
                    "item.kind",
                    format!("「{}」不可用，只能是 \"add\" 或 \"deduct\"", r.kind.get_ref()),
                );
                Kind::Add
            });
            let category = self.non_empty(&r.category, "item.category", MAX_NAME);
            let name = self.non_empty(&r.name, "item.name", MAX_NAME);
            let points = match (&r.points, &r.min, &r.max) {
                (Some(p), None, None) => self.magnitude(p, "item.points", MAX_ITEM_POINTS).map(ItemPoints::Fixed),
                (None, Some(lo), Some(hi)) => {
                    let (lo_v, hi_v) = (
                        self.magnitude(lo, "item.min", MAX_ITEM_POINTS),
                        self.magnitude(hi, "item.max", MAX_ITEM_POINTS),
                    );
                    match (lo_v, hi_v) {
                        (Some(min), Some(max)) if min <= max => Some(ItemPoints::Range { min, max }),
                        (Some(_), Some(_)) => {
                            self.fail(lo.span(), "item.min", "min 不能大于 max");
                            None
                        }
                        _ => None,
                    }
                }
                (Some(p), _, _) => {
                    self.fail(p.span(), "item.points", "points 与 min/max 只能二选一");
                    None
                }
                _ => {
                    self.fail(r.code.span(), "item.points", format!("项目 {code} 须写 points，或同时写 min 和 max"));
                    None
                }
            };
            let cap = r.cap.as_ref().and_then(|c| {
                let c = c.get_ref();
                let per = match c.per.get_ref().as_str() {
                    "quarter" => Some(CapPeriod::Quarter),
                    "year" => Some(CapPeriod::Year),
                    other => {
                        self.fail(
                            c.per.span(),
                            "item.cap.per",
                            format!("「{other}」不可用，只能是 \"quarter\" 或 \"year\""),
                        );
                        None
                    }
                };
                let points = self.magnitude(&c.points, "item.cap.points", MAX_CAP);
                Some(Cap { per: per?, points: points? })
            });
            if let (Some(Cap { points: cap_pts, .. }), Some(ItemPoints::Fixed(p) | ItemPoints::Range { min: p, .. })) =
                (cap, points)
            {
                if cap_pts < p {
                    let at = r.cap.as_ref().map(Spanned::span).unwrap_or_default();
                    self.fail(at, "item.cap.points", "封顶分低于一次的分值，该项目将永远无法录入");
                }
            }
            self.mark_allowed(&r.review, mode, "item.review");
            let review = match mode {
                ReviewMode::All => true,
                ReviewMode::None => false,
                ReviewMode::Marked => r.review.as_ref().map_or(marked.contains(&category), |m| *m.get_ref()),
            };
            if let Some(points) = points {
                items.push(Item {
                    code,
                    kind,
                    category,
                    name,
                    points,
                    unit: r.unit.filter(|u| !u.trim().is_empty()),
                    cap,
                    veto: r.veto.unwrap_or(false),
                    note: r.note,
                    review,
                });
            }
        }
        items
    }
}

/// A decimal from a TOML integer, float or numeric string.
fn decimal_of(v: &toml::Value) -> Result<Decimal, String> {
    let text = match v {
        toml::Value::Integer(i) => i.to_string(),
        // Rust prints the shortest text that reads back as the same float,
        // so 0.1 becomes "0.1", not its binary approximation.
        toml::Value::Float(f) => f.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        _ => return Err("应为数字".into()),
    };
    text.parse::<Decimal>().map_err(|_| format!("「{text}」不是数字"))
}

/// An `InputError` at a byte offset of `source`.
fn spot(source: &str, file: &str, at: Range<usize>, field: &str, reason: String) -> InputError {
    let start = at.start.min(source.len());
    let before = &source[..start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    InputError { file: file.to_string(), line, column: Some(column), field: field.to_string(), reason }
}

/// The key a TOML error is about, and a Chinese reason for it; the
/// parser's own English is not passed on.
fn translate_toml_error(message: &str) -> (String, String) {
    let quoted = message.split('`').nth(1).unwrap_or("").to_string();
    // The TOML reader hands a date over as a table with a private key; a
    // message naming that key is about a date where something else belongs.
    if message.contains("$__toml_private") {
        return (String::new(), "这里写了日期，但这个键应为一个表、列表、数字或文字：请对照 rules/README.md".into());
    }
    let reason = if message.starts_with("missing field") {
        format!("缺少必填的键 {quoted}")
    } else if message.starts_with("unknown field") {
        format!("不认识的键 {quoted}（请检查拼写，可用的键见 rules/README.md）")
    } else if message.starts_with("invalid type") {
        "值的类型不对：数字不加引号，文字加英文双引号，日期写作 2026-01-01".to_string()
    } else if message.contains("must be quoted") || message.contains("string values") {
        "文字值须用英文双引号括起来".to_string()
    } else if message.contains("duplicate key") {
        "同一个键写了两次".to_string()
    } else if message.contains("expected `=`") || message.contains("key with no value") {
        "键后面缺少「= 值」".to_string()
    } else {
        "TOML 写法不对：请检查这一行的引号、等号和方括号是否成对".to_string()
    };
    (quoted.chars().filter(char::is_ascii).take(40).collect(), reason)
}

#[cfg(test)]
mod tests;
