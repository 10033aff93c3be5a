//! The font every printout carries: Noto Sans SC (SIL OFL 1.1, see
//! fonts/OFL.txt), built into the program so a notice prints the same on a
//! village office PC with no Chinese fonts installed. Bold is drawn from the
//! same face with a stroked outline: a second 10 MB face would cost a fifth
//! of the time and size of a 2,000-household notice.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use printpdf::ParsedFont;

static REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    /// Extra width of a stroked (bold) glyph, in ems.
    pub const BOLD_STROKE: f32 = 0.035;
}

pub(crate) struct Fonts {
    face: ParsedFont,
}

impl Fonts {
    /// Parsed once per process (the app prints many times a day).
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            face: ParsedFont::from_bytes(REGULAR, 0, &mut Vec::new()).expect("the built-in font parses"),
        })
    }

    pub fn face(&self) -> &ParsedFont {
        &self.face
    }

    /// Width of `text` set at `size` points, from the font's own advances.
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let units: u32 = text.chars().filter_map(|c| self.advance(c)).map(u32::from).sum();
        let stroke = if weight == Weight::Bold { Weight::BOLD_STROKE * size } else { 0.0 };
        units as f32 * size / f32::from(self.face.pdf_font_metrics.units_per_em) + stroke
    }

    /// The first character of `text` the fonts cannot draw: it would print
    /// as an empty box, so the caller refuses instead.
    pub fn missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| !c.is_whitespace() && self.advance(c).is_none())
    }

    /// A character's advance in font units; `None` when the font lacks it.
    /// Remembered per thread: the font's own lookup searches its whole
    /// character map, and a notice measures every cell twice.
    fn advance(&self, c: char) -> Option<u16> {
        thread_local! {
            static SEEN: RefCell<HashMap<char, Option<u16>>> = RefCell::new(HashMap::new());
        }
        SEEN.with_borrow_mut(|seen| {
            *seen
                .entry(c)
                .or_insert_with(|| Some(self.face.get_horizontal_advance(self.face.lookup_glyph_index(c as u32)?)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_name_characters_are_covered_and_extension_b_is_not() {
        let f = Fonts::get();
        assert_eq!(f.missing("王堃 李喆 刘䶮 ★☆ 0-9.5"), None);
        assert_eq!(f.missing("𠮷田"), Some('𠮷'));
    }

    #[test]
    fn widths_come_from_the_font() {
        let f = Fonts::get();
        assert!((f.width("积分", 10.0, Weight::Regular) - 20.0).abs() < 0.01);
        assert!(f.width("1", 10.0, Weight::Regular) < 6.0);
    }
}
