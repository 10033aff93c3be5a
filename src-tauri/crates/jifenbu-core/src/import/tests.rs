use super::*;

/// Reads an entries file whole, as the store does row by row.
fn entries(file: &str, bytes: &[u8]) -> Result<Vec<EntryRow>, Error> {
    let (rows, errors): (Vec<_>, Vec<_>) = EntryRows::open(Text::from_bytes(file, bytes)?)?.partition(Result::is_ok);
    let errors: Vec<InputError> = errors.into_iter().flat_map(Result::unwrap_err).collect();
    if errors.is_empty() {
        Ok(rows.into_iter().map(Result::unwrap).collect())
    } else {
        Err(Error::Input(errors))
    }
}

fn roster(file: &str, bytes: &[u8]) -> Result<Vec<HouseholdRow>, Error> {
    households(Text::from_bytes(file, bytes)?)
}

/// A workbook's first sheet as the CSV text the importers read.
fn sheet_csv(file: &str, bytes: &[u8]) -> Result<String, Error> {
    let mut out = Vec::new();
    workbook::write_sheet(file, std::io::Cursor::new(bytes), None, &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

fn entry_errors(csv: &[u8]) -> Vec<InputError> {
    match entries("e.csv", csv) {
        Err(Error::Input(e)) => e,
        other => panic!("expected errors, got {other:?}"),
    }
}

#[test]
fn reads_chinese_headers_with_bom() {
    let csv = "\u{feff}户号,户主,村民小组,电话,多余列\r\n001,张三丰,一组,13800000000,x\r\n";
    let rows = roster("h.csv", csv.as_bytes()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].line, 2);
    assert_eq!(rows[0].household.head, "张三丰");
    assert_eq!(rows[0].household.phone.as_deref(), Some("13800000000"));
}

#[test]
fn reads_gbk_and_english_headers() {
    let (bytes, _, _) = encoding_rs::GBK.encode("code,head,group,active_from\n002,李四,二组,2026/3/5\n");
    let rows = roster("h.csv", &bytes).unwrap();
    assert_eq!(rows[0].household.head, "李四");
    assert_eq!(rows[0].household.active_from, Some("2026-03-05".parse().unwrap()));
}

#[test]
fn missing_heading_is_named() {
    let e = match roster("h.csv", "户号,姓名,村民小组\n1,张三,一组\n".as_bytes()) {
        Err(Error::Input(e)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(e[0].line, 1);
    assert!(e[0].reason.contains("缺少「户主」列"), "{}", e[0]);
}

#[test]
fn duplicate_household_code() {
    let e = match roster("h.csv", "户号,户主,村民小组\n1,张三,一组\n1,李四,一组\n".as_bytes()) {
        Err(Error::Input(e)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!((e[0].line, e[0].field.as_str()), (3, "户号"));
    assert!(e[0].reason.contains("第 2 行重复"));
}

#[test]
fn entry_row_checks() {
    let csv = "户号,项目,日期,数量,分值,编号\n001,A01,2026-02-30,1,,\n001,A01,2026-02-01,0,-2,nope\n";
    let e = entry_errors(csv.as_bytes());
    let got: Vec<(usize, &str)> = e.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(got, [(2, "日期"), (3, "数量"), (3, "分值"), (3, "编号")]);
    assert_eq!(e[0].column, Some(3));
    assert_eq!(
        e[0].to_string(),
        "e.csv 第 2 行第 3 列「日期」：「2026-02-30」不是有效日期，应写作 2026-03-15 这样的形式"
    );
}

#[test]
fn entry_defaults_and_blank_lines() {
    let csv = "household,item,date,id\n001,A01,2026-02-01,0B7C6F7E-64A4-4C39-9A0E-4BB1F2A9B7A1\n,,,\n";
    let rows = entries("e.csv", csv.as_bytes()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].line, 2);
    assert_eq!(rows[0].draft.qty, 1);
    assert_eq!(rows[0].draft.points, None);
    assert_eq!(rows[0].draft.id.unwrap().to_string(), "0b7c6f7e-64a4-4c39-9a0e-4bb1f2a9b7a1");
}

#[test]
fn utf16_is_refused_with_advice() {
    let e = entry_errors(b"\xFF\xFEa\x00");
    assert!(e[0].reason.contains("UTF-16"));
}

#[test]
fn lines_are_right_with_crlf_and_quoted_line_breaks() {
    let csv = "户号,项目,日期,备注\r\n001,A01,2026-01-01,\"两行\r\n备注\"\r\n\r\n001,A01,2026-02-30,\r\n";
    let e = entry_errors(csv.as_bytes());
    assert_eq!(e[0].line, 5, "{}", e[0]);
}

/// A workbook made in memory: `cells` are (row, column, text), 0-based.
fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for &(r, c, t) in cells {
        sheet.write_string(r, c, t).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_sheet_reads_as_csv_keeping_excel_rows_and_columns() {
    let bytes = workbook(&[(1, 0, "户号"), (1, 1, "项目"), (1, 2, "日期"), (3, 0, "001"), (3, 2, "2026-01-05, 上午")]);
    let text = sheet_csv("w.xlsx", &bytes).unwrap();
    assert_eq!(text, "\n户号,项目,日期\n\n001,,\"2026-01-05, 上午\"\n");
}

/// Issue 16, crash A: one cell at XFD1048576 used to make the reader build
/// the whole grid (549,755,813,888 bytes) and abort. Cells are read one by
/// one now, and a sheet past the bounds is refused with a message.
#[test]
fn a_cell_far_out_is_refused_without_building_the_grid() {
    let bytes = workbook(&[(0, 0, "户号"), (1_048_575, 16_383, "x")]);
    let e = sheet_csv("far.xlsx", &bytes).unwrap_err().to_string();
    assert!(e.contains("far.xlsx 第 1048576 行") && e.contains("超出表格范围"), "{e}");
    let bytes = workbook(&[(0, 0, "户号"), (5, 300, "x")]);
    let e = sheet_csv("wide.xlsx", &bytes).unwrap_err().to_string();
    assert!(e.contains("第 6 行第 301 列有内容"), "{e}");
}

/// A workbook whose parts claim to unpack past the bound (a zip bomb, or
/// no village's table) is refused before any sheet is read. The zip is
/// written by hand: one stored part of 1 byte that claims 600 MB.
#[test]
fn a_workbook_that_unpacks_too_far_is_refused_unread() {
    let (name, claimed) = (b"xl/worksheets/sheet1.xml", 600u32 << 20);
    let u16s = |v: &[u16]| v.iter().flat_map(|n| n.to_le_bytes()).collect::<Vec<u8>>();
    let u32s = |v: &[u32]| v.iter().flat_map(|n| n.to_le_bytes()).collect::<Vec<u8>>();
    // Local header: signature, version, flags, method (stored), time, date,
    // CRC, sizes, name length, extra length; then the name and the byte.
    let mut zip = [u32s(&[0x0403_4b50]), u16s(&[20, 0, 0, 0, 0]), u32s(&[0, 1, claimed]), u16s(&[24, 0])].concat();
    zip.extend_from_slice(name);
    zip.push(b'x');
    let directory = zip.len() as u32;
    zip.extend(
        [
            u32s(&[0x0201_4b50]),
            u16s(&[20, 20, 0, 0, 0, 0]),
            u32s(&[0, 1, claimed]),
            u16s(&[24, 0, 0, 0, 0]),
            u32s(&[0, 0]),
        ]
        .concat(),
    );
    zip.extend_from_slice(name);
    let size = zip.len() as u32 - directory;
    zip.extend([u32s(&[0x0605_4b50]), u16s(&[0, 0, 1, 1]), u32s(&[size, directory]), u16s(&[0])].concat());
    let e = sheet_csv("bomb.xlsx", &zip).unwrap_err().to_string();
    assert!(e.contains("bomb.xlsx 第 1 行") && e.contains("解压后有 600 MB，超过 512 MB"), "{e}");
}

/// Issue 17, gap 4: a roster of more than 100,000 households is refused,
/// naming the line, as some other file chosen by mistake.
#[test]
fn a_roster_past_the_bound_is_refused() {
    let mut csv = String::from("户号,户主,村民小组\n");
    for i in 0..=MAX_HOUSEHOLDS {
        csv.push_str(&format!("{i:06},户主,一组\n"));
    }
    let Err(Error::Input(errors)) = roster("名册.csv", csv.as_bytes()) else { panic!("accepted") };
    assert_eq!(errors[0].line, MAX_HOUSEHOLDS + 2);
    assert!(errors[0].reason.contains("超过 100000 户"), "{}", errors[0].reason);
}

/// Issue 17, gap 4: a row that never ends (a quote not closed, a binary
/// file) is refused at the line it starts on once it passes the bound, so
/// reading never holds more than a row of it.
#[test]
fn a_row_past_the_bound_is_refused_at_its_line() {
    let csv = format!("户号,户主,村民小组\r\n1,甲,一组\r\n2,\"乙{}", "x\r\n".repeat(200_000));
    let Err(Error::Input(e)) = roster("h.csv", csv.as_bytes()) else { panic!("accepted") };
    assert_eq!(e[0].line, 3, "{e:?}");
    assert!(e[0].reason.contains("超过 256 KB"), "{}", e[0].reason);
}
