// A box whose text is selected when it gets the focus, by Tab or by a
// click, so what is typed next replaces the value instead of joining it.
//
// By a click, the selection waits two frames: the click's own caret must
// reach WebKitGTK first, for it tells the input method (fcitx, ibus) where
// the box is only on a caret, never on a whole-text selection. Selected at
// once, the first pinyin candidates showed by the box focused before. A key
// pressed within those frames selects at once, so it still replaces.

import { useRef } from "preact/hooks";

export function useSelectOnFocus(then?: () => void, onKeyDown?: (e: KeyboardEvent) => void) {
  const pressedAt = useRef(-Infinity);
  const focusedByPointer = useRef(false);
  const waiting = useRef(0);
  const selectNow = (box: HTMLInputElement) => {
    cancelAnimationFrame(waiting.current);
    waiting.current = 0;
    box.select();
  };
  return {
    onMouseDown: () => {
      pressedAt.current = performance.now();
    },
    onFocus: (e: FocusEvent) => {
      then?.();
      focusedByPointer.current = performance.now() - pressedAt.current < 1000;
      if (!focusedByPointer.current) (e.currentTarget as HTMLInputElement).select();
    },
    onMouseUp: (e: MouseEvent) => {
      const box = e.currentTarget as HTMLInputElement;
      if (focusedByPointer.current) {
        // Else the mouseup would put a caret where the click was.
        e.preventDefault();
        waiting.current = requestAnimationFrame(() => (waiting.current = requestAnimationFrame(() => selectNow(box))));
      }
      focusedByPointer.current = false;
    },
    onKeyDown: (e: KeyboardEvent) => {
      if (waiting.current) selectNow(e.currentTarget as HTMLInputElement);
      onKeyDown?.(e);
    },
  };
}
