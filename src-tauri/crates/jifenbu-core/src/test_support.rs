//! Builders shared by the unit tests of several modules.

use rust_decimal::Decimal;

use crate::{Entry, EntryId, Household, Kind, Quarter, Rulebook};

pub fn book(rank_by: &str) -> Rulebook {
    let src = format!(
        r#"
[rulebook]
name = "测试"
version = "1"
effective_from = 2026-01-01
base_points = 100
rank_by = "{rank_by}"
[[stars]]
level = 1
min = 105
[[stars]]
level = 2
min = 110
[[item]]
code = "A"
kind = "add"
category = "c"
name = "n"
points = 1
"#
    );
    Rulebook::parse(&src, "t.toml").unwrap()
}

pub fn household(code: &str) -> Household {
    Household {
        code: code.into(),
        head: format!("户主{code}"),
        group: "一组".into(),
        members: None,
        address: None,
        phone: None,
        active_from: None,
        active_to: None,
    }
}

pub fn entry(seq: i64, household: &str, kind: Kind, points: i64, quarter: &str) -> Entry {
    let posting: Quarter = quarter.parse().unwrap();
    Entry {
        seq,
        id: EntryId(uuid::Uuid::from_u128(seq as u128)),
        household: household.into(),
        item_code: "A".into(),
        item_name: "n".into(),
        kind,
        veto: false,
        qty: 1,
        points: Decimal::from(points),
        date: posting.first_day(),
        posting: posting.into(),
        note: String::new(),
        operator: "t".into(),
        recorded_at: String::new(),
        reverses: None,
        hash: Default::default(),
    }
}

pub fn q(s: &str) -> Quarter {
    s.parse().unwrap()
}
