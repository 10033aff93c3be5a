// A table that draws only the rows in view, so 2,000 households or a
// year of entries scroll as smoothly as ten. Rows have one fixed height.

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

const ROW = 40;
const EXTRA = 6;

export function VirtualTable<T>(p: Props<T>) {
  const body = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    const seen = new ResizeObserver(() => setHeight(el.clientHeight));
    seen.observe(el);
    return () => seen.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(top / ROW) - EXTRA);
  const last = Math.min(p.rows.length, Math.ceil((top + height) / ROW) + EXTRA);
  const template = p.columns.map((c) => c.width).join(" ");

  return (
    <div class="vtable" data-testid={p.testId} role="table">
      <div class="vbody" ref={body} onScroll={(e) => setTop(Math.max(0, e.currentTarget.scrollTop - ROW))}>
        {/* Inside the scroller (sticky), so it has the rows' width, scrollbar or not. */}
        <div class="vhead" role="row" style={{ gridTemplateColumns: template }}>
          {p.columns.map((c) => (
            <div role="columnheader" class={c.align ?? ""} key={c.title}>
              {c.title}
            </div>
          ))}
        </div>
        {p.rows.length === 0 && <div class="empty">{p.empty ?? "没有记录"}</div>}
        <div style={{ height: `${p.rows.length * ROW}px`, position: "relative" }}>
          {p.rows.slice(first, last).map((r, i) => {
            const key = p.rowKey(r);
            return (
              <div
                role="row"
                key={key}
                class={`vrow ${p.rowClass?.(r) ?? ""} ${p.selected === key ? "selected" : ""} ${p.onRow ? "clickable" : ""}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${(first + i) * ROW}px)` }}
                onClick={() => p.onRow?.(r)}
              >
                {p.columns.map((c) => {
                  const content = c.cell(r);
                  // A narrow column may cut its text: the whole of it on hover.
                  const whole = typeof content === "string" ? content : undefined;
                  return (
                    <div role="cell" class={c.align ?? ""} key={c.title} title={whole}>
                      {content}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
