//! The faults a village PC really meets: a full disk, a write-protected
//! stick, a damaged book, another program holding the book. Each gets its
//! own Chinese message, with no English from below, and the book is left
//! as it was. The disks are real: small tmpfs mounts (the tests run as
//! root, as CI does; elsewhere they say they are skipped).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

/// A small tmpfs mounted for one test, unmounted when dropped.
struct Disk {
    dir: tempfile::TempDir,
}

impl Disk {
    fn mount(size: &str) -> Option<Disk> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("跳过：不能挂载 tmpfs（需要以 root 运行）");
            return None;
        }
        Some(Disk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn read_only(&self) {
        let ok = Command::new("mount").args(["-o", "remount,ro"]).arg(self.path()).status().unwrap();
        assert!(ok.success());
    }

    /// Fills what is left of the disk.
    fn fill(&self) {
        let _ = std::fs::write(self.path().join("填满.bin"), vec![0_u8; 64 << 20]);
    }
}

impl Drop for Disk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn no_english(message: &str, files: &[&Path]) {
    let names: Vec<String> = files.iter().flat_map(|f| [f.display().to_string(), as_shown(f)]).collect();
    let allowed: Vec<&str> = names.iter().map(String::as_str).collect();
    let words = english_in(message, &allowed);
    assert!(words.is_empty(), "English reaches the clerk: {words:?} in\n{message}");
}

fn add_entry(book: &Path) -> Vec<String> {
    ["entry", "add", book.to_str().unwrap(), "--household", "01001", "--item", "A08", "--date", "2025-11-03"]
        .map(str::to_string)
        .to_vec()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Issue 17, gap 2: a book on a write-protected stick opens read-only:
/// every reading command works, a write says the place is read-only.
#[test]
fn a_book_on_a_read_only_stick_can_be_read_but_not_written() {
    let work = tempfile::tempdir().unwrap();
    let demo = demo_book(work.path());
    let Some(stick) = Disk::mount("8M") else { return };
    let book = stick.path().join("青溪村.jfb");
    std::fs::copy(&demo, &book).unwrap();
    stick.read_only();
    let before = std::fs::read(&book).unwrap();

    ok(&["verify", s(&book)]);
    ok(&["ranking", s(&book), "--quarter", "2025Q1"]);
    let pdf = work.path().join("公示.pdf");
    ok(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&pdf)]);
    ok(&["backup", s(&book), s(work.path())]);

    let e = refused(&args(&add_entry(&book)));
    assert!(e.contains("积分簿所在位置只读，不能写入"), "{e}");
    no_english(&e, &[&book]);
    let e = refused(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&stick.path().join("x.pdf"))]);
    // Windows says a write-protected stick is write-protected; Wine reports
    // a read-only mount as access denied, which is all it can say there.
    let said = if wine_prefix().is_some() { "没有权限" } else { "所在位置只读" };
    assert!(e.contains(said), "{e}");
    no_english(&e, &[&stick.path().join("x.pdf")]);
    assert!(std::fs::read(&book).unwrap() == before);
}

/// Issue 17, gap 1: with no room left, a healthy book is still read, and a
/// write says the disk is full and how much room to make.
#[test]
fn a_full_disk_says_so_and_changes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let demo = demo_book(work.path());
    let Some(disk) = Disk::mount("4M") else { return };
    let book = disk.path().join("青溪村.jfb");
    std::fs::copy(&demo, &book).unwrap();
    disk.fill();
    let before = std::fs::read(&book).unwrap();

    ok(&["verify", s(&book)]);
    ok(&["ranking", s(&book), "--quarter", "2025Q1"]);
    let e = refused(&args(&add_entry(&book)));
    // One rule (README.md): the book's size, rounded up to MB, plus 10 MB.
    let need = std::fs::metadata(&book).unwrap().len().div_ceil(1 << 20) + 10;
    assert!(need >= 11 && e.contains(&format!("请清理出至少 {need} MB 空间后重试；积分簿未改动")), "{e}");
    no_english(&e, &[&book]);
    let file = work.path().join("补录.csv");
    std::fs::write(&file, "户号,项目,日期\n01001,A08,2025-11-03\n").unwrap();
    let e = refused(&["entries", "import", s(&book), s(&file)]);
    assert!(e.contains("磁盘已满"), "{e}");
    let pdf = disk.path().join("公示.pdf");
    let e = refused(&["notice", s(&book), "--quarter", "2025Q1", "-o", s(&pdf)]);
    assert!(e.contains("磁盘已满"), "{e}");
    no_english(&e, &[&pdf]);
    assert!(std::fs::read(&book).unwrap() == before);

    // Room made, the same entry goes in.
    std::fs::remove_file(disk.path().join("填满.bin")).unwrap();
    ok(&args(&add_entry(&book)));
    ok(&["verify", s(&book)]);
}

/// Issue 17, gap 3: a book cut short or damaged mid-file is called
/// damaged, not foreign, and points to its latest backup, with its date.
#[test]
fn a_damaged_book_points_to_its_latest_backup() {
    let work = tempfile::tempdir().unwrap();
    let book = demo_book(work.path());
    let backups = work.path().join("备份");
    std::fs::create_dir(&backups).unwrap();
    let made = ok(&["backup", s(&book), s(&backups)]);
    let backup = std::fs::read_dir(&backups).unwrap().next().unwrap().unwrap().path();
    assert!(made.contains(s(backup.file_name().unwrap().as_ref())), "{made}");

    let bytes = std::fs::read(&book).unwrap();
    std::fs::write(&book, &bytes[..bytes.len() / 2]).unwrap();
    for command in [vec!["verify", s(&book)], vec!["ranking", s(&book), "--quarter", "2025Q4"], args(&add_entry(&book))]
    {
        let e = refused(&command);
        assert!(e.contains("积分簿文件") && e.contains("已损坏"), "{command:?}: {e}");
        assert!(e.contains(&format!("请从最近的备份恢复：{}", as_shown(&backup))), "{command:?}: {e}");
        assert!(!e.contains("不是积分簿文件"), "{e}");
        no_english(&e, &[&book, &backup]);
    }

    // Noise over a page in the middle of the ledger (a page in use: noise
    // on a free page harms nothing): the same, never SQLite's words.
    let mut noisy = bytes.clone();
    let page = 8192;
    let at = ledger_page(&backup);
    for (i, b) in noisy[at + 100..at + page].iter_mut().enumerate() {
        *b = (i * 7 + 3) as u8;
    }
    std::fs::write(&book, &noisy).unwrap();
    let e = refused(&["verify", s(&book)]);
    assert!(e.contains("已损坏") && e.contains(&as_shown(&backup)), "{e}");
    no_english(&e, &[&book, &backup]);
}

/// Issue 27, gap 5: a backup that fails at its destination names the
/// destination: its free space when full, and missing permission when it
/// may not be written; never the book's own disk.
#[test]
fn a_failed_backup_names_its_destination() {
    let work = tempfile::tempdir().unwrap();
    let book = demo_book(work.path());
    let Some(stick) = Disk::mount("4M") else { return };
    stick.fill();
    let e = refused(&["backup", s(&book), s(stick.path())]);
    let folder = stick.path().display().to_string();
    assert!(e.contains(&format!("{folder} 所在的磁盘只剩")) && e.contains("备份需要至少 11 MB"), "{e}");
    assert!(!e.contains(&format!("{} 所在的磁盘", book.display())), "{e}");
    no_english(&e, &[stick.path()]);
    assert_eq!(std::fs::read_dir(stick.path()).unwrap().count(), 1, "nothing half-made is left beside the filler");

    let Some(locked) = Disk::mount("64M") else { return };
    locked.read_only();
    let e = refused(&["backup", s(&book), s(locked.path())]);
    assert!(e.contains(&format!("没有在 {} 中写文件的权限", locked.path().display())), "{e}");
    no_english(&e, &[locked.path()]);
    ok(&["verify", s(&book)]);
}

/// Issue 27, gap 8: a book whose path holds a line break and tabs cannot
/// write a forged line into the backup record, so another book's damage
/// never points to a backup that is not its own; a line that does not read
/// is ignored, and said so.
#[test]
fn a_path_cannot_forge_a_line_of_the_backup_record() {
    if wine_prefix().is_some() {
        return; // Windows allows no line break in a file name.
    }
    let work = tempfile::tempdir().unwrap();
    let victim = demo_book(work.path());
    // The forger's book sits where its path, cut at the line break, reads
    // as a record line: a date, the victim's path, the forger's backup.
    let absolute = victim.canonicalize().unwrap();
    let forger = work.path().join("x\n2099-01-01 00:00\t").join(absolute.strip_prefix("/").unwrap());
    std::fs::create_dir_all(forger.parent().unwrap()).unwrap();
    std::fs::copy(&victim, &forger).unwrap();
    let backups = work.path().join("备份");
    std::fs::create_dir(&backups).unwrap();
    ok(&["backup", s(&forger), s(&backups)]);

    let bytes = std::fs::read(&victim).unwrap();
    std::fs::write(&victim, &bytes[..bytes.len() / 2]).unwrap();
    let e = refused(&["verify", s(&victim)]);
    assert!(e.contains("本机没有它的备份记录") && !e.contains("2099"), "{e}");

    let record = test_data_home().join("jifenbu/备份记录.tsv");
    let mut text = std::fs::read_to_string(&record).unwrap();
    text.push_str("这一行被手改过\n");
    std::fs::write(&record, text).unwrap();
    let e = refused(&["verify", s(&victim)]);
    assert!(e.contains("备份记录中有 1 行无法识别，已忽略"), "{e}");
}

/// Issue 17, gap 7: a book held by another program makes a command wait,
/// saying so, rather than fail at once.
#[test]
fn a_busy_book_is_waited_for() {
    let work = tempfile::tempdir().unwrap();
    let book = demo_book(work.path());
    let holder = rusqlite::Connection::open(&book).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let start = Instant::now();
    let running = cli(&args(&add_entry(&book)))
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    holder.execute_batch("COMMIT").unwrap();
    let out = running.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("积分簿正被另一个程序使用，等待中"), "{stderr}");
    assert!(start.elapsed() >= Duration::from_millis(1500));
    drop(holder);
    ok(&["verify", s(&book)]);
}

/// Issue 17: a backup killed midway leaves a `.partial` file; the next
/// backup into that folder removes it.
#[test]
fn a_backup_cleans_up_what_a_killed_one_left() {
    let work = tempfile::tempdir().unwrap();
    let book = demo_book(work.path());
    let backups = work.path().join("备份");
    std::fs::create_dir(&backups).unwrap();
    let left = backups.join("demo-备份-20261130-170500.partial");
    std::fs::write(&left, b"half a book").unwrap();
    ok(&["backup", s(&book), s(&backups)]);
    assert!(!left.exists());
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), 1);
}

/// Runs the command line, its output to files, and returns what it said on
/// stderr, whether it succeeded, and its peak memory in MB (the kernel's
/// own count for that one process).
fn with_peak(args: &[&str], dir: &Path) -> (bool, String, u64) {
    use std::os::unix::process::ExitStatusExt;
    let err = dir.join("stderr.txt");
    #[allow(clippy::zombie_processes)] // waited for by wait4, for its rusage
    let child =
        cli(args).stdout(std::process::Stdio::null()).stderr(std::fs::File::create(&err).unwrap()).spawn().unwrap();
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // SAFETY: waits for our own child, which nothing else waits for.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    let ok = std::process::ExitStatus::from_raw(status).success();
    (ok, std::fs::read_to_string(err).unwrap(), usage.ru_maxrss as u64 / 1024)
}

/// Writes `rows` lines made by `line` under `header` to `path`.
fn big_file(path: &Path, header: &str, rows: usize, line: impl Fn(usize) -> String) {
    use std::io::Write;
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(w, "{header}").unwrap();
    for i in 0..rows {
        writeln!(w, "{}", line(i)).unwrap();
    }
}

/// Issue 17, gap 4: files are read as streams, so peak memory does not
/// grow with the file. A roster five times larger (refused past 100,000
/// households) and a rollup of four times the villages take no more memory
/// than the smaller ones, give or take a few MB. Before, every file was
/// read whole and a rollup held every household: a 200 MB roster took
/// 2.19 GB and a 200 MB rollup 1.49 GB.
#[test]
fn memory_does_not_grow_with_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path());
    let roster = |rows: usize| {
        let path = dir.path().join(format!("名册{rows}.csv"));
        big_file(&path, "户号,户主,村民小组,地址", rows, |i| {
            format!("{i:07},户主{i},一组,青溪村{i}号院子东边第三间房子")
        });
        let (ok, said, mb) = with_peak(&["households", "import", s(&book), s(&path)], dir.path());
        assert!(!ok && said.contains("超过 100000 户"), "{said}");
        (mb, std::fs::metadata(&path).unwrap().len() >> 20)
    };
    let (small, large) = (roster(200_000), roster(1_000_000));
    assert!(large.1 >= 4 * small.1, "{small:?} {large:?}");
    eprintln!("roster: {small:?} then {large:?} (MB of memory, MB of file)");
    assert!(large.0 <= small.0 + 8, "roster: {small:?} then {large:?} (MB of memory, MB of file)");

    let rollup = |villages: usize| {
        let head =
            "村代码,村名,年度,季度,户号,户主,村民小组,本季加分,本季扣分,本季得分,年度累计,名次,星级,一票否决,发布摘要";
        let files: Vec<String> = (0..villages)
            .map(|v| {
                let path = dir.path().join(format!("村{v}.csv"));
                big_file(&path, head, 1500, |h| {
                    let add = (h % 7) as i64;
                    format!(
                        "{v:09},第{v}村,2025,3,{h:05},户主{h},一组,{add},0.5,{}.5,{},{},0,,",
                        add - 1,
                        100 + add,
                        h + 1
                    )
                });
                path.display().to_string()
            })
            .collect();
        let out = dir.path().join("town.csv");
        let mut args = vec!["rollup", "-o", s(&out)];
        args.extend(files.iter().map(String::as_str));
        let (ok, said, mb) = with_peak(&args, dir.path());
        assert!(ok, "{said}");
        mb
    };
    let (small, large) = (rollup(40), rollup(160));
    eprintln!("rollup: {small} MB for 40 villages, {large} MB for 160");
    assert!(large <= small + 8, "rollup: {small} MB for 40 villages, {large} MB for 160");
}

/// Issue 27, gap 7: a huge cell is never echoed whole: every quoted value
/// in a message is cut to a few dozen characters, whichever check names it.
#[test]
fn a_huge_cell_is_never_echoed_whole() {
    let work = tempfile::tempdir().unwrap();
    let good = root().join("fixtures/town/330109001-青溪村-2025Q1.csv");
    let text = std::fs::read_to_string(&good).unwrap();
    // One line stays under the 256 KB a table's line may have.
    let huge = |n: usize| "9".repeat(n);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // The second household's line: another village, year, quarter and veto.
    let cells: Vec<&str> = lines[2].split(',').collect();
    let mut changed: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
    changed[0] = huge(200_000);
    for i in [1, 2, 3, 13] {
        changed[i] = huge(10_000);
    }
    lines[2] = changed.join(",");
    let bad = work.path().join("330109001-青溪村-2025Q1.csv");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let out = work.path().join("汇总.csv");
    let e = refused(&["rollup", "-o", s(&out), s(&bad)]);
    assert!(e.contains("第 3 行") && e.contains("…"), "{}", &e[..e.len().min(2000)]);
    assert!(e.len() < 4_000, "{} bytes on stderr", e.len());
}
