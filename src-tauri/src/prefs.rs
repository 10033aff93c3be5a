//! The clerk's own preferences, kept apart from any village book: who is
//! entering points, which books were opened lately, where backups go.
//! Written whole or not at all (`jifenbu_store::write_atomically`), so a
//! crash never leaves half a file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{AppError, Result};

/// How many recently opened books the start screen offers.
const RECENT: usize = 8;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Stamped on every entry (录入人).
    pub operator: String,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Where 立即备份 and the backup on close write; `积分簿备份` in the
    /// user's Documents (or home) folder when unset, where a clerk finds it.
    pub backup_dir: Option<PathBuf>,
    /// On unless the clerk turns it off: a backup nobody asked for is the
    /// one that saves a year of records.
    pub backup_on_close: bool,
    /// RFC 3339 time of the last backup, and where it went.
    pub last_backup: Option<(String, PathBuf)>,
    /// 镇汇总's report: the town's name and the body that seals it.
    pub town: String,
    pub town_issuer: String,
}

impl Default for Prefs {
    fn default() -> Prefs {
        Prefs {
            operator: String::new(),
            recent: Vec::new(),
            backup_dir: None,
            backup_on_close: true,
            last_backup: None,
            town: String::new(),
            town_issuer: String::new(),
        }
    }
}

/// Days without a backup after which 开始 warns.
pub const BACKUP_WARN_DAYS: i64 = 7;

impl Prefs {
    /// A warning for 开始 when the last backup is older than
    /// [`BACKUP_WARN_DAYS`] on `today`, or there has been none.
    pub fn backup_warning(&self, today: chrono::NaiveDate) -> Option<String> {
        let Some((when, _)) = &self.last_backup else {
            return Some("还没有备份过积分簿：请到「设置」立即备份，最好再备份到 U 盘".into());
        };
        let day: chrono::NaiveDate = when.get(..10)?.parse().ok()?;
        let days = (today - day).num_days();
        (days > BACKUP_WARN_DAYS).then(|| format!("已经 {days} 天没有备份了：请到「设置」立即备份，最好再备份到 U 盘"))
    }

    /// The preferences at `path`; defaults when the file is missing or
    /// unreadable (a broken preferences file must not lock the clerk out).
    pub fn load(path: &Path) -> Prefs {
        std::fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |source| AppError::Io { path: path.display().to_string(), source };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let bytes = serde_json::to_vec_pretty(self).expect("preferences serialize");
        jifenbu_store::write_atomically(path, |w| std::io::Write::write_all(w, &bytes)).map_err(io)
    }

    /// Puts `book` at the top of the recent list.
    pub fn opened(&mut self, book: &Path) {
        self.recent.retain(|p| p != book);
        self.recent.insert(0, book.to_path_buf());
        self.recent.truncate(RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_books_are_unique_newest_first_and_bounded() {
        let mut p = Prefs::default();
        for i in 0..10 {
            p.opened(Path::new(&format!("/b/{i}.jfb")));
        }
        p.opened(Path::new("/b/5.jfb"));
        assert_eq!(p.recent.len(), RECENT);
        assert_eq!(p.recent[0], Path::new("/b/5.jfb"));
        assert_eq!(p.recent.iter().filter(|r| r.ends_with("5.jfb")).count(), 1);
    }

    /// Issue 12, defect 22: backing up on close is on by default, and 开始
    /// warns once the last backup is more than a week old.
    #[test]
    fn backups_are_on_by_default_and_an_old_one_is_warned_of() {
        let mut p = Prefs::default();
        assert!(p.backup_on_close);
        let today: chrono::NaiveDate = "2026-12-01".parse().unwrap();
        assert!(p.backup_warning(today).unwrap().contains("还没有备份过"));
        p.last_backup = Some(("2026-11-24 09:00".into(), PathBuf::from("/b/x.jfb")));
        assert_eq!(p.backup_warning(today), None);
        p.last_backup = Some(("2026-11-23 09:00".into(), PathBuf::from("/b/x.jfb")));
        assert!(p.backup_warning(today).unwrap().contains("已经 8 天没有备份"));
    }

    #[test]
    fn a_broken_file_gives_defaults_and_saving_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.json");
        std::fs::write(&path, b"{not json").unwrap();
        assert!(Prefs::load(&path).operator.is_empty());
        let p = Prefs { operator: "李文书".into(), ..Prefs::default() };
        p.save(&path).unwrap();
        assert_eq!(Prefs::load(&path).operator, "李文书");
    }
}
