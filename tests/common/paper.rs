//! Printouts read back as a person would: the text poppler reads, golden
//! files, every page rendered.

use std::path::Path;
use std::process::Command;

use super::{root, s};

/// Runs a poppler or qpdf tool and returns its stdout.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name} (poppler-utils/qpdf): {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

pub fn text(pdf: &Path) -> String {
    tool("pdftotext", &["-layout", s(pdf), "-"])
}

/// Today's dates, which a freshly built demo book publishes on, become
/// placeholders so the golden text does not change from day to day.
pub fn without_todays_dates(text: &str) -> String {
    let today = chrono::Local::now().date_naive();
    let week = today + chrono::Days::new(6);
    without_codes(
        &text
            .replace(&today.format("%Y年%-m月%-d日").to_string(), "〈发布日〉")
            .replace(&week.format("%Y年%-m月%-d日").to_string(), "〈公示截止日〉"),
    )
}

/// The verification code binds the ledger's end, recording times included,
/// so it differs with every build of the demo.
pub fn without_codes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("校验码") {
        let (before, after) = rest.split_at(at + "校验码".len());
        out.push_str(before);
        let sep = after.chars().next().filter(|c| *c == ' ' || *c == '：').map_or(0, char::len_utf8);
        let code = &after[sep..];
        let is_code =
            code.len() >= 9 && code.is_char_boundary(9) && code[..9].chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        out.push_str(&after[..sep]);
        rest = if is_code {
            out.push_str("XXXX-XXXX");
            &code[9..]
        } else {
            code
        };
    }
    out.push_str(rest);
    out
}

pub fn assert_golden(name: &str, got: &str) {
    let golden = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, got).unwrap();
    }
    let want = std::fs::read_to_string(&golden).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert!(got == want, "{name} differs from {}; pdftotext output:\n{got}", golden.display());
}

/// As [`assert_golden`], for a notice of the demo book, whose code changes
/// with every build (see [`without_codes`]): pdftotext lays a page out by
/// every glyph's width, the code's included, so runs of spaces are
/// compared as one.
pub fn assert_golden_words(name: &str, got: &str) {
    let squeeze = |text: &str| -> String {
        text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
    };
    let golden = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, got).unwrap();
    }
    let want = std::fs::read_to_string(&golden).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert!(squeeze(got) == squeeze(&want), "{name} differs from {}; pdftotext output:\n{got}", golden.display());
}

/// Renders every page at low resolution and checks each has ink on it.
pub fn assert_every_page_printed(pdf: &Path, dir: &Path) {
    let pages: usize = tool("pdfinfo", &[s(pdf)])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    let prefix = dir.join("page");
    tool("pdftoppm", &["-gray", "-r", "30", s(pdf), s(&prefix)]);
    let mut rendered: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    rendered.sort();
    assert_eq!(rendered.len(), pages);
    for page in rendered {
        let bytes = std::fs::read(&page).unwrap();
        let ink = bytes.iter().rev().take(bytes.len() * 9 / 10).filter(|&&b| b < 128).count();
        assert!(ink > 200, "{} looks blank ({ink} dark pixels)", page.display());
        std::fs::remove_file(page).unwrap();
    }
}
