// Asks for the reason of a correction — a 冲销 of one entry or of a whole
// batch, or the 作废 of a redemption — and makes it; Enter confirms, Esc
// cancels.

import { useEffect, useRef, useState } from "preact/hooks";
import type { Saved } from "../ipc/bindings";
import { Modal } from "./Modal";
import { useTask } from "./useTask";

interface Props<T> {
  title: string;
  /** What is being corrected, as the clerk recognises it. */
  what: string;
  reverse: (reason: string) => Promise<T>;
  onDone: (s: T | null) => void;
  /** The word for it: 冲销 (the default) or 作废. */
  verb?: string;
  /** What it does, said under `what`. */
  note?: string;
}

const REVERSAL = "原记录不会被删除：系统另记一条相反的分值与它相抵，两条都留在账上。";

export function ReverseDialog<T = Saved>(p: Props<T>) {
  const verb = p.verb ?? "冲销";
  const [reason, setReason] = useState("");
  const { busy, error, setError, run } = useTask();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const confirm = () => {
    if (reason.trim() === "") return setError(`请写明${verb}原因，如「录错户号」「重复登记」`);
    return run(async () => p.onDone(await p.reverse(reason)));
  };
  return (
    <Modal title={p.title} confirm={`确认${verb}`} danger busy={busy} onConfirm={confirm} onCancel={() => p.onDone(null)}>
      <p>{p.what}</p>
      <p class="muted">{p.note ?? REVERSAL}</p>
      <div class={`field ${error ? "has-error" : ""}`}>
        <label for="reason">{verb}原因</label>
        <input
          id="reason"
          ref={input}
          maxLength={200}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
          onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), confirm())}
        />
        {error && <div class="error-text">{error}</div>}
      </div>
    </Modal>
  );
}
