//! Tampering with a book behind the program's back, and the files a village
//! PC leaves lying around: `verify` must name each, and no write may go into
//! a book that is damaged or merged with another copy's journal.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Runs `sql` on the book with the named guards lifted, then puts them back
/// exactly as they were, as a careful forger would.
fn behind_the_back(book: &Path, guards: &[&str], sql: &str) {
    let conn = rusqlite::Connection::open(book).unwrap();
    let saved: Vec<String> = guards
        .iter()
        .map(|g| conn.query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [g], |r| r.get(0)).unwrap())
        .collect();
    for g in guards {
        conn.execute_batch(&format!("DROP TRIGGER {g}")).unwrap();
    }
    conn.execute_batch(sql).unwrap();
    for s in saved {
        conn.execute_batch(&s).unwrap();
    }
}

/// The stored rulebook's source, edited by `edit`.
fn edit_rulebook(book: &Path, edit: impl Fn(&str) -> String) {
    let conn = rusqlite::Connection::open(book).unwrap();
    let source: String = conn.query_row("SELECT source FROM rulebooks WHERE id = 1", [], |r| r.get(0)).unwrap();
    let edited = edit(&source);
    assert_ne!(edited, source);
    conn.execute("UPDATE rulebooks SET source = ?1 WHERE id = 1", [edited]).unwrap();
}

#[test]
fn verify_names_an_entry_changed_behind_the_programs_back() {
    let dir = tmp();
    let book = demo_book(dir.path());
    ok(&["verify", s(&book)]);
    let conn = rusqlite::Connection::open(&book).unwrap();
    // The `ledger` view shows ids as hex; the CLI prints them as UUIDs.
    let hex: String = conn.query_row("SELECT id FROM ledger WHERE seq = 700", [], |r| r.get(0)).unwrap();
    let id = format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]);
    // The triggers refuse the edit as long as they stand.
    assert!(conn.execute("UPDATE entries SET cents = cents + 100 WHERE seq = 700", []).is_err());
    conn.execute_batch(
        "DROP TRIGGER entries_no_update;
         UPDATE entries SET cents = cents + 100 WHERE seq = 700;",
    )
    .unwrap();
    drop(conn);
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains(&id) && e.contains("第 700 条记录"), "{e}");
    assert!(e.contains("entries_no_update 已被移除"), "{e}");
}

#[test]
fn verify_finds_a_deleted_entry_and_an_edited_frozen_row() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let conn = rusqlite::Connection::open(&book).unwrap();
    conn.execute_batch(
        "DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq = 12;
         CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'x'); END;
         DROP TRIGGER published_rows_no_update; UPDATE published_rows SET ytd_c = ytd_c + 1 WHERE rank = 1;",
    )
    .unwrap();
    drop(conn);
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains("第 12 至 12 条记录不见了"), "{e}");
    assert!(e.contains("封存的排名与发布时的摘要不符"), "{e}");
}

#[test]
fn verify_finds_the_last_entry_deleted() {
    let dir = tmp();
    let book = demo_book(dir.path());
    behind_the_back(&book, &["entries_no_delete"], "DELETE FROM entries WHERE seq = (SELECT MAX(seq) FROM entries)");
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains("台账末尾的记录被删除"), "{e}");
}

#[test]
fn verify_finds_a_publication_deleted_to_unfreeze_a_quarter() {
    let dir = tmp();
    let book = demo_book(dir.path());
    behind_the_back(
        &book,
        &["published_no_delete", "published_rows_no_delete"],
        "DELETE FROM published_rows; DELETE FROM published;",
    );
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains("已发布 2025Q1 的封存记录：有存证，却已不在积分簿中"), "{e}");
}

#[test]
fn verify_finds_the_stored_rulebook_edited() {
    for (what, edit) in [
        ("A01 5→50", Box::new(|s: &str| s.replacen("points = 5", "points = 50", 1)) as Box<dyn Fn(&str) -> String>),
        ("★ 190→189", Box::new(|s: &str| s.replacen("min = 190", "min = 189", 1))),
    ] {
        let dir = tmp();
        let book = demo_book(dir.path());
        edit_rulebook(&book, edit);
        let e = refused(&["verify", s(&book)]);
        assert!(e.contains("规则版本 1：与存证不符"), "{what}: {e}");
    }
}

#[test]
fn verify_finds_a_guard_replaced_by_a_no_op_of_the_same_name() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let conn = rusqlite::Connection::open(&book).unwrap();
    conn.execute_batch(
        "DROP TRIGGER entries_no_delete;
         CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT 1; END;",
    )
    .unwrap();
    drop(conn);
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains("防改保护 entries_no_delete 已被替换"), "{e}");
}

#[test]
fn verify_finds_a_published_households_head_renamed() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let conn = rusqlite::Connection::open(&book).unwrap();
    conn.execute("UPDATE households SET head = '王冒名' WHERE code = '01001'", []).unwrap();
    drop(conn);
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains("村民名册：与存证不符"), "{e}");
}

/// The town's file and the codes on the board hold a book to what it was
/// when published; a book changed since fails against them, with the
/// households that differ named.
#[test]
fn verify_against_the_towns_file_and_the_posted_codes() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let town = dir.path().join("镇里");
    std::fs::create_dir(&town).unwrap();
    ok(&["export", s(&book), "--quarter", "2025Q1", "-o", s(&town.join("青溪村-2025Q1.csv"))]);
    let code = ok(&["verify", s(&book)]).split("校验码 ").nth(1).unwrap()[..9].to_string();
    std::fs::write(town.join("公示栏.txt"), format!("# 照片抄录\n2025Q1 {}\n", code.to_lowercase())).unwrap();
    let out = ok(&["verify", s(&book), "--against", s(&town)]);
    assert!(out.contains("✓ 与镇里的文件核对 2025Q1") && out.contains("✓ 与公示栏核对 2025Q1"), "{out}");

    // Another village's file is named, not taken as evidence.
    let e = refused(&["verify", s(&book), "--against", s(&root().join("fixtures/town/330109002-山背村-2025Q1.csv"))]);
    assert!(e.contains("不是青溪村（330109001）的"), "{e}");

    // Issue 24, item 8: a copy re-saved by Excel as GBK CSV, whose names
    // lost what GBK cannot hold to `?`, is refused at its line, not
    // compared as if a name had changed.
    let export = std::fs::read_to_string(town.join("青溪村-2025Q1.csv")).unwrap();
    let lost = export.trim_start_matches('\u{feff}').replacen("程云凤", "程?凤", 1);
    let (gbk, _, _) = encoding_rs::GBK.encode(&lost);
    std::fs::write(dir.path().join("另存GBK.csv"), gbk).unwrap();
    let e = refused(&["verify", s(&book), "--against", s(&dir.path().join("另存GBK.csv"))]);
    assert!(
        e.contains("另存GBK.csv 第 2 行") && e.contains("「程?凤」中的「?」是文件另存为 GBK 编码的 CSV 时丢掉的字"),
        "{e}"
    );

    // A wrong code typed from the board is a clear input error.
    std::fs::write(dir.path().join("错码.txt"), "2025Q1 4A10-57\n").unwrap();
    let e = refused(&["verify", s(&book), "--against", s(&dir.path().join("错码.txt"))]);
    assert!(e.contains("错码.txt") && e.contains("第 1 行") && e.contains("校验码"), "{e}");

    // A frozen row changed and the digest replaced: the town's copy shows
    // what changed.
    behind_the_back(
        &book,
        &["published_rows_no_update", "published_no_update"],
        &format!(
            "UPDATE published_rows SET head = '王冒名' WHERE rank = 1; UPDATE published SET digest = '{}';",
            "ab".repeat(32)
        ),
    );
    let e = refused(&["verify", s(&book), "--against", s(&town)]);
    assert!(
        e.contains("积分簿在交给镇里之后被改动过") && e.contains("户主 镇里的文件为 程云凤，积分簿为 王冒名"),
        "{e}"
    );
    assert!(e.contains("公示栏上的校验码为") && e.contains("积分簿在公示之后被改动过"), "{e}");
}

/// Issue 16, tamper 2: copy A's `-wal` put beside copy B would replace B's
/// newest entries with A's. It is refused, named, and B stays as it was;
/// a book's own WAL, left by a crash, still opens.
#[test]
fn a_wal_from_another_copy_is_refused_and_a_books_own_is_kept() {
    let dir = tmp();
    let demo = demo_book(dir.path());
    let (a, b) = (dir.path().join("a.jfb"), dir.path().join("b.jfb"));
    std::fs::copy(&demo, &a).unwrap();
    std::fs::copy(&demo, &b).unwrap();
    // A reader holding A open keeps its WAL from being merged on exit.
    let hold = rusqlite::Connection::open(&a).unwrap();
    hold.query_row("SELECT COUNT(*) FROM entries", [], |r| r.get::<_, i64>(0)).unwrap();
    let add = |book: &PathBuf, item: &str| {
        ok(&["entry", "add", s(book), "--household", "01001", "--item", item, "--date", "2025-11-03"]);
    };
    add(&a, "A08");
    add(&b, "A01");
    assert!(std::fs::metadata(wal(&a)).unwrap().len() > 0, "A's WAL holds its entry");

    // A book's own WAL, as a crash leaves it.
    let c = dir.path().join("c.jfb");
    std::fs::copy(&a, &c).unwrap();
    std::fs::copy(wal(&a), wal(&c)).unwrap();
    ok(&["verify", s(&c)]);

    std::fs::copy(wal(&a), wal(&b)).unwrap();
    let before = std::fs::read(&b).unwrap();
    let e = refused(&["verify", s(&b)]);
    assert!(e.contains("b.jfb-wal，它不是这本积分簿现在的内容写下的") && e.contains("积分簿未被改动"), "{e}");
    assert!(std::fs::read(&b).unwrap() == before, "B's file is untouched");
    assert!(!wal(&b).exists() && set_aside(&b).len() == 1, "the stray WAL is kept aside");
    ok(&["verify", s(&b)]);
    drop(hold);
}

/// Issue 27, gap 1: a copy's `-wal` whose change is not to the ledger (a
/// person, goods, a registration, a setting) is never merged over the
/// original's newer work of any kind, and is kept aside under a name that
/// says so.
#[test]
fn a_stale_wal_from_a_copy_never_replaces_newer_work_of_any_kind() {
    let kinds: [(&str, &[&str], &[&str]); 5] = [
        (
            "entries",
            &["entry", "add", "BOOK", "--household", "01001", "--item", "A08", "--date", "2025-11-03"],
            &["entry", "add", "BOOK", "--household", "01002", "--item", "A01", "--date", "2025-11-04"],
        ),
        (
            "people",
            &["people", "add", "BOOK", "--name", "副本评议", "--role", "评议"],
            &["people", "add", "BOOK", "--name", "原本评议", "--role", "评议"],
        ),
        (
            "goods",
            &["shop", "goods", "add", "BOOK", "--code", "G01", "--name", "洗衣液", "--unit", "瓶", "--price", "20"],
            &["shop", "goods", "add", "BOOK", "--code", "G02", "--name", "毛巾", "--unit", "条", "--price", "7.5"],
        ),
        (
            "registrations",
            &["register", "BOOK", "--household", "01001", "--item", "A22", "--date", "2026-02-01", "--by", "张卫东"],
            &["register", "BOOK", "--household", "01003", "--item", "A22", "--date", "2026-02-02", "--by", "张卫东"],
        ),
        ("settings", &["settings", "BOOK", "--issuer", "副本村委会"], &["settings", "BOOK", "--issuer", "原本村委会"]),
    ];
    let dir = tmp();
    let demo = demo_book(dir.path());
    for (kind, on_copy, on_original) in kinds {
        let original = dir.path().join(format!("{kind}.jfb"));
        let copy = dir.path().join(format!("{kind}-U盘.jfb"));
        std::fs::copy(&demo, &original).unwrap();
        std::fs::copy(&demo, &copy).unwrap();
        let run = |book: &Path, args: &[&str]| {
            let args: Vec<&str> = args.iter().map(|a| if *a == "BOOK" { s(book) } else { a }).collect();
            ok(&args);
        };
        // The copy stays open (its WAL stays), the original is closed.
        let hold = rusqlite::Connection::open(&copy).unwrap();
        hold.query_row("SELECT COUNT(*) FROM entries", [], |r| r.get::<_, i64>(0)).unwrap();
        run(&copy, on_copy);
        run(&original, on_original);
        assert!(std::fs::metadata(wal(&copy)).unwrap().len() > 0, "{kind}: the copy's WAL holds its change");
        let before = book_digest(&original);
        std::fs::copy(wal(&copy), wal(&original)).unwrap();
        drop(hold);
        let e = refused(&["ranking", s(&original), "--quarter", "2025Q1"]);
        assert!(e.contains("它不是这本积分簿现在的内容写下的") && e.contains("未合并"), "{kind}: {e}");
        assert_eq!(book_digest(&original), before, "{kind}: nothing merged");
        assert_eq!(set_aside(&original).len(), 1, "{kind}: kept aside");
        let after = ok(&["verify", s(&original)]);
        assert!(!after.contains('✗'), "{kind}: {after}");
    }
}

/// Issue 27, gap 1: a rollback journal beside a book in WAL mode was not
/// written by it (such a book never writes one): it is kept aside, unapplied.
#[test]
fn a_rollback_journal_beside_a_wal_book_is_never_applied() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let journal = PathBuf::from(format!("{}-journal", book.display()));
    std::fs::write(&journal, vec![0xd9; 4096]).unwrap();
    let before = std::fs::read(&book).unwrap();
    let e = refused(&["entry", "add", s(&book), "--household", "01001", "--item", "A08", "--date", "2025-11-03"]);
    assert!(e.contains("demo.jfb-journal") && e.contains("积分簿未被改动"), "{e}");
    assert!(std::fs::read(&book).unwrap() == before && !journal.exists());
    ok(&["entry", "add", s(&book), "--household", "01001", "--item", "A08", "--date", "2025-11-03"]);
}

/// Issue 27, gap 3: a book cut short by a few bytes is called damaged, with
/// its latest backup, and never written to (SQLite would pad it back to
/// whole pages, making the damage permanent); an empty or 50-byte file is
/// damaged, not "not a book".
#[test]
fn a_book_cut_short_is_damaged_and_never_written() {
    let dir = tmp();
    let demo = demo_book(dir.path());
    let length = std::fs::metadata(&demo).unwrap().len();
    for cut in [1_u64, 2, 3, 7, 8, 15, 16, 100, 4096, 8191, 8192, 8193] {
        let book = dir.path().join(format!("短{cut}.jfb"));
        std::fs::copy(&demo, &book).unwrap();
        std::fs::File::options().write(true).open(&book).unwrap().set_len(length - cut).unwrap();
        let before = std::fs::read(&book).unwrap();
        let e = refused(&["entry", "add", s(&book), "--household", "01001", "--item", "A08", "--date", "2025-11-03"]);
        assert!(e.contains("已损坏") && e.contains("恢复"), "cut {cut}: {e}");
        assert!(std::fs::read(&book).unwrap() == before, "cut {cut}: nothing written");
        let e = refused(&["verify", s(&book)]);
        assert!(e.contains("已损坏"), "cut {cut}: {e}");
    }
    for size in [0, 50] {
        let book = dir.path().join(format!("{size}字节.jfb"));
        std::fs::write(&book, &std::fs::read(&demo).unwrap()[..size]).unwrap();
        let e = refused(&["verify", s(&book)]);
        assert!(e.contains("已损坏") && !e.contains("不是积分簿文件"), "{size} bytes: {e}");
    }
}

fn wal(p: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", p.display()))
}

/// The stray journals kept aside beside `book`.
fn set_aside(book: &Path) -> Vec<PathBuf> {
    let name = book.file_name().unwrap().to_str().unwrap().to_string();
    std::fs::read_dir(book.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(&format!("{name}-wal.未合并-")))
        .collect()
}

/// Issue 16, tamper 3: with a page overwritten, `verify` says the book is
/// damaged, and no command writes into it.
#[test]
fn nothing_is_written_into_a_damaged_book() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let at = ledger_page(&book);
    let mut bytes = std::fs::read(&book).unwrap();
    // A page of the entries, overwritten with noise.
    let page = 8192;
    for (i, b) in bytes[at + 100..at + page].iter_mut().enumerate() {
        *b = (i * 7 + 3) as u8;
    }
    std::fs::write(&book, &bytes).unwrap();
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains("损坏") || e.contains("数据库完整性"), "{e}");
    let file = dir.path().join("新的.csv");
    std::fs::write(&file, "户号,项目,日期,数量\n01001,A08,2025-11-03,1\n").unwrap();
    let e = refused(&["entries", "import", s(&book), s(&file)]);
    assert!(e.contains("已损坏") && e.contains("已拒绝写入") && !e.contains("malformed"), "{e}");
    assert!(std::fs::read(&book).unwrap() == bytes, "nothing was written");
}

/// A demo book with rows in every table of the schema: settings, an upheld
/// objection, the shop, a review meeting with a photo, a registrations
/// file, a retired person and a closed year.
fn book_with_every_table(dir: &Path) -> PathBuf {
    let book = demo_book(dir);
    let b = s(&book);
    ok(&["settings", b, "--issuer", "青溪村两委"]);
    ok(&["objection", "add", b, "--quarter", "2025Q1", "--household", "01002", "--text", "漏记", "--late"]);
    ok(&["objection", "uphold", b, "1", "--reason", "经核实属实", "--item", "A01", "--date", "2025-05-10"]);
    for (q, date) in [("2025Q2", "2025-07-03"), ("2025Q3", "2025-10-03"), ("2025Q4", "2026-01-05")] {
        ok(&["publish", b, "--quarter", q, "--date", date, "--backfill"]);
    }
    ok(&["year", "close", b, "--year", "2025", "--date", "2026-01-20"]);
    ok(&["shop", "goods", "add", b, "--code", "G01", "--name", "洗衣液", "--unit", "瓶", "--price", "20"]);
    ok(&["shop", "stock", b, "--goods", "G01", "--qty", "5", "--source", "村集体采购", "--date", "2026-01-21"]);
    ok(&["shop", "redeem", b, "--household", "01001", "--goods", "G01:1", "--date", "2026-01-22"]);
    ok(&["shop", "cancel", b, "1", "--reason", "拿错了"]);
    let photo = root().join("fixtures/photos/敬老证明.jpg");
    let register = ["register", b, "--household", "01001", "--item", "A22", "--date", "2026-02-01"];
    ok(&[&register[..], &["--by", "张卫东", "--photo", s(&photo)]].concat());
    ok(&["review", b, "--date", "2026-02-20", "--members", "陈国华,李秀英,王建军", "--approve", "1"]);
    let file = write(dir, "登记.csv", "户号,项目,日期,数量,分值\n01003,A22,2026-02-03,1,\n");
    ok(&["registrations", "import", b, s(&file), "--by", "张卫东"]);
    ok(&["people", "retire", b, "--name", "周志强"]);
    book
}

/// Issue 27, gap 2: every column of every table of the schema, edited
/// behind the program's back (guards lifted and put back, nothing
/// re-hashed), and every table's first row deleted, fails `verify`. The
/// tables and columns are read from the book itself, so a table or column
/// added later without coverage fails here.
#[test]
fn verify_catches_an_edit_to_any_column_of_any_table() {
    let dir = tmp();
    let book = book_with_every_table(dir.path());
    assert!(!ok(&["verify", s(&book)]).contains('✗'));
    let conn = rusqlite::Connection::open(&book).unwrap();
    // The first column of every row `sql` selects.
    let names = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let tables =
        names("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    let guards = names("SELECT name FROM sqlite_master WHERE type = 'trigger'");
    let guards: Vec<&str> = guards.iter().map(String::as_str).collect();
    let mut edits = Vec::new();
    for table in &tables {
        let rows: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert!(rows > 0, "the test book has no row in {table}: give it one");
        let columns = names(&format!("SELECT name FROM pragma_table_info('{table}')"));
        let first = format!("rowid = (SELECT MIN(rowid) FROM {table})");
        for column in columns {
            let changed = format!(
                "CASE typeof({column}) WHEN 'integer' THEN {column} + 7919 WHEN 'text' THEN {column} || '改'
                 WHEN 'blob' THEN x'00' || {column} ELSE 1 END"
            );
            edits.push((format!("{table}.{column}"), format!("UPDATE {table} SET {column} = {changed} WHERE {first}")));
        }
        edits.push((format!("{table}: a row deleted"), format!("DELETE FROM {table} WHERE {first}")));
    }
    drop(conn);
    let mut missed = Vec::new();
    for (what, sql) in &edits {
        let copy = dir.path().join("改.jfb");
        std::fs::copy(&book, &copy).unwrap();
        behind_the_back(
            &copy,
            &guards,
            &format!("PRAGMA foreign_keys = 0; PRAGMA ignore_check_constraints = 1; {sql};"),
        );
        let out = jifenbu(&["verify", s(&copy)]);
        if out.status.code() != Some(1) {
            missed.push(what.clone());
        }
    }
    assert!(missed.is_empty(), "verify missed {} edits: {missed:#?}", missed.len());
}

/// Issue 27, gap 2: what the issue found, each named by `verify`.
#[test]
fn verify_names_the_tables_it_did_not_read_before() {
    let dir = tmp();
    let book = book_with_every_table(dir.path());
    for (guards, sql, says) in [
        (
            &["rulings_no_update"][..],
            "UPDATE rulings SET upheld = 1 - upheld, reason = '改判'",
            "异议处理结果：与存证不符",
        ),
        (
            &["objections_no_delete", "rulings_no_delete", "ruling_entries_no_delete"][..],
            "DELETE FROM ruling_entries; DELETE FROM rulings; DELETE FROM objections",
            "异议登记：与存证不符",
        ),
        (&[][..], "UPDATE households SET active_to = '2025-01-01' WHERE code = '01001'", "村民名册：与存证不符"),
        (&[][..], "UPDATE households SET phone = '110', members = 9 WHERE code = '01002'", "村民名册：与存证不符"),
        (&["imports_no_delete"][..], "DELETE FROM imports", "台账文件导入记录：与存证不符"),
        (
            &["batches_no_update"][..],
            "UPDATE batches SET source = '别处.csv'",
            "录入记录（录入人、时间、来源）：与存证不符",
        ),
    ] {
        let copy = dir.path().join("改.jfb");
        std::fs::copy(&book, &copy).unwrap();
        behind_the_back(&copy, guards, sql);
        let e = refused(&["verify", s(&copy)]);
        assert!(e.contains(says), "{sql}: {e}");
    }
}

/// Issue 27, gap 6: a row that no longer reads as its type is named by its
/// field and what that should hold, in Chinese, never in SQLite's words.
#[test]
fn verify_names_an_unreadable_field_in_chinese() {
    let dir = tmp();
    let book = demo_book(dir.path());
    behind_the_back(
        &book,
        &["entries_no_update"],
        "UPDATE entries SET date = '三月五日' WHERE seq = 900; UPDATE entries SET id = x'01' WHERE seq = 950;",
    );
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains("第 900 条记录的「日期」（应为YYYY-MM-DD 格式的日期）无法读取"), "{e}");
    assert!(e.contains("第 950 条记录的「编号」（应为16 字节）无法读取"), "{e}");
    assert!(!e.contains("Conversion") && !e.contains("blob"), "{e}");
}

/// Issue 27, gap 9: a frozen star level that differs from the recomputed
/// one shows the two star levels, so the two rows shown differ.
#[test]
fn verify_shows_the_star_levels_that_differ() {
    let dir = tmp();
    let book = demo_book(dir.path());
    behind_the_back(&book, &["published_rows_no_update"], "UPDATE published_rows SET stars = 5 WHERE rank = 1");
    let e = refused(&["verify", s(&book)]);
    let line = e.lines().find(|l| l.contains("封存为")).unwrap_or_else(|| panic!("{e}"));
    let (frozen, again) = line.split_once("；按台账重算为 ").unwrap();
    assert!(frozen.ends_with("/5 星") && !again.ends_with("/5 星"), "{line}");
}

/// A write that changes many rows of a table (a roster imported again,
/// every household updated in place) is recorded once and verifies: the
/// connection's note of changed tables holds under an upsert.
#[test]
fn a_roster_imported_again_is_recorded_and_verifies() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let roster = std::fs::read_to_string(root().join("fixtures/demo/households.csv")).unwrap();
    let changed = write(dir.path(), "名册.csv", &roster.replacen("张三丰", "张三峰", 1).replacen("一组", "1组", 3));
    ok(&["households", "import", s(&book), s(&changed)]);
    ok(&["households", "import", s(&book), s(&changed)]);
    assert!(!ok(&["verify", s(&book)]).contains('✗'));
}

/// Issue 24, gap 9: the town's copy is compared household by household and
/// figure by figure, whatever its digest column says; each real difference
/// is named with both values, a household only one side has is named, an
/// escaped name equals its value, and two different digests show two
/// different codes.
#[test]
fn verify_against_compares_every_household_and_figure() {
    let dir = tmp();
    let book = demo_book(dir.path());
    let copy = dir.path().join("青溪村-2025Q1.csv");
    ok(&["export", s(&book), "--quarter", "2025Q1", "-o", s(&copy)]);
    assert!(!ok(&["verify", s(&book), "--against", s(&copy)]).contains('✗'));
    let text = std::fs::read_to_string(&copy).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // The digest column left alone: a figure and a star level changed, a
    // household dropped.
    let mut cells: Vec<String> = lines[1].split(',').map(str::to_string).collect();
    let household = cells[4].clone();
    cells[7] = "99".into();
    cells[12] = "5".into();
    lines[1] = cells.join(",");
    let dropped = lines.remove(2).split(',').nth(4).unwrap().to_string();
    std::fs::write(&copy, lines.join("\r\n") + "\r\n").unwrap();
    let e = refused(&["verify", s(&book), "--against", s(&copy)]);
    assert!(e.contains(&format!("户号 {household}：本季加分 镇里的文件为 99，积分簿为")), "{e}");
    assert!(e.contains(&format!("户号 {household}：星级 镇里的文件为 5，积分簿为")), "{e}");
    assert!(e.contains(&format!("户号 {dropped}（户主")) && e.contains("积分簿中有，镇里的文件没有"), "{e}");
    assert!(!e.contains("发布摘要不符"), "the digest column was left alone: {e}");
    let reported = e.lines().filter(|l| l.contains("户号 ")).count();
    assert_eq!(reported, 3, "only the real differences: {e}");

    // A digest that differs only after the code's characters: two codes.
    let digest = lines[1].split(',').nth(14).unwrap().to_string(); // 发布摘要
    let mut other = digest.clone();
    let last = if other.ends_with('0') { "1" } else { "0" };
    other.replace_range(other.len() - 1.., last);
    std::fs::write(&copy, text.replace(&digest, &other)).unwrap();
    let e = refused(&["verify", s(&book), "--against", s(&copy)]);
    let line = e.lines().find(|l| l.contains("发布摘要不符")).unwrap_or_else(|| panic!("{e}"));
    let codes: Vec<&str> = line.split(['为', '，', '：']).filter(|p| p.len() >= 8).collect();
    assert!(codes.len() >= 2 && codes[0] != codes[1], "{line}");
}
