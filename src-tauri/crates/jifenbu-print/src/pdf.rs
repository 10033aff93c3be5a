//! Turning laid-out pages into PDF bytes that are the same every time the
//! same thing is printed: fixed font names, dates and document id.

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
        .map(|ops| {
            let mut all = Vec::with_capacity(ops.len() + 1);
            if scale != 1.0 {
                all.push(Op::SetTransformationMatrix { matrix: CurTransMat::Scale(scale, scale) });
            }
            all.extend(ops);
            PdfPage::new(to_mm(w), to_mm(h), all)
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
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out).expect("writing to memory");
    let id = hex::encode_upper(&Sha256::digest(&out)[..16]);
    // Both placeholders sit in the trailer, at the very end.
    let tail = out.len().saturating_sub(300);
    let mut at = tail;
    while let Some(i) = out[at..].windows(32).position(|w| w.iter().all(|&b| b == b'0')) {
        out[at + i..at + i + 32].copy_from_slice(id.as_bytes());
        at += i + 32;
    }
    out
}
