// 规则: the rulebook in force — its articles, star levels and items by
// category, searchable — and loading a new version, shown against the
// current one before it is accepted.

import { useEffect, useMemo, useState } from "preact/hooks";
import { Modal } from "../components/Modal";
import { worth } from "../forms";
import { api, Refused } from "../ipc/api";
import type { RulebookChanges, RulebookView } from "../ipc/bindings";
import { search } from "../search";
import { items, say } from "../state";
import { itemKey } from "../components/choices";
import { useTask } from "../components/useTask";
import { ErrorBox } from "../components/ErrorBox";

export function Rules() {
  const [view, setView] = useState<RulebookView | null>(null);
  const [query, setQuery] = useState("");
  const [incoming, setIncoming] = useState<RulebookChanges | null>(null);
  const { busy, error, setError, run } = useTask();
  const preview = () => run(async () => setIncoming(await api.previewRulebook()));
  const accept = () =>
    run(async () => {
      const accepted = await api.acceptRulebook();
      setIncoming(null);
      setView(await api.rulebook());
      items.value = await api.items("");
      say(`已载入「${accepted.title}」，${accepted.effectiveFrom} 起施行`);
    });
  useEffect(() => {
    api.rulebook().then(setView, (e: Refused) => setError(e.message));
  }, []);
  const shown = useMemo(() => (view ? search(view.items, query, itemKey).sort((a, b) => (a.code < b.code ? -1 : 1)) : []), [view, query]);
  const categories = [...new Set(shown.map((i) => i.category))];

  const load = (
    <button id="rules-load" onClick={preview}>
      载入新版本规则…
    </button>
  );
  const dialog = incoming && (
    <Modal title={`载入「${incoming.incoming.title}」`} confirm="接受新版本" busy={busy} onConfirm={accept} onCancel={() => setIncoming(null)}>
      <p>
        文件 {incoming.fileName}，{incoming.incoming.effectiveFrom} 起施行，共 {incoming.incoming.items.length} 个项目。
      </p>
      {incoming.against === null ? (
        <p>本积分簿在该日期还没有规则，这将是第一份。</p>
      ) : incoming.changes.length === 0 ? (
        <p>与现行的「{incoming.against}」完全相同。</p>
      ) : (
        <>
          <p>与现行的「{incoming.against}」相比：</p>
          <ul class="changes">
            {incoming.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      )}
      <p class="muted">旧版本不会被替换：已记的分和已发布的季度仍按当时的规则；新版本从施行日期起用于新录入。</p>
    </Modal>
  );
  if (!view)
    return (
      <section class="screen">
        <ErrorBox text={error} />
        {load}
        {dialog}
      </section>
    );
  return (
    <section class="screen rules">
      <header class="toolbar">
        <h1>{view.title}</h1>
        <span class="spacer" />
        {load}
      </header>
      <ErrorBox text={error} />
      {dialog}
      <p class="muted">
        {view.effectiveFrom} 起施行 · 年初基础分 {view.basePoints} · 公示期 {view.noticeDays} 天 · 星级：
        {view.stars.map((s) => `${"★".repeat(s.level)}${s.name ?? ""} ≥ ${s.min}`).join("，")}
      </p>
      <input id="rules-search" placeholder="查找项目：编号、名称或拼音" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      {categories.map((c) => (
        <div key={c}>
          <h2>{c}</h2>
          {/* Fixed column widths: the points line up across categories. */}
          <table class="plain rule-items">
            <colgroup>
              <col class="code" />
              <col />
              <col class="worth" />
              <col class="review" />
              <col class="more" />
            </colgroup>
            <tbody>
              {shown
                .filter((i) => i.category === c)
                .map((i) => (
                  <tr key={i.code} data-item={i.code}>
                    <td class="code">{i.code}</td>
                    <td>{i.name}</td>
                    <td class={`right ${i.kind === "deduct" ? "minus" : "plus"}`}>{worth(i)}</td>
                    <td>{i.review && <span class="tag" title="登记后经积分评议会通过才入账">须评议</span>}</td>
                    <td class="muted">
                      {[i.cap, i.veto ? "一票否决" : null, i.note].filter(Boolean).join(" · ")}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
      {query === "" && (
        <>
          <h2>通则</h2>
          <ol class="articles">
            {view.articles.map((a, i) => (
              <li key={i}>
                {a.title && <strong>{a.title} </strong>}
                {a.text}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
