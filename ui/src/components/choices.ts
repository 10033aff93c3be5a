// What the pickers search and show for households and items, shared by
// every screen that picks one (录入, 批量录入, 户账, 异议, 规则).

import { worth } from "../forms";
import type { HouseholdRow, ItemRow } from "../ipc/bindings";

export const householdKey = (h: HouseholdRow) => ({ code: h.code, name: h.head, initials: h.initials });
export const itemKey = (i: ItemRow) => ({ code: i.code, name: i.name, initials: i.initials, spelling: i.spelling });

/** `01001 张三丰（一组）`, and `已迁出 2026-11-15` once the household has left. */
export const showHousehold = (h: HouseholdRow) =>
  `${h.code} ${h.head}（${h.group}）${h.movedOut ? `  已迁出 ${h.movedOut}` : ""}`;
export const showItem = (i: ItemRow) => `${i.code} ${i.name}  ${worth(i)}`;
