//! A page's content stream written straight from its operations, for the
//! few kinds of operation the canvas draws with. printpdf's own writer is
//! general: per character it looks the glyph up twice and allocates, and
//! per operation it builds a small object tree, which made up a third of a
//! 2,000-household notice's time. This writes the same bytes (a test holds
//! the two side by side) at a fraction of the cost; a page with any other
//! operation is left to printpdf.

use std::io::Write;

use hashbrown::HashMap;
use printpdf::{Color, Op, PaintMode, PdfFontHandle, TextItem};

use crate::canvas::face_named;
use crate::fonts::Face;

/// Each face's characters and the glyph each is drawn with there (glyph
/// ids as the embedded subset numbers them).
#[derive(Default)]
pub(crate) struct Codes {
    pub main: HashMap<char, u16>,
    pub second: HashMap<char, u16>,
}

impl Codes {
    fn of(&self, face: Face) -> &HashMap<char, u16> {
        match face {
            Face::Main => &self.main,
            Face::Second => &self.second,
        }
    }
}

/// The content stream of a page of `ops`, as printpdf would write it;
/// `None` when an operation is not one of those written here.
pub(crate) fn encode(ops: &[Op], codes: &Codes) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(ops.len() * 32);
    let mut face = None;
    for (i, op) in ops.iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        match op {
            Op::SaveGraphicsState => out.push(b'q'),
            Op::RestoreGraphicsState => out.push(b'Q'),
            Op::StartTextSection => out.extend_from_slice(b"BT"),
            Op::EndTextSection => out.extend_from_slice(b"ET"),
            Op::SetFont { font: PdfFontHandle::External(id), size } => {
                face = Some(face_named(id)?);
                out.push(b'/');
                out.extend_from_slice(id.0.as_bytes());
                out.push(b' ');
                operands(&mut out, &[size.0], "Tf");
            }
            Op::ShowText { items } => show(&mut out, items, codes.of(face?))?,
            Op::SetTextCursor { pos } => operands(&mut out, &[pos.x.0, pos.y.0], "Td"),
            Op::SetFillColor { col: Color::Greyscale(grey) } => operands(&mut out, &[grey.percent], "g"),
            Op::SetOutlineThickness { pt } => operands(&mut out, &[pt.0], "w"),
            Op::SetTextRenderingMode { mode } => {
                write!(out, "{} Tr", mode.id()).ok()?;
            }
            Op::SetTransformationMatrix { matrix } => operands(&mut out, &matrix.as_array(), "cm"),
            Op::DrawLine { line } if !line.is_closed && line.points.iter().all(|p| !p.bezier) => {
                let (first, rest) = line.points.split_first()?;
                operands(&mut out, &[first.p.x.0, first.p.y.0], "m");
                for p in rest {
                    out.push(b'\n');
                    operands(&mut out, &[p.p.x.0, p.p.y.0], "l");
                }
                out.extend_from_slice(b"\nS");
            }
            Op::DrawRectangle { rectangle: r } if r.mode == Some(PaintMode::Fill) && r.winding_order.is_none() => {
                operands(&mut out, &[r.x.0, r.y.0, r.width.0, r.height.0], "re");
                out.extend_from_slice(b"\nf");
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Numbers, each followed by a space, then the operator.
fn operands(out: &mut Vec<u8>, numbers: &[f32], operator: &str) {
    for n in numbers {
        number(out, *n);
        out.push(b' ');
    }
    out.extend_from_slice(operator.as_bytes());
}

/// A number as printpdf writes it: the shortest decimal that reads back as
/// the same `f32`. Nearly every number on a page is a whole number of
/// tenths (positions are rounded so), and below a million such an `f32`
/// reads shortest as those tenths: they are written digit by digit, the
/// rest through the general (slower) formatting.
fn number(out: &mut Vec<u8>, n: f32) {
    let tenths = (n * 10.0).round();
    if n != 0.0 && tenths.abs() < 1e7 && tenths / 10.0 == n {
        let tenths = tenths as i32;
        if tenths < 0 {
            out.push(b'-');
        }
        let tenths = tenths.unsigned_abs();
        out.extend_from_slice(itoa::Buffer::new().format(tenths / 10).as_bytes());
        if !tenths.is_multiple_of(10) {
            out.extend_from_slice(&[b'.', b'0' + (tenths % 10) as u8]);
        }
    } else {
        // Writing to a Vec cannot fail.
        let _ = write!(out, "{n}");
    }
}

/// `Tj` for a lone piece of text, else `TJ` with its kerning numbers; each
/// character as its glyph's id in four hex digits.
fn show(out: &mut Vec<u8>, items: &[TextItem], codes: &HashMap<char, u16>) -> Option<()> {
    let single = matches!(items, [TextItem::Text(_)]);
    if !single {
        out.push(b'[');
    }
    for (i, item) in items.iter().enumerate() {
        match item {
            TextItem::Text(text) => {
                out.push(b'<');
                for c in text.chars() {
                    hex(out, codes.get(&c).copied().unwrap_or(0));
                }
                out.push(b'>');
            }
            TextItem::Offset(kern) => {
                if i > 0 {
                    out.push(b' ');
                }
                number(out, *kern);
            }
            TextItem::GlyphIds(_) => return None,
        }
    }
    out.extend_from_slice(if single { b" Tj" } else { b"] TJ" });
    Some(())
}

fn hex(out: &mut Vec<u8>, code: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(DIGITS[usize::from((code >> shift) & 0xF)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(n: f32) -> String {
        let mut out = Vec::new();
        number(&mut out, n);
        String::from_utf8(out).unwrap()
    }

    /// Every whole number of tenths up to ±200,000, and numbers of every
    /// other kind, read as Rust (and so printpdf) writes them.
    #[test]
    fn numbers_are_written_as_printpdf_writes_them() {
        for tenths in -2_000_000..=2_000_000 {
            let n = tenths as f32 / 10.0;
            assert_eq!(written(n), n.to_string(), "{tenths} tenths");
        }
        let others = [
            0.0,
            -0.0,
            0.39,
            511.28006,
            std::f32::consts::SQRT_2,
            -0.57357645,
            0.81915206,
            1e7,
            123456.79,
            f32::MIN_POSITIVE,
        ];
        for n in others {
            assert_eq!(written(n), n.to_string());
        }
        // And a spread of arbitrary values.
        let mut x: u32 = 12345;
        for _ in 0..200_000 {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let n = f32::from_bits(x);
            if n.is_finite() {
                assert_eq!(written(n), n.to_string(), "{n:e}");
            }
        }
    }
}
