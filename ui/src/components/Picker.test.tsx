import { render } from "preact";
import { useState } from "preact/hooks";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { Picker } from "./Picker";

interface Thing {
  code: string;
  name: string;
  initials: string[];
  spelling: string;
}

const things: Thing[] = [
  { code: "A01", name: "拾金不昧", initials: ["s", "j", "b", "m"], spelling: "shijinbumei" },
  { code: "A08", name: "参加义务劳动", initials: ["c", "j", "y", "w", "l", "d"], spelling: "canjiayiwulaodong" },
  { code: "B07", name: "乱倒垃圾", initials: ["l", "d", "l", "j"], spelling: "luandaolaji" },
];

function Form() {
  const [value, setValue] = useState<Thing | null>(things[0]);
  return (
    <Picker
      id="thing"
      label="项目"
      list={things}
      keyOf={(t) => t}
      show={(t) => `${t.code} ${t.name}`}
      value={value}
      onPick={setValue}
    />
  );
}

/** Types `text` key by key into the focused box, as a person would. */
function type(box: HTMLInputElement, text: string) {
  for (const ch of text) {
    act(() => {
      // A box whose text is selected (as on focus) is replaced by the key.
      const selected = box.selectionStart === 0 && box.selectionEnd === box.value.length && box.value !== "";
      box.value = selected ? ch : box.value + ch;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }
}

describe("Picker", () => {
  afterEach(() => render(null, document.body));

  // Issue 12, defect 1: typing over a chosen item lost its first letter.
  it("starts a new search with every key kept when it already holds a choice", () => {
    act(() => render(<Form />, document.body));
    const box = document.querySelector<HTMLInputElement>("#thing")!;
    act(() => box.focus());
    box.select();
    type(box, "yiwu");
    expect(box.value).toBe("yiwu");
    expect(document.querySelector(".matches li")!.textContent).toContain("A08");

    box.select();
    type(box, "B07");
    expect(box.value).toBe("B07");
    expect(document.querySelector(".matches li")!.textContent).toContain("乱倒垃圾");
  });
});
