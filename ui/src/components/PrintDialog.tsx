// The print dialog of a notice (a quarter's or a year's) or a household's
// statement: its options, then the preview. A refusal (a name the fonts cannot draw, say) is shown
// in the dialog.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { Refused } from "../ipc/api";
import { Modal } from "./Modal";
import { usePreview } from "./Preview";
import { ErrorBox } from "./ErrorBox";

export interface PrintOptions {
  large: boolean;
  byGroup: boolean;
  a3: boolean;
  /** 张贴版: A3 and type read from 2 m (a quarter's notice only). */
  board: boolean;
}

export function PrintDialog(p: {
  /** The dialog's title, e.g. `打印2025年第一季度公示`. */
  title: string;
  /** The preview's title. */
  printout: string;
  /** Offer 按村民小组分页 and 张贴版 (quarterly notices). */
  byGroup?: boolean;
  /** Said above the options, e.g. that a draft is printed. */
  children?: ComponentChildren;
  make: (options: PrintOptions) => Promise<ArrayBuffer>;
  onClose: () => void;
}) {
  const [options, setOptions] = useState<PrintOptions>({ large: false, byGroup: false, a3: false, board: false });
  const [error, setError] = useState<string | null>(null);
  const { making, print, preview } = usePreview(p.onClose);
  const make = () => print(p.printout, () => p.make(options)).catch((e: Refused) => setError(e.message));
  const check = (key: keyof PrintOptions, label: string, disabled = false) => (
    <label class="check">
      <input
        type="checkbox"
        data-option={key}
        checked={options[key]}
        disabled={disabled}
        onChange={(e) => setOptions({ ...options, [key]: e.currentTarget.checked })}
      />{" "}
      {label}
    </label>
  );
  if (preview) return preview;
  return (
    <Modal title={p.title} confirm="预览" busy={making} onConfirm={make} onCancel={p.onClose}>
      {p.children}
      {check("large", "大字版（便于老人阅读）", options.board)}
      {p.byGroup && check("byGroup", "按村民小组分页")}
      {check("a3", "A3 纸（张贴用）", options.board)}
      {p.byGroup && check("board", "张贴版（A3 纸、特大字，2 米外可读）")}
      {making && <p class="muted">正在生成…</p>}
      <ErrorBox text={error} />
    </Modal>
  );
}
