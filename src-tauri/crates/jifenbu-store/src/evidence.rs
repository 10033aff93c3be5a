//! The book's evidence (存证): a hash-chained row for each event that a
//! deleted or edited row could otherwise hide. Every write records the
//! ledger's end (its length and last hash), so cutting entries off the tail
//! shows; each rulebook version and each publication is recorded with a
//! digest of its stored row, so editing one, or deleting a publication to
//! unfreeze its quarter, shows; and every roster change with a digest of
//! what a notice prints of the roster (户号, 户主, 村民小组). `verify`
//! recomputes it all. It keeps the `evidence` table, and alone reads every
//! other table, to digest it.
//!
//! Someone who rewrites the whole file by the public algorithm can forge
//! this too; what they cannot forge is the code on the notice on the board
//! and the digest in the town's file, which bind the ledger's end (see
//! `verify --against`).

use jifenbu_core::entry::ChainHash;
use jifenbu_core::Quarter;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::Result;

/// What an evidence row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Subject {
    /// The ledger's end after a write.
    Ledger,
    /// A rulebook version, by id.
    Rulebook(i64),
    /// A published quarter's seal.
    Publication(Quarter),
    /// The roster's codes, heads and groups: evidence of books written
    /// before whole tables were covered ([`Subject::Table`] now covers it).
    Roster,
    /// Every row and column of one of [`TABLES`], by name.
    Table(&'static str),
    /// A closed year's seal.
    Closing(i32),
    /// 积分评议: the people, registrations, photos, meetings and decisions.
    Review,
    /// 积分超市: goods, stock movements, redemptions and cancellations.
    Shop,
}

impl Subject {
    fn key(self) -> (&'static str, String) {
        match self {
            Subject::Ledger => ("ledger", String::new()),
            Subject::Rulebook(id) => ("rulebook", id.to_string()),
            Subject::Publication(q) => ("publication", q.to_string()),
            Subject::Roster => ("roster", String::new()),
            Subject::Closing(year) => ("closing", year.to_string()),
            Subject::Review => ("review", String::new()),
            Subject::Shop => ("shop", String::new()),
            Subject::Table(name) => ("table", name.to_string()),
        }
    }

    fn parse(what: &str, subject: &str) -> Option<Subject> {
        match what {
            "ledger" => Some(Subject::Ledger),
            "rulebook" => subject.parse().ok().map(Subject::Rulebook),
            "publication" => subject.parse().ok().map(Subject::Publication),
            "roster" => Some(Subject::Roster),
            "closing" => subject.parse().ok().map(Subject::Closing),
            "review" => Some(Subject::Review),
            "shop" => Some(Subject::Shop),
            "table" => TABLES.iter().find(|t| t.name == subject).map(|t| Subject::Table(t.name)),
            _ => None,
        }
    }
}

/// One evidence row as stored.
#[derive(Debug, Clone)]
pub(crate) struct Evidence {
    pub id: i64,
    /// None when the row names nothing this program writes.
    pub subject: Option<Subject>,
    what: String,
    subject_text: String,
    /// The ledger's length and last hash when the row was written.
    pub entries: i64,
    pub head: ChainHash,
    /// SHA-256 of the subject's stored row (zero for the ledger).
    pub digest: [u8; 32],
    pub hash: [u8; 32],
}

impl Evidence {
    /// The row's link in the evidence chain, after `prev`.
    pub fn chain_hash(&self, prev: &[u8; 32]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(prev);
        h.update(
            format!("\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", self.id, self.what, self.subject_text, self.entries, self.head)
                .as_bytes(),
        );
        h.update(self.digest);
        h.finalize().into()
    }
}

/// The last evidence row's id and hash, if there is one.
pub(crate) fn last_mark(conn: &Connection) -> Result<Option<(i64, [u8; 32])>> {
    Ok(conn
        .prepare_cached("SELECT id, hash FROM evidence ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// When the book was last written, as the latest write's mark says (books
/// written before marks carried the time have none).
pub(crate) fn last_written(conn: &Connection) -> Result<Option<chrono::DateTime<chrono::FixedOffset>>> {
    let mark: Option<String> = conn
        .prepare_cached("SELECT subject FROM evidence WHERE what = 'ledger' ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(mark.and_then(|m| chrono::DateTime::parse_from_rfc3339(m.split(' ').next()?).ok()))
}

/// The hash of evidence row `id`, if there is one.
pub(crate) fn mark_at(conn: &Connection, id: i64) -> Result<Option<[u8; 32]>> {
    Ok(conn.prepare_cached("SELECT hash FROM evidence WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?)
}

/// Appends evidence of `subject` as it is stored now.
pub(crate) fn record(conn: &Connection, subject: Subject) -> Result<()> {
    let (prev_id, prev_hash) = last_mark(conn)?.unwrap_or((0, [0; 32]));
    let (entries, head) = crate::ledger::end(conn)?;
    let (what, mut subject_text) = subject.key();
    if subject == Subject::Ledger {
        // The write's own mark: when it was made, and a number no other
        // write, in this copy of the book or another, ends the chain with.
        subject_text = format!("{} {}", crate::clock::now(), uuid::Uuid::new_v4());
    }
    let mut row = Evidence {
        id: prev_id + 1,
        subject: Some(subject),
        what: what.into(),
        subject_text,
        entries,
        head,
        digest: digest_of(conn, subject)?.unwrap_or([0; 32]),
        hash: [0; 32],
    };
    row.hash = row.chain_hash(&prev_hash);
    conn.execute(
        "INSERT INTO evidence (id, what, subject, entries, head, digest, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![row.id, row.what, row.subject_text, row.entries, row.head.0, row.digest, row.hash],
    )?;
    Ok(())
}

/// SHA-256 of the subject's row as stored; None when it is gone.
pub(crate) fn digest_of(conn: &Connection, subject: Subject) -> Result<Option<[u8; 32]>> {
    let fields: Option<Vec<String>> = match subject {
        Subject::Ledger => return Ok(Some([0; 32])),
        Subject::Review => Some(table_fields(conn, &REVIEW_TABLES)?),
        Subject::Shop => Some(table_fields(conn, &SHOP_TABLES)?),
        Subject::Table(name) => match TABLES.iter().find(|t| t.name == name) {
            Some(table) => Some(table_fields(conn, &[table.read])?),
            None => None,
        },
        Subject::Roster => {
            let mut stmt = conn.prepare_cached("SELECT code, head, grp FROM households ORDER BY code")?;
            let mut rows = stmt.query([])?;
            let mut fields = Vec::new();
            while let Some(r) = rows.next()? {
                fields.extend([r.get::<_, String>(0)?, r.get(1)?, r.get(2)?]);
            }
            Some(fields)
        }
        Subject::Rulebook(id) => conn
            .query_row(
                "SELECT version, name, effective_from, source, file_name, imported_at FROM rulebooks WHERE id = ?1",
                [id],
                |r| (0..6).map(|i| r.get::<_, String>(i)).collect(),
            )
            .optional()?,
        Subject::Closing(year) => conn
            .query_row(
                "SELECT closed_on, closed_at, digest, rulebook_id, last_seq, lower(hex(chain_head)), operator,
                        issuer, objections_to
                 FROM closed_years WHERE year = ?1",
                [year],
                |r| {
                    Ok(vec![
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?.to_string(),
                        r.get::<_, i64>(4)?.to_string(),
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(8)?,
                    ])
                },
            )
            .optional()?,
        Subject::Publication(q) => conn
            .query_row(
                "SELECT published_at, digest, rulebook_id, last_seq, lower(hex(chain_head)), issuer, objections_to,
                    meetings, backfilled_on
                 FROM published WHERE year = ?1 AND quarter = ?2",
                (q.year, q.q),
                |r| {
                    let mut fields = vec![
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?.to_string(),
                        r.get::<_, i64>(3)?.to_string(),
                        r.get::<_, String>(4)?,
                    ];
                    // Captured settings (migration 9) count where they were captured.
                    fields.extend(r.get::<_, Option<String>>(5)?);
                    fields.extend(r.get::<_, Option<String>>(6)?);
                    fields.extend(r.get::<_, Option<String>>(7)?);
                    // Backfilled (migration 15): only where it was.
                    fields.extend(r.get::<_, Option<String>>(8)?.map(|d| format!("补录 {d}")));
                    Ok(fields)
                },
            )
            .optional()?,
    };
    Ok(fields.map(|fields| {
        let mut h = Sha256::new();
        for f in fields {
            h.update(f.as_bytes());
            h.update(b"\x1f");
        }
        h.finalize().into()
    }))
}

/// Every stored field of the review's tables, in a fixed order; a photo
/// counts by its key, which `verify` checks against its bytes.
const REVIEW_TABLES: [&str; 6] = [
    "SELECT id, name, role, grp, phone, operator, recorded_at FROM people ORDER BY id",
    "SELECT person, operator, recorded_at FROM retirements ORDER BY person",
    "SELECT id, household, item_code, date, qty, cents, note, registered_by, source, operator, recorded_at
     FROM registrations ORDER BY id",
    "SELECT registration, hex(photo) FROM registration_photos ORDER BY registration, photo",
    "SELECT id, date, members, panel, quorum, operator, recorded_at FROM meetings ORDER BY id",
    "SELECT registration, meeting, approved, cents, reason, hex(entry) FROM decisions ORDER BY registration",
];

/// Every stored field of the shop's tables, in a fixed order.
const SHOP_TABLES: [&str; 5] = [
    "SELECT code, name, unit, cents, operator, recorded_at FROM goods ORDER BY code",
    "SELECT id, household, date, operator, recorded_at FROM redemptions ORDER BY id",
    "SELECT redemption, goods, qty, cents FROM redemption_lines ORDER BY redemption, goods",
    "SELECT redemption, date, reason, operator, recorded_at FROM cancellations ORDER BY redemption",
    "SELECT id, goods, qty, kind, source, date, redemption, operator, recorded_at FROM stock_moves ORDER BY id",
];

/// A table that counts as a whole: what it is to a clerk, and the query that
/// reads every row and column of it in a fixed order.
pub(crate) struct Table {
    pub name: &'static str,
    pub chinese: &'static str,
    read: &'static str,
}

/// The tables neither the hash chain, nor a subject of their own, nor
/// recomputation covers. `SELECT *` takes a column added later in too.
pub(crate) const TABLES: [Table; 11] = [
    Table { name: "village", chinese: "村名和村代码", read: "SELECT * FROM village ORDER BY id" },
    Table { name: "settings", chinese: "积分簿设置", read: "SELECT * FROM settings ORDER BY key" },
    Table { name: "households", chinese: "村民名册", read: "SELECT * FROM households ORDER BY code" },
    Table {
        name: "batches", chinese: "录入记录（录入人、时间、来源）", read: "SELECT * FROM batches ORDER BY id"
    },
    Table { name: "objections", chinese: "异议登记", read: "SELECT * FROM objections ORDER BY id" },
    Table { name: "rulings", chinese: "异议处理结果", read: "SELECT * FROM rulings ORDER BY objection" },
    Table {
        name: "ruling_entries",
        chinese: "异议处理所记的积分",
        read: "SELECT * FROM ruling_entries ORDER BY objection, entry",
    },
    Table { name: "imports", chinese: "台账文件导入记录", read: "SELECT * FROM imports ORDER BY sha256" },
    Table {
        name: "registration_imports",
        chinese: "登记文件导入记录",
        read: "SELECT * FROM registration_imports ORDER BY sha256",
    },
    // A photo's bytes are checked against their hash (`verify`), not read
    // here on every write.
    Table {
        name: "photos",
        chinese: "评议照片的信息",
        read: "SELECT hash, taken_at, width, height FROM photos ORDER BY hash",
    },
    Table { name: "receipts", chinese: "兑换凭证", read: "SELECT * FROM receipts ORDER BY redemption" },
];

/// The subject a change to `table` changes, if a table-wide one.
fn subject_of(table: &str) -> Option<Subject> {
    const REVIEW: [&str; 6] =
        ["people", "retirements", "registrations", "registration_photos", "meetings", "decisions"];
    const SHOP: [&str; 5] = ["goods", "redemptions", "redemption_lines", "cancellations", "stock_moves"];
    if REVIEW.contains(&table) {
        return Some(Subject::Review);
    }
    if SHOP.contains(&table) {
        return Some(Subject::Shop);
    }
    TABLES.iter().find(|t| t.name == table).map(|t| Subject::Table(t.name))
}

/// Has this connection note every table a write changes, in `temp.changed`
/// (temporary: nothing of it is in the book's file), so that the write's
/// evidence covers them all without each writer naming them.
pub(crate) fn watch(conn: &Connection) -> Result<()> {
    let mut sql = String::from("CREATE TEMP TABLE IF NOT EXISTS changed (name TEXT PRIMARY KEY);");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables.iter().filter(|t| subject_of(t).is_some()) {
        for event in ["INSERT", "UPDATE", "DELETE"] {
            sql.push_str(&format!(
                // Not INSERT OR IGNORE: an outer statement's conflict
                // clause (an upsert's) would override it.
                "CREATE TEMP TRIGGER IF NOT EXISTS changed_{table}_{event} AFTER {event} ON main.{table}
                 BEGIN INSERT INTO temp.changed SELECT '{table}'
                       WHERE NOT EXISTS (SELECT 1 FROM temp.changed WHERE name = '{table}'); END;"
            ));
        }
    }
    Ok(conn.execute_batch(&sql)?)
}

/// Records evidence of every subject the current write changed (see
/// [`watch`]).
pub(crate) fn record_changed(conn: &Connection) -> Result<()> {
    let changed: Vec<String> = conn
        .prepare("SELECT name FROM temp.changed ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut subjects: Vec<Subject> = Vec::new();
    for subject in changed.iter().filter_map(|t| subject_of(t)) {
        if !subjects.contains(&subject) {
            subjects.push(subject);
        }
    }
    for subject in subjects {
        record(conn, subject)?;
    }
    conn.execute("DELETE FROM temp.changed", [])?;
    Ok(())
}

/// Evidence of every table-wide subject as it stands (migration 12), of
/// the tables the book has by then (a later migration covers its own).
pub(crate) fn cover_tables(conn: &Connection) -> Result<()> {
    for table in &TABLES {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [table.name],
            |r| r.get(0),
        )?;
        if exists {
            record(conn, Subject::Table(table.name))?;
        }
    }
    Ok(())
}

/// Every field of the rows `tables` select, each table closed by a mark.
fn table_fields(conn: &Connection, tables: &[&str]) -> Result<Vec<String>> {
    let mut fields = Vec::new();
    for sql in tables {
        let mut stmt = conn.prepare_cached(sql)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            for i in 0..columns {
                fields.push(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => "\u{0}".to_string(),
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    other => format!("{other:?}"),
                });
            }
        }
        fields.push("\u{1e}".to_string());
    }
    Ok(fields)
}

/// Every evidence row, oldest first.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare("SELECT id, what, subject, entries, head, digest, hash FROM evidence ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        let (what, subject_text): (String, String) = (r.get(1)?, r.get(2)?);
        Ok(Evidence {
            id: r.get(0)?,
            subject: Subject::parse(&what, &subject_text),
            what,
            subject_text,
            entries: r.get(3)?,
            head: ChainHash(r.get(4)?),
            digest: r.get(5)?,
            hash: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The highest evidence id ever given out (SQLite's AUTOINCREMENT keeps
/// it), so deleting the last rows shows too.
pub(crate) fn highest_id(conn: &Connection) -> Result<i64> {
    Ok(conn
        .query_row("SELECT seq FROM sqlite_sequence WHERE name = 'evidence'", [], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// Evidence for a book that had none (migration 6): its rulebooks,
/// publications and roster as they stand, and the ledger's end.
pub(crate) fn baseline(conn: &Connection) -> Result<()> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM rulebooks ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        record(conn, Subject::Rulebook(id))?;
    }
    for q in crate::publications::published_in_order(conn)? {
        record(conn, Subject::Publication(q))?;
    }
    record(conn, Subject::Roster)?;
    record(conn, Subject::Ledger)
}
