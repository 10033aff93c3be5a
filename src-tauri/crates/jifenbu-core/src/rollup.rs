//! The town's side (汇总): each village's quarter export, and the rollup that
//! combines any number of them into one row per village.

use std::collections::BTreeMap;
use std::io::Write;

use rust_decimal::Decimal;

use crate::csv_out::{self, write_columns, Column, CsvStyle, TableWriter};
use crate::error::{Error, InputError};
use crate::import::{self, Row, Table, Text};
use crate::notice::Seal;
use crate::parse::quote;
use crate::{points, Quarter, Ranking};

/// One household line of a village export, with its village.
pub struct ExportLine<'a> {
    pub village: &'a VillageExport,
    pub household: &'a ExportedHousehold,
}

/// The columns of a village export (README, "Files"), then the publishing
/// digest and the day a backfilled quarter was keyed in from paper.
pub fn export_columns<'a>() -> [Column<ExportLine<'a>>; 16] {
    [
        Column::new("村代码", |l| l.village.code.clone()),
        Column::new("村名", |l| l.village.name.clone()),
        Column::new("年度", |l| l.village.quarter.year.to_string()),
        Column::new("季度", |l| l.village.quarter.q.to_string()),
        Column::new("户号", |l| l.household.code.clone()),
        Column::new("户主", |l| l.household.head.clone()),
        Column::new("村民小组", |l| l.household.group.clone()),
        Column::new("本季加分", |l| points::format(l.household.add)),
        Column::new("本季扣分", |l| points::format(l.household.deduct)),
        Column::new("本季得分", |l| points::format(l.household.score)),
        Column::new("年度累计", |l| points::format(l.household.year_to_date)),
        Column::new("名次", |l| l.household.rank.clone()),
        Column::new("星级", |l| l.household.stars.clone()),
        Column::new("一票否决", |l| if l.household.veto { "是".into() } else { String::new() }),
        Column::new("发布摘要", |l| l.village.digest.clone()),
        Column::new("补录日期", |l| l.village.backfilled_on.clone()),
    ]
}

/// The columns of the town rollup (README, "Files"), then participation.
pub const ROLLUP_COLUMNS: &[Column<RollupRow>] = &[
    Column::new("村代码", |r| r.code.clone()),
    Column::new("村名", |r| r.name.clone()),
    Column::new("年度", |r| r.quarter.year.to_string()),
    Column::new("季度", |r| r.quarter.q.to_string()),
    Column::new("户数", |r| r.households.to_string()),
    Column::new("加分合计", |r| points::format(r.add_total)),
    Column::new("扣分合计", |r| points::format(r.deduct_total)),
    Column::new("户均本季得分", |r| points::format(r.avg_score)),
    Column::new("户均年度累计", |r| points::format(r.avg_year_to_date)),
    Column::new("一票否决户数", |r| r.vetoed.to_string()),
    Column::new("参与户数", |r| r.participating.to_string()),
    Column::new("参与率(%)", |r| points::format(r.participation_pct)),
];

/// Writes a village's quarter for the town. `seal` is the published
/// quarter's (none when unpublished): its digest, so the town can match the
/// file against the printed notice, and the day it was backfilled, if it was.
pub fn write_export<W: Write>(
    out: W,
    village_code: &str,
    village_name: &str,
    ranking: &Ranking,
    seal: Option<&Seal>,
) -> std::io::Result<()> {
    let village = VillageExport {
        file: String::new(),
        code: village_code.into(),
        name: village_name.into(),
        quarter: ranking.quarter,
        digest: seal.map(|s| s.digest.clone()).unwrap_or_default(),
        backfilled_on: seal.and_then(|s| s.backfilled_on).map(|d| d.to_string()).unwrap_or_default(),
        households: ranking
            .rows
            .iter()
            .map(|r| ExportedHousehold {
                code: r.code.clone(),
                head: r.head.clone(),
                group: r.group.clone(),
                add: r.standing.add,
                deduct: r.standing.deduct,
                score: r.standing.score,
                year_to_date: r.standing.year_to_date,
                rank: r.rank.to_string(),
                stars: r.standing.stars.to_string(),
                veto: r.standing.veto,
            })
            .collect(),
    };
    write_households(out, [Ok(village)])
}

/// Every household line of several villages in one file, villages in the
/// order given, in the export's own columns. Each village is read when its
/// turn comes, so only one is held at a time.
pub fn write_households<W: Write>(
    out: W,
    villages: impl IntoIterator<Item = std::io::Result<VillageExport>>,
) -> std::io::Result<()> {
    let mut table = TableWriter::new(out, CsvStyle::FILE, &csv_out::headings(&export_columns()))?;
    for village in villages {
        let village = village?;
        let columns = export_columns();
        for household in &village.households {
            table.row(&csv_out::cells(&columns, &ExportLine { village: &village, household }))?;
        }
    }
    table.finish()
}

/// The columns a rollup reads from an export; others are ignored.
const READ_COLUMNS: &[import::Column] = &[
    import::Column::required("村代码", "village_code"),
    import::Column::required("村名", "village"),
    import::Column::required("年度", "year"),
    import::Column::required("季度", "quarter"),
    import::Column::required("户号", "household"),
    import::Column::required("本季加分", "add"),
    import::Column::required("本季扣分", "deduct"),
    import::Column::required("本季得分", "score"),
    import::Column::required("年度累计", "year_to_date"),
    import::Column::required("一票否决", "veto"),
    import::Column::optional("户主", "head"),
    import::Column::optional("村民小组", "group"),
    import::Column::optional("名次", "rank"),
    import::Column::optional("星级", "stars"),
    import::Column::optional("发布摘要", "digest"),
    import::Column::optional("补录日期", "backfilled_on"),
];

/// One village's export as the town reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VillageExport {
    pub file: String,
    pub code: String,
    pub name: String,
    pub quarter: Quarter,
    /// The publishing digest the village gave (empty: unpublished).
    pub digest: String,
    /// The day its quarter was keyed in from paper after its notice's day
    /// (补录), as the village gave it; empty if it was not.
    pub backfilled_on: String,
    pub households: Vec<ExportedHousehold>,
}

/// One household line of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedHousehold {
    pub code: String,
    pub head: String,
    pub group: String,
    pub add: Decimal,
    pub deduct: Decimal,
    pub score: Decimal,
    pub year_to_date: Decimal,
    /// As written in the file (the town does not recompute ranks or stars).
    pub rank: String,
    pub stars: String,
    pub veto: bool,
}

impl VillageExport {
    /// Reads one export (UTF-8 with or without BOM, or GBK, as Excel may
    /// have saved it again). One village and one quarter per file.
    pub fn read(text: Text<'_>) -> Result<VillageExport, Error> {
        let mut households = Vec::new();
        let head = read_lines(
            text,
            |r, f| ExportedHousehold {
                code: r.get(4).to_string(),
                head: r.get(10).to_string(),
                group: r.get(11).to_string(),
                add: points::from_cents(f.add),
                deduct: points::from_cents(f.deduct),
                score: points::from_cents(f.score),
                year_to_date: points::from_cents(f.year_to_date),
                rank: r.get(12).to_string(),
                stars: r.get(13).to_string(),
                veto: f.veto,
            },
            |h| households.push(h),
        )?;
        Ok(VillageExport {
            file: head.file,
            code: head.code,
            name: head.name,
            quarter: head.quarter,
            digest: head.digest,
            backfilled_on: head.backfilled_on,
            households,
        })
    }
}

/// What an export's first line says of the whole file.
struct Head {
    file: String,
    code: String,
    name: String,
    quarter: Quarter,
    digest: String,
    backfilled_on: String,
    line: usize,
}

/// Reads an export line by line: each line checked, made into a `T` by
/// `make` and given to `keep`. Returns what the file is of.
fn read_lines<T>(text: Text<'_>, make: impl Fn(&Row<'_>, Figures) -> T, keep: impl FnMut(T)) -> Result<Head, Error> {
    let file = text.name().to_string();
    let gbk = text.is_gbk();
    let mut head: Option<Head> = None;
    Table::open(text, READ_COLUMNS)?.check_rows(
        |row| household_line(row, &file, &mut head, gbk).map(|f| make(row, f)),
        4,
        keep,
    )?;
    head.ok_or_else(|| {
        let reason = "文件中没有农户数据行".to_string();
        Error::from(InputError { file, line: 2, column: None, field: String::new(), reason })
    })
}

impl RollupRow {
    /// One export read straight into its village's line, holding no
    /// household.
    pub fn read(text: Text<'_>) -> Result<RollupRow, Error> {
        let mut tally = Tally::default();
        let head = read_lines(text, |_, f| f, |f| tally.add(&f))?;
        Ok(tally.row(head))
    }

    /// The line of an export read whole.
    pub fn of(e: &VillageExport) -> RollupRow {
        let mut tally = Tally::default();
        for h in &e.households {
            tally.add(&Figures {
                add: points::to_cents(h.add),
                deduct: points::to_cents(h.deduct),
                score: points::to_cents(h.score),
                year_to_date: points::to_cents(h.year_to_date),
                veto: h.veto,
            });
        }
        let (file, code, name, digest) = (e.file.clone(), e.code.clone(), e.name.clone(), e.digest.clone());
        let backfilled_on = e.backfilled_on.clone();
        tally.row(Head { file, code, name, quarter: e.quarter, digest, backfilled_on, line: 0 })
    }
}

/// Reads many exports on every core, each opened by `open`, into their
/// villages' lines, in the order given. The mistakes of all files are
/// reported together, so they are fixed in one go; a file that cannot be
/// opened stops it.
pub fn read_villages<T: Sync, E: From<Error> + Send>(
    files: &[T],
    open: impl Fn(&T) -> Result<Text<'static>, E> + Sync,
) -> Result<Vec<RollupRow>, E> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len().max(1));
    // Files are taken one at a time, so a big file does not hold up the rest.
    let next = AtomicUsize::new(0);
    let read = |file: &T| open(file).map(|text| RollupRow::read(text));
    // Per file, by its place: not opened (E), or read (its line or mistakes).
    type Outcome<E> = Result<Result<RollupRow, Error>, E>;
    let mut results: Vec<(usize, Outcome<E>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        done.push((i, read(file)));
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("reading a file does not panic")).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    let mut rows = Vec::with_capacity(files.len());
    let mut mistakes = Vec::new();
    for (_, result) in results {
        match result? {
            Ok(row) => rows.push(row),
            Err(Error::Input(mut m)) => mistakes.append(&mut m),
            Err(other) => return Err(other.into()),
        }
    }
    if mistakes.is_empty() {
        Ok(rows)
    } else {
        mistakes.truncate(crate::import::MAX_REPORTED);
        Err(Error::Input(mistakes).into())
    }
}

/// A line's figures, in whole hundredths.
struct Figures {
    add: i64,
    deduct: i64,
    score: i64,
    year_to_date: i64,
    veto: bool,
}

/// Checks one line: its village and quarter must match the file's first line.
fn household_line(r: &Row<'_>, file: &str, head: &mut Option<Head>, gbk: bool) -> Result<Figures, Vec<InputError>> {
    let mut errors = Vec::new();
    let (code, name) = (r.get(0), r.get(1));
    // A name saved by Excel as GBK CSV loses what GBK cannot hold to `?`:
    // no real name has one, and the town must not add up a lost name.
    if gbk {
        for field in [1, 10, 11].into_iter().filter(|&f| r.get(f).contains('?')) {
            errors.push(r.error(field, Text::gbk_loss(&quote(r.get(field)), None, "汇总")));
        }
    }
    let year = r.get(2).parse::<i32>().ok();
    let q = r.get(3).parse::<u8>().ok();
    let quarter = year.zip(q).and_then(|(y, q)| Quarter::new(y, q));
    if code.is_empty() {
        errors.push(r.error(0, "村代码不能为空".into()));
    }
    if year.is_none() {
        errors.push(r.error(2, format!("年度「{}」应为四位数的年份", quote(r.get(2)))));
    } else if quarter.is_none() {
        errors.push(r.error(3, format!("季度「{}」应为 1 到 4", quote(r.get(3)))));
    }
    match (quarter, head.as_ref()) {
        (Some(quarter), Some(h)) => {
            if (code, name) != (h.code.as_str(), h.name.as_str()) {
                let (c, n, first) = (quote(&h.code), quote(&h.name), h.line);
                let (code, name) = (quote(code), quote(name));
                errors.push(r.error(0, format!("一个文件只能有一个村：第 {first} 行是 {c} {n}，本行是 {code} {name}")));
            }
            if quarter != h.quarter {
                let (fq, first) = (h.quarter, h.line);
                errors.push(r.error(3, format!("一个文件只能有一个季度：第 {first} 行是 {fq}，本行是 {quarter}")));
            }
        }
        (Some(quarter), None) => {
            *head = Some(Head {
                file: file.into(),
                code: code.into(),
                name: name.into(),
                quarter,
                digest: r.get(14).into(),
                backfilled_on: r.get(15).into(),
                line: r.line,
            })
        }
        (None, _) => {}
    }
    let mut number = |field: usize| -> i64 {
        let text = r.get(field);
        figure(text).unwrap_or_else(|why| {
            let shown = quote(text);
            let reason = match why {
                BadFigure::NotANumber => format!("「{shown}」不是数字"),
                BadFigure::TooBig => format!("「{shown}」太大：一户的分数不会超过 {MAX_FIGURE}"),
                BadFigure::TooFine => format!("「{shown}」最多保留两位小数：积分以 0.01 分为单位"),
            };
            errors.push(r.error(field, reason));
            0
        })
    };
    let (add, deduct, score, year_to_date) = (number(5), number(6), number(7), number(8));
    match r.get(4) {
        "" => errors.push(r.error(4, "户号不能为空".into())),
        code => {
            if let Err(refusal) = crate::parse::text(crate::Field::Household, code) {
                errors.push(r.refused(&refusal));
            }
        }
    }
    let veto = match r.get(9) {
        "" => false,
        "是" => true,
        other => {
            errors.push(r.error(9, format!("「{}」应为「是」或留空", quote(other))));
            false
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Figures { add, deduct, score, year_to_date, veto })
}

/// The largest figure (either way) a household's line may carry: bounded
/// so that no town's totals can overflow, however many villages.
pub const MAX_FIGURE: i64 = 1_000_000_000;

/// Why a figure of an export line cannot be read.
#[derive(Debug, PartialEq, Eq)]
enum BadFigure {
    NotANumber,
    TooBig,
    /// Finer than the 0.01 every figure is kept in.
    TooFine,
}

/// A figure of an export line in whole hundredths. The forms exports
/// carry (`-12.5`, `240`) are read digit by digit, the millions of lines of
/// a province's rollup being the reason; any other form a spreadsheet may
/// have saved goes through `Decimal`.
fn figure(text: &str) -> Result<i64, BadFigure> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    let (whole, fraction) = match memchr::memchr(b'.', digits) {
        Some(dot) => (&digits[..dot], &digits[dot + 1..]),
        None => (digits, &[][..]),
    };
    let plain = |d: &[u8]| d.iter().all(u8::is_ascii_digit);
    if (1..=10).contains(&whole.len()) && fraction.len() <= 2 && plain(whole) && plain(fraction) {
        let value = |d: &[u8]| d.iter().fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
        let cents = value(whole) * 100 + value(fraction) * if fraction.len() == 1 { 10 } else { 1 };
        return match cents {
            c if c > MAX_FIGURE * 100 => Err(BadFigure::TooBig),
            c if negative => Ok(-c),
            c => Ok(c),
        };
    }
    let d = text.parse::<Decimal>().map_err(|_| BadFigure::NotANumber)?;
    if d.abs() > Decimal::from(MAX_FIGURE) {
        Err(BadFigure::TooBig)
    } else if d.normalize().scale() > points::SCALE {
        Err(BadFigure::TooFine)
    } else {
        Ok(points::to_cents(d))
    }
}

/// One village's line in the town's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupRow {
    /// The export file it was read from.
    pub file: String,
    pub code: String,
    pub name: String,
    pub quarter: Quarter,
    pub households: usize,
    pub add_total: Decimal,
    pub deduct_total: Decimal,
    /// Averages per household, rounded half away from zero to 2 places.
    pub avg_score: Decimal,
    pub avg_year_to_date: Decimal,
    pub vetoed: usize,
    /// Households with add points this quarter (本季加分 > 0).
    pub participating: usize,
    /// participating / households × 100, rounded to 2 places.
    pub participation_pct: Decimal,
    /// The village's publishing digest (empty: its quarter is unpublished).
    pub digest: String,
    /// The day the village keyed its quarter in from paper (补录), or empty.
    pub backfilled_on: String,
}

impl RollupRow {
    pub fn published(&self) -> bool {
        !self.digest.is_empty()
    }

    /// The code on the village's posted notice (`1A2B-3C4D`), if published.
    pub fn verification_code(&self) -> Option<String> {
        crate::notice::verification_code(&self.digest)
    }
}

/// The town's combination of village exports, ordered by village code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup {
    pub quarter: Quarter,
    pub rows: Vec<RollupRow>,
}

/// Column widths of the rollup workbook, in characters.
const XLSX_WIDTHS: [f64; 12] = [12.0, 10.0, 6.0, 6.0, 6.0, 10.0, 10.0, 13.0, 13.0, 13.0, 9.0, 10.0];

impl Rollup {
    /// Combines the lines of villages of one quarter; refuses mixed quarters
    /// and a village given twice, naming the files.
    pub fn combine(mut rows: Vec<RollupRow>) -> Result<Rollup, Error> {
        let first = rows.first().ok_or_else(|| Error::from(no_input()))?;
        let quarter = first.quarter;
        let errors = Rollup::conflicts(&rows);
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        rows.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(Rollup { quarter, rows })
    }

    /// Why files that are each good do not combine, file by file: another
    /// quarter than the first file's, or a village already given.
    pub fn conflicts(exports: &[RollupRow]) -> Vec<InputError> {
        let Some(first) = exports.first() else { return Vec::new() };
        let mut errors = Vec::new();
        let mut by_code: BTreeMap<&str, &RollupRow> = BTreeMap::new();
        for e in exports {
            if e.quarter != first.quarter {
                errors.push(whole_file(
                    &e.file,
                    format!(
                        "是{}的数据，而 {} 是{}的；一次汇总只能是同一季度",
                        e.quarter.chinese(),
                        first.file,
                        first.quarter.chinese()
                    ),
                ));
            }
            if let Some(other) = by_code.insert(&e.code, e) {
                errors.push(whole_file(
                    &e.file,
                    format!(
                        "村代码 {}（{}）与 {} 重复：同一个村只能有一个文件",
                        quote(&e.code),
                        quote(&e.name),
                        other.file
                    ),
                ));
            }
        }
        errors
    }

    /// The same table as a formatted workbook: a bold, shaded header that
    /// stays in view, set column widths, and numbers as number cells.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        use rust_decimal::prelude::ToPrimitive;
        use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(format!("{} 汇总", self.quarter))?;
        let head = Format::new()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border(FormatBorder::Thin);
        for (c, (title, width)) in csv_out::headings(ROLLUP_COLUMNS).iter().zip(XLSX_WIDTHS).enumerate() {
            sheet.write_string_with_format(0, c as u16, *title, &head)?;
            sheet.set_column_width(c as u16, width)?;
        }
        for (i, r) in self.rows.iter().enumerate() {
            let row = i as u32 + 1;
            let numbers = [
                f64::from(r.quarter.year),
                f64::from(r.quarter.q),
                r.households as f64,
                r.add_total.to_f64().unwrap_or_default(),
                r.deduct_total.to_f64().unwrap_or_default(),
                r.avg_score.to_f64().unwrap_or_default(),
                r.avg_year_to_date.to_f64().unwrap_or_default(),
                r.vetoed as f64,
                r.participating as f64,
                r.participation_pct.to_f64().unwrap_or_default(),
            ];
            sheet.write_string(row, 0, &r.code)?;
            sheet.write_string(row, 1, &r.name)?;
            for (c, n) in numbers.into_iter().enumerate() {
                sheet.write_number(row, c as u16 + 2, n)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        book.save_to_buffer()
    }

    pub fn write_csv<W: Write>(&self, out: W) -> std::io::Result<()> {
        write_columns(out, CsvStyle::FILE, ROLLUP_COLUMNS, &self.rows)
    }
}

impl Rollup {
    /// Villages best first by average year-to-date score, ties sharing a
    /// rank (then in code order): the order of the town's printed report.
    /// Villages whose quarter is unpublished come after the published ones
    /// and are ranked apart, among themselves.
    pub fn ranked(&self) -> Vec<(u32, &RollupRow)> {
        let mut rows: Vec<&RollupRow> = self.rows.iter().collect();
        rows.sort_by(|a, b| {
            (!a.published(), b.avg_year_to_date, &a.code).cmp(&(!b.published(), a.avg_year_to_date, &b.code))
        });
        let mut out: Vec<(u32, &RollupRow)> = Vec::with_capacity(rows.len());
        let mut first = 0;
        for (i, r) in rows.into_iter().enumerate() {
            let rank = match out.last() {
                Some((_, prev)) if prev.published() != r.published() => {
                    first = i;
                    1
                }
                Some((rank, prev)) if prev.avg_year_to_date == r.avg_year_to_date => *rank,
                _ => (i - first) as u32 + 1,
            };
            out.push((rank, r));
        }
        out
    }

    /// The whole town as one line: sums, and the average quarter score and
    /// participation over all households (exact, then 四舍五入).
    pub fn totals(&self) -> TownTotals {
        let households: usize = self.rows.iter().map(|r| r.households).sum();
        let add_total: Decimal = self.rows.iter().map(|r| r.add_total).sum();
        let deduct_total: Decimal = self.rows.iter().map(|r| r.deduct_total).sum();
        let participating: usize = self.rows.iter().map(|r| r.participating).sum();
        let n = Decimal::from(households.max(1));
        TownTotals {
            villages: self.rows.len(),
            households,
            add_total,
            deduct_total,
            avg_score: points::round2((add_total - deduct_total) / n),
            vetoed: self.rows.iter().map(|r| r.vetoed).sum(),
            participating,
            participation_pct: points::round2(Decimal::from(participating) * Decimal::ONE_HUNDRED / n),
        }
    }
}

/// The town's totals over all villages of a rollup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownTotals {
    pub villages: usize,
    pub households: usize,
    pub add_total: Decimal,
    pub deduct_total: Decimal,
    pub avg_score: Decimal,
    pub vetoed: usize,
    pub participating: usize,
    pub participation_pct: Decimal,
}

/// A village's sums, line by line, in whole hundredths: exact, rounded only
/// in its line. A village's 100,000 lines of at most 10⁹ points stay far
/// inside an i64.
#[derive(Default)]
struct Tally {
    households: usize,
    add: i64,
    deduct: i64,
    score: i64,
    year_to_date: i64,
    vetoed: usize,
    participating: usize,
}

impl Tally {
    fn add(&mut self, f: &Figures) {
        self.households += 1;
        self.add += f.add;
        self.deduct += f.deduct;
        self.score += f.score;
        self.year_to_date += f.year_to_date;
        self.vetoed += usize::from(f.veto);
        self.participating += usize::from(f.add > 0);
    }

    fn row(self, head: Head) -> RollupRow {
        let n = Decimal::from(self.households);
        RollupRow {
            file: head.file,
            code: head.code,
            name: head.name,
            quarter: head.quarter,
            households: self.households,
            add_total: points::from_cents(self.add),
            deduct_total: points::from_cents(self.deduct),
            avg_score: points::round2(points::from_cents(self.score) / n),
            avg_year_to_date: points::round2(points::from_cents(self.year_to_date) / n),
            vetoed: self.vetoed,
            participating: self.participating,
            participation_pct: points::round2(Decimal::from(self.participating) * Decimal::ONE_HUNDRED / n),
            digest: head.digest,
            backfilled_on: head.backfilled_on,
        }
    }
}

fn whole_file(file: &str, reason: String) -> InputError {
    InputError { file: file.into(), line: 1, column: None, field: String::new(), reason }
}

fn no_input() -> InputError {
    whole_file("（无）", "没有给出要汇总的村文件".into())
}

#[cfg(test)]
mod tests;
