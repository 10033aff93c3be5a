//! The fonts every printout carries, built into the program so a notice
//! prints the same on a village office PC with no Chinese fonts installed:
//! Noto Sans SC (SIL OFL 1.1, see fonts/OFL.txt) for everything it has,
//! and BabelStone Han (Arphic Public License and CC BY-SA, see
//! fonts/BabelStoneHan-copyright.txt), glyph by glyph, for the characters
//! of CJK extensions B–H that Noto lacks — a family's 𠮷 prints as itself.
//! The second font is read only when a printout needs it. Bold is drawn
//! from the same face with a stroked outline: a second 10 MB face would
//! cost a fifth of the time and size of a 2,000-household notice.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use printpdf::ParsedFont;

static REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.ttf");
static SECOND: &[u8] = include_bytes!("../fonts/BabelStoneHan.ttf");

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

/// A built-in font parsed for measuring and embedding. Its outlines are
/// left unread: the PDF embeds a subset cut from the font's bytes, and
/// reading every outline of a 10 MB face up front took a tenth of a
/// notice's time.
fn parse(bytes: &'static [u8]) -> ParsedFont {
    let shared = std::sync::Arc::new(rust_fontconfig::FontBytes::Owned(bytes.into()));
    let face = printpdf::font::AzulParsedFont::from_bytes_shared(shared, 0, &mut Vec::new());
    ParsedFont::from_azul(face.expect("the built-in font parses"))
}

pub(crate) struct Fonts {
    face: ParsedFont,
    second: OnceLock<ParsedFont>,
}

impl Fonts {
    /// Parsed once per process (the app prints many times a day).
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts { face: parse(REGULAR), second: OnceLock::new() })
    }

    pub fn face(&self) -> &ParsedFont {
        &self.face
    }

    /// The second font, parsed the first time a character needs it.
    pub fn second(&self) -> &ParsedFont {
        self.second.get_or_init(|| parse(SECOND))
    }

    fn parsed(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Main => &self.face,
            Face::Second => self.second(),
        }
    }

    /// Width of `text` set at `size` points, from the fonts' own advances.
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let ems: f32 = text
            .chars()
            .filter_map(|c| self.glyph(c))
            .map(|(face, advance)| f32::from(advance) / f32::from(self.parsed(face).pdf_font_metrics.units_per_em))
            .sum();
        let stroke = if weight == Weight::Bold { Weight::BOLD_STROKE * size } else { 0.0 };
        ems * size + stroke
    }

    /// The first character of `text` neither font can draw: it would print
    /// as an empty box, so the caller refuses instead.
    pub fn missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| !c.is_whitespace() && self.glyph(c).is_none())
    }

    /// Which font draws `c` (the main one when both can); `None` when
    /// neither can.
    pub fn face_of(&self, c: char) -> Option<Face> {
        self.glyph(c).map(|(face, _)| face)
    }

    /// The font that draws `c` and its advance there, in that font's units.
    /// Remembered per thread: a font's own lookup searches its whole
    /// character map, and a notice measures every cell twice.
    fn glyph(&self, c: char) -> Option<(Face, u16)> {
        thread_local! {
            static SEEN: RefCell<HashMap<char, Option<(Face, u16)>>> = RefCell::new(HashMap::new());
        }
        let find = |face: Face| {
            let font = self.parsed(face);
            Some((face, font.get_horizontal_advance(font.lookup_glyph_index(c as u32)?)))
        };
        SEEN.with_borrow_mut(|seen| *seen.entry(c).or_insert_with(|| find(Face::Main).or_else(|| find(Face::Second))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_extension_from_b_to_h_is_drawn_by_the_second_font() {
        let f = Fonts::get();
        assert_eq!(f.missing("王堃 李喆 刘䶮 ★☆ 0-9.5"), None);
        assert_eq!(f.face_of('王'), Some(Face::Main));
        // B (𠮷), C, D, E, F, G, H: one character of each.
        for c in ['\u{20BB7}', '\u{2A700}', '\u{2B740}', '\u{2B820}', '\u{2CEB0}', '\u{30000}', '\u{31350}'] {
            assert_eq!(f.face_of(c), Some(Face::Second), "U+{:X}", c as u32);
        }
        assert!(f.width("𠮷", 10.0, Weight::Regular) > 5.0);
        // Extension I (Unicode 15.1) came after both.
        assert_eq!(f.missing("田\u{2EBF0}"), Some('\u{2EBF0}'));
    }

    #[test]
    fn widths_come_from_the_font() {
        let f = Fonts::get();
        assert!((f.width("积分", 10.0, Weight::Regular) - 20.0).abs() < 0.01);
        assert!(f.width("1", 10.0, Weight::Regular) < 6.0);
    }
}
