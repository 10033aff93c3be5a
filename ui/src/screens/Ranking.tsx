// 排名: a quarter's ranking, live until published and frozen after;
// publishing, the CSV for the town, and the printed notice (公示).

import { useEffect, useMemo, useState } from "preact/hooks";
import { DateField } from "../components/DateField";
import { Head } from "../components/Head";
import { Modal } from "../components/Modal";
import { PrintDialog } from "../components/PrintDialog";
import { VirtualTable } from "../components/VirtualTable";
import { useTask } from "../components/useTask";
import { api, Refused } from "../ipc/api";
import type { RankingView, RankRow } from "../ipc/bindings";
import { searchRanked } from "../search";
import { Objections } from "./Objections";
import { book, households, openAccount, say } from "../state";
import { ErrorBox } from "../components/ErrorBox";

export function Ranking() {
  // Empty: the latest quarter with entries, as the book answers.
  const [quarter, setQuarter] = useState("");
  const [view, setView] = useState<RankingView | null>(null);
  const [group, setGroup] = useState("");
  const [query, setQuery] = useState("");
  const [publishing, setPublishing] = useState(false);
  const [publishOn, setPublishOn] = useState(book.value?.today ?? "");
  const [backfill, setBackfill] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [objecting, setObjecting] = useState(false);
  const { busy, error, setError, run } = useTask();

  useEffect(() => {
    setError(null);
    api.ranking(quarter).then(setView, (e: Refused) => setError(e.message));
  }, [quarter]);

  // In the roster's natural order (一组 … 十二组), as the book lists them.
  const groups = useMemo(() => [...new Set(households.value.map((h) => h.group))], [households.value]);
  const roster = useMemo(() => new Map(households.value.map((h) => [h.code, h])), [households.value]);
  const rows = useMemo(
    () => searchRanked((view?.rows ?? []).filter((r) => !group || r.group === group), query),
    [view, group, query],
  );


  const publish = () =>
    run(async () => {
      setView(await api.publish(view!.quarter, publishOn, backfill));
      setPublishing(false);
      say(`${view?.label}已发布封存`);
    });

  return (
    <section class="screen ranking">
      <header class="toolbar">
        <h1>排名</h1>
        <select id="ranking-quarter" value={view?.quarter ?? ""} onChange={(e) => setQuarter(e.currentTarget.value)} aria-label="季度">
          {view?.quarters.map((q) => (
            <option key={q.quarter} value={q.quarter}>
              {q.label}
              {q.published ? "（已发布）" : ""}
            </option>
          ))}
        </select>
        <select value={group} onChange={(e) => setGroup(e.currentTarget.value)} aria-label="村民小组">
          <option value="">全部小组</option>
          {groups.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
        <input id="ranking-search" placeholder="户号、户主或拼音首字母" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <span class="spacer" />
        {/* Every button stays in its place; what does not apply is greyed, saying why on hover. */}
        <button
          id="export-ranking"
          disabled={busy || !view}
          onClick={() => run(async () => { const p = await api.exportRanking(view!.quarter); if (p) say(`已导出到 ${p}`); })}
        >
          导出排名表…
        </button>
        <button
          id="export-village"
          title="镇里汇总用的文件（村代码、各户得分、发布摘要）"
          disabled={busy || !view}
          onClick={() => run(async () => { const p = await api.exportVillage(view!.quarter); if (p) say(`已导出给镇里：${p}`); })}
        >
          导出给镇里…
        </button>
        <button id="print" onClick={() => setPrinting(true)} disabled={busy || !view}>
          打印公示…
        </button>
        <button id="objections-open" disabled={!view?.sealed} title={view?.sealed ? "" : "发布后才受理异议"} onClick={() => setObjecting(true)}>
          异议…
        </button>
        <button
          id="publish"
          class="danger"
          disabled={!view || !!view.sealed}
          title={view?.sealed ? `${view.label}已发布，不能再发布` : ""}
          onClick={() => {
            // 补录 is chosen afresh for each quarter, never carried over.
            setBackfill(false);
            setPublishing(true);
          }}
        >
          发布本季度…
        </button>
      </header>
      {view?.sealed ? (
        <p class="sealed" id="sealed">
          {view.label}已于 {view.sealed.publishedOn} 发布封存
          {view.sealed.backfilledOn && `（${view.sealed.backfilledOn} 照纸质底稿补录）`}，核验码 <strong>{view.sealed.verificationCode}</strong>。以下是发布时的排名，不再变动。
        </p>
      ) : (
        <p class="muted">{view?.label}尚未发布：排名随录入实时变化。</p>
      )}
      <ErrorBox text={error} />
      <VirtualTable<RankRow>
        testId="ranking-table"
        rows={rows}
        rowKey={(r) => r.code}
        rowClass={(r) => (r.veto ? "veto" : "")}
        onRow={(r) => openAccount(r.code)}
        columns={[
          { title: "名次", width: "3.5em", align: "right", cell: (r) => r.rank },
          { title: "户号", width: "5em", cell: (r) => r.code },
          { title: "户主", width: "minmax(5em, 1fr)", cell: (r) => <Head h={{ head: r.head, movedOut: roster.get(r.code)?.movedOut ?? null }} /> },
          { title: "村民小组", width: "5em", cell: (r) => r.group },
          { title: "本季加分", width: "4.8em", align: "right", cell: (r) => r.add },
          { title: "本季扣分", width: "4.8em", align: "right", cell: (r) => r.deduct },
          { title: "本季得分", width: "4.8em", align: "right", cell: (r) => <strong>{r.score}</strong> },
          { title: "年度累计", width: "4.8em", align: "right", cell: (r) => r.yearToDate },
          { title: "星级", width: "6em", cell: (r) => (r.veto ? "一票否决" : "★".repeat(r.stars)) },
        ]}
      />
      {publishing && view && (
        <Modal title={`发布${view.label}`} confirm="确认发布并封存" danger busy={busy} onConfirm={publish} onCancel={() => setPublishing(false)}>
          <p>发布后，{view.label}的排名就此封存（共 {view.rows.length} 户）：</p>
          <ul>
            <li>日期在本季度内的新记录将被拒绝录入；</li>
            <li>本季度记录的更正（冲销）记在当前未发布的季度；</li>
            <li>打印的公示和导出的表格都以封存时的排名为准，随时可重印；</li>
            <li>发布不能撤销。</li>
          </ul>
          <DateField id="publish-date" label="公示张贴日期（公示期从这天算起）" value={publishOn} onChange={setPublishOn} onError={setError} />
          <label class="check" title="照纸质底稿补录以前的季度：公示日期可早于录入日，公示上注明补录日期">
            <input id="publish-backfill" type="checkbox" checked={backfill} onChange={(e) => setBackfill(e.currentTarget.checked)} />
            补录（照纸质底稿补录以前的季度，公示上注明补录日期）
          </label>
          <ErrorBox text={error} />
        </Modal>
      )}
      {objecting && view && (
        <Objections
          quarter={view.quarter}
          label={view.label}
          onClose={() => {
            setObjecting(false);
            api.ranking(view.quarter).then(setView);
          }}
        />
      )}
      {printing && view && (
        <PrintDialog
          title={`打印${view.label}公示`}
          printout={`${view.label}公示${view.sealed ? "" : "（草稿）"}`}
          byGroup
          make={(o) => api.printNotice(view.quarter, o.large, o.byGroup, o.a3, o.board)}
          onClose={() => setPrinting(false)}
        >
          {!view.sealed && <p class="warn">本季度尚未发布，印出的是草稿（每页标有「草稿 · 未发布」）。</p>}
        </PrintDialog>
      )}
    </section>
  );
}
