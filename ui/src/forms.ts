// Checks a form can make before asking the book: the obvious slips, each
// named by its field. The book's own rules (caps, published quarters,
// ranges) are checked there and come back the same way.

import type { HouseholdRow, ItemRow } from "./ipc/bindings";

export type Problems = Partial<Record<string, string>>;

export interface EntryDraft {
  household: HouseholdRow | null;
  item: ItemRow | null;
  qty: string;
  points: string;
  date: string;
}

export function entryProblems(d: EntryDraft): Problems {
  const p: Problems = {};
  if (!d.household) p.household = "请选择户：输入户号、户主姓名或拼音首字母";
  if (!d.item) p.item = "请选择项目：输入编号、名称或拼音";
  if (!/^[1-9]\d*$/.test(d.qty.trim())) p.qty = "数量应为 1 以上的整数";
  if (d.item?.ranged && d.points.trim() === "")
    p.points = `该项目按情况计分，请填写分值（${d.item.min}–${d.item.max} 分）`;
  if (d.points.trim() !== "" && !/^\d+(\.\d{1,2})?$/.test(d.points.trim()))
    p.points = "分值应为正数，最多两位小数，不带正负号";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date.trim()) || Number.isNaN(Date.parse(d.date.trim())))
    p.date = "日期应写成 2025-03-01 这样的格式";
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

/** Whether a household is on the roster on `date` (迁入 ≤ date ≤ 迁出). */
export function isActiveOn(h: Pick<HouseholdRow, "activeFrom" | "activeTo">, date: string): boolean {
  return (h.activeFrom === null || h.activeFrom <= date) && (h.activeTo === null || date <= h.activeTo);
}
