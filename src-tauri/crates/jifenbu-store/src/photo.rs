//! Evidence photos for registrations: a phone's 4 MB picture becomes a
//! JPEG of at most 1600 px on its long side and under 400 KB, turned the
//! right way up, with every EXIF field dropped (GPS, camera, owner); only
//! the date it was taken is kept, beside it in the book. A photo is stored
//! once, under the SHA-256 of its stored bytes.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageReader};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The longest side a stored photo may have, in pixels.
pub const MAX_SIDE: u32 = 1600;
/// The most bytes a stored photo may take.
pub const MAX_BYTES: usize = 400 * 1024;
/// The largest file taken in: far above any phone's picture.
pub const MAX_INPUT: usize = 40 * 1024 * 1024;
/// The most pixels a picture may decode to (a 100-megapixel camera), so a
/// small file that claims a vast image is refused before it is decoded.
const MAX_PIXELS: u64 = 100_000_000;
/// The most memory a decoded picture may take (53 megapixels in 8-bit
/// colour, above a 50-megapixel phone's picture); with the decoder's own
/// buffers and what it is shrunk to, a photo stays under [`MAX_MEMORY`].
const MAX_DECODED: u64 = 160 << 20;
/// What the decoder may allocate, a guard behind [`MAX_DECODED`].
pub const MAX_MEMORY: u64 = 256 << 20;

/// A photo as the book stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    pub hash: [u8; 32],
    pub jpeg: Vec<u8>,
    /// When it was taken, from its EXIF (`2026-03-14 09:30:00`).
    pub taken_at: Option<String>,
    pub width: u32,
    pub height: u32,
}

impl Photo {
    /// The photo's key as shown: its hash in hex.
    pub fn key(&self) -> String {
        hex::encode(self.hash)
    }
}

/// Reads a JPEG or PNG file and makes it the photo the book stores.
pub fn prepare(file: &str, bytes: &[u8]) -> Result<Photo> {
    let refuse = |reason: &str| Error::BadPhoto { file: file.to_string(), reason: reason.to_string() };
    if bytes.len() > MAX_INPUT {
        return Err(refuse("文件超过 40 MB，不像是一张照片"));
    }
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| refuse("无法读取"))?;
    let format = reader.format();
    if !matches!(format, Some(image::ImageFormat::Jpeg | image::ImageFormat::Png)) {
        return Err(refuse("只能是 JPEG 或 PNG 照片"));
    }
    // A JPEG cut short decodes without complaint, its missing part grey.
    if format == Some(image::ImageFormat::Jpeg) && !jpeg_is_whole(bytes) {
        return Err(refuse("照片文件不完整（像是没有拷完），请重新拷一份"));
    }
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_MEMORY);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| refuse("照片内容已损坏，无法读取"))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS || w == 0 || h == 0 {
        return Err(refuse("照片尺寸异常"));
    }
    let decoded = u64::from(w) * u64::from(h) * u64::from(decoder.color_type().bytes_per_pixel());
    if decoded > MAX_DECODED {
        return Err(refuse(&format!(
            "照片有 {w}×{h} 像素，解开要 {} MB，超过 {} MB：请先把它缩小到 5000 万像素以下",
            decoded.div_ceil(1 << 20),
            MAX_DECODED >> 20
        )));
    }
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| refuse("照片内容已损坏，无法读取"))?;
    if let Some(o) = orientation {
        picture.apply_orientation(o);
    }
    let taken_at = taken_at(bytes);
    let mut side = MAX_SIDE;
    loop {
        // Averaged down in one pass: a filtered resize would first build a
        // floating-point copy as wide as the picture (200 MB for 8000 px).
        let fitted =
            if picture.width().max(picture.height()) > side { picture.thumbnail(side, side) } else { picture.clone() };
        // Flattened to RGB: a PNG's transparency would turn black in a JPEG.
        let rgb = DynamicImage::ImageRgb8(flatten(&fitted));
        for quality in [82, 70, 58] {
            let mut jpeg = Vec::new();
            rgb.write_with_encoder(JpegEncoder::new_with_quality(&mut jpeg, quality))
                .map_err(|_| refuse("照片无法压缩"))?;
            if jpeg.len() <= MAX_BYTES {
                return Ok(Photo {
                    hash: Sha256::digest(&jpeg).into(),
                    jpeg,
                    taken_at,
                    width: rgb.width(),
                    height: rgb.height(),
                });
            }
        }
        side = side * 3 / 4;
        if side < 200 {
            return Err(refuse("照片无法压缩到 400 KB 以下"));
        }
    }
}

/// Whether a JPEG's markers run from its start to its end-of-image marker,
/// each scan's data through to the marker after it.
fn jpeg_is_whole(b: &[u8]) -> bool {
    let mut i = 2; // after the start-of-image marker
    while let Some(&[0xFF, marker]) = b.get(i..i + 2) {
        match marker {
            0xD9 => return true,
            0xFF => i += 1, // a fill byte before a marker
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                let Some(&[hi, lo]) = b.get(i + 2..i + 4) else { return false };
                i += 2 + usize::from(u16::from_be_bytes([hi, lo]));
                if marker == 0xDA {
                    // Entropy-coded data, up to the next marker: 0xFF is
                    // followed there only by 0x00 (stuffing) or a restart.
                    loop {
                        match b.get(i..i + 2) {
                            None => return false,
                            Some(&[0xFF, m]) if m != 0 && !(0xD0..=0xD7).contains(&m) => break,
                            _ => i += 1,
                        }
                    }
                }
            }
        }
    }
    false
}

/// The picture over white, as RGB.
fn flatten(picture: &DynamicImage) -> image::RgbImage {
    if !picture.color().has_alpha() {
        return picture.to_rgb8();
    }
    let rgba = picture.to_rgba8();
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

/// The EXIF date the picture was taken, if it says.
fn taken_at(bytes: &[u8]) -> Option<String> {
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)).ok()?;
    let field = exif
        .get_field(exif::Tag::DateTimeOriginal, exif::In::PRIMARY)
        .or_else(|| exif.get_field(exif::Tag::DateTime, exif::In::PRIMARY))?;
    let exif::Value::Ascii(ref parts) = field.value else { return None };
    let dt = exif::DateTime::from_ascii(parts.first()?).ok()?;
    Some(format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A noisy picture of `w`×`h`: noise compresses badly, like a photo;
    /// `grain` masks how much (0x3f: far worse than any camera's).
    pub(crate) fn noisy_picture(w: u32, h: u32, seed: u32, grain: u32) -> image::RgbImage {
        let mut state = seed.wrapping_mul(2_654_435_761).max(1);
        image::RgbImage::from_fn(w, h, |x, y| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let n = (state & grain) as u8;
            image::Rgb([((x * 255 / w) as u8).wrapping_add(n), ((y * 255 / h) as u8).wrapping_add(n), n])
        })
    }

    /// `picture` as a JPEG at quality 95, as a phone writes it.
    pub(crate) fn jpeg_of(picture: image::RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(picture).write_with_encoder(JpegEncoder::new_with_quality(&mut out, 95)).unwrap();
        out
    }

    pub(crate) fn noisy_jpeg(w: u32, h: u32, seed: u32) -> Vec<u8> {
        jpeg_of(noisy_picture(w, h, seed, 0x3f))
    }

    #[test]
    fn a_phone_sized_picture_is_shrunk_under_the_limits() {
        let big = noisy_jpeg(4000, 3000, 1);
        assert!(big.len() > 2 * 1024 * 1024, "{}", big.len());
        let p = prepare("a.jpg", &big).unwrap();
        assert_eq!((p.width, p.height), (1600, 1200));
        assert!(p.jpeg.len() <= MAX_BYTES, "{}", p.jpeg.len());
        assert_eq!(p.hash, <[u8; 32]>::from(Sha256::digest(&p.jpeg)));
        // The same picture makes the same stored photo.
        assert_eq!(prepare("b.jpg", &big).unwrap().hash, p.hash);
    }

    #[test]
    fn what_is_not_a_photo_is_refused_by_name() {
        let e = prepare("账.pdf", b"%PDF-1.7 not a photo").unwrap_err();
        assert_eq!(e.to_string(), "照片 账.pdf 无法使用：只能是 JPEG 或 PNG 照片");
        let mut cut = noisy_jpeg(64, 48, 2);
        cut.truncate(20);
        assert!(prepare("断.jpg", &cut).unwrap_err().to_string().contains("断.jpg"));
    }

    /// A PNG that claims `w`×`h` pixels of `depth`-bit RGBA: a valid
    /// header and a token of data, as small as a file claiming it can be.
    fn png_claiming(w: u32, h: u32, depth: u8) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
            out.extend((data.len() as u32).to_be_bytes());
            let start = out.len();
            out.extend(kind);
            out.extend(data);
            out.extend(crc32(&out[start..]).to_be_bytes());
        }
        fn crc32(bytes: &[u8]) -> u32 {
            let mut crc = !0_u32;
            for &b in bytes {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
                }
            }
            !crc
        }
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut header = Vec::new();
        header.extend(w.to_be_bytes());
        header.extend(h.to_be_bytes());
        header.extend([depth, 6, 0, 0, 0]);
        chunk(&mut png, b"IHDR", &header);
        chunk(&mut png, b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        chunk(&mut png, b"IEND", &[]);
        png
    }

    /// Issue 27, gap 4: a picture that would decode past the memory bound
    /// is refused before decoding, naming its size; a JPEG cut short is
    /// refused rather than kept half grey.
    #[test]
    fn a_picture_too_large_to_decode_or_cut_short_is_refused() {
        let e = prepare("大.png", &png_claiming(10_000, 10_000, 16)).unwrap_err().to_string();
        assert!(e.contains("10000×10000 像素，解开要 763 MB，超过 160 MB"), "{e}");
        let e = prepare("大.png", &png_claiming(10_000, 10_000, 8)).unwrap_err().to_string();
        assert!(e.contains("解开要 382 MB"), "{e}");
        let whole = noisy_jpeg(640, 480, 3);
        assert!(prepare("全.jpg", &whole).is_ok());
        for cut in [100, whole.len() / 2, whole.len() - 2, whole.len() - 1] {
            let e = prepare("断.jpg", &whole[..cut]).unwrap_err().to_string();
            assert!(e.contains("断.jpg") && e.contains("不完整"), "cut at {cut}: {e}");
        }
        // Bytes after the end-of-image marker (a phone's own trailer) are
        // no reason to refuse.
        let mut trailed = whole.clone();
        trailed.extend(b"MotionPhoto_Data\xff\xda\x00\x08");
        assert!(prepare("尾.jpg", &trailed).is_ok());
    }

    #[test]
    fn a_transparent_png_is_flattened_over_white() {
        let mut png = Vec::new();
        DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(10, 10, image::Rgba([0, 0, 0, 0])))
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let p = prepare("t.png", &png).unwrap();
        let back = image::load_from_memory(&p.jpeg).unwrap().to_rgb8();
        assert!(back.get_pixel(5, 5).0.iter().all(|&c| c > 240));
    }
}
