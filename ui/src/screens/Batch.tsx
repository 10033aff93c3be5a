// 批量录入: one item on one day for many households — ticked by group or
// pasted as a list of codes — confirmed once and recorded in one
// transaction: all of them, or none.

import { useEffect, useMemo, useState } from "preact/hooks";
import { Picker } from "../components/Picker";
import { Modal } from "../components/Modal";
import { parseCodes, signed, worth } from "../forms";
import { api } from "../ipc/api";
import type { ItemRow, Saved } from "../ipc/bindings";
import { book, households, items, say } from "../state";
import { itemKey, showItem } from "../components/choices";
import { DateField } from "../components/DateField";
import { ReverseDialog } from "../components/ReverseDialog";
import { useTask } from "../components/useTask";
import { focusField } from "./Entry";
import { OperatorBar } from "./OperatorBar";
import { ErrorBox } from "../components/ErrorBox";

export function Batch() {
  const [item, setItem] = useState<ItemRow | null>(null);
  const [date, setDate] = useState(book.value?.today ?? "");
  const [qty, setQty] = useState("1");
  const [points, setPoints] = useState("");
  const [note, setNote] = useState("");
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  // The households the last refusal named, marked until the next try.
  const [refused, setRefused] = useState<Set<string>>(new Set());
  const [paste, setPaste] = useState("");
  const [unknown, setUnknown] = useState<string[]>([]);
  const [asking, setAsking] = useState(false);
  const { busy, error, setError, run } = useTask();
  const [done, setDone] = useState<Saved | null>(null);
  const [undoing, setUndoing] = useState(false);

  // A group tick takes only the households on the roster on the date,
  // as the Rust side reads the date and the roster; a date still being
  // typed keeps the last answer.
  const [active, setActive] = useState<Set<string>>(new Set());
  useEffect(() => {
    api.activeHouseholds(date).then(
      (codes) => setActive(new Set(codes)),
      () => {},
    );
  }, [households.value, date]);
  const groups = useMemo(() => {
    const m = new Map<string, { on: string[]; away: number }>();
    for (const h of households.value) {
      const g = m.get(h.group) ?? { on: [], away: 0 };
      if (active.has(h.code)) g.on.push(h.code);
      else g.away++;
      m.set(h.group, g);
    }
    return [...m.entries()];
  }, [households.value, active]);
  const known = useMemo(() => new Set(households.value.map((h) => h.code)), [households.value]);

  const toggle = (codes: string[], on: boolean) => {
    const next = new Set(ticked);
    for (const c of codes) on ? next.add(c) : next.delete(c);
    setTicked(next);
  };

  const addPasted = () => {
    const r = parseCodes(paste, known);
    toggle(r.codes, true);
    setUnknown(r.unknown);
    if (r.unknown.length === 0) setPaste("");
  };

  const ask = () => {
    setError(null);
    if (!item) return setError("请先选择项目");
    if (ticked.size === 0) return setError("请至少勾选一户");
    setAsking(true);
  };

  const record = () =>
    run(async () => {
      const saved = await api.addBatch({
        households: [...ticked].sort(),
        item: item!.code,
        date,
        qty,
        points,
        note,
      });
      setDone(saved);
      setRefused(new Set());
      setTicked(new Set());
      setAsking(false);
    }, (r) => {
      setAsking(false);
      setRefused(new Set(r.households));
      setError(r.message + "。整批都没有录入，请改正后再试。");
      focusField(r.field && `batch-${r.field}`);
    });

  return (
    <section class="screen batch">
      <h1>批量录入</h1>
      <OperatorBar next="batch-item" />
      <div class="batch-form">
        <Picker
          id="batch-item"
          label="项目"
          list={items.value}
          keyOf={itemKey}
          show={showItem}
          value={item}
          onPick={(i) => {
            setItem(i);
            if (!i) return;
            setPoints("");
            setQty("1");
          }}
        />
        <div class="row">
          <DateField id="batch-date" label="日期" value={date} onChange={setDate} onError={setError} />
          <div class="field narrow">
            <label for="batch-qty">数量</label>
            <input id="batch-qty" value={qty} onInput={(e) => setQty(e.currentTarget.value)} />
          </div>
          <div class="field narrow">
            <label for="batch-points">分值</label>
            <input
              id="batch-points"
              value={points}
              disabled={item !== null && !item.ranged}
              placeholder={item ? (item.ranged ? `${item.min}–${item.max}` : item.min) : ""}
              onInput={(e) => setPoints(e.currentTarget.value)}
            />
          </div>
          <div class="field wide">
            <label for="batch-note">备注</label>
            <input id="batch-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
        </div>
      </div>
      <div class="batch-pick">
        <div class="groups">
          <h2>按村民小组勾选</h2>
          {groups.map(([g, { on: codes, away }]) => {
            const n = codes.filter((c) => ticked.has(c)).length;
            return (
              <label class="check" key={g}>
                <input
                  type="checkbox"
                  data-group={g}
                  checked={n === codes.length}
                  indeterminate={n > 0 && n < codes.length}
                  onChange={(e) => toggle(codes, e.currentTarget.checked)}
                />
                {g}（{codes.length} 户{away > 0 ? `，另有 ${away} 户不在册` : ""}
                {n > 0 && n < codes.length ? `，已选 ${n}` : ""}）
              </label>
            );
          })}
          <h2>粘贴户号</h2>
          <textarea
            id="batch-paste"
            rows={4}
            placeholder="从表格复制一列户号粘贴到这里，或用空格、逗号分开"
            value={paste}
            onInput={(e) => setPaste(e.currentTarget.value)}
          />
          <button onClick={addPasted}>加入所选</button>
          {unknown.length > 0 && <div class="error-text">花名册里没有这些户号：{unknown.join("、")}</div>}
        </div>
        <div class="ticked">
          <h2>
            已选 <span id="batch-count">{ticked.size}</span> 户
            {ticked.size > 0 && (
              <button class="small link" onClick={() => setTicked(new Set())}>
                清空
              </button>
            )}
            <button id="batch-go" class="primary" onClick={ask}>
              批量录入…
            </button>
          </h2>
          <ErrorBox text={error} />
          {done && (
            <div class="saved-box" role="status" id="batch-done">
              {done.entries[0]?.reverses
                ? `已冲销整批：${done.entries.length} 条记录。`
                : `已为 ${done.entries.length} 户录入「${done.entries[0]?.itemName}」${signed(done.entries[0]?.points ?? "0")} 分。`}
              {done.entries[0] && !done.entries[0].reverses && (
                <button id="batch-undo" class="small" onClick={() => setUndoing(true)}>
                  冲销整批…
                </button>
              )}
            </div>
          )}
          {undoing && done?.entries[0] && (
            <ReverseDialog
              title="冲销整批"
              what={`这一批 ${done.entries.length} 条「${done.entries[0].itemName}」（${done.entries[0].date}）将全部冲销。`}
              reverse={(reason) => api.reverseBatch(done.entries[0].id, reason)}
              onDone={(saved) => {
                setUndoing(false);
                if (saved) {
                  setDone(saved);
                  say("已冲销整批");
                }
              }}
            />
          )}

          <div class="chips">
            {households.value
              .filter((h) => ticked.has(h.code))
              .map((h) => (
                <button
                  class={refused.has(h.code) ? "chip refused" : "chip"}
                  key={h.code}
                  data-chip={h.code}
                  title={refused.has(h.code) ? "这一户不能录入（原因见下方），点一下取消勾选" : "点一下取消"}
                  onClick={() => toggle([h.code], false)}
                >
                  {h.code} {h.head} ×
                </button>
              ))}
          </div>
        </div>
      </div>
      {asking && item && (
        <Modal
          title="确认批量录入"
          confirm={`录入 ${ticked.size} 户`}
          busy={busy}
          onConfirm={record}
          onCancel={() => {
            setAsking(false);
            setError("已取消，没有录入。");
          }}
        >
          <p>
            为 <strong>{ticked.size}</strong> 户各记一条「{item.name}」{item.ranged ? `${points} 分` : worth(item)}
            {qty.trim() !== "" && qty.trim() !== "1" ? ` ×${qty.trim()}` : ""}，日期 {date}。
          </p>
          <p class="muted">整批一次写入：任何一户不符合规则（如超过封顶、已迁出），整批都不录入，并说明原因。录错了可在「录入」的今天记录里冲销。</p>
        </Modal>
      )}
    </section>
  );
}
