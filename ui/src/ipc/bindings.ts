// Generated from src-tauri/src/views.rs and src-tauri/src/commands/list.rs by `cargo test -p jifenbu-app bindings`.
// Do not edit: change the Rust and run it with UPDATE_BINDINGS=1.

import { call } from "./call";

export type BookInfo = { village: string, code: string, path: string, fileName: string, 
/**
 * Today, `YYYY-MM-DD`, by this computer's clock.
 */
today: string, 
/**
 * Today's quarter, `2026Q4`.
 */
quarter: string, 
/**
 * The quarter screens open on: the latest with entries, up to today's
 * (today's when the book has none).
 */
latestQuarter: string, operator: string, };

export type RecentBook = { path: string, fileName: string, exists: boolean, };

export type ShippedRulebook = { file: string, title: string, effectiveFrom: string, };

export type Start = { book: BookInfo | null, recent: Array<RecentBook>, rulebooks: Array<ShippedRulebook>, 
/**
 * When the last backup was made (`2026-12-01 09:30`), if ever.
 */
lastBackup: string | null, 
/**
 * Said on 开始 when the last backup is over a week old, or missing.
 */
backupWarning: string | null, 
/**
 * How many registrations await the review panel.
 */
pendingReviews: number, };

export type HouseholdRow = { code: string, head: string, group: string, members: number | null, address: string | null, phone: string | null, activeFrom: string | null, activeTo: string | null, 
/**
 * The day it moved out, if it has left the roster by today (the
 * core's `Household::moved_out_by`): lists mark it 已迁出.
 */
movedOut: string | null, 
/**
 * Per character of the head's name, the initials it may be typed as.
 */
initials: Array<string>, };

export type HouseholdForm = { code: string, head: string, group: string, members: string, address: string, phone: string, 
/**
 * `YYYY-MM-DD` or empty.
 */
activeFrom: string, activeTo: string, 
/**
 * Adding a household (its code must be new) rather than changing one.
 */
isNew: boolean, };

export type ItemRow = { code: string, 
/**
 * `add` or `deduct`.
 */
kind: string, category: string, name: string, 
/**
 * Fixed points per unit, e.g. `"2"`; for a ranged item the minimum.
 */
min: string, 
/**
 * For a ranged item the maximum; equal to `min` for a fixed one.
 */
max: string, ranged: boolean, unit: string | null, 
/**
 * As a clerk reads it: `每户季度最多 3 分`.
 */
cap: string | null, veto: boolean, 
/**
 * Whether it goes to the review panel (登记 → 评议) before it counts.
 */
review: boolean, note: string | null, initials: Array<string>, spelling: string, };

export type EntryForm = { household: string, item: string, 
/**
 * `YYYY-MM-DD`, or as the core's date parser reads a typed date.
 */
date: string, 
/**
 * As typed; the core parses it (empty means 1).
 */
qty: string, 
/**
 * Required for ranged items; empty for fixed ones.
 */
points: string, note: string, 
/**
 * Who registered the deed, when the item needs review (empty: the
 * operator).
 */
by: string, 
/**
 * Photos attached for review, by key (see `attach_photos`).
 */
photos: Array<string>, };

export type BatchForm = { households: Array<string>, item: string, date: string, qty: string, points: string, note: string, };

export type EntryRow = { id: string, seq: bigint, household: string, itemCode: string, itemName: string, kind: string, qty: number, points: string, date: string, quarter: string, note: string, operator: string, recordedAt: string, 
/**
 * For a reversal, the id of the entry it cancels.
 */
reverses: string | null, };

export type StandingView = { add: string, deduct: string, score: string, yearToDate: string, stars: number, veto: boolean, };

export type QuarterFigures = { quarter: string, 
/**
 * `2025年第一季度`.
 */
label: string, add: string, deduct: string, score: string, yearToDate: string, stars: number, veto: boolean, };

export type Saved = { entries: Array<EntryRow>, 
/**
 * Instead of entries: the registration made for an item that needs
 * review, which counts nowhere until approved.
 */
registration: RegistrationRow | null, 
/**
 * The quarter the (first) entry counts in, for its household.
 */
standing: QuarterFigures | null, 
/**
 * What is left of the item's cap for this household, if it has one.
 */
capLeft: string | null, };

export type AccountLine = { no: number, entry: EntryRow, running: string, 
/**
 * The line this reversal cancels.
 */
reversesLine: number | null, 
/**
 * For a reversal of an earlier year's entry: that entry's date.
 */
reversesEarlier: string | null, 
/**
 * The line that cancels this one.
 */
reversedBy: number | null, };

export type Account = { household: HouseholdRow, year: number, basePoints: string, lines: Array<AccountLine>, quarters: Array<QuarterFigures>, 
/**
 * The household's registrations dated in the year, with their status.
 */
registrations: Array<RegistrationRow>, 
/**
 * 积分超市: what it may spend today, and what it redeemed.
 */
shop: Customer, };

export type RankRow = { rank: number, code: string, head: string, group: string, initials: Array<string>, add: string, deduct: string, score: string, yearToDate: string, stars: number, veto: boolean, };

export type QuarterChoice = { quarter: string, label: string, published: boolean, };

export type Sealed = { 
/**
 * The notice's day, as given.
 */
publishedOn: string, 
/**
 * The day it was keyed in from paper (补录), if it was.
 */
backfilledOn: string | null, digest: string, 
/**
 * What the notice prints: `4A10-578F`.
 */
verificationCode: string, };

export type RankingView = { quarter: string, label: string, sealed: Sealed | null, rows: Array<RankRow>, quarters: Array<QuarterChoice>, };

export type ArticleView = { title: string | null, text: string, };

export type StarView = { level: number, min: string, name: string | null, };

export type RulebookView = { title: string, effectiveFrom: string, basePoints: string, noticeDays: number, articles: Array<ArticleView>, stars: Array<StarView>, items: Array<ItemRow>, };

export type RulebookChanges = { fileName: string, incoming: RulebookView, 
/**
 * The version it is compared with; none when the book has no rulebook
 * in force on its date yet.
 */
against: string | null, 
/**
 * One sentence per change, e.g. `修改项目 A01 义务劳动：分值 2 分/次 → 3 分/次`.
 */
changes: Array<string>, };

export type ObjectionView = { 
/**
 * 第 N 号.
 */
id: bigint, household: string, head: string, receivedOn: string, receivedBy: string, text: string, 
/**
 * Received after the notice period and accepted late (逾期受理).
 */
late: boolean, 
/**
 * `异议成立` / `异议不成立`; none while open.
 */
outcome: string | null, decidedOn: string | null, reason: string | null, 
/**
 * How many entries the ruling posted.
 */
corrections: number, };

export type RulingForm = { id: bigint, upheld: boolean, reason: string, reverse: Array<string>, 
/**
 * An item code, or empty for none.
 */
addItem: string, addQty: string, addPoints: string, };

export type TownFileView = { path: string, fileName: string, 
/**
 * `青溪村（330109001）` when the file reads well.
 */
village: string | null, quarter: string | null, households: number, 
/**
 * What is wrong with the file, naming line and column.
 */
problem: string | null, };

export type TownRow = { rank: number, code: string, name: string, households: number, addTotal: string, deductTotal: string, avgScore: string, avgYearToDate: string, vetoed: number, participationPct: string, 
/**
 * Whether the village's quarter is published; unpublished ones are
 * ranked apart, after the others.
 */
published: boolean, 
/**
 * The code on the village's posted notice.
 */
verification: string | null, };

export type TownView = { 
/**
 * The town's name and the report's issuer, as last printed.
 */
town: string, issuer: string, files: Array<TownFileView>, 
/**
 * The quarter, when the files combine.
 */
label: string | null, rows: Array<TownRow>, 
/**
 * The town's totals in a sentence.
 */
totals: string | null, 
/**
 * Why the files do not combine (mixed quarters, a village twice…).
 */
problem: string | null, };

export type YearView = { year: number, 
/**
 * `2025年度`.
 */
label: string, 
/**
 * Set once the year is closed.
 */
closed: ClosedView | null, rows: Array<YearRowView>, years: Array<YearChoice>, };

export type ClosedView = { closedOn: string, verificationCode: string, };

export type YearChoice = { year: number, label: string, closed: boolean, };

export type YearRowView = { rank: number, code: string, head: string, group: string, 
/**
 * Each quarter's score, Q1 to Q4.
 */
quarters: Array<string>, adjustment: string, annual: string, stars: number, veto: boolean, initials: Array<string>, };

export type BookCheck = { fileName: string, 
/**
 * `青溪村（330109001）`.
 */
village: string, 
/**
 * How many of the list's files are that village's.
 */
files: number, ok: boolean, checks: Array<CheckLine>, };

export type CheckLine = { name: string, scope: string, 
/**
 * Empty when the check passed.
 */
problems: Array<string>, };

export type BackupFile = { path: string, fileName: string, 
/**
 * Modification time, `YYYY-MM-DD HH:MM`.
 */
modified: string, sizeKb: bigint, };

export type SavedPrintout = { path: string, opened: boolean, };

export type RestoreLoss = { entries: bigint, registrations: bigint, redemptions: bigint, };

export type SettingsView = { operator: string, village: string, code: string, issuer: string, objectionsTo: string, backupDir: string, backupOnClose: boolean, 
/**
 * `YYYY-MM-DD HH:MM` and the file.
 */
lastBackup: string | null, backups: Array<BackupFile>, };

export type PersonRow = { name: string, 
/**
 * The short word: 文书, 评议, 监督, 组长.
 */
role: string, roleName: string, group: string | null, phone: string | null, retired: boolean, 
/**
 * May register deeds now (the core's `Person::may_register`).
 */
mayRegister: boolean, 
/**
 * Sits on the review panel now (`Person::on_panel`).
 */
onPanel: boolean, 
/**
 * Per character of the name, the initials it may be typed as.
 */
initials: Array<string>, };

export type PersonForm = { name: string, role: string, group: string, phone: string, };

export type RegistrationRow = { 
/**
 * 第 N 号.
 */
id: number, household: string, head: string, group: string, item: string, itemName: string, date: string, qty: number, 
/**
 * Signed, as registered.
 */
points: string, note: string, by: string, recordedAt: string, 
/**
 * Photo keys, shown through `photo`.
 */
photos: Array<string>, 
/**
 * 待评议, 已通过 or 未通过.
 */
status: string, meeting: number | null, 
/**
 * 同意, 修改为 4.5 分, 不同意; none while pending.
 */
outcome: string | null, reason: string, };

export type MeetingRow = { id: number, date: string, members: Array<string>, 
/**
 * 共评议 N 条：同意 …
 */
totals: string, };

export type ReviewView = { pending: Array<RegistrationRow>, people: Array<PersonRow>, meetings: Array<MeetingRow>, 
/**
 * How many members a meeting needs today.
 */
quorum: number, 
/**
 * Whether the rulebook in force today reviews any item.
 */
reviews: boolean, };

export type MeetingForm = { date: string, members: Array<string>, verdicts: Array<VerdictForm>, };

export type VerdictForm = { registration: number, outcome: string, points: string, reason: string, };

export type HeldPhoto = { key: string, fileName: string, width: number, height: number, sizeKb: number, takenAt: string | null, };

export type GoodsRow = { code: string, name: string, unit: string, price: string, stock: number, initials: Array<string>, spelling: string, };

export type BalanceView = { earned: string, redeemed: string, lapsed: string, balance: string, };

export type RedemptionRow = { id: number, household: string, date: string, 
/**
 * `洗衣液 2 瓶、毛巾 1 条`.
 */
goods: string, cost: string, operator: string, 
/**
 * `2026-03-05 拿错了` once cancelled.
 */
cancelled: string | null, };

export type ShopView = { goods: Array<GoodsRow>, today: Array<RedemptionRow>, 
/**
 * `只计加分，每分兑 1，长期有效`.
 */
rules: string, };

export type Customer = { balance: BalanceView, redemptions: Array<RedemptionRow>, };

export type RedeemLine = { goods: string, 
/**
 * As typed.
 */
qty: string, };

export type Quote = { total: string | null, balanceAfter: string | null, 
/**
 * Why it would be refused (beyond the balance or stock), if it would.
 */
problem: string | null, };

export type GoodsForm = { code: string, name: string, unit: string, price: string, };

export type Field = "household" | "item" | "date" | "qty" | "points" | "note" | "id" | "households" | "reason" | "quarter" | "code" | "head" | "group" | "members" | "address" | "phone" | "active_from" | "active_to" | "operator" | "village" | "issuer" | "objections_to" | "rulebook" | "file" | "by";

export type FailureCode = "likely_duplicates";

export type Failure = { message: string, field: Field | null, 
/**
 * Set only where the window acts on the kind of refusal.
 */
code: FailureCode | null, 
/**
 * The households a refusal names, which the window marks (批量录入);
 * empty for every other.
 */
households: Array<string>, };

/** Every command the window may call, typed from the one list of commands. */
export const commands = {
  firstScreen: (what: string) => call<null>("first_screen", { what }),
  start: () => call<Start>("start"),
  openDemo: () => call<BookInfo>("open_demo"),
  openRecent: (path: string) => call<BookInfo>("open_recent", { path }),
  openBook: () => call<BookInfo | null>("open_book"),
  createBook: (village: string, code: string, rulebook: string) => call<BookInfo | null>("create_book", { village, code, rulebook }),
  households: () => call<Array<HouseholdRow>>("households"),
  activeHouseholds: (date: string) => call<Array<string>>("active_households", { date }),
  items: (date: string) => call<Array<ItemRow>>("items", { date }),
  readDate: (text: string) => call<string>("read_date", { text }),
  addEntry: (form: EntryForm) => call<Saved>("add_entry", { form }),
  addBatch: (form: BatchForm) => call<Saved>("add_batch", { form }),
  reverseEntry: (id: string, reason: string) => call<Saved>("reverse_entry", { id, reason }),
  reverseBatch: (id: string, reason: string) => call<Saved>("reverse_batch", { id, reason }),
  todaysEntries: () => call<Array<EntryRow>>("todays_entries"),
  importTable: (what: string, anyway: boolean) => call<string | null>("import_table", { what, anyway }),
  account: (code: string, year: number) => call<Account>("account", { code, year }),
  saveHousehold: (form: HouseholdForm) => call<Array<HouseholdRow>>("save_household", { form }),
  printStatement: (code: string, year: number, large: boolean, a3: boolean) => call<ArrayBuffer>("print_statement", { code, year, large, a3 }),
  ranking: (quarter: string) => call<RankingView>("ranking", { quarter }),
  publish: (quarter: string, date: string, backfill: boolean) => call<RankingView>("publish", { quarter, date, backfill }),
  exportRanking: (quarter: string) => call<string | null>("export_ranking", { quarter }),
  exportVillage: (quarter: string) => call<string | null>("export_village", { quarter }),
  printNotice: (quarter: string, large: boolean, byGroup: boolean, a3: boolean, board: boolean) => call<ArrayBuffer>("print_notice", { quarter, large, byGroup, a3, board }),
  year: (year: number) => call<YearView>("year", { year }),
  closeYear: (year: number, date: string) => call<YearView>("close_year", { year, date }),
  printYearNotice: (year: number, large: boolean, a3: boolean) => call<ArrayBuffer>("print_year_notice", { year, large, a3 }),
  printCards: (year: number, door: boolean, minStars: number) => call<ArrayBuffer>("print_cards", { year, door, minStars }),
  objections: (quarter: string) => call<Array<ObjectionView>>("objections", { quarter }),
  recordObjection: (quarter: string, household: string, receivedBy: string, text: string, late: boolean) => call<Array<ObjectionView>>("record_objection", { quarter, household, receivedBy, text, late }),
  ruleObjection: (form: RulingForm) => call<Array<ObjectionView>>("rule_objection", { form }),
  review: () => call<ReviewView>("review"),
  people: () => call<Array<PersonRow>>("people"),
  addPerson: (form: PersonForm) => call<Array<PersonRow>>("add_person", { form }),
  retirePerson: (name: string) => call<Array<PersonRow>>("retire_person", { name }),
  attachPhotos: () => call<Array<HeldPhoto>>("attach_photos"),
  photo: (key: string) => call<ArrayBuffer>("photo", { key }),
  holdMeeting: (form: MeetingForm) => call<ReviewView>("hold_meeting", { form }),
  printReviewSheet: (date: string) => call<ArrayBuffer>("print_review_sheet", { date }),
  printMinutes: (meeting: number) => call<ArrayBuffer>("print_minutes", { meeting }),
  shop: () => call<ShopView>("shop"),
  customer: (code: string) => call<Customer>("customer", { code }),
  quote: (household: string, lines: Array<RedeemLine>) => call<Quote>("quote", { household, lines }),
  redeem: (household: string, lines: Array<RedeemLine>) => call<number>("redeem", { household, lines }),
  cancelRedemption: (id: number, reason: string) => call<ShopView>("cancel_redemption", { id, reason }),
  printReceipt: (id: number, paper: string) => call<ArrayBuffer>("print_receipt", { id, paper }),
  addGoods: (form: GoodsForm) => call<ShopView>("add_goods", { form }),
  receiveStock: (goods: string, qty: string, source: string) => call<ShopView>("receive_stock", { goods, qty, source }),
  printShopReport: (month: string) => call<ArrayBuffer>("print_shop_report", { month }),
  rulebook: () => call<RulebookView>("rulebook"),
  previewRulebook: () => call<RulebookChanges | null>("preview_rulebook"),
  acceptRulebook: () => call<RulebookView>("accept_rulebook"),
  settings: () => call<SettingsView>("settings"),
  saveSettings: (operator: string, issuer: string, objectionsTo: string) => call<SettingsView>("save_settings", { operator, issuer, objectionsTo }),
  setOperator: (name: string) => call<BookInfo>("set_operator", { name }),
  backupNow: () => call<SettingsView>("backup_now"),
  chooseBackupDir: () => call<SettingsView>("choose_backup_dir"),
  setBackupOnClose: (on: boolean) => call<SettingsView>("set_backup_on_close", { on }),
  restoreBackup: (path: string) => call<BookInfo>("restore_backup", { path }),
  restoreLoss: (path: string) => call<RestoreLoss>("restore_loss", { path }),
  town: () => call<TownView>("town"),
  townAdd: () => call<TownView>("town_add"),
  townRemove: (path: string) => call<TownView>("town_remove", { path }),
  townSave: (kind: string) => call<string | null>("town_save", { kind }),
  printTown: (town: string, issuer: string) => call<ArrayBuffer>("print_town", { town, issuer }),
  townCheckBook: () => call<BookCheck | null>("town_check_book"),
  savePrintout: () => call<SavedPrintout | null>("save_printout"),
};
