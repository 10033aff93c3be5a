//! Issue 25: every name on every paper. The names village (fixtures/names)
//! holds the names real villages have — a 20-character name, CJK extensions
//! B–G, a single character, two households of one name, a 19-character
//! group — and a veto in every quarter. Every printout of it is made, read
//! back with pdftotext (golden text, and each word's box from `-bbox`) and
//! rendered with pdftoppm.

mod common;

use std::path::{Path, PathBuf};

use common::paper::*;
use common::*;

/// A word's box on its page, in points from the top left.
#[derive(Debug)]
struct Word {
    text: String,
    x: (f32, f32),
    y: (f32, f32),
}

/// A page as `pdftotext -bbox` reads it: its size and its words.
#[derive(Debug)]
struct Page {
    size: (f32, f32),
    words: Vec<Word>,
}

fn attr(tag: &str, name: &str) -> f32 {
    let at = tag.find(&format!("{name}=\"")).unwrap_or_else(|| panic!("{name} in {tag}")) + name.len() + 2;
    tag[at..].split('"').next().unwrap().parse().unwrap()
}

fn pages(pdf: &Path) -> Vec<Page> {
    let xml = tool("pdftotext", &["-bbox", s(pdf), "-"]);
    let mut pages = Vec::new();
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(Page { size: (attr(line, "width"), attr(line, "height")), words: Vec::new() });
        } else if let (Some(rest), Some(page)) = (line.strip_prefix("<word "), pages.last_mut()) {
            let text = rest.split('>').nth(1).unwrap_or_default().trim_end_matches("</word").to_string();
            let x = (attr(rest, "xMin"), attr(rest, "xMax"));
            page.words.push(Word { text, x, y: (attr(rest, "yMin"), attr(rest, "yMax")) });
        }
    }
    pages
}

/// Printers leave about 5 mm at each edge unprinted.
const UNPRINTED: f32 = 14.0;

/// Every word lies inside the page's printable area.
fn assert_inside(name: &str, pages: &[Page]) {
    for (no, page) in pages.iter().enumerate() {
        let (w, h) = page.size;
        for word in &page.words {
            let inside = word.x.0 >= UNPRINTED
                && word.x.1 <= w - UNPRINTED
                && word.y.0 >= UNPRINTED
                && word.y.1 <= h - UNPRINTED;
            assert!(
                inside,
                "{name}, page {}: 「{}」 at {:?} {:?} leaves the {w}×{h} page",
                no + 1,
                word.text,
                word.x,
                word.y
            );
        }
    }
}

/// The households on a page: words that hold a 户号 (00001 … 00060).
fn household_codes(page: &Page) -> usize {
    // Five digits whole: a code split over two lines is no household.
    let code = |w: &&Word| {
        let whole = |at: usize| w.text[at..].chars().take_while(char::is_ascii_digit).count() == 5;
        w.text.match_indices("000").any(|(at, _)| whole(at))
    };
    page.words.iter().filter(code).count()
}

/// A statement's table lines on a page: its entries, each dated.
fn dated_lines(page: &Page) -> usize {
    page.words.iter().filter(|w| w.text.starts_with("2025-")).count()
}

fn has(page: &Page, text: &str) -> bool {
    page.words.iter().any(|w| w.text.contains(text))
}

/// What each printout of the names village is made with.
const PRINTOUTS: [(&str, &[&str]); 14] = [
    ("notice-a4", &["notice", "--quarter", "2025Q2"]),
    ("notice-a3", &["notice", "--quarter", "2025Q2", "--paper", "a3"]),
    ("notice-large", &["notice", "--quarter", "2025Q2", "--large"]),
    ("notice-large-a3", &["notice", "--quarter", "2025Q2", "--large", "--paper", "a3"]),
    ("notice-board", &["notice", "--quarter", "2025Q2", "--board"]),
    ("notice-by-group", &["notice", "--quarter", "2025Q2", "--by-group"]),
    ("notice-large-by-group", &["notice", "--quarter", "2025Q2", "--large", "--by-group"]),
    ("notice-detail", &["notice", "--quarter", "2025Q2", "--detail"]),
    ("year-notice", &["year", "notice", "--year", "2025"]),
    ("year-notice-large", &["year", "notice", "--year", "2025", "--large"]),
    ("statement", &["statement", "--household", "00001", "--year", "2025", "--date", "2026-01-20"]),
    ("statement-large", &["statement", "--household", "00001", "--year", "2025", "--date", "2026-01-20", "--large"]),
    ("cards-door", &["year", "cards", "--year", "2025", "--kind", "door"]),
    ("cards-certificate", &["year", "cards", "--year", "2025"]),
];

/// Each of [`PRINTOUTS`] made in `dir` from a copy of the names village:
/// its name and its PDF.
fn printouts(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let book = names_book(dir);
    let make = |(name, args): &(&'static str, &[&str])| {
        let pdf = dir.join(format!("{name}.pdf"));
        let mut args = args.to_vec();
        args.extend([s(&book), "-o", s(&pdf)]);
        ok(&args);
        (*name, pdf)
    };
    PRINTOUTS.iter().map(make).collect()
}

#[test]
fn every_printout_of_the_names_village_prints_inside_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    for (name, pdf) in printouts(dir.path()) {
        let pages = pages(&pdf);
        assert_inside(name, &pages);
        let rows = |page: &Page| if name.starts_with("statement") { dated_lines(page) } else { household_codes(page) };
        // Item 3: the page with the closing block holds lines of the table
        // (or of the star list) too.
        for (no, page) in pages.iter().enumerate() {
            if has(page, "（盖章）") && !name.starts_with("cards") {
                assert!(rows(page) > 0, "{name}, page {}: the closing block stands alone", no + 1);
            }
        }
        if !name.starts_with("notice") {
            continue;
        }
        // Item 1: a notice stays portrait; in large type, a page holds at
        // least 12 households on A4 and 20 on A3 (the first, under the
        // title, and the last, over the closing block, apart).
        let (w, h) = pages[0].size;
        assert!(w < h, "{name} turned to landscape");
        let counts: Vec<usize> = pages.iter().map(household_codes).collect();
        if !name.contains("detail") {
            assert_eq!(counts.iter().sum::<usize>(), 60, "{name}: a 户号 is split or missing {counts:?}");
        }
        let least = match (name.contains("large") || name.contains("board"), w > 800.0) {
            (false, _) => 0,
            (true, false) => 12,
            (true, true) => 20,
        };
        if !name.contains("group") && !name.contains("detail") && counts.len() > 2 {
            let middle = &counts[1..counts.len() - 1];
            assert!(middle.iter().all(|&n| n >= least), "{name}: households a page {counts:?}");
            assert!(counts[0] >= 12, "{name}: households on the first page {counts:?}");
        }
    }
}

/// Every printout of the names village reads back as its golden text.
#[test]
fn every_printout_of_the_names_village_reads_back_as_its_golden_text() {
    let dir = tempfile::tempdir().unwrap();
    for (name, pdf) in printouts(dir.path()) {
        let text = text(&pdf);
        // Item 8: a figure copied out of any paper is one a spreadsheet
        // reads as a number: its minus copies as the hyphen-minus.
        assert!(!text.contains('\u{2212}'), "{name}: a minus sign copies as U+2212");
        assert_golden_words(&format!("names-{name}.txt"), &without_todays_dates(&text));
        assert_every_page_printed(&pdf, dir.path());
    }
    let notice = std::fs::read_to_string(root().join("tests/golden/names-notice-a4.txt")).unwrap();
    assert!(notice.contains(" -26 "), "𠮷永福's score of −26 reads back as -26");
}

/// Item 7: a group's sheet, posted on its own, counts its own pages.
#[test]
fn a_group_sheet_counts_its_own_pages() {
    let dir = tempfile::tempdir().unwrap();
    let book = names_book(dir.path());
    let pdf = dir.path().join("groups.pdf");
    ok(&["notice", "--quarter", "2025Q2", "--large", "--by-group", s(&book), "-o", s(&pdf)]);
    let text = text(&pdf);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    let group_of = |page: &str| -> String {
        let head = page.lines().next().unwrap_or_default();
        let start = head.find("公示（").map(|at| at + "公示（".len()).unwrap_or(0);
        head[start..].split("校验码").next().unwrap().trim().trim_end_matches("（续）").to_string()
    };
    for page in &pages {
        let group = group_of(page);
        let sheet = pages.iter().filter(|p| group_of(p) == group).count();
        let foot = page.lines().rev().find(|l| l.contains('页')).unwrap().split_whitespace().collect::<String>();
        assert!(foot.ends_with(&format!("共{sheet}页")), "{group}: {foot}, a sheet of {sheet} pages");
    }
}
