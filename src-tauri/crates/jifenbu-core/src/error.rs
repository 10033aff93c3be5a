//! The core's one error type. Every message is a Chinese sentence a clerk can
//! act on: it names the file, line and field, or the household, item and
//! quarter concerned.

use std::fmt;

use chrono::NaiveDate;

use crate::{EntryId, Field, Quarter};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Mistakes in a file a person wrote (rulebook, roster, entries); at least one.
    #[error("{}", join_lines(.0))]
    Input(Vec<InputError>),
    /// A scoring rule says no.
    #[error(transparent)]
    Refused(#[from] Refusal),
}

fn join_lines(errors: &[InputError]) -> String {
    let mut lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    if lines.len() > 1 {
        lines.insert(0, format!("发现 {} 处错误，未做任何改动：", errors.len()));
    }
    lines.join("\n")
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(vec![e])
    }
}

/// Where in which file a mistake sits, and why it is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    /// 1-based line of the file.
    pub line: usize,
    /// 1-based column, where known (TOML); CSV errors name the field instead.
    pub column: Option<usize>,
    /// The key or column heading concerned, as the file spells it.
    pub field: String,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} 第 {} 行", self.file, self.line)?;
        if let Some(col) = self.column {
            write!(f, "第 {col} 列")?;
        }
        if !self.field.is_empty() {
            write!(f, "「{}」", self.field)?;
        }
        write!(f, "：{}", self.reason)
    }
}

/// A rule of the scheme that an entry, reversal or publishing breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("户号 {0} 不在本村花名册中")]
    UnknownHousehold(String),
    #[error("户号 {0} 已在花名册中，请换一个户号")]
    HouseholdExists(String),
    #[error("户号 {code} 在 {date} 不在册（迁入 {from}，迁出 {to}）")]
    HouseholdInactive { code: String, date: NaiveDate, from: String, to: String },
    #[error("{date} 适用的积分规则中没有编号为 {code} 的项目")]
    UnknownItem { code: String, date: NaiveDate },
    #[error("{date} 没有适用的积分规则，请先导入规则文件")]
    NoRulebook { date: NaiveDate },
    #[error("{}已发布封存，不能再录入该季度的积分", .0.chinese())]
    QuarterPublished(Quarter),
    #[error("「{text}」不是有效日期，应写作 2026-03-15{} 这样的形式", if *.short { " 或 3-15" } else { "" })]
    BadDate { text: String, short: bool },
    #[error("数量「{text}」应为 1 到 {} 之间的整数", crate::parse::MAX_QTY)]
    BadQuantity { text: String },
    #[error("人口「{text}」应为 0 到 999 之间的整数")]
    BadMembers { text: String },
    #[error("{}不能为空", .0.chinese())]
    Required(Field),
    #[error(
        "户号 {code} 有 {count} 条积分记录（{first} 至 {last}）不在迁入迁出日期之内，须先冲销这些记录{}{}",
        .move_in_by.map(|d| format!("；迁入日期最晚可填 {d}")).unwrap_or_default(),
        .move_out_from.map(|d| format!("；迁出日期最早可填 {d}")).unwrap_or_default()
    )]
    EntriesOutsideRoster {
        code: String,
        count: usize,
        first: NaiveDate,
        last: NaiveDate,
        move_in_by: Option<NaiveDate>,
        move_out_from: Option<NaiveDate>,
    },
    #[error("迁出日期 {to} 早于迁入日期 {from}")]
    MovedOutBeforeIn { from: NaiveDate, to: NaiveDate },
    #[error("{}最多 {max} 个字，这里有 {given} 个字", .field.chinese())]
    TooLong { field: Field, max: usize, given: usize },
    #[error("项目 {code} 的分值固定为每{unit} {per_unit} 分，本条应为 {expected} 分，不能填 {given} 分")]
    PointsFixed { code: String, unit: String, per_unit: String, expected: String, given: String },
    #[error("项目 {code} 的分值按情况在 {min} 到 {max} 分之间，请填写分值")]
    PointsRequired { code: String, min: String, max: String },
    #[error("项目 {code} 的分值 {given} 超出范围：数量 {qty} 时应在 {min} 到 {max} 分之间")]
    PointsOutOfRange { code: String, given: String, qty: u32, min: String, max: String },
    #[error("{reason}")]
    BadPoints { reason: String },
    #[error(
        "超过封顶：项目 {code}（{name}）每户{period}最多 {cap} 分，本户{period_word}已计 {used} 分，还可计 {left} 分，本条 {wanted} 分"
    )]
    CapExceeded {
        code: String,
        name: String,
        period: String,
        period_word: String,
        cap: String,
        used: String,
        left: String,
        wanted: String,
    },
    #[error("{file} 已于 {on} 由 {by} 导入过（{added} 条），同一个文件不再导入")]
    FileAlreadyImported { file: String, on: String, by: String, added: i64 },
    #[error(
        "{file} 中有 {count} 行与积分簿里已有的记录完全相同（户号、项目、日期、数量、分值、备注都一样），可能是同一批记录又导入了一次：\n{lines}\n核对后确认不是重复的，可选择仍然导入"
    )]
    LikelyDuplicates { file: String, count: usize, lines: String },
    #[error("找不到编号为 {0} 的积分记录")]
    UnknownEntry(String),
    #[error("积分记录 {id} 已于 {by} 冲销过，一条记录只能冲销一次")]
    AlreadyReversed { id: EntryId, by: EntryId },
    #[error("积分记录 {0} 本身是冲销记录，不能再冲销")]
    ReversalOfReversal(EntryId),
    #[error(
        "原记录所在的{}已发布，冲销应记入冲销日期所在季度，但{}也已发布；请换一个未发布季度内的日期",
        .original.chinese(),
        .own.chinese()
    )]
    ReversalQuarterPublished { original: Quarter, own: Quarter },
    #[error("更正日期 {date} 早于所更正的 {year} 年，请写更正当天的日期")]
    CorrectionBeforeYear { year: i32, date: chrono::NaiveDate },
    #[error("这一批的记录都已冲销过，没有可冲销的了")]
    BatchReversed,
    #[error("冲销原因不能为空")]
    ReasonRequired,
    #[error("{}已经发布过，发布后不能重新发布", .0.chinese())]
    AlreadyPublished(Quarter),
    #[error("{0} 年度已结算，不能再更正")]
    YearClosed(i32),
    #[error("{0} 年度尚未结算，结算后才能打印年度公示、奖状和门牌")]
    YearNotClosed(i32),
    #[error("{year} 年度已于 {on} 结算过，结算后不能重新结算")]
    AlreadyClosed { year: i32, on: chrono::NaiveDate },
    #[error("{}尚未发布，不能结算 {} 年度：四个季度都发布后才能结算", .quarter.chinese(), .quarter.year)]
    CloseBeforePublished { quarter: Quarter },
    #[error("{}的公示期到 {until} 才结束，{on} 还不能结算 {} 年度", .quarter.chinese(), .quarter.year)]
    CloseDuringNotice { quarter: Quarter, until: chrono::NaiveDate, on: chrono::NaiveDate },
    #[error("{year} 年度还有 {count} 件异议没有处理（最早的是第 {first} 号），处理完才能结算")]
    CloseWithObjections { year: i32, count: usize, first: i64 },
    #[error("{year} 年度没有达到 {min_stars} 星的户（最高为 {best} 星），没有可印的")]
    NoneStarred { year: i32, min_stars: u8, best: u8 },
    #[error("结算日期 {on} 晚于今天（{today}），不能预先结算")]
    ClosedInFuture { on: chrono::NaiveDate, today: chrono::NaiveDate },
    #[error(
        "{}还未发布：一年的四个季度须依次发布，请先发布{}，再发布{}",
        .earlier.chinese(),
        .earlier.chinese(),
        .quarter.chinese()
    )]
    EarlierUnpublished { quarter: Quarter, earlier: Quarter },
    #[error("{}到 {} 才结束，公示日期 {on} 不能早于季度最后一天", .quarter.chinese(), .quarter.last_day())]
    PublishedTooEarly { quarter: Quarter, on: NaiveDate },
    #[error(
        "公示日期 {on} 比今天（{today}）晚了 {} 天以上：公示日期最多提前 {} 天",
        crate::calendar::NOTICE_AHEAD_DAYS,
        crate::calendar::NOTICE_AHEAD_DAYS
    )]
    PublishedTooFarAhead { on: NaiveDate, today: NaiveDate },
    #[error("{}到 {} 才结束（今天是 {today}），结束后才能发布", .quarter.chinese(), .quarter.last_day())]
    QuarterNotOver { quarter: Quarter, today: NaiveDate },
    #[error(
        "公示日期 {on} 早于公示所含的事实：{fact}。请把公示日期填在其后；若是照纸质底稿补录以前的季度，请选择补录"
    )]
    PublishedBeforeFact { on: NaiveDate, fact: String },
    #[error("{what}日期 {on} 还没到（今天是 {today}），不能填将来的日期")]
    InFuture { what: &'static str, on: NaiveDate, today: NaiveDate },
    #[error("{}尚未发布：异议针对已发布的公示提出", .0.chinese())]
    NotPublished(Quarter),
    #[error("{0}不能为空")]
    Empty(&'static str),
    #[error("找不到第 {0} 号异议")]
    UnknownObjection(i64),
    #[error("{}的公示期到 {until} 已经结束，{on} 受理的异议已逾期：确要受理，请注明逾期受理", .quarter.chinese())]
    LateObjection { quarter: Quarter, until: NaiveDate, on: NaiveDate },
    #[error("第 {id} 号异议已于 {on} 处理过（{outcome}），不能再次处理")]
    AlreadyRuled { id: i64, on: NaiveDate, outcome: &'static str },
    #[error("异议成立须给出更正：冲销错记的记录，或补记应得的项目，或两者都有")]
    CorrectionRequired,
    #[error("积分记录 {id} 属于户号 {owner}，不是提出异议的户号 {household}")]
    OtherHousehold { id: EntryId, owner: String, household: String },
    // 积分评议 (review.rs).
    #[error("项目 {0} 须经评议：请先登记，评议通过后才入账")]
    NeedsReview(String),
    #[error("项目 {0} 不须评议，直接录入即可")]
    NoReviewNeeded(String),
    #[error("照片只随须评议的登记保存，本项目直接入账，不附照片")]
    PhotosNeedReview,
    #[error("「{0}」不是可用的身份，只能是 文书、评议、监督 或 组长")]
    UnknownRole(String),
    #[error("{0} 不在本积分簿的人员名单中，请先把他登记为人员")]
    UnknownPerson(String),
    #[error("{name} 已作为{role}登记过")]
    PersonExists { name: String, role: &'static str },
    #[error("{0} 已停用，不能再办理")]
    PersonRetired(String),
    #[error("{name} 是{role}，登记须由村民小组长、网格员或文书办理")]
    NotARegistrar { name: String, role: &'static str },
    #[error("{name} 是{role}，不是评议小组成员，不能参加评议")]
    NotOnPanel { name: String, role: &'static str },
    #[error("本积分簿还没有在任的评议小组成员，请先在人员名单中添加")]
    NoPanel,
    #[error("{0} 在到会人员中写了两次")]
    MemberTwice(String),
    #[error("评议会到会 {present} 人，不足法定人数 {needed} 人（评议小组在任 {panel} 人），不能评议")]
    QuorumNotMet { present: usize, needed: usize, panel: usize },
    #[error("评议会须至少评议一条登记")]
    NothingToReview,
    #[error("第 {0} 号登记在本次评议中写了两次")]
    DecidedTwice(i64),
    #[error("找不到第 {0} 号登记")]
    UnknownRegistration(i64),
    #[error("第 {id} 号登记已由第 {meeting} 次评议会评议过（{outcome}），不能再次评议")]
    AlreadyReviewed { id: i64, meeting: i64, outcome: &'static str },
    #[error("第 {id} 号登记的日期 {date} 晚于评议会日期 {on}")]
    MeetingBeforeDeed { id: i64, date: NaiveDate, on: NaiveDate },
    #[error("一个文件最多登记 {0} 条")]
    TooManyRegistrations(usize),
    #[error("一条登记最多附 {0} 张照片")]
    TooManyPhotos(usize),
    #[error("物品编号「{0}」应为 1 到 16 位字母或数字，如 G01")]
    BadGoodsCode(String),
    #[error("单位「{0}」应为 1 到 4 个字，如 瓶、袋")]
    BadUnit(String),
    #[error("单价不对：{reason}")]
    BadPrice { reason: String },
    #[error("数量「{text}」应为 1 到 {max} 的整数")]
    BadUnits { text: String, max: u32 },
    #[error("没有编号为 {0} 的物品")]
    UnknownGoods(String),
    #[error("物品编号 {0} 已经用过")]
    GoodsExists(String),
    #[error("{household} 的积分余额为 {balance} 分，本次兑换需 {cost} 分，余额不足")]
    BalanceShort { household: String, balance: String, cost: String },
    #[error("{name}（{goods}）库存只有 {stock}，不够兑换 {wanted}")]
    OutOfStock { goods: String, name: String, stock: i64, wanted: i64 },
    #[error("兑换至少要有一样物品")]
    NothingRedeemed,
    #[error("一次兑换最多 {0} 样物品")]
    TooManyLines(usize),
    #[error("{0} 在本次兑换中写了两次，请合并数量")]
    GoodsTwice(String),
    #[error("没有第 {0} 号兑换")]
    UnknownRedemption(i64),
    #[error("第 {0} 号兑换已经作废")]
    AlreadyCancelled(i64),
    #[error("请写明作废的原因")]
    CancelReason,
    #[error("兑换日期 {on} 早于上一笔兑换（{latest}）：兑换须按日期先后录入，补录旧单据请从最早的一张录起")]
    RedeemedOutOfOrder { on: NaiveDate, latest: NaiveDate },
    #[error("作废日期 {on} 早于兑换日期 {redeemed}")]
    CancelledBeforeRedeemed { on: NaiveDate, redeemed: NaiveDate },
    #[error("作废日期 {on} 所在的月份已经结束，那个月的报表不能再改；作废记在本月，日期填本月的")]
    CancelledInEndedMonth { on: NaiveDate },
    #[error("月份「{0}」应写成 2026-03 这样的格式")]
    BadMonth(String),
    #[error("第 {id} 号登记：{reason}")]
    AtRegistration { id: i64, reason: String },
    #[error("找不到第 {0} 次评议会")]
    UnknownMeeting(i64),
    #[error("第 {0} 号登记不同意，须写明理由")]
    RejectionReason(i64),
    #[error(
        "{}还有 {} 条登记待评议（最早的是第 {} 号，登记于 {}），评议后才能发布",
        .quarter.chinese(), .pending.count, .pending.first, .pending.registered_on
    )]
    PublishWithPending { quarter: Quarter, pending: crate::review::Pending },
    #[error(
        "{year} 年度还有 {} 条登记待评议（最早的是第 {} 号，登记于 {}），评议后才能结算",
        .pending.count, .pending.first, .pending.registered_on
    )]
    CloseWithPending { year: i32, pending: crate::review::Pending },
}

impl Refusal {
    /// The field a refusal is about, so a form can mark it and an import
    /// can name its column; `None` for refusals about the whole request.
    pub fn field(&self) -> Option<Field> {
        use Refusal as R;
        Some(match self {
            R::UnknownHousehold(_) | R::HouseholdInactive { .. } => Field::Household,
            R::HouseholdExists(_) => Field::Code,
            R::UnknownItem { .. } | R::NoRulebook { .. } => Field::Item,
            R::BadPoints { .. }
            | R::PointsFixed { .. }
            | R::PointsRequired { .. }
            | R::PointsOutOfRange { .. }
            | R::CapExceeded { .. } => Field::Points,
            R::BadQuantity { .. } => Field::Qty,
            R::BadDate { .. }
            | R::QuarterPublished(_)
            | R::PublishedTooEarly { .. }
            | R::PublishedTooFarAhead { .. }
            | R::PublishedBeforeFact { .. }
            | R::InFuture { .. }
            | R::RedeemedOutOfOrder { .. }
            | R::CancelledBeforeRedeemed { .. }
            | R::CancelledInEndedMonth { .. } => Field::Date,
            R::TooLong { field, .. } | R::Required(field) => *field,
            R::BadMembers { .. } => Field::Members,
            R::MovedOutBeforeIn { .. } => Field::ActiveTo,
            R::EntriesOutsideRoster { move_in_by: Some(_), move_out_from: None, .. } => Field::ActiveFrom,
            R::EntriesOutsideRoster { .. } => Field::ActiveTo,
            R::ReasonRequired | R::RejectionReason(_) | R::CancelReason => Field::Reason,
            R::BalanceShort { .. } | R::UnknownGoods(_) | R::OutOfStock { .. } | R::GoodsTwice(_) => Field::Item,
            R::BadUnits { .. } => Field::Qty,
            R::BadPrice { .. } => Field::Points,
            R::NeedsReview(_) | R::NoReviewNeeded(_) => Field::Item,
            R::PhotosNeedReview => Field::File,
            R::NotARegistrar { .. } => Field::By,
            _ => return None,
        })
    }
}
/// An operating system error in Chinese: what happened and what to do,
/// with the system's code, never its English text.
pub fn explain_io(e: &std::io::Error) -> String {
    let code = e.raw_os_error().map(|c| format!("（系统错误码 {c}）")).unwrap_or_default();
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "找不到文件或文件夹；若在 U 盘上，请检查 U 盘是否已插好",
        std::io::ErrorKind::PermissionDenied => "没有权限；请换一个自己有权限的文件夹",
        std::io::ErrorKind::ReadOnlyFilesystem => "所在位置只读（U 盘可能开了写保护）；请换一个可写的位置",
        std::io::ErrorKind::StorageFull => "磁盘已满；请清理出空间后重试",
        std::io::ErrorKind::AlreadyExists => "文件已经存在",
        std::io::ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        std::io::ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof => "文件内容不完整或已损坏",
        std::io::ErrorKind::Interrupted | std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
            "操作被打断；请重试"
        }
        _ => match e.raw_os_error() {
            Some(_) => "磁盘读写失败；若在 U 盘上，请检查 U 盘是否已拔出",
            // Errors the program makes itself carry a Chinese text already.
            None => return e.to_string(),
        },
    };
    format!("{what}{code}")
}
