// A household's 积分超市 balance in one line, as the counter and 户账 show
// it: what it may spend, then what was earned, redeemed and lapsed.

import type { BalanceView } from "../ipc/bindings";

export function BalanceLine(p: { id: string; balance: BalanceView; class?: string; note?: string }) {
  const b = p.balance;
  return (
    <p id={p.id} class={p.class}>
      可兑换余额 <strong>{b.balance}</strong> 分
      <span class="muted">
        （累计 {b.earned}，已兑换 {b.redeemed}
        {b.lapsed !== "0" && `，过期 ${b.lapsed}`}
        {p.note && `；${p.note}`}）
      </span>
    </p>
  );
}
