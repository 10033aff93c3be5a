// A confirmation that says what will happen. Focus starts on 取消, so an
// Enter pressed out of habit never confirms something that cannot be undone;
// where the action can be undone (a batch, by 冲销整批), it starts on the
// confirming button instead.

import { useLayoutEffect, useRef } from "preact/hooks";
import type { ComponentChildren } from "preact";

interface Props {
  title: string;
  children: ComponentChildren;
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  /** The action can be undone, so Enter may confirm it. */
  undoable?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function Modal(p: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  // Before the first paint, so keys typed straight away land in the
  // dialog's fields rather than being taken over by this focus.
  useLayoutEffect(() => (p.undoable ? confirm : cancel).current?.focus(), []);
  return (
    <div class="backdrop" onKeyDown={(e) => e.key === "Escape" && p.onCancel()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label={p.title}>
        <h2>{p.title}</h2>
        <div class="modal-body">{p.children}</div>
        <div class="modal-actions">
          <button ref={cancel} onClick={p.onCancel} disabled={p.busy}>
            取消
          </button>
          <button ref={confirm} id="modal-confirm" class={p.danger ? "danger" : "primary"} onClick={p.onConfirm} disabled={p.busy}>
            {p.busy ? "请稍候…" : p.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
