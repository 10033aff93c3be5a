//! One parser per value a person writes: dates, quantities, points and
//! free text. The command line, every importer and the app call these, so a
//! value means the same wherever it was typed, and every value that comes in
//! has a bound.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::error::Refusal;
use crate::field::Field;
use crate::points;

/// Dates outside these years are typing slips (`0015-12-03`, `9999-12-31`).
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;

/// The most occurrences one entry may count.
pub const MAX_QTY: u32 = 999;

/// `text` with the full-width forms a pinyin input method types in
/// full-width mode (`１２`, `２．５`, `－`, `２０２６／３／５`) as their ASCII
/// forms, and 。 as a point: every number and date reads them alike.
pub fn half_width(text: &str) -> std::borrow::Cow<'_, str> {
    let wide = |c: char| ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}' || c == '。';
    if !text.chars().any(wide) {
        return std::borrow::Cow::Borrowed(text);
    }
    let narrow = |c: char| match c {
        '\u{3000}' => ' ',
        '。' => '.',
        c if wide(c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    };
    std::borrow::Cow::Owned(text.chars().map(narrow).collect())
}

/// Reads a full date: `2025-03-15`, `2025-3-5`, `2025/3/5`, `2025.3.5` or
/// `2025年3月5日`, with a year from 1900 to 2100.
pub fn date(text: &str) -> Result<NaiveDate, Refusal> {
    date_parts(text, None)
}

/// Reads a date as a clerk types it: a full date, or month and day alone
/// (`3-5`, `3/5`, `3月5日`), which mean that day of `today`'s year.
pub fn date_this_year(text: &str, today: NaiveDate) -> Result<NaiveDate, Refusal> {
    date_parts(text, Some(today.year()))
}

fn date_parts(text: &str, this_year: Option<i32>) -> Result<NaiveDate, Refusal> {
    let text = half_width(text);
    let t = text.trim();
    let bad = || Refusal::BadDate { text: quote(t), short: this_year.is_some() };
    let parts: Vec<&str> = t.trim_end_matches('日').split(['-', '/', '.', '年', '月']).collect();
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let (year, month, day) = match (parts.as_slice(), this_year) {
        ([y, m, d], _) => (number(y, 4..=4).ok_or_else(bad)? as i32, number(m, 1..=2), number(d, 1..=2)),
        ([m, d], Some(y)) => (y, number(m, 1..=2), number(d, 1..=2)),
        _ => return Err(bad()),
    };
    let (Some(month), Some(day)) = (month, day) else { return Err(bad()) };
    NaiveDate::from_ymd_opt(year, month, day).filter(|_| (FIRST_YEAR..=LAST_YEAR).contains(&year)).ok_or_else(bad)
}

/// Reads a quantity: a whole number from 1 to [`MAX_QTY`]; empty means 1.
pub fn qty(text: &str) -> Result<u32, Refusal> {
    match half_width(text).trim() {
        "" => Ok(1),
        t => t.parse::<u32>().ok().filter(|n| (1..=MAX_QTY).contains(n)).ok_or(Refusal::BadQuantity { text: quote(t) }),
    }
}

/// Reads a month, `2026-03` (or `2026/3`), in the years dates may have.
pub fn month(text: &str) -> Result<(i32, u32), Refusal> {
    let text = half_width(text);
    let bad = || Refusal::BadMonth(quote(text.trim()));
    let (y, m) = text.trim().split_once(['-', '/']).ok_or_else(bad)?;
    let year: i32 = y.trim().parse().map_err(|_| bad())?;
    let month: u32 = m.trim().parse().map_err(|_| bad())?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) || !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok((year, month))
}

/// Reads a household's number of members (人口): 0 to 999.
pub fn members(text: &str) -> Result<u32, Refusal> {
    let text = half_width(text);
    let t = text.trim();
    t.parse::<u32>().ok().filter(|n| *n <= 999).ok_or(Refusal::BadMembers { text: quote(t) })
}

/// Reads stated points, a magnitude (see [`points::parse_magnitude`]);
/// empty means "the item's own points".
pub fn stated_points(text: &str) -> Result<Option<Decimal>, Refusal> {
    match text.trim() {
        "" => Ok(None),
        t => points::parse_magnitude(t).map(Some).map_err(|reason| Refusal::BadPoints { reason }),
    }
}

/// The longest text, in characters, each field may hold: long enough for
/// any real name, address or note, short enough to print on a notice.
pub fn max_chars(field: Field) -> usize {
    match field {
        Field::Household | Field::Code | Field::Item | Field::Head | Field::Group | Field::Operator => 20,
        Field::Village => 30,
        Field::Phone => 40,
        Field::Address | Field::Issuer | Field::ObjectionsTo => 100,
        // Notes, reasons, and anything else typed freely.
        _ => 200,
    }
}

/// Text a field must have (trimmed): refused when empty or beyond its bound.
pub fn required_text(field: Field, value: &str) -> Result<(), Refusal> {
    if value.is_empty() {
        return Err(Refusal::Required(field));
    }
    text(field, value)
}

/// Checks free text against its field's bound ([`max_chars`]).
pub fn text(field: Field, value: &str) -> Result<(), Refusal> {
    let max = max_chars(field);
    match value.chars().count() {
        n if n > max => Err(Refusal::TooLong { field, max, given: n }),
        _ => Ok(()),
    }
}

/// A value as quoted in a message: cut to 30 characters, so a refusal
/// never echoes a whole oversized cell back.
pub fn quote(text: &str) -> String {
    const SHOWN: usize = 30;
    match text.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 26, gap 3: what a pinyin input method types in full-width mode
    /// reads as its half-width form, in every number and date.
    #[test]
    fn full_width_digits_and_punctuation_read_as_half_width() {
        let today = d("2026-12-01");
        assert_eq!(qty("１２"), Ok(12));
        assert_eq!(stated_points("２．５"), Ok(Some("2.5".parse().unwrap())));
        assert_eq!(stated_points("２。５"), Ok(Some("2.5".parse().unwrap())));
        assert_eq!(date_this_year("２０２６／３／５", today), Ok(d("2026-03-05")));
        assert_eq!(date_this_year("３－５", today), Ok(d("2026-03-05")));
        assert_eq!(members("　３　"), Ok(3));
        assert_eq!(month("２０２６－０３"), Ok((2026, 3)));
        assert!(stated_points("－２").unwrap_err().to_string().contains("不带正负号"));
        assert_eq!(half_width("张三丰"), "张三丰", "names are left alone");
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_in_every_written_form() {
        for t in ["2025-03-05", "2025-3-5", "2025/3/5", "2025.3.5", "2025年3月5日", " 2025/03/05 "] {
            assert_eq!(date(t), Ok(d("2025-03-05")), "{t}");
        }
        let today = d("2026-12-01");
        assert_eq!(date_this_year("3-5", today), Ok(d("2026-03-05")));
        assert_eq!(date_this_year("3/15", today), Ok(d("2026-03-15")));
        assert_eq!(date_this_year("2025-3-15", today), Ok(d("2025-03-15")));
    }

    #[test]
    fn dates_that_are_slips() {
        for t in
            ["3-5", "2025-02-30", "2025-13-01", "0015-12-03", "9999-12-31", "25-3-5", "2025-3", "abc", "", "2025-3-5-1"]
        {
            assert!(matches!(date(t), Err(Refusal::BadDate { .. })), "{t}");
        }
        let msg = date("2025-02-30").unwrap_err().to_string();
        assert_eq!(msg, "「2025-02-30」不是有效日期，应写作 2026-03-15 这样的形式");
        assert_eq!(Refusal::BadDate { text: "x".into(), short: false }.field(), Some(Field::Date));
    }

    #[test]
    fn quantities() {
        assert_eq!(qty(""), Ok(1));
        assert_eq!(qty(" 3 "), Ok(3));
        for t in ["0", "-1", "1.5", "abc", "1000", "99999999999"] {
            assert!(qty(t).is_err(), "{t}");
        }
        assert_eq!(qty("abc").unwrap_err().field(), Some(Field::Qty));
    }

    #[test]
    fn text_bounds_and_quotes() {
        assert!(text(Field::Head, "欧阳堃").is_ok());
        assert!(matches!(text(Field::Head, &"张".repeat(21)), Err(Refusal::TooLong { max: 20, given: 21, .. })));
        let long = "甲".repeat(10_000);
        assert_eq!(quote(&long).chars().count(), 31);
        assert_eq!(quote("短"), "短");
    }
}
