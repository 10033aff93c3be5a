// 录入: one entry at a time, all from the keyboard. Enter in a search box
// takes the match and moves on; Enter elsewhere saves. An item that needs
// review is registered instead (with who registered it and any photos) and
// counts only once the panel approves it. Below, today's entries, each
// correctable by a reversal with a reason.

import { useEffect, useRef, useState } from "preact/hooks";
import { itemKey, showItem } from "../components/choices";
import { DateField } from "../components/DateField";
import { HouseholdPicker } from "../components/HouseholdPicker";
import { Photos } from "../components/Photos";
import { Picker } from "../components/Picker";
import { ReverseDialog } from "../components/ReverseDialog";
import { useSelectOnFocus } from "../components/selectOnFocus";
import { useTask } from "../components/useTask";
import { VirtualTable } from "../components/VirtualTable";
import { entryProblems, signed, worth, type Problems } from "../forms";
import { api } from "../ipc/api";
import type { EntryRow, Field, HeldPhoto, HouseholdRow, ItemRow, PersonRow, Saved } from "../ipc/bindings";
import { book, households, items, say, unsaved } from "../state";
import { OperatorBar } from "./OperatorBar";
import { ErrorBox } from "../components/ErrorBox";

/** Puts the caret in the box a refusal names, its text selected, so the
 * correction replaces the refused value instead of joining it. The boxes'
 * ids are the core's field names. */
export function focusField(field: Field | `batch-${Field}` | null) {
  const box = field && document.getElementById(field);
  if (box instanceof HTMLInputElement && !box.disabled) {
    box.focus();
    box.select();
  }
}

export function Entry() {
  const [household, setHousehold] = useState<HouseholdRow | null>(null);
  const [item, setItem] = useState<ItemRow | null>(null);
  const [qty, setQty] = useState("1");
  const [points, setPoints] = useState("");
  const [date, setDate] = useState(book.value?.today ?? "");
  const [note, setNote] = useState("");
  const [problems, setProblems] = useState<Problems>({});
  const [result, setResult] = useState<Saved | null>(null);
  const { busy, run } = useTask();
  const [today, setToday] = useState<EntryRow[]>([]);
  const [reversing, setReversing] = useState<EntryRow | null>(null);
  // For an item that needs review: who registered it, and its photos.
  const [registrars, setRegistrars] = useState<PersonRow[]>([]);
  const [by, setBy] = useState<PersonRow | null>(null);
  const [freeBy, setFreeBy] = useState("");
  const [photos, setPhotos] = useState<HeldPhoto[]>([]);
  const householdInput = useRef<HTMLInputElement>(null);
  const itemInput = useRef<HTMLInputElement>(null);
  const qtyInput = useRef<HTMLInputElement>(null);
  const selectQty = useSelectOnFocus();

  const reload = () => api.todaysEntries().then(setToday);
  useEffect(() => {
    reload();
    api.people().then((list) => {
      const active = list.filter((p) => p.mayRegister);
      setRegistrars(active);
      setBy(active.find((p) => p.name === book.value?.operator) ?? null);
    });
    // Start where typing starts: the operator's name if it is still missing.
    if (book.value?.operator) householdInput.current?.focus();
    else document.getElementById("operator")?.focus();
  }, []);

  // A half-typed entry (a household chosen, a note or points typed) is
  // not left by Alt+N without a question.
  useEffect(() => {
    unsaved.value = household || note.trim() || points.trim() ? "录入中的这条积分记录" : null;
  }, [household, note, points]);
  useEffect(() => () => void (unsaved.value = null), []);

  const save = async () => {
    const found = entryProblems({ household, item });
    setProblems(found);
    // The caret goes to the first box to fill in, not left where it was.
    const missing = (["household", "item"] as const).find((f) => found[f]);
    if (missing) focusField(missing);
    if (Object.keys(found).length > 0 || busy) return;
    await run(async () => {
      const saved = await api.addEntry({
        household: household!.code,
        item: item!.code,
        date,
        qty,
        points,
        note,
        by: item?.review ? (by?.name ?? freeBy) : "",
        photos: item?.review ? photos.map((p) => p.key) : [],
      });
      setResult(saved);
      setHousehold(null);
      setNote("");
      setPhotos([]);
      setPoints("");
      setQty("1");
      await reload();
      householdInput.current?.focus();
    }, (r) => {
      setResult(null);
      // A cap or points refusal of a fixed item is mended in 数量: its 分值
      // box is disabled, so the refusal marks and focuses 数量.
      const field = r.field === "points" && item !== null && !item.ranged ? "qty" : r.field;
      setProblems({ [field ?? "form"]: r.message });
      focusField(field);
    });
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Enter" && !e.defaultPrevented && (e.target as HTMLElement).tagName !== "BUTTON") {
      e.preventDefault();
      save();
    }
  };

  const names = new Map(households.value.map((h) => [h.code, h.head]));
  const byId = new Map(today.map((e) => [e.id, e]));
  const reversedIds = new Set(today.map((e) => e.reverses).filter((r): r is string => r !== null));

  return (
    <section class="screen entry">
      <h1>录入积分</h1>
      <OperatorBar next="household" />
      <form class="entry-form" onKeyDown={onKey} onSubmit={(e) => e.preventDefault()}>
        <HouseholdPicker
          id="household"
          value={household}
          onPick={(h) => {
            setHousehold(h);
            if (!h) return;
            // The refusal about the household is mended: it goes.
            setProblems((was) => ({ ...was, household: undefined }));
            itemInput.current?.focus();
          }}
          placeholder="如 01001、张三丰 或 zsf"
          error={problems.household}
          inputRef={householdInput}
        />
        <Picker
          id="item"
          label="项目（编号 / 名称 / 拼音）"
          list={items.value}
          keyOf={itemKey}
          show={showItem}
          value={item}
          onPick={(i) => {
            setItem(i);
            if (!i) return;
            // A new item starts from what it allows: a value typed for the
            // last one (a refused 8 on a ranged item) must not stick.
            setPoints("");
            setQty("1");
            setProblems({});
            qtyInput.current?.focus();
          }}
          placeholder="如 A08、村民会议 或 cjcm"
          error={problems.item}
          inputRef={itemInput}
        />
        <div class="row">
          <div class={`field narrow ${problems.qty ? "has-error" : ""}`}>
            <label for="qty">数量</label>
            <input
              id="qty"
              ref={qtyInput}
              inputMode="numeric"
              value={qty}
              onInput={(e) => {
                setQty(e.currentTarget.value);
                setProblems((was) => ({ ...was, qty: undefined }));
              }}
              {...selectQty}
            />
          </div>
          <div class={`field narrow ${problems.points ? "has-error" : ""}`}>
            <label for="points">分值</label>
            <input
              id="points"
              inputMode="decimal"
              value={points}
              disabled={item !== null && !item.ranged}
              placeholder={item ? (item.ranged ? `${item.min}–${item.max}` : `${item.min}（固定）`) : ""}
              onInput={(e) => {
                setPoints(e.currentTarget.value);
                setProblems((was) => ({ ...was, points: undefined }));
              }}
            />
          </div>
          <DateField
            id="date"
            label="日期"
            value={date}
            onChange={(d) => {
              setDate(d);
              if (problems.date) setProblems({ ...problems, date: undefined });
            }}
            error={problems.date}
            onError={(message) => setProblems({ ...problems, date: message })}
          />
          <div class="field wide">
            <label for="note">备注</label>
            <input id="note" maxLength={200} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
          <button id="save" type="button" class="primary big" onClick={save} disabled={busy}>
            保存（Enter）
          </button>
        </div>
        {item?.review && (
          <div class="row review-fields">
            {registrars.length > 0 ? (
              <Picker
                id="by"
                label="登记人（村民小组长、网格员或文书）"
                list={registrars}
                keyOf={(p) => ({ code: p.group ?? "", name: p.name, initials: p.initials })}
                show={(p) => `${p.name}（${p.group ?? p.roleName}）`}
                value={by}
                onPick={setBy}
                error={problems.by}
              />
            ) : (
              <div class={`field ${problems.by ? "has-error" : ""}`}>
                <label for="by">登记人</label>
                <input id="by" value={freeBy} placeholder="不填则为录入人" onInput={(e) => setFreeBy(e.currentTarget.value)} />
              </div>
            )}
            <div class="field">
              <label>证明照片（可不附）</label>
              <span class="row">
                <button
                  id="attach-photos"
                  type="button"
                  onClick={() =>
                    api.attachPhotos().then(
                      (more) => setPhotos([...photos, ...more.filter((m) => !photos.some((p) => p.key === m.key))]),
                      (e) => setProblems({ form: e.message }),
                    )
                  }
                >
                  添加照片…
                </button>
                <Photos keys={photos.map((p) => p.key)} />
                {photos.length > 0 && (
                  <button type="button" class="small" onClick={() => setPhotos([])}>
                    清除照片
                  </button>
                )}
              </span>
            </div>
          </div>
        )}
        {item && (
          <p class="hint">
            {item.review && <strong class="warn-text">须经评议：保存即登记，评议通过后才入账 · </strong>}
            {item.category} · {worth(item)}
            {item.cap && ` · ${item.cap}`}
            {item.veto && " · 一票否决项"}
            {item.note && ` · ${item.note}`}
          </p>
        )}
        {(["qty", "points", "note", "operator", "by", "file", "form", "reason"] as const).map(
          (f) => <ErrorBox key={f} text={problems[f]} />,
        )}
        {result && <SavedLine saved={result} names={names} />}
      </form>

      <h2>今天录入的记录</h2>
      <div id="today" class="today">
        <VirtualTable
          rows={today}
          rowKey={(e) => e.id}
          rowClass={(e) => (e.reverses || reversedIds.has(e.id) ? "struck" : "")}
          empty="今天还没有录入"
          columns={[
            { title: "时间", width: "4rem", cell: (e) => e.recordedAt.slice(11, 16) },
            { title: "户号", width: "5rem", cell: (e) => e.household },
            { title: "户主", width: "minmax(5rem, 1fr)", cell: (e) => names.get(e.household) ?? "" },
            {
              title: "项目",
              width: "minmax(8rem, 1.6fr)",
              cell: (e) => `${e.reverses ? "冲销：" : ""}${e.itemName}${e.qty > 1 ? ` ×${e.qty}` : ""}`,
            },
            {
              title: "分值",
              width: "4rem",
              align: "right",
              cell: (e) => <span class={e.points.startsWith("-") ? "minus" : "plus"}>{signed(e.points)}</span>,
            },
            { title: "日期", width: "6.5rem", cell: (e) => e.date },
            {
              title: "备注",
              width: "minmax(6rem, 2fr)",
              cell: (e) => {
                const note = e.reverses ? `原因：${e.note}（冲销 ${byId.get(e.reverses)?.itemName ?? "早先的记录"}）` : e.note;
                return note;
              },
            },
            {
              title: "",
              width: "5rem",
              cell: (e) =>
                !e.reverses &&
                !reversedIds.has(e.id) && (
                  <button class="small" data-reverse={e.id} onClick={() => setReversing(e)}>
                    冲销…
                  </button>
                ),
            },
          ]}
        />
      </div>
      {reversing && (
        <ReverseDialog
          title="冲销一条记录"
          what={`${reversing.household} ${names.get(reversing.household) ?? ""} · ${reversing.itemName} ${signed(reversing.points)} 分（${reversing.date}）`}
          reverse={(reason) => api.reverseEntry(reversing.id, reason)}
          onDone={async (saved) => {
            setReversing(null);
            if (saved) {
              setResult(saved);
              say("已冲销");
              await reload();
            }
            householdInput.current?.focus();
          }}
        />
      )}
    </section>
  );
}

function SavedLine({ saved, names }: { saved: Saved; names: Map<string, string> }) {
  const r = saved.registration;
  if (r) {
    return (
      <div class="saved-box" role="status" id="saved">
        已登记第 <strong id="saved-registration">{r.id}</strong> 号：{r.household} {r.head} · {r.itemName}{" "}
        <strong>{signed(r.points)} 分</strong>，登记人 {r.by}
        {r.photos.length > 0 && `，附照片 ${r.photos.length} 张`}。待评议，评议通过后才入账。
      </div>
    );
  }
  const e = saved.entries[0];
  const s = saved.standing;
  return (
    <div class="saved-box" role="status" id="saved">
      已入账：{e.household} {names.get(e.household)} · {e.reverses ? "冲销 " : ""}
      {e.itemName} <strong>{signed(e.points)} 分</strong>
      {s && (
        <>
          。{s.label}得分 <strong id="saved-score">{s.score}</strong>，年度累计 {s.yearToDate}
        </>
      )}
      {saved.capLeft !== null && <>；本项在封顶内还可记 {saved.capLeft} 分</>}
    </div>
  );
}
