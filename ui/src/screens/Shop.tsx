// 积分超市: the shop's counter. Find the household as in 录入 and see what
// it may spend; add goods by code or pinyin with their quantities (Enter
// moves on); confirm, and the receipt's preview opens. Below: today's
// redemptions (each can be cancelled with a reason), the goods with their
// stock, stock in, new goods and the month's report. The balance is apart
// from the honour score: nothing here moves a ranking.

import { useEffect, useRef, useState } from "preact/hooks";
import { BalanceLine } from "../components/BalanceLine";
import { HouseholdPicker } from "../components/HouseholdPicker";
import { Modal } from "../components/Modal";
import { Picker } from "../components/Picker";
import { usePreview } from "../components/Preview";
import { ReverseDialog } from "../components/ReverseDialog";
import { api, Refused } from "../ipc/api";
import type { Customer, GoodsRow, HouseholdRow, Quote, RedemptionRow, ShopView } from "../ipc/bindings";
import { book, households, say } from "../state";
import { ErrorBox } from "../components/ErrorBox";

const goodsKey = (g: GoodsRow) => ({ code: g.code, name: g.name, initials: g.initials, spelling: g.spelling });
const showGoods = (g: GoodsRow) => `${g.code} ${g.name}  ${g.price} 分/${g.unit}（库存 ${g.stock}）`;

interface Line {
  goods: GoodsRow;
  qty: string;
}

export function Shop() {
  const [view, setView] = useState<ShopView | null>(null);
  const [household, setHousehold] = useState<HouseholdRow | null>(null);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [goods, setGoods] = useState<GoodsRow | null>(null);
  const [qty, setQty] = useState("1");
  const [lines, setLines] = useState<Line[]>([]);
  const [quote, setQuote] = useState<Quote | null>(null);
  const [paper, setPaper] = useState("a5");
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState<RedemptionRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { making, print, preview } = usePreview(() => householdInput.current?.focus());
  const householdInput = useRef<HTMLInputElement>(null);
  const goodsInput = useRef<HTMLInputElement>(null);
  const qtyInput = useRef<HTMLInputElement>(null);

  const fail = (e: unknown) => setError((e as Refused).message);
  useEffect(() => {
    api.shop().then(setView, fail);
    householdInput.current?.focus();
  }, []);
  useEffect(() => {
    setCustomer(null);
    if (household) api.customer(household.code).then(setCustomer, fail);
  }, [household]);
  useEffect(() => {
    setQuote(null);
    if (household && lines.length > 0) {
      api.quote(household.code, lines.map((l) => ({ goods: l.goods.code, qty: l.qty }))).then(setQuote, fail);
    }
  }, [household, lines]);

  const add = () => {
    setError(null);
    if (!goods) return goodsInput.current?.focus();
    const others = lines.filter((l) => l.goods.code !== goods.code);
    setLines([...others, { goods, qty }]);
    setGoods(null);
    setQty("1");
    goodsInput.current?.focus();
  };

  const printReceipt = (id: number) =>
    print(`第 ${id} 号兑换凭证`, () => api.printReceipt(id, paper)).catch(fail);

  const redeem = async () => {
    setConfirming(false);
    if (!household) return;
    try {
      const id = await api.redeem(household.code, lines.map((l) => ({ goods: l.goods.code, qty: l.qty })));
      say(`已兑换（第 ${id} 号）`);
      setLines([]);
      setView(await api.shop());
      setCustomer(await api.customer(household.code));
      await printReceipt(id);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section class="screen shop">
      <header class="toolbar">
        <h1>积分超市</h1>
        <span class="muted">{view?.rules}；兑换不影响积分排名</span>
      </header>
      <div class="card counter">
        <HouseholdPicker
          id="shop-household"
          value={household}
          onPick={(h) => {
            setHousehold(h);
            if (h) goodsInput.current?.focus();
          }}
          inputRef={householdInput}
        />
        {customer && <BalanceLine id="shop-balance" class="balance" balance={customer.balance} />}
        <div class="row">
          <Picker
            id="shop-goods"
            label="物品（编号 / 品名 / 拼音）"
            list={view?.goods ?? []}
            keyOf={goodsKey}
            show={showGoods}
            value={goods}
            onPick={(g) => {
              setGoods(g);
              if (g) qtyInput.current?.focus();
            }}
            inputRef={goodsInput}
          />
          <div class="field narrow">
            <label for="shop-qty">数量</label>
            <input
              id="shop-qty"
              ref={qtyInput}
              inputMode="numeric"
              value={qty}
              onFocus={(e) => e.currentTarget.select()}
              onInput={(e) => setQty(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  add();
                }
              }}
            />
          </div>
          <button id="shop-add" onClick={add}>
            加入（Enter）
          </button>
        </div>
        {lines.length > 0 && (
          <table class="plain" id="shop-lines">
            <thead>
              <tr>
                <th>物品</th>
                <th class="right">数量</th>
                <th class="right">单价</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.goods.code}>
                  <td>
                    {l.goods.code} {l.goods.name}
                  </td>
                  <td class="right">
                    {l.qty} {l.goods.unit}
                  </td>
                  <td class="right">{l.goods.price}</td>
                  <td>
                    <button class="small" onClick={() => setLines(lines.filter((x) => x !== l))}>
                      去掉
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div class="row">
          <span id="shop-quote" class={quote?.problem ? "warn-text" : ""}>
            {quote?.problem ?? (quote && `合计 ${quote.total} 分，兑换后余额 ${quote.balanceAfter} 分`)}
          </span>
          <span class="spacer" />
          <select id="shop-paper" value={paper} onChange={(e) => setPaper(e.currentTarget.value)} aria-label="凭证纸张">
            <option value="a5">凭证：A5 纸</option>
            <option value="80mm">凭证：80 毫米小票</option>
          </select>
          <button
            id="shop-redeem"
            class="primary"
            disabled={!household || lines.length === 0 || !quote || quote.problem !== null || making}
            onClick={() => setConfirming(true)}
          >
            确认兑换…
          </button>
        </div>
        <ErrorBox text={error} />
      </div>
      <Today view={view} onReprint={printReceipt} onCancel={setCancelling} />
      <Goods view={view} onChange={setView} onReport={(month) => print(`${month} 兑换台账`, () => api.printShopReport(month))} />
      {confirming && household && quote && (
        <Modal title="确认兑换" confirm="兑换并打印凭证" onConfirm={redeem} onCancel={() => setConfirming(false)}>
          <p>
            {household.code} {household.head}：{lines.map((l) => `${l.goods.name} ${l.qty} ${l.goods.unit}`).join("、")}
          </p>
          <p>
            合计 {quote.total} 分，兑换后余额 {quote.balanceAfter} 分。兑换错了可以作废，物品回库、积分退回。
          </p>
        </Modal>
      )}
      {cancelling && (
        <ReverseDialog
          title="作废一次兑换"
          verb="作废"
          note="兑换记录不会被删除：作废后物品回库、积分退回，记录上注明原因。"
          what={`第 ${cancelling.id} 号：${cancelling.household} · ${cancelling.goods}（${cancelling.cost} 分）`}
          reverse={(reason) => api.cancelRedemption(cancelling.id, reason)}
          onDone={async (next) => {
            setCancelling(null);
            if (next) {
              setView(next);
              say("已作废，物品回库、积分退回");
              if (household) setCustomer(await api.customer(household.code));
            }
          }}
        />
      )}
      {preview}
    </section>
  );
}

function Today(p: { view: ShopView | null; onReprint: (id: number) => void; onCancel: (r: RedemptionRow) => void }) {
  const names = new Map(households.value.map((h) => [h.code, h.head]));
  return (
    <div class="card">
      <h2>今天的兑换</h2>
      {p.view?.today.length === 0 && <p class="muted">今天还没有兑换。</p>}
      <ul class="redemptions" id="shop-today">
        {p.view?.today.map((r) => (
          <li key={r.id} class={r.cancelled ? "struck" : ""}>
            第 {r.id} 号 · {r.household} {names.get(r.household)} · {r.goods} · {r.cost} 分
            {r.cancelled ? (
              <span class="muted">（已作废：{r.cancelled}）</span>
            ) : (
              <>
                {" "}
                <button class="small" onClick={() => p.onReprint(r.id)}>
                  凭证…
                </button>{" "}
                <button class="small" data-cancel={r.id} onClick={() => p.onCancel(r)}>
                  作废…
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The goods with their stock; stock in, new goods, the month's report. */
/** The goods, stock in and the month's report; each form's refusal shows beside it. */
function Goods(p: { view: ShopView | null; onChange: (v: ShopView) => void; onReport: (month: string) => Promise<void> }) {
  const [stockGoods, setStockGoods] = useState("");
  const [stockQty, setStockQty] = useState("");
  const [source, setSource] = useState("");
  const [form, setForm] = useState({ code: "", name: "", unit: "", price: "" });
  const [month, setMonth] = useState(book.value?.today.slice(0, 7) ?? "");
  // Open at first for a shop with no goods yet; then as the clerk leaves it.
  const [open, setOpen] = useState<boolean | null>(null);
  // The refusal of each form: stock in, a new item, the month's report.
  const [errors, setErrors] = useState<{ stock?: string; goods?: string; report?: string }>({});
  useEffect(() => {
    if (open === null && p.view) setOpen(p.view.goods.length === 0);
  }, [p.view]);
  const act = async (form: "stock" | "goods", what: () => Promise<ShopView>, done: string) => {
    setErrors({});
    try {
      p.onChange(await what());
      say(done);
      return true;
    } catch (e) {
      setErrors({ [form]: (e as Refused).message });
      return false;
    }
  };
  return (
    <details class="card goods" open={open ?? false} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>物品、入库与月度台账</summary>
      <table class="plain" id="shop-goods-list">
        <thead>
          <tr>
            <th>编号</th>
            <th>品名</th>
            <th>单位</th>
            <th class="right">单价</th>
            <th class="right">库存</th>
          </tr>
        </thead>
        <tbody>
          {p.view?.goods.map((g) => (
            <tr key={g.code}>
              <td>{g.code}</td>
              <td>{g.name}</td>
              <td>{g.unit}</td>
              <td class="right">{g.price}</td>
              <td class="right">{g.stock}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <div class="field">
          <label for="stock-goods">入库物品</label>
          <select id="stock-goods" value={stockGoods} onChange={(e) => setStockGoods(e.currentTarget.value)}>
            <option value="">选择物品</option>
            {p.view?.goods.map((g) => (
              <option key={g.code} value={g.code}>
                {g.code} {g.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field narrow">
          <label for="stock-qty">数量</label>
          <input id="stock-qty" value={stockQty} onInput={(e) => setStockQty(e.currentTarget.value)} />
        </div>
        <div class="field wide">
          <label for="stock-source">来源</label>
          <input id="stock-source" value={source} placeholder="如 爱心企业捐赠、村集体采购" onInput={(e) => setSource(e.currentTarget.value)} />
        </div>
        <button
          id="stock-in"
          onClick={async () => {
            if (await act("stock", () => api.receiveStock(stockGoods, stockQty, source), "已入库")) setStockQty("");
          }}
        >
          入库
        </button>
      </div>
      <ErrorBox text={errors.stock} id="stock-error" />
      <div class="row">
        {(["code", "name", "unit", "price"] as const).map((k) => (
          <div class={`field ${k === "name" ? "wide" : "narrow"}`} key={k}>
            <label for={`goods-${k}`}>{{ code: "新物品编号", name: "品名", unit: "单位", price: "单价（分）" }[k]}</label>
            <input id={`goods-${k}`} value={form[k]} onInput={(e) => setForm({ ...form, [k]: e.currentTarget.value })} />
          </div>
        ))}
        <button
          id="goods-add"
          onClick={async () => {
            if (await act("goods", () => api.addGoods(form), `已添加 ${form.name}`)) setForm({ code: "", name: "", unit: "", price: "" });
          }}
        >
          添加物品
        </button>
      </div>
      <ErrorBox text={errors.goods} id="goods-error" />
      <div class="row">
        <div class="field narrow">
          <label for="report-month">月份</label>
          <input id="report-month" value={month} onInput={(e) => setMonth(e.currentTarget.value)} />
        </div>
        <button
          id="shop-report"
          onClick={() => {
            setErrors({});
            p.onReport(month).catch((e: Refused) => setErrors({ report: e.message }));
          }}
        >
          打印月度台账…
        </button>
      </div>
      <ErrorBox text={errors.report} id="report-error" />
    </details>
  );
}
