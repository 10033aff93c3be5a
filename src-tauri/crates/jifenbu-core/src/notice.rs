//! The public notice (公示) of a quarter's ranking: everything it says
//! besides the table, worked out here so every front end prints the same.

use chrono::{Days, NaiveDate};

use crate::error::{Error, InputError};
use crate::{Entry, Quarter, Ranking, Refusal};

/// Who a printout comes from: the top and the signature of every page set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    pub village: String,
    /// Who issues it, e.g. `青溪村村民委员会`.
    pub issuer: String,
    /// The rulebook's name and version (see `Rulebook::title`).
    pub rulebook: String,
}

/// What a quarter's notice shows. Laid out on paper by `jifenbu-print`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub head: Letterhead,
    pub ranking: Ranking,
    /// `None` prints a draft (草稿): the quarter is not published yet.
    pub seal: Option<Seal>,
    /// The date a draft is printed on; a published notice uses its seal's.
    pub drafted_on: NaiveDate,
    /// Days the notice hangs for objections (公示期).
    pub period_days: u32,
    /// Where and to whom objections go, e.g. `村务监督委员会（村委会办公室）`.
    pub objections_to: String,
    /// How (the rulebook's `objections_in`) and within how many days a
    /// reply comes (`objection_reply_days`).
    pub objections_in: String,
    pub objection_reply_days: Option<u32>,
    /// The rulebook's star levels, lowest first, so the notice can say
    /// what each needs.
    pub stars: Vec<crate::rulebook::StarLevel>,
    /// The days of the review meetings (评议会) that decided the quarter's
    /// registrations; empty where nothing was reviewed.
    pub meetings: Vec<NaiveDate>,
    /// Entries posted in the quarter, for the appendix; empty for none.
    pub details: Vec<Entry>,
    /// Whether the appendix prints deduct items' notes (the rulebook's
    /// `detail_deduct_notes`); if not, such items show by name only.
    pub deduct_notes: bool,
    /// 积分规则摘要, three lines (`Rulebook::summary`).
    pub rules_summary: Vec<String>,
}

/// What publishing fixed: the date and the digest of the frozen rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    pub published_on: NaiveDate,
    /// SHA-256 (hex) of the frozen ranking.
    pub digest: String,
    /// The day the quarter was keyed in from paper, after its notice's day
    /// (补录), if it was.
    pub backfilled_on: Option<NaiveDate>,
}

impl Notice {
    /// `青溪村 2025年第一季度 村民积分公示`.
    pub fn title(&self) -> String {
        format!("{} {} 村民积分公示", self.head.village, self.ranking.quarter.chinese())
    }

    pub fn is_draft(&self) -> bool {
        self.seal.is_none()
    }

    pub fn issued_on(&self) -> NaiveDate {
        self.seal.as_ref().map_or(self.drafted_on, |s| s.published_on)
    }

    /// First and last day of the notice period, counting the day of
    /// publishing; `None` for a draft, whose period has not begun.
    pub fn period(&self) -> Option<(NaiveDate, NaiveDate)> {
        let from = self.seal.as_ref()?.published_on;
        Some((from, period_end(from, self.period_days)))
    }

    /// What each star level needs, and what a veto means:
    /// 星级按年度累计评定：★ 满 105 分，★★ 满 110 分；…
    pub fn stars_text(&self) -> String {
        let levels: Vec<String> = self
            .stars
            .iter()
            .map(|s| format!("{} 满 {} 分", "★".repeat(usize::from(s.level)), crate::points::format(s.min)))
            .collect();
        let veto = "标“一票否决”的户本年度有一票否决事项，不评星级。";
        match levels.is_empty() {
            true => format!("星级一栏中 ★ 的个数即星级；{veto}"),
            false => format!("星级按年度累计评定：{}；{veto}", levels.join("，")),
        }
    }

    /// 本季度积分经2026年3月28日、2026年4月2日积分评议会评议。 — `None`
    /// where the quarter had no review.
    pub fn review_text(&self) -> Option<String> {
        if self.meetings.is_empty() {
            return None;
        }
        let days: Vec<String> = self.meetings.iter().map(|d| chinese_date(*d)).collect();
        Some(format!("本季度积分经{}积分评议会评议。", days.join("、")))
    }

    /// A backfilled notice's second date: 本公示于2026年12月7日补录…
    pub fn backfill_text(&self) -> Option<String> {
        let on = self.seal.as_ref()?.backfilled_on?;
        Some(format!("本公示于{}照纸质底稿补录，落款日期为当时张贴公示之日。", chinese_date(on)))
    }

    /// Where to go, how, by when, and when the answer comes:
    /// 对公示结果有异议的，请于2025年10月9日前以书面形式向…提出，10 日内答复。
    pub fn objections_text(&self) -> String {
        objections_sentence(
            self.period().map(|(_, until)| until),
            &self.objections_in,
            &self.objections_to,
            self.objection_reply_days,
        )
    }

    /// A code short enough to read aloud (`1A2B-3C4D`): the first eight hex
    /// digits of the published digest, which the town's export file carries
    /// in full.
    pub fn verification_code(&self) -> Option<String> {
        verification_code(&self.seal.as_ref()?.digest)
    }
}

/// What a notice says of objections: by when (the period's last day, or
/// within the period for a draft), how, to whom, and when the answer comes.
pub fn objections_sentence(until: Option<NaiveDate>, how: &str, to: &str, reply_days: Option<u32>) -> String {
    let by_when = match until {
        Some(until) => format!("请于{}前", chinese_date(until)),
        None => "请在公示期内".to_string(),
    };
    let reply = reply_days.map(|d| format!("，{d} 日内给予答复")).unwrap_or_default();
    format!("对公示结果有异议的，{by_when}以{how}形式向{to}提出{reply}。")
}

/// The last day of a notice period of `days` days that starts on `from`
/// (the day of publishing counts).
pub fn period_end(from: NaiveDate, days: u32) -> NaiveDate {
    let days = u64::from(days.max(1)) - 1;
    from.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

/// An objection to `quarter` received `on` may be recorded: within the
/// notice period (up to `until`), or after it only marked late (逾期受理),
/// which every list and paper then says.
pub fn objection_in_time(quarter: Quarter, until: NaiveDate, on: NaiveDate, late: bool) -> Result<(), Refusal> {
    match on > until && !late {
        true => Err(Refusal::LateObjection { quarter, until, on }),
        false => Ok(()),
    }
}

/// The code a notice prints for a publishing digest: `4A10-578F`.
pub fn verification_code(digest: &str) -> Option<String> {
    let head = digest.get(..8)?.to_ascii_uppercase();
    Some(format!("{}-{}", &head[..4], &head[4..]))
}

/// A code read off a posted notice, e.g. from a photo of the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedCode {
    pub file: String,
    pub line: usize,
    pub quarter: Quarter,
    /// As typed, e.g. `4a10 578f`.
    pub code: String,
}

impl PostedCode {
    /// Whether `digest` is the one whose code this is (case, spaces and
    /// dashes aside).
    pub fn matches(&self, digest: &str) -> bool {
        let typed: String = self.code.chars().filter(char::is_ascii_hexdigit).collect();
        typed.len() == 8 && digest.get(..8).is_some_and(|d| d.eq_ignore_ascii_case(&typed))
    }
}

/// A list of posted codes holds a few per quarter; more lines than this is
/// some other file.
const MAX_CODE_LINES: usize = 10_000;

/// Reads a list of posted codes, one per line: the quarter, then the code
/// (`2025Q1 4A10-578F`, or with a comma, tab or colon between). Blank lines
/// and lines starting with `#` are skipped.
pub fn read_posted_codes(file: &str, text: &str) -> Result<Vec<PostedCode>, Error> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if i == MAX_CODE_LINES {
            let reason = format!("超过 {MAX_CODE_LINES} 行，不像校验码清单");
            errors.push(InputError { file: file.into(), line: i + 1, column: None, field: String::new(), reason });
            break;
        }
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(2, |c: char| c.is_whitespace() || matches!(c, ',' | '，' | ':' | '：'));
        let (quarter, code) = (parts.next().unwrap_or(""), parts.next().unwrap_or("").trim());
        let field = |field: &str, reason: String| InputError {
            file: file.into(),
            line: i + 1,
            column: None,
            field: field.into(),
            reason,
        };
        let hex = code.chars().filter(char::is_ascii_hexdigit).count();
        match quarter.parse::<Quarter>() {
            Err(_) => {
                errors.push(field("季度", format!("「{}」不是季度，应写成 2025Q1", crate::parse::quote(quarter))))
            }
            Ok(_) if hex != 8 || code.chars().any(|c| !c.is_ascii_hexdigit() && c != '-' && c != ' ') => {
                errors.push(field("校验码", format!("「{}」不是校验码，应写成 4A10-578F", crate::parse::quote(code))))
            }
            Ok(quarter) => out.push(PostedCode { file: file.into(), line: i + 1, quarter, code: code.into() }),
        }
        if errors.len() >= crate::import::MAX_REPORTED {
            break;
        }
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    Ok(out)
}

/// `2025年4月3日`, as dates are written on notices.
pub fn chinese_date(date: NaiveDate) -> String {
    date.format("%Y年%-m月%-d日").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 15, item 11: the notice says what each star level needs.
    #[test]
    fn the_star_levels_are_spelled_out() {
        let mut n = notice(None);
        n.stars = crate::test_support::book("year_to_date").stars;
        assert_eq!(
            n.stars_text(),
            "星级按年度累计评定：★ 满 105 分，★★ 满 110 分；标“一票否决”的户本年度有一票否决事项，不评星级。"
        );
    }

    /// Issue 15, item 6: where, how, by when and when the answer comes.
    #[test]
    fn the_objections_sentence_says_where_how_and_by_when() {
        let published = notice(Some(Seal {
            published_on: "2025-10-03".parse().unwrap(),
            digest: "ab".into(),
            backfilled_on: None,
        }));
        assert_eq!(
            published.objections_text(),
            "对公示结果有异议的，请于2025年10月9日前以书面形式向村务监督委员会提出，10 日内给予答复。"
        );
        assert!(notice(None).objections_text().starts_with("对公示结果有异议的，请在公示期内以书面形式"));
    }

    #[test]
    fn posted_codes_are_read_loosely_and_refused_by_line() {
        let codes = read_posted_codes("码.txt", "# 公示栏照片\n2025Q1 4a10-578f\n\n2025Q2，1234 ABCD\n").unwrap();
        assert_eq!(codes.len(), 2);
        assert_eq!((codes[0].line, codes[0].quarter.to_string()), (2, "2025Q1".to_string()));
        assert!(codes[0].matches("4a10578fdeadbeef"));
        assert!(!codes[1].matches("4a10578fdeadbeef"));
        let Err(Error::Input(errors)) = read_posted_codes("码.txt", "2025Q5 4A10-578F\n2025Q1 4A10-57\n") else {
            panic!("bad lines refused")
        };
        assert_eq!((errors[0].line, errors[0].field.as_str()), (1, "季度"));
        assert_eq!((errors[1].line, errors[1].field.as_str()), (2, "校验码"));
    }

    fn notice(seal: Option<Seal>) -> Notice {
        Notice {
            head: Letterhead {
                village: "青溪村".into(),
                issuer: "青溪村村民委员会".into(),
                rulebook: "通则（2025版）".into(),
            },
            ranking: Ranking { quarter: Quarter::new(2025, 1).unwrap(), rows: vec![] },
            seal,
            drafted_on: "2025-03-20".parse().unwrap(),
            period_days: 7,
            objections_to: "村务监督委员会".into(),
            objections_in: "书面".into(),
            objection_reply_days: Some(10),
            stars: vec![],
            meetings: vec![],
            details: vec![],
            deduct_notes: true,
            rules_summary: vec![],
        }
    }

    #[test]
    fn published_notice_period_and_code() {
        let n = notice(Some(Seal {
            published_on: "2025-04-03".parse().unwrap(),
            digest: "1a2b3c4d5e".into(),
            backfilled_on: None,
        }));
        assert_eq!(n.title(), "青溪村 2025年第一季度 村民积分公示");
        assert_eq!(n.period(), Some(("2025-04-03".parse().unwrap(), "2025-04-09".parse().unwrap())));
        assert_eq!(n.verification_code().as_deref(), Some("1A2B-3C4D"));
        assert_eq!(chinese_date(n.issued_on()), "2025年4月3日");
    }

    #[test]
    fn draft_has_no_period_or_code() {
        let n = notice(None);
        assert!(n.is_draft());
        assert_eq!(n.period(), None);
        assert_eq!(n.verification_code(), None);
        assert_eq!(n.issued_on(), "2025-03-20".parse().unwrap());
    }
}
