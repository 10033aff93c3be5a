//! The notice fonts are fetched by `scripts/fonts.sh` (pinned, checksummed)
//! rather than kept in git; say so plainly when they are missing.

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    for name in ["NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"] {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        if !path.is_file() {
            panic!("缺少公示用字体 {}：请先运行 scripts/fonts.sh（或 make setup）", path.display());
        }
    }
}
