// The window's commands, listed once: each command's module, name, the
// arguments the window passes and what it answers (a command's
// `AppHandle` and `State` come from Tauri, not from the window).
//
// From this one list come: the handler Tauri dispatches to (lib.rs), each
// command's `allow-…` permission and the main window's capability
// (build.rs, which includes this file), and the window's typed calls in
// ui/src/ipc/bindings.ts (views.rs). A test checks the list against the
// commands' own signatures.
macro_rules! app_commands {
    ($then:ident) => {
        $then! {
            start::first_screen(what: String) -> (),
            start::start() -> Start,
            start::open_demo() -> BookInfo,
            start::open_recent(path: String) -> BookInfo,
            start::open_book() -> Option<BookInfo>,
            start::create_book(village: String, code: String, rulebook: String) -> Option<BookInfo>,
            entry::households() -> Vec<HouseholdRow>,
            entry::items(date: String) -> Vec<ItemRow>,
            entry::read_date(text: String) -> String,
            entry::add_entry(form: EntryForm) -> Saved,
            entry::add_batch(form: BatchForm) -> Saved,
            entry::reverse_entry(id: String, reason: String) -> Saved,
            entry::reverse_batch(id: String, reason: String) -> Saved,
            entry::todays_entries() -> Vec<EntryRow>,
            import::import_table(what: String, anyway: bool) -> Option<String>,
            account::account(code: String, year: i32) -> Account,
            account::save_household(form: HouseholdForm) -> Vec<HouseholdRow>,
            account::print_statement(code: String, year: i32) -> Response,
            ranking::ranking(quarter: String) -> RankingView,
            ranking::publish(quarter: String, date: String, backfill: bool) -> RankingView,
            ranking::export_ranking(quarter: String) -> Option<String>,
            ranking::export_village(quarter: String) -> Option<String>,
            ranking::print_notice(quarter: String, large: bool, by_group: bool, a3: bool, board: bool) -> Response,
            year::year(year: i32) -> YearView,
            year::close_year(year: i32, date: String) -> YearView,
            year::print_year_notice(year: i32, large: bool, a3: bool) -> Response,
            objections::objections(quarter: String) -> Vec<ObjectionView>,
            objections::record_objection(quarter: String, household: String, received_by: String, text: String, late: bool) -> Vec<ObjectionView>,
            objections::rule_objection(form: RulingForm) -> Vec<ObjectionView>,
            review::review() -> ReviewView,
            review::people() -> Vec<PersonRow>,
            review::add_person(form: PersonForm) -> Vec<PersonRow>,
            review::retire_person(name: String) -> Vec<PersonRow>,
            review::attach_photos() -> Vec<HeldPhoto>,
            review::photo(key: String) -> Response,
            review::hold_meeting(form: MeetingForm) -> ReviewView,
            review::print_review_sheet(date: String) -> Response,
            review::print_minutes(meeting: i32) -> Response,
            shop::shop() -> ShopView,
            shop::customer(code: String) -> Customer,
            shop::quote(household: String, lines: Vec<RedeemLine>) -> Quote,
            shop::redeem(household: String, lines: Vec<RedeemLine>) -> i32,
            shop::cancel_redemption(id: i32, reason: String) -> ShopView,
            shop::print_receipt(id: i32, paper: String) -> Response,
            shop::add_goods(form: GoodsForm) -> ShopView,
            shop::receive_stock(goods: String, qty: String, source: String) -> ShopView,
            shop::print_shop_report(month: String) -> Response,
            rules::rulebook() -> RulebookView,
            rules::preview_rulebook() -> Option<RulebookChanges>,
            rules::accept_rulebook() -> RulebookView,
            settings::settings() -> SettingsView,
            settings::save_settings(operator: String, issuer: String, objections_to: String) -> SettingsView,
            settings::set_operator(name: String) -> BookInfo,
            settings::backup_now() -> SettingsView,
            settings::choose_backup_dir() -> SettingsView,
            settings::set_backup_on_close(on: bool) -> SettingsView,
            settings::restore_backup(path: String) -> BookInfo,
            town::town() -> TownView,
            town::town_add() -> TownView,
            town::town_remove(path: String) -> TownView,
            town::town_save(kind: String) -> Option<String>,
            town::print_town(town: String, issuer: String) -> Response,
            town::town_check_book() -> Option<BookCheck>,
            files::save_printout() -> Option<SavedPrintout>,
        }
    };
}
