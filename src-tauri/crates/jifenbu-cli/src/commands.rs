//! One function per command: read what the command needs, call the store,
//! print the result. No scoring happens here.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jifenbu_core::csv_out::CsvStyle;
use jifenbu_core::import::Text;
use jifenbu_core::{EntryDraft, Quarter, Refusal, Reversal, Rollup, VillageExport};
use jifenbu_print::Paper;
use jifenbu_store::{Book, Duplicates, Witness};

use crate::args::{AddArgs, Cli, Command, EntryAction, RulesAction, TableAction, YearAction};
use crate::{objections, printouts, review, shop, table};

/// The CLI's one error type; its messages are the ones the clerk reads.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] jifenbu_store::Error),
    #[error(transparent)]
    Input(#[from] jifenbu_core::Error),
    #[error("找不到文件 {}", .0.display())]
    Missing(PathBuf),
    #[error("读取文件 {} 失败：{}", .path.display(), jifenbu_store::explain_io(.source))]
    Read { path: PathBuf, source: std::io::Error },
    #[error("规则文件 {} 不是 UTF-8 编码的文本，请用记事本等另存为 UTF-8", .0.display())]
    NotUtf8(PathBuf),
    #[error("写入 {} 失败：{}", .path.display(), jifenbu_store::explain_io(.source))]
    WriteFile { path: PathBuf, source: std::io::Error },
    #[error("生成 Excel 文件失败：{0}")]
    Xlsx(rust_xlsxwriter::XlsxError),
    #[error("输出失败：{}", jifenbu_store::explain_io(.0))]
    Write(#[from] std::io::Error),
    #[error(transparent)]
    Print(#[from] jifenbu_print::Error),
    #[error("核验未通过：\n{}", .0.join("\n"))]
    VerifyFailed(Vec<String>),
    #[error("没有文件符合 {}", .0.display())]
    NoMatch(PathBuf),
    #[error("找不到“文档”文件夹，请写明备份到哪个文件夹")]
    NoDocuments,
    #[error("无法建立备份文件夹 {}：{}", .path.display(), jifenbu_store::explain_io(.source))]
    Folder { path: PathBuf, source: std::io::Error },
}

impl CliError {
    /// How to go on from the command line, after a refusal whose message
    /// (the core's, shared with the window) says only what to do.
    pub fn hint(&self) -> Option<&'static str> {
        let refusal = match self {
            CliError::Store(jifenbu_store::Error::Core(jifenbu_core::Error::Refused(r)))
            | CliError::Input(jifenbu_core::Error::Refused(r)) => r,
            _ => return None,
        };
        Some(match refusal {
            Refusal::LikelyDuplicates { .. } => "如确认要导入，请加上 --allow-duplicates 再运行一次",
            Refusal::NeedsReview(_) => "命令行用 jifenbu register 登记",
            Refusal::UnknownPerson(_) => "命令行用 jifenbu people add 登记人员",
            Refusal::NoPanel => "命令行用 jifenbu people add --role 评议 添加评议小组成员",
            _ => return None,
        })
    }
}

pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    jifenbu_store::on_waiting(|| eprintln!("积分簿正被另一个程序使用，等待中…（最多 10 秒）"));
    let book = cli.command.book().map(Path::to_path_buf);
    run_command(cli).map_err(|e| match (e, book) {
        (CliError::Store(e), Some(book)) => CliError::Store(e.in_book(&book)),
        (e, _) => e,
    })
}

fn run_command(cli: Cli) -> Result<ExitCode, CliError> {
    let operator = operator(cli.operator);
    match cli.command {
        Command::Init { book, village, code } => {
            let b = Book::create(&book, &village, &code)?;
            let v = b.village()?;
            println!("已创建 {}（{}，村代码 {}）", book.display(), v.name, v.code);
        }
        Command::Demo { book } => {
            jifenbu_store::demo::build(&book)?;
            println!("已生成示范村积分簿 {}", book.display());
        }
        Command::Rules { action: RulesAction::Import { book, file } } => {
            if let Ok(meta) = std::fs::metadata(&file) {
                jifenbu_core::Rulebook::check_size(&display(&file), meta.len())?;
            }
            let bytes = read(&file)?;
            let source = String::from_utf8(bytes).map_err(|_| CliError::NotUtf8(file.clone()))?;
            let stored = Book::open(&book)?.import_rulebook(&display(&file), source.trim_start_matches('\u{feff}'))?;
            let r = &stored.rulebook;
            println!(
                "已导入规则「{}」版本 {}，自 {} 起施行：{} 条通则，{} 个项目",
                r.name,
                r.version,
                r.effective_from,
                r.articles.len(),
                r.items.len()
            );
        }
        Command::Households { action: TableAction::Import { book, file, sheet, .. } } => {
            let text = read_table(&file, sheet.as_deref())?;
            let mut b = Book::open(&book)?;
            let changes = b.import_households(text)?;
            println!("已导入花名册：{}", changes.describe());
            for warning in jifenbu_print::unprintable_names(&b.households()?) {
                eprintln!("注意：{warning}");
            }
        }
        Command::Entries { action: TableAction::Import { book, file, sheet, allow_duplicates } } => {
            let text = read_table(&file, sheet.as_deref())?;
            let duplicates = if allow_duplicates { Duplicates::Allow } else { Duplicates::Refuse };
            let s = Book::open(&book)?.import_entries(text, &operator, duplicates)?;
            println!("已导入积分记录 {} 条，跳过已有记录 {} 条", s.added, s.skipped);
        }
        Command::Entry { action: EntryAction::Add(a) } => add(a, &operator)?,
        Command::Entry { action: EntryAction::Reverse { book, entry_id, reason, date } } => {
            let date = date.unwrap_or_else(today);
            let r = Reversal { entry: entry_id, reason, date };
            let e = Book::open(&book)?.reverse_entry(&r, &operator)?;
            println!("{}", e.id);
            eprintln!("已冲销，冲销记录计入 {}", e.posting);
        }
        Command::Ranking { book, quarter, csv } => ranking(&book, quarter, csv)?,
        Command::Year { action: YearAction::Ranking { book, year, csv } } => year_ranking(&book, year, csv)?,
        Command::Year { action: YearAction::Cards { book, year, output, min_stars, kind } } => {
            printouts::cards(&book, year, &output, min_stars, kind)?
        }
        Command::Year { action: YearAction::Notice { book, year, output, paper, large } } => {
            printouts::annual_notice(&book, year, &output, paper, large)?
        }
        Command::Year { action: YearAction::Close { book, year, date } } => {
            let c = Book::open(&book)?.close_year(year, date.unwrap_or_else(today), &operator)?;
            let code = jifenbu_core::notice::verification_code(&c.digest).unwrap_or_default();
            println!("已结算 {} 年度：{} 户，校验码 {code}", c.year, c.households);
        }
        Command::Publish { book, quarter, date, backfill } => {
            let p = Book::open(&book)?.publish(quarter, date.unwrap_or_else(today), backfill)?;
            let backfilled = p.backfilled_on.map(|d| format!("（{d} 补录）")).unwrap_or_default();
            println!("已发布 {}{backfilled}：{} 户，摘要 {}", p.quarter, p.households, p.digest);
        }
        Command::Notice(a) => printouts::notice(a)?,
        Command::Statement { book, household, year, output, date, paper, large } => {
            printouts::statement(&book, &household, year, &output, date, paper, large)?
        }
        Command::Objection { action } => objections::objection(action, &operator)?,
        Command::People { action } => review::people(action, &operator)?,
        Command::Register(a) => review::register(a, &operator)?,
        Command::Registrations { action } => review::registrations(action, &operator)?,
        Command::Review { book, date, members, approve, reject } => {
            review::review(&book, date, &members, approve, reject, &operator)?
        }
        Command::ReviewSheet { book, output, date } => review::sheet(&book, &output, date)?,
        Command::Minutes { book, meeting, output } => review::minutes(&book, meeting, &output)?,
        Command::Shop { action } => shop::shop(action, &operator)?,
        Command::Settings { book, issuer, objections_to } => {
            // With nothing to change this just shows the settings.
            let s = Book::open(&book)?.update_settings(issuer.as_deref(), objections_to.as_deref())?;
            println!("发布单位：{}\n异议受理：{}", s.issuer, s.objections_to);
        }
        Command::Export { book, quarter, output } => {
            let export = Book::open(&book)?.quarter_export(quarter)?;
            write_atomically(&output, |w| export.write(w))?;
            let state = if export.seal.is_some() { "已发布" } else { "未发布，摘要列为空" };
            println!("已导出 {quarter}（{state}）{} 户到 {}", export.ranking.rows.len(), output.display());
        }
        Command::Rollup { output, xlsx, households, pdf, town, issuer, villages } => {
            let villages = files_named(&villages, &["csv", "xlsx"])?;
            // Each file is read straight into its village's line; only
            // `--households` reads them again, one at a time, to copy lines.
            let open = |f: &PathBuf| read_table(f, None);
            let rollup = Rollup::combine(jifenbu_core::rollup::read_villages(&villages, open)?)?;
            // Everything is checked and built before the first file is written.
            let workbook = xlsx.as_ref().map(|_| rollup.to_xlsx()).transpose().map_err(CliError::Xlsx)?;
            let head = jifenbu_print::TownHead { town: town.trim().into(), issuer: issuer.trim().into() };
            let report =
                pdf.as_ref().map(|_| jifenbu_print::town_report(&rollup, &head, today(), Paper::A4)).transpose()?;
            write_atomically(&output, |w| rollup.write_csv(w))?;
            for (path, bytes) in [(&xlsx, &workbook), (&pdf, &report)] {
                if let (Some(path), Some(bytes)) = (path, bytes) {
                    write_atomically(path, |w| w.write_all(bytes))?;
                }
            }
            if let Some(path) = &households {
                // Villages in code order, as in the rollup.
                let given: std::collections::HashMap<String, &PathBuf> =
                    villages.iter().map(|v| (display(v), v)).collect();
                let again = rollup.rows.iter().map(|r| {
                    let path = given[&r.file];
                    let text = read_table(path, None).map_err(|e| std::io::Error::other(e.to_string()))?;
                    VillageExport::read(text).map_err(|e| std::io::Error::other(e.to_string()))
                });
                write_atomically(path, |w| jifenbu_core::rollup::write_households(w, again))?;
            }
            println!("已汇总 {} 个村 {} 的数据到 {}", rollup.rows.len(), rollup.quarter, output.display());
        }
        Command::Verify { book, against } => verify(&book, &against)?,
        Command::Backup { book, dest } => {
            let dest = match dest {
                Some(dest) => dest,
                None => default_backups()?,
            };
            let path = Book::open(&book)?.backup_to(&dest)?;
            println!("已备份到 {}（已核验）", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The folder the app backs up to too, made if need be.
fn default_backups() -> Result<PathBuf, CliError> {
    let folder = jifenbu_store::default_backup_folder().ok_or(CliError::NoDocuments)?;
    std::fs::create_dir_all(&folder).map_err(|source| CliError::Folder { path: folder.clone(), source })?;
    Ok(folder)
}

fn add(a: AddArgs, operator: &str) -> Result<(), CliError> {
    let e = Book::open(&a.book)?.add_entry(&draft(&a), operator)?;
    println!("{}", e.id);
    Ok(())
}

/// The entry an `entry add` or a `register` asks for.
pub(crate) fn draft(a: &AddArgs) -> EntryDraft {
    EntryDraft {
        household: a.household.trim().to_string(),
        item: a.item.trim().to_string(),
        date: a.date,
        qty: a.qty,
        points: a.points,
        note: a.note.clone(),
        id: None,
    }
}

fn year_ranking(book: &Path, year: i32, csv: bool) -> Result<(), CliError> {
    let b = Book::open(book)?;
    let ranking = b.year_ranking(year)?;
    let stdout = std::io::stdout();
    if csv {
        ranking.write_csv(stdout.lock(), CsvStyle::STDOUT)?;
        return Ok(());
    }
    let mut out = stdout.lock();
    writeln!(out, "{} {year}年度 积分排名（年度积分 = 基础分 + 四个季度 + 年终调整）", b.village()?.name)?;
    let columns = jifenbu_core::year::COLUMNS;
    let rows = ranking.rows.iter().map(|r| jifenbu_core::csv_out::cells(columns, r));
    table::write(&mut out, &jifenbu_core::csv_out::headings(columns), rows)?;
    Ok(())
}

fn ranking(book: &Path, quarter: Quarter, csv: bool) -> Result<(), CliError> {
    let b = Book::open(book)?;
    let ranking = b.ranking(quarter)?;
    let stdout = std::io::stdout();
    if csv {
        ranking.write_csv(stdout.lock(), CsvStyle::STDOUT)?;
        return Ok(());
    }
    let village = b.village()?;
    let status = match b.publication(quarter)? {
        Some(p) => format!("已发布 {}，摘要 {}", &p.published_at[..10], &p.digest[..12]),
        None => "草稿，尚未发布".to_string(),
    };
    let mut out = stdout.lock();
    writeln!(out, "{} {} 积分排名（{}）", village.name, quarter.chinese(), status)?;
    let columns = jifenbu_core::ranking::COLUMNS;
    let rows = ranking.rows.iter().map(|r| jifenbu_core::csv_out::cells(columns, r));
    table::write(&mut out, &jifenbu_core::csv_out::headings(columns), rows)?;
    Ok(())
}

fn verify(book: &Path, against: &[PathBuf]) -> Result<(), CliError> {
    let witnesses = witnesses(against)?;
    let report = Book::open(book)?.verify_against(&witnesses)?;
    let mut problems = Vec::new();
    for c in &report.checks {
        let mark = if c.ok() { "✓" } else { "✗" };
        println!("{mark} {}（{}）", c.name, c.scope);
        problems.extend(c.problems.iter().map(|p| format!("  {}：{p}", c.name)));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CliError::VerifyFailed(problems))
    }
}

/// A list of posted codes is a few lines per quarter.
const MAX_CODES_FILE: u64 = 1 << 20;

/// The town's export files and lists of posted codes in `paths` (folders
/// and wildcards as `files_named` reads them).
fn witnesses(paths: &[PathBuf]) -> Result<Vec<Witness>, CliError> {
    let files = files_named(paths, &["csv", "xlsx", "txt"])?;
    let mut out = Vec::new();
    for file in &files {
        if extension(file) == "txt" {
            let big = std::fs::metadata(file).map(|m| m.len() > MAX_CODES_FILE).unwrap_or(false);
            if big {
                let reason = "文件超过 1 MB，不像校验码清单".to_string();
                let e = jifenbu_core::error::InputError {
                    file: display(file),
                    line: 1,
                    column: None,
                    field: String::new(),
                    reason,
                };
                return Err(jifenbu_core::Error::Input(vec![e]).into());
            }
            let text = Text::open(&display(file), std::io::Cursor::new(read(file)?))?.read_to_string()?;
            let codes = jifenbu_core::notice::read_posted_codes(&display(file), &text)?;
            out.extend(codes.into_iter().map(Witness::Code));
        } else {
            out.push(Witness::Export(VillageExport::read(read_table(file, None)?)?));
        }
    }
    Ok(out)
}

/// The files `paths` name: a folder stands for its files with one of
/// `extensions` directly in it, and a name with `*` or `?` that is no file
/// for the files it matches (a Windows console hands wildcards to the
/// program as typed), each set sorted.
fn files_named(paths: &[PathBuf], extensions: &[&str]) -> Result<Vec<PathBuf>, CliError> {
    let mut files = Vec::new();
    for path in paths {
        let wildcard = path.to_str().filter(|p| p.contains(['*', '?']) && !path.exists());
        let mut found: Vec<PathBuf> = if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|source| CliError::Read { path: path.clone(), source })?;
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && extensions.contains(&extension(p).as_str()))
                .collect()
        } else if let Some(pattern) = wildcard {
            let matches = glob::glob(pattern).map(|m| m.filter_map(Result::ok).filter(|p| p.is_file()).collect());
            matches.ok().filter(|m: &Vec<PathBuf>| !m.is_empty()).ok_or_else(|| CliError::NoMatch(path.clone()))?
        } else {
            vec![path.clone()]
        };
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Who is recorded as having made the entries.
fn operator(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "未署名".to_string())
}

pub(crate) fn display(path: &Path) -> String {
    path.display().to_string()
}

pub(crate) fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => CliError::Missing(path.to_path_buf()),
        _ => CliError::Read { path: path.to_path_buf(), source },
    })
}

/// Writes `path` whole or not at all (see [`jifenbu_store::write_atomically`]).
pub(crate) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> Result<(), CliError> {
    jifenbu_store::write_atomically(path, write)
        .map_err(|source| CliError::WriteFile { path: path.to_path_buf(), source })
}

/// A table file opened as CSV text: a workbook's sheet (`sheet`, or the
/// first) is converted, keeping Excel's row and column numbers.
pub(crate) fn read_table(path: &Path, sheet: Option<&str>) -> Result<Text<'static>, CliError> {
    let file = std::fs::File::open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => CliError::Missing(path.to_path_buf()),
        _ => CliError::Read { path: path.to_path_buf(), source },
    })?;
    Ok(jifenbu_store::open_table(&display(path), file, sheet)?)
}
