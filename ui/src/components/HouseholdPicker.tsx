// The household picker every screen uses (录入, 积分超市, 异议): the roster,
// searched by code, head or pinyin initials, shown with its group.

import type { HouseholdRow } from "../ipc/bindings";
import { households } from "../state";
import { householdKey, showHousehold } from "./choices";
import { Picker, type PickerProps } from "./Picker";

type Props = Omit<PickerProps<HouseholdRow>, "list" | "keyOf" | "show" | "label"> & { label?: string };

export function HouseholdPicker(p: Props) {
  return (
    <Picker
      {...p}
      label={p.label ?? "户（户号 / 户主 / 拼音首字母）"}
      list={households.value}
      keyOf={householdKey}
      show={showHousehold}
    />
  );
}
