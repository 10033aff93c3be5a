import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TownView } from "../ipc/bindings";

const view: TownView = {
  town: "",
  issuer: "",
  files: [
    { path: "/a.csv", fileName: "a.csv", village: "青溪村（330109001）", quarter: "2025年第一季度", households: 120, problem: null },
    { path: "/b.csv", fileName: "b.csv", village: null, quarter: null, households: 0, problem: "b.csv 第 3 行第 8 列「本季加分」：「x」不是数字" },
  ],
  label: "2025年第一季度",
  rows: [
    { rank: 1, code: "330109001", name: "青溪村", households: 120, addTotal: "900", deductTotal: "30", avgScore: "7.25", avgYearToDate: "107.25", vetoed: 1, participationPct: "86.67", published: true, verification: "1A2B-3C4D" },
  ],
  totals: "1 个村，120 户",
  problem: null,
};

vi.mock("../ipc/api", () => ({
  api: { town: () => Promise.resolve(view) },
  Refused: class extends Error {},
}));

const { Town } = await import("./Town");

describe("镇汇总", () => {
  afterEach(() => render(null, document.body));

  it("marks each file, ranks the villages and charts them", async () => {
    render(<Town />, document.body);
    await vi.waitFor(() => expect(document.querySelector("#town-table")).not.toBeNull());
    const files = document.querySelector("#town-files")!.textContent!;
    expect(files).toContain("✓");
    expect(files).toContain("✗");
    expect(files).toContain("「x」不是数字");
    const table = document.querySelector("#town-table")!.textContent!;
    expect(table).toContain("青溪村");
    expect(table).toContain("107.25");
    expect(document.querySelectorAll(".chart rect").length).toBeGreaterThanOrEqual(2);
    // Issue 12, defect 20: every value label sits inside the chart, the tallest bar's too.
    for (const t of document.querySelectorAll(".chart text")) expect(Number(t.getAttribute("y") ?? "1")).toBeGreaterThan(0);
    expect(document.querySelector("h1")!.textContent).toContain("2025年第一季度");
  });
});
