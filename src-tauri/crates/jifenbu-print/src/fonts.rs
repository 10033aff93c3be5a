//! The fonts every printout carries: Noto Sans SC regular and bold (SIL OFL
//! 1.1, see fonts/OFL.txt), built into the program so a notice prints the
//! same on a village office PC with no Chinese fonts installed.

use std::sync::OnceLock;

use printpdf::ParsedFont;

static REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

pub(crate) struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl Fonts {
    /// Parsed once per process (the app prints many times a day).
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let parse = |bytes| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the built-in font parses");
            Fonts { regular: parse(REGULAR), bold: parse(BOLD) }
        })
    }

    pub fn face(&self, weight: Weight) -> &ParsedFont {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Width of `text` set at `size` points, from the font's own advances.
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let face = self.face(weight);
        let per_em = f32::from(face.pdf_font_metrics.units_per_em);
        let units: u32 = text
            .chars()
            .map(|c| face.lookup_glyph_index(c as u32).map_or(0, |g| u32::from(face.get_horizontal_advance(g))))
            .sum();
        units as f32 * size / per_em
    }

    /// The first character of `text` the fonts cannot draw: it would print
    /// as an empty box, so the caller refuses instead.
    pub fn missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| !c.is_whitespace() && self.regular.lookup_glyph_index(c as u32).is_none())
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
