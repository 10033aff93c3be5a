//! Turning laid-out pages into PDF bytes that are the same every time the
//! same thing is printed: fixed font names, dates and document id.

use std::io::Write;

use chrono::NaiveDate;
use printpdf::{CurTransMat, Mm, Op, PdfDocument, PdfPage, PdfSaveOptions, Pt};
use sha2::{Digest, Sha256};

use crate::embed;
use crate::flow::Sheet;

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
pub(crate) fn save_sized(pages: Vec<Vec<Op>>, (w, h): (f32, f32), scale: f32, meta: Meta) -> Vec<u8> {
    let mut doc = PdfDocument::new(&meta.title);
    doc.resources.fonts.map.extend(embed::fonts(&pages));
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
    let pages = pages
        .into_iter()
        .map(|mut ops| {
            if scale != 1.0 {
                ops.insert(0, Op::SetTransformationMatrix { matrix: CurTransMat::Scale(scale, scale) });
            }
            PdfPage::new(to_mm(w), to_mm(h), ops)
        })
        .collect();
    doc.with_pages(pages);

    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
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
    compress(&mut lo);
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
