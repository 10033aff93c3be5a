//! Every input the fuzzers kept (src-tauri/fuzz/corpora), replayed through
//! the fuzz targets' own bodies on the everyday build: a reader that once
//! panicked on one of them, or took too long, fails here. `make fuzz`
//! searches for new inputs; this only replays the kept ones.

#[path = "../src-tauri/fuzz/targets.rs"]
mod targets;

use std::path::Path;
use std::time::{Duration, Instant};

/// A debug build reads the slowest kept input in well under a second.
const SLOWEST: Duration = Duration::from_secs(10);

/// One test per target, so they run side by side.
macro_rules! replays {
    ($($name:ident),*) => {$(
        #[test]
        fn $name() {
            replay(stringify!($name), targets::$name);
        }
    )*};
}
replays!(households, entries, workbook, rulebook, export, book, photo);

/// Every kept input of the target `name`, through `target`.
fn replay(name: &str, target: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let unpacked = tempfile::tempdir().unwrap();
    let kept = root.join(format!("src-tauri/fuzz/corpora/{name}.tar.xz"));
    let status = std::process::Command::new("tar")
        .arg("-xJf")
        .arg(&kept)
        .arg("-C")
        .arg(unpacked.path())
        .status()
        .expect("tar (xz-utils: make test installs it)");
    assert!(status.success(), "unpacking {}", kept.display());
    let mut inputs: Vec<_> =
        std::fs::read_dir(unpacked.path().join(name)).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    assert!(inputs.len() > 100, "{name}: only {} kept inputs", inputs.len());
    for input in inputs {
        let data = std::fs::read(&input).unwrap();
        let start = Instant::now();
        target(&data);
        assert!(start.elapsed() < SLOWEST, "{name}: {} took {:?}", input.display(), start.elapsed());
    }
}
