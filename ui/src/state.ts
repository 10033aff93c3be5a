// The app's shared state, as signals: which book is open, which screen is
// shown, and the roster and items every screen searches.

import { signal } from "@preact/signals";
import { api } from "./ipc/api";
import type { BookInfo, HouseholdRow, ItemRow } from "./ipc/bindings";

export type Screen = "start" | "entry" | "batch" | "review" | "account" | "shop" | "ranking" | "year" | "rules" | "settings" | "town";

/** The screens that work without an open book. */
const BOOKLESS: Screen[] = ["start", "town"];

export const book = signal<BookInfo | null>(null);
export const screen = signal<Screen>("start");
export const households = signal<HouseholdRow[]>([]);
export const items = signal<ItemRow[]>([]);
/** The household 户账 (its account) shows (set from other screens too). */
export const accountCode = signal<string | null>(null);
/** Shows household `code`'s account (户账), e.g. from a ranking's row. */
export function openAccount(code: string) {
  accountCode.value = code;
  screen.value = "account";
}

/** A short message at the foot of the window. */
export const toast = signal<{ text: string; error: boolean } | null>(null);

let toastTimer: number | undefined;
export function say(text: string, error = false) {
  toast.value = { text, error };
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (toast.value = null), error ? 10000 : 5000);
}

/** Makes `info` the open book and loads what the screens search. */
export async function opened(info: BookInfo) {
  book.value = info;
  const [h, i] = await Promise.all([api.households(), api.items(info.today)]);
  households.value = h;
  items.value = i;
  if (BOOKLESS.includes(screen.value)) screen.value = "entry";
}

/** What the current screen would lose if left now (a half-typed entry),
 * or null: leaving it then asks first. */
export const unsaved = signal<string | null>(null);
/** The screen asked for while `unsaved` held something, awaiting an answer. */
export const leaving = signal<Screen | null>(null);

export function go(to: Screen) {
  if (!BOOKLESS.includes(to) && !book.value) return;
  if (unsaved.value && to !== screen.value) {
    leaving.value = to;
    return;
  }
  screen.value = to;
}

/** Leaves for the screen asked for, dropping what was unsaved. */
export function leaveAnyway() {
  const to = leaving.value;
  leaving.value = null;
  unsaved.value = null;
  if (to) screen.value = to;
}
