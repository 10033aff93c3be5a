// A household head's name as lists show it, with 已迁出 and the date once
// the household has left.

import { movedOut } from "../forms";
import type { HouseholdRow } from "../ipc/bindings";
import { book } from "../state";

export function Head({ h }: { h: Pick<HouseholdRow, "head" | "activeTo"> }) {
  const left = movedOut(h, book.value?.today ?? "");
  return (
    <span>
      {h.head}
      {left && <span class="moved"> 已迁出 {left}</span>}
    </span>
  );
}
