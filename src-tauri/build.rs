//! Declares the app's own commands so each gets an `allow-…` permission;
//! the capability in capabilities/main.json grants exactly these.

const COMMANDS: &[&str] = &[
    "first_screen",
    "start",
    "open_demo",
    "open_recent",
    "open_book",
    "create_book",
    "households",
    "items",
    "read_date",
    "add_entry",
    "add_batch",
    "reverse_entry",
    "reverse_batch",
    "todays_entries",
    "import_table",
    "ledger",
    "save_household",
    "print_statement",
    "ranking",
    "publish",
    "export_ranking",
    "export_village",
    "print_notice",
    "objections",
    "record_objection",
    "rule_objection",
    "rulebook",
    "preview_rulebook",
    "accept_rulebook",
    "settings",
    "save_settings",
    "set_operator",
    "backup_now",
    "choose_backup_dir",
    "set_backup_on_close",
    "restore_backup",
    "town",
    "town_add",
    "town_remove",
    "town_save",
    "print_town",
    "save_printout",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
