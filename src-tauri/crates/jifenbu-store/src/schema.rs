//! The book's schema as numbered migrations. `user_version` records how many
//! have run; a book from a newer program is refused rather than guessed at.

use rusqlite::Connection;

use crate::error::Result;

/// Marks a SQLite file as a village book (`PRAGMA application_id`): "JFBK".
pub const APPLICATION_ID: i64 = 0x4A46_424B;

/// One step of the schema: its SQL, then, where rows must be derived in
/// Rust (hashes), a function run in the same transaction.
struct Migration {
    sql: &'static [&'static str],
    then: Option<fn(&Connection) -> Result<()>>,
}

const fn sql(sql: &'static [&'static str]) -> Migration {
    Migration { sql, then: None }
}

/// Each step moves the schema one version on; never edit a released step.
const MIGRATIONS: &[Migration] = &[
    sql(&[
        // 1: the first book.
        r#"
    CREATE TABLE village (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        name        TEXT NOT NULL,
        code        TEXT NOT NULL,
        created_at  TEXT NOT NULL
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    -- Rulebook versions, kept whole as their source text; never replaced.
    CREATE TABLE rulebooks (
        id              INTEGER PRIMARY KEY,
        version         TEXT NOT NULL,
        name            TEXT NOT NULL,
        effective_from  TEXT NOT NULL,
        source          TEXT NOT NULL,
        file_name       TEXT NOT NULL,
        imported_at     TEXT NOT NULL
    );

    CREATE TABLE households (
        code         TEXT PRIMARY KEY,
        head         TEXT NOT NULL,
        grp          TEXT NOT NULL,
        members      INTEGER,
        address      TEXT,
        phone        TEXT,
        active_from  TEXT,
        active_to    TEXT
    );

    -- Who recorded entries, when, and from what: one row per command that
    -- adds entries (a typed entry, a reversal, an imported file).
    CREATE TABLE batches (
        id           INTEGER PRIMARY KEY,
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        source       TEXT NOT NULL
    );

    -- The ledger: append-only, chained by hash in seq order. Ids and hashes
    -- are stored as raw bytes (16 and 32): a third smaller than text.
    CREATE TABLE entries (
        seq          INTEGER PRIMARY KEY,
        id           BLOB NOT NULL UNIQUE,      -- UUID
        household    TEXT NOT NULL REFERENCES households(code),
        item_code    TEXT NOT NULL,
        item_name    TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('add', 'deduct')),
        veto         INTEGER NOT NULL CHECK (veto IN (0, 1)),
        qty          INTEGER NOT NULL CHECK (qty >= 1),
        cents        INTEGER NOT NULL,          -- signed points x 100
        date         TEXT NOT NULL,             -- deed date; a reversal's own date
        year         INTEGER NOT NULL,          -- posting quarter
        quarter      INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        note         TEXT NOT NULL,             -- a reversal's reason
        batch        INTEGER NOT NULL REFERENCES batches(id),
        reverses     BLOB REFERENCES entries(id),
        hash         BLOB NOT NULL              -- SHA-256 over the previous hash and this entry
    );
    -- An entry is reversed at most once; only reversals are indexed.
    CREATE UNIQUE INDEX entries_reversal ON entries(reverses) WHERE reverses IS NOT NULL;
    CREATE INDEX entries_veto ON entries(year, quarter) WHERE veto = 1 AND reverses IS NULL;
    CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
        BEGIN SELECT RAISE(ABORT, '积分台账只能追加，不能修改；更正请录入冲销'); END;
    CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
        BEGIN SELECT RAISE(ABORT, '积分台账只能追加，不能删除；更正请录入冲销'); END;
    CREATE TRIGGER batches_no_update BEFORE UPDATE ON batches
        BEGIN SELECT RAISE(ABORT, '录入记录只能追加，不能修改'); END;
    CREATE TRIGGER batches_no_delete BEFORE DELETE ON batches
        BEGIN SELECT RAISE(ABORT, '录入记录只能追加，不能删除'); END;

    -- The ledger as a person reads it (e.g. in the sqlite3 shell).
    CREATE VIEW ledger AS
        SELECT e.seq, lower(hex(e.id)) AS id, e.household, e.item_code, e.item_name, e.kind, e.veto, e.qty,
               e.cents / 100.0 AS points, e.date, e.year, e.quarter, e.note, b.operator, b.recorded_at,
               b.source, lower(hex(e.reverses)) AS reverses, lower(hex(e.hash)) AS hash
        FROM entries e JOIN batches b ON b.id = e.batch;

    -- Published (frozen) quarters and the rows their notice printed.
    CREATE TABLE published (
        year          INTEGER NOT NULL,
        quarter       INTEGER NOT NULL,
        published_at  TEXT NOT NULL,
        digest        TEXT NOT NULL,
        rulebook_id   INTEGER NOT NULL REFERENCES rulebooks(id),
        last_seq      INTEGER NOT NULL,       -- the ledger as it stood when published
        PRIMARY KEY (year, quarter)
    );
    CREATE TABLE published_rows (
        year       INTEGER NOT NULL,
        quarter    INTEGER NOT NULL,
        rank       INTEGER NOT NULL,
        household  TEXT NOT NULL,
        head       TEXT NOT NULL,
        grp        TEXT NOT NULL,
        add_c      INTEGER NOT NULL,
        deduct_c   INTEGER NOT NULL,
        score_c    INTEGER NOT NULL,
        ytd_c      INTEGER NOT NULL,
        stars      INTEGER NOT NULL,
        veto       INTEGER NOT NULL,
        PRIMARY KEY (year, quarter, household),
        FOREIGN KEY (year, quarter) REFERENCES published(year, quarter)
    );
    CREATE TRIGGER published_no_update BEFORE UPDATE ON published
        BEGIN SELECT RAISE(ABORT, '已发布季度已封存，不能修改'); END;
    CREATE TRIGGER published_no_delete BEFORE DELETE ON published
        BEGIN SELECT RAISE(ABORT, '已发布季度已封存，不能删除'); END;
    CREATE TRIGGER published_rows_no_update BEFORE UPDATE ON published_rows
        BEGIN SELECT RAISE(ABORT, '已发布季度已封存，不能修改'); END;
    CREATE TRIGGER published_rows_no_delete BEFORE DELETE ON published_rows
        BEGIN SELECT RAISE(ABORT, '已发布季度已封存，不能删除'); END;
    "#,
        "CREATE INDEX entries_sums ON entries(year, household, item_code, quarter, kind, cents)",
    ]),
    sql(&[
        // 2: objections (异议) against published notices and how each was ruled.
        r#"
    CREATE TABLE objections (
        id           INTEGER PRIMARY KEY,      -- 第 N 号
        year         INTEGER NOT NULL,
        quarter      INTEGER NOT NULL,
        household    TEXT NOT NULL REFERENCES households(code),
        received_on  TEXT NOT NULL,
        received_by  TEXT NOT NULL,
        text         TEXT NOT NULL,
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        FOREIGN KEY (year, quarter) REFERENCES published(year, quarter)
    );
    CREATE TABLE rulings (
        objection    INTEGER PRIMARY KEY REFERENCES objections(id),
        upheld       INTEGER NOT NULL CHECK (upheld IN (0, 1)),
        decided_on   TEXT NOT NULL,
        reason       TEXT NOT NULL,
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
    );
    -- The entries an upheld objection led to (reversals and added items).
    CREATE TABLE ruling_entries (
        objection  INTEGER NOT NULL REFERENCES rulings(objection),
        entry      BLOB NOT NULL REFERENCES entries(id),
        PRIMARY KEY (objection, entry)
    );
    CREATE TRIGGER objections_no_update BEFORE UPDATE ON objections
        BEGIN SELECT RAISE(ABORT, '异议登记只能追加，不能修改'); END;
    CREATE TRIGGER objections_no_delete BEFORE DELETE ON objections
        BEGIN SELECT RAISE(ABORT, '异议登记只能追加，不能删除'); END;
    CREATE TRIGGER rulings_no_update BEFORE UPDATE ON rulings
        BEGIN SELECT RAISE(ABORT, '异议处理结果只能追加，不能修改'); END;
    CREATE TRIGGER rulings_no_delete BEFORE DELETE ON rulings
        BEGIN SELECT RAISE(ABORT, '异议处理结果只能追加，不能删除'); END;
    CREATE TRIGGER ruling_entries_no_update BEFORE UPDATE ON ruling_entries
        BEGIN SELECT RAISE(ABORT, '异议处理结果只能追加，不能修改'); END;
    CREATE TRIGGER ruling_entries_no_delete BEFORE DELETE ON ruling_entries
        BEGIN SELECT RAISE(ABORT, '异议处理结果只能追加，不能删除'); END;
    "#,
    ]),
    sql(&[
        // 3: what the app looks up while a clerk works: a household's
        // entries (户账, the score after saving) and the entries of a batch
        // (today's entries).
        "CREATE INDEX entries_household ON entries(household, seq)",
        "CREATE INDEX entries_batch ON entries(batch)",
        "CREATE INDEX batches_recorded ON batches(recorded_at)",
    ]),
    sql(&[
        // 4: the latest quarter with entries, which the app opens on,
        // found in the index rather than by reading a year of entries.
        "CREATE INDEX entries_quarter ON entries(year, quarter)",
    ]),
    sql(&[
        // 5: every entries file imported, by its SHA-256, so the same file
        // is never imported twice (ids or not).
        r#"
    CREATE TABLE imports (
        sha256       BLOB PRIMARY KEY,
        file_name    TEXT NOT NULL,
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        added        INTEGER NOT NULL
    );
    CREATE TRIGGER imports_no_update BEFORE UPDATE ON imports
        BEGIN SELECT RAISE(ABORT, '导入记录只能追加，不能修改'); END;
    CREATE TRIGGER imports_no_delete BEFORE DELETE ON imports
        BEGIN SELECT RAISE(ABORT, '导入记录只能追加，不能删除'); END;
    "#,
    ]),
    Migration {
        // 6: evidence (存证) of the ledger's end, rulebooks and publications,
        // hash-chained (evidence.rs), and each publication's ledger end,
        // which its digest binds from now on.
        sql: &[r#"
    CREATE TABLE evidence (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        what     TEXT NOT NULL,          -- ledger | rulebook | publication
        subject  TEXT NOT NULL,          -- rulebook id, quarter
        entries  INTEGER NOT NULL,       -- the ledger's length then
        head     BLOB NOT NULL,          -- and its last hash
        digest   BLOB NOT NULL,          -- SHA-256 of the subject's row
        hash     BLOB NOT NULL           -- SHA-256 over the previous hash and this row
    );
    CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
        BEGIN SELECT RAISE(ABORT, '存证只能追加，不能修改'); END;
    CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
        BEGIN SELECT RAISE(ABORT, '存证只能追加，不能删除'); END;
    -- NULL for quarters published before digests bound the ledger's end.
    ALTER TABLE published ADD COLUMN chain_head BLOB;
    "#],
        then: Some(crate::evidence::baseline),
    },
    Migration {
        // 7: a year's adjustment period (年终调整) after its fourth quarter,
        // stored as quarter 5 (see `Posting`).
        sql: &[],
        then: Some(allow_the_adjustment_slot),
    },
    sql(&[
        // 8: closed years (年度结算) and the annual rows they froze.
        r#"
    CREATE TABLE closed_years (
        year         INTEGER PRIMARY KEY,
        closed_on    TEXT NOT NULL,            -- the day, as given
        closed_at    TEXT NOT NULL,            -- when it was recorded
        digest       TEXT NOT NULL,            -- over the rows and the ledger's end
        rulebook_id  INTEGER NOT NULL REFERENCES rulebooks(id),
        last_seq     INTEGER NOT NULL,
        chain_head   BLOB NOT NULL,
        operator     TEXT NOT NULL,
        issuer         TEXT NOT NULL,      -- the settings printed on the annual notice
        objections_to  TEXT NOT NULL
    );
    CREATE TABLE closed_year_rows (
        year       INTEGER NOT NULL REFERENCES closed_years(year),
        rank       INTEGER NOT NULL,
        household  TEXT NOT NULL,
        head       TEXT NOT NULL,
        grp        TEXT NOT NULL,
        q1_c       INTEGER NOT NULL,
        q2_c       INTEGER NOT NULL,
        q3_c       INTEGER NOT NULL,
        q4_c       INTEGER NOT NULL,
        adj_c      INTEGER NOT NULL,
        annual_c   INTEGER NOT NULL,
        stars      INTEGER NOT NULL,
        veto       INTEGER NOT NULL,
        PRIMARY KEY (year, household)
    );
    CREATE TRIGGER closed_years_no_update BEFORE UPDATE ON closed_years
        BEGIN SELECT RAISE(ABORT, '已结算的年度已封存，不能修改'); END;
    CREATE TRIGGER closed_years_no_delete BEFORE DELETE ON closed_years
        BEGIN SELECT RAISE(ABORT, '已结算的年度已封存，不能删除'); END;
    CREATE TRIGGER closed_year_rows_no_update BEFORE UPDATE ON closed_year_rows
        BEGIN SELECT RAISE(ABORT, '已结算的年度已封存，不能修改'); END;
    CREATE TRIGGER closed_year_rows_no_delete BEFORE DELETE ON closed_year_rows
        BEGIN SELECT RAISE(ABORT, '已结算的年度已封存，不能删除'); END;
    "#,
    ]),
    sql(&[
        // 9: what a notice prints besides the ranking, fixed when the quarter
        // is published, so a reprint never drifts with later settings (NULL
        // for quarters published before: they print with the settings).
        "ALTER TABLE published ADD COLUMN issuer TEXT",
        "ALTER TABLE published ADD COLUMN objections_to TEXT",
    ]),
    sql(&[
        // 10: 积分评议 — the people who act in the scheme, registrations
        // awaiting review with their photos, and the review meetings'
        // decisions. Everything is appended, never changed.
        r#"
    CREATE TABLE people (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL,
        role         TEXT NOT NULL CHECK (role IN ('文书', '评议', '监督', '组长')),
        grp          TEXT,
        phone        TEXT,
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        UNIQUE (name, role)
    );
    CREATE TABLE retirements (
        person       INTEGER PRIMARY KEY REFERENCES people(id),
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
    );
    CREATE TABLE registrations (
        id             INTEGER PRIMARY KEY,
        household      TEXT NOT NULL REFERENCES households(code),
        item_code      TEXT NOT NULL,
        date           TEXT NOT NULL,
        qty            INTEGER NOT NULL,
        cents          INTEGER,                  -- the stated magnitude, if any
        note           TEXT NOT NULL,
        registered_by  TEXT NOT NULL,
        source         TEXT NOT NULL,            -- 登记, or the imported file's name
        operator       TEXT NOT NULL,
        recorded_at    TEXT NOT NULL
    );
    CREATE INDEX registrations_date ON registrations(date);
    CREATE INDEX registrations_household ON registrations(household);
    -- Photos by content: the SHA-256 of their bytes is their key.
    CREATE TABLE photos (
        hash         BLOB PRIMARY KEY,
        data         BLOB NOT NULL,
        taken_at     TEXT,
        width        INTEGER NOT NULL,
        height       INTEGER NOT NULL
    );
    CREATE TABLE registration_photos (
        registration  INTEGER NOT NULL REFERENCES registrations(id),
        photo         BLOB NOT NULL REFERENCES photos(hash),
        PRIMARY KEY (registration, photo)
    );
    CREATE TABLE meetings (
        id           INTEGER PRIMARY KEY,
        date         TEXT NOT NULL,
        members      TEXT NOT NULL,              -- those present, joined by 、
        panel        INTEGER NOT NULL,           -- active panel members that day
        quorum       INTEGER NOT NULL,
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
    );
    -- One decision per registration, ever: the key refuses a second.
    CREATE TABLE decisions (
        registration  INTEGER PRIMARY KEY REFERENCES registrations(id),
        meeting       INTEGER NOT NULL REFERENCES meetings(id),
        approved      INTEGER NOT NULL,
        cents         INTEGER,                   -- approved at changed points
        reason        TEXT NOT NULL,
        entry         BLOB REFERENCES entries(id)
    );
    CREATE INDEX decisions_meeting ON decisions(meeting);
    CREATE TABLE registration_imports (
        sha256       BLOB PRIMARY KEY,
        file_name    TEXT NOT NULL,
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        added        INTEGER NOT NULL
    );
    CREATE TRIGGER people_no_update BEFORE UPDATE ON people
        BEGIN SELECT RAISE(ABORT, '人员名单只能追加，不能修改或删除；不再任职的请停用'); END;
    CREATE TRIGGER people_no_delete BEFORE DELETE ON people
        BEGIN SELECT RAISE(ABORT, '人员名单只能追加，不能修改或删除；不再任职的请停用'); END;
    CREATE TRIGGER retirements_no_update BEFORE UPDATE ON retirements
        BEGIN SELECT RAISE(ABORT, '停用记录不能修改或删除'); END;
    CREATE TRIGGER retirements_no_delete BEFORE DELETE ON retirements
        BEGIN SELECT RAISE(ABORT, '停用记录不能修改或删除'); END;
    CREATE TRIGGER registrations_no_update BEFORE UPDATE ON registrations
        BEGIN SELECT RAISE(ABORT, '登记一经保存不能修改或删除；错登的请在评议时不同意'); END;
    CREATE TRIGGER registrations_no_delete BEFORE DELETE ON registrations
        BEGIN SELECT RAISE(ABORT, '登记一经保存不能修改或删除；错登的请在评议时不同意'); END;
    CREATE TRIGGER photos_no_update BEFORE UPDATE ON photos
        BEGIN SELECT RAISE(ABORT, '照片一经保存不能修改或删除'); END;
    CREATE TRIGGER photos_no_delete BEFORE DELETE ON photos
        BEGIN SELECT RAISE(ABORT, '照片一经保存不能修改或删除'); END;
    CREATE TRIGGER registration_photos_no_update BEFORE UPDATE ON registration_photos
        BEGIN SELECT RAISE(ABORT, '照片一经保存不能修改或删除'); END;
    CREATE TRIGGER registration_photos_no_delete BEFORE DELETE ON registration_photos
        BEGIN SELECT RAISE(ABORT, '照片一经保存不能修改或删除'); END;
    CREATE TRIGGER meetings_no_update BEFORE UPDATE ON meetings
        BEGIN SELECT RAISE(ABORT, '评议会一经保存即为定论，不能修改或删除'); END;
    CREATE TRIGGER meetings_no_delete BEFORE DELETE ON meetings
        BEGIN SELECT RAISE(ABORT, '评议会一经保存即为定论，不能修改或删除'); END;
    CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, '评议结果一经保存即为定论，不能修改或删除'); END;
    CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, '评议结果一经保存即为定论，不能修改或删除'); END;
    CREATE TRIGGER registration_imports_no_update BEFORE UPDATE ON registration_imports
        BEGIN SELECT RAISE(ABORT, '导入记录不能修改或删除'); END;
    CREATE TRIGGER registration_imports_no_delete BEFORE DELETE ON registration_imports
        BEGIN SELECT RAISE(ABORT, '导入记录不能修改或删除'); END;
    "#,
        // The review meetings a published notice names, fixed on publishing
        // like its issuer (NULL for quarters published before: none).
        "ALTER TABLE published ADD COLUMN meetings TEXT",
    ]),
    sql(&[
        // 11: 积分超市 — goods, every movement of stock, redemptions and their
        // cancellations. Appended only: stock is the sum of its movements.
        r#"
    CREATE TABLE goods (
        code         TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        unit         TEXT NOT NULL,
        cents        INTEGER NOT NULL CHECK (cents > 0),   -- price per unit
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
    );
    CREATE TABLE redemptions (
        id           INTEGER PRIMARY KEY,
        household    TEXT NOT NULL REFERENCES households(code),
        date         TEXT NOT NULL,
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
    );
    CREATE INDEX redemptions_household ON redemptions(household);
    CREATE INDEX redemptions_date ON redemptions(date);
    CREATE TABLE redemption_lines (
        redemption   INTEGER NOT NULL REFERENCES redemptions(id),
        goods        TEXT NOT NULL REFERENCES goods(code),
        qty          INTEGER NOT NULL CHECK (qty >= 1),
        cents        INTEGER NOT NULL,                     -- price per unit then
        PRIMARY KEY (redemption, goods)
    );
    -- One cancellation per redemption, ever.
    CREATE TABLE cancellations (
        redemption   INTEGER PRIMARY KEY REFERENCES redemptions(id),
        date         TEXT NOT NULL,
        reason       TEXT NOT NULL,
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
    );
    -- Stock in (入库, with its source), out by a redemption, back by its
    -- cancellation.
    CREATE TABLE stock_moves (
        id           INTEGER PRIMARY KEY,
        goods        TEXT NOT NULL REFERENCES goods(code),
        qty          INTEGER NOT NULL CHECK (qty <> 0),
        kind         TEXT NOT NULL CHECK (kind IN ('in', 'redeem', 'cancel')),
        source       TEXT NOT NULL,
        date         TEXT NOT NULL,
        redemption   INTEGER REFERENCES redemptions(id),
        operator     TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
    );
    CREATE INDEX stock_moves_goods ON stock_moves(goods, date);
    CREATE TRIGGER goods_no_update BEFORE UPDATE ON goods
        BEGIN SELECT RAISE(ABORT, '物品只能添加，不能修改或删除'); END;
    CREATE TRIGGER goods_no_delete BEFORE DELETE ON goods
        BEGIN SELECT RAISE(ABORT, '物品只能添加，不能修改或删除'); END;
    CREATE TRIGGER redemptions_no_update BEFORE UPDATE ON redemptions
        BEGIN SELECT RAISE(ABORT, '兑换记录不能修改或删除；兑换错了请作废'); END;
    CREATE TRIGGER redemptions_no_delete BEFORE DELETE ON redemptions
        BEGIN SELECT RAISE(ABORT, '兑换记录不能修改或删除；兑换错了请作废'); END;
    CREATE TRIGGER redemption_lines_no_update BEFORE UPDATE ON redemption_lines
        BEGIN SELECT RAISE(ABORT, '兑换记录不能修改或删除；兑换错了请作废'); END;
    CREATE TRIGGER redemption_lines_no_delete BEFORE DELETE ON redemption_lines
        BEGIN SELECT RAISE(ABORT, '兑换记录不能修改或删除；兑换错了请作废'); END;
    CREATE TRIGGER cancellations_no_update BEFORE UPDATE ON cancellations
        BEGIN SELECT RAISE(ABORT, '作废记录不能修改或删除'); END;
    CREATE TRIGGER cancellations_no_delete BEFORE DELETE ON cancellations
        BEGIN SELECT RAISE(ABORT, '作废记录不能修改或删除'); END;
    CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves
        BEGIN SELECT RAISE(ABORT, '出入库记录只能追加，不能修改或删除'); END;
    CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves
        BEGIN SELECT RAISE(ABORT, '出入库记录只能追加，不能修改或删除'); END;
    "#,
    ]),
    Migration {
        // 12: evidence of every table that had none (the village, settings,
        // the whole roster, batches, objections and rulings, imports,
        // photos' details), as they stand.
        sql: &[],
        then: Some(crate::evidence::cover_tables),
    },
    Migration {
        // 13: each redemption's receipt as it was made, so a reprint is the
        // same paper for ever (the household's head and group, the
        // letterhead, the balance after it); `cancelled` marks receipts of
        // redemptions already cancelled when this was first kept.
        sql: &[r#"
    CREATE TABLE receipts (
        redemption       INTEGER PRIMARY KEY REFERENCES redemptions(id),
        village          TEXT NOT NULL,
        issuer           TEXT NOT NULL,
        rulebook         TEXT NOT NULL,
        head             TEXT NOT NULL,
        grp              TEXT NOT NULL,
        balance_after_c  INTEGER NOT NULL,
        cancelled        INTEGER NOT NULL CHECK (cancelled IN (0, 1))
    );
    CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts
        BEGIN SELECT RAISE(ABORT, '兑换凭证开出后不能修改或删除'); END;
    CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
        BEGIN SELECT RAISE(ABORT, '兑换凭证开出后不能修改或删除'); END;
    "#],
        then: Some(crate::shop::freeze_earlier_receipts),
    },
    Migration {
        // 14: an objection received after the notice period is recorded
        // only as accepted late (逾期受理), and says so wherever it shows.
        sql: &["ALTER TABLE objections ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1))"],
        then: Some(crate::objections::cover_the_new_column),
    },
    sql(&[
        // 15: the day a quarter was keyed in from paper after its notice's
        // day (补录), which its notice prints; NULL for every other.
        "ALTER TABLE published ADD COLUMN backfilled_on TEXT",
    ]),
    sql(&[
        // 16: the sums index with slot and kind before the item: a year's
        // per-household sums by slot and kind (every ranking) stream in
        // index order, with no CASE per row; the item sums (the cap
        // checks) read a household's few rows of the year.
        "DROP INDEX entries_sums",
        "CREATE INDEX entries_sums ON entries(year, household, quarter, kind, item_code, cents)",
        // The few entries that may correct an earlier quarter
        // (reversals, the year's adjustment, deeds dated before the quarter
        // they post in), which every ranking looks for: found in this
        // index rather than by reading the year's entries.
        "CREATE INDEX entries_corrections ON entries(year, seq)
         WHERE reverses IS NOT NULL OR quarter = 5 OR date < printf('%04d-%02d-01', year, quarter * 3 - 2)",
    ]),
];

/// Widens the entries' `quarter` check from 1–4 to 1–5. SQLite cannot
/// alter a CHECK constraint; a change that leaves every stored row valid
/// may edit the table's SQL in place (SQLite's "ALTER TABLE", section
/// "making other kinds of table schema changes"), then bump the schema
/// version so every connection reads it anew.
fn allow_the_adjustment_slot(conn: &Connection) -> Result<()> {
    const OLD: &str = "quarter      INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4)";
    const NEW: &str = "quarter      INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 5)";
    let version: i64 = conn.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    conn.pragma_update(None, "writable_schema", true)?;
    let changed = conn.execute(
        "UPDATE sqlite_master SET sql = replace(sql, ?1, ?2) WHERE type = 'table' AND name = 'entries'",
        [OLD, NEW],
    )?;
    conn.pragma_update(None, "schema_version", version + 1)?;
    conn.pragma_update(None, "writable_schema", false)?;
    if changed != 1 {
        return Err(crate::Error::Damaged("台账表的定义与预期不符".into()));
    }
    Ok(())
}

/// The schema version this program writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The triggers a book of this version has, as (name, SQL), from a fresh
/// schema in memory: `verify` compares a book's with them, so a guard
/// removed or replaced by a no-op of the same name shows.
pub fn expected_triggers() -> Result<Vec<(String, String)>> {
    let mut conn = Connection::open_in_memory()?;
    migrate(&mut conn, 0)?;
    triggers(&conn)
}

/// A book's triggers, as (name, SQL), by name.
pub fn triggers(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Runs the migrations a book lacks, each in its own transaction.
pub fn migrate(conn: &mut Connection, from: i64) -> Result<()> {
    for (i, step) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction()?;
        for sql in step.sql {
            tx.execute_batch(sql)?;
        }
        if let Some(then) = step.then {
            then(&tx)?;
        }
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
