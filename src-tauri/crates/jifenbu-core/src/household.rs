//! Households (户): the account holders of the ledger.

use chrono::NaiveDate;
use serde::Serialize;

use crate::Quarter;

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
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.active_from.is_none_or(|f| f <= date) && self.active_to.is_none_or(|t| date <= t)
    }

    /// What is wrong with the household as master data, by field (the
    /// roster file's English column names): empty names, moving out before
    /// moving in.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        for (field, value, what) in
            [("code", &self.code, "户号"), ("head", &self.head, "户主"), ("group", &self.group, "村民小组")]
        {
            if value.trim().is_empty() {
                out.push((field, format!("{what}不能为空")));
            }
        }
        if let (Some(f), Some(t)) = (self.active_from, self.active_to) {
            if t < f {
                out.push(("active_to", format!("迁出日期 {t} 早于迁入日期 {f}")));
            }
        }
        out
    }

    /// Active at any time in the quarter: such households are ranked.
    pub fn is_active_during(&self, quarter: Quarter) -> bool {
        self.active_from.is_none_or(|f| f <= quarter.last_day())
            && self.active_to.is_none_or(|t| quarter.first_day() <= t)
    }
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
        h.active_to = None;
        assert!(h.is_active_during(q("2030Q4")));
    }
}
