//! Points are exact decimals (never floats). This module fixes how they are
//! read from people and written for people and machines.

use rust_decimal::Decimal;

/// The finest unit a points value may have: 0.01. Books store points as whole
/// hundredths so that SQL sums stay exact integers.
pub const SCALE: u32 = 2;

/// The largest magnitude anyone may write: far above any entry (999 times
/// an item's 1,000 points at most), far below where sums could overflow.
pub const MAX_MAGNITUDE: i64 = 1_000_000;

/// Reads a magnitude written by a person (`2`, `0.5`, `1.25`): positive, at
/// most two decimal places, no sign, at most [`MAX_MAGNITUDE`]. The error
/// is a Chinese reason.
pub fn parse_magnitude(text: &str) -> Result<Decimal, String> {
    let text = crate::parse::half_width(text);
    let t = text.trim();
    let shown = crate::parse::quote(t);
    let value: Decimal = t.parse().map_err(|_| format!("「{shown}」不是数字"))?;
    if value.abs() > Decimal::from(MAX_MAGNITUDE) {
        return Err(format!("分值「{shown}」太大，不能超过 {MAX_MAGNITUDE}"));
    }
    if t.starts_with(['+', '-']) {
        return Err(format!("分值「{shown}」不带正负号，加减由项目类别决定"));
    }
    if value <= Decimal::ZERO {
        return Err(format!("分值「{shown}」必须大于 0"));
    }
    if value.normalize().scale() > SCALE {
        return Err(format!("分值「{shown}」最多保留两位小数"));
    }
    Ok(value.normalize())
}

/// Canonical text of a points value: plain decimal, `.` separator, no
/// thousands separator, no trailing zeros (`12.5`, `12`, `-3`, never `-0`).
pub fn format(value: Decimal) -> String {
    let v = value.normalize();
    if v.is_zero() {
        "0".to_string()
    } else {
        v.to_string()
    }
}

/// Whole hundredths of a point, as books store them.
pub fn to_cents(value: Decimal) -> i64 {
    let cents = (value * Decimal::ONE_HUNDRED).round();
    i64::try_from(cents).expect("points within i64 hundredths")
}

/// The points value of whole hundredths.
pub fn from_cents(cents: i64) -> Decimal {
    Decimal::new(cents, SCALE).normalize()
}

/// Rounds half away from zero (四舍五入) to two decimal places, for averages
/// and ratios.
pub fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn canonical_format() {
        assert_eq!(format(d("12.50")), "12.5");
        assert_eq!(format(d("12.00")), "12");
        assert_eq!(format(d("-3")), "-3");
        assert_eq!(format(d("-0.00")), "0");
        assert_eq!(format(d("1200")), "1200");
    }

    #[test]
    fn magnitudes() {
        assert_eq!(parse_magnitude(" 0.5 ").unwrap(), d("0.5"));
        assert_eq!(parse_magnitude("2.50").unwrap(), d("2.5"));
        assert!(parse_magnitude("-2").unwrap_err().contains("正负号"));
        assert!(parse_magnitude("0").unwrap_err().contains("大于 0"));
        assert!(parse_magnitude("0.125").unwrap_err().contains("两位小数"));
        assert!(parse_magnitude("abc").unwrap_err().contains("不是数字"));
        // Issue 16, crash B/C: a number that would overflow a sum is refused at the door.
        assert!(parse_magnitude("79228162514264337593543950335").unwrap_err().contains("太大"));
        assert!(parse_magnitude("1000001").unwrap_err().contains("太大"));
    }

    #[test]
    fn cents_round_trip() {
        assert_eq!(to_cents(d("-12.5")), -1250);
        assert_eq!(from_cents(-1250), d("-12.5"));
        assert_eq!(format(from_cents(200)), "2");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round2(d("2.345")), d("2.35"));
        assert_eq!(round2(d("-2.345")), d("-2.35"));
        assert_eq!(round2(d("2.344")), d("2.34"));
    }
}
