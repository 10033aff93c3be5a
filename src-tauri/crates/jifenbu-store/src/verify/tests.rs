use super::*;
use crate::ledger::entry_by_id;

/// The worst case of issue 16: an entry rewritten and every hash,
/// seal and evidence row forged again by the public algorithm. Nothing
/// inside the book can show it; the town's file and the posted code do.
#[test]
fn a_book_forged_throughout_fails_against_the_towns_file_and_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let book = crate::demo::build(&dir.path().join("demo.jfb")).unwrap();
    let q1: Quarter = "2025Q1".parse().unwrap();
    let mut export = Vec::new();
    book.quarter_export(q1).unwrap().write(&mut export).unwrap();
    let export =
        VillageExport::read(jifenbu_core::import::Text::from_bytes("镇里收到的.csv", &export).unwrap()).unwrap();
    let digest = book.publication(q1).unwrap().unwrap().digest;
    let code = jifenbu_core::notice::read_posted_codes(
        "公示栏.txt",
        &format!("2025Q1 {}", verification_code(&digest).unwrap()),
    )
    .unwrap()
    .remove(0);
    let witnesses = [Witness::Export(export), Witness::Code(code)];
    assert!(book.verify_against(&witnesses).unwrap().ok());

    forge_note_of_entry(&book.conn, 5, "改过的备注");
    assert!(book.verify().unwrap().ok(), "a forgery by the public algorithm passes inside the book");
    let report = book.verify_against(&witnesses).unwrap();
    let failed: Vec<&str> = report.checks.iter().filter(|c| !c.ok()).map(|c| c.name.as_str()).collect();
    assert_eq!(failed, ["与镇里的文件核对 2025Q1（镇里收到的.csv）", "与公示栏核对 2025Q1（公示栏.txt 第 1 行）"]);
}

fn forge_note_of_entry(conn: &rusqlite::Connection, seq: i64, note: &str) {
    conn.execute_batch(
        "DROP TRIGGER entries_no_update; DROP TRIGGER published_no_update; DROP TRIGGER evidence_no_delete;",
    )
    .unwrap();
    let ids: Vec<String> = conn
        .prepare("SELECT lower(hex(id)) FROM entries ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut prev = ChainHash::GENESIS;
    for id in ids {
        let id = uuid::Uuid::parse_str(&id).unwrap().to_string();
        let mut e = entry_by_id(conn, &id).unwrap().unwrap();
        if e.seq == seq {
            e.note = note.into();
            conn.execute("UPDATE entries SET note = ?1 WHERE seq = ?2", (note, seq)).unwrap();
        }
        prev = e.chain_hash(&prev);
        conn.execute("UPDATE entries SET hash = ?1 WHERE seq = ?2", (prev.0, e.seq)).unwrap();
    }
    for p in crate::publications::published_in_order(conn).unwrap() {
        let (last_seq,): (i64,) = conn
            .query_row("SELECT last_seq FROM published WHERE year = ?1 AND quarter = ?2", (p.year, p.q), |r| {
                Ok((r.get(0)?,))
            })
            .unwrap();
        let head = crate::ledger::hash_at(conn, last_seq).unwrap().unwrap();
        let frozen = frozen_ranking(conn, p).unwrap().unwrap();
        let digest = frozen.digest(Some((last_seq, &head)));
        conn.execute(
            "UPDATE published SET chain_head = ?1, digest = ?2 WHERE year = ?3 AND quarter = ?4",
            rusqlite::params![head.0, digest, p.year, p.q],
        )
        .unwrap();
    }
    conn.execute_batch("DELETE FROM evidence; DELETE FROM sqlite_sequence WHERE name = 'evidence';").unwrap();
    evidence::baseline(conn).unwrap();
    evidence::cover_tables(conn).unwrap();
    evidence::record(conn, evidence::Subject::Review).unwrap();
    // Put the guards back as they were, so nothing but the witnesses can tell.
    for (name, sql) in schema::expected_triggers().unwrap() {
        conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}; {sql};")).unwrap();
    }
}
