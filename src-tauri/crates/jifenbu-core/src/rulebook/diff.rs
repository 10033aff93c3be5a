//! What a new rulebook version changes against the one in force, in words a
//! committee can check before the clerk accepts it.

use super::{Item, ItemPoints, Rulebook};
use crate::points;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A rule of the whole book (name, base points, stars…): what it was and is.
    Book {
        what: &'static str,
        was: String,
        now: String,
    },
    Added(String),
    Removed(String),
    /// An item whose code stays but whose terms change; each a "was → now" phrase.
    Changed {
        item: String,
        how: Vec<String>,
    },
    Articles {
        was: usize,
        now: usize,
    },
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Book { what, was, now } => write!(f, "{what}：{was} → {now}"),
            Change::Added(item) => write!(f, "新增项目 {item}"),
            Change::Removed(item) => write!(f, "删除项目 {item}"),
            Change::Changed { item, how } => write!(f, "修改项目 {item}：{}", how.join("；")),
            Change::Articles { was, now } if was == now => write!(f, "通则文字有改动（共 {now} 条）"),
            Change::Articles { was, now } => write!(f, "通则由 {was} 条改为 {now} 条"),
        }
    }
}

/// The changes from `old` to `new`: the book's own rules first, then items
/// by code.
pub fn diff(old: &Rulebook, new: &Rulebook) -> Vec<Change> {
    let mut out = Vec::new();
    let mut book = |what: &'static str, was: String, now: String| {
        if was != now {
            out.push(Change::Book { what, was, now });
        }
    };
    book("名称", old.title(), new.title());
    book("施行日期", old.effective_from.to_string(), new.effective_from.to_string());
    book("年初基础分", points::format(old.base_points), points::format(new.base_points));
    book("公示天数", old.notice_days.to_string(), new.notice_days.to_string());
    book("排名依据", rank_by(old), rank_by(new));
    book("星级标准", stars(old), stars(new));
    book("须经评议的项目", review(old), review(new));
    book("评议会法定人数", quorum(old), quorum(new));
    book("积分超市", old.shop.chinese(), new.shop.chinese());
    book("明细中扣分项的说明", shown(old.detail_deduct_notes), shown(new.detail_deduct_notes));
    if old.articles != new.articles {
        out.push(Change::Articles { was: old.articles.len(), now: new.articles.len() });
    }
    for item in &new.items {
        match old.item(&item.code) {
            None => out.push(Change::Added(label(item))),
            Some(before) => {
                let how = item_changes(before, item);
                if !how.is_empty() {
                    out.push(Change::Changed { item: label(item), how });
                }
            }
        }
    }
    for item in old.items.iter().filter(|i| new.item(&i.code).is_none()) {
        out.push(Change::Removed(label(item)));
    }
    out
}

fn label(i: &Item) -> String {
    format!("{} {}", i.code, i.name)
}

fn rank_by(b: &Rulebook) -> String {
    match b.rank_by {
        super::RankBy::YearToDate => "年度累计".into(),
        super::RankBy::Quarter => "本季得分".into(),
    }
}

fn stars(b: &Rulebook) -> String {
    let levels: Vec<String> = b.stars.iter().map(|s| format!("{}星 ≥ {}", s.level, points::format(s.min))).collect();
    if levels.is_empty() {
        "无".into()
    } else {
        levels.join("，")
    }
}

fn review(b: &Rulebook) -> String {
    match b.review {
        super::ReviewMode::All => "全部项目".into(),
        super::ReviewMode::None => "无".into(),
        super::ReviewMode::Marked => {
            let codes: Vec<&str> = b.items.iter().filter(|i| i.review).map(|i| i.code.as_str()).collect();
            if codes.is_empty() {
                "无".into()
            } else {
                codes.join("、")
            }
        }
    }
}

fn shown(on: bool) -> String {
    if on { "印出" } else { "不印，只印项目名称" }.into()
}

fn quorum(b: &Rulebook) -> String {
    b.review_quorum.map_or_else(|| "评议小组在任成员过半数".into(), |n| format!("{n} 人"))
}

fn item_changes(was: &Item, now: &Item) -> Vec<String> {
    let mut how = Vec::new();
    let mut field = |what: &str, a: String, b: String| {
        if a != b {
            how.push(format!("{what} {a} → {b}"));
        }
    };
    field("名称", was.name.clone(), now.name.clone());
    field("类别", was.category.clone(), now.category.clone());
    field("加扣", kind(was), kind(now));
    field("分值", worth(was), worth(now));
    field("封顶", cap(was), cap(now));
    field("一票否决", yes_no(was.veto), yes_no(now.veto));
    field("说明", was.note.clone().unwrap_or_default(), now.note.clone().unwrap_or_default());
    how
}

fn kind(i: &Item) -> String {
    match i.kind {
        super::Kind::Add => "加分".into(),
        super::Kind::Deduct => "扣分".into(),
    }
}

fn worth(i: &Item) -> String {
    let unit = i.unit.as_deref().map(|u| format!("/{u}")).unwrap_or_default();
    match i.points {
        ItemPoints::Fixed(p) => format!("{} 分{unit}", points::format(p)),
        ItemPoints::Range { min, max } => format!("{}–{} 分", points::format(min), points::format(max)),
    }
}

fn cap(i: &Item) -> String {
    i.cap.map_or_else(|| "无".into(), |c| format!("每户{}最多 {} 分", c.per.chinese(), points::format(c.points)))
}

fn yes_no(b: bool) -> String {
    if b { "是" } else { "否" }.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"
[rulebook]
name = "试点村积分办法"
version = "2025"
effective_from = 2025-01-01

[[item]]
code = "A01"
kind = "add"
category = "公益"
name = "义务劳动"
points = 2
unit = "次"
cap = { per = "quarter", points = 6 }

[[item]]
code = "B01"
kind = "deduct"
category = "环境"
name = "乱倒垃圾"
points = 2
"#;

    fn parse(s: &str) -> Rulebook {
        Rulebook::parse(s, "t.toml").unwrap()
    }

    #[test]
    fn the_same_book_changes_nothing() {
        assert!(diff(&parse(OLD), &parse(OLD)).is_empty());
    }

    #[test]
    fn names_each_change_in_words() {
        let new = OLD
            .replace("version = \"2025\"", "version = \"2026\"")
            .replace("effective_from = 2025-01-01", "effective_from = 2026-01-01")
            .replace("points = 2\nunit = \"次\"\ncap = { per = \"quarter\", points = 6 }", "points = 3\nunit = \"次\"")
            .replace("code = \"B01\"", "code = \"B02\"");
        let changes: Vec<String> = diff(&parse(OLD), &parse(&new)).iter().map(ToString::to_string).collect();
        assert_eq!(
            changes,
            [
                "名称：试点村积分办法（2025版） → 试点村积分办法（2026版）",
                "施行日期：2025-01-01 → 2026-01-01",
                "修改项目 A01 义务劳动：分值 2 分/次 → 3 分/次；封顶 每户季度最多 6 分 → 无",
                "新增项目 B02 乱倒垃圾",
                "删除项目 B01 乱倒垃圾",
            ]
        );
    }
}
