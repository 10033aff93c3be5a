// A table that draws only the rows in view, so 2,000 households or a
// year of entries scroll as smoothly as ten. A cell wraps its text rather
// than cut it, so rows differ in height: each drawn row is measured, and
// rows not yet drawn are reckoned at one line.

import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ComponentChildren } from "preact";

export interface Column<T> {
  title: string;
  width: string;
  align?: "right" | "center";
  cell: (row: T) => ComponentChildren;
}

interface Props<T> {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowClass?: (row: T) => string;
  onRow?: (row: T) => void;
  selected?: string | null;
  empty?: string;
  testId?: string;
}

/** A one-line row's height, in px (as style.css draws it). */
const LINE_ROW = 40;
/** How far beyond the view rows are drawn, in px. */
const BEYOND = 240;

export function VirtualTable<T>(p: Props<T>) {
  const body = useRef<HTMLDivElement>(null);
  const drawn = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const [top, setTop] = useState(0);
  const [view, setView] = useState({ height: 600, width: 0 });
  const [, remeasured] = useState(0);

  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    const seen = new ResizeObserver(() => setView({ height: el.clientHeight, width: el.clientWidth }));
    seen.observe(el);
    return () => seen.disconnect();
  }, []);

  // Another width wraps every row anew.
  useLayoutEffect(() => heights.current.clear(), [view.width]);

  const keys = p.rows.map(p.rowKey);
  const tops = new Array<number>(keys.length + 1);
  tops[0] = 0;
  keys.forEach((k, i) => (tops[i + 1] = tops[i] + (heights.current.get(k) ?? LINE_ROW)));
  const first = Math.max(0, firstBelow(tops, top - BEYOND) - 1);
  const last = Math.min(keys.length, firstBelow(tops, top + view.height + BEYOND));
  const template = p.columns.map((c) => c.width).join(" ");

  // Before the frame is painted: measure the rows drawn, and draw again
  // if any differs from what it was reckoned at.
  useLayoutEffect(() => {
    let changed = false;
    for (const row of drawn.current?.children ?? []) {
      const key = (row as HTMLElement).dataset.key!;
      const h = (row as HTMLElement).offsetHeight;
      if (heights.current.get(key) !== h) {
        heights.current.set(key, h);
        changed = true;
      }
    }
    if (changed) remeasured((n) => n + 1);
  });

  return (
    <div class="vtable" data-testid={p.testId} role="table">
      <div class="vbody" ref={body} onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
        {/* Inside the scroller (sticky), so it has the rows' width, scrollbar or not. */}
        <div class="vhead" role="row" style={{ gridTemplateColumns: template }}>
          {p.columns.map((c) => (
            <div role="columnheader" class={c.align ?? ""} key={c.title}>
              {c.title}
            </div>
          ))}
        </div>
        {p.rows.length === 0 && <div class="empty">{p.empty ?? "没有记录"}</div>}
        <div ref={drawn} style={{ height: `${tops[keys.length]}px`, position: "relative" }}>
          {p.rows.slice(first, last).map((r, i) => {
            const key = keys[first + i];
            return (
              <div
                role="row"
                key={key}
                data-key={key}
                class={`vrow ${p.rowClass?.(r) ?? ""} ${p.selected === key ? "selected" : ""} ${p.onRow ? "clickable" : ""}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${tops[first + i]}px)` }}
                onClick={() => p.onRow?.(r)}
              >
                {p.columns.map((c) => (
                  <div role="cell" class={c.align ?? ""} key={c.title}>
                    {c.cell(r)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The first index whose top lies beyond `y` (tops rise). */
function firstBelow(tops: number[], y: number): number {
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid] > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
