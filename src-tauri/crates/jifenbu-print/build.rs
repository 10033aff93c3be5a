//! The notice fonts are fetched by `scripts/fonts.sh` (pinned, checksummed)
//! rather than kept in git; say so plainly when one is missing.

fn main() {
    for font in ["NotoSansSC-Regular.ttf", "BabelStoneHan.ttf"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts").join(font);
        println!("cargo:rerun-if-changed={}", path.display());
        if !path.is_file() {
            panic!("缺少公示用字体 {}：请先运行 scripts/fonts.sh（或 make setup）", path.display());
        }
    }
}
