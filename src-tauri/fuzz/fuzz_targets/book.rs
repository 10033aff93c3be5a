//! Arbitrary bytes as a book file: opened, verified, ranked and printed as
//! figures, or refused; never a panic.
#![no_main]
use jifenbu_store::Book;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("村.jfb");
    std::fs::write(&path, data).expect("writing the file");
    let Ok(book) = Book::open(&path) else { return };
    let _ = book.verify();
    for q in ["2025Q1", "2025Q4"] {
        let _ = book.ranking(q.parse().expect("a quarter"));
    }
    let _ = book.households();
});
