//! Arbitrary bytes as an evidence photo: made storable within its bounds,
//! or refused by name; never a panic. scripts/fuzz.sh runs this target
//! with a malloc limit at the photo's memory bound, so an allocation past
//! it is a crash too.
#![no_main]
use jifenbu_store::{prepare_photo, PHOTO_MAX_BYTES, PHOTO_MAX_SIDE};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(photo) = prepare_photo("照片.jpg", data) {
        assert!(photo.width.max(photo.height) <= PHOTO_MAX_SIDE);
        assert!(photo.jpeg.len() <= PHOTO_MAX_BYTES);
    }
});
