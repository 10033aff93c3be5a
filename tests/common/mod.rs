//! Helpers shared by the integration tests: the real `jifenbu` binary, the
//! demo village built from fixtures/, and a digest of a book's contents.

#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

pub mod paper;

/// The command line under test: the one cargo built, or the program
/// `JIFENBU_BIN` names (`make wine-test` runs the Windows build under Wine
/// through tests/wine/jifenbu).
pub fn bin() -> &'static str {
    static BIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BIN.get_or_init(|| std::env::var("JIFENBU_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_jifenbu").into()))
}

/// `path` as the program under test names it once made absolute: itself,
/// or under Wine its Windows name on drive Z: (`Z:\tmp\…`).
pub fn as_shown(path: &Path) -> String {
    match wine_prefix() {
        Some(_) => format!("Z:{}", path.display()).replace('/', "\\"),
        None => path.display().to_string(),
    }
}

/// The Wine prefix when the tests drive the Windows build: its `drive_c`
/// is the Windows program's C: drive.
pub fn wine_prefix() -> Option<PathBuf> {
    std::env::var_os("WINEPREFIX").filter(|_| std::env::var_os("JIFENBU_BIN").is_some()).map(PathBuf::from)
}

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..").canonicalize().unwrap()
}

pub fn jifenbu(args: &[&str]) -> Output {
    cli(args).output().expect("run jifenbu")
}

/// The command line with `args`, as the tests run it, not yet started.
pub fn cli(args: &[&str]) -> Command {
    let mut command = Command::new(bin());
    command
        .args(args)
        .env("JIFENBU_OPERATOR", "测试")
        // The backup record (备份记录) is the tests' own, not the user's.
        .env("XDG_DATA_HOME", test_data_home());
    command
}

/// The user data folder the binary sees in tests, one per test process.
pub fn test_data_home() -> PathBuf {
    std::env::temp_dir().join(format!("jifenbu-test-data-{}", std::process::id()))
}

/// The ASCII words in a message meant for a clerk, apart from the file
/// names in `allowed` and the few abbreviations a clerk knows: none may
/// remain (no English from below reaches a clerk).
pub fn english_in(message: &str, allowed: &[&str]) -> Vec<String> {
    const KNOWN: &[&str] = &["MB", "CSV", "Excel", "PDF", "TOML", "UTF", "U"];
    let mut text = message.to_string();
    for a in allowed {
        text = text.replace(a, " ");
    }
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !KNOWN.contains(w))
        .map(str::to_string)
        .collect()
}

/// Runs jifenbu and asserts success; returns stdout.
pub fn ok(args: &[&str]) -> String {
    let out = jifenbu(args);
    assert!(out.status.success(), "jifenbu {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Runs jifenbu and asserts exit 1; returns stderr.
pub fn refused(args: &[&str]) -> String {
    let out = jifenbu(args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "jifenbu {args:?} should be refused; stderr:\n{stderr}");
    stderr
}

/// A fresh copy of the demo village book in `dir`, built once per test run.
pub fn demo_book(dir: &Path) -> PathBuf {
    fixture_book("demo", dir)
}

/// A fresh copy of the names village (fixtures/names: the names real
/// villages have, a veto every quarter, the year closed) in `dir`.
pub fn names_book(dir: &Path) -> PathBuf {
    fixture_book("names", dir)
}

/// A copy in `dir` of the book that `fixtures/<name>/build.sh` builds, built
/// once per test run.
fn fixture_book(name: &'static str, dir: &Path) -> PathBuf {
    static BUILT: Mutex<Vec<(&str, PathBuf)>> = Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    let at = match built.iter().position(|(n, _)| *n == name) {
        Some(at) => at,
        None => {
            let dir = std::env::temp_dir().join(format!("jifenbu-{name}-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let book = dir.join(format!("{name}.jfb"));
            let script = root().join(format!("fixtures/{name}/build.sh"));
            let status = Command::new("bash").arg(script).arg(bin()).arg(&book).status().unwrap();
            assert!(status.success(), "building the {name} village failed");
            built.push((name, book));
            built.len() - 1
        }
    };
    let copy = dir.join(format!("{name}.jfb"));
    std::fs::copy(&built[at].1, &copy).unwrap();
    copy
}

/// The byte offset of the ledger's root page in `book` (8 KiB pages): a
/// page in use, where noise is damage (noise on an empty or free page
/// harms nothing).
pub fn ledger_page(book: &Path) -> usize {
    let root: i64 = rusqlite::Connection::open(book)
        .unwrap()
        .query_row("SELECT rootpage FROM sqlite_master WHERE name = 'entries'", [], |r| r.get(0))
        .unwrap();
    (root as usize - 1) * 8192
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// SHA-256 over every row of every table (schema included): equal digests
/// mean the book's contents are equal.
pub fn book_digest(book: &Path) -> String {
    let conn = rusqlite::Connection::open(book).unwrap();
    let mut h = Sha256::new();
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (name, sql) in tables {
        h.update(sql.as_bytes());
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\" ORDER BY rowid")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..n {
                h.update(format!("{:?}\u{1f}", row.get_ref(i).unwrap()).as_bytes());
            }
        }
    }
    hex::encode(h.finalize())
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// The text of a PDF, as poppler's pdftotext reads it.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// A village of 400 households and a file of `n` uncapped entries across
/// 2025 (item A01) to import into it: (book, file).
pub fn stress_village(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    let book = dir.join(format!("压力村-{n}.jfb"));
    let b = s(&book);
    ok(&["init", b, "--village", "压力村", "--code", "9"]);
    ok(&["rules", "import", b, s(&root().join("rules/qingxi-2025.toml"))]);
    let mut roster = String::from("户号,户主,村民小组\n");
    let mut csv = String::from("户号,项目,日期,备注\n");
    for h in 0..400 {
        roster.push_str(&format!("{h:04},户主{h},{}组\n", h % 8 + 1));
    }
    for i in 0..n {
        let day = chrono_free_date(i % 365);
        csv.push_str(&format!("{:04},A01,{day},第{i}条\n", i % 400));
    }
    ok(&["households", "import", b, s(&write(dir, "h.csv", &roster))]);
    (book, write(dir, &format!("e-{n}.csv"), &csv))
}

/// 2025-01-01 plus `days`, without a date library.
fn chrono_free_date(days: usize) -> String {
    const MONTHS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (mut m, mut d) = (0, days);
    while d >= MONTHS[m] {
        d -= MONTHS[m];
        m += 1;
    }
    format!("2025-{:02}-{:02}", m + 1, d + 1)
}
