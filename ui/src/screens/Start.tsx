// 开始: open the demo village, a recent book, any book, or create one.

import { useEffect, useState } from "preact/hooks";
import { api, Refused } from "../ipc/api";
import type { Start as StartView } from "../ipc/bindings";
import { book, go, opened, say } from "../state";
import { ErrorBox } from "../components/ErrorBox";

export function Start() {
  const [view, setView] = useState<StartView | null>(null);
  const [village, setVillage] = useState("");
  const [code, setCode] = useState("");
  const [rulebook, setRulebook] = useState("");
  const [error, setError] = useState<Refused | null>(null);

  useEffect(() => {
    api.start().then((v) => {
      setView(v);
      setRulebook(v.rulebooks[0]?.file ?? "");
    });
  }, []);

  const open = async (how: () => Promise<import("../ipc/bindings").BookInfo | null>) => {
    setError(null);
    try {
      const info = await how();
      if (info) {
        await opened(info);
        say(`已打开 ${info.village}（${info.fileName}）`);
      }
    } catch (e) {
      setError(e as Refused);
    }
  };

  return (
    <section class="screen start">
      <h1>积分簿</h1>
      <p class="lead">村级积分制管理：录入积分、查看户账、季度排名与公示、备份。</p>
      {book.value && (
        <p class="current">
          正在使用：<strong>{book.value.village}</strong>（{book.value.path}）
        </p>
      )}
      {book.value && view && (
        <p id="backup-state" class={view.backupWarning ? "warn" : "muted"}>
          {view.backupWarning ?? `上次备份：${view.lastBackup}`}
        </p>
      )}
      {book.value && view && view.pendingReviews > 0 && (
        <p id="pending-reviews" class="warn">
          有 {view.pendingReviews} 条登记待评议。{" "}
          <button class="link" onClick={() => go("review")}>
            去评议
          </button>
        </p>
      )}
      <ErrorBox text={error?.message} />
      <div class="cards">
        <div class="card">
          <h2>打开</h2>
          <button id="open-demo" class="primary big" onClick={() => open(api.openDemo)}>
            打开示范村（青溪村）
          </button>
          <button id="open-book" class="big" onClick={() => open(api.openBook)}>
            打开积分簿文件…
          </button>
          <h3>最近使用</h3>
          {view?.recent.length === 0 && <p class="muted">还没有打开过积分簿</p>}
          <ul class="recent">
            {view?.recent.map((r) => (
              <li key={r.path}>
                <button class="link" disabled={!r.exists} onClick={() => open(() => api.openRecent(r.path))}>
                  {r.fileName}
                </button>
                <span class="muted small">{r.exists ? r.path : "（文件已不在原处）"}</span>
              </li>
            ))}
          </ul>
        </div>
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            open(() => api.createBook(village, code, rulebook));
          }}
        >
          <h2>新建积分簿</h2>
          <div class={`field ${error?.field === "village" ? "has-error" : ""}`}>
            <label for="new-village">村名</label>
            <input id="new-village" value={village} onInput={(e) => setVillage(e.currentTarget.value)} />
          </div>
          <div class={`field ${error?.field === "code" ? "has-error" : ""}`}>
            <label for="new-code">村代码（镇里汇总用）</label>
            <input id="new-code" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="new-rules">积分规则</label>
            <select id="new-rules" value={rulebook} onChange={(e) => setRulebook(e.currentTarget.value)}>
              {view?.rulebooks.map((r) => (
                <option key={r.file} value={r.file} title={`${r.title}，${r.effectiveFrom} 起施行`}>
                  {r.title}
                </option>
              ))}
              <option value="">暂不选择，以后在「规则」里导入</option>
            </select>
            {view?.rulebooks.find((r) => r.file === rulebook) && (
              <span class="muted small">自 {view.rulebooks.find((r) => r.file === rulebook)!.effectiveFrom} 起施行</span>
            )}
          </div>
          <button type="submit" class="big">
            选择保存位置并新建…
          </button>
        </form>
      </div>
    </section>
  );
}
