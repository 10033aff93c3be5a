// 设置: who enters points, the village's letterhead, and backups — now,
// on close, to a folder the clerk picks — with restore from any of them.

import { useEffect, useState } from "preact/hooks";
import { Modal } from "../components/Modal";
import { useTask } from "../components/useTask";
import { api, Refused } from "../ipc/api";
import type { BackupFile, RestoreLoss, SettingsView } from "../ipc/bindings";
import { book, households, opened, say } from "../state";
import { ErrorBox } from "../components/ErrorBox";

export function Settings() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [operator, setOperator] = useState("");
  const [issuer, setIssuer] = useState("");
  const [objectionsTo, setObjectionsTo] = useState("");
  const [restoring, setRestoring] = useState<BackupFile | null>(null);
  // What the chosen backup lacks that the book has: said before restoring.
  const [loss, setLoss] = useState<RestoreLoss | null>(null);
  useEffect(() => {
    setLoss(null);
    if (restoring) api.restoreLoss(restoring.path).then(setLoss, () => setLoss(null));
  }, [restoring]);
  const { busy, error, setError, run } = useTask();

  const show = (v: SettingsView) => {
    setView(v);
    setOperator(v.operator);
    setIssuer(v.issuer);
    setObjectionsTo(v.objectionsTo);
  };
  useEffect(() => {
    api.settings().then(show, (e: Refused) => setError(e.message));
  }, []);


  if (!view) return <section class="screen"><ErrorBox text={error} /></section>;
  return (
    <section class="screen settings">
      <h1>设置</h1>
      <ErrorBox text={error} />
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            show(await api.saveSettings(operator, issuer, objectionsTo));
            if (book.value) book.value = { ...book.value, operator: operator.trim() };
            say("设置已保存");
          });
        }}
      >
        <h2>录入与公示</h2>
        <div class="field">
          <label for="set-operator">录入人（写在每条记录上）</label>
          <input id="set-operator" value={operator} onInput={(e) => setOperator(e.currentTarget.value)} />
        </div>
        <p class="muted">
          村名：{view.village} · 村代码：{view.code}
        </p>
        <div class="field">
          <label for="set-issuer">公示落款单位</label>
          <input id="set-issuer" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="set-objections">异议受理单位</label>
          <input id="set-objections" value={objectionsTo} onInput={(e) => setObjectionsTo(e.currentTarget.value)} />
        </div>
        <button type="submit" class="primary" disabled={busy}>
          保存设置
        </button>
      </form>
      <ImportCard />
      <div class="card">
        <h2>备份</h2>
        <p>
          备份到：<code>{view.backupDir}</code>{" "}
          <button onClick={() => run(async () => show(await api.chooseBackupDir()))}>换个文件夹（如 U 盘）…</button>
        </p>
        <p id="last-backup">上次备份：{view.lastBackup ?? "还没有备份过"}</p>
        <label class="check">
          <input
            type="checkbox"
            checked={view.backupOnClose}
            onChange={(e) => run(async () => show(await api.setBackupOnClose(e.currentTarget.checked)))}
          />
          关闭程序时自动备份
        </label>
        <button id="backup-now" class="primary" disabled={busy} onClick={() => run(async () => { show(await api.backupNow()); say("备份完成"); })}>
          {busy ? "正在备份…" : "立即备份"}
        </button>
        <h3>备份文件夹里的备份</h3>
        <table class="plain" id="backups">
          <tbody>
            {view.backups.length === 0 && (
              <tr>
                <td class="muted">没有备份</td>
              </tr>
            )}
            {view.backups.map((b) => (
              <tr key={b.path}>
                <td>{b.fileName}</td>
                <td>{b.modified}</td>
                <td class="right">{b.sizeKb} KB</td>
                <td>
                  <button class="small" data-restore={b.fileName} onClick={() => setRestoring(b)}>
                    恢复…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {restoring && (
        <Modal
          title="从备份恢复"
          confirm="确认恢复"
          danger
          busy={busy}
          onCancel={() => setRestoring(null)}
          onConfirm={() =>
            run(async () => {
              const info = await api.restoreBackup(restoring.path);
              setRestoring(null);
              await opened(info);
              show(await api.settings());
              say(`已从 ${restoring.fileName} 恢复`);
            })
          }
        >
          <p>
            用 <strong>{restoring.fileName}</strong>（{restoring.modified}）替换当前积分簿。
          </p>
          <p id="restore-loss" class={loss && lost(loss) ? "warn-text" : "muted"}>
            {loss === null
              ? "正在清点备份之后录入的内容…"
              : lost(loss)
                ? `备份之后录入的 ${loss.entries} 条积分记录、${loss.registrations} 条登记、${loss.redemptions} 笔兑换不在备份里，恢复后将不在积分簿中。`
                : "备份之后没有录入新的积分记录、登记或兑换，恢复不会少掉这些。"}
          </p>
          <p class="muted">当前的积分簿会先另存一份（文件名带「恢复前」），需要时还能找回。</p>
        </Modal>
      )}
    </section>
  );
}

/** Roster and entries files. Refusals show here, by the buttons, where the
 * clerk is looking; a file with likely duplicates asks before adding them. */
function ImportCard() {
  const { busy, error, setError, run } = useTask();
  const [doubles, setDoubles] = useState<string | null>(null);
  const importing = (what: "households" | "entries", anyway: boolean) => {
    setDoubles(null);
    return run(async () => {
      const done = await api.importTable(what, anyway);
      if (done) {
        households.value = await api.households();
        say(done);
      }
    }, (r) => (r.code === "likely_duplicates" ? setDoubles(r.message) : setError(r.message)));
  };
  return (
    <div class="card" id="import">
      <h2>导入</h2>
      <p class="muted">CSV（UTF-8 或 GBK）或 Excel 表格，表头用中文或英文。整个文件一起导入：有一处不对就都不导入，并列出每处问题（文件、行、列）。同一个文件不会导入两次。</p>
      <div class="row">
        {(["households", "entries"] as const).map((what) => (
          <button key={what} id={`import-${what}`} disabled={busy} onClick={() => importing(what, false)}>
            {what === "households" ? "导入花名册…" : "导入积分记录…"}
          </button>
        ))}
        {busy && <span class="muted">正在处理，请稍候…</span>}
      </div>
      <ErrorBox text={error} id="import-error" />
      {doubles && (
        <Modal
          title="可能是重复导入"
          confirm="核对过，仍然导入"
          busy={busy}
          onConfirm={() => importing("entries", true)}
          onCancel={() => {
            setDoubles(null);
            say("已取消，没有导入");
          }}
        >
          <p class="pre">{doubles}</p>
        </Modal>
      )}
    </div>
  );
}

/** Whether restoring would drop anything recorded since the backup. */
function lost(l: RestoreLoss): boolean {
  return l.entries + l.registrations + l.redemptions > 0;
}
