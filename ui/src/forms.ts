// What a form knows before asking the book: only whether something is
// chosen yet. Every value (date, quantity, points) and every rule is
// checked by the core, which names the field it refuses.

import type { Field, HouseholdRow, ItemRow } from "./ipc/bindings";

export type Problems = Partial<Record<Field | "form", string>>;

export interface EntryChoice {
  household: HouseholdRow | null;
  item: ItemRow | null;
}

export function entryProblems(d: EntryChoice): Problems {
  const p: Problems = {};
  if (!d.household) p.household = "请选择户：输入户号、户主姓名或拼音首字母";
  if (!d.item) p.item = "请选择项目：输入编号、名称或拼音";
  return p;
}

/** Codes pasted from anywhere (a column copied from WPS, a typed list). */
export function parseCodes(text: string, known: ReadonlySet<string>): { codes: string[]; unknown: string[] } {
  const seen = new Set<string>();
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const token of text.split(/[\s,，、;；]+/)) {
    if (token === "" || seen.has(token)) continue;
    seen.add(token);
    (known.has(token) ? codes : unknown).push(token);
  }
  return { codes, unknown };
}

/** Points as shown in lists: a sign on every non-zero value. */
export function signed(points: string): string {
  return points.startsWith("-") || points === "0" ? points : `+${points}`;
}

/** What an item is worth, as a clerk reads it: `2 分/次`, `1–5 分`. */
export function worth(item: ItemRow): string {
  const sign = item.kind === "deduct" ? "−" : "+";
  const amount = item.ranged ? `${item.min}–${item.max}` : item.min;
  return `${sign}${amount} 分${item.unit && !item.ranged ? `/${item.unit}` : ""}`;
}
