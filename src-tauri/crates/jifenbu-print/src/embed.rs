//! The fonts as a PDF carries them: each cut down to the glyphs the
//! printout draws (a 2,000-household notice uses about 1,500 of Noto's
//! 65,000) and renumbered, with each glyph's width and the character it
//! stands for, so text copied out of the PDF is still text.

use std::collections::BTreeMap;

use hashbrown::HashSet;
use printpdf::font::{FontMetrics, FontType, PdfFontMetricsStub};
use printpdf::{FontId, Op, ParsedFont, PdfFont, PdfFontHandle, TextItem};
use subsetter::GlyphRemapper;
use ttf_parser::{name_id, GlyphId};

use crate::canvas::{face_named, font_id};
use crate::content::Codes;
use crate::fonts::{Face, Font, Fonts};

/// The fonts a printout draws with, and the glyph each character is drawn
/// with in each.
pub(crate) struct Embedded {
    pub fonts: Vec<(FontId, PdfFont)>,
    pub codes: Codes,
}

impl Embedded {
    /// `pages` empty pages, the first showing each font's characters once:
    /// enough for printpdf to describe the fonts (widths, and the text
    /// behind each glyph), with the pages' content written elsewhere.
    pub fn glyph_runs(&self, pages: usize) -> Vec<Vec<Op>> {
        let mut first = Vec::new();
        for (id, font) in &self.fonts {
            let chars: String = font.parsed_font.codepoint_to_glyph.keys().filter_map(|&c| char::from_u32(c)).collect();
            first.push(Op::StartTextSection);
            first.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: printpdf::Pt(1.0) });
            first.push(Op::ShowText { items: vec![TextItem::Text(chars)] });
            first.push(Op::EndTextSection);
        }
        std::iter::once(first).chain(std::iter::repeat_with(Vec::new)).take(pages).collect()
    }
}

/// The fonts `pages` draw with, each as the subset they use.
pub(crate) fn fonts(pages: &[Vec<Op>]) -> Embedded {
    let fonts = Fonts::get();
    // The characters drawn in each face, main first.
    let mut used: [HashSet<char>; 2] = Default::default();
    let mut face = None;
    for page in pages {
        for op in page {
            match op {
                Op::SetFont { font: PdfFontHandle::External(id), .. } => {
                    face = face_named(id);
                }
                Op::ShowText { items } => {
                    let Some(face) = face else { continue };
                    for item in items {
                        if let TextItem::Text(text) = item {
                            used[face as usize].extend(text.chars());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut embedded = Embedded { fonts: Vec::new(), codes: Codes::default() };
    for (face, chars) in [Face::Main, Face::Second].into_iter().zip(used).filter(|(_, chars)| !chars.is_empty()) {
        // Each character with the glyph that draws it in this face; one the
        // face lacks draws its empty box (glyph 0), but printouts refuse
        // those before they get here.
        let chars: BTreeMap<char, u16> =
            chars.into_iter().map(|c| (c, fonts.glyph(c).filter(|g| g.face == face).map_or(0, |g| g.id))).collect();
        let font = subset(face, fonts.font(face), &chars);
        let codes = match face {
            Face::Main => &mut embedded.codes.main,
            Face::Second => &mut embedded.codes.second,
        };
        codes.extend(font.parsed_font.codepoint_to_glyph.iter().filter_map(|(&c, &g)| Some((char::from_u32(c)?, g))));
        embedded.fonts.push((font_id(face), font));
    }
    embedded
}

/// `font` cut down to the glyphs of `chars`, numbered in their old order.
fn subset(face: Face, font: &Font, chars: &BTreeMap<char, u16>) -> PdfFont {
    let mut glyphs: Vec<u16> = chars.values().copied().collect();
    glyphs.sort_unstable();
    glyphs.dedup();
    // Composite glyphs pull their parts in too; the remapper numbers them.
    let remapper = GlyphRemapper::new_from_glyphs(&glyphs);
    // Built in, pinned and checked: a failure here is a defect, not input.
    let bytes = subsetter::subset(font.bytes, 0, &remapper).expect("the built-in font subsets");
    let new_id = |old: u16| remapper.get(old).unwrap_or(0);
    let reader = &font.reader;
    let name = reader
        .names()
        .into_iter()
        .find(|n| n.name_id == name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string())
        .unwrap_or_default();
    let bbox = reader.global_bounding_box();
    let units_per_em = reader.units_per_em();
    PdfFont::new(ParsedFont {
        original_bytes: bytes,
        font_index: 0,
        // The subset tag, then the font's own name (ISO 32000-1, 9.6.4).
        font_name: Some(format!("{}+{name}", font_id(face).0)),
        codepoint_to_glyph: chars.iter().map(|(&c, &old)| (c as u32, new_id(old))).collect(),
        glyph_widths: glyphs
            .iter()
            .map(|&old| (new_id(old), reader.glyph_hor_advance(GlyphId(old)).unwrap_or(0)))
            .collect(),
        units_per_em,
        font_metrics: FontMetrics { ascent: reader.ascender(), descent: reader.descender() },
        font_type: FontType::TrueType,
        pdf_font_metrics: PdfFontMetricsStub {
            units_per_em,
            x_min: bbox.x_min,
            y_min: bbox.y_min,
            x_max: bbox.x_max,
            y_max: bbox.y_max,
            // Both fonts are upright.
            caret_slope_rise: 1,
            caret_slope_run: 0,
            us_weight_class: reader.weight().to_number(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::Canvas;
    use crate::fonts::Weight;

    /// Each face that draws comes out cut down to its own glyphs, with
    /// every character mapped to its renumbered glyph and that glyph's width.
    #[test]
    fn each_face_is_cut_down_to_what_the_pages_draw() {
        let mut page = Canvas::default();
        page.text(10.0, 100.0, 10.0, Weight::Regular, "积分 𠮷 积");
        let fonts = fonts(&[page.finish()]).fonts;
        let ids: Vec<&str> = fonts.iter().map(|(id, _)| id.0.as_str()).collect();
        assert_eq!(ids, ["JFBREG", "JFBEXT"]);
        let main = &fonts[0].1.parsed_font;
        let chars: Vec<char> = main.codepoint_to_glyph.keys().filter_map(|&c| char::from_u32(c)).collect();
        assert_eq!(chars, [' ', '分', '积']);
        let subset = ttf_parser::Face::parse(&main.original_bytes, 0).expect("the subset parses");
        assert!(subset.number_of_glyphs() < 10, "{} glyphs", subset.number_of_glyphs());
        let whole = &Fonts::get().font(Face::Main).reader;
        for (&c, &new) in &main.codepoint_to_glyph {
            let old = Fonts::get().glyph(char::from_u32(c).unwrap()).unwrap();
            assert_eq!(Some(main.glyph_widths[&new]), whole.glyph_hor_advance(GlyphId(old.id)));
            assert_eq!(subset.glyph_hor_advance(GlyphId(new)), whole.glyph_hor_advance(GlyphId(old.id)));
        }
        assert_eq!(main.font_name.as_deref(), Some("JFBREG+NotoSansSC-Regular"));
        let second = &fonts[1].1.parsed_font;
        assert_eq!(second.codepoint_to_glyph.keys().copied().collect::<Vec<_>>(), [0x20BB7]);
    }
}
