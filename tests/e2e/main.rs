//! End-to-end: a clerk's day in the real app window, driven over WebDriver.
//! Each test starts the app afresh with its own data folder, so each opens
//! a freshly built demo village. Screenshots go to out/e2e/.

mod desktop;
mod harness;

use harness::App;

const ENTER: &str = "\u{E007}";

/// Adds A08 (参加村民会议, +1) for 张三丰 (01001), found by typing `zsf`.
async fn add_by_initials(app: &App, note: &str) -> String {
    app.go("entry").await;
    app.type_in("#household", "zsf").await;
    app.text_containing(".picker .matches", "张三丰").await;
    app.type_in("#household", ENTER).await;
    app.type_in("#item", "A08").await;
    app.text_containing(".picker .matches", "村民会议").await;
    app.type_in("#item", ENTER).await;
    app.type_in("#note", note).await;
    app.type_in("#note", ENTER).await;
    app.text_containing("#saved", "张三丰").await
}

/// 01001's 本季得分 in the ranking of the current quarter.
async fn score_of_01001(app: &App) -> String {
    app.go("ranking").await;
    app.type_in("#ranking-search", "01001").await;
    let cell = app.xpath("//div[@data-testid='ranking-table']//div[@role='row'][div[2]='01001']/div[7]").await;
    cell.text().await.unwrap()
}

#[tokio::test]
async fn opens_the_demo_and_adds_an_entry_found_by_pinyin_initials() {
    let app = App::start().await;
    app.shot("start").await;
    app.open_demo().await;
    let saved = add_by_initials(&app, "e2e").await;
    assert!(saved.contains("参加村民会议") && saved.contains("+1 分"), "{saved}");
    app.text_containing("#today", "e2e").await;
    // Focus is back on the household box, ready for the next entry.
    let active = app.client.active_element().await.unwrap().attr("id").await.unwrap();
    assert_eq!(active.as_deref(), Some("household"));
    app.shot("entry").await;
    app.close().await;
}

#[tokio::test]
async fn batch_enters_one_item_for_a_whole_group() {
    let app = App::start().await;
    app.open_demo().await;
    app.go("batch").await;
    app.type_in("#batch-item", "A08").await;
    app.text_containing(".picker .matches", "村民会议").await;
    app.type_in("#batch-item", ENTER).await;
    app.click("input[data-group='一组']").await;
    let count: usize = app.text("#batch-count").await.parse().unwrap();
    assert!(count > 5, "一组 has {count} households");
    app.click("#batch-go").await;
    app.click("#modal-confirm").await;
    let done = app.text_containing("#batch-done", "已为").await;
    assert!(done.contains(&format!("已为 {count} 户")), "{done}");
    app.shot("batch").await;
    app.close().await;
}

#[tokio::test]
async fn reversing_an_entry_changes_the_ranking() {
    let app = App::start().await;
    app.open_demo().await;
    add_by_initials(&app, "将被冲销").await;
    let before: f64 = score_of_01001(&app).await.parse().unwrap();

    app.go("entry").await;
    app.click("#today button[data-reverse]").await;
    app.type_in("#reason", &format!("录错项目{ENTER}")).await;
    app.text_containing("#toast", "已冲销").await;
    app.text_containing("#today", "原因：录错项目").await;

    let after: f64 = score_of_01001(&app).await.parse().unwrap();
    assert_eq!(after, before - 1.0);
    app.shot("ranking").await;
    app.close().await;
}

#[tokio::test]
async fn a_published_quarter_is_previewed_in_print_and_refuses_new_entries() {
    let app = App::start().await;
    app.open_demo().await;
    // An entry today makes this quarter the one the ranking opens on.
    add_by_initials(&app, "发布前").await;
    app.go("ranking").await;
    app.click("#publish").await;
    app.text_containing(".modal", "发布不能撤销").await;
    app.click("#modal-confirm").await;
    app.text_containing("#sealed", "核验码").await;
    app.shot("published").await;

    app.click("#print").await;
    app.click("#modal-confirm").await;
    let pages = app.previewed("notice-preview").await;
    // The demo village's households fill four A4 pages.
    assert!(pages.contains("共 4 页"), "{pages}");
    app.type_in(".preview-pages", "\u{E00C}").await;

    app.go("entry").await;
    app.type_in("#household", &format!("01001{ENTER}")).await;
    app.type_in("#item", &format!("A08{ENTER}")).await;
    app.type_in("#qty", ENTER).await;
    let refused = app.text_containing(".entry-form .error-box", "已发布封存").await;
    assert!(refused.contains("不能再录入"), "{refused}");
    app.shot("refused").await;
    app.close().await;
}

#[tokio::test]
async fn restoring_a_backup_brings_the_book_back() {
    let app = App::start().await;
    app.open_demo().await;
    app.go("settings").await;
    app.click("#backup-now").await;
    app.text_containing("#backups", "备份").await;
    app.text_containing("#last-backup", "备份-").await;

    add_by_initials(&app, "备份之后").await;
    app.text_containing("#today", "备份之后").await;

    app.go("settings").await;
    app.click("#backups button[data-restore]").await;
    app.click("#modal-confirm").await;
    app.text_containing("#toast", "已从").await;
    app.go("entry").await;
    app.find("#today").await;
    let today = app.text("#today").await;
    assert!(!today.contains("备份之后"), "the entry made after the backup is still there: {today}");
    app.shot("restored").await;
    app.close().await;
}

#[tokio::test]
async fn a_household_moved_out_gets_no_new_entries() {
    let app = App::start().await;
    app.open_demo().await;
    app.go("ledger").await;
    app.type_in("#ledger-search", &format!("zsf{ENTER}")).await;
    app.text_containing(".ledger-head", "张三丰").await;
    app.text_containing("#ledger-lines", "小计").await;
    app.shot("ledger").await;
    app.click("#print-statement").await;
    app.previewed("statement-preview").await;
    app.click(".preview header button").await;
    app.click("#household-edit").await;
    app.type_in("#hh-activeTo", "2025-12-31").await;
    app.click("#modal-confirm").await;
    app.text_containing(".ledger-head", "迁出 2025-12-31").await;

    app.go("entry").await;
    app.type_in("#household", &format!("01001{ENTER}")).await;
    app.type_in("#item", &format!("A08{ENTER}")).await;
    app.type_in("#qty", ENTER).await;
    let refused = app.text_containing(".entry-form .has-error .error-text", "不在册").await;
    assert!(refused.contains("迁出 2025-12-31"), "{refused}");
    app.close().await;
}

#[tokio::test]
async fn an_upheld_objection_posts_its_correction() {
    let app = App::start().await;
    app.open_demo().await;
    app.go("ranking").await;
    app.click("#ranking-quarter option[value='2025Q1']").await;
    app.text_containing("#sealed", "核验码").await;
    app.click("#objections-open").await;
    app.type_in("#objection-household", &format!("zsf{ENTER}")).await;
    app.type_in("#objection-text", "拾金不昧应加分却漏记").await;
    app.click("#objection-record").await;
    app.text_containing("#objections", "待处理").await;

    app.click("#objections button[data-uphold]").await;
    app.type_in("#ruling-reason", "经核实，记错项目").await;
    app.click("input[data-entry]").await;
    app.click("#ruling-confirm").await;
    let ruled = app.text_containing("#objections", "更正 1 条").await;
    assert!(ruled.contains("异议成立：经核实，记错项目"), "{ruled}");
    app.shot("objection").await;
    app.close().await;
}
