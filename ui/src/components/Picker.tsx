// A search box that picks one thing from a list: type a code, a name or
// pinyin, move with ↑/↓, Enter or Tab takes the highlighted match.

import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Ref } from "preact";
import { search, type Searchable } from "../search";
import { useSelectOnFocus } from "./selectOnFocus";
import { Unbroken } from "./Unbroken";

export interface PickerProps<T> {
  id: string;
  label: string;
  list: readonly T[];
  keyOf: (t: T) => Searchable;
  /** One line per match in the drop-down. */
  show: (t: T) => string;
  value: T | null;
  onPick: (t: T | null) => void;
  placeholder?: string;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}

const SHOWN = 8;

export function Picker<T>(p: PickerProps<T>) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState(0);
  // While an input method composes, the box holds pinyin, not a search.
  const [composing, setComposing] = useState(false);
  const matches = useMemo(() => search(p.list, query, p.keyOf, SHOWN), [p.list, query]);
  const own = useRef<HTMLInputElement>(null);
  // Closing on blur waits a moment so a click on a match still lands; a
  // quick return to the box must cancel it, or it closes under the typist.
  const closing = useRef<number | undefined>(undefined);
  const ref = (p.inputRef ?? own) as { current: HTMLInputElement | null };

  // A value set from outside (cleared after saving, say) shows as text.
  // Not on mount: the effect runs after the first paint, and would wipe
  // what a fast typist has already typed. Nor when typing itself cleared
  // the choice: the keys typed over a choice start the new search.
  const mounted = useRef(false);
  const clearedByTyping = useRef(false);
  useEffect(() => {
    if (mounted.current && !clearedByTyping.current) setQuery(p.value ? p.show(p.value) : "");
    clearedByTyping.current = false;
    mounted.current = true;
  }, [p.value]);

  const take = (t: T | undefined) => {
    if (!t) return;
    p.onPick(t);
    setQuery(p.show(t));
    setOpen(false);
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      setAt((i) => Math.max(0, Math.min(matches.length - 1, i + (e.key === "ArrowDown" ? 1 : -1))));
    } else if (e.key === "Enter" && open) {
      // Taken here; the form moves focus on when it sees the pick.
      e.preventDefault();
      e.stopPropagation();
      take(matches[at]);
    } else if (e.key === "Tab" && !e.shiftKey && open && !p.value && query.trim() !== "" && matches.length > 0) {
      // Like Enter, Tab takes the highlighted match (the first, or the
      // only one) and then moves on as Tab does: no raw text is left.
      take(matches[at]);
    } else if (e.key === "Escape" && open) {
      e.stopPropagation();
      setOpen(false);
    }
  };
  // A choice shown is replaced whole, however the box is clicked.
  const selecting = useSelectOnFocus(() => window.clearTimeout(closing.current), onKey, () => p.value !== null);

  return (
    <div class={`field picker ${p.error ? "has-error" : ""}`}>
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        ref={ref}
        autoComplete="off"
        spellcheck={false}
        placeholder={p.placeholder}
        value={query}
        aria-invalid={p.error ? true : undefined}
        onInput={(e) => {
          window.clearTimeout(closing.current);
          // Keys typed after a choice's text (the caret at its end) are a
          // new search of their own, not an addition to the choice's name.
          const text = e.currentTarget.value;
          const shown = p.value ? p.show(p.value) : "";
          setQuery(shown !== "" && text.startsWith(shown) ? text.slice(shown.length) : text);
          setAt(0);
          setOpen(true);
          if (p.value) {
            clearedByTyping.current = true;
            p.onPick(null);
          }
        }}
        {...selecting}
        onBlur={() => (closing.current = window.setTimeout(() => setOpen(false), 150))}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={() => setComposing(false)}
      />
      {open && !composing && query.trim() !== "" && !p.value && (
        <ul class="matches" role="listbox">
          {matches.length === 0 && <li class="none">没有找到「{query}」</li>}
          {matches.map((t, i) => (
            <li
              key={p.keyOf(t).code}
              role="option"
              aria-selected={i === at}
              class={i === at ? "at" : ""}
              onMouseDown={(e) => {
                e.preventDefault();
                take(t);
              }}
            >
              {p.show(t)}
            </li>
          ))}
        </ul>
      )}
      {p.error && (
        <div class="error-text">
          <Unbroken text={p.error} />
        </div>
      )}
    </div>
  );
}
