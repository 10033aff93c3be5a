//! Turning laid-out pages into PDF bytes that are the same every time the
//! same thing is printed: fixed font names, dates and document id.

use std::io::Write;

use chrono::NaiveDate;
use printpdf::{CurTransMat, Mm, Op, PdfDocument, PdfPage, PdfSaveOptions, Pt};
use sha2::{Digest, Sha256};

use crate::flow::Sheet;
use crate::{content, embed};

/// What the PDF says about itself (File → Properties).
pub(crate) struct Meta {
    pub title: String,
    pub subject: String,
    pub author: String,
    pub keywords: Vec<String>,
    /// The document's date: a published notice's publishing date, so a
    /// reprint carries the same one.
    pub date: NaiveDate,
}

pub(crate) fn save(pages: Vec<Vec<Op>>, sheet: Sheet, meta: Meta) -> Vec<u8> {
    save_sized(pages, sheet.size(), sheet.scale(), meta)
}

/// zlib's default level. Its best (9) takes half as long again for a
/// file 0.4% smaller.
const LEVEL: u32 = 6;

/// Deflates every stream that may be, shared out among the machine's cores
/// by size. Each stream is deflated on its own, so the bytes never depend
/// on how many cores there are; each core reuses one deflater, whose tables
/// cost more to set up than a page takes to pack.
fn compress(lo: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    // Largest first, each to the core with the least so far.
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    let mut shares: Vec<(usize, Vec<&mut lopdf::Stream>)> = (0..cores).map(|_| (0, Vec::new())).collect();
    for s in streams {
        if let Some((load, share)) = shares.iter_mut().min_by_key(|(load, _)| *load) {
            *load += s.content.len();
            share.push(s);
        }
    }
    std::thread::scope(|scope| {
        for (_, share) in shares {
            scope.spawn(move || {
                let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(LEVEL));
                for s in share {
                    // Writing to and resetting into memory cannot fail.
                    let packed = z.write_all(&s.content).and_then(|()| z.reset(Vec::new())).unwrap_or_default();
                    if !packed.is_empty() && packed.len() + 19 < s.content.len() {
                        s.dict.set("Filter", "FlateDecode");
                        s.set_content(packed);
                    }
                }
            });
        }
    });
}

/// Pages of `size` in layout units, each scaled by `scale` onto paper
/// (A3 is A4 scaled up, A5 A4 scaled down, a till roll is drawn 1:1).
pub(crate) fn save_sized(pages: Vec<Vec<Op>>, size: (f32, f32), scale: f32, meta: Meta) -> Vec<u8> {
    let pages = scaled(pages, scale);
    let fonts = embed::fonts(&pages);
    let mut lo = with_written_contents(&meta, &fonts, &pages, size, scale)
        .unwrap_or_else(|| document(&meta, &fonts.fonts, pages, size, scale));
    finish(&mut lo)
}

/// Each page led by its scaling onto paper, where it has one.
fn scaled(pages: Vec<Vec<Op>>, scale: f32) -> Vec<Vec<Op>> {
    pages
        .into_iter()
        .map(|mut ops| {
            if scale != 1.0 {
                ops.insert(0, Op::SetTransformationMatrix { matrix: CurTransMat::Scale(scale, scale) });
            }
            ops
        })
        .collect()
}

/// The document with every page's content stream written by `content.rs`;
/// `None` when a page draws something only printpdf writes. printpdf still
/// lays out the document and describes each font, learning a font's glyphs
/// from one run of them on the first page, whose content is then replaced
/// like every other page's.
fn with_written_contents(
    meta: &Meta,
    fonts: &embed::Embedded,
    pages: &[Vec<Op>],
    size: (f32, f32),
    scale: f32,
) -> Option<lopdf::Document> {
    let written: Vec<Vec<u8>> = pages.iter().map(|ops| content::encode(ops, &fonts.codes)).collect::<Option<_>>()?;
    let mut lo = document(meta, &fonts.fonts, fonts.glyph_runs(pages.len()), size, scale);
    replace_contents(&mut lo, written)?;
    Some(lo)
}

/// Sets each page's content stream, in page order, to `written`.
fn replace_contents(lo: &mut lopdf::Document, written: Vec<Vec<u8>>) -> Option<()> {
    let pages: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    if pages.len() != written.len() {
        return None;
    }
    for (page, content) in pages.into_iter().zip(written) {
        let id = lo.get_dictionary(page).ok()?.get(b"Contents").ok()?.as_reference().ok()?;
        lo.get_object_mut(id).ok()?.as_stream_mut().ok()?.set_content(content);
    }
    Some(())
}

/// printpdf's document of `pages`, drawn with `fonts`.
fn document(
    meta: &Meta,
    fonts: &[(printpdf::FontId, printpdf::PdfFont)],
    pages: Vec<Vec<Op>>,
    (w, h): (f32, f32),
    scale: f32,
) -> lopdf::Document {
    let mut doc = PdfDocument::new(&meta.title);
    doc.resources.fonts.map.extend(fonts.iter().cloned());
    let info = &mut doc.metadata.info;
    let stamp = meta.date.and_hms_opt(0, 0, 0).expect("midnight").and_utc().timestamp();
    info.creation_date = printpdf::OffsetDateTime::from_unix_timestamp(stamp).expect("a valid date");
    info.modification_date = info.creation_date;
    info.metadata_date = info.creation_date;
    info.subject = meta.subject.clone();
    info.author = meta.author.clone();
    info.creator = "积分簿 Jifenbu".into();
    info.producer = "积分簿 Jifenbu (printpdf)".into();
    info.keywords = meta.keywords.clone();

    let to_mm = |pt: f32| Mm::from(Pt(pt * scale));
    doc.with_pages(pages.into_iter().map(|ops| PdfPage::new(to_mm(w), to_mm(h), ops)).collect());
    doc.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new())
}

/// A number's minus is drawn as the minus sign (U+2212), but a figure
/// copied out of the PDF into a spreadsheet must stay a number, and
/// spreadsheets read only the hyphen-minus as a sign: the fonts' ToUnicode
/// maps (`<glyph> <2212>`, one glyph a line) give the hyphen for it.
fn minus_copies_as_hyphen(lo: &mut lopdf::Document) {
    for object in lo.objects.values_mut() {
        let lopdf::Object::Stream(s) = object else { continue };
        if s.dict.get(b"Filter").is_err() && s.content.starts_with(b"/CIDInit") {
            let needle = b"> <2212>";
            let mut content = std::mem::take(&mut s.content);
            let mut at = 0;
            while let Some(i) = content[at..].windows(needle.len()).position(|w| w == needle) {
                content[at + i + 3..at + i + 7].copy_from_slice(b"002D");
                at += i + needle.len();
            }
            s.set_content(content);
        }
    }
}

/// The file's bytes: its id, its claims and its packing settled.
fn finish(lo: &mut lopdf::Document) -> Vec<u8> {
    // printpdf draws the file id from a process-wide counter. Write a
    // placeholder instead, then put in a hash of the file itself (same
    // length, so the cross-reference offsets stay right): a reprint is
    // byte-identical, and different contents get different ids.
    let placeholder = lopdf::Object::String(vec![0; 16], lopdf::StringFormat::Hexadecimal);
    lo.trailer.set("ID", lopdf::Object::Array(vec![placeholder.clone(), placeholder]));
    // printpdf always writes /GTS_PDFXVersion, empty here: the file is not
    // PDF/X and must not claim to be.
    if let Ok(info) = lo.trailer.get(b"Info").and_then(lopdf::Object::as_reference) {
        if let Ok(dict) = lo.get_object_mut(info).and_then(lopdf::Object::as_dict_mut) {
            dict.remove(b"GTS_PDFXVersion");
        }
    }
    minus_copies_as_hyphen(lo);
    compress(lo);
    // The page, font and resource dictionaries packed together into
    // deflated object streams (PDF 1.5): a sixth of a notice's file was
    // their plain text.
    let packed = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(LEVEL)
        .max_objects_per_stream(200)
        .build();
    let mut out = Vec::new();
    lo.save_with_options(&mut out, packed).expect("writing to memory");
    let id = hex::encode_upper(&Sha256::digest(&out)[..16]);
    // The placeholders sit side by side in the trailer, near the end.
    let zeros = [b'0'; 32];
    let needle = [b"<".as_slice(), &zeros, b"><", &zeros, b">"].concat();
    if let Some(at) = out.windows(needle.len()).rposition(|w| w == needle.as_slice()) {
        out[at + 1..at + 33].copy_from_slice(id.as_bytes());
        out[at + 35..at + 67].copy_from_slice(id.as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::{Align, Canvas};
    use crate::fonts::Weight;

    fn meta() -> Meta {
        Meta {
            title: "同一页".into(),
            subject: String::new(),
            author: String::new(),
            keywords: vec![],
            date: NaiveDate::from_ymd_opt(2025, 4, 3).unwrap(),
        }
    }

    /// The bytes printpdf itself writes for `pages`.
    fn by_printpdf(pages: Vec<Vec<Op>>, size: (f32, f32), scale: f32) -> Vec<u8> {
        let pages = scaled(pages, scale);
        let fonts = embed::fonts(&pages);
        finish(&mut document(&meta(), &fonts.fonts, pages, size, scale))
    }

    /// Pages drawing with everything the canvas draws: joined and bold
    /// text, both fonts, bands, rules and a draft's turned watermark.
    fn pages() -> Vec<Vec<Op>> {
        let mut first = Canvas::default();
        first.watermark((595.28, 841.89), 64.0, "草稿 · 未发布");
        first.band(42.0, 700.0, 511.28, 20.0, 0.86);
        first.text(50.0, 705.0, 11.0, Weight::Bold, "名次");
        first.text_in((120.0, 60.0), 705.0, 11.0, Weight::Bold, Align::Right, "年度累计");
        first.text(50.0, 680.0, 11.0, Weight::Regular, "1");
        first.text_in((120.0, 60.0), 680.0, 11.0, Weight::Regular, Align::Right, "\u{2212}5.5");
        first.text(200.0, 680.0, 11.0, Weight::Regular, "王𠮷祥 ★★★");
        first.rule((42.0, 676.0), (553.28, 676.0), 0.3);
        let mut second = Canvas::default();
        second.text(50.0, 780.0, 9.0, Weight::Regular, "第 2 页 共 2 页");
        vec![first.finish(), second.finish()]
    }

    /// The content streams written here are printpdf's own, byte for byte,
    /// on A4 and scaled to A3.
    #[test]
    fn written_contents_are_printpdfs_to_the_byte() {
        let a4 = (595.28, 841.89);
        for scale in [1.0, std::f32::consts::SQRT_2] {
            let fast = save_sized(pages(), a4, scale, meta());
            assert_eq!(fast, by_printpdf(pages(), a4, scale), "scale {scale}");
        }
        let fonts = embed::fonts(&pages());
        assert!(with_written_contents(&meta(), &fonts, &pages(), a4, 1.0).is_some(), "written here, not by printpdf");
    }
}
