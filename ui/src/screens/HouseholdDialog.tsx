// Adding a household, or changing one's details: head, group, people,
// and the dates it moved in or out (迁入/迁出). The code of an existing
// household stays: its entries are filed under it.

import { useState } from "preact/hooks";
import { Modal } from "../components/Modal";
import { useTask } from "../components/useTask";
import { api, Refused } from "../ipc/api";
import type { Field, HouseholdForm, HouseholdRow } from "../ipc/bindings";
import { households } from "../state";
import { ErrorBox } from "../components/ErrorBox";

/** Each box: the form's key, the core's name for the field, its label. */
const FIELDS: [keyof HouseholdForm, Field, string][] = [
  ["code", "code", "户号"],
  ["head", "head", "户主"],
  ["group", "group", "村民小组"],
  ["members", "members", "人口"],
  ["address", "address", "地址"],
  ["phone", "phone", "电话"],
  ["activeFrom", "active_from", "迁入日期（如 2025-03-01，一直在册可不填）"],
  ["activeTo", "active_to", "迁出日期（仍在册不填）"],
];

export function HouseholdDialog(p: { household: HouseholdRow | null; onDone: (code: string | null) => void }) {
  const h = p.household;
  const [form, setForm] = useState<HouseholdForm>({
    code: h?.code ?? "",
    head: h?.head ?? "",
    group: h?.group ?? "",
    members: h?.members?.toString() ?? "",
    address: h?.address ?? "",
    phone: h?.phone ?? "",
    activeFrom: h?.activeFrom ?? "",
    activeTo: h?.activeTo ?? "",
    isNew: h === null,
  });
  // The refusal, kept whole: the box it names is marked.
  const [refused, setRefused] = useState<Refused | null>(null);
  const { busy, run } = useTask();
  const save = () =>
    run(async () => {
      households.value = await api.saveHousehold(form);
      p.onDone(form.code.trim());
    }, (r) => {
      setRefused(r);
      const key = FIELDS.find(([, field]) => field === r.field)?.[0];
      const box = key && (document.getElementById(`hh-${key}`) as HTMLInputElement | null);
      box?.focus();
      box?.select();
    });
  return (
    <Modal title={h ? `修改 ${h.code} ${h.head} 的户信息` : "新增一户"} confirm="保存" busy={busy} onConfirm={save} onCancel={() => p.onDone(null)}>
      <div class="form-grid">
        {FIELDS.map(([key, field, label]) => (
          <div class={`field ${refused?.field === field ? "has-error" : ""}`} key={key}>
            <label for={`hh-${key}`}>{label}</label>
            <input
              id={`hh-${key}`}
              value={String(form[key])}
              disabled={key === "code" && h !== null}
              onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
            />
          </div>
        ))}
      </div>
      <ErrorBox text={refused?.message} />
    </Modal>
  );
}
