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
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| refuse("无法读取"))?;
    if !matches!(reader.format(), Some(image::ImageFormat::Jpeg | image::ImageFormat::Png)) {
        return Err(refuse("只能是 JPEG 或 PNG 照片"));
    }
    let mut decoder = reader.into_decoder().map_err(|_| refuse("照片内容已损坏，无法读取"))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS || w == 0 || h == 0 {
        return Err(refuse("照片尺寸异常"));
    }
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| refuse("照片内容已损坏，无法读取"))?;
    if let Some(o) = orientation {
        picture.apply_orientation(o);
    }
    let taken_at = taken_at(bytes);
    let mut side = MAX_SIDE;
    loop {
        let fitted = if picture.width().max(picture.height()) > side {
            picture.resize(side, side, image::imageops::FilterType::Triangle)
        } else {
            picture.clone()
        };
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
