// 人员: who acts in the village's scheme — the clerk, the review panel,
// the supervisors and the registrars of each group. Nobody is deleted:
// someone who no longer serves is marked 停用 and their records stay.

import { useEffect, useState } from "preact/hooks";
import { api, Refused } from "../ipc/api";
import type { PersonRow } from "../ipc/bindings";
import { say } from "../state";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";

const ROLES: [string, string][] = [
  ["评议", "评议小组成员"],
  ["组长", "村民小组长或网格员"],
  ["文书", "文书"],
  ["监督", "村务监督委员会成员"],
];

export function People(p: { onClose: () => void }) {
  const [list, setList] = useState<PersonRow[]>([]);
  const [name, setName] = useState("");
  const [role, setRole] = useState("评议");
  const [group, setGroup] = useState("");
  const [phone, setPhone] = useState("");
  const [error, setError] = useState<string | null>(null);
  // 停用 cannot be undone: it is asked first.
  const [retiring, setRetiring] = useState<PersonRow | null>(null);

  useEffect(() => {
    api.people().then(setList, (e: Refused) => setError(e.message));
  }, []);

  const act = async (what: () => Promise<PersonRow[]>, done: string) => {
    setError(null);
    try {
      setList(await what());
      say(done);
      return true;
    } catch (e) {
      setError((e as Refused).message);
      return false;
    }
  };

  const add = async () => {
    if (await act(() => api.addPerson({ name, role, group: role === "组长" ? group : "", phone }), `已添加 ${name.trim()}`)) {
      setName("");
      setPhone("");
      document.getElementById("person-name")?.focus();
    }
  };

  return (
    <div class="backdrop" onKeyDown={(e) => e.key === "Escape" && p.onClose()}>
      <div class="modal wide" role="dialog" aria-modal="true" aria-label="人员">
        <header class="toolbar">
          <h2>人员</h2>
          <span class="spacer" />
          <button onClick={p.onClose}>关闭</button>
        </header>
        <table class="plain" id="people">
          <thead>
            <tr>
              <th>姓名</th>
              <th>职责</th>
              <th>小组</th>
              <th>电话</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.length === 0 && (
              <tr>
                <td colSpan={5} class="muted">
                  还没有登记人员：登记人可以是任何人，评议会须先添加评议小组成员
                </td>
              </tr>
            )}
            {list.map((x) => (
              <tr key={`${x.name}-${x.role}`} class={x.retired ? "struck" : ""}>
                <td>{x.name}</td>
                <td>{x.roleName}</td>
                <td>{x.group ?? ""}</td>
                <td>{x.phone ?? ""}</td>
                <td>
                  {x.retired ? (
                    <span class="muted">已停用</span>
                  ) : (
                    <button class="small" data-retire={x.name} onClick={() => setRetiring(x)}>
                      停用…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {retiring && (
          <Modal
            title="停用人员"
            confirm="停用"
            danger
            onCancel={() => setRetiring(null)}
            onConfirm={() => {
              const who = retiring;
              setRetiring(null);
              void act(() => api.retirePerson(who.name), `${who.name} 已停用`);
            }}
          >
            <p>
              停用后，{retiring.name}（{retiring.roleName}）不能再登记，也不能参加评议；以往经手的记录都保留。停用不能撤销。
            </p>
          </Modal>
        )}
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <h3>添加</h3>
          <div class="row">
            <div class="field">
              <label for="person-name">姓名</label>
              <input id="person-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="person-role">职责</label>
              <select id="person-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
                {ROLES.map(([r, label]) => (
                  <option key={r} value={r}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            {role === "组长" && (
              <div class="field narrow">
                <label for="person-group">小组</label>
                <input id="person-group" value={group} onInput={(e) => setGroup(e.currentTarget.value)} />
              </div>
            )}
            <div class="field">
              <label for="person-phone">电话（可不填）</label>
              <input id="person-phone" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
            </div>
            <button id="person-add" type="submit" class="primary">
              添加
            </button>
          </div>
        </form>
        <ErrorBox text={error} />
      </div>
    </div>
  );
}
