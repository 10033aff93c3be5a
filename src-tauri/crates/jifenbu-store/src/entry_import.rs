//! Importing an entries file: whole or not at all, and fast enough for a
//! decade of a large village (docs/benchmarks.md). The checker runs on one
//! core while SQLite writes on the other; a large import rebuilds the
//! ledger's lookup indexes once at the end instead of updating them row by
//! row.

use std::collections::HashSet;
use std::sync::mpsc::sync_channel;

use jifenbu_core::import::{self, EntryRows, Text};
use jifenbu_core::Entry;
use rusqlite::Transaction;

use crate::error::Result;
use crate::imports::{self, Imports};
use crate::ledger::sums::load_all_sums;
use crate::ledger::{self, Writer};
use crate::posting::load_checker;
use crate::Book;

/// What an entries import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    /// Rows whose id was already in the book (or earlier in the file).
    pub skipped: usize,
}

/// What to do with rows without an id that match an entry of the book on
/// every field (household, item, date, quantity, points, note).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    /// Refuse the file, listing them: most often the same deeds twice.
    Refuse,
    /// Add them: the clerk has checked they are new deeds.
    Allow,
}

/// Page cache for an import, in KiB (the memory is used only as needed):
/// random ids land all over the id index, and a small cache would spill
/// its pages to the WAL again and again. Past 32 MB it bought no speed
/// (1M entries: 6.8 s either way) and cost memory: a 200 MB file peaked
/// at 328 MB with 64 MB, 227 MB with this (docs/benchmarks.md).
const IMPORT_CACHE_KIB: i64 = 32 * 1024;

/// An import of at least this many rows, and more rows than the ledger
/// holds, rebuilds the sums index once instead of updating it row by row.
const BULK_MIN_ROWS: usize = 10_000;

/// Entries handed from the checker to the writer at a time.
const CHUNK: usize = 4096;

impl Book {
    /// Imports an entries file whole or not at all. A file identical to
    /// one imported before is refused; rows whose id is already in the book
    /// are skipped; rows without an id that look like an entry already in
    /// the book are refused unless `duplicates` allows them.
    pub fn import_entries(
        &mut self,
        mut text: Text<'_>,
        operator: &str,
        duplicates: Duplicates,
    ) -> Result<ImportSummary> {
        let file_name = &text.name().to_string();
        let sha256 = text.sha256()?;
        import::first_import(file_name, imports::imported_before(&self.conn, Imports::Entries, &sha256)?)?;
        // Rows are read as they are checked; the line count is near enough.
        let lines = text.lines();
        let rows = EntryRows::open(text)?;
        let existing = ledger::count(&self.conn)?;
        let bulk = lines >= BULK_MIN_ROWS && lines as u64 > existing;
        // The large cache is for this import only: the app keeps a book open all day.
        let cache_before: i64 = self.conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        // The import stays in WAL mode, so the book file itself is not
        // touched until the import has committed: a copy of the .jfb alone
        // taken after a crash mid-import is the book as it was. (A rollback
        // journal wrote each page once, but spilled pages into the book
        // during the import; a kill left a file that was malformed without
        // its hidden -journal.)
        // The checker has already matched every row's household against the
        // roster read in the same transaction; the database's own per-row
        // look-up would repeat it (`verify` still checks foreign keys).
        if bulk {
            self.conn.pragma_update(None, "foreign_keys", false)?;
        }
        let file = ImportFile { name: file_name, sha256, operator, duplicates };
        let result = self.import_transaction(rows, &file, bulk);
        if bulk {
            self.conn.pragma_update(None, "foreign_keys", true)?;
        }
        if bulk && result.is_ok() {
            // Into the book now, and the WAL emptied, rather than at some
            // later write. The import has committed: a checkpoint that
            // readers elsewhere hold up is simply done later.
            let _ = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
        self.conn.pragma_update(None, "cache_size", cache_before)?;
        result
    }

    fn import_transaction(&mut self, rows: EntryRows<'_>, file: &ImportFile<'_>, bulk: bool) -> Result<ImportSummary> {
        self.write(|tx| {
            let rebuilt = if bulk { ledger::drop_lookup_indexes(tx)? } else { Vec::new() };
            let summary = import_rows(tx, rows, file)?;
            imports::record(tx, Imports::Entries, &file.sha256, file.name, file.operator, summary.added)?;
            if bulk {
                // The checking thread is idle by now: let the sorter use a second core.
                tx.pragma_update(None, "threads", 1)?;
                for sql in &rebuilt {
                    tx.execute_batch(sql)?;
                }
            }
            Ok(summary)
        })
    }
}

/// The file being imported, and how.
struct ImportFile<'a> {
    name: &'a str,
    sha256: [u8; 32],
    operator: &'a str,
    duplicates: Duplicates,
}

fn import_rows(tx: &Transaction<'_>, rows: EntryRows<'_>, file: &ImportFile<'_>) -> Result<ImportSummary> {
    let mut checker = load_checker(tx, file.operator)?;
    load_all_sums(tx, &mut checker)?;
    let known = if checker.last_seq > 0 { ledger::ids(tx)? } else { HashSet::new() };
    // The deeds already in the book, for rows that come without an id.
    let deeds = if checker.last_seq > 0 && file.duplicates == Duplicates::Refuse {
        ledger::deed_keys(tx)?
    } else {
        HashSet::new()
    };
    let mut writer = Writer::new(tx, &checker, file.name)?;
    let (send, chunks) = sync_channel::<Vec<Entry>>(4);
    // Written chunks go back to be freed on the thread that allocated them:
    // freeing across threads makes the allocator's arenas contend.
    let (give_back, written) = sync_channel::<Vec<Entry>>(8);
    let (summary, mut errors, doubles) = std::thread::scope(|s| -> Result<_> {
        let checking = s.spawn(move || {
            let mut summary = ImportSummary { added: 0, skipped: 0 };
            let mut errors = Vec::new();
            let mut doubles: Vec<String> = Vec::new();
            let mut seen = HashSet::new();
            let mut chunk = Vec::with_capacity(CHUNK);
            let headings = rows.headings().clone();
            for row in rows {
                let row = match row {
                    Ok(row) => row,
                    Err(mut mistakes) => {
                        errors.append(&mut mistakes);
                        if errors.len() >= import::MAX_REPORTED {
                            break;
                        }
                        continue;
                    }
                };
                let has_id = row.draft.id.is_some();
                if let Some(id) = row.draft.id {
                    if known.contains(id.as_bytes()) || !seen.insert(id) {
                        summary.skipped += 1;
                        continue;
                    }
                }
                match checker.check(row.draft) {
                    Ok(entry) => {
                        if !has_id && deeds.contains(&entry.deed_key()) {
                            doubles.push(format!(
                                "第 {} 行：{} {} {} {} 分",
                                row.line,
                                entry.household,
                                entry.item_code,
                                entry.date,
                                jifenbu_core::points::format(entry.points)
                            ));
                        }
                        chunk.push(checker.chain(entry));
                        summary.added += 1;
                    }
                    Err(refusal) => {
                        errors.push(headings.error_for(row.line, refusal.field(), refusal.to_string()));
                        if errors.len() >= import::MAX_REPORTED {
                            break;
                        }
                    }
                }
                while let Ok(done) = written.try_recv() {
                    drop(done);
                }
                // Once a row is refused nothing will be written: stop feeding the writer.
                if chunk.len() == CHUNK
                    && errors.is_empty()
                    && doubles.is_empty()
                    && send.send(std::mem::take(&mut chunk)).is_err()
                {
                    break;
                }
            }
            if errors.is_empty() && doubles.is_empty() {
                let _ = send.send(chunk);
            }
            (summary, errors, doubles)
        });
        for chunk in chunks {
            for entry in &chunk {
                writer.write(entry)?;
            }
            let _ = give_back.try_send(chunk);
        }
        Ok(checking.join().expect("the checking thread does not panic"))
    })?;
    if !errors.is_empty() {
        errors.truncate(import::MAX_REPORTED);
        return Err(jifenbu_core::Error::Input(errors).into());
    }
    import::no_likely_duplicates(file.name, doubles)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = "[rulebook]\nname = \"t\"\nversion = \"1\"\neffective_from = 2025-01-01\n\
        [[item]]\ncode = \"D\"\nkind = \"deduct\"\ncategory = \"c\"\nname = \"扣\"\npoints = 1\n";

    /// A bulk import leaves the connection as it found it: WAL, foreign keys
    /// on, the ordinary page cache (the app keeps a book open all day); and
    /// the book's indexes as the schema wrote them, every one rebuilt.
    #[test]
    fn a_large_import_restores_the_connection_settings() {
        let dir = tempfile::tempdir().unwrap();
        let mut book = Book::create(&dir.path().join("s.jfb"), "测试村", "1").unwrap();
        book.import_rulebook("t.toml", RULES).unwrap();
        book.import_households(Text::from_bytes("h.csv", "户号,户主,村民小组\n0,甲,一\n".as_bytes()).unwrap()).unwrap();
        let settings = |b: &Book| -> Vec<String> {
            ["journal_mode", "foreign_keys", "cache_size"]
                .iter()
                .map(|p| b.conn.pragma_query_value(None, p, |r| r.get::<_, rusqlite::types::Value>(0)).unwrap())
                .map(|v| format!("{v:?}"))
                .chain(
                    b.conn
                        .prepare("SELECT name || ': ' || ifnull(sql, '') FROM sqlite_master WHERE type = 'index' ORDER BY name")
                        .unwrap()
                        .query_map([], |r| r.get::<_, String>(0))
                        .unwrap()
                        .map(Result::unwrap),
                )
                .collect()
        };
        let before = settings(&book);
        let mut csv = String::from("户号,项目,日期\n");
        for d in 0..(BULK_MIN_ROWS + 10) {
            csv.push_str(&format!("0,D,2025-{:02}-{:02}\n", d % 12 + 1, d % 28 + 1));
        }
        let summary =
            book.import_entries(Text::from_bytes("e.csv", csv.as_bytes()).unwrap(), "t", Duplicates::Refuse).unwrap();
        assert_eq!(summary.added, BULK_MIN_ROWS + 10);
        assert_eq!(settings(&book), before);
        assert!(before[0].contains("wal"), "{before:?}");
        assert!(before.iter().any(|i| i.starts_with("entries_household: ")), "{before:?}");
    }
}
