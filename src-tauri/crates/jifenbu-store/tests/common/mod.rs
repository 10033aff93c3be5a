//! What the store's property tests share: a book made from a rulebook and
//! a roster given as text.

use std::path::Path;

use jifenbu_core::import::Text;
use jifenbu_store::Book;

/// A new book `p.jfb` in `dir` (测试村, code 1) with the rulebook `rules`
/// (TOML) and the roster `roster` (CSV).
pub fn book(dir: &Path, rules: &str, roster: &str) -> Book {
    let mut book = Book::create(&dir.join("p.jfb"), "测试村", "1").unwrap();
    book.import_rulebook("t.toml", rules).unwrap();
    book.import_households(Text::from_bytes("h.csv", roster.as_bytes()).unwrap()).unwrap();
    book
}
