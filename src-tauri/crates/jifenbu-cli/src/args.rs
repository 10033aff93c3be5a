//! The command line as contract §5 fixes it. Parsing validates values and
//! does nothing else.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use jifenbu_core::{import::parse_date, points::parse_magnitude, Quarter};
use rust_decimal::Decimal;

#[derive(Debug, Parser)]
#[command(name = "jifenbu", version, about = "积分簿：村级积分制管理（村规则、积分台账、季度排名）")]
pub struct Cli {
    /// 录入人（记在每条积分记录上）；也可用环境变量 JIFENBU_OPERATOR
    #[arg(long, global = true, env = "JIFENBU_OPERATOR")]
    pub operator: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 新建一个村的积分簿文件
    Init {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 村名
        #[arg(long)]
        village: String,
        /// 村代码（镇里汇总时使用）
        #[arg(long)]
        code: String,
    },
    /// 积分规则
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
    /// 农户花名册
    Households {
        #[command(subcommand)]
        action: TableAction,
    },
    /// 批量导入积分记录
    Entries {
        #[command(subcommand)]
        action: TableAction,
    },
    /// 录入或冲销一条积分记录
    Entry {
        #[command(subcommand)]
        action: EntryAction,
    },
    /// 显示某季度排名
    Ranking {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
        /// 以 CSV 输出到标准输出
        #[arg(long)]
        csv: bool,
    },
    /// 发布（封存）某季度排名
    Publish {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
    },
    /// 导出本村某季度数据，供镇里汇总（UTF-8 带 BOM 的 CSV）
    Export {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
        /// 输出文件
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// 镇里汇总各村导出的文件，每村一行
    Rollup {
        /// 输出文件（CSV）
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// 同一张表另存为 Excel（XLSX）
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// 各村农户明细合并到一个 CSV
        #[arg(long)]
        households: Option<PathBuf>,
        /// 各村导出的文件：CSV（UTF-8 或 GBK）或 Excel（第一个工作表）
        #[arg(required = true)]
        villages: Vec<PathBuf>,
    },
    /// 核验积分簿：数据库完整性、台账哈希链、已发布季度
    Verify {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
    },
    /// 备份积分簿到文件或文件夹
    Backup {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 备份到：一个新文件名，或一个文件夹（如 U 盘），文件名按日期自动取
        dest: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// 从 TOML 规则文件导入一个新版本
    Import {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 要导入的文件
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum TableAction {
    /// 从 CSV 或 Excel 文件导入（全部成功才生效）
    Import {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 要导入的文件
        file: PathBuf,
        /// Excel 文件的工作表名，默认第一个
        #[arg(long)]
        sheet: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum EntryAction {
    /// 录入一条积分记录，成功后在标准输出打印记录编号
    Add(AddArgs),
    /// 冲销一条积分记录（更正）
    Reverse {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 要冲销的记录编号（录入时打印的编号）
        entry_id: String,
        /// 冲销原因
        #[arg(long)]
        reason: String,
        /// 冲销日期，默认今天
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// 积分簿文件（如 青溪村.jfb）
    pub book: PathBuf,
    /// 户号
    #[arg(long)]
    pub household: String,
    /// 项目编号
    #[arg(long)]
    pub item: String,
    /// 日期 YYYY-MM-DD
    #[arg(long, value_parser = parse_day)]
    pub date: NaiveDate,
    /// 数量，默认 1
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub qty: u32,
    /// 分值（不带正负号；区间项目必填）
    #[arg(long, value_parser = parse_points)]
    pub points: Option<Decimal>,
    /// 备注
    #[arg(long, default_value = "")]
    pub note: String,
}

fn parse_quarter(s: &str) -> Result<Quarter, String> {
    s.parse().map_err(|e: jifenbu_core::quarter::BadQuarter| e.to_string())
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    parse_date(s)
}

fn parse_points(s: &str) -> Result<Decimal, String> {
    parse_magnitude(s)
}
