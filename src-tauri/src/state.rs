//! What the app holds between commands: the open book (one at a time) and
//! the clerk's preferences. Commands lock one, do their work, and let go.

use jifenbu_core::Field;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use jifenbu_core::VillageExport;
use jifenbu_store::{Book, Photo};

use crate::error::{AppError, Result};
use crate::prefs::Prefs;

pub struct AppState {
    book: Mutex<Option<Book>>,
    prefs: Mutex<Prefs>,
    /// A rulebook file read and shown, waiting for the clerk's yes.
    held_rulebook: Mutex<Option<(String, String)>>,
    /// 镇汇总's village files, in the order added.
    town: Mutex<Vec<TownFile>>,
    /// The printout last previewed, kept so it can be saved (again).
    printout: Mutex<Option<Printout>>,
    /// An entries file refused for likely duplicates, kept so the clerk can
    /// import it anyway without picking it again.
    held_import: Mutex<Option<PathBuf>>,
    /// Photos chosen for a registration not yet saved, shrunk already.
    held_photos: Mutex<Vec<Photo>>,
    /// The app's own data folder (demo book, preferences).
    pub data_dir: PathBuf,
    /// Where backups go unless the clerk chose a folder.
    default_backups: PathBuf,
}

impl AppState {
    pub fn new(data_dir: PathBuf, default_backups: PathBuf) -> AppState {
        let prefs = Prefs::load(&data_dir.join("prefs.json"));
        AppState {
            book: Mutex::new(None),
            prefs: Mutex::new(prefs),
            held_rulebook: Mutex::new(None),
            town: Mutex::new(Vec::new()),
            printout: Mutex::new(None),
            held_import: Mutex::new(None),
            held_photos: Mutex::new(Vec::new()),
            data_dir,
            default_backups,
        }
    }

    /// Runs `f` on the open book.
    /// Errors about the book are said of its file (a full disk, a damaged
    /// book and its latest backup).
    pub fn with_book<T>(&self, f: impl FnOnce(&mut Book) -> Result<T>) -> Result<T> {
        let mut guard = lock(&self.book);
        let book = guard.as_mut().ok_or(AppError::NoBook)?;
        let path = book.path().to_path_buf();
        f(book).map_err(|e| match e {
            AppError::Store(e) => AppError::Store(e.in_book(&path)),
            other => other,
        })
    }

    /// Replaces the open book with `book`, which becomes the newest recent one.
    pub fn set_book(&self, book: Book) -> Result<()> {
        let path = book.path().to_path_buf();
        *lock(&self.book) = Some(book);
        self.update_prefs(|p| p.opened(&path))
    }

    /// Takes the open book out, e.g. to restore over it.
    pub fn take_book(&self) -> Result<Book> {
        lock(&self.book).take().ok_or(AppError::NoBook)
    }

    /// Keeps a previewed rulebook (file name, text) until it is accepted.
    pub fn hold_rulebook(&self, file_name: String, source: String) {
        *lock(&self.held_rulebook) = Some((file_name, source));
    }

    /// Takes the previewed rulebook, if any.
    pub fn held_rulebook(&self) -> Option<(String, String)> {
        lock(&self.held_rulebook).take()
    }

    pub fn hold_import(&self, path: Option<PathBuf>) {
        *lock(&self.held_import) = path;
    }

    pub fn held_import(&self) -> Option<PathBuf> {
        lock(&self.held_import).take()
    }

    pub fn hold_photo(&self, photo: Photo) {
        let mut held = lock(&self.held_photos);
        if !held.iter().any(|p| p.hash == photo.hash) {
            held.push(photo);
        }
    }

    pub fn held_photo(&self, key: &str) -> Option<Photo> {
        lock(&self.held_photos).iter().find(|p| p.key() == key).cloned()
    }

    /// The held photos named by `keys`, in that order; refused when one is
    /// no longer held (the app restarted since it was chosen).
    pub fn held_photos(&self, keys: &[String]) -> Result<Vec<Photo>> {
        keys.iter()
            .map(|k| self.held_photo(k).ok_or_else(|| AppError::input(Field::File, "照片已失效，请重新选择")))
            .collect()
    }

    /// Lets go of every held photo, once they are saved.
    pub fn drop_photos(&self) {
        lock(&self.held_photos).clear();
    }

    pub fn hold_printout(&self, printout: Printout) {
        *lock(&self.printout) = Some(printout);
    }

    pub fn printout(&self) -> Option<Printout> {
        lock(&self.printout).clone()
    }

    pub fn with_town<T>(&self, f: impl FnOnce(&[TownFile]) -> T) -> T {
        f(&lock(&self.town))
    }

    pub fn update_town(&self, f: impl FnOnce(&mut Vec<TownFile>)) {
        f(&mut lock(&self.town))
    }

    pub fn prefs(&self) -> Prefs {
        lock(&self.prefs).clone()
    }

    /// Who is entering, refused while unnamed: every entry says who made it.
    pub fn operator(&self) -> Result<String> {
        let name = self.prefs().operator;
        if name.trim().is_empty() {
            return Err(AppError::input(Field::Operator, "请先填写录入人姓名：每条记录都要写明是谁录的"));
        }
        Ok(name)
    }

    /// Changes the preferences and writes them out.
    pub fn update_prefs(&self, f: impl FnOnce(&mut Prefs)) -> Result<()> {
        let mut prefs = lock(&self.prefs);
        f(&mut prefs);
        prefs.save(&self.prefs_path())
    }

    fn prefs_path(&self) -> PathBuf {
        self.data_dir.join("prefs.json")
    }

    /// Where backups go: the folder the clerk picked, else the app's own.
    pub fn backup_dir(&self) -> PathBuf {
        self.prefs().backup_dir.unwrap_or_else(|| self.default_backups.clone())
    }

    pub fn demo_path(&self) -> PathBuf {
        self.data_dir.join("示范村-青溪村.jfb")
    }

    pub fn is_recent(&self, path: &Path) -> bool {
        lock(&self.prefs).recent.iter().any(|p| p == path)
    }
}

/// A village export added to 镇汇总: the file, and the export read from it
/// or what is wrong with it (a Chinese sentence naming line and column).
pub struct TownFile {
    pub path: PathBuf,
    pub read: std::result::Result<VillageExport, String>,
}

/// A PDF made to be printed, and the file name suggested when saving it.
#[derive(Clone)]
pub struct Printout {
    pub name: String,
    pub pdf: Vec<u8>,
}

/// A poisoned lock only means an earlier command panicked; the book itself
/// is transactional, so carrying on is safe.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
