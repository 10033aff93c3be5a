// 规则: the rulebook in force — its articles, star levels and items by
// category, searchable.

import { useEffect, useMemo, useState } from "preact/hooks";
import { worth } from "../forms";
import { api, Refused } from "../ipc/api";
import type { RulebookView } from "../ipc/bindings";
import { search } from "../search";
import { itemKey } from "./Entry";

export function Rules() {
  const [view, setView] = useState<RulebookView | null>(null);
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.rulebook().then(setView, (e: Refused) => setError(e.message));
  }, []);
  const shown = useMemo(() => (view ? search(view.items, query, itemKey).sort((a, b) => (a.code < b.code ? -1 : 1)) : []), [view, query]);
  const categories = [...new Set(shown.map((i) => i.category))];

  if (error) return <section class="screen"><div class="error-box">{error}</div></section>;
  if (!view) return <section class="screen" />;
  return (
    <section class="screen rules">
      <h1>{view.title}</h1>
      <p class="muted">
        {view.effectiveFrom} 起施行 · 年初基础分 {view.basePoints} · 公示期 {view.noticeDays} 天 · 星级：
        {view.stars.map((s) => `${"★".repeat(s.level)}${s.name ?? ""} ≥ ${s.min}`).join("，")}
      </p>
      <input id="rules-search" placeholder="查找项目：编号、名称或拼音" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      {categories.map((c) => (
        <div key={c}>
          <h2>{c}</h2>
          <table class="plain">
            <tbody>
              {shown
                .filter((i) => i.category === c)
                .map((i) => (
                  <tr key={i.code}>
                    <td class="code">{i.code}</td>
                    <td>{i.name}</td>
                    <td class={`right ${i.kind === "deduct" ? "minus" : "plus"}`}>{worth(i)}</td>
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
