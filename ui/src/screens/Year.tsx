// 年度: each household's annual figure (the four quarters, the year's
// adjustment 年终调整, base points), ranked; closing the year (年度结算) and
// printing its annual notice with the star households.

import { useEffect, useMemo, useState } from "preact/hooks";
import { DateField } from "../components/DateField";
import { Modal } from "../components/Modal";
import { PrintDialog } from "../components/PrintDialog";
import { usePreview } from "../components/Preview";
import { VirtualTable } from "../components/VirtualTable";
import { useTask } from "../components/useTask";
import { api, Refused } from "../ipc/api";
import type { YearRowView, YearView } from "../ipc/bindings";
import { searchRanked } from "../search";
import { book, openAccount, say } from "../state";
import { ErrorBox } from "../components/ErrorBox";

export function Year() {
  // 0: the year the book suggests (last year until it is closed).
  const [year, setYear] = useState(0);
  const [view, setView] = useState<YearView | null>(null);
  const [query, setQuery] = useState("");
  const [closing, setClosing] = useState(false);
  const [closeOn, setCloseOn] = useState(book.value?.today ?? "");
  const [printing, setPrinting] = useState(false);
  // Which cards are being printed: 奖状 or 门牌.
  const [cards, setCards] = useState<"certificate" | "door" | null>(null);
  const { busy, error, setError, run } = useTask();

  useEffect(() => {
    setError(null);
    api.year(year).then(setView, (e: Refused) => setError(e.message));
  }, [year]);

  const rows = useMemo(() => searchRanked(view?.rows ?? [], query), [view, query]);

  const close = () =>
    run(async () => {
      setView(await api.closeYear(view!.year, closeOn));
      setClosing(false);
      say(`${view?.label}已结算封存`);
    });

  return (
    <section class="screen year">
      <header class="toolbar">
        <h1>年度</h1>
        <select id="year-choice" value={view?.year ?? ""} onChange={(e) => setYear(Number(e.currentTarget.value))} aria-label="年度">
          {view?.years.map((y) => (
            <option key={y.year} value={y.year}>
              {y.label}
              {y.closed ? "（已结算）" : ""}
            </option>
          ))}
        </select>
        <input id="year-search" placeholder="户号、户主或拼音首字母" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <span class="spacer" />
        <button id="year-print" disabled={busy || !view?.closed} title={view?.closed ? "" : "结算后才能打印年度公示"} onClick={() => setPrinting(true)}>
          打印年度公示…
        </button>
        {(["certificate", "door"] as const).map((kind) => (
          <button
            key={kind}
            id={`year-${kind}`}
            disabled={busy || !view?.closed}
            title={view?.closed ? "" : "结算后才能打印"}
            onClick={() => setCards(kind)}
          >
            {kind === "door" ? "打印门牌…" : "打印奖状…"}
          </button>
        ))}
        <button
          id="year-close"
          class="danger"
          disabled={!view || !!view.closed}
          title={view?.closed ? `${view.label}已结算` : ""}
          onClick={() => setClosing(true)}
        >
          年度结算…
        </button>
      </header>
      {view?.closed ? (
        <p class="sealed" id="year-sealed">
          {view.label}已于 {view.closed.closedOn} 结算封存，校验码 <strong>{view.closed.verificationCode}</strong>。以下是结算时的年度积分，不再变动。
        </p>
      ) : (
        <p class="muted" id="year-live">
          {view?.label}尚未结算：年度积分 = 年初基础分 + 四个季度得分 + 年终调整（第四季度公示后记入的更正），随更正变化。
        </p>
      )}
      <ErrorBox text={error} />
      <VirtualTable<YearRowView>
        testId="year-table"
        rows={rows}
        rowKey={(r) => r.code}
        rowClass={(r) => (r.veto ? "veto" : "")}
        onRow={(r) => openAccount(r.code)}
        columns={[
          { title: "名次", width: "2.6em", align: "right", cell: (r) => r.rank },
          { title: "户号", width: "3.6em", cell: (r) => r.code },
          { title: "户主", width: "minmax(5em, 1.4fr)", cell: (r) => r.head },
          { title: "小组", width: "minmax(4em, 1fr)", cell: (r) => r.group },
          ...["一季度", "二季度", "三季度", "四季度"].map((title, i) => ({
            title,
            width: "3.4em",
            align: "right" as const,
            cell: (r: YearRowView) => r.quarters[i],
          })),
          { title: "年终调整", width: "4.2em", align: "right", cell: (r) => r.adjustment },
          { title: "年度积分", width: "4.2em", align: "right", cell: (r) => <strong>{r.annual}</strong> },
          { title: "星级", width: "5.2em", cell: (r) => (r.veto ? "一票否决" : "★".repeat(r.stars)) },
        ]}
      />
      {closing && view && (
        <Modal title={`${view.label}结算`} confirm="确认结算并封存" danger busy={busy} onConfirm={close} onCancel={() => setClosing(false)}>
          <p>结算后，{view.label}各户的年度积分、名次和星级就此封存（共 {view.rows.length} 户）：</p>
          <ul>
            <li>本年度的记录、冲销和异议都不能再录入；</li>
            <li>四个季度须都已发布，第四季度的公示期须已过，本年度的异议须都已处理；</li>
            <li>新的一年从基础分重新计算，不需要结转；</li>
            <li>结算不能撤销。</li>
          </ul>
          <DateField id="close-date" label="结算日期" value={closeOn} onChange={setCloseOn} onError={setError} />
          <ErrorBox text={error} />
        </Modal>
      )}
      {cards && view && (
        <CardsDialog year={view.year} label={view.label} door={cards === "door"} best={Math.max(0, ...view.rows.map((r) => r.stars))} onClose={() => setCards(null)} />
      )}
      {printing && view && (
        <PrintDialog
          title={`打印${view.label}公示`}
          printout={`${view.label}公示`}
          make={(o) => api.printYearNotice(view.year, o.large, o.a3)}
          onClose={() => setPrinting(false)}
        />
      )}
    </section>
  );
}

/**
 * A closed year's certificates (奖状, one a household) or door cards (门牌,
 * two to a sheet) for the star households from a chosen level up, through
 * the preview. A level no household reached is refused by the book.
 */
function CardsDialog(p: { year: number; label: string; door: boolean; best: number; onClose: () => void }) {
  const [min, setMin] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const { making, print, preview } = usePreview(p.onClose);
  const what = p.door ? "门牌" : "奖状";
  const make = () =>
    print(`${p.label}星级文明户${what}`, () => api.printCards(p.year, p.door, min)).catch((e: Refused) => setError(e.message));
  if (preview) return preview;
  const levels = Array.from({ length: Math.max(1, p.best) }, (_, i) => i + 1);
  return (
    <Modal title={`打印${p.label}星级文明户${what}`} confirm="预览" busy={making} onConfirm={make} onCancel={p.onClose}>
      <p>{p.door ? "门牌每张 A4 纸印两块，裁开后贴在户主门旁。" : "奖状每户一张，A4 纸横向。"}</p>
      <label>
        只印星级达到{" "}
        <select
          id="cards-min-stars"
          value={min}
          onChange={(e) => {
            setMin(Number(e.currentTarget.value));
            setError(null);
          }}
        >
          {levels.map((n) => (
            <option key={n} value={n}>
              {"★".repeat(n)}（{n} 星）
            </option>
          ))}
        </select>{" "}
        及以上的户
      </label>
      {making && <p class="muted">正在生成…</p>}
      <ErrorBox text={error} />
    </Modal>
  );
}
