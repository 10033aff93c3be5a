//! The fonts every printout carries, so a notice prints the same on a
//! village office PC with no Chinese fonts installed: Noto Sans SC (SIL OFL
//! 1.1, see fonts/OFL.txt) for everything it has, and BabelStone Han
//! (Arphic Public License and CC BY-SA, see
//! fonts/BabelStoneHan-copyright.txt), glyph by glyph, for the characters
//! of CJK extensions B–H that Noto lacks — a family's 𠮷 prints as itself.
//! Bold is drawn from the same face with a stroked outline: a second 10 MB
//! face would cost a fifth of the time and size of a 2,000-household notice.
//!
//! The 60 MB of fonts live once per installation, beside the programs, not
//! inside each of them (`folders` says where). They are mapped, not read:
//! a lookup touches only the pages of the tables it needs, as when they
//! were built in.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// The two font files, by the names every installation gives them.
const MAIN_FILE: &str = "NotoSansSC-Regular.ttf";
const SECOND_FILE: &str = "BabelStoneHan.ttf";

/// Where the fonts are looked for, in order: the folder `JIFENBU_FONTS`
/// names (and only it, when set); `fonts` beside the program (Windows,
/// installed or portable). Elsewhere also `../share/jifenbu/fonts` from it
/// and Debian's own copy of the second font (the Debian package), then the
/// source tree's folder, for a program built and run from it. A Windows
/// program never runs from the source tree, and a clerk told where the
/// fonts were looked for should read only folders of that PC.
fn folders() -> Vec<PathBuf> {
    if let Some(dir) = std::env::var_os("JIFENBU_FONTS") {
        return vec![dir.into()];
    }
    let exe = std::env::current_exe().ok().and_then(|p| p.parent().map(Path::to_path_buf));
    let beside = exe.iter().map(|exe| exe.join("fonts"));
    #[cfg(windows)]
    return beside.collect();
    #[cfg(not(windows))]
    beside
        .chain(exe.iter().map(|exe| exe.join("../share/jifenbu/fonts")))
        .chain(
            ["/usr/share/fonts/truetype/babelstone", concat!(env!("CARGO_MANIFEST_DIR"), "/fonts")].map(PathBuf::from),
        )
        .collect()
}

/// Loads the fonts once per process, or says in Chinese which file is
/// missing and where it was looked for. Every printout calls it before it
/// lays out a page; the programs call it at start-up to warn early.
pub fn ready() -> Result<()> {
    Fonts::load().map(|_| ())
}

/// Which of the two fonts draws a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Main,
    Second,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    /// Extra width of a stroked (bold) glyph, in ems.
    pub const BOLD_STROKE: f32 = 0.035;
}

/// A character as one font draws it: the glyph, and its width in
/// thousandths of an em as the PDF lists it. printpdf writes the `/W`
/// widths as whole numbers and a viewer adds those up, so text measured by
/// them sits exactly where the viewer draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph {
    pub face: Face,
    pub id: u16,
    pub width: u16,
}

/// A font file, mapped: opening it reads only the table directory and the
/// few small tables a lookup needs, so measuring costs nothing up front;
/// the PDF embeds a subset cut from the bytes (`embed.rs`).
pub(crate) struct Font {
    pub bytes: &'static [u8],
    pub reader: ttf_parser::Face<'static>,
}

impl Font {
    /// The first of `folders` that holds `name`, mapped and parsed.
    fn open(name: &str, folders: &[PathBuf]) -> Result<Font, String> {
        let Some(path) = folders.iter().map(|dir| dir.join(name)).find(|path| path.is_file()) else {
            let looked: Vec<String> = folders.iter().map(|d| d.display().to_string()).collect();
            return Err(format!(
                "找不到打印用的字体文件 {name}（找过：{}）。请重新安装积分簿，或把安装包里的 fonts 文件夹放回程序旁边",
                looked.join("；")
            ));
        };
        let broken = || format!("字体文件 {} 已损坏，无法读取。请重新安装积分簿", path.display());
        let file = std::fs::File::open(&path).map_err(|_| broken())?;
        // SAFETY: the map is never written, and lives as long as the
        // process, as a built-in font did. A font file changed under a
        // running program is the same fault as its binary changed under it.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|_| broken())?;
        let bytes: &'static [u8] = Box::leak(Box::new(map));
        let reader = ttf_parser::Face::parse(bytes, 0).map_err(|_| broken())?;
        Ok(Font { bytes, reader })
    }

    /// `c`'s glyph and its width in thousandths of an em, cut to a whole
    /// number as printpdf cuts it, if this font has one.
    fn glyph(&self, c: char) -> Option<(u16, u16)> {
        let id = self.reader.glyph_index(c).filter(|id| id.0 != 0)?;
        let advance = f32::from(self.reader.glyph_hor_advance(id).unwrap_or(0));
        Some((id.0, (advance * 1000.0 / f32::from(self.reader.units_per_em())) as u16))
    }
}

pub(crate) struct Fonts {
    main: Font,
    second: Font,
}

impl Fonts {
    /// Opened once per process (the app prints many times a day).
    fn load() -> Result<&'static Fonts> {
        static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
        let fonts = FONTS.get_or_init(|| {
            let folders = folders();
            Ok(Fonts { main: Font::open(MAIN_FILE, &folders)?, second: Font::open(SECOND_FILE, &folders)? })
        });
        fonts.as_ref().map_err(|why| Error::Fonts(why.clone()))
    }

    /// The fonts, once a printout's entry has called `ready`: every public
    /// function of this crate does before it measures a character.
    pub fn get() -> &'static Fonts {
        Self::load().expect("each printout checks the fonts first (fonts::ready)")
    }

    pub fn font(&self, face: Face) -> &Font {
        match face {
            Face::Main => &self.main,
            Face::Second => &self.second,
        }
    }

    /// Width of `text` set at `size` points, from the fonts' own advances.
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let ems: f32 = text.chars().filter_map(|c| self.glyph(c)).map(|g| f32::from(g.width) / 1000.0).sum();
        let stroke = if weight == Weight::Bold { Weight::BOLD_STROKE * size } else { 0.0 };
        ems * size + stroke
    }

    /// The first character of `text` neither font can draw: it would print
    /// as an empty box, so the caller refuses instead.
    pub fn missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| !c.is_whitespace() && self.glyph(c).is_none())
    }

    /// The glyph that draws `c`, from the main font when it has one.
    /// Remembered for the characters of the Basic Multilingual Plane,
    /// where nearly all text lies: a notice looks up each of its characters
    /// several times (measuring, drawing, embedding).
    pub fn glyph(&self, c: char) -> Option<Glyph> {
        let find = || {
            let find = |face: Face| self.font(face).glyph(c).map(|(id, width)| Glyph { face, id, width });
            find(Face::Main).or_else(|| find(Face::Second))
        };
        let Some(slot) = SEEN.get(c as usize) else { return find() };
        match slot.load(Ordering::Relaxed) {
            0 => {
                let glyph = find();
                slot.store(Seen::pack(glyph), Ordering::Relaxed);
                glyph
            }
            seen => Seen::unpack(seen),
        }
    }
}

/// A lookup's result for each character below U+10000, packed in a word,
/// 0 until looked up. Shared by every thread without a lock: each word
/// stands alone, and a lookup racing another stores the same word.
static SEEN: [AtomicU64; 0x10000] = [const { AtomicU64::new(0) }; 0x10000];

struct Seen;

impl Seen {
    const LOOKED_UP: u64 = 1 << 41;
    const FOUND: u64 = 1 << 40;
    const SECOND: u64 = 1 << 32;

    fn pack(glyph: Option<Glyph>) -> u64 {
        Self::LOOKED_UP
            | glyph.map_or(0, |g| {
                let face = if g.face == Face::Second { Self::SECOND } else { 0 };
                Self::FOUND | face | u64::from(g.id) << 16 | u64::from(g.width)
            })
    }

    fn unpack(word: u64) -> Option<Glyph> {
        (word & Self::FOUND != 0).then_some(Glyph {
            face: if word & Self::SECOND != 0 { Face::Second } else { Face::Main },
            id: (word >> 16) as u16,
            width: word as u16,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_extension_from_b_to_h_is_drawn_by_the_second_font() {
        let f = Fonts::get();
        assert_eq!(f.missing("王堃 李喆 刘䶮 ★☆ 0-9.5"), None);
        assert_eq!(f.glyph('王').map(|g| g.face), Some(Face::Main));
        // B (𠮷), C, D, E, F, G, H: one character of each.
        for c in ['\u{20BB7}', '\u{2A700}', '\u{2B740}', '\u{2B820}', '\u{2CEB0}', '\u{30000}', '\u{31350}'] {
            assert_eq!(f.glyph(c).map(|g| g.face), Some(Face::Second), "U+{:X}", c as u32);
        }
        assert!(f.width("𠮷", 10.0, Weight::Regular) > 5.0);
        // Extension I (Unicode 15.1) came after both.
        assert_eq!(f.missing("田\u{2EBF0}"), Some('\u{2EBF0}'));
    }

    #[test]
    fn a_missing_font_file_is_named_with_where_it_was_looked_for() {
        let nowhere = std::env::temp_dir().join("没有字体的文件夹");
        let Err(why) = Font::open(MAIN_FILE, std::slice::from_ref(&nowhere)) else { panic!("no font there") };
        assert!(why.contains("找不到打印用的字体文件 NotoSansSC-Regular.ttf"), "{why}");
        assert!(why.contains(&nowhere.display().to_string()), "{why}");
        let broken = std::env::temp_dir().join(format!("坏字体-{}", std::process::id()));
        std::fs::create_dir_all(&broken).unwrap();
        std::fs::write(broken.join(MAIN_FILE), b"not a font").unwrap();
        let Err(why) = Font::open(MAIN_FILE, std::slice::from_ref(&broken)) else { panic!("not a font") };
        assert!(why.contains("已损坏"), "{why}");
        std::fs::remove_dir_all(&broken).unwrap();
    }

    #[test]
    fn widths_come_from_the_font() {
        let f = Fonts::get();
        assert!((f.width("积分", 10.0, Weight::Regular) - 20.0).abs() < 0.01);
        assert!(f.width("1", 10.0, Weight::Regular) < 6.0);
    }
}
