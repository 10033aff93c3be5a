// 评议: the registrations awaiting the panel, in the printed 评议表's order,
// filtered by group and item. After the meeting the clerk keys in the
// signed sheet: the day, who was there, and each row's outcome — in a
// row's 结果 type 0 本次不议, 1 同意, 2 修改为, 3 不同意, then Tab: to the
// points or reason where the outcome needs one, else to the next row's
// 结果. Nothing else of a row is in the Tab order (its photos open with P),
// so a digit and Tab always land on the intended row; ↑/↓ move between
// rows too. Saved after a confirmation that lists every decision.

import { useEffect, useMemo, useState } from "preact/hooks";
import { DateField } from "../components/DateField";
import { Modal } from "../components/Modal";
import { Photos } from "../components/Photos";
import { usePreview } from "../components/Preview";
import { signed } from "../forms";
import { api, Refused } from "../ipc/api";
import type { RegistrationRow, ReviewView, VerdictForm } from "../ipc/bindings";
import { book, say } from "../state";
import { People } from "./People";
import { ErrorBox } from "../components/ErrorBox";

type Outcome = "" | "approve" | "change" | "reject";
type Verdicts = Record<number, { outcome: Outcome; text: string }>;

const OUTCOMES: [Outcome, string][] = [
  ["", "0 本次不议"],
  ["approve", "1 同意"],
  ["change", "2 修改为"],
  ["reject", "3 不同意"],
];

export function Review() {
  const [view, setView] = useState<ReviewView | null>(null);
  const [group, setGroup] = useState("");
  const [item, setItem] = useState("");
  const [date, setDate] = useState(book.value?.today ?? "");
  const [members, setMembers] = useState<Set<string>>(new Set());
  const [verdicts, setVerdicts] = useState<Verdicts>({});
  const [photos, setPhotos] = useState<RegistrationRow | null>(null);
  const [people, setPeople] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { making, print, preview } = usePreview();

  const load = () => api.review().then(setView, (e: Refused) => setError(e.message));
  useEffect(() => {
    load();
  }, []);

  const pending = view?.pending ?? [];
  const groups = useMemo(() => [...new Set(pending.map((r) => r.group))], [pending]);
  const itemsPending = useMemo(() => [...new Map(pending.map((r) => [r.item, r.itemName])).entries()], [pending]);
  const shown = useMemo(
    () => pending.filter((r) => (!group || r.group === group) && (!item || r.item === item)),
    [pending, group, item],
  );
  const panel = (view?.people ?? []).filter((p) => p.onPanel);
  const decided = Object.entries(verdicts).filter(([, v]) => v.outcome !== "");
  const count = (o: Outcome) => decided.filter(([, v]) => v.outcome === o).length;
  const hiddenDecided = decided.filter(([id]) => !shown.some((r) => r.id === Number(id))).length;

  const quorum = view?.quorum ?? 0;
  const short = members.size < quorum;
  const byId = new Map(pending.map((r) => [r.id, r]));

  // ↑/↓ in a 结果 box move to the row above or below, not through its options.
  const moveBetweenRows = (e: KeyboardEvent, r: RegistrationRow) => {
    const step = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
    if (step !== 0) {
      e.preventDefault();
      const next = shown[shown.findIndex((x) => x.id === r.id) + step];
      if (next) document.querySelector<HTMLSelectElement>(`select[data-verdict='${next.id}']`)?.focus();
    } else if ((e.key === "p" || e.key === "P") && r.photos.length > 0) {
      e.preventDefault();
      setPhotos(r);
    }
  };

  const setVerdict = (id: number, v: Partial<Verdicts[number]>) =>
    setVerdicts({ ...verdicts, [id]: { ...(verdicts[id] ?? { outcome: "", text: "" }), ...v } });

  const save = async () => {
    setError(null);
    const form: VerdictForm[] = decided.map(([id, v]) => ({
      registration: Number(id),
      outcome: v.outcome,
      points: v.outcome === "change" ? v.text : "",
      reason: v.outcome === "reject" ? v.text : "",
    }));
    try {
      const before = new Set((view?.meetings ?? []).map((m) => m.id));
      const next = await api.holdMeeting({ date, members: [...members], verdicts: form });
      setView(next);
      setVerdicts({});
      setMembers(new Set());
      const made = next.meetings.find((m) => !before.has(m.id));
      setSaved(made?.id ?? null);
      say(`评议会已保存：${made?.totals ?? ""}`);
    } catch (e) {
      setError((e as Refused).message);
    } finally {
      setConfirming(false);
    }
  };

  const printSheet = () =>
    print("评议表", () => api.printReviewSheet(date)).catch((e: Refused) => setError(e.message));
  const printMinutes = (id: number) =>
    print(`第 ${id} 次评议会记录`, () => api.printMinutes(id)).catch((e: Refused) => setError(e.message));

  return (
    <section class="screen review">
      <header class="toolbar">
        <h1>评议</h1>
        <span id="review-count" class="muted">
          待评议 {pending.length} 条{view && `，评议会须到会 ${view.quorum} 人`}
        </span>
        <span class="spacer" />
        <button id="people-open" onClick={() => setPeople(true)}>
          人员…
        </button>
        <button id="review-sheet" disabled={making || pending.length === 0} onClick={printSheet}>
          {making ? "正在生成…" : "打印评议表…"}
        </button>
      </header>
      {view && !view.reviews && pending.length === 0 && (
        <p class="muted">现行积分规则没有须经评议的项目：所有项目录入即入账。</p>
      )}
      <div class="row filters">
        <select id="review-group" value={group} onChange={(e) => setGroup(e.currentTarget.value)} aria-label="村民小组">
          <option value="">全部小组</option>
          {groups.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
        <select id="review-item" value={item} onChange={(e) => setItem(e.currentTarget.value)} aria-label="项目">
          <option value="">全部项目</option>
          {itemsPending.map(([code, name]) => (
            <option key={code} value={code}>
              {code} {name}
            </option>
          ))}
        </select>
        <span class="muted">显示 {shown.length} 条</span>
      </div>
      <div class="review-list">
        <table class="plain" id="pending">
          <thead>
            <tr>
              <th>编号</th>
              <th>户</th>
              <th>项目</th>
              <th class="right">分值</th>
              <th>日期</th>
              <th>登记人</th>
              <th>照片</th>
              <th>结果</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={8} class="muted">
                  没有待评议的登记
                </td>
              </tr>
            )}
            {shown.map((r) => {
              const v = verdicts[r.id] ?? { outcome: "", text: "" };
              return (
                <tr key={r.id} data-registration={r.id}>
                  <td>{r.id}</td>
                  <td>
                    {r.household} {r.head}
                  </td>
                  <td title={r.note}>
                    {r.itemName}
                    {r.qty > 1 ? ` ×${r.qty}` : ""}
                  </td>
                  <td class={`right ${r.points.startsWith("-") ? "minus" : "plus"}`}>{signed(r.points)}</td>
                  <td>{r.date}</td>
                  <td>{r.by}</td>
                  <td>
                    {r.photos.length > 0 && (
                      <button class="small" data-photos={r.id} tabIndex={-1} title="在结果框里按 P 也能打开" onClick={() => setPhotos(r)}>
                        照片 {r.photos.length}
                      </button>
                    )}
                  </td>
                  <td class="verdict">
                    <select
                      id={`verdict-${r.id}`}
                      data-verdict={r.id}
                      value={v.outcome}
                      aria-label={`第 ${r.id} 号的结果`}
                      onKeyDown={(e) => moveBetweenRows(e, r)}
                      onChange={(e) => setVerdict(r.id, { outcome: e.currentTarget.value as Outcome, text: "" })}
                    >
                      {OUTCOMES.map(([o, label]) => (
                        <option key={o} value={o}>
                          {label}
                        </option>
                      ))}
                    </select>
                    {(v.outcome === "change" || v.outcome === "reject") && (
                      <input
                        data-verdict-text={r.id}
                        class={v.outcome === "change" ? "narrow" : ""}
                        value={v.text}
                        placeholder={v.outcome === "change" ? "分值" : "不同意的理由"}
                        aria-label={v.outcome === "change" ? "修改后的分值" : "不同意的理由"}
                        onInput={(e) => setVerdict(r.id, { text: e.currentTarget.value })}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="card meeting">
        <div class="row">
          <DateField id="meeting-date" label="评议会日期" value={date} onChange={setDate} onError={setError} />
          <fieldset class="members">
            <legend>到会的评议小组成员（须至少 {view?.quorum ?? "…"} 人）</legend>
            {panel.length === 0 && <span class="muted">还没有评议小组成员，请在「人员…」里添加</span>}
            {panel.map((p) => (
              <label class="check" key={p.name}>
                <input
                  type="checkbox"
                  data-member={p.name}
                  checked={members.has(p.name)}
                  onChange={(e) => {
                    const next = new Set(members);
                    e.currentTarget.checked ? next.add(p.name) : next.delete(p.name);
                    setMembers(next);
                  }}
                />{" "}
                {p.name}
              </label>
            ))}
          </fieldset>
        </div>
        <div class="row">
          <span id="meeting-summary">
            到会 {members.size} 人；同意 {count("approve")} 条，修改 {count("change")} 条，不同意 {count("reject")} 条
            {hiddenDecided > 0 && `（其中 ${hiddenDecided} 条不在当前筛选中）`}
          </span>
          <span class="spacer" />
          {short && decided.length > 0 && (
            <span id="meeting-quorum" class="warn-text">
              到会 {members.size} 人，不足法定人数 {quorum} 人，不能保存
            </span>
          )}
          <button id="meeting-save" class="primary" disabled={decided.length === 0 || short} onClick={() => setConfirming(true)}>
            保存评议结果…
          </button>
        </div>
        <ErrorBox text={error} />
        {saved !== null && (
          <div class="saved-box" id="meeting-saved">
            第 {saved} 次评议会已保存，通过的登记已入账。{" "}
            <button class="small" onClick={() => printMinutes(saved)}>
              打印评议记录…
            </button>
          </div>
        )}
      </div>
      {(view?.meetings.length ?? 0) > 0 && (
        <details class="meetings">
          <summary>以往的评议会（{view!.meetings.length} 次）</summary>
          <ul>
            {[...view!.meetings].reverse().map((m) => (
              <li key={m.id}>
                第 {m.id} 次 · {m.date} · {m.members.join("、")} · {m.totals}{" "}
                <button class="small" data-minutes={m.id} onClick={() => printMinutes(m.id)}>
                  打印记录…
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {confirming && (
        <Modal title="保存评议结果" confirm="保存" busy={false} onConfirm={save} onCancel={() => setConfirming(false)}>
          <p>
            {date} 评议会，到会 {members.size} 人：{[...members].join("、") || "（未勾选）"}。
          </p>
          <table class="plain" id="meeting-decisions">
            <thead>
              <tr>
                <th>编号</th>
                <th>户</th>
                <th>项目</th>
                <th>结果</th>
                <th class="right">入账分值</th>
              </tr>
            </thead>
            <tbody>
              {decided.map(([id, v]) => {
                const r = byId.get(Number(id));
                const verdict = v.outcome === "approve" ? "同意" : v.outcome === "change" ? "修改后同意" : `不同意：${v.text}`;
                // A changed figure is a magnitude; it posts with the item's sign.
                const sign = r?.points.startsWith("-") ? "-" : "";
                const points =
                  v.outcome === "approve" ? signed(r?.points ?? "") : v.outcome === "change" ? signed(sign + v.text.trim()) : "—";
                return (
                  <tr key={id} data-decision={id}>
                    <td>{id}</td>
                    <td>
                      {r?.household} {r?.head}
                    </td>
                    <td>{r?.itemName}</td>
                    <td>{verdict}</td>
                    <td class="right">{points}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p>
            同意 {count("approve")} 条，修改分值后同意 {count("change")} 条，不同意 {count("reject")} 条；本次不议{" "}
            {pending.length - decided.length} 条，留待下次。通过的登记随即入账。
          </p>
          <p class="warn-text">评议会保存后不能更改；通过错了，只能冲销。</p>
        </Modal>
      )}
      {photos && (
        <Modal title={`第 ${photos.id} 号的证明照片`} confirm="关闭" alone onConfirm={() => setPhotos(null)} onCancel={() => setPhotos(null)}>
          <p>
            {photos.household} {photos.head} · {photos.itemName} · {photos.date} · 登记人 {photos.by}
          </p>
          <Photos keys={photos.photos} />
        </Modal>
      )}
      {people && (
        <People
          onClose={() => {
            setPeople(false);
            load();
          }}
        />
      )}
      {preview}
    </section>
  );
}
