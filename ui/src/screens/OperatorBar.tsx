// Who is entering: asked for once, then shown on the entry screens.

import { useState } from "preact/hooks";
import { api, Refused } from "../ipc/api";
import { book } from "../state";

/** `next`: the field that gets the focus once the name is given. */
export function OperatorBar({ next }: { next: string }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const current = book.value?.operator ?? "";
  if (current) return <p class="muted operator">录入人：{current}（在「设置」中更改）</p>;
  const save = async () => {
    try {
      const info = await api.setOperator(name);
      book.value = info;
      requestAnimationFrame(() => document.getElementById(next)?.focus());
    } catch (e) {
      setError((e as Refused).message);
    }
  };
  return (
    <div class="operator-ask">
      <label for="operator">请先填写录入人姓名（每条记录都会写明是谁录的）：</label>
      <input
        id="operator"
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), save())}
      />
      <button id="operator-save" class="primary" onClick={save}>
        确定
      </button>
      {error && <span class="error-text">{error}</span>}
    </div>
  );
}
