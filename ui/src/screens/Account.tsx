// 户账: find a household, see its year — every entry with a running
// total, reversals linked to what they cancel, quarter subtotals and a
// small chart of quarter scores.

import { useEffect, useMemo, useState } from "preact/hooks";
import { PrintDialog } from "../components/PrintDialog";
import { VirtualTable } from "../components/VirtualTable";
import { signed } from "../forms";
import { api, Refused } from "../ipc/api";
import type { HouseholdRow, Account as AccountView, QuarterFigures } from "../ipc/bindings";
import { search } from "../search";
import { book, households, accountCode } from "../state";
import { householdKey } from "../components/choices";
import { Head } from "../components/Head";
import { BalanceLine } from "../components/BalanceLine";
import { Photos } from "../components/Photos";
import { HouseholdDialog } from "./HouseholdDialog";
import { ErrorBox } from "../components/ErrorBox";

export function Account() {
  const [query, setQuery] = useState("");
  const [group, setGroup] = useState("");
  const thisYear = Number(book.value?.today.slice(0, 4) ?? new Date().getFullYear());
  // 0: the book's latest year with entries, which the account answers with
  // (issue 12, defect 8: a year chosen once, at opening, went stale).
  const [year, setYear] = useState(0);
  const [view, setView] = useState<AccountView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The household being edited: a row, or null for a new one.
  const [editing, setEditing] = useState<HouseholdRow | null | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [printing, setPrinting] = useState(false);

  const groups = useMemo(() => [...new Set(households.value.map((h) => h.group))], [households.value]);
  const shown = useMemo(
    () => search(households.value.filter((h) => !group || h.group === group), query, householdKey),
    [households.value, query, group],
  );

  useEffect(() => {
    const code = accountCode.value;
    if (!code) return;
    setError(null);
    api.account(code, year).then(setView, (e: Refused) => setError(e.message));
  }, [accountCode.value, year, version]);

  return (
    <section class="screen account">
      <div class="account-list">
        <header class="toolbar">
          <h1>户账</h1>
          <span class="spacer" />
          <button id="household-new" onClick={() => setEditing(null)}>
            新增一户…
          </button>
        </header>
        <input
          id="account-search"
          placeholder="户号、户主或拼音首字母"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => e.key === "Enter" && shown[0] && (accountCode.value = shown[0].code)}
        />
        <select value={group} onChange={(e) => setGroup(e.currentTarget.value)} aria-label="村民小组">
          <option value="">全部小组（{households.value.length} 户）</option>
          {groups.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
        <VirtualTable<HouseholdRow>
          rows={shown}
          rowKey={(h) => h.code}
          selected={accountCode.value}
          onRow={(h) => (accountCode.value = h.code)}
          columns={[
            { title: "户号", width: "3.4em", cell: (h) => h.code },
            { title: "户主", width: "minmax(0, 1.6fr)", cell: (h) => <Head h={h} /> },
            { title: "小组", width: "minmax(3em, 1fr)", cell: (h) => h.group },
          ]}
        />
      </div>
      <div class="account-detail">
        <ErrorBox text={error} />
        {!view && !error && <p class="muted">在左边选一户，查看它的积分明细。</p>}
        {view && (
          <>
            <header class="account-head">
              <h2>
                {view.household.code} {view.household.head}
                <span class="muted">（{view.household.group}）</span>
              </h2>
              <select value={view.year} onChange={(e) => setYear(Number(e.currentTarget.value))} aria-label="年度">
                {[...new Set([thisYear, thisYear - 1, thisYear - 2, view.year])].sort((a, b) => b - a).map((y) => (
                  <option key={y} value={y}>
                    {y} 年
                  </option>
                ))}
              </select>
              <button id="household-edit" class="small" onClick={() => setEditing(view.household)}>
                修改户信息…
              </button>
              <button id="print-statement" class="small" onClick={() => setPrinting(true)}>
                打印明细…
              </button>
              <span class="muted">
                {view.household.members !== null && `人口 ${view.household.members} · `}
                {view.household.activeFrom && `迁入 ${view.household.activeFrom} · `}
                {view.household.activeTo && `迁出 ${view.household.activeTo} · `}
                年初基础分 {view.basePoints}
              </span>
            </header>
            <QuarterChart quarters={view.quarters} />
            <table class="plain" id="account-lines">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>日期</th>
                  <th>项目</th>
                  <th class="right">分值</th>
                  <th class="right">累计</th>
                  <th>说明</th>
                </tr>
              </thead>
              <tbody>
                {rowsWithSubtotals(view).map((r) =>
                  "subtotal" in r ? (
                    <tr class="subtotal" key={r.subtotal.quarter}>
                      <td colSpan={6}>
                        {r.subtotal.label}小计：加分 {r.subtotal.add}，扣分 {r.subtotal.deduct}，本季得分{" "}
                        <strong>{r.subtotal.score}</strong>，年度累计 <strong>{r.subtotal.yearToDate}</strong>
                        {r.subtotal.veto ? "，一票否决" : r.subtotal.stars > 0 ? `，${"★".repeat(r.subtotal.stars)}` : ""}
                      </td>
                    </tr>
                  ) : (
                    <tr
                      key={r.line.entry.id}
                      id={`line-${r.line.no}`}
                      class={r.line.reversedBy || r.line.entry.reverses ? "struck" : ""}
                      // Who recorded the line: on hover, so narrow screens keep room for the note.
                      title={`录入人：${r.line.entry.operator}，${r.line.entry.recordedAt.slice(0, 16).replace("T", " ")}`}
                    >
                      <td>{r.line.no}</td>
                      <td>{r.line.entry.date}</td>
                      <td>
                        {r.line.entry.itemName}
                        {r.line.entry.qty > 1 ? ` ×${r.line.entry.qty}` : ""}
                      </td>
                      <td class={`right ${r.line.entry.points.startsWith("-") ? "minus" : "plus"}`}>{signed(r.line.entry.points)}</td>
                      <td class="right">{r.line.running}</td>
                      <td>
                        {r.line.reversesLine !== null && (
                          <a href={`#line-${r.line.reversesLine}`}>冲销第 {r.line.reversesLine} 条：</a>
                        )}
                        {r.line.reversesEarlier !== null && `冲销 ${r.line.reversesEarlier} 的记录：`}
                        {r.line.entry.note}
                        {r.line.reversedBy !== null && <a href={`#line-${r.line.reversedBy}`}>（已被第 {r.line.reversedBy} 条冲销）</a>}
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
            <h3>积分超市</h3>
            <BalanceLine id="account-shop" balance={view.shop.balance} note="兑换不影响积分排名" />
            {view.shop.redemptions.length > 0 && (
              <ul class="redemptions" id="account-redemptions">
                {view.shop.redemptions.map((r) => (
                  <li key={r.id} class={r.cancelled ? "struck" : ""}>
                    {r.date} 第 {r.id} 号 · {r.goods} · {r.cost} 分{r.cancelled && `（已作废：${r.cancelled}）`}
                  </li>
                ))}
              </ul>
            )}
            {view.registrations.length > 0 && (
              <>
                <h3>{view.year} 年的评议登记</h3>
                <table class="plain regs" id="account-registrations">
                  <thead>
                    <tr>
                      <th>编号</th>
                      <th>日期</th>
                      <th>项目</th>
                      <th class="right">分值</th>
                      <th>登记人</th>
                      <th>状态</th>
                      <th>照片</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.registrations.map((r) => (
                      <tr key={r.id} class={r.status === "未通过" ? "struck" : ""}>
                        <td>{r.id}</td>
                        <td>{r.date}</td>
                        <td class="wrap" title={r.note}>
                          {r.itemName}
                        </td>
                        <td class="right">{signed(r.points)}</td>
                        <td>{r.by}</td>
                        <td class="wrap">
                          <span class={r.status === "待评议" ? "warn-text" : r.status === "已通过" ? "plus" : "muted"}>{r.status}</span>
                          {r.meeting !== null && `（第 ${r.meeting} 次评议会：${r.outcome}${r.reason ? `，${r.reason}` : ""}）`}
                        </td>
                        <td>
                          <Photos keys={r.photos} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </>
        )}
      </div>
      {editing !== undefined && (
        <HouseholdDialog
          household={editing}
          onDone={(code) => {
            setEditing(undefined);
            if (code) {
              accountCode.value = code;
              setVersion(version + 1);
            }
          }}
        />
      )}
      {printing && view && (
        <PrintDialog
          title={`打印${view.household.head}户 ${view.year} 年积分明细`}
          printout={`${view.household.head}户 ${view.year} 年积分明细`}
          make={(o) => api.printStatement(view.household.code, view.year, o.large, o.a3)}
          onClose={() => setPrinting(false)}
        />
      )}
    </section>
  );
}

type Row = { line: AccountView["lines"][number] } | { subtotal: QuarterFigures };

/** The lines with each quarter's subtotal after its last line. */
function rowsWithSubtotals(v: AccountView): Row[] {
  const out: Row[] = [];
  for (const q of v.quarters) {
    for (const line of v.lines) if (line.entry.quarter === q.quarter) out.push({ line });
    out.push({ subtotal: q });
  }
  return out;
}

/** Quarter scores as bars around a zero line. */
function QuarterChart({ quarters }: { quarters: QuarterFigures[] }) {
  const values = quarters.map((q) => Number(q.score));
  const top = Math.max(1, ...values.map(Math.abs));
  const W = 360, H = 120, mid = H / 2, bar = 48;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H + 24}`} width={W} height={H + 24} role="img" aria-label="各季度得分">
      <line x1="0" x2={W} y1={mid} y2={mid} class="axis" />
      {quarters.map((q, i) => {
        const v = values[i];
        const h = (Math.abs(v) / top) * (mid - 14);
        const x = 20 + i * 88;
        return (
          <g key={q.quarter}>
            <rect x={x} width={bar} y={v >= 0 ? mid - h : mid} height={Math.max(h, 1)} class={v >= 0 ? "plus" : "minus"} />
            <text x={x + bar / 2} y={v >= 0 ? mid - h - 4 : mid + h + 14} text-anchor="middle">
              {q.score}
            </text>
            <text x={x + bar / 2} y={H + 18} text-anchor="middle" class="muted">
              第{"一二三四"[Number(q.quarter.slice(5)) - 1]}季度
            </text>
          </g>
        );
      })}
    </svg>
  );
}
