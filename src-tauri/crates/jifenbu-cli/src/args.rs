//! The command line as README.md documents it. Parsing validates values and
//! does nothing else.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use jifenbu_core::review::Role;
use jifenbu_core::shop;
use jifenbu_core::{parse, points::parse_magnitude, Quarter};
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
    /// 生成示范村（青溪村，2025年）的积分簿，供试用和演示
    Demo {
        /// 要生成的积分簿文件（不能已存在）
        book: PathBuf,
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
    /// 年度：按年度积分（基础分 + 四个季度 + 年终调整）排名
    Year {
        #[command(subcommand)]
        action: YearAction,
    },
    /// 发布（封存）某季度排名；一年的四个季度须依次发布
    Publish {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
        /// 公示张贴的日期，默认今天；不能早于季度最后一天，最多提前 30 天
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// 照纸质底稿补录以前的季度：公示日期可早于录入日，公示上注明补录日期
        #[arg(long)]
        backfill: bool,
    },
    /// 打印某季度的村民积分公示（PDF）；未发布的季度印为草稿
    Notice(NoticeArgs),
    /// 打印一户的年度积分明细（PDF）
    Statement {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 户号
        #[arg(long)]
        household: String,
        /// 年度，如 2026
        #[arg(long)]
        year: i32,
        /// 输出的 PDF 文件
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// 截至日期（打印日期），默认今天；当年只列到该日所在季度
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// 纸张：a4 或 a3
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// 大字版（与大字版公示同样大的字，便于老人阅读）
        #[arg(long)]
        large: bool,
    },
    /// 人员：文书、评议小组成员、村务监督委员会成员、村民小组长或网格员
    People {
        #[command(subcommand)]
        action: PeopleAction,
    },
    /// 登记一条待评议的积分（不入账），成功后在标准输出打印登记编号
    Register(RegisterArgs),
    /// 登记：批量导入或列出
    Registrations {
        #[command(subcommand)]
        action: RegistrationsAction,
    },
    /// 评议会：记下到会成员和每条登记的评议结果，同意的入账；成功后打印评议会编号
    Review {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 评议会日期
        #[arg(long, value_parser = parse_day)]
        date: NaiveDate,
        /// 到会的评议小组成员，用逗号或顿号隔开
        #[arg(long, required = true)]
        members: Vec<String>,
        /// 同意的登记编号；修改分值写作 编号=分值，如 12=4.5
        #[arg(long, value_parser = parse_approval)]
        approve: Vec<(i64, Option<Decimal>)>,
        /// 不同意的登记编号和理由，写作 编号=理由
        #[arg(long, value_parser = parse_rejection)]
        reject: Vec<(i64, String)>,
    },
    /// 打印评议表（PDF）：待评议的登记按户排列，供评议会手填
    ReviewSheet {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 输出的 PDF 文件
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// 评议会日期（不填则留空手写）
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// 打印某次评议会的记录（PDF）
    Minutes {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 评议会编号
        #[arg(long)]
        meeting: i64,
        /// 输出的 PDF 文件
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// 积分超市：物品、入库、兑换、作废、余额、兑换凭证和月度台账
    Shop {
        #[command(subcommand)]
        action: ShopAction,
    },
    /// 异议：登记、查看、处理对已发布公示的异议
    Objection {
        #[command(subcommand)]
        action: ObjectionAction,
    },
    /// 查看或修改本村设置（发布单位、异议受理）
    Settings {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 公示落款的发布单位，如“青溪村村民委员会”
        #[arg(long)]
        issuer: Option<String>,
        /// 异议向谁提出、在哪里提出，如“村务监督委员会（村委会办公室）”
        #[arg(long)]
        objections_to: Option<String>,
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
        /// 打印汇总报表（PDF，各村按户均年度累计排名，附全镇合计）
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// 报表标题里的镇名，如 某某镇
        #[arg(long, default_value = "")]
        town: String,
        /// 报表落款（盖章）单位，如 某某镇人民政府
        #[arg(long, default_value = "")]
        issuer: String,
        /// 各村导出的文件：CSV（UTF-8 或 GBK）或 Excel（第一个工作表）；
        /// 也可以写文件夹（其中的 CSV 和 Excel 文件）或通配符，如 导出\*.csv
        #[arg(required = true)]
        villages: Vec<PathBuf>,
    },
    /// 核验积分簿：数据库完整性、台账哈希链、存证、已发布季度
    Verify {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 再与外面的凭据核对：镇里收到的导出文件（.csv/.xlsx），或从公示栏抄下的
        /// 校验码清单（.txt，每行「2025Q1 4A10-578F」）；给文件夹则核对其中所有这些文件
        #[arg(long, value_name = "文件或文件夹", num_args = 1..)]
        against: Vec<PathBuf>,
    },
    /// 备份积分簿到文件或文件夹
    Backup {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 备份到：一个新文件名，或一个文件夹（如 U 盘），文件名按日期自动取；
        /// 不写就放在“文档”里的“积分簿备份”文件夹
        dest: Option<PathBuf>,
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
        /// 导入积分记录时：没有编号、又与已有记录完全相同的行，核对过确实不是重复的，照样导入
        #[arg(long)]
        allow_duplicates: bool,
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
    #[arg(long, default_value_t = 1, value_parser = parse_qty)]
    pub qty: u32,
    /// 分值（不带正负号；区间项目必填）
    #[arg(long, value_parser = parse_points)]
    pub points: Option<Decimal>,
    /// 备注
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// 积分簿文件（如 青溪村.jfb）
    pub book: PathBuf,
    #[arg(long, value_parser = parse_quarter)]
    pub quarter: Quarter,
    /// 输出的 PDF 文件
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// 纸张：a4，或张贴用的 a3
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// 大字版（表格文字不小于 16 磅）
    #[arg(long)]
    pub large: bool,
    /// 按村民小组分节，每组另起一页
    #[arg(long)]
    pub by_group: bool,
    /// 附各户本季积分明细
    #[arg(long)]
    pub detail: bool,
    /// 张贴版：A3 纸、特大字，2 米外可读，供村务公开栏张贴
    #[arg(long, conflicts_with_all = ["paper", "large"])]
    pub board: bool,
    /// 草稿的打印日期，默认今天（已发布的季度用发布日期）
    #[arg(long, value_parser = parse_day)]
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum PeopleAction {
    /// 添加一位人员
    Add {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 姓名
        #[arg(long)]
        name: String,
        /// 身份：文书、评议、监督 或 组长（村民小组长或网格员）
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// 所在村民小组（组长须填）
        #[arg(long)]
        group: Option<String>,
        /// 电话
        #[arg(long)]
        phone: Option<String>,
    },
    /// 列出全部人员
    List {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
    },
    /// 停用一位人员（不再任职；记录保留）
    Retire {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 姓名
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    #[command(flatten)]
    pub entry: AddArgs,
    /// 登记人（村民小组长、网格员或文书）
    #[arg(long)]
    pub by: String,
    /// 现场照片（JPEG 或 PNG），可写多次
    #[arg(long)]
    pub photo: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RegistrationsAction {
    /// 从 CSV 或 Excel 文件批量登记（格式同积分记录文件；全部成功才生效）
    Import {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 要导入的文件
        file: PathBuf,
        /// 登记人
        #[arg(long)]
        by: String,
        /// Excel 文件的工作表名，默认第一个
        #[arg(long)]
        sheet: Option<String>,
    },
    /// 列出登记及评议结果
    List {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 只列待评议的
        #[arg(long)]
        pending: bool,
        /// 以 CSV 输出到标准输出
        #[arg(long)]
        csv: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ShopAction {
    /// 物品：添加或列出
    Goods {
        #[command(subcommand)]
        action: GoodsAction,
    },
    /// 入库：某物品进货或受赠若干
    Stock {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 物品编号
        #[arg(long)]
        goods: String,
        /// 数量
        #[arg(long)]
        qty: u32,
        /// 来源，如 爱心企业捐赠、村集体采购
        #[arg(long)]
        source: String,
        /// 入库日期，默认今天
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// 兑换：成功后在标准输出打印兑换编号
    Redeem {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 户号
        #[arg(long)]
        household: String,
        /// 物品编号，可带数量，如 G01 或 G01:2；可写多次
        #[arg(long, required = true, value_parser = parse_goods_line)]
        goods: Vec<(String, u32)>,
        /// 兑换日期，默认今天
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// 作废一次兑换：物品回库，积分退回
    Cancel {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 兑换编号
        id: i64,
        /// 作废原因
        #[arg(long)]
        reason: String,
        /// 作废日期，默认今天（须在本月内：作废记在作废的那个月）
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// 可兑换积分余额
    Balance {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 只看这一户
        #[arg(long)]
        household: Option<String>,
        /// 截至日期，默认今天
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// 以 CSV 输出到标准输出
        #[arg(long)]
        csv: bool,
    },
    /// 打印兑换凭证（PDF）
    Receipt {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 兑换编号
        id: i64,
        /// 输出的 PDF 文件
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// 纸张：a5 或 80mm（小票打印机）
        #[arg(long, value_enum, default_value_t = ReceiptPaper::A5)]
        paper: ReceiptPaper,
    },
    /// 月度兑换台账：PDF 或 CSV（按输出文件的扩展名）
    Report {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 月份，如 2026-03
        #[arg(long, value_parser = parse_month)]
        month: (i32, u32),
        /// 输出的文件（.pdf 或 .csv）
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum GoodsAction {
    /// 添加一种物品
    Add {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 物品编号，如 G01
        #[arg(long)]
        code: String,
        /// 品名
        #[arg(long)]
        name: String,
        /// 单位，如 瓶
        #[arg(long)]
        unit: String,
        /// 单价（积分）
        #[arg(long)]
        price: String,
    },
    /// 列出物品和库存
    List {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 以 CSV 输出到标准输出
        #[arg(long)]
        csv: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReceiptPaper {
    A5,
    #[value(name = "80mm")]
    Roll80,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperArg {
    A4,
    A3,
}

#[derive(Debug, Subcommand)]
pub enum ObjectionAction {
    /// 登记一条异议
    Add {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 针对哪个已发布季度，如 2026Q3
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
        /// 提出异议的户号
        #[arg(long)]
        household: String,
        /// 异议内容
        #[arg(long)]
        text: String,
        /// 受理人，默认录入人
        #[arg(long, default_value = "")]
        received_by: String,
        /// 收到日期，默认今天
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// 公示期已过，仍予受理（逾期受理）
        #[arg(long)]
        late: bool,
    },
    /// 列出异议及处理结果
    List {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 只列这个季度的
        #[arg(long, value_parser = parse_quarter)]
        quarter: Option<Quarter>,
    },
    /// 异议成立：冲销错记的记录和/或补记项目，记入未发布的季度
    Uphold {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 异议号
        id: i64,
        /// 处理意见
        #[arg(long)]
        reason: String,
        /// 要冲销的记录编号（可多次给出）
        #[arg(long = "reverse")]
        reverse: Vec<String>,
        /// 要补记的项目编号（可多次给出）
        #[arg(long = "item")]
        item: Vec<String>,
        /// 补记项目的数量，默认 1
        #[arg(long, default_value_t = 1, value_parser = parse_qty)]
        qty: u32,
        /// 补记项目的分值（区间项目必填）
        #[arg(long, value_parser = parse_points)]
        points: Option<Decimal>,
        /// 处理日期，默认今天；更正记录记在这一天
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// 异议不成立：记录理由
    Reject {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 异议号
        id: i64,
        /// 不成立的理由（告知村民）
        #[arg(long)]
        reason: String,
        /// 处理日期，默认今天
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum YearAction {
    /// 显示某年度的年度积分排名（各季度得分、年终调整、年度积分、星级）
    Ranking {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 年度，如 2025
        #[arg(long, value_parser = parse_year)]
        year: i32,
        /// 以 CSV 输出到标准输出
        #[arg(long)]
        csv: bool,
    },
    /// 年度结算：封存各户年度积分、名次、星级（四个季度都已发布、第四季度公示期已过、异议都已处理）
    Close {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 年度，如 2025
        #[arg(long, value_parser = parse_year)]
        year: i32,
        /// 结算日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// 打印已结算年度的年度公示（PDF）：各户年度积分和星级文明户名单
    Notice {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 年度，如 2025
        #[arg(long, value_parser = parse_year)]
        year: i32,
        /// 输出的 PDF 文件
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// 纸张：a4，或张贴用的 a3
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// 大字版（表格文字不小于 16 磅）
        #[arg(long)]
        large: bool,
    },
    /// 打印已结算年度星级文明户的奖状（A4 横向，每户一张）或门牌（每张 A4 印两块）
    Cards {
        /// 积分簿文件（如 青溪村.jfb）
        book: PathBuf,
        /// 年度，如 2025
        #[arg(long, value_parser = parse_year)]
        year: i32,
        /// 输出的 PDF 文件
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// 只印达到这个星级的户（默认 1，即所有星级文明户）
        #[arg(long, default_value_t = 1, value_parser = parse_min_stars)]
        min_stars: u8,
        /// certificate：奖状；door：门牌
        #[arg(long, value_enum, default_value_t = CardArg::Certificate)]
        kind: CardArg,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CardArg {
    Certificate,
    Door,
}

fn parse_year(s: &str) -> Result<i32, String> {
    let years = jifenbu_core::rulebook::EFFECTIVE_YEARS;
    s.trim().parse().ok().filter(|y| years.contains(y)).ok_or_else(|| {
        format!("年度「{}」不对，应是 {} 到 {} 之间的四位数", parse::quote(s), years.start(), years.end())
    })
}

fn parse_min_stars(s: &str) -> Result<u8, String> {
    s.trim()
        .parse()
        .ok()
        .filter(|n| (1..=20).contains(n))
        .ok_or_else(|| format!("星级「{}」不对，应是 1 到 20", parse::quote(s)))
}

fn parse_quarter(s: &str) -> Result<Quarter, String> {
    s.parse().map_err(|e: jifenbu_core::quarter::BadQuarter| e.to_string())
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    parse::date_this_year(s, chrono::Local::now().date_naive()).map_err(|e| e.to_string())
}

fn parse_qty(s: &str) -> Result<u32, String> {
    parse::qty(s).map_err(|e| e.to_string())
}

fn parse_points(s: &str) -> Result<Decimal, String> {
    parse_magnitude(s)
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).map_err(|e| e.to_string())
}

fn parse_number(s: &str) -> Result<i64, String> {
    s.trim().parse().ok().filter(|n| *n > 0).ok_or_else(|| format!("登记编号「{}」应为正整数", parse::quote(s)))
}

/// `G01` or `G01:2` (a full-width colon too).
fn parse_goods_line(s: &str) -> Result<(String, u32), String> {
    match s.split_once([':', '：']) {
        None => Ok((s.trim().to_string(), 1)),
        Some((code, qty)) => Ok((code.trim().to_string(), shop::units(qty).map_err(|e| e.to_string())?)),
    }
}

/// `2026-03`.
fn parse_month(s: &str) -> Result<(i32, u32), String> {
    parse::month(s).map_err(|e| e.to_string())
}

/// `12` or `12=4.5`.
fn parse_approval(s: &str) -> Result<(i64, Option<Decimal>), String> {
    match s.split_once('=') {
        None => Ok((parse_number(s)?, None)),
        Some((n, p)) => Ok((parse_number(n)?, Some(parse_magnitude(p)?))),
    }
}

/// `12=理由`.
fn parse_rejection(s: &str) -> Result<(i64, String), String> {
    let (n, reason) = s.split_once('=').ok_or("不同意须写明理由，写作 编号=理由")?;
    Ok((parse_number(n)?, reason.trim().to_string()))
}

impl Command {
    /// The book the command works on, if any: errors about it are said of
    /// that file (a damaged book points to its latest backup).
    pub fn book(&self) -> Option<&std::path::Path> {
        let book = match self {
            Command::Init { book, .. }
            | Command::Demo { book }
            | Command::Ranking { book, .. }
            | Command::Publish { book, .. }
            | Command::Year {
                action:
                    YearAction::Ranking { book, .. }
                    | YearAction::Close { book, .. }
                    | YearAction::Notice { book, .. }
                    | YearAction::Cards { book, .. },
            }
            | Command::Statement { book, .. }
            | Command::Settings { book, .. }
            | Command::Export { book, .. }
            | Command::Verify { book, .. }
            | Command::Backup { book, .. }
            | Command::People {
                action: PeopleAction::Add { book, .. } | PeopleAction::List { book } | PeopleAction::Retire { book, .. },
            }
            | Command::Registrations {
                action: RegistrationsAction::Import { book, .. } | RegistrationsAction::List { book, .. },
            }
            | Command::Review { book, .. }
            | Command::ReviewSheet { book, .. }
            | Command::Minutes { book, .. } => book,
            Command::Shop { action } => match action {
                ShopAction::Goods { action: GoodsAction::Add { book, .. } | GoodsAction::List { book, .. } }
                | ShopAction::Stock { book, .. }
                | ShopAction::Redeem { book, .. }
                | ShopAction::Cancel { book, .. }
                | ShopAction::Balance { book, .. }
                | ShopAction::Receipt { book, .. }
                | ShopAction::Report { book, .. } => book,
            },
            Command::Register(a) => &a.entry.book,
            Command::Notice(a) => &a.book,
            Command::Rules { action: RulesAction::Import { book, .. } }
            | Command::Households { action: TableAction::Import { book, .. } }
            | Command::Entries { action: TableAction::Import { book, .. } } => book,
            Command::Entry { action: EntryAction::Add(a) } => &a.book,
            Command::Entry { action: EntryAction::Reverse { book, .. } } => book,
            Command::Objection { action } => match action {
                ObjectionAction::Add { book, .. }
                | ObjectionAction::List { book, .. }
                | ObjectionAction::Uphold { book, .. }
                | ObjectionAction::Reject { book, .. } => book,
            },
            Command::Rollup { .. } => return None,
        };
        Some(book)
    }
}
