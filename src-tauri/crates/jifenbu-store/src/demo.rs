//! The demo village (青溪村, 2025) from the files in `fixtures/demo/`: what a
//! new user opens to look around, and what the tests and goldens print.

use std::path::Path;

use chrono::NaiveDate;
use jifenbu_core::import::Text;
use jifenbu_core::review::{Person, Role};
use jifenbu_core::{Quarter, Reversal};

use crate::error::Result;
use crate::{Book, Duplicates};

const RULEBOOK: &str = include_str!("../../../../rules/qingxi-2025.toml");
const HOUSEHOLDS: &[u8] = include_bytes!("../../../../fixtures/demo/households.csv");
const ENTRIES: &[u8] = include_bytes!("../../../../fixtures/demo/entries.csv");
const OPERATOR: &str = "示范文书";

/// Who acts in the demo's scheme: the clerk, a panel of five (so a meeting
/// needs three), a supervisor and a registrar for each group.
const PEOPLE: &[(&str, Role, Option<&str>)] = &[
    (OPERATOR, Role::Clerk, None),
    ("陈国华", Role::Panel, None),
    ("李秀英", Role::Panel, None),
    ("王建军", Role::Panel, None),
    ("赵美兰", Role::Panel, None),
    ("周志强", Role::Panel, None),
    ("孙立平", Role::Supervisor, None),
    ("张卫东", Role::Registrar, Some("一组")),
    ("刘桂芳", Role::Registrar, Some("二组")),
    ("钱进", Role::Registrar, Some("三组")),
    ("吴海燕", Role::Registrar, Some("四组")),
    ("郑国庆", Role::Registrar, Some("五组")),
    ("何春梅", Role::Registrar, Some("六组")),
];

/// Builds the demo book at `path` (which must not exist): roster, a year of
/// entries, two corrections and 2025Q1 published (its notice up on
/// 2025-04-03, so the demo prints the same whatever day it is built). One
/// correction posts before publishing, one after, so it lands in Q2. From
/// 2026 the village's revised rulebook sends 家庭美德 to its review panel.
pub fn build(path: &Path) -> Result<Book> {
    let mut book = Book::create(path, "青溪村", "330109001")?;
    book.import_rulebook("qingxi-2025.toml", RULEBOOK)?;
    book.import_rulebook("qingxi-2026.toml", &revised_2026())?;
    for (name, role, group) in PEOPLE {
        let person = Person {
            name: name.to_string(),
            role: *role,
            group: group.map(str::to_string),
            phone: None,
            retired: false,
        };
        book.add_person(&person, OPERATOR)?;
    }
    book.import_households(Text::from_bytes("households.csv", HOUSEHOLDS)?)?;
    book.import_entries(Text::from_bytes("entries.csv", ENTRIES)?, OPERATOR, Duplicates::Refuse)?;
    book.reverse_entry(&correction(6, "录错户号", date(2025, 3, 20)), OPERATOR)?;
    // Keyed in today from the paper records of 2025 (补录).
    book.publish(Quarter { year: 2025, q: 1 }, date(2025, 4, 3), true)?;
    book.reverse_entry(&correction(11, "重复登记", date(2025, 5, 6)), OPERATOR)?;
    Ok(book)
}

/// The 2026 revision: the 2025 rules, with 家庭美德 reviewed by the panel.
fn revised_2026() -> String {
    let revised = RULEBOOK.replacen("version = \"2025\"", "version = \"2026\"", 1).replacen(
        "effective_from = 2025-01-01",
        "effective_from = 2026-01-01\nreview = \"marked\"",
        1,
    );
    format!("{revised}\n[[category]]\nname = \"家庭美德\"\nreview = true\n")
}

/// A reversal of the entry on `line` of entries.csv, counting the header as
/// line 1 (the id is the last cell).
fn correction(line: usize, reason: &str, on: NaiveDate) -> Reversal {
    let text = std::str::from_utf8(ENTRIES).expect("the demo entries are UTF-8");
    let row = text.lines().nth(line - 1).expect("the demo has this line");
    let id = row.rsplit(',').next().expect("a row has cells");
    Reversal { entry: id.to_string(), reason: reason.to_string(), date: on }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_2026_the_demo_reviews_family_virtues() {
        let dir = tempfile::tempdir().unwrap();
        let book = build(&dir.path().join("demo.jfb")).unwrap();
        let review = |d: NaiveDate, code: &str| book.rulebook_on(d).unwrap().rulebook.item(code).unwrap().review;
        assert!(!review(date(2025, 6, 1), "A22"));
        assert!(review(date(2026, 6, 1), "A22") && review(date(2026, 6, 1), "B13"));
        assert!(!review(date(2026, 6, 1), "A08"));
        assert_eq!(book.people().unwrap().len(), PEOPLE.len());
    }
}
