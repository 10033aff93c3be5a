//! The clock as the book records it: times stored as local RFC 3339 text,
//! dates read back from them. A leaf every module may use.

use chrono::NaiveDate;

/// The local time now, as recorded on entries and publications.
pub(crate) fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Today, by the same clock as [`now`].
pub(crate) fn today() -> NaiveDate {
    date_of(&now())
}

/// The date part of a stored RFC 3339 time (`2025-04-03T09:12:00+08:00`).
pub(crate) fn date_of(time: &str) -> NaiveDate {
    time.get(..10).and_then(|d| d.parse().ok()).unwrap_or_default()
}
