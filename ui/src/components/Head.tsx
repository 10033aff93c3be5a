// A household head's name as lists show it, with 已迁出 and the date once
// the household has left (the Rust side says when).

import type { HouseholdRow } from "../ipc/bindings";

export function Head({ h }: { h: Pick<HouseholdRow, "head" | "movedOut"> }) {
  return (
    <span>
      {h.head}
      {h.movedOut && <span class="moved"> 已迁出 {h.movedOut}</span>}
    </span>
  );
}
