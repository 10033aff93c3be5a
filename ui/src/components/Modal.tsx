// A confirmation that says what will happen and how to answer it: Enter
// confirms and Esc cancels, from anywhere in the dialog (a focused button
// still answers for itself, and a key that ends an input method's
// composition belongs to it), as the line beside the buttons says.

import { useLayoutEffect, useRef } from "preact/hooks";
import type { ComponentChildren } from "preact";

interface Props {
  title: string;
  children: ComponentChildren;
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  /** A dialog that only shows something: one button (its `confirm`). */
  alone?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function Modal(p: Props) {
  const confirm = useRef<HTMLButtonElement>(null);
  // Before the first paint, so keys typed straight away land in the
  // dialog's fields rather than being taken over by this focus.
  useLayoutEffect(() => confirm.current?.focus(), []);
  const keys = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    // Answered here, a key goes no further: a dialog under this one stays.
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      p.onCancel();
    } else if (e.key === "Enter" && !p.busy && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      e.stopPropagation();
      p.onConfirm();
    }
  };
  return (
    <div class="backdrop" onKeyDown={keys}>
      <div class="modal" role="dialog" aria-modal="true" aria-label={p.title}>
        <h2>{p.title}</h2>
        <div class="modal-body">{p.children}</div>
        <div class="modal-actions">
          <span class="muted modal-keys">{p.alone ? "按回车或 Esc 关闭" : "按回车确认，按 Esc 取消"}</span>
          {!p.alone && (
            <button onClick={p.onCancel} disabled={p.busy}>
              取消
            </button>
          )}
          <button ref={confirm} id="modal-confirm" class={p.danger ? "danger" : "primary"} onClick={p.onConfirm} disabled={p.busy}>
            {p.busy ? "请稍候…" : p.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
