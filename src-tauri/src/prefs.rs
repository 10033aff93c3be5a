//! The clerk's own preferences, kept apart from any village book: who is
//! entering points, which books were opened lately, where backups go.
//! Written whole or not at all (`jifenbu_store::write_atomically`), so a
//! crash never leaves half a file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{AppError, Result};

/// How many recently opened books the start screen offers.
const RECENT: usize = 8;

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Stamped on every entry (录入人).
    pub operator: String,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Where 立即备份 and the backup on close write; the app's own backup
    /// folder when unset.
    pub backup_dir: Option<PathBuf>,
    pub backup_on_close: bool,
    /// RFC 3339 time of the last backup, and where it went.
    pub last_backup: Option<(String, PathBuf)>,
}

impl Prefs {
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
