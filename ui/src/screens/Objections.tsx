// 异议 for a published quarter: record what a villager objects to, then
// rule on it. Upheld, the correction — reversals of wrong entries and/or
// an item the household should have had — posts in an open quarter, in
// one transaction with the ruling; the published notice stays as printed.

import { useEffect, useState } from "preact/hooks";
import { HouseholdPicker } from "../components/HouseholdPicker";
import { Picker } from "../components/Picker";
import { signed } from "../forms";
import { api, Refused } from "../ipc/api";
import type { HouseholdRow, ItemRow, AccountLine, ObjectionView } from "../ipc/bindings";
import { items, say } from "../state";
import { itemKey, showItem } from "../components/choices";
import { ErrorBox } from "../components/ErrorBox";

export function Objections(p: { quarter: string; label: string; onClose: () => void }) {
  const [list, setList] = useState<ObjectionView[]>([]);
  const [household, setHousehold] = useState<HouseholdRow | null>(null);
  const [receivedBy, setReceivedBy] = useState("");
  const [text, setText] = useState("");
  const [late, setLate] = useState(false);
  const [ruling, setRuling] = useState<{ objection: ObjectionView; upheld: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.objections(p.quarter).then(setList, (e: Refused) => setError(e.message));
  }, [p.quarter]);

  const record = async () => {
    setError(null);
    if (!household) return setError("请选择提出异议的户");
    try {
      setList(await api.recordObjection(p.quarter, household.code, receivedBy, text, late));
      setHousehold(null);
      setText("");
      setLate(false);
      say("异议已登记");
    } catch (e) {
      setError((e as Refused).message);
    }
  };

  return (
    <div class="backdrop" onKeyDown={(e) => e.key === "Escape" && !ruling && p.onClose()}>
      <div class="modal wide" role="dialog" aria-modal="true" aria-label="异议">
        <header class="toolbar">
          <h2>{p.label}公示的异议</h2>
          <span class="spacer" />
          <button onClick={p.onClose}>关闭</button>
        </header>
        {list.length === 0 && <p class="muted">还没有异议。</p>}
        <ol class="objections" id="objections">
          {list.map((o) => (
            <li key={o.id}>
              <strong>第 {o.id} 号</strong> · {o.household} {o.head} · {o.receivedOn} 由 {o.receivedBy} 受理
              {o.late && <span class="warn-text">（逾期受理）</span>}：{o.text}
              <div>
                {o.outcome ? (
                  <span class={o.outcome === "异议成立" ? "plus" : "muted"}>
                    {o.decidedOn} {o.outcome}：{o.reason}
                    {o.corrections > 0 && `（更正 ${o.corrections} 条，记入未发布的季度）`}
                  </span>
                ) : (
                  <>
                    <span class="warn-text">待处理</span>{" "}
                    <button class="small" data-uphold={o.id} onClick={() => setRuling({ objection: o, upheld: true })}>
                      异议成立…
                    </button>{" "}
                    <button class="small" onClick={() => setRuling({ objection: o, upheld: false })}>
                      异议不成立…
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
        {ruling ? (
          <RulingForm
            quarter={p.quarter}
            objection={ruling.objection}
            upheld={ruling.upheld}
            onDone={(updated) => {
              setRuling(null);
              if (updated) {
                setList(updated);
                say("处理结果已记录");
              }
            }}
          />
        ) : (
          <div class="card">
            <h3>登记新的异议</h3>
            <HouseholdPicker id="objection-household" label="提出异议的户" value={household} onPick={setHousehold} />
            <div class="row">
              <div class="field">
                <label for="objection-by">受理人</label>
                <input id="objection-by" value={receivedBy} placeholder="不填则为录入人" onInput={(e) => setReceivedBy(e.currentTarget.value)} />
              </div>
              <div class="field wide">
                <label for="objection-text">异议内容</label>
                <input id="objection-text" value={text} onInput={(e) => setText(e.currentTarget.value)} />
              </div>
              <label class="check" title="公示期已过仍予受理的，勾选此项；列表中注明逾期">
                <input id="objection-late" type="checkbox" checked={late} onChange={(e) => setLate(e.currentTarget.checked)} />
                逾期受理
              </label>
              <button id="objection-record" class="primary" onClick={record}>
                登记
              </button>
            </div>
          </div>
        )}
        <ErrorBox text={error} />
      </div>
    </div>
  );
}

/** The ruling: a reason, and for an upheld objection its correction. */
function RulingForm(p: { quarter: string; objection: ObjectionView; upheld: boolean; onDone: (l: ObjectionView[] | null) => void }) {
  const [reason, setReason] = useState("");
  const [lines, setLines] = useState<AccountLine[]>([]);
  const [reverse, setReverse] = useState<Set<string>>(new Set());
  const [item, setItem] = useState<ItemRow | null>(null);
  const [qty, setQty] = useState("1");
  const [points, setPoints] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!p.upheld) return;
    api.account(p.objection.household, Number(p.quarter.slice(0, 4))).then((l) =>
      // The quarter's own entries that still stand: what can be reversed.
      setLines(l.lines.filter((x) => x.entry.quarter === p.quarter && x.entry.reverses === null && x.reversedBy === null)),
    );
  }, []);

  const confirm = async () => {
    setError(null);
    try {
      p.onDone(
        await api.ruleObjection({
          id: p.objection.id,
          upheld: p.upheld,
          reason,
          reverse: [...reverse],
          addItem: item?.code ?? "",
          addQty: qty,
          addPoints: points,
        }),
      );
    } catch (e) {
      setError((e as Refused).message);
    }
  };

  return (
    <div class="card">
      <h3>
        第 {p.objection.id} 号：{p.upheld ? "异议成立" : "异议不成立"}
      </h3>
      <div class="field">
        <label for="ruling-reason">理由（写在更正记录上，并告知异议人）</label>
        <input id="ruling-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
      {p.upheld && (
        <>
          <p>更正：冲销记错的记录，和/或补记应得的项目（记在今天，计入该季度所在的年度：该年还有未发布的季度就计入其中，四个季度都已发布则计入年终调整）。</p>
          {lines.map((l) => (
            <label class="check" key={l.entry.id}>
              <input
                type="checkbox"
                data-entry={l.entry.id}
                checked={reverse.has(l.entry.id)}
                onChange={(e) => {
                  const next = new Set(reverse);
                  e.currentTarget.checked ? next.add(l.entry.id) : next.delete(l.entry.id);
                  setReverse(next);
                }}
              />
              冲销 {l.entry.date} {l.entry.itemName} {signed(l.entry.points)} 分
            </label>
          ))}
          <div class="row">
            <Picker id="ruling-item" label="补记项目（可不填）" list={items.value} keyOf={itemKey} show={showItem} value={item} onPick={setItem} />
            <div class="field narrow">
              <label for="ruling-qty">数量</label>
              <input id="ruling-qty" value={qty} onInput={(e) => setQty(e.currentTarget.value)} />
            </div>
            <div class="field narrow">
              <label for="ruling-points">分值</label>
              <input id="ruling-points" value={points} disabled={item !== null && !item.ranged} onInput={(e) => setPoints(e.currentTarget.value)} />
            </div>
          </div>
        </>
      )}
      <ErrorBox text={error} />
      <div class="modal-actions">
        <button onClick={() => p.onDone(null)}>取消</button>
        <button id="ruling-confirm" class={p.upheld ? "primary" : "danger"} onClick={confirm}>
          记录处理结果
        </button>
      </div>
    </div>
  );
}
