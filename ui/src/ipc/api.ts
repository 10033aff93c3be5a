// The app's commands, typed with the bindings generated from Rust. A
// refusal arrives as `Refused`: a Chinese sentence and the field it is about.

import { invoke } from "@tauri-apps/api/core";
import type * as B from "./bindings";

export class Refused extends Error {
  constructor(
    message: string,
    readonly field: B.Field | null,
    readonly code: B.FailureCode | null = null,
  ) {
    super(message);
  }
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    const f = e as Partial<B.Failure>;
    throw new Refused(typeof f?.message === "string" ? f.message : String(e), f?.field ?? null, f?.code ?? null);
  }
}

export const api = {
  firstScreen: (what: string) => call<void>("first_screen", { what }),
  start: () => call<B.Start>("start"),
  openDemo: () => call<B.BookInfo>("open_demo"),
  openRecent: (path: string) => call<B.BookInfo>("open_recent", { path }),
  openBook: () => call<B.BookInfo | null>("open_book"),
  createBook: (village: string, code: string, rulebook: string) =>
    call<B.BookInfo | null>("create_book", { village, code, rulebook }),
  households: () => call<B.HouseholdRow[]>("households"),
  items: (date: string) => call<B.ItemRow[]>("items", { date }),
  /** A typed date as YYYY-MM-DD, read by the core's one date parser. */
  readDate: (text: string) => call<string>("read_date", { text }),
  addEntry: (form: B.EntryForm) => call<B.Saved>("add_entry", { form }),
  addBatch: (form: B.BatchForm) => call<B.Saved>("add_batch", { form }),
  reverseEntry: (id: string, reason: string) => call<B.Saved>("reverse_entry", { id, reason }),
  /** Reverses the whole batch entry `id` belongs to (冲销整批). */
  reverseBatch: (id: string, reason: string) => call<B.Saved>("reverse_batch", { id, reason }),
  /** `anyway`: import again the entries file just refused for likely duplicates. */
  importTable: (what: "households" | "entries", anyway: boolean) => call<string | null>("import_table", { what, anyway }),
  todaysEntries: () => call<B.EntryRow[]>("todays_entries"),
  ledger: (code: string, year: number) => call<B.Ledger>("ledger", { code, year }),
  printStatement: (code: string, year: number) => call<ArrayBuffer>("print_statement", { code, year }),
  saveHousehold: (form: B.HouseholdForm) => call<B.HouseholdRow[]>("save_household", { form }),
  ranking: (quarter: string) => call<B.RankingView>("ranking", { quarter }),
  /** `date`: the day the notice goes up; empty for today. */
  publish: (quarter: string, date: string) => call<B.RankingView>("publish", { quarter, date }),
  exportRanking: (quarter: string) => call<string | null>("export_ranking", { quarter }),
  /** The quarter's file for the town's 镇汇总. */
  exportVillage: (quarter: string) => call<string | null>("export_village", { quarter }),
  printNotice: (quarter: string, large: boolean, byGroup: boolean, a3: boolean) =>
    call<ArrayBuffer>("print_notice", { quarter, large, byGroup, a3 }),
  objections: (quarter: string) => call<B.ObjectionView[]>("objections", { quarter }),
  recordObjection: (quarter: string, household: string, receivedBy: string, text: string) =>
    call<B.ObjectionView[]>("record_objection", { quarter, household, receivedBy, text }),
  ruleObjection: (form: B.RulingForm) => call<B.ObjectionView[]>("rule_objection", { form }),
  rulebook: () => call<B.RulebookView>("rulebook"),
  previewRulebook: () => call<B.RulebookChanges | null>("preview_rulebook"),
  acceptRulebook: () => call<B.RulebookView>("accept_rulebook"),
  setOperator: (name: string) => call<B.BookInfo>("set_operator", { name }),
  town: () => call<B.TownView>("town"),
  townAdd: () => call<B.TownView>("town_add"),
  townRemove: (path: string) => call<B.TownView>("town_remove", { path }),
  townSave: (kind: "csv" | "xlsx") => call<string | null>("town_save", { kind }),
  printTown: () => call<ArrayBuffer>("print_town"),
  /** Saves the printout last made by a print… command; opens it for printing. */
  savePrintout: () => call<string | null>("save_printout"),
  settings: () => call<B.SettingsView>("settings"),
  saveSettings: (operator: string, issuer: string, objectionsTo: string) =>
    call<B.SettingsView>("save_settings", { operator, issuer, objectionsTo }),
  backupNow: () => call<B.SettingsView>("backup_now"),
  chooseBackupDir: () => call<B.SettingsView>("choose_backup_dir"),
  setBackupOnClose: (on: boolean) => call<B.SettingsView>("set_backup_on_close", { on }),
  restoreBackup: (path: string) => call<B.BookInfo>("restore_backup", { path }),
};
