// A box whose text is selected when it gets the focus, by Tab or by a
// click, so what is typed next replaces the value instead of joining it.
//
// By a click, the selection waits two frames: the click's own caret must
// reach WebKitGTK first, for it tells the input method (fcitx, ibus) where
// the box is only on a caret, never on a whole-text selection. Selected at
// once, the first pinyin candidates showed by the box focused before. A key
// pressed within those frames selects at once, so it still replaces.
//
// A focus is a click's while the button that pressed on the box is still
// down: not a guess from how long ago the box was last clicked, which took
// a focus by Enter soon after a click for a click, and left it unselected.
// A click into the box already focused puts the caret where it lands,
// unless `reselect` says the text is one to replace whole (a choice).

import { useRef } from "preact/hooks";

export function useSelectOnFocus(
  then?: () => void,
  onKeyDown?: (e: KeyboardEvent) => void,
  reselect?: () => boolean,
) {
  const pressing = useRef(false);
  const focusedByPointer = useRef(false);
  const waiting = useRef(0);
  const selectNow = (box: HTMLInputElement) => {
    cancelAnimationFrame(waiting.current);
    waiting.current = 0;
    box.select();
  };
  return {
    onMouseDown: (e: MouseEvent) => {
      if (document.activeElement === e.currentTarget && reselect?.()) focusedByPointer.current = true;
      pressing.current = true;
      // Released anywhere, even off the box.
      window.addEventListener("mouseup", () => (pressing.current = false), { capture: true, once: true });
    },
    onFocus: (e: FocusEvent) => {
      then?.();
      focusedByPointer.current = pressing.current;
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
