import { describe, expect, it } from "vitest";
import { entryProblems, isActiveOn, parseCodes, signed, worth } from "./forms";
import type { HouseholdRow, ItemRow } from "./ipc/bindings";

const household = { code: "01001", head: "张三丰" } as HouseholdRow;
const fixed = { code: "A08", kind: "add", min: "1", max: "1", ranged: false, unit: "次" } as ItemRow;
const ranged = { code: "A04", kind: "add", min: "3", max: "10", ranged: true, unit: null } as ItemRow;

describe("entryProblems", () => {
  const ok = { household, item: fixed, qty: "1", points: "", date: "2025-11-03" };

  it("passes a complete fixed-points entry", () => {
    expect(entryProblems(ok)).toEqual({});
  });

  it("names each missing or malformed field", () => {
    const p = entryProblems({ household: null, item: null, qty: "0", points: "-1", date: "2025/11/3" });
    expect(Object.keys(p).sort()).toEqual(["date", "household", "item", "points", "qty"]);
  });

  it("asks for points on a ranged item, and says the range", () => {
    expect(entryProblems({ ...ok, item: ranged }).points).toContain("3–10");
    expect(entryProblems({ ...ok, item: ranged, points: "4.5" })).toEqual({});
  });

  it("refuses more than two decimals", () => {
    expect(entryProblems({ ...ok, item: ranged, points: "4.555" }).points).toBeDefined();
  });
});

describe("parseCodes", () => {
  it("splits on any separator a clerk might paste, drops repeats, and reports unknown codes", () => {
    const known = new Set(["01001", "01002", "01003"]);
    const r = parseCodes("01001\n01002，01002、 99999;01003", known);
    expect(r.codes).toEqual(["01001", "01002", "01003"]);
    expect(r.unknown).toEqual(["99999"]);
  });
});

describe("display", () => {
  it("signs points and describes worth", () => {
    expect(signed("2")).toBe("+2");
    expect(signed("-2.5")).toBe("-2.5");
    expect(worth(fixed)).toBe("+1 分/次");
    expect(worth({ ...ranged, kind: "deduct" })).toBe("−3–10 分");
  });
});

describe("isActiveOn", () => {
  it("counts the move-in and move-out days as on the roster", () => {
    const h = { activeFrom: "2025-03-01", activeTo: "2025-06-13" };
    expect(isActiveOn(h, "2025-03-01")).toBe(true);
    expect(isActiveOn(h, "2025-06-13")).toBe(true);
    expect(isActiveOn(h, "2025-06-14")).toBe(false);
    expect(isActiveOn(h, "2025-02-28")).toBe(false);
    expect(isActiveOn({ activeFrom: null, activeTo: null }, "1999-01-01")).toBe(true);
  });
});
