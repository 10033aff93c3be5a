//! A province's database: the villages' exports, combined by `jifenbu
//! rollup --households`, load into DuckDB with scripts/load_duckdb.py, and
//! the database's `rollup` view gives the same totals as `jifenbu rollup`.

mod common;

use std::process::Command;

use common::*;

#[test]
fn exports_load_into_duckdb_with_the_same_totals() {
    let dir = tempfile::tempdir().unwrap();
    let town = root().join("fixtures/town");
    let (rollup, all) = (dir.path().join("rollup.csv"), dir.path().join("all.csv"));
    let mut args = vec!["rollup", "-o", s(&rollup), "--households", s(&all)];
    let files: Vec<String> = std::fs::read_dir(&town)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv" || e == "xlsx"))
        .map(|p| s(&p).to_string())
        .collect();
    args.extend(files.iter().map(String::as_str));
    ok(&args);

    let db = dir.path().join("province.duckdb");
    let script = root().join("scripts/load_duckdb.py");
    let load = |file: &std::path::Path| Command::new("python3").arg(&script).arg(&db).arg(file).output().unwrap();
    let out = load(&all);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("4 个村"));
    // The same quarter of a village twice is refused, and nothing is added.
    let again = load(&all);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("已经载入过"));

    let query = "import duckdb, sys
for row in duckdb.connect(sys.argv[1]).execute('SELECT * FROM rollup').fetchall():
    print(','.join(str(v) for v in row))";
    let out = Command::new("python3").args(["-c", query]).arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let numbers = |line: &str| -> Vec<String> {
        line.split(',')
            .map(|cell| match cell.parse::<f64>() {
                Ok(n) => format!("{n}"),
                Err(_) => cell.to_string(),
            })
            .collect()
    };
    let theirs: Vec<Vec<String>> = String::from_utf8(out.stdout).unwrap().lines().map(numbers).collect();
    let ours: Vec<Vec<String>> =
        std::fs::read_to_string(&rollup).unwrap().trim_start_matches('\u{feff}').lines().skip(1).map(numbers).collect();
    assert_eq!(theirs.len(), 4);
    assert_eq!(theirs, ours);
}
