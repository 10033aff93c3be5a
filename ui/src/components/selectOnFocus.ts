// A box whose text is selected when it gets the focus, by Tab or by a
// click, so what is typed next replaces the value instead of joining it.
// A click would otherwise drop the selection on its mouseup.

import { useRef } from "preact/hooks";

export function useSelectOnFocus(then?: () => void) {
  const justFocused = useRef(false);
  return {
    onFocus: (e: FocusEvent) => {
      then?.();
      (e.currentTarget as HTMLInputElement).select();
      justFocused.current = true;
    },
    onMouseUp: (e: MouseEvent) => {
      if (justFocused.current) e.preventDefault();
      justFocused.current = false;
    },
  };
}
