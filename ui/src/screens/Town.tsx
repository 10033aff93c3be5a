// 镇汇总: the town's staff add each village's export file (CSV or Excel);
// each is checked on its own (✓ or its exact problem); together they make
// the town's table, ranked, with a chart, saved as CSV or Excel, or
// printed as the town's report after a preview. A village's book can be
// checked against that village's files in the list (核对村积分簿).

import { useEffect, useState } from "preact/hooks";
import { usePreview } from "../components/Preview";
import { useTask } from "../components/useTask";
import { api } from "../ipc/api";
import type { BookCheck, TownRow, TownView } from "../ipc/bindings";
import { say } from "../state";
import { ErrorBox } from "../components/ErrorBox";

export function Town() {
  const [view, setView] = useState<TownView | null>(null);
  const [check, setCheck] = useState<BookCheck | null>(null);
  const { busy, error, run } = useTask();
  const { making, print, preview } = usePreview();
  const [town, setTown] = useState("");
  const [issuer, setIssuer] = useState("");
  useEffect(() => {
    api.town().then((v) => {
      setView(v);
      setTown(v.town);
      setIssuer(v.issuer);
    });
  }, []);

  const save = (kind: "csv" | "xlsx") =>
    run(async () => {
      const path = await api.townSave(kind);
      if (path) say(`已保存到 ${path}`);
    });

  return (
    <section class="screen town">
      <header class="toolbar">
        <h1>镇汇总{view?.label ? `（${view.label}）` : ""}</h1>
        <button id="town-add" class="primary" disabled={busy} onClick={() => run(async () => setView(await api.townAdd()))}>
          添加村文件…
        </button>
        {view && view.files.length > 0 && (
          <button disabled={busy} onClick={() => run(async () => setView(await api.townRemove("")))}>
            全部移除
          </button>
        )}
        <span class="spacer" />
        <button disabled={busy || !view?.rows.length} onClick={() => save("csv")}>
          保存 CSV…
        </button>
        <button disabled={busy || !view?.rows.length} onClick={() => save("xlsx")}>
          保存 Excel…
        </button>
        <button
          id="town-print"
          disabled={busy || !view?.rows.length}
          onClick={() => run(() => print(`镇汇总报告（${view?.label}）`, () => api.printTown(town, issuer)))}
        >
          {making ? "正在生成…" : "打印汇总报告…"}
        </button>
        <button
          id="town-check"
          disabled={busy}
          title="选一个村的积分簿，与列表中该村的文件核对：已发布的季度是否仍与交给镇里的一致"
          onClick={() =>
            run(async () => {
              const result = await api.townCheckBook();
              if (result) setCheck(result);
            })
          }
        >
          核对村积分簿…
        </button>
      </header>
      <p class="muted">各村在「排名」里用「导出给镇里…」导出的文件（CSV 或 Excel，GBK 也可）。同一季度、每村一个文件。</p>
      <div class="row">
        <div class="field">
          <label for="town-name">报告标题里的镇名</label>
          <input id="town-name" value={town} placeholder="如 某某镇" onInput={(e) => setTown(e.currentTarget.value)} />
        </div>
        <div class="field wide">
          <label for="town-issuer">落款单位（盖章）</label>
          <input id="town-issuer" value={issuer} placeholder="如 某某镇人民政府" onInput={(e) => setIssuer(e.currentTarget.value)} />
        </div>
      </div>
      <ErrorBox text={error} />
      {view && view.files.length > 0 && (
        <table class="plain" id="town-files">
          <tbody>
            {view.files.map((f) => (
              <tr key={f.path}>
                <td class={f.problem ? "minus" : "plus"}>{f.problem ? "✗" : "✓"}</td>
                <td>{f.fileName}</td>
                <td>{f.problem ? <span class="error-text pre">{f.problem}</span> : `${f.village} · ${f.quarter} · ${f.households} 户`}</td>
                <td>
                  <button class="small" onClick={() => run(async () => setView(await api.townRemove(f.path)))}>
                    移除
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorBox text={view?.problem} />
      {check && <CheckResult check={check} onClose={() => setCheck(null)} />}
      {view && view.rows.length > 0 && (
        <>
          <p id="town-totals">{view.totals}</p>
          <TownChart rows={view.rows} />
          <table class="plain" id="town-table">
            <thead>
              <tr>
                {["名次", "村代码", "村名", "户数", "加分合计", "扣分合计", "户均本季得分", "户均年度累计", "参与率(%)", "一票否决户数", "校验码"].map((h) => (
                  <th key={h} class={h === "村代码" || h === "村名" || h === "校验码" ? "" : "right"}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.code}>
                  <td class="right">{r.published ? r.rank : `未发布 ${r.rank}`}</td>
                  <td>{r.code}</td>
                  <td>{r.name}</td>
                  <td class="right">{r.households}</td>
                  <td class="right">{r.addTotal}</td>
                  <td class="right">{r.deductTotal}</td>
                  <td class="right">{r.avgScore}</td>
                  <td class="right">
                    <strong>{r.avgYearToDate}</strong>
                  </td>
                  <td class="right">{r.participationPct}</td>
                  <td class="right">{r.vetoed}</td>
                  <td>{r.verification ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {preview}
    </section>
  );
}

/** What checking a village's book found: each check, ✓ or its findings. */
function CheckResult({ check, onClose }: { check: BookCheck; onClose: () => void }) {
  const verdict = check.ok
    ? check.files > 0
      ? `与列表中本村的 ${check.files} 个文件一致，积分簿未被改动`
      : "积分簿本身核验通过；列表中没有本村的文件可以核对"
    : "发现问题，见下面标 ✗ 的项";
  return (
    <div id="town-check-result" class={check.ok ? "saved-box" : "error-box"}>
      <p>
        <strong>
          {check.ok ? "✓" : "✗"} {check.village} · {check.fileName}：{verdict}
        </strong>{" "}
        <button class="small" onClick={onClose}>
          关闭
        </button>
      </p>
      <ul class="checks">
        {check.checks.map((c) => (
          <li key={c.name}>
            <span class={c.problems.length ? "minus" : "plus"}>{c.problems.length ? "✗" : "✓"}</span> {c.name}（{c.scope}）
            {c.problems.map((p) => (
              <div key={p} class="error-text">
                {p}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Per village, two bars: average year-to-date score and participation (%). */
function TownChart({ rows }: { rows: TownRow[] }) {
  const score = rows.map((r) => Number(r.avgYearToDate));
  const top = Math.max(1, ...score);
  // T: room above the tallest bar for its value label (issue 12, defect 20).
  const W = 140, H = 120, T = 22;
  return (
    <svg class="chart" width={Math.max(360, rows.length * W)} height={T + H + 44} role="img" aria-label="各村户均年度累计与参与率">
      {rows.map((r, i) => {
        const x = 20 + i * W;
        const a = (score[i] / top) * H;
        const b = (Math.min(100, Number(r.participationPct)) / 100) * H;
        return (
          <g key={r.code}>
            <rect x={x} y={T + H - a} width={40} height={a} class="plus" />
            <text x={x + 20} y={T + H - a - 4} text-anchor="middle">{r.avgYearToDate}</text>
            <rect x={x + 46} y={T + H - b} width={40} height={b} class="part" />
            <text x={x + 66} y={T + H - b - 4} text-anchor="middle">{r.participationPct}%</text>
            <text x={x + 43} y={T + H + 18} text-anchor="middle">{r.name}</text>
          </g>
        );
      })}
      <g transform={`translate(20, ${T + H + 36})`}>
        <rect width="12" height="12" y="-10" class="plus" />
        <text x="16">户均年度累计</text>
        <rect x="120" width="12" height="12" y="-10" class="part" />
        <text x="136">参与率</text>
      </g>
    </svg>
  );
}
