//! `jifenbu-gen`: makes village data for fixtures and benchmarks, the same
//! every time for the same seed. It reads a real rulebook so every entry it
//! writes respects ranges, caps and the roster (an import of it succeeds).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use chrono::{Datelike, Duration, NaiveDate};
use clap::Parser;
use jifenbu_core::rulebook::{CapPeriod, ItemPoints};
use jifenbu_core::{points, Item, Kind, Quarter, Rulebook};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

#[derive(Parser)]
#[command(about = "生成示范村或压力测试用的花名册与积分记录")]
struct Args {
    /// The rulebook the entries follow.
    #[arg(long)]
    rules: PathBuf,
    #[arg(long, default_value_t = 120)]
    households: usize,
    #[arg(long, default_value_t = 6)]
    groups: usize,
    #[arg(long, default_value_t = 2025)]
    from_year: i32,
    #[arg(long, default_value_t = 1)]
    years: i32,
    #[arg(long, default_value_t = 3000)]
    entries: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder for households.csv and entries.csv.
    #[arg(long)]
    out: PathBuf,
    /// Also write the entries as a plain-text accounting journal (ledger format).
    #[arg(long)]
    journal: Option<PathBuf>,
}

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤";
const GIVEN: &str = "国建明华志伟秀英军平文强玉兰海桂芳红金荣德福永春霞丽云飞成林忠杰祥兴宝根水生美珍凤雪梅新正家庆";
const GROUP_NAMES: [&str; 10] = ["一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组", "九组", "十组"];

struct Household {
    code: String,
    head: String,
    group: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let source = std::fs::read_to_string(&args.rules)?;
    let book = Rulebook::parse(&source, &args.rules.display().to_string()).expect("a valid rulebook");
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    std::fs::create_dir_all(&args.out)?;
    let households = roster(&args, &mut rng);
    write_roster(&args, &households)?;
    write_entries(&args, &book, &households, &mut rng)
}

fn roster(args: &Args, rng: &mut ChaCha8Rng) -> Vec<Household> {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let per_group = args.households.div_ceil(args.groups);
    let first = NaiveDate::from_ymd_opt(args.from_year, 1, 1).expect("year");
    (0..args.households)
        .map(|i| {
            let (g, n) = (i / per_group, i % per_group + 1);
            let mut head: String = surnames[rng.random_range(0..surnames.len())].to_string();
            for _ in 0..rng.random_range(1..=2) {
                head.push(given[rng.random_range(0..given.len())]);
            }
            // Fixed names the tests and the demo rely on: pinyin search
            // (张三丰, "zsf") and characters outside GB2312 (堃, 喆).
            match i {
                0 => head = "张三丰".into(),
                1 => head = "王堃".into(),
                2 => head = "李喆".into(),
                _ => {}
            }
            // One household in twenty moves in or out during the first year.
            let (from, to) = match i % 20 {
                7 => (None, Some(first + Duration::days(rng.random_range(120..300)))),
                13 => (Some(first + Duration::days(rng.random_range(60..240))), None),
                _ => (None, None),
            };
            Household {
                code: format!("{:02}{:03}", g + 1, n),
                head,
                group: GROUP_NAMES.get(g).map_or_else(|| format!("{}组", g + 1), |s| s.to_string()),
                from,
                to,
            }
        })
        .collect()
}

fn write_roster(args: &Args, households: &[Household]) -> std::io::Result<()> {
    let mut w = BufWriter::new(File::create(args.out.join("households.csv"))?);
    writeln!(w, "户号,户主,村民小组,人口,迁入日期,迁出日期")?;
    for (i, h) in households.iter().enumerate() {
        let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        writeln!(w, "{},{},{},{},{},{}", h.code, h.head, h.group, 2 + i % 5, d(h.from), d(h.to))?;
    }
    w.flush()
}

fn write_entries(args: &Args, book: &Rulebook, households: &[Household], rng: &mut ChaCha8Rng) -> std::io::Result<()> {
    let start = NaiveDate::from_ymd_opt(args.from_year, 1, 1).expect("year");
    let days = (NaiveDate::from_ymd_opt(args.from_year + args.years, 1, 1).expect("year") - start).num_days();
    let (adds, deducts): (Vec<&Item>, Vec<&Item>) = book.items.iter().partition(|i| i.kind == Kind::Add);
    // Magnitude used per (household, item, period) so caps are respected.
    let mut used: HashMap<(usize, &str, i32, u8), Decimal> = HashMap::new();
    let mut rows = Vec::with_capacity(args.entries);
    while rows.len() < args.entries {
        let date = start + Duration::days(rng.random_range(0..days));
        let h = rng.random_range(0..households.len());
        let hh = &households[h];
        if hh.from.is_some_and(|f| date < f) || hh.to.is_some_and(|t| date > t) {
            continue;
        }
        let pool = if rng.random_bool(0.86) { &adds } else { &deducts };
        let item = pool[rng.random_range(0..pool.len())];
        // Veto items are rare events.
        if item.veto && !rng.random_bool(0.1) {
            continue;
        }
        let qty: u32 = if rng.random_bool(0.9) { 1 } else { rng.random_range(2..=3) };
        let n = Decimal::from(qty);
        let (magnitude, stated) = match item.points {
            ItemPoints::Fixed(p) => (p * n, None),
            ItemPoints::Range { min, max } => {
                let halves = |d: Decimal| i64::try_from((d * n * Decimal::TWO).ceil()).expect("small");
                let v = Decimal::new(rng.random_range(halves(min)..=halves(max)) * 5, 1).normalize();
                (v, Some(v))
            }
        };
        if let Some(cap) = item.cap {
            let q = Quarter::of(date);
            let key = (h, item.code.as_str(), date.year(), if cap.per == CapPeriod::Quarter { q.q } else { 0 });
            let u = used.entry(key).or_default();
            if *u + magnitude > cap.points {
                continue;
            }
            *u += magnitude;
        }
        let id = uuid::Builder::from_random_bytes(rng.random()).into_uuid();
        let note = if rng.random_bool(0.1) { "村民小组长报" } else { "" };
        rows.push((date, h, item, qty, magnitude, stated, note, id));
    }
    rows.sort_by_key(|r| (r.0, r.1));
    let mut w = BufWriter::new(File::create(args.out.join("entries.csv"))?);
    writeln!(w, "户号,项目,日期,数量,分值,备注,编号")?;
    for (date, h, item, qty, _, stated, note, id) in &rows {
        let pts = stated.map(points::format).unwrap_or_default();
        writeln!(w, "{},{},{},{},{},{},{}", households[*h].code, item.code, date, qty, pts, note, id)?;
    }
    w.flush()?;
    if let Some(path) = &args.journal {
        let mut j = BufWriter::new(File::create(path)?);
        for (date, h, item, _, magnitude, _, _, _) in &rows {
            let account = format!("hh:{}:{}", households[*h].code, item.kind.as_str());
            writeln!(
                j,
                "{date} {}\n    {account}  {}\n    source\n",
                item.code,
                points::format(item.kind.signed(*magnitude))
            )?;
        }
        j.flush()?;
    }
    Ok(())
}
