// A date box that always shows YYYY-MM-DD, whatever the computer's locale
// (WebKitGTK's own date input follows it). What the clerk types — 2025-3-5,
// 2025/3/5, 3-5 for this year — is read by the core's one date parser when
// the box is left; ↑/↓ move a day and t means today.

import type { Ref } from "preact";
import { api, Refused } from "../ipc/api";
import { book } from "../state";
import { useSelectOnFocus } from "./selectOnFocus";

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** A refusal about this date (the core's, or the reading of it). */
  error?: string;
  onError?: (message: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}$/;
/** `text` is a day of the calendar written YYYY-MM-DD (2026-02-30 is not). */
function isDay(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`);
  return CANONICAL.test(text) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}
/** t, typed as a key or committed by an input method (half- or full-width). */
const TODAY = /[tTｔＴ]/;

/** `date` moved by `days`: calendar arithmetic on a date already read. */
export function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function DateField(p: Props) {
  const read = async (text: string) => {
    if (text.trim() === "" || isDay(text)) return;
    try {
      p.onChange(await api.readDate(text));
    } catch (e) {
      p.onError?.((e as Refused).message);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    const up = e.key === "ArrowUp";
    if ((up || e.key === "ArrowDown") && isDay(p.value)) {
      e.preventDefault();
      p.onChange(shiftDay(p.value, up ? 1 : -1));
    } else if ((e.key === "t" || e.key === "T") && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      p.onChange(book.value?.today ?? p.value);
    } else if (e.key === "Enter") {
      // Read before the form acts on Enter, so it saves the date meant.
      read((e.currentTarget as HTMLInputElement).value);
    }
  };
  // With pinyin on, t arrives as text the input method commits, not a key.
  const typed = (text: string) => p.onChange(TODAY.test(text) ? (book.value?.today ?? text) : text);
  const selecting = useSelectOnFocus(undefined, onKey);
  return (
    <div class={`field date ${p.error ? "has-error" : ""}`}>
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        ref={p.inputRef}
        value={p.value}
        placeholder="YYYY-MM-DD"
        inputMode="numeric"
        autoComplete="off"
        spellcheck={false}
        aria-invalid={p.error ? true : undefined}
        title="如 2025-03-15、2025/3/15，或 3-15（今年）；↑/↓ 前后一天，t 今天"
        onInput={(e) => ((e as InputEvent).isComposing ? p.onChange(e.currentTarget.value) : typed(e.currentTarget.value))}
        onCompositionEnd={(e) => typed(e.currentTarget.value)}
        {...selecting}
        onBlur={(e) => read(e.currentTarget.value)}
      />
      {p.error && <div class="error-text">{p.error}</div>}
    </div>
  );
}
