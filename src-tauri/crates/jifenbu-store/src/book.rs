//! Opening and creating village books, and the village's own details.

use std::path::{Path, PathBuf};

use std::io::{ErrorKind, Read};
use std::sync::OnceLock;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::evidence::{self, Subject};
use crate::schema;

/// An open village book. Its API, by what it concerns (each `impl Book`
/// block lives in the module named; `tests/architecture.rs` checks that this
/// list and the code agree):
///
/// - **The book itself** — `book.rs`: [`create`](Book::create), [`open`](Book::open),
///   [`is_read_only`](Book::is_read_only), [`path`](Book::path)
///
/// - **The ledger: entries and reversals** — `posting.rs`: [`add_entry`](Book::add_entry),
///   [`reverse_entry`](Book::reverse_entry), [`reverse_batch`](Book::reverse_batch),
///   [`add_entries`](Book::add_entries), [`entries_keyed_on`](Book::entries_keyed_on),
///   [`cap_left`](Book::cap_left), [`entries_for_year`](Book::entries_for_year)
///   `entry_import.rs`: [`import_entries`](Book::import_entries)
///
/// - **The roster** — `households.rs`: [`import_households`](Book::import_households),
///   [`save_household`](Book::save_household), [`households`](Book::households)
///
/// - **Rulebooks and settings** — `rulebooks.rs`: [`import_rulebook`](Book::import_rulebook),
///   [`rulebook_on`](Book::rulebook_on)
///   `settings.rs`: [`village`](Book::village), [`settings`](Book::settings),
///   [`update_settings`](Book::update_settings)
///
/// - **Rankings, publishing and the year** — `ranking.rs`: [`ranking`](Book::ranking),
///   [`latest_posting`](Book::latest_posting), [`year_ranking`](Book::year_ranking),
///   [`live_ranking`](Book::live_ranking), [`quarter_export`](Book::quarter_export)
///   `publish.rs`: [`publish`](Book::publish), [`publication`](Book::publication),
///   [`publications`](Book::publications)
///   `closing.rs`: [`close_year`](Book::close_year), [`closed_year`](Book::closed_year)
///
/// - **Objections and rulings** — `objections.rs`: [`record_objection`](Book::record_objection),
///   [`uphold_objection`](Book::uphold_objection), [`reject_objection`](Book::reject_objection),
///   [`objections`](Book::objections)
///
/// - **积分评议: people, registrations, meetings** — `review.rs`: [`add_person`](Book::add_person),
///   [`people`](Book::people), [`retire_person`](Book::retire_person),
///   [`register`](Book::register), [`import_registrations`](Book::import_registrations),
///   [`registrations`](Book::registrations), [`pending_count`](Book::pending_count),
///   [`route`](Book::route), [`registrations_of`](Book::registrations_of),
///   [`review`](Book::review), [`meeting`](Book::meeting), [`meetings`](Book::meetings),
///   [`photo`](Book::photo), [`review_sheet`](Book::review_sheet), [`minutes`](Book::minutes),
///   [`listed`](Book::listed)
///
/// - **积分超市** — `shop.rs`: [`add_goods`](Book::add_goods), [`goods`](Book::goods),
///   [`receive_stock`](Book::receive_stock), [`redeem`](Book::redeem), [`quote`](Book::quote),
///   [`cancel_redemption`](Book::cancel_redemption), [`redemption`](Book::redemption),
///   [`redemptions_on`](Book::redemptions_on), [`redemptions_of`](Book::redemptions_of),
///   [`shop_balance`](Book::shop_balance), [`shop_balance_row`](Book::shop_balance_row),
///   [`shop_balances`](Book::shop_balances), [`receipt`](Book::receipt),
///   [`month_report`](Book::month_report)
///
/// - **Printouts** — `printing.rs`: [`notice`](Book::notice),
///   [`annual_notice`](Book::annual_notice), [`statement`](Book::statement)
///
/// - **Verify, backup and restore** — `verify.rs`: [`verify`](Book::verify),
///   [`verify_against`](Book::verify_against)
///   `backup.rs`: [`backup_to`](Book::backup_to), [`since_backup`](Book::since_backup),
///   [`restore_from`](Book::restore_from)
pub struct Book {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// Whether SQLite's quick check has passed in this session: the first
    /// write waits for it, so nothing is written into a damaged book.
    checked: bool,
    /// Set when the book was opened read-only, because its place cannot be
    /// written (a locked stick, a read-only file or folder) or its disk is
    /// full: every reading command works, writes are refused saying why.
    read_only: Option<ReadOnly>,
}

impl Book {
    /// Creates a new, empty book. The file appears only once it is complete,
    /// so a crash during creation leaves nothing behind at `path`.
    pub fn create(path: &Path, name: &str, code: &str) -> Result<Book> {
        Book::create_at(path, name, code).map_err(|e| e.in_book(path))
    }

    fn create_at(path: &Path, name: &str, code: &str) -> Result<Book> {
        let (name, code) = (name.trim(), code.trim());
        if path.exists() {
            return Err(Error::Exists(path.to_path_buf()));
        }
        if name.is_empty() || code.is_empty() {
            return Err(Error::NoVillage);
        }
        jifenbu_core::parse::text(jifenbu_core::Field::Village, name)?;
        jifenbu_core::parse::text(jifenbu_core::Field::Code, code)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.is_dir()) {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "所在文件夹不存在");
            return Err(Error::Io { path: parent.to_path_buf(), source });
        }
        let tmp = path.with_extension("creating");
        let _ = std::fs::remove_file(&tmp);
        {
            let mut conn = connect(&tmp, OpenFlags::default())?;
            conn.pragma_update(None, "page_size", 8192)?;
            conn.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
            schema::migrate(&mut conn, 0)?;
            crate::settings::found_village(&conn, name, code)?;
            evidence::record(&conn, Subject::Table("village"))?;
        }
        std::fs::rename(&tmp, path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        Book::open(path)
    }

    /// Opens an existing book, refusing any file that is not one, untouched.
    /// A book in a place that cannot be written is opened read-only.
    pub fn open(path: &Path) -> Result<Book> {
        Book::open_at(path).map_err(|e| e.in_book(path))
    }

    fn open_at(path: &Path) -> Result<Book> {
        if !path.is_file() {
            return Err(Error::NotFound(path.to_path_buf()));
        }
        // A file whose header says it is a book but cannot be read as one
        // is a damaged book (cut short, say), not a foreign file.
        let claims_to_be_a_book = header_claims_a_book(path);
        let not_a_book = || match claims_to_be_a_book {
            true => Error::Damaged("文件不完整或已损坏".into()),
            false => Error::NotABook(path.to_path_buf()),
        };
        if let Some(found) = stray_journal(path) {
            let kept = set_aside(&found);
            return Err(Error::StrayJournal { found, kept });
        }
        check_length(path)?;
        let mut read_only = read_only_place(path).then_some(ReadOnly::Place);
        let mut conn = match read_only {
            Some(_) => open_read_only(path),
            None => connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX),
        }
        .map_err(|_| not_a_book())?;
        conn.busy_handler(Some(wait_for_other))?;
        let mut app_id = conn.pragma_query_value(None, "application_id", |r| r.get::<_, i64>(0)).map_err(Error::from);
        if let (None, Err(Error::Storage(_))) = (&read_only, &app_id) {
            // SQLite could not make its journal beside the book (a full disk,
            // say): the book can still be read, and a write says why not.
            read_only = Some(if disk_is_full(path) { ReadOnly::DiskFull } else { ReadOnly::Place });
            conn = open_read_only(path).map_err(|_| not_a_book())?;
            app_id = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(Error::from);
        }
        let app_id = app_id.map_err(|e| match e {
            Error::Busy => Error::Busy,
            _ => not_a_book(),
        })?;
        if app_id != schema::APPLICATION_ID {
            return Err(not_a_book());
        }
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > schema::VERSION {
            return Err(Error::TooNew { path: path.to_path_buf(), found: version, supported: schema::VERSION });
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        if read_only.is_some() {
            if version < schema::VERSION {
                return Err(Error::OldReadOnly(path.to_path_buf()));
            }
            return Ok(Book { conn, path: path.to_path_buf(), checked: false, read_only });
        }
        // WAL keeps readers (the app) and a writer apart; FULL sync makes a
        // confirmed entry survive a power cut, not only a crash.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let mut book = Book { conn, path: path.to_path_buf(), checked: false, read_only: None };
        if version < schema::VERSION {
            schema::migrate(&mut book.conn, version)?;
        }
        evidence::watch(&book.conn)?;
        Ok(book)
    }

    /// Runs `f` as one write: all of it or, on any error, none. The
    /// session's first write checks the book first. Every write leaves
    /// evidence of the ledger's end as it left it (evidence.rs).
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.write_at(f).map_err(|e| e.in_book(&self.path))
    }

    fn write_at<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        match self.read_only {
            Some(ReadOnly::Place) => return Err(Error::ReadOnly(self.path.clone())),
            Some(ReadOnly::DiskFull) => return Err(Error::Storage(crate::Storage::Full)),
            None => {}
        }
        if !self.checked {
            let verdict: String = self.conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
            if verdict != "ok" {
                return Err(Error::Damaged("数据库页面检查未通过，为免损坏扩大，已拒绝写入".into()));
            }
            self.checked = true;
        }
        // IMMEDIATE takes the write lock first, waiting for it while holding
        // none, so two writers never deadlock on an upgrade.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        clock_not_behind(&tx)?;
        let out = f(&tx)?;
        evidence::record_changed(&tx)?;
        // Every write ends the evidence chain with a row of its own, so a
        // WAL written on top of another state of the book shows (see
        // `stray_journal`).
        evidence::record(&tx, Subject::Ledger)?;
        tx.commit()?;
        Ok(out)
    }

    /// Whether the book was opened read-only (see [`Book::open`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// How far a computer's clock may lag the book's last write, as two
/// computers' clocks differ a little, before it is taken as wrong.
const CLOCK_SLACK_MINUTES: i64 = 10;

/// Refuses to write when this computer's clock reads earlier than the
/// book's last write: a flat CMOS battery resets a village PC to a past
/// year, and every date and time it recorded would be wrong.
fn clock_not_behind(conn: &Connection) -> Result<()> {
    let Some(last) = evidence::last_written(conn)? else { return Ok(()) };
    let now = chrono::Local::now().fixed_offset();
    if now + chrono::Duration::minutes(CLOCK_SLACK_MINUTES) < last {
        let shown = |t: chrono::DateTime<chrono::FixedOffset>| t.format("%Y-%m-%d %H:%M").to_string();
        return Err(Error::ClockBehind { now: shown(now), last: shown(last.with_timezone(now.offset())) });
    }
    Ok(())
}

/// Why a book was opened read-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadOnly {
    Place,
    DiskFull,
}

/// Whether the disk the book is on has no room left: a small unnamed
/// temporary file cannot be written there.
fn disk_is_full(path: &Path) -> bool {
    use std::io::Write;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let probe = tempfile::tempfile_in(folder).and_then(|mut f| f.write_all(&[0; 64 << 10]).and_then(|()| f.sync_all()));
    probe.is_err_and(|e| e.kind() == ErrorKind::StorageFull)
}

/// How long a command waits for another program to let go of the book.
const WAIT_FOR_OTHER_MS: i32 = 10_000;

static ON_WAITING: OnceLock<fn()> = OnceLock::new();

/// Sets what a front end shows when a command starts waiting for another
/// program to let go of the book (the command line prints a line).
pub fn on_waiting(notice: fn()) {
    let _ = ON_WAITING.set(notice);
}

/// SQLite's busy handler: says once that it waits, then waits up to
/// [`WAIT_FOR_OTHER_MS`] in steps of 100 ms.
fn wait_for_other(tries: i32) -> bool {
    if tries == 0 {
        if let Some(notice) = ON_WAITING.get() {
            notice();
        }
    }
    if tries * 100 >= WAIT_FOR_OTHER_MS {
        return false;
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    true
}

/// Whether the file's SQLite header carries the book's application id.
fn header_claims_a_book(path: &Path) -> bool {
    let mut header = [0_u8; 100];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    read.is_ok()
        && header.starts_with(b"SQLite format 3\0")
        && i64::from(u32::from_be_bytes([header[68], header[69], header[70], header[71]])) == schema::APPLICATION_ID
}

/// Whether the book, or the folder it is in (where SQLite keeps its
/// journal), cannot be written. Nothing is changed by asking: the folder
/// is tried with an unnamed temporary file.
fn read_only_place(path: &Path) -> bool {
    let refused = |e: &std::io::Error| matches!(e.kind(), ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem);
    match std::fs::OpenOptions::new().append(true).open(path) {
        Err(e) => refused(&e),
        Ok(_) => {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            tempfile::tempfile_in(folder).is_err_and(|e| refused(&e))
        }
    }
}

/// A read-only connection. Without a `-wal` beside it the file is taken as
/// immutable (SQLite then needs no `-shm` either); with one, the WAL is read.
pub(crate) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let has_wal = wal_of(path).metadata().is_ok_and(|m| m.len() > 0);
    let uri = format!("{}?{}", file_uri(path), if has_wal { "mode=ro" } else { "immutable=1" });
    connect(uri, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX)
}

/// Opens the SQLite file `path` names (a path, or a `file:` URI with
/// `SQLITE_OPEN_URI`). On Windows through SQLite's long-path VFS, which
/// hands the system a path in its `\\?\` form: Windows refuses a path
/// past 260 characters in the short one, and a book deep in folders must
/// still open.
pub(crate) fn connect(path: impl AsRef<Path>, flags: OpenFlags) -> rusqlite::Result<Connection> {
    #[cfg(windows)]
    return Connection::open_with_flags_and_vfs(path, flags, "win32-longpath");
    #[cfg(not(windows))]
    Connection::open_with_flags(path, flags)
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut file = path.as_os_str().to_owned();
    file.push(suffix);
    PathBuf::from(file)
}

fn wal_of(path: &Path) -> PathBuf {
    sidecar(path, "-wal")
}

/// A journal beside the book that this state of the book did not write, if
/// there is one; SQLite would apply it silently, replacing newer work.
/// - A `-wal` continues the book as the main file holds it: every write
///   appends a row to the evidence chain (and may extend the ledger), so the
///   main file's last evidence row and ledger end must still be there,
///   unchanged, once the WAL is read. A copy's WAL, written on top of an
///   older state, replaces them.
/// - A book in WAL mode never writes a rollback `-journal`: one beside it
///   came from elsewhere.
///
/// Every read is read-only: nothing is merged while this is decided.
fn stray_journal(path: &Path) -> Option<PathBuf> {
    let journal = sidecar(path, "-journal");
    if journal.metadata().is_ok_and(|m| m.len() > 0) && header(path).is_some_and(|h| h.wal_mode) {
        return Some(journal);
    }
    let wal = wal_of(path);
    if wal.metadata().map_or(true, |m| m.len() == 0) {
        return None;
    }
    let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = file_uri(path);
    // The main file alone (immutable: SQLite ignores the WAL), then with it.
    // A book that cannot be read either way is left to the usual checks.
    let main = connect(format!("{uri}?immutable=1"), read_only).ok()?;
    let (length, head) = crate::ledger::end(&main).ok()?;
    let mark = evidence::last_mark(&main).ok()?;
    let merged = connect(uri, read_only).ok()?;
    let ledger_kept = matches!(crate::ledger::hash_at(&merged, length), Ok(Some(h)) if h == head);
    let evidence_kept = match mark {
        Some((id, hash)) => matches!(evidence::mark_at(&merged, id), Ok(Some(h)) if h == hash),
        None => true,
    };
    (!(ledger_kept && evidence_kept)).then_some(wal)
}

/// Renames a stray journal so that SQLite never finds it, keeping it for a
/// technician under a name that says what it is. None if it cannot be moved.
fn set_aside(found: &Path) -> Option<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let kept = sidecar(found, &format!(".未合并-{stamp}"));
    std::fs::rename(found, &kept).ok().map(|()| kept)
}

/// What a book file's SQLite header says of it.
struct Header {
    page_size: u64,
    /// The pages the file holds, when the header's count is valid.
    pages: Option<u64>,
    wal_mode: bool,
}

fn header(path: &Path) -> Option<Header> {
    let mut h = [0_u8; 100];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut h)).ok()?;
    if !h.starts_with(b"SQLite format 3\0") {
        return None;
    }
    let word = |at: usize| u32::from_be_bytes([h[at], h[at + 1], h[at + 2], h[at + 3]]);
    let page_size = match u16::from_be_bytes([h[16], h[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    // SQLite trusts the page count only where the change counter matches
    // the number it was written with.
    let pages = (word(24) == word(92) && word(28) > 0).then(|| u64::from(word(28)));
    Some(Header { page_size, pages, wal_mode: h[18] == 2 && h[19] == 2 })
}

/// Refuses a book shorter than its own header says: SQLite would pad it
/// back to whole pages on the next write, making the damage permanent. An
/// empty file, or one cut inside its header, is damaged too. With a WAL
/// beside it the main file may lag its header (a checkpoint cut short), so
/// the WAL is left to complete it.
fn check_length(path: &Path) -> Result<()> {
    let length = std::fs::metadata(path).map_or(0, |m| m.len());
    if length == 0 {
        return Err(Error::Damaged("文件是空的，0 字节".into()));
    }
    let mut start = [0_u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| f.read(&mut start)).unwrap_or(0);
    if length < 100 && read > 0 && b"SQLite format 3\0".starts_with(&start[..read.min(16)]) {
        return Err(Error::Damaged(format!("文件只有 {length} 字节，连文件头都不完整")));
    }
    if wal_of(path).metadata().is_ok_and(|m| m.len() > 0) {
        return Ok(());
    }
    let Some(Header { page_size, pages: Some(pages), .. }) = header(path) else { return Ok(()) };
    let expected = page_size * pages;
    if length < expected {
        let short = expected - length;
        return Err(Error::Damaged(format!("文件应有 {expected} 字节，现在只有 {length} 字节，短了 {short} 字节")));
    }
    Ok(())
}

/// `path` as an SQLite URI, every byte but the plainest percent-encoded.
fn file_uri(path: &Path) -> String {
    use percent_encoding::{percent_encode, NON_ALPHANUMERIC};
    const PLAIN: &percent_encoding::AsciiSet =
        &NON_ALPHANUMERIC.remove(b'/').remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    format!("file:{}", percent_encode(absolute.as_os_str().as_encoded_bytes(), PLAIN))
}
