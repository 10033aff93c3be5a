// The window: screens on the left (the first ten on Alt+1…9, 0), the open book on top, the
// chosen screen in the middle, messages at the foot.

import { useEffect } from "preact/hooks";
import { api } from "./ipc/api";
import { book, go, leaveAnyway, leaving, opened, screen, toast, unsaved, type Screen } from "./state";
import { Modal } from "./components/Modal";
import { Batch } from "./screens/Batch";
import { Entry } from "./screens/Entry";
import { Account } from "./screens/Account";
import { Ranking } from "./screens/Ranking";
import { Review } from "./screens/Review";
import { Rules } from "./screens/Rules";
import { Settings } from "./screens/Settings";
import { Shop } from "./screens/Shop";
import { Start } from "./screens/Start";
import { Town } from "./screens/Town";
import { Year } from "./screens/Year";

const SCREENS: [Screen, string][] = [
  ["start", "开始"],
  ["entry", "录入"],
  ["batch", "批量录入"],
  ["review", "评议"],
  ["account", "户账"],
  ["shop", "积分超市"],
  ["ranking", "排名"],
  ["year", "年度"],
  ["rules", "规则"],
  ["settings", "设置"],
  ["town", "镇汇总"],
];

export function App() {
  useEffect(() => {
    // A book opened from the command line is already open in Rust. Once
    // the first usable screen is drawn, say so (for the benchmark).
    api.start().then(async (s) => {
      if (s.book) await opened(s.book);
      requestAnimationFrame(() => requestAnimationFrame(() => api.firstScreen(s.book ? "book" : "start")));
    });
    const onKey = (e: KeyboardEvent) => {
      // Alt+0 is the tenth screen, as on the keyboard's row of digits.
      const n = e.key === "0" ? 10 : Number(e.key);
      if (e.altKey && n >= 1 && n <= SCREENS.length) {
        e.preventDefault();
        go(SCREENS[n - 1][0]);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const b = book.value;
  return (
    <div class="app">
      <nav class="nav" aria-label="功能">
        <div class="brand">积分簿</div>
        {SCREENS.map(([id, name], i) => (
          <button
            key={id}
            id={`nav-${id}`}
            class={screen.value === id ? "on" : ""}
            disabled={id !== "start" && id !== "town" && !b}
            onClick={() => go(id)}
            title={i < 10 ? `Alt+${(i + 1) % 10}` : undefined}
          >
            {name}
            {i < 10 && <span class="key">Alt+{(i + 1) % 10}</span>}
          </button>
        ))}
      </nav>
      <main>
        <div class="bookbar">
          {b ? (
            <>
              <strong id="village">{b.village}</strong>
              <span class="muted">{b.fileName}</span>
              <span class="spacer" />
              <span class="muted">
                今天 {b.today} · 录入人 {b.operator || "未填写"}
              </span>
            </>
          ) : (
            <span class="muted">未打开积分簿</span>
          )}
        </div>
        <Current />
        {leaving.value && (
          <Modal title="离开前" confirm="不保存，离开" onConfirm={leaveAnyway} onCancel={() => (leaving.value = null)}>
            <p id="leaving">{unsaved.value}还没有保存；离开后，已填的内容不会保留。</p>
          </Modal>
        )}
        {toast.value && (
          <div class={`toast ${toast.value.error ? "error" : ""}`} role="status" id="toast">
            {toast.value.text}
          </div>
        )}
      </main>
    </div>
  );
}

function Current() {
  switch (screen.value) {
    case "start":
      return <Start />;
    case "entry":
      return <Entry />;
    case "batch":
      return <Batch />;
    case "review":
      return <Review />;
    case "account":
      return <Account />;
    case "shop":
      return <Shop />;
    case "ranking":
      return <Ranking />;
    case "year":
      return <Year />;
    case "rules":
      return <Rules />;
    case "settings":
      return <Settings />;
    case "town":
      return <Town />;
  }
}
